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

/* Distinct strings with how often each occurred, in the order first seen. */
struct tally {
	char **ids;             /* owned */
	const char **sources;   /* per id: a mapping source name (static), or NULL */
	size_t *counts;
	struct srcpos *first;   /* where each was first seen */
	size_t n, cap;
	struct strmap index;    /* id -> index + 1, case-insensitive */
};

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
	size_t merged;          /* inventory records that repeat a workload already read */
	size_t added;           /* workloads or evidence records added */
	char sha256[65];        /* of the file as stored, compressed or not ("" if not read) */
	unsigned long long size;
	struct tally unmapped_ids;
	struct tally unmatched_ids;
};

/* Prepares empty statistics. */
void reader_stats_init(struct reader_stats *st);

/* Frees what st owns. */
void reader_stats_release(struct reader_stats *st);

#endif
