// SPDX-License-Identifier: GPL-2.0
/*
 * instance.c - the per-namespace instance table (see instance.h for the
 * locking rules). Instances are kept in an rbtree keyed by name: adding,
 * finding and resuming a dump are O(log n) even with tens of thousands of
 * iptables instances.
 */
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netns/generic.h>
#include "compat.h"
#include "core.h"
#include "iname.h"
#include "instance.h"
#include "log.h"

struct jool_net {
	struct mutex lock;
	struct rb_root instances;			/* by name */
	/* Serialises the requests of quota-limited callers (privilege.c). */
	struct mutex quota;
	struct jool_instance __rcu *nf;			/* at most one */
	struct list_head xt;	/* iptables instances, RCU list (xt.c looks them up by name) */
};

static unsigned int jool_net_id __read_mostly;
/* Instance teardown and session expiry run here; module exit drains it. */
struct workqueue_struct *jool_wq;
/*
 * A cache of its own: besides the usual benefits it makes leaks visible, as
 * kmem_cache_destroy() complains about objects still allocated at rmmod.
 */
static struct kmem_cache *instance_cache;

static struct jool_net *jnet(struct net *net)
{
	return net_generic(net, jool_net_id);
}

/*
 * The last reference is gone and a grace period has passed: no packet and no
 * netlink handler can see the instance. Runs in process context, as freeing
 * a million sessions should.
 */
static void instance_free_work(struct work_struct *work)
{
	struct jool_instance *inst = container_of(to_rcu_work(work),
						  struct jool_instance, free_work);
	int i;

	jool_syns_flush(inst);
	for (i = 0; i < L4_COUNT; i++)
		bib_table_destroy(&inst->tables[i]);
	kvfree(rcu_dereference_protected(inst->pool4, 1));
	kfree(rcu_dereference_protected(inst->globals, 1));
	free_percpu(inst->stats);
	kmem_cache_free(instance_cache, inst);
}

bool jinst_get(struct jool_instance *inst)
{
	return refcount_inc_not_zero(&inst->refs);
}

void jinst_put(struct jool_instance *inst)
{
	if (refcount_dec_and_test(&inst->refs))
		queue_rcu_work(jool_wq, &inst->free_work);
}


struct jool_instance *jinst_nf_rcu(struct net *net)
{
	return rcu_dereference(jnet(net)->nf);
}

static struct jool_instance *find(struct jool_net *jn, const char *name)
{
	struct rb_node *node = jn->instances.rb_node;

	while (node) {
		struct jool_instance *inst = rb_entry(node, struct jool_instance, node);
		int cmp = strcmp(name, inst->name);

		if (cmp < 0)
			node = node->rb_left;
		else if (cmp > 0)
			node = node->rb_right;
		else
			return inst;
	}
	return NULL;
}

struct jool_instance *jinst_find(struct net *net, const char *name,
				 struct netlink_ext_ack *extack)
{
	struct jool_net *jn = jnet(net);
	struct jool_instance *inst;

	mutex_lock(&jn->lock);
	inst = find(jn, name);
	if (inst && !jinst_get(inst))
		inst = NULL;
	mutex_unlock(&jn->lock);
	if (!inst)
		JOOL_ERR_FMT(extack, "instance does not exist in this namespace",
			     "instance '%s' does not exist", name);
	return inst;
}

/* max_sessions is set from RAM when the module loads (jinst_init). */
static struct jool_globals default_globals __read_mostly = {
	.src_icmp6_better = true,
	.f_args = JOOL_FARGS_SRC_ADDR | JOOL_FARGS_DST_ADDR | JOOL_FARGS_DST_PORT,
	.tcp_est_ms = JOOL_TCP_EST_DEFAULT_MS,
	.tcp_trans_ms = JOOL_TCP_TRANS_DEFAULT_MS,
	.udp_ms = JOOL_UDP_DEFAULT_MS,
	.icmp_ms = JOOL_ICMP_DEFAULT_MS,
	.max_so = 10,
	.lowest_mtu6 = JOOL_MIN_MTU6,
	.enabled = true,
	/* RFC 1191 section 7's plateaus, as Jool 4. */
	.nplateaus = 11,
	.plateaus = { 65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68 },
	.ss_flush_asap = true,
	.ss_flush_deadline = JOOL_SS_FLUSH_DEADLINE_DEFAULT,
	.ss_capacity = JOOL_SS_CAPACITY_DEFAULT,
	.ss_max_payload = JOOL_SS_MAX_PAYLOAD_DEFAULT,
};

