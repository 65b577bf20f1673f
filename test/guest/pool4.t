# SPDX-License-Identifier: GPL-2.0
# pool4.t - pool4, bib and global commands over real netlink: the seeds'
# semantics, Jool 4's formats, and refusals that change nothing.

# Every protocol unless one is given (pool4 display alone shows TCP, as Jool 4).
p4() { jool pool4 display "${@:---all}" --csv --no-headers; }

t_seed_example() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add 192.0.2.1 60001-65535 --force
	eq "$(p4 | wc -l)" 3 "no protocol flag means all three"
	ok jool pool4 add --tcp 192.0.2.2 7000-7999
	ok jool pool4 add --mark 1 --tcp 192.0.2.2 8000-8999
	ok jool pool4 add --tcp 192.0.2.4/31 60001-65535 --force
	eq "$(p4 | wc -l)" 7 "the seed's 7 entries (a /31 is two addresses)"
	eq "$(p4 --tcp | cut -d, -f1,3,4,5 | tr '\n' ' ')" \
		"0,192.0.2.1,60001,65535 0,192.0.2.2,7000,7999 0,192.0.2.4,60001,65535 0,192.0.2.5,60001,65535 1,192.0.2.2,8000,8999 " \
		"TCP rows in order"
	# Without a protocol, remove takes TCP alone (Jool 4's default).
	ok jool pool4 remove --mark 0 192.0.2.0/24 0-65535
	eq "$(p4 | cut -d, -f1,2 | sort | tr '\n' ' ')" "0,ICMP 0,UDP 1,TCP " "after removing mark 0's TCP rows"
	ok jool pool4 remove --mark 0 192.0.2.0/24 0-65535 --udp --icmp
	eq "$(p4)" "1,TCP,192.0.2.2,8000,8999,1024,0" "after removing mark 0"
	ok jool pool4 flush
	eq "$(p4)" "" "after flush"
}

t_merge_and_text_format() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add --udp 203.0.113.1 1000-1999
	ok jool pool4 add --udp 203.0.113.1 2000-2999
	ok jool pool4 add --udp 203.0.113.2 1000-1999
	eq "$(p4)" "0,UDP,203.0.113.1,1000,2999,1024,0
0,UDP,203.0.113.2,1000,1999,1024,0" "adjacent ranges merged"
	# Jool 4's table: the group's mark, protocol and iterations shown once.
	local txt; txt=$(ok jool pool4 display --udp)
	echo "$txt" | grep -q '^|          0 |   UDP |       1024 ( auto) |     203.0.113.1 |  1000- 2999 |$' \
		|| fail "first row: $txt"
	echo "$txt" | grep -q '^|            |       |                    |     203.0.113.2 |  1000- 1999 |$' \
		|| fail "grouped row: $txt"
	eq "$(jool -j pool4 display --udp | jq -r '.[1].address')" 203.0.113.2 "JSON"
}

t_refusals_change_nothing() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	fails 'force' jool pool4 add 198.18.0.0/23
	fails 'ephemeral' jool pool4 add 203.0.113.9 40000-40010
	fails 'bits set' jool pool4 add 203.0.113.1/24
	fails 'port range' jool pool4 add 203.0.113.1 6000-70000
	eq "$(p4)" "0,TCP,203.0.113.1,5000,5999,1024,0" "pool4 after refusals"
	# BIB: the IPv4 side must be in pool4; collisions name the other entry.
	fails 'not in pool4' jool bib add 2001:db8::2#80 192.0.2.9#80
	ok jool bib add 2001:db8::2#80 203.0.113.1#5080
	fails 'already mapped|collides' jool bib add 203.0.113.1#5080 2001:db8::3#80
	fails 'already mapped|collides' jool bib add 2001:db8::2#80 203.0.113.1#5081
	eq "$(jool bib display --csv --no-headers)" "TCP,2001:db8::2,80,203.0.113.1,5080,1" "BIB after refusals"
	ok jool bib remove 203.0.113.1#5080
	eq "$(jool bib display --csv --no-headers)" "" "BIB after remove"
	# Globals: RFC 6146 minimums, bad values.
	fails 'at least' jool global update udp-timeout 60
	fails 'boolean' jool global update address-dependent-filtering maybe
	fails 'unknown key' jool global update no-such-key 1
	ok jool global update udp-timeout 0:10:00
	jool global display | grep -q '^  udp-timeout: 0:10:00 (HH:MM:SS)$' || fail "udp-timeout not updated"
}
