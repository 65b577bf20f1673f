// SPDX-License-Identifier: GPL-2.0
/*
 * xlat_icmp.c - RFC 7915 4.2 and 5.2: ICMP errors. The type, code and
 * pointer tables; the path MTU a "too big" error should tell; and the packet
 * the error quotes, translated as its session sees it (addresses, ports,
 * inner checksums), the whole cut to 576 bytes (IPv4) or 1280 (IPv6).
 *
 * The quoted packet may be truncated, so its checksums are never recomputed,
 * only updated for what changed.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/dsfield.h>
#include "core.h"
#include "xlat.h"

/* RFC 7915 figure 6: the IPv4 field at the same place, or -1 (none). */
static int ptr_6to4(u32 ptr)
{
	if (ptr <= 1)
		return ptr;		/* version / traffic class */
	if (ptr == 4 || ptr == 5)
		return 2;		/* payload length -> total length */
	if (ptr == 6)
		return 9;		/* next header -> protocol */
	if (ptr == 7)
		return 8;		/* hop limit -> TTL */
	if (ptr >= 8 && ptr <= 23)
		return 12;		/* source address */
	if (ptr >= 24 && ptr <= 39)
		return 16;		/* destination address */
	return -1;			/* flow label, or beyond the header */
}

/*
 * ICMPv6 error -> ICMPv4 (RFC 7915 5.2). Returns 0, or the counter of why it
 * is dropped. @info6: MTU or pointer; *@info4 the pointer (MTUs: see caller).
 */
static int icmp_6to4(u8 type, u8 code, u32 info6, u8 *t4, u8 *c4, u32 *info4)
{
	int ptr;

	*info4 = 0;
	switch (type) {
	case ICMPV6_DEST_UNREACH:
		*t4 = ICMP_DEST_UNREACH;
		switch (code) {
		case ICMPV6_NOROUTE:
		case ICMPV6_NOT_NEIGHBOUR:
		case ICMPV6_ADDR_UNREACH:
			*c4 = ICMP_HOST_UNREACH;
			return 0;
		case ICMPV6_ADM_PROHIBITED:
			*c4 = ICMP_HOST_ANO;
			return 0;
		case ICMPV6_PORT_UNREACH:
			*c4 = ICMP_PORT_UNREACH;
			return 0;
		}
		return JSTAT_UNKNOWN_ICMP6_TYPE;
	case ICMPV6_PKT_TOOBIG:
		*t4 = ICMP_DEST_UNREACH;
		*c4 = ICMP_FRAG_NEEDED;
		return 0;
	case ICMPV6_TIME_EXCEED:
		*t4 = ICMP_TIME_EXCEEDED;
		*c4 = code;
		return code <= 1 ? 0 : JSTAT_UNKNOWN_ICMP6_TYPE;
	case ICMPV6_PARAMPROB:
		if (code == ICMPV6_UNK_NEXTHDR) {
			*t4 = ICMP_DEST_UNREACH;
			*c4 = ICMP_PROT_UNREACH;
			return 0;
		}
		if (code != ICMPV6_HDR_FIELD)
			return JSTAT_UNKNOWN_ICMP6_TYPE;
		ptr = ptr_6to4(info6);
		if (ptr < 0)
			return JSTAT64_UNTRANSLATABLE_PARAM_PROB_PTR;
		*t4 = ICMP_PARAMETERPROB;
		*c4 = 0;
		*info4 = ptr;
		return 0;
	}
	return JSTAT_UNKNOWN_ICMP6_TYPE;
}