void jinst_default_globals(struct jool_globals *g)
{
	*g = default_globals;
}

/* Everything but the name and the indexes; NULL if out of memory. */
static struct jool_instance *instance_alloc(struct net *net)
{
	struct jool_instance *inst;
	struct jool_globals *g;
	struct jool_pool4 *p;
	int i;

	/* Charged to the caller's memory cgroup, as all configuration is. */
	inst = kmem_cache_zalloc(instance_cache, GFP_KERNEL_ACCOUNT);
	if (!inst)
		return NULL;
	g = kmemdup(&default_globals, sizeof(*g), GFP_KERNEL_ACCOUNT);
	p = kvzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	inst->stats = __alloc_percpu_gfp(sizeof(u64) * __JSTAT_COUNT, sizeof(u64),
					 GFP_KERNEL_ACCOUNT);
	if (!g || !p || !inst->stats) {
		kfree(g);
		kvfree(p);
		free_percpu(inst->stats);
		kmem_cache_free(instance_cache, inst);
		return NULL;
	}
	refcount_set(&inst->refs, 1);
	INIT_RCU_WORK(&inst->free_work, instance_free_work);
	inst->net = net;
	mutex_init(&inst->cfg);
	RCU_INIT_POINTER(inst->pool4, p);
	RCU_INIT_POINTER(inst->globals, g);
	get_random_bytes(&inst->secret, sizeof(inst->secret));
	for (i = 0; i < L4_COUNT; i++) {
		if (bib_table_init(&inst->tables[i], i)) {
			while (i--)
				bib_table_destroy(&inst->tables[i]);
			kfree(g);
			kvfree(p);
			free_percpu(inst->stats);
			kmem_cache_free(instance_cache, inst);
			return NULL;
		}
		inst->tables[i].inst = inst;
	}
	INIT_LIST_HEAD(&inst->syns);
	jlog_init(inst);
	INIT_DELAYED_WORK(&inst->expirer, jool_expire);
	return inst;
}

/* Links @new into the tree, or returns the instance already holding its name. */
static struct jool_instance *insert(struct jool_net *jn, struct jool_instance *new)
{
	struct rb_node **link = &jn->instances.rb_node, *parent = NULL;

	while (*link) {
		struct jool_instance *inst = rb_entry(*link, struct jool_instance, node);
		int cmp = strcmp(new->name, inst->name);

		parent = *link;
		if (cmp < 0)
			link = &(*link)->rb_left;
		else if (cmp > 0)
			link = &(*link)->rb_right;
		else
			return inst;
	}
	rb_link_node(&new->node, parent, link);
	rb_insert_color(&new->node, &jn->instances);
	return NULL;
}

struct jool_instance *jinst_new(struct net *net, const char *name, u8 framework,
			       const struct prefix6 *pool6, bool force,
			       struct netlink_ext_ack *extack, int *err)
{
	struct jool_instance *inst;
	const char *why;

	*err = iname_validate(name, &why);
	if (!*err)
		*err = rfc6052_prefix_validate(pool6, force, &why);
	if (*err) {
		jool_err_static(extack, why);
		return NULL;
	}
	if (framework != JOOL_FW_NETFILTER && framework != JOOL_FW_IPTABLES) {
		NL_SET_ERR_MSG(extack, "unknown framework");
		*err = -EINVAL;
		return NULL;
	}

	inst = instance_alloc(net);
	if (!inst) {
		NL_SET_ERR_MSG(extack, "out of memory");
		*err = -ENOMEM;
		return NULL;
	}
	strscpy(inst->name, name, sizeof(inst->name));
	inst->framework = framework;
	inst->pool6 = *pool6;
	return inst;
}

