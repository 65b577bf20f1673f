// SPDX-License-Identifier: GPL-2.0
/*
 * bib.c - `jool bib display|add|remove` and `jool session display`: the
 * mappings and sessions of one protocol, in Jool 4's formats. Addresses are
 * always printed numerically (a translator's operator wants the addresses,
 * and name lookups would stall on a box without DNS); --numeric is accepted
 * for compatibility.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cli.h"
#include "jool.h"
#include "nl.h"
#include "print.h"
#include "str.h"
#include "tcp_state.h"

const char *proto_name(uint8_t proto);	/* pool4.c */

enum { KEY_TCP = 0x5000, KEY_UDP, KEY_ICMP, KEY_NUMERIC };

struct bib_args {
	struct print_opts opts;	/* first: the print_argp child reads it */
	int nprotos;
	uint8_t proto;
	const char *taddr[3];
	int ntaddr;
};

static const struct argp_option options[] = {
	{ "tcp", KEY_TCP, NULL, 0, "The TCP table (default)", 0 },
	{ "udp", KEY_UDP, NULL, 0, "The UDP table", 0 },
	{ "icmp", KEY_ICMP, NULL, 0, "The ICMP table", 0 },
	{ "numeric", KEY_NUMERIC, NULL, 0, "Accepted for compatibility: addresses are always numeric", 0 },
	{ 0 }
};

