// SPDX-License-Identifier: GPL-2.0
/* Unit tests of usr/str.c: the CLI's text conversions. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include "jool.h"
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

/* Parses @s as an IPv4 prefix; checks @why is set on failure. */
static int p4(const char *s, const char *want_addr, unsigned int want_len)
{
	struct in_addr addr, want;
	unsigned int len = 99;
	const char *why = NULL;
	int err = str_to_prefix4(s, &addr, &len, &why);

	if (err)
		return why ? err : -2000;
	inet_pton(AF_INET, want_addr, &want);
	return (addr.s_addr == want.s_addr && len == want_len) ? 0 : -3000;
}

static void prefix4_parse(void)
{
	CHECK(p4("192.0.2.1", "192.0.2.1", 32) == 0);		/* length defaults to 32 */
	CHECK(p4("192.0.2.1/32", "192.0.2.1", 32) == 0);
	CHECK(p4("192.0.2.0/24", "192.0.2.0", 24) == 0);
	CHECK(p4("192.0.2.4/31", "192.0.2.4", 31) == 0);	/* as Jool accepts */
	CHECK(p4("0.0.0.0/0", "0.0.0.0", 0) == 0);
	CHECK(p4("198.18.0.0/20", "198.18.0.0", 20) == 0);

	CHECK(p4("192.0.2.5/31", "", 0) == -EINVAL);	/* host bits set */
	CHECK(p4("192.0.2.1/24", "", 0) == -EINVAL);
	CHECK(p4("1.0.0.0/0", "", 0) == -EINVAL);
	CHECK(p4("192.0.2.0/33", "", 0) == -EINVAL);
	CHECK(p4("192.0.2.0/", "", 0) == -EINVAL);
	CHECK(p4("192.0.2.0/-1", "", 0) == -EINVAL);
	CHECK(p4("192.0.2.0/24x", "", 0) == -EINVAL);
	CHECK(p4("/24", "", 0) == -EINVAL);
	CHECK(p4("", "", 0) == -EINVAL);
	CHECK(p4("192.0.2", "", 0) == -EINVAL);
	CHECK(p4("256.0.0.1", "", 0) == -EINVAL);
	CHECK(p4("2001:db8::/32", "", 0) == -EINVAL);
	CHECK(p4("192.0.2.1.5", "", 0) == -EINVAL);
}

static int range(const char *s, unsigned int *min, unsigned int *max)
{
	const char *why = NULL;
	int err = str_to_port_range(s, min, max, &why);

	return (err && !why) ? -2000 : err;
}

static void port_range_parse(void)
{
	unsigned int min = 7, max = 7;

	CHECK(range("61001-65535", &min, &max) == 0 && min == 61001 && max == 65535);
	CHECK(range("0-65535", &min, &max) == 0 && min == 0 && max == 65535);
	CHECK(range("80", &min, &max) == 0 && min == 80 && max == 80);
	CHECK(range("5-5", &min, &max) == 0 && min == 5 && max == 5);
	CHECK(range("0", &min, &max) == 0 && min == 0 && max == 0);

	/* Reversed: Jool 4 takes "200-100" as 100-200. */
	CHECK(range("200-100", &min, &max) == 0 && min == 100 && max == 200);
	CHECK(range("65535-0", &min, &max) == 0 && min == 0 && max == 65535);
	CHECK(range("65536", &min, &max) == -EINVAL);
	CHECK(range("1-65536", &min, &max) == -EINVAL);
	CHECK(range("-5", &min, &max) == -EINVAL);
	CHECK(range("5-", &min, &max) == -EINVAL);
	/* Jool 4 ignores what follows the second number after a dash. */
	CHECK(range("1-2-3", &min, &max) == 0 && min == 1 && max == 2);
	CHECK(range("7-9-", &min, &max) == 0 && min == 7 && max == 9);
	CHECK(range("1-2x", &min, &max) == -EINVAL);
	CHECK(range("1--2", &min, &max) == -EINVAL);
	CHECK(range("", &min, &max) == -EINVAL);
	CHECK(range("a-b", &min, &max) == -EINVAL);
	CHECK(range(" 1-2", &min, &max) == -EINVAL);
	CHECK(range("1 -2", &min, &max) == -EINVAL);
	CHECK(range("00000000000000001-2", &min, &max) == -EINVAL);	/* too long to be sane */
}

