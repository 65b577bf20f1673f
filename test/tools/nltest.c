// SPDX-License-Identifier: GPL-2.0
/*
 * nltest - speaks the jool netlink contract directly, without the CLI's
 * checks, so tests can (a) create tables much faster than one CLI process
 * per entry and (b) prove that the module itself refuses bad requests with
 * an extended-ACK message.
 *
 *   nltest bulk-add COUNT PREFIX      add iptables instances PREFIX00000...
 *   nltest add NAME LEN [FW] [EXTRA]  raw instance add; EXTRA=status adds an
 *                                     attribute the command does not accept
 *   nltest bib-bulk NAME COUNT        static ICMP BIB entries 2001:db8:1::N#1 -
 *                                     198.18.0.0+N/16 # 1+N%16 (the benchmark)
 *   nltest send [-d] CMD ATTR...      any command, any attributes: CMD is a
 *                                     command name (instance-add, pool4-get,
 *                                     ..., or a number), -d makes it a dump
 * An ATTR is NAME=TYPE:VALUE, NAME an attribute name (instance, protos,
 * g-tcp-est, pool4-list, ... as in enum jool_attr, lower case, dashes) or a
 * number; TYPE one of u8 u16 u32 u64 str (NUL-terminated) raw (the string
 * without its NUL) hex (bytes) ip4 ip6 flag (VALUE empty). "NAME={" opens a
 * nest and "}" closes the innermost one, so any nesting, good or bad, can
 * be written.
 * Prints "ok" (a dump: "ok N", N messages) or "error <errno>: <extack
 * message>"; exits 0 only on "ok", 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include "jool.h"

static char extack[256];

/* The extended ACK's message, which follows the error (and, unless capped, the request). */
static void parse_extack(struct nlmsghdr *nlh, void *tlvs, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && len > 0 &&
	    nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, NULL) == 0 && tb[NLMSGERR_ATTR_MSG])
		snprintf(extack, sizeof(extack), "%s", (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	size_t off = sizeof(*e);
	int *err = arg;

	(void)nla;
	*err = e->error;
	extack[0] = 0;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	parse_extack(nlh, (char *)e + off, (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(int *)arg = 0;
	return NL_STOP;
}

/* The end of a dump: an int error, then the extended ACK's TLVs. */
static int on_done(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int *err = arg, code = 0;

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int))
		memcpy(&code, nlmsg_data(nlh), sizeof(int));
	*err = code;
	extack[0] = 0;
	if (code)
		parse_extack(nlh, (char *)nlmsg_data(nlh) + sizeof(int),
			     (int)(nlh->nlmsg_len - NLMSG_HDRLEN - sizeof(int)));
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(*(int *)arg)++;
	return NL_OK;
}

static struct nl_sock *sk;
static int family;

/* Sends @msg; returns 0 or the kernel's negative errno. @n counts dump messages. */
static int transact(struct nl_msg *msg, int *n)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err = 1, count = 0;

	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &err);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &err);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &err);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &count);
	if (nl_send_auto(sk, msg) < 0)
		err = -EIO;
	else
		while (err == 1)
			if (nl_recvmsgs(sk, cb) < 0 && err == 1)
				err = -EIO;
	nl_cb_put(cb);
	if (n)
		*n = count;
	return err;
}

static int add(const char *name, int len, int fw, int extra)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr a;
	int err;

	if (!msg)
		return -ENOMEM;
	inet_pton(AF_INET6, "64:ff9b::", &a);
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
		    JOOL_CMD_INSTANCE_ADD, JOOL_GENL_VERSION);
	nla_put_string(msg, JOOL_A_INSTANCE, name);
	nla_put_u8(msg, JOOL_A_FRAMEWORK, fw);
	nla_put(msg, JOOL_A_POOL6_ADDR, 16, &a);
	nla_put_u8(msg, JOOL_A_POOL6_LEN, len);
	if (extra)
		nla_put_u8(msg, JOOL_A_STATUS, 1);
	err = transact(msg, NULL);
	nlmsg_free(msg);
	return err;
}

/* --- send: names for commands and attributes -------------------------------- */

