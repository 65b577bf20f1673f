# SPDX-License-Identifier: GPL-2.0
# bib.t - static BIB entries across pool4 changes, as Jool 4.1 keeps them.

bibs() { jool bib display "${@:---tcp}" --csv --no-headers | cut -d, -f2-6 | tr '\n' ' '; }

# Adding the same static entry again succeeds and changes nothing (a boot
# script may run twice); a different mapping of either side is refused,
# naming the entry in the way.
t_readd_identical() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	ok jool bib add 2001:db8::2#80 203.0.113.1#5080
	ok jool bib add 2001:db8::2#80 203.0.113.1#5080
	ok jool bib add --tcp 2001:db8::2#80 203.0.113.1#5080
	eq "$(bibs)" "2001:db8::2,80,203.0.113.1,5080,1 " "one entry after three adds"
	# (Kernels before 6.2 carry no formatted messages: the short one then.)
	local clash='collides with the static entry 2001:db8::2#80 - 203.0.113.1#5080|already mapped'
	fails "$clash" jool bib add 2001:db8::2#80 203.0.113.1#5081
	fails "$clash" jool bib add 2001:db8::3#80 203.0.113.1#5080
	eq "$(bibs)" "2001:db8::2,80,203.0.113.1,5080,1 " "after the refusals"
}

# pool4 remove/flush --quick keep static entries (orphaned while pool4 lacks
# their address, back in service when it has it again); without --quick,
# remove takes the entries of the removed ports with it and flush the whole
# BIB, static entries included: Jool 4.1's nl/pool4.c.
t_quick_keeps_static() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	ok jool pool4 add 203.0.113.1 --udp 5000-5999
	ok jool bib add --tcp 2001:db8::2#80 203.0.113.1#5080
	ok jool bib add --tcp 2001:db8::3#80 203.0.113.1#5500
	ok jool bib add --udp 2001:db8::2#53 203.0.113.1#5053
	local all="2001:db8::2,80,203.0.113.1,5080,1 2001:db8::3,80,203.0.113.1,5500,1 "
	ok jool pool4 remove 203.0.113.1 5000-5999 --tcp --quick
	eq "$(bibs)" "$all" "static entries after pool4 remove --quick"
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	ok jool pool4 flush -q
	eq "$(bibs)" "$all" "static entries after pool4 flush --quick"
	eq "$(bibs --udp)" "2001:db8::2,53,203.0.113.1,5053,1 " "UDP static entry after pool4 flush --quick"
	# Orphans still own their transport addresses.
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	fails 'collides|already mapped' jool bib add 2001:db8::9#80 203.0.113.1#5080
	# Without --quick: the removed ports' entries go, the others stay.
	ok jool pool4 remove 203.0.113.1 5400-5999 --tcp
	eq "$(bibs)" "2001:db8::2,80,203.0.113.1,5080,1 " "after pool4 remove of 5400-5999"
	ok jool pool4 flush
	eq "$(bibs)" "" "TCP after pool4 flush"
	eq "$(bibs --udp)" "" "UDP (orphaned) after pool4 flush"
}

