/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pool4.h - the IPv4 transport addresses that mask IPv6 nodes (RFC 6146
 * section 3.3), as (mark, protocol, address, port range) rows, the way the
 * seeds document pool4.
 *
 * A pool is an immutable snapshot: configuration builds a new one from the
 * old one and a change (pool4_build_add/remove), the module publishes it
 * under RCU, and the packet path only reads. Rows are grouped into domains,
 * one per (protocol, mark): the transport addresses a packet with that mark
 * may be masked with, in (address, port) order, numbered 0..slots-1. That
 * numbering is what port allocation searches.
 *
 * As in Jool 4, rows of different marks may overlap (customers' marks over
 * one shared range); the BIB still gives each transport address to one
 * mapping. So domains are grouped into clusters: the domains of one
 * protocol that share transport addresses, directly or through others. The
 * BIB keeps one tree per cluster (mod/bib.h), named by the cluster's
 * smallest mark, holding every mapping of the cluster's transport addresses.
 *
 * Pure functions on caller-provided memory, unit-tested in userspace.
 */
#ifndef _JOOL_COMMON_POOL4_H
#define _JOOL_COMMON_POOL4_H

#include "compat_types.h"

/* Protocol indexes of pool4 and the BIB. */
enum l4idx { L4_TCP, L4_UDP, L4_ICMP, L4_COUNT };

struct pool4_row {
	u32 mark;
	u8 l4;			/* enum l4idx */
	bool iter_fixed;	/* the domain's max_iter was set by the operator */
	bool iter_given;	/* while building: a change named max-iterations, "auto" too */
	u16 min, max;		/* ports or ICMP identifiers, inclusive */
	__be32 addr;
	u32 max_iter;		/* the domain's setting (same in all its rows) */
	/*
	 * In by_addr order: positions back from this row's to the row at or
	 * before it (same protocol and address) whose range reaches furthest,
	 * so that pool4_find() stays one binary search when rows overlap. 0
	 * where nothing overlaps (a pool built by hand may leave it 0).
	 */
	u32 back;
	u64 offset;		/* slots before this row in its domain */
};

struct pool4_dom {
	u32 mark;
	u8 l4;
	bool iter_fixed;
	u32 first, count;	/* rows[first..first+count) */
	u32 max_iter;		/* effective: fixed value, or auto's figure */
	u64 slots;
	/*
	 * Its cluster: the smallest mark of the domains of this protocol it
	 * shares transport addresses with (transitively); its own mark if it
	 * shares none. 0 in a pool built by hand (one mark, 0).
	 */
	u32 cluster;
	/*
	 * Its cluster also has transport addresses outside this domain, so the
	 * cluster's BIB tree holds keys that are not this domain's slots (the
	 * allocator then searches row by row, bib.c). False when it is alone in
	 * its cluster, or when every mark of the cluster has the same ranges.
	 */
	bool partial;
	u64 cslots;		/* transport addresses of its cluster (build only) */
};

struct pool4 {
	u32 nrows, ndoms;
	struct pool4_row *rows;	/* by (l4, mark, addr, min) */
	u32 *by_addr;		/* row indexes by (l4, addr, min); nrows of them */
	struct pool4_dom *doms;	/* by (l4, mark) */
};

/* A transport address as one sortable number: address << 16 | port. */
static inline u64 taddr_key(__be32 addr, u16 port)
{
	return ((u64)be32_to_cpu(addr) << 16) | port;
}

static inline __be32 key_addr(u64 key)
{
	return cpu_to_be32((u32)(key >> 16));
}

static inline u16 key_port(u64 key)
{
	return key & 0xffff;
}

struct pool4_change {
	u8 protos;		/* JOOL_PROTO_* bits */
	u32 mark;
	__be32 addr;		/* host bits zero */
	u8 plen;
	u16 min, max;
	u32 max_iter;		/* JOOL_MAX_ITER_AUTO, _INFINITE or a value */
	bool iter_given;	/* max_iter was named (an explicit "auto" resets a domain) */
};

