#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# guest.sh - the benchmark, inside the guest (see test/bench/run). Prints one
# table: every figure a ratio of two medians measured back to back in this
# guest, each median with its runs, the runs alternating between the things
# compared (plain, jool, Jool 4.1.9, plain, jool, ...).
#
# Parts (JOOL_TEST_BENCH_PARTS, comma separated; all by default):
#   udp    64-byte UDP datagrams of one flow, 6->4: packets/s
#   tcp    iperf3 bulk 6->4 and 4->6 (-R): Mbit/s, offloads on
#   new    new sessions/s: every datagram another (source port, destination
#          port); plain forwarding of the same walk shows the generator's
#          ceiling
#          (udp, tcp and new compare plain IPv6 forwarding, jool and, when
#          test/compat/reference prepared it, Jool 4.1.9)
#   table  jool's per-packet rate at ~1 M sessions vs 100, the measured
#          datagrams walking over every session (source port turning
#          fastest, so consecutive lookups hit different mappings); the two
#          tables live in two translator namespaces (tr, tr2) so the runs
#          alternate; memory per session at 1 M sessions with 16 sessions
#          per mapping and with one mapping per session
#   pool4  adding a /16 to pool4 in a fresh instance: time and memory
#   scale  packets/s on 1 and on 2 CPUs, plain and jool: 1 CPU = one
#          sender pinned to CPU 0, no RPS (everything runs on CPU 0); 2 CPUs
#          = one sender pinned to each CPU, 64 flows each, RPS spreading the
#          flows over both (rps_cpus on the translator's ingress veth);
#          and 2 CPUs without RPS, each sender's CPU processing its own
#          flows (as per-CPU RSS queues would: no cross-CPU handoff)
#   locks  a 2-CPU flood through plain forwarding and through jool with the
#          contended locks counted: the lock:contention_begin tracepoint
#          (sleeping locks, rwlocks, spinlocks) and a kprobe on the spinlock
#          slow path, both by kernel stack
# Rates are measured at the translator's egress (s0's tx_packets) by
# `udpblast count`, so receiving costs the measured CPUs nothing. With 2
# vCPUs, udp, new and table pin the sender to CPU 0 and RPS hands the
# translator's ingress to CPU 1 (which also runs the server's receive):
# besides packets/s, which the sender may bound, they give packets per busy
# second of CPU 1 (from /proc/stat), the cost of a packet through the box
# whatever the sender's speed.
# JOOL_TEST_BENCH_SECONDS: the length of one measured run (5);
# JOOL_TEST_BENCH_ROUNDS: runs of each thing compared (3).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=$top/usr:$PATH
B=$top/build/bench/udpblast
S=${JOOL_TEST_BENCH_SECONDS:-5}
rounds=$(seq "${JOOL_TEST_BENCH_ROUNDS:-3}")
parts=,${JOOL_TEST_BENCH_PARTS:-udp,tcp,new,table,pool4,scale,locks},
want() { case $parts in *,$1,*) return 0 ;; esac; return 1; }
. "$top/test/bench/topo.sh"

echo "# jool benchmark, $(uname -r), $(nproc) vCPUs, qemu $(cat /sys/class/dmi/id/product_name 2>/dev/null)," \
	"runs of $S s, ${JOOL_TEST_BENCH_ROUNDS:-3} rounds, parts ${parts:1:-1}"

JOOL4='' jool4_why=''
read -r verdict dir < "$top/build/compat/reference-$(uname -r)" 2>/dev/null || verdict="error no reference prepared"
if [ "$verdict" = ok ]; then JOOL4=$dir; else jool4_why=${dir:-$verdict}; fi

declare -A R	# R[key] = the runs, in order
add() { R[$1]="${R[$1]:-} $2"; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] + 0 }'; }
notes=()
note() { notes+=("$*"); }

# stat NS NAME: one of jool's counters in namespace NS.
stat() { ip netns exec "$1" jool stats display --all --csv --no-headers | awk -F, -v n="$2" '$1 == n { print $2 }'; }

