# SPDX-License-Identifier: GPL-2.0
# file.t - `jool file handle`: Jool 4's JSON configuration, applied in one
# step; bad files change nothing and name what is wrong.
files=$top/test/guest/files

# The whole configuration of instance $1, as text, for before/after checks.
state() {
	jool -i "$1" global display --csv --no-headers
	jool -i "$1" pool4 display --all --csv --no-headers
	for p in --tcp --udp --icmp; do jool -i "$1" bib display $p --csv --no-headers; done
}

t_sample_file() {
	ok jool file handle "$files/sample.json"
	eq "$(names)" "sample-nat64" "instance created, named by the file"
	local g; g=$(ok jool -i sample-nat64 global display --csv --no-headers)
	for kv in manually-enabled,FALSE pool6,64:ff9b::/96 tos,254 zeroize-traffic-class,TRUE \
		'mtu-plateaus,"11,10,9,8,7,6,5,4,3,2,1"' f-args,10 udp-timeout,1:00:00 \
		tcp-trans-timeout,0:05:00 icmp-timeout,0:02:00 lowest-ipv6-mtu,1500 \
		maximum-simultaneous-opens,16 address-dependent-filtering,TRUE logging-debug,TRUE; do
		echo "$g" | grep -qxF -- "$kv" || fail "global $kv not applied: $(echo "$g" | grep "^${kv%%,*},")"
	done
	local p; p=$(ok jool -i sample-nat64 pool4 display --all --csv --no-headers)
	echo "$p" | grep -q "^0,TCP,192.0.2.1,1,65535" || fail "TCP pool4 (all ports): $p"
	echo "$p" | grep -q "^0,UDP,192.0.2.1,61001,65535" || fail "UDP pool4: $p"
	echo "$p" | grep -q "^0,ICMP,192.0.2.1,61001,65535" || fail "ICMP pool4 (no port range): $p"
	local b; b=$(ok jool -i sample-nat64 bib display --tcp --csv --no-headers)
	eq "$(echo "$b" | cut -d, -f2-5 | sort | tr '\n' ' ')" \
		"2001:db8::1,80,192.0.2.1,80 2001:db8::2,25,192.0.2.1,25 " "static BIB"
	# Handling the same file again changes nothing.
	local before; before=$(state sample-nat64)
	ok jool file handle "$files/sample.json"
	eq "$(state sample-nat64)" "$before" "second handle of the same file"
}

t_minimal_file() {
	ok jool file handle "$files/minimal.json"
	eq "$(names)" "default" "instance created"
	eq "$(jool global display --csv --no-headers | grep '^pool6,')" "pool6,64:ff9b::/96" "pool6"
	eq "$(jool global display --csv --no-headers | grep '^tos,')" "tos,0" "defaults"
	eq "$(jool pool4 display --all --csv --no-headers | wc -l)" 0 "empty pool4"
	# -f takes the instance name from the file.
	eq "$(jool -f "$files/minimal.json" global display --csv --no-headers | grep '^pool6,')" \
		"pool6,64:ff9b::/96" "-f FILE"
}

# A second file for the same instance updates it as Jool 4.1 does: keys it
# leaves out go back to their defaults, pool4 is the new file's, and the BIB
# stays as it was: the file's "bib" is checked but ignored, and static
# entries the new pool4 no longer covers are kept.
t_replace() {
	local d=/tmp/f$$; mkdir -p $d
	ok jool file handle "$files/sample.json"
	cat > $d/b.json <<-'J'
	{ "instance": "sample-nat64",
	  "global": { "tos": 7 },
	  "pool4": [ { "protocol": "UDP", "prefix": "198.51.100.0/30", "port range": "2000-3000" } ],
	  "bib": [ { "protocol": "UDP", "ipv6 address": "2001:db8::9#53", "ipv4 address": "198.51.100.1#2053" } ] }
	J
	ok jool file handle $d/b.json
	local g; g=$(jool -i sample-nat64 global display --csv --no-headers)
	echo "$g" | grep -qx "tos,7" || fail "tos: $g"
	echo "$g" | grep -qx "manually-enabled,TRUE" || fail "manually-enabled back to default: $g"
	echo "$g" | grep -qx "lowest-ipv6-mtu,1280" || fail "lowest-ipv6-mtu back to default: $g"
	eq "$(jool -i sample-nat64 pool4 display --all --csv --no-headers | cut -d, -f2,3,4,5 | tr '\n' ' ')" \
		"UDP,198.51.100.0,2000,3000 UDP,198.51.100.1,2000,3000 UDP,198.51.100.2,2000,3000 UDP,198.51.100.3,2000,3000 " \
		"pool4 replaced"
	eq "$(jool -i sample-nat64 bib display --tcp --csv --no-headers | cut -d, -f2-6 | sort | tr '\n' ' ')" \
		"2001:db8::1,80,192.0.2.1,80,1 2001:db8::2,25,192.0.2.1,25,1 " "old static BIB kept"
	eq "$(jool -i sample-nat64 bib display --udp --csv --no-headers | wc -l)" 0 \
		"the update's \"bib\" is ignored"
	# Its "bib" is still checked against its pool4, as Jool 4.1 does.
	sed 's/198.51.100.1#2053/198.51.100.1#53/' $d/b.json > $d/b2.json
	fails "BIB entry 0: 198.51.100.1#53 is not in the file's UDP pool4" jool file handle $d/b2.json
	# Back to the first file: the kept entries serve again, nothing doubled.
	ok jool file handle "$files/sample.json"
	eq "$(jool -i sample-nat64 bib display --tcp --csv --no-headers | wc -l)" 2 "static BIB after a round trip"
	echo '{"instance":"sample-nat64","global":{"pool6":"2001:db8::/96"}}' > $d/c.json
	fails 'fixed' jool file handle $d/c.json
}