int jinst_publish(struct jool_instance *inst, struct netlink_ext_ack *extack)
{
	struct net *net = inst->net;
	struct jool_net *jn = jnet(net);
	struct jool_instance *old, *nf;
	u8 framework = inst->framework;
	int err;

	mutex_lock(&jn->lock);
	nf = rcu_dereference_protected(jn->nf, lockdep_is_held(&jn->lock));
	if (framework == JOOL_FW_NETFILTER && nf) {
		JOOL_ERR_FMT(extack,
			     "this namespace already has a Netfilter instance; use --iptables for more",
			     "this namespace already has a Netfilter instance ('%s'); use --iptables",
			     nf->name);
		err = -EEXIST;
		goto fail;
	}
	old = insert(jn, inst);
	if (old) {
		JOOL_ERR_FMT(extack, "an instance with that name already exists",
			     "instance '%s' already exists", inst->name);
		err = -EEXIST;
		goto fail;
	}
	if (framework == JOOL_FW_NETFILTER) {
		err = jool_hooks_register(net);
		if (err) {
			rb_erase(&inst->node, &jn->instances);
			NL_SET_ERR_MSG(extack, "could not register the Netfilter hooks");
			goto fail;
		}
		rcu_assign_pointer(jn->nf, inst);
	} else {
		/* The JOOL target's packets must be whole, as the hooks' are. */
		err = jool_defrag_enable(net);
		if (err) {
			rb_erase(&inst->node, &jn->instances);
			NL_SET_ERR_MSG(extack, "could not enable defragmentation");
			goto fail;
		}
		list_add_tail_rcu(&inst->xt_node, &jn->xt);
	}
	queue_delayed_work(jool_wq, &inst->expirer, HZ);
	mutex_unlock(&jn->lock);
	return 0;

fail:
	mutex_unlock(&jn->lock);
	jinst_put(inst);
	return err;
}

int jinst_add(struct net *net, const char *name, u8 framework,
	      const struct prefix6 *pool6, bool force,
	      struct netlink_ext_ack *extack)
{
	int err;
	struct jool_instance *inst = jinst_new(net, name, framework, pool6, force, extack, &err);

	return inst ? jinst_publish(inst, extack) : err;
}

/* Unlinks @inst from every index and drops the table's reference. */
static void unlink_instance(struct jool_net *jn, struct jool_instance *inst)
{
	lockdep_assert_held(&jn->lock);
	rb_erase(&inst->node, &jn->instances);
	if (rcu_access_pointer(jn->nf) == inst) {
		RCU_INIT_POINTER(jn->nf, NULL);
		/* Waits for packets in the hooks: none sees the instance after. */
		jool_hooks_unregister(inst->net);
	} else if (inst->framework == JOOL_FW_IPTABLES) {
		/* Packets of the target may still hold it: it is freed after RCU. */
		list_del_rcu(&inst->xt_node);
		jool_defrag_disable(inst->net);
	}
	cancel_delayed_work_sync(&inst->expirer);
	jinst_put(inst);
}

int jinst_remove(struct net *net, const char *name,
		 struct netlink_ext_ack *extack)
{
	struct jool_net *jn = jnet(net);
	struct jool_instance *inst;

	mutex_lock(&jn->lock);
	inst = find(jn, name);
	if (inst)
		unlink_instance(jn, inst);
	mutex_unlock(&jn->lock);
	if (!inst) {
		JOOL_ERR_FMT(extack, "instance does not exist in this namespace",
			     "instance '%s' does not exist", name);
		return -ESRCH;
	}
	return 0;
}

void jinst_flush(struct net *net)
{
	struct jool_net *jn = jnet(net);
	struct rb_node *node;

	mutex_lock(&jn->lock);
	while ((node = rb_first(&jn->instances)))
		unlink_instance(jn, rb_entry(node, struct jool_instance, node));
	mutex_unlock(&jn->lock);
}

struct jool_instance *jinst_xt_rcu(struct net *net, const char *name)
{
	struct jool_instance *inst;

	list_for_each_entry_rcu(inst, &jnet(net)->xt, xt_node)
		if (!strcmp(inst->name, name))
			return inst;
	return NULL;
}

bool jinst_exists(struct net *net, const char *name)
{
	struct jool_net *jn = jnet(net);
	bool found;

	mutex_lock(&jn->lock);
	found = find(jn, name) != NULL;
	mutex_unlock(&jn->lock);
	return found;
}

