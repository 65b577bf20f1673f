# SPDX-License-Identifier: GPL-2.0
# compat.t - Jool 4 compatibility of the command line (issue 18): what an
# operator's Jool 4.1 scripts and files do must work the same here.

# A Netfilter instance "lab" with pool6 64:ff9b::/96.
lab() { ok jool -i lab instance add --netfilter --pool6 64:ff9b::/96 >/dev/null; }

# Jool 4's short options after the operation; before the object -i and -f
# stay --instance and --file.
t_short_options() {
	lab
	local d=/tmp/c$$; mkdir -p $d
	ok jool -i lab pool4 add -u 192.0.2.1 1000-1999
	ok jool -i lab pool4 add -t 192.0.2.1 2000-2999
	ok jool -i lab pool4 add -i 192.0.2.1 3000-3999
	fails 'force' jool -i lab pool4 add -u 198.51.100.0/23 4000-4001
	ok jool -i lab pool4 add -u -f 198.51.100.0/23 4000-4001
	eq "$(jool -i lab pool4 display -u --csv --no-headers | wc -l)" 513 "-u -f added a /23"
	eq "$(jool -i lab pool4 display -t --csv --no-headers | cut -d, -f2-5)" "TCP,192.0.2.1,2000,2999" "-t"
	# -i after the operation is --icmp: instance lab's ICMP table.
	eq "$(jool -i lab pool4 display -i --csv --no-headers | cut -d, -f2-5)" "ICMP,192.0.2.1,3000,3999" "-i"
	ok jool -i lab pool4 remove -q -u 198.51.100.0/23
	eq "$(jool -i lab pool4 display -u --csv --no-headers | wc -l)" 1 "remove -q -u"
	ok jool -i lab bib add -u 2001:db8::5#53 192.0.2.1#1053
	eq "$(jool -i lab bib display -u --csv --no-headers | cut -d, -f2-5)" "2001:db8::5,53,192.0.2.1,1053" "bib -u"
	eq "$(jool -i lab bib display -t --csv --no-headers | wc -l)" 0 "bib -t"
	ok jool -i lab bib remove -u 2001:db8::5#53
	for p in -t -u -i; do ok jool -i lab session display $p >/dev/null; done
	ok jool -i lab pool4 flush -q
	eq "$(jool -i lab pool4 display --all --csv --no-headers | wc -l)" 0 "flush -q"
	# stats: -a shows the zero counters, -e explains them.
	local s; s=$(ok jool -i lab stats display -a -e)
	echo "$s" | grep -q '^JSTAT_POOL4_EXHAUSTED: 0$' || fail "-a: zero counters missing: $s"
	[ "$(echo "$s" | wc -l)" -gt "$(ok jool -i lab stats display -a | wc -l)" ] || fail "-e explains nothing"
	# file handle -f is --force (a pool4 prefix of more than 256 addresses).
	printf '%s\n' '{ "instance": "lab", "framework": "netfilter",
		"pool4": [ { "protocol": "UDP", "prefix": "198.51.100.0/23", "port range": "4000-4001" } ] }' > $d/big.json
	fails 'force' jool file handle $d/big.json
	ok jool file handle -f $d/big.json
	# ... while -f before the object reads the instance name from a file.
	eq "$(ok jool -f $d/big.json pool4 display -u --csv --no-headers | wc -l)" 512 "-f FILE, then -u"
	ok jool -f $d/big.json file handle $d/big.json -f
}

# `pool4 display` shows the TCP table, as Jool 4 documents; --all shows all.
t_pool4_display_default() {
	lab
	ok jool -i lab pool4 add 192.0.2.1 61001-65535
	eq "$(ok jool -i lab pool4 display --csv)" "Mark,Protocol,Address,Min port,Max port,Iterations,Iterations fixed
0,TCP,192.0.2.1,61001,65535,1024,0" "CSV: TCP only"
	local txt; txt=$(ok jool -i lab pool4 display)
	eq "$(echo "$txt" | grep -c 192.0.2.1)" 1 "text: one row"
	echo "$txt" | grep -q '|   TCP |' || fail "text: not the TCP row: $txt"
	eq "$(ok jool -i lab pool4 display --all --csv --no-headers | cut -d, -f2 | tr '\n' ' ')" \
		"TCP UDP ICMP " "--all"
	eq "$(ok jool -j -i lab pool4 display | jq length)" 1 "JSON: TCP only"
	eq "$(ok jool -i lab pool4 display --udp --csv --no-headers | cut -d, -f2)" "UDP" "--udp"
}

