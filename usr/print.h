/* SPDX-License-Identifier: GPL-2.0 */
/*
 * print.h - the one printing path of every display.
 *
 * An object file describes its columns once (title for the text table and
 * CSV header, key for JSON, width for the text table) and then feeds rows,
 * one cell at a time, in column order. The printer renders them as Jool 4's
 * text table, as CSV (--csv) or as a JSON array of objects (-j/--json).
 * Rows stream out as they come, so dumps of any size print in constant memory.
 * Nothing else in the CLI writes a display to stdout.
 */
#ifndef _JOOL_USR_PRINT_H
#define _JOOL_USR_PRINT_H

#include <argp.h>
#include <stdbool.h>
#include <stdint.h>

enum print_format { PRINT_TEXT, PRINT_CSV, PRINT_JSON };

struct print_opts {
	enum print_format format;
	bool no_headers;
};

/* The display options (--csv, --no-headers, -j/--json) as an argp child;
 * its input is a struct print_opts. */
extern const struct argp print_argp;

/*
 * Formats a column appears in (print_col.only); 0 means every format. A
 * display whose text and CSV forms have different columns (Jool 4's pool4:
 * "Ports" in text, "Min port" and "Max port" in CSV) lists both sets and
 * feeds every cell; each format keeps its own.
 */
#define PF_TEXT	1
#define PF_CSV	2
#define PF_JSON	4
/*
 * Not a format but a behaviour of a text table's cell: blank in every row of
 * a group but its first (table_group()), as Jool 4's pool4 shows the mark,
 * protocol and max iterations once per (mark, protocol).
 */
#define PF_GROUP 8
/* CSV: always quoted (Jool 4 quotes the explanations of `stats display --explain`). */
#define PF_QUOTE 16

struct print_col {
	const char *title;	/* "Namespace"; NULL for a JSON-only field */
	const char *key;	/* "namespace" */
	int width;		/* text table cell width */
	unsigned int only;	/* PF_* mask; 0: all (JSON only if no title) */
};

struct table;

struct table *table_start(const struct print_opts *opts,
			  const struct print_col *cols, int ncols);

/*
 * Displays whose text form is not a bordered table but Jool 4's own lines
 * (BIB, sessions, globals, stats). In text mode the printer collects each
 * row's cells as text, in column order and whatever their PF_* masks, and
 * hands them to @row; @head (if not NULL) is printed first, even when there
 * are no rows (Jool's session display opens with a separator line). CSV and
 * JSON come out as from table_start().
 */
typedef void (*print_row_fn)(const char *const *cells, void *arg);
struct table *table_start_lines(const struct print_opts *opts,
				const struct print_col *cols, int ncols,
				const char *head, print_row_fn row, void *arg);

/*
 * Text tables with PF_GROUP columns: the next row starts a group. Prints a
 * border above it, and that row shows its PF_GROUP cells; later rows of the
 * group leave them blank. Does nothing in CSV and JSON, which repeat every
 * value on every row.
 */
void table_group(struct table *t);

void table_str(struct table *t, const char *value);
void table_u64(struct table *t, uint64_t value);
/* "1"/"0" in text and CSV (as Jool 4's CSVs), true/false in JSON. */
void table_bool(struct table *t, bool value);
void table_skip(struct table *t);
void table_row_end(struct table *t);
/* Closes the table (bottom border, JSON "]") and frees it. */
void table_end(struct table *t);
void table_abort(struct table *t);

#endif