static int bib_add(const char *name, unsigned int i)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr a6;
	struct in_addr a4 = { htonl((198u << 24 | 18u << 16) + i / 16) };

	if (!msg)
		return -ENOMEM;
	inet_pton(AF_INET6, "2001:db8:1::", &a6);
	a6.s6_addr[12] = i >> 24;
	a6.s6_addr[13] = i >> 16;
	a6.s6_addr[14] = i >> 8;
	a6.s6_addr[15] = i;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
		    JOOL_CMD_BIB_ADD, JOOL_GENL_VERSION);
	nla_put_string(msg, JOOL_A_INSTANCE, name);
	nla_put_u8(msg, JOOL_A_PROTO, IPPROTO_ICMP);
	nla_put(msg, JOOL_A_ADDR6, 16, &a6);
	nla_put_u16(msg, JOOL_A_PORT6, 1);
	nla_put(msg, JOOL_A_ADDR4, 4, &a4);
	nla_put_u16(msg, JOOL_A_PORT4, 1 + i % 16);
	return transact(msg, NULL);
}

static const char *const cmds[] = {
	[JOOL_CMD_INSTANCE_ADD] = "instance-add", [JOOL_CMD_INSTANCE_REMOVE] = "instance-remove",
	[JOOL_CMD_INSTANCE_FLUSH] = "instance-flush", [JOOL_CMD_INSTANCE_GET] = "instance-get",
	[JOOL_CMD_INSTANCE_STATUS] = "instance-status", [JOOL_CMD_POOL4_ADD] = "pool4-add",
	[JOOL_CMD_POOL4_REMOVE] = "pool4-remove", [JOOL_CMD_POOL4_FLUSH] = "pool4-flush",
	[JOOL_CMD_POOL4_GET] = "pool4-get", [JOOL_CMD_BIB_ADD] = "bib-add",
	[JOOL_CMD_BIB_REMOVE] = "bib-remove", [JOOL_CMD_BIB_GET] = "bib-get",
	[JOOL_CMD_SESSION_GET] = "session-get", [JOOL_CMD_GLOBAL_GET] = "global-get",
	[JOOL_CMD_GLOBAL_UPDATE] = "global-update", [JOOL_CMD_STATS_GET] = "stats-get",
	[JOOL_CMD_CONFIG_REPLACE] = "config-replace",
};

static const char *const attrs[] = {
	[JOOL_A_INSTANCE] = "instance", [JOOL_A_FRAMEWORK] = "framework",
	[JOOL_A_POOL6_ADDR] = "pool6-addr", [JOOL_A_POOL6_LEN] = "pool6-len",
	[JOOL_A_FORCE] = "force", [JOOL_A_NETNS] = "netns", [JOOL_A_STATUS] = "status",
	[JOOL_A_PROTOS] = "protos", [JOOL_A_PROTO] = "proto", [JOOL_A_MARK] = "mark",
	[JOOL_A_ADDR4] = "addr4", [JOOL_A_PREFIX4_LEN] = "prefix4-len",
	[JOOL_A_PORT_MIN] = "port-min", [JOOL_A_PORT_MAX] = "port-max",
	[JOOL_A_MAX_ITER] = "max-iter", [JOOL_A_MAX_ITER_FIXED] = "max-iter-fixed",
	[JOOL_A_QUICK] = "quick", [JOOL_A_ADDR6] = "addr6", [JOOL_A_PORT6] = "port6",
	[JOOL_A_PORT4] = "port4", [JOOL_A_STATIC] = "static", [JOOL_A_REMOTE4] = "remote4",
	[JOOL_A_REMOTE_PORT4] = "remote-port4", [JOOL_A_REMOTE6] = "remote6",
	[JOOL_A_REMOTE_PORT6] = "remote-port6", [JOOL_A_EXPIRES] = "expires",
	[JOOL_A_TCP_STATE] = "tcp-state", [JOOL_A_STATS] = "stats",
	[JOOL_A_BIB_COUNT] = "bib-count", [JOOL_A_SESSION_COUNT] = "session-count",
	[JOOL_A_G_ADF] = "g-adf", [JOOL_A_G_DROP_EXT_TCP] = "g-drop-ext-tcp",
	[JOOL_A_G_DROP_ICMP6_INFO] = "g-drop-icmp6-info",
	[JOOL_A_G_SRC_ICMP6_BETTER] = "g-src-icmp6-better", [JOOL_A_G_HANDLE_RST] = "g-handle-rst",
	[JOOL_A_G_F_ARGS] = "g-f-args", [JOOL_A_G_TCP_EST] = "g-tcp-est",
	[JOOL_A_G_TCP_TRANS] = "g-tcp-trans", [JOOL_A_G_UDP] = "g-udp", [JOOL_A_G_ICMP] = "g-icmp",
	[JOOL_A_G_MAX_SO] = "g-max-so", [JOOL_A_G_LOWEST_MTU6] = "g-lowest-mtu6",
	[JOOL_A_G_ZEROIZE_TC] = "g-zeroize-tc", [JOOL_A_G_OVERRIDE_TOS] = "g-override-tos",
	[JOOL_A_G_TOS] = "g-tos", [JOOL_A_G_PLATEAUS] = "g-plateaus", [JOOL_A_G_ENABLED] = "g-enabled",
	[JOOL_A_G_LOG_DEBUG] = "g-log-debug", [JOOL_A_G_LOG_BIB] = "g-log-bib",
	[JOOL_A_G_LOG_SESSION] = "g-log-session", [JOOL_A_POOL4_LIST] = "pool4-list",
	[JOOL_A_BIB_LIST] = "bib-list", [JOOL_A_ENTRY] = "entry",
};

