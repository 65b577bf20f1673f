/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bib.h - the Binding Information Bases and session tables of RFC 6146
 * section 3.1, one pair per protocol (TCP, UDP, ICMP) per instance.
 *
 * Indexes of one protocol's table:
 *  - hash6 and hash4: every BIB entry, by IPv6 and by IPv4 transport
 *    address (rhashtables: RCU lookups, per-bucket locks, a random seed per
 *    table, rehashed when a chain grows long, so they cannot be flooded);
 *    the packet path finds its mapping here;
 *  - one "domain tree" per pool4 cluster (the marks that share transport
 *    addresses, pool4.h; named by its smallest mark), by IPv4 transport
 *    address, holding exactly the entries whose IPv4 transport address lies
 *    in that cluster's pool4 domains, whichever mark they were made for,
 *    augmented with subtree sizes so that allocation finds the first free
 *    transport address at or after any slot in O(log n) (bib.c);
 *  - "unpooled": entries whose IPv4 address is no longer in pool4 (removed
 *    with --quick): they keep their IPv6 side's mapping until their sessions
 *    die, but receive nothing from IPv4;
 *  - per BIB entry, its first session inside the entry and the others in an
 *    rbtree by remote IPv4 transport address, which packets descend without
 *    a lock (below).
 * Every entry is in exactly one domain or unpooled tree, so these trees in
 * turn (domain trees by mark, then unpooled) are the order of displays, dump
 * cursors and the resumable walks of expiry and configuration changes (struct
 * bib_pos): IPv4 transport address order, as Jool 4 displays its BIB.
 * Memory: an entry is 96 bytes with its first session, so a mapping used by
 * one session (the common case of a subscriber's many destinations) costs 96
 * bytes of slab; every further session of a mapping 56.
 * There are no expiry lists: a session's last refresh is a timestamp in its
 * own word (struct session), and the expiry worker walks the table in
 * bounded batches comparing it (as conntrack's gc does with ct->timeout).
 *
 * Locking and RCU:
 *  - Packets of existing flows take no lock and write nothing shared: under
 *    rcu_read_lock() (the hook's), a lookup in hash6/hash4, a lockless
 *    descent of the entry's session tree (rbtree's rotations keep a lockless
 *    descent finite; it may miss an entry that moves, never find a wrong
 *    one), and a cmpxchg on the session's own word. Whatever is not found
 *    that way (a new flow, or a descent that raced a rotation) takes the slow
 *    path: t->lock, and the same lookups again, now exact.
 *  - t->lock (taken with BHs disabled) serialises every change of structure:
 *    creating and deleting entries and sessions, all the trees, the counts.
 *    Creation is one per new flow, never per packet.
 *  - A BIB entry's addresses never change once it is published. A session's
 *    word (state, timer, stamp) changes only by cmpxchg: packets refresh it,
 *    the expiry worker probes or kills it. Killing (ST_DEAD) is a cmpxchg
 *    from the word the worker judged expired, so a packet that refreshed it
 *    meanwhile wins and the session stays. A dead session and a dead entry
 *    are unlinked in the same t->lock section that killed them, and freed
 *    after a grace period (call_rcu): lockless readers may still hold them,
 *    see them dead, and take the slow path.
 *  - The pool4 snapshot a table's domain trees match is the one the caller
 *    passes in; a pool4 change moves the entries it concerns
 *    (bib_pool4_changed) in batches of bounded size, releasing the lock in
 *    between: no configuration path holds it (BHs off) for work that grows
 *    with the table.
 */
#ifndef _JOOL_MOD_BIB_H
#define _JOOL_MOD_BIB_H

#include <linux/atomic.h>
#include <linux/rbtree.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/in6.h>
#include "pool4.h"
#include "tcp_state.h"

/*
 * Which timeout a session's stamp counts toward (ST_NONE: none yet). A
 * session is alive up to ST_NONE. An entry's first session slot starts as
 * ST_VACANT (a static entry's, until its first session) and goes from vacant
 * to alive to ST_DEAD once: never reused, so a lockless reader that saw it
 * alive knows its remote address is the one it was created with.
 */
enum sess_timer { ST_UDP, ST_ICMP, ST_TCP_EST, ST_TCP_TRANS, ST_SYN4, ST_COUNT,
		  ST_NONE = ST_COUNT, ST_DEAD, ST_VACANT };

/*
 * A session: its remote transport address never changes; its mutable part is
 * one word changed only by cmpxchg: bits 0-31 the jiffies of its last
 * refresh, 32-39 its enum tcp_state, 40-47 its enum sess_timer.
 */
struct session {
	__be32 raddr;		/* the IPv4 node */
	u16 rport;
	/*
	 * Two bytes that would be padding: an entry's first session holds
	 * the entry's flags here (bib_static(), bib_pooled()), which keeps
	 * struct bib_entry at 96 bytes. Written under t->lock only.
	 */
	u8 e_static;
	u8 e_pooled;
	atomic64_t w;
};

/* A session other than its entry's first. */
struct session_node {
	struct rb_node node;	/* in bib->sessions, by (raddr, rport) */
	struct session s;
	struct rcu_head rcu;
};

/*
 * What a packet of a flow reads, both directions (hash links, keys,
 * addresses and the first session), is in the first 56 bytes.
 */
struct bib_entry {
	struct rhash_head h6, h4;	/* in hash6 and hash4 */
	/* Keys, each contiguous: hash6's addr6 and port6, hash4's port4 and addr4. */
	struct in6_addr addr6;
	u16 port6;
	u16 port4;
	__be32 addr4;
	struct session first;
	u32 subtree;		/* nodes in this node4 subtree (augmented) */
	u32 mark;		/* its domain tree (a cluster), when pooled */
	union {
		struct rb_node node4;	/* in a domain tree or the unpooled tree */
		struct rcu_head rcu;	/* once unlinked: readers never use node4 */
	};
	struct rb_root sessions;	/* struct session_node, by (raddr, rport) */
};

static inline bool bib_static(const struct bib_entry *b) { return b->first.e_static; }
static inline bool bib_pooled(const struct bib_entry *b) { return b->first.e_pooled; }

static inline u64 sw_make(u32 stamp, u8 state, u8 timer)
{
	return (u64)stamp | (u64)state << 32 | (u64)timer << 40;
}

static inline u32 sw_stamp(u64 w) { return (u32)w; }
static inline u8 sw_state(u64 w) { return (u8)(w >> 32); }
static inline u8 sw_timer(u64 w) { return (u8)(w >> 40); }
static inline bool sw_alive(u64 w) { return sw_timer(w) <= ST_NONE; }

struct mark_tree {
	struct rb_node node;	/* in table->marks, by mark */
	u32 mark;
	struct rb_root root;	/* bib_entry.node4 */
};

struct jool_instance;

/*
 * A place in the walk order: the tree (a domain tree's mark, or
 * BIB_UNPOOLED after all of them) and a key (taddr_key) within it.
 */
struct bib_pos {
	u64 tree;
	u64 key;
};
#define BIB_UNPOOLED (1ULL << 32)

struct bib_table {
	spinlock_t lock;
	struct jool_instance *inst;	/* its owner, for logging-bib/-session */
	u8 l4;
	struct rhashtable hash6, hash4;
	struct rb_root marks;		/* struct mark_tree */
	struct rb_root unpooled;	/* bib_entry.node4 */
	u64 bib_count, session_count;
	u32 static_count;		/* static entries (quotas: privilege.c) */
	/*
	 * The expiry worker's place (filter.c): an entry and, when it stopped
	 * inside that entry's sessions, the last remote key it judged.
	 */
	struct bib_pos exp_pos;
	bool exp_mid;
	u64 exp_rkey;
};

/* Parameters of a mapping request (6->4, new BIB entry). */
struct bib_alloc_req {
	const struct pool4 *pool;
	const struct pool4_dom *dom;
	u64 start;		/* RFC 6056 offset, any u64 (taken mod slots) */
};

int bib_init_caches(void);
/* Waits for every entry and session freed after a grace period. */
void bib_exit_caches(void);
int bib_table_init(struct bib_table *t, u8 l4);
/* Frees everything; no packet may be using the table any more. */
void bib_table_destroy(struct bib_table *t);

/*
 * The packet path's lookups, without t->lock (under rcu_read_lock()): NULL
 * when absent, or (sessions) dead or missed by a descent that raced a change;
 * the caller then takes t->lock and asks again with the functions below. An
 * entry being removed may still be found; its sessions are dead before it is
 * unlinked, so nothing is translated with it that a packet did not refresh
 * first.
 */
struct bib_entry *bib_lookup6(struct bib_table *t, const struct in6_addr *a, u16 port);
struct bib_entry *bib_lookup4(struct bib_table *t, __be32 a, u16 port);
struct session *session_lookup(struct bib_entry *b, __be32 raddr, u16 rport);

/* All of these need t->lock. */
struct bib_entry *bib_find6(struct bib_table *t, const struct in6_addr *a, u16 port);
struct bib_entry *bib_find4(struct bib_table *t, __be32 a, u16 port);
/* New dynamic entry for (a6, port6) masked from req's domain, with its first session
 * to (@raddr, @rport) in *@s; NULL: exhausted (-ENOSPC) or -ENOMEM. */
struct bib_entry *bib_alloc(struct bib_table *t, const struct in6_addr *a6, u16 port6,
			    const struct bib_alloc_req *req, __be32 raddr, u16 rport,
			    struct session **s, int *err);
/*
 * A static entry; 0 also when the same mapping exists (a dynamic one becomes
 * static), as Jool 4; -EEXIST (*@clash set) when either transport address
 * is mapped otherwise; -EINVAL when (@a4, @port4) is not in @pool.
 */
int bib_add_static(struct bib_table *t, const struct in6_addr *a6, u16 port6,
		   __be32 a4, u16 port4, const struct pool4 *pool, struct bib_entry **clash);

struct session *session_find(struct bib_entry *b, __be32 raddr, u16 rport);
/*
 * The live session of @b with the smallest remote key (taddr_key) above @k
 * (at or above it if @incl), or NULL: the order of displays and expiry.
 */
struct session *session_next(struct bib_entry *b, u64 k, bool incl);
/* Does @b have a session with @raddr (any port)? For address-dependent filtering. */
bool session_has_addr(struct bib_entry *b, __be32 raddr);
/* A new session of @b (none may exist for this remote); NULL: no memory. */
struct session *session_add(struct bib_table *t, struct bib_entry *b, __be32 raddr, u16 rport);
/* Removes @s, and @b with it when it was a dynamic entry's last session. */
void session_remove(struct bib_table *t, struct bib_entry *b, struct session *s);

/* Does removing @s remove its BIB entry @b too (a dynamic one's last session)? */
static inline bool session_is_last(const struct bib_entry *b, const struct session *s)
{
	const struct rb_node *n = b->sessions.rb_node;

	if (bib_static(b))
		return false;
	if (s == &b->first)
		return n == NULL;
	/* The first session can be dead while later ones live on. */
	return !sw_alive(atomic64_read(&b->first.w)) && n && !n->rb_left && !n->rb_right &&
	       &container_of(s, struct session_node, s)->node == n;
}

/*
 * A pool4 change, under the instance's configuration mutex: the caller
 * publishes the new pool4 and waits for an RCU grace period (so that every
 * packet uses the new one), then calls bib_pool4_changed(): entries inside
 * @evict (its protocols, prefix and ports, whatever the mark; NULL: none)
 * are removed with their sessions, static ones included, as Jool 4 does on
 * `pool4 remove/flush` without --quick; every other entry goes to the domain
 * tree of its IPv4 transport address in @new, or, outside it, is kept as
 * unpooled ("orphaned" in Jool's words: back in service if pool4 gets its
 * address again). It takes t->lock in batches and may sleep.
 */
/* Work units (entries, sessions) a configuration path may do per hold of t->lock. */
#define BIB_BATCH 256
/*
 * Called under t->lock on each entry; spends *@budget (a unit is already
 * spent for @b); returns false to be called on @b again in the next batch.
 */
typedef bool (*bib_walk_fn)(struct bib_table *t, struct bib_entry *b, void *arg,
			    unsigned int *budget);
/* Calls @fn on every entry of @t, BIB_BATCH units per hold of t->lock. Sleeps. */
void bib_walk(struct bib_table *t, bib_walk_fn fn, void *arg);
/*
 * The same from the cursor @pos on, for about @units units; true when it
 * reached the end (and the cursor went back to the start).
 */
bool bib_walk_some(struct bib_table *t, struct bib_pos *pos,
		   bib_walk_fn fn, void *arg, unsigned long units);
/* Where @b is in the walk order. */
void bib_pos_of(const struct bib_entry *b, struct bib_pos *pos);
/* The first entry at @pos or after it (strictly after if @after); under t->lock. */
struct bib_entry *bib_seek(struct bib_table *t, const struct bib_pos *pos, bool after);
/* The entry after @b in the walk order; under t->lock. */
struct bib_entry *bib_next(struct bib_table *t, struct bib_entry *b);
/*
 * Removes @b and its sessions, logging each (logging-bib/-session), one unit
 * of *@budget per session; false if the budget ran out first (@b is still
 * there, with fewer sessions). Under t->lock.
 */
bool bib_evict(struct bib_table *t, struct bib_entry *b, unsigned int *budget);
void bib_pool4_changed(struct bib_table *t, const struct pool4 *new,
		       const struct pool4_change *evict);

#endif
