/*
 * records.h - the records of an export, whatever shape the file has: a bare
 * array, a REST list envelope ({"value": [...], "nextLink": ...}, Resource
 * Graph's {"data": [...]}), several pages saved as one array of envelopes,
 * or one record alone (a GET of one item).  Internal to the read stage.
 */
#ifndef SRMAP_RECORDS_H
#define SRMAP_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/jsondoc.h"

struct import_ctx;

/*
 * The first record of root in any of the shapes above, for detectors: the
 * first object of the array, of the member key of an envelope, or of the
 * first page of an array of envelopes.  NULL when there is none (a single
 * record is not looked for: detectors test the root themselves).  Borrowed.
 */
const cJSON *records_first(const cJSON *root, const char *key);

/* Whether root is a list envelope with a key array, or an array of such envelopes. */
int records_are_pages(const cJSON *root, const char *key);

/*
 * The member that holds the records of an Azure list: "data" for Resource
 * Graph's results (one, an array of them, or the table format), else the
 * REST API's "value".  Static.
 */
const char *records_list_key(const cJSON *root);

struct stream;

/*
 * The records of a file, in file order; items are borrowed from the parse
 * tree.  For a file read as a stream (stream.h) items is NULL and index says
 * which records of the stream are the list's (all of them, in order, when
 * NULL): get each with records_at.
 */
struct record_list {
	const cJSON **items;    /* owned array of borrowed records */
	size_t n;
	int pages;              /* envelopes read (0 for a bare array or one record) */
	struct stream *stream;  /* borrowed, or NULL */
	size_t *index;          /* owned, or NULL */
};

/*
 * Record i of list.  Of a stream, it is parsed now and lives until the next
 * call: a reader keeps nothing of it (copies, positions) beyond that.  Borrowed.
 */
const cJSON *records_at(struct record_list *list, size_t i);

/*
 * Collects the records of the file cx reads into *out (release with
 * records_release): the rows of a table-format result (see
 * records_first_cell); the root array; or the array member key of an envelope;
 * or the records of every envelope of an array of envelopes; or, when
 * is_record (may be NULL) says the root object is one, that object alone.
 * Warns when the last page still names a next page (the file lacks the
 * rest).  Returns 0, or -1 after an error at the offending position (an
 * object that is neither, an array of arrays).
 */
int records_collect(struct import_ctx *cx, const char *key, int (*is_record)(const cJSON *),
		    struct record_list *out);

/*
 * Azure Resource Graph's table format, {"columns": [{"name": "id", ...}, ...], "rows": [[...]]}
 * under "data": every row becomes a record object keyed by the column names, in place in the
 * parse tree (each row and cell keeps its position), collected into *out.  A row that is not
 * an array, or has more cells than there are columns, is rejected with a warning.  Returns 0,
 * or -1 after an error (no columns, a column without a name).
 */
int records_from_table(struct import_ctx *cx, const cJSON *table, struct record_list *out);

/*
 * For detectors: the cell of the first row in the named column (any letter
 * case) of a table-format result (root's member key holding "columns" and
 * "rows", or the first of root's "tables", as the Log Analytics query API
 * answers), or NULL when root is no such table, has no rows, or the cell is
 * null or missing.  Borrowed.
 */
const cJSON *records_first_cell(const cJSON *root, const char *key, const char *column);

/*
 * Warns when the file is one page of a longer Resource Graph result: an
 * object with "data" (records or a table) and a non-empty skip token
 * (skip_token, $skipToken, SkipToken), or fewer rows than total_records.
 */
void records_check_paging(struct import_ctx *cx);

/* What identifies one record, and the time of its state (for records_drop_repeats). */
struct record_identity {
	char *id;               /* owned; compared case-insensitively */
	int64_t when;
	int has_time;
};

/*
 * Keeps one record of each identity in list (the same record saved twice, on
 * two pages or as rows of a history): the one whose time is newest, in the
 * place of the first.  identify fills *out and returns 1, or returns 0 for a
 * record without identity (kept, for the reader to judge); it must not warn
 * about what the reader warns about again.  The records dropped are counted
 * read and ignored; with warn, one warning names the first.  Returns how many
 * were dropped.
 */
size_t records_drop_repeats(struct import_ctx *cx, struct record_list *list,
			    int (*identify)(struct import_ctx *, const cJSON *, struct record_identity *),
			    int warn);

/*
 * For a file read as a stream (stream.h): whether reader r reads the list as
 * the stream holds it, and only that list, so that it can take the records
 * one at a time with records_at.  Readers that cannot are given the file whole.
 */
struct input_text;
struct reader;
int records_stream_fits(const struct input_text *in, const struct reader *r);

/* Frees the array of out (the records belong to the parse tree). */
void records_release(struct record_list *out);

#endif
