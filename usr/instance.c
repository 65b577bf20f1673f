// SPDX-License-Identifier: GPL-2.0
/*
 * instance.c - `jool instance display|add|remove|flush|status`.
 */
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cli.h"
#include "iname.h"
#include "jool.h"
#include "nl.h"
#include "print.h"
#include "str.h"

static const char *framework_str(uint8_t fw)
{
	switch (fw) {
	case JOOL_FW_NETFILTER:
		return "netfilter";
	case JOOL_FW_IPTABLES:
		return "iptables";
	}
	return "unknown";
}

/*
 * The instance an operation acts on: a positional NAME, else -i/-f, else
 * "default". Jool 4 accepts both, but they must agree.
 */
static int pick_name(struct cli_ctx *ctx, const char *positional, const char **out)
{
	const char *name = ctx->iname, *why;

	if (positional) {
		if (ctx->iname_given && strcmp(positional, ctx->iname))
			return cli_err("instance name mismatch: '%s' given by -i/-f, '%s' as argument",
				       ctx->iname, positional);
		name = positional;
	}
	if (iname_validate(name, &why))
		return cli_err("%s", why);
	*out = name;
	return 0;
}

/* --- display --- */

static const struct print_col display_cols[] = {
	{ "Namespace", "namespace", 18, 0 },
	{ "Name", "name", 15, 0 },
	{ "Framework", "framework", 9, 0 },
	{ NULL, "pool6", 0, 0 },
};

struct display {
	struct print_opts opts;
	struct table *table;	/* started by the first row, so errors print alone */
};

static int display_row(const struct jnl_attrs *a, void *_d)
{
	struct display *d = _d;
	struct table *table;
	char buf[PREFIX6_STRLEN];
	struct prefix6 p = { .len = jnl_get_u8(a, JOOL_A_POOL6_LEN) };

	if (!d->table)
		d->table = table_start(&d->opts, display_cols, 4);
	table = d->table;
	jnl_get_bin(a, JOOL_A_POOL6_ADDR, &p.addr, sizeof(p.addr));
	prefix6_to_str(&p, buf);
	table_u64(table, jnl_get_u32(a, JOOL_A_NETNS));
	table_str(table, jnl_get_str(a, JOOL_A_INSTANCE));
	table_str(table, framework_str(jnl_get_u8(a, JOOL_A_FRAMEWORK)));
	table_str(table, buf);
	table_row_end(table);
	return 0;
}

