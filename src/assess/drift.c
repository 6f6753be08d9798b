/* drift.c - snapshots of assessments and the differences between two of them. */
#include "srmap/assess/drift.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *const score_names[SNAP_SCORES] = { "overall", "hipaa", "soc2", "fedramp" };

const char *snapshot_score_name(int i) { return score_names[i]; }

static const char *or_empty(const char *s) { return s ? s : ""; }

/*
 * Check findings keep one identity across failed, missing and stale; an
 * organisation's finding is told from a workload's by its marker.
 */
static char *finding_key(const char *workload, const char *tenant, int organisation,
			 const char *control, const char *status, const char *evidence)
{
	int check = !strcmp(status, "failed") || !strcmp(status, "missing") ||
		    !strcmp(status, "stale");
	return xasprintf("%s\x1f%s\x1f%s\x1f%s\x1f%s", organisation ? "O" : "W",
			 organisation ? or_empty(tenant) : or_empty(workload), or_empty(control),
			 check ? "check" : status, check ? "" : or_empty(evidence));
}

static void init(struct snapshot *s)
{
	*s = (struct snapshot){ 0 };
	strmap_init(&s->finding_index, 0);
	strmap_init(&s->workload_index, 1);
	for (int i = 0; i < SNAP_SCORES; i++)
		s->score[i] = -1;
}

static void add_finding(struct snapshot *s, size_t *cap, const char *workload,
			const char *tenant, int organisation, const char *control,
			const char *severity, const char *status, const char *evidence,
			const char *title)
{
	GROW(s->findings, *cap, s->nfindings + 1);
	struct snap_finding *f = &s->findings[s->nfindings++];
	*f = (struct snap_finding){
		finding_key(workload, tenant, organisation, control, status, evidence),
		xstrdup(or_empty(workload)), xstrdup(organisation ? or_empty(tenant) : ""),
		organisation, xstrdup(or_empty(control)), xstrdup(severity), xstrdup(status),
		xstrdup(or_empty(title)) };
}

static void add_workload(struct snapshot *s, size_t *cap, const char *id, const char *name)
{
	GROW(s->workloads, *cap, s->nworkloads + 1);
	s->workloads[s->nworkloads++] = (struct snap_workload){ xstrdup(id), xstrdup(name) };
}

/* Indexes are built last: the arrays do not move any more. */
static void index_all(struct snapshot *s)
{
	for (size_t i = 0; i < s->nfindings; i++)
		strmap_put(&s->finding_index, s->findings[i].key, &s->findings[i]);
	for (size_t i = 0; i < s->nworkloads; i++)
		strmap_put(&s->workload_index, s->workloads[i].id, &s->workloads[i]);
}

static int parse_score(const char *text)
{
	/* "87.5" -> 875 */
	if (!text)
		return -1;
	char *end;
	double v = strtod(text, &end);
	/* Written so that NaN ("nan") fails too: converting it to int is undefined. */
	if (end == text || *end || !(v >= 0 && v <= 100))
		return -1;
	return (int)(v * 10 + 0.5);
}

static char *prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static char *child_text(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, (const xmlChar *)name))
			return (char *)xmlNodeGetContent(c);
	return NULL;
}

int snapshot_from_xml(struct snapshot *s, xmlDocPtr doc, const char *file, struct diag_list *d)
{
	init(s);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, (const xmlChar *)"assessment")) {
		diag_add(d, DIAG_ERROR, file, 0, 0, "not an srmap assessment (expected the canonical "
			 "assessment XML)");
		return -1;
	}
	char *generated = prop(root, "generated");
	s->generated = xstrdup(or_empty(generated));
	xmlFree(generated);
	size_t fcap = 0, wcap = 0;
	/* A check's finding carries no title: it is its control's, written before the findings. */
	struct strmap controls;
	strmap_init(&controls, 0);
	char **control_ids = NULL;
	size_t ncontrols = 0, ccap = 0;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (!strcmp(name, "control")) {
			char *id = prop(n, "id");
			if (id) {
				GROW(control_ids, ccap, ncontrols + 1);
				control_ids[ncontrols] = xstrdup(id);
				strmap_put(&controls, control_ids[ncontrols++], n);
			}
			xmlFree(id);
		} else if (!strcmp(name, "summary")) {
			char *v = prop(n, "overall-score");
			s->score[0] = parse_score(v);
			xmlFree(v);
		} else if (!strcmp(name, "workload")) {
			char *id = prop(n, "id"), *wname = prop(n, "name");
			if (id)
				add_workload(s, &wcap, id, or_empty(wname));
			xmlFree(id);
			xmlFree(wname);
		} else if (!strcmp(name, "finding")) {
			char *w = prop(n, "workload"), *c = prop(n, "control"), *sev = prop(n, "severity");
			char *st = prop(n, "status"), *ev = prop(n, "evidence"), *title = child_text(n, "title");
			char *scope = prop(n, "scope"), *tenant = prop(n, "tenant");
			int org = scope && !strcmp(scope, "organisation");
			xmlNodePtr ctl = !title && c ? strmap_get(&controls, c) : NULL;
			if (ctl)
				title = child_text(ctl, "title");
			if (sev && st)
				add_finding(s, &fcap, w, tenant, org, c, sev, st, ev, title);
			xmlFree(w); xmlFree(c); xmlFree(sev); xmlFree(st); xmlFree(ev); xmlFree(title);
			xmlFree(scope); xmlFree(tenant);
		} else if (!strcmp(name, "framework")) {
			char *id = prop(n, "id"), *score = prop(n, "score");
			for (int i = 1; id && i < SNAP_SCORES; i++)
				if (!strcmp(id, score_names[i]))
					s->score[i] = parse_score(score);
			xmlFree(id);
			xmlFree(score);
		}
	}
	for (size_t i = 0; i < ncontrols; i++)
		free(control_ids[i]);
	free(control_ids);
	strmap_release(&controls);
	index_all(s);
	return 0;
}

