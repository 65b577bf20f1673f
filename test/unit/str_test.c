// SPDX-License-Identifier: GPL-2.0
/* Unit tests of usr/str.c: the CLI's text conversions. */
#include <arpa/inet.h>
#include <string.h>
#include "str.h"
#include "unit.h"

static int parse(const char *s, struct prefix6 *p)
{
	const char *why = NULL;
	int err = str_to_prefix6(s, p, &why);

	return (err && !why) ? -2000 : err;
}

static void prefix_good(void)
{
	struct prefix6 p;
	struct in6_addr want;
	char buf[PREFIX6_STRLEN];

	CHECK(parse("64:ff9b::/96", &p) == 0);
	inet_pton(AF_INET6, "64:ff9b::", &want);
	CHECK(p.len == 96 && !memcmp(&p.addr, &want, sizeof(want)));
	prefix6_to_str(&p, buf);
	CHECK(!strcmp(buf, "64:ff9b::/96"));
	CHECK(parse("2001:db8:122:300::/56", &p) == 0 && p.len == 56);
	prefix6_to_str(&p, buf);
	CHECK(!strcmp(buf, "2001:db8:122:300::/56"));
	CHECK(parse("::/0", &p) == 0 && p.len == 0);	/* parsing only; RFC 6052 rules live elsewhere */
}

static void prefix_bad(void)
{
	struct prefix6 p;

	CHECK(parse("64:ff9b::", &p) == -EINVAL);	/* length is mandatory */
	CHECK(parse("64:ff9b::/", &p) == -EINVAL);
	CHECK(parse("64:ff9b::/129", &p) == -EINVAL);
	CHECK(parse("64:ff9b::/96x", &p) == -EINVAL);
	CHECK(parse("64:ff9b::/-1", &p) == -EINVAL);
	CHECK(parse("/96", &p) == -EINVAL);
	CHECK(parse("192.0.2.0/24", &p) == -EINVAL);
	CHECK(parse("banana/96", &p) == -EINVAL);
	CHECK(parse("64:ff9b:0000:0000:0000:0000:0000:0000:0000/96", &p) == -EINVAL);
}

static void uint_parse(void)
{
	unsigned long v = 7;

	CHECK(str_to_uint("0", 10, &v) == 0 && v == 0);
	CHECK(str_to_uint("4294967295", 4294967295UL, &v) == 0 && v == 4294967295UL);
	CHECK(str_to_uint("4294967296", 4294967295UL, &v) == -EINVAL);
	CHECK(str_to_uint("", 10, &v) == -EINVAL);
	CHECK(str_to_uint(" 1", 10, &v) == -EINVAL);
	CHECK(str_to_uint("+1", 10, &v) == -EINVAL);
	CHECK(str_to_uint("99999999999999999999999", ~0UL, &v) == -EINVAL);
}

int main(void)
{
	int failed = 0;

	RUN(prefix_good);
	RUN(prefix_bad);
	RUN(uint_parse);
	return failed ? 1 : 0;
}
