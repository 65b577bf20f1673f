// SPDX-License-Identifier: GPL-2.0
/*
 * xlat.c - RFC 6146 section 3.7, "translating the packet", with the header
 * rules of RFC 7915: IPv6 <-> IPv4 headers, TCP/UDP ports and checksums,
 * ICMP queries (ICMP errors: xlat_icmp.c).
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
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/dsfield.h>
#include "core.h"
#include "rfc6052.h"
#include "xlat.h"

struct sk_buff *new_skb(unsigned int len, const struct sk_buff *orig)
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
void csum_swap(__sum16 *sum, bool partial, const __be32 *from, int nfrom,
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
void fix_l4(void *l4, unsigned int len, u8 proto, bool partial,
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

/* --- IPv6 -> IPv4 --- */

/*
 * RFC 7915 5.1. @frag: the IPv6 packet came in fragments, so DF stays clear
 * whatever the size (5.1.1). Identifications of packets that may be
 * fragmented come from the kernel's generator (RFC 6864); DF packets are
 * atomic and carry 0, as Linux's own.
 */
void put_iph(struct net *net, struct iphdr *iph, u8 tos, unsigned int len, u8 ttl, u8 proto,
	     __be32 saddr, __be32 daddr, bool frag)
{
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->tot_len = htons(len);
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->saddr = saddr;
	iph->daddr = daddr;
	if (len > DF_THRESHOLD && !frag) {
		iph->id = 0;
		iph->frag_off = htons(IP_DF);
	} else {
		iph->frag_off = 0;
		__ip_select_ident(net, iph, 1);
	}
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/* RFC 7915 5.1: the TOS, from the Traffic Class unless override-tos. */
u8 tos_6to4(const struct jool_globals *g, const struct ipv6hdr *h6)
{
	return g->override_tos ? g->tos : ipv6_get_dsfield(h6);
}

/* RFC 7915 4.1: the Traffic Class, from the TOS unless zeroize-traffic-class. */
u8 tclass_4to6(const struct jool_globals *g, const struct iphdr *h4)
{
	return g->zeroize_tc ? 0 : h4->tos;
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
	/*
	 * A reassembled IPv6 packet may carry up to 65535 bytes of payload;
	 * IPv4's Total Length, header included, cannot say more than 65535,
	 * fragmented or not. No RFC asks for an error: drop and count.
	 */
	if (sizeof(*iph) + l4len > IP_MAX_MTU) {
		jstat_inc(st->inst, JSTAT64_TOO_BIG_FOR_IPV4);
		return VERDICT_DROP;
	}
	skb = new_skb(sizeof(*iph) + l4len, in);
	if (!skb) {
		jstat_inc(st->inst, JSTAT64_PSKB_COPY);	/* Jool's name: the copy failed */
		return VERDICT_DROP;
	}
	iph = ip_hdr(skb);
	l4 = iph + 1;
	skb_set_transport_header(skb, sizeof(*iph));
	proto = p->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : p->proto;
	put_iph(st->net, iph, tos_6to4(st->g, h6), sizeof(*iph) + l4len, h6->hop_limit - 1,
		proto, m->addr4, m->raddr4, p->frag_max);
	/*
	 * RFC 7915 5.1.1: fragments in, fragments out. The kernel reassembled
	 * them (RFC 6146 3.4 allows it); IPv4 output cuts the packet again at
	 * the same data boundaries: 20 bytes of IPv4 header instead of 48 of
	 * IPv6 and Fragment header.
	 */
	if (p->frag_max)
		IPCB(skb)->frag_max_size = max_t(int, p->frag_max - 28, 68);
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

void put_ip6h(struct ipv6hdr *h6, u8 tclass, unsigned int payload, u8 hl, u8 nexthdr,
	      const struct in6_addr *saddr, const struct in6_addr *daddr)
{
	ip6_flow_hdr(h6, tclass, 0);
	h6->payload_len = htons(payload);
	h6->nexthdr = nexthdr;
	h6->hop_limit = hl;
	h6->saddr = *saddr;
	h6->daddr = *daddr;
}

__sum16 icmp6_csum(const struct ipv6hdr *h6, void *l4, unsigned int len)
{
	return csum_ipv6_magic(&h6->saddr, &h6->daddr, len, IPPROTO_ICMPV6,
			       csum_partial(l4, len, 0));
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
		jstat_inc(st->inst, JSTAT46_PSKB_COPY);
		return VERDICT_DROP;
	}
	h6 = ipv6_hdr(skb);
	l4 = h6 + 1;
	skb_set_transport_header(skb, sizeof(*h6));
	proto = p->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : p->proto;
	embed4(&st->inst->pool6, h4->saddr, &src6);
	put_ip6h(h6, tclass_4to6(st->g, h4), l4len, h4->ttl - 1, proto, &src6, &m->addr6);
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
		   in->ip_summed != CHECKSUM_PARTIAL && p->frag_max) {
		/* RFC 7915 4.5: no checksum, and not all of it here to compute one. */
		kfree_skb(skb);
		jstat_inc(st->inst, JSTAT46_FRAGMENTED_ZERO_CSUM);
		return VERDICT_DROP;
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
	/* RFC 7915 4: DF clear (or fragments) means send6() may fragment it. */
	skb->ignore_df = !(h4->frag_off & htons(IP_DF)) || p->frag_max;
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
 * the caller then uses the copying translators above. GSO bursts come here
 * too (gso.c): only their headers, in the linear part, are written, and the
 * payload's page fragments stay shared; the length fields written are the
 * burst's, which segmentation rewrites for each packet.
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

	if (skb_ensure_writable(skb, p->l4_off + hdr))
		return false;
	h6 = *ipv6_hdr(skb);
	skb_pull(skb, p->l4_off - sizeof(*iph));
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(*iph));
	iph = ip_hdr(skb);
	put_iph(st->net, iph, tos_6to4(st->g, &h6), sizeof(*iph) + l4len, h6.hop_limit - 1,
		p->proto, m->addr4, m->raddr4, false);
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

/*
 * An IPv4 UDP checksum of 0 needs the whole datagram summed (RFC 7915 4.5):
 * that is the copying path's work. The packet is linear (tuple4()).
 */
bool xlat_4to6_inplace_ok(const struct xpkt *p)
{
	const struct udphdr *uh = (const void *)(p->skb->data + p->l4_off);

	return p->proto != IPPROTO_UDP || uh->check || p->skb->ip_summed == CHECKSUM_PARTIAL;
}

/* The caller checked xlat_4to6_inplace_ok(). */
bool xlat_4to6_inplace(struct xstate *st, struct xpkt *p, const struct mapping *m)
{
	struct sk_buff *skb = p->skb;
	struct iphdr h4;
	struct ipv6hdr *h6;
	struct in6_addr src6;
	unsigned int l4len = skb->len - p->l4_off;
	unsigned int hdr = p->proto == IPPROTO_TCP ? sizeof(struct tcphdr) : sizeof(struct udphdr);
	/*
	 * The IPv6 header replaces the IPv4 header and its options (RFC 7915
	 * 4.1 drops them): 20 to 60 bytes become 40, so the packet grows by
	 * up to 20 bytes or shrinks by up to 20 (IHL 11 to 15).
	 */
	int grow = (int)sizeof(*h6) - (int)p->l4_off;
	bool partial = skb->ip_summed == CHECKSUM_PARTIAL;
	struct udphdr *uh;

	if (skb_ensure_writable(skb, p->l4_off + hdr))
		return false;
	if (skb_cow_head(skb, max(grow, 0) + LL_MAX_HEADER))
		return false;
	h4 = *ip_hdr(skb);
	if (grow >= 0)
		skb_push(skb, grow);
	else
		skb_pull(skb, -grow);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(*h6));
	h6 = ipv6_hdr(skb);
	embed4(&st->inst->pool6, h4.saddr, &src6);
	put_ip6h(h6, tclass_4to6(st->g, &h4), l4len, h4.ttl - 1, p->proto, &src6, &m->addr6);
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
