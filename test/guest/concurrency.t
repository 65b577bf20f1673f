# SPDX-License-Identifier: GPL-2.0
# concurrency.t - configuration commands racing each other: on instances of
# different namespaces (which share no lock), and `file handle`, which builds
# its pool4 with no lock at all. Afterwards every instance still answers and
# the kernel log is clean (the runner fails any Oops/WARNING/BUG too).

# kernel_faults: Oops, BUG and WARNING lines in the kernel log so far.
kernel_faults() { dmesg | grep -cE 'Oops|BUG:|WARNING:|general protection'; }

# answers NS INSTANCE: the instance answers commands (a dead task holding its
# configuration lock would make them hang).
answers() {
	timeout 60 ip netns exec "$1" jool -i "$2" pool4 flush || fail "instance $2 in $1 does not answer pool4 flush"
	timeout 60 ip netns exec "$1" jool -i "$2" pool4 add 192.0.2.7 --tcp 1000-1999 ||
		fail "instance $2 in $1 does not answer pool4 add"
	eq "$(timeout 60 ip netns exec "$1" jool -i "$2" pool4 display --csv --no-headers)" \
		"0,TCP,192.0.2.7,1000,1999,1024,0" "pool4 of $2 in $1 after the races"
	timeout 60 ip netns exec "$1" jool -i "$2" global display >/dev/null ||
		fail "instance $2 in $1 does not answer global display"
}

# churn NS INSTANCE SECONDS: pool4 add of a /16 and flush, in a loop.
churn() {
	local end=$((SECONDS + $3)) n=0
	while [ $SECONDS -lt $end ]; do
		ip netns exec "$1" jool -i "$2" pool4 add 198.18.0.0/16 --tcp 1-65535 --force || return 1
		ip netns exec "$1" jool -i "$2" pool4 flush || return 1
		n=$((n + 1))
	done
	echo "$n" > "/tmp/churn.$1.$2"
}

# A file handle configuration with a pool4 of 256 addresses and a static BIB.
race_file() {
	local i
	echo "{ \"instance\": \"$1\", \"framework\": \"iptables\","
	echo "  \"global\": { \"pool6\": \"64:ff9b::/96\", \"udp-timeout\": \"1:23:00\" },"
	echo "  \"pool4\": ["
	for i in $(seq 0 255); do
		echo "    { \"protocol\": \"TCP\", \"prefix\": \"198.19.$2.$i\", \"port range\": \"1000-2000\" },"
	done
	echo "    { \"protocol\": \"UDP\", \"prefix\": \"198.19.$2.0/24\", \"port range\": \"1000-2000\" } ],"
	echo "  \"bib\": ["
	for i in $(seq 1 99); do
		echo "    { \"protocol\": \"TCP\", \"ipv6 address\": \"2001:db8::$i#80\", \"ipv4 address\": \"198.19.$2.$i#1080\" },"
	done
	echo "    { \"protocol\": \"UDP\", \"ipv6 address\": \"2001:db8::1#53\", \"ipv4 address\": \"198.19.$2.1#1053\" } ] }"
}

# handle_loop NS FILE SECONDS
handle_loop() {
	local end=$((SECONDS + $3))
	while [ $SECONDS -lt $end ]; do
		ip netns exec "$1" jool file handle "$2" || return 1
	done
}

t_pool4_and_file_handle_races() {
	local A=ca$$ B=cb$$ me faults pids=() p
	me=$(ip netns identify $$)
	[ -n "$me" ] || fail "cannot name the test's namespace"
	ip netns add $A && ip netns add $B || fail "netns"
	trap 'kill $(jobs -p) 2>/dev/null; ip netns del '$A' 2>/dev/null; ip netns del '$B' 2>/dev/null' EXIT
	faults=$(kernel_faults)
	ip netns exec $A jool instance add x --iptables --pool6 64:ff9b::/96 >/dev/null || fail "add in $A"
	ip netns exec $B jool instance add x --iptables --pool6 64:ff9b::/96 >/dev/null || fail "add in $B"
	ok jool instance add y --iptables --pool6 64:ff9b::/96 >/dev/null
	race_file f1 1 > /tmp/race1.json
	race_file f2 2 > /tmp/race2.json
	churn $A x 20 & pids+=($!)
	churn $B x 20 & pids+=($!)
	churn "$me" y 20 & pids+=($!)
	handle_loop "$me" /tmp/race1.json 20 & pids+=($!)
	handle_loop $A /tmp/race2.json 20 & pids+=($!)
	for p in "${pids[@]}"; do
		wait "$p" || fail "a racing command failed (job $p)"
	done
	echo "rounds of pool4 add+flush: $(cat /tmp/churn.$A.x) / $(cat /tmp/churn.$B.x) / $(cat /tmp/churn.$me.y)"
	answers $A x
	answers $B x
	answers "$me" y
	answers "$me" f1
	answers $A f2
	eq "$(kernel_faults)" "$faults" "Oops/BUG/WARNING lines in the kernel log"
}

# An instance that `file handle` creates is never visible with default
# settings: whenever a display finds it, it has the file's pool4 and globals.
t_file_handle_publishes_configured_instance() {
	local end seen=0 bad=0 g p
	race_file fresh 3 > /tmp/fresh.json
	( end=$((SECONDS + 20))
	  while [ $SECONDS -lt $end ]; do
		jool file handle /tmp/fresh.json || exit 1
		jool -i fresh instance remove || exit 1
	  done ) &
	local writer=$!
	end=$((SECONDS + 20))
	while [ $SECONDS -lt $end ]; do
		if p=$(jool -i fresh pool4 display --all --csv --no-headers 2>/dev/null); then
			seen=$((seen + 1))
			[ -n "$p" ] || { bad=$((bad + 1)); echo "    pool4 empty while the instance was visible"; }
		fi
		if g=$(jool -i fresh global display --csv --no-headers 2>/dev/null); then
			seen=$((seen + 1))
			echo "$g" | grep -qx 'udp-timeout,1:23:00' ||
				{ bad=$((bad + 1)); echo "    default globals while visible: $(echo "$g" | grep udp-timeout)"; }
		fi
	done
	wait $writer || fail "file handle or instance remove failed"
	echo "displays that found the instance: $seen"
	[ "$seen" -gt 0 ] || fail "no display ever found the instance"
	eq "$bad" 0 "displays that saw the instance unconfigured"
}
