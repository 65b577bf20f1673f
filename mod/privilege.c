// SPDX-License-Identifier: GPL-2.0
/*
 * privilege.c - who may configure jool, and how much a user namespace may
 * make it hold.
 *
 * By default, as Jool: CAP_NET_ADMIN in the initial user namespace, for
 * every command, reads included. The family's GENL_UNS_ADMIN_PERM flag
 * already asks for CAP_NET_ADMIN over the namespace; this adds the initial
 * user namespace, with an extended ACK that names the parameter. Otherwise
 * any local user (`unshare -Urn`) would reach the packet path and allocate
 * kernel memory at will.
 *
 * allow_userns=1 lets the administrators of a user namespace (containers)
 * configure instances in the network namespaces it owns. Those callers are
 * "limited": what a network namespace holds (instances, pool4 rows, static
 * BIB entries) is capped by the userns_max_* parameters, checked before a
 * request changes anything, and their requests on one namespace are
 * serialised (jinst_quota_mutex) so that two cannot both pass a check.
 * The initial namespace's administrator is never limited: it could load any
 * module anyway, and a /16 pool4 must keep working; what it adds to a
 * namespace does count in that namespace's totals.
 *
 * Every allocation a request causes is charged to the caller's memory cgroup
 * (GFP_KERNEL_ACCOUNT and friends, where the allocation is made), whoever
 * the caller is.
 *
 * The parameters are writable (root, /sys/module/jool/parameters/) and
 * checked at every request: turning allow_userns off refuses user
 * namespaces' next requests but removes nothing; lowering a cap removes
 * nothing but refuses growth past it.
 */
#include <linux/capability.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include "compat.h"
#include "instance.h"
#include "privilege.h"

static bool allow_userns;
module_param(allow_userns, bool, 0644);
MODULE_PARM_DESC(allow_userns,
		 "Let CAP_NET_ADMIN over a user namespace configure the network namespaces it owns (default N)");

static unsigned int userns_max_instances = 16;
module_param(userns_max_instances, uint, 0644);
MODULE_PARM_DESC(userns_max_instances, "With allow_userns: instances per network namespace (16)");

static unsigned int userns_max_pool4 = 4096;
module_param(userns_max_pool4, uint, 0644);
MODULE_PARM_DESC(userns_max_pool4,
		 "With allow_userns: pool4 rows (display lines) per network namespace (4096)");

static unsigned int userns_max_bib = 4096;
module_param(userns_max_bib, uint, 0644);
MODULE_PARM_DESC(userns_max_bib,
		 "With allow_userns: static BIB entries per network namespace (4096)");

int jool_permit(struct sk_buff *skb, struct netlink_ext_ack *extack, bool *limited)
{
	bool admin = netlink_capable(skb, CAP_NET_ADMIN);

	if (limited)
		*limited = !admin;
	if (admin || READ_ONCE(allow_userns))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "needs CAP_NET_ADMIN in the initial user namespace (module parameter allow_userns is off)");
	return -EPERM;
}

/*
 * Checks one resource: @others (the rest of the namespace) plus @after (the
 * request's instance once applied) against @max, unless the request does not
 * grow it (@after <= @before): whatever the initial namespace's administrator
 * put there, a limited caller may keep and shrink it.
 */
static bool over(u32 others, u32 before, u32 after, unsigned int max)
{
	return after > before && (u64)others + after > max;
}

int jool_quota_check(struct genl_info *info, struct jool_instance *inst,
		     const struct jool_usage *after)
{
	struct jool_usage others, before = { 0 };
	unsigned int i;

	if (!jool_nl_limited(info))
		return 0;
	jinst_usage(genl_info_net(info), inst, &others);
	if (inst)
		jinst_usage_of(inst, &before);
	{
		const struct {
			u32 others, before, after;
			unsigned int max;
			const char *what, *param, *msg;	/* msg: kernels without formats */
		} q[] = {
			{ others.instances, before.instances, after->instances,
			  READ_ONCE(userns_max_instances), "instances", "userns_max_instances",
			  "over this namespace's quota of instances (module parameter userns_max_instances)" },
			{ others.pool4_rows, before.pool4_rows, after->pool4_rows,
			  READ_ONCE(userns_max_pool4), "pool4 rows", "userns_max_pool4",
			  "over this namespace's quota of pool4 rows (module parameter userns_max_pool4)" },
			{ others.static_bib, before.static_bib, after->static_bib,
			  READ_ONCE(userns_max_bib), "static BIB entries", "userns_max_bib",
			  "over this namespace's quota of static BIB entries (module parameter userns_max_bib)" },
		};

		for (i = 0; i < ARRAY_SIZE(q); i++) {
			if (!over(q[i].others, q[i].before, q[i].after, q[i].max))
				continue;
			/* Formatted messages stop at 80 bytes: the parameter first. */
			JOOL_ERR_FMT_STATIC(info->extack, q[i].msg,
					    "quota %s=%u: this would make %llu %s", q[i].param,
					    q[i].max, (u64)q[i].others + q[i].after, q[i].what);
			return -EDQUOT;
		}
	}
	return 0;
}
