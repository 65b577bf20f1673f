// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of common/stats.c: the counters are Jool 4.1's 69, by name and
 * in Jool's order (test/guest/files/jool4_stats.txt, from Jool 4.1.9's
 * `stats display --all`), then jool's own; each has a name and explanation.
 */
#include <string.h>
#include "stats.h"
#include "unit.h"

#define JOOL4_STATS "../guest/files/jool4_stats.txt"
#define JOOL4_COUNT 69

static void jool4_order(void)
{
	char line[128];
	FILE *f = fopen(JOOL4_STATS, "r");
	int i = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		CHECK(i < __JSTAT_COUNT);
		if (i >= __JSTAT_COUNT)
			break;
		if (strcmp(jstat_meta[i].name ? jstat_meta[i].name : "(none)", line)) {
			fprintf(stderr, "  counter %d: %s, Jool 4 has %s\n", i, jstat_meta[i].name, line);
			CHECK(!"Jool 4's name in Jool 4's place");
		}
		i++;
	}
	fclose(f);
	CHECK(i == JOOL4_COUNT);
}

static void every_counter_explained(void)
{
	int i, j;

	for (i = 0; i < __JSTAT_COUNT; i++) {
		CHECK(jstat_meta[i].name && !strncmp(jstat_meta[i].name, "JSTAT", 5));
		CHECK(jstat_meta[i].doc && strlen(jstat_meta[i].doc) > 10);
		for (j = 0; j < i && jstat_meta[i].name; j++)
			CHECK(!jstat_meta[j].name || strcmp(jstat_meta[i].name, jstat_meta[j].name));
	}
	/* jool's own come after Jool's. */
	CHECK(JSTAT_MALFORMED >= JOOL4_COUNT);
	CHECK(JSTAT_UNKNOWN == JOOL4_COUNT - 1);
}

int main(void)
{
	int failed = 0;

	RUN(jool4_order);
	RUN(every_counter_explained);
	return failed;
}
