/*
 * emit_results.c - the body of the canonical XML: the responsibility matrix,
 * the controls, every workload with its checks, the evidence register, the
 * findings and the roll-up per framework requirement.
 */
#include "emit_parts.h"
#include "srmap/base/alloc.h"
#include "srmap/assess.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void emit_matrix(struct xmlout *o, const struct catalog *cat)
{
	xmlout_start(o, "matrix");
	for (size_t i = 0; i < cat->nlayers; i++) {
		const struct layer *l = &cat->layers[i];
		xmlout_start(o, "row");
		xmlout_attr(o, "layer", l->id);
		xmlout_attr(o, "title", l->title);
		for (int m = 0; m < MATRIX_MODELS; m++) {
			xmlout_start(o, "cell");
			xmlout_attr(o, "model", model_name(m));
			xmlout_attr(o, "owner", owner_name(l->owner[m]));
			if (l->has_microsoft[m] && l->microsoft[m] != l->owner[m])
				xmlout_attr(o, "microsoft", owner_name(l->microsoft[m]));
			xmlout_end(o);
		}
		xmlout_text_element(o, "source", l->source);
		xmlout_end(o);
	}
	xmlout_end(o);
}

void emit_controls(struct xmlout *o, const struct assessment *a)
{
	const struct catalog *cat = a->cat;
	for (size_t i = 0; i < cat->ndomains; i++) {
		xmlout_start(o, "domain");
		xmlout_attr(o, "id", cat->domains[i].id);
		xmlout_attr(o, "title", cat->domains[i].title);
		xmlout_attr(o, "mcsb", cat->domains[i].mcsb);
		xmlout_end(o);
	}
	for (size_t c = 0; c < cat->ncontrols; c++) {
		const struct control *ctl = &cat->controls[c];
		xmlout_start(o, "control");
		xmlout_attr(o, "id", ctl->id);
		if (ctl->domain != DOMAIN_NONE)
			xmlout_attr(o, "domain", cat->domains[ctl->domain].id);
		xmlout_attr(o, "layer", cat->layers[ctl->layer].id);
		xmlout_attr(o, "severity", severity_name(ctl->severity));
		if (ctl->scope == CONTROL_SCOPE_ORGANISATION)
			xmlout_attr(o, "scope", control_scope_name(ctl->scope));
		for (int s = 0; s < STATUS_COUNT; s++)
			xmlout_attr_count(o, status_name(s), a->control_count[c][s]);
		xmlout_text_element(o, "title", ctl->title);
		xmlout_text_element(o, "description", ctl->description);
		xmlout_text_element(o, "remediation", ctl->remediation);
		for (int m = 0; m < MATRIX_MODELS; m++)
			if (ctl->model_mask & (1u << m)) {
				xmlout_start(o, "applies-to");
				xmlout_attr(o, "model", model_name(m));
				xmlout_end(o);
			}
		for (size_t t = 0; t < ctl->ntypes; t++) {
			xmlout_start(o, "applies-to");
			xmlout_attr(o, "type", ctl->types[t]);
			xmlout_end(o);
		}
		/* Only the frameworks in scope are cited (the profile's list, or --framework). */
		for (int r = 0; r < REF_COUNT; r++)
			for (size_t k = 0; ref_source_in_scope(r, a->profile->frameworks) &&
					   k < ctl->nrefs[r]; k++) {
				xmlout_start(o, "ref");
				xmlout_attr(o, "framework", ref_source_name(r));
				xmlout_attr(o, "id", ctl->refs[r][k]);
				xmlout_end(o);
			}
		xmlout_end(o);
	}
}

/* Names the provider attestations that cover layer, for an inherited check. */
static void attr_attestations(struct xmlout *o, const struct profile *p, const char *layer)
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
		xmlout_attr(o, "attestations", joined);
		free(joined);
	}
	free(ids);
}

static void emit_check(struct xmlout *o, const struct assessment *a, const struct check *c)
{
	xmlout_start(o, "check");
	xmlout_attr(o, "control", c->control->id);
	xmlout_attr(o, "owner", owner_name(c->owner));
	xmlout_attr(o, "status", status_name(c->status));
	if (c->evidence)
		xmlout_attr(o, "evidence", c->evidence->id);
	if (c->status == STATUS_INHERITED)
		attr_attestations(o, a->profile, a->cat->layers[c->control->layer].id);
}

