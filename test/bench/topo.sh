# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# topo.sh - sourced by the benchmark scripts inside the guest.
#
# topo [N]: a translator namespace trN (X runs a command in tr, X2 in tr2)
# between an IPv6 client cN (2001:db8::2) and a server sN (IPv4 192.0.2.2,
# IPv6 2001:db8:2::2); the veths are cN/eth0 - trN/c0 and trN/s0 - sN/eth0.
# The client routes 64:ff9b::/96 and 2001:db8:2::/64 through trN, the server
# 2001:db8::/64 and 203.0.113.0/24 (pool4) back. Every copy has the same
# addresses: copies differ only in their namespaces, so the per-packet path
# through tr2 is the one through tr.
#
# xlat plain|jool|jool4 [N]: the translator of trN. plain: none (the
# namespace forwards IPv6); jool: ours; jool4: Debian's Jool 4.1.9 (from
# test/compat/reference, $JOOL4 holds its directory). Both are jool.ko and
# both hook Netfilter, so one translator is loaded at a time: xlat unloads
# the other module first. Both get the same configuration: pool6
# 64:ff9b::/96, pool4 203.0.113.1 ports 1024-65535 for TCP, UDP and ICMP.
# xlat_off unloads whichever is loaded.

X() { ip netns exec tr "$@"; }
X2() { ip netns exec tr2 "$@"; }

topo() {
	local t=tr${1:-} c=c${1:-} s=s${1:-}
	ip netns add $t && ip netns add $c && ip netns add $s
	ip -n $t link set lo up
	ip link add c0 netns $t type veth peer name eth0 netns $c
	ip link add s0 netns $t type veth peer name eth0 netns $s
	ip -n $t addr add 2001:db8::1/64 dev c0 nodad
	ip -n $t addr add 2001:db8:2::1/64 dev s0 nodad
	ip -n $t addr add 192.0.2.1/24 dev s0
	ip -n $t link set c0 up; ip -n $t link set s0 up
	ip -n $c addr add 2001:db8::2/64 dev eth0 nodad; ip -n $c link set eth0 up; ip -n $c link set lo up
	ip -n $c route add 64:ff9b::/96 via 2001:db8::1
	ip -n $c route add 2001:db8:2::/64 via 2001:db8::1
	ip -n $s addr add 2001:db8:2::2/64 dev eth0 nodad; ip -n $s addr add 192.0.2.2/24 dev eth0
	ip -n $s link set eth0 up; ip -n $s link set lo up
	ip -n $s route add 2001:db8::/64 via 2001:db8:2::1
	ip -n $s route add 203.0.113.0/24 via 192.0.2.1
	ip netns exec $t sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.forwarding=1
	# No ICMP errors from the server for the benchmark's portless datagrams.
	ip netns exec $s sysctl -qw net.ipv4.icmp_ratelimit=100000 net.ipv6.icmp.ratelimit=100000
	# The neighbours are resolved before anything is measured.
	ip netns exec $c ping -q -c 1 -W 2 2001:db8:2::2 >/dev/null
	ip netns exec $s ping -q -c 1 -W 2 192.0.2.1 >/dev/null
}

loaded=plain
xlat() {
	local t=tr${2:-} p
	case $1 in
	plain) xlat_off ;;
	jool)
		[ $loaded = jool4 ] && xlat_off
		grep -q '^jool ' /proc/modules || modprobe jool || { echo "modprobe jool failed"; exit 1; }
		ip netns exec $t jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
		ip netns exec $t jool pool4 add 203.0.113.1 1024-65535 --force
		;;
	jool4)
		[ $loaded = jool ] && xlat_off
		if ! grep -q '^jool_common ' /proc/modules; then
			modprobe -a x_tables nf_defrag_ipv4 nf_defrag_ipv6 &&
				insmod "$JOOL4/jool_common.ko" && insmod "$JOOL4/jool.ko" ||
				{ echo "loading Jool 4.1.9 failed"; exit 1; }
		fi
		ip netns exec $t "$JOOL4/root/usr/bin/jool" instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
		# Its CLI takes one protocol per pool4 request.
		for p in --tcp --udp --icmp; do
			ip netns exec $t "$JOOL4/root/usr/bin/jool" pool4 add 203.0.113.1 1024-65535 $p --force >/dev/null
		done
		;;
	esac
	loaded=$1
}

# unload MODULE: once nothing holds it (an instance's sessions are freed
# after its removal).
unload() {
	local _
	for _ in $(seq 120); do
		grep -q "^$1 " /proc/modules || return 0
		rmmod "$1" 2>/dev/null && return 0
		sleep 0.5
	done
	echo "cannot unload $1"; exit 1
}

xlat_off() {
	local ns
	case $loaded in
	jool)
		for ns in $(ip netns list | awk '/^tr/ { print $1 }'); do
			ip netns exec $ns jool instance flush >/dev/null 2>&1
		done
		unload jool
		;;
	jool4)
		for ns in $(ip netns list | awk '/^tr/ { print $1 }'); do
			ip netns exec $ns "$JOOL4/root/usr/bin/jool" instance flush >/dev/null 2>&1
		done
		unload jool; unload jool_common
		;;
	esac
	loaded=plain
}
