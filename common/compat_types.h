/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat_types.h - lets the pure logic in common/ compile both inside the
 * kernel module and in userspace (CLI and unit tests). Only type and errno
 * headers belong here; common/ code never allocates, locks or logs.
 */
#ifndef _JOOL_COMMON_TYPES_H
#define _JOOL_COMMON_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#endif

#endif
