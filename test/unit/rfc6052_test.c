// SPDX-License-Identifier: GPL-2.0
/* Unit tests of common/rfc6052.c: which pool6 prefixes are acceptable. */
#include <arpa/inet.h>
#include "rfc6052.h"
#include "unit.h"

static int check_prefix(const char *addr, unsigned int len, bool force)
{
	struct prefix6 p = { .len = len };
	const char *why = NULL;
	int err;

	if (inet_pton(AF_INET6, addr, &p.addr) != 1)
		return -1000;
	err = rfc6052_prefix_validate(&p, force, &why);
	if (err && !why)
		return -2000;	/* every refusal must explain itself */
	return err;
}

static void lengths(void)
{
	unsigned int len;
	int n = 0;

	for (len = 0; len <= 128; len++)
		n += rfc6052_len_valid(len);
	CHECK(n == 6);
	CHECK(rfc6052_len_valid(32) && rfc6052_len_valid(40) && rfc6052_len_valid(48));
	CHECK(rfc6052_len_valid(56) && rfc6052_len_valid(64) && rfc6052_len_valid(96));
	CHECK(!rfc6052_len_valid(95) && !rfc6052_len_valid(128) && !rfc6052_len_valid(0));
}

/* The prefixes of RFC 6052 section 2.4's table, all valid. */
static void rfc_examples(void)
{
	CHECK(check_prefix("2001:db8::", 32, false) == 0);
	CHECK(check_prefix("2001:db8:100::", 40, false) == 0);
	CHECK(check_prefix("2001:db8:122::", 48, false) == 0);
	CHECK(check_prefix("2001:db8:122:300::", 56, false) == 0);
	CHECK(check_prefix("2001:db8:122:344::", 64, false) == 0);
	CHECK(check_prefix("2001:db8:122:344::", 96, false) == 0);
	CHECK(check_prefix("64:ff9b::", 96, false) == 0);
}

static void bad_lengths(void)
{
	CHECK(check_prefix("64:ff9b::", 95, false) == -EINVAL);
	CHECK(check_prefix("64:ff9b::", 128, true) == -EINVAL);
	CHECK(check_prefix("64:ff9b::", 0, false) == -EINVAL);
}

static void host_bits(void)
{
	CHECK(check_prefix("64:ff9b::1", 96, false) == -EINVAL);
	CHECK(check_prefix("64:ff9b::1", 96, true) == -EINVAL);	/* force does not excuse it */
	CHECK(check_prefix("2001:db8:1::", 32, false) == -EINVAL);
	CHECK(check_prefix("2001:db8:0:1::", 56, false) == -EINVAL);
	CHECK(check_prefix("2001:db8:0:100::", 56, false) == 0);
}

static void u_octet(void)
{
	/* Bits 64-71 set in a /96: refused, unless forced. */
	CHECK(check_prefix("2001:db8:0:0:100::", 96, false) == -EINVAL);
	CHECK(check_prefix("2001:db8:0:0:100::", 96, true) == 0);
	CHECK(check_prefix("2001:db8:0:0:1::", 96, false) == 0);	/* bits 72-79 are fine */
}

int main(void)
{
	int failed = 0;

	RUN(lengths);
	RUN(rfc_examples);
	RUN(bad_lengths);
	RUN(host_bits);
	RUN(u_octet);
	return failed ? 1 : 0;
}
