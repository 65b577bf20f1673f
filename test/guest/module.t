# SPDX-License-Identifier: GPL-2.0
# Module load and unload around live instances.

t_rmmod_with_live_instances() {
	local other=jt-live-$$
	ip netns add $other
	ok jool -i a instance add --netfilter --pool6 64:ff9b::/96
	ok nltest bulk-add 100 b
	ok ip netns exec $other jool instance add --netfilter --pool6 64:ff9b::/96
	rmmod jool || fail "rmmod with live instances failed"
	lsmod | grep -q '^jool ' && fail "jool still loaded"
	ip netns del $other
	# The first request autoloads the module (MODULE_ALIAS_GENL_FAMILY).
	eq "$(ok jool instance display --csv --no-headers)" "" "autoloaded, empty"
	lsmod | grep -q '^jool ' || fail "the CLI did not autoload jool"
}

t_module_missing() {
	local ko=/lib/modules/$(uname -r)/extra/jool.ko
	rmmod jool 2>/dev/null
	mv $ko /tmp/jool.ko.hidden
	fails 'modprobe jool' jool instance display
	fails 'modprobe jool' jool instance add --pool6 64:ff9b::/96
	mv /tmp/jool.ko.hidden $ko
	modprobe jool || fail "modprobe jool"
	eq "$(ok jool instance status | head -n1)" "Dead" "works again"
}
