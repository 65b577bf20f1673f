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

enum jool_status {
	JOOL_STATUS_DEAD,
	JOOL_STATUS_RUNNING,
};

#endif /* _UAPI_JOOL_H */
