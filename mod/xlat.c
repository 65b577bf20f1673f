// SPDX-License-Identifier: GPL-2.0
/*
 * xlat.c - RFC 6146 section 3.7, "translating the packet", with the header
 * rules of RFC 7915: IPv6 <-> IPv4 headers, TCP/UDP ports and checksums,
 * ICMP queries, and ICMP errors with the packet they carry.
 *
 * The translated packet is built in a fresh skb: its header differs in size
 * and family, and the original may be shared or cloned. Transport checksums
 * are updated incrementally (only addresses and ports change), so a packet
 * costs the same whatever its size; a packet still to be checksummed by the
 * device (CHECKSUM_PARTIAL, e.g. from a veth) stays so with the new
 * pseudo-header.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/dsfield.h>
#include "core.h"
#include "rfc6052.h"

/* RFC 7915 5.1: DF is set on translated packets larger than this. */
#define DF_THRESHOLD	1260
/* RFC 7915: translated ICMP errors are cut to these sizes. */
#define ICMP4_ERR_MAX	576
#define ICMP6_ERR_MAX	1280

static struct sk_buff *new_skb(unsigned int len, const struct sk_buff *orig)
{
	struct sk_buff *skb = alloc_skb(LL_MAX_HEADER + len, GFP_ATOMIC);

	if (!skb)
		return NULL;
	skb_reserve(skb, LL_MAX_HEADER);
	skb_put(skb, len);
	skb_reset_network_header(skb);
	skb->mark = orig->mark;
	skb->priority = orig->priority;
	return skb;
}

/*
 * *sum covers the old words @from; make it cover @to instead. With @partial
 * the field holds the pseudo-header sum the device will complete (not
 * complemented), as for CHECKSUM_PARTIAL.
 */
static void csum_swap(__sum16 *sum, bool partial, const __be32 *from, int nfrom,
		      const __be32 *to, int nto)
{
	__wsum c = partial ? csum_unfold(*sum) : ~csum_unfold(*sum);
	int i;

	for (i = 0; i < nfrom; i++)
		c = csum_add(c, (__force __wsum)~from[i]);
	for (i = 0; i < nto; i++)
		c = csum_add(c, (__force __wsum)to[i]);
	*sum = partial ? ~csum_fold(c) : csum_fold(c);
}

static void csum_swap_port(__sum16 *sum, __be16 from, __be16 to)
{
	__be32 f = (__force __be32)(__force u32)from, t = (__force __be32)(__force u32)to;

	csum_swap(sum, false, &f, 1, &t, 1);
}

/*
 * The TCP or UDP header at @l4 (of @len bytes present, @full false for a
 * truncated inner packet) moves from the pseudo-header addresses @from
 * (@nfrom words) to @to; its port at @port (source or destination field)
 * becomes @newport.
 */
static void fix_l4(void *l4, unsigned int len, u8 proto, bool partial,
		   const __be32 *from, int nfrom, const __be32 *to, int nto,
		   __be16 *port, u16 newport)
{
	__sum16 *sum;
	__be16 np = htons(newport);

	if (proto == IPPROTO_TCP) {
		if (len < offsetof(struct tcphdr, check) + 2) {
			*port = np;
			return;
		}
		sum = &((struct tcphdr *)l4)->check;
	} else {
		sum = &((struct udphdr *)l4)->check;
		if (len < sizeof(struct udphdr) || !*sum) {
			*port = np;	/* no checksum to keep (IPv4 UDP 0: see callers) */
			return;
		}
	}
	csum_swap(sum, partial, from, nfrom, to, nto);
	if (!partial)
		csum_swap_port(sum, *port, np);
	*port = np;
	if (proto == IPPROTO_UDP && !*sum)
		*sum = CSUM_MANGLED_0;
}

static void set_partial(struct sk_buff *skb, void *l4, u8 proto)
{
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (unsigned char *)l4 - skb->head;
	skb->csum_offset = proto == IPPROTO_TCP ? offsetof(struct tcphdr, check)
						: offsetof(struct udphdr, check);
}

