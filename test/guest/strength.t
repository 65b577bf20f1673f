# SPDX-License-Identifier: GPL-2.0
# strength.t - tests written because a deliberate bug of test/mutants survived
# the suite (issue 16, item 14): each closes one such gap.

# waitfor SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
waitfor() {
	local i n=$(($1 * 10)); shift
	for i in $(seq "$n"); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

sessions() { jool session display "--$1" --csv --no-headers | wc -l; }
no_sessions() { [ "$(sessions "$1")" = 0 ]; }

t_max_iterations() {
	# max-iterations N: at most N slots are tried from where the hash points.
	# f-args 2 hashes the destination address only, so every client of one
	# server starts at the same slot: the second client needs the next one.
	topo
	ok jool global update f-args 2
	ok jool pool4 add 203.0.113.1 --udp 6000-6099 --max-iterations 1
	udp_server $S 192.0.2.2 7000
	udp_ask $C $SRV6 7000 41001 >/dev/null || fail "first client got no answer"
	udp_ask $C $SRV6 7000 41002 >/dev/null 2>&1 &&
		fail "second client translated: max-iterations 1 tried a second slot"
	[ "$(counter JSTAT_POOL4_EXHAUSTED)" -ge 1 ] || fail "the refusal was not counted"
	# The control: with 2 it gets the slot after the first client's.
	ok jool pool4 add 203.0.113.1 --udp 6000-6099 --max-iterations 2
	udp_ask $C $SRV6 7000 41002 >/dev/null || fail "second client, max-iterations 2"
}

t_udp_timeout() {
	# UDP sessions live udp-timeout, whatever icmp-timeout says.
	topo
	ok jool pool4 add 203.0.113.1
	ok jool global update icmp-timeout 2
	udp_server $S 192.0.2.2 7000
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no UDP answer"
	# The ICMP session is younger: when it has expired, a UDP session with
	# the ICMP lifetime would have gone too.
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping"
	waitfor 10 no_sessions icmp || fail "the ICMP session did not expire"
	eq "$(sessions udp)" 1 "UDP sessions once icmp-timeout has run out"
}

t_mark_routes() {
	# A translation built in a new packet (an ICMP query here) keeps the
	# IPv6 packet's mark, so policy routing sees it: 198.18.0.2 is reachable
	# only through the routing table of mark 7.
	topo
	ok jool pool4 add 203.0.113.1 --icmp --mark 7
	ip6tables -t mangle -A PREROUTING -p icmpv6 --icmpv6-type echo-request -j MARK --set-mark 7 ||
		fail "ip6tables"
	ip -n $S addr add 198.18.0.2/32 dev lo
	ip route add unreachable 198.18.0.0/24
	ip route add 198.18.0.0/24 via 192.0.2.2 table 7
	ip rule add fwmark 7 lookup 7
	inns $C ping -c 1 -W 3 64:ff9b::c612:2 >/dev/null || fail "no echo reply through mark 7's route"
	[ "$(counter JSTAT_FAILED_ROUTES)" = 0 ] || fail "a translation found no route"
}
