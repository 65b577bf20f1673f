# SPDX-License-Identifier: GPL-2.0
# nat64.t - stateful NAT64 end to end: real traffic between an IPv6-only
# client namespace and an IPv4 server namespace through the translator (see
# topo in lib.sh), asserting what crossed and what the tables say.

t_ping() {
	topo
	ok jool pool4 add 203.0.113.1
	inns $C ping -c 3 -i 0.3 -W 2 $SRV6 >/tmp/ping.out || fail "ping: $(cat /tmp/ping.out)"
	grep -q '3 received' /tmp/ping.out || fail "ping lost replies: $(cat /tmp/ping.out)"
	# One ICMP mapping: the identifier is masked inside pool4's range.
	local bib; bib=$(ok jool bib display --icmp --csv --no-headers)
	eq "$(echo "$bib" | wc -l)" 1 "ICMP BIB entries"
	eq "$(echo "$bib" | cut -d, -f2,4)" "2001:db8::2,203.0.113.1" "ICMP mapping"
	port_in "$(echo "$bib" | cut -d, -f5)" 61001 65535 "ICMP identifier"
	eq "$(ok jool session display --icmp --csv --no-headers | wc -l)" 1 "ICMP sessions"
}

t_udp() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 5000-5999
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no UDP answer"
	# The server saw the pool4 address and a port of the range.
	eq "${seen%#*}" 203.0.113.1 "source address seen by the server"
	port_in "${seen#*#}" 5000 5999 "source port seen by the server"
	local s; s=$(ok jool session display --udp --csv --no-headers)
	eq "$(echo "$s" | cut -d, -f2,3,6,7,8,9)" "2001:db8::2,41000,203.0.113.1,${seen#*#},192.0.2.2,7000" "UDP session"
	# Endpoint-independent mapping: same client port, other destination port, same mask.
	udp_server $S 192.0.2.2 7001
	eq "$(udp_ask $C $SRV6 7001 41000)" "$seen" "mapping kept for a second destination"
	eq "$(counter JSTAT_BIB_ENTRIES_CREATED)" 1 "BIB entries created"
	eq "$(counter JSTAT_SESSIONS_CREATED)" 2 "sessions created"
}

t_tcp_download() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp
	local d=/tmp/dl$$; mkdir -p $d/srv
	head -c 20M /dev/urandom > $d/srv/blob
	inns $S $PY -m http.server 8080 --bind 192.0.2.2 --directory $d/srv >/dev/null 2>&1 &
	sleep 1
	inns $C curl -sS -g --max-time 120 -o $d/got "http://[$SRV6]:8080/blob" || fail "download failed"
	eq "$(sha256sum < $d/got)" "$(sha256sum < $d/srv/blob)" "downloaded file checksum"
	local s; s=$(ok jool session display --tcp --csv --no-headers)
	[ -n "$s" ] || fail "no TCP session"
	rm -rf $d
}

t_static_bib_v4_to_v6() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6999
	ok jool bib add --udp 2001:db8::2#8000 203.0.113.1#6500
	udp_server $C 2001:db8::2 8000
	# The IPv4 client reaches the IPv6 server; the server sees it under pool6.
	eq "$(udp_ask $S 203.0.113.1 6500 9000)" "64:ff9b::c000:202#9000" "IPv6 server's view"
	eq "$(ok jool bib display --udp --csv --no-headers)" "UDP,2001:db8::2,8000,203.0.113.1,6500,1" "static entry"
}

t_not_ours_untouched() {
	topo
	ok jool pool4 add 203.0.113.1
	# Native IPv6 and IPv4 through the box keep working (neither pool6 nor pool4).
	ip -n $C addr add 2001:db8::2/64 dev eth0 2>/dev/null
	inns $C ping -c 1 -W 2 2001:db8::1 >/dev/null || fail "native IPv6 to the translator"
	inns $S ping -c 1 -W 2 192.0.2.1 >/dev/null || fail "native IPv4 to the translator"
	eq "$(counter JSTAT_RECEIVED6)" 0 "IPv6 packets taken"
}
