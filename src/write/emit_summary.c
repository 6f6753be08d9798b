/*
 * emit_summary.c - the <summary> of the canonical XML: counts of workloads,
 * checks and findings by status, severity and owner, the tallies per
 * subscription, tenant and collector, and the scores per framework.
 */
#include "emit_parts.h"
#include "srmap/base/alloc.h"
#include "srmap/assess.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* A distinct value with a count and a time span, for the summary's tallies. */
struct tally_item {
	const char *name;
	size_t count;
	size_t undated;           /* of count, the ones without a time */
	int64_t earliest, latest; /* of the dated ones, when dated < count */
};

struct tallies {
	struct tally_item *items;
	size_t n, cap;
	struct strmap index;      /* name -> index + 1 */
};

static void tally_add(struct tallies *t, const char *name, int64_t when, int undated)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&t->index, name);
	if (!at) {
		GROW(t->items, t->cap, t->n + 1);
		t->items[t->n] = (struct tally_item){ name, 0, 0, when, when };
		strmap_put(&t->index, name, (void *)(uintptr_t)(t->n + 1));
		at = ++t->n;
	}
	struct tally_item *x = &t->items[at - 1];
	if (undated) {
		x->undated++;
		x->count++;
		return;
	}
	if (x->count == x->undated)
		x->earliest = x->latest = when;   /* the first dated one */
	x->count++;
	if (when < x->earliest)
		x->earliest = when;
	if (when > x->latest)
		x->latest = when;
}

static void tallies_release(struct tallies *t)
{
	free(t->items);
	strmap_release(&t->index);
}

/* Subscriptions, tenants and evidence collectors, counted once here so templates need not. */
static void emit_tallies(struct xmlout *o, const struct assessment *a)
{
	struct tallies subs = { 0 }, tenants = { 0 }, collectors = { 0 };
	strmap_init(&subs.index, 1);
	strmap_init(&tenants.index, 1);
	strmap_init(&collectors.index, 0);
	for (size_t i = 0; i < a->nworkloads; i++) {
		const struct workload *w = a->workloads[i].w;
		if (w->subscription)
			tally_add(&subs, w->subscription, 0, 0);
		if (w->tenant)
			tally_add(&tenants, w->tenant, 0, 0);
	}
	for (size_t i = 0; i < a->ev->n; i++)
		tally_add(&collectors, a->ev->items[i].collected_by, a->ev->items[i].collected_at,
			  a->ev->items[i].undated);
	const char *names[] = { "subscription", "tenant" };
	struct tallies *lists[] = { &subs, &tenants };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++) {
			xmlout_start(o, names[k]);
			xmlout_attr(o, "id", lists[k]->items[i].name);
			if (k == 0)
				xmlout_attr(o, "name", inventory_subscription_name(a->inv,
										    lists[k]->items[i].name));
			xmlout_attr_count(o, "workloads", lists[k]->items[i].count);
			xmlout_end(o);
		}
	for (size_t i = 0; i < collectors.n; i++) {
		xmlout_start(o, "collector");
		xmlout_attr(o, "name", collectors.items[i].name);
		xmlout_attr_count(o, "records", collectors.items[i].count);
		const struct tally_item *c = &collectors.items[i];
		if (c->count > c->undated) {
			xmlout_attr_time(o, "earliest", c->earliest);
			xmlout_attr_time(o, "latest", c->latest);
		}
		if (c->undated)
			xmlout_attr_count(o, "undated", c->undated);
		xmlout_end(o);
	}
	tallies_release(&subs);
	tallies_release(&tenants);
	tallies_release(&collectors);
}

void emit_summary(struct xmlout *o, const struct assessment *a)
{
	size_t checks = 0, unused = 0, undated = 0, subscriptions = 0, tenants = 0;
	for (int s = 0; s < STATUS_COUNT; s++)
		checks += a->status_count[s];
	int64_t earliest = 0, latest = 0;
	for (size_t i = 0; i < a->ev->n; i++) {
		unused += !a->evidence_used[i];
		if (a->ev->items[i].undated) {
			undated++;
			continue;
		}
		int64_t t = a->ev->items[i].collected_at;
		if (i == undated || t < earliest)
			earliest = t;
		if (i == undated || t > latest)
			latest = t;
	}
	struct strmap seen_sub, seen_tenant;
	strmap_init(&seen_sub, 1);
	strmap_init(&seen_tenant, 1);
	for (size_t i = 0; i < a->nworkloads; i++) {
		const struct workload *w = a->workloads[i].w;
		if (w->subscription && !strmap_put(&seen_sub, w->subscription, (void *)w))
			subscriptions++;
		if (w->tenant && !strmap_put(&seen_tenant, w->tenant, (void *)w))
			tenants++;
	}
	strmap_release(&seen_sub);
	strmap_release(&seen_tenant);
	xmlout_start(o, "summary");
	xmlout_attr_count(o, "workloads", a->nworkloads);
	xmlout_attr_count(o, "checks", checks);
	xmlout_attr_count(o, "decided", checks - a->status_count[STATUS_NOT_APPLICABLE]);
	xmlout_attr_count(o, "findings", a->nfindings);
	xmlout_attr_count(o, "evidence", a->ev->n);
	xmlout_attr_count(o, "evidence-unused", unused);
	if (a->ev->n > undated) {
		xmlout_attr_time(o, "evidence-earliest", earliest);
		xmlout_attr_time(o, "evidence-latest", latest);
	}
	if (undated)
		xmlout_attr_count(o, "evidence-undated", undated);
	xmlout_attr_count(o, "subscriptions", subscriptions);
	xmlout_attr_count(o, "tenants", tenants);
	xmlout_attr_score(o, "overall-score", a->overall_tenths);
	for (int m = 0; m < MODEL_COUNT; m++) {
		xmlout_start(o, "model-count");
		xmlout_attr(o, "model", model_name(m));
		xmlout_attr_count(o, "count", a->model_count[m]);
		xmlout_end(o);
	}
	for (int w = 0; w < OWNER_COUNT; w++) {
		xmlout_start(o, "owner-count");
		xmlout_attr(o, "owner", owner_name(w));
		xmlout_attr_count(o, "count", a->owner_count[w]);
		xmlout_end(o);
	}
	for (int s = 0; s < STATUS_COUNT; s++) {
		xmlout_start(o, "status-count");
		xmlout_attr(o, "status", status_name(s));
		xmlout_attr_count(o, "count", a->status_count[s]);
		xmlout_end(o);
	}
	for (int s = SEV_COUNT - 1; s >= 0; s--) {
		xmlout_start(o, "severity-count");
		xmlout_attr(o, "severity", severity_name(s));
		xmlout_attr_count(o, "count", a->severity_count[s]);
		xmlout_end(o);
	}
	emit_tallies(o, a);
	xmlout_end(o);
}

