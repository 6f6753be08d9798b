/*
 * pdfreport_framework.c - the section of each framework (the template
 * matching "framework") and the evidence coverage appendix of report-pdf.xsl,
 * for its C writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* $requirement-controls-max and $unmapped-max */
#define REQUIREMENT_CONTROLS_MAX 12
#define UNMAPPED_MAX 150

/* @a = v: false when the attribute is absent */
static int attr_is(const xmlNode *n, const char *a, const char *v)
{
	const char *s = docnode_attr(n, a);
	return s && !strcmp(s, v);
}

/* <xsl:value-of select="format-number(@a, '#,##0')"/> */
static void num_attr(struct pdfr *w, xmlNodePtr parent, const xmlNode *n, const char *a)
{
	char *s = pdfr_fmt_s(w, docnode_attr(n, a), "#,##0");
	pdfr_text(w, parent, s);
	free(s);
}

/* <xsl:value-of select="child"/>: the string value of the first such child */
static void child_text(struct pdfr *w, xmlNodePtr parent, const xmlNode *n, const char *child)
{
	char *s = pdfr_string(pdfr_child(n, child));
	pdfr_text(w, parent, s);
	free(s);
}

/* ---- match="framework" ------------------------------------------------------------------ */

/* The paragraph under the heading: the requirements, the coverage and the score. */
static void framework_intro(struct pdfr *w, xmlNodePtr parent, const xmlNode *fw)
{
	double assessed = pdfr_number(docnode_attr(fw, "assessed"));
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_el_text(w, p, "b", pdfr_attr_of(fw, "title"));
	if (pdfr_has(fw, "baseline"))
		pdfr_textf(w, p, ", %s baseline", w->baseline);   /* the global $baseline */
	pdfr_text(w, p, ": ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(fw, "requirements")), "requirement", NULL);
	if (attr_is(fw, "id", "fedramp"))
		pdfr_text(w, p, " (the NIST SP 800-53 Rev 5 controls and enhancements of the baseline)");
	else if (attr_is(fw, "id", "hipaa"))
		pdfr_text(w, p, " (standards and implementation specifications)");
	else if (attr_is(fw, "id", "soc2"))
		pdfr_text(w, p, " (Trust Services Criteria)");
	pdfr_text(w, p, ", of which ");
	pdfr_num(w, p, assessed);
	pdfr_textf(w, p, " could be assessed from the checks of this run (coverage %s %%). ",
		   pdfr_attr_of(fw, "coverage"));
	if (!pdfr_has(fw, "score")) {
		pdfr_text(w, p, "No score: no requirement could be assessed.");
		return;
	}
	pdfr_text(w, p, "Score: ");
	pdfr_textf(w, pdfr_el(w, p, "b"), "%s %%", pdfr_attr_of(fw, "score"));
	char *n = pdfr_numstr(assessed);
	pdfr_textf(w, p, " = (%s met + %s inherited + ½ × %s partially met) / %s assessed.",
		   pdfr_attr_of(fw, "met"), pdfr_attr_of(fw, "inherited"),
		   pdfr_attr_of(fw, "partially-met"), n);
	free(n);
}

/* The table of the framework's requirements by status. */
static void framework_counts(struct pdfr *w, xmlNodePtr parent, const xmlNode *fw)
{
	static const char *const status[][2] = { { "met", "Met" }, { "inherited", "Inherited" },
		{ "partially-met", "Partially met" }, { "not-met", "Not met" },
		{ "not-applicable", "Not applicable" }, { "not-assessed", "Not assessed" } };
	const size_t n = sizeof status / sizeof *status;
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", "16% 16% 17% 17% 17% 17%");
	pdfr_attr(t, "size", "9");
	pdfr_attr(t, "zebra", "no");
	xmlNodePtr row = pdfr_el(w, t, "row");
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr c = pdfr_el(w, row, "cell");
		pdfr_attr(c, "align", "center");
		pdfr_attr(pdfr_el_text(w, c, "badge", status[i][1]), "status", status[i][0]);
	}
	row = pdfr_el(w, t, "row");
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr c = pdfr_el(w, row, "cell");
		pdfr_attr(c, "align", "center");
		num_attr(w, pdfr_el(w, c, "b"), fw, status[i][0]);
	}
}

