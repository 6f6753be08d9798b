/*
 * findings_json.c - findings.json in C, the same bytes as the shipped
 * templates/findings-json.xsl turned into JSON by jsonout.c (findings_json.h).
 *
 * The values are taken from the canonical document as the template takes
 * them and handed to yajl's generator, configured as jsonout's, in the same
 * order: nothing is built in memory but the lookups the template's keys stand
 * for.  The functions follow the template's, in its order.
 */
#include "findings_json.h"
#include "docnode.h"
#include "srmap/base/strmap.h"
#include "srmap/base/alloc.h"
#include "srmap/write/jsonout.h"

#include <stdlib.h>
#include <string.h>

struct fj {
	yajl_gen g;
	const xmlNode *a, *profile, *summary, *drift;
	struct strmap control;     /* @id -> the first control */
	struct strmap workload;    /* @id -> struct place of the first workload */
	struct strmap new_finding, changed_finding;    /* drift key -> the first such element */
	char **keys;               /* owned: the drift keys */
	size_t nkeys, keycap;
	struct place *places;      /* owned: workloads with their position */
	size_t nplaces, placecap;
	xmlBufferPtr t;            /* scratch */
};

/* A workload and its position among the children of the assessment (document order). */
struct place {
	const xmlNode *n;
	size_t position;
};

static int is(const char *value, const char *what)
{
	return value && !strcmp(value, what);
}

/* ---- JSON helpers: the template's "str", "num" and "words" ----------------------------------------- */

static void key(struct fj *j, const char *k)
{
	yajl_gen_string(j->g, (const unsigned char *)k, strlen(k));
}

static void string(struct fj *j, const char *v)
{
	v = v ? v : "";
	yajl_gen_string(j->g, (const unsigned char *)v, strlen(v));
}

/* What a number element holds, without the white space at its ends (as jsonout reads it). */
static void number(struct fj *j, const char *v)
{
	v = v ? v : "";
	size_t start = strspn(v, " \t\r\n"), end = strlen(v);
	while (end > start && strchr(" \t\r\n", v[end - 1]))
		end--;
	yajl_gen_number(j->g, v + start, end - start);
}

static void kstring(struct fj *j, const char *k, const char *v)
{
	key(j, k);
	string(j, v);
}

static void knumber(struct fj *j, const char *k, const char *v)
{
	key(j, k);
	number(j, v);
}

/* template name="str": null when the value is absent */
static void str(struct fj *j, const char *k, const char *v)
{
	key(j, k);
	if (v)
		string(j, v);
	else
		yajl_gen_null(j->g);
}

/* template name="num" */
static void num(struct fj *j, const char *k, const char *v)
{
	key(j, k);
	if (v)
		number(j, v);
	else
		yajl_gen_null(j->g);
}

/* template name="words", as the array under k */
static void words(struct fj *j, const char *k, const char *s)
{
	key(j, k);
	docnode_normalize(j->t, s);
	const char *t = (const char *)xmlBufferContent(j->t);
	if (!t || !*t) {
		jsonout_gen_empty(j->g, 0);
		return;
	}
	yajl_gen_array_open(j->g);
	while (*t) {
		size_t n = strcspn(t, " ");
		yajl_gen_string(j->g, (const unsigned char *)t, n);
		t += n + (t[n] == ' ');
	}
	yajl_gen_array_close(j->g);
}

/* The string value of n's first child element named name, or NULL without one (owned). */
static xmlChar *child_text(const xmlNode *n, const char *name)
{
	const xmlNode *c = docnode_child(n, name);
	return c ? xmlNodeGetContent(c) : NULL;
}

