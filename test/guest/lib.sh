# SPDX-License-Identifier: GPL-2.0
# lib.sh - assertions for guest tests. A test is a function t_<name> in one of
# test/guest/*.t; `run` executes each in a fresh network namespace as root.
# Any failed assertion prints why and ends the test with status 1.

top=${JOOL_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export PATH=$top/usr:$top/test/tools:$PATH

fail() {
	echo "    $*"
	# Inside a NAT64 topology, the counters usually tell why.
	[ -n "${C:-}" ] && jool stats display 2>&1 | sed 's/^/      /'
	exit 1
}

# ok CMD...: CMD must succeed and print nothing on stderr.
ok() {
	local err
	err=$("$@" 2>&1 >/tmp/ok.out) || fail "'$*' failed: $err"
	[ -z "$err" ] || fail "'$*' wrote on stderr: $err"
	cat /tmp/ok.out
}

# fails REGEX CMD...: CMD must exit non-zero with exactly one line on stderr
# matching REGEX (grep -E) and nothing on stdout.
fails() {
	local re=$1 rc; shift
	"$@" >/tmp/fails.out 2>/tmp/fails.err && fail "'$*' succeeded, expected failure"
	rc=$?
	[ "$rc" -ne 0 ] || fail "'$*' exited 0"
	[ "$(wc -l < /tmp/fails.err)" -eq 1 ] || fail "'$*' stderr is not one line: $(cat /tmp/fails.err)"
	grep -Eq -- "$re" /tmp/fails.err || fail "'$*' stderr '$(cat /tmp/fails.err)' does not match /$re/"
	[ ! -s /tmp/fails.out ] || fail "'$*' printed on stdout: $(head -c 300 /tmp/fails.out)"
}

# eq ACTUAL EXPECTED WHAT
eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# Instance names in this namespace, one per line, in display order.
names() { jool instance display --csv --no-headers | cut -d, -f2; }

# Active objects in the module's instance cache (guest boots with slab_nomerge).
instance_objects() {
	awk '$1 == "jool_instance" { print $2; f = 1 } END { if (!f) print 0 }' /proc/slabinfo
}

# --- NAT64 topology ---------------------------------------------------------
# topo: the test's namespace becomes the translator between an IPv6-only
# client namespace $C (2001:db8::2, route to 64:ff9b::/96 through us) and an
# IPv4 server namespace $S (192.0.2.2, route to pool4's 203.0.113.0/24
# through us), with a Netfilter instance (pool6 64:ff9b::/96) and an empty
# pool4. Both namespaces go away when the test ends.
SRV6=64:ff9b::c000:202		# 192.0.2.2 as the client sees it
PY=/usr/bin/python3
pydir=$top/test/guest/py
topo() {
	topo_net
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
}

# topo_net: topo's namespaces, links and routes, without the instance.
topo_net() {
	C=c$$ S=s$$
	ip netns add $C && ip netns add $S || fail "netns"
	trap 'kill $(jobs -p) 2>/dev/null; ip netns del $C 2>/dev/null; ip netns del $S 2>/dev/null' EXIT
	ip link add c0 type veth peer name eth0 netns $C
	ip link add s0 type veth peer name eth0 netns $S
	ip addr add 2001:db8::1/64 dev c0 nodad
	ip addr add 192.0.2.1/24 dev s0
	ip link set c0 up && ip link set s0 up
	ip -n $C addr add 2001:db8::2/64 dev eth0 nodad
	ip -n $C link set eth0 up && ip -n $C link set lo up
	ip -n $C route add 64:ff9b::/96 via 2001:db8::1
	ip -n $S addr add 192.0.2.2/24 dev eth0
	ip -n $S link set eth0 up && ip -n $S link set lo up
	ip -n $S route add 203.0.113.0/24 via 192.0.2.1
	sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.forwarding=1
}

# inns NS CMD...: run CMD in namespace NS.
inns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# abort MESSAGE: fail from inside a command substitution, where `fail` would
# only end the subshell: says why on stderr and ends the test's own shell.
abort() {
	echo "    $*" >&2
	kill -TERM $$
	exit 1
}

# knob NAME VALUE: sets the testing-only module parameter NAME (test_*,
# mod/params.c) for the rest of the test; its value before is written back
# when the test ends, before what the EXIT trap did so far (the last knob's
# first, then topo's cleanup). Call it after topo, whose trap it extends.
knob() {
	local f=/sys/module/jool/parameters/$1 old prev
	old=$(cat "$f") || fail "no module parameter $1"
	echo "$2" > "$f" || fail "cannot set $1 to $2"
	eval "prev=($(trap -p EXIT))"	# (trap -- 'CMDS' EXIT)
	trap "echo $old > $f${prev[2]:+; ${prev[2]}}" EXIT
}

# counter NAME: the value of counter NAME. A failing `jool stats display` or
# a counter it does not list (--all lists every one) ends the test: a check
# on a counter that cannot be read must not pass.
counter() {
	local out v
	out=$(jool stats display --all --csv --no-headers 2>&1) || abort "jool stats display failed: $out"
	v=$(echo "$out" | awk -F, -v n="$1" '$1 == n { print $2 }')
	[[ $v =~ ^[0-9]+$ ]] || abort "counter $1 not shown by jool stats display --all: $out"
	echo "$v"
}

# counter_ge NAME N: counter NAME is at least N.
counter_ge() { [ "$(counter "$1")" -ge "$2" ]; }

# now_ms: a monotonic-enough clock for bounds, in milliseconds.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# sleep_until MS: returns at now_ms MS (a point in time a test checks a lower
# bound at, not a guess at how long something takes).
sleep_until() {
	local d=$(( $1 - $(now_ms) ))
	[ "$d" -le 0 ] || sleep "$(( d / 1000 )).$(printf %03d $(( d % 1000 )))"
}

# wait_until SECONDS WHAT CMD...: polls CMD (every 0.1 s) until it succeeds;
# fails the test naming WHAT after SECONDS.
wait_until() {
	local secs=$1 what=$2 end
	shift 2
	end=$(( $(now_ms) + secs * 1000 ))
	until "$@"; do
		[ "$(now_ms)" -lt "$end" ] || fail "waited $secs s for $what"
		sleep 0.1
	done
}

# listening NS PROTO PORT: waits (up to 10 s) until a server in NS listens
# on PORT (PROTO tcp or udp).
listening() {
	local i
	for i in $(seq 100); do
		[ -n "$(ip netns exec "$1" ss -Hln --"$2" "sport = :$3" 2>/dev/null)" ] && return 0
		sleep 0.1
	done
	fail "nothing listens on $2 port $3 in $1"
}

# udp_server NS ADDR PORT: a UDP server that answers each datagram with the
# source address and port it saw ("ADDR#PORT"); killed at exit.
udp_server() {
	# Its output must not hold the test's stdout open after the test ends.
	inns "$1" $PY "$pydir/udp_echo.py" "$2" "$3" >/dev/null 2>&1 &
	listening "$1" udp "$3"
}

# udp_ask NS ADDR PORT [SRCPORT [SRCADDR]]: one request; prints the server's answer.
udp_ask() { inns "$1" $PY "$pydir/udp_ask.py" "$2" "$3" "${4:-0}" ${5:+"$5"}; }

# port_in P LO HI WHAT
port_in() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ] || fail "$4: port $1 not in $2-$3"; }

