/* SPDX-License-Identifier: GPL-2.0 */
/*
 * str.h - text <-> value conversions of the CLI. Pure functions, unit-tested
 * in test/unit. They only parse; semantic checks (RFC 6052 lengths...) belong
 * to common/.
 */
#ifndef _JOOL_USR_STR_H
#define _JOOL_USR_STR_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <netinet/in.h>
#include "rfc6052.h"

#define PREFIX6_STRLEN (INET6_ADDRSTRLEN + 4)

/*
 * Parses "<IPv6 address>/<length>" (length mandatory, 0-128). Returns 0, or
 * -EINVAL with @why set to a sentence for the operator.
 */
int str_to_prefix6(const char *str, struct prefix6 *p, const char **why);
/* Writes "<address>/<length>" into @buf (PREFIX6_STRLEN bytes). */
void prefix6_to_str(const struct prefix6 *p, char *buf);

/* Parses a decimal unsigned integer no larger than @max, with no junk. */
int str_to_uint(const char *str, unsigned long max, unsigned long *out);

/*
 * "a.b.c.d[/len]" (length 32 by default); the bits after the length must be
 * zero ("192.0.2.4/31" yes, "192.0.2.5/31" no): a typo there would otherwise
 * silently hand out other addresses than the operator meant.
 */
int str_to_prefix4(const char *str, struct in_addr *addr, unsigned int *len, const char **why);
/* "N" or "N-M", 0-65535; "M-N" is the same range (as Jool 4). */
int str_to_port_range(const char *str, unsigned int *min, unsigned int *max, const char **why);
/* "ADDR#PORT"; *family is AF_INET or AF_INET6, @addr has room for either (16 bytes). */
int str_to_taddr(const char *str, int *family, void *addr, unsigned int *port, const char **why);
/* "auto" (JOOL_MAX_ITER_AUTO), "infinity" (JOOL_MAX_ITER_INFINITE) or 1..2^32-2. */
int str_to_max_iter(const char *str, uint32_t *out, const char **why);
/* "[[HH:]MM:]SS[.mmm]" to milliseconds. */
int str_to_timeout(const char *str, uint32_t *ms, const char **why);
/*
 * f-args: 0 to 15, in decimal or as the bits `global display` shows
 * ("0b1011", 1 to 4 binary digits).
 */
int str_to_fargs(const char *str, unsigned long *out);
/* true/false/1/0/yes/no/on/off, any case. */
int str_to_bool(const char *str, bool *out);
/*
 * Milliseconds as Jool 4 prints them: "H:MM:SS.mmm", without ".mmm" when it
 * would be ".000" (so "2:00:00", "0:03:55.764"). 32 bytes always suffice.
 */
#define MS_STRLEN 32
void ms_to_str(uint64_t ms, char *buf, size_t size);
/*
 * Jool 4's abbreviations: finds @word among the names at @base (each entry
 * @size bytes and starting with its name, a const char *; a NULL name ends
 * them): an exact match wins, else the only name that starts with @word.
 * Returns the entry's index, STR_NO_MATCH or STR_AMBIGUOUS.
 */
#define STR_NO_MATCH	(-1)
#define STR_AMBIGUOUS	(-2)
int str_lookup(const char *word, const void *base, size_t size);
/* "TCP", "UDP", "ICMP" for IPPROTO_TCP/UDP/ICMP, as Jool 4 spells them. */
const char *l4proto_str(uint8_t proto);

#endif
