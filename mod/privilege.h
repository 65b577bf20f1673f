/* SPDX-License-Identifier: GPL-2.0 */
/* privilege.h - who may configure jool, and the user namespace quotas (privilege.c). */
#ifndef _JOOL_MOD_PRIVILEGE_H
#define _JOOL_MOD_PRIVILEGE_H

#include <net/genetlink.h>

struct jool_instance;
struct jool_usage;

/*
 * May the sender of @skb use the family at all? 0, or -EPERM with @extack
 * set. *@limited (if not NULL): it is allowed only through allow_userns, and
 * its requests are subject to the quotas.
 */
int jool_permit(struct sk_buff *skb, struct netlink_ext_ack *extack, bool *limited);

/* Was the request's sender let in through allow_userns (netlink.c's pre_doit)? */
static inline bool jool_nl_limited(const struct genl_info *info)
{
	return info->user_ptr[0] != NULL;
}

/*
 * For limited callers: would the namespace stay within its quotas once
 * @inst (NULL: a new instance) holds @after? 0, or -EDQUOT with the extended
 * ACK naming the parameter. Call it before applying anything; the quota
 * mutex pre_doit holds keeps the answer true until the request is applied
 * (only the initial namespace's administrator, never limited, may change the
 * namespace meanwhile). Always 0 for that administrator.
 */
int jool_quota_check(struct genl_info *info, struct jool_instance *inst,
		     const struct jool_usage *after);

#endif
