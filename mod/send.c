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
#include "compat.h"
#include "core.h"

/* Jool's rule: a packet the output path refused is no success. */
static void sent(struct xstate *st, int err)
{
	jstat_inc(st->inst, err ? JSTAT_DST_OUTPUT : JSTAT_SUCCESS);
}

static enum verdict fail(struct xstate *st, struct sk_buff *out, enum jool_stat stat)
{
	kfree_skb(out);
	jstat_inc(st->inst, stat);
	return VERDICT_DROP;
}

/*
 * Does @skb fit an MTU of @mtu? A GSO burst fits when each of the packets it
 * stands for does (the kernel's output path asks the same question).
 */
static bool fits(const struct sk_buff *skb, unsigned int mtu)
{
	return skb_is_gso(skb) ? skb_gso_validate_network_len(skb, mtu) : skb->len <= mtu;
}

/* The route of an IPv4 packet (NULL: none). The caller owns the reference. */
struct rtable *route4(struct net *net, const struct iphdr *iph, u32 mark)
{
	struct flowi4 fl = {
		.daddr = iph->daddr,
		.saddr = iph->saddr,
		.flowi4_proto = iph->protocol,
		.flowi4_mark = mark,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,	/* pool4 need not be local */
	};
	struct rtable *rt = ip_route_output_key(net, &fl);

	return IS_ERR(rt) ? NULL : rt;
}

enum verdict send4_routed(struct xstate *st, struct xpkt *p, struct sk_buff *out,
			  struct rtable *rt)
{
	unsigned int mtu = dst_mtu(&rt->dst);

	skb_dst_set(out, &rt->dst);
	out->dev = rt->dst.dev;
	if (!fits(out, mtu) && (ip_hdr(out)->frag_off & htons(IP_DF))) {
		/*
		 * Tell the IPv6 node the largest packet that fits, in its terms.
		 * Only the copying path gets here (GSO bursts are routed first
		 * and translated whole only when they fit): p->skb is still the
		 * IPv6 original.
		 */
		icmp6_error(st->inst, p->skb, ICMPV6_PKT_TOOBIG, 0, max_t(u32, mtu + 20, IPV6_MIN_MTU));
		return fail(st, out, JSTAT_PKT_TOO_BIG);
	}
	sent(st, dst_output(st->net, NULL, out));
	return VERDICT_TRANSLATED;
}

enum verdict send4(struct xstate *st, struct xpkt *p, struct sk_buff *out)
{
	struct rtable *rt = route4(st->net, ip_hdr(out), out->mark);

	if (!rt)
		return fail(st, out, JSTAT_FAILED_ROUTES);
	return send4_routed(st, p, out, rt);
}

