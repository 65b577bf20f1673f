# SPDX-License-Identifier: GPL-2.0
# Bad input: one clear line on stderr, non-zero exit, state unchanged.

t_unknown_words() {
	fails 'bogus' jool bogus display
	fails 'bogus' jool instance bogus
	fails 'bogus|unrecognized' jool instance add --bogus --pool6 64:ff9b::/96
	fails 'bogus|unrecognized' jool --bogus instance display
	eq "$(names)" "" "nothing created"
}

t_missing_arguments() {
	fails 'pool6' jool instance add --iptables
	fails 'object|command|usage|Usage' jool
	eq "$(names)" "" "nothing created"
}

t_bad_prefix() {
	fails '96|length' jool instance add --pool6 64:ff9b::/95
	fails 'beyond|host|bits' jool instance add --pool6 64:ff9b::1/96
	fails '64-71|force' jool instance add --pool6 2001:db8:0:0:100::/96
	fails 'length|prefix|/' jool instance add --pool6 64:ff9b::
	fails 'prefix|address|IPv6' jool instance add --pool6 192.0.2.0/24
	fails 'prefix|address|IPv6' jool instance add --pool6 banana/96
	eq "$(names)" "" "nothing created"
	ok jool instance add --pool6 2001:db8:0:0:100::/96 --force
	ok jool -j instance display | jq -e '.[0].pool6 == "2001:db8:0:0:100::/96" or .[0].pool6 == "2001:db8::100:0:0:0/96"' >/dev/null \
		|| fail "forced prefix not stored: $(jool -j instance display)"
}

t_name_too_long() {
	fails '15|long' jool -i 1234567890123456 instance add --iptables --pool6 64:ff9b::/96
	fails 'ASCII|printable|space' jool -i "a b" instance add --iptables --pool6 64:ff9b::/96
	eq "$(names)" "" "nothing created"
	ok jool -i 123456789012345 instance add --iptables --pool6 64:ff9b::/96
	eq "$(names)" "123456789012345" "15 characters are fine"
}

t_duplicate() {
	ok jool -i lab instance add --iptables --pool6 64:ff9b::/96
	fails 'exists' jool -i lab instance add --iptables --pool6 2001:db8::/32
	eq "$(ok jool -j instance display | jq -r '.[].pool6')" "64:ff9b::/96" "the first one is untouched"
}

t_second_netfilter() {
	ok jool -i one instance add --netfilter --pool6 64:ff9b::/96
	fails '[Nn]etfilter' jool -i two instance add --netfilter --pool6 64:ff9b::/96
	eq "$(names)" "one" "the second netfilter instance was not created"
	ok jool -i three instance add --iptables --pool6 64:ff9b::/96
	ok jool -i four instance add --iptables --pool6 64:ff9b::/96
	eq "$(names | tr '\n' ' ')" "four one three " "any number of iptables instances"
}

t_remove_missing() {
	fails 'ghost|does not exist' jool -i ghost instance remove
}

# The module checks everything itself: requests that bypass the CLI get an
# extended-ACK message and change nothing.
t_kernel_validates() {
	local r
	r=$(nltest add 1234567890123456 96) && fail "long name accepted"
	[[ $r =~ ^error\ -[0-9]+:\ .+ ]] || fail "no extack for a long name: $r"
	r=$(nltest add "a b" 96) && fail "name with a space accepted"
	[[ $r =~ ^error\ -22:\ .*(ASCII|printable) ]] || fail "no extack for a bad name: $r"
	r=$(nltest add x 95) && fail "length 95 accepted"
	[[ $r =~ ^error\ -22:\ .*(96|length) ]] || fail "no extack for length 95: $r"
	r=$(nltest add x 96 7) && fail "framework 7 accepted"
	[[ $r =~ ^error\ -[0-9]+:\ .+ ]] || fail "no extack for framework 7: $r"
	r=$(nltest add x 96 2 status) && fail "unexpected attribute accepted"
	[[ $r =~ ^error\ -[0-9]+:\ .+ ]] || fail "no extack for an unexpected attribute: $r"
	eq "$(names)" "" "nothing created"
	eq "$(nltest add x 96)" "ok" "a good raw request"
}

t_needs_cap_net_admin() {
	local as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all"
	ok jool -i lab instance add --iptables --pool6 64:ff9b::/96
	fails 'CAP_NET_ADMIN' $as_nobody jool -i evil instance add --iptables --pool6 64:ff9b::/96
	fails 'CAP_NET_ADMIN' $as_nobody jool -i lab instance remove
	fails 'CAP_NET_ADMIN' $as_nobody jool instance flush
	fails 'CAP_NET_ADMIN' $as_nobody jool instance display
	eq "$(names)" "lab" "nothing changed"
}

# The RFC 7915 globals: Jool 4's names, order and defaults; bad values refused
# with one line, and nothing changes.
t_xlat_globals() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	local before; before=$(ok jool global display)
	echo "$before" | head -5 | grep -q '^  lowest-ipv6-mtu: 1280$' || fail "lowest-ipv6-mtu default: $before"
	echo "$before" | grep -q '^  mtu-plateaus: 65535,32000,17914,8166,4352,2002,1492,1006,508,296,68$' \
		|| fail "mtu-plateaus default: $before"
	# Jool 4's keys in Jool 4's order, then jool's own.
	local keys="manually-enabled pool6 lowest-ipv6-mtu logging-debug zeroize-traffic-class"
	keys="$keys override-tos tos mtu-plateaus address-dependent-filtering"
	keys="$keys drop-externally-initiated-tcp drop-icmpv6-info source-icmpv6-errors-better f-args"
	keys="$keys handle-rst-during-fin-rcv tcp-est-timeout tcp-trans-timeout udp-timeout"
	keys="$keys icmp-timeout logging-bib logging-session maximum-simultaneous-opens"
	keys="$keys ss-enabled ss-flush-asap ss-flush-deadline ss-capacity ss-max-payload"
	keys="$keys max-sessions"
	eq "$(echo "$before" | cut -d: -f1 | tr -d ' ' | tr '\n' ' ')" "$keys " "global display keys"
	echo "$before" | grep -q '^  pool6: 64:ff9b::/96$' || fail "pool6 not shown: $before"
	fails 'fixed' jool global update pool6 2001:db8::/96
	fails '1280' jool global update lowest-ipv6-mtu 1279
	fails 'MTU' jool global update mtu-plateaus 1500,0
	fails 'MTU' jool global update mtu-plateaus 1500,,x
	fails 'MTU' jool global update mtu-plateaus 70000
	fails '255' jool global update tos 256
	fails 'boolean' jool global update override-tos maybe
	eq "$(ok jool global display)" "$before" "refused updates changed nothing"
	ok jool global update mtu-plateaus 1400,1500,1400,68
	ok jool global update lowest-ipv6-mtu 1500
	ok jool global update tos 16
	local after; after=$(ok jool global display --csv --no-headers)
	echo "$after" | grep -q '^mtu-plateaus,"\?1500,1400,68"\?$' || fail "plateaus sorted, repeats merged: $after"
	echo "$after" | grep -q '^lowest-ipv6-mtu,1500$' || fail "lowest-ipv6-mtu: $after"
	echo "$after" | grep -q '^tos,16$' || fail "tos: $after"
}