static int taddr(const char *s, int *family, unsigned char *addr, unsigned int *port)
{
	const char *why = NULL;
	int err = str_to_taddr(s, family, addr, port, &why);

	return (err && !why) ? -2000 : err;
}

static void taddr_parse(void)
{
	unsigned char addr[16], want[16];
	unsigned int port;
	int family;

	CHECK(taddr("2001:db8::2#59436", &family, addr, &port) == 0);
	inet_pton(AF_INET6, "2001:db8::2", want);
	CHECK(family == AF_INET6 && port == 59436 && !memcmp(addr, want, 16));
	CHECK(taddr("203.0.113.1#22553", &family, addr, &port) == 0);
	inet_pton(AF_INET, "203.0.113.1", want);
	CHECK(family == AF_INET && port == 22553 && !memcmp(addr, want, 4));
	CHECK(taddr("::#0", &family, addr, &port) == 0 && family == AF_INET6 && port == 0);
	CHECK(taddr("192.0.2.1#65535", &family, addr, &port) == 0 && port == 65535);
	CHECK(taddr("::ffff:192.0.2.1#1", &family, addr, &port) == 0 && family == AF_INET6);

	CHECK(taddr("192.0.2.1", &family, addr, &port) == -EINVAL);	/* no port */
	CHECK(taddr("192.0.2.1#", &family, addr, &port) == -EINVAL);
	CHECK(taddr("#80", &family, addr, &port) == -EINVAL);
	CHECK(taddr("192.0.2.1#65536", &family, addr, &port) == -EINVAL);
	CHECK(taddr("192.0.2.1#-1", &family, addr, &port) == -EINVAL);
	CHECK(taddr("192.0.2.1#80#80", &family, addr, &port) == -EINVAL);
	CHECK(taddr("192.0.2.1:80", &family, addr, &port) == -EINVAL);
	CHECK(taddr("example.com#80", &family, addr, &port) == -EINVAL);
	CHECK(taddr("192.0.2.0/24#80", &family, addr, &port) == -EINVAL);
	CHECK(taddr("2001:db8::2::1#80", &family, addr, &port) == -EINVAL);
}

static int iter(const char *s, uint32_t *out)
{
	const char *why = NULL;
	int err = str_to_max_iter(s, out, &why);

	return (err && !why) ? -2000 : err;
}

static void max_iter_parse(void)
{
	uint32_t v = 7;

	CHECK(iter("auto", &v) == 0 && v == JOOL_MAX_ITER_AUTO);
	CHECK(iter("AUTO", &v) == 0 && v == JOOL_MAX_ITER_AUTO);
	CHECK(iter("infinity", &v) == 0 && v == JOOL_MAX_ITER_INFINITE);
	CHECK(iter("1", &v) == 0 && v == 1);
	CHECK(iter("1024", &v) == 0 && v == 1024);
	CHECK(iter("4294967294", &v) == 0 && v == 4294967294u);

	CHECK(iter("0", &v) == -EINVAL);		/* 0 would mean auto */
	CHECK(iter("4294967295", &v) == -EINVAL);	/* would mean infinity */
	CHECK(iter("4294967296", &v) == -EINVAL);
	CHECK(iter("-1", &v) == -EINVAL);
	CHECK(iter("", &v) == -EINVAL);
	CHECK(iter("infinite", &v) == -EINVAL);
	CHECK(iter("10x", &v) == -EINVAL);
}