void snapshot_from_assessment(struct snapshot *s, const struct assessment *a, long long generated)
{
	init(s);
	char when[ISOTIME_LEN];
	isotime_format(generated, when);
	s->generated = xstrdup(when);
	size_t fcap = 0, wcap = 0;
	for (size_t i = 0; i < a->nworkloads; i++)
		add_workload(s, &wcap, a->workloads[i].w->id, a->workloads[i].w->name);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct finding *f = &a->findings[i];
		const char *control = f->check ? f->check->control->id
				      : f->evidence ? f->evidence->control : NULL;
		const char *title = f->check ? f->check->control->title : NULL;
		add_finding(s, &fcap, f->wr ? f->wr->w->id : NULL, f->org ? f->org->tenant : NULL,
			    f->org != NULL, control, severity_name(f->severity), f->status,
			    f->evidence ? f->evidence->id : NULL, title);
	}
	s->score[0] = a->overall_tenths;
	for (int f = 0; f < FW_COUNT; f++)
		if (a->fw[f].in_scope)
			s->score[1 + f] = a->fw[f].score_tenths;
	index_all(s);
}

void snapshot_release(struct snapshot *s)
{
	for (size_t i = 0; i < s->nfindings; i++) {
		struct snap_finding *f = &s->findings[i];
		free(f->key); free(f->workload); free(f->tenant); free(f->control);
		free(f->severity); free(f->status); free(f->title);
	}
	for (size_t i = 0; i < s->nworkloads; i++) {
		free(s->workloads[i].id);
		free(s->workloads[i].name);
	}
	free(s->findings);
	free(s->workloads);
	free(s->generated);
	strmap_release(&s->finding_index);
	strmap_release(&s->workload_index);
	*s = (struct snapshot){ 0 };
}

void drift_compute(struct drift *dr, const struct snapshot *old, const struct snapshot *now)
{
	*dr = (struct drift){ .old = old, .now = now };
	dr->added = xcalloc(now->nfindings, sizeof(*dr->added));
	dr->changed = xcalloc(now->nfindings, sizeof(*dr->changed));
	dr->resolved = xcalloc(old->nfindings, sizeof(*dr->resolved));
	dr->wl_added = xcalloc(now->nworkloads, sizeof(*dr->wl_added));
	dr->wl_removed = xcalloc(old->nworkloads, sizeof(*dr->wl_removed));
	for (size_t i = 0; i < now->nfindings; i++) {
		const struct snap_finding *f = &now->findings[i];
		const struct snap_finding *was = strmap_get(&old->finding_index, f->key);
		if (!was)
			dr->added[dr->nadded++] = f;
		else if (strcmp(was->severity, f->severity) || strcmp(was->status, f->status))
			dr->changed[dr->nchanged++] = (struct finding_change){ was, f };
	}
	for (size_t i = 0; i < old->nfindings; i++)
		if (!strmap_get(&now->finding_index, old->findings[i].key))
			dr->resolved[dr->nresolved++] = &old->findings[i];
	for (size_t i = 0; i < now->nworkloads; i++)
		if (!strmap_get(&old->workload_index, now->workloads[i].id))
			dr->wl_added[dr->nwl_added++] = &now->workloads[i];
	for (size_t i = 0; i < old->nworkloads; i++)
		if (!strmap_get(&now->workload_index, old->workloads[i].id))
			dr->wl_removed[dr->nwl_removed++] = &old->workloads[i];
}

void drift_release(struct drift *dr)
{
	free(dr->added); free(dr->resolved); free(dr->changed);
	free(dr->wl_added); free(dr->wl_removed);
	*dr = (struct drift){ 0 };
}

int drift_any(const struct drift *dr)
{
	int scores = 0;
	for (int i = 0; i < SNAP_SCORES; i++)
		scores |= dr->old->score[i] != dr->now->score[i];
	return scores || dr->nadded || dr->nresolved || dr->nchanged || dr->nwl_added ||
	       dr->nwl_removed;
}

