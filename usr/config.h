/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config.h - Jool's JSON configuration file (for now: the instance name
 * that -f/--file selects).
 */
#ifndef _JOOL_USR_CONFIG_H
#define _JOOL_USR_CONFIG_H

/* The file's "instance" string; NULL after an error was printed (also when
 * the file has none, as Jool 4). The caller frees the result. */
char *config_instance_name(const char *path);

#endif
