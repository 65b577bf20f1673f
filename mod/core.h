/* SPDX-License-Identifier: GPL-2.0 */
/*
 * core.h - the packet path, named after the steps of RFC 6146 section 3:
 *
 *   determine the incoming tuple (packet.c)
 *   -> filtering and updating, computing the outgoing tuple (filter.c)
 *   -> translate (xlat.c)
 *   -> hairpinning (core.c)
 *   -> send (send.c)
 *
 * Every step returns a verdict; hooks.c alone maps verdicts to Netfilter's.
 */
#ifndef _JOOL_MOD_CORE_H
#define _JOOL_MOD_CORE_H

#include <linux/skbuff.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include "instance.h"
#include "rfc6052.h"

enum verdict {
	VERDICT_CONTINUE,	/* not ours, or ours and fine so far: go on */
	VERDICT_TRANSLATED,	/* a translated copy was sent: free the original */
	VERDICT_STOLEN,		/* the translator keeps the packet (stored SYN) */
	VERDICT_DROP,		/* ours and dropped (already counted) */
};

/* A transport address of either family. */
struct taddr {
	union {
		struct in6_addr a6;
		__be32 a4;
	};
	u16 port;	/* ICMP: the query identifier */
};

/*
 * One packet being translated. Offsets are from skb->data, which is the
 * network header; the skb is linear, but for a GSO burst admitted whole
 * (gso.c), whose network and transport headers alone are.
 */
struct xpkt {
	struct sk_buff *skb;
	u8 l3;			/* 4 or 6 */
	u8 proto;		/* outer IPPROTO_* */
	u8 l4;			/* enum l4idx of the tuple */
	unsigned int l4_off;	/* outer transport header */
	u8 tcp_flags;		/* TCPF_* of tcp_state.h */
	u8 ttl;			/* TTL or hop limit */
	/*
	 * Reassembled by the kernel from fragments: the largest fragment's
	 * size (network header included), else 0. RFC 7915 translates
	 * fragments as fragments, so the output is cut the same way.
	 */
	u16 frag_max;
	__be16 id4;		/* IPv4: the Identification (for IPv6 fragments) */
	/* ICMP errors: the packet inside, whose inverted tuple we use. */
	bool is_error;
	u8 in_proto;
	unsigned int in_off, in_l4_off;
	/* Incoming tuple in this packet's direction (inverted inner for errors). */
	struct taddr src, dst;
};

struct rtable;

/* The session a packet belongs to, as the translator must write it out. */
struct mapping {
	struct in6_addr addr6;	/* IPv6 node */
	u16 port6;
	__be32 addr4;		/* its pool4 mask */
	u16 port4;
	__be32 raddr4;		/* IPv4 node */
	u16 rport;
};

/* Everything a packet's journey reads, fetched once. Under rcu_read_lock. */
struct xstate {
	struct jool_instance *inst;
	const struct pool4 *pool4;
	bool fallback;		/* pool4 is empty: fallback.c's, one domain (mark 0) */
	const struct jool_globals *g;
	struct net *net;
};

static inline __be32 extract4(const struct prefix6 *p, const struct in6_addr *a)
{
	struct in_addr v;

	rfc6052_extract(p, a, &v);
	return v.s_addr;
}

static inline void embed4(const struct prefix6 *p, __be32 a, struct in6_addr *out)
{
	struct in_addr v = { .s_addr = a };

	rfc6052_embed(p, &v, out);
}

enum verdict core_6to4(struct jool_instance *inst, struct sk_buff *skb);
enum verdict core_4to6(struct jool_instance *inst, struct sk_buff *skb);

/*
 * packet.c: determine the incoming tuple. VERDICT_CONTINUE with p->skb NULL
 * means "not ours"; with p->skb set, the packet is ours and @p is filled.
 */
enum verdict tuple6(struct xstate *st, struct sk_buff *skb, struct xpkt *p);
enum verdict tuple4(struct xstate *st, struct sk_buff *skb, struct xpkt *p);

