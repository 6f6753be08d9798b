/*
 * shard.h - which shard of a sharded run (assess --shard K/N) each workload,
 * evidence record and finding belongs to.
 *
 * Every shard assesses the whole estate, so that every count, score and
 * organisation-wide check is the same in every part; a shard writes only its
 * share of the per-workload sections of the canonical XML (workloads,
 * evidence, findings), which is most of the document at scale.  The plan is
 * made from the inventory alone, so every shard makes the same one:
 *
 * - by subscription: whole subscriptions (workloads naming none: their
 *   tenant, else the workload alone) are dealt out largest first, each to the
 *   shard holding the fewest workloads so far (the lowest-numbered on a tie),
 *   when that gives N non-empty shards none more than a quarter over an even
 *   share;
 * - by workload: otherwise, each workload goes to shard H mod N, H the first
 *   8 bytes of the SHA-256 of its id in lower case.
 *
 * Evidence about a workload goes with the workload; every other record
 * (subscription and tenant scope, or a workload not in the inventory) and
 * every finding not about a workload goes to shard 0.
 */
#ifndef SRMAP_SHARD_H
#define SRMAP_SHARD_H

#include <stddef.h>
#include "srmap/assess/assess.h"

enum shard_by { SHARD_BY_SUBSCRIPTION, SHARD_BY_WORKLOAD };

/* The largest shard count --shard accepts. */
#define SHARD_MAX 1000u

struct shard_plan {
	unsigned shard, nshards;    /* this run's shard K of N, 0 <= K < N */
	enum shard_by by;
	unsigned *of_workload;      /* per workload of the assessment: its shard (owned) */
};

/*
 * Makes the plan for shard k of n over the workloads of a (borrowed; the
 * plan refers to it by index).  Free with shard_plan_release.
 */
void shard_plan_make(struct shard_plan *p, const struct assessment *a, unsigned k, unsigned n);

/* Frees what p owns. */
void shard_plan_release(struct shard_plan *p);

/* "subscription" or "workload" (static). */
const char *shard_by_name(enum shard_by by);

/* The shard of evidence record i of a. */
unsigned shard_of_evidence(const struct shard_plan *p, const struct assessment *a, size_t i);

/* The shard of finding i of a. */
unsigned shard_of_finding(const struct shard_plan *p, const struct assessment *a, size_t i);

#endif
