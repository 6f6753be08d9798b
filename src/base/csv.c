/*
 * csv.c - reads RFC 4180 comma-separated values record by record, keeping
 * the line and column of every field for messages.
 */
#include "srmap/base/csv.h"
#include "srmap/base/alloc.h"
#include "srmap/base/limits.h"
#include "srmap/base/utf8.h"

#include <stdlib.h>
#include <string.h>

/*
 * Position of offset off on the current line.  Columns are counted on from
 * the last one worked out when it is on the same line, before off: a line
 * of many fields costs linear time, not quadratic.
 */
static struct srcpos here(struct csv_reader *r, size_t off)
{
	if (r->col_off < r->line_start || r->col_off > off) {
		r->col_off = r->line_start;
		r->col_chars = 0;
	}
	r->col_chars += utf8_count(r->text + r->col_off, off - r->col_off);
	r->col_off = off;
	return (struct srcpos){ r->file, r->line, (int)r->col_chars + 1 };
}

/* Steps over the line break at r->off (LF, CRLF or CR) and starts a new line. */
static void newline(struct csv_reader *r)
{
	if (r->text[r->off] == '\r' && r->off + 1 < r->len && r->text[r->off + 1] == '\n')
		r->off++;
	r->off++;
	r->line++;
	r->line_start = r->off;
}

static int is_break(char c)
{
	return c == '\n' || c == '\r';
}

static void put(struct csv_reader *r, char c)
{
	GROW(r->buf, r->bufcap, r->buflen + 1);
	r->buf[r->buflen++] = c;
}

