// SPDX-License-Identifier: GPL-2.0
/*
 * pool4.c - `jool pool4 add|remove|flush|display`: the IPv4 transport
 * addresses that mask IPv6 nodes, with the semantics and defaults of the
 * seeds (no protocol flag means all three, ports default to 61001-65535).
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

/* More addresses than this defeat the point of NAT64 over SIIT (Jool 4). */
#define MANY_ADDRS	256

enum {
	KEY_TCP = 0x4000, KEY_UDP, KEY_ICMP, KEY_MARK, KEY_MAX_ITER, KEY_FORCE, KEY_QUICK,
};

struct p4_args {
	struct print_opts opts;	/* first: the print_argp child reads it */
	uint8_t protos;
	uint32_t mark;
	uint32_t max_iter;
	bool max_iter_given, force, quick;
	const char *prefix, *range;
};

static const struct argp_option proto_options[] = {
	{ "tcp", KEY_TCP, NULL, 0, "TCP transport addresses", 0 },
	{ "udp", KEY_UDP, NULL, 0, "UDP transport addresses", 0 },
	{ "icmp", KEY_ICMP, NULL, 0, "ICMP \"transport addresses\" (addresses and identifiers)", 0 },
	{ "mark", KEY_MARK, "N", 0, "Packet mark the entries serve (default 0)", 0 },
	{ "max-iterations", KEY_MAX_ITER, "auto|infinity|N", 0,
	  "Cap on transport addresses tried per new mapping", 0 },
	{ "force", KEY_FORCE, NULL, 0, "Add even if it is many addresses or hits the ephemeral range", 0 },
	{ "quick", KEY_QUICK, NULL, 0, "Leave the BIB entries of removed addresses to die on their own", 0 },
	{ 0 }
};

