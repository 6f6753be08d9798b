/*
 * format.h - the files of a report set: one row per output format, and the
 * names of the signed manifest beside them.
 *
 * Every format is the canonical XML written by emit.c, XML or text produced
 * by an XSLT template over it, JSON or an Excel workbook described by a
 * template, or a PDF laid out from a template's layout XML.  The table is what --format, the help, the output folder and the
 * report writer agree on.
 */
#ifndef SRMAP_FORMAT_H
#define SRMAP_FORMAT_H

#include <stddef.h>
#include <stdio.h>
#include "srmap/base/diag.h"

enum report_kind {
	REPORT_CANONICAL,      /* the canonical assessment XML itself */
	REPORT_TEMPLATE,       /* a template's result, serialized as its xsl:output says */
	REPORT_PDF,            /* a template's layout XML, laid out and drawn as PDF */
	REPORT_JSON,           /* a template's XML representation of JSON, written as JSON (jsonout.h) */
	REPORT_XLSX            /* a template's workbook description, written as .xlsx (xlsxout.h) */
};

struct report_format {
	const char *name;      /* as given to --format */
	const char *file;      /* file name in the output folder */
	enum report_kind kind;
	const char *template;  /* template file name in templates/, or NULL */
	const char *what;      /* one line for --help and the man page */
	unsigned cost;         /* tenths of a second it takes at 10,000 resources (docs/
				  performance.md): under --jobs the costliest start first */
};

/* The formats, in the order they are written; ends with a row of NULLs. */
extern const struct report_format report_formats[];

/* The number of formats (rows of report_formats before its row of NULLs). */
size_t format_count(void);

/*
 * Parses a comma-separated list of format names into *mask; "all" selects
 * every format.  Returns 0, or -1 after reporting an unknown name to d.
 */
int report_parse_formats(const char *list, unsigned *mask, struct diag_list *d);

/* Mask of every format. */
unsigned report_all_formats(void);

/* The manifest of a signed set and its detached signature (sign.h). */
#define SIGN_MANIFEST "manifest.sha256"
#define SIGN_SIGNATURE "manifest.sha256.p7s"

/*
 * Whether the len bytes at name are the name of a file srmap writes into an
 * output folder (a format's file, the manifest or its signature): nothing
 * else there is ever deleted.  Allocates nothing.
 */
int format_is_output_name(const char *name, size_t len);

/*
 * Prints the shipped templates (datadir/templates): for each format made by
 * a template, its name, the template file, the file it writes and what it
 * is, and whether the template file is present.  Returns SRMAP_EXIT_OK, or
 * SRMAP_EXIT_CATALOG when a template named by a format is missing.
 */
int format_list_templates(const char *datadir, FILE *out);

/*
 * The n tasks making the formats format[0 .. n-1] (indexes into
 * report_formats), in the order to start them side by side: the costliest
 * first, ties in the order given.  Returns an array of n task numbers, owned
 * by the caller (free it).
 */
size_t *format_start_order(const size_t *format, size_t n);

#endif
