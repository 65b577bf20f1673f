// SPDX-License-Identifier: GPL-2.0
/*
 * pool4.c - building and searching pool4 snapshots (see pool4.h).
 */
#ifndef __KERNEL__
#define _GNU_SOURCE	/* qsort_r */
#endif
#include "jool.h"
#include "pool4.h"

static int row_cmp(const void *a, const void *b)
{
	const struct pool4_row *x = a, *y = b;
	u32 xa = be32_to_cpu(x->addr), ya = be32_to_cpu(y->addr);

	if (x->l4 != y->l4)
		return x->l4 < y->l4 ? -1 : 1;
	if (x->mark != y->mark)
		return x->mark < y->mark ? -1 : 1;
	if (xa != ya)
		return xa < ya ? -1 : 1;
	if (x->min != y->min)
		return x->min < y->min ? -1 : 1;
	return 0;
}

/*
 * by_addr holds row indexes: the rows come as the sort's context, never
 * through a file-scope pointer, as builds run concurrently (one per instance
 * and namespace, and `file handle` parses with no lock at all).
 */
static int addr_cmp(const void *a, const void *b, JSORT_CTX rows)
{
	const struct pool4_row *x = &((const struct pool4_row *)rows)[*(const u32 *)a];
	const struct pool4_row *y = &((const struct pool4_row *)rows)[*(const u32 *)b];
	u32 xa = be32_to_cpu(x->addr), ya = be32_to_cpu(y->addr);

	if (x->l4 != y->l4)
		return x->l4 < y->l4 ? -1 : 1;
	if (xa != ya)
		return xa < ya ? -1 : 1;
	if (x->min != y->min)
		return x->min < y->min ? -1 : 1;
	return 0;
}

/*
 * Jool 4's "auto" figure, shown by pool4 display. Here it is only shown:
 * allocation finds a free slot in O(log n) whatever the pool's size, so auto
 * means no cap at all.
 */
static u32 auto_iterations(u64 addrs)
{
	return addrs * 2 > 1024 ? (u32)(addrs * 2) : 1024;
}

/*
 * A domain's max-iterations is one setting: the last explicit one given,
 * an explicit "auto" included (rows carry the order they were given in, in
 * ->offset, until finish() numbers slots there; a settled fixed row counts
 * as given), else auto.
 */
static void settle_iterations(struct pool4 *out)
{
	u32 first, end, i;

	for (first = 0; first < out->nrows; first = end) {
		const struct pool4_row *win = NULL;
		bool fixed;
		u32 iter;

		for (end = first; end < out->nrows && out->rows[end].l4 == out->rows[first].l4 &&
		     out->rows[end].mark == out->rows[first].mark; end++) {
			const struct pool4_row *r = &out->rows[end];

			if ((r->iter_fixed || r->iter_given) && (!win || r->offset >= win->offset))
				win = r;
		}
		fixed = win && win->iter_fixed;
		iter = fixed ? win->max_iter : 0;
		for (i = first; i < end; i++) {
			out->rows[i].iter_fixed = fixed;
			out->rows[i].iter_given = false;
			out->rows[i].max_iter = iter;
		}
	}
}

/* Union-find over domain indexes, in doms[].cluster while clusters() runs. */
static u32 uf_find(struct pool4_dom *d, u32 i)
{
	while (d[i].cluster != i) {
		d[i].cluster = d[d[i].cluster].cluster;
		i = d[i].cluster;
	}
	return i;
}

/* The smaller index wins: a root is its cluster's first domain, of the smallest mark. */
static void uf_union(struct pool4_dom *d, u32 a, u32 b)
{
	a = uf_find(d, a);
	b = uf_find(d, b);
	if (a < b)
		d[b].cluster = a;
	else if (b < a)
		d[a].cluster = b;
}

static u32 dom_index(const struct pool4 *p, const struct pool4_row *r)
{
	return pool4_row_dom(p, r) - p->doms;
}

