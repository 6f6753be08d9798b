/*
 * diag.h - diagnostics: errors and warnings that name a file and a position.
 *
 * Every problem srmap finds in its inputs becomes one diagnostic.  They are
 * printed as they arrive, as "srmap: FILE:LINE:COL: message" for errors and
 * "srmap: FILE:LINE:COL: warning: message" for warnings, and kept in the list
 * so that warnings can also be written into the assessment XML.
 */
#ifndef SRMAP_DIAG_H
#define SRMAP_DIAG_H

#include <stdio.h>
#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* Where something came from: a file and a 1-based line and column (0 = unknown). */
struct srcpos {
	const char *file;   /* borrowed; lives as long as the loaded input */
	int line;
	int col;
};

struct diag {
	enum diag_level level;
	char *file;         /* owned; NULL when the message is not about a file */
	int line, col;
	char *msg;          /* owned */
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	size_t errors, warnings;
	FILE *stream;       /* where diagnostics are printed; NULL prints nothing */
	int strict;         /* when set, warnings count as errors */
	int quiet;          /* when set, warnings are kept but not printed */
};

/* Prepares an empty list that prints to stream (may be NULL). */
void diag_init(struct diag_list *d, FILE *stream);

/* Frees every diagnostic; the list can be reused after diag_init. */
void diag_release(struct diag_list *d);

/* Records and prints one diagnostic.  file may be NULL; line/col 0 mean unknown. */
void diag_add(struct diag_list *d, enum diag_level level, const char *file,
	      int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Shorthands for diag_add at a source position. */
void diag_error_at(struct diag_list *d, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warn_at(struct diag_list *d, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Number of diagnostics that make the run fail (errors, plus warnings when strict). */
size_t diag_failures(const struct diag_list *d);

#endif
