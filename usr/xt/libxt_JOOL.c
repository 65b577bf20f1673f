// SPDX-License-Identifier: GPL-2.0
/*
 * libxt_JOOL.c - the iptables/ip6tables extension of the JOOL target
 * (include/xt_JOOL.h): parses, prints and saves `-j JOOL --instance NAME`.
 * iptables loads it from its extension directory (make install puts it
 * there; XTABLES_LIBDIR may name others).
 */
#include <stdio.h>
#include <string.h>
#include <xtables.h>
#include "xt_JOOL.h"

enum { O_INSTANCE };

static const struct xt_option_entry options[] = {
	{
		.name = "instance",
		.id = O_INSTANCE,
		.type = XTTYPE_STRING,
		.flags = XTOPT_MAND | XTOPT_PUT,
		XTOPT_POINTER(struct xt_jool_info, instance),
	},
	XTOPT_TABLEEND,
};

static void help(void)
{
	printf("JOOL target options:\n"
	       "  --instance NAME   the jool iptables instance that translates the packet\n"
	       "                    (`jool -i NAME instance add --iptables ...`)\n");
}

static void parse(struct xt_option_call *cb)
{
	const char *c;

	if (strlen(cb->arg) > JOOL_INSTANCE_NAME_MAX)
		xtables_error(PARAMETER_PROBLEM, "JOOL: instance names are at most %d characters",
			      JOOL_INSTANCE_NAME_MAX);
	xtables_option_parse(cb);
	for (c = cb->arg; *c; c++)
		if (*c < 0x21 || *c > 0x7e)
			xtables_error(PARAMETER_PROBLEM,
				      "JOOL: instance names are printable ASCII without spaces");
}

static void print(const void *ip, const struct xt_entry_target *target, int numeric)
{
	const struct xt_jool_info *info = (const void *)target->data;

	(void)ip;
	(void)numeric;
	printf(" instance:%s", info->instance);
}

static void save(const void *ip, const struct xt_entry_target *target)
{
	const struct xt_jool_info *info = (const void *)target->data;

	(void)ip;
	printf(" --instance %s", info->instance);
}

/* The same target for ip6tables and iptables. */
#define TARGET(fam) {							\
	.family = fam,							\
	.name = "JOOL",							\
	.version = XTABLES_VERSION,					\
	.size = XT_ALIGN(sizeof(struct xt_jool_info)),			\
	.userspacesize = XT_ALIGN(sizeof(struct xt_jool_info)),		\
	.help = help,							\
	.print = print,							\
	.save = save,							\
	.x6_parse = parse,						\
	.x6_options = options,						\
}

static struct xtables_target targets[] = { TARGET(NFPROTO_IPV6), TARGET(NFPROTO_IPV4) };

/* Runs when iptables loads the extension. */
static void __attribute__((constructor)) jool_xt_register(void)
{
	xtables_register_targets(targets, sizeof(targets) / sizeof(targets[0]));
}
