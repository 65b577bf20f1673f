// SPDX-License-Identifier: GPL-2.0
/*
 * file.c - `jool [-i NAME] file handle <file.json> [--force]`: Jool 4's JSON
 * configuration, applied atomically.
 *
 * The whole file is read and checked here first (unknown tags, types,
 * values, BIB entries outside the file's pool4), each message naming the
 * entry at fault. Types are Jool 4's, without conversions: booleans are
 * true/false, numbers are numbers, timeouts and prefixes are strings; and,
 * as in Jool 4, "instance" is mandatory; then one JOOL_CMD_CONFIG_REPLACE request carries all of
 * it, and the module either creates the instance (with the file's static
 * BIB) or replaces its globals and pool4 in one step, keeping its BIB and
 * ignoring the file's "bib" as Jool 4.1 does, or changes nothing
 * (include/jool.h). Static BIB entries must lie in the file's pool4, as
 * Jool 4.1 requires of every file, new instance or not.
 *
 * {
 *   "comment": "anything, anywhere",
 *   "instance": "default", "framework": "netfilter" | "iptables",
 *   "global": { "pool6": "64:ff9b::/96", "<key>": <value>, ... },
 *   "pool4": [ { "mark": 0, "protocol": "TCP", "prefix": "192.0.2.1/32",
 *                "port range": "61001-65535", "max-iterations": "auto" } ],
 *   "bib": [ { "protocol": "TCP", "ipv6 address": "2001:db8::1#80",
 *              "ipv4 address": "192.0.2.1#80" } ]
 * }
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>
#include "args.h"
#include "cli.h"
#include "iname.h"
#include "jool.h"
#include "nl.h"
#include "str.h"

/*
 * pool4 entries without a port range take 61001-65535, ICMP identifiers
 * included, as Jool 4.1's file handling does (and `pool4 add`): outside
 * Linux's default ephemeral range. The file is explicit configuration, so
 * the ephemeral-range check of `pool4 add` does not apply to given ranges.
 */
#define DEFAULT_MIN		61001
#define DEFAULT_MAX		65535
#define MANY_ADDRS	256	/* as `pool4 add`: more needs --force */

struct fctx {
	const char *path;
	bool force;
	struct jnl_req *req;
	char where[128];	/* the entry being read, for messages */
	/* The file's pool4, to check its BIB entries against. */
	struct p4 { uint8_t proto; uint32_t lo, hi; unsigned int min, max; } *p4;
	size_t np4;
};

static void at(struct fctx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void at(struct fctx *f, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(f->where, sizeof(f->where), "%s: ", f->path);

	va_start(ap, fmt);
	vsnprintf(f->where + n, sizeof(f->where) - n, fmt, ap);
	va_end(ap);
	cli_context(f->where);
}

/* Every key of @obj must be one of @allowed (NULL-terminated) or "comment". */
static int known_keys(struct json_object *obj, const char *const *allowed)
{
	json_object_object_foreach(obj, key, val) {
		const char *const *a;

		(void)val;
		if (!strcmp(key, "comment"))
			continue;
		for (a = allowed; *a && strcmp(*a, key); a++)
			;
		if (!*a)
			return cli_err("unknown tag \"%s\"", key);
	}
	return 0;
}

static const char *get_str(struct json_object *obj, const char *key, bool required, int *err)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v)) {
		if (required)
			*err = cli_err("\"%s\" is missing", key);
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string)) {
		*err = cli_err("\"%s\" must be a string", key);
		return NULL;
	}
	return json_object_get_string(v);
}

static int proto_of(const char *s, uint8_t *proto)
{
	if (!strcasecmp(s, "TCP"))
		*proto = IPPROTO_TCP;
	else if (!strcasecmp(s, "UDP"))
		*proto = IPPROTO_UDP;
	else if (!strcasecmp(s, "ICMP"))
		*proto = IPPROTO_ICMP;
	else
		return cli_err("protocol \"%s\" is not TCP, UDP or ICMP", s);
	return 0;
}

/* --- global --- */

/* A JSON value as `global update` would take it on the command line. */
static int value_text(struct json_object *v, char *buf, size_t size)
{
	size_t len = 0, i;

	switch (json_object_get_type(v)) {
	case json_type_boolean:
		snprintf(buf, size, "%s", json_object_get_boolean(v) ? "true" : "false");
		return 0;
	case json_type_int:
		if (json_object_get_int64(v) < 0)
			return 1;
		snprintf(buf, size, "%lld", (long long)json_object_get_int64(v));
		return 0;
	case json_type_string:
		snprintf(buf, size, "%s", json_object_get_string(v));
		return 0;
	case json_type_array:	/* mtu-plateaus */
		buf[0] = '\0';
		for (i = 0; i < json_object_array_length(v) && len < size; i++) {
			struct json_object *e = json_object_array_get_idx(v, i);

			if (!json_object_is_type(e, json_type_int) || json_object_get_int64(e) < 0)
				return 1;
			len += snprintf(buf + len, size - len, "%s%lld", i ? "," : "",
					(long long)json_object_get_int64(e));
		}
		return len >= size;
	default:
		return 1;
	}
}