/* A name of @table, or a number. -1 if neither. */
static int lookup(const char *const *table, int n, const char *name, size_t len)
{
	char *end;
	long v;
	int i;

	for (i = 0; i < n; i++)
		if (table[i] && strlen(table[i]) == len && !strncmp(table[i], name, len))
			return i;
	v = strtol(name, &end, 0);
	return end == name + len && len && v >= 0 && v <= 0xffff ? (int)v : -1;
}

#define ARRAY_SIZE(a) (int)(sizeof(a) / sizeof((a)[0]))

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Adds one NAME=TYPE:VALUE to @msg. 0, or -1 after saying why. */
static int put(struct nl_msg *msg, const char *spec)
{
	const char *eq = strchr(spec, '='), *colon, *type, *val;
	unsigned char buf[512];
	unsigned long long u;
	size_t tlen, i;
	int a;

	if (!eq || (a = lookup(attrs, ARRAY_SIZE(attrs), spec, eq - spec)) < 0)
		goto bad;
	type = eq + 1;
	colon = strchr(type, ':');
	if (!colon)
		goto bad;
	tlen = colon - type;
	val = colon + 1;
	u = strtoull(val, NULL, 0);
#define IS(t) (tlen == strlen(t) && !strncmp(type, t, tlen))
	if (IS("u8"))
		return nla_put_u8(msg, a, (uint8_t)u) ? -1 : 0;
	if (IS("u16"))
		return nla_put_u16(msg, a, (uint16_t)u) ? -1 : 0;
	if (IS("u32"))
		return nla_put_u32(msg, a, (uint32_t)u) ? -1 : 0;
	if (IS("u64"))
		return nla_put_u64(msg, a, u) ? -1 : 0;
	if (IS("str"))
		return nla_put_string(msg, a, val) ? -1 : 0;
	if (IS("raw"))
		return nla_put(msg, a, strlen(val), val) ? -1 : 0;
	if (IS("flag"))
		return nla_put_flag(msg, a) ? -1 : 0;
	if (IS("ip4") && inet_pton(AF_INET, val, buf) == 1)
		return nla_put(msg, a, 4, buf) ? -1 : 0;
	if (IS("ip6") && inet_pton(AF_INET6, val, buf) == 1)
		return nla_put(msg, a, 16, buf) ? -1 : 0;
	if (IS("hex") && strlen(val) % 2 == 0 && strlen(val) / 2 <= sizeof(buf)) {
		for (i = 0; i < strlen(val) / 2; i++) {
			int hi = hexval(val[2 * i]), lo = hexval(val[2 * i + 1]);

			if (hi < 0 || lo < 0)
				goto bad;
			buf[i] = (unsigned char)(hi << 4 | lo);
		}
		return nla_put(msg, a, i, buf) ? -1 : 0;
	}
#undef IS
bad:
	fprintf(stderr, "nltest: bad attribute '%s' (NAME=TYPE:VALUE)\n", spec);
	return -1;
}