/* template name="citations" */
static void citations(struct fj *j, const xmlNode *c)
{
	key(j, "citations");
	const xmlNode *first = docnode_child(c, "ref");
	if (!first) {
		jsonout_gen_empty(j->g, 1);
		return;
	}
	yajl_gen_map_open(j->g);
	for (const xmlNode *r = first; r; r = docnode_next(r, "ref")) {
		const char *fw = docnode_attr(r, "framework");
		int seen = 0;
		for (const xmlNode *p = first; p != r && !seen; p = docnode_next(p, "ref"))
			seen = fw && is(docnode_attr(p, "framework"), fw);
		if (seen)
			continue;
		key(j, fw ? fw : "");
		size_t n = 0;
		for (const xmlNode *q = r; q && fw; q = docnode_next(q, "ref"))
			n += is(docnode_attr(q, "framework"), fw);
		if (!n) {
			jsonout_gen_empty(j->g, 0);
			continue;
		}
		yajl_gen_array_open(j->g);
		for (const xmlNode *q = r; q; q = docnode_next(q, "ref"))
			if (is(docnode_attr(q, "framework"), fw))
				string(j, docnode_attr(q, "id"));
		yajl_gen_array_close(j->g);
	}
	yajl_gen_map_close(j->g);
}

/* ---- the document's heading, frameworks, summary, baseline, controls and workloads ------------------ */

static void frameworks(struct fj *j)
{
	static const char *const counts[][2] = {
		{ "coverage", "coverage" }, { "requirements", "requirements" }, { "met", "met" },
		{ "partially_met", "partially-met" }, { "not_met", "not-met" },
		{ "inherited", "inherited" }, { "not_applicable", "not-applicable" },
		{ "not_assessed", "not-assessed" } };
	key(j, "frameworks");
	const xmlNode *f = docnode_child(j->a, "framework");
	if (!f) {
		jsonout_gen_empty(j->g, 0);
		return;
	}
	yajl_gen_array_open(j->g);
	for (; f; f = docnode_next(f, "framework")) {
		yajl_gen_map_open(j->g);
		kstring(j, "id", docnode_attr(f, "id"));
		kstring(j, "title", docnode_attr(f, "title"));
		str(j, "baseline", docnode_attr(f, "baseline"));
		num(j, "score", docnode_attr(f, "score"));
		for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
			knumber(j, counts[i][0], docnode_attr(f, counts[i][1]));
		yajl_gen_map_close(j->g);
	}
	yajl_gen_array_close(j->g);
}

static void summary(struct fj *j)
{
	key(j, "summary");
	yajl_gen_map_open(j->g);
	knumber(j, "workloads", docnode_attr(j->summary, "workloads"));
	knumber(j, "checks", docnode_attr(j->summary, "checks"));
	knumber(j, "findings", docnode_attr(j->summary, "findings"));
	knumber(j, "evidence", docnode_attr(j->summary, "evidence"));
	num(j, "overall_score", docnode_attr(j->summary, "overall-score"));
	yajl_gen_map_close(j->g);
}

static void baseline(struct fj *j)
{
	key(j, "baseline");
	if (!j->drift) {
		yajl_gen_null(j->g);
		return;
	}
	yajl_gen_map_open(j->g);
	kstring(j, "path", docnode_attr(j->drift, "baseline"));
	kstring(j, "generated", docnode_attr(j->drift, "baseline-generated"));
	knumber(j, "new", docnode_attr(j->drift, "new"));
	knumber(j, "resolved", docnode_attr(j->drift, "resolved"));
	knumber(j, "changed", docnode_attr(j->drift, "changed"));
	yajl_gen_map_close(j->g);
}

static void control(struct fj *j, const xmlNode *c)
{
	yajl_gen_map_open(j->g);
	kstring(j, "id", docnode_attr(c, "id"));
	xmlChar *title = child_text(c, "title");
	kstring(j, "title", (const char *)title);
	xmlFree(title);
	str(j, "domain", docnode_attr(c, "domain"));
	kstring(j, "layer", docnode_attr(c, "layer"));
	kstring(j, "scope", is(docnode_attr(c, "scope"), "organisation") ? "organisation" : "workload");
	kstring(j, "severity", docnode_attr(c, "severity"));
	xmlChar *remediation = child_text(c, "remediation");
	str(j, "remediation", (const char *)remediation);
	xmlFree(remediation);
	citations(j, c);
	yajl_gen_map_close(j->g);
}

