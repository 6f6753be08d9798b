/*
 * emit.c - the canonical assessment XML, written with libxml2's
 * xmlTextWriter.  Every string that reaches it was checked at input to be
 * valid UTF-8 and XML-safe (utf8.h), because xmlTextWriter does not check.
 */
#include "srmap/write/emit.h"
#include "srmap/base/alloc.h"
#include "srmap/assess.h"
#include "srmap/base/isotime.h"
#include "srmap/base/srmap.h"
#include "srmap/base/utf8.h"

#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

struct out {
	xmlTextWriterPtr w;
	int failed;
};

/* Returns s itself when it is clean UTF-8 XML text (the common case), else a sanitized copy in *copy. */
static const char *clean(const char *s, char **copy)
{
	size_t bad;
	unsigned long cp;
	const unsigned char *p = (const unsigned char *)s;
	*copy = NULL;
	while (*p >= 0x20 && *p < 0x7F)   /* printable ASCII needs no further check */
		p++;
	if (!*p)
		return s;
	if (utf8_validate(s, strlen(s), &bad) == 0 && utf8_xml_safe(s, &cp) == 0)
		return s;
	*copy = utf8_sanitize(s);
	return *copy;
}

static void start(struct out *o, const char *name)
{
	if (xmlTextWriterStartElement(o->w, X(name)) < 0)
		o->failed = 1;
}

static void end(struct out *o)
{
	if (xmlTextWriterEndElement(o->w) < 0)
		o->failed = 1;
}

/* Writes attribute name when value is not NULL. */
static void attr(struct out *o, const char *name, const char *value)
{
	if (!value)
		return;
	char *copy;
	if (xmlTextWriterWriteAttribute(o->w, X(name), X(clean(value, &copy))) < 0)
		o->failed = 1;
	free(copy);
}