/*
 * Rows' back links and domains' clusters, from the address index, in
 * O(rows log domains): rows of one (protocol, address) in order of their
 * first port overlap a run of earlier ones exactly when they start at or
 * before the furthest end so far, whose row the back links keep.
 */
static void clusters(struct pool4 *out)
{
	u32 i, root = 0;
	u16 lo = 0, hi = 0;

	for (i = 0; i < out->ndoms; i++) {
		out->doms[i].cluster = i;
		out->doms[i].cslots = 0;
	}
	for (i = 0; i < out->nrows; i++) {
		struct pool4_row *r = &out->rows[out->by_addr[i]];
		const struct pool4_row *prev = i ? &out->rows[out->by_addr[i - 1]] : NULL;
		const struct pool4_row *far;
		u32 fpos;

		r->back = 0;
		if (!prev || prev->l4 != r->l4 || prev->addr != r->addr)
			continue;
		fpos = i - 1 - prev->back;
		far = &out->rows[out->by_addr[fpos]];
		if (r->min <= far->max)
			uf_union(out->doms, dom_index(out, r), dom_index(out, far));
		if (r->max < far->max)
			r->back = i - fpos;
	}
	for (i = 0; i < out->ndoms; i++)
		out->doms[i].cluster = uf_find(out->doms, i);
	/* The transport addresses of each cluster: its merged runs. */
	for (i = 0; i <= out->nrows; i++) {
		const struct pool4_row *r = i < out->nrows ? &out->rows[out->by_addr[i]] : NULL;
		const struct pool4_row *prev = i ? &out->rows[out->by_addr[i - 1]] : NULL;

		if (r && prev && prev->l4 == r->l4 && prev->addr == r->addr && r->min <= hi) {
			if (r->max > hi)
				hi = r->max;
			continue;
		}
		if (prev)
			out->doms[root].cslots += (u64)hi - lo + 1;
		if (r) {
			root = out->doms[dom_index(out, r)].cluster;
			lo = r->min;
			hi = r->max;
		}
	}
	for (i = 0; i < out->ndoms; i++) {
		struct pool4_dom *d = &out->doms[i];
		const struct pool4_dom *rd = &out->doms[d->cluster];

		d->partial = d->slots != rd->cslots;
		d->cluster = rd->mark;	/* rd->cluster is an index until rd's turn: unread */
	}
}

/* Sorts, merges and indexes out->rows[0..out->nrows). No shared state. */
static int finish(struct pool4 *out)
{
	u32 i, n = 0;

	jsort(out->rows, out->nrows, sizeof(*out->rows), row_cmp);
	settle_iterations(out);
	/* Merge overlapping or touching ranges of one (l4, mark, address). */
	for (i = 0; i < out->nrows; i++) {
		struct pool4_row *r = &out->rows[i], *last = n ? &out->rows[n - 1] : NULL;

		if (last && last->l4 == r->l4 && last->mark == r->mark &&
		    last->addr == r->addr && (u32)r->min <= (u32)last->max + 1) {
			if (r->max > last->max)
				last->max = r->max;
			continue;
		}
		out->rows[n++] = *r;
	}
	out->nrows = n;

	/* Domains and slot offsets. */
	out->ndoms = 0;
	for (i = 0; i < n; i++) {
		struct pool4_row *r = &out->rows[i];
		struct pool4_dom *d = out->ndoms ? &out->doms[out->ndoms - 1] : NULL;

		if (!d || d->l4 != r->l4 || d->mark != r->mark) {
			d = &out->doms[out->ndoms++];
			d->l4 = r->l4;
			d->mark = r->mark;
			d->first = i;
			d->count = 0;
			d->slots = 0;
			d->iter_fixed = r->iter_fixed;
			d->max_iter = r->max_iter;
		}
		r->offset = d->slots;
		d->slots += (u64)r->max - r->min + 1;
		d->count++;
	}
	for (i = 0; i < out->ndoms; i++) {
		struct pool4_dom *d = &out->doms[i];
		u64 addrs = 0;
		u32 j;

		for (j = 0; j < d->count; j++)
			if (!j || out->rows[d->first + j].addr != out->rows[d->first + j - 1].addr)
				addrs++;
		if (!d->iter_fixed)
			d->max_iter = auto_iterations(addrs);
	}

	/* The address index, then who shares what. */
	for (i = 0; i < n; i++)
		out->by_addr[i] = i;
	jsort_r(out->by_addr, n, sizeof(*out->by_addr), addr_cmp, out->rows);
	clusters(out);
	return 0;
}

