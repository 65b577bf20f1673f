// SPDX-License-Identifier: GPL-2.0
/*
 * global.c - `jool global display|update`: an instance's runtime settings.
 *
 * The globals are one table of rows {Jool 4 key name, netlink attribute,
 * type}: display, update and their messages all read it, so a new key is one
 * new row (and its JOOL_A_G_* attribute in jool.h). As in Jool 4, `update`
 * takes any unambiguous prefix of a key ("udp-t"); files take whole keys.
 */
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cli.h"
#include "jool.h"
#include "nl.h"
#include "print.h"
#include "str.h"

enum gtype {
	G_BOOL,		/* u8 0/1; true/false/1/0/yes/no/on/off */
	G_FARGS,	/* u8, 4 bits (JOOL_FARGS_*) */
	G_TIMEOUT,	/* u32 ms; [[HH:]MM:]SS[.mmm] */
	G_U32,
	G_U8,
	G_MTU6,		/* u32, at least 1280 */
	G_COUNT,	/* u32, at least 1 */
	G_PLATEAUS,	/* binary u16[]; "65535,32000,..." */
	G_POOL6,	/* the instance's pool6: shown, fixed at creation */
};

struct gkey {
	const char *name;
	int attr;
	enum gtype type;
};

/* In the order Jool 4's `global display` prints them. */
static const struct gkey keys[] = {
	{ "manually-enabled", JOOL_A_G_ENABLED, G_BOOL },
	{ "pool6", JOOL_A_POOL6_ADDR, G_POOL6 },
	{ "lowest-ipv6-mtu", JOOL_A_G_LOWEST_MTU6, G_MTU6 },
	{ "logging-debug", JOOL_A_G_LOG_DEBUG, G_BOOL },
	{ "zeroize-traffic-class", JOOL_A_G_ZEROIZE_TC, G_BOOL },
	{ "override-tos", JOOL_A_G_OVERRIDE_TOS, G_BOOL },
	{ "tos", JOOL_A_G_TOS, G_U8 },
	{ "mtu-plateaus", JOOL_A_G_PLATEAUS, G_PLATEAUS },
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
	{ "logging-bib", JOOL_A_G_LOG_BIB, G_BOOL },
	{ "logging-session", JOOL_A_G_LOG_SESSION, G_BOOL },
	{ "maximum-simultaneous-opens", JOOL_A_G_MAX_SO, G_U32 },
	/* Kept for Jool 4's files and scripts; ss-enabled can only be false yet. */
	{ "ss-enabled", JOOL_A_G_SS_ENABLED, G_BOOL },
	{ "ss-flush-asap", JOOL_A_G_SS_FLUSH_ASAP, G_BOOL },
	{ "ss-flush-deadline", JOOL_A_G_SS_FLUSH_DEADLINE, G_U32 },
	{ "ss-capacity", JOOL_A_G_SS_CAPACITY, G_U32 },
	{ "ss-max-payload", JOOL_A_G_SS_MAX_PAYLOAD, G_U32 },
	/* jool's own, after Jool 4's. */
	{ "max-sessions", JOOL_A_G_MAX_SESSIONS, G_COUNT },
	{ 0 }
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]) - 1)

static bool is_u8(enum gtype type)
{
	return type == G_BOOL || type == G_FARGS || type == G_U8;
}

/* "64:ff9b::/96" */
static void pool6_str(const struct jnl_attrs *at, char *buf, size_t size)
{
	struct prefix6 p;

	if (size < PREFIX6_STRLEN || !jnl_get_bin(at, JOOL_A_POOL6_ADDR, &p.addr, sizeof(p.addr))) {
		snprintf(buf, size, "(unset)");
		return;
	}
	p.len = jnl_get_u8(at, JOOL_A_POOL6_LEN);
	prefix6_to_str(&p, buf);
}

/* "65535,32000,..." from the attribute. */
static void plateaus_str(const struct jnl_attrs *at, char *buf, size_t size)
{
	uint16_t v[JOOL_PLATEAUS_MAX];
	size_t n = jnl_get_binv(at, JOOL_A_G_PLATEAUS, v, sizeof(v)) / sizeof(v[0]), i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%u", i ? "," : "", v[i]);
}