static error_t parser(int key, char *arg, struct argp_state *state)
{
	struct bib_args *a = state->input;

	switch (key) {
	case KEY_TCP:
	case KEY_UDP:
	case KEY_ICMP:
		a->proto = key == KEY_TCP ? IPPROTO_TCP : key == KEY_UDP ? IPPROTO_UDP : IPPROTO_ICMP;
		a->nprotos++;
		return 0;
	case KEY_NUMERIC:
		return 0;
	case ARGP_KEY_ARG:
		if (a->ntaddr == 2)
			argp_error(state, "unexpected argument '%s'", arg);
		a->taddr[a->ntaddr++] = arg;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int parse(struct cli_ctx *ctx, int argc, char **argv, struct bib_args *a,
		 const char *doc, const char *args_doc, bool display)
{
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { options, parser, args_doc, doc, display ? children : NULL, NULL, NULL };

	memset(a, 0, sizeof(*a));
	a->opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT;
	a->proto = IPPROTO_TCP;
	if (args_parse(&argp, argc, argv, a))
		return 2;
	if (a->nprotos > 1)
		return cli_err("give one protocol: --tcp, --udp or --icmp"), 2;
	if (display && a->ntaddr)
		return cli_err("unexpected argument '%s'", a->taddr[0]), 2;
	return 0;
}

/* Puts the transport addresses given (either order) into @req; only checks them if NULL. */
static int put_taddrs(struct jnl_req *req, const struct bib_args *a, bool both)
{
	bool have6 = false, have4 = false;
	int i;

	for (i = 0; i < a->ntaddr; i++) {
		unsigned char addr[16];
		unsigned int port;
		const char *why;
		int family;

		if (str_to_taddr(a->taddr[i], &family, addr, &port, &why))
			return cli_err("'%s': %s", a->taddr[i], why), 2;
		if (family == AF_INET6) {
			if (have6)
				return cli_err("two IPv6 transport addresses given"), 2;
			have6 = true;
			if (req) {
				jnl_put_bin(req, JOOL_A_ADDR6, addr, 16);
				jnl_put_u16(req, JOOL_A_PORT6, port);
			}
		} else {
			if (have4)
				return cli_err("two IPv4 transport addresses given"), 2;
			have4 = true;
			if (req) {
				jnl_put_bin(req, JOOL_A_ADDR4, addr, 4);
				jnl_put_u16(req, JOOL_A_PORT4, port);
			}
		}
	}
	if (both && (!have6 || !have4))
		return cli_err("a BIB entry needs <IPv6>#<port> and <IPv4>#<port>"), 2;
	if (!have6 && !have4)
		return cli_err("give the entry's <IPv6>#<port>, its <IPv4>#<port>, or both"), 2;
	return 0;
}

static int change(struct cli_ctx *ctx, int argc, char **argv, bool add)
{
	struct bib_args a;
	struct jnl_req *req;
	int err = parse(ctx, argc, argv, &a,
			add ? "Add a static BIB entry (its IPv4 side must be in pool4)."
			    : "Remove a BIB entry and its sessions.",
			"<IPv6>#<port> <IPv4>#<port>", false);

	if (err || (err = put_taddrs(NULL, &a, add)))
		return err;
	req = jnl_req(add ? JOOL_CMD_BIB_ADD : JOOL_CMD_BIB_REMOVE);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTO, a.proto);
	put_taddrs(req, &a, add);
	return jnl_do(req, NULL, NULL);
}

static int op_add(struct cli_ctx *ctx, int argc, char **argv)
{
	return change(ctx, argc, argv, true);
}

static int op_remove(struct cli_ctx *ctx, int argc, char **argv)
{
	return change(ctx, argc, argv, false);
}

static const struct print_col bib_cols[] = {
	{ "Protocol", "protocol", 0, PF_CSV | PF_JSON },
	{ "IPv6 Address", "ipv6_address", 0, PF_CSV | PF_JSON },
	{ "IPv6 L4-ID", "ipv6_l4_id", 0, PF_CSV | PF_JSON },
	{ "IPv4 Address", "ipv4_address", 0, PF_CSV | PF_JSON },
	{ "IPv4 L4-ID", "ipv4_l4_id", 0, PF_CSV | PF_JSON },
	{ "Static?", "static", 0, PF_CSV | PF_JSON },
};

struct bib_display {
	struct print_opts opts;
	struct table *t;
};

static void addr_str(const struct jnl_attrs *at, int attr, int family, char *buf)
{
	unsigned char a[16];

	strcpy(buf, "?");
	if (jnl_get_bin(at, attr, a, family == AF_INET ? 4 : 16))
		inet_ntop(family, a, buf, INET6_ADDRSTRLEN);
}

static int bib_row(const struct jnl_attrs *at, void *_d)
{
	struct bib_display *d = _d;
	char a6[INET6_ADDRSTRLEN], a4[INET6_ADDRSTRLEN];
	uint8_t proto = jnl_get_u8(at, JOOL_A_PROTO), st = jnl_get_u8(at, JOOL_A_STATIC);

	addr_str(at, JOOL_A_ADDR6, AF_INET6, a6);
	addr_str(at, JOOL_A_ADDR4, AF_INET, a4);
	if (d->opts.format == PRINT_TEXT) {
		/* Jool 4's line format, which scripts grep. */
		printf("[%s %s] %s#%u - %s#%u\n", st ? "Static" : "Dynamic", proto_name(proto),
		       a4, jnl_get_u16(at, JOOL_A_PORT4), a6, jnl_get_u16(at, JOOL_A_PORT6));
		return 0;
	}
	if (!d->t)
		d->t = table_start(&d->opts, bib_cols, 6);
	table_str(d->t, proto_name(proto));
	table_str(d->t, a6);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_PORT6));
	table_str(d->t, a4);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_PORT4));
	table_u64(d->t, st);
	table_row_end(d->t);
	return 0;
}

static int dump(struct cli_ctx *ctx, const struct bib_args *a, uint8_t cmd,
		jnl_fn fn, struct bib_display *d, const struct print_col *cols, int ncols)
{
	struct jnl_req *req = jnl_req(cmd);
	int err;

	d->opts = a->opts;
	d->t = NULL;
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTO, a->proto);
	err = jnl_dump(req, fn, d);
	if (!err && !d->t && d->opts.format != PRINT_TEXT)
		d->t = table_start(&d->opts, cols, ncols);
	if (d->t)
		table_end(d->t);
	return err;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct bib_args a;
	struct bib_display d;
	int err = parse(ctx, argc, argv, &a, "Show the BIB of one protocol (TCP by default).",
			NULL, true);

	return err ? err : dump(ctx, &a, JOOL_CMD_BIB_GET, bib_row, &d, bib_cols, 6);
}

const struct cli_op bib_ops[] = {
	{ "add", op_add, "Add a static entry" },
	{ "display", op_display, "Show the mappings" },
	{ "remove", op_remove, "Remove an entry" },
	{ 0 }
};

/* --- sessions --- */