static int tmo(const char *s, uint32_t *ms)
{
	const char *why = NULL;
	int err = str_to_timeout(s, ms, &why);

	return (err && !why) ? -2000 : err;
}

static void timeout_parse(void)
{
	uint32_t ms = 7;

	CHECK(tmo("30", &ms) == 0 && ms == 30000);
	CHECK(tmo("0", &ms) == 0 && ms == 0);
	CHECK(tmo("5:00", &ms) == 0 && ms == 300000);
	CHECK(tmo("2:00:00", &ms) == 0 && ms == 7200000);
	CHECK(tmo("0:04:00", &ms) == 0 && ms == 240000);
	CHECK(tmo("1:02:03.5", &ms) == 0 && ms == 3723500);
	CHECK(tmo("1.25", &ms) == 0 && ms == 1250);
	CHECK(tmo("0:00:00.001", &ms) == 0 && ms == 1);
	CHECK(tmo("7200", &ms) == 0 && ms == 7200000);	/* plain seconds may exceed 59 */
	CHECK(tmo("90:00", &ms) == 0 && ms == 5400000);	/* so may the first field */
	CHECK(tmo("1193:02:47.295", &ms) == 0 && ms == 4294967295u);

	CHECK(tmo("1193:02:47.296", &ms) == -EINVAL);	/* past u32 milliseconds */
	CHECK(tmo("99999999999999999999", &ms) == -EINVAL);
	CHECK(tmo("18446744073709551", &ms) == -EINVAL);	/* *1000 would wrap u64 */
	CHECK(tmo("1:60", &ms) == -EINVAL);
	CHECK(tmo("1:00:60", &ms) == -EINVAL);
	CHECK(tmo("1:2:3:4", &ms) == -EINVAL);
	CHECK(tmo("1.2345", &ms) == -EINVAL);
	CHECK(tmo("1.", &ms) == -EINVAL);
	CHECK(tmo(".5", &ms) == -EINVAL);
	CHECK(tmo(":30", &ms) == -EINVAL);
	CHECK(tmo("1::30", &ms) == -EINVAL);
	CHECK(tmo("30:", &ms) == -EINVAL);
	CHECK(tmo("", &ms) == -EINVAL);
	CHECK(tmo("-1", &ms) == -EINVAL);
	CHECK(tmo("1h", &ms) == -EINVAL);
	CHECK(tmo(" 30", &ms) == -EINVAL);
}

static void bool_parse(void)
{
	static const char *const yes[] = { "true", "TRUE", "True", "1", "yes", "YES", "on", "On" };
	static const char *const no[] = { "false", "FALSE", "0", "no", "No", "off", "OFF" };
	static const char *const bad[] = { "", "2", "tru", "truee", "y", "n", "enabled", " true", "-1" };
	unsigned int i;
	bool b;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		b = false;
		CHECK(str_to_bool(yes[i], &b) == 0 && b);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		b = true;
		CHECK(str_to_bool(no[i], &b) == 0 && !b);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(str_to_bool(bad[i], &b) == -EINVAL);
}

static bool ms_is(uint64_t ms, const char *want)
{
	char buf[MS_STRLEN];

	ms_to_str(ms, buf, sizeof(buf));
	return !strcmp(buf, want);
}

static void ms_format(void)
{
	/* As Jool 4's session and global displays print them. */
	CHECK(ms_is(235764, "0:03:55.764"));
	CHECK(ms_is(54140, "0:00:54.140"));
	CHECK(ms_is(7200000, "2:00:00"));	/* no ".000" */
	CHECK(ms_is(240000, "0:04:00"));
	CHECK(ms_is(0, "0:00:00"));
	CHECK(ms_is(1, "0:00:00.001"));
	CHECK(ms_is(36000000 * 10ull + 59999, "100:00:59.999"));
	CHECK(ms_is(4294967295u, "1193:02:47.295"));
	CHECK(ms_is(UINT64_MAX, "5124095576030:25:51.615"));	/* fits MS_STRLEN */
}

