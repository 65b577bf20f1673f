/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * jool.h - the netlink contract between jool.ko and the jool CLI.
 *
 * This header is the whole interface between the kernel module and userspace.
 * Anything that crosses the boundary (family name, version, commands,
 * attributes, enumerations, limits) is defined here and nowhere else. It is
 * included by the module, by the CLI and by the tests, so it must compile in
 * both worlds: only <linux/types.h> is used.
 *
 * Transport
 * ---------
 * A Generic Netlink family named JOOL_GENL_NAME, version JOOL_GENL_VERSION.
 * The family is network-namespace aware: every request acts on the instances
 * of the network namespace of the socket that sent it, and never sees other
 * namespaces. Every command requires CAP_NET_ADMIN in the user namespace that
 * owns that network namespace; otherwise the kernel answers -EPERM.
 *
 * All attributes live in one attribute space (enum jool_attr). Each command
 * has its own strict policy: an attribute that the command does not list
 * below is rejected with -EINVAL and an extended-ACK message naming it.
 * Errors always carry an extended-ACK message meant to be shown to the
 * operator verbatim.
 *
 * Displays are dumps (NLM_F_DUMP). A dump is resumable and stays correct when
 * the table changes between messages: entries are returned in a stable order
 * (for instances, by name) and the dump resumes after the last key it sent,
 * so an entry that exists during the whole dump is returned exactly once.
 *
 * Commands
 * --------
 * JOOL_CMD_INSTANCE_ADD
 *   Creates an instance in the caller's network namespace.
 *   Required: JOOL_A_INSTANCE, JOOL_A_FRAMEWORK, JOOL_A_POOL6_ADDR,
 *             JOOL_A_POOL6_LEN.
 *   Optional: JOOL_A_FORCE (accept a pool6 prefix whose bits 64-71 are not
 *             zero, against RFC 6052 section 2.2).
 *   Errors:   -EEXIST if the name is taken, or if a Netfilter instance already
 *             exists in the namespace (at most one per namespace; any number
 *             of iptables instances). -EINVAL for a bad name or prefix.
 *
 * JOOL_CMD_INSTANCE_REMOVE
 *   Destroys the named instance and everything it owns.
 *   Required: JOOL_A_INSTANCE.  Errors: -ESRCH if there is no such instance.
 *
 * JOOL_CMD_INSTANCE_FLUSH
 *   Destroys every instance of the caller's network namespace.
 *   No attributes.
 *
 * JOOL_CMD_INSTANCE_GET (dump only)
 *   One message per instance of the caller's namespace, in name order, with
 *   JOOL_A_NETNS, JOOL_A_INSTANCE, JOOL_A_FRAMEWORK, JOOL_A_POOL6_ADDR and
 *   JOOL_A_POOL6_LEN. The request carries no attributes.
 *
 * JOOL_CMD_INSTANCE_STATUS
 *   Required: JOOL_A_INSTANCE. The reply carries JOOL_A_INSTANCE and
 *   JOOL_A_STATUS (JOOL_STATUS_RUNNING if the instance exists in the
 *   caller's namespace, JOOL_STATUS_DEAD otherwise). Never fails for a
 *   missing instance: "is it there?" is the question.
 *
 * Every command below acts on the instance named by JOOL_A_INSTANCE
 * (required); -ESRCH if it does not exist in the caller's namespace.
 *
 * JOOL_CMD_POOL4_ADD
 *   Adds transport addresses to pool4. Required: JOOL_A_PROTOS,
 *   JOOL_A_ADDR4, JOOL_A_PREFIX4_LEN, JOOL_A_PORT_MIN, JOOL_A_PORT_MAX.
 *   Optional: JOOL_A_MARK (default 0), JOOL_A_MAX_ITER (default auto).
 *   Ranges that touch or overlap an existing range of the same mark,
 *   protocol and address are merged. A transport address belongs to one
 *   mark: overlapping a range of another mark is -EEXIST. Atomic: on error
 *   nothing was added. The CLI's "too many addresses" and "ephemeral range"
 *   warnings are userspace policy; the kernel only refuses more than
 *   JOOL_POOL4_MAX_ADDRS addresses in one request.
 *
 * JOOL_CMD_POOL4_REMOVE
 *   Removes the given transport addresses (any part of existing ranges) of
 *   JOOL_A_PROTOS and JOOL_A_MARK. Required as for ADD. As in Jool 4:
 *   without JOOL_A_QUICK, the BIB entries (static ones too) of those
 *   protocols, addresses and ports go, with their sessions, whatever their
 *   mark; with it every BIB entry stays (orphaned while pool4 lacks its
 *   address; a dynamic one dies with its last session).
 *
 * JOOL_CMD_POOL4_FLUSH
 *   Empties pool4. Without JOOL_A_QUICK the whole BIB goes with it, static
 *   entries included (as Jool 4); with it every BIB entry stays.
 *
 * JOOL_CMD_POOL4_GET (dump)
 *   Request: optional JOOL_A_PROTOS (default all). One message per
 *   (mark, protocol, address, port range), ordered by protocol, mark,
 *   address, port: JOOL_A_MARK, JOOL_A_PROTO, JOOL_A_ADDR4, JOOL_A_PORT_MIN,
 *   JOOL_A_PORT_MAX, JOOL_A_MAX_ITER, JOOL_A_MAX_ITER_FIXED.
 *
 * JOOL_CMD_BIB_ADD
 *   Adds a static BIB entry. Required: JOOL_A_PROTO, JOOL_A_ADDR6,
 *   JOOL_A_PORT6, JOOL_A_ADDR4, JOOL_A_PORT4. The IPv4 transport address
 *   must be in pool4 (any mark). The same mapping again is 0 (a dynamic one
 *   becomes static); -EEXIST, naming the entry in the way, if either
 *   transport address is mapped otherwise.
 *
 * JOOL_CMD_BIB_REMOVE
 *   Removes the BIB entry (static or dynamic) and its sessions. Required:
 *   JOOL_A_PROTO and at least one side (JOOL_A_ADDR6 + JOOL_A_PORT6 or
 *   JOOL_A_ADDR4 + JOOL_A_PORT4); when both are given they must belong to
 *   the same entry.
 *
 * JOOL_CMD_BIB_GET (dump)
 *   Request: JOOL_A_PROTO. One message per entry, ordered by IPv6 transport
 *   address (the dump resumes after the last one sent): JOOL_A_PROTO, JOOL_A_ADDR6, JOOL_A_PORT6, JOOL_A_ADDR4,
 *   JOOL_A_PORT4, JOOL_A_STATIC.
 *
 * JOOL_CMD_SESSION_GET (dump)
 *   Request: JOOL_A_PROTO. One message per session, ordered by the IPv6
 *   node's transport address, then the remote IPv4 transport address: JOOL_A_PROTO, JOOL_A_ADDR6/PORT6 (the
 *   IPv6 node), JOOL_A_ADDR4/PORT4 (its pool4 mask), JOOL_A_REMOTE4/
 *   JOOL_A_REMOTE_PORT4 (the IPv4 node), JOOL_A_REMOTE6/JOOL_A_REMOTE_PORT6
 *   (the IPv4 node as the IPv6 node sees it), JOOL_A_EXPIRES (ms left),
 *   JOOL_A_TCP_STATE (TCP only, enum tcp_state of common/tcp_state.h).
 *
 * JOOL_CMD_GLOBAL_GET
 *   The reply carries every JOOL_A_G_* attribute.
 * JOOL_CMD_GLOBAL_UPDATE
 *   Any non-empty subset of the JOOL_A_G_* attributes; all are validated
 *   before any applies. Timeouts below their RFC 6146 minimum are -EINVAL.
 *
 * JOOL_CMD_CONFIG_REPLACE (`jool file handle`)
 *   An instance's whole configuration in one request, applied all or
 *   nothing: JOOL_A_INSTANCE; JOOL_A_FRAMEWORK and JOOL_A_POOL6_ADDR/LEN
 *   (required to create the instance, which happens if it does not exist;
 *   for an existing one they must match it; JOOL_A_FORCE as for ADD); any
 *   JOOL_A_G_* (the rest take their defaults: the request is the whole
 *   truth); JOOL_A_POOL4_LIST, a nest of JOOL_A_ENTRY nests, each a pool4
 *   ADD request (the new pool4, replacing the old); JOOL_A_BIB_LIST, a nest
 *   of JOOL_A_ENTRY nests, each a BIB ADD request (each must lie in the new
 *   pool4; applied only when the request creates the instance: an existing
 *   instance keeps its whole BIB, as in Jool 4.1). Every part is validated
 *   before anything changes; the extended ACK names the offending entry by
 *   its index (from 0).
 *
 * JOOL_CMD_STATS_GET
 *   The reply carries JOOL_A_STATS: __JSTAT_COUNT u64 counters (host
 *   order, indexed by enum jool_stat), summed over CPUs, where the slots
 *   JSTAT_BIB_ENTRIES and JSTAT_SESSIONS hold the gauges; and the same
 *   gauges again as JOOL_A_BIB_COUNT and JOOL_A_SESSION_COUNT (u64).
 */
