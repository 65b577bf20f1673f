// SPDX-License-Identifier: GPL-2.0
/*
 * params.c - module parameters, for a translator up at boot without any
 * userspace: `modprobe jool pool6=64:ff9b::/96 pool4="192.0.2.2, 192.0.2.8/29"`
 * creates the Netfilter instance "default" in the initial network namespace
 * when the module loads, as Jool's insertion arguments did (seed 004). Each
 * pool4 item masks with every TCP and UDP port and every ICMP identifier.
 * A bad value fails the load with a message naming it: a translator that
 * silently came up half-configured would be worse.
 *
 * The test_* parameters are for tests only: they shorten timers the RFC
 * fixes (the 6 s a stored IPv4 SYN waits) or bounds (the minimum
 * tcp-est-timeout and tcp-trans-timeout), so that the guest tests see them
 * run out in seconds instead of hours. Each may only go down from the RFC's
 * value, never to zero (0644: a test sets one in
 * /sys/module/jool/parameters/ and puts the default back).
 */
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "compat.h"
#include "instance.h"
#include "netlink.h"
#include "params.h"

static char *pool6;
module_param(pool6, charp, 0444);
MODULE_PARM_DESC(pool6, "IPv6 prefix of the instance \"default\" created at load (e.g. 64:ff9b::/96)");

static char *pool4;
module_param(pool4, charp, 0444);
MODULE_PARM_DESC(pool4, "Comma-separated IPv4 addresses or prefixes for its pool4 (needs pool6)");

/* A u32 of milliseconds, from @min up to the RFC's value (its default). */
#define TEST_PARAM(name, min, max, what)					\
	unsigned int jool_##name = max;						\
	static int set_##name(const char *val, const struct kernel_param *kp)	\
	{									\
		return param_set_uint_minmax(val, kp, min, max);		\
	}									\
	static const struct kernel_param_ops name##_ops = {			\
		.set = set_##name,						\
		.get = param_get_uint,						\
	};									\
	module_param_cb(name, &name##_ops, &jool_##name, 0644);		\
	MODULE_PARM_DESC(name, "Testing only: " what " (" #min "-" #max ", default " #max ")")

/* Not below the expiry worker's period (half a second): it could not keep it. */
TEST_PARAM(test_syn4_ms, 500, 6000,
	   "ms a stored IPv4 SYN (and a V4_INIT session) waits for its IPv6 side");
TEST_PARAM(test_tcp_est_min_ms, 1000, 7200000,
	   "smallest tcp-est-timeout accepted, ms");
TEST_PARAM(test_tcp_trans_min_ms, 1000, 240000,
	   "smallest tcp-trans-timeout accepted, ms");
static_assert(JOOL_SYN4_MS == 6000 && JOOL_TCP_EST_MIN_MS == 7200000 &&
	      JOOL_TCP_TRANS_MIN_MS == 240000);

static int parse_pool6(struct prefix6 *p)
{
	const char *slash = strchr(pool6, '/'), *end, *why;

	if (!slash || !in6_pton(pool6, slash - pool6, p->addr.s6_addr, '/', &end) ||
	    kstrtouint(slash + 1, 10, &p->len)) {
		pr_err("jool: pool6=%s is not an IPv6 prefix (address/length)\n", pool6);
		return -EINVAL;
	}
	if (rfc6052_prefix_validate(p, false, &why)) {
		pr_err("jool: pool6=%s: %s\n", pool6, why);
		return -EINVAL;
	}
	return 0;
}

/* "192.0.2.8/29" (spaces around it allowed) into @c. */
static int parse_item(char *item, struct pool4_change *c)
{
	char *slash;
	const char *end;

	item = strim(item);
	slash = strchr(item, '/');
	c->plen = 32;
	if (slash && kstrtou8(slash + 1, 10, &c->plen))
		return -EINVAL;
	if (c->plen > 32 ||
	    !in4_pton(item, slash ? slash - item : -1, (u8 *)&c->addr, '/', &end))
		return -EINVAL;
	return be32_to_cpu(c->addr) & ~pool4_prefix_mask(c->plen) ? -EINVAL : 0;
}

/* Each item twice: TCP and UDP ports 1-65535, ICMP identifiers 0-65535. */
static int build_pool4(struct jool_pool4 **jp)
{
	struct pool4_change *cs = NULL;
	char *copy, *cur, *item;
	const char *why = "out of memory";
	u32 n = 0, items = 1;
	int err = -ENOMEM;

	if (!pool4)
		return jnl_pool4_build(NULL, NULL, 0, jp, &why);
	for (cur = pool4; *cur; cur++)
		items += *cur == ',';
	copy = kstrdup(pool4, GFP_KERNEL);
	cs = kcalloc(items, 2 * sizeof(*cs), GFP_KERNEL);
	if (!copy || !cs)
		goto out;
	cur = copy;
	while ((item = strsep(&cur, ",")) != NULL) {
		struct pool4_change c = { .max = 65535, .max_iter = JOOL_MAX_ITER_AUTO };

		if (parse_item(item, &c)) {
			pr_err("jool: pool4: '%s' is not an IPv4 address or prefix\n", strim(item));
			err = -EINVAL;
			goto out;
		}
		c.protos = JOOL_PROTO_TCP | JOOL_PROTO_UDP;
		c.min = 1;
		cs[n++] = c;
		c.protos = JOOL_PROTO_ICMP;
		c.min = 0;
		cs[n++] = c;
	}
	err = jnl_pool4_build(NULL, cs, n, jp, &why);
	if (err)
		pr_err("jool: pool4=%s: %s\n", pool4, why);
out:
	kfree(cs);
	kfree(copy);
	return err;
}

int jool_params_apply(void)
{
	struct jool_instance *inst;
	struct jool_pool4 *jp = NULL;
	struct prefix6 p6;
	int err;

	if (!pool6) {
		if (pool4) {
			pr_err("jool: pool4= needs pool6= (the instance it belongs to)\n");
			return -EINVAL;
		}
		return 0;
	}
	err = parse_pool6(&p6);
	if (!err)
		err = build_pool4(&jp);
	if (err)
		return err;
	inst = jinst_new(&init_net, JOOL_INSTANCE_DEFAULT, JOOL_FW_NETFILTER, &p6, false, NULL,
			 &err);
	if (!inst) {
		kvfree(jp);
		return err;
	}
	/* Configured before it is published: it never translates without its pool4. */
	mutex_lock(&inst->cfg);
	jnl_pool4_publish(inst, jp, JOOL_PROTO_ALL, NULL);
	mutex_unlock(&inst->cfg);
	err = jinst_publish(inst, NULL);
	if (err)
		return err;
	pr_info("jool: instance \"default\" created: pool6 %s, pool4 %s\n", pool6,
		pool4 ?: "(empty)");
	return 0;
}
