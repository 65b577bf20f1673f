/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - names and one-line explanations of the packet path's counters
 * (enum jool_stat of jool.h). Shared by the module (for logging) and the CLI
 * (for `jool stats display`).
 */
#ifndef _JOOL_COMMON_STATS_H
#define _JOOL_COMMON_STATS_H

#include "jool.h"

struct jstat_meta {
	const char *name;	/* "JSTAT_RECEIVED6" */
	const char *doc;	/* one line, for --explain */
};

extern const struct jstat_meta jstat_meta[__JSTAT_COUNT];

#endif
