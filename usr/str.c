// SPDX-License-Identifier: GPL-2.0
/*
 * str.c - text <-> value conversions (see str.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jool.h"
#include "str.h"

int str_to_uint(const char *str, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!str || !isdigit((unsigned char)str[0]))
		return -EINVAL;
	errno = 0;
	v = strtoul(str, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int str_to_prefix6(const char *str, struct prefix6 *p, const char **why)
{
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(str, '/');
	unsigned long len;
	size_t n;

	if (!slash) {
		*why = "the prefix needs a length, as in 64:ff9b::/96";
		return -EINVAL;
	}
	n = slash - str;
	if (n == 0 || n >= sizeof(addr)) {
		*why = "the prefix's address is not an IPv6 address";
		return -EINVAL;
	}
	memcpy(addr, str, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET6, addr, &p->addr) != 1) {
		*why = "the prefix's address is not an IPv6 address";
		return -EINVAL;
	}
	if (str_to_uint(slash + 1, 128, &len)) {
		*why = "the prefix length must be a number from 0 to 128";
		return -EINVAL;
	}
	p->len = len;
	return 0;
}

void prefix6_to_str(const struct prefix6 *p, char *buf)
{
	char addr[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &p->addr, addr, sizeof(addr));
	snprintf(buf, PREFIX6_STRLEN, "%s/%u", addr, p->len);
}

int str_to_prefix4(const char *str, struct in_addr *addr, unsigned int *len, const char **why)
{
	char buf[INET_ADDRSTRLEN];
	const char *slash = strchr(str, '/');
	size_t n = slash ? (size_t)(slash - str) : strlen(str);
	unsigned long l = 32;
	uint32_t host;

	if (n == 0 || n >= sizeof(buf)) {
		*why = "not an IPv4 address or prefix";
		return -EINVAL;
	}
	memcpy(buf, str, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, addr) != 1) {
		*why = "not an IPv4 address or prefix";
		return -EINVAL;
	}
	if (slash && str_to_uint(slash + 1, 32, &l)) {
		*why = "the prefix length must be a number from 0 to 32";
		return -EINVAL;
	}
	host = (uint32_t)(0xffffffffull >> l);	/* 64-bit: l may be 32 */
	if (ntohl(addr->s_addr) & host) {
		*why = "the address has host bits set after the prefix length (give the first address of the block)";
		return -EINVAL;
	}
	*len = l;
	return 0;
}

/*
 * "N" or "N-M". Jool 4 reads the two numbers and ignores what follows M
 * after another dash ("1-2-3" is 1-2), so a range it accepts works here too;
 * any other trailing text is refused.
 */
int str_to_port_range(const char *str, unsigned int *min, unsigned int *max, const char **why)
{
	char buf[16];
	const char *dash = strchr(str, '-'), *end;
	unsigned long a, b;

	*why = "a port range is N or N-M, with ports from 0 to 65535";
	if (strlen(str) >= sizeof(buf))
		return -EINVAL;
	if (!dash) {
		if (str_to_uint(str, 65535, &a))
			return -EINVAL;
		*min = *max = a;
		return 0;
	}
	memcpy(buf, str, dash - str);
	buf[dash - str] = '\0';
	if (str_to_uint(buf, 65535, &a))
		return -EINVAL;
	end = strchr(dash + 1, '-');
	if (!end)
		end = dash + 1 + strlen(dash + 1);
	memcpy(buf, dash + 1, end - dash - 1);
	buf[end - dash - 1] = '\0';
	if (str_to_uint(buf, 65535, &b))
		return -EINVAL;
	/* Jool 4 takes "200-100" as 100-200. */
	*min = a < b ? a : b;
	*max = a < b ? b : a;
	return 0;
}

