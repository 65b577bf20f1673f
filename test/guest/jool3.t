# SPDX-License-Identifier: GPL-2.0
# jool3.t - Jool 3's `jool --pool4 ...` flags (usr/jool3.c), an alias of
# `jool pool4 ...`: the seeds' examples, each compared against the new
# command run on a twin instance, and bad input that changes nothing.

p4() { jool "$@" pool4 display --all --csv --no-headers; }

# Two iptables instances: "old" takes Jool 3's syntax, "new" Jool 4's.
twins() {
	ok jool -i old instance add --iptables --pool6 64:ff9b::/96 >/dev/null
	ok jool -i new instance add --iptables --pool6 64:ff9b::/96 >/dev/null
}

# same 'OLD ARGS' 'NEW ARGS': `jool -i old --pool4 OLD` and
# `jool -i new pool4 NEW` must succeed and leave the same pool4.
same() {
	ok jool -i old --pool4 $1
	ok jool -i new pool4 $2
	eq "$(p4 -i old)" "$(p4 -i new)" "'--pool4 $1' vs 'pool4 $2'"
}

t_seed_example() {
	twins
	eq "$(ok jool -i old --pool4 --display)" "$(ok jool -i new pool4 display --all)" "empty display"
	same "--add 192.0.2.1" "add 192.0.2.1"
	eq "$(p4 -i old | cut -d, -f1-5)" "0,TCP,192.0.2.1,61001,65535
0,UDP,192.0.2.1,61001,65535
0,ICMP,192.0.2.1,61001,65535" "no protocol: all three, new add's default ports"
	same "--add          --tcp 192.0.2.2 7000-7999" "add --tcp 192.0.2.2 7000-7999"
	same "--add --mark 1 --tcp 192.0.2.2 8000-8999" "add --mark 1 --tcp 192.0.2.2 8000-8999"
	same "--add          --tcp 192.0.2.4/31" "add --tcp 192.0.2.4/31"
	eq "$(p4 -i old | wc -l)" 7 "the seed's 7 entries"
	# --display is the default operation; --csv keeps the header.
	eq "$(ok jool -i old --pool4)" "$(ok jool -i new pool4 display --all)" "text display"
	eq "$(ok jool -i old --pool4 --csv)" "$(ok jool -i new pool4 display --all --csv)" "--csv"
	eq "$(ok jool -i old --pool4 --csv --display)" "$(ok jool -i new pool4 display --all --csv)" "--csv --display"
	eq "$(ok jool -j -i old --pool4)" "$(ok jool -j -i new pool4 display --all)" "-j"
	same "--remove --mark 0 192.0.2.0/24 0-65535" "remove --mark 0 192.0.2.0/24 0-65535 -t -u -i"
	eq "$(p4 -i old)" "1,TCP,192.0.2.2,8000,8999,1024,0" "after removing mark 0"
	same "--flush" "flush"
	eq "$(p4 -i old)" "" "after --flush"
}

t_seed_ephemeral_note() {
	twins
	same "--add 192.0.2.1 61001-65535" "add 192.0.2.1 61001-65535"
	sysctl -qw net.ipv4.ip_local_port_range="32768 40000"
	same "--add 192.0.2.1 40001-61000" "add 192.0.2.1 40001-61000"
	eq "$(p4 -i old | cut -d, -f2-5 | tr '\n' ' ')" \
		"TCP,192.0.2.1,40001,65535 UDP,192.0.2.1,40001,65535 ICMP,192.0.2.1,40001,65535 " \
		"merged with the ephemeral range's old ports"
}