static void print_score(FILE *out, int tenths)
{
	if (tenths < 0)
		fputs("n/a", out);
	else
		fprintf(out, "%d.%d", tenths / 10, tenths % 10);
}

/* " on WORKLOAD", " in the organisation TENANT", or nothing for the engagement. */
static void print_subject(FILE *out, const struct snap_finding *f)
{
	if (f->organisation)
		fprintf(out, " in the organisation%s%s", f->tenant[0] ? " " : "", f->tenant);
	else if (f->workload[0])
		fprintf(out, " on %s", f->workload);
	fputc('\n', out);
}

static void print_finding(FILE *out, const char *mark, const struct snap_finding *f)
{
	fprintf(out, "%s finding  %-8s %-17s %s", mark, f->severity, f->status,
		f->control[0] ? f->control : "-");
	print_subject(out, f);
}

void drift_print_text(const struct drift *dr, FILE *out)
{
	fprintf(out, "drift from %s to %s\n", dr->old->generated, dr->now->generated);
	for (int i = 0; i < SNAP_SCORES; i++) {
		if (dr->old->score[i] == dr->now->score[i])
			continue;
		fprintf(out, "~ score    %-8s ", score_names[i]);
		print_score(out, dr->old->score[i]);
		fputs(" -> ", out);
		print_score(out, dr->now->score[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < dr->nwl_added; i++)
		fprintf(out, "+ workload %s (%s)\n", dr->wl_added[i]->name, dr->wl_added[i]->id);
	for (size_t i = 0; i < dr->nwl_removed; i++)
		fprintf(out, "- workload %s (%s)\n", dr->wl_removed[i]->name, dr->wl_removed[i]->id);
	for (size_t i = 0; i < dr->nadded; i++)
		print_finding(out, "+", dr->added[i]);
	for (size_t i = 0; i < dr->nresolved; i++)
		print_finding(out, "-", dr->resolved[i]);
	for (size_t i = 0; i < dr->nchanged; i++) {
		const struct finding_change *c = &dr->changed[i];
		fprintf(out, "~ finding  %s %s -> %s %s  %s", c->old->severity, c->old->status,
			c->now->severity, c->now->status, c->now->control[0] ? c->now->control : "-");
		print_subject(out, c->now);
	}
	fprintf(out, "%zu new, %zu resolved, %zu changed findings; %zu workloads added, %zu removed\n",
		dr->nadded, dr->nresolved, dr->nchanged, dr->nwl_added, dr->nwl_removed);
}

static cJSON *finding_json(const struct snap_finding *f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "workload", f->workload);
	if (f->organisation) {
		cJSON_AddStringToObject(o, "scope", "organisation");
		cJSON_AddStringToObject(o, "tenant", f->tenant);
	}
	cJSON_AddStringToObject(o, "control", f->control);
	cJSON_AddStringToObject(o, "severity", f->severity);
	cJSON_AddStringToObject(o, "status", f->status);
	cJSON_AddStringToObject(o, "title", f->title);
	return o;
}

static cJSON *score_json(int tenths)
{
	return tenths < 0 ? cJSON_CreateNull() : cJSON_CreateNumber(tenths / 10.0);
}

void drift_print_json(const struct drift *dr, FILE *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "from", dr->old->generated);
	cJSON_AddStringToObject(root, "to", dr->now->generated);
	cJSON *scores = cJSON_AddObjectToObject(root, "scores");
	for (int i = 0; i < SNAP_SCORES; i++) {
		cJSON *s = cJSON_AddObjectToObject(scores, score_names[i]);
		cJSON_AddItemToObject(s, "old", score_json(dr->old->score[i]));
		cJSON_AddItemToObject(s, "new", score_json(dr->now->score[i]));
	}
	cJSON *arr = cJSON_AddArrayToObject(root, "workloads_added");
	for (size_t i = 0; i < dr->nwl_added; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(dr->wl_added[i]->id));
	arr = cJSON_AddArrayToObject(root, "workloads_removed");
	for (size_t i = 0; i < dr->nwl_removed; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(dr->wl_removed[i]->id));
	arr = cJSON_AddArrayToObject(root, "new_findings");
	for (size_t i = 0; i < dr->nadded; i++)
		cJSON_AddItemToArray(arr, finding_json(dr->added[i]));
	arr = cJSON_AddArrayToObject(root, "resolved_findings");
	for (size_t i = 0; i < dr->nresolved; i++)
		cJSON_AddItemToArray(arr, finding_json(dr->resolved[i]));
	arr = cJSON_AddArrayToObject(root, "changed_findings");
	for (size_t i = 0; i < dr->nchanged; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddItemToObject(c, "old", finding_json(dr->changed[i].old));
		cJSON_AddItemToObject(c, "new", finding_json(dr->changed[i].now));
		cJSON_AddItemToArray(arr, c);
	}
	char *text = cJSON_Print(root);
	if (text) {
		fputs(text, out);
		fputc('\n', out);
		free(text);
	}
	cJSON_Delete(root);
}
