// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - `jool stats display`: the packet path's counters, in Jool 4's
 * format ("JSTAT_RECEIVED6: 38"; zero counters hidden unless --all).
 *
 * The counters come in the module's order, which is Jool 4.1's for its 69
 * (include/jool.h); JSTAT_BIB_ENTRIES and JSTAT_SESSIONS among them are the
 * gauges (entries that exist now), as in Jool.
 */
#include <stdio.h>
#include "args.h"
#include "cli.h"
#include "jool.h"
#include "nl.h"
#include "print.h"
#include "stats.h"

/* Also short options (-a, -e), as in Jool 4. */
enum { KEY_ALL = 'a', KEY_EXPLAIN = 'e' };

struct stats_args {
	struct print_opts opts;	/* first: the print_argp child reads it */
	bool all, explain;
};

static const struct argp_option options[] = {
	{ "all", KEY_ALL, NULL, 0, "Also show the counters that are zero", 0 },
	{ "explain", KEY_EXPLAIN, NULL, 0, "Explain what each counter counts", 0 },
	{ 0 }
};

static error_t parser(int key, char *arg, struct argp_state *state)
{
	struct stats_args *a = state->input;

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

enum { C_NAME, C_VALUE, C_DOC, NCOLS };
static const struct print_col cols[NCOLS] = {
	[C_NAME] = { "Stat", "stat", 0, 0 },
	[C_VALUE] = { "Value", "value", 0, 0 },
	/* Only with --explain (the table then has all three columns). */
	[C_DOC] = { "Explanation", "explanation", 0, PF_QUOTE },
};

/* Jool 4: "NAME: value", and with --explain the explanation and a blank line. */
static void stat_line(const char *const *c, void *arg)
{
	const struct stats_args *a = arg;

	printf("%s: %s\n", c[C_NAME], c[C_VALUE]);
	if (a->explain)
		printf("%s\n\n", c[C_DOC]);
}

static void stat_row(const struct stats_args *a, struct table *t, const char *name,
		     uint64_t v, const char *doc)
{
	if (!v && !a->all)
		return;
	table_str(t, name);
	table_u64(t, v);
	if (a->explain)
		table_str(t, doc);
	table_row_end(t);
}

static int stats_reply(const struct jnl_attrs *at, void *_a)
{
	struct stats_args *a = _a;
	uint64_t c[__JSTAT_COUNT] = { 0 };
	struct table *t;
	int i;

	if (!jnl_get_bin(at, JOOL_A_STATS, c, sizeof(c)))
		return cli_err("the kernel sent %s counters than this jool knows (%d): install matching versions",
			       jnl_has(at, JOOL_A_STATS) ? "other" : "no", __JSTAT_COUNT);
	t = table_start_lines(&a->opts, cols, a->explain ? 3 : 2, NULL, stat_line, a);
	for (i = 0; i < __JSTAT_COUNT; i++)
		stat_row(a, t, jstat_meta[i].name, c[i], jstat_meta[i].doc);
	table_end(t);
	return 0;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { options, parser, NULL,
		"Show the packet path's counters (the non-zero ones unless --all).", children, NULL, NULL };
	struct stats_args a = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT };
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	req = jnl_req(JOOL_CMD_STATS_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	return jnl_do(req, stats_reply, &a);
}

const struct cli_op stats_ops[] = {
	{ "display", op_display, "Show the counters" },
	{ 0 }
};
