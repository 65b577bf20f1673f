/* SPDX-License-Identifier: GPL-2.0 */
/*
 * print.h - the one printing path of every display.
 *
 * An object file describes its columns once (title for the text table and
 * CSV header, key for JSON, width for the text table) and then feeds rows,
 * one cell at a time, in column order. The printer renders them as Jool 4's
 * text table, as CSV (--csv) or as a JSON array of objects (-j/--json).
 * Rows stream out as they come, so dumps of any size print in constant memory.
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

/* Formats a column appears in (print_col.only); 0 means every format. */
#define PF_TEXT	1
#define PF_CSV	2
#define PF_JSON	4

struct print_col {
	const char *title;	/* "Namespace"; NULL for a JSON-only field */
	const char *key;	/* "namespace" */
	int width;		/* text table cell width */
	unsigned int only;	/* PF_* mask; 0: all (JSON only if no title) */
};

struct table;

struct table *table_start(const struct print_opts *opts,
			  const struct print_col *cols, int ncols);
void table_str(struct table *t, const char *value);
void table_u64(struct table *t, uint64_t value);
void table_row_end(struct table *t);
/* Closes the table (bottom border, JSON "]") and frees it. */
void table_end(struct table *t);

#endif
