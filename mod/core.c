// SPDX-License-Identifier: GPL-2.0
/*
 * core.c - one packet's journey through the steps of RFC 6146 section 3
 * (see core.h), and hairpinning (section 3.8): an IPv6 node reaching another
 * IPv6 node through a pool4 address is translated to IPv4 and straight back.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include "compat.h"
#include "core.h"
#include "log.h"

static void state_init(struct xstate *st, struct jool_instance *inst)
{
	const struct jool_pool4 *jp = rcu_dereference(inst->pool4);

	st->inst = inst;
	st->net = inst->net;
	st->g = rcu_dereference(inst->globals);
	st->fallback = !jp->p.nrows;
	st->pool4 = st->fallback ? fallback_pool4(inst->net) : &jp->p;
}

static enum verdict run_4to6(struct xstate *st, struct sk_buff *skb);

/*
 * As in Jool, RECEIVED6/RECEIVED4 count every packet the hook hands over,
 * whatever becomes of it, and each hairpinned packet once more. A GSO burst
 * is one packet, whether it is translated whole or cut (gso.c).
 */
static void received(struct xstate *st, bool from6)
{
	jstat_inc(st->inst, from6 ? JSTAT_RECEIVED6 : JSTAT_RECEIVED4);
}

/* Translated IPv4 packets up to this size leave with DF clear (RFC 7915 5.1). */
#define DF_FREE_MAX 1260

/*
 * Translating in place needs no allocation or copy, but leaves no original
 * to answer "too big" about. So it is used for TCP and UDP packets (not
 * errors, not reassembled fragments) whose translation can never be too big
 * nor need fragmenting: up to 1260 bytes towards IPv4 (DF clear), up to the
 * IPv6 minimum MTU towards IPv6. Bigger packets take the copying path.
 */
static bool inplace_ok(const struct xpkt *p, unsigned int newlen, unsigned int max)
{
	return !p->is_error && !p->frag_max &&
	       (p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP) && newlen <= max;
}

/*
 * RFC 6146 3.8: is the outgoing tuple's destination a pool4 transport
 * address? (Errors are never hairpinned: they go back to whoever sent.)
 */
static bool is_hairpin(const struct xstate *st, const struct xpkt *p, const struct mapping *m)
{
	u16 port = p->l4 == L4_ICMP ? m->port4 : p->dst.port;

	return !p->is_error && pool4_find(st->pool4, p->l4, taddr_key(m->raddr4, port));
}

/*
 * logging-debug: one line per packet of ours, saying where its journey
 * ended (@step) and how (@v).
 */
static void trace(const struct xstate *st, const struct xpkt *p, const char *step,
		  enum verdict v)
{
	static const char *const vname[] = {
		[VERDICT_CONTINUE] = "left to the kernel", [VERDICT_TRANSLATED] = "translated",
		[VERDICT_STOLEN] = "kept", [VERDICT_DROP] = "dropped",
	};
	static const char *const l4name[L4_COUNT] = { "TCP", "UDP", "ICMP" };
	const char *l4 = p->proto ? l4name[p->l4] : "?";

	if (p->l3 == 6)
		jlog_debug(st->inst, "%pI6c#%u -> %pI6c#%u %s%s: %s at %s", &p->src.a6,
			   p->src.port, &p->dst.a6, p->dst.port, l4, p->is_error ? " error" : "",
			   vname[v], step);
	else
		jlog_debug(st->inst, "%pI4#%u -> %pI4#%u %s%s: %s at %s", &p->src.a4,
			   p->src.port, &p->dst.a4, p->dst.port, l4, p->is_error ? " error" : "",
			   vname[v], step);
}

/*
 * From "translate" on: a packet (or a segment of a burst cut after
 * filtering) with its mapping. Every verdict but VERDICT_STOLEN leaves
 * p->skb to the caller.
 */
static enum verdict tail_6to4(struct xstate *st, struct xpkt *p, const struct mapping *m,
			      const char **step)
{
	struct sk_buff *skb = p->skb, *out;
	enum verdict v;
	bool hairpin;

	*step = "translating";
	hairpin = is_hairpin(st, p, m);
	if (!hairpin &&
	    inplace_ok(p, skb->len - p->l4_off + sizeof(struct iphdr), DF_FREE_MAX) &&
	    xlat_6to4_inplace(st, p, m)) {	/* in place */
		*step = "sending";
		send4(st, p, skb);		/* consumes it */
		return VERDICT_STOLEN;
	}
	v = xlat_6to4(st, p, m, &out);		/* copying */
	if (v != VERDICT_CONTINUE)
		return v;
	if (hairpin) {
		*step = "hairpinning";
		/* Once only: the 4->6 half never comes back to 6->4. */
		received(st, false);
		v = run_4to6(st, out);
		if (v == VERDICT_TRANSLATED)
			consume_skb(out);
		else if (v != VERDICT_STOLEN)
			kfree_skb(out);
		return v == VERDICT_CONTINUE || v == VERDICT_DROP ? VERDICT_DROP
								  : VERDICT_TRANSLATED;
	}
	*step = "sending";
	return send4(st, p, out);
}

