// SPDX-License-Identifier: GPL-2.0
/*
 * filter.c - RFC 6146 sections 3.5 and 3.6: "filtering and updating binding
 * and session information" and "computing the outgoing tuple", for UDP, TCP
 * and ICMP queries in both directions; the storage of IPv4-initiated SYNs
 * for simultaneous open; and session expiry.
 *
 * Each packet holds its protocol table's lock from lookup to the copy of the
 * mapping into struct mapping, so translation works on a consistent snapshot
 * of its session without holding any lock.
 */
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <net/icmp.h>
#include <net/route.h>
#include "core.h"
#include "log.h"
#include "rfc6052.h"

static enum verdict drop(struct xstate *st, enum jool_stat stat)
{
	jstat_inc(st->inst, stat);
	return VERDICT_DROP;
}

/* RFC 6890 / RFC 7915 4.1: addresses a translator must never produce. */
static bool untranslatable4(__be32 a)
{
	/* 0.0.0.0/8 ("this network"; ipv4_is_zeronet() only knows 0.0.0.0). */
	return !(ntohl(a) >> 24) || ipv4_is_loopback(a) || ipv4_is_multicast(a) ||
	       ipv4_is_lbcast(a) || (ntohl(a) & 0xf0000000) == 0xf0000000;
}

static void fill(struct mapping *m, const struct bib_entry *b, __be32 raddr, u16 rport)
{
	m->addr6 = b->addr6;
	m->port6 = b->port6;
	m->addr4 = b->addr4;
	m->port4 = b->port4;
	m->raddr4 = raddr;
	m->rport = rport;
}

/* RFC 6056 algorithm 3's F(): a keyed hash of the fields f-args selects. */
static u64 port_offset(struct xstate *st, struct xpkt *p)
{
	u8 f = st->g->f_args;
	u8 buf[2 * sizeof(struct in6_addr) + 4];
	unsigned int len = 0;

	if (f & JOOL_FARGS_SRC_ADDR) {
		memcpy(buf + len, &p->src.a6, 16);
		len += 16;
	}
	if (f & JOOL_FARGS_SRC_PORT) {
		memcpy(buf + len, &p->src.port, 2);
		len += 2;
	}
	if (f & JOOL_FARGS_DST_ADDR) {
		memcpy(buf + len, &p->dst.a6, 16);
		len += 16;
	}
	if (f & JOOL_FARGS_DST_PORT) {
		memcpy(buf + len, &p->dst.port, 2);
		len += 2;
	}
	return siphash(buf, len, &st->inst->secret);
}

static unsigned long ms(u32 v)
{
	return msecs_to_jiffies(v);
}

/* Restarts the session's lifetime after a packet; TCP runs the state machine. */
static void update(struct xstate *st, struct bib_table *t, struct session *s,
		   enum tcp_dir dir, u8 flags)
{
	const struct jool_globals *g = st->g;
	enum tcp_state state;

	switch (t->l4) {
	case L4_UDP:
		session_touch(t, s, ST_UDP, ms(g->udp_ms));
		return;
	case L4_ICMP:
		session_touch(t, s, ST_ICMP, ms(g->icmp_ms));
		return;
	}
	state = s->state;
	switch (tcp_state_packet(&state, dir, flags, g->handle_rst)) {
	case TCPT_KEEP:
		break;
	case TCPT_EST:
		session_touch(t, s, ST_TCP_EST, ms(g->tcp_est_ms));
		break;
	case TCPT_TRANS:
		session_touch(t, s, ST_TCP_TRANS, ms(g->tcp_trans_ms));
		break;
	case TCPT_SYN4:
		session_touch(t, s, ST_SYN4, msecs_to_jiffies(JOOL_SYN4_MS));
		break;
	}
	s->state = state;
	/* Every session must be on some expiry list, whatever the packet said. */
	if (s->timer == ST_COUNT)
		session_touch(t, s, ST_TCP_TRANS, ms(g->tcp_trans_ms));
}

