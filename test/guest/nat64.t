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
	# Jool 4's CSV row of a UDP session ends at the expiry: no empty state field.
	eq "$(echo "$s" | awk -F, '{ print NF }')" 10 "fields of a UDP session's CSV row"
	# Endpoint-independent mapping: same client port, other destination port, same mask.
	udp_server $S 192.0.2.2 7001
	eq "$(udp_ask $C $SRV6 7001 41000)" "$seen" "mapping kept for a second destination"
	eq "$(counter JSTAT_BIB_ENTRIES)" 1 "BIB entries"
	eq "$(counter JSTAT_SESSIONS)" 2 "sessions"
}

t_tcp_download() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp
	local d=/tmp/dl$$; mkdir -p $d/srv
	head -c 20M /dev/urandom > $d/srv/blob
	inns $S $PY -m http.server 8080 --bind 192.0.2.2 --directory $d/srv >/dev/null 2>&1 &
	listening $S tcp 8080
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
	inns $C ping -c 1 -W 2 2001:db8::1 >/dev/null || fail "native IPv6 to the translator"
	inns $S ping -c 1 -W 2 192.0.2.1 >/dev/null || fail "native IPv4 to the translator"
	# Bulk TCP (GSO bursts across the veths) to the translator's own
	# addresses is delivered whole, in both families.
	$PY $pydir/upload.py server 2001:db8::1 9200 >/dev/null 2>&1 &
	$PY $pydir/upload.py server 192.0.2.1 9200 >/dev/null 2>&1 &
	wait_until 10 "both upload servers" eval '[ "$(ss -Hltn "sport = :9200" | wc -l)" -ge 2 ]'
	eq "$(inns $C $PY $pydir/upload.py client 2001:db8::1 9200 3000000)" ok "native IPv6 upload"
	eq "$(inns $S $PY $pydir/upload.py client 192.0.2.1 9200 3000000)" ok "native IPv4 upload"
	eq "$(counter JSTAT_SUCCESS)" 0 "packets translated"
	eq "$(counter JSTAT_BIB_ENTRIES)" 0 "mappings made"
}

t_concurrent_200() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp
	inns $S $PY $pydir/tcp_many.py server 192.0.2.2 9000 >/dev/null 2>&1 &
	listening $S tcp 9000
	inns $C $PY $pydir/tcp_many.py client $SRV6 9000 200 > /tmp/many.out
	eq "$(head -1 /tmp/many.out)" 200 "connections answered"
	# 200 distinct masks, all on 203.0.113.1 in pool4's range.
	eq "$(tail -n +2 /tmp/many.out | sort -u | wc -l)" 200 "distinct source ports seen by the server"
	eq "$(tail -n +2 /tmp/many.out | cut -d'#' -f1 | sort -u)" 203.0.113.1 "source address seen"
	local p
	for p in $(tail -n +2 /tmp/many.out | cut -d'#' -f2); do port_in $p 61001 65535 "TCP mask"; done
	eq "$(jool bib display --tcp --csv --no-headers | wc -l)" 200 "TCP BIB entries"
}

t_marks() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 10000-10999 --mark 10
	ok jool pool4 add 203.0.113.1 --udp 20000-20999 --mark 20
	ip6tables -t mangle -A PREROUTING -p udp --sport 41010 -j MARK --set-mark 10 || fail "ip6tables"
	ip6tables -t mangle -A PREROUTING -p udp --sport 41020 -j MARK --set-mark 20
	ip6tables -t mangle -A PREROUTING -p udp --sport 41030 -j MARK --set-mark 30
	udp_server $S 192.0.2.2 7000
	local a b
	a=$(udp_ask $C $SRV6 7000 41010) || fail "mark 10 got no answer"
	b=$(udp_ask $C $SRV6 7000 41020) || fail "mark 20 got no answer"
	port_in "${a#*#}" 10000 10999 "mark 10's port"
	port_in "${b#*#}" 20000 20999 "mark 20's port"
	# A mark without pool4 entries is dropped and counted.
	udp_ask $C $SRV6 7000 41030 >/dev/null 2>&1 && fail "mark 30 was translated"
	[ "$(counter JSTAT_MASK_DOMAIN_NOT_FOUND)" -ge 1 ] || fail "mark 30's drop not counted"
}

