// SPDX-License-Identifier: GPL-2.0
/* Unit tests of common/pool4.c: building, merging, splitting and searching. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdlib.h>
#include "jool.h"
#include "pool4.h"
#include "unit.h"

/* A pool with room for @cap rows and @dcap domains (ASan checks the bounds). */
static struct pool4 *alloc_pool2(unsigned int cap, unsigned int dcap)
{
	struct pool4 *p = calloc(1, sizeof(*p));

	p->rows = calloc(cap + 1, sizeof(*p->rows));
	p->by_addr = calloc(cap + 1, sizeof(*p->by_addr));
	p->doms = calloc(dcap + 1, sizeof(*p->doms));
	return p;
}

static struct pool4 *alloc_pool(unsigned int cap)
{
	return alloc_pool2(cap, cap);
}

static void free_pool(struct pool4 *p)
{
	free(p->rows);
	free(p->by_addr);
	free(p->doms);
	free(p);
}

static struct pool4_change chg(u8 protos, u32 mark, const char *addr, u8 plen, u16 min, u16 max)
{
	struct pool4_change c = {
		.protos = protos, .mark = mark, .plen = plen, .min = min, .max = max,
		.max_iter = JOOL_MAX_ITER_AUTO,
	};

	inet_pton(AF_INET, addr, &c.addr);
	return c;
}

/* Applies an add to *pp (replacing it); returns the error. */
static int add_many(struct pool4 **pp, const struct pool4_change *cs, u32 n, const char **why);

static int add(struct pool4 **pp, struct pool4_change c, const char **why)
{
	return add_many(pp, &c, 1, why);
}

/* Applies @n changes at once. */
static int add_many(struct pool4 **pp, const struct pool4_change *cs, u32 n, const char **why)
{
	u32 cap = 0;
	int err = pool4_add_capacity(*pp, cs, n, &cap, why);
	struct pool4 *nw;

	if (err)
		return err;
	nw = alloc_pool2(cap, pool4_doms_capacity(*pp, n) - 1);
	err = pool4_build_add(*pp, cs, n, nw, why);

	if (err) {
		free_pool(nw);
		return err;
	}
	free_pool(*pp);
	*pp = nw;
	return 0;
}

static int rem(struct pool4 **pp, struct pool4_change c)
{
	struct pool4 *n = alloc_pool2(pool4_remove_capacity(*pp), pool4_doms_capacity(*pp, 0) - 1);
	int err = pool4_build_remove(*pp, &c, n);

	free_pool(*pp);
	*pp = n;
	return err;
}

static u64 key(const char *addr, u16 port)
{
	__be32 a;

	inet_pton(AF_INET, addr, &a);
	return taddr_key(a, port);
}

/* Seed 001's example: three protocols, a /31, a second mark on one address. */
static void seed_example(void)
{
	struct pool4 *p = alloc_pool(0);
	const char *why = NULL;

	CHECK(!add(&p, chg(JOOL_PROTO_ALL, 0, "192.0.2.1", 32, 60001, 65535), &why));
	CHECK(p->nrows == 3 && p->ndoms == 3);
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 0, "192.0.2.2", 32, 7000, 7999), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 1, "192.0.2.2", 32, 8000, 8999), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 0, "192.0.2.4", 31, 60001, 65535), &why));
	CHECK(p->nrows == 7);		/* the seed's "(Fetched 7 entries.)" */
	CHECK(p->ndoms == 4);		/* TCP 0, TCP 1, UDP 0, ICMP 0 */
	/* TCP mark 0: 192.0.2.1 (5535) + .2 (1000) + .4 (5535) + .5 (5535). */
	CHECK(pool4_domain(p, L4_TCP, 0)->slots == 5535 * 3 + 1000);
	CHECK(pool4_domain(p, L4_TCP, 1)->slots == 1000);
	CHECK(!pool4_domain(p, L4_UDP, 1));
	/* Seed: remove --mark 0 192.0.2.0/24 0-65535 leaves only mark 1. */
	CHECK(!rem(&p, chg(JOOL_PROTO_ALL, 0, "192.0.2.0", 24, 0, 65535)));
	CHECK(p->nrows == 1 && p->rows[0].mark == 1 && p->rows[0].min == 8000);
	free_pool(p);
}

