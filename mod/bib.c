// SPDX-License-Identifier: GPL-2.0
/*
 * bib.c - BIB entries, sessions and transport address allocation (see bib.h
 * for the indexes and the locking).
 *
 * Allocation. A domain's slots 0..n-1 are its transport addresses in order;
 * its tree holds the used ones. For the tree's nodes in order (rank j), let
 * f(j) = slot(j) - j: it never decreases, and it grows exactly where a free
 * slot lies between two used ones. So the first free slot at or after s is
 * found by two O(log n) descents: the rank i of the first node at or after s
 * and, if that node is s itself, the first rank j with f(j) > s - i; the
 * answer is s + (j - i). Past the end it wraps to slot 0 once. The cost is
 * bounded by the tree's height whatever the pool's size or occupancy, and
 * the memory is one node per mapping in use.
 *
 * Marks sharing transport addresses (pool4.h's clusters) share one tree, so
 * a transport address is never handed out twice, whichever mark asks. When
 * a domain is all of its cluster's addresses (alone, or every mark with the
 * same ranges), the tree holds only its slots and the search above is
 * exact. When it is part of them, the tree also holds keys of other
 * domains, so the search runs in raw keys (address << 16 | port, where the
 * same two descents work) one row at a time, over at most PARTIAL_ROWS rows
 * from the hashed start: O(PARTIAL_ROWS log n) per new mapping, which may
 * say "exhausted" early when that many rows in a row are full.
 * The uniqueness check itself is one lookup in one tree: O(log n).
 */
#include <linux/rbtree_augmented.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include "bib.h"
#include "instance.h"
#include "log.h"
#include "jool.h"

static struct kmem_cache *bib_cache, *session_cache;

int bib_init_caches(void)
{
	/* The memory goals of bib.h: a mapping with one session in 96 bytes. */
	BUILD_BUG_ON(sizeof(struct bib_entry) > 96);
	BUILD_BUG_ON(sizeof(struct session_node) > 56);
	/* Named for /proc/slabinfo, where operators and the tests look. */
	bib_cache = kmem_cache_create("jool_bib", sizeof(struct bib_entry),
				      __alignof__(struct bib_entry), 0, NULL);
	session_cache = kmem_cache_create("jool_session", sizeof(struct session_node),
					  __alignof__(struct session_node), 0, NULL);
	if (!bib_cache || !session_cache) {
		kmem_cache_destroy(bib_cache);
		kmem_cache_destroy(session_cache);
		return -ENOMEM;
	}
	return 0;
}

void bib_exit_caches(void)
{
	rcu_barrier();	/* entries and sessions freed after a grace period */
	kmem_cache_destroy(session_cache);
	kmem_cache_destroy(bib_cache);
}

/*
 * rhashtable seeds each table with a random value (and reseeds it when it
 * rehashes because a chain grew too long), so the Internet cannot choose
 * addresses that collide. The key of hash6 is 18 bytes, of hash4 6 bytes.
 */
static const struct rhashtable_params params6 = {
	.head_offset = offsetof(struct bib_entry, h6),
	.key_offset = offsetof(struct bib_entry, addr6),
	.key_len = sizeof(struct in6_addr) + sizeof(u16),
	.automatic_shrinking = true,
};

static const struct rhashtable_params params4 = {
	.head_offset = offsetof(struct bib_entry, h4),
	.key_offset = offsetof(struct bib_entry, port4),
	.key_len = sizeof(u16) + sizeof(__be32),
	.automatic_shrinking = true,
};

struct key6 {
	struct in6_addr addr;
	u16 port;
} __packed;

struct key4 {
	u16 port;
	__be32 addr;
} __packed;

int bib_table_init(struct bib_table *t, u8 l4)
{
	int err;

	BUILD_BUG_ON(offsetof(struct bib_entry, port6) !=
		     offsetof(struct bib_entry, addr6) + sizeof(struct in6_addr));
	BUILD_BUG_ON(offsetof(struct bib_entry, addr4) !=
		     offsetof(struct bib_entry, port4) + sizeof(u16));
	memset(t, 0, sizeof(*t));
	spin_lock_init(&t->lock);
	t->l4 = l4;
	t->marks = RB_ROOT;
	t->unpooled = RB_ROOT;
	err = rhashtable_init(&t->hash6, &params6);
	if (err)
		return err;
	err = rhashtable_init(&t->hash4, &params4);
	if (err)
		rhashtable_destroy(&t->hash6);
	return err;
}

/* --- lookups --- */

