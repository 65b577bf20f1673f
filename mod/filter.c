// SPDX-License-Identifier: GPL-2.0
/*
 * filter.c - RFC 6146 sections 3.5 and 3.6: "filtering and updating binding
 * and session information" and "computing the outgoing tuple", for UDP, TCP
 * and ICMP queries in both directions; the storage of IPv4-initiated SYNs
 * for simultaneous open; and session expiry.
 *
 * A packet of an existing flow takes no lock (bib.h): it finds its mapping
 * and session under RCU, refreshes the session with a cmpxchg on its word,
 * and copies the mapping (whose addresses never change) into struct
 * mapping. Anything else (a new mapping or session, a stored SYN, a lookup
 * that raced a change) is the slow path, under the protocol table's lock.
 */
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <net/icmp.h>
#include <net/route.h>
#include "core.h"
#include "log.h"
#include "params.h"
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

/* How long an IPv4 SYN waits: JOOL_SYN4_MS, unless a test lowered it. */
static unsigned long syn4_wait(void)
{
	return ms(READ_ONCE(jool_test_syn4_ms));
}

/* How long a session of @timer lives after its last refresh, in jiffies. */
unsigned long session_timeout(const struct jool_globals *g, u8 timer)
{
	switch (timer) {
	case ST_UDP:
		return ms(g->udp_ms);
	case ST_ICMP:
		return ms(g->icmp_ms);
	case ST_TCP_EST:
		return ms(g->tcp_est_ms);
	case ST_SYN4:
		return syn4_wait();
	}
	return ms(g->tcp_trans_ms);
}

/*
 * Restarts the session's lifetime after a packet; TCP runs the state
 * machine. Lock-free: a cmpxchg on the session's word, retried if another
 * CPU (the other direction, the expiry worker) changed it meanwhile; the
 * word is written only when it changes (at most once a jiffy for UDP).
 * False if the session died meanwhile: the caller takes the slow path.
 */
static bool update(struct xstate *st, u8 l4, struct session *s, enum tcp_dir dir, u8 flags)
{
	u64 old = atomic64_read(&s->w), new;
	u32 now = jiffies;

	do {
		enum tcp_state state = sw_state(old);
		u8 timer = sw_timer(old);
		u32 stamp = sw_stamp(old);

		if (timer == ST_DEAD)
			return false;
		if (l4 == L4_UDP) {
			timer = ST_UDP;
			stamp = now;
		} else if (l4 == L4_ICMP) {
			timer = ST_ICMP;
			stamp = now;
		} else {
			switch (tcp_state_packet(&state, dir, flags, st->g->handle_rst)) {
			case TCPT_KEEP:
				break;
			case TCPT_EST:
				timer = ST_TCP_EST;
				stamp = now;
				break;
			case TCPT_TRANS:
				timer = ST_TCP_TRANS;
				stamp = now;
				break;
			case TCPT_SYN4:
				timer = ST_SYN4;
				stamp = now;
				break;
			}
			/* Every session must count toward some timeout, whatever the packet said. */
			if (timer == ST_NONE) {
				timer = ST_TCP_TRANS;
				stamp = now;
			}
		}
		new = sw_make(stamp, state, timer);
		if (new == old)
			return true;
	} while (!atomic64_try_cmpxchg(&s->w, &old, new));
	return true;
}

/*
 * Does the instance hold max-sessions sessions? Under one table's lock, so
 * the sum may be off by the creations racing on the other two tables at
 * this instant (at most one each per CPU): the cap holds within that.
 */
static bool at_cap(struct xstate *st)
{
	const struct bib_table *t = st->inst->tables;
	u64 n = 0;
	int i;

	for (i = 0; i < L4_COUNT; i++)
		n += READ_ONCE(t[i].session_count);
	return n >= st->g->max_sessions;
}

/*
 * RFC 6888 REQ-11: a flow refused for want of resources is dropped and the
 * sender told "host unreachable" (icmp(v6)_send rate-limit these as every
 * error the kernel originates); existing mappings are never evicted to make
 * room.
 */