t_empty_pool4_fallback() {
	topo
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no answer with pool4 empty"
	# The translator's own address, ports above the ephemeral range.
	eq "${seen%#*}" 192.0.2.1 "source address with pool4 empty"
	port_in "${seen#*#}" 61001 65535 "source port with pool4 empty"
}

t_hairpin() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6999
	ok jool bib add --udp 2001:db8::2#8000 203.0.113.1#6500
	udp_server $C 2001:db8::2 8000
	# The client reaches its neighbour through the pool4 address and back.
	local seen; seen=$(udp_ask $C 64:ff9b::cb00:7101 6500 41000) || fail "no hairpinned answer"
	eq "${seen%#*}" 64:ff9b::cb00:7101 "hairpinned source seen by the IPv6 server"
	port_in "${seen#*#}" 6000 6999 "hairpinned source port"
}

# third_host_asks PORT: 192.0.2.3 sends one datagram to 203.0.113.1#PORT and
# prints the answer, or "none".
third_host_asks() {
	inns $S $PY -c "
import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('192.0.2.3', 0)); s.settimeout(2)
s.sendto(b'x', ('203.0.113.1', $1))
try: print(s.recvfrom(100)[0].decode())
except Exception: print('none')"
}

t_adf() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6999
	ip -n $S addr add 192.0.2.3/24 dev eth0
	udp_server $S 192.0.2.2 7000
	# The client opens a mapping from its port 8000 towards 192.0.2.2 only,
	# then listens there.
	inns $C $PY -c "
import socket; s=socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(('::', 8000))
s.sendto(b'x', ('$SRV6', 7000)); s.settimeout(2); s.recvfrom(100)" || fail "no answer from 192.0.2.2"
	udp_server $C 2001:db8::2 8000
	local m4; m4=$(jool bib display --udp --csv --no-headers | awk -F, '$3 == 8000 { print $5 }')
	[ -n "$m4" ] || fail "no mapping for port 8000"
	# Address-dependent filtering on: a host the client never talked to is dropped.
	ok jool global update address-dependent-filtering true
	eq "$(third_host_asks $m4)" none "third host's datagram with ADF on"
	[ "$(counter JSTAT_ADF)" -ge 1 ] || fail "ADF drop not counted"
	# Off (endpoint-independent filtering): it gets through, and the client sees it.
	ok jool global update address-dependent-filtering false
	local got; got=$(third_host_asks $m4)
	eq "${got%#*}" 64:ff9b::c000:203 "third host as seen by the client, ADF off"
}

t_drop_externally_initiated_tcp() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp 6000-6999
	ok jool bib add --tcp 2001:db8::2#8080 203.0.113.1#6080
	inns $C $PY $pydir/tcp_many.py server 2001:db8::2 8080 >/dev/null 2>&1 &
	listening $C tcp 8080
	eq "$(inns $S $PY $pydir/tcp_many.py client 203.0.113.1 6080 1 | head -1)" 1 "IPv4-initiated TCP allowed"
	ok jool global update drop-externally-initiated-tcp true
	eq "$(inns $S $PY $pydir/tcp_many.py client 203.0.113.1 6080 1 3 | head -1)" 0 \
		"IPv4-initiated TCP with drop-externally-initiated-tcp"
	[ "$(counter JSTAT_V4_SYN)" -ge 1 ] || fail "dropped SYN not counted"
}

icmp_sessions() { ok jool session display --icmp --csv --no-headers | wc -l; }
no_icmp_session() { [ "$(icmp_sessions)" -eq 0 ]; }