struct bib_entry *bib_lookup6(struct bib_table *t, const struct in6_addr *a, u16 port)
{
	struct key6 k = { .addr = *a, .port = port };
	return rhashtable_lookup(&t->hash6, &k, params6);
}

struct bib_entry *bib_lookup4(struct bib_table *t, __be32 a, u16 port)
{
	struct key4 k = { .addr = a, .port = port };
	return rhashtable_lookup(&t->hash4, &k, params4);
}

/* Under t->lock: entries are unlinked in the section that kills them. */
struct bib_entry *bib_find6(struct bib_table *t, const struct in6_addr *a, u16 port)
{
	struct key6 k = { .addr = *a, .port = port };

	lockdep_assert_held(&t->lock);
	return rhashtable_lookup_fast(&t->hash6, &k, params6);
}

struct bib_entry *bib_find4(struct bib_table *t, __be32 a, u16 port)
{
	struct key4 k = { .addr = a, .port = port };

	lockdep_assert_held(&t->lock);
	return rhashtable_lookup_fast(&t->hash4, &k, params4);
}

/* --- node4 trees: augmented with subtree sizes --- */

static inline u32 subtree(struct rb_node *n)
{
	return n ? rb_entry(n, struct bib_entry, node4)->subtree : 0;
}

static inline bool bib_subtree_compute(struct bib_entry *b, bool exit)
{
	u32 v = 1 + subtree(b->node4.rb_left) + subtree(b->node4.rb_right);

	if (exit && b->subtree == v)
		return true;
	b->subtree = v;
	return false;
}

RB_DECLARE_CALLBACKS(static, bib_aug, struct bib_entry, node4, subtree, bib_subtree_compute);

static inline u64 key4(const struct bib_entry *b)
{
	return taddr_key(b->addr4, b->port4);
}

static void insert4(struct rb_root *root, struct bib_entry *b)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;
	u64 k = key4(b);

	while (*link) {
		struct bib_entry *x = rb_entry(*link, struct bib_entry, node4);

		parent = *link;
		x->subtree++;
		link = k < key4(x) ? &(*link)->rb_left : &(*link)->rb_right;
	}
	b->subtree = 1;
	rb_link_node(&b->node4, parent, link);
	rb_insert_augmented(&b->node4, root, &bib_aug);
}

static struct mark_tree *mark_tree(struct bib_table *t, u32 mark, bool create)
{
	struct rb_node **link = &t->marks.rb_node, *parent = NULL;
	struct mark_tree *m;

	while (*link) {
		m = rb_entry(*link, struct mark_tree, node);
		parent = *link;
		if (mark < m->mark)
			link = &(*link)->rb_left;
		else if (mark > m->mark)
			link = &(*link)->rb_right;
		else
			return m;
	}
	if (!create)
		return NULL;
	m = kmalloc(sizeof(*m), GFP_ATOMIC);
	if (!m)
		return NULL;
	m->mark = mark;
	m->root = RB_ROOT;
	rb_link_node(&m->node, parent, link);
	rb_insert_color(&m->node, &t->marks);
	return m;
}

static struct rb_root *root4(struct bib_table *t, struct bib_entry *b)
{
	struct mark_tree *m;

	if (!bib_pooled(b))
		return &t->unpooled;
	m = mark_tree(t, b->mark, false);
	return m ? &m->root : NULL;
}

/* --- freeing: after a grace period once published --- */

static void session_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(session_cache, container_of(rcu, struct session_node, rcu));
}

static void bib_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(bib_cache, container_of(rcu, struct bib_entry, rcu));
}

static void session_kill(struct session *s)
{
	atomic64_set(&s->w, sw_make(0, TCPST_CLOSED, ST_DEAD));
}

/*
 * Kills @s (readers that hold it see ST_DEAD and take the slow path) and, if
 * it is not its entry's first, frees it after a grace period. Already
 * unlinked, or never linked.
 */
static void session_bury(struct bib_entry *b, struct session *s)
{
	session_kill(s);
	if (s != &b->first)
		call_rcu(&container_of(s, struct session_node, s)->rcu, session_free_rcu);
}

/*
 * Kills every session of @b and frees them after a grace period (@seen: a
 * reader may have seen them), or now; returns how many were alive.
 */
static u64 drop_sessions(struct bib_entry *b, bool seen)
{
	struct session_node *sn, *tmp;
	u64 n = sw_alive(atomic64_read(&b->first.w));

	session_kill(&b->first);
	rbtree_postorder_for_each_entry_safe(sn, tmp, &b->sessions, node) {
		if (seen)
			session_bury(b, &sn->s);
		else
			kmem_cache_free(session_cache, sn);
		n++;
	}
	/* Lockless descents still in it reach dead sessions or NULL. */
	WRITE_ONCE(b->sessions.rb_node, NULL);
	return n;
}