/* A stored IPv4 SYN that this IPv6 SYN answers (simultaneous open) goes. */
static void syn_answered(struct jool_instance *inst, const struct bib_entry *b,
			 __be32 raddr, u16 rport)
{
	u64 dk = taddr_key(b->addr4, b->port4), sk = taddr_key(raddr, rport);
	struct stored_syn *ss;

	list_for_each_entry(ss, &inst->syns, list) {
		if (ss->dst_key == dk && ss->src_key == sk) {
			list_del(&ss->list);
			inst->nsyns--;
			kfree_skb(ss->skb);
			kfree(ss);
			return;
		}
	}
}

enum verdict filter6(struct xstate *st, struct xpkt *p, struct mapping *m)
{
	struct jool_instance *inst = st->inst;
	struct bib_table *t = &inst->tables[p->l4];
	struct bib_entry *b;
	struct session *s;
	bool new_bib = false;
	__be32 dst4;
	u16 rport;
	int err;

	/* RFC 6052 2.2: a /64 prefix leaves bits 64-71 (the "u" octet) zero. */
	if (inst->pool6.len == 64 && p->dst.a6.s6_addr[8])
		return drop(st, JSTAT_UNTRANSLATABLE_DST6);
	dst4 = extract4(&inst->pool6, &p->dst.a6);
	if (untranslatable4(dst4))
		return drop(st, JSTAT_UNTRANSLATABLE_DST4);
	if (p->l4 == L4_ICMP && !p->is_error && st->g->drop_icmp6_info)
		return drop(st, JSTAT_ICMP6_FILTER);

	spin_lock_bh(&t->lock);
	b = bib_find6(t, &p->src.a6, p->src.port);
	if (p->is_error) {
		/* Errors never create state; they need a session to belong to. */
		rport = p->l4 == L4_ICMP ? (b ? b->port4 : 0) : p->dst.port;
		if (!b || !session_find(b, dst4, rport))
			goto no_session;
		fill(m, b, dst4, rport);
		spin_unlock_bh(&t->lock);
		return VERDICT_CONTINUE;
	}
	if (!b) {
		struct bib_alloc_req req;

		if (p->l4 == L4_TCP && !(p->tcp_flags & TCPF_SYN)) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_SYN6_EXPECTED);
		}
		req.pool = st->pool4;
		/* The fallback is one address space whatever the mark. */
		req.dom = pool4_domain(st->pool4, p->l4, st->fallback ? 0 : p->skb->mark);
		if (!req.dom) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_MASK_DOMAIN_NOT_FOUND);
		}
		req.start = port_offset(st, p);
		b = bib_alloc(t, &p->src.a6, p->src.port, &req, &err);
		if (!b) {
			spin_unlock_bh(&t->lock);
			if (err == -ENOMEM)
				return drop(st, JSTAT_ENOMEM);
			/* RFC 6888 REQ-11: drop, and tell the sender "host unreachable". */
			icmp6_error(inst, p->skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0);
			/* Jool's name for "no mapping could be made", and ours for why. */
			jstat_inc(inst, JSTAT_BIB6_NOT_FOUND);
			return drop(st, JSTAT_POOL4_EXHAUSTED);
		}
		new_bib = true;
		if (st->g->log_bib)
			jlog_bib(inst, p->l4, b, true);
	}
	rport = p->l4 == L4_ICMP ? b->port4 : p->dst.port;
	s = session_find(b, dst4, rport);
	if (!s) {
		if (p->l4 == L4_TCP && !(p->tcp_flags & TCPF_SYN)) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_SYN6_EXPECTED);
		}
		s = session_add(t, b, dst4, rport);
		if (!s) {
			if (new_bib)
				bib_remove(t, b);
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_ENOMEM);
		}
		if (st->g->log_session)
			jlog_session(inst, p->l4, s, true);
		/* Stored SYNs are under the TCP table's lock, which we hold. */
		if (p->l4 == L4_TCP && inst->nsyns)
			syn_answered(inst, b, dst4, rport);
	}
	update(st, t, s, TCPDIR_FROM_V6, p->tcp_flags);
	fill(m, b, dst4, rport);
	spin_unlock_bh(&t->lock);
	return VERDICT_CONTINUE;

