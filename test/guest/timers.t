# SPDX-License-Identifier: GPL-2.0
# timers.t - the timers RFC 6146 3.5.2.2 makes long, run in seconds through
# the testing-only module parameters (mod/params.c): the 6 s a stored IPv4
# SYN waits (test_syn4_ms) and the keepalive probe of an idle ESTABLISHED
# session (tcp-est-timeout, at least 2 h unless test_tcp_est_min_ms lowers
# that minimum; tcp-trans-timeout likewise). `knob` puts each back at exit.
# The 6 s themselves: conformance case rfc6146-3.5.2.2-stored-syn-port-unreachable.

params=/sys/module/jool/parameters

# The state of the (only) TCP session, NONE without one.
tcp_state() { ok jool -j session display --tcp | jq -r '.[0].state // "NONE"'; }
state_is() { [ "$(tcp_state)" = "$1" ]; }

# lives_as STATE MAX_MS: the TCP session is (within 5 s) in STATE, expires
# in at most MAX_MS, and is not gone before that (the test's clock read
# before the kernel's: a lower bound whatever the guest's pace), nor 10 s
# after. One look gives both state and time left.
lives_as() {
	local t s end=$(( $(now_ms) + 5000 ))
	while :; do
		t=$(now_ms)
		s=$(ok jool -j session display --tcp | jq -r '.[0] | "\(.state) \(.expires_in_ms)"')
		[ "${s%% *}" = "$1" ] || [ "$t" -ge "$end" ] && break
		sleep 0.1
	done
	set -- $s "$1" "$2"
	eq "$1" "$3" "session state"
	[ "$2" -le "$4" ] || fail "$1 session expires in $2 ms, more than $4"
	wait_until 10 "the $1 session to expire" state_is NONE
	[ $(( $(now_ms) - t )) -ge $(( $2 - 50 )) ] || fail "$1 session gone $(( $(now_ms) - t )) ms after it said $2 ms left"
}

# The parameters refuse what they are not for: zero, or more than the RFC.
t_knobs_bounded() {
	eq "$(cat $params/test_syn4_ms)" 6000 "test_syn4_ms by default"
	eq "$(cat $params/test_tcp_est_min_ms)" 7200000 "test_tcp_est_min_ms by default"
	eq "$(cat $params/test_tcp_trans_min_ms)" 240000 "test_tcp_trans_min_ms by default"
	local kv
	for kv in test_syn4_ms=0 test_syn4_ms=499 test_syn4_ms=6001 test_syn4_ms=-1 \
		  test_tcp_est_min_ms=999 test_tcp_est_min_ms=7200001 test_tcp_est_min_ms=x \
		  test_tcp_trans_min_ms=0 test_tcp_trans_min_ms=240001 test_tcp_trans_min_ms=4294967296; do
		! (echo "${kv#*=}" > $params/${kv%%=*}) 2>/dev/null || fail "$kv accepted"
	done
	eq "$(cat $params/test_syn4_ms) $(cat $params/test_tcp_est_min_ms) $(cat $params/test_tcp_trans_min_ms)" \
		"6000 7200000 240000" "the parameters after refused writes"
	topo
	fails "tcp-est-timeout must be at least 2:00:00 \(RFC 6146\)" jool global update tcp-est-timeout 0:00:02
	fails "tcp-trans-timeout must be at least 0:04:00 \(RFC 6146\)" jool global update tcp-trans-timeout 0:00:02
	knob test_tcp_est_min_ms 2000
	knob test_tcp_trans_min_ms 1500
	# The CLI takes what the module takes: it leaves the minimum to it.
	ok jool global update tcp-est-timeout 0:00:02
	ok jool global update tcp-trans-timeout 0:00:01.500
	fails "tcp-est-timeout must be at least test_tcp_est_min_ms" jool global update tcp-est-timeout 0:00:01.999
	fails "tcp-trans-timeout must be at least test_tcp_trans_min_ms" jool global update tcp-trans-timeout 1.499
	eq "$(ok jool -j global display | jq -c '[.[] | select(.key | test("^tcp-(est|trans)-timeout$")) | .value]')" \
		'["0:00:02","0:00:01.500"]' "timeouts after the refused updates"
}

# An IPv4 SYN nobody answers from IPv6 waits test_syn4_ms, then ICMP port
# unreachable: the connecting socket's kernel matches it to the SYN it quotes
# and refuses the connection (a hard error in SYN-SENT). 1.5 s: the
# client's retransmission at 1 s finds the SYN still stored, the next (3 s)
# comes after the answer.
t_stored_syn_refused_after_test_syn4_ms() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp 6000-6999
	knob test_syn4_ms 1500
	local out
	out=$(inns $S $PY -c "
import errno, socket, time
s = socket.socket(); s.settimeout(8)
t0 = time.monotonic()
try:
    s.connect(('203.0.113.1', 6125))
    print('connected')
except OSError as e:
    print(errno.errorcode.get(e.errno, e), int((time.monotonic() - t0) * 1000))") || fail "client: $out"
	set -- $out
	eq "$1" ECONNREFUSED "the IPv4 client's connect()"
	# Not before its 1.5 s (the worker runs twice a second), not 6 s.
	[ "$2" -ge 1450 ] && [ "$2" -le 3000 ] || fail "refused after $2 ms, expected 1500-2000 (+ test slack)"
	eq "$(counter JSTAT_TYPE1PKT)" 1 "SYNs stored"
	eq "$(counter JSTAT_SO_EXISTS)" 1 "retransmissions of the stored SYN"
	[ "$(counter JSTAT_ICMP4ERR_SUCCESS)" -ge 1 ] || fail "no ICMP error counted"
}

