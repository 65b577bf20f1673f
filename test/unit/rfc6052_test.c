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

/* RFC 6052 section 2.4: 192.0.2.33 under each prefix of the table. */
static const struct {
	const char *prefix;
	unsigned int len;
	const char *embedded;
} rfc_table[] = {
	{ "2001:db8::", 32, "2001:db8:c000:221::" },
	{ "2001:db8:100::", 40, "2001:db8:1c0:2:21::" },
	{ "2001:db8:122::", 48, "2001:db8:122:c000:2:2100::" },
	{ "2001:db8:122:300::", 56, "2001:db8:122:3c0:0:221::" },
	{ "2001:db8:122:344::", 64, "2001:db8:122:344:c0:2:2100::" },
	{ "2001:db8:122:344::", 96, "2001:db8:122:344::192.0.2.33" },
	{ "64:ff9b::", 96, "64:ff9b::c000:221" },
};

static void embed_extract(void)
{
	struct in_addr v4, back;
	struct in6_addr got, want;
	struct prefix6 p;
	unsigned int i;

	inet_pton(AF_INET, "192.0.2.33", &v4);
	for (i = 0; i < sizeof(rfc_table) / sizeof(rfc_table[0]); i++) {
		inet_pton(AF_INET6, rfc_table[i].prefix, &p.addr);
		p.len = rfc_table[i].len;
		inet_pton(AF_INET6, rfc_table[i].embedded, &want);
		rfc6052_embed(&p, &v4, &got);
		CHECK(!memcmp(&got, &want, sizeof(want)));
		back.s_addr = 0;
		rfc6052_extract(&p, &want, &back);
		CHECK(back.s_addr == v4.s_addr);
		CHECK(rfc6052_prefix_match(&p, &want));
	}
}

/* Every IPv4 bit lands somewhere and comes back: no lost or crossed bits. */
static void roundtrip_all_bits(void)
{
	static const unsigned int lens[] = { 32, 40, 48, 56, 64, 96 };
	struct in_addr v4, back;
	struct in6_addr v6;
	struct prefix6 p;
	unsigned int i, bit;

	for (i = 0; i < 6; i++) {
		inet_pton(AF_INET6, "2001:db8::", &p.addr);
		p.len = lens[i];
		for (bit = 0; bit < 32; bit++) {
			v4.s_addr = htonl(1u << bit);
			rfc6052_embed(&p, &v4, &v6);
			CHECK(v6.s6_addr[8] == 0);	/* the u octet stays zero */
			rfc6052_extract(&p, &v6, &back);
			CHECK(back.s_addr == v4.s_addr);
		}
	}
}

static void prefix_match(void)
{
	struct prefix6 p = { .len = 96 };
	struct in6_addr a;

	inet_pton(AF_INET6, "64:ff9b::", &p.addr);
	inet_pton(AF_INET6, "64:ff9b::192.0.2.1", &a);
	CHECK(rfc6052_prefix_match(&p, &a));
	inet_pton(AF_INET6, "64:ff9b:1::192.0.2.1", &a);
	CHECK(!rfc6052_prefix_match(&p, &a));
	inet_pton(AF_INET6, "2001:db8::1", &a);
	CHECK(!rfc6052_prefix_match(&p, &a));
}

int main(void)
{
	int failed = 0;

	RUN(lengths);
	RUN(rfc_examples);
	RUN(bad_lengths);
	RUN(host_bits);
	RUN(u_octet);
	RUN(embed_extract);
	RUN(roundtrip_all_bits);
	RUN(prefix_match);
	return failed ? 1 : 0;
}