/* ICMPv4 error -> ICMPv6 (RFC 7915 4.2); as icmp_6to4(). */
static int icmp_4to6(u8 type, u8 code, u32 info4, u8 *t6, u8 *c6, u32 *info6)
{
	/* RFC 7915 figure 3. */
	static const s8 ptr4to6[20] = {
		0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1, 8, 8, 8, 8, 24, 24, 24, 24,
	};

	*info6 = 0;
	switch (type) {
	case ICMP_DEST_UNREACH:
		*t6 = ICMPV6_DEST_UNREACH;
		switch (code) {
		case ICMP_NET_UNREACH:
		case ICMP_HOST_UNREACH:
		case ICMP_SR_FAILED:
		case ICMP_NET_UNKNOWN:
		case ICMP_HOST_UNKNOWN:
		case ICMP_HOST_ISOLATED:
		case ICMP_NET_UNR_TOS:
		case ICMP_HOST_UNR_TOS:
			*c6 = ICMPV6_NOROUTE;
			return 0;
		case ICMP_PROT_UNREACH:
			*t6 = ICMPV6_PARAMPROB;
			*c6 = ICMPV6_UNK_NEXTHDR;
			*info6 = offsetof(struct ipv6hdr, nexthdr);
			return 0;
		case ICMP_PORT_UNREACH:
			*c6 = ICMPV6_PORT_UNREACH;
			return 0;
		case ICMP_FRAG_NEEDED:
			*t6 = ICMPV6_PKT_TOOBIG;	/* the MTU: see mtu_4to6() */
			*c6 = 0;
			return 0;
		case ICMP_NET_ANO:
		case ICMP_HOST_ANO:
		case ICMP_PKT_FILTERED:
		case ICMP_PREC_CUTOFF:
			*c6 = ICMPV6_ADM_PROHIBITED;
			return 0;
		}
		return JSTAT_UNKNOWN_ICMP4_TYPE;
	case ICMP_TIME_EXCEEDED:
		*t6 = ICMPV6_TIME_EXCEED;
		*c6 = code;
		return code <= 1 ? 0 : JSTAT_UNKNOWN_ICMP4_TYPE;
	case ICMP_PARAMETERPROB:
		if (code != 0 && code != 2)
			return JSTAT_UNKNOWN_ICMP4_TYPE;
		if (info4 >= ARRAY_SIZE(ptr4to6) || ptr4to6[info4] < 0)
			return JSTAT46_UNTRANSLATABLE_PARAM_PROBLEM_PTR;
		*t6 = ICMPV6_PARAMPROB;
		*c6 = ICMPV6_HDR_FIELD;
		*info6 = ptr4to6[info4];
		return 0;
	}
	return JSTAT_UNKNOWN_ICMP4_TYPE;
}

/* --- path MTU (RFC 7915 4.2 and 5.2) --- */

/* The MTU for an ICMPv4 "fragmentation needed" from an ICMPv6 "too big". */
static u32 mtu_6to4(struct xstate *st, const struct xpkt *p, const struct mapping *m, u32 mtu6)
{
	u32 mtu = mtu6 > 20 ? mtu6 - 20 : 0, r;

	/* min(advertised - 20, IPv4 next hop, IPv6 next hop - 20) */
	r = route4_mtu(st->net, m->raddr4, p->skb->mark);
	if (r && r < mtu)
		mtu = r;
	r = route6_mtu(st->net, &m->addr6, p->skb->mark);
	if (r > 20 && r - 20 < mtu)
		mtu = r - 20;
	return max_t(u32, mtu, 68);
}

/*
 * The MTU for an ICMPv6 "too big" from an ICMPv4 "fragmentation needed".
 * A router that predates RFC 1191 says 0: guess the greatest plateau below
 * the quoted packet's length (none below it: no guess, so the IPv6 minimum).
 * Never below the IPv6 minimum.
 */
static u32 mtu_4to6(struct xstate *st, const struct xpkt *p, const struct mapping *m,
		    u32 mtu4, unsigned int quoted_len)
{
	const struct jool_globals *g = st->g;
	u32 mtu, r;
	int i;

	if (!mtu4) {
		for (i = 0; i < g->nplateaus; i++) {
			if (g->plateaus[i] < quoted_len) {
				mtu4 = g->plateaus[i];
				break;
			}
		}
	}
	/* min(advertised + 20, IPv6 next hop, IPv4 next hop + 20) */
	mtu = mtu4 + 20;
	r = route6_mtu(st->net, &m->addr6, p->skb->mark);
	if (r && r < mtu)
		mtu = r;
	r = route4_mtu(st->net, m->raddr4, p->skb->mark);
	if (r && r + 20 < mtu)
		mtu = r + 20;
	return max_t(u32, mtu, IPV6_MIN_MTU);
}

/* --- the quoted packet --- */

/* A 16-bit field as a checksum word. */
static __be32 w16(const void *field)
{
	__be32 w = 0;

	memcpy(&w, field, 2);
	return w;
}

/*
 * A quoted ICMP echo changes type and identifier, and gains (to IPv6) or
 * loses (to IPv4) the pseudo-header @ps: the ten words of source,
 * destination, length and next header ICMPv6 checksums cover.
 */