/* --- display --- */

/*
 * The text line shows Jool 4's decorated value ("2:00:00 (HH:MM:SS)",
 * "11 (0b1011): SrcAddr:1 ..."); CSV the plain one as Jool 4 prints it
 * ("Field,Value" header, booleans TRUE/FALSE), which `global update` accepts
 * back; JSON a typed one (booleans, numbers, timeout strings).
 */
enum { C_KEY, C_VALUE, C_TEXT, C_JSON, NCOLS };
static const struct print_col cols[NCOLS] = {
	[C_KEY] = { "Field", "key", 0, 0 },
	[C_VALUE] = { "Value", NULL, 0, PF_CSV },
	[C_TEXT] = { NULL, NULL, 0, PF_TEXT },
	[C_JSON] = { NULL, "value", 0, PF_JSON },
};

/* "  tcp-est-timeout: 2:00:00 (HH:MM:SS)" */
static void global_line(const char *const *c, void *arg)
{
	(void)arg;
	printf("  %s: %s\n", c[C_KEY], c[C_TEXT]);
}

static void fargs_str(unsigned int v, char *buf, size_t size)
{
	snprintf(buf, size, "%u (0b%u%u%u%u): SrcAddr:%u SrcPort:%u DstAddr:%u DstPort:%u", v,
		 !!(v & JOOL_FARGS_SRC_ADDR), !!(v & JOOL_FARGS_SRC_PORT),
		 !!(v & JOOL_FARGS_DST_ADDR), !!(v & JOOL_FARGS_DST_PORT),
		 !!(v & JOOL_FARGS_SRC_ADDR), !!(v & JOOL_FARGS_SRC_PORT),
		 !!(v & JOOL_FARGS_DST_ADDR), !!(v & JOOL_FARGS_DST_PORT));
}

static int display_reply(const struct jnl_attrs *at, void *opts)
{
	struct table *t = table_start_lines(opts, cols, NCOLS, NULL, global_line, NULL);
	char plain[MS_STRLEN], text[JOOL_PLATEAUS_MAX * 6 + 1];
	unsigned int i;

	for (i = 0; i < NKEYS; i++) {
		const struct gkey *k = &keys[i];
		uint32_t v = is_u8(k->type) ? jnl_get_u8(at, k->attr) :
			     k->type == G_PLATEAUS || k->type == G_POOL6 ? 0 :
			     jnl_get_u32(at, k->attr);

		table_str(t, k->name);
		switch (k->type) {
		case G_BOOL:
			table_str(t, v ? "TRUE" : "FALSE");
			table_str(t, v ? "true" : "false");
			table_bool(t, v);
			break;
		case G_FARGS:
			fargs_str(v, text, sizeof(text));
			table_u64(t, v);
			table_str(t, text);
			table_u64(t, v);
			break;
		case G_TIMEOUT:
			ms_to_str(v, plain, sizeof(plain));
			snprintf(text, sizeof(text), "%s (HH:MM:SS)", plain);
			table_str(t, plain);
			table_str(t, text);
			table_str(t, plain);
			break;
		case G_U32:
		case G_U8:
		case G_MTU6:
		case G_COUNT:
			table_u64(t, v);
			table_u64(t, v);
			table_u64(t, v);
			break;
		case G_PLATEAUS:
			plateaus_str(at, text, sizeof(text));
			table_str(t, text);
			table_str(t, text);
			table_str(t, text);
			break;
		case G_POOL6:
			pool6_str(at, text, sizeof(text));
			table_str(t, text);
			table_str(t, text);
			table_str(t, text);
			break;
		}
		table_row_end(t);
	}
	table_end(t);
	return 0;
}

struct gargs {
	struct print_opts opts;	/* first: the print_argp child reads it */
	const char *arg[2];
	int n;
	int max;		/* positionals the operation takes */
};