#ifndef _UAPI_JOOL_H
#define _UAPI_JOOL_H

#include <linux/types.h>

#define JOOL_GENL_NAME		"jool"
#define JOOL_GENL_VERSION	1

/* Version of the project; the CLI and the module print it with --version. */
#define JOOL_VERSION_STR	"0.1.0"

/* Instance names: 1 to 15 printable ASCII characters (0x21-0x7e), plus NUL. */
#define JOOL_INSTANCE_NAME_MAX	15
#define JOOL_INSTANCE_NAME_SIZE	(JOOL_INSTANCE_NAME_MAX + 1)
#define JOOL_INSTANCE_DEFAULT	"default"

enum jool_cmd {
	JOOL_CMD_UNSPEC,
	JOOL_CMD_INSTANCE_ADD,
	JOOL_CMD_INSTANCE_REMOVE,
	JOOL_CMD_INSTANCE_FLUSH,
	JOOL_CMD_INSTANCE_GET,
	JOOL_CMD_INSTANCE_STATUS,
	JOOL_CMD_POOL4_ADD,
	JOOL_CMD_POOL4_REMOVE,
	JOOL_CMD_POOL4_FLUSH,
	JOOL_CMD_POOL4_GET,
	JOOL_CMD_BIB_ADD,
	JOOL_CMD_BIB_REMOVE,
	JOOL_CMD_BIB_GET,
	JOOL_CMD_SESSION_GET,
	JOOL_CMD_GLOBAL_GET,
	JOOL_CMD_GLOBAL_UPDATE,
	JOOL_CMD_STATS_GET,
	JOOL_CMD_CONFIG_REPLACE,
	__JOOL_CMD_MAX
};
#define JOOL_CMD_MAX (__JOOL_CMD_MAX - 1)

