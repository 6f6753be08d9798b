/*
 * organisation.c - the checks of controls of organisation scope: workloads
 * grouped by tenant, and one check per tenant and control, decided by the
 * worst of the newest records about the tenant and everything in it.
 */
#include "organisation.h"
#include "verdict.h"
#include "srmap/assess/artifact.h"
#include "srmap/model.h"
#include "srmap/base/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The map stores an index plus one, so that index 0 is not mistaken for "absent". */
static void *slot(size_t i) { return (void *)(uintptr_t)(i + 1); }
static size_t unslot(void *v) { return (size_t)(uintptr_t)v - 1; }

void organisation_group(struct organisation_set *a, const struct inventory *inv)
{
	*a = (struct organisation_set){ 0 };
	struct strmap by_tenant;
	strmap_init(&by_tenant, 1);
	size_t cap = 0, none = SIZE_MAX;
	a->workload_org = xcalloc(inv->n ? inv->n : 1, sizeof(size_t));
	for (size_t i = 0; i < inv->n; i++) {
		const char *tenant = inv->items[i].tenant;
		void *v = tenant ? strmap_get(&by_tenant, tenant) : NULL;
		size_t o;
		if (v) {
			o = unslot(v);
		} else if (!tenant && none != SIZE_MAX) {
			o = none;
		} else {
			GROW(a->orgs, cap, a->n + 1);
			o = a->n++;
			a->orgs[o] = (struct organisation_result){ .tenant = tenant };
			if (tenant)
				strmap_put(&by_tenant, tenant, slot(o));
			else
				none = o;
		}
		a->orgs[o].nworkloads++;
		a->workload_org[i] = o;
	}
	strmap_release(&by_tenant);
}

static int any_organisation_control(const struct catalog *cat)
{
	for (size_t c = 0; c < cat->ncontrols; c++)
		if (cat->controls[c].scope == CONTROL_SCOPE_ORGANISATION)
			return 1;
	return 0;
}

/* The group an evidence record is about, or SIZE_MAX when nothing in the inventory is. */
static size_t record_org(const struct organisation_set *s, const struct organisation_context *a,
			 const struct evidence *e, const struct strmap *sub_org,
			 const struct strmap *tenant_org)
{
	void *v = NULL;
	if (e->scope == SCOPE_WORKLOAD) {
		const struct workload *w = inventory_find(a->inv, e->scope_id);
		return w ? s->workload_org[w - a->inv->items] : SIZE_MAX;
	}
	v = strmap_get(e->scope == SCOPE_SUBSCRIPTION ? sub_org : tenant_org, e->scope_id);
	return v ? unslot(v) : SIZE_MAX;
}

/* Only the newest record of each scope counts, as it does for a workload's check. */
static int is_scope_winner(const struct organisation_context *a, const struct evidence *e)
{
	if (e->artifact_state == ARTIFACT_MISSING || e->artifact_state == ARTIFACT_MISMATCH)
		return 0;
	char *key = verdict_key(e->scope, e->scope_id, e->control);
	const struct evidence *best = strmap_get(a->evidence_index, key);
	free(key);
	return best == e;
}

static int result_weight(enum result r)
{
	return r == RESULT_FAIL ? 2 : r == RESULT_PASS ? 1 : 0;
}

/* A failure anywhere in the organisation outweighs a pass elsewhere; then the newer record. */
static int worse(const struct profile *p, const struct evidence *e, const struct evidence *cur)
{
	if (!cur)
		return 1;
	int we = result_weight(e->result), wc = result_weight(cur->result);
	if (we != wc)
		return we > wc;
	return verdict_time(p, e) > verdict_time(p, cur);
}

static int owner_weight(enum owner o)
{
	return o == OWNER_CUSTOMER ? 3 : o == OWNER_SHARED ? 2 : 1;
}

struct org_work {
	size_t nctl;
	size_t *applies;                 /* [org * nctl + control] */
	enum owner *owner;               /* the most customer-side owner seen */
	const struct evidence **decisive;
	size_t *records;
	struct strmap sub_org, tenant_org;
};

