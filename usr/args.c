// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - runs argp so that errors come out as exactly one line.
 *
 * getopt and argp print "<cmd>: <error>" followed by a "Try `<cmd> --help'"
 * line, and exit. We parse with ARGP_NO_EXIT | ARGP_NO_HELP while stderr
 * points at a temporary file, print its first line ourselves, and provide
 * --help, --usage and --version as our own options.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "cli.h"
#include "jool.h"

enum { KEY_USAGE = 0x1000, KEY_VERSION };

static const struct argp_option std_options[] = {
	{ "help", '?', NULL, 0, "Give this help list", -1 },
	{ "usage", KEY_USAGE, NULL, 0, "Give a short usage message", -1 },
	{ "version", 'V', NULL, 0, "Print program version", -1 },
	{ 0 }
};

static error_t std_parser(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	switch (key) {
	case '?':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP & ~ARGP_HELP_EXIT_OK);
		exit(0);
	case KEY_USAGE:
		argp_state_help(state, stdout, ARGP_HELP_USAGE);
		exit(0);
	case 'V':
		printf("jool %s\n", JOOL_VERSION_STR);
		exit(0);
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp std_argp = { std_options, std_parser, NULL, NULL, NULL, NULL, NULL };

static argp_parser_t user_parser;

/* Runs the command's parser; first hands the command's input to its children
 * (such as the display options), which argp leaves NULL otherwise. */
static error_t wrap_parser(int key, char *arg, struct argp_state *state)
{
	unsigned int i;

	if (key == ARGP_KEY_INIT)
		for (i = 0; state->root_argp->children[i].argp; i++)
			state->child_inputs[i] = state->input;
	return user_parser ? user_parser(key, arg, state) : ARGP_ERR_UNKNOWN;
}

int args_parse(const struct argp *argp, int argc, char **argv, void *input)
{
	struct argp_child children[8] = { 0 };
	struct argp full = *argp;
	char line[512] = "";
	unsigned int n = 0;
	int saved;
	FILE *tmp;
	error_t err;

	while (argp->children && argp->children[n].argp && n < 6) {
		children[n] = argp->children[n];
		n++;
	}
	children[n] = (struct argp_child){ &std_argp, 0, NULL, -1 };
	full.children = children;
	user_parser = argp->parser;
	full.parser = wrap_parser;

	/* Catch what getopt and argp write on stderr; keep the first line. */
	tmp = tmpfile();
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if (tmp && saved >= 0)
		dup2(fileno(tmp), STDERR_FILENO);
	err = argp_parse(&full, argc, argv, ARGP_NO_EXIT | ARGP_NO_HELP, NULL, input);
	fflush(stderr);
	if (tmp && saved >= 0) {
		dup2(saved, STDERR_FILENO);
		rewind(tmp);
		if (!fgets(line, sizeof(line), tmp))
			line[0] = '\0';
	}
	if (saved >= 0)
		close(saved);
	if (tmp)
		fclose(tmp);
	if (err) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0])
			fprintf(stderr, "%s\n", line);
		else
			cli_err("%s: %s", argv[0], strerror(err));
	}
	return err ? 2 : 0;
}