enum jool_attr {
	JOOL_A_UNSPEC,
	/* string, NUL-terminated, 1..15 printable ASCII: the instance name. */
	JOOL_A_INSTANCE,
	/* u8, enum jool_framework. */
	JOOL_A_FRAMEWORK,
	/* binary, exactly 16 bytes (network order): pool6 prefix address. */
	JOOL_A_POOL6_ADDR,
	/* u8, one of 32, 40, 48, 56, 64, 96 (RFC 6052 section 2.2). */
	JOOL_A_POOL6_LEN,
	/* flag: apply even though a soft validation failed. */
	JOOL_A_FORCE,
	/* u32, the network namespace's inode number (as in /proc/PID/ns/net). */
	JOOL_A_NETNS,
	/* u8, enum jool_status. */
	JOOL_A_STATUS,
	/* u8, bitmask of JOOL_PROTO_*: the pool4 tables a request acts on. */
	JOOL_A_PROTOS,
	/* u8, IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP: one table. */
	JOOL_A_PROTO,
	/* u32: the packet mark that selects pool4 entries. */
	JOOL_A_MARK,
	/* binary, exactly 4 bytes (network order): an IPv4 address. */
	JOOL_A_ADDR4,
	/* u8, 0..32: prefix length of JOOL_A_ADDR4. */
	JOOL_A_PREFIX4_LEN,
	/* u16: first and last port (or ICMP identifier) of a range. */
	JOOL_A_PORT_MIN,
	JOOL_A_PORT_MAX,
	/* u32: max iterations; JOOL_MAX_ITER_AUTO or JOOL_MAX_ITER_INFINITE. */
	JOOL_A_MAX_ITER,
	/* u8 boolean: the operator set JOOL_A_MAX_ITER (it is not auto). */
	JOOL_A_MAX_ITER_FIXED,
	/* flag: do not cascade a pool4 removal to the BIB. */
	JOOL_A_QUICK,
	/* binary, 16 bytes, and u16: the IPv6 transport address of a mapping. */
	JOOL_A_ADDR6,
	JOOL_A_PORT6,
	/* u16: the IPv4 port of a mapping (its address is JOOL_A_ADDR4). */
	JOOL_A_PORT4,
	/* u8 boolean: a static BIB entry. */
	JOOL_A_STATIC,
	/* The remote node of a session, in both families. */
	JOOL_A_REMOTE4,
	JOOL_A_REMOTE_PORT4,
	JOOL_A_REMOTE6,
	JOOL_A_REMOTE_PORT6,
	/* u64: milliseconds until a session expires. */
	JOOL_A_EXPIRES,
	/* u8: enum tcp_state. */
	JOOL_A_TCP_STATE,
	/* binary: u64 counters, see JOOL_CMD_STATS_GET. */
	JOOL_A_STATS,
	/* u64 gauges. */
	JOOL_A_BIB_COUNT,
	JOOL_A_SESSION_COUNT,
	/*
	 * Globals (JOOL_CMD_GLOBAL_*), named as Jool 4's keys. Booleans are u8
	 * 0/1; timeouts are u32 milliseconds.
	 */
	JOOL_A_G_ADF,			/* address-dependent-filtering */
	JOOL_A_G_DROP_EXT_TCP,		/* drop-externally-initiated-tcp */
	JOOL_A_G_DROP_ICMP6_INFO,	/* drop-icmpv6-info */
	JOOL_A_G_SRC_ICMP6_BETTER,	/* source-icmpv6-errors-better */
	JOOL_A_G_HANDLE_RST,		/* handle-rst-during-fin-rcv */
	JOOL_A_G_F_ARGS,		/* f-args, u8, 4 bits */
	JOOL_A_G_TCP_EST,		/* tcp-est-timeout */
	JOOL_A_G_TCP_TRANS,		/* tcp-trans-timeout */
	JOOL_A_G_UDP,			/* udp-timeout */
	JOOL_A_G_ICMP,			/* icmp-timeout */
	JOOL_A_G_MAX_SO,		/* maximum-simultaneous-opens, u32 */
	JOOL_A_G_LOWEST_MTU6,		/* lowest-ipv6-mtu, u32, at least 1280 */
	JOOL_A_G_ZEROIZE_TC,		/* zeroize-traffic-class */
	JOOL_A_G_OVERRIDE_TOS,		/* override-tos */
	JOOL_A_G_TOS,			/* tos, u8 */
	/*
	 * mtu-plateaus: binary, an array of 1 to JOOL_PLATEAUS_MAX u16 (host
	 * order), each non-zero; stored sorted descending without repeats.
	 */
	JOOL_A_G_PLATEAUS,
	JOOL_A_G_ENABLED,		/* manually-enabled: translate at all */
	JOOL_A_G_LOG_DEBUG,		/* logging-debug */
	JOOL_A_G_LOG_BIB,		/* logging-bib */
	JOOL_A_G_LOG_SESSION,		/* logging-session */
	/* JOOL_CMD_CONFIG_REPLACE: lists of JOOL_A_ENTRY nests. */
	JOOL_A_POOL4_LIST,
	JOOL_A_BIB_LIST,
	JOOL_A_ENTRY,
	/*
	 * Session synchronisation (Jool 4's ss-* keys), kept and shown with
	 * Jool's defaults; synchronisation itself does not exist yet, so
	 * JOOL_A_G_SS_ENABLED = 1 is -EOPNOTSUPP. Booleans u8, the rest u32.
	 */
	JOOL_A_G_SS_ENABLED,		/* ss-enabled */
	JOOL_A_G_SS_FLUSH_ASAP,		/* ss-flush-asap */
	JOOL_A_G_SS_FLUSH_DEADLINE,	/* ss-flush-deadline, ms */
	JOOL_A_G_SS_CAPACITY,		/* ss-capacity */
	JOOL_A_G_SS_MAX_PAYLOAD,	/* ss-max-payload, bytes */
	/*
	 * max-sessions (jool's, no Jool 4 counterpart), u32, at least 1: the
	 * sessions an instance may hold, all protocols together. At the cap a
	 * new flow is refused (JSTAT_SESSION_LIMIT) and existing ones go on.
	 * Dynamic BIB entries live only while they have sessions, so it caps
	 * them too. The default is derived from RAM (README, jool(8)).
	 */
	JOOL_A_G_MAX_SESSIONS,
	__JOOL_A_MAX
};
#define JOOL_A_MAX (__JOOL_A_MAX - 1)

