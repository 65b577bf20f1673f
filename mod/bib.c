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
	kmem_cache_destroy(session_cache);
	kmem_cache_destroy(bib_cache);
}

void bib_table_init(struct bib_table *t, u8 l4)
{
	int i;

	spin_lock_init(&t->lock);
	t->l4 = l4;
	t->tree6 = RB_ROOT;
	t->marks = RB_ROOT;
	t->unpooled = RB_ROOT;
	for (i = 0; i < ST_COUNT; i++)
		INIT_LIST_HEAD(&t->expiry[i]);
	t->bib_count = 0;
	t->session_count = 0;
	t->migrating = false;
	t->static_count = 0;
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

static struct bib_entry *find4(struct rb_root *root, u64 k)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct bib_entry *x = rb_entry(n, struct bib_entry, node4);

		if (k < key4(x))
			n = n->rb_left;
		else if (k > key4(x))
			n = n->rb_right;
		else
			return x;
	}
	return NULL;
}

/*
 * The entry holding @k in any node4 tree. Only needed while a pool4 change
 * is being applied (t->migrating): an entry may then still sit in the tree of
 * its old place. O(clusters * log n), at most the operator's pool4 marks.
 */
static struct bib_entry *find4_any(struct bib_table *t, u64 k)
{
	struct bib_entry *b = find4(&t->unpooled, k);
	struct rb_node *n;

	for (n = rb_first(&t->marks); n && !b; n = rb_next(n))
		b = find4(&rb_entry(n, struct mark_tree, node)->root, k);
	return b;
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

struct bib_entry *bib_find6(struct bib_table *t, const struct in6_addr *a, u16 port)
{
	struct rb_node *n = t->tree6.rb_node;

	while (n) {
		struct bib_entry *b = rb_entry(n, struct bib_entry, node6);
		int c = cmp6(a, port, b);

		if (c < 0)
			n = n->rb_left;
		else if (c > 0)
			n = n->rb_right;
		else
			return b;
	}
	return NULL;
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

struct bib_entry *bib_find4(struct bib_table *t, __be32 a, u16 port, const struct pool4 *pool)
{
	u64 k = taddr_key(a, port);
	const struct pool4_row *r = pool4_find(pool, t->l4, k);
	struct mark_tree *m;
	struct bib_entry *b;

