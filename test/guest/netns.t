# SPDX-License-Identifier: GPL-2.0
# Instances belong to their network namespace.

t_isolation() {
	local other=jt-other-$$
	ip netns add $other
	ok jool -i mine instance add --netfilter --pool6 64:ff9b::/96
	ok ip netns exec $other jool -i theirs instance add --netfilter --pool6 2001:db8::/32
	eq "$(names)" "mine" "this namespace sees only its own"
	eq "$(ip netns exec $other jool instance display --csv --no-headers | cut -d, -f2)" "theirs" \
		"the other namespace sees only its own"
	eq "$(ip netns exec $other jool -i mine instance status | head -n1)" "Dead" "mine is invisible there"
	fails 'mine|does not exist' ip netns exec $other jool -i mine instance remove
	ok ip netns exec $other jool instance flush
	eq "$(names)" "mine" "flush there leaves this namespace alone"
	ip netns del $other
}

# A namespace deleted with instances in it frees them all: after the
# namespace is gone, unloading the module destroys the instance cache, which
# the kernel reports loudly ("Objects remaining") if anything leaked.
t_netns_delete_frees() {
	local other=jt-gone-$$ mark="jool-test-mark-$$"
	ip netns add $other
	ok ip netns exec $other jool -i nf instance add --netfilter --pool6 64:ff9b::/96
	ok ip netns exec $other nltest bulk-add 200 ipt
	eq "$(ip netns exec $other jool instance display --csv --no-headers | wc -l)" 201 "201 instances there"
	ip netns del $other
	echo "$mark" > /dev/kmsg
	modprobe -r jool || fail "rmmod after the namespace died failed"
	dmesg | sed -n "/$mark/,\$p" > /tmp/after
	grep -Eq 'Objects remaining|still has objects|BUG|WARNING' /tmp/after && fail "leak reported: $(cat /tmp/after)"
	modprobe jool || fail "modprobe jool"
	eq "$(names)" "" "no instance survived"
}