static void attrf(struct out *o, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void attrf(struct out *o, const char *name, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	attr(o, name, buf);
}

static void attr_count(struct out *o, const char *name, size_t n)
{
	attrf(o, name, "%zu", n);
}

static void attr_time(struct out *o, const char *name, int64_t t)
{
	char buf[ISOTIME_LEN];
	isotime_format(t, buf);
	attr(o, name, buf);
}

/* A score in tenths of a percent, written as "87.5"; nothing when not scored. */
static void attr_score(struct out *o, const char *name, int tenths)
{
	if (tenths >= 0)
		attrf(o, name, "%d.%d", tenths / 10, tenths % 10);
}

static void text_element(struct out *o, const char *name, const char *text)
{
	if (!text)
		return;
	char *copy;
	if (xmlTextWriterWriteElement(o->w, X(name), X(clean(text, &copy))) < 0)
		o->failed = 1;
	free(copy);
}

static void emit_profile(struct out *o, const struct assessment *a)
{
	const struct profile *p = a->profile;
	start(o, "profile");
	attr(o, "client", p->client);
	attr(o, "assessor", p->assessor);
	attr(o, "marking", p->marking);
	attr_time(o, "as-of", p->as_of);
	attr(o, "fedramp-baseline", baseline_name(p->baseline));
	attrf(o, "max-evidence-age-days", "%ld", p->max_age_days);
	attr(o, "file", p->file);
	for (int f = 0; f < FW_COUNT; f++)
		if ((p->frameworks >> f) & 1) {
			start(o, "scope");
			attr(o, "framework", framework_name(f));
			end(o);
		}
	for (size_t i = 0; i < p->nattestations; i++) {
		const struct attestation *t = &p->attestations[i];
		start(o, "attestation");
		attr(o, "id", t->id);
		attr(o, "kind", t->kind);
		attr(o, "title", t->title);
		attr_time(o, "issued", t->issued);
		char *covers = xjoin((const char *const *)t->covers, t->ncovers, " ");
		attr(o, "covers", covers);
		free(covers);
		end(o);
	}
	if (p->logo || p->brand_color) {
		start(o, "branding");
		attr(o, "logo", p->logo);
		attr(o, "color", p->brand_color);
		end(o);
	}
	end(o);
}

/* What reading an export gave: counts, and the identifiers and resources it could not use. */
static void emit_import_counts(struct out *o, const struct reader_stats *st)
{
	attr_count(o, "read", st->read);
	attr_count(o, "mapped", st->mapped);
	attr_count(o, "unmapped", st->unmapped);
	attr_count(o, "ignored", st->ignored);
	attr_count(o, "rejected", st->rejected);
	attr_count(o, "unmatched", st->unmatched);
	attr_count(o, "merged", st->merged);
	for (size_t i = 0; i < st->unmapped_ids.n; i++) {
		start(o, "unmapped");
		attr(o, "source", st->unmapped_ids.sources[i]);
		attr(o, "id", st->unmapped_ids.ids[i]);
		attr_count(o, "count", st->unmapped_ids.counts[i]);
		end(o);
	}
	for (size_t i = 0; i < st->unmatched_ids.n; i++) {
		start(o, "unmatched");
		attr(o, "resource", st->unmatched_ids.ids[i]);
		attr_count(o, "count", st->unmatched_ids.counts[i]);
		end(o);
	}
}

static void emit_inputs(struct out *o, const struct run_info *run)
{
	start(o, "inputs");
	for (size_t i = 0; i < run->ninputs; i++) {
		const struct input_file *f = &run->inputs[i];
		start(o, "input");
		attr(o, "role", f->role);
		attr(o, "path", f->path);
		attr(o, "format", f->format);
		attr_count(o, "records", f->records);
		attrf(o, "size", "%llu", f->size);
		attr(o, "sha256", f->sha256);
		if (f->stats && strcmp(f->format, "srmap-json") != 0)
			emit_import_counts(o, f->stats);
		end(o);
	}
	end(o);
}

/* A distinct value with a count and a time span, for the summary's tallies. */
struct tally_item {
	const char *name;
	size_t count;
	int64_t earliest, latest;
};

struct tallies {
	struct tally_item *items;
	size_t n, cap;
	struct strmap index;      /* name -> index + 1 */
};

static void tally_add(struct tallies *t, const char *name, int64_t when)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&t->index, name);
	if (!at) {
		GROW(t->items, t->cap, t->n + 1);
		t->items[t->n] = (struct tally_item){ name, 0, when, when };
		strmap_put(&t->index, name, (void *)(uintptr_t)(t->n + 1));
		at = ++t->n;
	}
	struct tally_item *x = &t->items[at - 1];
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
static void emit_tallies(struct out *o, const struct assessment *a)
{
	struct tallies subs = { 0 }, tenants = { 0 }, collectors = { 0 };
	strmap_init(&subs.index, 1);
	strmap_init(&tenants.index, 1);
	strmap_init(&collectors.index, 0);
	for (size_t i = 0; i < a->nworkloads; i++) {
		const struct workload *w = a->workloads[i].w;
		if (w->subscription)
			tally_add(&subs, w->subscription, 0);
		if (w->tenant)
			tally_add(&tenants, w->tenant, 0);
	}
	for (size_t i = 0; i < a->ev->n; i++)
		tally_add(&collectors, a->ev->items[i].collected_by, a->ev->items[i].collected_at);
	const char *names[] = { "subscription", "tenant" };
	struct tallies *lists[] = { &subs, &tenants };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++) {
			start(o, names[k]);
			attr(o, "id", lists[k]->items[i].name);
			attr_count(o, "workloads", lists[k]->items[i].count);
			end(o);
		}
	for (size_t i = 0; i < collectors.n; i++) {
		start(o, "collector");
		attr(o, "name", collectors.items[i].name);
		attr_count(o, "records", collectors.items[i].count);
		attr_time(o, "earliest", collectors.items[i].earliest);
		attr_time(o, "latest", collectors.items[i].latest);
		end(o);
	}
	tallies_release(&subs);
	tallies_release(&tenants);
	tallies_release(&collectors);
}