	if (!r) {
		b = find4(&t->unpooled, k);
	} else {
		m = mark_tree(t, pool4_cluster(pool, r), false);
		b = m ? find4(&m->root, k) : NULL;
	}
	return b || !t->migrating ? b : find4_any(t, k);
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
			    const struct bib_alloc_req *req, int *err)
{
	const struct pool4_dom *dom = req->dom;
	struct mark_tree *m;
	struct bib_entry *b;
	u64 start, slot, dist;
	u64 key;

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

	b = kmem_cache_alloc(bib_cache, GFP_ATOMIC);
	if (!b) {
		*err = -ENOMEM;
		return NULL;
	}
	key = pool4_slot_key(req->pool, dom, slot);
	/* See slot_of(); and while pool4 changes, an entry may sit elsewhere. */
	if (find4(&m->root, key) || (t->migrating && find4_any(t, key))) {
		kmem_cache_free(bib_cache, b);
		return NULL;
	}
	b->addr6 = *a6;
	b->port6 = port6;
	b->addr4 = key_addr(key);
	b->port4 = key_port(key);
	b->sessions = RB_ROOT;
	b->mark = dom->cluster;
	b->pooled = 1;
	b->is_static = 0;
	if (insert6(t, b)) {	/* the caller looked it up first; cannot happen */
		kmem_cache_free(bib_cache, b);
		*err = -EEXIST;
		return NULL;
	}
	insert4(&m->root, b);
	t->bib_count++;
	*err = 0;
	return b;
}

int bib_add_static(struct bib_table *t, const struct in6_addr *a6, u16 port6,
		   __be32 a4, u16 port4, const struct pool4 *pool, struct bib_entry **clash)
{
	u64 k = taddr_key(a4, port4);
	const struct pool4_row *r = pool4_find(pool, t->l4, k);
	struct mark_tree *m;
	struct bib_entry *b;

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
		*clash = bib_find4(t, a4, port4, pool);
	if (*clash)
		return -EEXIST;
	m = mark_tree(t, pool4_cluster(pool, r), true);
	/* Configuration, not a packet: charged to the caller, may fail at its limit. */
	b = m ? kmem_cache_alloc(bib_cache, GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN) : NULL;
	if (!b)
		return -ENOMEM;
	b->addr6 = *a6;
	b->port6 = port6;
	b->addr4 = a4;
	b->port4 = port4;
	b->sessions = RB_ROOT;
	b->mark = m->mark;
	b->pooled = 1;
	b->is_static = 1;
	insert6(t, b);
	insert4(&m->root, b);
	t->bib_count++;
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
		jlog_session(t->inst, t->l4, only, false);
	else if (ls)
		rbtree_postorder_for_each_entry_safe(s, tmp, &b->sessions, node)
			jlog_session(t->inst, t->l4, s, false);
	if (lb && (!only || session_is_last(only)))
		jlog_bib(t->inst, t->l4, b, false);
}

static void free_sessions(struct bib_table *t, struct bib_entry *b)
{
	struct session *s, *tmp;

	rbtree_postorder_for_each_entry_safe(s, tmp, &b->sessions, node) {
		list_del(&s->expiry);
		kmem_cache_free(session_cache, s);
		t->session_count--;
	}
	b->sessions = RB_ROOT;
}

static void bib_remove_quiet(struct bib_table *t, struct bib_entry *b)
{
	struct rb_root *root = root4(t, b);

	free_sessions(t, b);
	rb_erase(&b->node6, &t->tree6);
	if (root)
		rb_erase_augmented(&b->node4, root, &bib_aug);
	t->bib_count--;
	t->static_count -= b->is_static;
	kmem_cache_free(bib_cache, b);
}

void bib_remove(struct bib_table *t, struct bib_entry *b)
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
	s->bib = b;
	s->raddr = raddr;
	s->rport = rport;
	s->state = TCPST_CLOSED;
	s->timer = ST_COUNT;
	INIT_LIST_HEAD(&s->expiry);
	rb_link_node(&s->node, parent, link);
	rb_insert_color(&s->node, &b->sessions);
	t->session_count++;
	return s;
}

/*
 * Restarts @s's lifetime. Each list holds one timeout class, so appending at
 * the tail keeps it in expiry order (until an operator changes the timeout;
 * then the expiry worker is at most one old timeout late).
 */
void session_touch(struct bib_table *t, struct session *s, enum sess_timer timer,
		   unsigned long timeout)
{
	s->timer = timer;
	s->expires = jiffies + timeout;
	list_move_tail(&s->expiry, &t->expiry[timer]);
}

void session_remove(struct bib_table *t, struct session *s)
{
	struct bib_entry *b = s->bib;
	bool last = session_is_last(s);

	log_forget(t, b, s);
	list_del(&s->expiry);
	rb_erase(&s->node, &b->sessions);
	kmem_cache_free(session_cache, s);
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

void bib_pool4_changing(struct bib_table *t)
{
	spin_lock_bh(&t->lock);
	t->migrating = true;
	spin_unlock_bh(&t->lock);
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
		bool gone = session_is_last(s);

		if (!*budget)
			return false;
		(*budget)--;
		session_remove(t, s);	/* a dynamic entry goes with its last one */
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
 * Walks tree6 in batches of bounded work, resuming after each at the first
 * entry at or after the IPv6 transport address where the last one stopped:
 * every entry present throughout the walk is visited once, whatever packets
 * and the expiry worker add or remove in between; entries added or removed
 * meanwhile may be visited or not.
 */
void bib_walk(struct bib_table *t, bib_walk_fn fn, void *arg)
{
	struct in6_addr a6 = { };
	u16 port6 = 0;
	bool done = false;

	while (!done) {
		unsigned int budget = BIB_BATCH;
		struct rb_node *n;

		spin_lock_bh(&t->lock);
		n = first6_from(t, &a6, port6);
		while (n && budget) {
			struct rb_node *next = rb_next(n);

			budget--;
			if (!fn(t, rb_entry(n, struct bib_entry, node6), arg, &budget))
				break;
			n = next;
		}
		if (n) {
			a6 = rb_entry(n, struct bib_entry, node6)->addr6;
			port6 = rb_entry(n, struct bib_entry, node6)->port6;
		}
		done = !n;
		spin_unlock_bh(&t->lock);
		cond_resched();
	}
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
 *  - until the walk ends (t->migrating), an entry may still be in the tree
 *    of its old place: bib_find4() and bib_alloc() then also look in the
 *    other trees, so no transport address is ever handed out twice; a domain
 *    tree still holding entries that leave it can only make an allocation
 *    fail (the pool looks exhausted), never succeed wrongly.
 */
void bib_pool4_changed(struct bib_table *t, const struct pool4 *new,
		       const struct pool4_change *evict)
{
	struct migration mg = { .new = new, .evict = evict };

	bib_walk(t, migrate_fn, &mg);
	spin_lock_bh(&t->lock);
	free_empty_mark_trees(t);
	t->migrating = false;
	spin_unlock_bh(&t->lock);
}

void bib_table_destroy(struct bib_table *t)
{
	struct bib_entry *b, *tmp;

	rbtree_postorder_for_each_entry_safe(b, tmp, &t->tree6, node6) {
		free_sessions(t, b);
		kmem_cache_free(bib_cache, b);
	}
	t->tree6 = RB_ROOT;
	free_mark_trees(t);
	t->unpooled = RB_ROOT;
	t->bib_count = 0;
	t->static_count = 0;
}
