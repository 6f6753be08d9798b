/*
 * assess.c - decides owners and statuses, builds the evidence index,
 * collects findings and rolls statuses up to framework requirements.
 */
#include "srmap/assess/assess.h"
#include "srmap/base/alloc.h"
#include "srmap/assess/artifact.h"
#include "organisation.h"
#include "verdict.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the evidence index ------------------------------------------------------ */

/* Newer evidence wins; at the same time, the worse result wins, so a tie never hides a failure. */
static int better(const struct profile *p, const struct evidence *a, const struct evidence *b)
{
	int64_t ta = verdict_time(p, a), tb = verdict_time(p, b);
	if (ta != tb)
		return ta > tb;
	if (a->result != b->result)
		return a->result == RESULT_FAIL ||
		       (a->result == RESULT_NOT_APPLICABLE && b->result == RESULT_PASS);
	return 0;
}

static void index_evidence(struct assessment *a, const struct evidence *e)
{
	char *key = verdict_key(e->scope, e->scope_id, e->control);
	void **prev = strmap_ref(&a->evidence_index, key);
	if (prev) {
		/* The map keeps the key it already holds; this one is not needed. */
		if (better(a->profile, e, *prev))
			*prev = (void *)e;
		free(key);
		return;
	}
	GROW(a->index_keys, a->keys_cap, a->nkeys + 1);
	a->index_keys[a->nkeys++] = key;
	strmap_put(&a->evidence_index, key, (void *)e);
}

const struct evidence *assess_lookup(const struct assessment *a, const struct workload *w,
				     const char *control)
{
	const char *ids[SCOPE_COUNT] = { w->id, w->subscription, w->tenant };
	for (int s = 0; s < SCOPE_COUNT; s++) {
		if (!ids[s])
			continue;
		char buf[512];
		char *key = verdict_key_in(buf, sizeof buf, s, ids[s], control);
		const struct evidence *e = strmap_get(&a->evidence_index, key);
		if (key != buf)
			free(key);
		if (e)
			return e;
	}
	return NULL;
}

/* Checks that every record names a known control and something in the inventory. */
static int check_references(struct assessment *a, struct diag_list *d)
{
	int bad = 0;
	struct strmap scopes[SCOPE_COUNT];
	for (int s = 0; s < SCOPE_COUNT; s++)
		strmap_init(&scopes[s], 1);
	for (size_t i = 0; i < a->inv->n; i++) {
		const struct workload *w = &a->inv->items[i];
		if (w->subscription)
			strmap_put(&scopes[SCOPE_SUBSCRIPTION], w->subscription, (void *)w);
		if (w->tenant)
			strmap_put(&scopes[SCOPE_TENANT], w->tenant, (void *)w);
	}
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		if (!catalog_control(a->cat, e->control)) {
			diag_error_at(d, evidence_pos(e, e->control_pos),
				      "evidence \"%s\" names unknown control \"%s\" "
				      "(see 'srmap catalog list')", e->id, e->control);
			bad = 1;
		}
		if (e->scope == SCOPE_WORKLOAD && !inventory_find(a->inv, e->scope_id)) {
			diag_error_at(d, evidence_pos(e, e->scope_pos),
				      "evidence \"%s\" names workload \"%s\", which is not "
				      "in the inventory", e->id, e->scope_id);
			bad = 1;
		} else if (e->scope != SCOPE_WORKLOAD && !strmap_get(&scopes[e->scope], e->scope_id)) {
			diag_warn_at(d, evidence_pos(e, e->scope_pos),
				     "evidence \"%s\" names %s \"%s\", to which no workload "
				     "in the inventory belongs", e->id, scope_name(e->scope), e->scope_id);
		}
		if (!e->undated && e->collected_at > a->profile->as_of)
			diag_warn_at(d, e->pos, "evidence \"%s\" was collected after the as-of date",
				     e->id);
	}
	for (int s = 0; s < SCOPE_COUNT; s++)
		strmap_release(&scopes[s]);
	return bad ? -1 : 0;
}

