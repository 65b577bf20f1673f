// SPDX-License-Identifier: GPL-2.0
/*
 * nl_pool4.c - netlink handlers of pool4: add, remove, flush, display.
 *
 * Changes build a whole new snapshot (common/pool4.c) under the instance's
 * configuration mutex, publish it with RCU, then move the BIB entries it
 * concerns (see jnl_pool4_publish); the old snapshot is freed after a grace
 * period. A failed change leaves the published pool untouched.
 */
#include <linux/slab.h>
#include <net/sock.h>
#include "compat.h"
#include "instance.h"
#include "netlink.h"
#include "privilege.h"

struct jool_pool4 *jnl_pool4_alloc(u32 cap, u32 dcap)
{
	struct jool_pool4 *jp;
	size_t rows = array_size(cap, sizeof(struct pool4_row));
	size_t idx = array_size(cap, sizeof(u32));
	size_t doms = array_size(dcap, sizeof(struct pool4_dom));
	char *mem;

	jp = kvzalloc(size_add(size_add(sizeof(*jp), rows), size_add(idx, doms)),
		      GFP_KERNEL_ACCOUNT);	/* the caller's memory cgroup pays */
	if (!jp)
		return NULL;
	mem = (char *)(jp + 1);
	jp->p.rows = (struct pool4_row *)mem;
	jp->p.doms = (struct pool4_dom *)(mem + rows);
	jp->p.by_addr = (u32 *)(mem + rows + doms);
	return jp;
}

int jnl_pool4_build(const struct pool4 *old, const struct pool4_change *cs, u32 n,
		    struct jool_pool4 **out, const char **why)
{
	static const struct pool4 empty;
	struct jool_pool4 *jp;
	u32 cap;
	int err;

	if (!old)
		old = &empty;
	err = pool4_add_capacity(old, cs, n, &cap, why);
	if (err)
		return err;
	jp = jnl_pool4_alloc(cap, pool4_doms_capacity(old, n));
	if (!jp) {
		*why = "out of memory";
		return -ENOMEM;
	}
	err = pool4_build_add(old, cs, n, &jp->p, why);
	if (err) {
		kvfree(jp);
		return err;
	}
	*out = jp;
	return 0;
}

/*
 * The BIB must never hand out a transport address twice, nor keep an
 * entry where the new pool4 does not want it: tables move their entries
 * once no packet can be using the old pool4 any more (and hash4, which holds
 * every entry, keeps allocation honest meanwhile).
 */
void jnl_pool4_publish(struct jool_instance *inst, struct jool_pool4 *new, u8 protos,
		       const struct pool4_change *evict)
{
	struct jool_pool4 *old = rcu_dereference_protected(inst->pool4,
							   lockdep_is_held(&inst->cfg));
	int i;

	rcu_assign_pointer(inst->pool4, new);
	synchronize_rcu();
	for (i = 0; i < L4_COUNT; i++)
		if (protos & (1u << i))
			bib_pool4_changed(&inst->tables[i], &new->p, evict);
	kvfree(old);	/* after the grace period above */
}

enum pool4_op { OP_ADD, OP_REMOVE, OP_FLUSH };

/* One pool4 entry of a request (@a: its attributes). */
int jnl_pool4_parse(struct nlattr **a, struct netlink_ext_ack *extack, struct pool4_change *c)
{
	if (!a[JOOL_A_PROTOS] || !a[JOOL_A_ADDR4] || !a[JOOL_A_PREFIX4_LEN] ||
	    !a[JOOL_A_PORT_MIN] || !a[JOOL_A_PORT_MAX]) {
		NL_SET_ERR_MSG(extack, "missing protocols, IPv4 prefix, prefix length or port range");
		return -EINVAL;
	}
	c->protos = nla_get_u8(a[JOOL_A_PROTOS]);
	c->mark = a[JOOL_A_MARK] ? nla_get_u32(a[JOOL_A_MARK]) : 0;
	c->addr = nla_get_in_addr(a[JOOL_A_ADDR4]);
	c->plen = nla_get_u8(a[JOOL_A_PREFIX4_LEN]);
	c->min = nla_get_u16(a[JOOL_A_PORT_MIN]);
	c->max = nla_get_u16(a[JOOL_A_PORT_MAX]);
	c->max_iter = a[JOOL_A_MAX_ITER] ? nla_get_u32(a[JOOL_A_MAX_ITER]) : JOOL_MAX_ITER_AUTO;
	c->iter_given = a[JOOL_A_MAX_ITER] != NULL;
	if (c->plen > 32) {	/* the policy says so too; the shifts below rely on it */
		NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_PREFIX4_LEN], "the IPv4 prefix length is over 32");
		return -EINVAL;
	}
	if (be32_to_cpu(c->addr) & ~pool4_prefix_mask(c->plen)) {
		NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_ADDR4],
				    "the IPv4 prefix has bits set after its length");
		return -EINVAL;
	}
	if (c->min > c->max) {
		NL_SET_ERR_MSG(extack, "the first port of the range is greater than the last");
		return -EINVAL;
	}
	if (!c->protos) {
		NL_SET_ERR_MSG(extack, "no protocol selected");
		return -EINVAL;
	}
	return 0;
}

