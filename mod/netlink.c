// SPDX-License-Identifier: GPL-2.0
/*
 * netlink.c - the "jool" Generic Netlink family: one strict policy per
 * command, every command restricted to CAP_NET_ADMIN over the caller's
 * network namespace (GENL_UNS_ADMIN_PERM), every namespace served separately
 * (.netnsok). What each command means is documented in include/jool.h.
 *
 * Attributes a command does not list are left NLA_UNSPEC in its policy;
 * strict validation rejects those with "Unsupported attribute". Commands
 * without a policy accept no attributes at all.
 */
#include "netlink.h"
#include "jool.h"

#define NAME_POLICY { .type = NLA_NUL_STRING, .len = JOOL_INSTANCE_NAME_MAX }

static const struct nla_policy instance_add_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
	[JOOL_A_FRAMEWORK] = NLA_POLICY_RANGE(NLA_U8, JOOL_FW_NETFILTER, JOOL_FW_IPTABLES),
	[JOOL_A_POOL6_ADDR] = NLA_POLICY_EXACT_LEN(16),
	[JOOL_A_POOL6_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[JOOL_A_FORCE] = { .type = NLA_FLAG },
};

static const struct nla_policy instance_name_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
};

static const struct genl_ops jool_ops[] = {
	{
		.cmd = JOOL_CMD_INSTANCE_ADD,
		.doit = jnl_instance_add,
		.policy = instance_add_policy,
		.maxattr = JOOL_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = JOOL_CMD_INSTANCE_REMOVE,
		.doit = jnl_instance_remove,
		.policy = instance_name_policy,
		.maxattr = JOOL_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = JOOL_CMD_INSTANCE_FLUSH,
		.doit = jnl_instance_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = JOOL_CMD_INSTANCE_GET,
		.start = jnl_instance_dump_start,
		.dumpit = jnl_instance_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = JOOL_CMD_INSTANCE_STATUS,
		.doit = jnl_instance_status,
		.policy = instance_name_policy,
		.maxattr = JOOL_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family jool_family __ro_after_init = {
	.name = JOOL_GENL_NAME,
	.version = JOOL_GENL_VERSION,
	.maxattr = JOOL_A_MAX,
	.netnsok = true,
	/* Handlers lock what they touch (instance.h); no need for genl_mutex. */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = jool_ops,
	.n_ops = ARRAY_SIZE(jool_ops),
	/* Strict validation (no unknown attributes, no reserved header bits) for all. */
	.resv_start_op = JOOL_CMD_INSTANCE_ADD,
};

int jool_nl_init(void)
{
	return genl_register_family(&jool_family);
}

void jool_nl_exit(void)
{
	genl_unregister_family(&jool_family);
}
