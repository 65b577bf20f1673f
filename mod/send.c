// SPDX-License-Identifier: GPL-2.0
/*
 * send.c - RFC 6146 section 3.9, "handling of the translated packet": route
 * it, answer "too big" when it does not fit the next hop and must not be
 * fragmented, and send it. Also the ICMP errors the translator originates.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/dst.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include "core.h"

static enum verdict fail(struct xstate *st, struct sk_buff *out, enum jool_stat stat)
{
	kfree_skb(out);
	jstat_inc(st->inst, stat);
	return VERDICT_DROP;
}

enum verdict send4(struct xstate *st, struct xpkt *p, struct sk_buff *out)
{
	struct iphdr *iph = ip_hdr(out);
	struct flowi4 fl = {
		.daddr = iph->daddr,
		.saddr = iph->saddr,
		.flowi4_proto = iph->protocol,
		.flowi4_mark = out->mark,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,	/* pool4 need not be local */
	};
	struct rtable *rt;
	unsigned int mtu;

	rt = ip_route_output_key(st->net, &fl);
	if (IS_ERR(rt))
		return fail(st, out, JSTAT_ROUTE_FAILED);
	skb_dst_set(out, &rt->dst);
	out->dev = rt->dst.dev;
	mtu = dst_mtu(&rt->dst);
	if (out->len > mtu && (iph->frag_off & htons(IP_DF))) {
		/* Tell the IPv6 node the largest packet that fits, in its terms. */
		icmp6_error(p->skb, ICMPV6_PKT_TOOBIG, 0, max_t(u32, mtu + 20, IPV6_MIN_MTU));
		return fail(st, out, JSTAT_PKT_TOO_BIG);
	}
	jstat_inc(st->inst, JSTAT_SUCCESS);
	dst_output(st->net, NULL, out);
	return VERDICT_TRANSLATED;
}

enum verdict send6(struct xstate *st, struct xpkt *p, struct sk_buff *out)
{
	struct ipv6hdr *h6 = ipv6_hdr(out);
	struct flowi6 fl = {
		.daddr = h6->daddr,
		.saddr = h6->saddr,
		.flowi6_proto = h6->nexthdr,
		.flowi6_mark = out->mark,
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst;
	unsigned int mtu;

	dst = ip6_route_output(st->net, NULL, &fl);
	if (dst->error) {
		dst_release(dst);
		return fail(st, out, JSTAT_ROUTE_FAILED);
	}
	skb_dst_set(out, dst);
	out->dev = dst->dev;
	mtu = dst_mtu(dst);
	if (out->len > mtu && !out->ignore_df) {
		icmp4_error(p->skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			    mtu > 20 + 68 ? mtu - 20 : 68);
		return fail(st, out, JSTAT_PKT_TOO_BIG);
	}
	jstat_inc(st->inst, JSTAT_SUCCESS);
	dst_output(st->net, NULL, out);
	return VERDICT_TRANSLATED;
}

/*
 * icmp_send() answers only packets that have a route (it needs to know how
 * they arrived); at PRE_ROUTING ours have none yet, so route them first.
 */
void icmp4_error(struct sk_buff *skb, u8 type, u8 code, u32 info)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (!skb->dev)
		return;	/* a hairpinned packet: never on a wire */
	if (!skb_dst(skb) &&
	    ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, skb->dev))
		return;
	icmp_send(skb, type, code, htonl(info));
}

void icmp6_error(struct sk_buff *skb, u8 type, u8 code, u32 info)
{
	if (skb->dev)
		icmpv6_send(skb, type, code, info);
}

/*
 * RFC 6146 3.5.2.2: an established session about to expire is probed with
 * an empty ACK towards the IPv6 node; a live endpoint answers (a duplicate
 * ACK or RST), which moves the session again.
 */
void send_probe6(struct jool_instance *inst, const struct mapping *m)
{
	struct sk_buff *skb;
	struct ipv6hdr *h6;
	struct tcphdr *th;
	struct dst_entry *dst;
	struct flowi6 fl = { .flowi6_proto = IPPROTO_TCP, .flowi6_flags = FLOWI_FLAG_ANYSRC };

	skb = alloc_skb(LL_MAX_HEADER + sizeof(*h6) + sizeof(*th), GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_MAX_HEADER);
	h6 = skb_put_zero(skb, sizeof(*h6));
	th = skb_put_zero(skb, sizeof(*th));
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(*h6));
	ip6_flow_hdr(h6, 0, 0);
	h6->payload_len = htons(sizeof(*th));
	h6->nexthdr = IPPROTO_TCP;
	h6->hop_limit = 64;
	embed4(&inst->pool6, m->raddr4, &h6->saddr);
	h6->daddr = m->addr6;
	th->source = htons(m->rport);
	th->dest = htons(m->port6);
	th->doff = sizeof(*th) / 4;
	th->ack = 1;
	th->window = htons(8192);
	th->check = csum_ipv6_magic(&h6->saddr, &h6->daddr, sizeof(*th), IPPROTO_TCP,
				    csum_partial(th, sizeof(*th), 0));
	skb->protocol = htons(ETH_P_IPV6);
	fl.daddr = h6->daddr;
	fl.saddr = h6->saddr;
	dst = ip6_route_output(inst->net, NULL, &fl);
	if (dst->error) {
		dst_release(dst);
		kfree_skb(skb);
		return;
	}
	skb_dst_set(skb, dst);
	skb->dev = dst->dev;
	dst_output(inst->net, NULL, skb);
}