# Session synchronisation's keys: shown with Jool 4.1's defaults, in its
# order, updatable; enabling synchronisation (not there yet) is refused.
t_ss_keys() {
	lab
	eq "$(ok jool -i lab global display | grep -B6 '^  max-sessions:' | head -6)" "  maximum-simultaneous-opens: 10
  ss-enabled: false
  ss-flush-asap: true
  ss-flush-deadline: 2000
  ss-capacity: 512
  ss-max-payload: 1452" "ss-* after maximum-simultaneous-opens, Jool 4's defaults"
	ok jool -i lab global update ss-enabled false
	ok jool -i lab global update ss-flush-asap off
	ok jool -i lab global update ss-flush-deadline 1000
	ok jool -i lab global update ss-c 256
	ok jool -i lab global update ss-max-payload 600
	local before; before=$(ok jool -i lab global display --csv)
	fails 'ss-enabled.*not implemented' jool -i lab global update ss-enabled true
	fails 'not a number' jool -i lab global update ss-capacity x
	fails 'boolean' jool -i lab global update ss-flush-asap maybe
	eq "$(ok jool -i lab global display --csv)" "$before" "refused updates changed nothing"
	eq "$(echo "$before" | grep '^ss-' | tr '\n' ' ')" \
		"ss-enabled,FALSE ss-flush-asap,FALSE ss-flush-deadline,1000 ss-capacity,256 ss-max-payload,600 " \
		"updated values"
}

# Jool 4's documented full NAT64 example (docs/en/config-atomic.md), ss-*
# keys included. As written, Jool 4.1 refuses it (a static BIB entry lies
# outside its pool4) and so do we; with that fixed, it enables
# synchronisation, which is refused and says why; with "ss-enabled": false
# it loads. (Its instance name, "instance
# name", has a space, which jool's instance names do not take: renamed.)
t_documented_example() {
	local d=/tmp/c$$; mkdir -p $d
	cat > $d/full.json <<-'J'
	{
		"comment": "Sample full NAT64 configuration.",
		"instance": "full",
		"framework": "netfilter",
		"global": {
			"pool6": "64:ff9b::/96",
			"manually-enabled": false,
			"zeroize-traffic-class": true,
			"override-tos": false,
			"tos": 254,
			"mtu-plateaus": [1, 2, 3, 4, 5, 6],
			"maximum-simultaneous-opens": 16,
			"source-icmpv6-errors-better": true,
			"handle-rst-during-fin-rcv": true,
			"f-args": 10,
			"logging-bib": true,
			"logging-session": true,
			"address-dependent-filtering": true,
			"drop-icmpv6-info": true,
			"drop-externally-initiated-tcp": true,
			"udp-timeout": "1:00:00",
			"tcp-est-timeout": "10:00:00",
			"tcp-trans-timeout": "5:00",
			"icmp-timeout": "5:30",
			"ss-enabled": true,
			"ss-flush-asap": false,
			"ss-flush-deadline": 1000,
			"ss-capacity": 256,
			"ss-max-payload": 600
		},
		"pool4": [
			{ "mark": 1, "protocol": "UDP", "prefix": "192.0.2.1",
			  "port range": "61001-62000", "max-iterations": 1500 },
			{ "comment": "mark, port range and max-iterations are optional.",
			  "protocol": "TCP", "prefix": "192.0.2.2/31" },
			{ "mark": 1, "protocol": "ICMP", "prefix": "192.0.2.1/32", "port range": "1000-2000" }
		],
		"bib": [
			{ "protocol": "TCP", "ipv6 address": "2001:db8::1#80", "ipv4 address": "192.0.2.2#80" },
			{ "protocol": "UDP", "ipv6 address": "2001:db8::2#10000", "ipv4 address": "192.0.2.1#61500" },
			{ "protocol": "ICMP", "ipv6 address": "2001:db8:AAAA::1#44", "ipv4 address": "192.0.2.1#1044" }
		]
	}
	J
	# Its TCP pool4 entry has no port range, so 61001-65535: Jool 4.1
	# refuses the static entry 192.0.2.2#80 outside it, and so do we.
	fails "BIB entry 0: 192.0.2.2#80 is not in the file's TCP pool4" jool file handle $d/full.json
	eq "$(names)" "" "no instance from a refused file"
	sed -i 's|"prefix": "192.0.2.2/31" }|"prefix": "192.0.2.2/31", "port range": "80" }|' $d/full.json
	fails 'ss-enabled.*not implemented' jool file handle $d/full.json
	eq "$(names)" "" "no instance from a refused file"
	sed 's/"ss-enabled": true/"ss-enabled": false/' $d/full.json > $d/full-nosync.json
	ok jool file handle $d/full-nosync.json
	eq "$(jool -i full pool4 display --csv --no-headers | cut -d, -f3-5 | tr '\n' ' ')" \
		"192.0.2.2,80,80 192.0.2.3,80,80 " "TCP pool4 as given"
	local g; g=$(ok jool -i full global display --csv --no-headers)
	for kv in ss-enabled,FALSE ss-flush-asap,FALSE ss-flush-deadline,1000 ss-capacity,256 \
		ss-max-payload,600 icmp-timeout,0:05:30 f-args,10; do
		echo "$g" | grep -qxF -- "$kv" || fail "global $kv not applied: $(echo "$g" | grep "^${kv%%,*},")"
	done
	eq "$(jool -i full bib display --icmp --csv --no-headers | cut -d, -f2-5)" \
		"2001:db8:aaaa::1,44,192.0.2.1,1044" "ICMP static BIB"
}

