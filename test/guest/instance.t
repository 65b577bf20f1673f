# SPDX-License-Identifier: GPL-2.0
# Instance lifecycle and displays, through the real CLI over real netlink.

t_lifecycle() {
	eq "$(names)" "" "a fresh namespace has no instances"
	eq "$(ok jool instance status | head -n1)" "Dead" "status of a missing instance"
	ok jool instance add --netfilter --pool6 64:ff9b::/96
	eq "$(names)" "default" "default name"
	eq "$(ok jool instance status)" "Running" "status after add"
	ok jool -i lab instance add --iptables --pool6 2001:db8::/32
	eq "$(names | tr '\n' ' ')" "default lab " "two instances, in name order"
	ok jool instance remove
	eq "$(names)" "lab" "after removing default"
	eq "$(ok jool instance status | head -n1)" "Dead" "status after remove"
	eq "$(ok jool -i lab instance status)" "Running" "the other one lives"
	ok jool --instance lab instance remove
	eq "$(names)" "" "all removed"
}

t_positional_name() {
	ok jool instance add lab --iptables -6 64:ff9b::/96
	ok jool instance add --iptables mirror --pool6 2001:db8:100::/40
	eq "$(names | tr '\n' ' ')" "lab mirror " "positional names, options on either side"
	fails 'mismatch|match' jool -i other instance add lab2 --iptables --pool6 64:ff9b::/96
	ok jool -i lab instance remove lab
	ok jool instance remove mirror
	eq "$(names)" "" "removed by positional name"
}

t_flush() {
	ok jool -i a instance add --iptables --pool6 64:ff9b::/96
	ok jool -i b instance add --iptables --pool6 64:ff9b::/96
	ok jool -i c instance add --netfilter --pool6 64:ff9b::/96
	eq "$(names | wc -l)" 3 "three instances"
	ok jool instance flush
	eq "$(names)" "" "flush empties the namespace"
	ok jool -i c instance add --netfilter --pool6 64:ff9b::/96
	eq "$(names)" "c" "a netfilter instance can be added again after flush"
}

t_abbreviations() {
	ok jool i a --pool6 64:ff9b::/96
	eq "$(ok jool i d --csv --no-headers | cut -d, -f2,3)" "default,netfilter" "jool i d"
	eq "$(ok jool in st)" "Running" "jool in st"
	ok jool ins rem
	eq "$(ok jool instance s | head -n1)" "Dead" "removed through abbreviations"
}

t_display_text() {
	local ns
	ns=$(stat -L -c %i /proc/self/ns/net)
	ok jool -i lab instance add --iptables --pool6 64:ff9b::/96
	ok jool instance display > /tmp/got
	printf '%s\n' \
		'+--------------------+-----------------+-----------+' \
		'|          Namespace |            Name | Framework |' \
		'+--------------------+-----------------+-----------+' \
		"$(printf '| %18s | %15s | %9s |' "$ns" lab iptables)" \
		'+--------------------+-----------------+-----------+' > /tmp/want
	diff -u /tmp/want /tmp/got || fail "text table differs from Jool 4's layout"
	ok jool instance display --no-headers > /tmp/got
	eq "$(grep -c 'Namespace' /tmp/got)" 0 "--no-headers drops the header"
	eq "$(grep -c '| *lab |' /tmp/got)" 1 "--no-headers keeps the row"
}

t_display_csv() {
	ok jool -i lab instance add --iptables --pool6 64:ff9b::/96
	ok jool instance add --pool6 64:ff9b::/96
	ok jool instance display --csv > /tmp/got
	eq "$(head -1 /tmp/got)" "Namespace,Name,Framework" "CSV header"
	eq "$(sed -n 2p /tmp/got | cut -d, -f2-)" "default,netfilter" "CSV row 1"
	eq "$(sed -n 3p /tmp/got | cut -d, -f2-)" "lab,iptables" "CSV row 2"
	eq "$(sed -n 2p /tmp/got | cut -d, -f1)" "$(stat -L -c %i /proc/self/ns/net)" "CSV namespace"
}

t_display_json() {
	local ns
	ns=$(stat -L -c %i /proc/self/ns/net)
	ok jool -i lab instance add --iptables --pool6 2001:db8:122:300::/56
	ok jool instance add --pool6 64:ff9b::/96
	ok jool -j instance display > /tmp/got
	jq -e 'type == "array" and length == 2' /tmp/got > /dev/null || fail "not an array of 2: $(cat /tmp/got)"
	jq -e ".[0] == {\"namespace\": $ns, \"name\": \"default\", \"framework\": \"netfilter\", \"pool6\": \"64:ff9b::/96\"}" \
		/tmp/got > /dev/null || fail "first object: $(jq -c '.[0]' /tmp/got)"
	jq -e '.[1].name == "lab" and .[1].framework == "iptables" and .[1].pool6 == "2001:db8:122:300::/56"' \
		/tmp/got > /dev/null || fail "second object: $(jq -c '.[1]' /tmp/got)"
	ok jool instance display --json | jq -e '.[0].namespace | type == "number"' > /dev/null \
		|| fail "namespace is not a number"
	ok jool instance flush
	eq "$(ok jool -j instance display | jq -c .)" "[]" "empty display is an empty array"
}

t_display_ignores_name() {
	ok jool -i lab instance add --iptables --pool6 64:ff9b::/96
	jool -i lab instance display > /tmp/got 2> /tmp/err || fail "display with -i failed"
	grep -q 'ignores the instance name' /tmp/err || fail "no warning: $(cat /tmp/err)"
	grep -q '| *lab |' /tmp/got || fail "display with -i lost the table"
}

t_config_file_name() {
	printf '{ "instance": "fromfile", "framework": "iptables" }\n' > /tmp/conf.json
	ok jool -f /tmp/conf.json instance add --iptables --pool6 64:ff9b::/96
	eq "$(names)" "fromfile" "-f takes the instance name from the file"
	eq "$(ok jool --file /tmp/conf.json instance status)" "Running" "--file status"
	fails 'conf|JSON|json|No such|missing' jool -f /tmp/missing.json instance status
}
