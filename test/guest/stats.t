# SPDX-License-Identifier: GPL-2.0
# stats.t - watching a translator: counters in every format, and globals
# changed while traffic flows.

t_stats_formats() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp
	inns $C ping -c 2 -i 0.3 -W 2 $SRV6 >/dev/null || fail "ping"
	local text; text=$(ok jool stats display)
	echo "$text" | grep -qx "JSTAT_RECEIVED6: 2" || fail "text format: $text"
	echo "$text" | grep -qx "JSTAT_BIB_ENTRIES: 1" || fail "BIB gauge: $text"
	echo "$text" | grep -qx "JSTAT_SESSIONS: 1" || fail "session gauge: $text"
	echo "$text" | grep -q ": 0$" && fail "zero counters shown without --all: $text"
	local all; all=$(ok jool stats display --all)
	eq "$(echo "$all" | grep -c '^JSTAT')" "$(( $(ok jool stats display --all --csv --no-headers | wc -l) ))" "--all text vs CSV rows"
	[ "$(echo "$all" | wc -l)" -ge 40 ] || fail "--all shows every counter: $(echo "$all" | wc -l) lines"
	# --explain: each counter followed by its one-line explanation.
	ok jool stats display --explain | grep -A1 -x "JSTAT_SUCCESS: 4" | tail -1 | grep -q "translated" \
		|| fail "--explain: $(jool stats display --explain | head -6)"
	eq "$(ok jool stats display --csv | head -1)" "Stat,Value" "CSV header"
	eq "$(ok jool stats display --csv --explain | head -1)" "Stat,Value,Explanation" "CSV header with --explain"
	ok jool -j stats display | jq -e 'map(select(.stat == "JSTAT_SUCCESS"))[0].value == 4' >/dev/null \
		|| fail "JSON: $(jool -j stats display)"
}

# A global update is atomic for the packet path and keeps BIB and sessions.
t_update_keeps_state() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 5000-5999
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no UDP answer"
	local bib; bib=$(ok jool bib display --udp --csv --no-headers)
	# Traffic keeps flowing while globals change under it.
	( for i in $(seq 20); do udp_ask $C $SRV6 7000 41000 >/dev/null || exit 1; done ) &
	local flow=$!
	for v in 0:03:00 0:04:00 0:05:00; do
		ok jool global update udp-timeout $v
		ok jool global update tos 32
		ok jool global update f-args 15
	done
	wait $flow || fail "traffic broke while globals changed"
	eq "$(ok jool bib display --udp --csv --no-headers)" "$bib" "BIB after the updates"
	eq "$(udp_ask $C $SRV6 7000 41000)" "$seen" "same mapping after the updates"
	eq "$(ok jool session display --udp --csv --no-headers | wc -l)" 1 "session kept"
	eq "$(ok jool global display --csv --no-headers | grep '^udp-timeout,')" "udp-timeout,0:05:00" "last update applied"
}

# The tests' counter helper cannot read a counter that is not there: when
# `jool stats display` fails (no instance) or does not list the name, the
# test calling it fails instead of comparing with 0.
t_counter_helper_fails() {
	local probe=". '$top/test/guest/lib.sh'; v=\$(counter \$0); echo \"survived \$v\""
	local out
	out=$(bash -c "$probe" JSTAT_SUCCESS 2>&1) && fail "counter without an instance did not fail: $out"
	[[ $out != *survived* ]] || fail "the test went on after an unreadable counter: $out"
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	out=$(bash -c "$probe" JSTAT_NO_SUCH_COUNTER 2>&1) && fail "unknown counter did not fail: $out"
	[[ $out == *"not shown"* ]] || fail "unknown counter: $out"
	eq "$(bash -c "$probe" JSTAT_SUCCESS 2>&1)" "survived 0" "a counter that is there"
}
