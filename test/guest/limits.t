# SPDX-License-Identifier: GPL-2.0
# max-sessions: what the network can make the translator allocate is capped.
# Floods of 20 times the cap, from both sides; kernel memory (the
# jool_session and jool_bib slabs, unmerged: the guest boots with slab_nomerge) is
# measured before, during and after.

# objs: the allocated session and BIB objects, from /proc/slabinfo. SLUB
# counts free objects still cached per CPU as active: shrinking the caches
# first hands those back, so the count is exact.
objs() {
	local c
	for c in jool_session jool_bib; do echo 1 > /sys/kernel/slab/$c/shrink 2>/dev/null; done
	awk '$1 == "jool_session" || $1 == "jool_bib" { t += $2; f++ } END { if (f != 2) exit 1; print t }' \
		/proc/slabinfo || abort "no jool_session/jool_bib slab in /proc/slabinfo"
}

# objs_le N: at most N objects (for wait_until).
objs_le() { [ "$(objs)" -le "$1" ]; }

# icmp6_unreach_in NS: ICMPv6 destination unreachables NS received.
icmp6_unreach_in() { inns "$1" awk '$1 == "Icmp6InDestUnreachs" { print $2 }' /proc/net/snmp6; }

t_max_sessions_default_and_checks() {
	topo
	# Sized from RAM: 1/64 of it at 192 bytes a session, at least 1024.
	local kb want; kb=$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)
	want=$(( kb * 1024 / 64 / 192 ))
	local got; got=$(ok jool global display --csv | awk -F, '$1 == "max-sessions" { print $2 }')
	[ -n "$got" ] || fail "global display does not show max-sessions"
	# MemTotal excludes what the kernel reserved at boot: within 10 %.
	[ "$got" -ge 1024 ] && [ "$got" -ge $(( want * 9 / 10 )) ] && [ "$got" -le $(( want * 11 / 10 + 1024 )) ] ||
		fail "default max-sessions $got, RAM says about $want"
	ok jool global update max-sessions 700
	eq "$(ok jool -j global display | jq '.[] | select(.key == "max-sessions") | .value')" 700 "updated, JSON"
	fails "^jool: max-sessions: '0' is not a number from 1 to 4294967295$" jool global update max-sessions 0
	fails "max-sessions: 'x' is not a number" jool global update max-sessions x
	eq "$(ok jool global display --csv | awk -F, '$1 == "max-sessions" { print $2 }')" 700 "the refusal changed nothing"
}

t_max_sessions_flood() {
	topo
	ok jool pool4 add 203.0.113.1 1000-1999 --tcp
	ok jool pool4 add 203.0.113.1 1000-1999 --udp
	ok jool global update max-sessions 500
	# A flow made before the flood must keep working at the cap.
	udp_server $S 192.0.2.2 7000
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no answer before the flood"
	local base; base=$(objs)
	local unreach0; unreach0=$(icmp6_unreach_in $C)

	# 20 x the cap of new UDP flows, then of TCP SYNs, from IPv6.
	ok inns $C $PY "$pydir/flood.py" udp6 2001:db8::2 $SRV6 10000 7001 >/dev/null
	local n; n=$(counter JSTAT_SESSIONS)
	[ "$n" -le 500 ] && [ "$n" -ge 490 ] || fail "$n sessions after the UDP flood (cap 500)"
	local during; during=$(objs)
	ok inns $C $PY "$pydir/flood.py" syn6 2001:db8::2 $SRV6 10000 80 >/dev/null
	n=$(counter JSTAT_SESSIONS)
	[ "$n" -le 500 ] || fail "$n sessions after the SYN flood (cap 500)"
	# SYNs from IPv4 to every pool4 port: no mapping, so they are stored
	# (maximum-simultaneous-opens) or refused; they never make sessions.
	ok inns $S $PY "$pydir/flood.py" syn4 192.0.2.2 203.0.113.1 1000 1000 >/dev/null
	n=$(counter JSTAT_SESSIONS)
	[ "$n" -le 500 ] || fail "$n sessions after the IPv4 SYN flood (cap 500)"
	local peak; peak=$(objs)
	[ "$peak" -le $(( base + 2 * 500 + 50 )) ] ||
		fail "slab objects $base before, $during after UDP, $peak at the end: more than the cap allows"

	local refused; refused=$(counter JSTAT_SESSION_LIMIT)
	[ "$refused" -ge $(( 20000 - 600 )) ] || fail "only $refused flows refused out of 20000"
	# Answered with ICMP, rate-limited by the kernel: some, far fewer than refusals.
	local got=$(( $(icmp6_unreach_in $C) - unreach0 ))
	[ "$got" -ge 1 ] && [ "$got" -le $(( refused / 10 )) ] ||
		fail "$got ICMPv6 unreachables received for $refused refusals"
	counter_ge JSTAT_SO_FULL 1 || fail "IPv4 SYNs beyond maximum-simultaneous-opens not counted"
	# The old flow still works; a refused one still does not.
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "the existing flow stopped at the cap"
	if udp_ask $C $SRV6 7000 41001 >/dev/null 2>&1; then fail "a new flow got through at the cap"; fi

	# Raising the cap lets new flows in at once.
	ok jool global update max-sessions 100000
	udp_ask $C $SRV6 7000 41001 >/dev/null || fail "a new flow after raising the cap"

	# Everything goes back when the instance does (after a grace period).
	ok jool instance remove
	wait_until 10 "slab objects back to $base" objs_le "$base"
}

# Sessions made at the cap expire as any other, and memory goes back.
t_max_sessions_expiry() {
	topo
	ok jool pool4 add 203.0.113.1 1000-1999 --icmp
	ok jool global update max-sessions 300
	# Long enough to outlast the flood under an emulated CPU, short enough to wait for.
	ok jool global update icmp-timeout 15
	local base; base=$(objs)
	ok inns $C $PY "$pydir/flood.py" echo6 2001:db8::2 $SRV6 6000 >/dev/null
	local n; n=$(counter JSTAT_SESSIONS)
	[ "$n" -le 300 ] && [ "$n" -ge 1 ] || fail "$n ICMP sessions after 6000 echo requests (cap 300)"
	[ "$(objs)" -le $(( base + 2 * 300 + 50 )) ] || fail "slab objects above the cap"
	# At most the cap plus what expired during the flood got in.
	[ "$(counter JSTAT_SESSION_LIMIT)" -ge 5000 ] || fail "refusals not counted"
	wait_until 25 "the ICMP sessions to expire" sh -c '[ "$(jool stats display --all --csv --no-headers | awk -F, "\$1 == \"JSTAT_SESSIONS\" { print \$2 }")" = 0 ]'
	# Freed after a grace period: back to the baseline.
	wait_until 10 "slab objects back to $base" objs_le "$base"
	# And new flows are welcome again.
	ok inns $C $PY "$pydir/flood.py" echo6 2001:db8::2 $SRV6 10 >/dev/null
	eq "$(counter JSTAT_SESSIONS)" 10 "new sessions after expiry"
}
