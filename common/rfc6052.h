/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rfc6052.h - IPv4-embedded IPv6 addresses (RFC 6052): prefix validation,
 * embedding and extraction. Pure functions, per-packet safe (no locks, no
 * allocation, bounded work).
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

/*
 * The IPv4-embedded IPv6 address of @v4 under @p (RFC 6052 section 2.2): the
 * prefix, then the 32 IPv4 bits starting at bit p->len and jumping over bits
 * 64-71 (the "u" octet), then zeros. @p must have passed validation.
 */
void rfc6052_embed(const struct prefix6 *p, const struct in_addr *v4,
		   struct in6_addr *out);
/* The inverse: the IPv4 address embedded in @v6 under @p. */
void rfc6052_extract(const struct prefix6 *p, const struct in6_addr *v6,
		     struct in_addr *out);
/* Do the first p->len bits of @a equal @p's? */
bool rfc6052_prefix_match(const struct prefix6 *p, const struct in6_addr *a);

#endif
