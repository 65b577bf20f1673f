# SPDX-License-Identifier: GPL-2.0
# differential.t - issue 18's differential CLI test: test/compat/transcript
# runs against Debian's NAT64 Jool 4.1.9 (its modules, its CLI) and then
# against jool, in this guest, each from a clean state, and
# test/compat/compare judges every invocation against
# test/compat/expected-differences. The reference is prepared on the host by
# test/compat/reference (test/run-all does it before booting); Jool 4.1.9
# builds for Linux 6.1 only, so this is the 6.1 guest's test. Both
# transcripts, their normalised forms and the diff land in the results
# directory (build/test/guest-<kver>/differential/).

ref_cli=

# Leaves the guest as the runner left it: Jool's modules gone, ours loaded.
diff_cleanup() {
	kill $(jobs -p) 2>/dev/null
	if grep -q '^jool_common ' /proc/modules; then
		[ -n "$ref_cli" ] && "$ref_cli" instance flush >/dev/null 2>&1
		rmmod jool 2>/dev/null; rmmod jool_common 2>/dev/null
	fi
	grep -q '^jool ' /proc/modules || modprobe jool
	ip netns del "${C:-none}" 2>/dev/null; ip netns del "${S:-none}" 2>/dev/null
}

# unload MODULE: waits until nothing holds it (instances of namespaces that
# earlier tests deleted are torn down asynchronously).
unload() { wait_until 60 "rmmod $1" rmmod "$1" 2>/dev/null; }

# setup_side: the reference's directory in $dir (or the test fails saying why
# the reference is missing), a results directory, and topo's namespaces with
# this one as the translator. Returns 1 on a kernel other than 6.1.
setup_side() {
	local status verdict
	kver=$(uname -r)
	case $kver in
	6.1.*) ;;
	*) echo "    Jool 4.1.9 runs on Linux 6.1 only: compared in the 6.1 guest"; return 1 ;;
	esac
	status=$JOOL_TOP/build/compat/reference-$kver
	[ -f "$status" ] || fail "no reference prepared ($status): test/compat/reference $kver on the host (test/run-all runs it)"
	read -r verdict dir < "$status"
	[ "$verdict" = ok ] || fail "the reference Jool 4.1.9 could not be prepared: $dir"
	ref_cli=$dir/root/usr/bin/jool
	[ -x "$ref_cli" ] && [ -f "$dir/jool.ko" ] && [ -f "$dir/jool_common.ko" ] || fail "incomplete reference in $dir"
	res=/results/differential
	mkdir -p "$res" || fail "cannot write $res"
	topo_net
	trap diff_cleanup EXIT
	ip link set lo up
}

# Two tests, one per side (the runner gives each its own time budget); they
# run in name order: a_ the reference, b_ jool and the verdict.
t_a_reference() {
	local kver dir res compat=$JOOL_TOP/test/compat
	setup_side || return 0
	rm -f "$res"/*
	# Both modules are jool.ko: ours leaves first.
	unload jool
	modprobe -a x_tables nf_defrag_ipv4 nf_defrag_ipv6 || fail "modprobe of Jool's dependencies"
	insmod "$dir/jool_common.ko" || fail "insmod Jool 4.1.9's jool_common.ko"
	insmod "$dir/jool.ko" || fail "insmod Jool 4.1.9's jool.ko"
	"$compat/run-transcript" "$ref_cli" "$compat/transcript" "$res/jool-4.1.9.part" $C $S ||
		fail "the transcript did not run against Jool 4.1.9"
	mv "$res/jool-4.1.9.part" "$res/jool-4.1.9.out"
	"$ref_cli" instance flush > /dev/null
	unload jool
	unload jool_common
	modprobe jool || fail "modprobe jool (ours) after Jool 4.1.9"
}

t_b_jool() {
	local kver dir res rc compat=$JOOL_TOP/test/compat
	setup_side || return 0
	[ -s "$res/jool-4.1.9.out" ] || fail "no Jool 4.1.9 transcript (differential/a_reference failed)"
	grep -q '^jool ' /proc/modules || modprobe jool
	"$compat/run-transcript" "$top/usr/jool" "$compat/transcript" "$res/jool.out" $C $S ||
		fail "the transcript did not run against jool"
	jool instance flush > /dev/null
	"$compat/compare" "$res/jool-4.1.9.out" "$res/jool.out" "$compat/expected-differences" "$res" \
		> "$res/verdict" 2>&1
	rc=$?
	sed 's/^/    /' "$res/verdict" | head -n 200
	[ $rc -eq 0 ] || fail "differences above; both transcripts and the diff are in build/test/guest-$kver/differential/"
}