void emit_workloads(struct xmlout *o, const struct assessment *a)
{
	size_t *findings = xcalloc(a->nworkloads, sizeof(size_t));
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].wr)
			findings[a->findings[i].wr - a->workloads]++;
	const struct catalog *cat = a->cat;
	for (size_t i = 0; i < a->nworkloads; i++) {
		const struct workload_result *wr = &a->workloads[i];
		const struct workload *w = wr->w;
		if (!xmlout_mine(o, "workload", o->plan ? o->plan->of_workload[i] : 0))
			continue;
		xmlout_start(o, "workload");
		xmlout_attr(o, "id", w->id);
		xmlout_attr(o, "name", w->name);
		xmlout_attr(o, "type", w->type);
		xmlout_attr(o, "service-model", model_name(wr->model));
		xmlout_attr_count(o, "findings", findings[i]);
		if (w->type_title)
			xmlout_attr(o, "type-title", w->type_title);
		else if (wr->type)
			xmlout_attr(o, "type-title", wr->type->title);
		xmlout_attr(o, "subscription", w->subscription);
		xmlout_attr(o, "tenant", w->tenant);
		xmlout_attr(o, "resource-group", w->resource_group);
		xmlout_attr(o, "location", w->location);
		xmlout_attr(o, "accountable-party", w->accountable_party);
		xmlout_attr(o, "kind", w->kind);
		xmlout_attr(o, "part-of", w->part_of);
		for (size_t t = 0; t < w->ntags; t++) {
			xmlout_start(o, "tag");
			xmlout_attr(o, "name", w->tag_keys[t]);
			xmlout_attr(o, "value", w->tag_values[t]);
			xmlout_end(o);
		}
		for (size_t l = 0; l < cat->nlayers; l++) {
			xmlout_start(o, "layer");
			xmlout_attr(o, "id", cat->layers[l].id);
			xmlout_attr(o, "owner", owner_name(wr->layer_owner[l]));
			xmlout_end(o);
		}
		for (size_t k = 0; k < wr->nchecks; k++) {
			emit_check(o, a, &wr->checks[k]);
			xmlout_end(o);
		}
		xmlout_end(o);
	}
	xmlout_section_end(o, "workload");
	free(findings);
}

void emit_organisations(struct xmlout *o, const struct assessment *a)
{
	size_t *findings = xcalloc(a->norgs ? a->norgs : 1, sizeof(size_t));
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].org)
			findings[a->findings[i].org - a->orgs]++;
	for (size_t i = 0; i < a->norgs; i++) {
		const struct organisation_result *org = &a->orgs[i];
		if (!org->nchecks)
			continue;
		xmlout_start(o, "organisation");
		xmlout_attr(o, "tenant", org->tenant);
		xmlout_attr_count(o, "workloads", org->nworkloads);
		xmlout_attr_count(o, "findings", findings[i]);
		for (size_t k = 0; k < org->nchecks; k++) {
			emit_check(o, a, &org->checks[k]);
			xmlout_attr_count(o, "workloads", org->applies[k]);
			xmlout_attr_count(o, "records", org->records[k]);
			xmlout_end(o);
		}
		xmlout_end(o);
	}
	free(findings);
}

void emit_evidence(struct xmlout *o, const struct assessment *a)
{
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		if (!xmlout_mine(o, "evidence", o->plan ? shard_of_evidence(o->plan, a, i) : 0))
			continue;
		xmlout_start(o, "evidence");
		xmlout_attr(o, "id", e->id);
		xmlout_attr(o, "control", e->control);
		xmlout_attr(o, "scope", scope_name(e->scope));
		xmlout_attr(o, "scope-id", e->scope_id);
		if (e->scope == SCOPE_WORKLOAD) {
			/* the inventory's spelling of the id, which may differ in letter case */
			const struct workload *w = inventory_find(a->inv, e->scope_id);
			if (w)
				xmlout_attr(o, "workload", w->id);
		}
		xmlout_attr(o, "result", result_name(e->result));
		if (e->undated)
			xmlout_attr(o, "collected-at", "unknown");
		else
			xmlout_attr_time(o, "collected-at", e->collected_at);
		xmlout_attr(o, "collected-by", e->collected_by);
		if (e->format && strcmp(e->format, "srmap-json") != 0)
			xmlout_attr(o, "format", e->format);
		xmlout_attr(o, "artifact", e->artifact);
		xmlout_attr(o, "sha256", e->sha256);
		if (e->artifact) {
			xmlout_attr(o, "artifact-state", artifact_state_name(e->artifact_state));
			xmlout_attr(o, "artifact-path", e->artifact_path);
			if (e->artifact_sha256[0]) {
				xmlout_attr(o, "artifact-sha256", e->artifact_sha256);
				xmlout_attrf(o, "artifact-size", "%llu", e->artifact_size);
			}
		}
		xmlout_attr(o, "used", a->evidence_used[i] ? "true" : "false");
		xmlout_attr(o, "file", e->pos.file);
		xmlout_attrf(o, "line", "%d", e->pos.line);
		xmlout_text_element(o, "note", e->note);
		xmlout_end(o);
	}
	xmlout_section_end(o, "evidence");
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

