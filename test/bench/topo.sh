# SPDX-License-Identifier: GPL-2.0
# topo.sh - sourced by the benchmark scripts inside the guest: a translator
# namespace "tr" (X runs a command there) between an IPv6 client "c" and a
# server "s" (IPv4 192.0.2.2 and IPv6 2001:db8:2::2), with a Netfilter
# instance (pool6 64:ff9b::/96, pool4 203.0.113.1 ports 1024-65535).
ip netns add tr
X() { ip netns exec tr "$@"; }
ip netns add c && ip netns add s
X ip link set lo up
ip link add c0 netns tr type veth peer name eth0 netns c
ip link add s0 netns tr type veth peer name eth0 netns s
X ip addr add 2001:db8::1/64 dev c0 nodad
X ip addr add 2001:db8:2::1/64 dev s0 nodad
X ip addr add 192.0.2.1/24 dev s0
X ip link set c0 up; X ip link set s0 up
ip -n c addr add 2001:db8::2/64 dev eth0 nodad; ip -n c link set eth0 up; ip -n c link set lo up
ip -n c route add 64:ff9b::/96 via 2001:db8::1
ip -n c route add 2001:db8:2::/64 via 2001:db8::1
ip -n s addr add 2001:db8:2::2/64 dev eth0 nodad; ip -n s addr add 192.0.2.2/24 dev eth0
ip -n s link set eth0 up; ip -n s link set lo up
ip -n s route add 2001:db8::/64 via 2001:db8:2::1
ip -n s route add 203.0.113.0/24 via 192.0.2.1
X sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.forwarding=1
# No ICMP errors from the server for the benchmark's portless datagrams.
ip netns exec s sysctl -qw net.ipv4.icmp_ratelimit=100000 net.ipv6.icmp.ratelimit=100000
X jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
X jool pool4 add 203.0.113.1 1024-65535 --force
