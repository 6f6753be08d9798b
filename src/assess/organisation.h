/*
 * organisation.h - shared by the files of the assess stage: the checks of
 * controls of organisation scope, made once per tenant (organisation.c), and
 * the rules of assess.c they reuse.
 */
#ifndef SRMAP_ASSESS_ORGANISATION_H
#define SRMAP_ASSESS_ORGANISATION_H

#include "srmap/assess/assess.h"

#include <stdint.h>

/* The key of the evidence index for (scope, id, control); the caller frees it. */
char *assess_index_key(enum scope_kind scope, const char *id, const char *control);

/* The time a record counts as collected at under the profile's rule for undated records. */
int64_t assess_evidence_time(const struct profile *p, const struct evidence *e);

/* The status of a check from its owner and its deciding record (NULL for none). */
enum status assess_decide(const struct assessment *a, enum owner owner, const struct evidence *e);

/*
 * Groups the inventory's workloads by tenant: fills a->orgs (in the order
 * tenants first appear) and a->workload_org.  Called before the workloads
 * are assessed; the groups have no checks yet.
 */
void organisation_group(struct assessment *a);

/*
 * Makes the organisation checks of every group, once every workload's layer
 * owners are known, counts their statuses and marks the records behind them
 * used.  The evidence index must be complete.
 */
void organisation_assess(struct assessment *a);

/* Frees the groups and their checks. */
void organisation_release(struct assessment *a);

#endif