int str_to_taddr(const char *str, int *family, void *addr, unsigned int *port, const char **why)
{
	char buf[INET6_ADDRSTRLEN];
	const char *hash = strrchr(str, '#');
	unsigned long p;
	size_t n;

	*why = "a transport address is ADDRESS#PORT";
	if (!hash || hash == str || (n = hash - str) >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, str, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, addr) == 1)
		*family = AF_INET6;
	else if (inet_pton(AF_INET, buf, addr) == 1)
		*family = AF_INET;
	else {
		*why = "the address of the transport address is neither IPv4 nor IPv6";
		return -EINVAL;
	}
	if (str_to_uint(hash + 1, 65535, &p)) {
		*why = "the port of the transport address must be a number from 0 to 65535";
		return -EINVAL;
	}
	*port = p;
	return 0;
}

int str_to_max_iter(const char *str, uint32_t *out, const char **why)
{
	unsigned long v;

	if (!strcasecmp(str, "auto")) {
		*out = JOOL_MAX_ITER_AUTO;
		return 0;
	}
	if (!strcasecmp(str, "infinity")) {
		*out = JOOL_MAX_ITER_INFINITE;
		return 0;
	}
	if (str_to_uint(str, JOOL_MAX_ITER_INFINITE - 1, &v) || !v) {
		*why = "max-iterations is auto, infinity or a number from 1 to 4294967294";
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int str_to_timeout(const char *str, uint32_t *ms, const char **why)
{
	unsigned long part[3], frac = 0;
	int n = 0, digits = 0;
	const char *s = str;
	uint64_t total;
	char *end;

	*why = "a timeout is [[HH:]MM:]SS[.mmm]";
	for (;;) {
		if (n == 3 || !isdigit((unsigned char)*s))
			return -EINVAL;
		errno = 0;
		part[n++] = strtoul(s, &end, 10);
		if (errno || part[n - 1] > UINT32_MAX) {
			/* Bounded here so that the sum below cannot wrap. */
			*why = "the timeout is too long";
			return -EINVAL;
		}
		s = end;
		if (*s != ':')
			break;
		s++;
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s) && digits < 3; s++, digits++)
			frac = frac * 10 + (*s - '0');
		if (!digits)
			return -EINVAL;
		for (; digits < 3; digits++)
			frac *= 10;
	}
	if (*s)
		return -EINVAL;
	total = 0;
	for (int i = 0; i < n; i++) {
		if (i && part[i] >= 60) {
			*why = "minutes and seconds after a colon go from 00 to 59";
			return -EINVAL;
		}
		total = total * 60 + part[i];
	}
	total = total * 1000 + frac;
	if (total > UINT32_MAX) {
		*why = "the timeout is too long";
		return -EINVAL;
	}
	*ms = total;
	return 0;
}

int str_to_fargs(const char *str, unsigned long *out)
{
	const char *s;
	unsigned long v = 0;

	if (strncasecmp(str, "0b", 2))
		return str_to_uint(str, 15, out);
	for (s = str + 2; *s == '0' || *s == '1'; s++)
		v = v * 2 + (*s - '0');
	if (*s || s == str + 2 || s - (str + 2) > 4)
		return -EINVAL;
	*out = v;
	return 0;
}

int str_to_bool(const char *str, bool *out)
{
	static const char *const yes[] = { "true", "1", "yes", "on" };
	static const char *const no[] = { "false", "0", "no", "off" };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		if (!strcasecmp(str, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(str, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

void ms_to_str(uint64_t ms, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%llu:%02llu:%02llu",
			 (unsigned long long)(ms / 3600000), (unsigned long long)(ms / 60000 % 60),
			 (unsigned long long)(ms / 1000 % 60));

	/* Jool 4 (timeout2str) shows milliseconds only when there are some. */
	if (ms % 1000 && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - n, ".%03llu", (unsigned long long)(ms % 1000));
}

int str_lookup(const char *word, const void *base, size_t size)
{
	const char *const *name;
	int i, found = STR_NO_MATCH;

	for (i = 0, name = base; *name; i++, name = (const void *)((const char *)name + size)) {
		if (!strcmp(*name, word))
			return i;
		if (*word && !strncmp(*name, word, strlen(word)))
			found = found == STR_NO_MATCH ? i : STR_AMBIGUOUS;
	}
	return found;
}

const char *l4proto_str(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_UDP:
		return "UDP";
	case IPPROTO_ICMP:
		return "ICMP";
	}
	return "unknown";
}