no_session:
	spin_unlock_bh(&t->lock);
	return drop(st, JSTAT_SESSION_NOT_FOUND);
}

/*
 * Keeps an IPv4-initiated SYN for JOOL_SYN4_MS: if the IPv6 node opens the
 * same connection meanwhile (simultaneous open) it is discarded; otherwise
 * the expiry worker answers ICMP port unreachable. Called with the TCP
 * table's lock held; takes ownership of the skb on VERDICT_STOLEN.
 */
static enum verdict store_syn(struct xstate *st, struct xpkt *p)
{
	struct jool_instance *inst = st->inst;
	u64 dk = taddr_key(p->dst.a4, p->dst.port), sk = taddr_key(p->src.a4, p->src.port);
	struct stored_syn *ss;
	const struct iphdr *h4 = ip_hdr(p->skb);

	list_for_each_entry(ss, &inst->syns, list)
		if (ss->dst_key == dk && ss->src_key == sk)
			return drop(st, JSTAT_SO_EXISTS);	/* a retransmission */
	if (inst->nsyns >= st->g->max_so) {
		icmp4_error(st->inst, p->skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
		return drop(st, JSTAT_SO_FULL);
	}
	if (!p->skb->dev)
		return drop(st, JSTAT_BIB4_NOT_FOUND);	/* hairpinned: nobody to answer */
	/* The eventual ICMP error needs the packet's route, held past RCU. */
	if (!skb_dst(p->skb) &&
	    ip_route_input_noref(p->skb, h4->daddr, h4->saddr, h4->tos, p->skb->dev))
		return drop(st, JSTAT_FAILED_ROUTES);
	skb_dst_force(p->skb);
	if (!skb_dst(p->skb))
		return drop(st, JSTAT_FAILED_ROUTES);
	/*
	 * skb->dev holds no reference, and the device may go (with its
	 * namespace) in the seconds the SYN waits; the route is all the
	 * answer needs. Expiry lends it the namespace's loopback.
	 */
	p->skb->dev = NULL;
	ss = kmalloc(sizeof(*ss), GFP_ATOMIC);
	if (!ss)
		return drop(st, JSTAT_ENOMEM);
	ss->skb = p->skb;
	ss->dst_key = dk;
	ss->src_key = sk;
	ss->expires = jiffies + msecs_to_jiffies(JOOL_SYN4_MS);
	list_add_tail(&ss->list, &inst->syns);
	inst->nsyns++;
	jstat_inc(inst, JSTAT_TYPE1PKT);
	return VERDICT_STOLEN;
}

/*
 * RFC 6146 3.5.1.1 and 3.5.2.2: a packet the filtering policy refuses may
 * be answered "communication administratively prohibited".
 */
static enum verdict prohibited(struct xstate *st, struct xpkt *p, enum jool_stat stat)
{
	icmp4_error(st->inst, p->skb, ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	return drop(st, stat);
}

enum verdict filter4(struct xstate *st, struct xpkt *p, struct mapping *m)
{
	struct jool_instance *inst = st->inst;
	struct bib_table *t = &inst->tables[p->l4];
	bool syn = p->l4 == L4_TCP && (p->tcp_flags & TCPF_SYN);
	struct bib_entry *b;
	struct session *s;
	enum verdict v;
	u16 rport;

	if (untranslatable4(p->src.a4))
		return drop(st, JSTAT46_SRC);