static void quoted_echo(struct icmphdr *q, bool to6, const __be32 *ps, u8 type, u16 id)
{
	__be32 from[12], to[12];
	int nf = 0, nt = 0, i;

	if (!to6)
		for (i = 0; i < 10; i++)
			from[nf++] = ps[i];
	from[nf++] = w16(&q->type);
	from[nf++] = w16(&q->un.echo.id);
	q->type = type;
	q->code = 0;
	q->un.echo.id = htons(id);
	if (to6)
		for (i = 0; i < 10; i++)
			to[nt++] = ps[i];
	to[nt++] = w16(&q->type);
	to[nt++] = w16(&q->un.echo.id);
	csum_swap(&q->checksum, false, from, nf, to, nt);
}

static void pseudo6(__be32 *ps, const struct in6_addr *s, const struct in6_addr *d, u32 len)
{
	memcpy(ps, s, 16);
	memcpy(ps + 4, d, 16);
	ps[8] = htonl(len);
	ps[9] = htonl(IPPROTO_ICMPV6);
}

/* --- IPv6 -> IPv4 --- */

enum verdict error_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m,
			struct sk_buff **out)
{
	struct sk_buff *in = p->skb, *skb;
	const struct ipv6hdr *h6 = ipv6_hdr(in);
	const struct icmp6hdr *ih6 = (const void *)(in->data + p->l4_off);
	const struct ipv6hdr *in6 = (const void *)(in->data + p->in_off);
	unsigned int in_l4_len = in->len - p->in_l4_off, len;
	/* What the quoted packet's transport part was, before any truncation. */
	unsigned int in_exts = p->in_l4_off - p->in_off - sizeof(*in6);
	unsigned int in_claimed = ntohs(in6->payload_len);
	u32 info6 = ntohl(ih6->icmp6_dataun.un_data32[0]), info;
	struct icmphdr *ih;
	struct iphdr *iph, *inner;
	void *l4;
	u8 type, code, proto = p->in_proto;
	int stat;

	stat = icmp_6to4(ih6->icmp6_type, ih6->icmp6_code, info6, &type, &code, &info);
	/*
	 * The quoted lengths are the sender's word. A payload shorter than its
	 * own extension headers, or one no IPv4 packet could have carried, is
	 * not a packet we sent.
	 */
	if (!stat && (in_claimed < in_exts || in_claimed - in_exts > IP_MAX_MTU - 20))
		stat = JSTAT_MALFORMED;
	if (stat) {
		jstat_inc(st->inst, stat);
		return VERDICT_DROP;
	}
	in_claimed -= in_exts;
	len = min_t(unsigned int, 20 + 8 + 20 + in_l4_len, ICMP4_ERR_MAX);
	in_l4_len = len - 48;
	skb = new_skb(len, in);
	if (!skb) {
		jstat_inc(st->inst, JSTAT_ENOMEM);
		return VERDICT_DROP;
	}
	iph = ip_hdr(skb);
	ih = (struct icmphdr *)(iph + 1);
	inner = (struct iphdr *)(ih + 1);
	l4 = inner + 1;
	skb_set_transport_header(skb, sizeof(*iph));

	/* The quoted packet went remote -> IPv6 node; translated, remote -> pool4. */
	put_iph(st->net, inner, ipv6_get_dsfield(in6), 20 + in_claimed, in6->hop_limit,
		proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : proto, m->raddr4, m->addr4, false);
	if (skb_copy_bits(in, p->in_l4_off, l4, in_l4_len))
		goto fail;
	if (proto == IPPROTO_TCP || proto == IPPROTO_UDP) {
		struct udphdr *uh = l4;	/* ports are where UDP has them, for TCP too */

		fix_l4(l4, in_l4_len, proto, false, (const __be32 *)&in6->saddr, 8,
		       &inner->saddr, 2, &uh->dest, m->port4);
	} else {
		struct icmphdr *q = l4;
		__be32 ps[10];

		pseudo6(ps, &in6->saddr, &in6->daddr, in_claimed);
		quoted_echo(q, false, ps, q->type == ICMPV6_ECHO_REQUEST ? ICMP_ECHO : ICMP_ECHOREPLY,
			    m->port4);
	}

	ih->type = type;
	ih->code = code;
	ih->un.gateway = 0;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		ih->un.frag.mtu = htons(mtu_6to4(st, p, m, info6));
	else if (type == ICMP_PARAMETERPROB)
		ih->un.gateway = htonl(info << 24);
	ih->checksum = 0;
	ih->checksum = ip_compute_csum(ih, len - 20);

