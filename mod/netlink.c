// SPDX-License-Identifier: GPL-2.0
/*
 * netlink.c - the "jool" Generic Netlink family: one strict policy per
 * command, every command restricted to CAP_NET_ADMIN over the caller's
 * network namespace (GENL_UNS_ADMIN_PERM) and, unless allow_userns, in the
 * initial user namespace (privilege.c, checked in pre_doit and in every
 * dumpit), every namespace served separately (.netnsok). What each
 * command means is documented in include/jool.h.
 *
 * Attributes a command does not list are left NLA_UNSPEC in its policy;
 * strict validation rejects those with "Unsupported attribute". Commands
 * without a policy accept no attributes at all.
 */
#include "compat.h"
#include "instance.h"
#include "netlink.h"
#include "privilege.h"
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

#define IPROTO_POLICY NLA_POLICY_RANGE(NLA_U8, 0, IPPROTO_UDP)
#define BOOL_POLICY NLA_POLICY_MAX(NLA_U8, 1)

static const struct nla_policy pool4_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
	[JOOL_A_PROTOS] = NLA_POLICY_MAX(NLA_U8, JOOL_PROTO_ALL),
	[JOOL_A_MARK] = { .type = NLA_U32 },
	[JOOL_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[JOOL_A_PREFIX4_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[JOOL_A_PORT_MIN] = { .type = NLA_U16 },
	[JOOL_A_PORT_MAX] = { .type = NLA_U16 },
	[JOOL_A_MAX_ITER] = { .type = NLA_U32 },
	[JOOL_A_QUICK] = { .type = NLA_FLAG },
};

/* FLUSH empties pool4: an address, length or protocol would be a misunderstanding. */
static const struct nla_policy pool4_flush_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
	[JOOL_A_QUICK] = { .type = NLA_FLAG },
};

static const struct nla_policy bib_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
	[JOOL_A_PROTO] = IPROTO_POLICY,
	[JOOL_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[JOOL_A_PORT6] = { .type = NLA_U16 },
	[JOOL_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[JOOL_A_PORT4] = { .type = NLA_U16 },
};

/* The globals, in GLOBAL_UPDATE and CONFIG_REPLACE. */
#define GLOBAL_POLICIES \
	[JOOL_A_G_ADF] = BOOL_POLICY, \
	[JOOL_A_G_DROP_EXT_TCP] = BOOL_POLICY, \
	[JOOL_A_G_DROP_ICMP6_INFO] = BOOL_POLICY, \
	[JOOL_A_G_SRC_ICMP6_BETTER] = BOOL_POLICY, \
	[JOOL_A_G_HANDLE_RST] = BOOL_POLICY, \
	[JOOL_A_G_F_ARGS] = NLA_POLICY_MAX(NLA_U8, 15), \
	[JOOL_A_G_TCP_EST] = { .type = NLA_U32 }, \
	[JOOL_A_G_TCP_TRANS] = { .type = NLA_U32 }, \
	[JOOL_A_G_UDP] = { .type = NLA_U32 }, \
	[JOOL_A_G_ICMP] = { .type = NLA_U32 }, \
	[JOOL_A_G_MAX_SO] = { .type = NLA_U32 }, \
	[JOOL_A_G_LOWEST_MTU6] = NLA_POLICY_MIN(NLA_U32, JOOL_MIN_MTU6), \
	[JOOL_A_G_ZEROIZE_TC] = BOOL_POLICY, \
	[JOOL_A_G_OVERRIDE_TOS] = BOOL_POLICY, \
	[JOOL_A_G_TOS] = { .type = NLA_U8 }, \
	[JOOL_A_G_PLATEAUS] = { .type = NLA_BINARY, .len = JOOL_PLATEAUS_MAX * sizeof(u16) }, \
	[JOOL_A_G_ENABLED] = BOOL_POLICY, \
	[JOOL_A_G_LOG_DEBUG] = BOOL_POLICY, \
	[JOOL_A_G_LOG_BIB] = BOOL_POLICY, \
	[JOOL_A_G_LOG_SESSION] = BOOL_POLICY, \
	[JOOL_A_G_SS_ENABLED] = BOOL_POLICY, \
	[JOOL_A_G_SS_FLUSH_ASAP] = BOOL_POLICY, \
	[JOOL_A_G_SS_FLUSH_DEADLINE] = { .type = NLA_U32 }, \
	[JOOL_A_G_SS_CAPACITY] = { .type = NLA_U32 }, \
	[JOOL_A_G_SS_MAX_PAYLOAD] = { .type = NLA_U32 }, \
	[JOOL_A_G_MAX_SESSIONS] = NLA_POLICY_MIN(NLA_U32, 1)

static const struct nla_policy global_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
	GLOBAL_POLICIES,
};

