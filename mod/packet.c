// SPDX-License-Identifier: GPL-2.0
/*
 * packet.c - RFC 6146 section 3.4, "determining the incoming tuple": parse
 * and validate a packet, decide whether it is ours, and extract the tuple
 * (for an ICMP error, the inverted tuple of the packet inside it).
 *
 * The hooks run after the kernel's defragmentation and after ip_rcv /
 * ipv6_rcv validated the outer lengths and IPv4 header checksum. Everything
 * below the outer header is the sender's word and is checked here before any
 * byte is read: truncated or inconsistent packets are dropped and counted.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include "core.h"
#include "rfc6052.h"

static u8 tcp_flags_of(const struct tcphdr *th)
{
	return (th->syn ? TCPF_SYN : 0) | (th->fin ? TCPF_FIN : 0) | (th->rst ? TCPF_RST : 0);
}

/* Reads ports (or the ICMP identifier) of a transport header at @off. */
static int read_ports(struct sk_buff *skb, unsigned int off, u8 proto, bool inner,
		      u16 *sport, u16 *dport, u8 *l4, u8 *flags, bool *error)
{
	unsigned int avail;

	*error = false;
	/*
	 * @off comes from lengths the sender wrote (IHL, extension header
	 * lengths): it may point past the packet, and what lies there (the
	 * frame's padding, say) is not the packet's.
	 */
	if (off > skb->len)
		return -JSTAT_SKB_TRUNCATED;
	avail = skb->len - off;
	switch (proto) {
	case IPPROTO_TCP: {
		const struct tcphdr *th = (const void *)(skb->data + off);

		/* Inner packets may be truncated: ports are in the first 8 bytes. */
		if (avail < (inner ? 8 : sizeof(*th)) ||
		    (!inner && (th->doff * 4 < sizeof(*th) || th->doff * 4 > avail)))
			return -JSTAT_SKB_TRUNCATED;
		*sport = ntohs(th->source);
		*dport = ntohs(th->dest);
		*l4 = L4_TCP;
		if (!inner)
			*flags = tcp_flags_of(th);
		return 0;
	}
	case IPPROTO_UDP: {
		const struct udphdr *uh = (const void *)(skb->data + off);

		if (avail < sizeof(*uh))
			return -JSTAT_SKB_TRUNCATED;
		if (!inner && (ntohs(uh->len) < sizeof(*uh) || ntohs(uh->len) > avail))
			return -JSTAT_MALFORMED;
		*sport = ntohs(uh->source);
		*dport = ntohs(uh->dest);
		*l4 = L4_UDP;
		return 0;
	}
	case IPPROTO_ICMPV6: {
		const struct icmp6hdr *ih = (const void *)(skb->data + off);

		if (avail < sizeof(*ih))
			return -JSTAT_SKB_TRUNCATED;
		if (ih->icmp6_type == ICMPV6_ECHO_REQUEST || ih->icmp6_type == ICMPV6_ECHO_REPLY) {
			*sport = *dport = ntohs(ih->icmp6_identifier);
			*l4 = L4_ICMP;
			return 0;
		}
		if (ih->icmp6_type & ICMPV6_INFOMSG_MASK)
			return -JSTAT_UNKNOWN_ICMP6_TYPE;
		*error = true;
		return inner ? -JSTAT_DOUBLE_ICMP6_ERROR : 0;
	}
	case IPPROTO_ICMP: {
		const struct icmphdr *ih = (const void *)(skb->data + off);

		if (avail < sizeof(*ih))
			return -JSTAT_SKB_TRUNCATED;
		switch (ih->type) {
		case ICMP_ECHO:
		case ICMP_ECHOREPLY:
			*sport = *dport = ntohs(ih->un.echo.id);
			*l4 = L4_ICMP;
			return 0;
		case ICMP_DEST_UNREACH:
		case ICMP_TIME_EXCEEDED:
		case ICMP_PARAMETERPROB:
			*error = true;
			return inner ? -JSTAT_DOUBLE_ICMP4_ERROR : 0;
		}
		return -JSTAT_UNKNOWN_ICMP4_TYPE;
	}
	}
	return inner ? -JSTAT_UNKNOWN_PROTO_INNER : -JSTAT_UNKNOWN_L4_PROTO;
}

/*
 * Skips the IPv6 extension headers from @off (RFC 7915 5.1: Hop-by-Hop,
 * Destination Options and Routing headers are not translated) and returns
 * the transport offset. A Routing header with Segments Left non-zero is not
 * skipped: the packet must go on to another node first, so it is refused
 * with a parameter problem pointing at that field (*@ptr).
 */
