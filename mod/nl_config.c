// SPDX-License-Identifier: GPL-2.0
/*
 * nl_config.c - JOOL_CMD_CONFIG_REPLACE, behind `jool file handle`: an
 * instance's whole configuration (globals, pool4, static BIB) in one
 * request, applied all or nothing.
 *
 * Everything is parsed and validated into new structures first, with no
 * instance touched: globals from the defaults, pool4 built from empty (in
 * one build, whatever the number of entries), static BIB entries checked
 * against that new pool4 and against each other (sorted: O(n log n)). Only
 * then is the new state published, under the instance's configuration
 * mutex, by steps that cannot fail for bad input.
 *
 * As in Jool 4.1, a file creates an instance or updates one, and the two
 * differ only in the BIB: a new instance gets the file's static entries; an
 * existing one gets the file's globals and pool4 but keeps its whole BIB,
 * static and dynamic entries alike (entries pool4 no longer covers are kept
 * unpooled, as `pool4 remove --quick` keeps them), and the file's "bib" is
 * checked, then ignored (Jool builds a new BIB from it and drops it for the
 * old one). A new instance is configured before it is published: no packet
 * or command ever sees it with default settings. The one failure left is
 * memory for its static entries; it is then never published. The BIB is
 * changed in batches (BIB_BATCH), never with the table locked for work that
 * grows with it.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/ipv6.h>
#include "compat.h"
#include "instance.h"
#include "netlink.h"
#include "privilege.h"

struct static_entry {
	u8 l4;
	u16 port6, port4;
	struct in6_addr addr6;
	__be32 addr4;
	int index;	/* in the request, for messages */
};

struct config {
	struct jool_globals *g;
	struct jool_pool4 *pool4;
	struct static_entry *bib;
	int nbib;
};

static void config_free(struct config *c)
{
	kfree(c->g);
	kvfree(c->pool4);
	kvfree(c->bib);
}

static int parse_pool4(struct config *c, const struct nlattr *list,
		       struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	struct pool4_change *cs = NULL;
	const char *why = NULL;
	int rem, n = 0, i = 0, err = 0;

	if (list)
		nla_for_each_nested(entry, list, rem)
			n++;
	cs = kvcalloc(n, sizeof(*cs), GFP_KERNEL);
	if (n && !cs)
		return -ENOMEM;
	if (list) {
		nla_for_each_nested(entry, list, rem) {
			struct nlattr *tb[JOOL_A_MAX + 1];

			/* The family's policy validated the nest already. */
			err = nla_parse_nested_deprecated(tb, JOOL_A_MAX, entry, NULL, extack);
			if (!err)
				err = jnl_pool4_parse(tb, extack, &cs[i]);
			if (err) {
				JOOL_ERR_FMT(extack, "invalid pool4 entry", "pool4 entry %d is invalid", i);
				goto out;
			}
			i++;
		}
	}
	/* One build for the whole list: adding entry by entry would be quadratic. */
	err = jnl_pool4_build(NULL, cs, n, &c->pool4, &why);
	if (err)
		JOOL_ERR_FMT_STATIC(extack, why ?: "out of memory", "pool4: %s", why ?: "out of memory");
out:
	kvfree(cs);
	return err;
}

static int l4_of(u8 proto)
{
	return proto == IPPROTO_TCP ? L4_TCP : proto == IPPROTO_UDP ? L4_UDP :
	       proto == IPPROTO_ICMP ? L4_ICMP : -1;
}

static int cmp4(const struct static_entry *x, const struct static_entry *y)
{
	u64 kx = taddr_key(x->addr4, x->port4), ky = taddr_key(y->addr4, y->port4);

	if (x->l4 != y->l4)
		return x->l4 < y->l4 ? -1 : 1;
	return kx < ky ? -1 : kx > ky;
}

static int cmp6(const struct static_entry *x, u8 l4, const struct in6_addr *a, u16 port)
{
	int c;

	if (x->l4 != l4)
		return x->l4 < l4 ? -1 : 1;
	c = memcmp(&x->addr6, a, sizeof(*a));
	if (c)
		return c;
	return x->port6 < port ? -1 : x->port6 > port;
}

