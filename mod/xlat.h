/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlat.h - what the translators (xlat.c: TCP, UDP and ICMP queries;
 * xlat_icmp.c: ICMP errors) share: header builders and checksum updates.
 */
#ifndef _JOOL_MOD_XLAT_H
#define _JOOL_MOD_XLAT_H

#include <linux/ip.h>
#include <linux/ipv6.h>
#include "core.h"

/* RFC 7915 5.1: DF is set on translated packets larger than this. */
#define DF_THRESHOLD	1260
/* RFC 7915: translated ICMP errors are cut to these sizes. */
#define ICMP4_ERR_MAX	576
#define ICMP6_ERR_MAX	1280

struct sk_buff *new_skb(unsigned int len, const struct sk_buff *orig);
void csum_swap(__sum16 *sum, bool partial, const __be32 *from, int nfrom,
	       const __be32 *to, int nto);
void fix_l4(void *l4, unsigned int len, u8 proto, bool partial,
	    const __be32 *from, int nfrom, const __be32 *to, int nto,
	    __be16 *port, u16 newport);
void put_iph(struct net *net, struct iphdr *iph, u8 tos, unsigned int len, u8 ttl, u8 proto,
	     __be32 saddr, __be32 daddr, bool frag);
void put_ip6h(struct ipv6hdr *h6, u8 tclass, unsigned int payload, u8 hl, u8 nexthdr,
	      const struct in6_addr *saddr, const struct in6_addr *daddr);
u8 tos_6to4(const struct jool_globals *g, const struct ipv6hdr *h6);
u8 tclass_4to6(const struct jool_globals *g, const struct iphdr *h4);
__sum16 icmp6_csum(const struct ipv6hdr *h6, void *l4, unsigned int len);

enum verdict error_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m,
			struct sk_buff **out);
enum verdict error_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m,
			struct sk_buff **out);

#endif