t_mark_and_any_order() {
	twins
	same "--add 192.0.2.1 10000-19999 --mark 10" "add 192.0.2.1 10000-19999 --mark 10"
	same "--add 192.0.2.1 20000-29999 --mark 20" "add 192.0.2.1 20000-29999 --mark 20"
	same "--udp --mark=5 192.0.2.9 --icmp --add 3000-3999" "add --udp --icmp --mark 5 192.0.2.9 3000-3999"
	same "192.0.2.0/30 --force --add --tcp 40000-40099" "add --tcp 192.0.2.0/30 40000-40099 --force"
	eq "$(p4 -i old | wc -l)" 12 "3 + 3 + 2 + 4 rows"
	eq "$(jool -i old pool4 display --udp --csv --no-headers | cut -d, -f1,3-5 | tr '\n' ' ')" \
		"5,192.0.2.9,3000,3999 10,192.0.2.1,10000,19999 20,192.0.2.1,20000,29999 " "UDP rows"
	same "--remove --mark 10 192.0.2.1" "remove --mark 10 192.0.2.1 -t -u -i"
	same "--remove --tcp 192.0.2.0/30 40050-65535 --quick" "remove --tcp 192.0.2.0/30 40050-65535 --quick"
	same "--icmp --remove --mark 5 192.0.2.9" "remove --icmp --mark 5 192.0.2.9"
	eq "$(p4 -i old | cut -d, -f1-5 | tr '\n' ' ')" \
		"0,TCP,192.0.2.0,40000,40049 0,TCP,192.0.2.1,40000,40049 0,TCP,192.0.2.2,40000,40049 0,TCP,192.0.2.3,40000,40049 20,TCP,192.0.2.1,20000,29999 5,UDP,192.0.2.9,3000,3999 20,UDP,192.0.2.1,20000,29999 20,ICMP,192.0.2.1,20000,29999 " \
		"after the removals"
	same "--quick --flush" "flush --quick"
	eq "$(p4 -i old)" "" "after --flush --quick"
}

# --quick orphans the BIB entries of what goes; without it they go too.
t_quick() {
	topo
	ok jool --pool4 --add --udp 203.0.113.1 6000-6999
	udp_server $S 192.0.2.2 7000
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no answer"
	ok jool --pool4 --remove --quick --udp 203.0.113.1
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 1 "UDP BIB after --remove --quick"
	eq "$(p4 --udp | wc -l)" 0 "UDP pool4 after --remove --quick"
	ok jool --pool4 --add --udp 203.0.113.1 6000-6999
	ok jool --pool4 --flush --quick
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 1 "UDP BIB after --flush --quick"
	ok jool --pool4 --add --udp 203.0.113.1 6000-6999
	ok jool --pool4 --remove 203.0.113.1 --udp
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 0 "UDP BIB after --remove"
	ok jool --pool4 --add --udp 203.0.113.1 6000-6999
	udp_ask $C $SRV6 7000 41000 >/dev/null || fail "no answer after re-adding"
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 1 "UDP BIB before --flush"
	ok jool --pool4 --flush
	eq "$(jool bib display --udp --csv --no-headers | wc -l)" 0 "UDP BIB after --flush"
}

t_bad_input_changes_nothing() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool --pool4 --add 203.0.113.1 --tcp 5000-5999
	local before; before=$(p4)
	fails '^jool: .*--bogus' jool --pool4 --add --bogus 203.0.113.2
	fails '^jool: .*--count' jool --pool4 --count
	fails '^jool: .*--bib' jool --pool4 --bib
	fails '^jool: .*prefix' jool --pool4 --add
	fails '^jool: .*prefix' jool --pool4 --add --tcp 7000-7999
	fails '^jool: .*one operation' jool --pool4 --add --remove 203.0.113.1
	fails '^jool: .*one operation' jool --pool4 --flush --display
	fails '^jool: .*--quick' jool --pool4 --add 203.0.113.2 --quick
	fails '^jool: .*--force' jool --pool4 --remove 203.0.113.1 --force
	fails '^jool: .*--csv' jool --pool4 --flush --csv
	fails '^jool: .*--tcp' jool --pool4 --flush --tcp
	fails '^jool: .*--mark' jool --pool4 --display --mark 1
	fails '^jool: .*--mark' jool --pool4 --add 203.0.113.2 --mark
	fails '^jool: .*number' jool --pool4 --add 203.0.113.2 --mark x
	fails '^jool: .*unexpected' jool --pool4 --flush 203.0.113.1
	fails '^jool: .*unexpected' jool --pool4 --add 203.0.113.2 6000-6099 7000-7099
	fails '^jool: .*force' jool --pool4 --add 198.18.0.0/23
	fails '^jool: .*ephemeral' jool --pool4 --add 203.0.113.9 40000-40010
	fails '^jool: .*port range' jool --pool4 --remove 203.0.113.1 6000-70000
	fails '^jool: ' jool -i nope --pool4 --add 203.0.113.2
	eq "$(p4)" "$before" "pool4 after refusals"
	ok jool --pool4 --add 203.0.113.9 40000-40010 --force
	eq "$(p4 | wc -l)" 4 "--force"
}