# pool4 entries of two marks over the same range, as Jool 4 allows: the two
# subscribers get distinct IPv4 transport addresses and both flows work; a
# dynamic mapping added again by hand becomes static; --quick keeps
# dynamic entries too.
t_marks_share_pool4() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6003
	ok jool pool4 add 203.0.113.1 --udp 6000-6003 --mark 7
	eq "$(jool pool4 display --udp --csv --no-headers | cut -d, -f1,3-5 | tr '\n' ' ')" \
		"0,203.0.113.1,6000,6003 7,203.0.113.1,6000,6003 " "overlapping marks in pool4"
	ip6tables -t mangle -A PREROUTING -p udp --sport 42000:42099 -j MARK --set-mark 7 || fail "ip6tables"
	udp_server $S 192.0.2.2 7000
	local seen="" x p
	# Same client and server: the hashed start is the same for both marks.
	for p in 41000 42000 41001 42001; do
		x=$(udp_ask $C $SRV6 7000 $p) || fail "the flow from port $p got no answer"
		port_in "${x#*#}" 6000 6003 "port of the flow from $p"
		seen="$seen ${x#*#}"
	done
	eq "$(echo $seen | tr ' ' '\n' | sort -u | wc -l)" 4 "distinct transport addresses ($seen)"
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 4 "UDP BIB entries"
	# Every shared address is in use: a fifth mapping of either mark fails.
	udp_ask $C $SRV6 7000 42002 >/dev/null 2>&1 && fail "a fifth mapping over four addresses"
	udp_ask $C $SRV6 7000 41002 >/dev/null 2>&1 && fail "a fifth mapping over four addresses"
	# The first two flows still work, on their own mappings.
	x=$(udp_ask $C $SRV6 7000 41000) || fail "mark 0's flow again"
	eq "${x#*#}" "$(echo $seen | cut -d' ' -f1)" "mark 0's flow keeps its mapping"
	x=$(udp_ask $C $SRV6 7000 42000) || fail "mark 7's flow again"
	eq "${x#*#}" "$(echo $seen | cut -d' ' -f2)" "mark 7's flow keeps its mapping"
	# Jool 4: the same mapping added by hand is no error, and becomes static.
	ok jool bib add --udp 2001:db8::2#41000 "203.0.113.1#$(echo $seen | cut -d' ' -f1)"
	eq "$(jool bib display --udp --csv --no-headers | awk -F, '$3 == 41000 { print $6 }')" 1 \
		"the dynamic entry became static"
	# --quick keeps dynamic entries too (Jool 4); without it, they go.
	ok jool pool4 remove 203.0.113.1 6000-6003 --udp --mark 7 --quick
	ok jool pool4 remove 203.0.113.1 6000-6003 --udp --quick
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 4 "UDP BIB after remove --quick"
	ok jool pool4 flush
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 0 "UDP BIB after flush"
}

# A mark with part of another's range (a "partial" domain): its mappings
# skip what the other mark's (or a static) mapping holds.
t_marks_partial_overlap() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6007
	ok jool pool4 add 203.0.113.1 --udp 6004-6005 --mark 7
	ip6tables -t mangle -A PREROUTING -p udp --sport 42000:42099 -j MARK --set-mark 7 || fail "ip6tables"
	ok jool bib add --udp 2001:db8::9#53 203.0.113.1#6004
	udp_server $S 192.0.2.2 7000
	local x
	x=$(udp_ask $C $SRV6 7000 42000) || fail "mark 7 got no answer"
	eq "$x" "203.0.113.1#6005" "mark 7's only free address"
	udp_ask $C $SRV6 7000 42001 >/dev/null 2>&1 && fail "mark 7 mapped past its two addresses"
	x=$(udp_ask $C $SRV6 7000 41000) || fail "mark 0 got no answer"
	case ${x#*#} in 6004|6005) fail "mark 0 got a taken address: $x" ;; esac
	port_in "${x#*#}" 6000 6007 "mark 0's port"
}