# An ICMP session lives icmp-timeout from its last packet: not less (still
# there well before), not much more (gone soon after: the expiry worker runs
# twice a second), and its mapping goes with it. 10 s leave room for a slow
# emulated guest between the looks.
t_icmp_session_expiry() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp
	ok jool global update icmp-timeout 10
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping"
	local t0; t0=$(now_ms)
	local left; left=$(ok jool -j session display --icmp | jq -r '.[0].expires_in_ms')
	[ "$left" -gt 7000 ] && [ "$left" -le 10000 ] || fail "ICMP session expires in $left ms just after the reply, expected 7000-10000"
	# Halfway through its lifetime it must still be there.
	sleep_until $(( t0 + 5000 ))
	eq "$(icmp_sessions)" 1 "ICMP sessions 5 s into a 10 s timeout"
	local looked=$(( $(now_ms) - t0 ))
	[ "$looked" -lt 9000 ] || fail "the look took until $looked ms: no lower bound shown"
	wait_until 20 "the ICMP session to expire" no_icmp_session
	local gone=$(( $(now_ms) - t0 ))
	[ "$gone" -ge 9000 ] && [ "$gone" -le 15000 ] || fail "ICMP session gone after $gone ms, expected 10000 (+ the worker's period)"
	eq "$(ok jool bib display --icmp --csv --no-headers | wc -l)" 0 "ICMP BIB once the session expired"
}

t_pool4_remove_cascades() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6999
	udp_server $S 192.0.2.2 7000
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no answer"
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 1 "UDP BIB before"
	ok jool pool4 remove 203.0.113.1 --udp
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 0 "UDP BIB after remove"
	eq "$(jool session display --udp --csv --no-headers | wc -l)" 0 "UDP sessions after remove"
}

t_pool4_remove_quick() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 6000-6999
	udp_server $S 192.0.2.2 7000
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no answer"
	ok jool pool4 remove 203.0.113.1 --udp --quick
	# Orphaned: still listed, dies with its session.
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 1 "UDP BIB after remove --quick"
	eq "$(jool pool4 display --udp --csv --no-headers | wc -l)" 0 "UDP pool4 after remove"
}

t_pool_exhaustion() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 5000-5001
	udp_server $S 192.0.2.2 7000
	local a b
	a=$(udp_ask $C $SRV6 7000 41001) || fail "first client"
	b=$(udp_ask $C $SRV6 7000 41002) || fail "second client"
	# One more client than ports: dropped and counted, nobody evicted.
	udp_ask $C $SRV6 7000 41003 >/dev/null 2>&1 && fail "third client got a port"
	[ "$(counter JSTAT_POOL4_EXHAUSTED)" -ge 1 ] || fail "exhaustion not counted"
	eq "$(udp_ask $C $SRV6 7000 41001)" "$a" "first client's mapping after exhaustion"
	eq "$(udp_ask $C $SRV6 7000 41002)" "$b" "second client's mapping after exhaustion"
}

t_unsolicited_syn_refused() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp 6000-6999
	# A SYN to a pool4 address nobody mapped waits 6 s for an IPv6 side
	# (simultaneous open), then the sender gets ICMP port unreachable. The
	# ICMP error itself is watched for (how a socket reports it is racy).
	local out
	out=$(inns $S $PY -c "
import socket, struct, time
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); icmp.settimeout(1)
tcp = socket.socket(); tcp.setblocking(False); t0 = time.time()
try: tcp.connect(('203.0.113.1', 6123))
except BlockingIOError: pass
while time.time() - t0 < 15:
    try: pkt = icmp.recv(2048)
    except socket.timeout: continue
    ihl = (pkt[0] & 15) * 4; typ, code = pkt[ihl], pkt[ihl + 1]
    inner = pkt[ihl + 8:]; iihl = (inner[0] & 15) * 4
    dport = struct.unpack('!H', inner[iihl + 2:iihl + 4])[0]
    if (typ, code, dport) == (3, 3, 6123):
        print(int(time.time() - t0)); break
else: print('none')")
	[ "$out" != none ] || fail "no ICMP port unreachable within 15 s"
	[ "$out" -ge 5 ] && [ "$out" -le 10 ] || fail "port unreachable after $out s, expected the 6 s wait"
	[ "$(counter JSTAT_TYPE1PKT)" -ge 1 ] || fail "stored SYN not counted"
}

t_traceroute() {
	topo_router
	ok jool pool4 add 203.0.113.1
	inns $C traceroute -6 -n -q 1 -w 2 -m 5 $SRV2 > /tmp/tr.out 2>&1 || fail "traceroute: $(cat /tmp/tr.out)"
	# Hop 1 is the translator itself (hop limit exceeded here); hop 2 the IPv4
	# router, as pool6 embeds it; hop 3 the server.
	eq "$(awk '$1 == 1 { print $2 }' /tmp/tr.out)" 2001:db8::1 "hop 1 ($(cat /tmp/tr.out))"
	eq "$(awk '$1 == 2 { print $2 }' /tmp/tr.out)" $RTR6 "hop 2 ($(cat /tmp/tr.out))"
	eq "$(awk '$1 == 3 { print $2 }' /tmp/tr.out)" $SRV2 "hop 3 ($(cat /tmp/tr.out))"
}