static void free_sessions(struct bib_table *t, struct bib_entry *b)
{
	t->session_count -= drop_sessions(b, true);
}

/* --- creation --- */

static void bib_fill(struct bib_entry *b, const struct in6_addr *a6, u16 port6,
		     __be32 a4, u16 port4, u32 mark, bool is_static)
{
	memset(b, 0, sizeof(*b));
	b->addr6 = *a6;
	b->port6 = port6;
	b->addr4 = a4;
	b->port4 = port4;
	b->sessions = RB_ROOT;
	b->mark = mark;
	b->first.e_pooled = 1;
	b->first.e_static = is_static;
	atomic64_set(&b->first.w, sw_make(0, TCPST_CLOSED, ST_VACANT));
}

/*
 * Brings @s to life; the release orders its remote address before the word
 * that says it is alive, which lockless readers read first (acquire).
 */
static void session_init(struct session *s, __be32 raddr, u16 rport)
{
	s->raddr = raddr;
	s->rport = rport;
	atomic64_set_release(&s->w, sw_make(jiffies, TCPST_CLOSED, ST_NONE));
}

/*
 * Makes @b visible: hash6, hash4. Its first session is still vacant, so a
 * reader that finds it before it is complete takes the slow path. On failure
 * (no memory for a bucket table, or rhashtable refusing a chain too long
 * while it rehashes) @b is freed after a grace period, as a reader may have
 * seen it in hash6.
 */
static int publish(struct bib_table *t, struct bib_entry *b)
{
	int err = rhashtable_lookup_insert_fast(&t->hash6, &b->h6, params6);

	if (err) {
		kmem_cache_free(bib_cache, b);
		return err == -EEXIST ? -EEXIST : -ENOMEM;
	}
	err = rhashtable_lookup_insert_fast(&t->hash4, &b->h4, params4);
	if (err) {
		rhashtable_remove_fast(&t->hash6, &b->h6, params6);
		call_rcu(&b->rcu, bib_free_rcu);
		return err == -EEXIST ? -EEXIST : -ENOMEM;
	}
	t->bib_count++;
	return 0;
}

/* --- allocation --- */


/* Number of nodes whose key is below @k. */
static u32 rank_below(struct rb_root *root, u64 k)
{
	struct rb_node *n = root->rb_node;
	u32 r = 0;

	while (n) {
		struct bib_entry *x = rb_entry(n, struct bib_entry, node4);

		if (key4(x) < k) {
			r += subtree(n->rb_left) + 1;
			n = n->rb_right;
		} else {
			n = n->rb_left;
		}
	}
	return r;
}

/* The node of rank @i, or NULL. */
static struct bib_entry *at_rank(struct rb_root *root, u32 i)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		u32 l = subtree(n->rb_left);

		if (i < l) {
			n = n->rb_left;
		} else if (i == l) {
			return rb_entry(n, struct bib_entry, node4);
		} else {
			i -= l + 1;
			n = n->rb_right;
		}
	}
	return NULL;
}

struct slot_ctx {
	const struct pool4 *pool;
	const struct pool4_dom *dom;	/* NULL: positions are raw keys */
};

/* @b's position: its slot in c->dom, or its key. */
static u64 pos_of(const struct slot_ctx *c, struct bib_entry *b)
{
	u64 k = key4(b);
	const struct pool4_row *r;

	if (!c->dom)
		return k;
	r = pool4_dom_find(c->pool, c->dom, k);
	/*
	 * Every key of a whole domain's tree lies in it, except while a pool4
	 * change is applied (bib_pool4_changed()): then the answer may be
	 * imprecise, and bib_alloc() double-checks it.
	 */
	return r ? pool4_row_slot(r, k) : 0;
}

/*
 * The first free position at or after @s, @k being its key: two descents
 * (see the top of this file). Slots past the domain's end are U64_MAX.
 */
static u64 first_gap(const struct slot_ctx *c, struct rb_root *root, u64 s, u64 k)
{
	struct rb_node *n;
	struct bib_entry *first;
	u32 i = rank_below(root, k);
	u32 j = 0, base = 0;
	s64 limit;

	first = at_rank(root, i);
	if (!first || pos_of(c, first) != s)
		return s;
	/* First rank j with pos(j) - j > s - i. */
	limit = (s64)s - i;
	j = root->rb_node ? subtree(root->rb_node) : 0;	/* "none" */
	n = root->rb_node;
	while (n) {
		u32 r = base + subtree(n->rb_left);
		struct bib_entry *x = rb_entry(n, struct bib_entry, node4);

		if ((s64)pos_of(c, x) - r > limit) {
			j = r;
			n = n->rb_left;
		} else {
			base = r + 1;
			n = n->rb_right;
		}
	}
	s += j - i;
	return !c->dom || s < c->dom->slots ? s : U64_MAX;
}

