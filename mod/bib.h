/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bib.h - the Binding Information Bases and session tables of RFC 6146
 * section 3.1, one pair per protocol (TCP, UDP, ICMP) per instance.
 *
 * Indexes of one protocol's table:
 *  - tree6: every BIB entry, by IPv6 transport address (6->4 lookups,
 *    displays, dump cursors);
 *  - one "domain tree" per pool4 cluster (the marks that share transport
 *    addresses, pool4.h; named by its smallest mark), by IPv4 transport
 *    address, holding exactly the entries whose IPv4 transport address lies
 *    in that cluster's pool4 domains, whichever mark they were made for,
 *    augmented with subtree sizes so that allocation finds the first free
 *    transport address at or after any slot in O(log n) (bib.c);
 *  - "unpooled": entries whose IPv4 address is no longer in pool4 (removed
 *    with --quick): they keep their IPv6 side's mapping until their sessions
 *    die, but receive nothing from IPv4;
 *  - per BIB entry, its sessions by remote IPv4 transport address;
 *  - per timeout class, the sessions in order of expiry.
 *
 * Locking: one spinlock per protocol table (taken with BHs disabled) guards
 * all of the above; the packet path holds it from lookup to update, so a
 * packet sees and leaves a consistent table. The pool4 snapshot a table's
 * domain trees match is the one the caller passes in; a pool4 change moves
 * the entries it concerns (bib_pool4_changed) in batches of bounded size,
 * releasing the lock in between: no configuration path holds it (BHs off)
 * for work that grows with the table.
 */
#ifndef _JOOL_MOD_BIB_H
#define _JOOL_MOD_BIB_H

#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/in6.h>
#include "pool4.h"
#include "tcp_state.h"

enum sess_timer { ST_UDP, ST_ICMP, ST_TCP_EST, ST_TCP_TRANS, ST_SYN4, ST_COUNT };

struct bib_entry {
	struct rb_node node4;	/* in a domain tree or the unpooled tree */
	struct rb_node node6;	/* in tree6 */
	struct rb_root sessions;
	struct in6_addr addr6;
	__be32 addr4;
	u32 subtree;		/* nodes in this node4 subtree (augmented) */
	u32 mark;		/* its domain tree (a cluster), when pooled */
	u16 port6, port4;
	u8 is_static;
	u8 pooled;
};

struct session {
	struct rb_node node;	/* in bib->sessions, by (raddr, rport) */
	struct list_head expiry;/* in table->expiry[timer] */
	struct bib_entry *bib;
	unsigned long expires;	/* jiffies */
	__be32 raddr;		/* the IPv4 node */
	u16 rport;
	u8 state;		/* enum tcp_state (TCP only) */
	u8 timer;		/* enum sess_timer */
};

struct mark_tree {
	struct rb_node node;	/* in table->marks, by mark */
	u32 mark;
	struct rb_root root;	/* bib_entry.node4 */
};

struct jool_instance;

struct bib_table {
	spinlock_t lock;
	struct jool_instance *inst;	/* its owner, for logging-bib/-session */
	u8 l4;
	struct rb_root tree6;
	struct rb_root marks;		/* struct mark_tree */
	struct rb_root unpooled;	/* bib_entry.node4 */
	struct list_head expiry[ST_COUNT];
	u64 bib_count, session_count;
	bool migrating;		/* a pool4 change is being applied (bib_pool4_changed) */
	u32 static_count;		/* static entries (quotas: privilege.c) */
};

/* Parameters of a mapping request (6->4, new BIB entry). */
struct bib_alloc_req {
	const struct pool4 *pool;
	const struct pool4_dom *dom;
	u64 start;		/* RFC 6056 offset, any u64 (taken mod slots) */
};

int bib_init_caches(void);
void bib_exit_caches(void);
void bib_table_init(struct bib_table *t, u8 l4);
/* Frees everything; no packet may be using the table any more. */
void bib_table_destroy(struct bib_table *t);

/* All of these need t->lock. */
struct bib_entry *bib_find6(struct bib_table *t, const struct in6_addr *a, u16 port);
struct bib_entry *bib_find4(struct bib_table *t, __be32 a, u16 port, const struct pool4 *pool);
/* New dynamic entry for (a6, port6) masked from req's domain; NULL: exhausted (-ENOSPC) or -ENOMEM. */
struct bib_entry *bib_alloc(struct bib_table *t, const struct in6_addr *a6, u16 port6,
			    const struct bib_alloc_req *req, int *err);
/*
 * A static entry; 0 also when the same mapping exists (a dynamic one becomes
 * static), as Jool 4; -EEXIST (*@clash set) when either transport address
 * is mapped otherwise; -EINVAL when (@a4, @port4) is not in @pool.
 */
int bib_add_static(struct bib_table *t, const struct in6_addr *a6, u16 port6,
		   __be32 a4, u16 port4, const struct pool4 *pool, struct bib_entry **clash);
void bib_remove(struct bib_table *t, struct bib_entry *b);

struct session *session_find(struct bib_entry *b, __be32 raddr, u16 rport);
/* Does @b have a session with @raddr (any port)? For address-dependent filtering. */
bool session_has_addr(struct bib_entry *b, __be32 raddr);
struct session *session_add(struct bib_table *t, struct bib_entry *b, __be32 raddr, u16 rport);
void session_touch(struct bib_table *t, struct session *s, enum sess_timer timer,
		   unsigned long timeout);
void session_remove(struct bib_table *t, struct session *s);

/* Does removing @s remove its BIB entry too (a dynamic one's last session)? */
static inline bool session_is_last(const struct session *s)
{
	return !s->bib->is_static && s->node.rb_left == NULL && s->node.rb_right == NULL &&
	       rb_parent(&s->node) == NULL;
}

/*
 * A pool4 change, in three steps, all under the instance's configuration
 * mutex: bib_pool4_changing() before publishing the new pool4, then an RCU
 * grace period (so that every packet uses the new one), then
 * bib_pool4_changed(): entries inside @evict (its protocols, prefix and
 * ports, whatever the mark; NULL: none) are removed with their sessions,
 * static ones included, as Jool 4 does on `pool4 remove/flush` without
 * --quick; every other entry goes to the domain tree of its IPv4 transport
 * address in @new, or, outside it, is kept as unpooled ("orphaned" in
 * Jool's words: back in service if pool4 gets its address again). Both take
 * t->lock; bib_pool4_changed() drops it between batches and may sleep.
 */
void bib_pool4_changing(struct bib_table *t);

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
 * Removes @b and its sessions, logging each (logging-bib/-session), one unit
 * of *@budget per session; false if the budget ran out first (@b is still
 * there, with fewer sessions). Under t->lock.
 */
bool bib_evict(struct bib_table *t, struct bib_entry *b, unsigned int *budget);
void bib_pool4_changed(struct bib_table *t, const struct pool4 *new,
		       const struct pool4_change *evict);

#endif
