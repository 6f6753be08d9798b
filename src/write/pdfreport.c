/*
 * pdfreport.c - the C writer of report-pdf.xsl: its keys and global
 * variables, its sections by name, and the document element (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"
#include "srmap/base/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pdfr_params_default(struct pdfr_params *p)
{
	*p = (struct pdfr_params){ .inventory_appendix = "no", .finding_rows_max = 40,
				   .distinct_max = 25, .pdf_detail = "full", .summary_rows = 25,
				   .attachments = "", .attachments_skipped = "", .attach_limit = "" };
}

/* ---- keys -------------------------------------------------------------------------- */

static void key_by(struct pdfr_key *k, const xmlNode *n, const char *attr)
{
	const char *v = docnode_attr(n, attr);
	if (v)
		pdfr_key_add(k, v, n);
}

static void key_concat(struct pdfr_key *k, const xmlNode *n, const char *a, const char *b,
		       const char *c)
{
	char *v = c ? xasprintf("%s|%s|%s", pdfr_attr_of(n, a), pdfr_attr_of(n, b), pdfr_attr_of(n, c))
		    : xasprintf("%s|%s", pdfr_attr_of(n, a), pdfr_attr_of(n, b));
	pdfr_key_add(k, v, n);
	free(v);
}

/* @control and (@workload or @scope = 'organisation'): a finding about a control */
static int about_control(const xmlNode *f)
{
	return pdfr_has(f, "control") &&
	       (pdfr_has(f, "workload") || !strcmp(pdfr_attr_of(f, "scope"), "organisation"));
}

static void make_keys(struct pdfr *w)
{
	struct pdfr_key *all[] = { &w->workload, &w->removed_workload, &w->control,
				   &w->ctl_by_domain, &w->evidence, &w->layer, &w->wl_by_model,
				   &w->ev_by_control, &w->f_by_sev_ctl, &w->f_by_sev_ctl_ev,
				   &w->f_other };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		pdfr_key_init(all[i]);
	for (const xmlNode *n = w->a->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (pdfr_is(n, "workload")) {
			key_by(&w->workload, n, "id");
			key_by(&w->wl_by_model, n, "service-model");
		} else if (pdfr_is(n, "control")) {
			key_by(&w->control, n, "id");
			key_by(&w->ctl_by_domain, n, "domain");
		} else if (pdfr_is(n, "evidence")) {
			key_by(&w->evidence, n, "id");
			key_by(&w->ev_by_control, n, "control");
		} else if (pdfr_is(n, "finding")) {
			if (!about_control(n)) {
				key_concat(&w->f_other, n, "severity", "status", NULL);
				continue;
			}
			key_concat(&w->f_by_sev_ctl, n, "severity", "control", NULL);
			if (pdfr_has(n, "evidence"))
				key_concat(&w->f_by_sev_ctl_ev, n, "severity", "control", "evidence");
		} else if (pdfr_is(n, "matrix")) {
			for (const xmlNode *r = pdfr_child(n, "row"); r; r = pdfr_next(r, "row"))
				key_by(&w->layer, r, "layer");
		} else if (pdfr_is(n, "drift")) {
			for (const xmlNode *r = pdfr_child(n, "workload-removed"); r;
			     r = pdfr_next(r, "workload-removed"))
				key_by(&w->removed_workload, r, "id");
		}
	}
}

/* ---- global variables ------------------------------------------------------------- */

/* number($summary/severity-count[@severity = sev]/@count) */
static double severity_count(const struct pdfr *w, const char *sev)
{
	for (const xmlNode *c = pdfr_child(w->summary, "severity-count"); c;
	     c = pdfr_next(c, "severity-count"))
		if (!strcmp(pdfr_attr_of(c, "severity"), sev))
			return pdfr_number(docnode_attr(c, "count"));
	return NAN;
}

static char *make_scope_text(const struct pdfr *w)
{
	xmlBufferPtr b = xmlBufferCreate();
	if (!b)
		alloc_exhausted();
	size_t n = pdfr_count(w->profile, "scope"), i = 0;
	for (const xmlNode *s = pdfr_child(w->profile, "scope"); s; s = pdfr_next(s, "scope")) {
		if (++i > 1)
			xmlBufferCCat(b, i == n ? " and " : ", ");
		const char *fw = pdfr_attr_of(s, "framework");
		xmlBufferCCat(b, pdfr_framework_name(fw));
		if (!strcmp(fw, "fedramp")) {
			xmlBufferCCat(b, " (");
			xmlBufferCCat(b, w->baseline);
			xmlBufferCCat(b, " baseline)");
		}
	}
	char *text = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return text;
}

