# SPDX-License-Identifier: GPL-2.0
# stats.t - watching a translator: counters in every format, and globals
# changed while traffic flows.

t_stats_formats() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp
	inns $C ping -c 2 -i 0.3 -W 2 $SRV6 >/dev/null || fail "ping"
	local text; text=$(ok jool stats display)
	# (RECEIVED6 also counts neighbour discovery, as Jool's does.)
	echo "$text" | grep -qx "JSTAT_SUCCESS: 4" || fail "text format: $text"
	echo "$text" | grep -qx "JSTAT_BIB_ENTRIES: 1" || fail "BIB gauge: $text"
	echo "$text" | grep -qx "JSTAT_SESSIONS: 1" || fail "session gauge: $text"
	echo "$text" | grep -q ": 0$" && fail "zero counters shown without --all: $text"
	local all; all=$(ok jool stats display --all)
	eq "$(echo "$all" | grep -c '^JSTAT')" "$(( $(ok jool stats display --all --csv --no-headers | wc -l) ))" "--all text vs CSV rows"
	[ "$(echo "$all" | wc -l)" -ge 73 ] || fail "--all shows every counter: $(echo "$all" | wc -l) lines"
	# --explain: each counter followed by its one-line explanation.
	ok jool stats display --explain | grep -A1 -x "JSTAT_SUCCESS: 4" | tail -1 | grep -q "translated" \
		|| fail "--explain: $(jool stats display --explain | head -6)"
	eq "$(ok jool stats display --csv | head -1)" "Stat,Value" "CSV header"
	eq "$(ok jool stats display --csv --explain | head -1)" "Stat,Value,Explanation" "CSV header with --explain"
	ok jool -j stats display | jq -e 'map(select(.stat == "JSTAT_SUCCESS"))[0].value == 4' >/dev/null \
		|| fail "JSON: $(jool -j stats display)"
}

# A global update is atomic for the packet path and keeps BIB and sessions.
t_update_keeps_state() {
	topo
	ok jool pool4 add 203.0.113.1 --udp 5000-5999
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no UDP answer"
	local bib; bib=$(ok jool bib display --udp --csv --no-headers)
	# Traffic keeps flowing while globals change under it.
	( for i in $(seq 20); do udp_ask $C $SRV6 7000 41000 >/dev/null || exit 1; done ) &
	local flow=$!
	for v in 0:03:00 0:04:00 0:05:00; do
		ok jool global update udp-timeout $v
		ok jool global update tos 32
		ok jool global update f-args 15
	done
	wait $flow || fail "traffic broke while globals changed"
	eq "$(ok jool bib display --udp --csv --no-headers)" "$bib" "BIB after the updates"
	eq "$(udp_ask $C $SRV6 7000 41000)" "$seen" "same mapping after the updates"
	eq "$(ok jool session display --udp --csv --no-headers | wc -l)" 1 "session kept"
	eq "$(ok jool global display --csv --no-headers | grep '^udp-timeout,')" "udp-timeout,0:05:00" "last update applied"
}

# The tests' counter helper cannot read a counter that is not there: when
# `jool stats display` fails (no instance) or does not list the name, the
# test calling it fails instead of comparing with 0.
t_counter_helper_fails() {
	local probe=". '$top/test/guest/lib.sh'; v=\$(counter \$0); echo \"survived \$v\""
	local out
	out=$(bash -c "$probe" JSTAT_SUCCESS 2>&1) && fail "counter without an instance did not fail: $out"
	[[ $out != *survived* ]] || fail "the test went on after an unreadable counter: $out"
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	out=$(bash -c "$probe" JSTAT_NO_SUCH_COUNTER 2>&1) && fail "unknown counter did not fail: $out"
	[[ $out == *"not shown"* ]] || fail "unknown counter: $out"
	eq "$(bash -c "$probe" JSTAT_SUCCESS 2>&1)" "survived 0" "a counter that is there"
}

# `stats display --all` lists Jool 4.1's 69 counters, by name and in Jool's
# order (files/jool4_stats.txt, from Jool 4.1.9's own output), then jool's;
# --explain explains every one.
t_stats_jool4_names() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	local want; want=$(cat "$top/test/guest/files/jool4_stats.txt"
		printf '%s\n' JSTAT_MALFORMED JSTAT_POOL4_EXHAUSTED JSTAT64_TOO_BIG_FOR_IPV4 JSTAT_SESSION_LIMIT)
	eq "$(echo "$want" | wc -l)" 73 "the expected list"
	eq "$(ok jool stats display --all | cut -d: -f1)" "$want" "--all: names and order"
	eq "$(ok jool stats display --all --csv --no-headers | cut -d, -f1)" "$want" "--all --csv: names and order"
	eq "$(ok jool -j stats display --all | jq -r '.[].stat')" "$want" "--all JSON: names and order"
	# --explain: "NAME: value", its explanation, a blank line; each explained.
	local ex; ex=$(ok jool stats display --all --explain)
	eq "$(echo "$ex" | awk 'NR % 3 == 1' | cut -d: -f1)" "$want" "--explain: names"
	eq "$(echo "$ex" | awk 'NR % 3 == 2 && length($0) > 10' | wc -l)" 73 "--explain: an explanation each"
}

