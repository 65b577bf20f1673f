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
 * Finds @word among the @n names at @base (stride @size): an exact match, or
 * the only name it is a prefix of. Prints why not and returns NULL otherwise.
 */
static const void *lookup(const char *what, const char *word, const void *base,
			  size_t size, const char *context)
{
	const char *const *name;
	const void *found = NULL;
	char list[256] = "";
	int matches = 0;

	for (name = base; *name; name = (const void *)((const char *)name + size)) {
		if (!strcmp(*name, word))
			return name;
		if (!strncmp(*name, word, strlen(word))) {
			matches++;
			found = name;
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 list[0] ? ", " : "", *name);
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1) {
		cli_err("'%s' is ambiguous%s%s: %s", word, context[0] ? " for " : "", context, list);
		return NULL;
	}
	for (name = base; *name; name = (const void *)((const char *)name + size))
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 list[0] ? ", " : "", *name);
	cli_err("unknown %s '%s' (expected one of: %s)", what, word, list);
	return NULL;
}

/* Value of a global option "-i X", "-iX", "--instance X", "--instance=X". */
static const char *option_value(int argc, char **argv, int *i, const char *s, const char *l)
{
	const char *a = argv[*i];
	size_t ll = strlen(l);

	if (!strcmp(a, s) || !strcmp(a, l)) {
		if (*i + 1 >= argc) {
			cli_err("option '%s' needs a value", a);
			exit(2);
		}
		return argv[++*i];
	}
	if (!strncmp(a, s, 2) && a[1] != '-' && a[2])
		return a + 2;
	if (!strncmp(a, l, ll) && a[ll] == '=')
		return a + ll + 1;
	return NULL;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { .iname = JOOL_INSTANCE_DEFAULT };
	const struct cli_object *obj;
	const struct cli_op *op;
	const char *v, *file = NULL;
	char cmd[128];
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--pool4"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-?")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--usage")) {
			printf("Usage: jool [-j] [-i NAME | -f FILE] OBJECT OPERATION [ARGS...]\n");
			return 0;
		} else if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
			printf("jool %s\n", JOOL_VERSION_STR);
			return 0;
		} else if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			ctx.json = true;	/* as in `ip -j`; displays also take it */
			continue;
		} else if ((v = option_value(argc, argv, &i, "-i", "--instance"))) {
			ctx.iname = v;
		} else if ((v = option_value(argc, argv, &i, "-f", "--file"))) {
			file = v;
		} else {
			cli_err("unknown global option '%s' (see jool --help)", argv[i]);
			return 2;
		}
		if (ctx.iname_given)
			return cli_err("give the instance once: -i or -f"), 2;
		ctx.iname_given = true;
	}
	if (file && !(ctx.iname = config_instance_name(file)))
		return 1;
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
