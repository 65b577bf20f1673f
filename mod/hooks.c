// SPDX-License-Identifier: GPL-2.0
/*
 * hooks.c - Netfilter mode: PRE_ROUTING hooks in the namespaces that have a
 * Netfilter instance, right after the kernel's defragmentation (RFC 6146
 * translates whole packets), and the one place where the packet path's
 * verdicts become Netfilter verdicts.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include "core.h"

static unsigned int nf_verdict(enum verdict v, struct sk_buff *skb)
{
	switch (v) {
	case VERDICT_CONTINUE:
		return NF_ACCEPT;
	case VERDICT_TRANSLATED:
		consume_skb(skb);
		return NF_STOLEN;
	case VERDICT_STOLEN:
		return NF_STOLEN;
	case VERDICT_DROP:
		break;
	}
	return NF_DROP;
}

static unsigned int hook6(void *priv, struct sk_buff *skb, const struct nf_hook_state *state)
{
	struct jool_instance *inst = jinst_nf_rcu(state->net);	/* hooks run under RCU */

	return inst ? nf_verdict(core_6to4(inst, skb), skb) : NF_ACCEPT;
}

static unsigned int hook4(void *priv, struct sk_buff *skb, const struct nf_hook_state *state)
{
	struct jool_instance *inst = jinst_nf_rcu(state->net);

	return inst ? nf_verdict(core_4to6(inst, skb), skb) : NF_ACCEPT;
}

static const struct nf_hook_ops ops[] = {
	{
		.hook = hook6,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP6_PRI_MANGLE + 1,
	}, {
		.hook = hook4,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP_PRI_MANGLE + 1,
	},
};

int jool_hooks_register(struct net *net)
{
	int err;

	err = nf_defrag_ipv4_enable(net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(net);
	if (err)
		goto fail6;
	err = nf_register_net_hooks(net, ops, ARRAY_SIZE(ops));
	if (err)
		goto fail_hooks;
	return 0;

fail_hooks:
	nf_defrag_ipv6_disable(net);
fail6:
	nf_defrag_ipv4_disable(net);
	return err;
}

void jool_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, ops, ARRAY_SIZE(ops));
	nf_defrag_ipv6_disable(net);
	nf_defrag_ipv4_disable(net);
}
