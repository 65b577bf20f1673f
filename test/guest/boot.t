# SPDX-License-Identifier: GPL-2.0
# boot.t - bringing a translator up at boot: module parameters, and a
# configuration file applied with `jool file handle`.

# In the initial namespace, where module parameters create their instance.
initns() { nsenter --net=/proc/1/ns/net "$@"; }

reload() { # [PARAMS...]: jool.ko again, with these parameters
	modprobe -r jool || fail "modprobe -r jool"
	modprobe jool "$@"
}

t_module_params() {
	trap 'modprobe -r jool; modprobe jool' EXIT
	reload pool6=64:ff9b::/96 "pool4=192.0.2.2, 192.0.2.8/30" || fail "modprobe with parameters"
	eq "$(initns jool instance display --csv --no-headers | cut -d, -f2-3)" \
		"default,netfilter" "instance created at load"
	eq "$(initns jool global display --csv --no-headers | grep '^pool6,')" "pool6,64:ff9b::/96" "its pool6"
	local p; p=$(initns jool pool4 display --all --csv --no-headers)
	eq "$(echo "$p" | wc -l)" 15 "pool4 rows (5 addresses x 3 protocols)"
	echo "$p" | grep -q "^0,TCP,192.0.2.2,1,65535" || fail "TCP row: $p"
	echo "$p" | grep -q "^0,ICMP,192.0.2.11,0,65535" || fail "ICMP row: $p"
	eq "$(cat /sys/module/jool/parameters/pool6)" "64:ff9b::/96" "parameter visible in sysfs"
	# Bad values fail the load and say which.
	modprobe -r jool
	modprobe jool pool6=64:ff9b::/96 pool4=192.0.2.300 2>/dev/null && fail "bad pool4 loaded"
	dmesg | tail -5 | grep -q "pool4: '192.0.2.300' is not an IPv4 address or prefix" \
		|| fail "no message for the bad pool4: $(dmesg | tail -3)"
	modprobe jool pool4=192.0.2.2 2>/dev/null && fail "pool4 without pool6 loaded"
	dmesg | tail -5 | grep -q "pool4= needs pool6=" || fail "no message for pool4 alone"
	modprobe jool pool6=64:ff9b::/95 2>/dev/null && fail "bad pool6 loaded"
	dmesg | tail -5 | grep -q "pool6=64:ff9b::/95: " || fail "no message for the bad pool6: $(dmesg | tail -3)"
	modprobe jool || fail "plain modprobe after refusals"
	eq "$(initns jool instance display --csv --no-headers | wc -l)" 0 "no instance without parameters"
	modprobe -r jool
	# And a working translator, from the parameters alone.
	reload pool6=64:ff9b::/96 pool4=203.0.113.1 || fail "modprobe with parameters"
	local C=pc$$ S=ps$$
	ip netns add $C && ip netns add $S || fail "netns"
	trap 'ip netns del $C; ip netns del $S; initns ip link del pc0; initns ip link del ps0; modprobe -r jool; modprobe jool' EXIT
	initns ip link add pc0 type veth peer name eth0 netns $C
	initns ip link add ps0 type veth peer name eth0 netns $S
	initns ip addr add 2001:db8::1/64 dev pc0 nodad
	initns ip addr add 192.0.2.1/24 dev ps0
	initns ip link set pc0 up
	initns ip link set ps0 up
	ip -n $C addr add 2001:db8::2/64 dev eth0 nodad
	ip -n $C link set eth0 up
	ip -n $C route add 64:ff9b::/96 via 2001:db8::1
	ip -n $S addr add 192.0.2.2/24 dev eth0
	ip -n $S link set eth0 up
	ip -n $S route add 203.0.113.0/24 via 192.0.2.1
	initns sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.forwarding=1
	ip netns exec $C ping -c 1 -W 3 64:ff9b::c000:202 >/dev/null || fail "ping through the instance of the parameters"
	eq "$(initns jool session display --icmp --csv --no-headers | wc -l)" 1 "its session"
	modprobe -r jool || fail "unload with the instance up"
	modprobe jool
	eq "$(initns jool instance display --csv --no-headers | wc -l)" 0 "no instance without parameters"
}

# What the systemd unit does at boot: a configuration file brings up a
# working translator.
t_file_at_boot() {
	topo
	ok jool instance remove
	local d=/tmp/b$$; mkdir -p $d
	cat > $d/jool.conf <<-'J'
	{ "comment": "as /etc/jool/jool.conf",
	  "instance": "default", "framework": "netfilter",
	  "global": { "pool6": "64:ff9b::/96" },
	  "pool4": [ { "protocol": "ICMP", "prefix": "203.0.113.1" },
	             { "protocol": "UDP", "prefix": "203.0.113.1", "port range": "5000-5999" } ] }
	J
	ok jool file handle $d/jool.conf
	inns $C ping -c 1 -W 2 $SRV6 >/dev/null || fail "ping through the file-configured translator"
	udp_server $S 192.0.2.2 7000
	local seen; seen=$(udp_ask $C $SRV6 7000 41000) || fail "no UDP answer"
	port_in "${seen#*#}" 5000 5999 "UDP mask port"
}