static char detect_delim(const char *text, size_t off, size_t len)
{
	static const char cands[] = { ',', ';', '\t' };
	size_t count[3] = { 0, 0, 0 };
	int quoted = 0;
	for (size_t i = off; i < len; i++) {
		char c = text[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && is_break(c))
			break;
		else if (!quoted)
			for (int k = 0; k < 3; k++)
				count[k] += c == cands[k];
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return cands[best];
}

int csv_open(struct csv_reader *r, const char *file, const char *text, size_t len, char delim,
	     struct diag_list *d)
{
	*r = (struct csv_reader){ .file = file, .text = text, .len = len, .line = 1 };
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r->off = r->line_start = 3;
	size_t bad;
	if (utf8_validate(text + r->off, len - r->off, &bad) < 0) {
		bad += r->off;
		for (size_t i = r->off; i < bad; i++)
			if (text[i] == '\n') {
				r->line++;
				r->line_start = i + 1;
			}
		diag_error_at(d, here(r, bad), "%s", text[bad] ? "invalid UTF-8 (save the file as UTF-8)"
							       : "NUL byte in text");
		return -1;
	}
	r->delim = delim ? delim : detect_delim(text, r->off, len);
	return 0;
}

int csv_open_header(struct csv_reader *r, const char *file, const char *text, size_t len,
		    char delim, struct diag_list *d)
{
	if (csv_open(r, file, text, len, delim, d) < 0)
		return -1;
	enum csv_status s = csv_next(r, d);
	if (s == CSV_RECORD)
		return 0;
	if (s == CSV_END)
		diag_error_at(d, (struct srcpos){ file, 1, 1 }, "empty file, expected a header row");
	else if (s == CSV_SKIPPED)
		diag_error_at(d, (struct srcpos){ file, 1, 1 }, "the header row cannot be read");
	return -1;
}

static void add_field(struct csv_reader *r, struct srcpos pos)
{
	if (r->nfields == r->fieldcap) {
		size_t cap = r->fieldcap;
		GROW(r->starts, cap, r->nfields + 1);
		r->pos = xreallocarray(r->pos, cap, sizeof(*r->pos));
		r->fieldcap = cap;
	}
	r->starts[r->nfields] = r->buflen;
	r->pos[r->nfields] = pos;
	r->nfields++;
}

/* Skips the rest of a bad record's line. */
static enum csv_status skip_line(struct csv_reader *r)
{
	while (r->off < r->len && !is_break(r->text[r->off]))
		r->off++;
	if (r->off < r->len)
		newline(r);
	return CSV_SKIPPED;
}

/* Reads a quoted field starting at the opening quote; returns 0, or -1 when never closed. */
static int quoted_field(struct csv_reader *r, struct diag_list *d)
{
	struct srcpos open = here(r, r->off);
	r->off++;
	for (;;) {
		if (r->off >= r->len) {
			diag_error_at(d, open, "the quoted field that starts here is never closed: "
				      "its quote runs to the end of the file (a quote inside a field must "
				      "be doubled)");
			return -1;
		}
		char c = r->text[r->off];
		if (c == '"') {
			if (r->off + 1 < r->len && r->text[r->off + 1] == '"') {
				put(r, '"');
				r->off += 2;
				continue;
			}
			r->off++;
			return 0;
		}
		if (is_break(c)) {
			put(r, '\n');
			newline(r);
			continue;
		}
		put(r, c);
		r->off++;
	}
}

/*
 * Replaces the characters XML cannot carry in the current record's fields
 * by U+FFFD, recording and warning about each field (the first few of the
 * file one by one).  A replaced field is never shorter than it was.
 */
static void fix_fields(struct csv_reader *r, struct diag_list *d)
{
	for (size_t i = 0; i < r->nfields; i++) {
		char *field = r->buf + r->starts[i];
		size_t n;
		unsigned long first;
		char *fixed = utf8_xml_replace(field, &n, &first);
		if (!fixed)
			continue;
		struct srcpos pos = r->pos[i];
		if (text_fixes_add(&r->fixes, pos.line, pos.col, 0, field, n)) {
			if (n == 1)
				diag_warn_at(d, pos, "field holds U+%04lX, which XML cannot carry: "
					     "replaced by U+FFFD", first);
			else
				diag_warn_at(d, pos, "field holds %zu characters XML cannot carry (the "
					     "first U+%04lX): replaced by U+FFFD", n, first);
		}
		size_t was = strlen(field) + 1, now = strlen(fixed) + 1;
		size_t tail = r->buflen - r->starts[i] - was;
		GROW(r->buf, r->bufcap, r->buflen + now - was);
		memmove(r->buf + r->starts[i] + now, r->buf + r->starts[i] + was, tail);
		memcpy(r->buf + r->starts[i], fixed, now);
		for (size_t k = i + 1; k < r->nfields; k++)
			r->starts[k] += now - was;
		r->buflen += now - was;
		free(fixed);
	}
}

enum csv_status csv_next(struct csv_reader *r, struct diag_list *d)
{
	while (r->off < r->len && is_break(r->text[r->off]))
		newline(r);
	if (r->off >= r->len) {
		if (r->fixes.n > TEXT_FIX_WARNINGS && !r->fixes_told) {
			diag_warn_at(d, (struct srcpos){ r->file, 0, 0 }, "%zu more fields held "
				     "characters XML cannot carry, replaced by U+FFFD (the report's "
				     "inputs list every one)", r->fixes.n - TEXT_FIX_WARNINGS);
			r->fixes_told = 1;
		}
		return CSV_END;
	}
	r->nfields = 0;
	r->buflen = 0;
	r->record_line = r->line;
	int warned_quote = 0;
	for (;;) {
		add_field(r, here(r, r->off));
		if (r->off < r->len && r->text[r->off] == '"') {
			if (quoted_field(r, d) < 0)
				return CSV_FATAL;
			if (r->off < r->len && r->text[r->off] != r->delim && !is_break(r->text[r->off])) {
				diag_warn_at(d, here(r, r->off), "text after the closing quote of a field "
					     "(a quote inside a field must be doubled): the record is skipped");
				return skip_line(r);
			}
		} else {
			while (r->off < r->len && r->text[r->off] != r->delim && !is_break(r->text[r->off])) {
				if (r->text[r->off] == '"' && !warned_quote) {
					diag_warn_at(d, here(r, r->off), "quote inside an unquoted field, read "
						     "as a literal quote (RFC 4180 wants such a field quoted and "
						     "the quote doubled)");
					warned_quote = 1;
				}
				put(r, r->text[r->off++]);
			}
		}
		put(r, '\0');
		if (r->off < r->len && r->text[r->off] == r->delim) {
			r->off++;
			continue;
		}
		if (r->off < r->len)
			newline(r);
		break;
	}
	for (size_t i = 0; i < r->nfields; i++) {
		size_t n = strlen(r->buf + r->starts[i]);
		if (n > limits_string()) {
			diag_error_at(d, r->pos[i], "field of %zu bytes is longer than the limit of %zu "
				      "(raise it with --max-string)", n, limits_string());
			return CSV_FATAL;
		}
	}
	/* The header row is not a record. */
	if (r->records++ > limits_records()) {
		diag_error_at(d, r->pos[0], "more than %zu records in the file (raise the limit with "
			      "--max-records)", limits_records());
		return CSV_FATAL;
	}
	fix_fields(r, d);
	return CSV_RECORD;
}

const char *csv_field(const struct csv_reader *r, size_t i)
{
	return i < r->nfields ? r->buf + r->starts[i] : NULL;
}

struct srcpos csv_field_pos(const struct csv_reader *r, size_t i)
{
	if (i < r->nfields)
		return r->pos[i];
	return (struct srcpos){ r->file, r->record_line, 1 };
}

void csv_release(struct csv_reader *r)
{
	free(r->buf);
	free(r->starts);
	free(r->pos);
	text_fixes_release(&r->fixes);
	*r = (struct csv_reader){ 0 };
}