static int skip6(struct sk_buff *skb, unsigned int off, u8 *proto, unsigned int *ptr)
{
	u8 nh = *proto;

	/* Bounded: each header is at least 8 bytes of a linear packet. */
	while (ipv6_ext_hdr(nh)) {
		u8 _h[4];
		const u8 *h;

		if (nh == NEXTHDR_NONE)
			return -JSTAT_UNKNOWN_L4_PROTO;
		/* Defragmentation ran before us; a fragment left here is not whole. */
		if (nh == NEXTHDR_FRAGMENT)
			return -JSTAT_MALFORMED;
		h = skb_header_pointer(skb, off, sizeof(_h), _h);
		if (!h)
			return -JSTAT_HDR6;
		if (nh == NEXTHDR_ROUTING && h[3]) {
			*ptr = off + 3;
			return -JSTAT64_SEGMENTS_LEFT;
		}
		nh = h[0];
		off += nh == NEXTHDR_AUTH ? (h[1] + 2) << 2 : (h[1] + 1) << 3;
		if (off > skb->len)
			return -JSTAT_HDR6;
	}
	*proto = nh;
	return off;
}

/*
 * RFC 7915 4.1: an IPv4 packet with an unexpired source route option (loose
 * or strict: its pointer still within the option) must not be translated.
 */
static bool source_routed(const struct iphdr *h4)
{
	const u8 *o = (const u8 *)(h4 + 1), *end = (const u8 *)h4 + h4->ihl * 4;

	while (o < end) {
		if (o[0] == IPOPT_END)
			break;
		if (o[0] == IPOPT_NOOP) {
			o++;
			continue;
		}
		if (end - o < 2 || o[1] < 2 || o[1] > end - o)
			break;	/* malformed: the kernel's option parsing deals with it */
		if ((o[0] == IPOPT_LSRR || o[0] == IPOPT_SSRR) && o[1] >= 3 && o[2] <= o[1])
			return true;
		o += o[1];
	}
	return false;
}

/*
 * Makes the packet readable from skb->data. A GSO burst (up to 64 KiB, in
 * page fragments) is not copied: gso_admit() let in only bursts whose
 * network and transport headers are in the linear part, with no IPv6
 * extension header nor IPv4 option, and nothing beyond those is read.
 */
static int readable(struct sk_buff *skb)
{
	return skb_is_gso(skb) ? 0 : skb_linearize(skb);
}

static enum verdict drop(struct xstate *st, int stat)
{
	jstat_inc(st->inst, -stat);
	return VERDICT_DROP;
}

enum verdict tuple6(struct xstate *st, struct sk_buff *skb, struct xpkt *p)
{
	const struct ipv6hdr *h6;
	const struct prefix6 *pool6 = &st->inst->pool6;
	bool error;
	u8 proto, l4 = 0;
	unsigned int ptr = 0;
	int off, err;

	memset(p, 0, sizeof(*p));	/* p->skb NULL: not ours (yet) */
	if (!pskb_may_pull(skb, sizeof(*h6))) {
		jstat_inc(st->inst, JSTAT_SKB_TRUNCATED);
		return VERDICT_CONTINUE;
	}
	h6 = ipv6_hdr(skb);
	if (!rfc6052_prefix_match(pool6, &h6->daddr)) {
		/* Not ours (neighbour discovery too). */
		jstat_inc(st->inst, JSTAT_POOL6_MISMATCH);
		return VERDICT_CONTINUE;
	}
	/* From pool6 to pool6: one of our own translations come back (a loop). */
	if (rfc6052_prefix_match(pool6, &h6->saddr))
		return drop(st, -JSTAT_HAIRPIN_LOOP);
	if (readable(skb))
		return drop(st, -JSTAT_ENOMEM);
	h6 = ipv6_hdr(skb);

	p->skb = skb;
	p->l3 = 6;
	p->ttl = h6->hop_limit;
	if (IP6CB(skb)->flags & IP6SKB_FRAGMENTED)
		p->frag_max = IP6CB(skb)->frag_max_size;
	proto = h6->nexthdr;
	off = skip6(skb, sizeof(*h6), &proto, &ptr);
	if (off == -JSTAT64_SEGMENTS_LEFT)
		icmp6_error(st->inst, skb, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD, ptr);
	if (off < 0)
		return drop(st, off);
	p->proto = proto;
	p->l4_off = off;
	err = read_ports(skb, off, proto, false, &p->src.port, &p->dst.port, &l4,
			 &p->tcp_flags, &error);
	if (err)
		return drop(st, err);
	p->src.a6 = h6->saddr;
	p->dst.a6 = h6->daddr;
	p->l4 = l4;
	if (!error)
		return VERDICT_CONTINUE;

	/* An ICMPv6 error: the tuple is the inverted tuple of what it carries. */
	p->is_error = true;
	p->in_off = off + sizeof(struct icmp6hdr);
	if (skb->len < p->in_off + sizeof(struct ipv6hdr))
		return drop(st, -JSTAT_SKB_TRUNCATED);
	h6 = (const struct ipv6hdr *)(skb->data + p->in_off);
	proto = h6->nexthdr;
	/* The quoted headers' lengths are the sender's word: kept within the packet. */
	off = ipv6_skip_exthdr(skb, p->in_off + sizeof(*h6), &proto, &(__be16){ 0 });
	if (off < 0 || off > skb->len)
		return drop(st, -JSTAT_HDR6);
	p->in_proto = proto;
	p->in_l4_off = off;
	err = read_ports(skb, off, proto, true, &p->dst.port, &p->src.port, &l4, NULL, &error);
	if (err)
		return drop(st, err);
	p->l4 = l4;
	p->src.a6 = h6->daddr;
	p->dst.a6 = h6->saddr;
	/* The inner packet came from pool6's side of the world. */
	if (!rfc6052_prefix_match(pool6, &p->dst.a6))
		return drop(st, -JSTAT_POOL6_MISMATCH);
	return VERDICT_CONTINUE;
}

