// SPDX-License-Identifier: GPL-2.0
/*
 * nl_instance.c - netlink handlers of the instance object: add, remove,
 * flush, status and the display dump.
 */
#include <linux/string.h>
#include <net/sock.h>
#include "instance.h"
#include "netlink.h"
#include "privilege.h"

int jnl_instance_add(struct sk_buff *skb, struct genl_info *info)
{
	static const struct jool_usage one = { .instances = 1 };
	struct prefix6 pool6;
	int err;

	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name") ||
	    !jool_nl_require(info, JOOL_A_FRAMEWORK, "missing framework (netfilter or iptables)") ||
	    !jool_nl_require(info, JOOL_A_POOL6_ADDR, "missing pool6 prefix") ||
	    !jool_nl_require(info, JOOL_A_POOL6_LEN, "missing pool6 prefix length"))
		return -EINVAL;

	err = jool_quota_check(info, NULL, &one);
	if (err)
		return err;
	nla_memcpy(&pool6.addr, info->attrs[JOOL_A_POOL6_ADDR], sizeof(pool6.addr));
	pool6.len = nla_get_u8(info->attrs[JOOL_A_POOL6_LEN]);
	return jinst_add(genl_info_net(info), nla_data(info->attrs[JOOL_A_INSTANCE]),
			 nla_get_u8(info->attrs[JOOL_A_FRAMEWORK]), &pool6,
			 nla_get_flag(info->attrs[JOOL_A_FORCE]), info->extack);
}

int jnl_instance_remove(struct sk_buff *skb, struct genl_info *info)
{
	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name"))
		return -EINVAL;
	return jinst_remove(genl_info_net(info), nla_data(info->attrs[JOOL_A_INSTANCE]),
			    info->extack);
}

int jnl_instance_flush(struct sk_buff *skb, struct genl_info *info)
{
	jinst_flush(genl_info_net(info));
	return 0;
}

int jnl_instance_status(struct sk_buff *skb, struct genl_info *info)
{
	const char *name;
	struct sk_buff *reply;
	void *hdr;
	u8 status;

	if (!jool_nl_require(info, JOOL_A_INSTANCE, "missing instance name"))
		return -EINVAL;
	name = nla_data(info->attrs[JOOL_A_INSTANCE]);
	status = jinst_exists(genl_info_net(info), name) ?
		 JOOL_STATUS_RUNNING : JOOL_STATUS_DEAD;

	reply = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	hdr = genlmsg_put_reply(reply, info, &jool_family, 0, JOOL_CMD_INSTANCE_STATUS);
	if (!hdr || nla_put_string(reply, JOOL_A_INSTANCE, name) ||
	    nla_put_u8(reply, JOOL_A_STATUS, status)) {
		nlmsg_free(reply);
		return -EMSGSIZE;
	}
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);
}

/*
 * Dump cursor, kept in cb->ctx between dumpit calls: the name of the last
 * instance sent. Each call resumes at the first name after it, so the dump
 * neither repeats nor skips instances that live through it, however the
 * table changes in between.
 */
struct instance_dump {
	char last[JOOL_INSTANCE_NAME_SIZE];
};

struct dump_arg {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct instance_dump *cursor;
	int sent;
};

int jnl_instance_dump_start(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct instance_dump) > sizeof(cb->ctx));
	memset(cb->ctx, 0, sizeof(struct instance_dump));
	return 0;
}

static int put_instance(const struct jool_instance *inst, void *_arg)
{
	struct dump_arg *arg = _arg;
	struct sk_buff *skb = arg->skb;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(arg->cb->skb).portid, arg->cb->nlh->nlmsg_seq,
			  &jool_family, NLM_F_MULTI, JOOL_CMD_INSTANCE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, JOOL_A_NETNS, sock_net(arg->cb->skb->sk)->ns.inum) ||
	    nla_put_string(skb, JOOL_A_INSTANCE, inst->name) ||
	    nla_put_u8(skb, JOOL_A_FRAMEWORK, inst->framework) ||
	    nla_put(skb, JOOL_A_POOL6_ADDR, sizeof(inst->pool6.addr), &inst->pool6.addr) ||
	    nla_put_u8(skb, JOOL_A_POOL6_LEN, inst->pool6.len)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	strscpy(arg->cursor->last, inst->name, sizeof(arg->cursor->last));
	arg->sent++;
	return 0;
}

int jnl_instance_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dump_arg arg = {
		.skb = skb,
		.cb = cb,
		.cursor = (struct instance_dump *)cb->ctx,
	};
	int err;

	err = jinst_foreach_after(sock_net(cb->skb->sk), arg.cursor->last,
				  put_instance, &arg);
	/* A full buffer only ends this message; the next call resumes. */
	if (err == -EMSGSIZE && arg.sent)
		return skb->len;
	return err ? err : skb->len;
}
