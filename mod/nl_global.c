// SPDX-License-Identifier: GPL-2.0
/*
 * nl_global.c - netlink handlers of the globals (display, update) and of the
 * counters. An update copies the globals, applies every attribute of the
 * request, validates the result and only then publishes it (RCU), so it is
 * atomic for the packet path and all-or-nothing for the operator. BIB and
 * sessions are untouched.
 */
#include <linux/slab.h>
#include "compat.h"
#include "instance.h"
#include "netlink.h"
#include "params.h"

static struct jool_instance *get_inst(struct genl_info *info)
{
	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name"))
		return NULL;
	return jinst_find(genl_info_net(info), nla_data(info->attrs[JOOL_A_INSTANCE]),
			  info->extack);
}

static int put_globals(struct sk_buff *skb, const struct jool_globals *g)
{
	return nla_put_u8(skb, JOOL_A_G_ADF, g->adf) ||
	       nla_put_u8(skb, JOOL_A_G_DROP_EXT_TCP, g->drop_ext_tcp) ||
	       nla_put_u8(skb, JOOL_A_G_DROP_ICMP6_INFO, g->drop_icmp6_info) ||
	       nla_put_u8(skb, JOOL_A_G_SRC_ICMP6_BETTER, g->src_icmp6_better) ||
	       nla_put_u8(skb, JOOL_A_G_HANDLE_RST, g->handle_rst) ||
	       nla_put_u8(skb, JOOL_A_G_F_ARGS, g->f_args) ||
	       nla_put_u32(skb, JOOL_A_G_TCP_EST, g->tcp_est_ms) ||
	       nla_put_u32(skb, JOOL_A_G_TCP_TRANS, g->tcp_trans_ms) ||
	       nla_put_u32(skb, JOOL_A_G_UDP, g->udp_ms) ||
	       nla_put_u32(skb, JOOL_A_G_ICMP, g->icmp_ms) ||
	       nla_put_u32(skb, JOOL_A_G_MAX_SO, g->max_so) ||
	       nla_put_u32(skb, JOOL_A_G_LOWEST_MTU6, g->lowest_mtu6) ||
	       nla_put_u8(skb, JOOL_A_G_ZEROIZE_TC, g->zeroize_tc) ||
	       nla_put_u8(skb, JOOL_A_G_OVERRIDE_TOS, g->override_tos) ||
	       nla_put_u8(skb, JOOL_A_G_TOS, g->tos) ||
	       nla_put(skb, JOOL_A_G_PLATEAUS, g->nplateaus * sizeof(u16), g->plateaus) ||
	       nla_put_u8(skb, JOOL_A_G_ENABLED, g->enabled) ||
	       nla_put_u8(skb, JOOL_A_G_LOG_DEBUG, g->log_debug) ||
	       nla_put_u8(skb, JOOL_A_G_LOG_BIB, g->log_bib) ||
	       nla_put_u8(skb, JOOL_A_G_LOG_SESSION, g->log_session) ||
	       nla_put_u8(skb, JOOL_A_G_SS_ENABLED, g->ss_enabled) ||
	       nla_put_u8(skb, JOOL_A_G_SS_FLUSH_ASAP, g->ss_flush_asap) ||
	       nla_put_u32(skb, JOOL_A_G_SS_FLUSH_DEADLINE, g->ss_flush_deadline) ||
	       nla_put_u32(skb, JOOL_A_G_SS_CAPACITY, g->ss_capacity) ||
	       nla_put_u32(skb, JOOL_A_G_SS_MAX_PAYLOAD, g->ss_max_payload) ||
	       nla_put_u32(skb, JOOL_A_G_MAX_SESSIONS, g->max_sessions);
}

/*
 * mtu-plateaus from netlink: sorted descending, repeats merged (as Jool 4
 * does), so the packet path can take the first plateau below a length.
 */
static int set_plateaus(struct jool_globals *g, const struct nlattr *attr,
			struct netlink_ext_ack *extack)
{
	int n = nla_len(attr) / sizeof(u16), i, j;
	u16 v[JOOL_PLATEAUS_MAX];

