/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iname.h - instance names.
 */
#ifndef _JOOL_COMMON_INAME_H
#define _JOOL_COMMON_INAME_H

#include "compat_types.h"

/*
 * Instance names are 1 to JOOL_INSTANCE_NAME_MAX printable ASCII characters
 * without spaces (0x21-0x7e), so they survive tables, CSV and shells.
 * Returns 0, or -EINVAL with @why set to a sentence for the operator.
 */
int iname_validate(const char *name, const char **why);

#endif
