/*
 * import_field.h - the state of reading one file of another tool's export
 * (struct import_ctx), and forgiving field lookup in it: members found in
 * any letter case, typed getters that warn at the value's position, the
 * array of records, times as tools write them; also the silent lookups
 * detectors use.
 *
 * Rules every reader follows (docs/formats.md):
 * - a problem with one record is a warning at its position and the record
 *   is skipped; the others are read (--strict makes warnings fail the run);
 * - keys are found in any letter case: the documented spelling, the same
 *   with the first letter's case changed (camelCase and PascalCase, both
 *   written by Microsoft tools), silently; any other case with a warning;
 * - JSON null counts as absent;
 * - a record without a time is dated by --collected-at when given, else
 *   by its status-change time, else recorded as undated, with one warning
 *   per file (observation.h).
 */
#ifndef SRMAP_IMPORT_FIELD_H
#define SRMAP_IMPORT_FIELD_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/diag.h"
#include "srmap/read/evidence.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/strmap.h"

struct import_env;
struct input_text;
struct reader;
struct reader_stats;

/*
 * Evidence being aggregated: one per (scope, scope id, control) of the
 * file.  import_observe fills them and import_flush hands them over
 * (observation.h); the context frees what is left.
 */
struct pending {
	enum scope_kind scope;
	char *scope_id;
	char *control;
	int rank;                  /* 1 not-applicable, 2 pass, 3 fail */
	int64_t when;
	int has_time;
	int64_t bound;             /* newest status-change time seen (import_obs.time_bound) */
	int has_bound;
	char *collected_by;
	struct srcpos pos;
	char *note;
	size_t items, more;
};

/* The state of reading one file. */
struct import_ctx {
	struct import_env *env;
	const struct input_text *in;
	const struct reader *reader;
	const char *path;              /* the file as given (borrowed from the command line) */
	struct reader_stats *st;
	struct diag_list *d;
	struct strmap warned;          /* once-per-file warnings already given (keys owned) */
	char **warned_keys;
	size_t nwarned, warned_cap;
	struct pending *pending;       /* evidence being aggregated, in first-seen order */
	size_t npending, pending_cap;
	struct strmap pending_index;   /* scope, scope id, control -> index + 1 */
	char **pending_keys;
	size_t merged_first;           /* index of the first merged workload's record, + 1 */
	struct srcpos merged_pos;
	char *merged_id;
	struct srcpos merged_orig;
	int single_done;               /* single_tenant has been looked for */
	const char *single_tenant;
	int tenants_done;              /* tenants holds the workloads' tenants */
	struct strmap tenants;
	int scopes_done;               /* subscriptions and tenants_held are filled */
	struct strmap subscriptions;   /* the inventory's subscriptions (values: 1) */
	struct strmap tenants_held;    /* the inventory's tenants (values: 1) */
};

/*
 * Prepares a context for reading in (all arguments borrowed: they outlive
 * it), and frees what it owns.  Done by reader_read_file.
 */
void import_ctx_init(struct import_ctx *cx, struct import_env *env, const struct input_text *in,
		     const struct reader *r, struct reader_stats *st, struct diag_list *d);
void import_ctx_release(struct import_ctx *cx);

/* Position of a JSON value of the file. */
struct srcpos import_pos(const struct import_ctx *cx, const cJSON *node);

/* Gives a warning once per file for key (a short identifier of the warning). */
void import_warn_once(struct import_ctx *cx, const char *key, struct srcpos pos,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports a bad record (warning at pos, "...: the record is skipped") and counts it rejected. */
void import_reject(struct import_ctx *cx, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Member key of object obj in any letter case (see above), or NULL when
 * absent or null.  Borrowed.
 */
const cJSON *import_get(struct import_ctx *cx, const cJSON *obj, const char *key);

/*
 * Typed getters over import_get.  A value of another type is warned about
 * at its position and *bad is set (when bad is not NULL); the result is
 * then NULL.  Strings are borrowed from the parse tree.
 */
const char *import_str(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad);
const cJSON *import_obj(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad);
const cJSON *import_arr(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad);

/*
 * The array of records of a document: the root when it is an array, or the
 * member named key of the root object ("value", "data").  NULL, after an
 * error, when there is none.  Borrowed.
 */
const cJSON *import_records(struct import_ctx *cx, const char *key);

/*
 * Parses a time as tools write it: ISO 8601 with 'T' or a space, optional
 * fractions, a zone (Z or +hh:mm) or none (read as UTC, warned once per
 * file).  Returns 0, or -1 when s is no such time.
 */
int import_time(struct import_ctx *cx, const char *s, struct srcpos pos, int64_t *out);

/*
 * import_time of the string value of node, whose position is worked out only
 * for the warning: finding a value's position costs a scan of its record.
 * Returns -1 too when node is not a string.
 */
int import_time_of(struct import_ctx *cx, const cJSON *node, int64_t *out);

/* Member key of obj in any letter case, or NULL (for detectors: warns about nothing).  Borrowed. */
const cJSON *json_get_ci(const cJSON *obj, const char *key);

/* The first object in array arr (or, for an object, its member key's array), or NULL.  Borrowed. */
const cJSON *json_first_record(const cJSON *root, const char *key);

/* Returns 1 when string s equals one of the strings of array arr (case-insensitive). */
int json_array_has(const cJSON *arr, const char *s);

#endif