# As in Jool, RECEIVED6/RECEIVED4 count every packet the translator is
# handed: traffic outside pool6 and pool4 too (then counted as a mismatch).
t_stats_received_counts_not_ours() {
	topo
	ok jool pool4 add 203.0.113.1 --icmp
	# One reading of all four at a time: neighbour discovery moves them meanwhile.
	snap() { ok jool stats display --all --csv --no-headers | awk -F, '
		{ v[$1] = $2 }
		END { print v["JSTAT_RECEIVED6"], v["JSTAT_POOL6_MISMATCH"], v["JSTAT_RECEIVED4"], v["JSTAT_POOL4_MISMATCH"] }'; }
	local r6 m6 r4 m4 R6 M6 R4 M4
	read -r r6 m6 r4 m4 <<< "$(snap)"
	inns $C ping -c 3 -i 0.2 -W 2 2001:db8::1 >/dev/null || fail "native IPv6 ping"
	inns $S ping -c 3 -i 0.2 -W 2 192.0.2.1 >/dev/null || fail "native IPv4 ping"
	read -r R6 M6 R4 M4 <<< "$(snap)"
	[ $((M6 - m6)) -ge 3 ] || fail "IPv6 outside pool6 not counted as a mismatch: $(jool stats display)"
	[ $((R6 - r6)) -ge $((M6 - m6)) ] || fail "IPv6 outside pool6 not counted as received: $(jool stats display)"
	[ $((M4 - m4)) -ge 3 ] || fail "IPv4 outside pool4 not counted as a mismatch: $(jool stats display)"
	[ $((R4 - r4)) -ge $((M4 - m4)) ] || fail "IPv4 outside pool4 not counted as received: $(jool stats display)"
	eq "$(counter JSTAT_SUCCESS)" 0 "packets translated"
}

# JSTAT_BIB_ENTRIES and JSTAT_SESSIONS are gauges, as in Jool: they follow
# the tables up (traffic, static entries) and down (expiry, removal, flush).
t_stats_gauges_follow_tables() {
	topo
	ok jool pool4 add 203.0.113.1 --udp
	ok jool pool4 add 203.0.113.1 --icmp
	gauges() { echo "$(counter JSTAT_BIB_ENTRIES) $(counter JSTAT_SESSIONS)"; }
	eq "$(gauges)" "0 0" "empty tables"
	udp_server $S 192.0.2.2 7000
	udp_server $S 192.0.2.2 7001
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no UDP answer"
	udp_ask $C $SRV6 7001 41000 >/dev/null || fail "no UDP answer"
	eq "$(gauges)" "1 2" "one mapping, two sessions"
	ok jool bib add --udp 2001:db8::9#5000 203.0.113.1#62000
	eq "$(gauges)" "2 2" "a static entry"
	ok jool bib remove --udp 2001:db8::9#5000 203.0.113.1#62000
	eq "$(gauges)" "1 2" "the static entry removed"
	ok jool global update icmp-timeout 0:00:01
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping"
	[ "$(counter JSTAT_SESSIONS)" -ge 3 ] || fail "the ping's session: $(gauges)"
	wait_until 20 "the ICMP session and mapping to expire" eval '[ "$(gauges)" = "1 2" ]'
	ok jool pool4 flush
	wait_until 10 "the flushed mapping and its sessions to go" eval '[ "$(gauges)" = "0 0" ]'
	eq "$(ok jool bib display --udp --csv --no-headers | wc -l)" 0 "BIB after the flush"
}

# Counters that took Jool's names count their events.
t_stats_renamed_counters() {
	topo
	ok jool pool4 add 203.0.113.1
	# Hop limit 1: time exceeded from the translator (JSTAT64_TTL).
	inns $C ping -c 1 -t 1 -W 1 $SRV6 >/dev/null && fail "hop limit 1 was translated"
	eq "$(counter JSTAT64_TTL)" 1 "hop limits expired"
	[ "$(counter JSTAT_ICMP6ERR_SUCCESS)" -ge 1 ] || fail "the time exceeded was not counted"
	# No IPv4 route towards 100.64.0.1 (JSTAT_FAILED_ROUTES).
	inns $C ping -c 1 -W 1 64:ff9b::6440:1 >/dev/null && fail "translated without a route"
	[ "$(counter JSTAT_FAILED_ROUTES)" -ge 1 ] || fail "the missing route was not counted"
	eq "$(counter JSTAT_SUCCESS)" 0 "packets translated"
}