/* The MTU towards @daddr (0 if there is no route): path MTU figures. */
u32 route4_mtu(struct net *net, __be32 daddr, u32 mark)
{
	struct flowi4 fl = {
		.daddr = daddr,
		.flowi4_mark = mark,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct rtable *rt = ip_route_output_key(net, &fl);
	u32 mtu;

	if (IS_ERR(rt))
		return 0;
	mtu = dst_mtu(&rt->dst);
	ip_rt_put(rt);
	return mtu;
}

u32 route6_mtu(struct net *net, const struct in6_addr *daddr, u32 mark)
{
	struct flowi6 fl = {
		.daddr = *daddr,
		.flowi6_mark = mark,
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl);
	u32 mtu = dst->error ? 0 : dst_mtu(dst);

	dst_release(dst);
	return mtu;
}

/*
 * RFC 7915 4.1: a translated packet that may be fragmented (the IPv4 one
 * was, or had DF clear) and must be is cut into IPv6 fragments of at most
 * @max bytes, whose Fragment headers carry the IPv4 Identification. The
 * kernel's ip6_fragment() would pick an Identification of its own.
 */
static enum verdict send6_frags(struct xstate *st, struct xpkt *p, struct sk_buff *out,
				u32 max)
{
	const struct ipv6hdr *h6 = ipv6_hdr(out);
	struct dst_entry *dst = skb_dst(out);
	unsigned int payload = out->len - sizeof(*h6), unit, off;
	int err = 0;
	__be32 id = htonl(ntohs(p->id4));
	const unsigned int hdrs = sizeof(*h6) + sizeof(struct frag_hdr);

	if (out->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(out))
		return fail(st, out, JSTAT_ENOMEM);
	unit = max > hdrs + 8 ? (max - hdrs) & ~7 : 8;
	for (off = 0; off < payload; off += unit) {
		unsigned int n = min(unit, payload - off);
		struct sk_buff *f = alloc_skb(LL_MAX_HEADER + hdrs + n, GFP_ATOMIC);
		struct ipv6hdr *fh;
		struct frag_hdr *fr;

		if (!f)
			return fail(st, out, JSTAT_ENOMEM);
		skb_reserve(f, LL_MAX_HEADER);
		fh = skb_put(f, hdrs + n);
		skb_reset_network_header(f);
		*fh = *h6;
		fh->nexthdr = NEXTHDR_FRAGMENT;
		fh->payload_len = htons(sizeof(*fr) + n);
		fr = (struct frag_hdr *)(fh + 1);
		fr->nexthdr = h6->nexthdr;
		fr->reserved = 0;
		fr->frag_off = htons(off | (off + n < payload ? IP6_MF : 0));
		fr->identification = id;
		if (skb_copy_bits(out, sizeof(*h6) + off, fr + 1, n)) {
			kfree_skb(f);
			return fail(st, out, JSTAT_MALFORMED);
		}
		f->protocol = htons(ETH_P_IPV6);
		f->mark = out->mark;
		f->priority = out->priority;
		skb_dst_set(f, dst_clone(dst));
		f->dev = dst->dev;
		err |= dst_output(st->net, NULL, f);
	}
	sent(st, err);
	consume_skb(out);
	return VERDICT_TRANSLATED;
}

/* The route of an IPv6 packet (NULL: none). The caller owns the reference. */
struct dst_entry *route6(struct net *net, const struct ipv6hdr *h6, u32 mark)
{
	struct flowi6 fl = {
		.daddr = h6->daddr,
		.saddr = h6->saddr,
		.flowi6_proto = h6->nexthdr,
		.flowi6_mark = mark,
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl);

	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	return dst;
}

/* The route @p takes translated to IPv6 (NULL: none, counted). */
struct dst_entry *route6_of(struct xstate *st, const struct xpkt *p, const struct mapping *m)
{
	struct ipv6hdr h6 = { .nexthdr = p->proto, .daddr = m->addr6 };
	struct dst_entry *dst;

	embed4(&st->inst->pool6, ip_hdr(p->skb)->saddr, &h6.saddr);
	dst = route6(st->net, &h6, p->skb->mark);
	if (!dst)
		jstat_inc(st->inst, JSTAT_FAILED_ROUTES);
	return dst;
}

enum verdict send6_routed(struct xstate *st, struct xpkt *p, struct sk_buff *out,
			  struct dst_entry *dst)
{
	unsigned int mtu = dst_mtu(dst);

	skb_dst_set(out, dst);
	out->dev = dst->dev;
	if (out->ignore_df) {
		/* DF clear: no bigger than the smallest IPv6 MTU the operator expects. */
		u32 max = min(mtu, st->g->lowest_mtu6);

		/* Fragments stay the size they came (RFC 7915 4.1). */
		if (p->frag_max)
			max = min_t(u32, max, p->frag_max - p->l4_off +
				    sizeof(struct ipv6hdr) + sizeof(struct frag_hdr));
		if (p->frag_max || !fits(out, max))
			return send6_frags(st, p, out, max);
	}
	if (!fits(out, mtu)) {
		/*
		 * Only the copying path gets here (in place, GSO bursts too, is
		 * routed first and used only when it fits): p->skb is still the
		 * IPv4 original.
		 */
		icmp4_error(st->inst, p->skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			    mtu > 20 + 68 ? mtu - 20 : 68);
		return fail(st, out, JSTAT_PKT_TOO_BIG);
	}
	sent(st, dst_output(st->net, NULL, out));
	return VERDICT_TRANSLATED;
}

enum verdict send6(struct xstate *st, struct xpkt *p, struct sk_buff *out)
{
	struct dst_entry *dst = route6(st->net, ipv6_hdr(out), out->mark);

	if (!dst)
		return fail(st, out, JSTAT_FAILED_ROUTES);
	return send6_routed(st, p, out, dst);
}

/*
 * icmp_send() answers only packets that have a route (it needs to know how
 * they arrived); at PRE_ROUTING ours have none yet, so route them first.
 */
void icmp4_error(struct jool_instance *inst, struct sk_buff *skb, u8 type, u8 code, u32 info)
{
	const struct iphdr *iph = ip_hdr(skb);

	/* No device: a hairpinned packet, never on a wire. */
	if (!skb->dev || (!skb_dst(skb) &&
	    ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, skb->dev))) {
		jstat_inc(inst, JSTAT_ICMP4ERR_FAILURE);
		return;
	}
	/* icmp_send() says nothing of its fate (rate limits): handed over counts. */
	icmp_send(skb, type, code, htonl(info));
	jstat_inc(inst, JSTAT_ICMP4ERR_SUCCESS);
}

void icmp6_error(struct jool_instance *inst, struct sk_buff *skb, u8 type, u8 code, u32 info)
{
	if (!skb->dev) {
		jstat_inc(inst, JSTAT_ICMP6ERR_FAILURE);
		return;
	}
	icmpv6_send(skb, type, code, info);
	jstat_inc(inst, JSTAT_ICMP6ERR_SUCCESS);
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