enum jool_framework {
	JOOL_FW_UNSPEC,
	/* Hooks registered in the namespace; translates what reaches them. */
	JOOL_FW_NETFILTER,
	/* Translates only what an ip(6)tables JOOL rule hands it. */
	JOOL_FW_IPTABLES,
	__JOOL_FW_MAX
};
#define JOOL_FW_MAX (__JOOL_FW_MAX - 1)

/* JOOL_A_PROTOS bits. */
#define JOOL_PROTO_TCP		(1 << 0)
#define JOOL_PROTO_UDP		(1 << 1)
#define JOOL_PROTO_ICMP		(1 << 2)
#define JOOL_PROTO_ALL		(JOOL_PROTO_TCP | JOOL_PROTO_UDP | JOOL_PROTO_ICMP)

#define JOOL_MAX_ITER_AUTO	0
#define JOOL_MAX_ITER_INFINITE	0xffffffffu
/* The most addresses one pool4 request may add (a /16 per protocol). */
#define JOOL_POOL4_MAX_ADDRS	65536

/* f-args bits (RFC 6056 F() inputs), as Jool 4: default 0b1011. */
#define JOOL_FARGS_SRC_ADDR	(1 << 3)
#define JOOL_FARGS_SRC_PORT	(1 << 2)
#define JOOL_FARGS_DST_ADDR	(1 << 1)
#define JOOL_FARGS_DST_PORT	(1 << 0)

