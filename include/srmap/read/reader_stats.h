/*
 * reader_stats.h - what reading one input file gave: its records counted
 * by what became of them, and tallies of the identifiers the mappings do
 * not cover and of the resources the inventory does not hold.
 */
#ifndef SRMAP_READER_STATS_H
#define SRMAP_READER_STATS_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/read/input.h"
#include "srmap/base/strmap.h"
#include "srmap/base/utf8.h"

/* Distinct strings with how often each occurred, in the order first seen. */
struct tally {
	char **ids;             /* owned */
	const char **sources;   /* per id: a mapping source name (static), or NULL */
	size_t *counts;
	struct srcpos *first;   /* where each was first seen */
	size_t n, cap;
	struct strmap index;    /* id -> index + 1, case-insensitive */
};

/*
 * Which evidence records one record of the file fed: a record mapped to
 * several controls feeds several.  After the assessment, a record applied
 * when one of them decided a check (reader_stats_applied).
 */
struct record_link {
	size_t record;          /* the record's number in the file, from 0; or RECORD_DERIVED */
	size_t evidence;        /* the index of the evidence record in the run's set */
};

/* The record of a fact derived from several records of the file (a policy set, a CA fact). */
#define RECORD_DERIVED ((size_t)-1)

/* What reading one file gave, for `srmap validate` and the assessment XML. */
struct reader_stats {
	const char *format;     /* the handler's name */
	enum reader_role role;
	size_t read;            /* records in the file */
	size_t mapped;          /* records used: a workload, or evidence for at least one control */
	size_t unmapped;        /* records whose identifier the mappings do not cover */
	size_t ignored;         /* records deliberately not used (muted, manual, exempt, ...) */
	size_t rejected;        /* records with a problem, skipped (each one warned about) */
	size_t unmatched;       /* records about resources that are not in the inventory */
	size_t other_tenant;    /* records about a tenant no workload of the inventory is in */
	size_t merged;          /* inventory records that repeat a workload already read */
	size_t added;           /* workloads or evidence records added */
	size_t applied;         /* evidence files: records behind a check's verdict (after assessing) */
	char sha256[65];        /* of the file as stored, compressed or not ("" if not read) */
	unsigned long long size;
	struct tally unmapped_ids;
	struct tally unmatched_ids;
	struct tally other_tenant_ids;
	struct text_fixes fixes;     /* strings whose characters XML cannot carry were replaced */
	struct record_link *links;   /* in record order (owned) */
	size_t nlinks, links_cap;
	size_t records_linked;       /* records numbered so far (those that gave evidence) */
};

/* Prepares empty statistics. */
void reader_stats_init(struct reader_stats *st);

/* Frees what st owns. */
void reader_stats_release(struct reader_stats *st);

/* Records that the file's record number record fed evidence record evidence. */
void reader_stats_link(struct reader_stats *st, size_t record, size_t evidence);

/*
 * The number of records of the file that fed at least one evidence record
 * marked in used (indexed like the run's evidence set: nonzero = decided a
 * check).
 */
size_t reader_stats_applied(const struct reader_stats *st, const unsigned char *used);

#endif