t_path_mtu_discovery() {
	topo_router
	ok jool pool4 add 203.0.113.1 --tcp
	inns $S2 $PY $pydir/upload.py server 198.51.100.130 9100 >/dev/null 2>&1 &
	listening $S2 tcp 9100
	# Full-size IPv6 segments become 1480-byte DF IPv4 packets; the router
	# answers "fragmentation needed, MTU 1400", which must reach the client
	# as "packet too big, MTU 1420".
	eq "$(inns $C $PY $pydir/upload.py client $SRV2 9100 2000000)" ok "2 MB upload over the 1400-byte link"
	inns $C ip -6 route get $SRV2 | grep -q 'mtu 1420' || \
		fail "client's path MTU: $(inns $C ip -6 route get $SRV2)"
}

t_simultaneous_open() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp 6000-6999
	ip -n $S addr add 192.0.2.3/24 dev eth0
	inns $S $PY $pydir/tcp_many.py server 192.0.2.2 9000 >/dev/null 2>&1 &
	listening $S tcp 9000
	# The client's port 8000 gets a mapping (talking to 192.0.2.2 only).
	inns $C $PY -c "
import socket; s=socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('::', 8000)); s.connect(('$SRV6', 9000)); s.send(b'x'); s.recv(100)" || fail "first connection"
	local m4; m4=$(jool bib display --tcp --csv --no-headers | awk -F, '$3 == 8000 { print $5 }')
	[ -n "$m4" ] || fail "no mapping for port 8000"
	ok jool global update address-dependent-filtering true
	# 192.0.2.3 opens towards the mapping: filtered, its SYN is kept; the
	# client opens towards 192.0.2.3 within 6 s: both connections succeed.
	inns $S $PY -c "
import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('192.0.2.3', 5555)); s.settimeout(15)
try: s.connect(('203.0.113.1', $m4)); print('connected')
except Exception as e: print(type(e).__name__)" > /tmp/so4.out &
	local v4=$!
	# Its SYN is stored (the simultaneous-open wait has begun).
	wait_until 10 "the IPv4 SYN to be stored" counter_ge JSTAT_TYPE1PKT 1
	eq "$(inns $C $PY -c "
import socket; s=socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('::', 8000)); s.settimeout(10)
try: s.connect(('64:ff9b::c000:203', 5555)); print('connected')
except Exception as e: print(type(e).__name__)")" connected "IPv6 side of the simultaneous open"
	wait $v4
	eq "$(cat /tmp/so4.out)" connected "IPv4 side of the simultaneous open"
	[ "$(counter JSTAT_TYPE1PKT)" -ge 1 ] || fail "the IPv4 SYN was not stored"
}

t_well_known_ports_stay_well_known() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 100-2000 --force
	udp_server $S 192.0.2.2 7000
	local i seen
	# Whatever the hash picks, the class of the client's port is kept.
	for i in 1 2 3 4 5; do
		seen=$(udp_ask $C $SRV6 7000 $((500 + i))) || fail "no answer from port $((500 + i))"
		port_in "${seen#*#}" 100 1023 "mask of well-known port $((500 + i))"
		seen=$(udp_ask $C $SRV6 7000 $((41000 + i))) || fail "no answer from port $((41000 + i))"
		port_in "${seen#*#}" 1024 2000 "mask of port $((41000 + i))"
	done
}

t_drop_icmpv6_info() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp
	ok jool global update drop-icmpv6-info true
	inns $C ping -c 1 -W 1 $SRV6 >/dev/null && fail "ping translated with drop-icmpv6-info on"
	[ "$(counter JSTAT_ICMP6_FILTER)" -ge 1 ] || fail "drop not counted"
	ok jool global update drop-icmpv6-info false
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping with drop-icmpv6-info off"
}

