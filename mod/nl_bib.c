// SPDX-License-Identifier: GPL-2.0
/*
 * nl_bib.c - netlink handlers of the BIB (static entries, display) and of
 * the session display. Dumps go in the walk order of bib.h (IPv4 transport
 * address order within each pool4 cluster, as Jool 4) and resume after the
 * last entry (and session) sent, under the table's lock one message at a
 * time, so a dump never blocks the packet path for long.
 */
#include <linux/rbtree.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include "compat.h"
#include "core.h"
#include "instance.h"
#include "netlink.h"
#include "privilege.h"

static int proto_to_l4(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return L4_TCP;
	case IPPROTO_UDP:
		return L4_UDP;
	case IPPROTO_ICMP:
		return L4_ICMP;
	}
	return -1;
}

static const u8 l4_proto[L4_COUNT] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };

static struct jool_instance *get_inst(struct genl_info *info, int *l4)
{
	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name") ||
	    !jool_nl_require(info, JOOL_A_PROTO, "missing protocol"))
		return NULL;
	*l4 = proto_to_l4(nla_get_u8(info->attrs[JOOL_A_PROTO]));
	if (*l4 < 0) {
		NL_SET_ERR_MSG(info->extack, "protocol must be TCP, UDP or ICMP");
		return NULL;
	}
	return jinst_find(genl_info_net(info), nla_data(info->attrs[JOOL_A_INSTANCE]),
			  info->extack);
}

int jnl_bib_add(struct sk_buff *skb, struct genl_info *info)
{
	struct jool_usage after = { 0 };
	struct jool_instance *inst;
	struct bib_entry *clash;
	struct bib_table *t;
	struct in6_addr a6;
	int l4, err;

	inst = get_inst(info, &l4);
	if (!inst)
		return -EINVAL;
	if (!jool_nl_require(info, JOOL_A_ADDR6, "missing IPv6 address") ||
	    !jool_nl_require(info, JOOL_A_PORT6, "missing IPv6 port") ||
	    !jool_nl_require(info, JOOL_A_ADDR4, "missing IPv4 address") ||
	    !jool_nl_require(info, JOOL_A_PORT4, "missing IPv4 port")) {
		jinst_put(inst);
		return -EINVAL;
	}
	a6 = nla_get_in6_addr(info->attrs[JOOL_A_ADDR6]);
	t = &inst->tables[l4];
	mutex_lock(&inst->cfg);
	jinst_usage_of(inst, &after);
	after.static_bib++;
	err = jool_quota_check(info, inst, &after);
	if (err)
		goto out;
	spin_lock_bh(&t->lock);
	err = bib_add_static(t, &a6, nla_get_u16(info->attrs[JOOL_A_PORT6]),
			     nla_get_in_addr(info->attrs[JOOL_A_ADDR4]),
			     nla_get_u16(info->attrs[JOOL_A_PORT4]),
			     &rcu_dereference_protected(inst->pool4, lockdep_is_held(&inst->cfg))->p,
			     &clash);
	if (err == -EEXIST)
		JOOL_ERR_FMT(info->extack, "one of the transport addresses is already mapped",
			     "collides with the %s entry %pI6c#%u - %pI4#%u",
			     bib_static(clash) ? "static" : "dynamic", &clash->addr6,
			     clash->port6, &clash->addr4, clash->port4);
	else if (err == -EINVAL)
		NL_SET_ERR_MSG(info->extack, "the IPv4 transport address is not in pool4");
	else if (err)
		NL_SET_ERR_MSG(info->extack, "out of memory");
	spin_unlock_bh(&t->lock);
out:
	mutex_unlock(&inst->cfg);
	jinst_put(inst);
	return err;
}

struct evict_one {
	struct in6_addr addr6;
	u16 port6;
	bool done;
};

static bool evict_fn(struct bib_table *t, struct bib_entry *b, void *arg, unsigned int *budget)
{
	struct evict_one *e = arg;

	/* A different entry: ours went meanwhile (expiry). */
	e->done = b->port6 != e->port6 || !ipv6_addr_equal(&b->addr6, &e->addr6) ||
		  bib_evict(t, b, budget);
	if (e->done)
		*budget = 0;	/* nothing more to walk */
	return e->done;
}

/*
 * Removes @b and its sessions (which may be many: a subscriber's mapping
 * with thousands of destinations) in batches of bounded work, as every
 * configuration path does. The caller holds inst->cfg, so no other
 * configuration path removes it meanwhile; if the expiry worker does, the
 * walk finds the next entry instead and stops.
 */
static void evict(struct bib_table *t, const struct in6_addr *addr6, u16 port6,
		  struct bib_pos *pos)
{
	struct evict_one e = { .addr6 = *addr6, .port6 = port6 };

	while (!e.done && !bib_walk_some(t, pos, evict_fn, &e, BIB_BATCH))
		;
}

