# SPDX-License-Identifier: GPL-2.0
# Who may configure jool (mod/privilege.c): CAP_NET_ADMIN in the initial user
# namespace by default; with allow_userns=1, user namespace administrators
# within the userns_max_* quotas of their network namespace.

params=/sys/module/jool/parameters

# userns SCRIPT: runs SCRIPT (with lib.sh) as root of a new user namespace
# in a new network namespace it owns, as `unshare -Urn` does for any user:
# CAP_NET_ADMIN over that namespace, nothing in the initial one.
userns() {
	unshare -Urn bash -c ". '$top/test/guest/lib.sh'; set -o pipefail; $1" ||
		fail "in the user namespace (above)"
}

# set_params NAME=VALUE...: writes module parameters; the test's exit puts
# the defaults back, so the module stays as a plain modprobe left it.
set_params() {
	trap 'echo N > $params/allow_userns; echo 16 > $params/userns_max_instances;
	      echo 4096 > $params/userns_max_pool4; echo 4096 > $params/userns_max_bib' EXIT
	local kv
	for kv in "$@"; do
		echo "${kv#*=}" > "$params/${kv%%=*}" || fail "cannot set $kv"
	done
}

t_userns_refused_by_default() {
	eq "$(cat $params/allow_userns)" N "allow_userns default"
	# Debian's 6.1 gates user namespaces of unprivileged users behind this.
	[ -e /proc/sys/kernel/unprivileged_userns_clone ] &&
		sysctl -qw kernel.unprivileged_userns_clone=1
	unshare -Urn true || fail "this kernel refuses unshare -Urn"
	cp $top/test/guest/files/minimal.json /tmp/priv-min.json
	export RE='needs CAP_NET_ADMIN in the initial user namespace \(module parameter allow_userns is off\)'
	userns '
	fails "$RE" jool instance add --pool6 64:ff9b::/96
	fails "$RE" jool -i x instance add --iptables --pool6 64:ff9b::/96
	fails "$RE" jool pool4 add 192.0.2.1
	fails "$RE" jool bib add --tcp 2001:db8::5#80 192.0.2.1#61080
	fails "$RE" jool global update address-dependent-filtering on
	fails "$RE" jool file handle /tmp/priv-min.json
	fails "$RE" jool instance display
	fails "$RE" jool instance status
	fails "$RE" sh -c "jool pool4 display >/dev/null"	# Jool 4: header, then error
	fails "$RE" jool bib display --tcp
	fails "$RE" sh -c "jool session display --udp >/dev/null"
	fails "$RE" jool global display
	fails "$RE" jool stats display
	fails "$RE" jool instance flush
	'
	# A truly unprivileged user, not root mapped to root, is refused alike.
	fails 'allow_userns is off' setpriv --reuid=65534 --regid=65534 --clear-groups \
		unshare -Urn jool instance add --pool6 64:ff9b::/96
	# The initial namespace's root is not affected.
	ok jool instance add --pool6 64:ff9b::/96
	eq "$(ok jool instance status)" Running "root's instance"
}