static void proto_names(void)
{
	CHECK(!strcmp(l4proto_str(IPPROTO_TCP), "TCP"));
	CHECK(!strcmp(l4proto_str(IPPROTO_UDP), "UDP"));
	CHECK(!strcmp(l4proto_str(IPPROTO_ICMP), "ICMP"));
	CHECK(!strcmp(l4proto_str(IPPROTO_ICMPV6), "unknown"));
}

static int fargs(const char *s)
{
	unsigned long v = 99;

	return str_to_fargs(s, &v) ? -1 : (int)v;
}

/* f-args: decimal as before, and the 0bSSDD form `global display` prints. */
static void fargs_parse(void)
{
	CHECK(fargs("11") == 11);
	CHECK(fargs("0") == 0);
	CHECK(fargs("15") == 15);
	CHECK(fargs("0b0101") == 5);
	CHECK(fargs("0b1011") == 11);
	CHECK(fargs("0B1") == 1);
	CHECK(fargs("0b1111") == 15);

	CHECK(fargs("16") == -1);
	CHECK(fargs("0b") == -1);
	CHECK(fargs("0b10000") == -1);	/* 5 bits */
	CHECK(fargs("0b0102") == -1);
	CHECK(fargs("0x5") == -1);
	CHECK(fargs("5b") == -1);
	CHECK(fargs("") == -1);
}

struct named {
	const char *name;
	int other;
};

/* Jool 4's abbreviations of objects, operations and global keys. */
static void lookup_prefixes(void)
{
	static const struct named keys[] = {
		{ "lowest-ipv6-mtu", 0 }, { "logging-debug", 0 }, { "logging-bib", 0 },
		{ "udp-timeout", 0 }, { "tcp-est-timeout", 0 }, { "tcp-trans-timeout", 0 },
		{ "pool6", 0 }, { "pool6x", 0 }, { NULL, 0 },
	};
	static const struct named one[] = { { "display", 0 }, { NULL, 0 } };

	CHECK(str_lookup("lowest", keys, sizeof(*keys)) == 0);
	CHECK(str_lookup("udp-t", keys, sizeof(*keys)) == 3);
	CHECK(str_lookup("u", keys, sizeof(*keys)) == 3);
	CHECK(str_lookup("logging-bib", keys, sizeof(*keys)) == 2);
	CHECK(str_lookup("tcp-e", keys, sizeof(*keys)) == 4);
	/* An exact name wins over the longer names it starts. */
	CHECK(str_lookup("pool6", keys, sizeof(*keys)) == 6);

	CHECK(str_lookup("logging", keys, sizeof(*keys)) == STR_AMBIGUOUS);
	CHECK(str_lookup("l", keys, sizeof(*keys)) == STR_AMBIGUOUS);
	CHECK(str_lookup("tcp", keys, sizeof(*keys)) == STR_AMBIGUOUS);
	CHECK(str_lookup("udp-timeoutx", keys, sizeof(*keys)) == STR_NO_MATCH);
	CHECK(str_lookup("x", keys, sizeof(*keys)) == STR_NO_MATCH);
	CHECK(str_lookup("", keys, sizeof(*keys)) == STR_NO_MATCH);
	CHECK(str_lookup("d", one, sizeof(*one)) == 0);
}

int main(void)
{
	int failed = 0;

	RUN(prefix_good);
	RUN(prefix_bad);
	RUN(uint_parse);
	RUN(prefix4_parse);
	RUN(port_range_parse);
	RUN(taddr_parse);
	RUN(max_iter_parse);
	RUN(timeout_parse);
	RUN(bool_parse);
	RUN(ms_format);
	RUN(proto_names);
	RUN(fargs_parse);
	RUN(lookup_prefixes);
	return failed ? 1 : 0;
}