static int by4(const void *a, const void *b)
{
	return cmp4(a, b);
}

static int by6(const void *a, const void *b)
{
	const struct static_entry *y = b;

	return cmp6(a, y->l4, &y->addr6, y->port6);
}

/* Two entries sharing a transport address, found sorted by @cmp; sorts by it. */
static int find_dup(struct config *c, int (*cmp)(const void *, const void *),
		    struct netlink_ext_ack *extack)
{
	int i;

	sort(c->bib, c->nbib, sizeof(*c->bib), cmp, NULL);
	for (i = 1; i < c->nbib; i++) {
		const struct static_entry *x = &c->bib[i - 1], *y = &c->bib[i];

		/* The same mapping twice is one mapping (Jool 4 accepts it). */
		if (!cmp(x, y) && (x->l4 != y->l4 || x->port6 != y->port6 || x->port4 != y->port4 ||
				   x->addr4 != y->addr4 || !ipv6_addr_equal(&x->addr6, &y->addr6))) {
			JOOL_ERR_FMT(extack, "two BIB entries share a transport address",
				     "BIB entries %d and %d share a transport address",
				     min(x->index, y->index), max(x->index, y->index));
			return -EINVAL;
		}
	}
	return 0;
}

static int parse_bib(struct config *c, const struct nlattr *list, struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	int rem, n = 0, i, err;

	if (!list)
		return 0;
	nla_for_each_nested(entry, list, rem)
		n++;
	c->bib = kvcalloc(n, sizeof(*c->bib), GFP_KERNEL_ACCOUNT);
	if (n && !c->bib)
		return -ENOMEM;
	i = 0;
	nla_for_each_nested(entry, list, rem) {
		struct nlattr *tb[JOOL_A_MAX + 1];
		struct static_entry *e = &c->bib[i];
		int l4 = -1;

		if (!nla_parse_nested_deprecated(tb, JOOL_A_MAX, entry, NULL, extack) &&
		    tb[JOOL_A_PROTO] && tb[JOOL_A_ADDR6] && tb[JOOL_A_PORT6] && tb[JOOL_A_ADDR4] &&
		    tb[JOOL_A_PORT4])
			l4 = l4_of(nla_get_u8(tb[JOOL_A_PROTO]));
		if (l4 < 0) {
			JOOL_ERR_FMT(extack, "invalid BIB entry", "BIB entry %d is incomplete", i);
			return -EINVAL;
		}
		e->l4 = l4;
		e->index = i;
		e->addr6 = nla_get_in6_addr(tb[JOOL_A_ADDR6]);
		e->port6 = nla_get_u16(tb[JOOL_A_PORT6]);
		e->addr4 = nla_get_in_addr(tb[JOOL_A_ADDR4]);
		e->port4 = nla_get_u16(tb[JOOL_A_PORT4]);
		if (!pool4_find(&c->pool4->p, l4, taddr_key(e->addr4, e->port4))) {
			JOOL_ERR_FMT(extack, "a BIB entry's IPv4 transport address is not in pool4",
				     "BIB entry %d: %pI4#%u is not in pool4", i, &e->addr4, e->port4);
			return -EINVAL;
		}
		i++;
	}
	c->nbib = n;
	err = find_dup(c, by4, extack);
	return err ? err : find_dup(c, by6, extack);
}

/*
 * The file's static entries into table @t of a new instance, in batches.
 * Nothing translates through it yet, so nothing is in their way but the
 * file's own duplicates, which bib_add_static() takes as one.
 */
static int add_static(struct bib_table *t, struct config *c, const struct pool4 *pool)
{
	int i = 0, err = 0;

	while (i < c->nbib && !err) {
		unsigned int budget = BIB_BATCH;

		spin_lock_bh(&t->lock);
		for (; i < c->nbib && budget && !err; i++, budget--) {
			struct static_entry *e = &c->bib[i];
			struct bib_entry *clash;

			if (e->l4 != t->l4)
				continue;
			err = bib_add_static(t, &e->addr6, e->port6, e->addr4, e->port4, pool, &clash);
		}
		spin_unlock_bh(&t->lock);
		cond_resched();
	}
	return err;
}