/* A member of a map taken from an attribute: a string, a string or null, a number. */
struct field {
	const char *key, *attr;
	enum { STRING, STRING_OR_NULL, NUMBER } kind;
};

static void fields(struct fj *j, const xmlNode *n, const struct field *f, size_t count)
{
	yajl_gen_map_open(j->g);
	for (size_t i = 0; i < count; i++) {
		const char *v = docnode_attr(n, f[i].attr);
		if (f[i].kind == STRING)
			kstring(j, f[i].key, v);
		else if (f[i].kind == STRING_OR_NULL)
			str(j, f[i].key, v);
		else
			knumber(j, f[i].key, v);
	}
	yajl_gen_map_close(j->g);
}

static void workload(struct fj *j, const xmlNode *w)
{
	static const struct field f[] = {
		{ "id", "id", STRING }, { "name", "name", STRING }, { "type", "type", STRING },
		{ "service_model", "service-model", STRING_OR_NULL },
		{ "subscription", "subscription", STRING_OR_NULL },
		{ "tenant", "tenant", STRING_OR_NULL },
		{ "resource_group", "resource-group", STRING_OR_NULL },
		{ "location", "location", STRING_OR_NULL }, { "findings", "findings", NUMBER } };
	fields(j, w, f, sizeof f / sizeof *f);
}

/* The children of the assessment named name, each by fn, as the array under k. */
static void array_of(struct fj *j, const char *k, const char *name,
		     void (*fn)(struct fj *, const xmlNode *))
{
	key(j, k);
	const xmlNode *n = docnode_child(j->a, name);
	if (!n) {
		jsonout_gen_empty(j->g, 0);
		return;
	}
	yajl_gen_array_open(j->g);
	for (; n; n = docnode_next(n, name))
		fn(j, n);
	yajl_gen_array_close(j->g);
}

/* ---- findings ------------------------------------------------------------------------------------ */

/* The drift key of a finding or drift element: workload and tenant lower-cased, control, status. */
static char *drift_key(const xmlNode *n)
{
	char *k = xasprintf("%s|%s|%s|%s", docnode_attr_or_empty(n, "workload"),
			    docnode_attr_or_empty(n, "tenant"), docnode_attr_or_empty(n, "control"),
			    docnode_attr_or_empty(n, "status"));
	size_t lowered = strlen(docnode_attr_or_empty(n, "workload")) + 1 +
			 strlen(docnode_attr_or_empty(n, "tenant"));
	for (size_t i = 0; i < lowered; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] - 'A' + 'a');
	return k;
}

/* template name="drift" */
static void drift(struct fj *j, const xmlNode *f)
{
	key(j, "drift");
	if (!j->drift) {
		yajl_gen_null(j->g);
		return;
	}
	char *k = drift_key(f);
	const xmlNode *new = strmap_get(&j->new_finding, k);
	const xmlNode *changed = strmap_get(&j->changed_finding, k);
	free(k);
	yajl_gen_map_open(j->g);
	kstring(j, "change", new ? "new" : changed ? "changed" : "unchanged");
	kstring(j, "known_since", new ? docnode_attr(j->a, "generated")
				      : docnode_attr(j->drift, "baseline-generated"));
	str(j, "old_status", docnode_attr(changed, "old-status"));
	str(j, "old_severity", docnode_attr(changed, "old-severity"));
	yajl_gen_map_close(j->g);
}

