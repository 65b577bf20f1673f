#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# config.sh - the configuration benchmark, inside the guest (`test/bench/run
# KVER config`): how long pool4 and `file handle` take with a /16 of pool4
# (65,536 addresses) and BENCH_BIB (1,048,576) static BIB entries, and how
# long packets wait meanwhile: a ping through the translator, whose mapping
# lives in the same (ICMP) table, every 10 ms; its worst round trip bounds
# from above the longest time the table's lock was held with BHs off.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=$top/usr:$top/test/tools:$PATH
N=${BENCH_BIB:-1048576}
. "$top/test/bench/topo.sh"
topo
xlat jool
ip -n s route add 198.18.0.0/15 via 192.0.2.1

echo "# jool configuration benchmark, $(uname -r), $(nproc) vCPUs, qemu $(cat /sys/class/dmi/id/product_name 2>/dev/null)"

now() { date +%s.%N; }
# timed WHAT CMD...: runs CMD with a ping through the translator going on;
# prints the wall time and the ping's worst round trip.
timed() {
	local what=$1 t0 t1 rtt; shift
	ip netns exec c ping -q -i 0.01 64:ff9b::c000:202 > /tmp/ping.out 2>&1 &
	local ping=$!
	sleep 1
	t0=$(now)
	"$@" > /tmp/timed.out 2>&1 || echo "  ($what failed: $(head -c 200 /tmp/timed.out))"
	t1=$(now)
	sleep 0.5
	kill -INT $ping; wait $ping
	rtt=$(sed -n 's|.*= [0-9.]*/[0-9.]*/\([0-9.]*\)/.*|\1|p' /tmp/ping.out)
	printf "%-58s %8.3f s   worst ping %s ms\n" "$what" "$(echo "$t1 - $t0" | bc)" "${rtt:-?}"
}
bibs() { X jool bib display --icmp --csv --no-headers | wc -l; }

timed "nothing (sleep 5): the ping's noise floor" sleep 5
timed "pool4 add 198.18.0.0/16 --icmp (empty BIB)" X jool pool4 add 198.18.0.0/16 --icmp 1-65535 --force
t0=$(now)
X nltest bib-bulk default "$N" > /dev/null || echo "  (bib-bulk failed)"
printf "%-58s %8.3f s\n" "$N static BIB entries, one request each" "$(echo "$(now) - $t0" | bc)"
echo "ICMP BIB entries: $(bibs)"
timed "pool4 add 198.19.0.0/16 --icmp (nothing moves)" X jool pool4 add 198.19.0.0/16 --icmp 1-65535 --force
timed "pool4 remove 198.18.128.0/17 --icmp (half the BIB goes)" X jool pool4 remove 198.18.128.0/17 --icmp 1-65535
echo "ICMP BIB entries: $(bibs)"
timed "pool4 flush (the rest goes)" X jool pool4 flush
echo "ICMP BIB entries: $(bibs)"

# file handle: 4,096 pool4 entries and 20,000 static BIB entries, new then again.
{
	echo '{ "instance": "fh", "framework": "iptables", "global": { "pool6": "64:ff9b::/96" }, "pool4": ['
	for i in $(seq 0 4095); do
		echo "{ \"protocol\": \"TCP\", \"prefix\": \"198.18.$((i / 256)).$((i % 256))\", \"port range\": \"1000-1999\" },"
	done
	echo '{ "protocol": "UDP", "prefix": "198.19.0.1" } ], "bib": ['
	for i in $(seq 0 19999); do
		printf -v h %x $i	# no subshell per line: forks are slow under TCG
		echo "{ \"protocol\": \"TCP\", \"ipv6 address\": \"2001:db8:3::$h#80\", \"ipv4 address\": \"198.18.$((i / 256 % 16)).$((i % 256))#$((1000 + i / 4096))\" },"
	done
	echo '{ "protocol": "UDP", "ipv6 address": "2001:db8::1#53", "ipv4 address": "198.19.0.1#61053" } ] }'
} > /tmp/fh.json
timed "file handle (new instance; 4,096 pool4, 20,001 BIB)" X jool file handle /tmp/fh.json
timed "file handle (same file again)" X jool file handle /tmp/fh.json
