// SPDX-License-Identifier: GPL-2.0
/*
 * nl_config.c - JOOL_CMD_CONFIG_REPLACE, behind `jool file handle`: an
 * instance's whole configuration (globals, pool4, static BIB) in one
 * request, applied all or nothing.
 *
 * Everything is parsed and validated into new structures first, with no
 * instance touched: globals from the defaults, pool4 built from empty,
 * static BIB entries checked against that new pool4 and against each other.
 * Only then is the instance created (if new) and the new state published,
 * under its configuration mutex, by steps that cannot fail for bad input.
 * A dynamic mapping in a new static entry's way is dropped: the file is the
 * truth. The one failure left is memory for the static entries; a new
 * instance is then removed again, an existing one keeps what was applied
 * and the operator is told.
 */
#include <linux/slab.h>
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
	bool present;	/* already in the BIB as it is */
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
	int rem, i = 0, err;

	c->pool4 = jnl_pool4_alloc(0, 0);
	if (!c->pool4)
		return -ENOMEM;
	if (!list)
		return 0;
	nla_for_each_nested(entry, list, rem) {
		struct nlattr *tb[JOOL_A_MAX + 1];
		struct pool4_change ch = { 0 };
		const char *why = NULL;

		/* The family's policy validated the nest already. */
		err = nla_parse_nested_deprecated(tb, JOOL_A_MAX, entry, NULL, extack);
		if (!err)
			err = jnl_pool4_parse(tb, extack, &ch);
		if (err) {
			JOOL_ERR_FMT(extack, "invalid pool4 entry", "pool4 entry %d is invalid", i);
			return err;
		}
		err = jnl_pool4_grow(&c->pool4, &ch, &why);
		if (err) {
			JOOL_ERR_FMT_STATIC(extack, why ?: "out of memory",
					    "pool4 entry %d: %s", i, why ?: "out of memory");
			return err;
		}
		i++;
	}
	return 0;
}

static int l4_of(u8 proto)
{
	return proto == IPPROTO_TCP ? L4_TCP : proto == IPPROTO_UDP ? L4_UDP :
	       proto == IPPROTO_ICMP ? L4_ICMP : -1;
}

static int parse_bib(struct config *c, const struct nlattr *list, struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	int rem, n = 0, i, j;

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
		e->addr6 = nla_get_in6_addr(tb[JOOL_A_ADDR6]);
		e->port6 = nla_get_u16(tb[JOOL_A_PORT6]);
		e->addr4 = nla_get_in_addr(tb[JOOL_A_ADDR4]);
		e->port4 = nla_get_u16(tb[JOOL_A_PORT4]);
		if (!pool4_find(&c->pool4->p, l4, taddr_key(e->addr4, e->port4))) {
			JOOL_ERR_FMT(extack, "a BIB entry's IPv4 transport address is not in pool4",
				     "BIB entry %d: %pI4#%u is not in pool4", i, &e->addr4, e->port4);
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			const struct static_entry *o = &c->bib[j];

			if (o->l4 == l4 && ((o->port6 == e->port6 && ipv6_addr_equal(&o->addr6, &e->addr6)) ||
					    (o->port4 == e->port4 && o->addr4 == e->addr4))) {
				JOOL_ERR_FMT(extack, "two BIB entries share a transport address",
					     "BIB entries %d and %d share a transport address", j, i);
				return -EINVAL;
			}
		}
		i++;
	}
	c->nbib = n;
	return 0;
}

static bool same_entry(const struct static_entry *e, const struct bib_entry *b)
{
	return e->port6 == b->port6 && e->port4 == b->port4 && e->addr4 == b->addr4 &&
	       ipv6_addr_equal(&e->addr6, &b->addr6);
}

/* The static BIB of table @l4 becomes @c's. Under the table's lock. */
static int replace_static(struct bib_table *t, struct config *c, const struct pool4 *pool)
{
	struct rb_node *n, *next;
	int i, err = 0;

	for (n = rb_first(&t->tree6); n; n = next) {
		struct bib_entry *b = rb_entry(n, struct bib_entry, node6);
		bool keep = false;

		next = rb_next(n);
		if (!b->is_static)
			continue;
		for (i = 0; i < c->nbib && !keep; i++) {
			if (c->bib[i].l4 == t->l4 && same_entry(&c->bib[i], b))
				keep = c->bib[i].present = true;
		}
		if (!keep)
			bib_remove(t, b);
	}
	for (i = 0; i < c->nbib && !err; i++) {
		struct static_entry *e = &c->bib[i];
		struct bib_entry *clash;

		if (e->l4 != t->l4 || e->present)
			continue;
		/* Dynamic mappings in the way give in (their sessions with them). */
		while ((clash = bib_find6(t, &e->addr6, e->port6)) ||
		       (clash = bib_find4(t, e->addr4, e->port4, pool)))
			bib_remove(t, clash);
		err = bib_add_static(t, &e->addr6, e->port6, e->addr4, e->port4, pool, &clash);
	}
	return err;
}

static int commit(struct jool_instance *inst, struct config *c)
{
	struct jool_globals *old_g;
	int l4, err = 0;

	mutex_lock(&inst->cfg);
	old_g = rcu_dereference_protected(inst->globals, lockdep_is_held(&inst->cfg));
	rcu_assign_pointer(inst->globals, c->g);
	kfree_rcu(old_g, rcu);
	c->g = NULL;
	jnl_pool4_publish(inst, c->pool4, JOOL_PROTO_ALL, false);
	for (l4 = 0; l4 < L4_COUNT && !err; l4++) {
		struct bib_table *t = &inst->tables[l4];

		spin_lock_bh(&t->lock);
		err = replace_static(t, c, &c->pool4->p);
		spin_unlock_bh(&t->lock);
	}
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
	bool created = false;
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
	after.pool4_rows = c.pool4->p.nrows;
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
		err = jinst_add(net, name, nla_get_u8(a[JOOL_A_FRAMEWORK]), &pool6,
				nla_get_flag(a[JOOL_A_FORCE]), info->extack);
		if (err)
			goto out;
		created = true;
		inst = jinst_find(net, name, info->extack);
		if (!inst) {
			err = -ESRCH;
			goto out;
		}
	}
	err = commit(inst, &c);
	jinst_put(inst);
	if (err) {
		if (created)
			NL_SET_ERR_MSG(info->extack,
				       "out of memory for the static BIB; the instance was not created");
		else
			NL_SET_ERR_MSG(info->extack,
				       "out of memory for the static BIB; some entries are missing");
		if (created)
			jinst_remove(net, name, NULL);
	}
out:
	config_free(&c);
	return err;
}