/* Rows a pool may have: bounds every allocation a request can ask for. */
#define POOL4_MAX_ROWS	(1u << 22)

/*
 * Rows (in *@cap) that adding the @n changes @cs may produce at most, to size
 * the output of the builders; -EINVAL/-E2BIG with @why set for a bad change
 * or a pool over POOL4_MAX_ROWS.
 */
int pool4_add_capacity(const struct pool4 *old, const struct pool4_change *cs, u32 n,
		       u32 *cap, const char **why);
u32 pool4_remove_capacity(const struct pool4 *old);
/* Domains @n changes may produce at most (each protocol of each change's mark). */
static inline u32 pool4_doms_capacity(const struct pool4 *old, u32 n)
{
	return old->ndoms + n * L4_COUNT;
}

/*
 * Write into @out (nrows set, rows/by_addr/doms pointing to room for the
 * capacity above) the pool @old with the change(s) applied, indexed and
 * ready. They return 0 or -errno with @why set for the operator; @old is
 * never changed. Adding merges ranges that overlap or touch within one
 * (mark, protocol, address), as Jool 4 fuses them; ranges of other marks
 * may overlap (see clusters above). Adding @n changes at once is one sort,
 * as if they were added one after the other (a domain's last explicit
 * max-iterations wins).
 */
int pool4_build_add(const struct pool4 *old, const struct pool4_change *cs, u32 n,
		    struct pool4 *out, const char **why);
int pool4_build_remove(const struct pool4 *old, const struct pool4_change *c,
		       struct pool4 *out);
/* Copies the rows of @old that are not of protocols @protos (for flush). */
int pool4_build_flush(const struct pool4 *old, struct pool4 *out);

const struct pool4_dom *pool4_domain(const struct pool4 *p, u8 l4, u32 mark);
/*
 * A row holding a transport address (of any mark: all rows holding it are
 * of one cluster), or NULL if it is not in pool4. O(log rows).
 */
const struct pool4_row *pool4_find(const struct pool4 *p, u8 l4, u64 key);
/* The row of domain @dom holding @key, or NULL. O(log rows). */
const struct pool4_row *pool4_dom_find(const struct pool4 *p, const struct pool4_dom *dom, u64 key);
/* The cluster of the transport addresses of row @r (see struct pool4_dom). */
static inline u32 pool4_cluster(const struct pool4 *p, const struct pool4_row *r);
/* Does any row of protocol @l4 have address @addr (whatever the port)? */
bool pool4_has_addr(const struct pool4 *p, u8 l4, __be32 addr);
/* The domain of a row. */
const struct pool4_dom *pool4_row_dom(const struct pool4 *p, const struct pool4_row *r);

static inline u32 pool4_cluster(const struct pool4 *p, const struct pool4_row *r)
{
	const struct pool4_dom *d = pool4_row_dom(p, r);

	return d ? d->cluster : r->mark;
}
/* Slot @i (< dom->slots) of @dom, as a key. */
u64 pool4_slot_key(const struct pool4 *p, const struct pool4_dom *dom, u64 i);
/* The index (in p->rows) of the row holding slot @i of @dom: O(log rows). */
u32 pool4_slot_row(const struct pool4 *p, const struct pool4_dom *dom, u64 i);
/* The slot number of @key, which lies in row @r. */
static inline u64 pool4_row_slot(const struct pool4_row *r, u64 key)
{
	return r->offset + (key_port(key) - r->min);
}

/* Index of the first row that sorts after @key (for resumable dumps). */
u32 pool4_rows_after(const struct pool4 *p, const struct pool4_row *key);

/*
 * Number of addresses of a prefix, and its network mask in host order. Both
 * shift a 64-bit one, so /0 and /32 are defined (a 32-bit shift by 32 is
 * not); lengths over 32 count as 32.
 */
static inline u64 pool4_prefix_addrs(u8 plen)
{
	return 1ull << (32 - (plen > 32 ? 32 : plen));
}

static inline u32 pool4_prefix_mask(u8 plen)
{
	return (u32)~(pool4_prefix_addrs(plen) - 1);
}

#endif