# fwd NS CMD...: starts CMD (senders lasting S + 2 s) and prints the packets
# per second that NS sent out of s0 during S seconds from 0.5 s in (with CPU
# set, also that CPU's busy fraction and packets per busy CPU-second).
fwd() {
	local ns=$1; shift
	"$@" > /tmp/sent.out &
	local pid=$!
	sleep 0.5
	ip netns exec "$ns" $B count /sys/class/net/s0/statistics/tx_packets "$S" ${CPU:-}
	wait $pid
}
if [ "$(nproc)" -ge 2 ]; then W=1 PIN="taskset -c 0"; else W=0 PIN=""; fi
# fwdc KEY NS CMD...: fwd with the translator's CPU W measured: R[KEY] the
# packets/s, R[KEY.cap] the packets per busy CPU-second, R[KEY.busy].
fwdc() {
	local k=$1; shift
	# shellcheck disable=SC2046 # three numbers
	set -- $(CPU=$W fwd "$@")
	add $k "$1"; add $k.busy "$2"; add $k.cap "$3"
}
# rps NS MASK: the CPUs that receive what NS's c0 receives (0: the sender's).
rps() { ip netns exec "$1" sh -c "echo $2 > /sys/class/net/c0/queues/rx-0/rps_cpus"; }
dst_of() { if [ "$1" = plain ]; then echo 2001:db8:2::2; else echo 64:ff9b::c000:202; fi; }

# iperf NS-SUFFIX DST [-R]: Mbit/s received in S seconds (-R: the server sends).
# A client that never connects leaves the one-shot server waiting: both are
# bounded, so a failed run shows as 0 (and a line saying so) instead of a
# hung bench.
iperf() {
	local n=$1 dst=$2 pid; shift 2
	timeout $((S + 30)) ip netns exec s$n iperf3 -s -1 >/dev/null 2>&1 &
	pid=$!
	# Connect once it listens (a loaded host may take more than a second).
	for _ in $(seq 100); do
		[ -n "$(ip netns exec s$n ss -Hltn 'sport = :5201')" ] && break
		sleep 0.1
	done
	timeout $((S + 20)) ip netns exec c$n iperf3 -c "$dst" -t "$S" -J "$@" 2>/dev/null |
		$top/build/bench/jq -r '.end.sum_received.bits_per_second / 1e6 | floor' 2>/dev/null || echo 0
	wait $pid || echo "# iperf3 to $dst $*: the server saw no complete run" >&2
}

topo
translators="plain jool"
[ -n "$JOOL4" ] && translators+=" jool4"

