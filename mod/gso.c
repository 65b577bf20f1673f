// SPDX-License-Identifier: GPL-2.0
/*
 * gso.c - GSO bursts translated whole. A TCP socket's send across a veth, or
 * a NIC's GRO, hands the hook one skb standing for up to 64 KiB of wire
 * packets: headers in the linear part, payload in page fragments, and
 * skb_shinfo() saying how to cut it (gso_size, gso_type). Such a burst goes
 * through the packet path once (tuple, filtering and updating, translation,
 * sending) and leaves as one burst of the other family: only its headers are
 * rewritten, in place (xlat.c), and the payload is neither copied nor cut.
 * The egress device, or the kernel's software GSO in front of it, cuts it.
 *
 * Translated whole, a burst must leave as exactly the packets its segments
 * translated one by one would have been (the packet path's per-packet rules
 * still hold), else it is cut and each segment translated (core.c):
 *  - each segment's network header changes size by 20 bytes (IPv6 40, IPv4
 *    20; bursts with IPv6 extension headers or IPv4 options are cut), the
 *    transport header and gso_size stay, so every segment fits the next hop
 *    exactly when skb_gso_validate_network_len() says so with the MTU moved
 *    by those 20 bytes;
 *  - towards IPv4, segments of 1260 bytes or less would leave with DF clear
 *    and an Identification each (RFC 7915 5.1, put_iph()): such bursts are
 *    cut. Larger ones get DF and IPv4 GSO gives each segment its own
 *    Identification from the burst's (0, 1, 2...: atomic datagrams, RFC 6864);
 *  - towards IPv6, a DF-clear burst may leave whole only if no segment would
 *    need fragmenting (send6_routed()). A TCP burst with DF whose segments
 *    would not fit by 20 bytes has its gso_size reduced by 20, as the
 *    kernel's BPF helpers do when they grow the headers (bpf_skb_net_grow():
 *    skb_decrease_gso_size()): each segment is then the size its sender
 *    chose for its path, and no "fragmentation needed" is due. UDP keeps
 *    gso_size whatever happens: it is each datagram's size, not a choice of
 *    the transport. What still does not fit is cut, and the cut path answers
 *    "too big" or fragments, as for any packet.
 *
 * Checksums: a burst is CHECKSUM_PARTIAL (GSO requires it; anything else is
 * cut): the transport checksum field holds the pseudo-header sum over the
 * burst's transport length, which segmentation adjusts for each segment.
 * The transport length and protocol do not change, so swapping the
 * addresses in that sum (fix_l4()) is all it takes; csum_start is relative
 * to skb->head and the transport header does not move.
 *
 * Counters: the burst is one packet of the hook (RECEIVED6/4), as in Jool,
 * which translates bursts whole too (sharing their pages); once sent whole
 * it is one JSTAT_SUCCESS; cut after filtering, each segment sent is one.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/route.h>
#include "compat.h"
#include "core.h"
#include "xlat.h"

/* How much each segment's network header grows from IPv4 to IPv6. */
#define DELTA	((int)sizeof(struct ipv6hdr) - (int)sizeof(struct iphdr))

/*
 * gso_type bits of bursts taken whole. ECN (CWR kept on the first segment
 * only) and DODGY (the sender's headers are to be checked, gso_segs to be
 * recomputed) mean the same in both families; FIXEDID (every segment keeps
 * the IPv4 Identification) means nothing in IPv6 and is cleared there.
 * Tunnels, SCTP, fraglist GRO, partial GSO and the rest are cut.
 */
#define GSO_WHOLE	(SKB_GSO_TCPV4 | SKB_GSO_TCPV6 | SKB_GSO_TCP_ECN | \
			 SKB_GSO_TCP_FIXEDID | SKB_GSO_DODGY | SKB_GSO_UDP_L4)

/* Does the burst's gso_type say it carries @proto in family @from6? */
static bool type_matches(unsigned int type, u8 proto, bool from6)
{
	unsigned int tcp = type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6);

	if (proto == IPPROTO_TCP)
		return tcp == (from6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4) && !(type & SKB_GSO_UDP_L4);
	if (proto == IPPROTO_UDP)
		return !tcp && (type & SKB_GSO_UDP_L4);
	return false;
}

