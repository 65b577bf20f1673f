# SPDX-License-Identifier: GPL-2.0
# netlink.t - the module's own validation of every command, reached without
# the CLI's checks (test/tools/nltest sends raw requests): missing, wrongly
# typed or sized, out-of-range and unknown attributes and bad nesting are
# each refused with an errno and an extended-ACK message, and change nothing.

I=instance=str:default
A4=addr4=ip4:203.0.113.1
P4="protos=u8:2 $A4 prefix4-len=u8:32 port-min=u16:5000 port-max=u16:5999"
B="proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8000 $A4 port4=u16:5500"

# refused ATTR...: `nltest send ATTR...` is refused with an errno and a
# message. Each miss is noted and the test goes on, so that one run lists
# them all; `unchanged` fails the test if there was any.
refused() {
	local r
	if r=$(nltest send "$@" 2>&1); then
		echo "accepted: nltest send $* ($r)" >> /tmp/nl.bad
	elif ! [[ $r =~ ^error\ -[0-9]+:\ [^\ ].* ]]; then
		echo "no errno and extended-ACK message: nltest send $*: $r" >> /tmp/nl.bad
	fi
}

# accepted ATTR...: the same tool gets a good request through (it can pass).
accepted() {
	local r
	r=$(nltest send "$@" 2>&1) || fail "refused: nltest send $*: $r"
}

# snapshot: everything a request could have changed, as the CLI shows it.
snapshot() {
	local p
	ok jool instance display --csv
	ok jool -i other global display --csv
	ok jool pool4 display --all --csv
	ok jool global display --csv
	for p in --tcp --udp --icmp; do
		ok jool bib display $p --csv
		ok jool session display $p --csv
	done
}

# A netfilter instance with pool4 and a static mapping, an iptables one beside.
nl_setup() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool -i other instance add --iptables --pool6 64:ff9b::/96 >/dev/null
	accepted pool4-add $I $P4
	accepted bib-add $I $B
	snapshot > /tmp/nl.before
	rm -f /tmp/nl.bad
}

unchanged() {
	snapshot > /tmp/nl.after
	diff -u /tmp/nl.before /tmp/nl.after > /tmp/nl.diff || echo "state changed: $(cat /tmp/nl.diff)" >> /tmp/nl.bad
	[ ! -s /tmp/nl.bad ] || fail "$(sed 's/^/    /' /tmp/nl.bad)"
}

t_netlink_instance() {
	nl_setup
	local G="framework=u8:2 pool6-addr=ip6:64:ff9b:: pool6-len=u8:96"
	refused instance-add $G
	refused instance-add instance=str:x pool6-addr=ip6:64:ff9b:: pool6-len=u8:96
	refused instance-add instance=str:x framework=u8:2 pool6-len=u8:96
	refused instance-add instance=str:x framework=u8:2 pool6-addr=ip6:64:ff9b::
	refused instance-add instance=str:x framework=u8:9 pool6-addr=ip6:64:ff9b:: pool6-len=u8:96
	refused instance-add instance=str:x framework=u32:2 pool6-addr=ip6:64:ff9b:: pool6-len=u8:96
	refused instance-add instance=str:x framework=u8:2 pool6-addr=hex:0064ff9b pool6-len=u8:96
	refused instance-add instance=str:x framework=u8:2 pool6-addr=ip6:64:ff9b:: pool6-len=u8:95
	refused instance-add instance=str:x framework=u8:2 pool6-addr=ip6:64:ff9b:: pool6-len=u16:96
	refused instance-add instance=raw:x $G
	refused instance-add instance=str: $G
	refused instance-add instance=str:1234567890123456 $G
	refused instance-add instance=str:default $G
	refused instance-add instance=str:x $G 200=u8:1
	refused instance-add instance=str:x $G status=u8:1
	refused instance-add instance=str:x $G pool4-list={ entry={ $P4 } }
	refused instance-remove
	refused instance-remove instance=str:ghost
	refused instance-remove instance=u32:5
	refused instance-remove $I quick=flag:
	refused instance-status
	refused instance-status $I status=u8:1
	unchanged
}

t_netlink_pool4() {
	nl_setup
	refused pool4-add $A4 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2 protos=u8:2
	refused pool4-add instance=str:ghost $P4
	refused pool4-add $I $A4 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 $A4 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 $A4 prefix4-len=u8:32 port-max=u16:2
	refused pool4-add $I protos=u8:2 $A4 prefix4-len=u8:32 port-min=u16:1
	refused pool4-add $I protos=u8:8 $A4 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u16:2 $A4 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 addr4=hex:cb0071 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 $A4 prefix4-len=u8:33 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 addr4=ip4:10.0.0.0 prefix4-len=u8:8 port-min=u16:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 $A4 prefix4-len=u8:32 port-min=u32:1 port-max=u16:2
	refused pool4-add $I protos=u8:2 $A4 prefix4-len=u8:32 port-min=u16:7000 port-max=u16:6000
	refused pool4-add $I $P4 mark=u16:1
	refused pool4-add $I $P4 max-iter=u8:1
	refused pool4-add $I $P4 proto=u8:17
	refused pool4-add $I $P4 200=u8:1
	refused pool4-remove $I protos=u8:2 prefix4-len=u8:32 port-min=u16:5000 port-max=u16:5999
	refused pool4-remove instance=str:ghost $P4
	refused pool4-flush instance=str:ghost
	refused pool4-flush $I 200=u8:1
	refused pool4-flush $I quick=u8:1
	refused -d pool4-get $I protos=u8:9
	refused -d pool4-get instance=str:ghost
	unchanged
}