static const struct nla_policy config_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = NAME_POLICY,
	[JOOL_A_FRAMEWORK] = NLA_POLICY_RANGE(NLA_U8, JOOL_FW_NETFILTER, JOOL_FW_IPTABLES),
	[JOOL_A_POOL6_ADDR] = NLA_POLICY_EXACT_LEN(16),
	[JOOL_A_POOL6_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[JOOL_A_FORCE] = { .type = NLA_FLAG },
	GLOBAL_POLICIES,
	[JOOL_A_POOL4_LIST] = NLA_POLICY_NESTED_ARRAY(pool4_policy),
	[JOOL_A_BIB_LIST] = NLA_POLICY_NESTED_ARRAY(bib_policy),
};

/*
 * Every doit: who may. A caller let in by allow_userns holds its network
 * namespace's quota mutex (user_ptr[0], which jool_nl_limited() tests) until
 * post_doit, so a quota checked in the handler still holds when it applies.
 */
static int pre_doit(const jool_genl_ops *ops, struct sk_buff *skb, struct genl_info *info)
{
	struct mutex *quota;
	bool limited;
	int err;

	info->user_ptr[0] = NULL;
	err = jool_permit(skb, info->extack, &limited);
	if (err || !limited)
		return err;
	quota = jinst_quota_mutex(genl_info_net(info));
	if (mutex_lock_killable(quota))
		return -EINTR;
	info->user_ptr[0] = quota;
	return 0;
}

static void post_doit(const jool_genl_ops *ops, struct sk_buff *skb, struct genl_info *info)
{
	if (info->user_ptr[0])
		mutex_unlock(info->user_ptr[0]);
}

/*
 * Every dump: who may (dumps bypass pre_doit). Checked in dumpit, not in
 * start: 6.1 gives a dump's start no extended ACK to explain itself with,
 * and the starts only parse attributes.
 */
#define PERMITTED_DUMP(fn)							\
	static int fn##_permitted(struct sk_buff *skb, struct netlink_callback *cb)	\
	{									\
		int err = jool_permit(cb->skb, cb->extack, NULL);		\
		return err ? err : fn(skb, cb);					\
	}
PERMITTED_DUMP(jnl_instance_dump)
PERMITTED_DUMP(jnl_pool4_dump)
PERMITTED_DUMP(jnl_bib_dump)
PERMITTED_DUMP(jnl_session_dump)

#define OP(c, fn, pol) { .cmd = c, .doit = fn, .policy = pol, .maxattr = JOOL_A_MAX, \
			  .flags = GENL_UNS_ADMIN_PERM }
#define DUMP(c, st, fn, pol) { .cmd = c, .start = st, .dumpit = fn##_permitted, .policy = pol, \
			       .maxattr = JOOL_A_MAX, .flags = GENL_UNS_ADMIN_PERM }

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
		.dumpit = jnl_instance_dump_permitted,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = JOOL_CMD_INSTANCE_STATUS,
		.doit = jnl_instance_status,
		.policy = instance_name_policy,
		.maxattr = JOOL_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	OP(JOOL_CMD_POOL4_ADD, jnl_pool4_add, pool4_policy),
	OP(JOOL_CMD_POOL4_REMOVE, jnl_pool4_remove, pool4_policy),
	OP(JOOL_CMD_POOL4_FLUSH, jnl_pool4_flush, pool4_flush_policy),
	DUMP(JOOL_CMD_POOL4_GET, jnl_pool4_dump_start, jnl_pool4_dump, pool4_policy),
	OP(JOOL_CMD_BIB_ADD, jnl_bib_add, bib_policy),
	OP(JOOL_CMD_BIB_REMOVE, jnl_bib_remove, bib_policy),
	DUMP(JOOL_CMD_BIB_GET, jnl_bib_dump_start, jnl_bib_dump, bib_policy),
	DUMP(JOOL_CMD_SESSION_GET, jnl_session_dump_start, jnl_session_dump, bib_policy),
	OP(JOOL_CMD_GLOBAL_GET, jnl_global_get, instance_name_policy),
	OP(JOOL_CMD_GLOBAL_UPDATE, jnl_global_update, global_policy),
	OP(JOOL_CMD_STATS_GET, jnl_stats_get, instance_name_policy),
	OP(JOOL_CMD_CONFIG_REPLACE, jnl_config_replace, config_policy),
};

struct genl_family jool_family __ro_after_init = {
	.name = JOOL_GENL_NAME,
	.version = JOOL_GENL_VERSION,
	.maxattr = JOOL_A_MAX,
	.netnsok = true,
	.pre_doit = pre_doit,
	.post_doit = post_doit,
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
