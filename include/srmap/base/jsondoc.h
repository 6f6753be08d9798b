/*
 * jsondoc.h - a JSON input file parsed with cJSON, plus source positions.
 *
 * cJSON parses but forgets where each value was.  A jsondoc also finds the
 * byte offset of every value (a pre-order walk of the text matches cJSON's
 * pre-order tree one to one), so that a wrong field can be reported as
 * "file:line:col"; it does so when a position is first asked for, since
 * most documents never need one.  Loading also enforces what cJSON does not: valid UTF-8,
 * no trailing garbage, no "\u0000" escapes, no duplicate keys.  Characters
 * of strings and keys that XML 1.0 cannot carry (C0 controls but tab,
 * newline and carriage return; U+FFFE, U+FFFF) are replaced by U+FFFD in
 * the tree, each such string warned about and recorded in fixes.
 */
#ifndef SRMAP_JSONDOC_H
#define SRMAP_JSONDOC_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/base/utf8.h"

struct jsondoc_index;
struct jsondoc_seg;

struct jsondoc {
	char *path;                  /* owned copy of the path as given */
	char *text;                  /* owned file contents, NUL-terminated */
	size_t len;
	cJSON *root;                 /* owned parse tree */
	struct jsondoc_index *index; /* owned: lines and values' positions, worked out when
	                                a position is first asked for */
	struct jsondoc_seg *segs;    /* owned copy of the pieces the text was cut from */
	size_t nsegs;
	struct text_fixes fixes;     /* strings whose characters XML cannot carry were replaced */
};

/*
 * Reads and parses the file at path into *doc.  Returns 0 on success, or -1
 * after reporting every problem to d (the file name and position are in the
 * message).  On failure *doc holds nothing that needs releasing, but calling
 * jsondoc_release on it is harmless.
 */
int jsondoc_load(struct jsondoc *doc, const char *path, struct diag_list *d);

/* Like jsondoc_load, but parses len bytes of text in memory, named path in messages. */
int jsondoc_parse(struct jsondoc *doc, const char *path, const char *text, size_t len,
		  struct diag_list *d);

/*
 * Where a piece of the parsed text was in the file it was cut from: the
 * piece starting at byte off of the text starts at line, col of the file.
 */
struct jsondoc_seg {
	size_t off;
	int line, col;
};

/*
 * Like jsondoc_parse, for text made of pieces of a larger file (one record
 * of a list, or a file with part of a list cut out): segs (nsegs, ascending
 * by off, the first at 0) say where each piece was, and every value's
 * position is the one it has in that file.  The positions of parse errors
 * are not moved: callers that need them parse the whole file.
 */
int jsondoc_parse_segs(struct jsondoc *doc, const char *path, const char *text, size_t len,
		       const struct jsondoc_seg *segs, size_t nsegs, struct diag_list *d);

/* jsondoc_parse_segs with one piece, starting at line, col of the file. */
int jsondoc_parse_at(struct jsondoc *doc, const char *path, const char *text, size_t len,
		     int line, int col, struct diag_list *d);

/*
 * Like jsondoc_parse_at, for the same text jsondoc_parse_at accepted before
 * without replacing a string: the checks that passed then (depth, lengths,
 * duplicate keys, numbers' range, "\u0000") are not made again; UTF-8 and
 * the characters XML cannot carry still are, since the tree goes to XML.
 */
int jsondoc_reparse_at(struct jsondoc *doc, const char *path, const char *text, size_t len,
		       int line, int col, struct diag_list *d);

/* Sets *pos to the position of node and returns 1 when node is a value of doc, else 0. */
int jsondoc_find(const struct jsondoc *doc, const cJSON *node, struct srcpos *pos);

/* Frees everything doc owns. */
void jsondoc_release(struct jsondoc *doc);

/* Returns the position of node (a value inside doc->root) in the file. */
struct srcpos jsondoc_pos(const struct jsondoc *doc, const cJSON *node);

/*
 * Field getters.  Each looks up key in object obj and checks its type.  A
 * present field of the wrong type is reported as an error at its position and
 * treated as absent.  A missing field is reported when required is set.
 * Returned pointers are borrowed from the parse tree.
 */
const char *jsondoc_string(const struct jsondoc *doc, const cJSON *obj, const char *key,
			   int required, struct diag_list *d);
const cJSON *jsondoc_array(const struct jsondoc *doc, const cJSON *obj, const char *key,
			   int required, struct diag_list *d);
const cJSON *jsondoc_object(const struct jsondoc *doc, const cJSON *obj, const char *key,
			    int required, struct diag_list *d);

/*
 * Reads an integer field in [min, max] into *out; returns 1 when read, 0 when
 * absent or invalid (invalid is reported).
 */
int jsondoc_int(const struct jsondoc *doc, const cJSON *obj, const char *key,
		long min, long max, long *out, struct diag_list *d);

/*
 * Warns about every key of obj that is not in the NULL-terminated list known:
 * a misspelt optional field should not pass in silence.
 */
void jsondoc_warn_unknown_keys(const struct jsondoc *doc, const cJSON *obj,
			       const char *const *known, struct diag_list *d);

/*
 * Reads an array of strings (or a single string) at key; returns a new
 * NULL-terminated array of owned copies (free with strv_free), or NULL when
 * absent.  Non-string items are reported.  *count receives the length.
 */
char **jsondoc_strv(const struct jsondoc *doc, const cJSON *obj, const char *key,
		    size_t *count, struct diag_list *d);

/* Frees a NULL-terminated array of strings and the strings in it. */
void strv_free(char **v);

#endif