/* Is @v of the JSON type a global of kind @want must be? */
static bool json_kind_ok(struct json_object *v, enum global_json want)
{
	size_t i;

	switch (want) {
	case GJ_BOOL:
		return json_object_is_type(v, json_type_boolean);
	case GJ_UINT:
		return json_object_is_type(v, json_type_int);	/* value_text() checks >= 0 */
	case GJ_STRING:
		return json_object_is_type(v, json_type_string);
	case GJ_UINT_LIST:
		if (!json_object_is_type(v, json_type_array))
			return false;
		for (i = 0; i < json_object_array_length(v); i++)
			if (!json_object_is_type(json_object_array_get_idx(v, i), json_type_int))
				return false;
		return true;
	case GJ_NONE:
		break;
	}
	return false;
}

static const char *const json_kind_names[] = {
	[GJ_BOOL] = "a boolean (true or false, unquoted)",
	[GJ_UINT] = "an unsigned integer (unquoted)",
	[GJ_STRING] = "a string",
	[GJ_UINT_LIST] = "a list of unsigned integers",
};

static int do_global(struct fctx *f, struct json_object *g, bool *has_pool6)
{
	enum global_json kind;
	char text[1024];

	if (!json_object_is_type(g, json_type_object)) {
		at(f, "global");
		return cli_err("\"global\" must be an object");
	}
	json_object_object_foreach(g, key, val) {
		at(f, "global \"%s\"", key);
		if (!strcmp(key, "comment"))
			continue;
		kind = global_json_type(key);
		if (kind == GJ_NONE)
			return 1;
		/* "yes" for a boolean, 300 for a timeout: Jool 4 refuses them too. */
		if (!json_kind_ok(val, kind))
			return cli_err("expected %s, not %s", json_kind_names[kind],
				       json_object_to_json_string(val));
		if (value_text(val, text, sizeof(text)))
			return cli_err("unsupported value %s", json_object_to_json_string(val));
		if (!strcmp(key, "pool6")) {
			struct prefix6 p;
			const char *why;

			if (str_to_prefix6(text, &p, &why))
				return cli_err("'%s': %s", text, why);
			jnl_put_bin(f->req, JOOL_A_POOL6_ADDR, &p.addr, sizeof(p.addr));
			jnl_put_u8(f->req, JOOL_A_POOL6_LEN, p.len);
			*has_pool6 = true;
			continue;
		}
		if (global_put(f->req, key, text))
			return 1;
	}
	return 0;
}

/* --- pool4 --- */

static int do_pool4_entry(struct fctx *f, struct json_object *e, size_t i)
{
	static const char *const keys[] = { "mark", "protocol", "prefix", "port range",
					    "max-iterations", NULL };
	struct json_object *v;
	const char *s, *why;
	struct in_addr addr;
	unsigned int plen, min = DEFAULT_MIN, max = DEFAULT_MAX;
	uint32_t mark = 0, max_iter = JOOL_MAX_ITER_AUTO;
	bool iter_given = false;
	uint8_t proto;
	void *nest;
	int err = 0;

	at(f, "pool4 entry %zu", i);
	if (!json_object_is_type(e, json_type_object))
		return cli_err("must be an object");
	if (known_keys(e, keys))
		return 1;
	s = get_str(e, "protocol", true, &err);
	if (!s || proto_of(s, &proto))
		return 1;
	s = get_str(e, "prefix", true, &err);
	if (!s)
		return 1;
	if (str_to_prefix4(s, &addr, &plen, &why))
		return cli_err("prefix '%s': %s", s, why);
	if (plen < 24 && !f->force)
		return cli_err("prefix '%s' holds %llu addresses, more than %d; use --force if you mean it",
			       s, 1ull << (32 - plen), MANY_ADDRS);
	if (json_object_object_get_ex(e, "port range", &v)) {
		s = get_str(e, "port range", true, &err);
		if (!s)
			return 1;
		if (str_to_port_range(s, &min, &max, &why))
			return cli_err("port range '%s': %s", s, why);
	}
	if (json_object_object_get_ex(e, "mark", &v)) {
		if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0 ||
		    json_object_get_int64(v) > UINT32_MAX)
			return cli_err("mark must be a number from 0 to 4294967295");
		mark = json_object_get_int64(v);
	}
	if (json_object_object_get_ex(e, "max-iterations", &v)) {
		char text[32];

		if (value_text(v, text, sizeof(text)) || str_to_max_iter(text, &max_iter, &why))
			return cli_err("max-iterations %s: %s", json_object_to_json_string(v),
				       "must be \"auto\", \"infinity\" or a positive number");
		iter_given = true;
	}
	/* 64-bit shift: a 32-bit one by 32 (for a /32) is undefined. */
	f->p4[f->np4++] = (struct p4){ proto, ntohl(addr.s_addr),
				       ntohl(addr.s_addr) | (uint32_t)(0xffffffffull >> plen), min, max };
	nest = jnl_nest_start(f->req, JOOL_A_ENTRY);
	jnl_put_u8(f->req, JOOL_A_PROTOS, proto == IPPROTO_TCP ? JOOL_PROTO_TCP :
		   proto == IPPROTO_UDP ? JOOL_PROTO_UDP : JOOL_PROTO_ICMP);
	jnl_put_u32(f->req, JOOL_A_MARK, mark);
	jnl_put_bin(f->req, JOOL_A_ADDR4, &addr, 4);
	jnl_put_u8(f->req, JOOL_A_PREFIX4_LEN, plen);
	jnl_put_u16(f->req, JOOL_A_PORT_MIN, min);
	jnl_put_u16(f->req, JOOL_A_PORT_MAX, max);
	if (iter_given)
		jnl_put_u32(f->req, JOOL_A_MAX_ITER, max_iter);
	jnl_nest_end(f->req, nest);
	return 0;
}

