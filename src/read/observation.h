/*
 * observation.h - observations of other tools turned into evidence through
 * the catalog's mappings: aggregated per workload (or subscription, or
 * tenant) and control while a file is read, one evidence record per pair
 * when it ends.
 */
#ifndef SRMAP_OBSERVATION_H
#define SRMAP_OBSERVATION_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/diag.h"

struct import_ctx;

/* One observation of a tool about one resource, subscription or tenant (all borrowed). */
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
	int has_time;                  /* when is set; else the record is undated (or --collected-at) */
	/*
	 * when is only a lower bound: the time the status last changed (a
	 * Defender assessment's statusChangeDate), not when it was seen.  It
	 * dates the record when neither the record nor --collected-at says more.
	 */
	int time_bound;
	const char *collected_by;
	struct srcpos pos;
	int derived;                   /* a fact derived from several records: counts no record */
};

/*
 * Turns o into evidence for every control its identifier maps to,
 * aggregated with earlier observations of the same identifier about the same
 * scope and control in this file: fail wins over pass over not-applicable;
 * the newest time is kept.  Different identifiers give records of their own.  Counts the record as mapped,
 * unmapped, ignored or unmatched.  o is borrowed: what is kept of it is
 * copied, but for source, which must be static.
 */
void import_observe(struct import_ctx *cx, const struct import_obs *o);

/*
 * Adds the aggregated evidence of the file to the evidence set (at the end
 * of each file), and reports what the file as a whole gave: no record
 * read, workloads merged, identifiers not mapped, resources not in the
 * inventory.
 */
void import_flush(struct import_ctx *cx);

#endif