	if (!n || nla_len(attr) % sizeof(u16)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "mtu-plateaus needs 1 to 64 values");
		return -EINVAL;
	}
	memcpy(v, nla_data(attr), n * sizeof(u16));
	for (i = 0; i < n; i++) {
		if (!v[i]) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "an MTU plateau cannot be 0");
			return -EINVAL;
		}
	}
	/* Insertion sort, descending: at most 64 values. */
	for (i = 1; i < n; i++) {
		u16 x = v[i];

		for (j = i; j > 0 && v[j - 1] < x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	g->nplateaus = 0;
	for (i = 0; i < n; i++)
		if (!i || v[i] != v[i - 1])
			g->plateaus[g->nplateaus++] = v[i];
	return 0;
}

static int reply(struct genl_info *info, u8 cmd,
		 int (*fill)(struct sk_buff *, void *), void *arg, size_t size)
{
	struct sk_buff *msg = genlmsg_new(size, GFP_KERNEL);
	void *hdr;

	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &jool_family, 0, cmd);
	if (!hdr || fill(msg, arg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* A global display: the globals, and pool6 (fixed at creation) among them. */
struct globals_arg {
	struct jool_globals g;
	struct prefix6 pool6;
};

static int fill_globals(struct sk_buff *skb, void *arg)
{
	struct globals_arg *a = arg;

	return put_globals(skb, &a->g) ||
	       nla_put(skb, JOOL_A_POOL6_ADDR, sizeof(a->pool6.addr), &a->pool6.addr) ||
	       nla_put_u8(skb, JOOL_A_POOL6_LEN, a->pool6.len);
}

int jnl_global_get(struct sk_buff *skb, struct genl_info *info)
{
	struct jool_instance *inst = get_inst(info);
	struct globals_arg a;
	int err;

	if (!inst)
		return -ESRCH;
	rcu_read_lock();
	a.g = *rcu_dereference(inst->globals);
	rcu_read_unlock();
	a.pool6 = inst->pool6;
	err = reply(info, JOOL_CMD_GLOBAL_GET, fill_globals, &a, NLMSG_DEFAULT_SIZE);
	jinst_put(inst);
	return err;
}

int jnl_globals_apply(struct jool_globals *g, struct nlattr **a,
		      struct netlink_ext_ack *extack)
{
	u32 est_min = READ_ONCE(jool_test_tcp_est_min_ms);
	u32 trans_min = READ_ONCE(jool_test_tcp_trans_min_ms);
	int err = 0;

#define U8(attr, field) if (a[attr]) g->field = nla_get_u8(a[attr])
#define U32(attr, field) if (a[attr]) g->field = nla_get_u32(a[attr])
	U8(JOOL_A_G_ADF, adf);
	U8(JOOL_A_G_DROP_EXT_TCP, drop_ext_tcp);
	U8(JOOL_A_G_DROP_ICMP6_INFO, drop_icmp6_info);
	U8(JOOL_A_G_SRC_ICMP6_BETTER, src_icmp6_better);
	U8(JOOL_A_G_HANDLE_RST, handle_rst);
	U8(JOOL_A_G_F_ARGS, f_args);
	U32(JOOL_A_G_TCP_EST, tcp_est_ms);
	U32(JOOL_A_G_TCP_TRANS, tcp_trans_ms);
	U32(JOOL_A_G_UDP, udp_ms);
	U32(JOOL_A_G_ICMP, icmp_ms);
	U32(JOOL_A_G_MAX_SO, max_so);
	U32(JOOL_A_G_LOWEST_MTU6, lowest_mtu6);
	U8(JOOL_A_G_ZEROIZE_TC, zeroize_tc);
	U8(JOOL_A_G_OVERRIDE_TOS, override_tos);
	U8(JOOL_A_G_TOS, tos);
	U8(JOOL_A_G_ENABLED, enabled);
	U8(JOOL_A_G_LOG_DEBUG, log_debug);
	U8(JOOL_A_G_LOG_BIB, log_bib);
	U8(JOOL_A_G_LOG_SESSION, log_session);
	U8(JOOL_A_G_SS_ENABLED, ss_enabled);
	U8(JOOL_A_G_SS_FLUSH_ASAP, ss_flush_asap);
	U32(JOOL_A_G_SS_FLUSH_DEADLINE, ss_flush_deadline);
	U32(JOOL_A_G_SS_CAPACITY, ss_capacity);
	U32(JOOL_A_G_MAX_SESSIONS, max_sessions);
	U32(JOOL_A_G_SS_MAX_PAYLOAD, ss_max_payload);
#undef U8
#undef U32
	if (a[JOOL_A_G_PLATEAUS])
		err = set_plateaus(g, a[JOOL_A_G_PLATEAUS], extack);
	/* RFC 6146 section 4 minimums; the TCP ones lowered by tests only. */
	if (err) {
		/* set_plateaus() said why. */
	} else if (g->tcp_est_ms < est_min) {
		if (est_min < JOOL_TCP_EST_MIN_MS)
			NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_TCP_EST],
					    "tcp-est-timeout must be at least test_tcp_est_min_ms (module parameter)");
		else
			NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_TCP_EST],
					    "tcp-est-timeout must be at least 2:00:00 (RFC 6146)");
		err = -EINVAL;
	} else if (g->tcp_trans_ms < trans_min) {
		if (trans_min < JOOL_TCP_TRANS_MIN_MS)
			NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_TCP_TRANS],
					    "tcp-trans-timeout must be at least test_tcp_trans_min_ms (module parameter)");
		else
			NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_TCP_TRANS],
					    "tcp-trans-timeout must be at least 0:04:00 (RFC 6146)");
		err = -EINVAL;
	} else if (g->udp_ms < JOOL_UDP_MIN_MS) {
		NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_UDP],
				    "udp-timeout must be at least 0:02:00 (RFC 6146)");
		err = -EINVAL;
	} else if (!g->icmp_ms) {
		NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_ICMP], "icmp-timeout must not be 0");
		err = -EINVAL;
	} else if (g->f_args > 15) {
		NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_F_ARGS], "f-args is 4 bits (0-15)");
		err = -EINVAL;
	} else if (g->ss_enabled) {
		/* Accepting it would promise synchronisation that does not happen. */
		NL_SET_ERR_MSG_ATTR(extack, a[JOOL_A_G_SS_ENABLED],
				    "ss-enabled: session synchronization is not implemented yet; only false is accepted");
		err = -EOPNOTSUPP;
	}
	return err;
}