t_netlink_bib_session() {
	nl_setup
	refused bib-add $I addr6=ip6:2001:db8::2 port6=u16:8001 $A4 port4=u16:5501
	refused bib-add $I proto=u8:17 port6=u16:8001 $A4 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=ip6:2001:db8::2 $A4 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8001 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8001 $A4
	refused bib-add $I proto=u8:5 addr6=ip6:2001:db8::2 port6=u16:8001 $A4 port4=u16:5501
	refused bib-add $I proto=u8:99 addr6=ip6:2001:db8::2 port6=u16:8001 $A4 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=hex:20010db8 port6=u16:8001 $A4 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=ip6:2001:db8::2 port6=u32:8001 $A4 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8001 addr4=ip4:198.51.100.1 port4=u16:5501
	refused bib-add $I proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8001 $A4 port4=u16:5500
	refused bib-add $I proto=u8:6 addr6=ip6:2001:db8::2 port6=u16:8001 $A4 port4=u16:5501
	refused bib-add $I $B protos=u8:2
	refused bib-add $I $B 200=u8:1
	refused bib-add instance=str:ghost $B
	refused bib-remove $I proto=u8:17
	refused bib-remove $I proto=u8:17 addr6=ip6:2001:db8::2
	refused bib-remove $I proto=u8:17 $A4 port4=u16:5999
	refused bib-remove $I addr6=ip6:2001:db8::2 port6=u16:8000
	refused -d bib-get $I
	refused -d bib-get $I proto=u8:5
	refused -d bib-get $I proto=u16:17
	refused -d bib-get instance=str:ghost proto=u8:17
	refused -d session-get $I
	refused -d session-get $I proto=u8:99
	refused -d session-get $I proto=u8:17 200=u8:1
	unchanged
}

t_netlink_global_stats() {
	nl_setup
	refused global-get
	refused global-get instance=str:ghost
	refused global-get $I status=u8:1
	refused global-update $I
	refused global-update instance=str:ghost g-adf=u8:1
	refused global-update $I g-adf=u8:2
	refused global-update $I g-adf=u32:1
	refused global-update $I g-tcp-est=u32:1000
	refused global-update $I g-tcp-trans=u32:1000
	refused global-update $I g-udp=u32:1000
	refused global-update $I g-icmp=u32:0
	refused global-update $I g-icmp=u16:5
	refused global-update $I g-f-args=u8:16
	refused global-update $I g-lowest-mtu6=u32:1279
	refused global-update $I g-tos=u16:1
	refused global-update $I g-plateaus=hex:05
	refused global-update $I g-plateaus=hex:dc050000
	refused global-update $I g-plateaus=hex:$(printf 'dc05%.0s' $(seq 65))
	refused global-update $I g-max-so=u8:1
	refused global-update $I g-adf=u8:1 g-tcp-est=u32:1000
	refused global-update $I g-adf=u8:1 200=u8:1
	refused global-update $I g-adf=u8:1 pool6-len=u8:64
	refused stats-get
	refused stats-get instance=str:ghost
	refused stats-get $I 200=u8:1
	refused stats-get $I protos=u8:1
	unchanged
}

t_netlink_config_replace() {
	nl_setup
	local C="$I framework=u8:1 pool6-addr=ip6:64:ff9b:: pool6-len=u8:96"
	refused config-replace framework=u8:1 pool6-addr=ip6:64:ff9b:: pool6-len=u8:96
	refused config-replace $I framework=u8:2 pool6-addr=ip6:64:ff9b:: pool6-len=u8:96
	refused config-replace $I framework=u8:1 pool6-addr=ip6:2001:db8:: pool6-len=u8:96
	refused config-replace $C pool4-list=u8:1
	refused config-replace $C pool4-list={ protos=u8:2 }
	refused config-replace $C pool4-list={ entry={ protos=u8:2 $A4 prefix4-len=u8:32 port-min=u16:1 } }
	refused config-replace $C pool4-list={ entry={ protos=u8:2 $A4 prefix4-len=u8:32 port-min=u32:1 port-max=u16:9 } }
	refused config-replace $C pool4-list={ entry={ $P4 200=u8:1 } }
	refused config-replace $C pool4-list={ entry={ $P4 } entry={ protos=u8:8 $A4 prefix4-len=u8:32 port-min=u16:1 port-max=u16:2 } }
	refused config-replace $C pool4-list={ entry={ $P4 } } bib-list={ entry={ proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8000 $A4 port4=u16:7000 } }
	refused config-replace $C pool4-list={ entry={ $P4 } } bib-list={ entry={ proto=u8:17 addr6=ip6:2001:db8::2 port6=u16:8000 } }
	refused config-replace $C bib-list={ entry={ entry={ $B } } }
	refused config-replace $C g-tcp-est=u32:1000
	refused config-replace $C 200=u8:1
	refused config-replace $C quick=flag:
	unchanged
}

# Commands whose requests carry no attributes at all (the contract: an
# attribute a command does not list is refused), and flushes that take only
# JOOL_A_QUICK: a stray attribute must not turn into "flush everything".
t_netlink_flush_and_listing_attributes() {
	nl_setup
	refused instance-flush $I
	refused instance-flush 200=u8:1
	refused -d instance-get $I
	refused pool4-flush $I $A4 prefix4-len=u8:32 protos=u8:2
	unchanged
}