static void make_globals(struct pdfr *w)
{
	w->inventory_in_appendix = !strcmp(w->p.inventory_appendix, "yes");
	const char *letters = w->inventory_in_appendix ? "BCDE" : "ABCD";
	w->app_evidence[0] = letters[0];
	w->app_method[0] = letters[1];
	w->app_provenance[0] = letters[2];
	w->app_coverage[0] = letters[3];
	w->brief = !strcmp(w->p.pdf_detail, "summary");
	static const char others[] = "|unclassified|no-baa|artifact-missing|artifact-mismatch|";
	for (const xmlNode *f = pdfr_child(w->a, "finding"); f; f = pdfr_next(f, "finding")) {
		if (about_control(f))
			continue;
		char *bar = xasprintf("|%s|", pdfr_attr_of(f, "status"));
		if (!strstr(others, bar))
			pdfr_nodes_add(&w->unknown_others, f);
		free(bar);
	}
	w->profile = pdfr_child(w->a, "profile");
	w->summary = pdfr_child(w->a, "summary");
	w->client = pdfr_attr_of(w->profile, "client");
	w->assessor = pdfr_attr_of(w->profile, "assessor");
	w->doc_title = xasprintf("Shared-responsibility assessment — %s", w->client);
	const char *color = pdfr_attr_of(pdfr_child(w->profile, "branding"), "color");
	w->brand = xstrdup(utf8_count(color, strlen(color)) == 7 ? color : "#1F4E79");
	for (const xmlNode *f = pdfr_child(w->a, "framework"); f; f = pdfr_next(f, "framework"))
		pdfr_nodes_add(&w->frameworks, f);
	w->nfw = (double)w->frameworks.n;
	w->as_of = pdfr_time_text(pdfr_attr_of(w->a, "as-of"));
	w->baseline = xstrdup(pdfr_baseline_name(pdfr_attr_of(w->profile, "fedramp-baseline")));
	for (const xmlNode *m = pdfr_child(w->a, "matrix"); m; m = pdfr_next(m, "matrix"))
		for (const xmlNode *r = pdfr_child(m, "row"); r; r = pdfr_next(r, "row"))
			pdfr_nodes_add(&w->rows, r);
	w->nlayers = (double)w->rows.n;
	w->n_critical = severity_count(w, "critical");
	w->n_high = severity_count(w, "high");
	w->n_medium = severity_count(w, "medium");
	w->n_low = severity_count(w, "low");
	w->n_findings = pdfr_number(docnode_attr(w->summary, "findings"));
	w->n_subscriptions = pdfr_number(docnode_attr(w->summary, "subscriptions"));
	w->n_tenants = pdfr_number(docnode_attr(w->summary, "tenants"));
	w->scope_text = make_scope_text(w);
}

int pdfr_init(struct pdfr *w, const xmlDoc *doc, const struct pdfr_params *p)
{
	*w = (struct pdfr){ 0 };
	const xmlNode *root = doc ? xmlDocGetRootElement((xmlDoc *)doc) : NULL;
	if (!pdfr_is(root, "assessment"))
		return -1;
	w->a = root;
	if (p)
		w->p = *p;
	else
		pdfr_params_default(&w->p);
	if (!(w->out = xmlNewDoc((const xmlChar *)"1.0")) || !(w->fmt = xsltNewStylesheet()) ||
	    !(w->out->encoding = xmlStrdup((const xmlChar *)"UTF-8")) ||   /* as xsl:output says */
	    !(w->out->dict = xmlDictCreate()))   /* element and attribute names once, as libxslt */
		alloc_exhausted();
	make_keys(w);
	make_globals(w);
	return 0;
}

void pdfr_release(struct pdfr *w)
{
	struct pdfr_key *all[] = { &w->workload, &w->removed_workload, &w->control,
				   &w->ctl_by_domain, &w->evidence, &w->layer, &w->wl_by_model,
				   &w->ev_by_control, &w->f_by_sev_ctl, &w->f_by_sev_ctl_ev,
				   &w->f_other };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		pdfr_key_release(all[i]);
	pdfr_nodes_release(&w->unknown_others);
	pdfr_nodes_release(&w->frameworks);
	pdfr_nodes_release(&w->rows);
	free(w->doc_title);
	free(w->brand);
	free(w->as_of);
	free(w->baseline);
	free(w->scope_text);
	if (w->fmt)
		xsltFreeStylesheet(w->fmt);
	w->fmt = NULL;
}

/* ---- sections ------------------------------------------------------------------------ */

static const struct {
	const char *name;
	pdfr_section_fn fn;
} sections[] = {
	{ "assessment", pdfr_document },
	{ "cover", pdfr_cover },
	{ "responsibility-model", pdfr_responsibility_model },
	{ "controls-by-domain", pdfr_controls_by_domain },
	{ "inventory", pdfr_inventory },
	{ "framework", pdfr_framework },
	{ "coverage", pdfr_coverage },
	{ "drift", pdfr_drift },
	{ "scope-and-method", pdfr_scope_and_method },
	{ "findings", pdfr_findings },
	{ "executive-summary", pdfr_executive_summary },
	{ "evidence-register", pdfr_evidence_register },
	{ "methodology", pdfr_methodology },
	{ "provenance", pdfr_provenance },
};

int pdfr_section(struct pdfr *w, const char *name, xmlNodePtr parent)
{
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
		if (!strcmp(sections[i].name, name)) {
			sections[i].fn(w, parent);
			return 0;
		}
	}
	return -1;
}

