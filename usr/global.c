// SPDX-License-Identifier: GPL-2.0
/*
 * global.c - `jool global display|update` and `jool stats display`.
 *
 * The globals are one table of rows {Jool 4 key name, netlink attribute,
 * type}: display, update, parsing and help all read it, so a new key is one
 * new row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cli.h"
#include "jool.h"
#include "nl.h"
#include "print.h"
#include "stats.h"
#include "str.h"

enum gtype { G_BOOL, G_FARGS, G_TIMEOUT, G_U32 };

struct gkey {
	const char *name;
	int attr;
	enum gtype type;
};

static const struct gkey keys[] = {
	{ "address-dependent-filtering", JOOL_A_G_ADF, G_BOOL },
	{ "drop-externally-initiated-tcp", JOOL_A_G_DROP_EXT_TCP, G_BOOL },
	{ "drop-icmpv6-info", JOOL_A_G_DROP_ICMP6_INFO, G_BOOL },
	{ "source-icmpv6-errors-better", JOOL_A_G_SRC_ICMP6_BETTER, G_BOOL },
	{ "f-args", JOOL_A_G_F_ARGS, G_FARGS },
	{ "handle-rst-during-fin-rcv", JOOL_A_G_HANDLE_RST, G_BOOL },
	{ "tcp-est-timeout", JOOL_A_G_TCP_EST, G_TIMEOUT },
	{ "tcp-trans-timeout", JOOL_A_G_TCP_TRANS, G_TIMEOUT },
	{ "udp-timeout", JOOL_A_G_UDP, G_TIMEOUT },
	{ "icmp-timeout", JOOL_A_G_ICMP, G_TIMEOUT },
	{ "maximum-simultaneous-opens", JOOL_A_G_MAX_SO, G_U32 },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const struct print_col gcols[] = {
	{ "Key", "key", 0, 0 },
	{ "Value", "value", 0, 0 },
};

struct gdisplay {
	struct print_opts opts;
};

/* Jool 4 prints timeouts as H:MM:SS, and adds milliseconds only when there are some. */
static void timeout_str(uint32_t ms, char *buf, size_t size)
{
	ms_to_str(ms, buf, size);
	if (ms % 1000 == 0)
		buf[strlen(buf) - 4] = '\0';
}

static int gdisplay_reply(const struct jnl_attrs *at, void *_d)
{
	struct gdisplay *d = _d;
	struct table *t = NULL;
	char buf[96];
	unsigned int i;

	if (d->opts.format != PRINT_TEXT)
		t = table_start(&d->opts, gcols, 2);
	for (i = 0; i < NKEYS; i++) {
		const struct gkey *k = &keys[i];
		uint32_t v = k->type == G_BOOL || k->type == G_FARGS ?
			     jnl_get_u8(at, k->attr) : jnl_get_u32(at, k->attr);

		switch (k->type) {
		case G_BOOL:
			snprintf(buf, sizeof(buf), "%s", v ? "true" : "false");
			break;
		case G_FARGS:
			if (d->opts.format == PRINT_TEXT)
				snprintf(buf, sizeof(buf), "%u (0b%u%u%u%u): SrcAddr:%u SrcPort:%u DstAddr:%u DstPort:%u",
					 v, v >> 3 & 1, v >> 2 & 1, v >> 1 & 1, v & 1,
					 v >> 3 & 1, v >> 2 & 1, v >> 1 & 1, v & 1);
			else
				snprintf(buf, sizeof(buf), "%u", v);
			break;
		case G_TIMEOUT:
			timeout_str(v, buf, sizeof(buf));
			if (d->opts.format == PRINT_TEXT)
				strcat(buf, " (HH:MM:SS)");
			break;
		case G_U32:
			snprintf(buf, sizeof(buf), "%u", v);
			break;
		}
		if (!t) {
			printf("  %s: %s\n", k->name, buf);
			continue;
		}
		table_str(t, k->name);
		table_str(t, buf);
		table_row_end(t);
	}
	if (t)
		table_end(t);
	return 0;
}

struct gargs {
	struct print_opts opts;	/* first: the print_argp child reads it */
	const char *arg[3];
	int n;
};

static error_t gparser(int key, char *arg, struct argp_state *state)
{
	struct gargs *a = state->input;

	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	if (a->n == 2)
		argp_error(state, "unexpected argument '%s'", arg);
	a->arg[a->n++] = arg;
	return 0;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { NULL, gparser, NULL, "Show the instance's globals.", children, NULL, NULL };
	struct gargs a = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT };
	struct gdisplay d;
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (a.n)
		return cli_err("unexpected argument '%s'", a.arg[0]), 2;
	d.opts = a.opts;
	req = jnl_req(JOOL_CMD_GLOBAL_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	return jnl_do(req, gdisplay_reply, &d);
}

