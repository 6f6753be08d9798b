/*
 * assess.h - the assessment: for every workload, the owner of every layer
 * and the status of every applicable control; findings; and the roll-up of
 * statuses to framework requirements with a score per framework.
 *
 * Rules (docs/architecture.md explains them):
 * - a control applies to a workload when its applies_to names the workload's
 *   service model or type, or when an evidence record about that workload
 *   itself (not its subscription or tenant) names the control;
 * - owner of a check = the matrix cell (control's layer, workload's model);
 * - provider-owned -> inherited; otherwise the evidence decides: none ->
 *   missing, not-applicable -> not-applicable, fail -> failed, pass older
 *   than the profile's maximum age -> stale, pass -> satisfied;
 * - evidence naming the workload wins over its subscription, which wins over
 *   its tenant; within one scope the newest record wins, fail on a tie;
 * - a control of organisation scope is checked once per tenant, not per
 *   workload: it applies when it applies to one of the tenant's workloads,
 *   its owner is the most customer-side owner among them, and the worst of
 *   the newest records about the tenant, its subscriptions and its workloads
 *   decides it (fail over pass over not-applicable, the newest among equals).
 */
#ifndef SRMAP_ASSESS_H
#define SRMAP_ASSESS_H

#include <stddef.h>
#include "srmap/model.h"
#include "srmap/base/diag.h"
#include "srmap/read.h"
#include "srmap/base/strmap.h"
#include "srmap/assess/check.h"

struct direct;

/*
 * A finding is about a check (failed, missing, stale), a workload
 * (unclassified), an evidence record whose artifact is missing or does not
 * match its hash (artifact-missing, artifact-mismatch), or the engagement
 * (no-baa: HIPAA in scope and no business associate agreement on record).
 */
struct finding {
	const struct workload_result *wr;  /* or NULL */
	const struct organisation_result *org;   /* for an organisation check, or NULL */
	const struct check *check;         /* or NULL */
	const struct evidence *evidence;   /* the record concerned, or NULL */
	enum severity severity;
	const char *status;
	size_t rank;                       /* order among findings of one severity */
};

struct requirement_result {
	const struct requirement *req;
	enum req_status status;
	size_t count[STATUS_COUNT];        /* checks behind it, by status */
	const struct control **controls;   /* controls citing it (borrowed) */
	size_t ncontrols;
};

struct framework_result {
	int in_scope;
	const char *title;
	struct requirement_result *reqs;
	size_t n;
	size_t count[REQ_STATUS_COUNT];
	int score_tenths;                  /* 0..1000, or -1 when nothing was assessed */
	int coverage_tenths;               /* assessed requirements / all, 0..1000 */
};

struct assessment {
	const struct catalog *cat;
	const struct profile *profile;
	const struct inventory *inv;
	const struct evidence_set *ev;
	struct workload_result *workloads;
	size_t nworkloads;
	struct organisation_result *orgs;           /* tenants in inventory order */
	size_t norgs;
	size_t *workload_org;                       /* per workload: its index in orgs */
	struct finding *findings;
	size_t nfindings, findings_cap;
	struct framework_result fw[FW_COUNT];
	size_t status_count[STATUS_COUNT];
	size_t severity_count[SEV_COUNT];          /* findings by severity */
	size_t model_count[MODEL_COUNT];
	size_t owner_count[OWNER_COUNT];            /* layer cells over all workloads */
	size_t (*control_count)[STATUS_COUNT];      /* per catalog control */
	unsigned char *evidence_used;               /* per evidence record: 1 if it decided a check */
	int overall_tenths;                         /* 0..1000, or -1 */
	struct strmap evidence_index;               /* scope+id+control -> best record */
	struct direct *direct;                      /* (workload, control) evidenced on the
						       workload itself, sorted (assess.c) */
	size_t ndirect, direct_cap, next_direct;
	char **index_keys;
	size_t nkeys, keys_cap;
};

/*
 * Assesses inv against cat with the evidence ev under profile p.  All inputs
 * are borrowed and must outlive *a.  Returns 0, or -1 when the evidence
 * refers to unknown controls or workloads (each reported to d with its
 * position).  Warnings (unknown types, evidence dated after the as-of date)
 * do not fail the run.  Release *a with assess_release in both cases.
 */
int assess_run(struct assessment *a, const struct catalog *cat, const struct profile *p,
	       const struct inventory *inv, const struct evidence_set *ev, struct diag_list *d);

/* Frees what the assessment owns. */
void assess_release(struct assessment *a);

/*
 * Returns the record that decides control for workload w, or NULL: the
 * most specific scope with a record, then the newest record, fail on a tie.
 */
const struct evidence *assess_lookup(const struct assessment *a, const struct workload *w,
				     const char *control);

/* Status of a requirement from the statuses of the checks behind it. */
enum req_status requirement_status(const size_t count[STATUS_COUNT], size_t ncontrols);

#endif