/* ---- the document ---------------------------------------------------------------------- */

static char *subject(const struct pdfr *w)
{
	return xasprintf("Shared-responsibility compliance assessment of %s against %s, as of %s",
			 w->client, w->scope_text, w->as_of);
}

static char *keywords(const struct pdfr *w)
{
	xmlBufferPtr b = xmlBufferCreate();
	if (!b)
		alloc_exhausted();
	xmlBufferCCat(b, "shared responsibility, cloud security, compliance assessment");
	for (const xmlNode *s = pdfr_child(w->profile, "scope"); s; s = pdfr_next(s, "scope")) {
		xmlBufferCCat(b, ", ");
		xmlBufferCCat(b, pdfr_framework_name(pdfr_attr_of(s, "framework")));
	}
	xmlBufferCCat(b, ", ");
	xmlBufferCCat(b, w->client);
	char *text = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return text;
}

static const char *const before[] = { "cover", NULL };
static const char *const middle[] = { "executive-summary", "drift", "scope-and-method",
				      "responsibility-model", "controls-by-domain", NULL };
static const char *const after[] = { "evidence-register", "methodology", "provenance",
				     "coverage", NULL };

static int known(const char *name)
{
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		if (!strcmp(sections[i].name, name))
			return 1;
	return 0;
}

int pdfr_whole(void)
{
	const char *const *lists[] = { before, middle, after };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; lists[k][i]; i++)
			if (!known(lists[k][i]))
				return 0;
	return known("inventory") && known("findings") && known("framework");
}

/* The sections in the template's order; -1 when one is not known (the writer is not whole). */
static int body(struct pdfr *w, xmlNodePtr doc)
{
	int bad = 0;
	for (size_t i = 0; before[i]; i++)
		bad |= pdfr_section(w, before[i], doc);
	pdfr_attr(pdfr_el(w, doc, "toc"), "title", "Contents");
	for (size_t i = 0; middle[i]; i++)
		bad |= pdfr_section(w, middle[i], doc);
	if (!w->inventory_in_appendix)
		bad |= pdfr_section(w, "inventory", doc);
	bad |= pdfr_section(w, "findings", doc);
	bad |= pdfr_section(w, "framework", doc);
	if (w->inventory_in_appendix)
		bad |= pdfr_section(w, "inventory", doc);
	for (size_t i = 0; after[i]; i++)
		bad |= pdfr_section(w, after[i], doc);
	return bad ? -1 : 0;
}

void pdfr_document(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr doc = pdfr_el(w, parent, "document");
	static const char *const page[][2] = { { "page-size", "A4" }, { "margin-top", "20mm" },
		{ "margin-bottom", "20mm" }, { "margin-left", "20mm" }, { "margin-right", "20mm" },
		{ "base-size", "9.5" } };
	for (size_t i = 0; i < sizeof page / sizeof *page; i++)
		pdfr_attr(doc, page[i][0], page[i][1]);
	pdfr_attr(doc, "title", w->doc_title);
	pdfr_attr(doc, "author", w->assessor);
	char *s = subject(w);
	pdfr_attr(doc, "subject", s);
	free(s);
	s = keywords(w);
	pdfr_attr(doc, "keywords", s);
	free(s);
	s = xasprintf("srmap %s", pdfr_attr_of(w->a, "tool-version"));
	pdfr_attr(doc, "creator", s);
	free(s);
	pdfr_attr(doc, "brand-color", w->brand);
	pdfr_attr(doc, "created", pdfr_attr_of(w->a, "generated"));
	const char *lang = pdfr_attr_of(w->profile, "language");
	pdfr_attr(doc, "lang", *lang ? lang : "en");

	xmlNodePtr h = pdfr_el(w, doc, "running-header");
	pdfr_attr(h, "left", "Shared-responsibility assessment");
	pdfr_attr(h, "right", w->client);
	xmlNodePtr f = pdfr_el(w, doc, "running-footer");
	pdfr_attr(f, "right", "Page {page} of {pages}");
	const char *marking = pdfr_attr_of(w->profile, "marking");
	if (*marking)
		pdfr_attr(f, "left", marking);
	if (body(w, doc) < 0)
		w->incomplete = 1;
}

xmlDocPtr pdfr_build(const xmlDoc *doc, const struct pdfr_params *p)
{
	struct pdfr w;
	if (pdfr_init(&w, doc, p) < 0)
		return NULL;
	xmlNodePtr holder = xmlNewDocNode(w.out, NULL, (const xmlChar *)"holder", NULL);
	if (!holder)
		alloc_exhausted();
	pdfr_document(&w, holder);
	xmlNodePtr root = holder->children;
	int whole = !w.incomplete;
	xmlUnlinkNode(root);
	xmlFreeNode(holder);
	xmlDocSetRootElement(w.out, root);
	xmlDocPtr out = w.out;
	pdfr_release(&w);
	if (!whole) {
		xmlFreeDoc(out);
		return NULL;      /* a section not written in C yet: the template runs */
	}
	return out;
}
