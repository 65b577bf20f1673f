// SPDX-License-Identifier: GPL-2.0
/*
 * pool4.c - `jool pool4 add|remove|flush|display`: the IPv4 transport
 * addresses that mask IPv6 nodes. Without a protocol flag, add takes all
 * three (the seeds' rule; Jool 4 refuses it) while remove and display act on
 * TCP alone, as Jool 4 does, so that a Jool 4 script removes what it meant
 * to. Add's ports default to 61001-65535, remove's to every port. Jool 4's
 * short options (-t -u -i, -f for --force, -q for --quick) and display
 * formats (the TCP table unless a protocol or --all is given).
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

/*
 * More addresses than this (a /24) defeat the point of NAT64 over SIIT:
 * Jool 4 refuses them without --force, and so do we.
 */
#define MANY_ADDRS	256
/* Outside the usual ephemeral range 32768-60999, so add needs no --force. */
#define ADD_PORT_MIN	61001
#define ADD_PORT_MAX	65535

/* Printable keys are also short options, as in Jool 4. */
enum {
	KEY_TCP = 't', KEY_UDP = 'u', KEY_ICMP = 'i', KEY_FORCE = 'f', KEY_QUICK = 'q',
	KEY_MARK = 0x4000, KEY_MAX_ITER, KEY_ALL,
};

struct p4_args {
	struct print_opts opts;	/* first: the print_argp child reads it */
	uint8_t protos;
	uint32_t mark;
	uint32_t max_iter;
	bool max_iter_given, force, quick;
	bool positionals;	/* this operation takes <IPv4-prefix> [<port-range>] */
	const char *prefix, *range;
};

#define OPT_TCP(doc) { "tcp", KEY_TCP, NULL, 0, doc, 0 }
#define OPT_UDP(doc) { "udp", KEY_UDP, NULL, 0, doc, 0 }
#define OPT_ICMP(doc) { "icmp", KEY_ICMP, NULL, 0, doc, 0 }
#define OPT_QUICK { "quick", KEY_QUICK, NULL, 0, \
	"Do not cascade the removal to the BIB: its entries die with their last session", 0 }

static const struct argp_option add_options[] = {
	OPT_TCP("Add TCP transport addresses (no protocol flag: all three)"),
	OPT_UDP("Add UDP transport addresses"),
	OPT_ICMP("Add ICMP \"transport addresses\" (addresses and identifiers)"),
	{ "mark", KEY_MARK, "N", 0, "Only IPv6 packets carrying this mark use these addresses (default 0)", 0 },
	{ "max-iterations", KEY_MAX_ITER, "auto|infinity|N", 0,
	  "Cap on the transport addresses tried for one new mapping (default auto)", 0 },
	{ "force", KEY_FORCE, NULL, 0,
	  "Add even more than 256 addresses, or ports of the ephemeral range", 0 },
	{ 0 }
};

static const struct argp_option remove_options[] = {
	OPT_TCP("Remove TCP transport addresses (no protocol flag: TCP, as Jool 4)"),
	OPT_UDP("Remove UDP transport addresses"),
	OPT_ICMP("Remove ICMP \"transport addresses\""),
	{ "mark", KEY_MARK, "N", 0, "Only remove the entries of this mark (default 0)", 0 },
	OPT_QUICK,
	{ 0 }
};

static const struct argp_option flush_options[] = {
	OPT_QUICK,
	{ 0 }
};

static const struct argp_option display_options[] = {
	OPT_TCP("Show the TCP table (the default)"),
	OPT_UDP("Show the UDP table"),
	OPT_ICMP("Show the ICMP table"),
	{ "all", KEY_ALL, NULL, 0, "Show the tables of all three protocols", 0 },
	{ 0 }
};