# `global display --csv` as Jool 4 prints it.
t_global_csv() {
	lab
	local c; c=$(ok jool -i lab global display --csv)
	eq "$(echo "$c" | head -3)" "Field,Value
manually-enabled,TRUE
pool6,64:ff9b::/96" "header and booleans"
	echo "$c" | grep -qx 'mtu-plateaus,"65535,32000,17914,8166,4352,2002,1492,1006,508,296,68"' ||
		fail "plateaus: $c"
	echo "$c" | grep -qx 'f-args,11' || fail "f-args: $c"
	echo "$c" | grep -qx 'udp-timeout,0:05:00' || fail "udp-timeout: $c"
	echo "$c" | grep -qx 'logging-bib,FALSE' || fail "logging-bib: $c"
	# JSON keeps typed values.
	eq "$(ok jool -j -i lab global display | jq -c '.[0]')" '{"key":"manually-enabled","value":true}' "JSON"
}

# Smaller ones: key prefixes, f-args in binary, reversed ranges, pool6 set
# to itself, --inst, file handle's extra argument, missing instances named.
t_small_ones() {
	lab
	ok jool -i lab global update lowest 1300
	ok jool -i lab global update udp-t 10:00
	ok jool -i lab g u logging-b on
	fails "ambiguous.*logging-bib" jool -i lab global update logging on
	fails "ambiguous" jool -i lab global update tcp 2:00:00
	fails "unknown key 'bogus'" jool -i lab global update bogus 1
	ok jool -i lab global update f-args 0b0101
	local c; c=$(ok jool -i lab global display --csv --no-headers)
	for kv in lowest-ipv6-mtu,1300 udp-timeout,0:10:00 logging-bib,TRUE f-args,5; do
		echo "$c" | grep -qxF "$kv" || fail "$kv not set: $(echo "$c" | grep "^${kv%%,*},")"
	done
	fails 'f-args' jool -i lab global update f-args 0b10000
	# pool6: the same prefix is a no-op, another one is refused.
	ok jool -i lab global update pool6 64:ff9b::/96
	ok jool -i lab global update pool6 64:ff9b:0::/96
	fails 'fixed.*64:ff9b::/96' jool -i lab global update pool6 2001:db8::/96
	# A reversed port range is the same range.
	ok jool -i lab pool4 add --tcp 192.0.2.1 200-100 --force
	eq "$(jool -i lab pool4 display --csv --no-headers | cut -d, -f3-5)" "192.0.2.1,100,200" "200-100"
	ok jool -i lab pool4 remove --tcp 192.0.2.1 150-120
	eq "$(jool -i lab pool4 display --csv --no-headers | cut -d, -f4-5 | tr '\n' ' ')" \
		"100,119 151,200 " "remove 150-120"
	# Long global options abbreviate as getopt allows; the last -i/-f wins.
	eq "$(ok jool --inst lab global display --csv --no-headers | grep '^f-args,')" "f-args,5" "--inst"
	eq "$(ok jool --i=lab global display --csv --no-headers | grep '^f-args,')" "f-args,5" "--i=lab"
	eq "$(ok jool -i nope -i lab global display --csv --no-headers | grep '^f-args,')" "f-args,5" "last -i"
	fails "unknown global option '--bogus'" jool --bogus global display
	# file handle ignores arguments after the file.
	local d=/tmp/c$$; mkdir -p $d
	printf '%s\n' '{ "instance": "lab", "framework": "netfilter", "global": { "tos": 9 } }' > $d/a.json
	ok jool file handle $d/a.json /nonexistent/B.json
	eq "$(jool -i lab global display --csv --no-headers | grep '^tos,')" "tos,9" "file A applied"
	# A missing instance is named.
	local what
	for what in "bib display" "bib display --udp" \
		"global display" "stats display" "pool4 add 192.0.2.9"; do
		fails "instance 'ghost' does not exist" jool -i ghost $what
	done
	# pool4 and session display print their header first, as Jool 4.
	for what in "pool4 display" "session display"; do
		fails "instance 'ghost' does not exist" sh -c "jool -i ghost $what >/dev/null"
	done
}

