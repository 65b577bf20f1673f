# SPDX-License-Identifier: GPL-2.0
# tcp_state.t - a TCP session's state and lifetime, read back with `jool
# session display` after each transition of a real connection (RFC 6146
# 3.5.2.2): which state, and which timeout runs (lower and upper bounds on
# the time left).

# steps SCENARIO PORT: runs test/guest/py/tcp_steps.py; its "STEP STATE MS"
# lines land in /tmp/steps.
steps() {
	$PY $pydir/tcp_steps.py $C $S "$1" "$2" > /tmp/steps 2>&1 || fail "tcp_steps $1: $(cat /tmp/steps)"
}

# lifetime STEP STATE TIMEOUT_MS: after STEP the session is in STATE with
# TIMEOUT_MS (give or take 15 s of test time) left.
lifetime() {
	local line; line=$(grep "^$1 " /tmp/steps) || fail "no step $1: $(cat /tmp/steps)"
	set -- $line "$2" "$3"
	eq "$2" "$4" "state after $1"
	[ "$3" -le "$5" ] && [ "$3" -ge $(( $5 - 15000 )) ] ||
		fail "after $1 ($2) the session expires in $3 ms, expected $(( $5 - 15000 ))-$5"
}

EST=$(( 3 * 3600 * 1000 ))	# tcp-est-timeout in these tests (default 2 h)
TRANS=$(( 5 * 60 * 1000 ))	# tcp-trans-timeout (default 4 min)

tcp_topo() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp
	ok jool global update tcp-est-timeout 3:00:00
	ok jool global update tcp-trans-timeout 0:05:00
}

# SYN (unanswered), established, FIN from the IPv6 side, FIN from both.
t_tcp_close() {
	tcp_topo
	steps close 40100
	lifetime syn V6_INIT $TRANS
	lifetime established ESTABLISHED $EST
	lifetime fin6 V6_FIN_RCV $EST
	lifetime fin4 V4_FIN_V6_FIN_RCV $TRANS
}

t_tcp_rst_from_ipv6() {
	tcp_topo
	steps rst6 40101
	lifetime established ESTABLISHED $EST
	lifetime rst6 TRANS $TRANS
}

t_tcp_rst_from_ipv4() {
	tcp_topo
	steps rst4 40102
	lifetime established ESTABLISHED $EST
	lifetime rst4 TRANS $TRANS
}

# With the default timeouts, a closed or reset connection keeps its session
# for the transitory 4 minutes, not the established 2 hours.
t_tcp_closed_is_transitory_by_default() {
	topo
	ok jool pool4 add 203.0.113.1 --tcp
	steps close 40103
	lifetime established ESTABLISHED $(( 2 * 3600 * 1000 ))
	lifetime fin4 V4_FIN_V6_FIN_RCV $(( 4 * 60 * 1000 ))
	steps rst6 40104
	lifetime rst6 TRANS $(( 4 * 60 * 1000 ))
}