# Broken files: one line naming the file and the entry, exit non-zero, and
# nothing changes (nor is an instance created).
t_broken_files() {
	local d=/tmp/f$$; mkdir -p $d
	ok jool file handle "$files/sample.json"
	local before; before=$(state sample-nat64)
	bad() { # REGEX JSON
		printf '%s\n' "$2" > $d/bad.json
		fails "$1" jool file handle $d/bad.json
		eq "$(state sample-nat64)" "$before" "state after a refused file ($2)"
		eq "$(names)" "sample-nat64" "instances after a refused file"
	}
	bad 'bad.json.*(JSON|json|parse|read)' '{ "instance": "sample-nat64", '
	bad 'top level.*unknown tag "pool5"' '{ "instance": "sample-nat64", "pool5": [] }'
	bad 'global "banana".*unknown key' '{ "instance": "sample-nat64", "global": { "banana": 1 } }'
	bad 'pool4 entry 1.*unknown tag "ports"' '{ "instance": "sample-nat64", "pool4": [
		{ "protocol": "TCP", "prefix": "192.0.2.1" }, { "protocol": "TCP", "prefix": "192.0.2.2", "ports": "1-2" } ] }'
	bad 'BIB entry 0.*not in the file.s TCP pool4' '{ "instance": "sample-nat64",
		"pool4": [ { "protocol": "TCP", "prefix": "192.0.2.1", "port range": "1000-2000" } ],
		"bib": [ { "protocol": "TCP", "ipv6 address": "2001:db8::1#80", "ipv4 address": "192.0.2.1#80" } ] }'
	bad 'pool4 entry 0.*prefix .192.0.2.1/33' '{ "instance": "sample-nat64",
		"pool4": [ { "protocol": "TCP", "prefix": "192.0.2.1/33" } ] }'
	bad 'pool4 entry 0.*prefix .192.0.2.1/30.' '{ "instance": "sample-nat64",
		"pool4": [ { "protocol": "TCP", "prefix": "192.0.2.1/30" } ] }'
	bad 'global "tos".*255' '{ "instance": "sample-nat64", "global": { "tos": 256 } }'
	bad 'global "pool6".*' '{ "instance": "sample-nat64", "global": { "pool6": "64:ff9b::/95x" } }'
	bad 'protocol "SCTP"' '{ "instance": "sample-nat64", "pool4": [ { "protocol": "SCTP", "prefix": "192.0.2.1" } ] }'
	# The module's own checks: a timeout under RFC 6146's minimum, after the file parsed fine.
	bad 'udp-timeout.*RFC 6146' '{ "instance": "sample-nat64", "global": { "udp-timeout": "1:00" } }'
	# A new instance with a bad file is not created.
	printf '%s\n' '{ "instance": "other", "framework": "iptables", "global": { "pool6": "64:ff9b::/96", "udp-timeout": "1:00" } }' > $d/new.json
	fails 'RFC 6146' jool file handle $d/new.json
	eq "$(names)" "sample-nat64" "no instance created by a refused file"
	fails 'configures instance "sample-nat64", not "x"' jool -i x file handle "$files/sample.json"
}

# A /32 pool4 entry holds one address: the CLI's own check must say a BIB
# entry of another address is outside it (a 32-bit shift by 32 made the /32
# reach 255.255.255.255, so the CLI let it through to the module).
t_slash32_pool4_in_cli() {
	cat > /tmp/s32.json <<'JSON'
{ "instance": "s32", "framework": "iptables", "global": { "pool6": "64:ff9b::/96" },
  "pool4": [ { "protocol": "TCP", "prefix": "192.0.2.1" } ],
  "bib": [ { "protocol": "TCP", "ipv6 address": "2001:db8::1#80", "ipv4 address": "192.0.2.9#80" } ] }
JSON
	fails "BIB entry 0: 192.0.2.9#80 is not in the file's TCP pool4" jool file handle /tmp/s32.json
	eq "$(names)" "" "no instance after the refusal"
}

# pool4 entries without "port range" take 61001-65535 (ICMP identifiers
# too), as Jool 4.1's files and `pool4 add` do; a static BIB entry outside
# that is refused, as Jool 4.1 refuses it.
t_default_port_range() {
	local d=/tmp/dp$$; mkdir -p $d
	cat > $d/a.json <<-'J'
	{ "instance": "dp", "framework": "iptables", "global": { "pool6": "64:ff9b::/96" },
	  "pool4": [ { "protocol": "TCP", "prefix": "192.0.2.1" }, { "protocol": "UDP", "prefix": "192.0.2.1" },
	             { "protocol": "ICMP", "prefix": "192.0.2.1" } ],
	  "bib": [ { "protocol": "TCP", "ipv6 address": "2001:db8::1#80", "ipv4 address": "192.0.2.1#61080" } ] }
	J
	ok jool file handle $d/a.json
	eq "$(jool -i dp pool4 display --all --csv --no-headers | cut -d, -f2-5 | tr '\n' ' ')" \
		"TCP,192.0.2.1,61001,65535 UDP,192.0.2.1,61001,65535 ICMP,192.0.2.1,61001,65535 " \
		"pool4 without port ranges"
	sed 's/192.0.2.1#61080/192.0.2.1#80/' $d/a.json > $d/b.json
	fails "BIB entry 0: 192.0.2.1#80 is not in the file's TCP pool4" jool file handle $d/b.json
	ok jool -i dp instance remove
	fails "BIB entry 0: 192.0.2.1#80 is not in the file's TCP pool4" jool file handle $d/b.json
	eq "$(names)" "" "no instance from the refused file"
}
