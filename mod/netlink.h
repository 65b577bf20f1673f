/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netlink.h - the Generic Netlink family and the handlers it dispatches to.
 * One nl_<object>.c file per object implements that object's handlers.
 */
#ifndef _JOOL_MOD_NETLINK_H
#define _JOOL_MOD_NETLINK_H

#include <net/genetlink.h>

struct jool_globals;

extern struct genl_family jool_family;

int jool_nl_init(void);
void jool_nl_exit(void);

/*
 * False, with an extended-ACK message @what (a string literal) and the
 * missing attribute's number, when the request lacks attribute @attr.
 */
#define jool_nl_require(info, attr, what) ({				\
	struct genl_info *__info = (info);				\
	bool __ok = __info->attrs[attr] != NULL;			\
	if (!__ok) {							\
		NL_SET_ERR_ATTR_MISS(__info->extack, NULL, attr);	\
		NL_SET_ERR_MSG(__info->extack, what);			\
	}								\
	__ok;								\
})

/* nl_instance.c */
int jnl_instance_add(struct sk_buff *skb, struct genl_info *info);
int jnl_instance_remove(struct sk_buff *skb, struct genl_info *info);
int jnl_instance_flush(struct sk_buff *skb, struct genl_info *info);
int jnl_instance_status(struct sk_buff *skb, struct genl_info *info);
int jnl_instance_dump_start(struct netlink_callback *cb);
int jnl_instance_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_pool4.c */
int jnl_pool4_add(struct sk_buff *skb, struct genl_info *info);
int jnl_pool4_remove(struct sk_buff *skb, struct genl_info *info);
int jnl_pool4_flush(struct sk_buff *skb, struct genl_info *info);
int jnl_pool4_dump_start(struct netlink_callback *cb);
int jnl_pool4_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_bib.c */
int jnl_bib_add(struct sk_buff *skb, struct genl_info *info);
int jnl_bib_remove(struct sk_buff *skb, struct genl_info *info);
int jnl_bib_dump_start(struct netlink_callback *cb);
int jnl_bib_dump(struct sk_buff *skb, struct netlink_callback *cb);
int jnl_session_dump_start(struct netlink_callback *cb);
int jnl_session_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_global.c */
int jnl_global_get(struct sk_buff *skb, struct genl_info *info);
int jnl_global_update(struct sk_buff *skb, struct genl_info *info);
int jnl_stats_get(struct sk_buff *skb, struct genl_info *info);
/* The globals in @a applied onto @g, validated; extack says why not. */
int jnl_globals_apply(struct jool_globals *g, struct nlattr **a,
		      struct netlink_ext_ack *extack);

/* nl_pool4.c, for nl_config.c */
struct pool4_change;
struct jool_pool4;
struct pool4;
int jnl_pool4_parse(struct nlattr **a, struct netlink_ext_ack *extack, struct pool4_change *c);
struct jool_pool4 *jnl_pool4_alloc(u32 cap, u32 dcap);
/* In *@out, a new snapshot: @old (NULL: empty) with the @n changes @cs added, in one build. */
int jnl_pool4_build(const struct pool4 *old, const struct pool4_change *cs, u32 n,
		    struct jool_pool4 **out, const char **why);
/*
 * Publishes @new as @inst's pool4 (under inst->cfg) and moves the BIB
 * entries of protocols @protos (JOOL_PROTO_* bits) accordingly, removing
 * those inside @evict (NULL: none; see bib_pool4_changed). Sleeps.
 */
struct jool_instance;
struct pool4_change;
void jnl_pool4_publish(struct jool_instance *inst, struct jool_pool4 *new, u8 protos,
		       const struct pool4_change *evict);

/* nl_config.c */
int jnl_config_replace(struct sk_buff *skb, struct genl_info *info);

#endif
