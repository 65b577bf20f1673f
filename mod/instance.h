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

#include <linux/netlink.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <net/net_namespace.h>
#include "jool.h"
#include "rfc6052.h"

struct jool_instance {
	struct rb_node node;	/* in jool_net.instances, under jool_net.lock */
	refcount_t refs;	/* the table holds one */
	struct rcu_head rcu;
	char name[JOOL_INSTANCE_NAME_SIZE];
	u8 framework;		/* enum jool_framework */
	struct prefix6 pool6;
};

int jinst_init(void);
void jinst_exit(void);

int jinst_add(struct net *net, const char *name, u8 framework,
	      const struct prefix6 *pool6, bool force,
	      struct netlink_ext_ack *extack);
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

/* Packet path: the namespace's Netfilter instance. Caller holds rcu_read_lock. */
struct jool_instance *jinst_nf_rcu(struct net *net);
bool jinst_get(struct jool_instance *inst);	/* false if it is dying */
void jinst_put(struct jool_instance *inst);

#endif