static error_t p4_parser(int key, char *arg, struct argp_state *state)
{
	struct p4_args *a = state->input;
	unsigned long v;
	const char **slot;
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
		if (str_to_uint(arg, UINT32_MAX, &v)) {
			argp_error(state, "--mark '%s': not a number from 0 to 4294967295", arg);
			return EINVAL;
		}
		a->mark = v;
		return 0;
	case KEY_MAX_ITER:
		if (str_to_max_iter(arg, &a->max_iter, &why)) {
			argp_error(state, "--max-iterations '%s': %s", arg, why);
			return EINVAL;
		}
		a->max_iter_given = true;
		return 0;
	case KEY_FORCE:
		a->force = true;
		return 0;
	case KEY_QUICK:
		a->quick = true;
		return 0;
	case KEY_ALL:
		a->protos |= JOOL_PROTO_ALL;
		return 0;
	case ARGP_KEY_ARG:
		/* Either order, as Jool 4: a token with a dot is the IPv4 prefix. */
		slot = strchr(arg, '.') ? &a->prefix : &a->range;
		if (!a->positionals || *slot) {
			argp_error(state, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		*slot = arg;
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

/* Jool 4's safety nets of `pool4 add`; --force skips them. */
static int add_policy(const struct p4_args *a, unsigned int plen, unsigned int min,
		      unsigned int max)
{
	unsigned long long n = 1ull << (32 - plen);
	unsigned int elo, ehi;

	if (n > MANY_ADDRS)
		return cli_err("adding %llu addresses might defeat the whole point of NAT64 over SIIT; use --force to override",
			       n);
	/*
	 * The kernel hands ephemeral ports to local sockets without asking
	 * Jool: sharing them would break both the box's own connections and
	 * the translated ones. ICMP identifiers are not ports.
	 */
	if ((a->protos & (JOOL_PROTO_TCP | JOOL_PROTO_UDP)) && ephemeral_range(&elo, &ehi) &&
	    min <= ehi && max >= elo)
		return cli_err("ports %u-%u intersect this namespace's ephemeral range %u-%u (net.ipv4.ip_local_port_range); use --force to override",
			       min, max, elo, ehi);
	return 0;
}

static int change(struct cli_ctx *ctx, int argc, char **argv, bool add)
{
	struct p4_args a = { .max_iter = JOOL_MAX_ITER_AUTO, .positionals = true };
	struct argp argp = { add ? add_options : remove_options, p4_parser,
		"<IPv4-prefix> [<port-range>]",
		add ? "Add transport addresses to pool4 (ports 61001-65535 unless given)."
		    : "Remove transport addresses from pool4 (every port unless given).",
		NULL, NULL, NULL };
	unsigned int plen, min, max;
	struct in_addr addr;
	struct jnl_req *req;
	const char *why;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (!a.prefix)
		return cli_err("missing <IPv4-prefix> (see %s --help)", ctx->cmd), 2;
	if (str_to_prefix4(a.prefix, &addr, &plen, &why))
		return cli_err("'%s': %s", a.prefix, why), 2;
	min = add ? ADD_PORT_MIN : 0;
	max = add ? ADD_PORT_MAX : 65535;
	if (a.range && str_to_port_range(a.range, &min, &max, &why))
		return cli_err("'%s': %s", a.range, why), 2;
	if (!a.protos)
		a.protos = add ? JOOL_PROTO_ALL : JOOL_PROTO_TCP;
	if (add && !a.force && add_policy(&a, plen, min, max))
		return 1;

	req = jnl_req(add ? JOOL_CMD_POOL4_ADD : JOOL_CMD_POOL4_REMOVE);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTOS, a.protos);
	jnl_put_u32(req, JOOL_A_MARK, a.mark);
	jnl_put_bin(req, JOOL_A_ADDR4, &addr, 4);
	jnl_put_u8(req, JOOL_A_PREFIX4_LEN, plen);
	jnl_put_u16(req, JOOL_A_PORT_MIN, min);
	jnl_put_u16(req, JOOL_A_PORT_MAX, max);
	if (a.max_iter_given)
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
	struct argp argp = { flush_options, p4_parser, NULL, "Empty pool4.", NULL, NULL, NULL };
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	req = jnl_req(JOOL_CMD_POOL4_FLUSH);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	if (a.quick)
		jnl_put_flag(req, JOOL_A_QUICK);
	return jnl_do(req, NULL, NULL);
}

/* --- display --- */

/*
 * Jool 4's text table shows mark, protocol and max iterations once per
 * (mark, protocol) group and the ports as one "min-max" cell; its CSV
 * repeats everything and splits the ports. Both column sets are here.
 */
static const struct print_col cols[] = {
	{ "Mark", "mark", 10, PF_GROUP },
	{ "Proto", NULL, 5, PF_TEXT | PF_GROUP },
	{ "Protocol", "protocol", 0, PF_CSV | PF_JSON },
	{ "Max iterations", NULL, 18, PF_TEXT | PF_GROUP },
	{ "Address", "address", 15, 0 },
	{ "Ports", NULL, 11, PF_TEXT },
	{ "Min port", "port_min", 0, PF_CSV | PF_JSON },
	{ "Max port", "port_max", 0, PF_CSV | PF_JSON },
	{ "Iterations", "max_iterations", 0, PF_CSV | PF_JSON },
	{ "Iterations fixed", "max_iterations_fixed", 0, PF_CSV | PF_JSON },
};
#define NCOLS (int)(sizeof(cols) / sizeof(cols[0]))

struct display {
	struct print_opts opts;
	struct table *t;
	bool have_last;
	uint32_t last_mark;
	uint8_t last_proto;
};

static int display_row(const struct jnl_attrs *at, void *_d)
{
	struct display *d = _d;
	uint32_t mark = jnl_get_u32(at, JOOL_A_MARK), iter = jnl_get_u32(at, JOOL_A_MAX_ITER);
	uint8_t proto = jnl_get_u8(at, JOOL_A_PROTO);
	bool fixed = jnl_get_u8(at, JOOL_A_MAX_ITER_FIXED);
	uint16_t min = jnl_get_u16(at, JOOL_A_PORT_MIN), max = jnl_get_u16(at, JOOL_A_PORT_MAX);
	char addr[INET_ADDRSTRLEN] = "?", buf[40];
	struct in_addr a4;

	if (jnl_get_bin(at, JOOL_A_ADDR4, &a4, 4))
		inet_ntop(AF_INET, &a4, addr, sizeof(addr));
	if (!d->t)
		d->t = table_start(&d->opts, cols, NCOLS);	/* JSON starts here */
	if (!d->have_last || d->last_mark != mark || d->last_proto != proto)
		table_group(d->t);

	table_u64(d->t, mark);
	table_str(d->t, l4proto_str(proto));
	table_str(d->t, l4proto_str(proto));
	/* Jool 4: "%10u (%5s)", or "Infinite" in the number's place. */
	if (iter == JOOL_MAX_ITER_INFINITE)
		snprintf(buf, sizeof(buf), "%10s (%5s)", "Infinite", fixed ? "fixed" : "auto");
	else
		snprintf(buf, sizeof(buf), "%10u (%5s)", iter, fixed ? "fixed" : "auto");
	table_str(d->t, buf);
	table_str(d->t, addr);
	snprintf(buf, sizeof(buf), "%5u-%5u", min, max);
	table_str(d->t, buf);
	table_u64(d->t, min);
	table_u64(d->t, max);
	if (iter == JOOL_MAX_ITER_INFINITE)
		table_str(d->t, "infinite");	/* Jool 4's CSV word */
	else
		table_u64(d->t, iter);
	table_bool(d->t, fixed);
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
	struct argp argp = { display_options, p4_parser, NULL,
		"Show pool4's TCP table (as Jool 4), or those of the protocols given.", children,
		NULL, NULL };
	struct display d;
	struct jnl_req *req;
	int err;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	memset(&d, 0, sizeof(d));
	d.opts = a.opts;
	req = jnl_req(JOOL_CMD_POOL4_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	/* Jool 4 shows one table, TCP's by default; scripts count its rows. */
	jnl_put_u8(req, JOOL_A_PROTOS, a.protos ? a.protos : JOOL_PROTO_TCP);
	/*
	 * Jool 4 prints the text or CSV header before it asks the kernel, so
	 * an error (a missing instance) follows the header on stdout. JSON
	 * starts with the first row: an error then leaves no half document.
	 */
	if (d.opts.format != PRINT_JSON)
		d.t = table_start(&d.opts, cols, NCOLS);
	err = jnl_dump(req, display_row, &d);
	if (err) {
		/* Jool 4 stops at the error: no closing line. */
		table_abort(d.t);
		return err;
	}
	if (!d.t)
		d.t = table_start(&d.opts, cols, NCOLS);
	/* Jool 4 draws an empty text table's closing line twice. */
	else if (!d.have_last && d.opts.format == PRINT_TEXT && !d.opts.no_headers)
		table_group(d.t);
	table_end(d.t);
	return 0;
}

const struct cli_op pool4_ops[] = {
	{ "add", op_add, "Add transport addresses" },
	{ "display", op_display, "Show the pool" },
	{ "flush", op_flush, "Empty the pool" },
	{ "remove", op_remove, "Remove transport addresses" },
	{ 0 }
};
