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
 * Prints "ok" or "error <errno>: <extack message>"; exits 0 only on "ok".
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

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);
	int *err = arg;

	(void)nla;
	*err = e->error;
	extack[0] = 0;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
		      nlh->nlmsg_len - NLMSG_HDRLEN - off, NULL) == 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(extack, sizeof(extack), "%s", (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(int *)arg = 0;
	return NL_STOP;
}

static struct nl_sock *sk;
static int family;

/* Sends @msg, waits for its answer and frees it; 0 or -errno (extack filled). */
static int request(struct nl_msg *msg)
{
	struct nl_cb *cb;
	int err = 1;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &err);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &err);
	if (nl_send_auto(sk, msg) < 0)
		err = -EIO;
	else
		while (err == 1)
			if (nl_recvmsgs(sk, cb) < 0 && err == 1)
				err = -EIO;
	nl_cb_put(cb);
	nlmsg_free(msg);
	return err;
}

static int add(const char *name, int len, int fw, int extra)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr a;

	inet_pton(AF_INET6, "64:ff9b::", &a);
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
		    JOOL_CMD_INSTANCE_ADD, JOOL_GENL_VERSION);
	nla_put_string(msg, JOOL_A_INSTANCE, name);
	nla_put_u8(msg, JOOL_A_FRAMEWORK, fw);
	nla_put(msg, JOOL_A_POOL6_ADDR, 16, &a);
	nla_put_u8(msg, JOOL_A_POOL6_LEN, len);
	if (extra)
		nla_put_u8(msg, JOOL_A_STATUS, 1);
	return request(msg);
}

static int bib_add(const char *name, unsigned int i)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr a6;
	struct in_addr a4 = { htonl((198u << 24 | 18u << 16) + i / 16) };

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
	return request(msg);
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
		fprintf(stderr, "usage: nltest bulk-add COUNT PREFIX | add NAME LEN [FW [status]] | bib-bulk NAME COUNT\n");
		return 2;
	}
	if (err)
		printf("error %d: %s\n", err, extack);
	else
		printf("ok\n");
	nl_socket_free(sk);
	return err ? 1 : 0;
}