t_pool6_64() {
	# RFC 6052 with a /64: the IPv4 address skips the "u" octet (bits 64-71).
	topo
	ok jool instance remove
	ok jool instance add --netfilter --pool6 2001:db8:64::/64 >/dev/null
	ok jool pool4 add 203.0.113.1 --icmp --udp
	inns $C ip -6 route add 2001:db8:64::/64 via 2001:db8::1
	inns $C ping -c 1 -W 2 2001:db8:64:0:c0:2:200:0 >/dev/null || fail "ping 192.0.2.2 under a /64 pool6"
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C 2001:db8:64:0:c0:2:200:0 7000 41000) || fail "no UDP answer"
	eq "${seen%#*}" 203.0.113.1 "source seen by the server"
	# A non-zero "u" octet is outside RFC 6052's format: dropped and counted.
	inns $C ping -c 1 -W 1 2001:db8:64:0:1c0:2:200:0 >/dev/null && fail "u octet 01 translated"
	eq "$(counter JSTAT_UNTRANSLATABLE_DST6)" 1 "untranslatable IPv6 destinations"
}

# logging-bib and logging-session: one line per mapping and session created
# and forgotten, in Jool 4's format (wall-clock time, transport addresses).
t_logging_bib_session() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp --udp
	ok jool global update logging-bib true
	ok jool global update logging-session true
	ok jool global update icmp-timeout 2
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no UDP answer"
	local log; log=$(dmesg | grep "jool/default: ")
	local ts='[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \(GMT\)'
	echo "$log" | grep -Eq "jool/default: $ts - Mapped 2001:db8::2#41000 to ${seen%#*}#${seen#*#} \(UDP\)$" \
		|| fail "no mapping line: $log"
	echo "$log" | grep -Eq "jool/default: $ts - Added session 2001:db8::2#41000\|64:ff9b::c000:202#7000\|${seen%#*}#${seen#*#}\|192.0.2.2#7000\|UDP$" \
		|| fail "no session line: $log"
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping"
	wait_until 10 "the ICMP session to expire" no_icmp_session
	log=$(dmesg | grep "jool/default: ")
	echo "$log" | grep -Eq " - Forgot session 2001:db8::2#[0-9]+\|64:ff9b::c000:202#[0-9]+\|203.0.113.1#[0-9]+\|192.0.2.2#[0-9]+\|ICMP$" \
		|| fail "no expiry line for the ICMP session: $log"
	echo "$log" | grep -Eq " - Forgot 2001:db8::2#[0-9]+ to 203.0.113.1#[0-9]+ \(ICMP\)$" \
		|| fail "no expiry line for the ICMP mapping: $log"
	# Whatever removes a mapping logs it: here, pool4 remove cascading to the BIB.
	ok jool pool4 remove 203.0.113.1 --udp
	log=$(dmesg | grep "jool/default: ")
	echo "$log" | grep -Eq " - Forgot 2001:db8::2#41000 to ${seen%#*}#${seen#*#} \(UDP\)$" \
		|| fail "no line for the mapping pool4 remove took: $log"
	echo "$log" | grep -Eq " - Forgot session 2001:db8::2#41000\|64:ff9b::c000:202#7000\|.*\|UDP$" \
		|| fail "no line for the session pool4 remove took: $log"
	ok jool pool4 add 203.0.113.1 --udp
	# Off again: nothing more is written.
	ok jool global update logging-bib false
	ok jool global update logging-session false
	local n; n=$(dmesg | grep -c "jool/default: ")
	udp_ask $C $SRV6 7000 41001 >/dev/null || fail "no UDP answer"
	eq "$(dmesg | grep -c "jool/default: ")" "$n" "log lines with logging off"
}

