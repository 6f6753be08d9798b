/*
 * import.h - what the readers of other tools' exports share: forgiving
 * field lookup with positions, turning records into workloads (merged by
 * id), and turning observations into evidence through the catalog's
 * mappings (aggregated per workload and control, one record per pair).
 *
 * Rules every reader follows (docs/formats.md):
 * - a problem with one record is a warning at its position and the record
 *   is skipped; the others are read (--strict makes warnings fail the run);
 * - keys are found in any letter case: the documented spelling, the same
 *   with the first letter's case changed (camelCase and PascalCase, both
 *   written by Microsoft tools), silently; any other case with a warning;
 * - JSON null counts as absent;
 * - a record without a time is dated at the profile's as-of time, with one
 *   warning per file.
 */
#ifndef SRMAP_IMPORT_H
#define SRMAP_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/diag.h"
#include "srmap/read/inventory.h"
#include "srmap/base/jsondoc.h"
#include "srmap/model.h"
#include "srmap/read/reader.h"
#include "srmap/base/strmap.h"

struct pending;

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
};

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
 * error, when there is none.
 */
const cJSON *import_records(struct import_ctx *cx, const char *key);

/*
 * Parses a time as tools write it: ISO 8601 with 'T' or a space, optional
 * fractions, a zone (Z or +hh:mm) or none (read as UTC, warned once per
 * file).  Returns 0, or -1 when s is no such time.
 */
int import_time(struct import_ctx *cx, const char *s, struct srcpos pos, int64_t *out);

/* Subscription id of an Azure resource id ("/subscriptions/ID/..."), copied; or NULL. */
char *import_subscription_of(const char *resource_id);

/* Resource group of an Azure resource id, copied; or NULL. */
char *import_group_of(const char *resource_id);

/* Resource type of an Azure resource id ("Microsoft.Sql/servers/databases"), copied; or NULL. */
char *import_type_of(const char *resource_id);

/* Id of the parent of a child resource (one type segment less), copied; or NULL. */
char *import_parent_of(const char *resource_id);

/* Returns 1 when id names a subscription itself ("/subscriptions/ID"). */
int import_is_subscription(const char *id);

/*
 * Adds workload w (taking what it owns): gives its type the catalog's
 * spelling, applies the resource kind rules, and merges it into a workload
 * with the same id read before (counted, and reported once per file).
 */
void import_workload(struct import_ctx *cx, struct workload *w);

/* One observation of a tool about one resource, subscription or tenant. */
struct import_obs {
	const char *source;            /* mapping source ("defender", ...) */
	const char *ident;             /* identifier looked up in the mappings */
	const char *ident2;            /* a second identifier to try (a display name), or NULL */
	const char *label;             /* how notes and lists name it, or NULL for ident */
	const char *group_source;      /* source of the fallback identifiers, or NULL */
	const char *const *groups;     /* fallback identifiers, used when ident is not mapped */
	size_t ngroups;
	const char *resource;          /* the resource id, or NULL */
	const char *subscription;      /* its subscription, when the record names it */
	const char *tenant;            /* its tenant (name or id), when the record names it */
	int result;                    /* enum result */
	const char *status;            /* the tool's status word, for the note */
	int64_t when;                  /* when observed */
	int has_time;                  /* when is set; else the profile's as-of time is used */
	const char *collected_by;
	struct srcpos pos;
	int derived;                   /* a fact derived from several records: counts no record */
};

/*
 * Turns o into evidence for every control its identifier maps to (and that
 * applies to the resource), aggregated with earlier observations of the same
 * workload and control in this file: fail wins over pass over
 * not-applicable; the newest time is kept.  Counts the record as mapped,
 * unmapped, ignored or unmatched.
 */
void import_observe(struct import_ctx *cx, const struct import_obs *o);

/* The canonical tenant name for a tenant name or id (borrowed), or t itself. */
const char *import_tenant(const struct import_ctx *cx, const char *t);

/*
 * Of the n names or ids a record gives for its tenant (NULL entries
 * skipped), the canonical name of the first one the run knows (a SaaS
 * services file or a workload names it); else the first given; else NULL.
 */
const char *import_pick_tenant(struct import_ctx *cx, const char *const *cands, size_t n);

/* The only tenant of the run, when there is exactly one; else NULL.  Borrowed. */
const char *import_single_tenant(const struct import_ctx *cx);

/* Registers a tenant (name, optional Entra id) and its subscriptions for import_finish_inventory. */
void import_add_tenant(struct import_env *env, const char *name, const char *id);
void import_add_subscription(struct import_env *env, const char *subscription, const char *tenant);

/* Adds the aggregated evidence of the file to the evidence set (at the end of each file). */
void import_flush(struct import_ctx *cx);

/* Prepares and releases a context (done by reader_read_file). */
void import_ctx_init(struct import_ctx *cx, struct import_env *env, const struct input_text *in,
		     const struct reader *r, struct reader_stats *st, struct diag_list *d);
void import_ctx_release(struct import_ctx *cx);

/* Member key of obj in any letter case, or NULL (for detectors: warns about nothing). */
const cJSON *json_get_ci(const cJSON *obj, const char *key);

/* The first object in array arr (or, for an object, its member key's array), or NULL. */
const cJSON *json_first_record(const cJSON *root, const char *key);

/* Returns 1 when string s equals one of the strings of array arr (case-insensitive). */
int json_array_has(const cJSON *arr, const char *s);

/* Adds one occurrence of id to t (id copied). */
void tally_add(struct tally *t, const char *id, const char *source, struct srcpos pos);

#endif