# Files: "instance" is mandatory (as Jool 4, even with -i), and typed values
# keep their JSON types; a wrong type names file, key and expected type.
t_file_strictness() {
	lab
	local d=/tmp/c$$; mkdir -p $d
	printf '%s\n' '{ "framework": "netfilter", "global": { "tos": 3 } }' > $d/noname.json
	fails 'noname.json.*"instance" is missing' jool file handle $d/noname.json
	fails 'noname.json.*"instance" is missing' jool -i lab file handle $d/noname.json
	fails 'noname.json.*does not contain an instance name' jool -f $d/noname.json global display
	eq "$(jool -i lab global display --csv --no-headers | grep '^tos,')" "tos,0" "nothing applied"
	eq "$(names)" "lab" "no instance created"
	bad() { # REGEX GLOBAL-JSON
		printf '{ "instance": "lab", "framework": "netfilter", "global": { %s } }\n' "$2" > $d/typed.json
		fails "$1" jool file handle $d/typed.json
	}
	bad 'typed.json: global "manually-enabled": expected a boolean.*"yes"' '"manually-enabled": "yes"'
	bad 'typed.json: global "manually-enabled": expected a boolean.*1' '"manually-enabled": 1'
	bad 'typed.json: global "udp-timeout": expected a string.*300' '"udp-timeout": 300'
	bad 'typed.json: global "tos": expected an unsigned integer.*"7"' '"tos": "7"'
	bad 'typed.json: global "f-args": expected an unsigned integer.*' '"f-args": 10.5'
	bad 'typed.json: global "mtu-plateaus": expected a list.*' '"mtu-plateaus": "1500,1280"'
	bad 'typed.json: global "pool6": expected a string.*' '"pool6": 96'
	bad 'typed.json: global "ss-capacity": expected an unsigned integer.*' '"ss-capacity": true'
	eq "$(jool -i lab global display --csv --no-headers | grep -c -e '^manually-enabled,TRUE$' -e '^tos,0$')" \
		2 "refused files changed nothing"
	# The right types load.
	printf '{ "instance": "lab", "framework": "netfilter", "global": { %s } }\n' \
		'"manually-enabled": true, "udp-timeout": "0:05:00", "tos": 7, "ss-capacity": 9' > $d/typed.json
	ok jool file handle $d/typed.json
	eq "$(jool -i lab global display --csv --no-headers | grep '^tos,')" "tos,7" "typed file applied"
}

# What the differential test against Jool 4.1.9 showed (issue 18): each
# output below is Jool 4.1.9's, byte for byte.
t_differential_cli() {
	local sep p4sep p4head
	# One framework per instance.
	fails 'one framework' jool instance add --pool6 64:ff9b::/96 --netfilter --iptables
	eq "$(jool instance display --csv --no-headers)" "" "no instance left behind"
	# "Dead" explains itself on a second line.
	eq "$(ok jool -i nosuch instance status)" "$(printf "Dead\n(Instance 'nosuch' does not exist.)")" "status of a missing instance"
	# --no-headers keeps instance display's borders.
	sep='+--------------------+-----------------+-----------+'
	eq "$(ok jool instance display --no-headers)" "$(printf '%s\n%s' "$sep" "$sep")" "empty instance display --no-headers"
	lab
	eq "$(ok jool instance display --no-headers | sed -n '1p;3p')" "$(printf '%s\n%s' "$sep" "$sep")" "instance display --no-headers borders"
	# An empty pool4 table closes twice; a missing instance still gets the header.
	p4sep='+------------+-------+--------------------+-----------------+-------------+'
	p4head='|       Mark | Proto |     Max iterations |         Address |       Ports |'
	eq "$(ok jool -i lab pool4 display)" "$(printf '%s\n%s\n%s\n%s' "$p4sep" "$p4head" "$p4sep" "$p4sep")" "empty pool4 display"
	eq "$(jool -i nosuch pool4 display 2>/dev/null)" "$(printf '%s\n%s' "$p4sep" "$p4head")" "pool4 display of a missing instance: stdout"
	eq "$(jool -i nosuch session display 2>/dev/null)" "---------------------------------" "session display of a missing instance: stdout"
	eq "$(jool -i nosuch global display --csv 2>/dev/null)" "Field,Value" "global display --csv of a missing instance: stdout"
	# "1-2-3" is 1-2, as Jool 4 reads it.
	ok jool -i lab pool4 add 192.0.2.24 1-2-3 --tcp --force
	eq "$(jool -i lab pool4 display --csv --no-headers)" "0,TCP,192.0.2.24,1,2,1024,0" "pool4 1-2-3"
}
