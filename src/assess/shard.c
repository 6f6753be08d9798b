/* shard.c - dealing the workloads of an estate out to the shards of a sharded run. */
#include "srmap/assess/shard.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"
#include "srmap/base/strmap.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct group {
	const char *key;      /* borrowed from a workload */
	size_t size;
	unsigned shard;
};

static const char *group_key(const struct workload *w)
{
	if (w->subscription && *w->subscription)
		return w->subscription;
	if (w->tenant && *w->tenant)
		return w->tenant;
	return w->id;
}

static int by_size(const void *x, const void *y)
{
	const struct group *a = *(const struct group *const *)x, *b = *(const struct group *const *)y;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Stable across machines and runs: the id's digest, not a pointer or a table order. */
static unsigned hash_shard(const char *id, unsigned n)
{
	size_t len = strlen(id);
	char *lower = xmalloc(len + 1);
	for (size_t i = 0; i <= len; i++)
		lower[i] = (char)tolower((unsigned char)id[i]);
	char hex[DIGEST_HEX_LEN];
	digest_sha256(lower, len, hex);
	free(lower);
	uint64_t h = 0;
	for (int i = 0; i < 16; i++)
		h = h << 4 | (uint64_t)(isdigit((unsigned char)hex[i]) ? hex[i] - '0' : hex[i] - 'a' + 10);
	return (unsigned)(h % n);
}

/* Deals whole groups out; returns 1 when the shards come out even enough. */
static int deal_groups(struct shard_plan *p, const struct assessment *a)
{
	size_t nw = a->nworkloads, ngroups = 0;
	struct group *groups = xcalloc(nw ? nw : 1, sizeof(*groups));
	size_t *group_of = xcalloc(nw ? nw : 1, sizeof(size_t));
	struct strmap index;
	strmap_init(&index, 1);
	for (size_t i = 0; i < nw; i++) {
		const char *key = group_key(a->workloads[i].w);
		size_t g = (size_t)(uintptr_t)strmap_get(&index, key);
		if (!g) {
			groups[ngroups].key = key;
			g = ++ngroups;
			strmap_put(&index, key, (void *)(uintptr_t)g);
		}
		groups[g - 1].size++;
		group_of[i] = g - 1;
	}
	strmap_release(&index);
	struct group **order = xcalloc(ngroups ? ngroups : 1, sizeof(*order));
	for (size_t g = 0; g < ngroups; g++)
		order[g] = &groups[g];
	qsort(order, ngroups, sizeof(*order), by_size);
	size_t *load = xcalloc(p->nshards, sizeof(size_t));
	for (size_t g = 0; g < ngroups; g++) {
		unsigned least = 0;
		for (unsigned s = 1; s < p->nshards; s++)
			if (load[s] < load[least])
				least = s;
		order[g]->shard = least;
		load[least] += order[g]->size;
	}
	size_t even = (nw + p->nshards - 1) / p->nshards, most = 0, empty = 0;
	for (unsigned s = 0; s < p->nshards; s++) {
		most = load[s] > most ? load[s] : most;
		empty += load[s] == 0;
	}
	int ok = empty == 0 && most * 4 <= even * 5;
	if (ok)
		for (size_t i = 0; i < nw; i++)
			p->of_workload[i] = groups[group_of[i]].shard;
	free(load);
	free(order);
	free(group_of);
	free(groups);
	return ok;
}

void shard_plan_make(struct shard_plan *p, const struct assessment *a, unsigned k, unsigned n)
{
	p->shard = k;
	p->nshards = n;
	p->of_workload = xcalloc(a->nworkloads ? a->nworkloads : 1, sizeof(unsigned));
	p->by = SHARD_BY_SUBSCRIPTION;
	if (deal_groups(p, a))
		return;
	p->by = SHARD_BY_WORKLOAD;
	for (size_t i = 0; i < a->nworkloads; i++)
		p->of_workload[i] = hash_shard(a->workloads[i].w->id, n);
}

void shard_plan_release(struct shard_plan *p)
{
	free(p->of_workload);
	p->of_workload = NULL;
}

const char *shard_by_name(enum shard_by by)
{
	return by == SHARD_BY_SUBSCRIPTION ? "subscription" : "workload";
}

/* The inventory's workloads and the assessment's results are in the same order (assess.c). */
static unsigned shard_of_workload(const struct shard_plan *p, const struct assessment *a,
				  const struct workload *w)
{
	size_t i = (size_t)(w - a->inv->items);
	return i < a->nworkloads ? p->of_workload[i] : 0;
}

unsigned shard_of_evidence(const struct shard_plan *p, const struct assessment *a, size_t i)
{
	const struct evidence *e = &a->ev->items[i];
	if (e->scope != SCOPE_WORKLOAD)
		return 0;
	const struct workload *w = inventory_find(a->inv, e->scope_id);
	return w ? shard_of_workload(p, a, w) : 0;
}

unsigned shard_of_finding(const struct shard_plan *p, const struct assessment *a, size_t i)
{
	const struct finding *f = &a->findings[i];
	if (f->wr)
		return p->of_workload[f->wr - a->workloads];
	return 0;
}
