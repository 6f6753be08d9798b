/*
 * evidence.h - control evidence: one record per observation of one control
 * on one workload, subscription or tenant, read from evidence files.
 */
#ifndef SRMAP_EVIDENCE_H
#define SRMAP_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/diag.h"
#include "srmap/base/jsondoc.h"
#include "srmap/model.h"
#include "srmap/base/strmap.h"

/* What an evidence record is about; more specific scopes win over broader ones. */
enum scope_kind { SCOPE_WORKLOAD, SCOPE_SUBSCRIPTION, SCOPE_TENANT, SCOPE_COUNT };

struct evidence {
	char *id;
	char *control;
	enum scope_kind scope;
	char *scope_id;            /* workload id, subscription id or tenant */
	enum result result;
	int64_t collected_at;      /* seconds since the epoch, UTC; 0 when undated */
	int undated;               /* no time of collection is known (the export carries none) */
	char *collected_by;
	char *artifact;            /* path as written in the record, or NULL */
	char *sha256;              /* stated artifact hash (lower-case hex), or NULL */
	char *note;                /* or NULL */
	char *base_dir;            /* folder of the evidence file (artifacts are relative to it) */
	struct srcpos pos;         /* the record: its "id" value when given, else the record */
	struct srcpos control_pos, scope_pos, artifact_pos;   /* the values; line 0 = use pos */
	/* Set by artifact_check_all (artifact.h): */
	int artifact_state;        /* enum artifact_state */
	char *artifact_path;       /* the resolved path, relative to the working folder, or NULL */
	char artifact_sha256[65];  /* the SHA-256 computed from the file, or "" */
	unsigned long long artifact_size;
	const char *format;        /* the input format it was read from (reader.h); static */
};

struct evidence_set {
	struct evidence *items;
	size_t n, cap;
	struct strmap by_id;       /* record id -> index + 1 */
};

/* Returns p when it is known (line > 0), else the record's position. */
struct srcpos evidence_pos(const struct evidence *e, struct srcpos p);

/* Name of a scope as used in files and XML: "workload", "subscription", "tenant". */
const char *scope_name(enum scope_kind s);

/* Prepares an empty set. */
void evidence_init(struct evidence_set *ev);

/* Frees every record. */
void evidence_release(struct evidence_set *ev);

/*
 * Adds the records of an srmap evidence document.  file names the document
 * in positions and default ids, and must outlive ev.  Returns the number of
 * records added, or -1 when the document has errors (reported to d).
 * References to controls and workloads are checked later, by the assessment.
 */
int evidence_read_json(struct evidence_set *ev, const struct jsondoc *doc, const char *file,
		       struct diag_list *d);

/* Returns the record with this id (case-insensitive), or NULL.  Borrowed. */
const struct evidence *evidence_find(const struct evidence_set *ev, const char *id);

/*
 * Adds e, taking what it owns.  Returns 0, or -1 when its id is taken
 * (reported to d at e's position; e is released).
 */
int evidence_add_take(struct evidence_set *ev, struct evidence *e, struct diag_list *d);

#endif