static const struct print_col session_cols[] = {
	{ "Protocol", "protocol", 0, PF_CSV | PF_JSON },
	{ "IPv6 Remote Address", "ipv6_remote_address", 0, PF_CSV | PF_JSON },
	{ "IPv6 Remote L4-ID", "ipv6_remote_l4_id", 0, PF_CSV | PF_JSON },
	{ "IPv6 Local Address", "ipv6_local_address", 0, PF_CSV | PF_JSON },
	{ "IPv6 Local L4-ID", "ipv6_local_l4_id", 0, PF_CSV | PF_JSON },
	{ "IPv4 Local Address", "ipv4_local_address", 0, PF_CSV | PF_JSON },
	{ "IPv4 Local L4-ID", "ipv4_local_l4_id", 0, PF_CSV | PF_JSON },
	{ "IPv4 Remote Address", "ipv4_remote_address", 0, PF_CSV | PF_JSON },
	{ "IPv4 Remote L4-ID", "ipv4_remote_l4_id", 0, PF_CSV | PF_JSON },
	{ "Expires in", "expires_in", 0, PF_CSV | PF_JSON },
	{ "State", "state", 0, PF_CSV | PF_JSON },
};

#define SEPARATOR "---------------------------------"

static int session_row(const struct jnl_attrs *at, void *_d)
{
	struct bib_display *d = _d;
	char a6[INET6_ADDRSTRLEN], a4[INET6_ADDRSTRLEN], r6[INET6_ADDRSTRLEN], r4[INET6_ADDRSTRLEN];
	char exp[32];
	uint8_t proto = jnl_get_u8(at, JOOL_A_PROTO);
	const char *state = proto == IPPROTO_TCP ?
			    tcp_state_name(jnl_get_u8(at, JOOL_A_TCP_STATE)) : "";
	unsigned int p6 = jnl_get_u16(at, JOOL_A_PORT6), p4 = jnl_get_u16(at, JOOL_A_PORT4);
	unsigned int rp6 = jnl_get_u16(at, JOOL_A_REMOTE_PORT6);
	unsigned int rp4 = jnl_get_u16(at, JOOL_A_REMOTE_PORT4);

	addr_str(at, JOOL_A_ADDR6, AF_INET6, a6);
	addr_str(at, JOOL_A_ADDR4, AF_INET, a4);
	addr_str(at, JOOL_A_REMOTE6, AF_INET6, r6);
	addr_str(at, JOOL_A_REMOTE4, AF_INET, r4);
	ms_to_str(jnl_get_u64(at, JOOL_A_EXPIRES), exp, sizeof(exp));
	if (d->opts.format == PRINT_TEXT) {
		if (!d->t) {
			puts(SEPARATOR);
			d->t = (struct table *)1;	/* "printed something" */
		}
		if (proto == IPPROTO_TCP)
			printf("(%s) ", state);
		printf("Expires in %s\n", exp);
		printf("Remote: %s#%u\t%s#%u\n", r4, rp4, a6, p6);
		printf("Local: %s#%u\t%s#%u\n", a4, p4, r6, rp6);
		puts(SEPARATOR);
		return 0;
	}
	if (!d->t)
		d->t = table_start(&d->opts, session_cols, 11);
	table_str(d->t, proto_name(proto));
	table_str(d->t, a6);
	table_u64(d->t, p6);
	table_str(d->t, r6);
	table_u64(d->t, rp6);
	table_str(d->t, a4);
	table_u64(d->t, p4);
	table_str(d->t, r4);
	table_u64(d->t, rp4);
	table_str(d->t, exp);
	table_str(d->t, state);
	table_row_end(d->t);
	return 0;
}

static int op_session_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct bib_args a;
	struct bib_display d;
	int err = parse(ctx, argc, argv, &a, "Show the sessions of one protocol (TCP by default).",
			NULL, true);

	if (err)
		return err;
	d.opts = a.opts;
	if (d.opts.format == PRINT_TEXT) {
		struct jnl_req *req = jnl_req(JOOL_CMD_SESSION_GET);

		d.t = NULL;
		jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
		jnl_put_u8(req, JOOL_A_PROTO, a.proto);
		err = jnl_dump(req, session_row, &d);
		if (!err && !d.t)
			puts(SEPARATOR);
		return err;
	}
	return dump(ctx, &a, JOOL_CMD_SESSION_GET, session_row, &d, session_cols, 11);
}

const struct cli_op session_ops[] = {
	{ "display", op_session_display, "Show the sessions" },
	{ 0 }
};