static void emit_summary(struct out *o, const struct assessment *a)
{
	size_t checks = 0, unused = 0, subscriptions = 0, tenants = 0;
	for (int s = 0; s < STATUS_COUNT; s++)
		checks += a->status_count[s];
	int64_t earliest = 0, latest = 0;
	for (size_t i = 0; i < a->ev->n; i++) {
		int64_t t = a->ev->items[i].collected_at;
		if (i == 0 || t < earliest)
			earliest = t;
		if (i == 0 || t > latest)
			latest = t;
		unused += !a->evidence_used[i];
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
	start(o, "summary");
	attr_count(o, "workloads", a->nworkloads);
	attr_count(o, "checks", checks);
	attr_count(o, "decided", checks - a->status_count[STATUS_NOT_APPLICABLE]);
	attr_count(o, "findings", a->nfindings);
	attr_count(o, "evidence", a->ev->n);
	attr_count(o, "evidence-unused", unused);
	if (a->ev->n) {
		attr_time(o, "evidence-earliest", earliest);
		attr_time(o, "evidence-latest", latest);
	}
	attr_count(o, "subscriptions", subscriptions);
	attr_count(o, "tenants", tenants);
	attr_score(o, "overall-score", a->overall_tenths);
	for (int m = 0; m < MODEL_COUNT; m++) {
		start(o, "model-count");
		attr(o, "model", model_name(m));
		attr_count(o, "count", a->model_count[m]);
		end(o);
	}
	for (int w = 0; w < OWNER_COUNT; w++) {
		start(o, "owner-count");
		attr(o, "owner", owner_name(w));
		attr_count(o, "count", a->owner_count[w]);
		end(o);
	}
	for (int s = 0; s < STATUS_COUNT; s++) {
		start(o, "status-count");
		attr(o, "status", status_name(s));
		attr_count(o, "count", a->status_count[s]);
		end(o);
	}
	for (int s = SEV_COUNT - 1; s >= 0; s--) {
		start(o, "severity-count");
		attr(o, "severity", severity_name(s));
		attr_count(o, "count", a->severity_count[s]);
		end(o);
	}
	emit_tallies(o, a);
	end(o);
}

static void emit_matrix(struct out *o, const struct catalog *cat)
{
	start(o, "matrix");
	for (size_t i = 0; i < cat->nlayers; i++) {
		const struct layer *l = &cat->layers[i];
		start(o, "row");
		attr(o, "layer", l->id);
		attr(o, "title", l->title);
		for (int m = 0; m < MATRIX_MODELS; m++) {
			start(o, "cell");
			attr(o, "model", model_name(m));
			attr(o, "owner", owner_name(l->owner[m]));
			if (l->has_microsoft[m] && l->microsoft[m] != l->owner[m])
				attr(o, "microsoft", owner_name(l->microsoft[m]));
			end(o);
		}
		text_element(o, "source", l->source);
		end(o);
	}
	end(o);
}

static void emit_controls(struct out *o, const struct assessment *a)
{
	const struct catalog *cat = a->cat;
	for (size_t c = 0; c < cat->ncontrols; c++) {
		const struct control *ctl = &cat->controls[c];
		start(o, "control");
		attr(o, "id", ctl->id);
		attr(o, "layer", cat->layers[ctl->layer].id);
		attr(o, "severity", severity_name(ctl->severity));
		for (int s = 0; s < STATUS_COUNT; s++)
			attr_count(o, status_name(s), a->control_count[c][s]);
		text_element(o, "title", ctl->title);
		text_element(o, "description", ctl->description);
		text_element(o, "remediation", ctl->remediation);
		for (int m = 0; m < MATRIX_MODELS; m++)
			if (ctl->model_mask & (1u << m)) {
				start(o, "applies-to");
				attr(o, "model", model_name(m));
				end(o);
			}
		for (size_t t = 0; t < ctl->ntypes; t++) {
			start(o, "applies-to");
			attr(o, "type", ctl->types[t]);
			end(o);
		}
		for (int r = 0; r < REF_COUNT; r++)
			for (size_t k = 0; k < ctl->nrefs[r]; k++) {
				start(o, "ref");
				attr(o, "framework", ref_source_name(r));
				attr(o, "id", ctl->refs[r][k]);
				end(o);
			}
		end(o);
	}
}

/* Names the provider attestations that cover layer, for an inherited check. */
static void attr_attestations(struct out *o, const struct profile *p, const char *layer)
{
	const char **ids = xcalloc(p->nattestations, sizeof(char *));
	size_t n = 0;
	for (size_t i = 0; i < p->nattestations; i++)
		for (size_t k = 0; k < p->attestations[i].ncovers; k++)
			if (!strcmp(p->attestations[i].covers[k], layer)) {
				ids[n++] = p->attestations[i].id;
				break;
			}
	if (n) {
		char *joined = xjoin(ids, n, " ");
		attr(o, "attestations", joined);
		free(joined);
	}
	free(ids);
}

static void emit_workloads(struct out *o, const struct assessment *a)
{
	size_t *findings = xcalloc(a->nworkloads, sizeof(size_t));
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].wr)
			findings[a->findings[i].wr - a->workloads]++;
	const struct catalog *cat = a->cat;
	for (size_t i = 0; i < a->nworkloads; i++) {
		const struct workload_result *wr = &a->workloads[i];
		const struct workload *w = wr->w;
		start(o, "workload");
		attr(o, "id", w->id);
		attr(o, "name", w->name);
		attr(o, "type", w->type);
		attr(o, "service-model", model_name(wr->model));
		attr_count(o, "findings", findings[i]);
		if (w->type_title)
			attr(o, "type-title", w->type_title);
		else if (wr->type)
			attr(o, "type-title", wr->type->title);
		attr(o, "subscription", w->subscription);
		attr(o, "tenant", w->tenant);
		attr(o, "resource-group", w->resource_group);
		attr(o, "location", w->location);
		attr(o, "accountable-party", w->accountable_party);
		attr(o, "kind", w->kind);
		attr(o, "part-of", w->part_of);
		for (size_t t = 0; t < w->ntags; t++) {
			start(o, "tag");
			attr(o, "name", w->tag_keys[t]);
			attr(o, "value", w->tag_values[t]);
			end(o);
		}
		for (size_t l = 0; l < cat->nlayers; l++) {
			start(o, "layer");
			attr(o, "id", cat->layers[l].id);
			attr(o, "owner", owner_name(wr->layer_owner[l]));
			end(o);
		}
		for (size_t k = 0; k < wr->nchecks; k++) {
			const struct check *c = &wr->checks[k];
			start(o, "check");
			attr(o, "control", c->control->id);
			attr(o, "owner", owner_name(c->owner));
			attr(o, "status", status_name(c->status));
			if (c->evidence)
				attr(o, "evidence", c->evidence->id);
			if (c->status == STATUS_INHERITED)
				attr_attestations(o, a->profile, cat->layers[c->control->layer].id);
			end(o);
		}
		end(o);
	}
	free(findings);
}

