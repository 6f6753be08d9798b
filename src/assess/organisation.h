/*
 * organisation.h - internal to the assess stage: the checks of controls of
 * organisation scope, made once per tenant (organisation.c).
 */
#ifndef SRMAP_ASSESS_ORGANISATION_H
#define SRMAP_ASSESS_ORGANISATION_H

#include "srmap/assess/check.h"
#include "srmap/base/strmap.h"

/* The workloads of an inventory grouped by tenant. */
struct organisation_set {
	struct organisation_result *orgs;   /* tenants in the order they first appear */
	size_t n;
	size_t *workload_org;               /* per workload: its index in orgs */
};

/* What the organisation checks are made from (all borrowed) and the counts they add to. */
struct organisation_context {
	const struct catalog *cat;
	const struct profile *profile;
	const struct inventory *inv;
	const struct evidence_set *ev;
	const struct strmap *evidence_index;   /* verdict_key -> newest record of each scope */
	const struct workload_result *workloads;   /* one per inventory workload, owners known */
	size_t *status_count;                  /* [STATUS_COUNT], added to */
	size_t (*control_count)[STATUS_COUNT]; /* per catalog control, added to */
	unsigned char *evidence_used;          /* per record: set to 1 for those consulted */
};

/*
 * Groups the workloads of inv by tenant (case-insensitively; the workloads
 * that name none form one group of their own) into *s, with no checks yet.
 * Release *s with organisation_release.
 */
void organisation_group(struct organisation_set *s, const struct inventory *inv);

/*
 * Makes the organisation checks of every group of s from ctx: one per
 * control of organisation scope that applies to one of the group's
 * workloads, decided by the worst of the newest records about the tenant,
 * its subscriptions and its workloads.
 */
void organisation_assess(struct organisation_set *s, const struct organisation_context *ctx);

/* Frees the groups and their checks, and leaves *s empty. */
void organisation_release(struct organisation_set *s);

#endif