int jnl_global_update(struct sk_buff *skb, struct genl_info *info)
{
	struct jool_instance *inst;
	struct jool_globals *old, *g;
	int err, i;

	/* The policy lets in nothing but the name and globals: one global at least. */
	for (i = 0; i <= JOOL_A_MAX; i++)
		if (i != JOOL_A_INSTANCE && info->attrs[i])
			break;
	if (i > JOOL_A_MAX) {
		NL_SET_ERR_MSG(info->extack, "no global to update");
		return -EINVAL;
	}
	inst = get_inst(info);
	if (!inst)
		return -ESRCH;
	mutex_lock(&inst->cfg);
	old = rcu_dereference_protected(inst->globals, lockdep_is_held(&inst->cfg));
	g = kmemdup(old, sizeof(*g), GFP_KERNEL_ACCOUNT);
	if (!g) {
		err = -ENOMEM;
		goto out;
	}
	err = jnl_globals_apply(g, info->attrs, info->extack);
	if (err) {
		kfree(g);
		goto out;
	}
	rcu_assign_pointer(inst->globals, g);
	kfree_rcu(old, rcu);
out:
	mutex_unlock(&inst->cfg);
	jinst_put(inst);
	return err;
}

struct stats_arg {
	u64 counters[__JSTAT_COUNT];
	u64 bibs, sessions;
};

static int fill_stats(struct sk_buff *skb, void *arg)
{
	struct stats_arg *s = arg;

	return nla_put(skb, JOOL_A_STATS, sizeof(s->counters), s->counters) ||
	       nla_put_u64_64bit(skb, JOOL_A_BIB_COUNT, s->bibs, JOOL_A_UNSPEC) ||
	       nla_put_u64_64bit(skb, JOOL_A_SESSION_COUNT, s->sessions, JOOL_A_UNSPEC);
}

int jnl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct jool_instance *inst = get_inst(info);
	struct stats_arg *s;
	int cpu, i, err;

	if (!inst)
		return -ESRCH;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		jinst_put(inst);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		u64 *c = per_cpu_ptr(inst->stats, cpu);

		for (i = 0; i < __JSTAT_COUNT; i++)
			s->counters[i] += c[i];
	}
	for (i = 0; i < L4_COUNT; i++) {
		struct bib_table *t = &inst->tables[i];

		spin_lock_bh(&t->lock);
		s->bibs += t->bib_count;
		s->sessions += t->session_count;
		spin_unlock_bh(&t->lock);
	}
	/* Jool keeps its two gauges among the counters; so does the array. */
	s->counters[JSTAT_BIB_ENTRIES] = s->bibs;
	s->counters[JSTAT_SESSIONS] = s->sessions;
	err = reply(info, JOOL_CMD_STATS_GET, fill_stats, s, NLMSG_DEFAULT_SIZE);
	kfree(s);
	jinst_put(inst);
	return err;
}