static void gather_applicability(const struct organisation_set *s,
				 const struct organisation_context *a, struct org_work *ow)
{
	const struct catalog *cat = a->cat;
	for (size_t i = 0; i < a->inv->n; i++) {
		const struct workload_result *wr = &a->workloads[i];
		size_t o = s->workload_org[i], base = o * ow->nctl;
		if (wr->w->subscription && !strmap_get(&ow->sub_org, wr->w->subscription))
			strmap_put(&ow->sub_org, wr->w->subscription, slot(o));
		if (wr->w->tenant && !strmap_get(&ow->tenant_org, wr->w->tenant))
			strmap_put(&ow->tenant_org, wr->w->tenant, slot(o));
		for (size_t c = 0; c < cat->ncontrols; c++) {
			const struct control *ctl = &cat->controls[c];
			if (ctl->scope != CONTROL_SCOPE_ORGANISATION ||
			    !control_applies(ctl, wr->w->type, wr->model))
				continue;
			enum owner own = wr->layer_owner[ctl->layer];
			if (!ow->applies[base + c]++ ||
			    owner_weight(own) > owner_weight(ow->owner[base + c]))
				ow->owner[base + c] = own;
		}
	}
}

static void gather_evidence(const struct organisation_set *s,
			    const struct organisation_context *a, struct org_work *ow, int mark)
{
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		const struct control *ctl = catalog_control(a->cat, e->control);
		if (!ctl || ctl->scope != CONTROL_SCOPE_ORGANISATION || !is_scope_winner(a, e))
			continue;
		size_t o = record_org(s, a, e, &ow->sub_org, &ow->tenant_org);
		if (o == SIZE_MAX)
			continue;
		size_t at = o * ow->nctl + (size_t)(ctl - a->cat->controls);
		if (!ow->applies[at] || ow->owner[at] == OWNER_PROVIDER)
			continue;
		if (mark) {
			a->evidence_used[i] = 1;
		} else {
			ow->records[at]++;
			if (worse(a->profile, e, ow->decisive[at]))
				ow->decisive[at] = e;
		}
	}
}

static void make_checks(struct organisation_set *s, const struct organisation_context *a,
			struct org_work *ow)
{
	const struct catalog *cat = a->cat;
	for (size_t o = 0; o < s->n; o++) {
		struct organisation_result *org = &s->orgs[o];
		org->checks = xcalloc(cat->ncontrols, sizeof(*org->checks));
		org->applies = xcalloc(cat->ncontrols, sizeof(size_t));
		org->records = xcalloc(cat->ncontrols, sizeof(size_t));
		for (size_t c = 0; c < cat->ncontrols; c++) {
			size_t at = o * ow->nctl + c;
			if (!ow->applies[at])
				continue;
			size_t n = org->nchecks++;
			struct check *k = &org->checks[n];
			k->control = &cat->controls[c];
			k->owner = ow->owner[at];
			k->evidence = k->owner == OWNER_PROVIDER ? NULL : ow->decisive[at];
			k->status = verdict_status(a->profile, k->owner, k->evidence);
			org->applies[n] = ow->applies[at];
			org->records[n] = ow->records[at];
			a->status_count[k->status]++;
			a->control_count[c][k->status]++;
		}
	}
}

void organisation_assess(struct organisation_set *s, const struct organisation_context *a)
{
	if (!s->n || !any_organisation_control(a->cat))
		return;
	struct org_work ow = { .nctl = a->cat->ncontrols };
	size_t cells = s->n * ow.nctl;
	ow.applies = xcalloc(cells, sizeof(size_t));
	ow.owner = xcalloc(cells, sizeof(enum owner));
	ow.decisive = xcalloc(cells, sizeof(*ow.decisive));
	ow.records = xcalloc(cells, sizeof(size_t));
	strmap_init(&ow.sub_org, 1);
	strmap_init(&ow.tenant_org, 1);
	gather_applicability(s, a, &ow);
	gather_evidence(s, a, &ow, 0);
	make_checks(s, a, &ow);
	gather_evidence(s, a, &ow, 1);   /* every record consulted is evidence of the check */
	strmap_release(&ow.sub_org);
	strmap_release(&ow.tenant_org);
	free(ow.applies);
	free(ow.owner);
	free(ow.decisive);
	free(ow.records);
}

void organisation_release(struct organisation_set *s)
{
	for (size_t o = 0; o < s->n; o++) {
		free(s->orgs[o].checks);
		free(s->orgs[o].applies);
		free(s->orgs[o].records);
	}
	free(s->orgs);
	free(s->workload_org);
	*s = (struct organisation_set){ 0 };
}
