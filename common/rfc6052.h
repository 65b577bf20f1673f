/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rfc6052.h - IPv4-embedded IPv6 address prefixes (RFC 6052).
 */
#ifndef _JOOL_COMMON_RFC6052_H
#define _JOOL_COMMON_RFC6052_H

#include "compat_types.h"

struct prefix6 {
	struct in6_addr addr;
	unsigned int len;
};

/* Is @len one of the six prefix lengths of RFC 6052 section 2.2? */
bool rfc6052_len_valid(unsigned int len);

/*
 * Checks that @p can be a pool6 prefix: a legal length, no bits set past the
 * length, and (unless @force) the "u" octet (bits 64-71) zero, as RFC 6052
 * section 2.2 requires. Returns 0, or -EINVAL with @why set to a sentence
 * meant for the operator.
 */
int rfc6052_prefix_validate(const struct prefix6 *p, bool force,
			    const char **why);

#endif