/* The cell of the controls that cite requirement r: the first ones named, the rest counted. */
static void requirement_controls(struct pdfr *w, xmlNodePtr cell, const xmlNode *r)
{
	size_t k = 0;
	for (const xmlNode *ref = pdfr_child(r, "control-ref"); ref && k < REQUIREMENT_CONTROLS_MAX;
	     ref = pdfr_next(ref, "control-ref")) {
		if (k++)
			pdfr_text(w, cell, "; ");
		const struct pdfr_nodes *c = pdfr_key_get(&w->control, docnode_attr(ref, "id"));
		if (!c->n) {
			pdfr_el_text(w, cell, "code", pdfr_attr_of(ref, "id"));
			continue;
		}
		/* $c/title: the first title of the key's controls, in document order */
		for (size_t i = 0; i < c->n; i++) {
			if (pdfr_child(c->v[i], "title")) {
				child_text(w, cell, c->v[i], "title");
				break;
			}
		}
	}
	double n = (double)pdfr_count(r, "control-ref");
	if (n > REQUIREMENT_CONTROLS_MAX) {
		pdfr_text(w, cell, "; and ");
		pdfr_count_of(w, cell, n - REQUIREMENT_CONTROLS_MAX, "more control", NULL);
	}
}

/* One row of the assessed requirements. */
static void requirement_row(struct pdfr *w, xmlNodePtr table, const xmlNode *r)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_status_badge(w, pdfr_el(w, row, "cell"), pdfr_attr_of(r, "status"));
	xmlNodePtr c = pdfr_el(w, row, "cell");
	pdfr_el_text(w, c, "b", pdfr_attr_of(r, "id"));
	pdfr_text(w, c, " ");
	child_text(w, c, r, "title");
	if (pdfr_has(r, "kind"))
		pdfr_textf(w, c, " (%s)", pdfr_attr_of(r, "kind"));
	requirement_controls(w, pdfr_el(w, row, "cell"), r);
	pdfr_check_counts(w, pdfr_el(w, row, "cell"), r);
}

/* requirement[@status != 'not-assessed']: those with a status, and not that one */
static int listed(const xmlNode *r)
{
	return pdfr_has(r, "status") && !attr_is(r, "status", "not-assessed");
}

/* $listed: the requirements that were assessed, one row each. */
static void framework_listed(struct pdfr *w, xmlNodePtr parent, const xmlNode *fw)
{
	const xmlNode *r = pdfr_child(fw, "requirement");
	while (r && !listed(r))
		r = pdfr_next(r, "requirement");
	if (!r)
		return;
	char *id = xasprintf("fw-%s-requirements", pdfr_attr_of(fw, "id"));
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Assessed requirements"), "id", id);
	free(id);
	pdfr_el_text(w, parent, "p", "Each requirement with the controls that cite it and the "
		     "checks behind it, over all workloads. A requirement is met when no check "
		     "behind it is failed, missing or stale.");
	static const char *const heads[] = { "Status", "Requirement", "Controls behind it",
					     "Checks", NULL };
	xmlNodePtr head, t = pdfr_table(w, parent, "15% 31% 32% 22%", "8.5", &head);
	pdfr_title_cells(w, head, heads, 0);
	for (; r; r = pdfr_next(r, "requirement"))
		if (listed(r))
			requirement_row(w, t, r);
}