static error_t gparser(int key, char *arg, struct argp_state *state)
{
	struct gargs *a = state->input;

	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	if (a->n == a->max) {
		argp_error(state, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	a->arg[a->n++] = arg;
	return 0;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { NULL, gparser, NULL, "Show the instance's globals.", children, NULL, NULL };
	struct gargs a = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT };
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	/* Jool 4 prints the CSV header before asking: an error follows it. */
	if (a.opts.format == PRINT_CSV && !a.opts.no_headers) {
		printf("%s,%s\n", cols[C_KEY].title, cols[C_VALUE].title);
		a.opts.no_headers = true;
	}
	req = jnl_req(JOOL_CMD_GLOBAL_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	return jnl_do(req, display_reply, &a.opts);
}

/* --- update --- */

/* @name, or with @prefix any unambiguous prefix of a key; prints why not. */
static const struct gkey *find_key(const char *name, bool prefix)
{
	char list[1024] = "";
	unsigned int i;
	int k = prefix ? str_lookup(name, keys, sizeof(*keys)) : STR_NO_MATCH;

	if (k >= 0)
		return &keys[k];
	for (i = 0; i < NKEYS; i++) {
		if (!prefix && !strcmp(keys[i].name, name))
			return &keys[i];
		if (k == STR_AMBIGUOUS && strncmp(keys[i].name, name, strlen(name)))
			continue;
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 list[0] ? ", " : "", keys[i].name);
	}
	if (k == STR_AMBIGUOUS)
		cli_err("key '%s' is ambiguous: %s", name, list);
	else
		cli_err("unknown key '%s' (keys: %s)", name, list);
	return NULL;
}

enum global_json global_json_type(const char *key)
{
	const struct gkey *k = find_key(key, false);

	if (!k)
		return GJ_NONE;
	switch (k->type) {
	case G_BOOL:
		return GJ_BOOL;
	case G_FARGS:
	case G_U32:
	case G_U8:
	case G_MTU6:
	case G_COUNT:
		return GJ_UINT;
	case G_PLATEAUS:
		return GJ_UINT_LIST;
	case G_TIMEOUT:
	case G_POOL6:
		break;
	}
	return GJ_STRING;
}

/* "1500,1280" into @v (at most JOOL_PLATEAUS_MAX); returns the count, 0 on error. */
static size_t parse_plateaus(const char *name, const char *str, uint16_t *v)
{
	char buf[1024], *tok, *save = NULL;
	unsigned long ul;
	size_t n = 0;

	if (strlen(str) >= sizeof(buf) || !*str) {
		cli_err("%s: '%s' is not a comma-separated list of MTUs", name, str);
		return 0;
	}
	strcpy(buf, str);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == JOOL_PLATEAUS_MAX) {
			cli_err("%s: more than %d plateaus", name, JOOL_PLATEAUS_MAX);
			return 0;
		}
		if (str_to_uint(tok, 65535, &ul) || !ul) {
			cli_err("%s: '%s' is not an MTU from 1 to 65535", name, tok);
			return 0;
		}
		v[n++] = ul;
	}
	if (!n)
		cli_err("%s: '%s' is not a comma-separated list of MTUs", name, str);
	return n;
}

/* Parses @str for @k into *@v; prints why not. */
static int parse_value(const struct gkey *k, const char *str, uint32_t *v)
{
	unsigned long ul;
	const char *why;
	bool b;

	switch (k->type) {
	case G_BOOL:
		if (str_to_bool(str, &b))
			return cli_err("%s: '%s' is not a boolean (true/false, 1/0, yes/no, on/off)",
				       k->name, str);
		*v = b;
		return 0;
	case G_FARGS:
		if (str_to_fargs(str, &ul))
			return cli_err("%s: '%s' is not a number from 0 to 15 or 0b0000 to 0b1111 (bits SrcAddr SrcPort DstAddr DstPort)",
				       k->name, str);
		*v = ul;
		return 0;
	case G_TIMEOUT:
		if (str_to_timeout(str, v, &why))
			return cli_err("%s: '%s': %s", k->name, str, why);
		return 0;
	case G_U32:
		if (str_to_uint(str, UINT32_MAX, &ul))
			return cli_err("%s: '%s' is not a number from 0 to 4294967295", k->name, str);
		*v = ul;
		return 0;
	case G_COUNT:
		if (str_to_uint(str, UINT32_MAX, &ul) || !ul)
			return cli_err("%s: '%s' is not a number from 1 to 4294967295", k->name, str);
		*v = ul;
		return 0;
	case G_U8:
		if (str_to_uint(str, 255, &ul))
			return cli_err("%s: '%s' is not a number from 0 to 255", k->name, str);
		*v = ul;
		return 0;
	case G_MTU6:
		if (str_to_uint(str, UINT32_MAX, &ul) || ul < JOOL_MIN_MTU6)
			return cli_err("%s: '%s' is not an MTU of at least %d (the IPv6 minimum)",
				       k->name, str, JOOL_MIN_MTU6);
		*v = ul;
		return 0;
	case G_PLATEAUS:
		return 1;	/* parse_plateaus() */
	case G_POOL6:
		return cli_err("pool6 is fixed when the instance is created (remove and add the instance to change it)");
	}
	return 1;
}

