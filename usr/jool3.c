// SPDX-License-Identifier: GPL-2.0
/*
 * jool3.c - Jool 3's flag syntax for pool4, kept because operators' old
 * scripts still call it:
 *
 *	jool [-i NAME] --pool4 [--display] [--csv]
 *	jool [-i NAME] --pool4 --add [--tcp] [--udp] [--icmp] <IPv4-prefix> [<port-range>]
 *		[--mark N] [--force]
 *	jool [-i NAME] --pool4 --remove [--tcp] [--udp] [--icmp] <IPv4-prefix> [<port-range>]
 *		[--mark N] [--quick]
 *	jool [-i NAME] --pool4 --flush [--quick]
 *
 * Flags come in any order. This file only checks which old flags go with
 * which operation and rewrites the command line for `jool pool4 <op>`, whose
 * parser, defaults (no protocol flag: all three; add's ports 61001-65535,
 * remove's every port) and printing apply unchanged; --display shows every
 * protocol, as Jool 3 did (`pool4 display --all`).
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { DISPLAY = 1, ADD = 2, REMOVE = 4, FLUSH = 8 };

static const struct {
	const char *flag;
	int op;
	const char *name;	/* in pool4_ops */
	const char *cmd;
} ops[] = {
	{ "--display", DISPLAY, "display", "jool pool4 display" },
	{ "--add", ADD, "add", "jool pool4 add" },
	{ "--remove", REMOVE, "remove", "jool pool4 remove" },
	{ "--flush", FLUSH, "flush", "jool pool4 flush" },
	{ 0 }
};

/* The other old flags, and the operations they go with. */
static const struct {
	const char *flag;
	int ops;
} flags[] = {
	{ "--tcp", ADD | REMOVE },
	{ "--udp", ADD | REMOVE },
	{ "--icmp", ADD | REMOVE },
	{ "--mark", ADD | REMOVE },	/* "--mark N" or "--mark=N" */
	{ "--force", ADD },
	{ "--quick", REMOVE | FLUSH },
	{ "--csv", DISPLAY },
	{ "--help", DISPLAY | ADD | REMOVE | FLUSH },
	{ 0 }
};

static int find_op(const char *arg)
{
	int i;

	for (i = 0; ops[i].flag; i++)
		if (!strcmp(arg, ops[i].flag))
			return i;
	return -1;
}

static int find_flag(const char *arg)
{
	int i;

	for (i = 0; flags[i].flag; i++)
		if (!strcmp(arg, flags[i].flag) ||
		    (!strcmp(flags[i].flag, "--mark") && !strncmp(arg, "--mark=", 7)))
			return i;
	return -1;
}

/* argv[0] is "--pool4". */
int jool3_pool4(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_op *op;
	char **nargv;
	int i, f, o = -1, n = 1, err, protos = 0;

	/* The operation first: the other flags are checked against it. */
	for (i = 1; i < argc; i++) {
		f = find_op(argv[i]);
		if (f >= 0 && o >= 0 && f != o)
			return cli_err("--pool4 takes one operation: %s or %s", ops[o].flag,
				       argv[i]), 2;
		if (f >= 0)
			o = f;
		else if (!strcmp(argv[i], "--mark"))
			i++;	/* its value is no flag */
	}
	if (o < 0)
		o = 0;	/* --display */

	nargv = calloc(argc + 5, sizeof(*nargv));
	if (!nargv)
		return cli_err("out of memory"), 1;
	nargv[0] = "jool";	/* argp's errors then read "jool: ..." */
	/* Jool 3's display is the whole pool; Jool 4's shows TCP unless told. */
	if (ops[o].op == DISPLAY)
		nargv[n++] = "--all";
	for (i = 1; i < argc; i++) {
		if (find_op(argv[i]) >= 0)
			continue;
		if (argv[i][0] != '-') {
			nargv[n++] = argv[i];	/* prefix or port range */
			continue;
		}
		f = find_flag(argv[i]);
		if (f < 0) {
			cli_err("'%s' is not a flag of Jool 3's --pool4", argv[i]);
			goto fail;
		}
		if (!(flags[f].ops & ops[o].op)) {
			cli_err("'%s' does not go with --pool4 %s", argv[i], ops[o].flag);
			goto fail;
		}
		nargv[n++] = argv[i];
		protos += f < 3;	/* --tcp, --udp, --icmp */
		if (!strcmp(argv[i], "--mark")) {
			if (++i >= argc) {
				cli_err("--mark needs a value");
				goto fail;
			}
			nargv[n++] = argv[i];
		}
	}

	/* Jool 3's remove without a protocol is all three; Jool 4's is TCP. */
	if (ops[o].op == REMOVE && !protos) {
		nargv[n++] = "--tcp";
		nargv[n++] = "--udp";
		nargv[n++] = "--icmp";
	}
	for (op = pool4_ops; strcmp(op->name, ops[o].name); op++)
		;
	ctx->cmd = ops[o].cmd;
	err = op->fn(ctx, n, nargv);
	free(nargv);
	return err;

fail:
	free(nargv);
	return 2;
}
