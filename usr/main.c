// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - `jool [-i NAME | -f FILE] <object> <operation> [arguments]`.
 *
 * Parses the global options, finds the object and the operation (either may
 * be abbreviated to a unique prefix: `jool i d`), and hands the rest of the
 * command line to the operation, which parses it with argp.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "config.h"
#include "jool.h"
#include "str.h"

static const struct cli_object objects[] = {
	{ "instance", instance_ops, "Translator instances of this network namespace" },
	{ "pool4", pool4_ops, "IPv4 transport addresses that mask IPv6 nodes" },
	{ "bib", bib_ops, "Mappings between IPv6 and IPv4 transport addresses" },
	{ "session", session_ops, "Sessions (connections) through the translator" },
	{ "global", global_ops, "Runtime settings of an instance" },
	{ "stats", stats_ops, "Counters of the packet path" },
	{ "file", file_ops, "A whole configuration from a JSON file, applied atomically" },
	{ 0 }
};

/* What the messages are about (e.g. "jool.conf: pool4 entry 2"), if anything. */
static const char *err_context;

void cli_context(const char *context)
{
	err_context = context;
}

static void vprint(const char *prefix, const char *fmt, va_list ap)
{
	char buf[1024];
	size_t len;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* One line, whatever a library's message carried. */
	len = strcspn(buf, "\n");
	fprintf(stderr, "jool: %s%s%s%.*s\n", prefix, err_context ? err_context : "",
		err_context ? ": " : "", (int)len, buf);
}

int cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint("", fmt, ap);
	va_end(ap);
	return 1;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint("warning: ", fmt, ap);
	va_end(ap);
}

static void usage(FILE *out)
{
	const struct cli_object *obj;
	const struct cli_op *op;

	fprintf(out, "Usage: jool [-j] [-i NAME | -f FILE] OBJECT OPERATION [ARGS...]\n"
		"       jool --help | --usage | --version\n\n"
		"Configures jool.ko, a stateful NAT64. OBJECT and OPERATION may be\n"
		"abbreviated to any unique prefix; OPERATION --help describes its arguments.\n\n"
		"Global options:\n"
		"  -i, --instance NAME  the instance to act on (default: \"default\")\n"
		"  -f, --file FILE      take the instance name from a JSON configuration file\n"
		"  -j, --json           print displays as JSON\n"
		"      --help, --usage, --version\n\nObjects and operations:\n");
	for (obj = objects; obj->name; obj++) {
		fprintf(out, "  %-10s %s\n", obj->name, obj->doc);
		for (op = obj->ops; op->name; op++)
			fprintf(out, "    %-10s %s\n", op->name, op->doc);
	}
}

/*
 * Finds @word among the names at @base (stride @size), as Jool 4 does: an
 * exact match, or the only name it is a prefix of. Prints why not and
 * returns NULL otherwise.
 */
static const void *lookup(const char *what, const char *word, const void *base,
			  size_t size, const char *context)
{
	const char *const *name;
	char list[256] = "";
	int i = str_lookup(word, base, size);
	size_t wlen = strlen(word);

	if (i >= 0)
		return (const char *)base + i * size;
	for (name = base; *name; name = (const void *)((const char *)name + size))
		if (i == STR_NO_MATCH || !strncmp(*name, word, wlen))
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 list[0] ? ", " : "", *name);
	if (i == STR_AMBIGUOUS)
		cli_err("'%s' is ambiguous%s%s: %s", word, context[0] ? " for " : "", context, list);
	else
		cli_err("unknown %s '%s' (expected one of: %s)", what, word, list);
	return NULL;
}

/*
 * The global options, which only come before the object. As Jool 4 (getopt
 * "+?Vi:f:"), long names may be abbreviated ("--inst"), values follow as
 * "-i X", "-iX", "--instance X" or "--instance=X", and when -i and -f are
 * both given the last one wins.
 */
enum { G_HELP = '?', G_USAGE = 'U', G_VERSION = 'V', G_INSTANCE = 'i', G_FILE = 'f', G_JSON = 'j' };

