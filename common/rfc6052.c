// SPDX-License-Identifier: GPL-2.0
/*
 * rfc6052.c - IPv4-embedded IPv6 addresses (RFC 6052 section 2.2).
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

/*
 * Byte offset in the IPv6 address of each IPv4 byte for each prefix length.
 * The IPv4 bytes follow the prefix; byte 8 (bits 64-71) is always skipped.
 */
static const unsigned char *v4_offsets(unsigned int len)
{
	static const unsigned char offsets[6][4] = {
		{ 4, 5, 6, 7 },		/* /32 */
		{ 5, 6, 7, 9 },		/* /40 */
		{ 6, 7, 9, 10 },	/* /48 */
		{ 7, 9, 10, 11 },	/* /56 */
		{ 9, 10, 11, 12 },	/* /64 */
		{ 12, 13, 14, 15 },	/* /96 */
	};

	switch (len) {
	case 32: return offsets[0];
	case 40: return offsets[1];
	case 48: return offsets[2];
	case 56: return offsets[3];
	case 64: return offsets[4];
	}
	return offsets[5];
}

void rfc6052_embed(const struct prefix6 *p, const struct in_addr *v4,
		   struct in6_addr *out)
{
	const unsigned char *off = v4_offsets(p->len);
	const unsigned char *b4 = (const unsigned char *)&v4->s_addr;
	unsigned int i;

	memset(out, 0, sizeof(*out));
	memcpy(out->s6_addr, p->addr.s6_addr, p->len / 8);
	for (i = 0; i < 4; i++)
		out->s6_addr[off[i]] = b4[i];
}

void rfc6052_extract(const struct prefix6 *p, const struct in6_addr *v6,
		     struct in_addr *out)
{
	const unsigned char *off = v4_offsets(p->len);
	unsigned char *b4 = (unsigned char *)&out->s_addr;
	unsigned int i;

	for (i = 0; i < 4; i++)
		b4[i] = v6->s6_addr[off[i]];
}

bool rfc6052_prefix_match(const struct prefix6 *p, const struct in6_addr *a)
{
	/* Valid pool6 lengths are whole bytes. */
	return memcmp(p->addr.s6_addr, a->s6_addr, p->len / 8) == 0;
}