/* The paragraph that says why the requirements of $na were not assessed. */
static void not_assessed_why(struct pdfr *w, xmlNodePtr parent, const xmlNode *fw, double n)
{
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	xmlNodePtr p = pdfr_el(w, keep, "p");
	pdfr_num(w, p, n);
	pdfr_text(w, p, " of the ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(fw, "requirements")), "requirement", NULL);
	pdfr_text(w, p, n == 1 ? " is" : " are");
	pdfr_text(w, p, " not assessed: no control in the catalog cites them, or the controls that "
		  "cite them apply to no workload in scope. Most are administrative, physical or "
		  "procedural (policies, training, contracts, incident handling) and need evidence "
		  "outside this assessment");
	if (attr_is(fw, "id", "fedramp"))
		pdfr_text(w, p, "; for the layers the provider owns, its FedRAMP authorization "
			  "package is that evidence.");
	else
		pdfr_text(w, p, ":");
}

/* $na: the requirements not assessed, counted and (but for FedRAMP) listed. */
static void framework_not_assessed(struct pdfr *w, xmlNodePtr parent, const xmlNode *fw)
{
	size_t n = 0;
	for (const xmlNode *r = pdfr_child(fw, "requirement"); r; r = pdfr_next(r, "requirement"))
		n += attr_is(r, "status", "not-assessed");
	if (!n)
		return;
	char *id = xasprintf("fw-%s-not-assessed", pdfr_attr_of(fw, "id"));
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Not assessed"), "id", id);
	free(id);
	not_assessed_why(w, parent, fw, (double)n);
	/* @id != 'fedramp': false when @id is absent */
	if (!pdfr_has(fw, "id") || attr_is(fw, "id", "fedramp"))
		return;
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8.5");
	size_t k = 0;
	for (const xmlNode *r = pdfr_child(fw, "requirement"); r; r = pdfr_next(r, "requirement")) {
		if (!attr_is(r, "status", "not-assessed"))
			continue;
		if (k++)
			pdfr_text(w, p, "; ");
		pdfr_el_text(w, p, "b", pdfr_attr_of(r, "id"));
		pdfr_text(w, p, " ");
		child_text(w, p, r, "title");
	}
	pdfr_text(w, p, ".");
}

/* <xsl:template match="framework"> */
static void framework(struct pdfr *w, xmlNodePtr parent, const xmlNode *fw)
{
	char *label = pdfr_framework_label(fw);
	char *id = xasprintf("fw-%s", pdfr_attr_of(fw, "id"));
	pdfr_attr(pdfr_el_text(w, parent, "h1", label), "id", id);
	free(id);
	free(label);
	framework_intro(w, parent, fw);
	framework_counts(w, parent, fw);
	framework_listed(w, parent, fw);
	framework_not_assessed(w, parent, fw);
}

void pdfr_framework(struct pdfr *w, xmlNodePtr parent)
{
	for (const xmlNode *fw = pdfr_child(w->a, "framework"); fw; fw = pdfr_next(fw, "framework"))
		framework(w, parent, fw);
}

/* ---- coverage ---------------------------------------------------------------------------- */

/* What the columns of the coverage table say. */
static void coverage_intro(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const parts[][2] = {
		{ "Records", " counts the file’s records; " },
		{ "applied", " those behind at least one check’s verdict; " },
		{ "not mapped", " those whose identifier the catalog does not know (listed below: "
				"map them in a catalog file to use them); " },
		{ "outside", " those about resources or subscriptions that are not in the "
			     "inventory; " },
		{ "other tenant", " those about a tenant no workload belongs to; " },
		{ "ignored", " those deliberately not used (muted, manual, exempt, or known to the "
			     "catalog and not mapped). " },
		{ "Evidence", " counts the evidence records the file gave (one per workload, "
			      "subscription or tenant and control) and " },
		{ "decided", " how many of them decided a check." } };
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "How much of each evidence file reached the assessment. ");
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		pdfr_el_text(w, p, "i", parts[i][0]);
		pdfr_text(w, p, parts[i][1]);
	}
}

/* The evidence input after in within $ins = $a/inputs/input[@role = 'evidence'], or NULL. */
static const xmlNode *next_evidence(const xmlNode *inputs, const xmlNode *in)
{
	for (; inputs; inputs = pdfr_next(inputs, "inputs"), in = NULL) {
		in = in ? pdfr_next(in, "input") : pdfr_child(inputs, "input");
		for (; in; in = pdfr_next(in, "input"))
			if (attr_is(in, "role", "evidence"))
				return in;
	}
	return NULL;
}

/* The first node of $ins, or NULL. */
static const xmlNode *first_evidence(const struct pdfr *w)
{
	return next_evidence(pdfr_child(w->a, "inputs"), NULL);
}

/* A right-aligned cell of num(number(concat('0', @a))), shaded when @a > 0 if shade is set. */
static void count_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *in, const char *a,
		       int shade)
{
	xmlNodePtr c = pdfr_el(w, row, "cell");
	pdfr_attr(c, "align", "right");
	if (shade && pdfr_number(docnode_attr(in, a)) > 0)
		pdfr_attr(c, "shade", "#FFF1D6");
	char *s = xasprintf("0%s", pdfr_attr_of(in, a));
	pdfr_num(w, c, pdfr_number(s));
	free(s);
}

/* One row of the coverage table: an evidence file. */
static void coverage_row(struct pdfr *w, xmlNodePtr table, const xmlNode *in)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	xmlNodePtr c = pdfr_el(w, row, "cell");
	pdfr_el_text(w, c, "code", pdfr_attr_of(in, "path"));
	pdfr_el(w, c, "br");
	pdfr_el_text(w, c, "i", pdfr_attr_of(in, "format"));
	c = pdfr_el(w, row, "cell");
	pdfr_attr(c, "align", "right");
	/* (@read | @records[not(../@read)])[1] */
	const char *read = docnode_attr(in, "read");
	pdfr_num(w, c, pdfr_number(read ? read : docnode_attr(in, "records")));
	count_cell(w, row, in, "records-applied", 0);
	count_cell(w, row, in, "unmapped", 1);
	count_cell(w, row, in, "unmatched", 0);
	count_cell(w, row, in, "other-tenant", 1);
	count_cell(w, row, in, "ignored", 0);
	count_cell(w, row, in, "evidence", 0);
	count_cell(w, row, in, "applied", 0);
}