static void merge_and_split(void)
{
	struct pool4 *p = alloc_pool(0);
	const char *why;

	CHECK(!add(&p, chg(JOOL_PROTO_UDP, 0, "203.0.113.1", 32, 1000, 1999), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_UDP, 0, "203.0.113.1", 32, 2000, 2999), &why));
	CHECK(p->nrows == 1 && p->rows[0].min == 1000 && p->rows[0].max == 2999);	/* touching */
	CHECK(!add(&p, chg(JOOL_PROTO_UDP, 0, "203.0.113.1", 32, 1500, 3500), &why));
	CHECK(p->nrows == 1 && p->rows[0].max == 3500);					/* overlapping */
	CHECK(!rem(&p, chg(JOOL_PROTO_UDP, 0, "203.0.113.1", 32, 2000, 2099)));
	CHECK(p->nrows == 2 && p->rows[0].max == 1999 && p->rows[1].min == 2100);	/* split */
	CHECK(pool4_domain(p, L4_UDP, 0)->slots == 1000 + 1401);
	free_pool(p);
}

/*
 * Marks may overlap, as in Jool 4: the rows stay apart, pool4_find() finds
 * one holding any address of either, and the domains that share addresses
 * form one cluster named by the smallest mark.
 */
static void marks_may_share(void)
{
	struct pool4 *p = alloc_pool(0);
	const struct pool4_dom *d0, *d7, *d9, *u;
	const char *why = NULL;

	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 7, "198.51.100.1", 32, 1000, 5000), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 0, "198.51.100.1", 32, 2000, 2100), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 9, "198.51.100.2", 32, 1, 10), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_UDP, 7, "198.51.100.1", 32, 1000, 5000), &why));
	CHECK(p->nrows == 4 && p->ndoms == 4);
	d0 = pool4_domain(p, L4_TCP, 0);
	d7 = pool4_domain(p, L4_TCP, 7);
	d9 = pool4_domain(p, L4_TCP, 9);
	u = pool4_domain(p, L4_UDP, 7);
	CHECK(d0->cluster == 0 && d7->cluster == 0);	/* shared: the smallest mark */
	CHECK(d0->partial && !d7->partial);	/* mark 7 has every address of the two */
	CHECK(d9->cluster == 9 && !d9->partial);	/* alone */
	CHECK(u->cluster == 7 && !u->partial);	/* protocols never share */
	/* Mark 0's row starts after mark 7's but ends before: 3000 is mark 7's only. */
	CHECK(pool4_find(p, L4_TCP, key("198.51.100.1", 3000)) != NULL);
	CHECK(pool4_find(p, L4_TCP, key("198.51.100.1", 3000))->mark == 7);
	CHECK(pool4_find(p, L4_TCP, key("198.51.100.1", 2050)) != NULL);
	CHECK(pool4_find(p, L4_TCP, key("198.51.100.1", 5000)) != NULL);
	CHECK(!pool4_find(p, L4_TCP, key("198.51.100.1", 5001)));
	CHECK(!pool4_find(p, L4_TCP, key("198.51.100.1", 999)));
	CHECK(pool4_dom_find(p, d0, key("198.51.100.1", 2050))->mark == 0);
	CHECK(pool4_dom_find(p, d7, key("198.51.100.1", 2050))->mark == 7);
	CHECK(!pool4_dom_find(p, d0, key("198.51.100.1", 3000)));
	/* The same range under two marks: one cluster, neither partial. */
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 9, "198.51.100.1", 32, 1000, 5000), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 7, "198.51.100.2", 32, 1, 10), &why));
	CHECK(!rem(&p, chg(JOOL_PROTO_TCP, 0, "198.51.100.1", 32, 0, 65535)));
	d7 = pool4_domain(p, L4_TCP, 7);
	d9 = pool4_domain(p, L4_TCP, 9);
	CHECK(d7->cluster == 7 && d9->cluster == 7 && !d7->partial && !d9->partial);
	/* Within one mark an overlapping add merges, as Jool 4 fuses ranges. */
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 9, "198.51.100.1", 32, 4000, 6000), &why));
	d9 = pool4_domain(p, L4_TCP, 9);
	CHECK(d9->slots == 5001 + 10 && !d9->partial && pool4_domain(p, L4_TCP, 7)->partial);
	/* Transitively: 3 touches 9 only, 9 touches 7: one cluster. */
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 3, "198.51.100.1", 32, 5500, 5600), &why));
	CHECK(pool4_domain(p, L4_TCP, 3)->cluster == 3 && pool4_domain(p, L4_TCP, 7)->cluster == 3);
	free_pool(p);
}

