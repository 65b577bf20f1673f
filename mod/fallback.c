// SPDX-License-Identifier: GPL-2.0
/*
 * fallback.c - pool4 while pool4 is empty: the namespace's own primary IPv4
 * addresses (loopback aside), ports and ICMP identifiers 61001-65535, the
 * range right above Linux's default ephemeral ports (as Jool documents).
 *
 * The snapshot depends only on the namespace's addresses, so it is built
 * when they have changed, not per packet: the inetaddr and netdevice
 * notifiers bump the namespace's generation, and the first packet that sees
 * a snapshot of an older generation builds the next one. Whatever the
 * packet's mark, it is one address space: a single domain per protocol,
 * mark 0 (per-mark domains over the same addresses would hand one IPv4
 * transport address to two IPv6 nodes).
 *
 * Locking: the packet path reads fb_net.pool under rcu_read_lock(); builders
 * (packet path, BH context or BH disabled) serialise on fb_net.lock and
 * publish with rcu_assign_pointer(); the old snapshot is freed after a grace
 * period. A namespace's snapshot goes with the namespace.
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/netns/generic.h>
#include "core.h"

#define FALLBACK_MIN	61001
#define FALLBACK_MAX	65535
#define FALLBACK_ADDRS	8

struct fb_pool {
	struct rcu_head rcu;
	int gen;
	struct pool4 pool;
	struct pool4_row rows[FALLBACK_ADDRS * L4_COUNT];
	u32 by_addr[FALLBACK_ADDRS * L4_COUNT];
	struct pool4_dom doms[L4_COUNT];
};

struct fb_net {
	spinlock_t lock;	/* builders */
	atomic_t gen;		/* bumped by every address change */
	struct fb_pool __rcu *pool;
};

static unsigned int fb_net_id __read_mostly;

/* What a packet gets when nothing can be built: no address at all. */
static const struct pool4 fb_empty;

static void fb_build(struct net *net, struct fb_pool *f)
{
	struct net_device *dev;
	__be32 addrs[FALLBACK_ADDRS];
	u32 n = 0, i, l4;

	for_each_netdev_rcu(net, dev) {
		struct in_device *idev = __in_dev_get_rcu(dev);
		const struct in_ifaddr *ifa;

		if (!idev || (dev->flags & IFF_LOOPBACK))
			continue;
		in_dev_for_each_ifa_rcu(ifa, idev) {
			if (n < FALLBACK_ADDRS && !(ifa->ifa_flags & IFA_F_SECONDARY))
				addrs[n++] = ifa->ifa_local;
		}
	}
	/* Rows sorted by (l4, mark, addr): sort the few addresses first. */
	for (i = 1; i < n; i++) {
		__be32 a = addrs[i];
		u32 j = i;

		for (; j > 0 && ntohl(addrs[j - 1]) > ntohl(a); j--)
			addrs[j] = addrs[j - 1];
		addrs[j] = a;
	}
	f->pool.rows = f->rows;
	f->pool.by_addr = f->by_addr;
	f->pool.doms = f->doms;
	if (!n)
		return;
	for (l4 = 0; l4 < L4_COUNT; l4++) {
		struct pool4_dom *d = &f->doms[f->pool.ndoms++];

		d->l4 = l4;
		d->first = f->pool.nrows;
		d->count = n;
		d->max_iter = 1024;
		for (i = 0; i < n; i++) {
			struct pool4_row *r = &f->rows[f->pool.nrows];

			r->l4 = l4;
			r->addr = addrs[i];
			r->min = FALLBACK_MIN;
			r->max = FALLBACK_MAX;
			r->max_iter = d->max_iter;
			r->offset = d->slots;
			d->slots += FALLBACK_MAX - FALLBACK_MIN + 1;
			f->by_addr[f->pool.nrows] = f->pool.nrows;
			f->pool.nrows++;
		}
	}
}

/* The fallback pool4 of @net. Under rcu_read_lock(); never NULL. */
const struct pool4 *fallback_pool4(struct net *net)
{
	struct fb_net *fbn = net_generic(net, fb_net_id);
	struct fb_pool *f = rcu_dereference(fbn->pool), *old;
	int gen = atomic_read(&fbn->gen);

	if (likely(f && f->gen == gen))
		return &f->pool;
	spin_lock_bh(&fbn->lock);
	old = rcu_dereference_protected(fbn->pool, lockdep_is_held(&fbn->lock));
	gen = atomic_read(&fbn->gen);
	if (old && old->gen == gen) {
		f = old;	/* another CPU built it meanwhile */
		goto out;
	}
	f = kzalloc(sizeof(*f), GFP_ATOMIC);
	if (!f) {
		f = old;	/* stale beats nothing; the next packet tries again */
		goto out;
	}
	f->gen = gen;	/* read before the walk: a change during it rebuilds */
	fb_build(net, f);
	rcu_assign_pointer(fbn->pool, f);
	if (old)
		kfree_rcu(old, rcu);
out:
	spin_unlock_bh(&fbn->lock);
	return f ? &f->pool : &fb_empty;
}

static void fb_changed(struct net *net)
{
	atomic_inc(&((struct fb_net *)net_generic(net, fb_net_id))->gen);
}

static int fb_inetaddr_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	const struct in_ifaddr *ifa = ptr;

	fb_changed(dev_net(ifa->ifa_dev->dev));
	return NOTIFY_DONE;
}

static int fb_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	fb_changed(dev_net(netdev_notifier_info_to_dev(ptr)));
	return NOTIFY_DONE;
}

static struct notifier_block fb_inetaddr_nb = { .notifier_call = fb_inetaddr_event };
static struct notifier_block fb_netdev_nb = { .notifier_call = fb_netdev_event };

static int __net_init fb_net_init(struct net *net)
{
	struct fb_net *fbn = net_generic(net, fb_net_id);

	spin_lock_init(&fbn->lock);
	atomic_set(&fbn->gen, 0);
	RCU_INIT_POINTER(fbn->pool, NULL);
	return 0;
}

static void __net_exit fb_net_exit(struct net *net)
{
	struct fb_net *fbn = net_generic(net, fb_net_id);

	/* No packet of this namespace is in flight any more; readers of RCU may be. */
	kfree_rcu(rcu_dereference_protected(fbn->pool, 1), rcu);
}

static struct pernet_operations fb_net_ops = {
	.init = fb_net_init,
	.exit = fb_net_exit,
	.id = &fb_net_id,
	.size = sizeof(struct fb_net),
};

int jool_fallback_init(void)
{
	int err = register_pernet_subsys(&fb_net_ops);

	if (err)
		return err;
	err = register_inetaddr_notifier(&fb_inetaddr_nb);
	if (err)
		goto err_inetaddr;
	err = register_netdevice_notifier(&fb_netdev_nb);
	if (err)
		goto err_netdev;
	return 0;

err_netdev:
	unregister_inetaddr_notifier(&fb_inetaddr_nb);
err_inetaddr:
	unregister_pernet_subsys(&fb_net_ops);
	return err;
}

void jool_fallback_exit(void)
{
	unregister_netdevice_notifier(&fb_netdev_nb);
	unregister_inetaddr_notifier(&fb_inetaddr_nb);
	unregister_pernet_subsys(&fb_net_ops);
}