/* RFC 6146 minimums and Jool 4 defaults, milliseconds. */
#define JOOL_UDP_MIN_MS		(2 * 60 * 1000)
#define JOOL_UDP_DEFAULT_MS	(5 * 60 * 1000)
#define JOOL_TCP_EST_MIN_MS	(2 * 60 * 60 * 1000)
#define JOOL_TCP_EST_DEFAULT_MS	JOOL_TCP_EST_MIN_MS
#define JOOL_TCP_TRANS_MIN_MS	(4 * 60 * 1000)
#define JOOL_TCP_TRANS_DEFAULT_MS JOOL_TCP_TRANS_MIN_MS
#define JOOL_ICMP_DEFAULT_MS	(60 * 1000)
/* RFC 7915: the IPv6 minimum MTU; lowest-ipv6-mtu may not go below it. */
#define JOOL_MIN_MTU6		1280
#define JOOL_PLATEAUS_MAX	64

/*
 * How long an IPv4-initiated SYN waits for its IPv6 side (RFC 6146 3.5.2.2).
 * The module's test_syn4_ms (testing only) may lower it, as test_tcp_*_min_ms
 * the TCP minimums above (mod/params.c).
 */
#define JOOL_SYN4_MS		6000

/* Jool 4's session synchronisation defaults (ss-*). */
#define JOOL_SS_FLUSH_DEADLINE_DEFAULT	2000
#define JOOL_SS_CAPACITY_DEFAULT	512
#define JOOL_SS_MAX_PAYLOAD_DEFAULT	1452

/*
 * Counters of the packet path (JOOL_CMD_STATS_GET), one u64 each. The first
 * 69 are Jool 4.1's, with its names, meanings and order (`jool stats display
 * --all` lists them in enum order, as Jool's does); jool's own follow. The
 * order is the netlink contract: the CLI names a counter by its index, so a
 * counter is only ever added before __JSTAT_COUNT, and a CLI that receives
 * another number of counters refuses to guess. common/stats.c explains each.
 */
