// SPDX-License-Identifier: GPL-2.0
/* Unit tests of common/iname.c: instance name rules. */
#include "iname.h"
#include "unit.h"

static int v(const char *name)
{
	const char *why = NULL;
	int err = iname_validate(name, &why);

	return (err && !why) ? -2000 : err;
}

static void good_names(void)
{
	CHECK(v("default") == 0);
	CHECK(v("a") == 0);
	CHECK(v("123456789012345") == 0);	/* exactly 15 */
	CHECK(v("lab-1_x.y~!") == 0);
}

static void bad_names(void)
{
	CHECK(v("") == -EINVAL);
	CHECK(v(NULL) == -EINVAL);
	CHECK(v("1234567890123456") == -EINVAL);	/* 16 */
	CHECK(v("has space") == -EINVAL);
	CHECK(v("tab\there") == -EINVAL);
	CHECK(v("caf\xc3\xa9") == -EINVAL);		/* not ASCII */
	CHECK(v("bell\a") == -EINVAL);
}

int main(void)
{
	int failed = 0;

	RUN(good_names);
	RUN(bad_names);
	return failed ? 1 : 0;
}