struct gopt {
	const char *name;
	int key;
	bool arg;
};

static const struct gopt gopts[] = {
	{ "help", G_HELP, false },
	{ "usage", G_USAGE, false },
	{ "version", G_VERSION, false },
	{ "instance", G_INSTANCE, true },
	{ "file", G_FILE, true },
	{ "json", G_JSON, false },
	{ 0 }
};

/* Parses argv[*i]; returns its key and sets *value, or 0 after an error. */
static int global_option(int argc, char **argv, int *i, const char **value)
{
	const char *a = argv[*i], *eq;
	const struct gopt *o = NULL;
	char name[32];
	int k;

	*value = NULL;
	if (a[1] == '-') {
		eq = strchr(a, '=');
		snprintf(name, sizeof(name), "%.*s", (int)(eq ? eq - a - 2 : (long)strlen(a) - 2), a + 2);
		k = str_lookup(name, gopts, sizeof(*gopts));
		if (k == STR_AMBIGUOUS || k == STR_NO_MATCH) {
			cli_err("%s global option '%s' (see jool --help)",
				k == STR_AMBIGUOUS ? "ambiguous" : "unknown", a);
			return 0;
		}
		o = &gopts[k];
		if (eq && !o->arg) {
			cli_err("option '--%s' takes no value", o->name);
			return 0;
		}
		*value = eq ? eq + 1 : NULL;
	} else {
		for (o = gopts; o->name && o->key != a[1]; o++)
			;
		if (!o->name || a[1] == G_USAGE || (a[2] && !o->arg)) {
			cli_err("unknown global option '%s' (see jool --help)", a);
			return 0;
		}
		*value = a[2] ? a + 2 : NULL;
	}
	if (o->arg && !*value) {
		if (*i + 1 >= argc) {
			cli_err("option '%s' needs a value", a);
			return 0;
		}
		*value = argv[++*i];
	}
	return o->key;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { .iname = JOOL_INSTANCE_DEFAULT };
	const struct cli_object *obj;
	const struct cli_op *op;
	const char *v;
	char cmd[128], *file_iname = NULL;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--pool4"); i++) {
		switch (global_option(argc, argv, &i, &v)) {
		case G_HELP:
			usage(stdout);
			return 0;
		case G_USAGE:
			printf("Usage: jool [-j] [-i NAME | -f FILE] OBJECT OPERATION [ARGS...]\n");
			return 0;
		case G_VERSION:
			printf("jool %s\n", JOOL_VERSION_STR);
			return 0;
		case G_JSON:
			ctx.json = true;	/* as in `ip -j`; displays also take it */
			break;
		case G_INSTANCE:
			ctx.iname = v;
			ctx.iname_given = true;
			break;
		case G_FILE:
			/* Read at once, as Jool does: a bad file fails even if -i follows. */
			free(file_iname);
			file_iname = config_instance_name(v);
			if (!file_iname)
				return 1;
			ctx.iname = file_iname;
			ctx.iname_given = true;
			break;
		default:
			return 2;
		}
	}
	if (i < argc && !strcmp(argv[i], "--pool4"))
		return jool3_pool4(&ctx, argc - i, argv + i);	/* Jool 3's syntax */

	if (i >= argc) {
		cli_err("missing object (see jool --help)");
		return 2;
	}
	obj = lookup("object", argv[i], objects, sizeof(*objects), "");
	if (!obj)
		return 2;
	if (++i >= argc) {
		cli_err("missing operation for '%s' (see jool %s --help)", obj->name, obj->name);
		return 2;
	}
	if (!strcmp(argv[i], "--help")) {
		usage(stdout);
		return 0;
	}
	op = lookup("operation", argv[i], obj->ops, sizeof(*obj->ops), obj->name);
	if (!op)
		return 2;

	snprintf(cmd, sizeof(cmd), "jool %s %s", obj->name, op->name);
	ctx.cmd = cmd;
	argv[i] = cmd;	/* argp names the command after argv[0] */
	return op->fn(&ctx, argc - i, argv + i);
}