int jinst_foreach_after(struct net *net, const char *after,
			int (*fn)(const struct jool_instance *, void *),
			void *arg)
{
	struct jool_net *jn = jnet(net);
	struct rb_node *node = jn->instances.rb_node, *next = NULL;
	int ret = 0;

	mutex_lock(&jn->lock);
	/* The first node whose name is greater than @after. */
	while (node) {
		struct jool_instance *inst = rb_entry(node, struct jool_instance, node);

		if (strcmp(inst->name, after) > 0) {
			next = node;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	for (node = next; node && !ret; node = rb_next(node))
		ret = fn(rb_entry(node, struct jool_instance, node), arg);
	mutex_unlock(&jn->lock);
	return ret;
}

struct mutex *jinst_quota_mutex(struct net *net)
{
	return &jnet(net)->quota;
}

void jinst_usage(struct net *net, const struct jool_instance *except, struct jool_usage *u)
{
	struct jool_net *jn = jnet(net);
	struct rb_node *node;

	*u = (struct jool_usage){ 0 };
	mutex_lock(&jn->lock);
	for (node = rb_first(&jn->instances); node; node = rb_next(node)) {
		struct jool_instance *inst = rb_entry(node, struct jool_instance, node);

		if (inst != except)
			jinst_usage_of(inst, u);
	}
	mutex_unlock(&jn->lock);
}

void jinst_usage_of(struct jool_instance *inst, struct jool_usage *u)
{
	int i;

	u->instances++;
	rcu_read_lock();
	u->pool4_rows += rcu_dereference(inst->pool4)->p.nrows;
	rcu_read_unlock();
	/* Static entries change only under inst->cfg; a racing reader is only a quota. */
	for (i = 0; i < L4_COUNT; i++)
		u->static_bib += READ_ONCE(inst->tables[i].static_count);
}

static int __net_init jool_net_init(struct net *net)
{
	struct jool_net *jn = jnet(net);

	mutex_init(&jn->lock);
	mutex_init(&jn->quota);
	jn->instances = RB_ROOT;
	INIT_LIST_HEAD(&jn->xt);
	RCU_INIT_POINTER(jn->nf, NULL);
	return 0;
}

/* The namespace is going away (or the module is): its instances go with it. */
static void __net_exit jool_net_exit(struct net *net)
{
	jinst_flush(net);
}

static struct pernet_operations jool_net_ops = {
	.init = jool_net_init,
	.exit = jool_net_exit,
	.id = &jool_net_id,
	.size = sizeof(struct jool_net),
};

/*
 * The default max-sessions, sized from RAM as Linux sizes nf_conntrack_max:
 * the state it allows may take about 1/64 of memory, at 192 bytes per
 * session (a session with its own mapping and its share of the hash
 * tables, the worst case; sessions sharing mappings take less). 1 GiB gives
 * 87,381; 16 GiB 1.4 million. At least 1024.
 */
static u32 default_max_sessions(void)
{
	u64 bytes = (u64)totalram_pages() << PAGE_SHIFT;

	return clamp_t(u64, bytes / 64 / 192, 1024, U32_MAX);
}

int jinst_init(void)
{
	int err;

	default_globals.max_sessions = default_max_sessions();
	jool_wq = alloc_workqueue("jool", 0, 0);
	if (!jool_wq)
		return -ENOMEM;
	instance_cache = KMEM_CACHE(jool_instance, 0);
	if (!instance_cache)
		goto fail_cache;
	err = bib_init_caches();
	if (err)
		goto fail_bib;
	err = register_pernet_subsys(&jool_net_ops);
	if (err)
		goto fail_pernet;
	return 0;

fail_pernet:
	bib_exit_caches();
fail_bib:
	kmem_cache_destroy(instance_cache);
fail_cache:
	destroy_workqueue(jool_wq);
	return -ENOMEM;
}

void jinst_exit(void)
{
	unregister_pernet_subsys(&jool_net_ops);
	rcu_barrier();			/* queue_rcu_work's grace periods */
	destroy_workqueue(jool_wq);	/* drains instance_free_work */
	bib_exit_caches();
	kmem_cache_destroy(instance_cache);
}
