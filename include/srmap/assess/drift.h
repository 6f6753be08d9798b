/*
 * drift.h - what changed between two assessments: new, resolved and changed
 * findings, workloads added and removed, and score changes per framework.
 *
 * Findings are matched by stable ids, never by position: the workload id,
 * the control id and the kind of finding (a check finding keeps its identity
 * when its status moves between failed, missing and stale; evidence findings
 * are also keyed by the evidence id).  Both sides are first reduced to a
 * snapshot, built either from a canonical assessment XML or from an
 * assessment in memory.
 */
#ifndef SRMAP_DRIFT_H
#define SRMAP_DRIFT_H

#include <stdio.h>
#include <libxml/tree.h>
#include "srmap/assess/assess.h"
#include "srmap/base/diag.h"
#include "srmap/base/strmap.h"

struct snap_finding {
	char *key;                  /* identity: workload or organisation, control and kind */
	char *workload;             /* "" when absent */
	char *tenant;               /* an organisation's finding: its tenant, "" when it names none */
	int organisation;           /* 1 for a finding about an organisation check */
	char *control;              /* "" when absent */
	char *severity, *status, *title;
};

struct snap_workload {
	char *id, *name;
};

#define SNAP_SCORES 4           /* overall, hipaa, soc2, fedramp */

struct snapshot {
	char *generated;            /* the assessment's generation time */
	struct snap_finding *findings;
	size_t nfindings;
	struct snap_workload *workloads;
	size_t nworkloads;
	int score[SNAP_SCORES];     /* tenths of a percent; -1 absent */
	struct strmap finding_index, workload_index;   /* key/id -> item */
};

/* Name of score slot i: "overall", "hipaa", "soc2", "fedramp". */
const char *snapshot_score_name(int i);

/*
 * Reads a snapshot from a canonical assessment XML document (file names it
 * in messages).  Returns 0, or -1 after reporting to d.  Release with
 * snapshot_release in both cases.
 */
int snapshot_from_xml(struct snapshot *s, xmlDocPtr doc, const char *file, struct diag_list *d);

/* Builds a snapshot of an assessment in memory (generated: its generation time). */
void snapshot_from_assessment(struct snapshot *s, const struct assessment *a, long long generated);

void snapshot_release(struct snapshot *s);

struct finding_change {
	const struct snap_finding *old, *now;
};

struct drift {
	const struct snapshot *old, *now;
	const struct snap_finding **added, **resolved;
	size_t nadded, nresolved;
	struct finding_change *changed;   /* severity or status differs */
	size_t nchanged;
	const struct snap_workload **wl_added, **wl_removed;
	size_t nwl_added, nwl_removed;
};

/* Compares two snapshots (both borrowed; they must outlive the drift). */
void drift_compute(struct drift *dr, const struct snapshot *old, const struct snapshot *now);

void drift_release(struct drift *dr);

/* Prints the drift as text, one change per line. */
void drift_print_text(const struct drift *dr, FILE *out);

/* Prints the drift as one JSON document. */
void drift_print_json(const struct drift *dr, FILE *out);

/* Returns 1 when anything changed. */
int drift_any(const struct drift *dr);

#endif