/* @created: @inst is new (unpublished), so it takes the file's static BIB. */
static int commit(struct jool_instance *inst, struct config *c, bool created)
{
	struct jool_globals *old_g;
	int l4, err = 0;

	mutex_lock(&inst->cfg);
	old_g = rcu_dereference_protected(inst->globals, lockdep_is_held(&inst->cfg));
	rcu_assign_pointer(inst->globals, c->g);
	kfree_rcu(old_g, rcu);
	c->g = NULL;
	jnl_pool4_publish(inst, c->pool4, JOOL_PROTO_ALL, NULL);
	for (l4 = 0; l4 < L4_COUNT && !err && created; l4++)
		err = add_static(&inst->tables[l4], c, &c->pool4->p);
	c->pool4 = NULL;
	mutex_unlock(&inst->cfg);
	return err;
}

int jnl_config_replace(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct net *net = genl_info_net(info);
	struct config c = { 0 };
	struct jool_usage after = { .instances = 1 };
	struct jool_instance *inst;
	const char *name;
	int err;

	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name"))
		return -EINVAL;
	name = nla_data(a[JOOL_A_INSTANCE]);
	c.g = kmalloc(sizeof(*c.g), GFP_KERNEL_ACCOUNT);
	if (!c.g)
		return -ENOMEM;
	jinst_default_globals(c.g);
	err = jnl_globals_apply(c.g, a, info->extack);
	if (!err)
		err = parse_pool4(&c, a[JOOL_A_POOL4_LIST], info->extack);
	if (!err)
		err = parse_bib(&c, a[JOOL_A_BIB_LIST], info->extack);
	if (err)
		goto out;

	inst = jinst_find(net, name, NULL);
	/* Quotas before anything is applied; jool_nl_limited() callers hold them. */
	if (inst)
		jinst_usage_of(inst, &after);	/* its BIB stays; instances: +1 - 1 */
	after.instances = 1;
	after.pool4_rows = c.pool4->p.nrows;
	if (!inst)
		after.static_bib = c.nbib;
	err = jool_quota_check(info, inst, &after);
	if (err) {
		if (inst)
			jinst_put(inst);
		goto out;
	}
	if (inst) {
		if ((a[JOOL_A_FRAMEWORK] && nla_get_u8(a[JOOL_A_FRAMEWORK]) != inst->framework) ||
		    (a[JOOL_A_POOL6_ADDR] && a[JOOL_A_POOL6_LEN] &&
		     (nla_get_u8(a[JOOL_A_POOL6_LEN]) != inst->pool6.len ||
		      memcmp(nla_data(a[JOOL_A_POOL6_ADDR]), &inst->pool6.addr, 16)))) {
			NL_SET_ERR_MSG(info->extack,
				       "framework and pool6 are fixed when an instance is created; remove it first to change them");
			jinst_put(inst);
			err = -EINVAL;
			goto out;
		}
		err = commit(inst, &c, false);	/* cannot fail: the BIB stays */
		jinst_put(inst);
	} else {
		struct prefix6 pool6;

		if (!jool_nl_require(info, JOOL_A_FRAMEWORK, "a new instance needs a framework") ||
		    !jool_nl_require(info, JOOL_A_POOL6_ADDR, "a new instance needs pool6") ||
		    !jool_nl_require(info, JOOL_A_POOL6_LEN, "a new instance needs pool6")) {
			err = -EINVAL;
			goto out;
		}
		nla_memcpy(&pool6.addr, a[JOOL_A_POOL6_ADDR], sizeof(pool6.addr));
		pool6.len = nla_get_u8(a[JOOL_A_POOL6_LEN]);
		inst = jinst_new(net, name, nla_get_u8(a[JOOL_A_FRAMEWORK]), &pool6,
				 nla_get_flag(a[JOOL_A_FORCE]), info->extack, &err);
		if (!inst)
			goto out;
		/* Configured while nobody can see it; published whole, or never. */
		err = commit(inst, &c, true);
		if (err) {
			NL_SET_ERR_MSG(info->extack,
				       "out of memory for the static BIB; the instance was not created");
			jinst_put(inst);
			goto out;
		}
		err = jinst_publish(inst, info->extack);
	}
out:
	config_free(&c);
	return err;
}