/* pool4_find() with many overlapping rows on one address, against a linear walk. */
static void overlapping_find(void)
{
	struct pool4 *p = alloc_pool(0);
	const char *why = NULL;
	u32 m, port, i;

	for (m = 0; m < 40; m++) {
		u16 lo = 1 + (m * 7919) % 60000;

		CHECK(!add(&p, chg(JOOL_PROTO_UDP, m, "192.0.2.7", 32, lo, lo + (m * 104729) % 3000), &why));
	}
	for (port = 0; port < 65536; port += 13) {
		bool want = false;

		for (i = 0; i < p->nrows; i++)
			want |= p->rows[i].l4 == L4_UDP && port >= p->rows[i].min && port <= p->rows[i].max;
		CHECK(!!pool4_find(p, L4_UDP, key("192.0.2.7", port)) == want);
	}
	free_pool(p);
}

static void search(void)
{
	struct pool4 *p = alloc_pool(0);
	const struct pool4_dom *d;
	const struct pool4_row *r;
	const char *why;
	u64 i;

	CHECK(!add(&p, chg(JOOL_PROTO_ICMP, 0, "198.51.100.0", 30, 100, 199), &why));
	d = pool4_domain(p, L4_ICMP, 0);
	CHECK(d && d->slots == 400);
	/* Every slot maps to a key in the pool and back to itself. */
	for (i = 0; i < d->slots; i++) {
		u64 k = pool4_slot_key(p, d, i);

		r = pool4_find(p, L4_ICMP, k);
		if (!r || pool4_row_slot(r, k) != i) {
			CHECK(0);
			break;
		}
	}
	CHECK(pool4_slot_key(p, d, 0) == key("198.51.100.0", 100));
	CHECK(pool4_slot_key(p, d, 399) == key("198.51.100.3", 199));
	CHECK(!pool4_find(p, L4_ICMP, key("198.51.100.1", 99)));
	CHECK(!pool4_find(p, L4_ICMP, key("198.51.100.4", 150)));
	CHECK(!pool4_find(p, L4_TCP, key("198.51.100.1", 150)));
	CHECK(pool4_rows_after(p, &p->rows[1]) == 2);
	free_pool(p);
}

static void limits(void)
{
	struct pool4 *p = alloc_pool(0);
	const char *why = NULL;

	CHECK(add(&p, chg(JOOL_PROTO_TCP, 0, "10.0.0.0", 8, 1, 2), &why) == -E2BIG);
	CHECK(add(&p, chg(JOOL_PROTO_TCP, 0, "10.0.0.0", 32, 9, 2), &why) == -EINVAL);
	/* A /16 on all three protocols: 196,608 rows, each protocol its domain. */
	CHECK(!add(&p, chg(JOOL_PROTO_ALL, 0, "198.18.0.0", 16, 1024, 65535), &why));
	CHECK(p->nrows == 3 * 65536 && p->ndoms == 3);
	CHECK(pool4_domain(p, L4_UDP, 0)->max_iter == 2 * 65536);
	free_pool(p);
}