/*
 * The first free slot of a whole domain at or after @s (< slots), or
 * U64_MAX if every slot from @s to the end is used.
 */
static u64 first_free_from(const struct pool4 *p, const struct pool4_dom *dom,
			   struct rb_root *root, u64 s)
{
	struct slot_ctx c = { .pool = p, .dom = dom };

	return first_gap(&c, root, s, pool4_slot_key(p, dom, s));
}

/* The first free key of row @r from @k (in it) on, or U64_MAX if the row is full. */
static u64 first_free_in_row(const struct pool4 *p, const struct pool4_row *r,
			     struct rb_root *root, u64 k)
{
	struct slot_ctx c = { .pool = p };
	u64 x = first_gap(&c, root, k, k);

	return x <= taddr_key(r->addr, r->max) ? x : U64_MAX;
}

/* Rows a partial domain's search may look at (see the top of this file). */
#define PARTIAL_ROWS 64

/* The first free slot of a partial domain from @s on, wrapping; U64_MAX: none found. */
static u64 partial_free(const struct pool4 *p, const struct pool4_dom *dom,
			struct rb_root *root, u64 s)
{
	u32 first = pool4_slot_row(p, dom, s) - dom->first;
	u64 sk = pool4_slot_key(p, dom, s);
	u32 i;

	for (i = 0; i <= dom->count && i <= PARTIAL_ROWS; i++) {
		const struct pool4_row *r = &p->rows[dom->first + (first + i) % dom->count];
		u64 x = first_free_in_row(p, r, root, i ? taddr_key(r->addr, r->min) : sk);

		/* Back at the first row after a full turn: only what lies before @s. */
		if (x != U64_MAX && (i < dom->count || x < sk))
			return pool4_row_slot(r, x);
	}
	return U64_MAX;
}

static bool well_known(u16 port)
{
	return port < 1024;
}

/* How many rows keep_port_class() may look at: its work stays bounded. */
#define CLASS_ROWS 64

/*
 * RFC 6146 3.5.1.1: a client port in the well-known range (0-1023) should be
 * masked with a well-known port, and any other port with one outside it.
 * When @slot is of the wrong class and the domain has slots of the right one,
 * look for a free one among the next CLASS_ROWS rows; keep @slot otherwise.
 */
static u64 keep_port_class(const struct pool4 *p, const struct pool4_dom *dom,
			   struct rb_root *root, u64 slot, u16 port6)
{
	bool want = well_known(port6);
	u32 first, i;

	if (well_known(key_port(pool4_slot_key(p, dom, slot))) == want)
		return slot;
	/* The row holding @slot (a binary search), then the ones after it (wrapping). */
	first = pool4_slot_row(p, dom, slot);
	for (i = 0; i < CLASS_ROWS && i < dom->count; i++) {
		const struct pool4_row *r = &p->rows[dom->first +
			(first - dom->first + i) % dom->count];
		u32 lo = r->min, hi = r->max;
		u64 x;

		if (want && lo > 1023)
			continue;
		if (!want && hi < 1024)
			continue;
		if (want)
			hi = min_t(u32, hi, 1023);
		else
			lo = max_t(u32, lo, 1024);
		/* Raw keys within the row: right for whole and partial domains. */
		x = first_free_in_row(p, r, root, taddr_key(r->addr, lo));
		if (x != U64_MAX && key_port(x) <= hi)
			return pool4_row_slot(r, x);
	}
	return slot;
}

struct bib_entry *bib_alloc(struct bib_table *t, const struct in6_addr *a6, u16 port6,
			    const struct bib_alloc_req *req, __be32 raddr, u16 rport,
			    struct session **s, int *err)
{
	const struct pool4_dom *dom = req->dom;
	struct mark_tree *m;
	struct bib_entry *b;
	u64 start, slot, dist;
	u64 key;