/* ---- controls evidenced on a workload itself --------------------------------- */

/*
 * A record about a workload itself (not its subscription or tenant) shows
 * that its tool assessed the control there, so the control applies to that
 * workload even where the catalog's applies_to does not name its type: a
 * scanner's verdict on a resource is not dropped for a gap in the type list.
 * The pairs are kept sorted by workload, so each workload finds its own.
 */
struct direct { size_t workload, control; };

static int by_workload(const void *x, const void *y)
{
	const struct direct *p = x, *q = y;
	if (p->workload != q->workload)
		return p->workload < q->workload ? -1 : 1;
	return p->control < q->control ? -1 : p->control > q->control;
}

static void collect_direct(struct assessment *a)
{
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		if (e->scope != SCOPE_WORKLOAD || e->artifact_state == ARTIFACT_MISSING ||
		    e->artifact_state == ARTIFACT_MISMATCH)
			continue;
		const struct workload *w = inventory_find(a->inv, e->scope_id);
		const struct control *c = catalog_control(a->cat, e->control);
		if (!w || !c)
			continue;
		GROW(a->direct, a->direct_cap, a->ndirect + 1);
		a->direct[a->ndirect++] = (struct direct){ (size_t)(w - a->inv->items),
							   (size_t)(c - a->cat->controls) };
	}
	if (a->ndirect)
		qsort(a->direct, a->ndirect, sizeof(*a->direct), by_workload);
}

/* ---- checks ------------------------------------------------------------------ */

static void assess_workload(struct assessment *a, struct workload_result *wr,
			    const struct workload *w, struct diag_list *d)
{
	const struct catalog *cat = a->cat;
	wr->w = w;
	wr->type = catalog_type(cat, w->type);
	if (w->model >= 0)
		wr->model = w->model;
	else if (wr->type)
		wr->model = wr->type->model;
	else
		wr->model = MODEL_UNCLASSIFIED;
	if (wr->model == MODEL_UNCLASSIFIED)
		diag_warn_at(d, w->pos, "workload \"%s\" has type \"%s\", which the catalog does not "
			     "classify: assessed as unclassified (add it with --catalog)", w->name, w->type);
	a->model_count[wr->model]++;

	wr->layer_owner = xcalloc(cat->nlayers, sizeof(enum owner));
	for (size_t l = 0; l < cat->nlayers; l++) {
		wr->layer_owner[l] = catalog_owner(cat, l, wr->model);
		a->owner_count[wr->layer_owner[l]]++;
	}
	wr->checks = xcalloc(cat->ncontrols, sizeof(struct check));
	size_t wi = (size_t)(w - a->inv->items);
	while (a->next_direct < a->ndirect && a->direct[a->next_direct].workload < wi)
		a->next_direct++;
	size_t dk = a->next_direct;
	for (size_t c = 0; c < cat->ncontrols; c++) {
		const struct control *ctl = &cat->controls[c];
		while (dk < a->ndirect && a->direct[dk].workload == wi && a->direct[dk].control < c)
			dk++;
		int evidenced = dk < a->ndirect && a->direct[dk].workload == wi &&
				a->direct[dk].control == c;
		if (ctl->scope == CONTROL_SCOPE_ORGANISATION ||
		    (!evidenced && !control_applies(ctl, w->type, wr->model)))
			continue;
		struct check *k = &wr->checks[wr->nchecks++];
		k->control = ctl;
		k->owner = wr->layer_owner[ctl->layer];
		k->evidence = k->owner == OWNER_PROVIDER ? NULL : assess_lookup(a, w, ctl->id);
		k->status = verdict_status(a->profile, k->owner, k->evidence);
		if (k->evidence)
			a->evidence_used[k->evidence - a->ev->items] = 1;
		a->status_count[k->status]++;
		a->control_count[c][k->status]++;
	}
}