/* --- bib --- */

static bool in_pool4(const struct fctx *f, uint8_t proto, const struct in_addr *a, unsigned int port)
{
	uint32_t h = ntohl(a->s_addr);
	size_t i;

	for (i = 0; i < f->np4; i++) {
		const struct p4 *p = &f->p4[i];

		if (p->proto == proto && h >= p->lo && h <= p->hi && port >= p->min && port <= p->max)
			return true;
	}
	return false;
}

static int do_bib_entry(struct fctx *f, struct json_object *e, size_t i)
{
	static const char *const keys[] = { "protocol", "ipv6 address", "ipv4 address", NULL };
	unsigned char a6[16], a4[16];
	unsigned int p6, p4;
	const char *s6, *s4, *sp, *why;
	int fam, err = 0;
	uint8_t proto;
	void *nest;

	at(f, "BIB entry %zu", i);
	if (!json_object_is_type(e, json_type_object))
		return cli_err("must be an object");
	if (known_keys(e, keys))
		return 1;
	sp = get_str(e, "protocol", true, &err);
	if (!sp || proto_of(sp, &proto))
		return 1;
	s6 = get_str(e, "ipv6 address", true, &err);
	s4 = s6 ? get_str(e, "ipv4 address", true, &err) : NULL;
	if (!s4)
		return 1;
	if (str_to_taddr(s6, &fam, a6, &p6, &why) || fam != AF_INET6)
		return cli_err("ipv6 address '%s': %s", s6, fam != AF_INET6 ? "not IPv6#port" : why);
	if (str_to_taddr(s4, &fam, a4, &p4, &why) || fam != AF_INET)
		return cli_err("ipv4 address '%s': %s", s4, fam != AF_INET ? "not IPv4#port" : why);
	if (!in_pool4(f, proto, (struct in_addr *)a4, p4))
		return cli_err("%s is not in the file's %s pool4", s4, sp);
	nest = jnl_nest_start(f->req, JOOL_A_ENTRY);
	jnl_put_u8(f->req, JOOL_A_PROTO, proto);
	jnl_put_bin(f->req, JOOL_A_ADDR6, a6, 16);
	jnl_put_u16(f->req, JOOL_A_PORT6, p6);
	jnl_put_bin(f->req, JOOL_A_ADDR4, a4, 4);
	jnl_put_u16(f->req, JOOL_A_PORT4, p4);
	jnl_nest_end(f->req, nest);
	return 0;
}

static int do_list(struct fctx *f, struct json_object *root, const char *key, int attr,
		   int (*entry)(struct fctx *, struct json_object *, size_t))
{
	struct json_object *list;
	void *nest;
	size_t i, n;

	if (!json_object_object_get_ex(root, key, &list))
		return 0;
	at(f, "%s", key);
	if (!json_object_is_type(list, json_type_array))
		return cli_err("\"%s\" must be a list", key);
	n = json_object_array_length(list);
	nest = jnl_nest_start(f->req, attr);
	for (i = 0; i < n; i++)
		if (entry(f, json_object_array_get_idx(list, i), i))
			return 1;
	jnl_nest_end(f->req, nest);
	return 0;
}