	spin_lock_bh(&t->lock);
	b = bib_find4(t, p->dst.a4, p->dst.port, st->pool4);
	rport = p->l4 == L4_ICMP ? p->dst.port : p->src.port;
	if (p->is_error) {
		if (!b || !session_find(b, p->src.a4, rport)) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_SESSION_NOT_FOUND);
		}
		fill(m, b, p->src.a4, rport);
		spin_unlock_bh(&t->lock);
		return VERDICT_CONTINUE;
	}
	if (!b) {
		if (syn && !st->g->drop_ext_tcp) {
			v = store_syn(st, p);
			spin_unlock_bh(&t->lock);
			return v;
		}
		spin_unlock_bh(&t->lock);
		if (syn)
			return prohibited(st, p, JSTAT_V4_SYN);
		return drop(st, JSTAT_BIB4_NOT_FOUND);
	}
	s = session_find(b, p->src.a4, rport);
	if (!s) {
		if (p->l4 == L4_TCP && !syn) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_SYN4_EXPECTED);
		}
		if (syn && st->g->drop_ext_tcp) {
			spin_unlock_bh(&t->lock);
			return prohibited(st, p, JSTAT_V4_SYN);
		}
		if (st->g->adf && !session_has_addr(b, p->src.a4)) {
			/* RFC 6146 3.5.2.2: a filtered SYN waits for its IPv6 side. */
			if (syn) {
				v = store_syn(st, p);
				spin_unlock_bh(&t->lock);
				return v;
			}
			spin_unlock_bh(&t->lock);
			return prohibited(st, p, JSTAT_ADF);
		}
		s = session_add(t, b, p->src.a4, rport);
		if (!s) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_ENOMEM);
		}
		if (st->g->log_session)
			jlog_session(inst, p->l4, s, true);
	}
	update(st, t, s, TCPDIR_FROM_V4, p->tcp_flags);
	fill(m, b, p->src.a4, rport);
	spin_unlock_bh(&t->lock);
	return VERDICT_CONTINUE;
}

/* --- expiry --- */

/* Sessions whose lifetime ran out; at most this many per list per run. */
#define EXPIRE_BATCH 65536

static void expire_table(struct jool_instance *inst, const struct jool_globals *g,
			 struct bib_table *t)
{
	int timer;

	spin_lock_bh(&t->lock);
	for (timer = 0; timer < ST_COUNT; timer++) {
		struct session *s, *tmp;
		unsigned int n = 0;

		list_for_each_entry_safe(s, tmp, &t->expiry[timer], expiry) {
			enum tcp_state state = s->state;

			if (time_before(jiffies, s->expires) || ++n > EXPIRE_BATCH)
				break;
			if (t->l4 == L4_TCP && tcp_state_expire(&state) == TCPX_PROBE) {
				struct mapping m;

				fill(&m, s->bib, s->raddr, s->rport);
				s->state = state;
				session_touch(t, s, ST_TCP_TRANS, ms(g->tcp_trans_ms));
				send_probe6(inst, &m);
				continue;
			}
			session_remove(t, s);	/* logs what goes */
		}
	}
	spin_unlock_bh(&t->lock);
}

static void expire_syns(struct jool_instance *inst)
{
	struct bib_table *t = &inst->tables[L4_TCP];
	struct stored_syn *ss, *tmp;
	LIST_HEAD(expired);

	spin_lock_bh(&t->lock);
	list_for_each_entry_safe(ss, tmp, &inst->syns, list) {
		if (time_before(jiffies, ss->expires))
			break;
		list_move_tail(&ss->list, &expired);
		inst->nsyns--;
	}
	spin_unlock_bh(&t->lock);

	list_for_each_entry_safe(ss, tmp, &expired, list) {
		/* Nobody opened it from IPv6: RFC 6146 says port unreachable. */
		local_bh_disable();
		ss->skb->dev = inst->net->loopback_dev;
		icmp4_error(inst, ss->skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
		local_bh_enable();
		kfree_skb(ss->skb);
		kfree(ss);
	}
}

void jool_syns_flush(struct jool_instance *inst)
{
	struct stored_syn *ss, *tmp;

	list_for_each_entry_safe(ss, tmp, &inst->syns, list) {
		kfree_skb(ss->skb);
		kfree(ss);
	}
	INIT_LIST_HEAD(&inst->syns);
	inst->nsyns = 0;
}

void jool_expire(struct work_struct *work)
{
	struct jool_instance *inst = container_of(to_delayed_work(work),
						  struct jool_instance, expirer);
	const struct jool_globals *g;
	int i;

	rcu_read_lock();
	g = rcu_dereference(inst->globals);
	for (i = 0; i < L4_COUNT; i++)
		expire_table(inst, g, &inst->tables[i]);
	rcu_read_unlock();
	expire_syns(inst);
	queue_delayed_work(jool_wq, &inst->expirer, HZ / 2);
}