static error_t no_args_parser(int key, char *arg, struct argp_state *state)
{
	if (key == ARGP_KEY_ARG) {
		argp_error(state, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct display d = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT };
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { NULL, no_args_parser, NULL,
		"Show this network namespace's instances.", children, NULL, NULL };
	int err;

	if (args_parse(&argp, argc, argv, &d.opts))
		return 2;
	if (ctx->iname_given)
		fprintf(stderr, "Warning: instance display ignores the instance name argument.\n");
	err = jnl_dump(jnl_req(JOOL_CMD_INSTANCE_GET), display_row, &d);
	if (!err && !d.table)
		d.table = table_start(&d.opts, display_cols, 4);
	if (d.table)
		table_end(d.table);
	return err;
}

/* --- add --- */

enum { KEY_NETFILTER = 0x3000, KEY_IPTABLES, KEY_FORCE };

struct add_args {
	const char *name;
	uint8_t framework;
	bool both;	/* --netfilter and --iptables: Jool 4 refuses it */
	const char *pool6;
	bool force;
};

static const struct argp_option add_options[] = {
	{ "netfilter", KEY_NETFILTER, NULL, 0, "Sit the instance on top of the Netfilter framework (default)", 0 },
	{ "iptables", KEY_IPTABLES, NULL, 0, "Sit the instance on top of the iptables framework", 0 },
	{ "pool6", '6', "PREFIX", 0, "The instance's IPv6 pool (RFC 6052 prefix, e.g. 64:ff9b::/96)", 0 },
	{ "force", KEY_FORCE, NULL, 0, "Accept a prefix whose bits 64-71 are not zero", 0 },
	{ 0 }
};

static error_t add_parser(int key, char *arg, struct argp_state *state)
{
	struct add_args *args = state->input;

	switch (key) {
	case KEY_NETFILTER:
	case KEY_IPTABLES:
		key = key == KEY_NETFILTER ? JOOL_FW_NETFILTER : JOOL_FW_IPTABLES;
		if (args->framework && args->framework != key)
			args->both = true;
		args->framework = key;
		return 0;
	case '6':
		args->pool6 = arg;
		return 0;
	case KEY_FORCE:
		args->force = true;
		return 0;
	case ARGP_KEY_ARG:
		if (args->name) {
			argp_error(state, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		args->name = arg;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int op_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct add_args args = { 0 };
	struct argp argp = { add_options, add_parser, "[NAME]",
		"Create an instance in this network namespace.", NULL, NULL, NULL };
	struct prefix6 pool6;
	struct jnl_req *req;
	const char *name, *why;

	if (args_parse(&argp, argc, argv, &args))
		return 2;
	if (args.both)
		return cli_err("an instance hooks to one framework: --netfilter or --iptables, not both");
	if (!args.framework)
		args.framework = JOOL_FW_NETFILTER;
	if (pick_name(ctx, args.name, &name))
		return 1;
	if (!args.pool6)
		return cli_err("instance add needs --pool6 <IPv6 prefix>, e.g. --pool6 64:ff9b::/96");
	if (str_to_prefix6(args.pool6, &pool6, &why) ||
	    rfc6052_prefix_validate(&pool6, args.force, &why))
		return cli_err("--pool6 %s: %s", args.pool6, why);

	req = jnl_req(JOOL_CMD_INSTANCE_ADD);
	jnl_put_str(req, JOOL_A_INSTANCE, name);
	jnl_put_u8(req, JOOL_A_FRAMEWORK, args.framework);
	jnl_put_bin(req, JOOL_A_POOL6_ADDR, &pool6.addr, sizeof(pool6.addr));
	jnl_put_u8(req, JOOL_A_POOL6_LEN, pool6.len);
	if (args.force)
		jnl_put_flag(req, JOOL_A_FORCE);
	return jnl_do(req, NULL, NULL);
}

/* --- remove, status: one optional NAME --- */

static error_t name_parser(int key, char *arg, struct argp_state *state)
{
	const char **name = state->input;

	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	if (*name) {
		argp_error(state, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	*name = arg;
	return 0;
}

static int named_request(struct cli_ctx *ctx, int argc, char **argv, const char *doc,
			 uint8_t cmd, jnl_fn fn)
{
	struct argp argp = { NULL, name_parser, "[NAME]", doc, NULL, NULL, NULL };
	const char *positional = NULL, *name;
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &positional))
		return 2;
	if (pick_name(ctx, positional, &name))
		return 1;
	req = jnl_req(cmd);
	jnl_put_str(req, JOOL_A_INSTANCE, name);
	return jnl_do(req, fn, (void *)name);
}

static int op_remove(struct cli_ctx *ctx, int argc, char **argv)
{
	return named_request(ctx, argc, argv, "Drop an instance and everything it owns.",
			     JOOL_CMD_INSTANCE_REMOVE, NULL);
}

/* Jool 4 explains "Dead" on a second line; scripts may read both. */
static int print_status(const struct jnl_attrs *a, void *name)
{
	if (jnl_get_u8(a, JOOL_A_STATUS) == JOOL_STATUS_RUNNING)
		puts("Running");
	else
		printf("Dead\n(Instance '%s' does not exist.)\n", (const char *)name);
	return 0;
}

static int op_status(struct cli_ctx *ctx, int argc, char **argv)
{
	return named_request(ctx, argc, argv, "Print Running if the instance exists, else Dead.",
			     JOOL_CMD_INSTANCE_STATUS, print_status);
}

/* --- flush --- */

static int op_flush(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp argp = { NULL, no_args_parser, NULL,
		"Drop every instance of this network namespace.", NULL, NULL, NULL };

	(void)ctx;
	if (args_parse(&argp, argc, argv, NULL))
		return 2;
	return jnl_do(jnl_req(JOOL_CMD_INSTANCE_FLUSH), NULL, NULL);
}

const struct cli_op instance_ops[] = {
	{ "display", op_display, "Show this namespace's instances" },
	{ "add", op_add, "Create an instance" },
	{ "remove", op_remove, "Drop an instance" },
	{ "flush", op_flush, "Drop every instance of this namespace" },
	{ "status", op_status, "Tell whether an instance is running" },
	{ 0 }
};