int jnl_bib_remove(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct jool_instance *inst;
	struct bib_entry *b6 = NULL, *b4 = NULL;
	struct in6_addr key6;
	struct bib_pos pos;
	struct bib_table *t;
	u16 port6 = 0;
	bool has6 = a[JOOL_A_ADDR6] && a[JOOL_A_PORT6];
	bool has4 = a[JOOL_A_ADDR4] && a[JOOL_A_PORT4];
	int l4, err = 0;

	inst = get_inst(info, &l4);
	if (!inst)
		return -EINVAL;
	if (!has6 && !has4) {
		NL_SET_ERR_MSG(info->extack, "give the IPv6 or the IPv4 transport address");
		jinst_put(inst);
		return -EINVAL;
	}
	t = &inst->tables[l4];
	mutex_lock(&inst->cfg);
	spin_lock_bh(&t->lock);
	if (has6) {
		struct in6_addr a6 = nla_get_in6_addr(a[JOOL_A_ADDR6]);

		b6 = bib_find6(t, &a6, nla_get_u16(a[JOOL_A_PORT6]));
	}
	if (has4)
		b4 = bib_find4(t, nla_get_in_addr(a[JOOL_A_ADDR4]), nla_get_u16(a[JOOL_A_PORT4]));
	if ((has6 && !b6) || (has4 && !b4)) {
		NL_SET_ERR_MSG(info->extack, "no such BIB entry");
		err = -ESRCH;
	} else if (has6 && has4 && b6 != b4) {
		NL_SET_ERR_MSG(info->extack, "the two transport addresses belong to different entries");
		err = -EINVAL;
	} else {
		key6 = (b6 ?: b4)->addr6;	/* @b may go once the lock is dropped */
		port6 = (b6 ?: b4)->port6;
		bib_pos_of(b6 ?: b4, &pos);
	}
	spin_unlock_bh(&t->lock);
	if (!err)
		evict(t, &key6, port6, &pos);
	mutex_unlock(&inst->cfg);
	jinst_put(inst);
	return err;
}

/* Dump cursor (cb->ctx): table and the last entry (and session) sent. */
struct bib_cursor {
	char iname[JOOL_INSTANCE_NAME_SIZE];
	struct bib_pos pos;
	u8 l4;			/* L4_COUNT: the request was refused (below) */
	u8 started;
	union {
		u64 rkey;	/* sessions: last remote key within the entry */
		const char *refused;	/* why, for jool_dump_refused() */
	};
};

static int refuse(struct netlink_callback *cb, struct bib_cursor *cur, const char *msg)
{
	cur->l4 = L4_COUNT;
	return jool_dump_refuse(cb, &cur->refused, msg);
}

/* The dump's first call reports what its start could not (see compat.h). */
static int refused(struct netlink_callback *cb, const struct bib_cursor *cur)
{
	return cur->l4 == L4_COUNT ? jool_dump_refused(cb, cur->refused) : 0;
}

static int dump_start(struct netlink_callback *cb)
{
	struct bib_cursor *cur = (struct bib_cursor *)cb->ctx;
	struct nlattr **a = jool_dump_attrs(cb);
	int l4;

	BUILD_BUG_ON(sizeof(*cur) > sizeof(cb->ctx));
	memset(cur, 0, sizeof(*cur));
	if (!a[JOOL_A_INSTANCE] || !a[JOOL_A_PROTO])
		return refuse(cb, cur, "missing instance name or protocol");
	l4 = proto_to_l4(nla_get_u8(a[JOOL_A_PROTO]));
	if (l4 < 0)
		return refuse(cb, cur, "protocol must be TCP, UDP or ICMP");
	strscpy(cur->iname, nla_data(a[JOOL_A_INSTANCE]), sizeof(cur->iname));
	cur->l4 = l4;
	return 0;
}

int jnl_bib_dump_start(struct netlink_callback *cb)
{
	return dump_start(cb);
}

int jnl_session_dump_start(struct netlink_callback *cb)
{
	return dump_start(cb);
}

/* The first entry at or after the cursor's (after it if @after). */
static struct bib_entry *seek(struct bib_table *t, const struct bib_cursor *cur, bool after)
{
	static const struct bib_pos start;

	return bib_seek(t, cur->started ? &cur->pos : &start, after && cur->started);
}

static void *put_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &jool_family, NLM_F_MULTI, cmd);
}

static int put_bib(struct sk_buff *skb, const struct bib_entry *b, u8 proto)
{
	return nla_put_u8(skb, JOOL_A_PROTO, proto) ||
	       nla_put_in6_addr(skb, JOOL_A_ADDR6, &b->addr6) ||
	       nla_put_u16(skb, JOOL_A_PORT6, b->port6) ||
	       nla_put_in_addr(skb, JOOL_A_ADDR4, b->addr4) ||
	       nla_put_u16(skb, JOOL_A_PORT4, b->port4) ||
	       nla_put_u8(skb, JOOL_A_STATIC, bib_static(b));
}

