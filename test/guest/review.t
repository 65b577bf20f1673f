# SPDX-License-Identifier: GPL-2.0
# review.t - regressions of the independent review (issue 16) that need a
# whole topology rather than one crafted packet (those are conformance
# cases, cases_review.py).

# Review defect 7: the empty-pool4 fallback was built per packet mark, so
# nodes with different marks drew from the same addresses in separate
# domains and could be handed the same IPv4 transport address. 400 flows,
# half of them marked: any IPv4 transport address seen twice is that bug
# (with separate domains, about nine collisions are expected in 4535 ports).
t_fallback_one_address_space_whatever_the_mark() {
	topo
	ip6tables -t mangle -A PREROUTING -p udp --sport 10000:10199 -j MARK --set-mark 1 || fail "ip6tables"
	ip6tables -t mangle -A PREROUTING -p udp --sport 10200:10399 -j MARK --set-mark 2
	inns $C $PY "$pydir/udp_flood.py" 2001:db8::2 $SRV6 7000 400 >/dev/null || fail "flood"
	local n dup
	for _ in $(seq 50); do
		n=$(jool bib display --udp --csv --no-headers | wc -l)
		[ "$n" -ge 400 ] && break
		sleep 0.1
	done
	eq "$n" 400 "mappings of 400 flows"
	dup=$(jool bib display --udp --csv --no-headers | cut -d, -f4,5 | sort | uniq -d | head -3)
	[ -z "$dup" ] || fail "IPv4 transport addresses handed out twice: $dup"
	jool bib display --udp --csv --no-headers | cut -d, -f4 | sort -u | grep -qx 192.0.2.1 \
		|| fail "mappings not on the node's own address"
}

# Review defect 7: the fallback follows the node's addresses when they change.
t_fallback_follows_address_changes() {
	topo
	udp_server $S 192.0.2.2 7000
	local seen
	seen=$(udp_ask $C $SRV6 7000 41000) || fail "no answer with pool4 empty"
	eq "${seen%#*}" 192.0.2.1 "source with pool4 empty"
	# The node's address changes; mappings made from now on follow it.
	ip addr del 192.0.2.1/24 dev s0 && ip addr add 192.0.2.3/24 dev s0 || fail "readdress"
	seen=$(udp_ask $C $SRV6 7000 41001) || fail "no answer after the address change"
	eq "${seen%#*}" 192.0.2.3 "source after the node's address changed"
}

# Review defect 10: a stored IPv4 SYN kept a device pointer with no
# reference; the device (and its namespace) may go in the 6 s it waits
# (3 s here, test_syn4_ms: time enough to delete them first).
icmp4_errors() { echo $(( $(counter JSTAT_ICMP4ERR_SUCCESS) + $(counter JSTAT_ICMP4ERR_FAILURE) )); }
t_stored_syn_outlives_its_device() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp 6000-6999
	knob test_syn4_ms 3000
	inns $S $PY -c "
import socket
s = socket.socket(); s.setblocking(False)
try: s.connect(('203.0.113.1', 6124))
except BlockingIOError: pass" || fail "SYN"
	local i
	for i in $(seq 50); do
		[ "$(counter JSTAT_TYPE1PKT)" -ge 1 ] && break
		sleep 0.1
	done
	[ "$(counter JSTAT_TYPE1PKT)" -ge 1 ] || fail "the SYN was not stored"
	# The device it came through goes while it waits.
	ip link del s0 || fail "link del"
	ip netns del $S
	eq "$(icmp4_errors)" 0 "answers before the device went (the test was too slow)"
	# Its time ends: the answer goes nowhere, nothing may break.
	errors_answered() { [ "$(icmp4_errors)" -ge 1 ]; }
	wait_until 5 "the stored SYN's answer" errors_answered
	ok jool stats display >/dev/null
	! dmesg | grep -E 'BUG:|KASAN|general protection|Call Trace' || fail "kernel complained"
}