enum jool_stat {
	JSTAT_RECEIVED6,
	JSTAT_RECEIVED4,
	JSTAT_SUCCESS,
	/* Gauges, not counters: the entries that exist now. */
	JSTAT_BIB_ENTRIES,
	JSTAT_SESSIONS,
	/* Drops and refusals, in Jool 4.1's order. */
	JSTAT_ENOMEM,
	JSTAT_XLATOR_DISABLED,
	JSTAT_POOL6_UNSET,
	JSTAT_SKB_SHARED,
	JSTAT_L3HDR_OFFSET,
	JSTAT_SKB_TRUNCATED,
	JSTAT_HDR6,
	JSTAT_HDR4,
	JSTAT_UNKNOWN_L4_PROTO,
	JSTAT_UNKNOWN_ICMP6_TYPE,
	JSTAT_UNKNOWN_ICMP4_TYPE,
	JSTAT_DOUBLE_ICMP6_ERROR,
	JSTAT_DOUBLE_ICMP4_ERROR,
	JSTAT_UNKNOWN_PROTO_INNER,
	JSTAT_HAIRPIN_LOOP,
	JSTAT_POOL6_MISMATCH,
	JSTAT_POOL4_MISMATCH,
	JSTAT_ICMP6_FILTER,
	JSTAT_UNTRANSLATABLE_DST6,
	JSTAT_UNTRANSLATABLE_DST4,
	JSTAT_6056_F,
	JSTAT_MASK_DOMAIN_NOT_FOUND,
	JSTAT_BIB6_NOT_FOUND,
	JSTAT_BIB4_NOT_FOUND,
	JSTAT_SESSION_NOT_FOUND,
	JSTAT_ADF,
	JSTAT_V4_SYN,
	JSTAT_SYN6_EXPECTED,
	JSTAT_SYN4_EXPECTED,
	JSTAT_TYPE1PKT,
	JSTAT_TYPE2PKT,
	JSTAT_SO_EXISTS,
	JSTAT_SO_FULL,
	JSTAT64_SRC,
	JSTAT64_DST,
	JSTAT64_PSKB_COPY,
	JSTAT64_6791_ENOENT,
	JSTAT64_ICMP_CSUM,
	JSTAT64_UNTRANSLATABLE_PARAM_PROB_PTR,
	JSTAT64_TTL,
	JSTAT64_FRAGMENTED_ICMP,
	JSTAT64_2XFRAG,
	JSTAT64_FRAG_THEN_EXT,
	JSTAT64_SEGMENTS_LEFT,
	JSTAT46_SRC,
	JSTAT46_DST,
	JSTAT46_PSKB_COPY,
	JSTAT46_6791_ENOENT,
	JSTAT46_ICMP_CSUM,
	JSTAT46_UNTRANSLATABLE_PARAM_PROBLEM_PTR,
	JSTAT46_TTL,
	JSTAT46_FRAGMENTED_ICMP,
	JSTAT46_SRC_ROUTE,
	JSTAT46_FRAGMENTED_ZERO_CSUM,
	JSTAT46_BAD_MTU,
	JSTAT_FAILED_ROUTES,
	JSTAT_PKT_TOO_BIG,
	JSTAT_DST_OUTPUT,
	JSTAT_ICMP6ERR_SUCCESS,
	JSTAT_ICMP6ERR_FAILURE,
	JSTAT_ICMP4ERR_SUCCESS,
	JSTAT_ICMP4ERR_FAILURE,
	JSTAT_ICMPEXT_BIG,
	JSTAT_UNKNOWN,
	/* jool's own (no Jool 4 counterpart). */
	JSTAT_MALFORMED,
	JSTAT_POOL4_EXHAUSTED,
	JSTAT64_TOO_BIG_FOR_IPV4,
	JSTAT_SESSION_LIMIT,
	__JSTAT_COUNT
};

enum jool_status {
	JOOL_STATUS_DEAD,
	JOOL_STATUS_RUNNING,
};

#endif /* _UAPI_JOOL_H */