/* --- the whole file --- */

/*
 * Reads the file into f->req (NULL: only checks it). @name: the instance,
 * from the command line unless the file names one.
 */
static int build(struct fctx *f, struct cli_ctx *ctx, struct json_object *root)
{
	static const char *const keys[] = { "instance", "framework", "global", "pool4", "bib", NULL };
	const char *name = ctx->iname, *s, *why;
	struct json_object *v;
	bool has_pool6 = false;
	int err = 0;

	at(f, "top level");
	if (!json_object_is_type(root, json_type_object))
		return cli_err("the configuration must be a JSON object");
	if (known_keys(root, keys))
		return 1;
	/* Jool 4 refuses a file without "instance", even with -i. */
	s = get_str(root, "instance", true, &err);
	if (!s)
		return 1;
	if (iname_validate(s, &why))
		return cli_err("instance \"%s\": %s", s, why);
	if (ctx->iname_given && strcmp(s, ctx->iname))
		return cli_err("the file configures instance \"%s\", not \"%s\"", s, ctx->iname);
	name = s;
	jnl_put_str(f->req, JOOL_A_INSTANCE, name);
	if (f->force)
		jnl_put_flag(f->req, JOOL_A_FORCE);
	s = get_str(root, "framework", false, &err);
	if (err)
		return err;
	if (s) {
		if (strcasecmp(s, "netfilter") && strcasecmp(s, "iptables"))
			return cli_err("framework \"%s\" is not netfilter or iptables", s);
		jnl_put_u8(f->req, JOOL_A_FRAMEWORK,
			   strcasecmp(s, "netfilter") ? JOOL_FW_IPTABLES : JOOL_FW_NETFILTER);
	}
	if (json_object_object_get_ex(root, "global", &v) && do_global(f, v, &has_pool6))
		return 1;
	f->np4 = 0;
	if (do_list(f, root, "pool4", JOOL_A_POOL4_LIST, do_pool4_entry) ||
	    do_list(f, root, "bib", JOOL_A_BIB_LIST, do_bib_entry))
		return 1;
	return 0;
}

static int handle(struct cli_ctx *ctx, const char *path, bool force)
{
	struct fctx f = { .path = path, .force = force };
	struct json_object *root, *v;
	int err;

	root = json_object_from_file(path);
	if (!root)
		return cli_err("cannot read JSON file '%s': %s", path, json_util_get_last_err());
	if (json_object_is_type(root, json_type_object) &&
	    json_object_object_get_ex(root, "pool4", &v) && json_object_is_type(v, json_type_array)) {
		f.p4 = calloc(json_object_array_length(v) + 1, sizeof(*f.p4));
		if (!f.p4) {
			json_object_put(root);
			return cli_err("out of memory");
		}
	}
	/* The whole file is checked before the kernel hears of it. */
	err = build(&f, ctx, root);
	cli_context(NULL);
	if (!err) {
		f.req = jnl_req_big(JOOL_CMD_CONFIG_REPLACE);
		err = build(&f, ctx, root);
		cli_context(NULL);
		if (!err && jnl_full(f.req))
			err = cli_err("%s: the configuration is too large for one request", path);
		if (!err)
			err = jnl_do(f.req, NULL, NULL);
	}
	free(f.p4);
	json_object_put(root);
	return err ? 1 : 0;
}

struct fargs {
	const char *path;
	bool force;
};

/* Also -f, as in Jool 4 (after the operation; before the object -f is --file). */
enum { KEY_FORCE = 'f' };

static const struct argp_option options[] = {
	{ "force", KEY_FORCE, NULL, 0, "Accept a pool6 with bits 64-71 set, pool4 prefixes over 256 addresses", 0 },
	{ 0 }
};

static error_t parser(int key, char *arg, struct argp_state *state)
{
	struct fargs *a = state->input;

	switch (key) {
	case KEY_FORCE:
		a->force = true;
		return 0;
	case ARGP_KEY_ARG:
		/* Jool 4 ignores arguments after the file; so do we. */
		if (!a->path)
			a->path = arg;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int op_handle(struct cli_ctx *ctx, int argc, char **argv)
{
	struct argp argp = { options, parser, "<file.json>",
		"Create the instance (with the file's static BIB), or replace its globals and "
		"pool4 (keeping its BIB, as Jool 4), from a JSON file in one step: on any "
		"error nothing changes.", NULL, NULL, NULL };
	struct fargs a = { 0 };

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (!a.path)
		return cli_err("usage: %s <file.json>", ctx->cmd), 2;
	return handle(ctx, a.path, a.force);
}

const struct cli_op file_ops[] = {
	{ "handle", op_handle, "Apply a JSON configuration file atomically" },
	{ 0 }
};
