// SPDX-License-Identifier: GPL-2.0
/*
 * iname.c - instance name validation, shared by the module and the CLI so
 * both refuse exactly the same names with exactly the same words.
 */
#include "iname.h"
#include "jool.h"

int iname_validate(const char *name, const char **why)
{
	size_t i;

	if (!name || !name[0]) {
		*why = "instance name is empty";
		return -EINVAL;
	}
	for (i = 0; name[i]; i++) {
		if (i >= JOOL_INSTANCE_NAME_MAX) {
			*why = "instance name is longer than 15 characters";
			return -EINVAL;
		}
		if (name[i] < 0x21 || name[i] > 0x7e) {
			*why = "instance name must be printable ASCII without spaces";
			return -EINVAL;
		}
	}
	return 0;
}