static void emit_evidence(struct out *o, const struct assessment *a)
{
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		start(o, "evidence");
		attr(o, "id", e->id);
		attr(o, "control", e->control);
		attr(o, "scope", scope_name(e->scope));
		attr(o, "scope-id", e->scope_id);
		if (e->scope == SCOPE_WORKLOAD) {
			/* the inventory's spelling of the id, which may differ in letter case */
			const struct workload *w = inventory_find(a->inv, e->scope_id);
			if (w)
				attr(o, "workload", w->id);
		}
		attr(o, "result", result_name(e->result));
		attr_time(o, "collected-at", e->collected_at);
		attr(o, "collected-by", e->collected_by);
		if (e->format && strcmp(e->format, "srmap-json") != 0)
			attr(o, "format", e->format);
		attr(o, "artifact", e->artifact);
		attr(o, "sha256", e->sha256);
		if (e->artifact) {
			attr(o, "artifact-state", artifact_state_name(e->artifact_state));
			attr(o, "artifact-path", e->artifact_path);
			if (e->artifact_sha256[0]) {
				attr(o, "artifact-sha256", e->artifact_sha256);
				attrf(o, "artifact-size", "%llu", e->artifact_size);
			}
		}
		attr(o, "used", a->evidence_used[i] ? "true" : "false");
		attr(o, "file", e->pos.file);
		attrf(o, "line", "%d", e->pos.line);
		text_element(o, "note", e->note);
		end(o);
	}
}

/* Title and remediation of findings that are not about one control's check. */
static void finding_text(const struct finding *f, const char **title, char **owned,
			 const char **remediation)
{
	*owned = NULL;
	if (!strcmp(f->status, "unclassified")) {
		*owned = xasprintf("Workload type \"%s\" is not in the catalog", f->wr->w->type);
		*title = *owned;
		*remediation = "Add the resource type and its service model to a catalog file given "
			       "with --catalog, or set service_model on the workload, so that the "
			       "responsibility split can be decided.";
	} else if (!strcmp(f->status, "artifact-mismatch")) {
		*title = "Evidence does not match its recorded hash";
		*remediation = "Find out why the artifact changed after it was recorded; collect the "
			       "evidence again and record the new file's SHA-256.";
	} else if (!strcmp(f->status, "artifact-missing")) {
		*title = "Evidence artifact is missing";
		*remediation = "Restore the artifact file under the evidence root, or collect the "
			       "evidence again.";
	} else {
		*title = "No business associate agreement with the cloud provider is on record";
		*remediation = "Record the provider's HIPAA BAA (kind hipaa-baa) under "
			       "provider_attestations in the profile, after accepting it with the provider.";
	}
}

