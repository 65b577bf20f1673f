// SPDX-License-Identifier: GPL-2.0
/*
 * print.c - renders displays as text tables, CSV or JSON (see print.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "print.h"

enum { KEY_CSV = 0x2000, KEY_NO_HEADERS };

static const struct argp_option print_options[] = {
	{ "csv", KEY_CSV, NULL, 0, "Print the table in CSV format", 0 },
	{ "no-headers", KEY_NO_HEADERS, NULL, 0, "Do not print table headers", 0 },
	{ "json", 'j', NULL, 0, "Print a JSON array of objects", 0 },
	{ 0 }
};

static error_t print_parser(int key, char *arg, struct argp_state *state)
{
	struct print_opts *opts = state->input;

	(void)arg;
	switch (key) {
	case KEY_CSV:
		opts->format = PRINT_CSV;
		return 0;
	case KEY_NO_HEADERS:
		opts->no_headers = true;
		return 0;
	case 'j':
		opts->format = PRINT_JSON;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

const struct argp print_argp = { print_options, print_parser, NULL, NULL, NULL, NULL, NULL };

struct table {
	struct print_opts opts;
	const struct print_col *cols;
	int ncols;
	int col;			/* next cell of the current row */
	int csv_cells;			/* cells printed in the current CSV row */
	unsigned long rows;
	struct json_object *obj;	/* current JSON row */
};

static bool shown(const struct print_col *c, enum print_format f)
{
	unsigned int bit = f == PRINT_TEXT ? PF_TEXT : f == PRINT_CSV ? PF_CSV : PF_JSON;

	if (c->only)
		return c->only & bit;
	return c->title || f == PRINT_JSON;
}

static void border(const struct table *t)
{
	int i, j;

	for (i = 0; i < t->ncols; i++) {
		if (!shown(&t->cols[i], PRINT_TEXT))
			continue;
		putchar('+');
		for (j = 0; j < t->cols[i].width + 2; j++)
			putchar('-');
	}
	puts("+");
}

struct table *table_start(const struct print_opts *opts,
			  const struct print_col *cols, int ncols)
{
	struct table *t = calloc(1, sizeof(*t));
	int i, j;

	if (!t) {
		perror("jool");
		exit(1);
	}
	t->opts = *opts;
	t->cols = cols;
	t->ncols = ncols;
	switch (t->opts.format) {
	case PRINT_TEXT:
		if (t->opts.no_headers)
			break;
		border(t);
		for (i = 0; i < ncols; i++)
			if (shown(&cols[i], PRINT_TEXT))
				printf("| %*s ", cols[i].width, cols[i].title);
		puts("|");
		border(t);
		break;
	case PRINT_CSV:
		if (t->opts.no_headers)
			break;
		for (i = 0, j = 0; i < ncols; i++)
			if (shown(&cols[i], PRINT_CSV))
				printf("%s%s", j++ ? "," : "", cols[i].title);
		putchar('\n');
		break;
	case PRINT_JSON:
		putchar('[');
		break;
	}
	return t;
}

/* CSV cells are quoted only when they must be (RFC 4180). */
static void csv_cell(const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void cell(struct table *t, const char *text, struct json_object *json)
{
	const struct print_col *c;

	if (t->col >= t->ncols) {
		json_object_put(json);
		return;		/* a bug in the caller; never print garbage */
	}
	c = &t->cols[t->col++];
	if (!shown(c, t->opts.format)) {
		json_object_put(json);
		return;
	}
	switch (t->opts.format) {
	case PRINT_TEXT:
		printf("| %*s ", c->width, text);
		json_object_put(json);
		break;
	case PRINT_CSV:
		if (t->csv_cells++)
			putchar(',');
		csv_cell(text);
		json_object_put(json);
		break;
	case PRINT_JSON:
		if (!t->obj)
			t->obj = json_object_new_object();
		json_object_object_add(t->obj, c->key, json);
		break;
	}
}

void table_str(struct table *t, const char *value)
{
	cell(t, value, t->opts.format == PRINT_JSON ? json_object_new_string(value) : NULL);
}

void table_u64(struct table *t, uint64_t value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, value);
	cell(t, buf, t->opts.format == PRINT_JSON ? json_object_new_uint64(value) : NULL);
}

void table_row_end(struct table *t)
{
	switch (t->opts.format) {
	case PRINT_TEXT:
		puts("|");
		break;
	case PRINT_CSV:
		putchar('\n');
		break;
	case PRINT_JSON:
		printf("%s%s", t->rows ? "," : "",
		       json_object_to_json_string_ext(t->obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(t->obj);
		t->obj = NULL;
		break;
	}
	t->rows++;
	t->col = 0;
	t->csv_cells = 0;
}

void table_end(struct table *t)
{
	if (t->opts.format == PRINT_TEXT && !t->opts.no_headers)
		border(t);
	else if (t->opts.format == PRINT_JSON)
		puts("]");
	free(t);
}
