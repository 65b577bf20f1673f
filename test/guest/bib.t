# SPDX-License-Identifier: GPL-2.0
# bib.t - static BIB entries across pool4 changes, as Jool 4.1 keeps them.

bibs() { jool bib display "${@:---tcp}" --csv --no-headers | cut -d, -f2-6 | tr '\n' ' '; }

# Adding the same static entry again succeeds and changes nothing (a boot
# script may run twice); a different mapping of either side is refused,
# naming the entry in the way.
t_readd_identical() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	ok jool bib add 2001:db8::2#80 203.0.113.1#5080
	ok jool bib add 2001:db8::2#80 203.0.113.1#5080
	ok jool bib add --tcp 2001:db8::2#80 203.0.113.1#5080
	eq "$(bibs)" "2001:db8::2,80,203.0.113.1,5080,1 " "one entry after three adds"
	# (Kernels before 6.2 carry no formatted messages: the short one then.)
	local clash='collides with the static entry 2001:db8::2#80 - 203.0.113.1#5080|already mapped'
	fails "$clash" jool bib add 2001:db8::2#80 203.0.113.1#5081
	fails "$clash" jool bib add 2001:db8::3#80 203.0.113.1#5080
	eq "$(bibs)" "2001:db8::2,80,203.0.113.1,5080,1 " "after the refusals"
}

# pool4 remove/flush --quick keep static entries (orphaned while pool4 lacks
# their address, back in service when it has it again); without --quick,
# remove takes the entries of the removed ports with it and flush the whole
# BIB, static entries included: Jool 4.1's nl/pool4.c.
t_quick_keeps_static() {
	ok jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	ok jool pool4 add 203.0.113.1 --udp 5000-5999
	ok jool bib add --tcp 2001:db8::2#80 203.0.113.1#5080
	ok jool bib add --tcp 2001:db8::3#80 203.0.113.1#5500
	ok jool bib add --udp 2001:db8::2#53 203.0.113.1#5053
	local all="2001:db8::2,80,203.0.113.1,5080,1 2001:db8::3,80,203.0.113.1,5500,1 "
	ok jool pool4 remove 203.0.113.1 5000-5999 --tcp --quick
	eq "$(bibs)" "$all" "static entries after pool4 remove --quick"
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	ok jool pool4 flush -q
	eq "$(bibs)" "$all" "static entries after pool4 flush --quick"
	eq "$(bibs --udp)" "2001:db8::2,53,203.0.113.1,5053,1 " "UDP static entry after pool4 flush --quick"
	# Orphans still own their transport addresses.
	ok jool pool4 add 203.0.113.1 --tcp 5000-5999
	fails 'collides|already mapped' jool bib add 2001:db8::9#80 203.0.113.1#5080
	# Without --quick: the removed ports' entries go, the others stay.
	ok jool pool4 remove 203.0.113.1 5400-5999 --tcp
	eq "$(bibs)" "2001:db8::2,80,203.0.113.1,5080,1 " "after pool4 remove of 5400-5999"
	ok jool pool4 flush
	eq "$(bibs)" "" "TCP after pool4 flush"
	eq "$(bibs --udp)" "" "UDP (orphaned) after pool4 flush"
}
