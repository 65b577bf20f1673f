/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log.h - what an operator asked to be told (log.c): mappings and sessions
 * as they come and go, and each packet's path.
 */
#ifndef _JOOL_MOD_LOG_H
#define _JOOL_MOD_LOG_H

#include "instance.h"

void jlog_bib(struct jool_instance *inst, u8 l4, const struct bib_entry *b, bool added);
void jlog_session(struct jool_instance *inst, u8 l4, const struct bib_entry *b,
		  const struct session *s, bool added);
__printf(2, 3) void jlog_debug(struct jool_instance *inst, const char *fmt, ...);
void jlog_init(struct jool_instance *inst);

#endif