/* template name="subject" */
static void subject(struct fj *j, const xmlNode *f, size_t position)
{
	const char *id = docnode_attr(f, "workload");
	const struct place *w = id ? strmap_get(&j->workload, id) : NULL;
	const xmlNode *wn = w ? w->n : NULL;
	str(j, "workload", docnode_attr(wn, "id"));
	str(j, "workload_name", docnode_attr(wn, "name"));
	str(j, "subscription", docnode_attr(wn, "subscription"));
	/* $w/@tenant | $tenant: the first in document order */
	const char *wt = docnode_attr(wn, "tenant"), *ft = docnode_attr(f, "tenant");
	str(j, "tenant", wt && (!ft || w->position < position) ? wt : ft);
}

/* template match="finding" */
static void finding(struct fj *j, const xmlNode *f, size_t position)
{
	const char *cid = docnode_attr(f, "control");
	const xmlNode *c = cid ? strmap_get(&j->control, cid) : NULL;
	const char *kind = is(docnode_attr(f, "scope"), "organisation") ? "organisation"
			   : docnode_attr(f, "workload") ? "workload"
			   : is(docnode_attr(f, "status"), "no-baa") ? "engagement" : "evidence";
	yajl_gen_map_open(j->g);
	kstring(j, "id", docnode_attr(f, "id"));
	kstring(j, "scope", kind);
	kstring(j, "status", docnode_attr(f, "status"));
	kstring(j, "severity", docnode_attr(f, "severity"));
	str(j, "owner", docnode_attr(f, "owner"));
	subject(j, f, position);
	str(j, "control", docnode_attr(c, "id"));
	str(j, "domain", docnode_attr(c, "domain"));
	/* title | $c[not(current()/title)]/title: the finding's own, else its control's */
	xmlChar *title = child_text(f, "title");
	if (!title)
		title = child_text(c, "title");
	kstring(j, "title", (const char *)title);
	xmlFree(title);
	xmlChar *remediation = child_text(f, "remediation");
	if (!remediation)
		remediation = child_text(c, "remediation");
	str(j, "remediation", (const char *)remediation);
	xmlFree(remediation);
	citations(j, c);
	words(j, "evidence", docnode_attr(f, "evidence"));
	drift(j, f);
	yajl_gen_map_close(j->g);
}

static void findings(struct fj *j)
{
	key(j, "findings");
	size_t position = 0, n = 0;
	for (const xmlNode *c = j->a->children; c; c = c->next)
		n += docnode_is(c, "finding");
	if (!n) {
		jsonout_gen_empty(j->g, 0);
		return;
	}
	yajl_gen_array_open(j->g);
	for (const xmlNode *c = j->a->children; c; c = c->next, position++)
		if (docnode_is(c, "finding"))
			finding(j, c, position);
	yajl_gen_array_close(j->g);
}

/* template match="check" */
static void check(struct fj *j, const xmlNode *k)
{
	const char *cid = docnode_attr(k, "control");
	const xmlNode *c = cid ? strmap_get(&j->control, cid) : NULL;
	const xmlNode *owner = k->parent;
	yajl_gen_map_open(j->g);
	kstring(j, "scope", (const char *)owner->name);
	kstring(j, "status", docnode_attr(k, "status"));
	kstring(j, "severity", docnode_attr(c, "severity"));
	kstring(j, "owner", docnode_attr(k, "owner"));
	if (docnode_is(owner, "workload")) {
		kstring(j, "workload", docnode_attr(owner, "id"));
	} else {
		key(j, "workload");
		yajl_gen_null(j->g);
	}
	str(j, "tenant", docnode_attr(owner, "tenant"));
	kstring(j, "control", cid);
	str(j, "domain", docnode_attr(c, "domain"));
	words(j, "evidence", docnode_attr(k, "evidence"));
	words(j, "attestations", docnode_attr(k, "attestations"));
	yajl_gen_map_close(j->g);
}