/* Prefix lengths 0 and 32: no shift by 32 of a 32-bit value (UBSan checks). */
static void prefix_edges(void)
{
	struct pool4 *p = alloc_pool(0);
	const char *why = NULL;
	u32 cap = 0;
	struct pool4_change all = chg(JOOL_PROTO_ALL, 0, "0.0.0.0", 0, 0, 65535);

	CHECK(pool4_prefix_addrs(0) == 1ull << 32 && pool4_prefix_addrs(32) == 1);
	CHECK(pool4_prefix_mask(0) == 0 && pool4_prefix_mask(32) == 0xffffffffu);
	CHECK(pool4_prefix_mask(24) == 0xffffff00u && pool4_prefix_mask(40) == 0xffffffffu);
	CHECK(pool4_add_capacity(p, &all, 1, &cap, &why) == -E2BIG);
	CHECK(add(&p, all, &why) == -E2BIG);
	all.plen = 33;
	CHECK(add(&p, all, &why) == -EINVAL);
	CHECK(!add(&p, chg(JOOL_PROTO_ALL, 0, "203.0.113.0", 30, 1, 2), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 0, "255.255.255.255", 32, 1, 2), &why));
	CHECK(p->nrows == 13);
	/* Removing 0.0.0.0/0 removes everything, 255.255.255.255 included. */
	CHECK(!rem(&p, chg(JOOL_PROTO_ALL, 0, "0.0.0.0", 0, 0, 65535)));
	CHECK(p->nrows == 0 && p->ndoms == 0);
	free_pool(p);
}

/* Adding many changes at once gives what adding them one by one gives. */
static void batch_equals_sequence(void)
{
	struct pool4_change cs[] = {
		chg(JOOL_PROTO_TCP, 0, "192.0.2.0", 30, 1000, 1999),
		chg(JOOL_PROTO_ALL, 7, "198.51.100.8", 31, 1, 65535),
		chg(JOOL_PROTO_TCP, 0, "192.0.2.1", 32, 1500, 2500),
		chg(JOOL_PROTO_UDP, 0, "192.0.2.9", 32, 5, 5),
		chg(JOOL_PROTO_TCP, 0, "192.0.2.200", 32, 9, 99),
		chg(JOOL_PROTO_TCP, 0, "192.0.2.201", 32, 9, 99),
	};
	struct pool4 *one = alloc_pool(0), *all = alloc_pool(0);
	const char *why = NULL;
	u32 i, n = sizeof(cs) / sizeof(cs[0]);

	cs[3].max_iter = 50;		/* explicit: the UDP domain is fixed */
	cs[4].max_iter = 10;		/* TCP mark 0 fixed at 10 ... */
	cs[5].max_iter = 20;		/* ... then at 20: the last one wins */
	cs[3].iter_given = cs[4].iter_given = cs[5].iter_given = true;
	CHECK(!add(&one, chg(JOOL_PROTO_UDP, 0, "10.0.0.1", 32, 1, 9), &why));
	CHECK(!add(&all, chg(JOOL_PROTO_UDP, 0, "10.0.0.1", 32, 1, 9), &why));
	for (i = 0; i < n; i++)
		CHECK(!add(&one, cs[i], &why));
	CHECK(!add_many(&all, cs, n, &why));
	CHECK(one->nrows == all->nrows && one->ndoms == all->ndoms);
	CHECK(!memcmp(one->rows, all->rows, one->nrows * sizeof(*one->rows)));
	CHECK(!memcmp(one->by_addr, all->by_addr, one->nrows * sizeof(*one->by_addr)));
	CHECK(!memcmp(one->doms, all->doms, one->ndoms * sizeof(*one->doms)));
	CHECK(pool4_domain(all, L4_TCP, 0)->iter_fixed && pool4_domain(all, L4_TCP, 0)->max_iter == 20);
	CHECK(pool4_domain(all, L4_UDP, 0)->max_iter == 50);
	CHECK(!pool4_domain(all, L4_ICMP, 7)->iter_fixed);
	/* A change that names no max-iterations keeps the setting ... */
	CHECK(!add(&all, chg(JOOL_PROTO_TCP, 0, "192.0.2.210", 32, 9, 99), &why));
	CHECK(pool4_domain(all, L4_TCP, 0)->iter_fixed && pool4_domain(all, L4_TCP, 0)->max_iter == 20);
	/* ... and an explicit "auto" returns the domain to auto (Jool 4's). */
	cs[0] = chg(JOOL_PROTO_TCP, 0, "192.0.2.211", 32, 9, 99);
	cs[0].iter_given = true;	/* max_iter JOOL_MAX_ITER_AUTO */
	CHECK(!add(&all, cs[0], &why));
	CHECK(!pool4_domain(all, L4_TCP, 0)->iter_fixed);
	CHECK(pool4_domain(all, L4_UDP, 0)->iter_fixed && pool4_domain(all, L4_UDP, 0)->max_iter == 50);
	/* Another mark over the same ports is no clash (Jool 4 allows it). */
	cs[0] = chg(JOOL_PROTO_TCP, 3, "192.0.2.0", 32, 1990, 1990);
	CHECK(!add_many(&all, cs, 1, &why));
	CHECK(pool4_domain(all, L4_TCP, 3)->cluster == 0);
	free_pool(one);
	free_pool(all);
}

