# SPDX-License-Identifier: GPL-2.0
# gso.t - GSO bursts (a TCP socket's sends, UDP_SEGMENT sends; veths with
# their offloads on) translated whole in both directions (mod/gso.c): the
# data arrives intact, in far fewer packets than the wire would carry, with
# checksums a receiver verifies; bursts that do not fit the next hop are
# cut, answered "too big" or shrunk as the packet path's rules say.

# rx NS: packets NS's eth0 received (a GSO burst across a veth is one).
rx() { inns "$1" cat /sys/class/net/eth0/statistics/rx_packets; }

# tcp_csum_errors NS: TCP segments NS dropped for a bad checksum (IPv4 and IPv6).
tcp_csum_errors() {
	inns "$1" awk '$1 == "Tcp:" { if (!c) { for (i = 2; i <= NF; i++) if ($i == "InCsumErrors") c = i } else print $c }' /proc/net/snmp
}

# uploads: upload servers on both sides: the IPv4 server's at 192.0.2.2#9200,
# the IPv6 client's at 2001:db8::2#9300, reached from IPv4 as 203.0.113.1#62300.
uploads() {
	ok jool pool4 add 203.0.113.1 --tcp
	ok jool bib add --tcp 2001:db8::2#9300 203.0.113.1#62300
	inns $S $PY $pydir/upload.py server 192.0.2.2 9200 >/dev/null 2>&1 &
	inns $C $PY $pydir/upload.py server 2001:db8::2 9300 >/dev/null 2>&1 &
	listening $S tcp 9200
	listening $C tcp 9300
}
up6to4() { inns $C $PY $pydir/upload.py client $SRV6 9200 "$1"; }
up4to6() { inns $S $PY $pydir/upload.py client 203.0.113.1 62300 "$1"; }

# checked_receivers: every device the translator sends through computes no
# checksum (the kernel cuts the bursts and sums each segment from what the
# translator left in the transport header), and the receivers verify them.
checked_receivers() {
	eq "$($PY $pydir/txcsum.py s0 off)" off "translator's IPv4 side, transmit checksumming"
	eq "$($PY $pydir/txcsum.py c0 off)" off "translator's IPv6 side, transmit checksumming"
	eq "$(inns $S $PY $pydir/txcsum.py eth0 off rx)" off "server's receive checksumming"
	eq "$(inns $C $PY $pydir/txcsum.py eth0 off rx)" off "client's receive checksumming"
}

t_gso_tcp_whole_both_ways() {
	topo
	uploads
	local n=4000000 r0 got
	# 2,778 full-size segments each way; cut bursts would arrive as as many packets.
	r0=$(rx $S)
	eq "$(up6to4 $n)" ok "IPv6 -> IPv4 upload's SHA-256"
	got=$(( $(rx $S) - r0 ))
	[ $got -lt $(( n / 1440 / 3 )) ] || fail "the IPv4 server received $n bytes in $got packets"
	r0=$(rx $C)
	eq "$(up4to6 $n)" ok "IPv4 -> IPv6 upload's SHA-256"
	got=$(( $(rx $C) - r0 ))
	[ $got -lt $(( n / 1440 / 3 )) ] || fail "the IPv6 client received $n bytes in $got packets"
	eq "$(counter JSTAT_PKT_TOO_BIG)" 0 "packets too big"
	# A burst is one packet of the hook: far fewer than the segments.
	[ "$(counter JSTAT_RECEIVED6)" -lt $(( n / 1440 / 3 )) ] || \
		fail "RECEIVED6 counted $(counter JSTAT_RECEIVED6) packets"
}

t_gso_tcp_checksums_verified() {
	topo
	uploads
	checked_receivers
	eq "$(up6to4 3000000)" ok "IPv6 -> IPv4 upload's SHA-256"
	eq "$(up4to6 3000000)" ok "IPv4 -> IPv6 upload's SHA-256"
	eq "$(tcp_csum_errors $S)" 0 "segments with a bad checksum at the IPv4 server"
	eq "$(tcp_csum_errors $C)" 0 "segments with a bad checksum at the IPv6 client"
}