# topo_router: topo, plus an IPv4 router $R between the translator
# (198.51.100.1/25) and a second server $S2 (198.51.100.130, seen from IPv6
# as $SRV2). The router (198.51.100.2, seen as $RTR6) sends to $S2 over a
# link with an MTU of 1400.
SRV2=64:ff9b::c633:6482
RTR6=64:ff9b::c633:6402
topo_router() {
	topo
	R=r$$ S2=t$$
	ip netns add $R && ip netns add $S2 || fail "netns"
	trap 'kill $(jobs -p) 2>/dev/null; for n in $C $S $R $S2; do ip netns del $n 2>/dev/null; done' EXIT
	ip link add s1 type veth peer name eth0 netns $R
	ip addr add 198.51.100.1/25 dev s1
	ip link set s1 up
	ip -n $R addr add 198.51.100.2/25 dev eth0
	ip -n $R link set eth0 up && ip -n $R link set lo up
	ip -n $R link add eth1 type veth peer name eth0 netns $S2
	ip -n $R addr add 198.51.100.129/25 dev eth1
	ip -n $R link set eth1 mtu 1400 up
	ip -n $S2 addr add 198.51.100.130/25 dev eth0
	ip -n $S2 link set eth0 up && ip -n $S2 link set lo up
	ip -n $S2 route add default via 198.51.100.129
	ip -n $R route add 203.0.113.0/24 via 198.51.100.1
	ip netns exec $R sysctl -qw net.ipv4.ip_forward=1
	ip route add 198.51.100.128/25 via 198.51.100.2
}