/* The slot-to-row search, against a linear walk. */
static void slot_rows(void)
{
	struct pool4 *p = alloc_pool(0);
	const struct pool4_dom *d;
	const char *why;
	u64 s;
	u32 lin;

	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 0, "198.51.100.0", 28, 100, 109), &why));
	CHECK(!add(&p, chg(JOOL_PROTO_TCP, 0, "198.51.100.3", 32, 500, 501), &why));
	d = pool4_domain(p, L4_TCP, 0);
	for (s = 0, lin = d->first; s < d->slots; s++) {
		while (lin + 1 < d->first + d->count && p->rows[lin + 1].offset <= s)
			lin++;
		if (pool4_slot_row(p, d, s) != lin) {
			CHECK(0);
			break;
		}
	}
	free_pool(p);
}

/*
 * Builds run concurrently (instances, namespaces, file handle): each must
 * sort with its own rows. Two threads building different pools must each
 * get a correct address index.
 */
static void *builder(void *arg)
{
	const char *base = arg;
	long bad = 0;
	int round;

	for (round = 0; round < 30; round++) {
		struct pool4 *p = alloc_pool(0);
		const char *why;
		u32 i;

		if (add(&p, chg(JOOL_PROTO_ALL, round, base, 22, 1, 65535), &why))
			bad++;
		for (i = 1; i < p->nrows; i++) {
			const struct pool4_row *a = &p->rows[p->by_addr[i - 1]];
			const struct pool4_row *b = &p->rows[p->by_addr[i]];

			if (a->l4 > b->l4 || (a->l4 == b->l4 && ntohl(a->addr) >= ntohl(b->addr)))
				bad++;
		}
		free_pool(p);
	}
	return (void *)bad;
}

static void concurrent_builds(void)
{
	pthread_t a, b;
	void *ra, *rb;

	CHECK(!pthread_create(&a, NULL, builder, "10.1.0.0"));
	CHECK(!pthread_create(&b, NULL, builder, "10.2.0.0"));
	CHECK(!pthread_join(a, &ra) && !pthread_join(b, &rb));
	CHECK(ra == NULL && rb == NULL);
}

int main(void)
{
	int failed = 0;

	RUN(seed_example);
	RUN(merge_and_split);
	RUN(marks_may_share);
	RUN(overlapping_find);
	RUN(search);
	RUN(limits);
	RUN(prefix_edges);
	RUN(batch_equals_sequence);
	RUN(slot_rows);
	RUN(concurrent_builds);
	return failed != 0;
}
