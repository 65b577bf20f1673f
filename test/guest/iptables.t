# SPDX-License-Identifier: GPL-2.0
# iptables.t - iptables mode: the JOOL target hands packets to iptables
# instances; what an instance does not handle goes on down the chain.

# ip6tables/iptables with this tree's libxt_JOOL.so.
xtdir=$top/usr/xt:$(pkg-config --variable=xtlibdir xtables 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/xtables)
ipt6() { XTABLES_LIBDIR=$xtdir ip6tables "$@"; }
ipt4() { XTABLES_LIBDIR=$xtdir iptables "$@"; }

# Two iptables instances side by side, each with its own pool4: IPv6
# clients are split by source address; on the IPv4 side both rules sit in
# one chain and alpha lets beta's replies continue to beta's rule.
t_two_instances() {
	topo
	ok jool instance remove
	ok jool -i alpha instance add --iptables --pool6 64:ff9b::/96 >/dev/null
	ok jool -i beta instance add --iptables --pool6 64:ff9b::/96 >/dev/null
	ok jool -i alpha pool4 add 203.0.113.1 --udp 5000-5999
	ok jool -i beta pool4 add 203.0.113.2 --udp 6000-6999
	ip -n $C addr add 2001:db8::3/64 dev eth0 nodad
	ok ipt6 -t mangle -A PREROUTING -s 2001:db8::2 -d 64:ff9b::/96 -j JOOL --instance alpha
	ok ipt6 -t mangle -A PREROUTING -s 2001:db8::3 -d 64:ff9b::/96 -j JOOL --instance beta
	ok ipt4 -t mangle -A PREROUTING -j JOOL --instance alpha
	ok ipt4 -t mangle -A PREROUTING -j JOOL --instance beta
	udp_server $S 192.0.2.2 7000
	local a b
	a=$(udp_ask $C $SRV6 7000 41000 2001:db8::2) || fail "no answer through alpha"
	b=$(udp_ask $C $SRV6 7000 41000 2001:db8::3) || fail "no answer through beta"
	eq "${a%#*}" 203.0.113.1 "alpha's mask address"
	port_in "${a#*#}" 5000 5999 "alpha's mask port"
	eq "${b%#*}" 203.0.113.2 "beta's mask address"
	port_in "${b#*#}" 6000 6999 "beta's mask port"
	eq "$(jool -i alpha bib display --udp --csv --no-headers | cut -d, -f2,4)" "2001:db8::2,203.0.113.1" "alpha's BIB"
	eq "$(jool -i beta bib display --udp --csv --no-headers | cut -d, -f2,4)" "2001:db8::3,203.0.113.2" "beta's BIB"
	# The rules read back as they were written.
	ipt6 -t mangle -S PREROUTING | grep -q -- "-s 2001:db8::2/128 -d 64:ff9b::/96 -j JOOL --instance alpha" \
		|| fail "ip6tables -S: $(ipt6 -t mangle -S PREROUTING)"
	ipt4 -t mangle -L PREROUTING -n | grep -q "JOOL .* instance:beta" \
		|| fail "iptables -L: $(ipt4 -t mangle -L PREROUTING -n)"
}

# rule_packets: packets the (first) JOOL rule of ip6tables' mangle PREROUTING matched.
rule_packets() { ipt6 -t mangle -L PREROUTING -v -x -n | awk '/JOOL/ { print $1; exit }'; }

# A rule naming no existing instance lets everything through; removing an
# instance under its rules is safe, and translation stops.
t_missing_instance() {
	topo
	ok jool instance remove
	ok ipt6 -t mangle -A PREROUTING -j JOOL --instance ghost
	ok ipt4 -t mangle -A PREROUTING -j JOOL --instance ghost
	inns $C ping -c 1 -W 2 2001:db8::1 >/dev/null || fail "local IPv6 traffic through a ghost rule"
	inns $S ping -c 1 -W 2 192.0.2.1 >/dev/null || fail "local IPv4 traffic through a ghost rule"
	ok jool -i ghost instance add --iptables --pool6 64:ff9b::/96 >/dev/null
	ok jool -i ghost pool4 add 203.0.113.1 --icmp
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping once the instance exists"
	ok jool -i ghost instance remove
	# The rule still sees the ping, finds no instance and lets it go on.
	local before; before=$(rule_packets)
	inns $C ping -c 1 -W 1 $SRV6 >/dev/null && fail "translated after the instance was removed"
	[ "$(rule_packets)" -gt "$before" ] || fail "the JOOL rule did not see the ping: $(ipt6 -t mangle -L PREROUTING -v -x -n)"
	inns $C ping -c 1 -W 2 2001:db8::1 >/dev/null || fail "local traffic after the removal"
}

# iptables words its own errors (several lines): check the status and the gist.
refused() { # REGEX ARGS...
	local re=$1; shift
	XTABLES_LIBDIR=$xtdir ip6tables "$@" >/tmp/xt.out 2>&1 && fail "ip6tables $* succeeded"
	grep -Eq -- "$re" /tmp/xt.out || fail "ip6tables $*: $(cat /tmp/xt.out)"
}

t_bad_rules() {
	refused '"--instance" must be specified' -t mangle -A PREROUTING -j JOOL
	refused 'printable ASCII' -t mangle -A PREROUTING -j JOOL --instance "a b"
	refused 'at most 15 characters' -t mangle -A PREROUTING -j JOOL --instance 1234567890123456
	XTABLES_LIBDIR=$xtdir ip6tables -t filter -A INPUT -j JOOL --instance x 2>/dev/null \
		&& fail "JOOL accepted outside mangle"
	eq "$(ipt6 -t mangle -S PREROUTING | grep -c JOOL)" 0 "no rule added"
}