int pool4_add_capacity(const struct pool4 *old, const struct pool4_change *cs, u32 n,
		       u32 *cap, const char **why)
{
	u64 rows = old->nrows;
	u32 i;

	for (i = 0; i < n; i++) {
		u64 naddrs = pool4_prefix_addrs(cs[i].plen);

		if (cs[i].plen > 32) {
			*why = "the IPv4 prefix length is over 32";
			return -EINVAL;
		}
		if (cs[i].min > cs[i].max) {
			*why = "the first port of the range is greater than the last";
			return -EINVAL;
		}
		if (naddrs > JOOL_POOL4_MAX_ADDRS) {
			*why = "too many addresses in one request (at most a /16)";
			return -E2BIG;
		}
		rows += naddrs * L4_COUNT;
		if (rows > POOL4_MAX_ROWS) {
			*why = "pool4 would be too large";
			return -E2BIG;
		}
	}
	*cap = (u32)rows;
	return 0;
}

u32 pool4_remove_capacity(const struct pool4 *old)
{
	return old->nrows * 2;
}

static bool proto_selected(u8 protos, u8 l4)
{
	return protos & (1u << l4);	/* JOOL_PROTO_TCP == 1 << L4_TCP, etc. */
}

int pool4_build_add(const struct pool4 *old, const struct pool4_change *cs, u32 n,
		    struct pool4 *out, const char **why)
{
	u32 cap, i, seq = 0;
	int err;

	err = pool4_add_capacity(old, cs, n, &cap, why);
	if (err)
		return err;
	out->nrows = 0;
	for (i = 0; i < old->nrows; i++) {
		out->rows[out->nrows] = old->rows[i];
		out->rows[out->nrows++].offset = seq;	/* before every change */
	}
	for (i = 0; i < n; i++) {
		const struct pool4_change *c = &cs[i];
		u64 naddrs = pool4_prefix_addrs(c->plen), a;
		u32 base = be32_to_cpu(c->addr);
		u8 l4;

		seq++;
		for (l4 = 0; l4 < L4_COUNT; l4++) {
			if (!proto_selected(c->protos, l4))
				continue;
			for (a = 0; a < naddrs; a++) {
				struct pool4_row *r = &out->rows[out->nrows++];

				r->mark = c->mark;
				r->l4 = l4;
				r->addr = cpu_to_be32(base + (u32)a);
				r->min = c->min;
				r->max = c->max;
				r->iter_fixed = c->iter_given && c->max_iter != JOOL_MAX_ITER_AUTO;
				r->iter_given = c->iter_given;
				r->max_iter = c->max_iter;
				r->offset = seq;
			}
		}
	}
	return finish(out);
}

int pool4_build_remove(const struct pool4 *old, const struct pool4_change *c,
		       struct pool4 *out)
{
	u32 lo = be32_to_cpu(c->addr) & pool4_prefix_mask(c->plen);
	u32 hi = lo | ~pool4_prefix_mask(c->plen);
	u32 i;

