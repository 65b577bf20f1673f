// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c - the only file that speaks libnl (see nl.h).
 *
 * The socket is opened on the first request, so commands that fail local
 * validation never touch the kernel. Resolving the family makes the kernel
 * load jool.ko if it is installed (MODULE_ALIAS_GENL_FAMILY). Extended ACKs
 * are enabled, and the kernel's message is what the operator sees.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include "cli.h"
#include "jool.h"
#include "nl.h"

struct jnl_req {
	struct nl_msg *msg;
	uint8_t cmd;
	bool failed;		/* an attribute did not fit */
	const char *iname;	/* JOOL_A_INSTANCE, for "no such instance" */
};

struct jnl_attrs {
	struct nlattr *tb[JOOL_A_MAX + 1];
};

static struct nl_sock *sk;
static int family;
static int open_socket(void);

static void oom(void)
{
	cli_err("out of memory");
	exit(1);
}

struct jnl_req *jnl_req(uint8_t cmd)
{
	struct jnl_req *req;

	/* The genl header names the family, so the socket comes first. */
	if (!sk && open_socket())
		exit(1);
	req = calloc(1, sizeof(*req));
	if (!req || !(req->msg = nlmsg_alloc()))
		oom();
	req->cmd = cmd;
	if (!genlmsg_put(req->msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0, cmd,
			 JOOL_GENL_VERSION))
		oom();
	return req;
}

/* A NULL request takes nothing (file.c checks a whole file that way first). */
#define PUT(req, call) do { if ((req) && (call)) (req)->failed = true; } while (0)

void jnl_put_str(struct jnl_req *req, int attr, const char *value)
{
	PUT(req, nla_put_string(req->msg, attr, value));
	if (req && attr == JOOL_A_INSTANCE)
		req->iname = value;
}

void jnl_put_u8(struct jnl_req *req, int attr, uint8_t value)
{
	PUT(req, nla_put_u8(req->msg, attr, value));
}

void jnl_put_u16(struct jnl_req *req, int attr, uint16_t value)
{
	PUT(req, nla_put_u16(req->msg, attr, value));
}

void jnl_put_u32(struct jnl_req *req, int attr, uint32_t value)
{
	PUT(req, nla_put_u32(req->msg, attr, value));
}

void jnl_put_u64(struct jnl_req *req, int attr, uint64_t value)
{
	PUT(req, nla_put_u64(req->msg, attr, value));
}

void jnl_put_bin(struct jnl_req *req, int attr, const void *value, size_t len)
{
	PUT(req, nla_put(req->msg, attr, len, value));
}

void jnl_put_flag(struct jnl_req *req, int attr)
{
	PUT(req, nla_put_flag(req->msg, attr));
}

void *jnl_nest_start(struct jnl_req *req, int attr)
{
	struct nlattr *nest;

	if (!req)
		return NULL;
	nest = nla_nest_start(req->msg, attr);

	if (!nest)
		req->failed = true;
	return nest;
}

void jnl_nest_end(struct jnl_req *req, void *nest)
{
	if (req && nest)
		nla_nest_end(req->msg, nest);
}

bool jnl_full(const struct jnl_req *req)
{
	return req->failed;
}

struct jnl_req *jnl_req_big(uint8_t cmd)
{
	struct jnl_req *req = jnl_req(cmd);
	struct nl_msg *big = nlmsg_alloc_size(JNL_BIG);

	/* The header jnl_req() wrote, into a message with room for a configuration. */
	if (!big || !genlmsg_put(big, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0, cmd,
				 JOOL_GENL_VERSION))
		oom();
	nlmsg_free(req->msg);
	req->msg = big;
	return req;
}

bool jnl_has(const struct jnl_attrs *a, int attr)
{
	return a->tb[attr] != NULL;
}

const char *jnl_get_str(const struct jnl_attrs *a, int attr)
{
	return a->tb[attr] ? nla_get_string(a->tb[attr]) : "";
}

uint8_t jnl_get_u8(const struct jnl_attrs *a, int attr)
{
	return a->tb[attr] ? nla_get_u8(a->tb[attr]) : 0;
}

uint16_t jnl_get_u16(const struct jnl_attrs *a, int attr)
{
	return a->tb[attr] ? nla_get_u16(a->tb[attr]) : 0;
}

uint64_t jnl_get_u64(const struct jnl_attrs *a, int attr)
{
	return a->tb[attr] && nla_len(a->tb[attr]) == 8 ? nla_get_u64(a->tb[attr]) : 0;
}

uint32_t jnl_get_u32(const struct jnl_attrs *a, int attr)
{
	return a->tb[attr] ? nla_get_u32(a->tb[attr]) : 0;
}

bool jnl_get_bin(const struct jnl_attrs *a, int attr, void *dst, size_t len)
{
	if (!a->tb[attr] || (size_t)nla_len(a->tb[attr]) != len)
		return false;
	memcpy(dst, nla_data(a->tb[attr]), len);
	return true;
}

size_t jnl_get_binv(const struct jnl_attrs *a, int attr, void *dst, size_t max)
{
	size_t len;

	if (!a->tb[attr])
		return 0;
	len = nla_len(a->tb[attr]);
	if (len > max)
		len = max;
	memcpy(dst, nla_data(a->tb[attr]), len);
	return len;
}