/* $a/organisation/check | $a/workload/check, in document order */
static void checks(struct fj *j)
{
	key(j, "checks");
	int any = 0;
	for (const xmlNode *o = j->a->children; o && !any; o = o->next)
		any = (docnode_is(o, "workload") || docnode_is(o, "organisation")) && docnode_child(o, "check");
	if (!any) {
		jsonout_gen_empty(j->g, 0);
		return;
	}
	yajl_gen_array_open(j->g);
	for (const xmlNode *o = j->a->children; o; o = o->next)
		if (docnode_is(o, "workload") || docnode_is(o, "organisation"))
			for (const xmlNode *k = docnode_child(o, "check"); k; k = docnode_next(k, "check"))
				check(j, k);
	yajl_gen_array_close(j->g);
}

static void resolved_one(struct fj *j, const xmlNode *r)
{
	static const struct field f[] = {
		{ "workload", "workload", STRING_OR_NULL }, { "tenant", "tenant", STRING_OR_NULL },
		{ "control", "control", STRING_OR_NULL }, { "severity", "severity", STRING },
		{ "status", "status", STRING } };
	fields(j, r, f, sizeof f / sizeof *f);
}

/* $drift/resolved-finding: of every drift element, in document order */
static void resolved(struct fj *j)
{
	key(j, "resolved");
	int any = 0;
	for (const xmlNode *d = docnode_child(j->a, "drift"); d && !any; d = docnode_next(d, "drift"))
		any = docnode_child(d, "resolved-finding") != NULL;
	if (!any) {
		jsonout_gen_empty(j->g, 0);
		return;
	}
	yajl_gen_array_open(j->g);
	for (const xmlNode *d = docnode_child(j->a, "drift"); d; d = docnode_next(d, "drift"))
		for (const xmlNode *r = docnode_child(d, "resolved-finding"); r;
		     r = docnode_next(r, "resolved-finding"))
			resolved_one(j, r);
	yajl_gen_array_close(j->g);
}

/* ---- the document ---------------------------------------------------------------------------------- */

static void index_drift(struct fj *j, const xmlNode *d)
{
	for (const xmlNode *n = d->children; n; n = n->next) {
		struct strmap *m = docnode_is(n, "new-finding")       ? &j->new_finding
				   : docnode_is(n, "changed-finding") ? &j->changed_finding : NULL;
		if (!m)
			continue;
		char *k = drift_key(n);
		if (strmap_get(m, k)) {
			free(k);
			continue;
		}
		GROW(j->keys, j->keycap, j->nkeys + 1);
		j->keys[j->nkeys++] = k;
		strmap_put(m, k, (void *)n);
	}
}

static void index_document(struct fj *j)
{
	size_t position = 0;
	for (const xmlNode *n = j->a->children; n; n = n->next, position++) {
		const char *id = docnode_attr(n, "id");
		if (docnode_is(n, "profile") && !j->profile) {
			j->profile = n;
		} else if (docnode_is(n, "summary") && !j->summary) {
			j->summary = n;
		} else if (docnode_is(n, "drift")) {
			if (!j->drift)
				j->drift = n;
			index_drift(j, n);
		} else if (docnode_is(n, "control") && id && !strmap_get(&j->control, id)) {
			strmap_put(&j->control, id, (void *)n);
		} else if (docnode_is(n, "workload")) {
			GROW(j->places, j->placecap, j->nplaces + 1);
			j->places[j->nplaces++] = (struct place){ n, position };
		}
	}
	/* Indexed once the array no longer moves. */
	for (size_t i = 0; i < j->nplaces; i++) {
		const char *id = docnode_attr(j->places[i].n, "id");
		if (id && !strmap_get(&j->workload, id))
			strmap_put(&j->workload, id, &j->places[i]);
	}
}

/*
 * Whether jsonout would accept the template's result: every number element
 * the template fills from the document holds a JSON number, and no map has a
 * key twice (a control with two references naming no framework).
 */
