/*
 * oscal_results.c - the parts of the OSCAL result that repeat: an observation
 * per evidence record, a risk per control not in place somewhere, a finding
 * per reviewed NIST control (oscal_doc.h).  Each is built, written and freed
 * before the next, in the template's order.
 */
#include "oscal_doc.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

static int is(const char *value, const char *what)
{
	return value && !strcmp(value, what);
}

/* The string value of n's first child element named name, appended to b. */
static void cat_child_text(xmlBufferPtr b, const xmlNode *n, const char *name)
{
	const xmlNode *c = docnode_child(n, name);
	if (c)
		xmlNodeBufGetContent(b, c);
}

static void related_observation(struct oscal *o, xmlNodePtr parent, const xmlNode *evidence)
{
	char uuid[37];
	oscal_uuid(o, uuid, "observation|", docnode_attr(evidence, "id"), 1);
	oscal_set(oscal_el(o, parent, "related-observation"), "observation-uuid", uuid);
}

/* ---- observations -------------------------------------------------------------------------- */

/* template name="subject", for a workload */
static void subject(struct oscal *o, xmlNodePtr parent, const xmlNode *w)
{
	char uuid[37];
	oscal_uuid(o, uuid, "workload|", docnode_attr(w, "id"), 1);
	xmlNodePtr s = oscal_el(o, parent, "subject");
	oscal_set(s, "type", "inventory-item");
	oscal_set(s, "subject-uuid", uuid);
	oscal_leaf(o, s, "title", docnode_attr(w, "name"));
}

static void observation_description(struct oscal *o, xmlNodePtr ob, const xmlNode *e,
				    const struct oscal_control *c)
{
	xmlBufferPtr t = o->t;
	oscal_cat(t, "Evidence record ");
	oscal_cat(t, docnode_attr(e, "id"));
	oscal_cat(t, " for control ");
	oscal_cat(t, docnode_attr(e, "control"));
	oscal_cat(t, " (");
	oscal_cat(t, c ? (const char *)c->title : NULL);
	oscal_cat(t, "), scope ");
	oscal_cat(t, docnode_attr(e, "scope"));
	oscal_cat(t, " ");
	oscal_cat(t, docnode_attr(e, "scope-id"));
	oscal_cat(t, ": result ");
	oscal_cat(t, docnode_attr(e, "result"));
	oscal_cat(t, ", collected by ");
	oscal_cat(t, docnode_attr(e, "collected-by"));
	oscal_cat(t, ". ");
	if (is(docnode_attr(e, "used"), "true") && c && c->organisation)
		oscal_cat(t, "It is evidence of the organisation-wide check of the control, made once "
			  "for its tenant.");
	else if (is(docnode_attr(e, "used"), "true"))
		oscal_cat(t, "It decided the checks of the workloads named as subjects.");
	else
		oscal_cat(t, "It decided no check (overridden by a narrower or newer record, or "
			  "applying only where the control is inherited or does not apply).");
	oscal_text_el(o, oscal_el(o, ob, "description"), "p");
}