/* The reply policy: types are checked before any getter reads them. */
static struct nla_policy reply_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_INSTANCE] = { .type = NLA_STRING, .maxlen = JOOL_INSTANCE_NAME_SIZE },
	[JOOL_A_FRAMEWORK] = { .type = NLA_U8 },
	[JOOL_A_POOL6_ADDR] = { .minlen = 16, .maxlen = 16 },
	[JOOL_A_POOL6_LEN] = { .type = NLA_U8 },
	[JOOL_A_FORCE] = { .type = NLA_FLAG },
	[JOOL_A_NETNS] = { .type = NLA_U32 },
	[JOOL_A_STATUS] = { .type = NLA_U8 },
	[JOOL_A_PROTOS] = { .type = NLA_U8 },
	[JOOL_A_PROTO] = { .type = NLA_U8 },
	[JOOL_A_MARK] = { .type = NLA_U32 },
	[JOOL_A_ADDR4] = { .minlen = 4, .maxlen = 4 },
	[JOOL_A_PREFIX4_LEN] = { .type = NLA_U8 },
	[JOOL_A_PORT_MIN] = { .type = NLA_U16 },
	[JOOL_A_PORT_MAX] = { .type = NLA_U16 },
	[JOOL_A_MAX_ITER] = { .type = NLA_U32 },
	[JOOL_A_MAX_ITER_FIXED] = { .type = NLA_U8 },
	[JOOL_A_ADDR6] = { .minlen = 16, .maxlen = 16 },
	[JOOL_A_PORT6] = { .type = NLA_U16 },
	[JOOL_A_PORT4] = { .type = NLA_U16 },
	[JOOL_A_STATIC] = { .type = NLA_U8 },
	[JOOL_A_REMOTE4] = { .minlen = 4, .maxlen = 4 },
	[JOOL_A_REMOTE_PORT4] = { .type = NLA_U16 },
	[JOOL_A_REMOTE6] = { .minlen = 16, .maxlen = 16 },
	[JOOL_A_REMOTE_PORT6] = { .type = NLA_U16 },
	[JOOL_A_EXPIRES] = { .type = NLA_U64 },
	[JOOL_A_TCP_STATE] = { .type = NLA_U8 },
	[JOOL_A_STATS] = { .minlen = 8 * __JSTAT_COUNT },
	[JOOL_A_BIB_COUNT] = { .type = NLA_U64 },
	[JOOL_A_SESSION_COUNT] = { .type = NLA_U64 },
	[JOOL_A_G_ADF] = { .type = NLA_U8 },
	[JOOL_A_G_DROP_EXT_TCP] = { .type = NLA_U8 },
	[JOOL_A_G_DROP_ICMP6_INFO] = { .type = NLA_U8 },
	[JOOL_A_G_SRC_ICMP6_BETTER] = { .type = NLA_U8 },
	[JOOL_A_G_HANDLE_RST] = { .type = NLA_U8 },
	[JOOL_A_G_F_ARGS] = { .type = NLA_U8 },
	[JOOL_A_G_TCP_EST] = { .type = NLA_U32 },
	[JOOL_A_G_TCP_TRANS] = { .type = NLA_U32 },
	[JOOL_A_G_UDP] = { .type = NLA_U32 },
	[JOOL_A_G_ICMP] = { .type = NLA_U32 },
	[JOOL_A_G_MAX_SO] = { .type = NLA_U32 },
	[JOOL_A_G_LOWEST_MTU6] = { .type = NLA_U32 },
	[JOOL_A_G_ZEROIZE_TC] = { .type = NLA_U8 },
	[JOOL_A_G_OVERRIDE_TOS] = { .type = NLA_U8 },
	[JOOL_A_G_TOS] = { .type = NLA_U8 },
	[JOOL_A_G_PLATEAUS] = { .maxlen = JOOL_PLATEAUS_MAX * 2 },
	[JOOL_A_G_ENABLED] = { .type = NLA_U8 },
	[JOOL_A_G_LOG_DEBUG] = { .type = NLA_U8 },
	[JOOL_A_G_LOG_BIB] = { .type = NLA_U8 },
	[JOOL_A_G_LOG_SESSION] = { .type = NLA_U8 },
	[JOOL_A_G_SS_ENABLED] = { .type = NLA_U8 },
	[JOOL_A_G_SS_FLUSH_ASAP] = { .type = NLA_U8 },
	[JOOL_A_G_SS_FLUSH_DEADLINE] = { .type = NLA_U32 },
	[JOOL_A_G_SS_CAPACITY] = { .type = NLA_U32 },
	[JOOL_A_G_SS_MAX_PAYLOAD] = { .type = NLA_U32 },
	[JOOL_A_G_MAX_SESSIONS] = { .type = NLA_U32 },
};

