#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# guest.sh - the benchmark, inside the guest (see test/bench/run). Prints a
# table of figures measured in this one run.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=$top/usr:$PATH
B=$top/build/bench/udpblast
S=${BENCH_SECONDS:-5}
modprobe jool || exit 1

. "$top/test/bench/topo.sh"

# rate DST RECVADDR PORT: datagrams per second through the box.
rate() {
	ip netns exec s $B recv "$2" "$3" "$S" > /tmp/recv.out &
	sleep 0.3
	ip netns exec c $B send "$1" "$3" "$((S + 1))" >/dev/null
	wait
	echo $(( $(cat /tmp/recv.out) / S ))
}
stat() { X jool stats display --all --csv --no-headers | awk -F, -v n="$1" '$1 == n { print $2 }'; }
slab_bytes() { awk '$1 == "session" || $1 == "bib_entry" { t += $3 * $4 } END { print t + 0 }' /proc/slabinfo; }

echo "# jool benchmark, $(uname -r), $(nproc) vCPUs, qemu $(cat /sys/class/dmi/id/product_name 2>/dev/null)"

# Emulated CPUs are noisy: alternate the two paths 3 times, keep each median.
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
p1=$(rate 2001:db8:2::2 2001:db8:2::2 7000); x1=$(rate 64:ff9b::c000:202 192.0.2.2 7001)
p2=$(rate 2001:db8:2::2 2001:db8:2::2 7000); x2=$(rate 64:ff9b::c000:202 192.0.2.2 7001)
p3=$(rate 2001:db8:2::2 2001:db8:2::2 7000); x3=$(rate 64:ff9b::c000:202 192.0.2.2 7001)
plain=$(median $p1 $p2 $p3) xlat=$(median $x1 $x2 $x3)
printf "udp-64B-rate plain-ipv6-forwarding %d pps, translated %d pps, ratio %d%% (medians of %s / %s)\n" \
	$plain $xlat $((100 * xlat / (plain ? plain : 1))) "$p1 $p2 $p3" "$x1 $x2 $x3"

if command -v iperf3 >/dev/null; then
	# The first run warms up (neighbour discovery, caches); it is not counted.
	ip netns exec s iperf3 -s -D -1 >/dev/null; sleep 0.5
	ip netns exec c iperf3 -c 2001:db8:2::2 -t 1 >/dev/null 2>&1
	ip netns exec s iperf3 -s -D -1 >/dev/null; sleep 0.5
	tp=$(ip netns exec c iperf3 -c 2001:db8:2::2 -t $S -J | $top/build/bench/jq -r '.end.sum_received.bits_per_second' 2>/dev/null)
	ip netns exec s iperf3 -s -D -1 >/dev/null; sleep 0.5
	tx=$(ip netns exec c iperf3 -c 64:ff9b::c000:202 -t $S -J | $top/build/bench/jq -r '.end.sum_received.bits_per_second' 2>/dev/null)
	printf "tcp-bulk plain %.0f Mbit/s, translated %.0f Mbit/s, ratio %d%%\n" \
		$(echo "$tp / 1000000" | bc -l) $(echo "$tx / 1000000" | bc -l) \
		$(echo "100 * $tx / $tp" | bc)
fi

# 100 sessions, then the per-packet rate of one more flow.
ip netns exec c $B send 64:ff9b::c000:202 7100 2 100 1 >/dev/null
r100=$(median $(rate 64:ff9b::c000:202 192.0.2.2 7002) $(rate 64:ff9b::c000:202 192.0.2.2 7002) \
	$(rate 64:ff9b::c000:202 192.0.2.2 7002))
n100=$(stat JSTAT_SESSIONS)

# New-session rate: every packet a new (source port, destination port).
before=$(stat JSTAT_SESSIONS)
t0=$(date +%s.%N)
ip netns exec c $B send 64:ff9b::c000:202 7200 $S 64512 16 >/dev/null
t1=$(date +%s.%N)
after=$(stat JSTAT_SESSIONS)
printf "new-sessions %d created in %.1f s: %.0f sessions/s\n" $((after - before)) \
	$(echo "$t1 - $t0" | bc) $(echo "($after - $before) / ($t1 - $t0)" | bc -l)

# Fill to 100,000 then 1,000,000 sessions (64,512 mappings x 16 destinations).
next=0
fill() {
	while [ "$(stat JSTAT_SESSIONS)" -lt "$1" ]; do
		next=$((next + $(ip netns exec c $B send 64:ff9b::c000:202 7300 3 64512 16 $next)))
	done
}
fill 100000
n=$(stat JSTAT_SESSIONS); b=$(stat JSTAT_BIB_ENTRIES); m=$(slab_bytes)
printf "memory at %d sessions (%d BIB entries): %d bytes/session (session+BIB slabs)\n" $n $b $((m / n))
fill 1000000
n=$(stat JSTAT_SESSIONS); b=$(stat JSTAT_BIB_ENTRIES); m=$(slab_bytes)
printf "memory at %d sessions (%d BIB entries): %d bytes/session (session+BIB slabs)\n" $n $b $((m / n))
r1m=$(median $(rate 64:ff9b::c000:202 192.0.2.2 7003) $(rate 64:ff9b::c000:202 192.0.2.2 7003) \
	$(rate 64:ff9b::c000:202 192.0.2.2 7003))
printf "per-packet at %d sessions: %d pps; at %d sessions: %d pps; cost ratio %d%%\n" \
	$n100 $r100 $n $r1m $((100 * r100 / (r1m ? r1m : 1)))
printf "slab objects: %s\n" "$(awk '$1 == "session" || $1 == "bib_entry" { printf "%s %s x %s B; ", $1, $3, $4 }' /proc/slabinfo)"

# A /16 of pool4 in a fresh instance.
X jool instance add big --iptables --pool6 64:ff9b::/96 >/dev/null
mem0=$(awk '/^(Slab|VmallocUsed):/ { t += $2 } END { print t }' /proc/meminfo)
t0=$(date +%s.%N)
X jool -i big pool4 add 198.18.0.0/16 --force || echo "pool4 /16 add failed"
t1=$(date +%s.%N)
mem1=$(awk '/^(Slab|VmallocUsed):/ { t += $2 } END { print t }' /proc/meminfo)
printf "pool4 add 198.18.0.0/16 (3 protocols, 196,608 rows): %.3f s, %d KiB\n" \
	$(echo "$t1 - $t0" | bc) $((mem1 - mem0))
