// SPDX-License-Identifier: GPL-2.0
/*
 * str.c - text <-> value conversions (see str.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