/* A tool's export or scan tested the control; a person's or third party's record was examined. */
static const char *method(const char *collected_by)
{
	char *by = xstrdup(collected_by ? collected_by : "");
	for (char *p = by; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	const char *m = strstr(by, "export") || strstr(by, "scan") ? "TEST" : "EXAMINE";
	free(by);
	return m;
}

static void subjects(struct oscal *o, xmlNodePtr ob, const xmlNode *e)
{
	const struct oscal_nodes *decided = oscal_lookup(&o->checks_by_evidence, docnode_attr(e, "id"));
	if (decided && decided->n) {
		for (size_t i = 0; i < decided->n; i++)
			if (docnode_is(decided->v[i]->parent, "workload"))
				subject(o, ob, decided->v[i]->parent);     /* not an organisation */
	} else if (is(docnode_attr(e, "scope"), "workload")) {
		const char *id = docnode_attr_or_empty(e, "scope-id");
		const xmlNode *w = strmap_get(&o->workload, id);
		if (w)
			subject(o, ob, w);
	}
}

static void relevant_evidence(struct oscal *o, xmlNodePtr ob, const xmlNode *e)
{
	xmlNodePtr re = oscal_el(o, ob, "relevant-evidence");
	oscal_cat_uri(o, docnode_attr(e, "artifact"));
	oscal_set(re, "href", (const char *)xmlBufferContent(o->t));
	xmlBufferEmpty(o->t);
	oscal_cat(o->t, "Artifact ");
	oscal_cat(o->t, docnode_attr(e, "artifact"));
	oscal_cat(o->t, ", as named by the evidence record (relative to the folder of ");
	oscal_cat(o->t, docnode_attr(e, "file"));
	oscal_cat(o->t, ").");
	oscal_text_el(o, oscal_el(o, re, "description"), "p");
	oscal_prop(o, re, "sha256", docnode_attr(e, "sha256"));
}

void oscal_observation(struct oscal *o, const xmlNode *e)
{
	const char *control_id = docnode_attr(e, "control");
	const struct oscal_control *c = control_id ? strmap_get(&o->control, control_id) : NULL;
	char uuid[37];
	oscal_uuid(o, uuid, "observation|", docnode_attr(e, "id"), 1);
	xmlNodePtr ob = oscal_el(o, o->root, "observation");
	oscal_set(ob, "uuid", uuid);
	oscal_cat(o->t, "Evidence ");
	oscal_cat(o->t, docnode_attr(e, "id"));
	oscal_cat(o->t, ": ");
	oscal_cat(o->t, c ? (const char *)c->title : NULL);
	oscal_text_el(o, ob, "title");
	observation_description(o, ob, e, c);
	static const char *const props[] = { "id", "control", "result", "scope", "scope-id",
					     "collected-by", "used" };
	for (size_t i = 0; i < sizeof props / sizeof *props; i++)
		oscal_prop(o, ob, i ? props[i] : "evidence-id", docnode_attr(e, props[i]));
	oscal_cat(o->t, docnode_attr(e, "file"));
	oscal_cat(o->t, ":");
	oscal_cat(o->t, docnode_attr(e, "line"));
	oscal_prop_t(o, ob, "source");
	oscal_leaf(o, ob, "method", method(docnode_attr(e, "collected-by")));
	oscal_leaf(o, ob, "type", "control-objective");
	oscal_tool_origin(o, ob);
	subjects(o, ob, e);
	if (docnode_attr(e, "artifact"))
		relevant_evidence(o, ob, e);
	/* OSCAL requires a time: an undated record is given the as-of time and says so. */
	int undated = is(docnode_attr(e, "collected-at"), "unknown");
	oscal_leaf(o, ob, "collected", undated ? docnode_attr(o->a, "as-of") : docnode_attr(e, "collected-at"));
	const xmlNode *note = docnode_child(e, "note");
	if (note || undated) {
		xmlNodePtr remarks = oscal_el(o, ob, "remarks");
		if (undated)
			oscal_leaf(o, remarks, "p", "When this evidence was collected is unknown (its "
				   "export does not say); the assessment's as-of time stands in for it.");
		if (note) {
			cat_child_text(o->t, e, "note");
			oscal_text_el(o, remarks, "p");
		}
	}
	oscal_dump(o, ob, 2);
}

/* ---- risks ------------------------------------------------------------------------------------ */

static void risk_item(struct oscal *o, xmlNodePtr ul, const xmlNode *check)
{
	const xmlNode *owner = check->parent;
	xmlBufferPtr t = o->t;
	if (docnode_is(owner, "organisation")) {
		oscal_cat(t, "the organisation");
		if (docnode_attr(owner, "tenant")) {
			oscal_cat(t, " (tenant ");
			oscal_cat(t, docnode_attr(owner, "tenant"));
			oscal_cat(t, ")");
		}
		oscal_cat(t, ", ");
		oscal_cat(t, docnode_attr(owner, "workloads"));
		oscal_cat(t, " workloads");
	} else {
		oscal_cat(t, docnode_attr(owner, "name"));
		oscal_cat(t, " (");
		oscal_cat(t, docnode_attr(owner, "id"));
		oscal_cat(t, ")");
	}
	oscal_cat(t, ": ");
	if (is(docnode_attr(check, "status"), "failed")) {
		oscal_cat(t, "failed, evidence ");
		oscal_cat(t, docnode_attr(check, "evidence"));
	} else {
		oscal_cat(t, "no evidence");
	}
	oscal_text_el(o, ul, "li");
}

static void risk_description(struct oscal *o, xmlNodePtr risk, const struct oscal_control *c)
{
	const xmlNode *n = c->n;
	xmlNodePtr d = oscal_el(o, risk, "description");
	cat_child_text(o->t, n, "description");
	docnode_normalize(o->norm, (const char *)xmlBufferContent(o->t));
	if (xmlBufferLength(o->norm))
		oscal_text_el(o, d, "p");
	xmlBufferEmpty(o->t);
	oscal_cat(o->t, "Customer-side control ");
	oscal_cat(o->t, docnode_attr(n, "id"));
	oscal_cat(o->t, c->organisation ? " is an organisation-wide control, checked once per tenant, "
		  "and is not in place in these organisations:" : " is not in place on these workloads:");
	oscal_text_el(o, d, "p");
	xmlNodePtr ul = oscal_el(o, d, "ul");
	const struct oscal_nodes *bad = oscal_lookup(&o->bad_checks, docnode_attr(n, "id"));
	for (size_t i = 0; bad && i < bad->n; i++)
		risk_item(o, ul, bad->v[i]);
}

static void risk_statement(struct oscal *o, xmlNodePtr risk, const struct oscal_control *c)
{
	const xmlNode *n = c->n;
	xmlBufferPtr t = o->t;
	oscal_cat(t, "The customer's control \"");
	oscal_cat(t, (const char *)c->title);
	oscal_cat(t, "\" is not in place on ");
	oscal_cat_number(t, oscal_number(docnode_attr(n, "failed")) + oscal_number(docnode_attr(n, "missing")));
	oscal_cat(t, c->organisation ? " of the organisations (tenants) it applies to ("
				     : " of the workloads it applies to (");
	oscal_cat(t, docnode_attr(n, "failed"));
	oscal_cat(t, " failed, ");
	oscal_cat(t, docnode_attr(n, "missing"));
	oscal_cat(t, " without evidence)");
	if (docnode_child(n, "ref")) {
		oscal_cat(t, ", so the requirements it supports are not shown to be met for them: ");
		size_t k = 0;
		for (const xmlNode *r = docnode_child(n, "ref"); r; r = docnode_next(r, "ref")) {
			if (k++)
				oscal_cat(t, ", ");
			oscal_cat(t, oscal_framework_label(docnode_attr(r, "framework")));
			oscal_cat(t, " ");
			oscal_cat(t, docnode_attr(r, "id"));
		}
	}
	oscal_cat(t, ".");
	oscal_text_el(o, oscal_el(o, risk, "statement"), "p");
}

/* template match="control" mode="risk" */
static void risk(struct oscal *o, const struct oscal_control *c)
{
	const xmlNode *n = c->n;
	const char *id = docnode_attr(n, "id");
	char uuid[37];
	oscal_uuid(o, uuid, "risk|", id, 0);
	xmlNodePtr r = oscal_el(o, o->root, "risk");
	oscal_set(r, "uuid", uuid);
	oscal_leaf(o, r, "title", (const char *)c->title);
	risk_description(o, r, c);
	risk_statement(o, r, c);
	oscal_prop(o, r, "control", id);
	oscal_prop(o, r, "layer", docnode_attr(n, "layer"));
	oscal_prop(o, r, "failed", docnode_attr(n, "failed"));
	oscal_prop(o, r, "missing", docnode_attr(n, "missing"));
	oscal_leaf(o, r, "status", "open");
	oscal_tool_origin(o, r);
	xmlNodePtr ch = oscal_el(o, r, "characterization");
	oscal_tool_origin(o, ch);
	xmlNodePtr facet = oscal_el(o, ch, "facet");
	oscal_set(facet, "name", "severity");
	oscal_set(facet, "system", OSCAL_SRMAP_NS);
	oscal_set(facet, "value", docnode_attr_or_empty(n, "severity"));
	oscal_uuid(o, uuid, "response|", id, 0);
	xmlNodePtr resp = oscal_el(o, r, "response");
	oscal_set(resp, "uuid", uuid);
	oscal_set(resp, "lifecycle", "recommendation");
	oscal_leaf(o, resp, "title", "Remediation");
	cat_child_text(o->t, n, "remediation");
	oscal_text_el(o, oscal_el(o, resp, "description"), "p");
	oscal_tool_origin(o, resp);
	const struct oscal_nodes *ev = oscal_lookup(&o->evidence_by_control, id);
	for (size_t i = 0; ev && i < ev->n; i++)
		if (is(docnode_attr(ev->v[i], "used"), "true") && is(docnode_attr(ev->v[i], "result"), "fail"))
			related_observation(o, r, ev->v[i]);
	oscal_dump(o, r, 2);
}

struct ranked {
	const struct oscal_control *c;
	size_t rank, index;
};

/* xsl:sort select="string-length(substring-before('critical high medium low ', @severity))" */
static size_t severity_rank(const char *severity)
{
	static const char order[] = "critical high medium low ";
	const char *at = severity && *severity ? strstr(order, severity) : NULL;
	return at ? (size_t)(at - order) : 0;
}

static int by_rank(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;     /* xsl:sort is stable */
}

static int not_in_place(const xmlNode *n)
{
	return oscal_number(docnode_attr(n, "failed")) + oscal_number(docnode_attr(n, "missing")) > 0;
}

void oscal_risks(struct oscal *o)
{
	struct ranked *r = xcalloc(o->ncontrols + 1, sizeof(*r));
	size_t n = 0;
	for (size_t i = 0; i < o->ncontrols; i++)
		if (not_in_place(o->controls[i].n))
			r[n++] = (struct ranked){ &o->controls[i],
						  severity_rank(docnode_attr(o->controls[i].n, "severity")), i };
	qsort(r, n, sizeof(*r), by_rank);
	for (size_t i = 0; i < n; i++)
		risk(o, r[i].c);
	free(r);
}

/* ---- findings ------------------------------------------------------------------------------- */

/* The counts of the controls citing a NIST id, as the template's sum()s. */
struct tally {
	double inherited, satisfied, failed, missing, stale, na;
};

static void add(double *sum, const xmlNode *n, const char *name)
{
	const char *v = docnode_attr(n, name);
	if (v)
		*sum += oscal_number(v);
}

static int cites(const xmlNode *control, const char *id)
{
	for (const xmlNode *r = docnode_child(control, "ref"); r; r = docnode_next(r, "ref"))
		if (is(docnode_attr(r, "framework"), "nist-800-53") && is(docnode_attr(r, "id"), id))
			return 1;
	return 0;
}

static const char *status_of(const struct oscal_nist *nist, const struct tally *s)
{
	double good = s->inherited + s->satisfied, bad = s->failed + s->missing + s->stale;
	if (nist->requirement)
		return docnode_attr_or_empty(nist->requirement, "status");
	if (good + bad == 0 && s->na > 0)
		return "not-applicable";
	if (good + bad == 0)
		return "not-assessed";
	if (bad == 0 && s->satisfied > 0)
		return "met";
	if (bad == 0)
		return "inherited";
	if (good > 0)
		return "partially-met";
	return "not-met";
}

static void finding_description(struct oscal *o, xmlNodePtr f, const struct oscal_control **citing,
				size_t n, const struct tally *s, const char *status)
{
	xmlBufferPtr t = o->t;
	oscal_cat(t, n > 1 ? "Assessed through srmap controls " : "Assessed through srmap control ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			oscal_cat(t, ", ");
		oscal_cat(t, docnode_attr(citing[i]->n, "id"));
		oscal_cat(t, " (");
		oscal_cat(t, (const char *)citing[i]->title);
		oscal_cat(t, ")");
	}
	oscal_cat(t, n > 1 ? " on the workloads they apply to: " : " on the workloads it applies to: ");
	oscal_cat_number(t, s->inherited + s->satisfied + (s->failed + s->missing + s->stale) + s->na);
	const struct { const char *before; double v; } counts[] = {
		{ " checks, of which ", s->satisfied }, { " satisfied, ", s->inherited },
		{ " inherited from the provider, ", s->failed }, { " failed, ", s->missing },
		{ " without evidence, ", s->stale }, { " stale and ", s->na } };
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		oscal_cat(t, counts[i].before);
		oscal_cat_number(t, counts[i].v);
	}
	oscal_cat(t, " not applicable. Requirement status: ");
	oscal_cat(t, status);
	oscal_cat(t, ".");
	oscal_text_el(o, oscal_el(o, f, "description"), "p");
}

