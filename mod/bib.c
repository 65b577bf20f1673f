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
	bib_cache = KMEM_CACHE(bib_entry, 0);
	session_cache = KMEM_CACHE(session, 0);
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
	.key_offset = offsetof(struct bib_entry, addr4),
	.key_len = sizeof(__be32) + sizeof(u16),
	.automatic_shrinking = true,
};

struct key6 {
	struct in6_addr addr;
	u16 port;
} __packed;

struct key4 {
	__be32 addr;
	u16 port;
} __packed;

int bib_table_init(struct bib_table *t, u8 l4)
{
	int err;

	BUILD_BUG_ON(offsetof(struct bib_entry, port6) !=
		     offsetof(struct bib_entry, addr6) + sizeof(struct in6_addr));
	BUILD_BUG_ON(offsetof(struct bib_entry, port4) !=
		     offsetof(struct bib_entry, addr4) + sizeof(__be32));
	memset(t, 0, sizeof(*t));
	spin_lock_init(&t->lock);
	t->l4 = l4;
	t->tree6 = RB_ROOT;
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
	struct bib_entry *b = rhashtable_lookup(&t->hash6, &k, params6);

	return b && !READ_ONCE(b->dead) ? b : NULL;
}

struct bib_entry *bib_lookup4(struct bib_table *t, __be32 a, u16 port)
{
	struct key4 k = { .addr = a, .port = port };
	struct bib_entry *b = rhashtable_lookup(&t->hash4, &k, params4);

	return b && !READ_ONCE(b->dead) ? b : NULL;
}

/* Under t->lock: dead entries are unlinked in the section that kills them. */
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

	if (!b->pooled)
		return &t->unpooled;
	m = mark_tree(t, b->mark, false);
	return m ? &m->root : NULL;
}

/* --- tree6 --- */

static int cmp6(const struct in6_addr *a, u16 port, const struct bib_entry *b)
{
	int c = memcmp(a, &b->addr6, sizeof(*a));

	if (c)
		return c;
	return port < b->port6 ? -1 : port > b->port6;
}

static struct bib_entry *insert6(struct bib_table *t, struct bib_entry *new)
{
	struct rb_node **link = &t->tree6.rb_node, *parent = NULL;

	while (*link) {
		struct bib_entry *b = rb_entry(*link, struct bib_entry, node6);
		int c = cmp6(&new->addr6, new->port6, b);

		parent = *link;
		if (c < 0)
			link = &(*link)->rb_left;
		else if (c > 0)
			link = &(*link)->rb_right;
		else
			return b;
	}
	rb_link_node(&new->node6, parent, link);
	rb_insert_color(&new->node6, &t->tree6);
	return NULL;
}

/* --- freeing: after a grace period once published --- */

static void session_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(session_cache, container_of(rcu, struct session, rcu));
}

static void bib_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(bib_cache, container_of(rcu, struct bib_entry, rcu));
}

/*
 * Kills @s (readers that hold it see ST_DEAD and take the slow path) and
 * frees it after a grace period. Already unlinked, or never linked.
 */
static void session_bury(struct session *s)
{
	atomic64_set(&s->w, sw_make(0, TCPST_CLOSED, ST_DEAD));
	call_rcu(&s->rcu, session_free_rcu);
}

/*
 * Kills every session of @b and frees them after a grace period (@seen: a
 * reader may have seen them), or now; returns how many there were.
 */
