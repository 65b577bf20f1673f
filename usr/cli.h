/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cli.h - what every object file needs: the dispatch types and the one way
 * to report an error (one line on stderr, "jool: ...").
 */
#ifndef _JOOL_USR_CLI_H
#define _JOOL_USR_CLI_H

#include <stdbool.h>

/* What the global options (before the object) selected. */
struct cli_ctx {
	const char *iname;	/* instance name; JOOL_INSTANCE_DEFAULT unless given */
	bool iname_given;	/* -i or -f was used */
	bool json;		/* -j/--json before the object: JSON displays */
	const char *cmd;	/* "jool instance add", for help and messages */
};

/* An operation handler: argv[0] is ctx->cmd, the rest its arguments. */
typedef int (*cli_op_fn)(struct cli_ctx *ctx, int argc, char **argv);

struct cli_op {
	const char *name;
	cli_op_fn fn;
	const char *doc;
};

struct cli_object {
	const char *name;
	const struct cli_op *ops;	/* ends with a zeroed entry */
	const char *doc;
};

extern const struct cli_op instance_ops[];
extern const struct cli_op pool4_ops[];
extern const struct cli_op bib_ops[];
extern const struct cli_op session_ops[];
extern const struct cli_op global_ops[];
extern const struct cli_op file_ops[];
extern const struct cli_op stats_ops[];

/* `jool --pool4 ...`, Jool 3's syntax (jool3.c); argv[0] is "--pool4". */
int jool3_pool4(struct cli_ctx *ctx, int argc, char **argv);

/* Prints "jool: <message>" on stderr; returns 1 (for `return cli_err(...)`). */
int cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "jool: warning: <message>" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Messages from now on start with "@context: " (NULL: nothing). */
void cli_context(const char *context);

struct jnl_req;
/*
 * global.c: puts global @key = @value (text, as `global update` takes it)
 * into @req, or with @req NULL only checks it; prints why not.
 */
int global_put(struct jnl_req *req, const char *key, const char *value);
/*
 * global.c: the JSON type a configuration file must give global @key's value
 * (Jool 4's rule: no conversions); GJ_NONE after printing that @key is unknown.
 */
enum global_json { GJ_NONE, GJ_BOOL, GJ_UINT, GJ_STRING, GJ_UINT_LIST };
enum global_json global_json_type(const char *key);

#endif