static int op_update(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp argp = { NULL, gparser, "<key> <value>",
		"Change one global; traffic keeps flowing and BIB and sessions stay.",
		NULL, NULL, NULL };
	struct gargs a = { 0 };
	const struct gkey *k = NULL;
	struct jnl_req *req;
	unsigned long ul;
	const char *why;
	uint32_t v = 0;
	char list[1024] = "";
	unsigned int i;
	bool b;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (a.n != 2)
		return cli_err("usage: %s <key> <value>", ctx->cmd), 2;
	for (i = 0; i < NKEYS; i++) {
		if (!strcmp(keys[i].name, a.arg[0]))
			k = &keys[i];
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 i ? ", " : "", keys[i].name);
	}
	if (!k)
		return cli_err("unknown key '%s' (keys: %s)", a.arg[0], list), 2;
	switch (k->type) {
	case G_BOOL:
		if (str_to_bool(a.arg[1], &b))
			return cli_err("%s: '%s' is not a boolean (true/false, 1/0, yes/no, on/off)",
				       k->name, a.arg[1]), 2;
		v = b;
		break;
	case G_FARGS:
		if (str_to_uint(a.arg[1], 15, &ul))
			return cli_err("%s: '%s' is not a number from 0 to 15", k->name, a.arg[1]), 2;
		v = ul;
		break;
	case G_TIMEOUT:
		if (str_to_timeout(a.arg[1], &v, &why))
			return cli_err("%s: '%s': %s", k->name, a.arg[1], why), 2;
		break;
	case G_U32:
		if (str_to_uint(a.arg[1], UINT32_MAX, &ul))
			return cli_err("%s: '%s' is not a number from 0 to 4294967295", k->name, a.arg[1]), 2;
		v = ul;
		break;
	}
	req = jnl_req(JOOL_CMD_GLOBAL_UPDATE);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	if (k->type == G_BOOL || k->type == G_FARGS)
		jnl_put_u8(req, k->attr, v);
	else
		jnl_put_u32(req, k->attr, v);
	return jnl_do(req, NULL, NULL);
}

const struct cli_op global_ops[] = {
	{ "display", op_display, "Show the globals" },
	{ "update", op_update, "Change one global" },
	{ 0 }
};

/* --- stats --- */

enum { KEY_ALL = 0x6000, KEY_EXPLAIN };

struct sargs {
	struct print_opts opts;	/* first: the print_argp child reads it */
	bool all, explain;
};

static const struct argp_option soptions[] = {
	{ "all", KEY_ALL, NULL, 0, "Also show the counters that are zero", 0 },
	{ "explain", KEY_EXPLAIN, NULL, 0, "Explain each counter", 0 },
	{ 0 }
};

static error_t sparser(int key, char *arg, struct argp_state *state)
{
	struct sargs *a = state->input;

	switch (key) {
	case KEY_ALL:
		a->all = true;
		return 0;
	case KEY_EXPLAIN:
		a->explain = true;
		return 0;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct print_col scols[] = {
	{ "Stat", "stat", 0, 0 },
	{ "Value", "value", 0, 0 },
	{ "Explanation", "explanation", 0, PF_CSV | PF_JSON },
};

static void stat_line(const struct sargs *a, struct table *t, const char *name,
		      uint64_t v, const char *doc)
{
	if (!v && !a->all)
		return;
	if (!t) {
		printf("%s: %" PRIu64 "\n", name, v);
		if (a->explain)
			printf("  %s\n", doc);
		return;
	}
	table_str(t, name);
	table_u64(t, v);
	table_str(t, doc);
	table_row_end(t);
}

static int stats_reply(const struct jnl_attrs *at, void *_a)
{
	const struct sargs *a = _a;
	uint64_t c[__JSTAT_COUNT] = { 0 };
	struct table *t = NULL;
	int i;

	jnl_get_bin(at, JOOL_A_STATS, c, sizeof(c));
	if (a->opts.format != PRINT_TEXT)
		t = table_start(&a->opts, a->explain || a->opts.format == PRINT_JSON ? scols : scols, 
				a->explain ? 3 : 2);
	for (i = 0; i < __JSTAT_COUNT; i++) {
		stat_line(a, t, jstat_meta[i].name, c[i], jstat_meta[i].doc);
		/* The gauges go where Jool 4 shows them. */
		if (i == JSTAT_SUCCESS) {
			stat_line(a, t, "JSTAT_BIB_ENTRIES", jnl_get_u64(at, JOOL_A_BIB_COUNT),
				  "BIB entries (mappings) that exist now.");
			stat_line(a, t, "JSTAT_SESSIONS", jnl_get_u64(at, JOOL_A_SESSION_COUNT),
				  "Sessions that exist now.");
		}
	}
	if (t)
		table_end(t);
	return 0;
}

static int op_stats_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { soptions, sparser, NULL,
		"Show the packet path's counters (non-zero ones unless --all).", children, NULL, NULL };
	struct sargs a = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT };
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	req = jnl_req(JOOL_CMD_STATS_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	return jnl_do(req, stats_reply, &a);
}

const struct cli_op stats_ops[] = {
	{ "display", op_stats_display, "Show the counters" },
	{ 0 }
};