# ---- udp, tcp, new: plain, jool, Jool 4.1.9, three rounds ----
if want udp || want tcp || want new; then
	[ -z "$JOOL4" ] && note "Jool 4.1.9 not compared: $jool4_why"
	for _ in $rounds; do
		for t in $translators; do
			xlat $t
			d=$(dst_of $t)
			[ $W = 1 ] && rps tr 2
			if want udp; then
				fwdc udp.$t tr ip netns exec c $PIN $B send $d 7000 $((S + 2))
			fi
			if want new; then
				[ $t = jool ] && before=$(stat tr JSTAT_SESSIONS)
				fwdc new.$t tr ip netns exec c $PIN $B walk -s 64512 -d 16 $d 7200 $((S + 2))
				if [ $t = jool ]; then
					made=$(($(stat tr JSTAT_SESSIONS) - before))
					n=${R[new.jool]##* }
					# Every datagram counted was a new session: at least S x rate.
					[ $made -ge $((n * S * 9 / 10)) ] ||
						note "new sessions: jool made $made sessions while forwarding $n/s over ${S}s"
				fi
			fi
			rps tr 0
			if want tcp; then
				# A first short run warms up (neighbours, routes, slabs): not counted.
				iperf "" $d -t 1 >/dev/null
				add tcp64.$t "$(iperf "" $d)"
				add tcp46.$t "$(iperf "" $d -R)"
			fi
		done
	done
	xlat_off
fi

# ---- table: per-packet at 1 M vs 100 sessions; memory ----
# Live objects (active_objs): a slab's free objects would hide new ones.
slab_named() { awk '$1 == "jool_session" || $1 == "jool_bib" { t += $2 * $4 } END { print t + 0 }' /proc/slabinfo; }
kernel_kib() { awk '/^(Slab|VmallocUsed):/ { t += $2 } END { print t }' /proc/meminfo; }
# slab_growth FILE: the slab caches that grew by 100,000 objects or more since FILE.
slab_growth() {
	awk 'NR == FNR { if (FNR > 2) n[$1] = $2; next }
		FNR > 2 && $2 - n[$1] >= 100000 { printf "%s +%d x %d B; ", $1, $2 - n[$1], $4 }' "$1" /proc/slabinfo
}
# fill NS-SUFFIX TARGET WALK-ARGS...: walks from pair 0 in 3-second chunks
# until trN holds TARGET more sessions, or a chunk adds none.
fill() {
	local n=$1 target=$2 next=0 s0 s1 prev; shift 2
	s0=$(stat tr$n JSTAT_SESSIONS) s1=$s0
	while [ $((s1 - s0)) -lt "$target" ]; do
		prev=$s1
		next=$((next + $(ip netns exec c$n $B walk -i $next "$@" 3)))
		s1=$(stat tr$n JSTAT_SESSIONS)
		[ "$s1" -gt "$prev" ] || { note "fill of tr$n stalled at $((s1 - s0)) sessions"; break; }
	done
}
if want table; then
	topo 2
	xlat jool; xlat jool 2
	# No session expires while the part runs (5 minutes would: a table
	# shrinking, or freed objects reused, under the measurements).
	X jool global update udp-timeout 2:00:00; X2 jool global update udp-timeout 2:00:00
	# max-sessions' default is sized from the guest's RAM: room for the fills.
	X jool global update max-sessions 2000000; X2 jool global update max-sessions 2000000
	# The fills run without RPS: the sender's CPU creates every session as it
	# sends (a backlog handed to another CPU could drop some).
	rps tr 0; rps tr2 0
	pairs=$((64512 * 16))
	# 100 sessions in tr2 (25 source ports x 4 destination ports).
	ip netns exec c2 $B walk -s 25 -d 4 64:ff9b::c000:202 7300 1 >/dev/null
	small=$(stat tr2 JSTAT_SESSIONS)
	# ~1 M in tr: 64,512 mappings x 16 destination ports, the whole walk.
	cp /proc/slabinfo /tmp/slab0; m0=$(slab_named) k0=$(kernel_kib) n0=$(stat tr JSTAT_SESSIONS)
	t0=$(date +%s.%N)
	fill "" $pairs -s 64512 -d 16 64:ff9b::c000:202 7300
	t1=$(date +%s.%N)
	n1=$(stat tr JSTAT_SESSIONS) b1=$(stat tr JSTAT_BIB_ENTRIES)
	big=$n1 dn=$((n1 - n0))
	mem16="$((($(slab_named) - m0) / dn)) B/session in the jool_session+jool_bib slabs, $((($(kernel_kib) - k0) * 1024 / dn)) B/session of Slab+VmallocUsed; $dn sessions, $b1 BIB entries (filled in $(echo "$t1 - $t0" | bc | cut -c1-5) s); grew: $(slab_growth /tmp/slab0)"
	[ $W = 1 ] && rps tr 2 && rps tr2 2
	for _ in $rounds; do
		fwdc pp.plain tr ip netns exec c $PIN $B walk -x -s 64512 -d 16 2001:db8:2::2 7300 $((S + 2))
		fwdc pp.small tr2 ip netns exec c2 $PIN $B walk -x -s 25 -d 4 64:ff9b::c000:202 7300 $((S + 2))
		fwdc pp.big tr ip netns exec c $PIN $B walk -x -s 64512 -d 16 64:ff9b::c000:202 7300 $((S + 2))
	done
	# The walks must have found their sessions, not created new ones.
	grew=$(($(stat tr JSTAT_SESSIONS) - big)) grew2=$(($(stat tr2 JSTAT_SESSIONS) - small))
	[ $grew -le $((big / 100)) ] && [ $grew2 -eq 0 ] ||
		note "per-packet walks created sessions: $grew in the 1 M table, $grew2 in the 100 one"

	# One mapping per session: 16 source addresses x 64,512 source ports, one
	# destination each, in tr2 with 32 more pool4 addresses (2 M ports: the
	# allocator is never near full).
	X2 jool pool4 add 203.0.113.32/27 1024-65535 --force
	rps tr2 0
	cp /proc/slabinfo /tmp/slab0; m0=$(slab_named) k0=$(kernel_kib) n0=$(stat tr2 JSTAT_SESSIONS)
	t0=$(date +%s.%N)
	fill 2 1000000 -s 64512 -d 1 -a 2001:db8::1:0 -n 16 64:ff9b::c000:202 7400
	t1=$(date +%s.%N)
	n1=$(stat tr2 JSTAT_SESSIONS) b1=$(stat tr2 JSTAT_BIB_ENTRIES) dn=$((n1 - n0))
	mem1="$((($(slab_named) - m0) / dn)) B/session in the jool_session+jool_bib slabs, $((($(kernel_kib) - k0) * 1024 / dn)) B/session of Slab+VmallocUsed; $dn sessions, $b1 BIB entries (filled in $(echo "$t1 - $t0" | bc | cut -c1-5) s); grew: $(slab_growth /tmp/slab0)"
	xlat_off
	ip netns del tr2; ip netns del c2; ip netns del s2
fi

# ---- pool4: a /16 in a fresh instance ----
if want pool4; then
	xlat jool
	X jool instance add big --iptables --pool6 64:ff9b::/96 >/dev/null
	k0=$(kernel_kib)
	t0=$(date +%s.%N)
	X jool -i big pool4 add 198.18.0.0/16 --force || note "pool4 /16 add failed"
	t1=$(date +%s.%N)
	pool4="$(echo "$t1 - $t0" | bc | cut -c1-5) s, $(($(kernel_kib) - k0)) KiB of Slab+VmallocUsed"
	xlat_off
fi

# ---- scale: 1 vs 2 CPUs; locks: who contends under a 2-CPU flood ----
# flood CPUS DST: CPUS senders of 64 flows each, pinned one per CPU.
flood() {
	local i
	for i in $(seq 0 $(($1 - 1))); do
		ip netns exec c taskset -c $i $B walk -s 64 -p $((1024 + 64 * i)) "$2" 7500 $((S + 2)) > /dev/null &
	done
	wait
}
# Every flow's first datagram creates its session: the measured runs follow a
# first flood that is not counted.
if want scale && [ "$(nproc)" -ge 2 ]; then
	for _ in $rounds; do
		for t in plain jool; do
			xlat $t
			rps tr 0; fwd tr flood 1 "$(dst_of $t)" > /dev/null
			add sc1.$t "$(fwd tr flood 1 "$(dst_of $t)")"
			rps tr 3
			add sc2.$t "$(fwd tr flood 2 "$(dst_of $t)")"
			rps tr 0
			add sc2l.$t "$(fwd tr flood 2 "$(dst_of $t)")"
		done
	done
	xlat_off
elif want scale; then
	note "scale: needs 2 vCPUs, this guest has $(nproc)"
fi

T=/sys/kernel/tracing
# The frames of a stack that belong to the lock itself, not to its taker.
lockfn='spin_lock|slowpath|contention|lock_acquire|^_raw|kprobe|read_lock|write_lock'
# hist_top FILE N FRAMES [REGEX]: the N most contended takers in a hist file
# (of the stacks with a frame matching REGEX): hits by their first FRAMES
# frames after the lock's own ("[jool]": jool's code).
hist_top() {
	awk -v lf="$lockfn" -v nf="$3" -v re="${4:-.}" '/^\{ stacktrace:/ { s = ""; k = 0; m = 0; next }
		/^\} hitcount:/ { if (m) h[s] += $3; next }
		$0 ~ re { m = 1 }
		k < nf && $1 ~ /\+0x/ && $1 !~ lf {
			f = $1; sub(/\+0x.*/, "", f); if ($0 ~ /\[jool\]/) f = f "[jool]"
			s = s (k++ ? " < " : "") f }
		END { for (x in h) printf "%d\t%s\n", h[x], x }' "$1" |
		sort -rn | head -"$2" | awk -F'\t' '{ printf "      %6d x %s\n", $1, $2 }'
}
# hist_sum FILE REGEX: hits of the stacks with a frame matching REGEX.
hist_sum() {
	awk -v re="$2" '/^\{ stacktrace:/ { m = 0; next } $0 ~ re { m = 1 }
		/^\} hitcount:/ { if (m) t += $3 } END { print t + 0 }' "$1"
}
# hist_own FILE: hits of the locks that jool's code takes itself.
hist_own() {
	awk -v lf="$lockfn" '/^\{ stacktrace:/ { k = 0; m = 0; next } /^\} hitcount:/ { if (m) t += $3; next }
		$1 ~ /\+0x/ && $1 !~ lf && !k++ { m = ($0 ~ /\[jool\]/) } END { print t + 0 }' "$1"
}
if want locks && [ "$(nproc)" -ge 2 ]; then
	mountpoint -q $T || mount -t tracefs nodev $T
	slow=$(awk '$3 ~ /^(native_|__pv_)?queued_spin_lock_slowpath$/ { print $3; exit }' /proc/kallsyms)
	spec='hist:keys=stacktrace:vals=hitcount:sort=hitcount.descending:size=4096'
	[ -n "$slow" ] && echo "p:bench/qslow $slow" >> $T/kprobe_events
	locks=()
	for t in plain jool; do
		xlat $t
		rps tr 3
		fwd tr flood 2 "$(dst_of $t)" > /dev/null	# the flows' sessions
		for e in lock/contention_begin bench/qslow; do
			[ -d $T/events/$e ] || continue
			echo "$spec" > $T/events/$e/trigger
			echo 1 > $T/events/$e/enable
		done
		pps=$(fwd tr flood 2 "$(dst_of $t)")
		locks+=("  $t, 2 CPUs, $pps pkt/s:")
		for e in lock/contention_begin bench/qslow; do
			[ -d $T/events/$e ] || continue
			echo 0 > $T/events/$e/enable
			cp $T/events/$e/hist /tmp/hist
			echo "!$spec" > $T/events/$e/trigger
			all=$(hist_sum /tmp/hist .) jl=$(hist_sum /tmp/hist '\[jool\]') own=$(hist_own /tmp/hist)
			pkt=$(hist_sum /tmp/hist 'veth_xmit|process_backlog|netif_receive_skb|ip6?_rcv|ip6?_forward|nf_hook_slow')
			locks+=("    $e: $all contentions in ${S}s ($((all / S))/s); $pkt on the packet path\
 (a veth_xmit, netif_receive, ip*_rcv, ip*_forward or nf_hook frame); $jl under jool's\
 code, $own of locks jool takes itself. Top takers:")
			hist_top /tmp/hist 8 4 > /tmp/top	# no /dev/fd here: no <(...)
			if [ "$jl" -gt 0 ]; then
				echo "      under jool's code:" >> /tmp/top
				hist_top /tmp/hist 4 12 '\[jool\]' >> /tmp/top
			fi
			while IFS= read -r l; do locks+=("$l"); done < /tmp/top
		done
	done
	xlat_off
	[ -e /proc/lock_stat ] || note "locks: no /proc/lock_stat (CONFIG_LOCK_STAT is off in $(uname -r)): contention counted by tracepoint and kprobe instead"