static u8 l4_of(u8 proto)
{
	return proto == IPPROTO_TCP ? L4_TCP : proto == IPPROTO_UDP ? L4_UDP : L4_ICMP;
}

/*
 * An IPv4 packet of ours (TCP, UDP or ICMP) that cannot be read (-@stat
 * says why; Jool counts it whatever its destination). It is dropped if it
 * is addressed to a pool4 address of its protocol; otherwise it is not ours.
 */
static enum verdict unreadable4(struct xstate *st, struct xpkt *p, struct sk_buff *skb, int stat)
{
	const struct iphdr *h4 = ip_hdr(skb);

	if (!pool4_has_addr(st->pool4, l4_of(h4->protocol), h4->daddr)) {
		jstat_inc(st->inst, -stat);
		return VERDICT_CONTINUE;
	}
	p->skb = skb;
	return drop(st, stat);
}

enum verdict tuple4(struct xstate *st, struct sk_buff *skb, struct xpkt *p)
{
	const struct iphdr *h4;
	const struct pool4_row *row;
	bool error;
	u8 l4 = 0;
	int err;

	memset(p, 0, sizeof(*p));	/* p->skb NULL: not ours (yet) */
	if (!pskb_may_pull(skb, sizeof(*h4))) {
		jstat_inc(st->inst, JSTAT_SKB_TRUNCATED);
		return VERDICT_CONTINUE;
	}
	h4 = ip_hdr(skb);
	/* Cheap first test, before touching the transport header. */
	switch (h4->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_ICMP:
		break;
	default:
		jstat_inc(st->inst, JSTAT_UNKNOWN_L4_PROTO);	/* never ours */
		return VERDICT_CONTINUE;
	}
	if (readable(skb)) {
		jstat_inc(st->inst, JSTAT_ENOMEM);
		return VERDICT_CONTINUE;
	}
	h4 = ip_hdr(skb);

	p->l3 = 4;
	p->ttl = h4->ttl;
	p->proto = h4->protocol;
	p->l4_off = h4->ihl * 4;
	p->frag_max = IPCB(skb)->frag_max_size;
	p->id4 = h4->id;
	if (ip_is_fragment(h4))
		return VERDICT_CONTINUE;	/* not reassembled: not for us */
	err = read_ports(skb, p->l4_off, p->proto, false, &p->src.port, &p->dst.port,
			 &l4, &p->tcp_flags, &error);
	/* RFC 7915 4.2: ICMP types with no ICMPv6 counterpart are dropped. */
	if (err)
		return unreadable4(st, p, skb, err);
	p->src.a4 = h4->saddr;
	p->dst.a4 = h4->daddr;
	p->l4 = l4;

	if (error) {
		const struct iphdr *in;

		p->is_error = true;
		p->in_off = p->l4_off + sizeof(struct icmphdr);
		if (skb->len < p->in_off + sizeof(*in))
			return unreadable4(st, p, skb, -JSTAT_SKB_TRUNCATED);
		in = (const struct iphdr *)(skb->data + p->in_off);
		if (in->version != 4 || in->ihl < 5)
			return unreadable4(st, p, skb, -JSTAT_HDR4);
		if (skb->len < p->in_off + in->ihl * 4)
			return unreadable4(st, p, skb, -JSTAT_SKB_TRUNCATED);
		p->in_proto = in->protocol;
		p->in_l4_off = p->in_off + in->ihl * 4;
		err = read_ports(skb, p->in_l4_off, in->protocol, true, &p->dst.port,
				 &p->src.port, &l4, NULL, &error);
		if (err == -JSTAT_DOUBLE_ICMP4_ERROR) {
			/* Ours only if it is about one of our packets; count it then. */
			if (pool4_has_addr(st->pool4, L4_ICMP, in->saddr))
				return drop(st, err);
			jstat_inc(st->inst, -err);	/* Jool counts it anyway */
			return VERDICT_CONTINUE;
		}
		if (err)
			return unreadable4(st, p, skb, err);
		p->l4 = l4;
		p->src.a4 = in->daddr;
		p->dst.a4 = in->saddr;
	}

	/* Ours only if the destination transport address is in pool4. */
	row = pool4_find(st->pool4, p->l4, taddr_key(p->dst.a4, p->dst.port));
	if (!row) {
		jstat_inc(st->inst, JSTAT_POOL4_MISMATCH);
		return VERDICT_CONTINUE;
	}
	p->skb = skb;
	/* For an error, this means it is about a packet we did not send. */
	if (p->dst.a4 != h4->daddr)
		return drop(st, -JSTAT_MALFORMED);
	if (h4->ihl > 5 && source_routed(h4)) {
		icmp4_error(st->inst, skb, ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);
		return drop(st, -JSTAT46_SRC_ROUTE);
	}
	return VERDICT_CONTINUE;
}