	out->nrows = 0;
	for (i = 0; i < old->nrows; i++) {
		const struct pool4_row *r = &old->rows[i];
		u32 a = be32_to_cpu(r->addr);

		if (r->mark != c->mark || !proto_selected(c->protos, r->l4) ||
		    a < lo || a > hi || r->max < c->min || r->min > c->max) {
			out->rows[out->nrows++] = *r;
			continue;
		}
		/* Keep what lies outside [c->min, c->max]: up to two pieces. */
		if (r->min < c->min) {
			out->rows[out->nrows] = *r;
			out->rows[out->nrows++].max = c->min - 1;
		}
		if (r->max > c->max) {
			out->rows[out->nrows] = *r;
			out->rows[out->nrows++].min = c->max + 1;
		}
	}
	return finish(out);
}

int pool4_build_flush(const struct pool4 *old, struct pool4 *out)
{
	out->nrows = 0;
	(void)old;
	return finish(out);
}

const struct pool4_dom *pool4_domain(const struct pool4 *p, u8 l4, u32 mark)
{
	u32 lo = 0, hi = p->ndoms;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct pool4_dom *d = &p->doms[mid];

		if (d->l4 == l4 && d->mark == mark)
			return d;
		if (d->l4 < l4 || (d->l4 == l4 && d->mark < mark))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The last row (in (l4, address, port) order) whose start is <= (l4, key),
 * and its position in by_addr (in *@pos).
 */
static const struct pool4_row *row_at_or_before(const struct pool4 *p, u8 l4, u64 key, u32 *pos)
{
	u32 lo = 0, hi = p->nrows;
	u64 k = ((u64)l4 << 48) | key;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct pool4_row *r = &p->rows[p->by_addr[mid]];
		u64 start = ((u64)r->l4 << 48) | taddr_key(r->addr, r->min);

		if (start <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo - 1;
	return lo ? &p->rows[p->by_addr[lo - 1]] : NULL;
}

const struct pool4_row *pool4_find(const struct pool4 *p, u8 l4, u64 key)
{
	u32 pos;
	const struct pool4_row *r = row_at_or_before(p, l4, key, &pos);

	/* The furthest-reaching row that starts at or before @key holds it if any does. */
	if (r)
		r = &p->rows[p->by_addr[pos - r->back]];
	if (r && r->l4 == l4 && r->addr == key_addr(key) && key_port(key) <= r->max)
		return r;
	return NULL;
}

const struct pool4_row *pool4_dom_find(const struct pool4 *p, const struct pool4_dom *dom, u64 key)
{
	u32 lo = dom->first, hi = dom->first + dom->count;
	const struct pool4_row *r;

	/* The domain's rows are disjoint and in (address, port) order. */
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (taddr_key(p->rows[mid].addr, p->rows[mid].min) <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == dom->first)
		return NULL;
	r = &p->rows[lo - 1];
	return r->addr == key_addr(key) && key_port(key) <= r->max ? r : NULL;
}

bool pool4_has_addr(const struct pool4 *p, u8 l4, __be32 addr)
{
	u32 pos;
	const struct pool4_row *r = row_at_or_before(p, l4, taddr_key(addr, 0xffff), &pos);

	return r && r->l4 == l4 && r->addr == addr;
}

const struct pool4_dom *pool4_row_dom(const struct pool4 *p, const struct pool4_row *r)
{
	return pool4_domain(p, r->l4, r->mark);
}

u32 pool4_slot_row(const struct pool4 *p, const struct pool4_dom *dom, u64 i)
{
	u32 lo = dom->first, hi = dom->first + dom->count;

	/* The last row whose offset is <= i. */
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (p->rows[mid].offset <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

u64 pool4_slot_key(const struct pool4 *p, const struct pool4_dom *dom, u64 i)
{
	const struct pool4_row *r = &p->rows[pool4_slot_row(p, dom, i)];

	return taddr_key(r->addr, (u16)(r->min + (i - r->offset)));
}

u32 pool4_rows_after(const struct pool4 *p, const struct pool4_row *key)
{
	u32 lo = 0, hi = p->nrows;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (row_cmp(&p->rows[mid], key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