elif want locks; then
	note "locks: needs 2 vCPUs, this guest has $(nproc)"
fi

# ---- the table ----
# row LABEL UNIT NUM DEN: the ratio NUM/DEN of the medians of R[NUM], R[DEN].
row() {
	[ -n "${R[$3]:-}" ] && [ -n "${R[$4]:-}" ] || return 0
	local a b
	a=$(median ${R[$3]}) b=$(median ${R[$4]})
	printf "%-48s %6s   %9s [%s ] / %9s [%s ]  %s\n" "$1" \
		"$(awk -v a=$a -v b=$b 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }')" \
		"$a" "${R[$3]}" "$b" "${R[$4]}" "$2"
}
# trio LABEL UNIT KEY [SUFFIX]: jool and Jool 4.1.9 against plain forwarding,
# and jool against Jool 4.1.9 (R[KEY.jool], R[KEY.jool4], R[KEY.plain]).
trio() {
	row "$1: jool / plain forwarding" "$2" "$3.jool${4:-}" "$3.plain${4:-}"
	row "$1: Jool 4.1.9 / plain forwarding" "$2" "$3.jool4${4:-}" "$3.plain${4:-}"
	row "$1: jool / Jool 4.1.9" "$2" "$3.jool${4:-}" "$3.jool4${4:-}"
}
# cost_row LABEL X Y P: per-packet cost beyond plain forwarding, 1/x - 1/p, of Y over X
# (from packets per busy CPU-second: the CPU time a packet costs).
cost_row() {
	[ -n "${R[$2]:-}" ] && [ -n "${R[$3]:-}" ] && [ -n "${R[$4]:-}" ] || return 0
	local x y p
	x=$(median ${R[$2]}) y=$(median ${R[$3]}) p=$(median ${R[$4]})
	awk -v x=$x -v y=$y -v p=$p -v l="$1" 'BEGIN { cx = 1e9 / x - 1e9 / p; cy = 1e9 / y - 1e9 / p
		if (cx <= 0 || cy <= 0)	# noise: plain forwarding measured no cheaper
			printf "%-48s %6s   %9.0f ns / %9.0f ns (noise: not above plain forwarding)\n", l, "-", cy, cx
		else
			printf "%-48s %5.0f%%   %9.0f ns / %9.0f ns (translation cost beyond plain forwarding)\n", l, 100 * cy / cx, cy, cx }'
}
echo
echo "figure                                            ratio      numerator [runs] / denominator [runs]  unit"
trio "udp 64B 6->4" pkt/s udp
trio "udp 64B 6->4 per CPU" pkt/cpu-s udp .cap
trio "tcp bulk 6->4" Mbit/s tcp64
trio "tcp bulk 4->6" Mbit/s tcp46
trio "new sessions" sessions/s new
trio "new sessions per CPU" sess/cpu-s new .cap
row "per-packet: jool at ${big:-1M} / at ${small:-100} sess." pkt/s pp.big pp.small
row "per-packet per CPU: at ${big:-1M} / at ${small:-100}" pkt/cpu-s pp.big.cap pp.small.cap
cost_row "per-packet: cost at ${big:-1M} / at ${small:-100} sess." pp.small.cap pp.big.cap pp.plain.cap
row "per-packet per CPU: jool at ${small:-100} / plain" pkt/cpu-s pp.small.cap pp.plain.cap
row "scale: plain fwd, 2 CPUs RPS / 1 CPU" pkt/s sc2.plain sc1.plain
row "scale: jool, 2 CPUs RPS / 1 CPU" pkt/s sc2.jool sc1.jool
row "scale: plain fwd, 2 CPUs no RPS / 1 CPU" pkt/s sc2l.plain sc1.plain
row "scale: jool, 2 CPUs no RPS / 1 CPU" pkt/s sc2l.jool sc1.jool
row "scale: jool / plain forwarding, 1 CPU" pkt/s sc1.jool sc1.plain
row "scale: jool / plain forwarding, 2 CPUs RPS" pkt/s sc2.jool sc2.plain
row "scale: jool / plain forwarding, 2 CPUs no RPS" pkt/s sc2l.jool sc2l.plain
if want table; then
	echo "memory, 16 sessions per mapping: $mem16"
	echo "memory, one mapping per session: $mem1"
fi
want pool4 && echo "pool4 add 198.18.0.0/16 (3 protocols, 196,608 rows): $pool4"
if want locks && [ "$(nproc)" -ge 2 ]; then
	echo "lock contention under a 2-CPU flood (64 flows per CPU, RPS over both):"
	printf '%s\n' "${locks[@]}"
fi
for n in "${notes[@]}"; do echo "note: $n"; done
echo "note: qemu TCG models no caches and no NIC queues: ratios show instruction and lock costs," \
	"not cache misses; the per-packet walk at 1 M sessions cannot show what a real CPU's cache would"