static int change(struct genl_info *info, enum pool4_op op)
{
	struct jool_instance *inst;
	struct jool_pool4 *old, *new;
	struct pool4_change c = { .protos = JOOL_PROTO_ALL };
	struct jool_usage after = { 0 };
	const char *why = NULL;
	bool quick = nla_get_flag(info->attrs[JOOL_A_QUICK]);
	int err;

	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name"))
		return -EINVAL;
	if (op != OP_FLUSH) {
		err = jnl_pool4_parse(info->attrs, info->extack, &c);
		if (err)
			return err;
	}
	inst = jinst_find(genl_info_net(info), nla_data(info->attrs[JOOL_A_INSTANCE]),
			  info->extack);
	if (!inst)
		return -ESRCH;

	mutex_lock(&inst->cfg);
	old = rcu_dereference_protected(inst->pool4, lockdep_is_held(&inst->cfg));
	if (op == OP_ADD) {
		err = jnl_pool4_build(&old->p, &c, 1, &new, &why);
	} else {
		new = jnl_pool4_alloc(op == OP_REMOVE ? pool4_remove_capacity(&old->p) : 0,
				      pool4_doms_capacity(&old->p, 0));
		err = !new ? -ENOMEM : op == OP_REMOVE ? pool4_build_remove(&old->p, &c, &new->p) :
		      pool4_build_flush(&old->p, &new->p);
		if (err == -ENOMEM)
			why = "out of memory";
		else if (err)
			kvfree(new);
	}
	if (err) {
		jool_err_static(info->extack, why ?: "invalid pool4 change");
		goto out;
	}
	jinst_usage_of(inst, &after);
	after.pool4_rows = new->p.nrows;
	err = jool_quota_check(info, inst, &after);	/* a remove may split rows */
	if (err) {
		kvfree(new);
		goto out;
	}
	/*
	 * As Jool 4: remove and flush take the BIB entries (static ones too)
	 * of what they remove with them, flush every entry, unless --quick,
	 * which keeps them all (orphaned until pool4 has their address again).
	 */
	if (op == OP_FLUSH)
		c = (struct pool4_change){ .protos = JOOL_PROTO_ALL, .plen = 0, .min = 0, .max = 65535 };
	jnl_pool4_publish(inst, new, c.protos, op == OP_ADD || quick ? NULL : &c);
out:
	mutex_unlock(&inst->cfg);
	jinst_put(inst);
	return err;
}

int jnl_pool4_add(struct sk_buff *skb, struct genl_info *info)
{
	return change(info, OP_ADD);
}

int jnl_pool4_remove(struct sk_buff *skb, struct genl_info *info)
{
	return change(info, OP_REMOVE);
}

int jnl_pool4_flush(struct sk_buff *skb, struct genl_info *info)
{
	return change(info, OP_FLUSH);
}

/* Dump cursor in cb->ctx: the last row sent (rows are sorted, so resumable). */
struct pool4_cursor {
	bool started;
	u8 protos;
	u8 l4;
	u16 min;
	u32 mark;
	__be32 addr;
	char iname[JOOL_INSTANCE_NAME_SIZE];
	const char *refused;	/* see jool_dump_refuse() */
};

int jnl_pool4_dump_start(struct netlink_callback *cb)
{
	struct pool4_cursor *cur = (struct pool4_cursor *)cb->ctx;
	struct nlattr **a = jool_dump_attrs(cb);

	BUILD_BUG_ON(sizeof(*cur) > sizeof(cb->ctx));
	memset(cur, 0, sizeof(*cur));
	if (!a[JOOL_A_INSTANCE])
		return jool_dump_refuse(cb, &cur->refused, "missing instance name");
	strscpy(cur->iname, nla_data(a[JOOL_A_INSTANCE]), sizeof(cur->iname));
	cur->protos = a[JOOL_A_PROTOS] ? nla_get_u8(a[JOOL_A_PROTOS]) : JOOL_PROTO_ALL;
	return 0;
}

static const u8 l4_proto[L4_COUNT] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };

int jnl_pool4_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct pool4_cursor *cur = (struct pool4_cursor *)cb->ctx;
	struct jool_instance *inst;
	const struct pool4 *p;
	int sent = 0, err = 0;
	u32 i;

	err = jool_dump_refused(cb, cur->refused);
	if (err)
		return err;
	inst = jinst_find(sock_net(cb->skb->sk), cur->iname, cb->extack);
	if (!inst)
		return -ESRCH;
	rcu_read_lock();
	p = &rcu_dereference(inst->pool4)->p;
	if (cur->started) {
		struct pool4_row key = {
			.l4 = cur->l4, .mark = cur->mark, .addr = cur->addr, .min = cur->min,
		};

		i = pool4_rows_after(p, &key);
	} else {
		i = 0;
	}
	for (; i < p->nrows; i++) {
		const struct pool4_row *r = &p->rows[i];
		const struct pool4_dom *d;
		void *hdr;

		if (!(cur->protos & (1u << r->l4)))
			continue;
		d = pool4_row_dom(p, r);
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &jool_family, NLM_F_MULTI, JOOL_CMD_POOL4_GET);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		if (nla_put_u32(skb, JOOL_A_MARK, r->mark) ||
		    nla_put_u8(skb, JOOL_A_PROTO, l4_proto[r->l4]) ||
		    nla_put_in_addr(skb, JOOL_A_ADDR4, r->addr) ||
		    nla_put_u16(skb, JOOL_A_PORT_MIN, r->min) ||
		    nla_put_u16(skb, JOOL_A_PORT_MAX, r->max) ||
		    nla_put_u32(skb, JOOL_A_MAX_ITER, d ? d->max_iter : 0) ||
		    nla_put_u8(skb, JOOL_A_MAX_ITER_FIXED, d && d->iter_fixed)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cur->l4 = r->l4;
		cur->mark = r->mark;
		cur->addr = r->addr;
		cur->min = r->min;
		cur->started = true;
		sent++;
	}
	rcu_read_unlock();
	jinst_put(inst);
	if (err == -EMSGSIZE && sent)
		return skb->len;
	return err ? err : skb->len;
}