/* --- ICMP type and code tables (RFC 7915 4.2 and 5.2) --- */

/* ICMPv6 error -> ICMPv4; false if it has no counterpart. @info: MTU or pointer. */
static bool icmp_6to4(u8 type, u8 code, u32 info6, u8 *t4, u8 *c4, u32 *info4)
{
	static const u8 ptr6to4[40] = {
		0, 1, 1, 1, 2, 2, 2, 2, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
		16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	};

	*info4 = 0;
	switch (type) {
	case ICMPV6_DEST_UNREACH:
		*t4 = ICMP_DEST_UNREACH;
		switch (code) {
		case ICMPV6_NOROUTE:
		case ICMPV6_NOT_NEIGHBOUR:
		case ICMPV6_ADDR_UNREACH:
			*c4 = ICMP_HOST_UNREACH;
			return true;
		case ICMPV6_ADM_PROHIBITED:
			*c4 = ICMP_HOST_ANO;
			return true;
		case ICMPV6_PORT_UNREACH:
			*c4 = ICMP_PORT_UNREACH;
			return true;
		}
		return false;
	case ICMPV6_PKT_TOOBIG:
		*t4 = ICMP_DEST_UNREACH;
		*c4 = ICMP_FRAG_NEEDED;
		*info4 = info6 > 20 + 68 ? info6 - 20 : 68;
		return true;
	case ICMPV6_TIME_EXCEED:
		*t4 = ICMP_TIME_EXCEEDED;
		*c4 = code;
		return code <= 1;
	case ICMPV6_PARAMPROB:
		if (code == ICMPV6_UNK_NEXTHDR) {
			*t4 = ICMP_DEST_UNREACH;
			*c4 = ICMP_PROT_UNREACH;
			return true;
		}
		if (code != ICMPV6_HDR_FIELD || info6 >= ARRAY_SIZE(ptr6to4) ||
		    (info6 >= 4 && info6 < 6) || info6 == 7)
			return false;
		*t4 = ICMP_PARAMETERPROB;
		*c4 = 0;
		*info4 = ptr6to4[info6];
		return true;
	}
	return false;
}

static bool icmp_4to6(u8 type, u8 code, u32 info4, u8 *t6, u8 *c6, u32 *info6)
{
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
			return true;
		case ICMP_PROT_UNREACH:
			*t6 = ICMPV6_PARAMPROB;
			*c6 = ICMPV6_UNK_NEXTHDR;
			*info6 = offsetof(struct ipv6hdr, nexthdr);
			return true;
		case ICMP_PORT_UNREACH:
			*c6 = ICMPV6_PORT_UNREACH;
			return true;
		case ICMP_FRAG_NEEDED:
			*t6 = ICMPV6_PKT_TOOBIG;
			*c6 = 0;
			*info6 = max_t(u32, info4 ? info4 + 20 : 1280, IPV6_MIN_MTU);
			return true;
		case ICMP_NET_ANO:
		case ICMP_HOST_ANO:
		case ICMP_PKT_FILTERED:
		case ICMP_PREC_CUTOFF:
			*c6 = ICMPV6_ADM_PROHIBITED;
			return true;
		}
		return false;
	case ICMP_TIME_EXCEEDED:
		*t6 = ICMPV6_TIME_EXCEED;
		*c6 = code;
		return code <= 1;
	case ICMP_PARAMETERPROB:
		if ((code != 0 && code != 2) || info4 >= ARRAY_SIZE(ptr4to6) || ptr4to6[info4] < 0)
			return false;
		*t6 = ICMPV6_PARAMPROB;
		*c6 = ICMPV6_HDR_FIELD;
		*info6 = ptr4to6[info4];
		return true;
	}
	return false;
}

/* --- IPv6 -> IPv4 --- */