	*s = NULL;
	*err = -ENOSPC;
	if (!dom || !dom->slots)
		return NULL;
	m = mark_tree(t, dom->cluster, true);
	if (!m) {
		*err = -ENOMEM;
		return NULL;
	}
	start = req->start % dom->slots;
	if (dom->partial) {
		slot = partial_free(req->pool, dom, &m->root, start);
		if (slot == U64_MAX)
			return NULL;
	} else {
		slot = first_free_from(req->pool, dom, &m->root, start);
		if (slot == U64_MAX) {
			slot = first_free_from(req->pool, dom, &m->root, 0);
			if (slot >= start)
				return NULL;	/* every slot is in use */
		}
	}
	if (t->l4 != L4_ICMP)
		slot = keep_port_class(req->pool, dom, &m->root, slot, port6);
	/* The operator's cap, counted in slots tried as Jool counts them. */
	dist = slot >= start ? slot - start : dom->slots - start + slot;
	if (dom->iter_fixed && dom->max_iter != JOOL_MAX_ITER_INFINITE && dist >= dom->max_iter)
		return NULL;

	key = pool4_slot_key(req->pool, dom, slot);
	/* See pos_of(); and while pool4 changes, an entry may sit elsewhere. */
	if (bib_find4(t, key_addr(key), key_port(key)))
		return NULL;
	b = kmem_cache_alloc(bib_cache, GFP_ATOMIC);
	if (!b) {
		*err = -ENOMEM;
		return NULL;
	}
	bib_fill(b, a6, port6, key_addr(key), key_port(key), dom->cluster, false);
	*err = publish(t, b);
	if (*err)
		return NULL;
	insert4(&m->root, b);
	/* ICMP's remote "port" is the mapped identifier (RFC 6146 3.5.3). */
	session_init(&b->first, raddr, t->l4 == L4_ICMP ? key_port(key) : rport);
	*s = &b->first;
	t->session_count++;
	return b;
}

int bib_add_static(struct bib_table *t, const struct in6_addr *a6, u16 port6,
		   __be32 a4, u16 port4, const struct pool4 *pool, struct bib_entry **clash)
{
	u64 k = taddr_key(a4, port4);
	const struct pool4_row *r = pool4_find(pool, t->l4, k);
	struct mark_tree *m;
	struct bib_entry *b;
	int err;

	*clash = NULL;
	if (!r)
		return -EINVAL;
	b = bib_find6(t, a6, port6);
	if (b && b->addr4 == a4 && b->port4 == port4) {
		/* The same mapping: Jool 4 makes it static and succeeds (boot scripts rerun). */
		t->static_count += !bib_static(b);
		b->first.e_static = 1;
		return 0;
	}
	*clash = b;
	if (!*clash)
		*clash = bib_find4(t, a4, port4);
	if (*clash)
		return -EEXIST;
	m = mark_tree(t, pool4_cluster(pool, r), true);
	/* Configuration, not a packet: charged to the caller, may fail at its limit. */
	b = m ? kmem_cache_alloc(bib_cache, GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN) : NULL;
	if (!b)
		return -ENOMEM;
	bib_fill(b, a6, port6, a4, port4, m->mark, true);
	err = publish(t, b);
	if (err)
		return err;
	insert4(&m->root, b);
	t->static_count++;
	return 0;
}

/*
 * logging-bib and logging-session want every mapping and session that goes,
 * whatever removes it (expiry, bib remove, pool4 changes, file handle), for
 * abuse tracing (RFC 6888 REQ-12). Not at instance teardown: everything goes.
 */
static void log_forget(struct bib_table *t, struct bib_entry *b, struct session *only)
{
	const struct jool_globals *g;
	struct session *s;
	bool lb, ls;

	if (!t->inst)
		return;
	rcu_read_lock();
	g = rcu_dereference(t->inst->globals);
	lb = g->log_bib;
	ls = g->log_session;
	rcu_read_unlock();
	if (ls && only)
		jlog_session(t->inst, t->l4, b, only, false);
	else if (ls)
		for (s = session_next(b, 0, true); s;
		     s = session_next(b, taddr_key(s->raddr, s->rport), false))
			jlog_session(t->inst, t->l4, b, s, false);
	if (lb && (!only || session_is_last(b, only)))
		jlog_bib(t->inst, t->l4, b, false);
}

static void bib_remove_quiet(struct bib_table *t, struct bib_entry *b)
{
	struct rb_root *root = root4(t, b);

	free_sessions(t, b);	/* first: lockless readers of @b find none alive */
	rhashtable_remove_fast(&t->hash6, &b->h6, params6);
	rhashtable_remove_fast(&t->hash4, &b->h4, params4);
	if (root)
		rb_erase_augmented(&b->node4, root, &bib_aug);
	t->bib_count--;
	t->static_count -= bib_static(b);
	call_rcu(&b->rcu, bib_free_rcu);	/* node4 is done with */
}

