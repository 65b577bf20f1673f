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

/*
 * The one place where the packet path's verdicts become Netfilter's. @cont:
 * what "not ours, go on" is (NF_ACCEPT for a hook, XT_CONTINUE for the
 * iptables target, so that the next rule sees the packet).
 */
unsigned int jool_nf_verdict(enum verdict v, struct sk_buff *skb, unsigned int cont)
{
	switch (v) {
	case VERDICT_CONTINUE:
		return cont;
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

	return inst ? jool_nf_verdict(core_6to4(inst, skb), skb, NF_ACCEPT) : NF_ACCEPT;
}

static unsigned int hook4(void *priv, struct sk_buff *skb, const struct nf_hook_state *state)
{
	struct jool_instance *inst = jinst_nf_rcu(state->net);

	return inst ? jool_nf_verdict(core_4to6(inst, skb), skb, NF_ACCEPT) : NF_ACCEPT;
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

int jool_defrag_enable(struct net *net)
{
	int err = nf_defrag_ipv4_enable(net);

	if (err)
		return err;
	err = nf_defrag_ipv6_enable(net);
	if (err)
		nf_defrag_ipv4_disable(net);
	return err;
}

void jool_defrag_disable(struct net *net)
{
	nf_defrag_ipv6_disable(net);
	nf_defrag_ipv4_disable(net);
}

int jool_hooks_register(struct net *net)
{
	int err = jool_defrag_enable(net);

	if (err)
		return err;
	err = nf_register_net_hooks(net, ops, ARRAY_SIZE(ops));
	if (err)
		jool_defrag_disable(net);
	return err;
}

void jool_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, ops, ARRAY_SIZE(ops));
	jool_defrag_disable(net);
}