static u64 drop_sessions(struct bib_entry *b, bool seen)
{
	struct session *s, *tmp;
	u64 n = 0;

	rbtree_postorder_for_each_entry_safe(s, tmp, &b->sessions, node) {
		if (seen)
			session_bury(s);
		else
			kmem_cache_free(session_cache, s);
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
	b->pooled = 1;
	b->is_static = is_static;
}

static void session_init(struct session *s, __be32 raddr, u16 rport)
{
	s->raddr = raddr;
	s->rport = rport;
	atomic64_set(&s->w, sw_make(jiffies, TCPST_CLOSED, ST_NONE));
}

/*
 * Makes @b (and the sessions it already holds) visible: hash6, hash4, tree6.
 * On failure (no memory for a bucket table, or rhashtable refusing a chain
 * too long while it rehashes) @b and its sessions are freed after a grace
 * period, as a reader may have seen @b in hash6.
 */
static int publish(struct bib_table *t, struct bib_entry *b)
{
	int err = rhashtable_lookup_insert_fast(&t->hash6, &b->h6, params6);

	if (err) {
		drop_sessions(b, false);
		kmem_cache_free(bib_cache, b);
		return err == -EEXIST ? -EEXIST : -ENOMEM;
	}
	err = rhashtable_lookup_insert_fast(&t->hash4, &b->h4, params4);
	if (err) {
		WRITE_ONCE(b->dead, 1);
		rhashtable_remove_fast(&t->hash6, &b->h6, params6);
		drop_sessions(b, true);
		call_rcu(&b->rcu, bib_free_rcu);
		return err == -EEXIST ? -EEXIST : -ENOMEM;
	}
	insert6(t, b);
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
	*s = kmem_cache_alloc(session_cache, GFP_ATOMIC);
	if (!b || !*s)
		goto nomem;
	bib_fill(b, a6, port6, key_addr(key), key_port(key), dom->cluster, false);
	/* Its first session goes in before anyone can see the entry. ICMP's
	 * remote "port" is the mapped identifier (RFC 6146 3.5.3). */
	session_init(*s, raddr, t->l4 == L4_ICMP ? key_port(key) : rport);
	rb_link_node(&(*s)->node, NULL, &b->sessions.rb_node);
	rb_insert_color(&(*s)->node, &b->sessions);
	*err = publish(t, b);
	if (*err) {
		*s = NULL;	/* freed with @b */
		return NULL;
	}
	insert4(&m->root, b);
	t->session_count++;
	return b;

nomem:
	kmem_cache_free(bib_cache, b);
	kmem_cache_free(session_cache, *s);
	*s = NULL;
	*err = -ENOMEM;
	return NULL;
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
		t->static_count += !b->is_static;
		b->is_static = 1;
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
	bool lb, ls;
	struct session *s, *tmp;

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
		rbtree_postorder_for_each_entry_safe(s, tmp, &b->sessions, node)
			jlog_session(t->inst, t->l4, b, s, false);
	if (lb && (!only || session_is_last(b, only)))
		jlog_bib(t->inst, t->l4, b, false);
}

static void bib_remove_quiet(struct bib_table *t, struct bib_entry *b)
{
	struct rb_root *root = root4(t, b);

	WRITE_ONCE(b->dead, 1);
	free_sessions(t, b);
	rhashtable_remove_fast(&t->hash6, &b->h6, params6);
	rhashtable_remove_fast(&t->hash4, &b->h4, params4);
	rb_erase(&b->node6, &t->tree6);
	if (root)
		rb_erase_augmented(&b->node4, root, &bib_aug);
	t->bib_count--;
	t->static_count -= b->is_static;
	call_rcu(&b->rcu, bib_free_rcu);	/* node4 is done with */
}

static void bib_remove(struct bib_table *t, struct bib_entry *b)
{
	log_forget(t, b, NULL);
	bib_remove_quiet(t, b);
}

/* --- sessions --- */

static int cmp_sess(__be32 a, u16 p, const struct session *s)
{
	u64 k = taddr_key(a, p), sk = taddr_key(s->raddr, s->rport);

	return k < sk ? -1 : k > sk;
}

struct session *session_find(struct bib_entry *b, __be32 raddr, u16 rport)
{
	struct rb_node *n = b->sessions.rb_node;

	while (n) {
		struct session *s = rb_entry(n, struct session, node);
		int c = cmp_sess(raddr, rport, s);

		if (c < 0)
			n = n->rb_left;
		else if (c > 0)
			n = n->rb_right;
		else
			return s;
	}
	return NULL;
}

/*
 * The same descent without the lock. rbtree's writers store child pointers
 * with WRITE_ONCE and keep every path finite while they rotate, so this ends;
 * it may miss a session that a rotation moves past it (the caller then asks
 * again under the lock), and a session it finds is the one of that key, alive
 * until a grace period after it dies.
 */
struct session *session_lookup(struct bib_entry *b, __be32 raddr, u16 rport)
{
	struct rb_node *n = READ_ONCE(b->sessions.rb_node);

	while (n) {
		struct session *s = rb_entry(n, struct session, node);
		int c = cmp_sess(raddr, rport, s);

		if (c < 0)
			n = READ_ONCE(n->rb_left);
		else if (c > 0)
			n = READ_ONCE(n->rb_right);
		else
			return sw_timer(atomic64_read(&s->w)) == ST_DEAD ? NULL : s;
	}
	return NULL;
}

/* The first session of @b whose remote key is above @k. Under t->lock. */
struct rb_node *session_after(struct bib_entry *b, u64 k)
{
	struct rb_node *n = b->sessions.rb_node, *found = NULL;

	while (n) {
		struct session *s = rb_entry(n, struct session, node);

		if (taddr_key(s->raddr, s->rport) > k) {
			found = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

bool session_has_addr(struct bib_entry *b, __be32 raddr)
{
	struct rb_node *n = b->sessions.rb_node;
	u64 lo = taddr_key(raddr, 0), hi = taddr_key(raddr, 0xffff);

	while (n) {
		struct session *s = rb_entry(n, struct session, node);
		u64 k = taddr_key(s->raddr, s->rport);

		if (k < lo)
			n = n->rb_right;
		else if (k > hi)
			n = n->rb_left;
		else
			return true;
	}
	return false;
}

struct session *session_add(struct bib_table *t, struct bib_entry *b, __be32 raddr, u16 rport)
{
	struct rb_node **link = &b->sessions.rb_node, *parent = NULL;
	struct session *s;

	while (*link) {
		int c = cmp_sess(raddr, rport, rb_entry(*link, struct session, node));

		parent = *link;
		if (c < 0)
			link = &(*link)->rb_left;
		else if (c > 0)
			link = &(*link)->rb_right;
		else
			return rb_entry(*link, struct session, node);
	}
	s = kmem_cache_alloc(session_cache, GFP_ATOMIC);
	if (!s)
		return NULL;
	session_init(s, raddr, rport);
	/* Publishes @s to lockless descents, its fields set first. */
	rb_link_node_rcu(&s->node, parent, link);
	rb_insert_color(&s->node, &b->sessions);
	t->session_count++;
	return s;
}

void session_remove(struct bib_table *t, struct bib_entry *b, struct session *s)
{
	bool last = session_is_last(b, s);

	log_forget(t, b, s);
	rb_erase(&s->node, &b->sessions);
	session_bury(s);
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

/* The first entry of tree6 at or after (@a, @port). */
static struct rb_node *first6_from(struct bib_table *t, const struct in6_addr *a, u16 port)
{
	struct rb_node *n = t->tree6.rb_node, *found = NULL;

	while (n) {
		if (cmp6(a, port, rb_entry(n, struct bib_entry, node6)) <= 0) {
			found = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

bool bib_evict(struct bib_table *t, struct bib_entry *b, unsigned int *budget)
{
	struct rb_node *n;

	while ((n = rb_first(&b->sessions))) {
		struct session *s = rb_entry(n, struct session, node);
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

		if (b->pooled && b->mark == cluster)
			return true;
		m = mark_tree(t, cluster, true);
		/*
		 * Without memory for a mark's tree the entry cannot stay: kept
		 * unpooled, its address could be handed out again.
		 */
		if (!m)
			return bib_evict(t, b, budget);
	}
	if (!m && !b->pooled)
		return true;
	root = root4(t, b);
	if (root)
		rb_erase_augmented(&b->node4, root, &bib_aug);
	b->pooled = m != NULL;
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
 * Walks tree6 from the cursor (*@a6, *@port6) on, in batches of bounded
 * work, until @units are spent or the end; each batch resumes at the first
 * entry at or after the IPv6 transport address where the last one stopped.
 * Every entry present throughout the walk is visited once, whatever packets
 * and the expiry worker add or remove in between; entries added or removed
 * meanwhile may be visited or not. Returns true at the end (the cursor is
 * back at the start); the cursor is where to go on otherwise.
 */
bool bib_walk_some(struct bib_table *t, struct in6_addr *a6, u16 *port6,
		   bib_walk_fn fn, void *arg, unsigned long units)
{
	bool done = false;

	while (!done && units) {
		unsigned int budget = min_t(unsigned long, units, BIB_BATCH), given = budget;
		struct rb_node *n;

		spin_lock_bh(&t->lock);
		n = first6_from(t, a6, *port6);
		while (n && budget) {
			struct rb_node *next = rb_next(n);

			budget--;
			if (!fn(t, rb_entry(n, struct bib_entry, node6), arg, &budget))
				break;
			n = next;
		}
		if (n) {
			*a6 = rb_entry(n, struct bib_entry, node6)->addr6;
			*port6 = rb_entry(n, struct bib_entry, node6)->port6;
		} else {
			memset(a6, 0, sizeof(*a6));
			*port6 = 0;
		}
		done = !n;
		spin_unlock_bh(&t->lock);
		units -= given - budget;
		cond_resched();
	}
	return done;
}

void bib_walk(struct bib_table *t, bib_walk_fn fn, void *arg)
{
	struct in6_addr a6 = { };
	u16 port6 = 0;

	while (!bib_walk_some(t, &a6, &port6, fn, arg, ULONG_MAX))
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

/* No reader is left: everything is freed now. */
void bib_table_destroy(struct bib_table *t)
{
	struct bib_entry *b, *tmp;

	rbtree_postorder_for_each_entry_safe(b, tmp, &t->tree6, node6) {
		t->session_count -= drop_sessions(b, false);
		kmem_cache_free(bib_cache, b);
	}
	t->tree6 = RB_ROOT;
	free_mark_trees(t);
	t->unpooled = RB_ROOT;
	t->bib_count = 0;
	t->static_count = 0;
	rhashtable_destroy(&t->hash6);
	rhashtable_destroy(&t->hash4);
}