static void put_iph(struct iphdr *iph, u8 tos, unsigned int len, u8 ttl, u8 proto,
		    __be32 saddr, __be32 daddr)
{
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->tot_len = htons(len);
	if (len > DF_THRESHOLD) {
		iph->id = 0;
		iph->frag_off = htons(IP_DF);
	} else {
		iph->id = htons(get_random_u16());
		iph->frag_off = 0;
	}
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/* The transport part of a query or TCP/UDP packet, IPv6 -> IPv4. */
static void l4_6to4(struct sk_buff *in, struct sk_buff *out, const struct ipv6hdr *h6,
		    const struct iphdr *iph, void *l4, unsigned int len, u8 proto,
		    __be16 *port, u16 newport)
{
	if (proto == IPPROTO_ICMP) {
		struct icmphdr *ih = l4;

		ih->type = ih->type == ICMPV6_ECHO_REQUEST ? ICMP_ECHO : ICMP_ECHOREPLY;
		ih->code = 0;
		ih->un.echo.id = htons(newport);
		ih->checksum = 0;
		ih->checksum = ip_compute_csum(ih, len);
		return;
	}
	if (in->ip_summed == CHECKSUM_PARTIAL) {
		/* Only the pseudo-header is in the field; ports are the device's job. */
		fix_l4(l4, len, proto, true, (const __be32 *)&h6->saddr, 8,
		       &iph->saddr, 2, port, newport);
		set_partial(out, l4, proto);
		return;
	}
	fix_l4(l4, len, proto, false, (const __be32 *)&h6->saddr, 8, &iph->saddr, 2,
	       port, newport);
}

static enum verdict error_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m,
			       struct sk_buff **out)
{
	struct sk_buff *in = p->skb, *skb;
	const struct ipv6hdr *h6 = ipv6_hdr(in);
	const struct icmp6hdr *ih6 = (const void *)(in->data + p->l4_off);
	const struct ipv6hdr *in6 = (const void *)(in->data + p->in_off);
	unsigned int in_l4_len = in->len - p->in_l4_off, len;
	struct icmphdr *ih;
	struct iphdr *iph, *inner;
	void *l4;
	u8 type, code, proto = p->in_proto;
	u32 info;

	if (!icmp_6to4(ih6->icmp6_type, ih6->icmp6_code, ntohl(ih6->icmp6_dataun.un_data32[0]),
		       &type, &code, &info)) {
		jstat_inc(st->inst, JSTAT_UNKNOWN_ICMP6_TYPE);
		return VERDICT_DROP;
	}
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

	/* The inner packet went remote -> IPv6 node; translated, remote -> pool4. */
	put_iph(inner, ipv6_get_dsfield(in6), 20 + ntohs(in6->payload_len) -
		(p->in_l4_off - p->in_off - sizeof(*in6)), in6->hop_limit,
		proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : proto, m->raddr4, m->addr4);
	if (skb_copy_bits(in, p->in_l4_off, l4, in_l4_len))
		goto fail;
	if (proto == IPPROTO_TCP || proto == IPPROTO_UDP) {
		struct udphdr *uh = l4;	/* ports are where UDP has them, for TCP too */

		fix_l4(l4, in_l4_len, proto, false, (const __be32 *)&in6->saddr, 8,
		       &inner->saddr, 2, &uh->dest, m->port4);
	} else {
		struct icmphdr *q = l4;

		q->type = q->type == ICMPV6_ECHO_REQUEST ? ICMP_ECHO : ICMP_ECHOREPLY;
		q->un.echo.id = htons(m->port4);
	}

	ih->type = type;
	ih->code = code;
	ih->un.gateway = 0;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		ih->un.frag.mtu = htons(info);
	else if (type == ICMP_PARAMETERPROB)
		ih->un.gateway = htonl(info << 24);
	ih->checksum = 0;
	ih->checksum = ip_compute_csum(ih, len - 20);

