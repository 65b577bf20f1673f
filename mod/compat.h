/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - every difference between the kernels we support (Debian's 6.1
 * and 6.12) lives here, and only here.
 *
 *  - NL_SET_ERR_MSG_FMT (formatted extended-ACK messages) appeared in 6.2.
 *    On older kernels the message must be a string literal, so callers give
 *    both: a literal for old kernels, a format for new ones.
 *  - skb_gso_segment() moved to <net/gso.h> in 6.4.
 *  - A dump's request attributes moved into genl_dumpit_info.info in 6.2
 *    (split ops): jool_dump_attrs() reads them on both.
 *  - The family's pre_doit/post_doit take split ops from 6.2: jool_genl_ops.
 *  - A dump's start callback gets no extended ACK on 6.1 (cb->extack is
 *    NULL there; 6.2 passes the request's), while the dump callback gets
 *    one whose message NLMSG_DONE carries: jool_dump_refuse().
 */
#ifndef _JOOL_MOD_COMPAT_H
#define _JOOL_MOD_COMPAT_H

#include <linux/version.h>
#include <linux/netlink.h>
#include <net/genetlink.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#include <net/gso.h>
#else
#include <linux/netdevice.h>
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define JOOL_ERR_FMT(extack, literal, fmt, args...) \
	NL_SET_ERR_MSG_FMT(extack, fmt, ##args)
#else
#define JOOL_ERR_FMT(extack, literal, fmt, args...) \
	NL_SET_ERR_MSG(extack, literal)
#endif

/*
 * Sets an extended-ACK message that is not a literal at the call site but
 * has static storage (the sentences of common/). NL_SET_ERR_MSG only takes
 * literals; this is what it does underneath, on every supported kernel.
 */
static inline void jool_err_static(struct netlink_ext_ack *extack, const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

/* As JOOL_ERR_FMT, but the fallback is a static (not literal) message. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define JOOL_ERR_FMT_STATIC(extack, msg, fmt, args...) \
	NL_SET_ERR_MSG_FMT(extack, fmt, ##args)
#else
#define JOOL_ERR_FMT_STATIC(extack, msg, fmt, args...) \
	jool_err_static(extack, msg)
#endif

/*
 * A dump's start refuses the request with @msg (static storage): at once
 * where the kernel gives start an extended ACK, else (6.1) the refusal waits
 * in *@slot and the dump's first call reports it (jool_dump_refused()).
 */
static inline int jool_dump_refuse(struct netlink_callback *cb, const char **slot,
				   const char *msg)
{
	if (cb->extack) {
		jool_err_static(cb->extack, msg);
		return -EINVAL;
	}
	*slot = msg;
	return 0;
}

/* In a dump callback: -EINVAL with the message its start left, or 0. */
static inline int jool_dump_refused(struct netlink_callback *cb, const char *msg)
{
	if (!msg)
		return 0;
	jool_err_static(cb->extack, msg);
	return -EINVAL;
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
typedef struct genl_split_ops jool_genl_ops;
#else
typedef struct genl_ops jool_genl_ops;
#endif

static inline struct nlattr **jool_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif
