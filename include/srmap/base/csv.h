/*
 * csv.h - a reader of comma-separated values as RFC 4180 describes them,
 * with the source position of every field.
 *
 * Records end at LF, CRLF or a lone CR; a field is either bare or enclosed
 * in double quotes, inside which a doubled quote stands for one quote and
 * line breaks are part of the field (CRLF is read as LF).  The delimiter is
 * a comma, or whichever of comma, semicolon and tab occurs most often in the
 * first line outside quotes.  Empty lines are skipped.  The text must be
 * valid UTF-8 (a byte-order mark is skipped).  Characters XML cannot carry
 * (controls but tab, newline and carriage return; U+FFFE, U+FFFF) are
 * replaced by U+FFFD, each such field warned about and recorded in fixes.
 *
 * A problem confined to one record (text after a closing quote) is reported
 * as a warning at its line and column and the record is skipped; the next
 * record is read normally.  A quote that is never
 * closed swallows the rest of the file: that is an error.
 */
#ifndef SRMAP_CSV_H
#define SRMAP_CSV_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/base/utf8.h"

enum csv_status {
	CSV_END,       /* no more records */
	CSV_RECORD,    /* a record was read */
	CSV_SKIPPED,   /* a bad record was reported (warning) and skipped */
	CSV_FATAL      /* the rest of the input cannot be read (error reported) */
};

struct csv_reader {
	const char *file;        /* name used in positions; borrowed */
	const char *text;        /* the input; borrowed */
	size_t len, off;
	char delim;
	int line;                /* line of text[off], 1-based */
	size_t line_start;       /* offset of that line's first byte */
	/* The current record: fields point into buf. */
	char *buf;
	size_t buflen, bufcap;
	size_t *starts;          /* offset of each field in buf */
	struct srcpos *pos;      /* position of each field */
	size_t nfields, fieldcap;
	int record_line;         /* line where the current record starts */
	size_t col_off, col_chars;  /* the last column worked out: offset, characters before it */
	struct text_fixes fixes;    /* fields whose characters XML cannot carry were replaced */
	int fixes_told;             /* the warning counting the fixes not warned about was given */
	size_t records;             /* rows read so far, the header's included */
};

/*
 * Prepares r to read the len bytes at text (borrowed; must outlive r).
 * delim 0 detects the delimiter from the first line.  Returns 0, or -1
 * after reporting invalid UTF-8 (an error) to d.  Release r with
 * csv_release in both cases.
 */
int csv_open(struct csv_reader *r, const char *file, const char *text, size_t len, char delim,
	     struct diag_list *d);

/*
 * csv_open, then the header row: the current record is the header when it
 * returns 0.  An empty file, or a header row that cannot be read, is an
 * error at 1:1 (reported to d) and -1.  Release r with csv_release in both
 * cases.
 */
int csv_open_header(struct csv_reader *r, const char *file, const char *text, size_t len,
		    char delim, struct diag_list *d);

/* Reads the next record; see enum csv_status.  Problems go to d. */
enum csv_status csv_next(struct csv_reader *r, struct diag_list *d);

/* Field i of the current record (borrowed, valid until the next csv_next), or NULL. */
const char *csv_field(const struct csv_reader *r, size_t i);

/* Position of field i of the current record (line and column, columns in characters). */
struct srcpos csv_field_pos(const struct csv_reader *r, size_t i);

/* Frees what r owns. */
void csv_release(struct csv_reader *r);

#endif
