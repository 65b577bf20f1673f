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
	local p; p=$(initns jool pool4 display --csv --no-headers)
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
	modprobe jool || fail "plain modprobe after refusals"
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
	  "framework": "netfilter",
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
