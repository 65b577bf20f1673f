/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat_types.h - lets the pure logic in common/ compile both inside the
 * kernel module and in userspace (CLI and unit tests). Only type and errno
 * headers belong here; common/ code never allocates, locks or logs: callers
 * hand it the memory it works in.
 */
#ifndef _JOOL_COMMON_TYPES_H
#define _JOOL_COMMON_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/string.h>
#include <linux/sort.h>
#define jsort(base, n, size, cmp) sort(base, n, size, cmp, NULL)
/* Sorting with a context: comparators take (a, b, JSORT_CTX ctx). */
#define JSORT_CTX const void *
#define jsort_r(base, n, size, cmp, ctx) sort_r(base, n, size, cmp, NULL, ctx)
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/types.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#define be32_to_cpu(x) ntohl(x)
#define cpu_to_be32(x) htonl(x)
#define jsort(base, n, size, cmp) qsort(base, n, size, cmp)
#define JSORT_CTX void *
#define jsort_r(base, n, size, cmp, ctx) qsort_r(base, n, size, cmp, (void *)(ctx))
#endif

#endif
