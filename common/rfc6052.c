// SPDX-License-Identifier: GPL-2.0
/*
 * rfc6052.c - validation of IPv4-embedded IPv6 prefixes (RFC 6052 section 2.2).
 * Pure functions: compiled into the module and into the CLI and unit tests.
 */
#include "rfc6052.h"

bool rfc6052_len_valid(unsigned int len)
{
	switch (len) {
	case 32: case 40: case 48: case 56: case 64: case 96:
		return true;
	}
	return false;
}

/* Bit @i (0 = most significant) of @a. */
static bool addr_bit(const struct in6_addr *a, unsigned int i)
{
	return (a->s6_addr[i >> 3] >> (7 - (i & 7))) & 1;
}

int rfc6052_prefix_validate(const struct prefix6 *p, bool force,
			    const char **why)
{
	unsigned int i;

	if (!rfc6052_len_valid(p->len)) {
		*why = "pool6 prefix length must be 32, 40, 48, 56, 64 or 96 (RFC 6052)";
		return -EINVAL;
	}
	for (i = p->len; i < 128; i++) {
		if (addr_bit(&p->addr, i)) {
			*why = "pool6 prefix has bits set beyond its length";
			return -EINVAL;
		}
	}
	/*
	 * Bits 64-71 are the "u" octet, which RFC 6052 reserves (must be zero).
	 * Only a /96 can have them inside the prefix; shorter prefixes were
	 * handled by the host-bit check above.
	 */
	if (!force && p->addr.s6_addr[8] != 0) {
		*why = "pool6 prefix bits 64-71 must be zero (RFC 6052 section 2.2); use --force to override";
		return -EINVAL;
	}
	return 0;
}