static int open_socket(void)
{
	struct nl_cache *cache = NULL;
	struct genl_family *fam;
	unsigned int version;
	int one = 1;

	sk = nl_socket_alloc();
	if (!sk)
		oom();
	if (genl_connect(sk))
		return cli_err("cannot open a generic netlink socket");
	/* Big dumps: let the kernel queue plenty, read whole messages. */
	nl_socket_set_buffer_size(sk, 1 << 20, 0);
	nl_socket_set_msg_buf_size(sk, 1 << 16);
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	family = genl_ctrl_resolve(sk, JOOL_GENL_NAME);
	if (family < 0)
		return cli_err("the jool kernel module is not loaded and could not be loaded: run 'modprobe jool' (as root)");

	if (genl_ctrl_alloc_cache(sk, &cache) == 0 &&
	    (fam = genl_ctrl_search_by_name(cache, JOOL_GENL_NAME))) {
		version = genl_family_get_version(fam);
		genl_family_put(fam);
		nl_cache_free(cache);
		if (version != JOOL_GENL_VERSION)
			return cli_err("the loaded jool module speaks netlink version %u, this jool speaks %u: install matching versions",
				       version, JOOL_GENL_VERSION);
	} else if (cache) {
		nl_cache_free(cache);
	}
	return 0;
}

struct exchange {
	jnl_fn fn;
	void *arg;
	int status;	/* 1 while waiting; then 0 or a negative errno */
	bool stopped;	/* @fn asked to stop */
	char msg[256];	/* the kernel's extended-ACK message */
};

static int on_valid(struct nl_msg *msg, void *_ex)
{
	struct exchange *ex = _ex;
	struct jnl_attrs a;

	if (!ex->fn || ex->stopped)
		return NL_OK;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, a.tb, JOOL_A_MAX, reply_policy)) {
		cli_err("the kernel sent a malformed reply");
		ex->stopped = true;
		return NL_OK;
	}
	if (ex->fn(&a, ex->arg))
		ex->stopped = true;	/* keep reading until the kernel is done */
	return NL_OK;
}

static int on_ack(struct nl_msg *msg, void *_ex)
{
	(void)msg;
	((struct exchange *)_ex)->status = 0;
	return NL_STOP;
}

/* The extended-ACK message among the @len bytes of TLVs at @tlvs, if any. */
static void ack_msg(struct exchange *ex, void *tlvs, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (len > 0 && nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, NULL) == 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(ex->msg, sizeof(ex->msg), "%.*s", nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
}

/*
 * NLMSG_DONE ends a dump; it carries the dump's final error, if any, and
 * then the extended ACK of the dump callback.
 */
static int on_finish(struct nl_msg *msg, void *_ex)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct exchange *ex = _ex;
	int err = 0;

	if (nlmsg_datalen(nlh) >= (int)sizeof(int))
		memcpy(&err, nlmsg_data(nlh), sizeof(int));
	ex->status = err < 0 ? err : 0;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		ack_msg(ex, (char *)nlmsg_data(nlh) + sizeof(int),
			nlmsg_datalen(nlh) - (int)sizeof(int));
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *_ex)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct exchange *ex = _ex;
	size_t off = sizeof(*e);
	int len;

	(void)nla;
	ex->status = e->error ? e->error : 0;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)off;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		ack_msg(ex, (char *)e + off, len);
	return NL_STOP;
}

static int exchange(struct jnl_req *req, int flags, jnl_fn fn, void *arg)
{
	struct exchange ex = { .fn = fn, .arg = arg, .status = 1 };
	const char *iname = req->iname;
	struct nl_cb *cb;
	int err;

	if (req->failed) {
		nlmsg_free(req->msg);
		free(req);
		return cli_err("request too large");
	}
	nlmsg_hdr(req->msg)->nlmsg_flags |= flags;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		oom();
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &ex);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &ex);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &ex);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &ex);

	err = nl_send_auto(sk, req->msg);
	while (err >= 0 && ex.status == 1) {
		err = nl_recvmsgs(sk, cb);
		/* Our callbacks return NL_STOP; libnl reports the error itself. */
		if (err == -NLE_PERM || err == -NLE_NOACCESS)
			ex.status = -EPERM;
	}
	nl_cb_put(cb);
	nlmsg_free(req->msg);
	free(req);

	if (ex.status == 1)
		return cli_err("netlink: %s", nl_geterror(err));
	if (ex.status == -EPERM && !ex.msg[0])
		return cli_err("this needs CAP_NET_ADMIN (run as root)");
	/*
	 * A missing instance: say which, whatever the kernel's wording (6.1
	 * cannot format extended ACKs, and dumps may carry none).
	 */
	if (ex.status == -ESRCH && iname && (!ex.msg[0] || (strstr(ex.msg, "instance") &&
							    !strstr(ex.msg, iname))))
		return cli_err("instance '%s' does not exist", iname);
	if (ex.status < 0)
		return cli_err("%s", ex.msg[0] ? ex.msg : strerror(-ex.status));
	return ex.stopped ? 1 : 0;
}

int jnl_do(struct jnl_req *req, jnl_fn fn, void *arg)
{
	return exchange(req, NLM_F_ACK, fn, arg);
}

int jnl_dump(struct jnl_req *req, jnl_fn fn, void *arg)
{
	return exchange(req, NLM_F_DUMP, fn, arg);
}