static void bib_remove(struct bib_table *t, struct bib_entry *b)
{
	log_forget(t, b, NULL);
	bib_remove_quiet(t, b);
}

/* --- sessions --- */

static inline u64 skey(const struct session *s)
{
	return taddr_key(s->raddr, s->rport);
}

static inline struct session_node *snode(struct rb_node *n)
{
	return rb_entry(n, struct session_node, node);
}

/* @b's first session, if alive and of key @k. */
static struct session *first_if(struct bib_entry *b, u64 k)
{
	/* Acquire: its remote address was written before it came alive. */
	u64 w = atomic64_read_acquire(&b->first.w);

	return sw_alive(w) && skey(&b->first) == k ? &b->first : NULL;
}

struct session *session_find(struct bib_entry *b, __be32 raddr, u16 rport)
{
	u64 k = taddr_key(raddr, rport);
	struct rb_node *n = b->sessions.rb_node;
	struct session *s = first_if(b, k);

	if (s)
		return s;
	while (n) {
		u64 nk = skey(&snode(n)->s);

		if (k < nk)
			n = n->rb_left;
		else if (k > nk)
			n = n->rb_right;
		else
			return &snode(n)->s;
	}
	return NULL;
}

/*
 * The same without the lock. rbtree's writers store child pointers with
 * WRITE_ONCE and keep every path finite while they rotate, so the descent
 * ends; it may miss a session that a rotation moves past it (the caller then
 * asks again under the lock), and a session it finds is the one of that key,
 * alive until a grace period after it dies.
 */
struct session *session_lookup(struct bib_entry *b, __be32 raddr, u16 rport)
{
	u64 k = taddr_key(raddr, rport);
	struct rb_node *n;
	struct session *s = first_if(b, k);

	if (s)
		return s;
	n = READ_ONCE(b->sessions.rb_node);
	while (n) {
		s = &snode(n)->s;
		if (k < skey(s))
			n = READ_ONCE(n->rb_left);
		else if (k > skey(s))
			n = READ_ONCE(n->rb_right);
		else
			return sw_alive(atomic64_read(&s->w)) ? s : NULL;
	}
	return NULL;
}

struct session *session_next(struct bib_entry *b, u64 k, bool incl)
{
	struct rb_node *n = b->sessions.rb_node;
	struct session *found = NULL, *f = &b->first;

