// SPDX-License-Identifier: GPL-2.0
/*
 * bib.c - `jool bib display|add|remove`: the mappings between IPv6 and IPv4
 * transport addresses of one protocol, in Jool 4's formats. Addresses are
 * always printed numerically: an operator wants the addresses, and name
 * lookups stall on a translator without DNS (Jool 4 printed one resolver
 * error per address there). --numeric is accepted for compatibility.
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

/* Printable keys are also short options, as in Jool 4. */
enum { KEY_TCP = 't', KEY_UDP = 'u', KEY_ICMP = 'i', KEY_NUMERIC = 0x5000 };

struct bib_args {
	struct print_opts opts;	/* first: the print_argp child reads it */
	int nprotos;
	uint8_t proto;
	bool positionals;	/* add and remove take transport addresses */
	const char *taddr[2];
	int ntaddr;
};

static const struct argp_option change_options[] = {
	{ "tcp", KEY_TCP, NULL, 0, "The TCP table (default)", 0 },
	{ "udp", KEY_UDP, NULL, 0, "The UDP table", 0 },
	{ "icmp", KEY_ICMP, NULL, 0, "The ICMP table", 0 },
	{ 0 }
};

static const struct argp_option display_options[] = {
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
		if (!a->positionals || a->ntaddr == 2) {
			argp_error(state, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		a->taddr[a->ntaddr++] = arg;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int parse(struct cli_ctx *ctx, int argc, char **argv, struct bib_args *a,
		 const char *doc, bool display)
{
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { display ? display_options : change_options, parser,
		display ? NULL : "<IPv6>#<port> <IPv4>#<port>", doc,
		display ? children : NULL, NULL, NULL };

	memset(a, 0, sizeof(*a));
	a->opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT;
	a->proto = IPPROTO_TCP;
	a->positionals = !display;
	if (args_parse(&argp, argc, argv, a))
		return 2;
	/* One table per request: Jool 4's BIBs are per protocol. */
	if (a->nprotos > 1)
		return cli_err("give one protocol: --tcp, --udp or --icmp"), 2;
	return 0;
}

struct taddrs {
	bool have6, have4;
	unsigned char addr6[16], addr4[16];
	unsigned int port6, port4;
};

/* Sorts the transport addresses given (either order) by family. */
static int parse_taddrs(const struct bib_args *a, struct taddrs *t, bool both)
{
	int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < a->ntaddr; i++) {
		unsigned char addr[16];
		unsigned int port;
		const char *why;
		int family;

		if (str_to_taddr(a->taddr[i], &family, addr, &port, &why))
			return cli_err("'%s': %s", a->taddr[i], why), 2;
		if (family == AF_INET6) {
			if (t->have6)
				return cli_err("two IPv6 transport addresses given"), 2;
			t->have6 = true;
			memcpy(t->addr6, addr, 16);
			t->port6 = port;
		} else {
			if (t->have4)
				return cli_err("two IPv4 transport addresses given"), 2;
			t->have4 = true;
			memcpy(t->addr4, addr, 4);
			t->port4 = port;
		}
	}
	if (both && (!t->have6 || !t->have4))
		return cli_err("a BIB entry needs <IPv6>#<port> and <IPv4>#<port>"), 2;
	if (!t->have6 && !t->have4)
		return cli_err("give the entry's <IPv6>#<port>, its <IPv4>#<port>, or both"), 2;
	return 0;
}

static int change(struct cli_ctx *ctx, int argc, char **argv, bool add)
{
	struct bib_args a;
	struct taddrs t;
	struct jnl_req *req;
	int err = parse(ctx, argc, argv, &a,
			add ? "Add a static BIB entry (its IPv4 side must be in pool4)."
			    : "Remove a BIB entry and its sessions (give either side or both).",
			false);

	if (err || (err = parse_taddrs(&a, &t, add)))
		return err;
	req = jnl_req(add ? JOOL_CMD_BIB_ADD : JOOL_CMD_BIB_REMOVE);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTO, a.proto);
	if (t.have6) {
		jnl_put_bin(req, JOOL_A_ADDR6, t.addr6, 16);
		jnl_put_u16(req, JOOL_A_PORT6, t.port6);
	}
	if (t.have4) {
		jnl_put_bin(req, JOOL_A_ADDR4, t.addr4, 4);
		jnl_put_u16(req, JOOL_A_PORT4, t.port4);
	}
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

/* --- display --- */

/* Jool 4's CSV columns; its text form is one line per entry (bib_line). */
enum { C_PROTO, C_ADDR6, C_PORT6, C_ADDR4, C_PORT4, C_STATIC, NCOLS };
static const struct print_col cols[NCOLS] = {
	[C_PROTO] = { "Protocol", "protocol", 0, 0 },
	[C_ADDR6] = { "IPv6 Address", "ipv6_address", 0, 0 },
	[C_PORT6] = { "IPv6 L4-ID", "ipv6_l4_id", 0, 0 },
	[C_ADDR4] = { "IPv4 Address", "ipv4_address", 0, 0 },
	[C_PORT4] = { "IPv4 L4-ID", "ipv4_l4_id", 0, 0 },
	[C_STATIC] = { "Static?", "static", 0, 0 },
};

/* "[Dynamic TCP] 203.0.113.1#22553 - 2001:db8::2#59436", which scripts grep. */
static void bib_line(const char *const *c, void *arg)
{
	(void)arg;
	printf("[%s %s] %s#%s - %s#%s\n", strcmp(c[C_STATIC], "0") ? "Static" : "Dynamic",
	       c[C_PROTO], c[C_ADDR4], c[C_PORT4], c[C_ADDR6], c[C_PORT6]);
}

struct display {
	struct print_opts opts;
	struct table *t;	/* started by the first row, so errors print alone */
};

static struct table *start(const struct print_opts *opts)
{
	return table_start_lines(opts, cols, NCOLS, NULL, bib_line, NULL);
}

static void addr_str(const struct jnl_attrs *at, int attr, int family, char *buf)
{
	unsigned char a[16];

	strcpy(buf, "?");
	if (jnl_get_bin(at, attr, a, family == AF_INET ? 4 : 16))
		inet_ntop(family, a, buf, INET6_ADDRSTRLEN);
}

static int bib_row(const struct jnl_attrs *at, void *_d)
{
	struct display *d = _d;
	char a6[INET6_ADDRSTRLEN], a4[INET6_ADDRSTRLEN];

	addr_str(at, JOOL_A_ADDR6, AF_INET6, a6);
	addr_str(at, JOOL_A_ADDR4, AF_INET, a4);
	if (!d->t)
		d->t = start(&d->opts);
	table_str(d->t, l4proto_str(jnl_get_u8(at, JOOL_A_PROTO)));
	table_str(d->t, a6);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_PORT6));
	table_str(d->t, a4);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_PORT4));
	table_bool(d->t, jnl_get_u8(at, JOOL_A_STATIC));
	table_row_end(d->t);
	return 0;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct bib_args a;
	struct display d = { 0 };
	struct jnl_req *req;
	int err = parse(ctx, argc, argv, &a, "Show the BIB of one protocol (TCP by default).", true);

	if (err)
		return err;
	d.opts = a.opts;
	req = jnl_req(JOOL_CMD_BIB_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTO, a.proto);
	err = jnl_dump(req, bib_row, &d);
	if (!err && !d.t)
		d.t = start(&d.opts);
	if (d.t)
		table_end(d.t);
	return err;
}

const struct cli_op bib_ops[] = {
	{ "add", op_add, "Add a static entry" },
	{ "display", op_display, "Show the mappings" },
	{ "remove", op_remove, "Remove an entry" },
	{ 0 }
};