/* filter.c: filtering and updating, the outgoing mapping. */
enum verdict filter6(struct xstate *st, struct xpkt *p, struct mapping *m);
enum verdict filter4(struct xstate *st, struct xpkt *p, struct mapping *m);
void jool_expire(struct work_struct *work);
/* How long a session of @timer (enum sess_timer) lives after its last refresh, in jiffies. */
unsigned long session_timeout(const struct jool_globals *g, u8 timer);
void jool_syns_flush(struct jool_instance *inst);

/* xlat.c: translate; on success *out is the new packet (not yet routed). */
enum verdict xlat_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m,
		       struct sk_buff **out);
enum verdict xlat_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m,
		       struct sk_buff **out);

/* xlat.c: TCP/UDP translated in the packet's own skb (false: not possible). */
bool xlat_6to4_inplace(struct xstate *st, struct xpkt *p, const struct mapping *m);
bool xlat_4to6_inplace_ok(const struct xpkt *p);
bool xlat_4to6_inplace(struct xstate *st, struct xpkt *p, const struct mapping *m);

/* send.c: route and send a translated packet (consumed in every case):
 * VERDICT_TRANSLATED or VERDICT_DROP. */
enum verdict send4(struct xstate *st, struct xpkt *p, struct sk_buff *out);
enum verdict send6(struct xstate *st, struct xpkt *p, struct sk_buff *out);
/* send.c: the route of a packet (NULL: none), and sending along it. */
struct rtable *route4(struct net *net, const struct iphdr *iph, u32 mark);
struct dst_entry *route6(struct net *net, const struct ipv6hdr *h6, u32 mark);
struct dst_entry *route6_of(struct xstate *st, const struct xpkt *p, const struct mapping *m);
enum verdict send4_routed(struct xstate *st, struct xpkt *p, struct sk_buff *out,
			  struct rtable *rt);
enum verdict send6_routed(struct xstate *st, struct xpkt *p, struct sk_buff *out,
			  struct dst_entry *dst);
/*
 * gso.c: GSO bursts translated whole. gso_admit() says, before the tuple is
 * read, whether a burst may take the packet path unsegmented (its headers
 * are then in the linear part). After filtering, gso_6to4()/gso_4to6()
 * translate and send it in place (VERDICT_STOLEN), drop it (no route), or
 * say VERDICT_CONTINUE: the burst must be cut and each segment translated.
 */
bool gso_admit(struct sk_buff *skb, bool from6);
enum verdict gso_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m);
enum verdict gso_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m);

/* send.c: the MTU of the route towards an address (0: no route). */
u32 route4_mtu(struct net *net, __be32 daddr, u32 mark);
u32 route6_mtu(struct net *net, const struct in6_addr *daddr, u32 mark);
/*
 * ICMP errors the translator itself originates, about the packet @skb;
 * counted in JSTAT_ICMP4ERR_* / JSTAT_ICMP6ERR_* (sent or not).
 */
void icmp4_error(struct jool_instance *inst, struct sk_buff *skb, u8 type, u8 code, u32 info);
void icmp6_error(struct jool_instance *inst, struct sk_buff *skb, u8 type, u8 code, u32 info);
/* A keepalive probe (empty ACK) to the IPv6 node of an established session. */
void send_probe6(struct jool_instance *inst, const struct mapping *m);

/* fallback.c: pool4 while pool4 is empty. Under rcu_read_lock(); never NULL. */
const struct pool4 *fallback_pool4(struct net *net);
int jool_fallback_init(void);
void jool_fallback_exit(void);

/* hooks.c */
int jool_hooks_register(struct net *net);
void jool_hooks_unregister(struct net *net);
/* Defragmentation for the namespace (hooks and the iptables target need it). */
int jool_defrag_enable(struct net *net);
void jool_defrag_disable(struct net *net);
unsigned int jool_nf_verdict(enum verdict v, struct sk_buff *skb, unsigned int cont);

/* xt.c: the iptables target JOOL. */
int jool_xt_init(void);
void jool_xt_exit(void);

#endif