# logging-debug traces each packet's journey; manually-enabled false stops
# translating without touching the configuration.
t_logging_debug_and_disable() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp
	ok jool global update logging-debug true
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping"
	dmesg | grep -Eq "jool/default: 2001:db8::2#[0-9]+ -> 64:ff9b::c000:202#[0-9]+ ICMP: .* at " \
		|| fail "no trace of the IPv6 packet: $(dmesg | grep jool/ | tail -5)"
	dmesg | grep -Eq "jool/default: 192.0.2.2#[0-9]+ -> 203.0.113.1#[0-9]+ ICMP: .* at " \
		|| fail "no trace of the IPv4 reply: $(dmesg | grep jool/ | tail -5)"
	ok jool global update logging-debug false
	ok jool global update manually-enabled false
	local before; before=$(counter JSTAT_SUCCESS)
	inns $C ping -c 1 -W 1 $SRV6 >/dev/null && fail "translated while manually disabled"
	eq "$(counter JSTAT_SUCCESS)" "$before" "packets translated while disabled"
	[ "$(counter JSTAT_XLATOR_DISABLED)" -ge 1 ] || fail "the refusal was not counted"
	ok jool global update manually-enabled true
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping after enabling again"
	eq "$(ok jool pool4 display --icmp --csv --no-headers | wc -l)" 1 "pool4 kept"
}

# A flood of new sessions cannot flood the log: session lines are rate-limited
# (2000 per 5 s per instance) and the kernel says how many it suppressed.
t_logging_rate_limited() {
	topo
	ok jool pool4 add 203.0.113.1 --udp
	ok jool global update logging-session true
	local before; before=$(dmesg | grep -c "Added session")
	inns $C $PY "$pydir/udp_flood.py" 2001:db8::2 $SRV6 7000 3000 >/dev/null || fail "flood"
	wait_until 10 "2500 of the flood's sessions" counter_ge JSTAT_SESSIONS 2500
	local n=$(( $(dmesg | grep -c "Added session") - before ))
	[ "$n" -le 2000 ] || fail "$n session lines logged for one flood (limit 2000 per 5 s)"
	[ "$n" -ge 100 ] || fail "only $n session lines logged"
}

# csum_errors NS: the transport checksum errors NS's kernel counted (TCP,
# UDP and UDP over IPv6).
csum_errors() {
	inns "$1" awk '$1 ~ /^(Tcp|Udp):$/ { if (!(($1) in col)) { for (i = 2; i <= NF; i++) if ($i == "InCsumErrors") col[$1] = i } else s += $col[$1] }
		$1 == "Udp6InCsumErrors" { s += $2 } END { print s + 0 }' /proc/net/snmp /proc/net/snmp6
}

# Over veth, the senders' stacks leave checksums to the "hardware"
# (CHECKSUM_PARTIAL). With transmit checksumming off on both senders, every
# packet carries a whole checksum that the translator must update and the
# receivers verify: UDP and TCP, in both directions, payload checked.
t_full_checksums() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp --udp 6000-6999
	ok jool bib add --udp 2001:db8::2#8000 203.0.113.1#6500
	ok jool bib add --tcp 2001:db8::2#9100 203.0.113.1#6600
	eq "$(inns $C $PY $pydir/txcsum.py eth0 off)" off "client's transmit checksumming"
	eq "$(inns $S $PY $pydir/txcsum.py eth0 off)" off "server's transmit checksumming"
	# UDP, each way: an answer means the receiver accepted the checksum.
	udp_server $S 192.0.2.2 7000
	udp_server $C 2001:db8::2 8000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no UDP answer (IPv6 first)"
	eq "${seen%#*}" 203.0.113.1 "UDP source seen by the server"
	eq "$(udp_ask $S 203.0.113.1 6500 9000)" "64:ff9b::c000:202#9000" "UDP source seen by the IPv6 server"
	# TCP, bulk each way (the receivers hash what they got).
	inns $S $PY $pydir/upload.py server 192.0.2.2 9100 >/dev/null 2>&1 &
	inns $C $PY $pydir/upload.py server 2001:db8::2 9100 >/dev/null 2>&1 &
	listening $S tcp 9100
	listening $C tcp 9100
	eq "$(inns $C $PY $pydir/upload.py client $SRV6 9100 1000000)" ok "TCP upload IPv6 -> IPv4"
	eq "$(inns $S $PY $pydir/upload.py client 203.0.113.1 6600 1000000)" ok "TCP upload IPv4 -> IPv6"
	eq "$(csum_errors $C)" 0 "checksum errors counted by the client"
	eq "$(csum_errors $S)" 0 "checksum errors counted by the server"
	[ "$(counter JSTAT_SUCCESS)" -ge 100 ] || fail "too few packets translated: $(counter JSTAT_SUCCESS)"
}