static void finding_target(struct oscal *o, xmlNodePtr f, const char *id, const char *oscal_id,
			   const char *status)
{
	xmlNodePtr target = oscal_el(o, f, "target");
	oscal_set(target, "type", "statement-id");
	char *target_id = xasprintf("%s_smt", oscal_id);
	oscal_set(target, "target-id", target_id);
	free(target_id);
	oscal_cat(o->t, "NIST SP 800-53 Rev 5 ");
	oscal_cat(o->t, id);
	oscal_text_el(o, target, "title");
	const char *state = "not-satisfied", *reason = "fail", *implementation = NULL;
	if (is(status, "met") || is(status, "inherited"))
		state = "satisfied", reason = "pass", implementation = "implemented";
	else if (is(status, "not-applicable"))
		state = "satisfied", reason = "other", implementation = "not-applicable";
	else if (is(status, "partially-met"))
		implementation = "partial";
	xmlNodePtr st = oscal_el(o, target, "status");
	oscal_set(st, "state", state);
	oscal_set(st, "reason", reason);
	if (is(status, "not-applicable"))
		oscal_leaf(o, oscal_el(o, st, "remarks"), "p", "Not applicable to the workloads assessed.");
	if (implementation)
		oscal_set(oscal_el(o, target, "implementation-status"), "state", implementation);
	if (is(status, "inherited"))
		oscal_leaf(o, oscal_el(o, target, "remarks"), "p", "Every check behind this control is "
			   "on a layer the provider owns: inherited from the provider's attestations.");
}