static void emit_findings(struct out *o, const struct assessment *a)
{
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct finding *f = &a->findings[i];
		start(o, "finding");
		attrf(o, "id", "F-%04zu", i + 1);
		if (f->wr)
			attr(o, "workload", f->wr->w->id);
		if (f->check)
			attr(o, "control", f->check->control->id);
		else if (f->evidence)
			attr(o, "control", f->evidence->control);
		attr(o, "severity", severity_name(f->severity));
		attr(o, "status", f->status);
		if (f->check)
			attr(o, "owner", owner_name(f->check->owner));
		if (f->evidence)
			attr(o, "evidence", f->evidence->id);
		if (f->check) {
			text_element(o, "title", f->check->control->title);
			text_element(o, "remediation", f->check->control->remediation);
		} else {
			const char *title, *remediation;
			char *owned;
			finding_text(f, &title, &owned, &remediation);
			text_element(o, "title", title);
			text_element(o, "remediation", remediation);
			free(owned);
		}
		end(o);
	}
}

static void emit_frameworks(struct out *o, const struct assessment *a)
{
	for (int f = 0; f < FW_COUNT; f++) {
		const struct framework_result *fr = &a->fw[f];
		if (!fr->in_scope)
			continue;
		start(o, "framework");
		attr(o, "id", framework_name(f));
		attr(o, "title", f == FW_FEDRAMP ? "FedRAMP Rev 5" : fr->title);
		if (f == FW_FEDRAMP)
			attr(o, "baseline", baseline_name(a->profile->baseline));
		attr_score(o, "score", fr->score_tenths);
		attr_score(o, "coverage", fr->coverage_tenths);
		attr_count(o, "requirements", fr->n);
		attr_count(o, "assessed", fr->count[REQ_MET] + fr->count[REQ_PARTIALLY_MET] +
					  fr->count[REQ_NOT_MET] + fr->count[REQ_INHERITED]);
		for (int s = 0; s < REQ_STATUS_COUNT; s++)
			attr_count(o, req_status_name(s), fr->count[s]);
		for (size_t i = 0; i < fr->n; i++) {
			const struct requirement_result *rr = &fr->reqs[i];
			start(o, "requirement");
			attr(o, "id", rr->req->id);
			attr(o, "status", req_status_name(rr->status));
			if (rr->req->kind[0])
				attr(o, "kind", rr->req->kind);
			for (int s = 0; s < STATUS_COUNT; s++)
				if (rr->count[s])
					attr_count(o, status_name(s), rr->count[s]);
			text_element(o, "title", rr->req->title);
			for (size_t c = 0; c < rr->ncontrols; c++) {
				start(o, "control-ref");
				attr(o, "id", rr->controls[c]->id);
				end(o);
			}
			end(o);
		}
		end(o);
	}
}

static void drift_finding(struct out *o, const char *name, const struct snap_finding *f)
{
	start(o, name);
	if (f->workload[0])
		attr(o, "workload", f->workload);
	if (f->control[0])
		attr(o, "control", f->control);
	attr(o, "severity", f->severity);
	attr(o, "status", f->status);
	end(o);
}

