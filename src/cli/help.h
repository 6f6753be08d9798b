/*
 * help.h - the option table's row type, and the help texts of srmap and of
 * each of its commands, made from that table and the command table of help.c.
 */
#ifndef SRMAP_CLI_HELP_H
#define SRMAP_CLI_HELP_H

#include <stdio.h>

enum arg_kind { ARG_NONE, ARG_ONE, ARG_MANY };

/* One command-line option: main.c holds the table, ended by a row of NULLs. */
struct option_spec {
	const char *name;
	char short_name;
	enum arg_kind kind;
	const char *value;
	const char *help;
};

/* Prints the synopsis of every command to f ("usage: srmap assess ..."). */
void help_usage(FILE *f);

/* 1 when word names a command (assess, validate, ..., help), else 0. */
int help_is_command(const char *word);

/*
 * 1 when command takes the option named option (its long name), as the
 * command's help lists it (--help and --version go with any command), or
 * when command names no command; else 0.
 */
int help_command_takes(const char *command, const char *option);

/*
 * Prints to f the help of command (its synopsis, what it does, its options
 * from options, examples, exit statuses), or, when command is NULL, the
 * global help: the commands, the global options, the exit statuses.
 * Returns 0, or -1 when command names no command (nothing is printed).
 */
int help_print(FILE *f, const struct option_spec *options, const char *command);

#endif
