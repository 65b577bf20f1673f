/* SPDX-License-Identifier: GPL-2.0 */
/*
 * instance.h - translator instances and the per-namespace table that owns them.
 *
 * Locking rules:
 *  - Each network namespace has one table (struct jool_net). Its mutex
 *    serialises every change: add, remove, flush, namespace exit. Readers on
 *    the configuration path (dumps, status) take it too.
 *  - The namespace's Netfilter instance is also published as an RCU pointer
 *    (jool_net.nf). The packet path reads it under rcu_read_lock() and takes
 *    a reference with jinst_get() if it must keep it past the read section.
 *  - An instance is freed after its last reference is dropped and an RCU
 *    grace period has passed, so RCU readers never see freed memory.
 */
#ifndef _JOOL_MOD_INSTANCE_H
#define _JOOL_MOD_INSTANCE_H

#include <linux/ratelimit.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/percpu.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/siphash.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include "bib.h"
#include "jool.h"
#include "pool4.h"
#include "rfc6052.h"

/* The runtime-tunable settings; replaced whole (RCU) by global update. */
struct jool_globals {
	struct rcu_head rcu;
	bool adf;			/* address-dependent-filtering */
	bool drop_ext_tcp;		/* drop-externally-initiated-tcp */
	bool drop_icmp6_info;		/* drop-icmpv6-info */
	bool src_icmp6_better;		/* source-icmpv6-errors-better */
	bool handle_rst;		/* handle-rst-during-fin-rcv */
	u8 f_args;
	u32 tcp_est_ms, tcp_trans_ms, udp_ms, icmp_ms;
	u32 max_so;			/* maximum-simultaneous-opens */
	u32 max_sessions;		/* max-sessions, all protocols */
	u32 lowest_mtu6;		/* lowest-ipv6-mtu */
	bool zeroize_tc;		/* zeroize-traffic-class (4->6) */
	bool override_tos;		/* override-tos (6->4) ... */
	u8 tos;				/* ... with this TOS */
	u8 nplateaus;
	u16 plateaus[JOOL_PLATEAUS_MAX];	/* mtu-plateaus, descending */
	bool enabled;			/* manually-enabled */
	bool log_debug;			/* logging-debug */
	bool log_bib;			/* logging-bib */
	bool log_session;		/* logging-session */
	/* ss-*: kept for Jool 4 files and scripts; nothing reads them yet. */
	bool ss_enabled, ss_flush_asap;
	u32 ss_flush_deadline, ss_capacity, ss_max_payload;
};

/* A pool4 snapshot as the module holds it: one allocation, freed after RCU. */
struct jool_pool4 {
	struct rcu_head rcu;
	struct pool4 p;
};

/* An IPv4-initiated SYN waiting for its IPv6 side (RFC 6146 3.5.2.2). */
struct stored_syn {
	struct list_head list;
	struct sk_buff *skb;
	unsigned long stored;	/* jiffies; the list is in this order */
	u64 dst_key, src_key;	/* pool4 and remote transport addresses */
};

struct jool_instance {
	struct rb_node node;	/* in jool_net.instances, under jool_net.lock */
	refcount_t refs;	/* the table holds one */
	struct rcu_work free_work;
	char name[JOOL_INSTANCE_NAME_SIZE];
	u8 framework;		/* enum jool_framework */
	struct list_head xt_node;	/* iptables instances: in jool_net.xt */
	struct prefix6 pool6;
	struct net *net;

	/* Serialises configuration changes of this instance (netlink). */
	struct mutex cfg;
	struct jool_pool4 __rcu *pool4;
	struct jool_globals __rcu *globals;
	siphash_key_t secret;	/* RFC 6056 F()'s secret */

	struct bib_table tables[L4_COUNT];
	/* Stored SYNs, under tables[L4_TCP].lock. */
	struct list_head syns;
	u32 nsyns;
	struct delayed_work expirer;
	u64 __percpu *stats;	/* enum jool_stat */
	/* log.c: a flood of mappings or packets must not flood the log. */
	struct ratelimit_state log_rs, debug_rs;
};

extern struct workqueue_struct *jool_wq;

static inline void jstat_inc(struct jool_instance *inst, enum jool_stat s)
{
	this_cpu_inc(inst->stats[s]);
}

/* The globals of a new instance. */
void jinst_default_globals(struct jool_globals *g);

int jinst_init(void);
void jinst_exit(void);

int jinst_add(struct net *net, const char *name, u8 framework,
	      const struct prefix6 *pool6, bool force,
	      struct netlink_ext_ack *extack);
/*
 * jinst_add() in two steps, for an instance that must never be seen (by
 * packets or commands) before it is configured: jinst_new() returns it
 * unpublished, with default settings and one reference; configure it, then
 * jinst_publish() it (the table takes the reference; on failure it is
 * dropped) or jinst_put() it.
 */
struct jool_instance *jinst_new(struct net *net, const char *name, u8 framework,
			       const struct prefix6 *pool6, bool force,
			       struct netlink_ext_ack *extack, int *err);
int jinst_publish(struct jool_instance *inst, struct netlink_ext_ack *extack);
int jinst_remove(struct net *net, const char *name,
		 struct netlink_ext_ack *extack);
void jinst_flush(struct net *net);
bool jinst_exists(struct net *net, const char *name);

/*
 * Calls @fn for every instance of @net whose name sorts after @after ("" for
 * all), in name order, under the table's mutex; stops at the first non-zero
 * return of @fn and returns it. Dumps resume with this, so an instance that
 * lives through a whole dump is visited exactly once.
 */
int jinst_foreach_after(struct net *net, const char *after,
			int (*fn)(const struct jool_instance *, void *),
			void *arg);

/* The iptables instance named @name, or NULL. Under rcu_read_lock(). */
struct jool_instance *jinst_xt_rcu(struct net *net, const char *name);

/* The named instance with a reference (jinst_put it), or NULL with extack set. */
struct jool_instance *jinst_find(struct net *net, const char *name,
				 struct netlink_ext_ack *extack);

/* What a namespace's instances hold, for the user namespace quotas (privilege.c). */
struct jool_usage {
	u32 instances;
	u32 pool4_rows;
	u32 static_bib;
};

/*
 * Adds up @net's instances but @except (may be NULL) into @u (overwritten).
 * O(instances); takes the table's mutex.
 */
void jinst_usage(struct net *net, const struct jool_instance *except, struct jool_usage *u);
/* Adds @inst (one instance, its pool4 rows and static BIB entries) to @u. */
void jinst_usage_of(struct jool_instance *inst, struct jool_usage *u);
/*
 * Held by quota-limited callers for a whole request (netlink.c), so that two
 * of them cannot both pass a check and both apply. Lock order: this mutex,
 * then inst->cfg, then the table's mutex.
 */
struct mutex *jinst_quota_mutex(struct net *net);

/* Packet path: the namespace's Netfilter instance. Caller holds rcu_read_lock. */
struct jool_instance *jinst_nf_rcu(struct net *net);
bool jinst_get(struct jool_instance *inst);	/* false if it is dying */
void jinst_put(struct jool_instance *inst);

#endif
