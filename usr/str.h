/* SPDX-License-Identifier: GPL-2.0 */
/*
 * str.h - text <-> value conversions of the CLI. Pure functions, unit-tested
 * in test/unit. They only parse; semantic checks (RFC 6052 lengths...) belong
 * to common/.
 */
#ifndef _JOOL_USR_STR_H
#define _JOOL_USR_STR_H

#include <stdbool.h>
#include "rfc6052.h"

#define PREFIX6_STRLEN (INET6_ADDRSTRLEN + 4)

/*
 * Parses "<IPv6 address>/<length>" (length mandatory, 0-128). Returns 0, or
 * -EINVAL with @why set to a sentence for the operator.
 */
int str_to_prefix6(const char *str, struct prefix6 *p, const char **why);
/* Writes "<address>/<length>" into @buf (PREFIX6_STRLEN bytes). */
void prefix6_to_str(const struct prefix6 *p, char *buf);

/* Parses a decimal unsigned integer no larger than @max, with no junk. */
int str_to_uint(const char *str, unsigned long max, unsigned long *out);

#endif