bool gso_admit(struct sk_buff *skb, bool from6)
{
	/* Copied: pulling may move the head, and skb_shinfo() with it. */
	unsigned int type = skb_shinfo(skb)->gso_type, size = skb_shinfo(skb)->gso_size;
	unsigned int l3, l4hdr;
	u8 proto;

	/*
	 * Shared skbs cannot be written at all; frag_list skbs (GRO chains)
	 * and tunnels are the segmenter's business. Cloned ones are fine: the
	 * header is unshared before it is written (skb_ensure_writable()).
	 */
	if ((type & ~GSO_WHOLE) || size == GSO_BY_FRAGS || skb_shared(skb) ||
	    skb_has_frag_list(skb) || skb->encapsulation || skb->ip_summed != CHECKSUM_PARTIAL)
		return false;
	/* BIG TCP (more than 64 KiB): no length field of ours could say it. */
	if (skb->len > IP_MAX_MTU)
		return false;
	if (from6) {
		if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)))
			return false;
		l3 = sizeof(struct ipv6hdr);
		proto = ipv6_hdr(skb)->nexthdr;		/* an extension header: cut */
	} else {
		if (!pskb_may_pull(skb, sizeof(struct iphdr)))
			return false;
		l3 = sizeof(struct iphdr);
		proto = ip_hdr(skb)->protocol;
		if (ip_hdr(skb)->ihl != 5 || ip_is_fragment(ip_hdr(skb)))
			return false;
	}
	if (!type_matches(type, proto, from6))
		return false;
	l4hdr = sizeof(struct udphdr);
	if (proto == IPPROTO_TCP) {
		if (!pskb_may_pull(skb, l3 + sizeof(struct tcphdr)))
			return false;
		l4hdr = ((const struct tcphdr *)(skb->data + l3))->doff * 4;
		if (l4hdr < sizeof(struct tcphdr))
			return false;
	}
	/* Headers and at least a byte of payload; the checksum where it belongs. */
	if (skb->len <= l3 + l4hdr || !pskb_may_pull(skb, l3 + l4hdr) ||
	    skb_checksum_start_offset(skb) != l3 ||
	    skb->csum_offset != (proto == IPPROTO_TCP ? offsetof(struct tcphdr, check)
						     : offsetof(struct udphdr, check)))
		return false;
	/* skb_gso_validate_network_len() measures from here. */
	skb_set_transport_header(skb, l3);
	return true;
}

/* The burst is now of the other family: so is its TCP segmentation. */
static void set_tcp_type(struct sk_buff *skb, bool to6)
{
	struct skb_shared_info *sh = skb_shinfo(skb);

	if (!(sh->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
		return;		/* UDP_L4 is either family's */
	sh->gso_type &= ~(SKB_GSO_TCPV4 | SKB_GSO_TCPV6);
	if (to6)
		sh->gso_type = (sh->gso_type & ~SKB_GSO_TCP_FIXEDID) | SKB_GSO_TCPV6;
	else
		sh->gso_type |= SKB_GSO_TCPV4;
}

enum verdict gso_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m)
{
	struct sk_buff *skb = p->skb;
	struct iphdr h4 = { .protocol = p->proto, .saddr = m->addr4, .daddr = m->raddr4 };
	struct rtable *rt;

	/* IPv4's Total Length, of the burst before it is cut, must say it. */
	if (skb->len - p->l4_off + sizeof(struct iphdr) > IP_MAX_MTU)
		return VERDICT_CONTINUE;
	/* Segments of 1260 bytes or less as IPv4 (1280 as IPv6) leave DF clear. */
	if (skb_gso_validate_network_len(skb, DF_THRESHOLD + DELTA))
		return VERDICT_CONTINUE;
	rt = route4(st->net, &h4, skb->mark);
	if (!rt) {
		jstat_inc(st->inst, JSTAT_FAILED_ROUTES);
		return VERDICT_DROP;
	}
	/* Too big for the next hop (DF is set): cut, and "too big" for each. */
	if (!skb_gso_validate_network_len(skb, dst_mtu(&rt->dst) + DELTA) ||
	    !xlat_6to4_inplace(st, p, m)) {
		ip_rt_put(rt);
		return VERDICT_CONTINUE;
	}
	set_tcp_type(skb, false);
	send4_routed(st, p, skb, rt);	/* consumes it */
	return VERDICT_STOLEN;
}

enum verdict gso_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m)
{
	struct sk_buff *skb = p->skb;
	bool df = ip_hdr(skb)->frag_off & htons(IP_DF), shrink = false;
	struct dst_entry *dst;
	unsigned int mtu;

	if (!xlat_4to6_inplace_ok(p))
		return VERDICT_CONTINUE;
	dst = route6_of(st, p, m);
	if (!dst)
		return VERDICT_DROP;
	mtu = dst_mtu(dst);
	/* DF clear: send6_routed() fragments what exceeds this; none may. */
	if (!df)
		mtu = min(mtu, st->g->lowest_mtu6);
	if (!skb_gso_validate_network_len(skb, mtu - DELTA)) {
		/* Segments sized for an IPv4 MTU equal to the IPv6 one: shrink them. */
		shrink = df && p->proto == IPPROTO_TCP && skb_shinfo(skb)->gso_size > DELTA &&
			 skb_gso_validate_network_len(skb, mtu);
		if (!shrink)
			goto cut;
	}
	if (!xlat_4to6_inplace(st, p, m))
		goto cut;
	set_tcp_type(skb, true);
	if (shrink) {
		/* After xlat_4to6_inplace(): the head, shinfo with it, may have moved. */
		struct skb_shared_info *sh = skb_shinfo(skb);
		unsigned int payload = skb->len - skb_transport_offset(skb) - tcp_hdrlen(skb);

		skb_decrease_gso_size(sh, DELTA);
		/* Exact, so the headers need no re-checking (no SKB_GSO_DODGY). */
		sh->gso_segs = DIV_ROUND_UP(payload, sh->gso_size);
	}
	send6_routed(st, p, skb, dst);	/* consumes it */
	return VERDICT_STOLEN;

cut:
	dst_release(dst);
	return VERDICT_CONTINUE;
}