static enum verdict burst(struct xstate *st, struct xpkt *p, const struct mapping *m,
			  const char **step, bool from6);

static enum verdict journey_6to4(struct xstate *st, struct sk_buff *skb, struct xpkt *p,
				 const char **step)
{
	struct mapping m;
	enum verdict v;

	*step = "determining the incoming tuple";
	v = tuple6(st, skb, p);
	if (v != VERDICT_CONTINUE || !p->skb)
		return v;
	if (p->ttl <= 1) {
		/* An error is never answered with another error (RFC 4443 2.4). */
		*step = "the hop limit check";
		if (!p->is_error)
			icmp6_error(st->inst, skb, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, 0);
		jstat_inc(st->inst, JSTAT64_TTL);
		return VERDICT_DROP;
	}
	*step = "filtering and updating";
	v = filter6(st, p, &m);
	if (v != VERDICT_CONTINUE)
		return v;
	if (skb_is_gso(skb))
		return burst(st, p, &m, step, true);
	return tail_6to4(st, p, &m, step);
}

/*
 * Translating in place leaves no IPv4 original to quote in a "fragmentation
 * needed" (an IPv6 route may have an mtu metric below 1280), so the route
 * comes first and in place is taken only when the packet fits it.
 * VERDICT_CONTINUE: not done, take the copying path.
 */
static enum verdict inplace_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m)
{
	struct sk_buff *skb = p->skb;
	unsigned int newlen = skb->len - p->l4_off + sizeof(struct ipv6hdr);
	struct dst_entry *dst;

	/* Before the route: the copying path would look it up a second time. */
	if (!xlat_4to6_inplace_ok(p))
		return VERDICT_CONTINUE;
	dst = route6_of(st, p, m);
	if (!dst)
		return VERDICT_DROP;
	if (newlen > dst_mtu(dst) || !xlat_4to6_inplace(st, p, m)) {
		dst_release(dst);
		return VERDICT_CONTINUE;
	}
	send6_routed(st, p, skb, dst);	/* consumes it */
	return VERDICT_STOLEN;
}

static enum verdict tail_4to6(struct xstate *st, struct xpkt *p, const struct mapping *m,
			      const char **step)
{
	struct sk_buff *out;
	enum verdict v;

	*step = "translating";
	if (inplace_ok(p, p->skb->len - p->l4_off + sizeof(struct ipv6hdr), IPV6_MIN_MTU)) {
		v = inplace_4to6(st, p, m);
		if (v != VERDICT_CONTINUE)
			return v;
	}
	v = xlat_4to6(st, p, m, &out);
	if (v != VERDICT_CONTINUE)
		return v;
	*step = "sending";
	return send6(st, p, out);
}

