/*
 * xlsxout.h - writes an Excel workbook (.xlsx) from a template's result in
 * srmap's workbook vocabulary (docs/xlsx.md).
 *
 * An Excel format is made as every other format is: by an XSLT template over
 * the canonical XML.  The template describes the workbook - sheets, rows,
 * cells with a type and named styles, columns, frozen header rows, filters -
 * and this writer checks that description strictly and writes it with
 * libxlsxwriter, which does the packaging and the escaping.  What the sheets
 * hold is the template's; how a named style looks, and the column widths the
 * template leaves open, are decided here.
 */
#ifndef SRMAP_XLSXOUT_H
#define SRMAP_XLSXOUT_H

#include <libxml/tree.h>
#include "srmap/base/diag.h"

enum xlsxout_status {
	XLSXOUT_OK = 0,
	XLSXOUT_ERR_SHAPE = -1,   /* the document is not a workbook in the vocabulary (reported) */
	XLSXOUT_ERR_WRITE = -2    /* the file could not be written (reported, naming shown) */
};

/* Where a workbook goes. */
struct xlsxout_file {
	const char *path;     /* the file to write: created, or truncated and rewritten */
	const char *shown;    /* how a write error names it */
	const char *tmpdir;   /* where libxlsxwriter keeps the temporaries it assembles from */
};

/* Columns are sized to their longest line of text, but never wider than this (characters). */
#define XLSXOUT_MAX_WIDTH 80

/*
 * Checks doc and writes the workbook it describes to out->path.  name is
 * the template, as problems name it: "name:line: xlsx /workbook/sheet[2]/
 * row[3]/cell[1]: ...".  An element, attribute or style outside the
 * vocabulary, text where none belongs, a sheet name Excel refuses (empty,
 * longer than 31 characters, holding one of []:*?/\ or a control character,
 * beginning or ending with an apostrophe, "History", or given twice without
 * regard to letter case), a number cell that is not a number, two styles of
 * one cell that both set its fill, colour, size or number format, more rows
 * or columns than a sheet holds, or a missing or invalid created time is a
 * problem; the first ten are reported one by one, the rest counted.  Text
 * longer than the 32,767 characters a cell holds is cut, with a warning.
 * Nothing is written before the whole document has been checked.  The
 * workbook's creation time is the template's created attribute, never the
 * clock, and libxlsxwriter dates every member of the zip 1980-01-01, so
 * the same document gives the same bytes.  A library allocation that fails
 * ends the run as alloc_exhausted does.  Returns an xlsxout_status.
 */
int xlsxout_write(xmlDocPtr doc, const char *name, const struct xlsxout_file *out,
		  struct diag_list *d);

#endif