static int acceptable(struct fj *j)
{
	static const char *const fw[] = { "coverage", "requirements", "met", "partially-met",
					   "not-met", "inherited", "not-applicable", "not-assessed" };
	static const char *const sum[] = { "workloads", "checks", "findings", "evidence" };
	static const char *const dr[] = { "new", "resolved", "changed" };
#define NUMBER_OK(v) ((v) && jsonout_is_number(v))
	for (const xmlNode *f = docnode_child(j->a, "framework"); f; f = docnode_next(f, "framework")) {
		for (size_t i = 0; i < sizeof fw / sizeof *fw; i++)
			if (!NUMBER_OK(docnode_attr(f, fw[i])))
				return 0;
	}
	for (size_t i = 0; i < sizeof sum / sizeof *sum; i++)
		if (!NUMBER_OK(docnode_attr(j->summary, sum[i])))
			return 0;
	for (size_t i = 0; j->drift && i < sizeof dr / sizeof *dr; i++)
		if (!NUMBER_OK(docnode_attr(j->drift, dr[i])))
			return 0;
	for (size_t i = 0; i < j->nplaces; i++)
		if (!NUMBER_OK(docnode_attr(j->places[i].n, "findings")))
			return 0;
	const char *score = docnode_attr(j->summary, "overall-score");
	if (score && !jsonout_is_number(score))
		return 0;
	for (const xmlNode *f = docnode_child(j->a, "framework"); f; f = docnode_next(f, "framework"))
		if (docnode_attr(f, "score") && !jsonout_is_number(docnode_attr(f, "score")))
			return 0;
	for (const xmlNode *c = docnode_child(j->a, "control"); c; c = docnode_next(c, "control")) {
		size_t unnamed = 0;
		for (const xmlNode *r = docnode_child(c, "ref"); r; r = docnode_next(r, "ref"))
			unnamed += docnode_attr(r, "framework") == NULL;
		if (unnamed > 1)
			return 0;
	}
#undef NUMBER_OK
	return 1;
}

int findings_json_write(xmlDocPtr doc, int fd)
{
	struct fj j = { 0 };
	const xmlNode *root = xmlDocGetRootElement(doc);
	if (!docnode_is(root, "assessment"))
		return FINDINGS_JSON_DECLINED;
	j.a = root;
	strmap_init(&j.control, 0);
	strmap_init(&j.workload, 0);
	strmap_init(&j.new_finding, 0);
	strmap_init(&j.changed_finding, 0);
	index_document(&j);
	int rc = FINDINGS_JSON_DECLINED;
	struct jsonout_gen *gen = NULL;
	j.t = xmlBufferCreate();
	if (acceptable(&j) && j.t) {
		gen = jsonout_gen_open(fd);
		rc = gen ? 0 : -1;
	}
	if (gen) {
		j.g = jsonout_gen_yajl(gen);
		yajl_gen_map_open(j.g);
		kstring(&j, "format", "srmap-findings");
		knumber(&j, "version", "1");
		kstring(&j, "tool_version", docnode_attr(j.a, "tool-version"));
		kstring(&j, "catalog_version", docnode_attr(j.a, "catalog-version"));
		kstring(&j, "generated", docnode_attr(j.a, "generated"));
		kstring(&j, "as_of", docnode_attr(j.a, "as-of"));
		str(&j, "client", docnode_attr(j.profile, "client"));
		str(&j, "assessor", docnode_attr(j.profile, "assessor"));
		frameworks(&j);
		summary(&j);
		baseline(&j);
		array_of(&j, "controls", "control", control);
		array_of(&j, "workloads", "workload", workload);
		findings(&j);
		checks(&j);
		resolved(&j);
		yajl_gen_map_close(j.g);
		rc = jsonout_gen_close(gen) == JSONOUT_OK ? 0 : -1;
	}
	xmlBufferFree(j.t);
	for (size_t i = 0; i < j.nkeys; i++)
		free(j.keys[i]);
	free(j.keys);
	free(j.places);
	strmap_release(&j.control);
	strmap_release(&j.workload);
	strmap_release(&j.new_finding);
	strmap_release(&j.changed_finding);
	return rc;
}
