// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - what each counter means. The names are Jool 4's where the
 * meaning is the same, so existing monitoring keeps working.
 */
#include "stats.h"

#define M(id, text) [id] = { #id, text }

const struct jstat_meta jstat_meta[__JSTAT_COUNT] = {
	M(JSTAT_RECEIVED6, "IPv6 packets the translator looked at."),
	M(JSTAT_RECEIVED4, "IPv4 packets the translator looked at."),
	M(JSTAT_SUCCESS, "Packets translated and sent."),
	M(JSTAT_BIB_ENTRIES_CREATED, "Dynamic BIB entries (mappings) created."),
	M(JSTAT_SESSIONS_CREATED, "Sessions created."),
	M(JSTAT_UNKNOWN_L4_PROTO, "Dropped: transport protocol is not TCP, UDP or ICMP."),
	M(JSTAT_UNKNOWN_ICMP6_TYPE, "Dropped: ICMPv6 type that has no ICMPv4 counterpart."),
	M(JSTAT_UNKNOWN_ICMP4_TYPE, "Dropped: ICMPv4 type that has no ICMPv6 counterpart."),
	M(JSTAT_L4_TRUNCATED, "Dropped: transport header truncated."),
	M(JSTAT_MALFORMED, "Dropped: malformed packet (bad lengths or headers)."),
	M(JSTAT_HDR6, "Dropped: IPv6 header chain could not be walked."),
	M(JSTAT_POOL6_MISMATCH, "Not translated: IPv6 destination is not in pool6."),
	M(JSTAT_POOL4_MISMATCH, "Not translated: IPv4 destination is not a pool4 transport address."),
	M(JSTAT_BIB4_NOT_FOUND, "Dropped: IPv4 packet to a pool4 address with no mapping."),
	M(JSTAT_ADF, "Dropped by address-dependent filtering."),
	M(JSTAT_V4_SYN, "Dropped: IPv4-initiated TCP while drop-externally-initiated-tcp is on."),
	M(JSTAT_SYN6_EXPECTED, "Dropped: TCP packet from IPv6 without a session that is not a SYN."),
	M(JSTAT_SYN4_EXPECTED, "Dropped: TCP packet from IPv4 without a session that is not a SYN."),
	M(JSTAT_TYPE1PKT, "IPv4-initiated SYNs stored for simultaneous open."),
	M(JSTAT_SO_EXISTS, "Dropped: a SYN for that endpoint is already stored."),
	M(JSTAT_SO_FULL, "Dropped: maximum-simultaneous-opens stored SYNs reached."),
	M(JSTAT_POOL4_EXHAUSTED, "Dropped: the mark's pool4 has no free transport address."),
	M(JSTAT_MASK_DOMAIN_NOT_FOUND, "Dropped: no pool4 entry has the packet's mark."),
	M(JSTAT_ICMP6_INFO_DROPPED, "Dropped: ICMPv6 informational, drop-icmpv6-info is on."),
	M(JSTAT_ICMP_ERROR_NO_SESSION, "Dropped: ICMP error about a packet of no session."),
	M(JSTAT_DOUBLE_ICMP6_ERROR, "Dropped: ICMPv6 error about an ICMPv6 error."),
	M(JSTAT_DOUBLE_ICMP4_ERROR, "Dropped: ICMPv4 error about an ICMPv4 error."),
	M(JSTAT_TTL_EXPIRED, "Dropped: TTL or hop limit expired here; time exceeded sent (never about an ICMP error)."),
	M(JSTAT_PKT_TOO_BIG, "Dropped: does not fit the next hop; packet too big sent."),
	M(JSTAT_ROUTE_FAILED, "Dropped: no route for the translated packet."),
	M(JSTAT_ENOMEM, "Dropped: out of memory."),
	M(JSTAT_UNTRANSLATABLE_DST4, "Dropped: IPv4 address that must never be translated."),
	M(JSTAT_UNTRANSLATABLE_DST6, "Dropped: IPv6 address that must never be translated."),
	M(JSTAT64_SEGMENTS_LEFT, "Dropped: IPv6 Routing header with Segments Left; parameter problem sent."),
	M(JSTAT64_UNTRANSLATABLE_PARAM_PROB_PTR, "Dropped: ICMPv6 parameter problem pointing at a field IPv4 lacks."),
	M(JSTAT46_UNTRANSLATABLE_PARAM_PROBLEM_PTR, "Dropped: ICMPv4 parameter problem pointing at a field IPv6 lacks."),
	M(JSTAT46_SRC, "Dropped: IPv4 source address that must never be translated."),
	M(JSTAT46_SRC_ROUTE, "Dropped: IPv4 source route option not yet expired; source route failed sent."),
	M(JSTAT46_FRAGMENTED_ZERO_CSUM, "Dropped: fragmented IPv4 UDP without checksum (IPv6 requires one)."),
	M(JSTAT64_TOO_BIG_FOR_IPV4, "Dropped: reassembled IPv6 packet whose translation would exceed IPv4's 65535 bytes."),
};