static void finding_links(struct oscal *o, xmlNodePtr f, const struct oscal_control **citing,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct oscal_nodes *ev = oscal_lookup(&o->evidence_by_control,
							    docnode_attr(citing[i]->n, "id"));
		for (size_t j = 0; ev && j < ev->n; j++)
			if (is(docnode_attr(ev->v[j], "used"), "true"))
				related_observation(o, f, ev->v[j]);
	}
	for (size_t i = 0; i < n; i++)
		if (not_in_place(citing[i]->n)) {
			char uuid[37];
			oscal_uuid(o, uuid, "risk|", docnode_attr(citing[i]->n, "id"), 0);
			oscal_set(oscal_el(o, f, "associated-risk"), "risk-uuid", uuid);
		}
}

void oscal_finding(struct oscal *o, const struct oscal_nist *nist)
{
	const struct oscal_control **citing = xcalloc(o->ncontrols + 1, sizeof(*citing));
	size_t n = 0;
	struct tally s = { 0 };
	for (size_t i = 0; i < o->ncontrols; i++) {
		const xmlNode *c = o->controls[i].n;
		if (!cites(c, nist->id))
			continue;
		citing[n++] = &o->controls[i];
		add(&s.inherited, c, "inherited");
		add(&s.satisfied, c, "satisfied");
		add(&s.failed, c, "failed");
		add(&s.missing, c, "missing");
		add(&s.stale, c, "stale");
		add(&s.na, c, "not-applicable");
	}
	const char *status = status_of(nist, &s);
	if (!is(status, "not-assessed")) {
		xmlBufferPtr id = xmlBufferCreate();
		oscal_cat_id(id, nist->id);
		const char *oscal_id = id ? (const char *)xmlBufferContent(id) : "";
		char uuid[37];
		oscal_uuid(o, uuid, "finding|", oscal_id, 0);
		xmlNodePtr f = oscal_el(o, o->root, "finding");
		oscal_set(f, "uuid", uuid);
		oscal_cat(o->t, nist->id);
		if (docnode_child(nist->requirement, "title")) {
			oscal_cat(o->t, " ");
			cat_child_text(o->t, nist->requirement, "title");
		}
		oscal_text_el(o, f, "title");
		finding_description(o, f, citing, n, &s, status);
		oscal_prop(o, f, "requirement-status", status);
		oscal_tool_origin(o, f);
		finding_target(o, f, nist->id, oscal_id, status);
		finding_links(o, f, citing, n);
		oscal_dump(o, f, 2);
		xmlBufferFree(id);
	}
	free(citing);
}