static enum verdict journey_4to6(struct xstate *st, struct sk_buff *skb, struct xpkt *p,
				 const char **step)
{
	struct mapping m;
	enum verdict v;

	*step = "determining the incoming tuple";
	v = tuple4(st, skb, p);
	if (v != VERDICT_CONTINUE || !p->skb)
		return v;
	if (p->ttl <= 1) {
		/* An error is never answered with another error (RFC 1122 3.2.2). */
		*step = "the TTL check";
		if (!p->is_error)
			icmp4_error(st->inst, skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
		jstat_inc(st->inst, JSTAT46_TTL);
		return VERDICT_DROP;
	}
	*step = "filtering and updating";
	v = filter4(st, p, &m);
	if (v != VERDICT_CONTINUE)
		return v;
	if (skb_is_gso(skb))
		return burst(st, p, &m, step, false);
	return tail_4to6(st, p, &m, step);
}

/*
 * A GSO burst admitted whole (gso.c), after filtering: translated and sent
 * whole if it may, else cut into the packets it stands for, each of which
 * takes the rest of the path with the burst's mapping. Filtering saw the
 * burst once, with the flags of its header: SYN and RST are every
 * segment's, FIN (and PSH) the last one's, and the state machine moves the
 * same for one packet with those flags as for the segments in turn
 * (segments without FIN leave every state as they find it, but CLOSED with
 * a SYN or TRANS, whose first segment moves them).
 */
static enum verdict burst(struct xstate *st, struct xpkt *p, const struct mapping *m,
			  const char **step, bool from6)
{
	enum verdict (*tail)(struct xstate *, struct xpkt *, const struct mapping *,
			     const char **) = from6 ? tail_6to4 : tail_4to6;
	struct sk_buff *segs, *seg, *next;
	enum verdict v;

	*step = "translating";
	/* A hairpinned burst is translated twice: the copying path's work. */
	if (from6 && is_hairpin(st, p, m))
		v = VERDICT_CONTINUE;
	else
		v = from6 ? gso_6to4(st, p, m) : gso_4to6(st, p, m);
	if (v != VERDICT_CONTINUE) {
		if (v == VERDICT_STOLEN)
			*step = "sending";
		return v;
	}
	segs = skb_gso_segment(p->skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		jstat_inc(st->inst, PTR_ERR(segs) == -ENOMEM ? JSTAT_ENOMEM : JSTAT_MALFORMED);
		return VERDICT_DROP;
	}
	skb_list_walk_safe(segs, seg, next) {
		struct xpkt sp = *p;

		skb_mark_not_on_list(seg);
		sp.skb = seg;
		if (skb_linearize(seg)) {
			jstat_inc(st->inst, JSTAT_ENOMEM);
			kfree_skb(seg);
			continue;
		}
		if (!from6)
			sp.id4 = ip_hdr(seg)->id;	/* segmentation numbered them */
		v = tail(st, &sp, m, step);
		if (v == VERDICT_TRANSLATED)
			consume_skb(seg);
		else if (v != VERDICT_STOLEN)
			kfree_skb(seg);
	}
	return VERDICT_TRANSLATED;
}

typedef enum verdict (*journey_fn)(struct xstate *, struct sk_buff *, struct xpkt *,
				   const char **);

/* One packet's journey, traced when logging-debug asks (and it was ours). */
static enum verdict run(struct xstate *st, struct sk_buff *skb, journey_fn journey)
{
	const char *step;
	struct xpkt p;
	enum verdict v;

	v = journey(st, skb, &p, &step);

	if (unlikely(st->g->log_debug) && p.skb)
		trace(st, &p, step, v);
	return v;
}

static enum verdict run_6to4(struct xstate *st, struct sk_buff *skb)
{
	return run(st, skb, journey_6to4);
}

static enum verdict run_4to6(struct xstate *st, struct sk_buff *skb)
{
	return run(st, skb, journey_4to6);
}

/*
 * Is this GSO burst (TCP or UDP) addressed to the translator? The same
 * question tuple6()/tuple4() answer, from the headers alone.
 */
static bool gso_is_ours(const struct xstate *st, struct sk_buff *skb, bool from6)
{
	struct udphdr _uh;
	const struct udphdr *uh;
	u8 proto;
	int off;

	if (from6) {
		const struct ipv6hdr *h6 = ipv6_hdr(skb);

		return rfc6052_prefix_match(&st->inst->pool6, &h6->daddr);
	}
	proto = ip_hdr(skb)->protocol;
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP)
		return false;
	off = ip_hdrlen(skb);
	uh = skb_header_pointer(skb, off, sizeof(_uh), &_uh);	/* ports: same place in TCP */
	return uh && pool4_find(st->pool4, proto == IPPROTO_TCP ? L4_TCP : L4_UDP,
				taddr_key(ip_hdr(skb)->daddr, ntohs(uh->dest)));
}

/*
 * The hook's packet. A GSO burst that is ours goes through the path whole
 * when gso.c admits it; otherwise (tunnels, extension headers, IPv4
 * options, shared skbs...) it is cut into the wire packets it stands for,
 * and each makes the whole journey.
 */
static enum verdict entry(struct jool_instance *inst, struct sk_buff *skb,
			  enum verdict (*run)(struct xstate *, struct sk_buff *))
{
	struct sk_buff *segs, *seg, *next;
	bool from6 = run == run_6to4;
	struct xstate st;
	enum verdict v;

	state_init(&st, inst);
	received(&st, from6);
	if (!st.g->enabled) {
		/* manually-enabled false: not translating */
		jstat_inc(inst, JSTAT_XLATOR_DISABLED);
		return VERDICT_CONTINUE;
	}
	if (!skb_is_gso(skb))
		return run(&st, skb);
	/* Only bursts that are ours are cut; everything else goes on whole. */
	if (!gso_is_ours(&st, skb, from6)) {
		jstat_inc(inst, from6 ? JSTAT_POOL6_MISMATCH : JSTAT_POOL4_MISMATCH);
		return VERDICT_CONTINUE;
	}
	if (gso_admit(skb, from6))
		return run(&st, skb);
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs))
		return VERDICT_CONTINUE;	/* let the kernel deal with it */
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		v = run(&st, seg);
		if (v == VERDICT_TRANSLATED)
			consume_skb(seg);
		else if (v != VERDICT_STOLEN)
			kfree_skb(seg);
	}
	return VERDICT_TRANSLATED;
}

enum verdict core_6to4(struct jool_instance *inst, struct sk_buff *skb)
{
	return entry(inst, skb, run_6to4);
}

enum verdict core_4to6(struct jool_instance *inst, struct sk_buff *skb)
{
	return entry(inst, skb, run_4to6);
}