# With a static mapping an IPv4 SYN makes a V4_INIT session, which lives
# test_syn4_ms too (the IPv6 side's RST keeps it: RFC 6146 3.5.2.2); 3 s
# leave a slow guest time to see it.
t_v4_init_session_lives_test_syn4_ms() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp 6000-6999
	ok jool bib add --tcp 2001:db8::2#8081 203.0.113.1#6081
	knob test_syn4_ms 3000
	inns $S $PY -c "
import socket
s = socket.socket(); s.setblocking(False)
try: s.connect(('203.0.113.1', 6081))
except BlockingIOError: pass" || fail "SYN"
	lives_as V4_INIT 3000
}

# keepalive_topo PORT ACTION TRANS: topo, a tcp-est-timeout of 2 s and a
# tcp-trans-timeout of TRANS, a connection held by
# tcp_hold.py (coprocess HOLD) from client port PORT, and an ip6tables rule
# in the client that counts the probes (what send_probe6 sends: an ACK with
# no payload or options, 60 bytes, from the server as the client sees it)
# and ACCEPTs or DROPs them.
keepalive_topo() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp
	knob test_tcp_est_min_ms 2000
	knob test_tcp_trans_min_ms 2000
	ok jool global update tcp-est-timeout 0:00:02
	ok jool global update tcp-trans-timeout "$3"
	PROBE="-p tcp -s $SRV6 --sport 9301 -d 2001:db8::2 --dport $1 --tcp-flags ALL ACK -m length --length 60"
	inns $C ip6tables -A INPUT $PROBE -j "$2" || fail "ip6tables"
	coproc HOLD { $PY $pydir/tcp_hold.py $C $S "$1" 2>&1; }
	local line; read -t 20 -r line <&"${HOLD[0]}"
	eq "$line" up "tcp_hold.py"
}

# probes: the client's count of probes; probed N: at least N.
probes() { inns $C ip6tables -L INPUT -vnx | awk '$1 ~ /^[0-9]+$/ && /dpt:/ { print $1 }'; }
probed() { [ "$(probes)" -ge "$1" ]; }
# echo_ok: one round trip over the held connection.
echo_ok() {
	echo ping >&"${HOLD[1]}"
	local line; read -t 20 -r line <&"${HOLD[0]}"
	echo "$line"
}

# An idle ESTABLISHED session whose timeout runs out is probed; the
# client's kernel answers the probe (a duplicate ACK: its sequence number is
# out of the window), which makes the session ESTABLISHED again: probed over
# and over, it outlives tcp-est-timeout + tcp-trans-timeout many times.
t_keepalive_probe_answered() {
	keepalive_topo 40300 ACCEPT 0:00:02
	local t0; t0=$(now_ms)
	eq "$(tcp_state)" ESTABLISHED "state once connected"
	wait_until 15 "a first probe" probed 1
	# A TRANS session that nothing refreshed would die, not be probed again.
	wait_until 15 "a third probe" probed 3
	wait_until 5 "the session back in ESTABLISHED" state_is ESTABLISHED
	local alive=$(( $(now_ms) - t0 ))
	[ "$alive" -ge 5000 ] || fail "three probes in $alive ms, with a 2 s tcp-est-timeout"
	eq "$(echo_ok)" echo "the connection after $alive ms idle"
	eq "$(ok jool session display --tcp --csv --no-headers | wc -l)" 1 "TCP sessions"
}

# Probes nobody answers: the session waits tcp-trans-timeout in TRANS, is not
# probed again, and dies with its mapping; the connection's next segment
# from IPv6 finds none (not a SYN: dropped).
t_keepalive_probe_unanswered() {
	# 6 s in TRANS: time for a slow guest to see it there.
	keepalive_topo 40301 DROP 0:00:06
	wait_until 15 "a probe" probed 1
	lives_as TRANS 6000
	eq "$(probes)" 1 "probes of a TRANS session"
	eq "$(ok jool bib display --tcp --csv --no-headers | wc -l)" 0 "TCP mappings once the session died"
	local before; before=$(counter JSTAT_SYN6_EXPECTED)
	[[ "$(echo_ok)" == lost* ]] || fail "the connection still works without its session"
	[ "$(counter JSTAT_SYN6_EXPECTED)" -gt "$before" ] || fail "the client's segment not counted as JSTAT_SYN6_EXPECTED"
}