static enum verdict refuse6(struct xstate *st, struct xpkt *p)
{
	icmp6_error(st->inst, p->skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0);
	return drop(st, JSTAT_SESSION_LIMIT);
}

static enum verdict refuse4(struct xstate *st, struct xpkt *p)
{
	icmp4_error(st->inst, p->skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	return drop(st, JSTAT_SESSION_LIMIT);
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

/* RFC 6146 3.5.1.1 (UDP), 3.5.2.2 (TCP), 3.5.3 (ICMP): the slow path, under t->lock. */
static enum verdict filter6_slow(struct xstate *st, struct xpkt *p, struct mapping *m,
				 __be32 dst4)
{
	struct jool_instance *inst = st->inst;
	struct bib_table *t = &inst->tables[p->l4];
	struct bib_entry *b;
	struct session *s;
	u16 rport;
	int err;

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
		if (at_cap(st)) {
			spin_unlock_bh(&t->lock);
			return refuse6(st, p);
		}
		req.start = port_offset(st, p);
		/* ICMP: the remote "port" is the mapping's identifier, known once mapped. */
		b = bib_alloc(t, &p->src.a6, p->src.port, &req, dst4,
			      p->l4 == L4_ICMP ? 0 : p->dst.port, &s, &err);
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
		if (st->g->log_bib)
			jlog_bib(inst, p->l4, b, true);
		rport = p->l4 == L4_ICMP ? b->port4 : p->dst.port;
		goto new_session;
	}
	rport = p->l4 == L4_ICMP ? b->port4 : p->dst.port;
	s = session_find(b, dst4, rport);
	if (!s) {
		if (p->l4 == L4_TCP && !(p->tcp_flags & TCPF_SYN)) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_SYN6_EXPECTED);
		}
		if (at_cap(st)) {
			spin_unlock_bh(&t->lock);
			return refuse6(st, p);
		}
		s = session_add(t, b, dst4, rport);
		if (!s) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_ENOMEM);
		}
		goto new_session;
	}
	goto known;

new_session:
	if (st->g->log_session)
		jlog_session(inst, p->l4, b, s, true);
	/* Stored SYNs are under the TCP table's lock, which we hold. */
	if (p->l4 == L4_TCP && inst->nsyns)
		syn_answered(inst, b, dst4, rport);
known:
	update(st, p->l4, s, TCPDIR_FROM_V6, p->tcp_flags);	/* alive: we hold the lock */
	fill(m, b, dst4, rport);
	spin_unlock_bh(&t->lock);
	return VERDICT_CONTINUE;

no_session:
	spin_unlock_bh(&t->lock);
	return drop(st, JSTAT_SESSION_NOT_FOUND);
}

enum verdict filter6(struct xstate *st, struct xpkt *p, struct mapping *m)
{
	struct jool_instance *inst = st->inst;
	struct bib_table *t = &inst->tables[p->l4];
	struct bib_entry *b;
	struct session *s;
	__be32 dst4;
	u16 rport;

	/* RFC 6052 2.2: a /64 prefix leaves bits 64-71 (the "u" octet) zero. */
	if (inst->pool6.len == 64 && p->dst.a6.s6_addr[8])
		return drop(st, JSTAT_UNTRANSLATABLE_DST6);
	dst4 = extract4(&inst->pool6, &p->dst.a6);
	if (untranslatable4(dst4))
		return drop(st, JSTAT_UNTRANSLATABLE_DST4);
	if (p->l4 == L4_ICMP && !p->is_error && st->g->drop_icmp6_info)
		return drop(st, JSTAT_ICMP6_FILTER);

	/* The fast path: an existing flow, no lock (see the top of this file). */
	b = bib_lookup6(t, &p->src.a6, p->src.port);
	if (b) {
		rport = p->l4 == L4_ICMP ? b->port4 : p->dst.port;
		s = session_lookup(b, dst4, rport);
		if (s && (p->is_error || update(st, p->l4, s, TCPDIR_FROM_V6, p->tcp_flags))) {
			fill(m, b, dst4, rport);
			return VERDICT_CONTINUE;
		}
	}
	return filter6_slow(st, p, m, dst4);
}