	put_iph(iph, ipv6_get_dsfield(h6), len, h6->hop_limit - 1, IPPROTO_ICMP,
		m->addr4, m->raddr4);
	skb->protocol = htons(ETH_P_IP);
	*out = skb;
	return VERDICT_CONTINUE;
fail:
	kfree_skb(skb);
	jstat_inc(st->inst, JSTAT_MALFORMED);
	return VERDICT_DROP;
}

enum verdict xlat_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m,
		       struct sk_buff **out)
{
	struct sk_buff *in = p->skb, *skb;
	const struct ipv6hdr *h6 = ipv6_hdr(in);
	unsigned int l4len = in->len - p->l4_off;
	struct iphdr *iph;
	u8 proto;
	void *l4;

	if (p->is_error)
		return error_6to4(st, p, m, out);
	skb = new_skb(sizeof(*iph) + l4len, in);
	if (!skb) {
		jstat_inc(st->inst, JSTAT_ENOMEM);
		return VERDICT_DROP;
	}
	iph = ip_hdr(skb);
	l4 = iph + 1;
	skb_set_transport_header(skb, sizeof(*iph));
	proto = p->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : p->proto;
	put_iph(iph, ipv6_get_dsfield(h6), sizeof(*iph) + l4len, h6->hop_limit - 1, proto,
		m->addr4, m->raddr4);
	if (skb_copy_bits(in, p->l4_off, l4, l4len)) {
		kfree_skb(skb);
		jstat_inc(st->inst, JSTAT_MALFORMED);
		return VERDICT_DROP;
	}
	/* The IPv6 node's port (TCP/UDP source) becomes its mask. */
	l4_6to4(in, skb, h6, iph, l4, l4len, proto, &((struct udphdr *)l4)->source, m->port4);
	skb->protocol = htons(ETH_P_IP);
	*out = skb;
	return VERDICT_CONTINUE;
}

/* --- IPv4 -> IPv6 --- */

static void put_ip6h(struct ipv6hdr *h6, u8 tclass, unsigned int payload, u8 hl, u8 nexthdr,
		     const struct in6_addr *saddr, const struct in6_addr *daddr)
{
	ip6_flow_hdr(h6, tclass, 0);
	h6->payload_len = htons(payload);
	h6->nexthdr = nexthdr;
	h6->hop_limit = hl;
	h6->saddr = *saddr;
	h6->daddr = *daddr;
}

static __sum16 icmp6_csum(const struct ipv6hdr *h6, void *l4, unsigned int len)
{
	return csum_ipv6_magic(&h6->saddr, &h6->daddr, len, IPPROTO_ICMPV6,
			       csum_partial(l4, len, 0));
}

static enum verdict error_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m,
			       struct sk_buff **out)
{
	struct sk_buff *in = p->skb, *skb;
	const struct iphdr *h4 = ip_hdr(in);
	const struct icmphdr *ih4 = (const void *)(in->data + p->l4_off);
	const struct iphdr *in4 = (const void *)(in->data + p->in_off);
	unsigned int in_l4_len = in->len - p->in_l4_off, len;
	struct in6_addr src6, rem6;
	struct ipv6hdr *h6, *inner;
	struct icmp6hdr *ih;
	u8 type, code, proto = p->in_proto;
	u32 info4, info;
	void *l4;

	info4 = ih4->type == ICMP_PARAMETERPROB ? ntohl(ih4->un.gateway) >> 24 :
		ntohs(ih4->un.frag.mtu);
	if (!icmp_4to6(ih4->type, ih4->code, info4, &type, &code, &info)) {
		jstat_inc(st->inst, JSTAT_UNKNOWN_ICMP4_TYPE);
		return VERDICT_DROP;
	}
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

	/* The error's source: the IPv4 router that sent it (source-icmpv6-errors-better). */
	embed4(&st->inst->pool6, h4->saddr, &src6);
	embed4(&st->inst->pool6, m->raddr4, &rem6);