static int send_cmd(int argc, char **argv)
{
	struct nlattr *nests[16];
	int i = 0, depth = 0, dump = 0, cmd, err, n = 0;
	struct nl_msg *msg;

	if (i < argc && !strcmp(argv[i], "-d")) {
		dump = 1;
		i++;
	}
	if (i >= argc || (cmd = lookup(cmds, ARRAY_SIZE(cmds), argv[i], strlen(argv[i]))) < 0) {
		fprintf(stderr, "nltest: send needs a command name\n");
		return 2;
	}
	msg = nlmsg_alloc();
	if (!msg) {
		fprintf(stderr, "nltest: out of memory\n");
		return 2;
	}
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, dump ? NLM_F_DUMP : NLM_F_ACK,
		    cmd, JOOL_GENL_VERSION);
	for (i++; i < argc; i++) {
		size_t len = strlen(argv[i]);
		int a;

		if (!strcmp(argv[i], "}")) {
			if (!depth)
				goto usage;
			nla_nest_end(msg, nests[--depth]);
		} else if (len > 2 && !strcmp(argv[i] + len - 2, "={")) {
			a = lookup(attrs, ARRAY_SIZE(attrs), argv[i], len - 2);
			if (a < 0 || depth == ARRAY_SIZE(nests) || !(nests[depth++] = nla_nest_start(msg, a)))
				goto usage;
		} else if (put(msg, argv[i])) {
			goto usage;
		}
	}
	if (depth)
		goto usage;
	err = transact(msg, &n);
	nlmsg_free(msg);
	if (err)
		printf("error %d: %s\n", err, extack);
	else if (dump)
		printf("ok %d\n", n);
	else
		printf("ok\n");
	return err ? 1 : 0;
usage:
	nlmsg_free(msg);
	fprintf(stderr, "nltest: bad request near '%s'\n", i < argc ? argv[i] : "the end");
	return 2;
}

int main(int argc, char **argv)
{
	int one = 1, err = 0;
	char name[64];

	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "nltest: cannot open a generic netlink socket\n");
		return 2;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	family = genl_ctrl_resolve(sk, JOOL_GENL_NAME);
	if (family < 0) {
		fprintf(stderr, "nltest: family %s not found\n", JOOL_GENL_NAME);
		return 2;
	}
	if (argc >= 2 && !strcmp(argv[1], "send")) {
		err = send_cmd(argc - 2, argv + 2);
		nl_socket_free(sk);
		return err;
	}
	if (argc == 4 && !strcmp(argv[1], "bulk-add")) {
		int i, n = atoi(argv[2]);

		for (i = 0; i < n && !err; i++) {
			snprintf(name, sizeof(name), "%s%05d", argv[3], i);
			err = add(name, 96, JOOL_FW_IPTABLES, 0);
		}
	} else if (argc == 4 && !strcmp(argv[1], "bib-bulk")) {
		unsigned int i, n = atoi(argv[3]);

		for (i = 0; i < n && !err; i++)
			err = bib_add(argv[2], i);
	} else if (argc >= 4 && !strcmp(argv[1], "add")) {
		err = add(argv[2], atoi(argv[3]), argc > 4 ? atoi(argv[4]) : JOOL_FW_IPTABLES,
			  argc > 5 && !strcmp(argv[5], "status"));
	} else {
		fprintf(stderr, "usage: nltest bulk-add COUNT PREFIX | add NAME LEN [FW [status]] | bib-bulk NAME COUNT | "
			"send [-d] CMD [NAME=TYPE:VALUE | NAME={ | }]...\n");
		return 2;
	}
	if (err)
		printf("error %d: %s\n", err, extack);
	else
		printf("ok\n");
	nl_socket_free(sk);
	return err ? 1 : 0;
}