/*
 * A record that ties with the one that decided a check - same scope, control,
 * time and result - decided it as much: it is marked used too, so that every
 * tool finding behind a check counts as evidence, not only the first one read.
 */
static void mark_tied(struct assessment *a)
{
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		if (a->evidence_used[i] || e->artifact_state == ARTIFACT_MISSING ||
		    e->artifact_state == ARTIFACT_MISMATCH)
			continue;
		char *key = verdict_key(e->scope, e->scope_id, e->control);
		const struct evidence *best = strmap_get(&a->evidence_index, key);
		free(key);
		if (best && best != e && a->evidence_used[best - a->ev->items] &&
		    verdict_time(a->profile, best) == verdict_time(a->profile, e) &&
		    best->result == e->result)
			a->evidence_used[i] = 1;
	}
}

/* ---- findings ---------------------------------------------------------------- */

static void add_finding(struct assessment *a, const struct workload_result *wr,
			const struct organisation_result *org, const struct check *k,
			const struct evidence *e, enum severity sev, const char *status)
{
	/*
	 * Engagement-wide first, then evidence in file order, then organisations
	 * and then workloads in inventory order, each in catalog order.
	 */
	size_t rank = 0, per = a->cat->ncontrols + 1;
	size_t control = k ? (size_t)(k->control - a->cat->controls) + 1 : 0;
	if (org)
		rank = 1 + a->ev->n + (size_t)(org - a->orgs) * per + control;
	else if (wr)
		rank = 1 + a->ev->n + (a->norgs + (size_t)(wr - a->workloads)) * per + control;
	else if (e)
		rank = 1 + (size_t)(e - a->ev->items);
	GROW(a->findings, a->findings_cap, a->nfindings + 1);
	a->findings[a->nfindings++] = (struct finding){ wr, org, k, e, sev, status, rank };
	a->severity_count[sev]++;
}

static void check_finding(struct assessment *a, const struct workload_result *wr,
			  const struct organisation_result *org, const struct check *k)
{
	enum severity sev = k->control->severity;
	if (k->status == STATUS_STALE)
		sev = sev > SEV_LOW ? sev - 1 : SEV_LOW;  /* evidence exists, but aged */
	if (k->status == STATUS_FAILED || k->status == STATUS_MISSING || k->status == STATUS_STALE)
		add_finding(a, wr, org, k, k->evidence, sev, status_name(k->status));
}

static void collect_findings(struct assessment *a)
{
	if ((a->profile->frameworks >> FW_HIPAA) & 1 &&
	    !profile_has_attestation(a->profile, "hipaa-baa"))
		add_finding(a, NULL, NULL, NULL, NULL, SEV_HIGH, "no-baa");
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		if (e->artifact_state == ARTIFACT_MISSING)
			add_finding(a, NULL, NULL, NULL, e, SEV_HIGH, "artifact-missing");
		else if (e->artifact_state == ARTIFACT_MISMATCH)
			add_finding(a, NULL, NULL, NULL, e, SEV_HIGH, "artifact-mismatch");
	}
	for (size_t o = 0; o < a->norgs; o++)
		for (size_t j = 0; j < a->orgs[o].nchecks; j++)
			check_finding(a, NULL, &a->orgs[o], &a->orgs[o].checks[j]);
	for (size_t i = 0; i < a->nworkloads; i++) {
		const struct workload_result *wr = &a->workloads[i];
		if (wr->model == MODEL_UNCLASSIFIED)
			add_finding(a, wr, NULL, NULL, NULL, SEV_MEDIUM, "unclassified");
		for (size_t j = 0; j < wr->nchecks; j++)
			check_finding(a, wr, NULL, &wr->checks[j]);
	}
}

/* Most severe first; then inventory order; then catalog order: stable across runs. */
static int by_severity(const void *x, const void *y)
{
	const struct finding *f = x, *g = y;
	if (f->severity != g->severity)
		return f->severity > g->severity ? -1 : 1;
	return f->rank < g->rank ? -1 : f->rank > g->rank;
}