void emit_findings(struct xmlout *o, const struct assessment *a)
{
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct finding *f = &a->findings[i];
		if (!xmlout_mine(o, "finding", o->plan ? shard_of_finding(o->plan, a, i) : 0))
			continue;
		xmlout_start(o, "finding");
		xmlout_attrf(o, "id", "F-%04zu", i + 1);
		if (f->wr)
			xmlout_attr(o, "workload", f->wr->w->id);
		if (f->org) {
			xmlout_attr(o, "scope", "organisation");
			xmlout_attr(o, "tenant", f->org->tenant);
		}
		if (f->check)
			xmlout_attr(o, "control", f->check->control->id);
		else if (f->evidence)
			xmlout_attr(o, "control", f->evidence->control);
		xmlout_attr(o, "severity", severity_name(f->severity));
		xmlout_attr(o, "status", f->status);
		if (f->check)
			xmlout_attr(o, "owner", owner_name(f->check->owner));
		if (f->evidence)
			xmlout_attr(o, "evidence", f->evidence->id);
		/* A check's finding has its control's title and remediation, in <control>. */
		if (!f->check) {
			const char *title, *remediation;
			char *owned;
			finding_text(f, &title, &owned, &remediation);
			xmlout_text_element(o, "title", title);
			xmlout_text_element(o, "remediation", remediation);
			free(owned);
		}
		xmlout_end(o);
	}
	xmlout_section_end(o, "finding");
}

void emit_frameworks(struct xmlout *o, const struct assessment *a)
{
	for (int f = 0; f < FW_COUNT; f++) {
		const struct framework_result *fr = &a->fw[f];
		if (!fr->in_scope)
			continue;
		xmlout_start(o, "framework");
		xmlout_attr(o, "id", framework_name(f));
		xmlout_attr(o, "title", f == FW_FEDRAMP ? "FedRAMP Rev 5" : fr->title);
		if (f == FW_FEDRAMP)
			xmlout_attr(o, "baseline", baseline_name(a->profile->baseline));
		xmlout_attr_score(o, "score", fr->score_tenths);
		xmlout_attr_score(o, "coverage", fr->coverage_tenths);
		xmlout_attr_count(o, "requirements", fr->n);
		xmlout_attr_count(o, "assessed", fr->count[REQ_MET] + fr->count[REQ_PARTIALLY_MET] +
					  fr->count[REQ_NOT_MET] + fr->count[REQ_INHERITED]);
		for (int s = 0; s < REQ_STATUS_COUNT; s++)
			xmlout_attr_count(o, req_status_name(s), fr->count[s]);
		for (size_t i = 0; i < fr->n; i++) {
			const struct requirement_result *rr = &fr->reqs[i];
			xmlout_start(o, "requirement");
			xmlout_attr(o, "id", rr->req->id);
			xmlout_attr(o, "status", req_status_name(rr->status));
			if (rr->req->kind[0])
				xmlout_attr(o, "kind", rr->req->kind);
			for (int s = 0; s < STATUS_COUNT; s++)
				if (rr->count[s])
					xmlout_attr_count(o, status_name(s), rr->count[s]);
			xmlout_text_element(o, "title", rr->req->title);
			for (size_t c = 0; c < rr->ncontrols; c++) {
				xmlout_start(o, "control-ref");
				xmlout_attr(o, "id", rr->controls[c]->id);
				xmlout_end(o);
			}
			xmlout_end(o);
		}
		xmlout_end(o);
	}
}