# The IPv4 next hop's MTU is 1400: the client's 1500-byte segments become
# 1480-byte DF packets that do not fit. The bursts are cut and each segment
# answered "packet too big, MTU 1420"; the client's later bursts fit.
t_gso_too_big_6to4() {
	topo
	uploads
	ip link set s0 mtu 1400
	eq "$(up6to4 2000000)" ok "upload over the 1400-byte link"
	counter_ge JSTAT_PKT_TOO_BIG 1 || fail "no 'too big' was counted"
	inns $C ip -6 route get $SRV6 | grep -q 'mtu 1420' || \
		fail "client's path MTU: $(inns $C ip -6 route get $SRV6)"
}

# The IPv6 next hop's MTU is 1400: the server's 1480-byte DF segments become
# 1500-byte IPv6 packets, 100 bytes too big: "fragmentation needed, MTU 1380".
t_gso_too_big_4to6() {
	topo
	uploads
	ip link set c0 mtu 1400
	eq "$(up4to6 2000000)" ok "upload over the 1400-byte link"
	counter_ge JSTAT_PKT_TOO_BIG 1 || fail "no 'fragmentation needed' was counted"
	inns $S ip route get 203.0.113.1 | grep -q 'mtu 1380' || \
		fail "server's path MTU: $(inns $S ip route get 203.0.113.1)"
}

# The IPv6 next hop's MTU is 1480: the server's full-size segments (1428
# bytes of payload with timestamps, 1480-byte DF packets) would be 20 bytes
# too big. An upload of two full segments leaves the server as one burst,
# which leaves the translator with gso_size 20 bytes smaller: the kernel
# (checksums off on c0) cuts it into three packets the 1480-byte veth takes
# (a bigger one would be dropped there), and no "fragmentation needed" is
# due. (A lone full-size packet cannot shrink and would get one.)
t_gso_shrunk_4to6() {
	topo
	uploads
	checked_receivers
	ip link set c0 mtu 1480
	local i
	for i in 1 2 3; do
		eq "$(up4to6 2856)" ok "upload $i of two full segments over the 1480-byte link"
	done
	eq "$(counter JSTAT_PKT_TOO_BIG)" 0 "'fragmentation needed' sent"
	eq "$(tcp_csum_errors $C)" 0 "segments with a bad checksum at the IPv6 client"
}

# udp_bursts FROM_NS DST PORT RECV_NS RECV_ADDR RECV_PORT SIZE [SPORT]: 5
# sends of 20 datagrams; prints "datagrams-received-intact success-delta".
udp_bursts() {
	local before; before=$(counter JSTAT_SUCCESS)
	inns "$4" $PY $pydir/udp_gso.py recv "$5" "$6" 100 "$7" > /tmp/udp_gso.out &
	local r=$!
	listening "$4" udp "$6"
	inns "$1" $PY $pydir/udp_gso.py send "$2" "$3" 5 20 "$7" ${8:+"$8"} || fail "UDP_SEGMENT send"
	wait $r
	echo "$(cat /tmp/udp_gso.out) $(( $(counter JSTAT_SUCCESS) - before ))"
}

# UDP_SEGMENT bursts translated whole both ways (one JSTAT_SUCCESS per
# burst), checksums verified by the receivers. Towards IPv4, 1000-byte
# datagrams would be 1028-byte IPv4 packets, which leave with DF clear and
# an Identification each: cut. Towards IPv6, Linux sends UDP bursts with DF
# clear: 1200-byte datagrams fit lowest-ipv6-mtu (1280) and go whole,
# 1300-byte ones must be fragmented (RFC 7915 4): cut.
t_gso_udp_both_ways() {
	topo
	ok jool pool4 add 203.0.113.1 --udp
	ok jool bib add --udp 2001:db8::2#8500 203.0.113.1#62500
	checked_receivers
	eq "$(udp_bursts $C $SRV6 7500 $S 192.0.2.2 7500 1300)" "100 5" \
		"IPv6 -> IPv4: datagrams intact, packets sent"
	eq "$(udp_bursts $C $SRV6 7501 $S 192.0.2.2 7501 1000)" "100 100" \
		"IPv6 -> IPv4, DF clear: datagrams intact, packets sent"
	eq "$(udp_bursts $S 203.0.113.1 62500 $C 2001:db8::2 8500 1200 9500)" "100 5" \
		"IPv4 -> IPv6: datagrams intact, packets sent"
	eq "$(udp_bursts $S 203.0.113.1 62500 $C 2001:db8::2 8500 1300 9500)" "100 100" \
		"IPv4 -> IPv6, fragmented: datagrams intact, packets sent"
}
