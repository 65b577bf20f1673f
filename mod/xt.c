// SPDX-License-Identifier: GPL-2.0
/*
 * xt.c - iptables mode: the target JOOL (include/xt_JOOL.h), for the mangle
 * table's PREROUTING chain, hands packets to an iptables instance. It looks
 * the instance up by name for each packet (an RCU list of the namespace's
 * iptables instances, usually one or two), so rules and instances can come
 * and go in any order: a rule whose instance does not exist lets packets
 * through to the next rule.
 */
#include <linux/module.h>
#include <linux/netfilter/x_tables.h>
#include "core.h"
#include "iname.h"
#include "xt_JOOL.h"

static unsigned int tg6(struct sk_buff *skb, const struct xt_action_param *par)
{
	const struct xt_jool_info *info = par->targinfo;
	struct jool_instance *inst = jinst_xt_rcu(xt_net(par), info->instance);

	return inst ? jool_nf_verdict(core_6to4(inst, skb), skb, XT_CONTINUE) : XT_CONTINUE;
}

static unsigned int tg4(struct sk_buff *skb, const struct xt_action_param *par)
{
	const struct xt_jool_info *info = par->targinfo;
	struct jool_instance *inst = jinst_xt_rcu(xt_net(par), info->instance);

	return inst ? jool_nf_verdict(core_4to6(inst, skb), skb, XT_CONTINUE) : XT_CONTINUE;
}

/* The rule's name must be one an instance could have. */
static int check(const struct xt_tgchk_param *par)
{
	const struct xt_jool_info *info = par->targinfo;
	const char *why;

	if (!memchr(info->instance, '\0', sizeof(info->instance)) ||
	    iname_validate(info->instance, &why)) {
		pr_info_ratelimited("jool: JOOL target: bad instance name\n");
		return -EINVAL;
	}
	return 0;
}

static struct xt_target targets[] __read_mostly = {
	{
		.name = "JOOL",
		.revision = 0,
		.family = NFPROTO_IPV6,
		.table = "mangle",
		.hooks = 1 << NF_INET_PRE_ROUTING,
		.target = tg6,
		.checkentry = check,
		.targetsize = sizeof(struct xt_jool_info),
		.me = THIS_MODULE,
	}, {
		.name = "JOOL",
		.revision = 0,
		.family = NFPROTO_IPV4,
		.table = "mangle",
		.hooks = 1 << NF_INET_PRE_ROUTING,
		.target = tg4,
		.checkentry = check,
		.targetsize = sizeof(struct xt_jool_info),
		.me = THIS_MODULE,
	},
};

int jool_xt_init(void)
{
	return xt_register_targets(targets, ARRAY_SIZE(targets));
}

void jool_xt_exit(void)
{
	xt_unregister_targets(targets, ARRAY_SIZE(targets));
}

MODULE_ALIAS("ipt_JOOL");
MODULE_ALIAS("ip6t_JOOL");
