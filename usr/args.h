/* SPDX-License-Identifier: GPL-2.0 */
/*
 * args.h - argp with jool's error discipline: --help, --usage and --version
 * on every command, and any parse error reported as one line on stderr
 * (argp's own "Try --help" second line is dropped).
 */
#ifndef _JOOL_USR_ARGS_H
#define _JOOL_USR_ARGS_H

#include <argp.h>

/* Parses argv with @argp; returns 0, or 2 after printing one error line. */
int args_parse(const struct argp *argp, int argc, char **argv, void *input);

#endif