t_userns_allowed_within_quotas() {
	set_params allow_userns=1 userns_max_instances=2 userns_max_pool4=6 userns_max_bib=2
	cat > /tmp/priv-f.json <<-EOF
	{ "instance": "f", "framework": "iptables", "global": { "pool6": "64:ff9b::/96" },
	  "pool4": [ { "protocol": "TCP", "prefix": "198.51.100.0/30" } ] }
	EOF
	cat > /tmp/priv-g.json <<-EOF
	{ "instance": "g", "framework": "iptables", "global": { "pool6": "64:ff9b::/96" },
	  "pool4": [ { "protocol": "UDP", "prefix": "198.51.100.9" } ],
	  "bib": [ { "protocol": "UDP", "ipv6 address": "2001:db8::9#53", "ipv4 address": "198.51.100.9#61053" } ] }
	EOF
	cat > /tmp/priv-h.json <<-EOF
	{ "instance": "h", "framework": "iptables", "global": { "pool6": "64:ff9b::/96" },
	  "pool4": [ { "protocol": "UDP", "prefix": "198.51.100.9" } ] }
	EOF
	userns '
	rows() { jool -i "$1" pool4 display --all --csv --no-headers | wc -l; }
	statics() { for p in --tcp --udp --icmp; do jool -i "$1" bib display $p --csv --no-headers; done | wc -l; }
	dead() { eq "$(ok jool -i "$1" instance status | head -n1)" Dead "instance $1 after a refusal"; }

	# Instances: two, not three.
	ok jool instance add --pool6 64:ff9b::/96
	ok jool -i b instance add --iptables --pool6 64:ff9b::/96
	fails "quota (of instances \(module parameter userns_max_instances\)|userns_max_instances=2: this would make 3 instances)" \
		jool -i c instance add --iptables --pool6 64:ff9b::/96
	dead c
	fails userns_max_instances jool file handle /tmp/priv-f.json
	dead f

	# pool4: six rows in the namespace, whichever instance holds them.
	ok jool pool4 add 192.0.2.1			# TCP, UDP, ICMP: 3
	ok jool -i b pool4 add 192.0.2.2 --tcp		# 4
	ok jool -i b pool4 add 192.0.2.3 --udp		# 5
	ok jool -i b pool4 add 192.0.2.4 --icmp		# 6
	fails userns_max_pool4 jool -i b pool4 add 192.0.2.5 --tcp
	fails userns_max_pool4 jool pool4 add 192.0.2.8/30 --tcp
	fails userns_max_pool4 jool pool4 remove 192.0.2.1 62000-63000 --tcp	# splits a row
	eq "$(rows default)" 3 "default keeps its rows"
	eq "$(rows b)" 3 "b keeps its rows"
	ok jool -i b pool4 add 192.0.2.2 61001-65535 --tcp	# merges: still 6
	eq "$(rows b)" 3 "a merge grows nothing"

	# Static BIB: two entries.
	ok jool bib add --tcp 2001:db8::5#80 192.0.2.1#61080
	ok jool bib add --udp 2001:db8::6#53 192.0.2.1#61053
	fails userns_max_bib jool bib add --tcp 2001:db8::7#80 192.0.2.1#61081
	eq "$(statics default)" 2 "static entries"

	# Everything else works.
	ok jool global update address-dependent-filtering on
	ok jool global display --csv --no-headers | grep -qix "address-dependent-filtering,true" ||
		fail "global update did not apply"
	ok jool stats display >/dev/null
	ok jool session display --tcp >/dev/null
	eq "$(ok jool instance display --csv --no-headers | wc -l)" 2 "display"

	# file handle: all or nothing against every quota.
	ok jool -i b instance remove			# 3 rows, 2 entries left
	fails userns_max_pool4 jool file handle /tmp/priv-f.json	# 3 + 4 rows
	dead f
	fails userns_max_bib jool file handle /tmp/priv-g.json		# 2 + 1 entries
	dead g
	ok jool file handle /tmp/priv-h.json
	eq "$(rows h)" 1 "h from its file"
	ok jool -i h instance remove
	ok jool pool4 flush
	eq "$(statics default)" 0 "flush took the static entries"
	ok jool file handle /tmp/priv-g.json
	eq "$(statics g)" 1 "g from its file"
	'
}

# The initial namespace's administrator is never limited by the quotas.
t_init_root_not_limited() {
	set_params allow_userns=1 userns_max_instances=1 userns_max_pool4=1 userns_max_bib=0
	ok jool instance add --pool6 64:ff9b::/96
	ok jool -i b instance add --iptables --pool6 64:ff9b::/96
	ok jool -i c instance add --iptables --pool6 64:ff9b::/96
	ok jool pool4 add 192.0.2.0/28
	eq "$(jool pool4 display --all --csv --no-headers | wc -l)" 48 "pool4 rows"
	ok jool bib add --tcp 2001:db8::5#80 192.0.2.1#61080
	ok jool bib add --tcp 2001:db8::6#80 192.0.2.1#61081
	ok jool -i c pool4 add 192.0.2.16/28
	# A user namespace, meanwhile, is held to them.
	userns '
	ok jool instance add --pool6 64:ff9b::/96
	fails userns_max_instances jool -i b instance add --iptables --pool6 64:ff9b::/96
	fails userns_max_pool4 jool pool4 add 192.0.2.1
	eq "$(jool pool4 display --all --csv --no-headers | wc -l)" 0 "nothing half-added"
	'
}

# Configuration memory is charged to the caller's memory cgroup: a /16 in
# pool4 is megabytes of kernel memory, which must show in memory.current.
t_config_charged_to_memcg() {
	local cg=/tmp/cg$$ before after
	mkdir -p $cg && mount -t cgroup2 none $cg || fail "cannot mount cgroup2"
	trap "rmdir $cg/jt 2>/dev/null; umount $cg" EXIT
	grep -qw memory $cg/cgroup.controllers || fail "no memory controller"
	echo +memory > $cg/cgroup.subtree_control
	mkdir $cg/jt
	ok jool instance add --pool6 64:ff9b::/96
	(
		echo $BASHPID > $cg/jt/cgroup.procs
		jool pool4 display >/dev/null		# the CLI's own pages, charged now
		before=$(cat $cg/jt/memory.current)
		ok jool pool4 add 10.0.0.0/16 --tcp --force
		after=$(cat $cg/jt/memory.current)
		echo "charged $(( (after - before) / 1024 )) KiB"
		[ $((after - before)) -gt $((2 * 1024 * 1024)) ] ||
			fail "pool4 add of a /16 charged $((after - before)) bytes to its cgroup"
	) || exit 1
}