	/* The inner packet went pool4 -> remote; translated, IPv6 node -> remote. */
	put_ip6h(inner, in4->tos, ntohs(in4->tot_len) - in4->ihl * 4, in4->ttl,
		 proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : proto, &m->addr6, &rem6);
	if (skb_copy_bits(in, p->in_l4_off, l4, in_l4_len))
		goto fail;
	if (proto == IPPROTO_TCP || proto == IPPROTO_UDP) {
		struct udphdr *uh = l4;

		fix_l4(l4, in_l4_len, proto, false, &in4->saddr, 2,
		       (const __be32 *)&inner->saddr, 8, &uh->source, m->port6);
	} else {
		struct icmphdr *q = l4;

		q->type = q->type == ICMP_ECHO ? ICMPV6_ECHO_REQUEST : ICMPV6_ECHO_REPLY;
		q->un.echo.id = htons(m->port6);
	}

	ih->icmp6_type = type;
	ih->icmp6_code = code;
	ih->icmp6_dataun.un_data32[0] = htonl(info);
	put_ip6h(h6, h4->tos, len - 40, h4->ttl - 1, IPPROTO_ICMPV6, &src6, &m->addr6);
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

enum verdict xlat_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m,
		       struct sk_buff **out)
{
	struct sk_buff *in = p->skb, *skb;
	const struct iphdr *h4 = ip_hdr(in);
	unsigned int l4len = in->len - p->l4_off;
	struct in6_addr src6;
	struct ipv6hdr *h6;
	u8 proto;
	void *l4;

	if (p->is_error)
		return error_4to6(st, p, m, out);
	skb = new_skb(sizeof(*h6) + l4len, in);
	if (!skb) {
		jstat_inc(st->inst, JSTAT_ENOMEM);
		return VERDICT_DROP;
	}
	h6 = ipv6_hdr(skb);
	l4 = h6 + 1;
	skb_set_transport_header(skb, sizeof(*h6));
	proto = p->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : p->proto;
	embed4(&st->inst->pool6, h4->saddr, &src6);
	put_ip6h(h6, h4->tos, l4len, h4->ttl - 1, proto, &src6, &m->addr6);
	if (skb_copy_bits(in, p->l4_off, l4, l4len)) {
		kfree_skb(skb);
		jstat_inc(st->inst, JSTAT_MALFORMED);
		return VERDICT_DROP;
	}
	if (proto == IPPROTO_ICMPV6) {
		struct icmp6hdr *ih = l4;

		ih->icmp6_type = ih->icmp6_type == ICMP_ECHO ? ICMPV6_ECHO_REQUEST
							      : ICMPV6_ECHO_REPLY;
		ih->icmp6_code = 0;
		ih->icmp6_identifier = htons(m->port6);
		ih->icmp6_cksum = 0;
		ih->icmp6_cksum = icmp6_csum(h6, ih, l4len);
	} else if (proto == IPPROTO_UDP && !((struct udphdr *)l4)->check &&
		   in->ip_summed != CHECKSUM_PARTIAL) {
		/* IPv4 UDP may omit its checksum; IPv6 UDP may not (RFC 7915 4.5). */
		struct udphdr *uh = l4;

		uh->dest = htons(m->port6);
		uh->check = csum_ipv6_magic(&h6->saddr, &h6->daddr, l4len, IPPROTO_UDP,
					    csum_partial(uh, l4len, 0));
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
	} else if (in->ip_summed == CHECKSUM_PARTIAL) {
		__be16 *port = &((struct udphdr *)l4)->dest;

		fix_l4(l4, l4len, proto, true, &h4->saddr, 2, (const __be32 *)&h6->saddr, 8,
		       port, m->port6);
		set_partial(skb, l4, proto);
	} else {
		fix_l4(l4, l4len, proto, false, &h4->saddr, 2, (const __be32 *)&h6->saddr, 8,
		       &((struct udphdr *)l4)->dest, m->port6);
	}
	/* RFC 7915 4: DF clear means the IPv6 side may fragment it. */
	skb->ignore_df = !(h4->frag_off & htons(IP_DF));
	skb->protocol = htons(ETH_P_IPV6);
	*out = skb;
	return VERDICT_CONTINUE;
}