/*
 * Keeps an IPv4-initiated SYN for JOOL_SYN4_MS (test_syn4_ms in tests): if
 * the IPv6 node opens the same connection meanwhile (simultaneous open) it is
 * discarded; otherwise the expiry worker answers ICMP port unreachable.
 * Called with the TCP table's lock held; takes ownership of the skb on
 * VERDICT_STOLEN.
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
	ss->stored = jiffies;
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

static enum verdict filter4_slow(struct xstate *st, struct xpkt *p, struct mapping *m)
{
	struct jool_instance *inst = st->inst;
	struct bib_table *t = &inst->tables[p->l4];
	bool syn = p->l4 == L4_TCP && (p->tcp_flags & TCPF_SYN);
	struct bib_entry *b;
	struct session *s;
	enum verdict v;
	u16 rport;

	spin_lock_bh(&t->lock);
	b = bib_find4(t, p->dst.a4, p->dst.port);
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
		if (at_cap(st)) {
			spin_unlock_bh(&t->lock);
			return refuse4(st, p);
		}
		s = session_add(t, b, p->src.a4, rport);
		if (!s) {
			spin_unlock_bh(&t->lock);
			return drop(st, JSTAT_ENOMEM);
		}
		if (st->g->log_session)
			jlog_session(inst, p->l4, b, s, true);
	}
	update(st, p->l4, s, TCPDIR_FROM_V4, p->tcp_flags);	/* alive: we hold the lock */
	fill(m, b, p->src.a4, rport);
	spin_unlock_bh(&t->lock);
	return VERDICT_CONTINUE;
}

enum verdict filter4(struct xstate *st, struct xpkt *p, struct mapping *m)
{
	struct bib_table *t = &st->inst->tables[p->l4];
	struct bib_entry *b;
	struct session *s;
	u16 rport;

	if (untranslatable4(p->src.a4))
		return drop(st, JSTAT46_SRC);

	/* The fast path: an existing flow, no lock (see the top of this file). */
	b = bib_lookup4(t, p->dst.a4, p->dst.port);
	if (b) {
		rport = p->l4 == L4_ICMP ? p->dst.port : p->src.port;
		s = session_lookup(b, p->src.a4, rport);
		if (s && (p->is_error ||
			  update(st, p->l4, s, TCPDIR_FROM_V4, p->tcp_flags))) {
			fill(m, b, p->src.a4, rport);
			return VERDICT_CONTINUE;
		}
	}
	return filter4_slow(st, p, m);
}

/* --- expiry --- */

/*
 * One run of the expiry worker looks at max(EXPIRE_UNITS, n / EXPIRE_RUNS)
 * units (entries and sessions) of a table of n, and runs again after
 * EXPIRE_PAUSE while a sweep is under way: a table of up to 4096 units is
 * swept twice a second, a million sessions in ~26 s, any bigger table in
 * ~30 s (as conntrack's gc, a session may outlive its timeout by that much),
 * for a cost proportional to the table that stays below about 1 % of a CPU
 * natively; and never more than BIB_BATCH units per hold of the lock.
 */
#define EXPIRE_UNITS 4096
#define EXPIRE_RUNS 300
#define EXPIRE_PAUSE (HZ / 10)

struct expiry {
	struct jool_instance *inst;
	unsigned long timeout[ST_COUNT];	/* the globals' at the start of the run */
	u32 now;
};

/*
 * One entry's sessions whose lifetime ran out: ESTABLISHED ones are probed
 * (RFC 6146 3.5.2.2: they get tcp-trans-timeout more), the others die. The
 * verdict is a cmpxchg from the word judged, so a packet that refreshed the
 * session meanwhile keeps it alive. Under t->lock.
 */