int jnl_bib_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct bib_cursor *cur = (struct bib_cursor *)cb->ctx;
	struct jool_instance *inst;
	struct bib_table *t;
	struct bib_entry *b;
	int sent = 0, err = 0;

	err = refused(cb, cur);
	if (err)
		return err;
	inst = jinst_find(sock_net(cb->skb->sk), cur->iname, cb->extack);
	if (!inst)
		return -ESRCH;
	t = &inst->tables[cur->l4];
	spin_lock_bh(&t->lock);
	for (b = seek(t, cur, true); b; b = bib_next(t, b)) {
		void *hdr = put_hdr(skb, cb, JOOL_CMD_BIB_GET);

		if (!hdr || put_bib(skb, b, l4_proto[cur->l4])) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		bib_pos_of(b, &cur->pos);
		cur->started = 1;
		sent++;
	}
	spin_unlock_bh(&t->lock);
	jinst_put(inst);
	if (err == -EMSGSIZE && sent)
		return skb->len;
	return err ? err : skb->len;
}

/* @timeout: of the globals now, by timer (jool_expire() judges with the same). */
static int put_session(struct sk_buff *skb, struct jool_instance *inst,
		       const struct bib_entry *b, const struct session *s, u8 proto,
		       const unsigned long *timeout)
{
	struct in6_addr r6;
	struct in_addr r4 = { .s_addr = s->raddr };
	u64 w = atomic64_read(&s->w);
	u8 timer = sw_timer(w);
	long left = timer < ST_COUNT ?
		    (long)timeout[timer] - (long)(u32)((u32)jiffies - sw_stamp(w)) : 0;

	rfc6052_embed(&inst->pool6, &r4, &r6);
	return nla_put_u8(skb, JOOL_A_PROTO, proto) ||
	       nla_put_in6_addr(skb, JOOL_A_ADDR6, &b->addr6) ||
	       nla_put_u16(skb, JOOL_A_PORT6, b->port6) ||
	       nla_put_in_addr(skb, JOOL_A_ADDR4, b->addr4) ||
	       nla_put_u16(skb, JOOL_A_PORT4, b->port4) ||
	       nla_put_in_addr(skb, JOOL_A_REMOTE4, s->raddr) ||
	       nla_put_u16(skb, JOOL_A_REMOTE_PORT4, s->rport) ||
	       nla_put_in6_addr(skb, JOOL_A_REMOTE6, &r6) ||
	       nla_put_u16(skb, JOOL_A_REMOTE_PORT6, proto == IPPROTO_ICMP ? b->port6 : s->rport) ||
	       nla_put_u64_64bit(skb, JOOL_A_EXPIRES, left > 0 ? jiffies_to_msecs(left) : 0,
				 JOOL_A_UNSPEC) ||
	       (proto == IPPROTO_TCP && nla_put_u8(skb, JOOL_A_TCP_STATE, sw_state(w)));
}

int jnl_session_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct bib_cursor *cur = (struct bib_cursor *)cb->ctx;
	struct jool_instance *inst;
	unsigned long timeout[ST_COUNT];
	const struct jool_globals *g;
	struct bib_table *t;
	struct bib_entry *b;
	int sent = 0, err = 0, i;
	bool resume = cur->started;

	err = refused(cb, cur);
	if (err)
		return err;
	inst = jinst_find(sock_net(cb->skb->sk), cur->iname, cb->extack);
	if (!inst)
		return -ESRCH;
	rcu_read_lock();
	g = rcu_dereference(inst->globals);
	for (i = 0; i < ST_COUNT; i++)
		timeout[i] = session_timeout(g, i);
	rcu_read_unlock();
	t = &inst->tables[cur->l4];
	spin_lock_bh(&t->lock);
	for (b = seek(t, cur, false); b && !err; b = bib_next(t, b)) {
		struct bib_pos pos;
		bool same;
		struct session *s;

		bib_pos_of(b, &pos);
		same = resume && pos.tree == cur->pos.tree && pos.key == cur->pos.key;
		resume = false;
		for (s = session_next(b, same ? cur->rkey : 0, !same); s;
		     s = session_next(b, taddr_key(s->raddr, s->rport), false)) {
			u64 rk = taddr_key(s->raddr, s->rport);
			void *hdr;

			hdr = put_hdr(skb, cb, JOOL_CMD_SESSION_GET);
			if (!hdr || put_session(skb, inst, b, s, l4_proto[cur->l4], timeout)) {
				if (hdr)
					genlmsg_cancel(skb, hdr);
				err = -EMSGSIZE;
				break;
			}
			genlmsg_end(skb, hdr);
			cur->pos = pos;
			cur->rkey = rk;
			cur->started = 1;
			sent++;
		}
	}
	spin_unlock_bh(&t->lock);
	jinst_put(inst);
	if (err == -EMSGSIZE && sent)
		return skb->len;
	return err ? err : skb->len;
}