/* ---- framework roll-up ------------------------------------------------------- */

enum req_status requirement_status(const size_t count[STATUS_COUNT], size_t ncontrols)
{
	size_t good = count[STATUS_SATISFIED] + count[STATUS_INHERITED];
	size_t bad = count[STATUS_FAILED] + count[STATUS_MISSING] + count[STATUS_STALE];
	if (ncontrols == 0)
		return REQ_NOT_ASSESSED;
	if (good + bad == 0)
		return count[STATUS_NOT_APPLICABLE] ? REQ_NOT_APPLICABLE : REQ_NOT_ASSESSED;
	if (bad == 0)
		return count[STATUS_SATISFIED] ? REQ_MET : REQ_INHERITED;
	return good ? REQ_PARTIALLY_MET : REQ_NOT_MET;
}

static int tenths(size_t num2, size_t den2)
{
	/* num2 and den2 are doubled counts, so that half-credit stays an integer */
	return den2 ? (int)((num2 * 1000 + den2 / 2) / den2) : -1;
}

static void roll_up(struct assessment *a, enum framework_id f, enum ref_source src,
		    const struct requirement *const *reqs, size_t n)
{
	const struct catalog *cat = a->cat;
	struct framework_result *fr = &a->fw[f];
	fr->in_scope = (a->profile->frameworks >> f) & 1;
	fr->title = cat->refs[src].title;
	fr->reqs = xcalloc(n, sizeof(*fr->reqs));
	fr->n = n;
	struct strmap at;
	strmap_init(&at, 0);
	for (size_t i = 0; i < n; i++) {
		fr->reqs[i].req = reqs[i];
		fr->reqs[i].controls = xcalloc(cat->ncontrols, sizeof(struct control *));
		strmap_put(&at, reqs[i]->id, &fr->reqs[i]);
	}
	for (size_t c = 0; c < cat->ncontrols; c++) {
		const struct control *ctl = &cat->controls[c];
		for (size_t k = 0; k < ctl->nrefs[src]; k++) {
			struct requirement_result *rr = strmap_get(&at, ctl->refs[src][k]);
			if (!rr || (rr->ncontrols && rr->controls[rr->ncontrols - 1] == ctl))
				continue;
			rr->controls[rr->ncontrols++] = ctl;
			for (int s = 0; s < STATUS_COUNT; s++)
				rr->count[s] += a->control_count[c][s];
		}
	}
	size_t assessed = 0, credit2 = 0;
	for (size_t i = 0; i < n; i++) {
		struct requirement_result *rr = &fr->reqs[i];
		rr->status = requirement_status(rr->count, rr->ncontrols);
		fr->count[rr->status]++;
		switch (rr->status) {
		case REQ_MET: case REQ_INHERITED: credit2 += 2; assessed++; break;
		case REQ_PARTIALLY_MET: credit2 += 1; assessed++; break;
		case REQ_NOT_MET: assessed++; break;
		default: break;
		}
	}
	fr->score_tenths = tenths(credit2, assessed * 2);
	fr->coverage_tenths = tenths(assessed * 2, n * 2);
	if (fr->coverage_tenths < 0)
		fr->coverage_tenths = 0;
	strmap_release(&at);
}

static void roll_up_all(struct assessment *a)
{
	const struct catalog *cat = a->cat;
	const struct requirement **reqs;
	for (int src = REF_HIPAA; src <= REF_SOC2; src++) {
		const struct framework_list *fl = &cat->refs[src];
		reqs = xcalloc(fl->n, sizeof(*reqs));
		for (size_t i = 0; i < fl->n; i++)
			reqs[i] = &fl->items[i];
		roll_up(a, src == REF_HIPAA ? FW_HIPAA : FW_SOC2, src, reqs, fl->n);
		free(reqs);
	}
	enum fedramp_baseline b = a->profile->baseline;
	reqs = xcalloc(cat->nbaseline[b], sizeof(*reqs));
	size_t n = 0;
	for (size_t i = 0; i < cat->nbaseline[b]; i++) {
		const struct requirement *r = catalog_requirement(cat, REF_NIST, cat->baseline[b][i]);
		if (r)
			reqs[n++] = r;
	}
	roll_up(a, FW_FEDRAMP, REF_NIST, reqs, n);
	free(reqs);
}

