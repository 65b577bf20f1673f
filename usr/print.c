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
	bool grouped;			/* a text table with PF_GROUP columns */
	bool group_first;		/* the current row starts a group */
	print_row_fn row_fn;		/* text as lines (table_start_lines) */
	void *row_arg;
	char **cells;			/* the current row's text, for row_fn */
};

#define PF_FORMATS (PF_TEXT | PF_CSV | PF_JSON)

static bool shown(const struct print_col *c, enum print_format f)
{
	unsigned int bit = f == PRINT_TEXT ? PF_TEXT : f == PRINT_CSV ? PF_CSV : PF_JSON;

	if (c->only & PF_FORMATS)
		return c->only & bit;
	return c->title || f == PRINT_JSON;
}

static void *zalloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p) {
		perror("jool");
		exit(1);
	}
	return p;
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

static struct table *table_new(const struct print_opts *opts,
				const struct print_col *cols, int ncols)
{
	struct table *t = zalloc(sizeof(*t));
	int i;

	t->opts = *opts;
	t->cols = cols;
	t->ncols = ncols;
	for (i = 0; i < ncols; i++)
		if (cols[i].only & PF_GROUP)
			t->grouped = opts->format == PRINT_TEXT;
	return t;
}

/* The CSV header, or JSON's "[": what both kinds of tables share. */
static void start_machine(const struct table *t)
{
	int i, j;

	if (t->opts.format == PRINT_CSV && !t->opts.no_headers) {
		for (i = 0, j = 0; i < t->ncols; i++)
			if (shown(&t->cols[i], PRINT_CSV))
				printf("%s%s", j++ ? "," : "", t->cols[i].title);
		putchar('\n');
	} else if (t->opts.format == PRINT_JSON) {
		putchar('[');
	}
}

struct table *table_start_lines(const struct print_opts *opts,
				const struct print_col *cols, int ncols,
				const char *head, print_row_fn row, void *arg)
{
	struct table *t = table_new(opts, cols, ncols);

	if (t->opts.format != PRINT_TEXT) {
		start_machine(t);
		return t;
	}
	t->grouped = false;
	t->row_fn = row;
	t->row_arg = arg;
	t->cells = zalloc(ncols * sizeof(*t->cells));
	if (head)
		puts(head);
	return t;
}

struct table *table_start(const struct print_opts *opts,
			  const struct print_col *cols, int ncols)
{
	struct table *t = table_new(opts, cols, ncols);
	int i;

	switch (t->opts.format) {
	case PRINT_TEXT:
		/* Jool 4 keeps a plain table's borders without headers (instance). */
		if (t->opts.no_headers) {
			if (!t->grouped)
				border(t);
			break;
		}
		border(t);
		for (i = 0; i < ncols; i++)
			if (shown(&cols[i], PRINT_TEXT))
				printf("| %*s ", cols[i].width, cols[i].title);
		puts("|");
		/* A grouped table's first group draws the line under the titles. */
		if (!t->grouped)
			border(t);
		break;
	case PRINT_CSV:
	case PRINT_JSON:
		start_machine(t);
		break;
	}
	return t;
}

void table_group(struct table *t)
{
	if (!t->grouped)
		return;
	border(t);
	t->group_first = true;
}

/* CSV cells are quoted only when they must be (RFC 4180), or when asked. */
static void csv_cell(const char *s, bool quote)
{
	if (!quote && !strpbrk(s, ",\"\n")) {
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
	if (t->row_fn) {
		/* Every cell: the row function picks what its lines show. */
		t->cells[t->col - 1] = strdup(text);
		if (!t->cells[t->col - 1]) {
			perror("jool");
			exit(1);
		}
		json_object_put(json);
		return;
	}
	if (!shown(c, t->opts.format)) {
		json_object_put(json);
		return;
	}
	switch (t->opts.format) {
	case PRINT_TEXT:
		if ((c->only & PF_GROUP) && t->grouped && !t->group_first)
			text = "";
		printf("| %*s ", c->width, text);
		json_object_put(json);
		break;
	case PRINT_CSV:
		if (t->csv_cells++)
			putchar(',');
		csv_cell(text, c->only & PF_QUOTE);
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

void table_bool(struct table *t, bool value)
{
	cell(t, value ? "1" : "0",
	     t->opts.format == PRINT_JSON ? json_object_new_boolean(value) : NULL);
}

/* A cell this row lacks: CSV leaves it out (Jool 4's UDP sessions have no
 * state field), text reads it as empty, JSON omits its key. */
void table_skip(struct table *t)
{
	if (t->col < t->ncols)
		t->col++;
}

void table_row_end(struct table *t)
{
	int i;

	switch (t->opts.format) {
	case PRINT_TEXT:
		if (!t->row_fn) {
			puts("|");
			t->group_first = false;
			break;
		}
		/* Cells the caller did not feed read as empty. */
		for (i = 0; i < t->ncols; i++)
			if (!t->cells[i] && !(t->cells[i] = strdup("")))
				exit(1);
		t->row_fn((const char *const *)t->cells, t->row_arg);
		for (i = 0; i < t->ncols; i++) {
			free(t->cells[i]);
			t->cells[i] = NULL;
		}
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

/* A table cut short by an error: a JSON document is closed, text is not. */
void table_abort(struct table *t)
{
	if (!t)
		return;
	if (t->opts.format == PRINT_JSON)
		puts("]");
	free(t->cells);
	free(t);
}

void table_end(struct table *t)
{
	/* Jool 4 closes its tables even without headers. */
	if (t->opts.format == PRINT_TEXT && !t->row_fn)
		border(t);
	else if (t->opts.format == PRINT_JSON)
		puts("]");
	free(t->cells);
	free(t);
}