static bool expire_fn(struct bib_table *t, struct bib_entry *b, void *arg, unsigned int *budget)
{
	const struct expiry *e = arg;
	struct session *s = session_next(b, 0, true), *next;
	bool mid = false;	/* t->exp_rkey is a session of @b */
	struct bib_pos pos;

	/* Back inside the entry the last batch stopped in: after what it judged. */
	bib_pos_of(b, &pos);
	if (t->exp_mid && pos.tree == t->exp_pos.tree && pos.key == t->exp_pos.key) {
		s = session_next(b, t->exp_rkey, false);
		mid = true;
	}
	t->exp_mid = false;
	for (; s; s = next) {
		u64 old = atomic64_read(&s->w);
		enum tcp_state state = sw_state(old);
		u8 timer = sw_timer(old);
		bool last;

		if (!*budget) {
			t->exp_mid = mid;	/* bib_walk_some() resumes at @b */
			return false;
		}
		(*budget)--;
		t->exp_rkey = taddr_key(s->raddr, s->rport);
		mid = true;
		next = session_next(b, t->exp_rkey, false);
		/* Differences of 32-bit stamps: right for any timeout below 2^31 jiffies. */
		if (timer >= ST_COUNT || e->now - sw_stamp(old) < e->timeout[timer])
			continue;
		if (t->l4 == L4_TCP && tcp_state_expire(&state) == TCPX_PROBE) {
			struct mapping m;

			if (!atomic64_try_cmpxchg(&s->w, &old, sw_make(e->now, state, ST_TCP_TRANS)))
				continue;
			fill(&m, b, s->raddr, s->rport);
			send_probe6(e->inst, &m);
			continue;
		}
		if (!atomic64_try_cmpxchg(&s->w, &old, sw_make(sw_stamp(old), state, ST_DEAD)))
			continue;
		last = session_is_last(b, s);
		session_remove(t, b, s);	/* logs what goes */
		if (last)
			return true;		/* @b went with it */
	}
	return true;
}

/* Up to EXPIRE_UNITS of the table from where the last run stopped; true at its end. */
static bool expire_table(struct expiry *e, struct bib_table *t)
{
	u64 n = READ_ONCE(t->session_count) + READ_ONCE(t->bib_count);

	e->now = jiffies;
	return bib_walk_some(t, &t->exp_pos, expire_fn, e,
			     max_t(u64, EXPIRE_UNITS, n / EXPIRE_RUNS));
}

static void expire_syns(struct jool_instance *inst)
{
	struct bib_table *t = &inst->tables[L4_TCP];
	/*
	 * One wait for the whole list, which is in storage order: a SYN's
	 * deadline is its storage time plus the wait in force now, so lowering
	 * test_syn4_ms shortens the SYNs already stored too, and keeps the
	 * deadlines in list order.
	 */
	unsigned long wait = syn4_wait();
	struct stored_syn *ss, *tmp;
	LIST_HEAD(expired);

	spin_lock_bh(&t->lock);
	list_for_each_entry_safe(ss, tmp, &inst->syns, list) {
		if (time_before(jiffies, ss->stored + wait))
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

/*
 * Each run looks at up to EXPIRE_UNITS entries and sessions per table, in
 * batches of BIB_BATCH per hold of the table's lock, and goes on from there
 * at the next run: work per run and per lock hold is bounded whatever the
 * table's size. A run that did not reach a table's end comes back sooner.
 * The timeouts are the globals' at the start of the run (the walk sleeps
 * between batches, so it cannot hold rcu_read_lock()): a session lives
 * after its last refresh for the timeout configured now, not at the refresh.
 */
void jool_expire(struct work_struct *work)
{
	struct jool_instance *inst = container_of(to_delayed_work(work),
						  struct jool_instance, expirer);
	struct expiry e = { .inst = inst };
	const struct jool_globals *g;
	bool done = true;
	int i;

	rcu_read_lock();
	g = rcu_dereference(inst->globals);
	/* Differences of 32-bit stamps are right below 2^31 jiffies. */
	for (i = 0; i < ST_COUNT; i++)
		e.timeout[i] = min_t(unsigned long, session_timeout(g, i), S32_MAX);
	rcu_read_unlock();
	for (i = 0; i < L4_COUNT; i++)
		done &= expire_table(&e, &inst->tables[i]);
	expire_syns(inst);
	queue_delayed_work(jool_wq, &inst->expirer, done ? HZ / 2 : EXPIRE_PAUSE);
}