int global_put(struct jnl_req *req, const char *key, const char *value)
{
	const struct gkey *k = find_key(key, false);
	uint16_t pl[JOOL_PLATEAUS_MAX];
	size_t n;
	uint32_t v;

	if (!k)
		return 1;
	if (k->type == G_PLATEAUS) {
		n = parse_plateaus(k->name, value, pl);
		if (!n)
			return 1;
		jnl_put_bin(req, k->attr, pl, n * sizeof(pl[0]));
		return 0;
	}
	if (parse_value(k, value, &v))
		return 1;
	if (is_u8(k->type))
		jnl_put_u8(req, k->attr, v);
	else
		jnl_put_u32(req, k->attr, v);
	return 0;
}

static int pool6_reply(const struct jnl_attrs *at, void *_p)
{
	struct prefix6 *p = _p;

	if (!jnl_get_bin(at, JOOL_A_POOL6_ADDR, &p->addr, sizeof(p->addr)))
		return cli_err("the kernel sent no pool6");
	p->len = jnl_get_u8(at, JOOL_A_POOL6_LEN);
	return 0;
}

/*
 * pool6 is fixed when the instance is created. As in Jool 4, setting it to
 * the prefix it already has is a no-op (scripts replay whole
 * configurations); another prefix is refused.
 */
static int same_pool6(struct cli_ctx *ctx, const char *value)
{
	struct prefix6 want, have;
	struct jnl_req *req;
	const char *why;
	char buf[PREFIX6_STRLEN];

	if (str_to_prefix6(value, &want, &why))
		return cli_err("pool6: '%s': %s", value, why), 2;
	req = jnl_req(JOOL_CMD_GLOBAL_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	if (jnl_do(req, pool6_reply, &have))
		return 1;
	if (want.len == have.len && !memcmp(&want.addr, &have.addr, sizeof(want.addr)))
		return 0;
	prefix6_to_str(&have, buf);
	return cli_err("pool6 is fixed when the instance is created (it is %s; remove and add the instance to change it)",
		       buf);
}

static int op_update(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp argp = { NULL, gparser, "<key> <value>",
		"Change one global; traffic keeps flowing and BIB and sessions stay.",
		NULL, NULL, NULL };
	struct gargs a = { .max = 2 };
	const struct gkey *k;
	struct jnl_req *req;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (a.n != 2)
		return cli_err("usage: %s <key> <value>", ctx->cmd), 2;
	k = find_key(a.arg[0], true);
	if (!k)
		return 2;
	if (k->type == G_POOL6)
		return same_pool6(ctx, a.arg[1]);
	/* Checked before the request exists: bad input never reaches the kernel. */
	if (global_put(NULL, k->name, a.arg[1]))
		return 2;
	req = jnl_req(JOOL_CMD_GLOBAL_UPDATE);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	global_put(req, k->name, a.arg[1]);
	return jnl_do(req, NULL, NULL);
}

const struct cli_op global_ops[] = {
	{ "display", op_display, "Show the globals" },
	{ "update", op_update, "Change one global" },
	{ 0 }
};