/* ---- the whole run ----------------------------------------------------------- */

int assess_run(struct assessment *a, const struct catalog *cat, const struct profile *p,
	       const struct inventory *inv, const struct evidence_set *ev, struct diag_list *d)
{
	*a = (struct assessment){ .cat = cat, .profile = p, .inv = inv, .ev = ev };
	strmap_init(&a->evidence_index, 1);
	a->control_count = xcalloc(cat->ncontrols, sizeof(*a->control_count));
	a->evidence_used = xcalloc(ev->n, 1);
	for (size_t i = 0; i < p->nattestations; i++)
		for (size_t k = 0; k < p->attestations[i].ncovers; k++)
			if (!catalog_layer(cat, p->attestations[i].covers[k])) {
				diag_add(d, DIAG_ERROR, p->file, 0, 0, "provider attestation \"%s\" covers "
					 "\"%s\", which is not a layer of the catalog",
					 p->attestations[i].id, p->attestations[i].covers[k]);
				return -1;
			}
	if (check_references(a, d) < 0)
		return -1;
	/* A record whose artifact is missing or altered proves nothing: it stays out of the index. */
	for (size_t i = 0; i < ev->n; i++)
		if (ev->items[i].artifact_state != ARTIFACT_MISSING &&
		    ev->items[i].artifact_state != ARTIFACT_MISMATCH)
			index_evidence(a, &ev->items[i]);

	collect_direct(a);
	struct organisation_set orgs;
	organisation_group(&orgs, inv);
	a->workloads = xcalloc(inv->n, sizeof(*a->workloads));
	a->nworkloads = inv->n;
	for (size_t i = 0; i < inv->n; i++)
		assess_workload(a, &a->workloads[i], &inv->items[i], d);
	struct organisation_context ctx = {
		cat, p, inv, ev, &a->evidence_index, a->workloads, a->status_count,
		a->control_count, a->evidence_used
	};
	organisation_assess(&orgs, &ctx);
	a->orgs = orgs.orgs;
	a->norgs = orgs.n;
	a->workload_org = orgs.workload_org;

	mark_tied(a);
	collect_findings(a);
	if (a->nfindings)   /* qsort wants a non-null array even for none */
		qsort(a->findings, a->nfindings, sizeof(*a->findings), by_severity);

	roll_up_all(a);
	size_t good = a->status_count[STATUS_SATISFIED] + a->status_count[STATUS_INHERITED];
	size_t all = good + a->status_count[STATUS_FAILED] + a->status_count[STATUS_MISSING] +
		     a->status_count[STATUS_STALE];
	a->overall_tenths = tenths(good * 2, all * 2);
	return 0;
}

void assess_release(struct assessment *a)
{
	for (size_t i = 0; i < a->nworkloads; i++) {
		free(a->workloads[i].layer_owner);
		free(a->workloads[i].checks);
	}
	free(a->workloads);
	struct organisation_set orgs = { a->orgs, a->norgs, a->workload_org };
	organisation_release(&orgs);
	free(a->findings);
	for (int f = 0; f < FW_COUNT; f++) {
		for (size_t i = 0; i < a->fw[f].n; i++)
			free(a->fw[f].reqs[i].controls);
		free(a->fw[f].reqs);
	}
	free(a->control_count);
	free(a->evidence_used);
	free(a->direct);
	for (size_t i = 0; i < a->nkeys; i++)
		free(a->index_keys[i]);
	free(a->index_keys);
	strmap_release(&a->evidence_index);
	*a = (struct assessment){ 0 };
}