	put_iph(st->net, iph, tos_6to4(st->g, h6), len, h6->hop_limit - 1, IPPROTO_ICMP,
		m->addr4, m->raddr4, false);
	skb->protocol = htons(ETH_P_IP);
	*out = skb;
	return VERDICT_CONTINUE;
fail:
	kfree_skb(skb);
	jstat_inc(st->inst, JSTAT_MALFORMED);
	return VERDICT_DROP;
}

/* --- IPv4 -> IPv6 --- */

enum verdict error_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m,
			struct sk_buff **out)
{
	struct sk_buff *in = p->skb, *skb;
	const struct iphdr *h4 = ip_hdr(in);
	const struct icmphdr *ih4 = (const void *)(in->data + p->l4_off);
	const struct iphdr *in4 = (const void *)(in->data + p->in_off);
	unsigned int in_l4_len = in->len - p->in_l4_off, len;
	unsigned int in_claimed;
	struct in6_addr src6, rem6;
	struct ipv6hdr *h6, *inner;
	struct icmp6hdr *ih;
	u8 type, code, proto = p->in_proto;
	u32 info4, info;
	void *l4;
	int stat;

	info4 = ih4->type == ICMP_PARAMETERPROB ? ntohl(ih4->un.gateway) >> 24 :
		ntohs(ih4->un.frag.mtu);
	stat = icmp_4to6(ih4->type, ih4->code, info4, &type, &code, &info);
	/* The quoted Total Length is the sender's word: no shorter than its header. */
	if (!stat && ntohs(in4->tot_len) < in4->ihl * 4)
		stat = JSTAT_MALFORMED;
	if (stat) {
		jstat_inc(st->inst, stat);
		return VERDICT_DROP;
	}
	in_claimed = ntohs(in4->tot_len) - in4->ihl * 4;
	if (type == ICMPV6_PKT_TOOBIG)
		info = mtu_4to6(st, p, m, info4, ntohs(in4->tot_len));
	len = min_t(unsigned int, 40 + 8 + 40 + in_l4_len, ICMP6_ERR_MAX);
	in_l4_len = len - 88;
	skb = new_skb(len, in);
	if (!skb) {
		jstat_inc(st->inst, JSTAT_ENOMEM);
		return VERDICT_DROP;
	}
	h6 = ipv6_hdr(skb);
	ih = (struct icmp6hdr *)(h6 + 1);
	inner = (struct ipv6hdr *)(ih + 1);
	l4 = inner + 1;
	skb_set_transport_header(skb, sizeof(*h6));

	/*
	 * The error's source: the IPv4 router that sent it, so traceroute shows
	 * the path (source-icmpv6-errors-better, Jool's issue 132); or, as RFC
	 * 6146 has it, the remote end of the session.
	 */
	embed4(&st->inst->pool6, st->g->src_icmp6_better ? h4->saddr : m->raddr4, &src6);
	embed4(&st->inst->pool6, m->raddr4, &rem6);

	/* The quoted packet went pool4 -> remote; translated, IPv6 node -> remote. */
	put_ip6h(inner, in4->tos, in_claimed, in4->ttl,
		 proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : proto, &m->addr6, &rem6);
	if (skb_copy_bits(in, p->in_l4_off, l4, in_l4_len))
		goto fail;
	if (proto == IPPROTO_TCP || proto == IPPROTO_UDP) {
		struct udphdr *uh = l4;

		fix_l4(l4, in_l4_len, proto, false, &in4->saddr, 2,
		       (const __be32 *)&inner->saddr, 8, &uh->source, m->port6);
	} else {
		struct icmphdr *q = l4;
		__be32 ps[10];

		pseudo6(ps, &inner->saddr, &inner->daddr, in_claimed);
		quoted_echo(q, true, ps, q->type == ICMP_ECHO ? ICMPV6_ECHO_REQUEST : ICMPV6_ECHO_REPLY,
			    m->port6);
	}

	ih->icmp6_type = type;
	ih->icmp6_code = code;
	ih->icmp6_dataun.un_data32[0] = htonl(info);
	put_ip6h(h6, tclass_4to6(st->g, h4), len - 40, h4->ttl - 1, IPPROTO_ICMPV6, &src6,
		 &m->addr6);
	ih->icmp6_cksum = 0;
	ih->icmp6_cksum = icmp6_csum(h6, ih, len - 40);
	skb->protocol = htons(ETH_P_IPV6);
	*out = skb;
	return VERDICT_CONTINUE;
fail:
	kfree_skb(skb);
	jstat_inc(st->inst, JSTAT_MALFORMED);
	return VERDICT_DROP;
}
