# SPDX-License-Identifier: GPL-2.0
# Dumps far larger than one netlink message, and dumps of a changing table.

t_dump_10000_instances() {
	ok nltest bulk-add 10000 i > /dev/null
	printf 'i%05d\n' $(seq 0 9999) > /tmp/want
	ok jool instance display --csv --no-headers | cut -d, -f2 > /tmp/got
	cmp -s /tmp/want /tmp/got || fail "dump differs: $(wc -l < /tmp/got) rows, first diff: $(diff /tmp/want /tmp/got | head -3)"
	eq "$(ok jool -j instance display | jq 'length')" 10000 "JSON dump length"
	eq "$(ok jool instance display | grep -c '| *iptables |')" 10000 "text dump rows"
	ok jool instance flush
	eq "$(names)" "" "flushed"
}

# While one process adds and removes instances, every dump must be sorted,
# free of duplicates, and contain every instance that existed throughout.
t_dump_while_changing() {
	local i
	ok nltest bulk-add 3000 s > /dev/null
	( for i in $(seq 1 40); do
		nltest bulk-add 100 "c$i" > /dev/null
		jool -i "s00$(printf %03d $i)" instance remove 2>/dev/null
	  done ) &
	for i in 1 2 3 4 5; do
		jool instance display --csv --no-headers | cut -d, -f2 > /tmp/dump$i || fail "dump $i failed"
		sort -c /tmp/dump$i 2>/dev/null || fail "dump $i is not in order"
		[ -z "$(uniq -d /tmp/dump$i)" ] || fail "dump $i has duplicates"
		# s?1??? and s?2??? stay put: they must all be there.
		eq "$(grep -c '^s0[12][0-9][0-9][0-9]$' /tmp/dump$i)" 2000 "stable instances in dump $i"
	done
	wait
}