# A mapping's first session lives inside its BIB entry and the others in a
# tree (mod/bib.h): when a later session expires while the first one is
# still refreshed, the mapping and the first session must stay, and a
# mapping whose first session expired lives on with the later one. One ICMP
# identifier towards two IPv4 hosts makes one mapping with two sessions.
t_first_session_outlives_second() {
	topo
	ip -n $S addr add 192.0.2.3/24 dev eth0
	ok jool pool4 add 203.0.113.1 --icmp
	ok jool global update icmp-timeout 10
	# echo ADDR...: one ICMPv6 echo request, identifier 4242, to each ADDR.
	echo6() {
		inns $C $PY -c 'import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
for a in sys.argv[1:]:
    s.sendto(bytes([128, 0, 0, 0, 0x10, 0x92, 0, 1]) + b"x" * 8, (a, 0))' "$@" \
			|| fail "sending echo requests"
	}
	remotes() { jool session display --icmp --csv --no-headers | cut -d, -f8 | sort | tr '\n' ' '; }
	remotes_are() { [ "$(remotes)" = "$1" ]; }
	has() { case $(remotes) in *"$1 "*) return 0 ;; esac; return 1; }
	lacks() { ! has "$1"; }
	# No refresh during the checks: a session that went wrongly would
	# not be made again before it is looked for.
	echo6 $SRV6
	wait_until 5 "the first session" remotes_are "192.0.2.2 "
	local t1; t1=$(now_ms)
	echo6 64:ff9b::c000:203
	wait_until 5 "the second session" remotes_are "192.0.2.2 192.0.2.3 "
	eq "$(jool bib display --icmp --csv --no-headers | wc -l)" 1 "one mapping for both"
	# The first lives ~4 s longer than the second: refreshed 4 s later.
	sleep_until $(( t1 + 4000 ))
	echo6 $SRV6
	wait_until 20 "the second session to expire" lacks 192.0.2.3
	eq "$(remotes)" "192.0.2.2 " "sessions once the second expired (the first has ~4 s left)"
	eq "$(jool bib display --icmp --csv --no-headers | wc -l)" 1 "the mapping after its second session expired"
	# Now the other way round: the second again, the first runs out.
	echo6 64:ff9b::c000:203
	wait_until 5 "the second session again" remotes_are "192.0.2.2 192.0.2.3 "
	wait_until 20 "the first session to expire" lacks 192.0.2.2
	eq "$(remotes)" "192.0.2.3 " "sessions once the first expired"
	eq "$(jool bib display --icmp --csv --no-headers | wc -l)" 1 "the mapping after its first session expired"
	wait_until 20 "the last session to expire" remotes_are ""
	eq "$(jool bib display --icmp --csv --no-headers | wc -l)" 0 "the mapping after its last session"
}

# One mapping with more sessions than a batch of work (BIB_BATCH, 256, per
# hold of the table's lock): expiry resumes inside the mapping's sessions
# from batch to batch (bib.h's cursor, filter.c's exp_rkey), and `bib
# remove` takes them in batches too. Either must end with every session
# gone, none left behind or counted twice.
t_big_mapping_in_batches() {
	topo
	ip route add 198.51.100.0/24 via 192.0.2.2
	ok jool pool4 add 203.0.113.1 --icmp
	ok jool pool4 add 203.0.113.1 --udp 6000-6999
	ok jool global update icmp-timeout 10
	# ICMP: identifier 4243 to 254 + 250 IPv4 hosts, one mapping.
	inns $C $PY -c 'import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
hosts = ["64:ff9b::c633:64%02x" % i for i in range(1, 255)] + \
        ["64:ff9b::c000:2%02x" % i for i in range(5, 255)]
for a in hosts:
    s.sendto(bytes([128, 0, 0, 0, 0x10, 0x93, 0, 1]) + b"x" * 8, (a, 0))' \
		|| fail "sending echo requests"
	icmp() { jool session display --icmp --csv --no-headers | wc -l; }
	udp() { jool session display --udp --csv --no-headers | wc -l; }
	count_is() { [ "$("$1")" = "$2" ]; }
	# The sender's packets reach the hook from the veth's backlog, in a
	# softirq that may run after the sender exits: wait for the last.
	wait_until 10 "504 ICMP sessions" count_is icmp 504
	eq "$(jool bib display --icmp --csv --no-headers | wc -l)" 1 "ICMP mappings"
	# UDP: source port 40000 to 600 ports of the server, one mapping.
	inns $C $PY -c 'import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("2001:db8::2", 40000))
for p in range(10000, 10600):
    s.sendto(b"x", ("64:ff9b::c000:202", p))' || fail "sending datagrams"
	wait_until 10 "600 UDP sessions" count_is udp 600
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 1 "UDP mappings"
	eq "$(counter JSTAT_SESSIONS)" 1104 "the sessions gauge"
	ok jool bib remove --udp 2001:db8::2#40000
	eq "$(udp)" 0 "UDP sessions after bib remove"
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 0 "UDP mappings after bib remove"
	eq "$(counter JSTAT_SESSIONS)" 504 "the sessions gauge after bib remove"
	# The ICMP mapping's sessions run out together, in batches.
	wait_until 25 "the 504 ICMP sessions to expire" count_is icmp 0
	eq "$(jool bib display --icmp --csv --no-headers | wc -l)" 0 "ICMP mappings after expiry"
	eq "$(counter JSTAT_SESSIONS)" 0 "the sessions gauge after expiry"
	eq "$(counter JSTAT_BIB_ENTRIES)" 0 "the mappings gauge after expiry"
}
