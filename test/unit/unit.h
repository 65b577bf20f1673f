/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unit.h - the smallest test harness that does the job: every CHECK counts,
 * every failure names its file, line and expression; each test binary prints
 * "PASS: <test>" or "FAIL: <test>" lines that test/run-all tallies.
 */
#ifndef _JOOL_UNIT_H
#define _JOOL_UNIT_H

#include <stdio.h>

static int unit_failures;	/* within the running test */

#define CHECK(expr) do { \
	if (!(expr)) { \
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #expr); \
		unit_failures++; \
	} \
} while (0)

/* Runs @fn and reports it; returns 1 if it failed. */
static inline int unit_run(const char *name, void (*fn)(void))
{
	unit_failures = 0;
	fn();
	printf("%s: unit/%s\n", unit_failures ? "FAIL" : "PASS", name);
	return unit_failures != 0;
}

#define RUN(fn) (failed += unit_run(#fn, fn))

#endif