	while (n) {
		struct session *s = &snode(n)->s;

		if (skey(s) > k || (incl && skey(s) == k)) {
			found = s;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	if (sw_alive(atomic64_read(&f->w)) && (skey(f) > k || (incl && skey(f) == k)) &&
	    (!found || skey(f) < skey(found)))
		found = f;
	return found;
}

bool session_has_addr(struct bib_entry *b, __be32 raddr)
{
	struct session *s = session_next(b, taddr_key(raddr, 0), true);

	return s && s->raddr == raddr;
}

struct session *session_add(struct bib_table *t, struct bib_entry *b, __be32 raddr, u16 rport)
{
	struct rb_node **link = &b->sessions.rb_node, *parent = NULL;
	u64 k = taddr_key(raddr, rport);
	struct session_node *sn;
	struct session *s = first_if(b, k);

	if (s)
		return s;
	/* A static entry's first session slot, used once (bib.h). */
	if (sw_timer(atomic64_read(&b->first.w)) == ST_VACANT) {
		session_init(&b->first, raddr, rport);
		t->session_count++;
		return &b->first;
	}
	while (*link) {
		u64 nk = skey(&snode(*link)->s);

		parent = *link;
		if (k < nk)
			link = &(*link)->rb_left;
		else if (k > nk)
			link = &(*link)->rb_right;
		else
			return &snode(*link)->s;
	}
	sn = kmem_cache_alloc(session_cache, GFP_ATOMIC);
	if (!sn)
		return NULL;
	session_init(&sn->s, raddr, rport);
	/* Publishes @sn to lockless descents, its fields set first. */
	rb_link_node_rcu(&sn->node, parent, link);
	rb_insert_color(&sn->node, &b->sessions);
	t->session_count++;
	return &sn->s;
}

void session_remove(struct bib_table *t, struct bib_entry *b, struct session *s)
{
	bool last = session_is_last(b, s);

	log_forget(t, b, s);
	if (s != &b->first)
		rb_erase(&container_of(s, struct session_node, s)->node, &b->sessions);
	session_bury(b, s);
	t->session_count--;
	/* A dynamic mapping lives while it has sessions (RFC 6146 3.5.1). */
	if (last)
		bib_remove_quiet(t, b);
}

/* --- pool4 changes and teardown --- */

static void free_mark_trees(struct bib_table *t)
{
	struct mark_tree *m, *tmp;

	rbtree_postorder_for_each_entry_safe(m, tmp, &t->marks, node)
		kfree(m);
	t->marks = RB_ROOT;
}

/* --- the walk order (bib.h): domain trees by mark, then unpooled --- */

void bib_pos_of(const struct bib_entry *b, struct bib_pos *pos)
{
	pos->tree = bib_pooled(b) ? b->mark : BIB_UNPOOLED;
	pos->key = key4(b);
}

/* The first node of @root with a key at or above @k (above it if @after). */
static struct rb_node *ceil4(struct rb_root *root, u64 k, bool after)
{
	struct rb_node *n = root->rb_node, *found = NULL;

	while (n) {
		u64 nk = key4(rb_entry(n, struct bib_entry, node4));

		if (nk > k || (!after && nk == k)) {
			found = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

/* The first mark tree of a mark at or above @mark. */
static struct rb_node *mark_ceil(struct bib_table *t, u64 mark)
{
	struct rb_node *n = t->marks.rb_node, *found = NULL;

	while (n) {
		if (rb_entry(n, struct mark_tree, node)->mark >= mark) {
			found = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

/*
 * Skipping empty trees costs O(marks): as many as the operator's pool4 has,
 * whatever the traffic.
 */
struct bib_entry *bib_seek(struct bib_table *t, const struct bib_pos *pos, bool after)
{
	struct rb_node *mn, *n;

	lockdep_assert_held(&t->lock);
	if (pos->tree < BIB_UNPOOLED) {
		for (mn = mark_ceil(t, pos->tree); mn; mn = rb_next(mn)) {
			struct mark_tree *m = rb_entry(mn, struct mark_tree, node);

			n = m->mark == pos->tree ? ceil4(&m->root, pos->key, after) :
						   rb_first(&m->root);
			if (n)
				return rb_entry(n, struct bib_entry, node4);
		}
		n = rb_first(&t->unpooled);
	} else {
		n = ceil4(&t->unpooled, pos->key, after);
	}
	return n ? rb_entry(n, struct bib_entry, node4) : NULL;
}

struct bib_entry *bib_next(struct bib_table *t, struct bib_entry *b)
{
	struct rb_node *n = rb_next(&b->node4);
	struct bib_pos next;

	if (n)
		return rb_entry(n, struct bib_entry, node4);
	if (!bib_pooled(b))
		return NULL;
	next.tree = (u64)b->mark + 1;
	next.key = 0;
	return bib_seek(t, &next, false);
}

bool bib_evict(struct bib_table *t, struct bib_entry *b, unsigned int *budget)
{
	struct session *s;

	while ((s = session_next(b, 0, true))) {
		bool gone = session_is_last(b, s);

		if (!*budget)
			return false;
		(*budget)--;
		session_remove(t, b, s);	/* a dynamic entry goes with its last one */
		if (gone)
			return true;
	}
	bib_remove(t, b);
	return true;
}

/* Does @c (a removed pool4 range) cover @b's IPv4 transport address? */
static bool in_change(const struct bib_table *t, const struct bib_entry *b,
		      const struct pool4_change *c)
{
	u32 mask = pool4_prefix_mask(c->plen);

	return (c->protos & (1u << t->l4)) &&
	       (be32_to_cpu(b->addr4) & mask) == (be32_to_cpu(c->addr) & mask) &&
	       b->port4 >= c->min && b->port4 <= c->max;
}

/* Puts @b where @new wants it; false if the budget ran out (see bib_evict()). */
static bool migrate(struct bib_table *t, struct bib_entry *b, const struct pool4 *new,
		    const struct pool4_change *evict, unsigned int *budget)
{
	const struct pool4_row *r = pool4_find(new, t->l4, key4(b));
	struct mark_tree *m = NULL;
	struct rb_root *root;

	if (evict && in_change(t, b, evict))
		return bib_evict(t, b, budget);
	if (r) {
		u32 cluster = pool4_cluster(new, r);

		if (bib_pooled(b) && b->mark == cluster)
			return true;
		m = mark_tree(t, cluster, true);
		/*
		 * Without memory for a mark's tree the entry cannot stay: kept
		 * unpooled, its address could be handed out again.
		 */
		if (!m)
			return bib_evict(t, b, budget);
	}
	if (!m && !bib_pooled(b))
		return true;
	root = root4(t, b);
	if (root)
		rb_erase_augmented(&b->node4, root, &bib_aug);
	b->first.e_pooled = m != NULL;
	if (m) {
		b->mark = m->mark;
		insert4(&m->root, b);
	} else {
		insert4(&t->unpooled, b);
	}
	return true;
}

/* O(marks): as many as the operator's pool4 has, whatever the traffic. */
static void free_empty_mark_trees(struct bib_table *t)
{
	struct rb_node *n, *next;

	for (n = rb_first(&t->marks); n; n = next) {
		struct mark_tree *m = rb_entry(n, struct mark_tree, node);

		next = rb_next(n);
		if (RB_EMPTY_ROOT(&m->root)) {
			rb_erase(n, &t->marks);
			kfree(m);
		}
	}
}

/*
 * Walks the entries in the walk order from the cursor @pos on, in batches of
 * bounded work, until @units are spent or the end; each batch resumes at the
 * first entry at or after the place where the last one stopped. Every entry
 * present throughout the walk and staying in its tree is visited once,
 * whatever packets and the expiry worker add or remove in between; entries
 * added or removed meanwhile may be visited or not; an entry that a pool4
 * change moves to a later tree may be visited twice. Returns true at the end
 * (the cursor is back at the start); the cursor is where to go on otherwise.
 */
bool bib_walk_some(struct bib_table *t, struct bib_pos *pos,
		   bib_walk_fn fn, void *arg, unsigned long units)
{
	bool done = false;

	while (!done && units) {
		unsigned int budget = min_t(unsigned long, units, BIB_BATCH), given = budget;
		struct bib_entry *b;

		spin_lock_bh(&t->lock);
		b = bib_seek(t, pos, false);
		while (b && budget) {
			struct bib_entry *next = bib_next(t, b);

			budget--;
			if (!fn(t, b, arg, &budget))
				break;
			b = next;
		}
		if (b)
			bib_pos_of(b, pos);
		else
			memset(pos, 0, sizeof(*pos));
		done = !b;
		spin_unlock_bh(&t->lock);
		units -= given - budget;
		cond_resched();
	}
	return done;
}

void bib_walk(struct bib_table *t, bib_walk_fn fn, void *arg)
{
	struct bib_pos pos = { };

	while (!bib_walk_some(t, &pos, fn, arg, ULONG_MAX))
		;
}

struct migration {
	const struct pool4 *new;
	const struct pool4_change *evict;
};

static bool migrate_fn(struct bib_table *t, struct bib_entry *b, void *arg, unsigned int *budget)
{
	const struct migration *mg = arg;

	return migrate(t, b, mg->new, mg->evict, budget);
}

/*
 * bib_walk() puts every entry where @new wants it. Why moving entries
 * between batches is correct:
 *  - the caller published @new and waited for an RCU grace period before
 *    the walk, so every entry created meanwhile was allocated from @new's
 *    domains, into the tree @new wants: visiting it or not changes nothing;
 *  - static entries change only under the instance's configuration mutex,
 *    which the caller holds;
 *  - until the walk ends, an entry may still be in the tree of its old
 *    place; hash4 holds every entry whatever its tree, and bib_alloc()
 *    checks its choice there, so no transport address is ever handed out
 *    twice; a domain tree still holding entries that leave it, or missing
 *    entries that join it, can only make an allocation fail (the pool looks
 *    exhausted), never succeed wrongly.
 */
void bib_pool4_changed(struct bib_table *t, const struct pool4 *new,
		       const struct pool4_change *evict)
{
	struct migration mg = { .new = new, .evict = evict };

	bib_walk(t, migrate_fn, &mg);
	spin_lock_bh(&t->lock);
	free_empty_mark_trees(t);
	spin_unlock_bh(&t->lock);
}

static void destroy4(struct bib_table *t, struct rb_root *root)
{
	struct bib_entry *b, *tmp;

	rbtree_postorder_for_each_entry_safe(b, tmp, root, node4) {
		t->session_count -= drop_sessions(b, false);
		kmem_cache_free(bib_cache, b);
	}
	*root = RB_ROOT;
}

/* No reader is left: everything is freed now. */
void bib_table_destroy(struct bib_table *t)
{
	struct mark_tree *m, *mtmp;

	rbtree_postorder_for_each_entry_safe(m, mtmp, &t->marks, node)
		destroy4(t, &m->root);
	destroy4(t, &t->unpooled);
	free_mark_trees(t);
	t->bib_count = 0;
	t->static_count = 0;
	rhashtable_destroy(&t->hash6);
	rhashtable_destroy(&t->hash4);
}