static error_t p4_parser(int key, char *arg, struct argp_state *state)
{
	struct p4_args *a = state->input;
	unsigned long v;
	const char *why;

	switch (key) {
	case KEY_TCP:
		a->protos |= JOOL_PROTO_TCP;
		return 0;
	case KEY_UDP:
		a->protos |= JOOL_PROTO_UDP;
		return 0;
	case KEY_ICMP:
		a->protos |= JOOL_PROTO_ICMP;
		return 0;
	case KEY_MARK:
		if (str_to_uint(arg, UINT32_MAX, &v))
			argp_error(state, "mark '%s' is not a number from 0 to 4294967295", arg);
		a->mark = v;
		return 0;
	case KEY_MAX_ITER:
		if (str_to_max_iter(arg, &a->max_iter, &why))
			argp_error(state, "'%s': %s", arg, why);
		a->max_iter_given = true;
		return 0;
	case KEY_FORCE:
		a->force = true;
		return 0;
	case KEY_QUICK:
		a->quick = true;
		return 0;
	case ARGP_KEY_ARG:
		if (!a->prefix)
			a->prefix = arg;
		else if (!a->range)
			a->range = arg;
		else
			argp_error(state, "unexpected argument '%s'", arg);
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

/* The ephemeral range of this namespace, where local sockets pick ports. */
static bool ephemeral_range(unsigned int *lo, unsigned int *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	bool ok;

	if (!f)
		return false;
	ok = fscanf(f, "%u %u", lo, hi) == 2;
	fclose(f);
	return ok;
}

static int change(struct cli_ctx *ctx, int argc, char **argv, bool add)
{
	struct p4_args a = { .max_iter = JOOL_MAX_ITER_AUTO };
	struct argp argp = { proto_options, p4_parser,
		add ? "<IPv4-prefix> [<port-range>]" : "<IPv4-prefix> [<port-range>]",
		add ? "Add transport addresses to pool4 (ports 61001-65535 unless given)."
		    : "Remove transport addresses from pool4 (all ports unless given).",
		NULL, NULL, NULL };
	unsigned int plen, min, max, elo, ehi;
	struct in_addr addr;
	struct jnl_req *req;
	const char *why;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (!a.prefix)
		return cli_err("missing IPv4 prefix (see %s --help)", ctx->cmd), 2;
	if (str_to_prefix4(a.prefix, &addr, &plen, &why))
		return cli_err("'%s': %s", a.prefix, why), 2;
	min = add ? 61001 : 0;
	max = 65535;
	if (a.range && str_to_port_range(a.range, &min, &max, &why))
		return cli_err("'%s': %s", a.range, why), 2;
	if (!a.protos)
		a.protos = JOOL_PROTO_ALL;
	if (add && !a.force) {
		unsigned long long n = 1ull << (32 - plen);

		if (n > MANY_ADDRS)
			return cli_err("adding %llu addresses might defeat the whole point of NAT64 over SIIT; use --force to add them anyway", n);
		if ((a.protos & (JOOL_PROTO_TCP | JOOL_PROTO_UDP)) && ephemeral_range(&elo, &ehi) &&
		    min <= ehi && max >= elo)
			return cli_err("ports %u-%u intersect this namespace's ephemeral range %u-%u (net.ipv4.ip_local_port_range); use --force to add them anyway",
				       min, max, elo, ehi);
	}
	if (!add && (a.max_iter_given || a.force))
		return cli_err("--max-iterations and --force only apply to pool4 add"), 2;
	if (add && a.quick)
		return cli_err("--quick only applies to pool4 remove and flush"), 2;

	req = jnl_req(add ? JOOL_CMD_POOL4_ADD : JOOL_CMD_POOL4_REMOVE);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTOS, a.protos);
	jnl_put_u32(req, JOOL_A_MARK, a.mark);
	jnl_put_bin(req, JOOL_A_ADDR4, &addr, 4);
	jnl_put_u8(req, JOOL_A_PREFIX4_LEN, plen);
	jnl_put_u16(req, JOOL_A_PORT_MIN, min);
	jnl_put_u16(req, JOOL_A_PORT_MAX, max);
	if (add && a.max_iter_given)
		jnl_put_u32(req, JOOL_A_MAX_ITER, a.max_iter);
	if (a.quick)
		jnl_put_flag(req, JOOL_A_QUICK);
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

static int op_flush(struct cli_ctx *ctx, int argc, char **argv)
{
	struct p4_args a = { 0 };
	struct argp argp = { proto_options, p4_parser, NULL, "Empty pool4.", NULL, NULL, NULL };
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (a.prefix || a.protos || a.force || a.max_iter_given)
		return cli_err("pool4 flush takes no arguments but --quick"), 2;
	req = jnl_req(JOOL_CMD_POOL4_FLUSH);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	if (a.quick)
		jnl_put_flag(req, JOOL_A_QUICK);
	return jnl_do(req, NULL, NULL);
}

/* --- display --- */

static const struct print_col cols[] = {
	{ "Mark", "mark", 10, 0 },
	{ "Proto", NULL, 5, PF_TEXT },
	{ "Protocol", "protocol", 0, PF_CSV | PF_JSON },
	{ "Max iterations", NULL, 18, PF_TEXT },
	{ "Address", "address", 15, 0 },
	{ "Ports", NULL, 11, PF_TEXT },
	{ "Min port", "port_min", 0, PF_CSV | PF_JSON },
	{ "Max port", "port_max", 0, PF_CSV | PF_JSON },
	{ "Iterations", "max_iterations", 0, PF_CSV | PF_JSON },
	{ "Iterations fixed", "max_iterations_fixed", 0, PF_CSV | PF_JSON },
};

struct display {
	struct print_opts opts;
	struct table *t;
	bool have_last;
	uint32_t last_mark;
	uint8_t last_proto;
};

const char *proto_name(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_UDP:
		return "UDP";
	case IPPROTO_ICMP:
		return "ICMP";
	}
	return "?";
}

static int display_row(const struct jnl_attrs *at, void *_d)
{
	struct display *d = _d;
	uint32_t mark = jnl_get_u32(at, JOOL_A_MARK), iter = jnl_get_u32(at, JOOL_A_MAX_ITER);
	uint8_t proto = jnl_get_u8(at, JOOL_A_PROTO), fixed = jnl_get_u8(at, JOOL_A_MAX_ITER_FIXED);
	uint16_t min = jnl_get_u16(at, JOOL_A_PORT_MIN), max = jnl_get_u16(at, JOOL_A_PORT_MAX);
	/* Text tables show a (mark, protocol) group's first row only, as Jool 4. */
	bool grouped = d->opts.format == PRINT_TEXT && d->have_last &&
		       d->last_mark == mark && d->last_proto == proto;
	char addr[INET_ADDRSTRLEN] = "?", buf[40];
	struct in_addr a4;

	if (jnl_get_bin(at, JOOL_A_ADDR4, &a4, 4))
		inet_ntop(AF_INET, &a4, addr, sizeof(addr));
	if (!d->t)
		d->t = table_start(&d->opts, cols, sizeof(cols) / sizeof(cols[0]));
	if (grouped)
		table_str(d->t, "");
	else
		table_u64(d->t, mark);
	table_str(d->t, grouped ? "" : proto_name(proto));
	table_str(d->t, proto_name(proto));
	if (grouped)
		buf[0] = '\0';
	else if (iter == JOOL_MAX_ITER_INFINITE)
		snprintf(buf, sizeof(buf), "infinity (fixed)");
	else
		snprintf(buf, sizeof(buf), "%u (%s)", iter, fixed ? "fixed" : " auto");
	table_str(d->t, buf);
	table_str(d->t, addr);
	snprintf(buf, sizeof(buf), "%u-%u", min, max);
	table_str(d->t, buf);
	table_u64(d->t, min);
	table_u64(d->t, max);
	table_u64(d->t, iter);
	table_u64(d->t, fixed);
	table_row_end(d->t);
	d->have_last = true;
	d->last_mark = mark;
	d->last_proto = proto;
	return 0;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct p4_args a = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT };
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { proto_options, p4_parser, NULL,
		"Show pool4 (all three protocols unless one is given).", children, NULL, NULL };
	struct display d;
	struct jnl_req *req;
	int err;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (a.prefix || a.force || a.quick || a.max_iter_given)
		return cli_err("pool4 display takes only --tcp, --udp, --icmp and display options"), 2;
	memset(&d, 0, sizeof(d));
	d.opts = a.opts;
	req = jnl_req(JOOL_CMD_POOL4_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTOS, a.protos ? a.protos : JOOL_PROTO_ALL);
	err = jnl_dump(req, display_row, &d);
	/* An empty pool still shows its header; an error shows only itself. */
	if (!err && !d.t)
		d.t = table_start(&d.opts, cols, sizeof(cols) / sizeof(cols[0]));
	if (d.t)
		table_end(d.t);
	return err;
}

const struct cli_op pool4_ops[] = {
	{ "add", op_add, "Add transport addresses" },
	{ "display", op_display, "Show the pool" },
	{ "flush", op_flush, "Empty the pool" },
	{ "remove", op_remove, "Remove transport addresses" },
	{ 0 }
};