/* An unmapped identifier with its sort keys (@count as a number, @id) and its place. */
struct unmapped {
	const xmlNode *u;
	double count;
	const char *id;
	size_t pos;
};

/* xsl:sort @count, number, descending (NaN below any number), then @id; ties in document order */
static int by_count_then_id(const void *pa, const void *pb)
{
	const struct unmapped *a = pa, *b = pb;
	int nan_a = isnan(a->count), nan_b = isnan(b->count);
	int c = nan_a || nan_b ? nan_b - nan_a : (a->count > b->count) - (a->count < b->count);
	if (c)
		return -c;
	c = strcmp(a->id, b->id);
	if (c)
		return c;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The heading and the paragraph over the unmapped identifiers, kept with the table. */
static void unmapped_intro(struct pdfr *w, xmlNodePtr parent, size_t n)
{
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	pdfr_attr(pdfr_el_text(w, keep, "h2", "Unmapped identifiers"), "id", "coverage-unmapped");
	xmlNodePtr p = pdfr_el(w, keep, "p");
	pdfr_count_of(w, p, (double)n, "identifier", NULL);
	pdfr_text(w, p, " that the catalog does not map, most frequent first");
	if (n > UNMAPPED_MAX)
		pdfr_textf(w, p, "; the first %d are listed and the assessment XML holds them all",
			   UNMAPPED_MAX);
	pdfr_text(w, p, ". Their records gave no evidence.");
}

/* $um: the unmapped identifiers of the evidence files, most frequent first. */
static void coverage_unmapped(struct pdfr *w, xmlNodePtr parent)
{
	struct unmapped *um = NULL;
	size_t n = 0, cap = 0;
	for (const xmlNode *in = first_evidence(w); in; in = next_evidence(in->parent, in)) {
		for (const xmlNode *u = pdfr_child(in, "unmapped"); u; u = pdfr_next(u, "unmapped")) {
			GROW(um, cap, n + 1);
			um[n] = (struct unmapped){ u, pdfr_number(docnode_attr(u, "count")),
						   pdfr_attr_of(u, "id"), n };
			n++;
		}
	}
	if (!n) {
		pdfr_el_text(w, parent, "p", "Every identifier in the evidence files is known to the "
			     "catalog.");
		return;
	}
	unmapped_intro(w, parent, n);
	qsort(um, n, sizeof *um, by_count_then_id);
	static const char *const heads[] = { "Identifier", "Source", "File", NULL };
	xmlNodePtr head, t = pdfr_table(w, parent, "52% 18% 20% 10%", "7.5", &head);
	pdfr_title_cells(w, head, heads, 0);
	pdfr_attr(pdfr_el_text(w, head, "cell", "Records"), "align", "right");
	for (size_t i = 0; i < n && i < UNMAPPED_MAX; i++) {
		const xmlNode *u = um[i].u;
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", um[i].id);
		pdfr_el_text(w, row, "cell", pdfr_attr_of(u, "source"));
		pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(u->parent, "path"));
		xmlNodePtr c = pdfr_el(w, row, "cell");
		pdfr_attr(c, "align", "right");
		pdfr_num(w, c, um[i].count);
	}
	free(um);
}

/* The table of the evidence files, then their unmapped identifiers. */
static void coverage_files(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const heads[] = { "Records", "Applied", "Not mapped", "Outside",
		"Other tenant", "Ignored", "Evidence", "Decided", NULL };
	xmlNodePtr head, t = pdfr_table(w, parent, "20% 10% 10% 10% 10% 10% 10% 10% 10%", "7",
					&head);
	pdfr_el_text(w, head, "cell", "File and format");
	pdfr_title_cells(w, head, heads, 1);
	for (const xmlNode *in = first_evidence(w); in; in = next_evidence(in->parent, in))
		coverage_row(w, t, in);
	coverage_unmapped(w, parent);
}

void pdfr_coverage(struct pdfr *w, xmlNodePtr parent)
{
	char *title = xasprintf("Appendix %s — Evidence coverage", w->app_coverage);
	pdfr_attr(pdfr_el_text(w, parent, "h1", title), "id", "coverage");
	free(title);
	coverage_intro(w, parent);
	if (!first_evidence(w))
		pdfr_el_text(w, parent, "p", "No evidence files were given for this assessment.");
	else
		coverage_files(w, parent);
}