/* --- in place: TCP and UDP, the bulk of the traffic --- */

/*
 * TCP and UDP packets (not errors) are translated in their own skb: the
 * network header is replaced, the transport header stays where it is, and
 * its checksum and port are patched. No allocation, no copy. Returns false
 * (nothing changed) when the skb cannot be made writable or lacks headroom;
 * the caller then uses the copying translators above.
 */
bool xlat_6to4_inplace(struct xstate *st, struct xpkt *p, const struct mapping *m)
{
	struct sk_buff *skb = p->skb;
	struct ipv6hdr h6;
	struct iphdr *iph;
	unsigned int l4len = skb->len - p->l4_off;
	unsigned int hdr = p->proto == IPPROTO_TCP ? sizeof(struct tcphdr) : sizeof(struct udphdr);
	bool partial = skb->ip_summed == CHECKSUM_PARTIAL;
	void *l4;

	if (skb_is_gso(skb) || skb_ensure_writable(skb, p->l4_off + hdr))
		return false;
	h6 = *ipv6_hdr(skb);
	skb_pull(skb, p->l4_off - sizeof(*iph));
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(*iph));
	iph = ip_hdr(skb);
	put_iph(iph, ipv6_get_dsfield(&h6), sizeof(*iph) + l4len, h6.hop_limit - 1,
		p->proto, m->addr4, m->raddr4);
	l4 = iph + 1;
	fix_l4(l4, l4len, p->proto, partial, (const __be32 *)&h6.saddr, 8, &iph->saddr, 2,
	       &((struct udphdr *)l4)->source, m->port4);
	if (!partial)
		skb->ip_summed = CHECKSUM_NONE;
	skb->protocol = htons(ETH_P_IP);
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	return true;
}

bool xlat_4to6_inplace(struct xstate *st, struct xpkt *p, const struct mapping *m)
{
	struct sk_buff *skb = p->skb;
	struct iphdr h4;
	struct ipv6hdr *h6;
	struct in6_addr src6;
	unsigned int l4len = skb->len - p->l4_off;
	unsigned int hdr = p->proto == IPPROTO_TCP ? sizeof(struct tcphdr) : sizeof(struct udphdr);
	bool partial = skb->ip_summed == CHECKSUM_PARTIAL;
	struct udphdr *uh;

	if (skb_is_gso(skb) || skb_ensure_writable(skb, p->l4_off + hdr))
		return false;
	if (skb_cow_head(skb, sizeof(*h6) - p->l4_off + LL_MAX_HEADER))
		return false;
	h4 = *ip_hdr(skb);
	uh = (struct udphdr *)(skb->data + p->l4_off);
	/* A UDP checksum of 0 needs the whole datagram summed: copy path. */
	if (p->proto == IPPROTO_UDP && !uh->check && !partial)
		return false;
	skb_push(skb, sizeof(*h6) - p->l4_off);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(*h6));
	h6 = ipv6_hdr(skb);
	embed4(&st->inst->pool6, h4.saddr, &src6);
	put_ip6h(h6, h4.tos, l4len, h4.ttl - 1, p->proto, &src6, &m->addr6);
	uh = (struct udphdr *)(h6 + 1);
	fix_l4(uh, l4len, p->proto, partial, &h4.saddr, 2, (const __be32 *)&h6->saddr, 8,
	       &uh->dest, m->port6);
	if (!partial)
		skb->ip_summed = CHECKSUM_NONE;
	skb->ignore_df = !(h4.frag_off & htons(IP_DF));
	skb->protocol = htons(ETH_P_IPV6);
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	memset(IP6CB(skb), 0, sizeof(struct inet6_skb_parm));
	return true;
}