static void emit_drift(struct out *o, const struct run_info *run)
{
	const struct drift *dr = run->drift;
	if (!dr)
		return;
	start(o, "drift");
	attr(o, "baseline", run->baseline);
	attr(o, "baseline-generated", dr->old->generated);
	attr_count(o, "new", dr->nadded);
	attr_count(o, "resolved", dr->nresolved);
	attr_count(o, "changed", dr->nchanged);
	for (int i = 0; i < SNAP_SCORES; i++) {
		if (dr->old->score[i] < 0 && dr->now->score[i] < 0)
			continue;
		start(o, "score-change");
		attr(o, "score", snapshot_score_name(i));
		attr_score(o, "old", dr->old->score[i]);
		attr_score(o, "new", dr->now->score[i]);
		end(o);
	}
	for (size_t i = 0; i < dr->nwl_added; i++) {
		start(o, "workload-added");
		attr(o, "id", dr->wl_added[i]->id);
		attr(o, "name", dr->wl_added[i]->name);
		end(o);
	}
	for (size_t i = 0; i < dr->nwl_removed; i++) {
		start(o, "workload-removed");
		attr(o, "id", dr->wl_removed[i]->id);
		attr(o, "name", dr->wl_removed[i]->name);
		end(o);
	}
	for (size_t i = 0; i < dr->nadded; i++)
		drift_finding(o, "new-finding", dr->added[i]);
	for (size_t i = 0; i < dr->nresolved; i++)
		drift_finding(o, "resolved-finding", dr->resolved[i]);
	for (size_t i = 0; i < dr->nchanged; i++) {
		const struct finding_change *c = &dr->changed[i];
		start(o, "changed-finding");
		if (c->now->workload[0])
			attr(o, "workload", c->now->workload);
		if (c->now->control[0])
			attr(o, "control", c->now->control);
		attr(o, "old-severity", c->old->severity);
		attr(o, "severity", c->now->severity);
		attr(o, "old-status", c->old->status);
		attr(o, "status", c->now->status);
		end(o);
	}
	end(o);
}

static void emit_diagnostics(struct out *o, const struct diag_list *d)
{
	for (size_t i = 0; d && i < d->n; i++) {
		const struct diag *g = &d->items[i];
		if (g->level != DIAG_WARNING)
			continue;
		start(o, "diagnostic");
		attr(o, "level", "warning");
		attr(o, "file", g->file);
		if (g->line > 0) {
			attrf(o, "line", "%d", g->line);
			attrf(o, "column", "%d", g->col);
		}
		char *copy;
		if (xmlTextWriterWriteString(o->w, X(clean(g->msg, &copy))) < 0)
			o->failed = 1;
		free(copy);
		end(o);
	}
}

static int emit_document(const struct assessment *a, const struct run_info *run, int fd);

/* libxml2 prints I/O errors itself; the caller reports them once, in srmap's form. */
static void quiet_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

int emit_assessment_xml(const struct assessment *a, const struct run_info *run, int fd)
{
	xmlSetGenericErrorFunc(NULL, quiet_error);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	int rc = emit_document(a, run, fd);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return rc;
}

static int emit_document(const struct assessment *a, const struct run_info *run, int fd)
{
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFd(fd, NULL);
	if (!buf)
		return -1;
	/* The writer owns buf from here and frees it with itself. */
	struct out o = { xmlNewTextWriter(buf), 0 };
	if (!o.w) {
		xmlOutputBufferClose(buf);
		return -1;
	}
	xmlTextWriterSetIndent(o.w, 1);
	xmlTextWriterSetIndentString(o.w, X("  "));
	if (xmlTextWriterStartDocument(o.w, NULL, "UTF-8", NULL) < 0)
		o.failed = 1;
	start(&o, "assessment");
	attr(&o, "schema-version", "1");
	attr(&o, "tool-version", SRMAP_VERSION);
	attr(&o, "catalog-version", a->cat->version);
	attr(&o, "catalog-sha256", run->catalog_sha256);
	attr_time(&o, "as-of", a->profile->as_of);
	attr_time(&o, "generated", run->generated);
	if (run->command_line)
		text_element(&o, "command-line", run->command_line);
	emit_profile(&o, a);
	emit_inputs(&o, run);
	emit_summary(&o, a);
	emit_matrix(&o, a->cat);
	emit_controls(&o, a);
	emit_workloads(&o, a);
	emit_evidence(&o, a);
	emit_findings(&o, a);
	emit_frameworks(&o, a);
	emit_drift(&o, run);
	emit_diagnostics(&o, run->diags);
	end(&o);
	if (xmlTextWriterEndDocument(o.w) < 0)
		o.failed = 1;
	if (xmlTextWriterFlush(o.w) < 0)
		o.failed = 1;
	xmlFreeTextWriter(o.w);
	return o.failed ? -1 : 0;
}
