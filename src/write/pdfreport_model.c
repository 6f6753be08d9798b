/*
 * pdfreport_model.c - the responsibility model (the matrix of owners, the
 * provider attestations, the basis of each layer) and the controls by domain
 * of report-pdf.xsl, for its C writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* contains(concat(' ', list, ' '), concat(' ', word, ' ')): word is one of the words of list */
static int in_list(const char *list, const char *word)
{
	char *hay = xasprintf(" %s ", list), *needle = xasprintf(" %s ", word);
	int found = strstr(hay, needle) != NULL;
	free(hay);
	free(needle);
	return found;
}

/* Whether an attestation of the profile covers layer (@covers names it). */
static int attested(const struct pdfr *w, const char *layer)
{
	for (const xmlNode *t = pdfr_child(w->profile, "attestation"); t;
	     t = pdfr_next(t, "attestation"))
		if (in_list(pdfr_attr_of(t, "covers"), layer))
			return 1;
	return 0;
}

static const char *owner_shade(const char *o)
{
	if (!strcmp(o, "provider"))
		return PDFR_SHADE_PROVIDER;
	if (!strcmp(o, "shared"))
		return PDFR_SHADE_SHARED;
	return PDFR_SHADE_CUSTOMER;
}

static void matrix_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *cell)
{
	xmlNodePtr c = pdfr_el(w, row, "cell");
	pdfr_attr(c, "align", "center");
	const char *owner = pdfr_attr_of(cell, "owner");
	pdfr_attr(c, "shade", owner_shade(owner));
	pdfr_text(w, c, pdfr_owner_name(owner));
	if (pdfr_has(cell, "microsoft")) {
		pdfr_text(w, c, " †");
		pdfr_el(w, c, "br");
		xmlNodePtr i = pdfr_el(w, c, "i");
		pdfr_text(w, i, "Microsoft: ");
		pdfr_text(w, i, pdfr_attr_of(cell, "microsoft"));
	}
	/* the provider attestations that cover a provider-owned layer */
	const char *layer = pdfr_attr_of(cell->parent, "layer");
	if (strcmp(owner, "provider") || !attested(w, layer))
		return;
	pdfr_el(w, c, "br");
	size_t k = 0;
	for (const xmlNode *t = pdfr_child(w->profile, "attestation"); t;
	     t = pdfr_next(t, "attestation")) {
		if (!in_list(pdfr_attr_of(t, "covers"), layer))
			continue;
		if (k++)
			pdfr_text(w, c, ", ");
		pdfr_text(w, c, pdfr_attr_of(t, "id"));
	}
}

static void matrix_table(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", "28% 18% 18% 18% 18%");
	pdfr_attr(t, "size", "8.5");
	pdfr_attr(t, "zebra", "no");
	xmlNodePtr head = pdfr_el(w, pdfr_el(w, t, "thead"), "row");
	pdfr_el_text(w, head, "cell", "Layer");
	static const char *const models[] = { "IaaS", "PaaS", "SaaS", "On-premises", NULL };
	for (size_t i = 0; models[i]; i++)
		pdfr_attr(pdfr_el_text(w, head, "cell", models[i]), "align", "center");
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		const xmlNode *r = w->rows.v[ri];
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_el_text(w, pdfr_el(w, row, "cell"), "b", pdfr_attr_of(r, "title"));
		for (const xmlNode *c = pdfr_child(r, "cell"); c; c = pdfr_next(c, "cell"))
			matrix_cell(w, row, c);
	}
}

/* The paragraph on inherited and shared layers, and the note on Microsoft's own matrix. */
static void matrix_notes(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_el_text(w, p, "b", "Inherited");
	pdfr_text(w, p, " means that a control sits on a layer the provider owns: srmap records it "
		  "as inherited and asks the client for no evidence, because the provider’s own "
		  "independently audited controls cover it");
	int covering = 0;   /* $atts[string(@covers)] */
	for (const xmlNode *t = pdfr_child(w->profile, "attestation"); t;
	     t = pdfr_next(t, "attestation"))
		covering |= *pdfr_attr_of(t, "covers") != '\0';
	if (covering)
		pdfr_text(w, p, ": the provider attestations below, named in the provider’s cells of "
			  "the matrix. ");
	else
		pdfr_text(w, p, " (for Microsoft Azure and Microsoft 365, its SOC 2 Type 2 and "
			  "ISO/IEC 27001 reports and FedRAMP authorizations, which the client should "
			  "obtain from the provider and review). ");
	pdfr_el_text(w, p, "b", "Shared");
	pdfr_text(w, p, " layers are decided like the client’s own: the client must show its part.");

	size_t ms = 0;   /* count($a/matrix/row/cell[@microsoft]) */
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		const xmlNode *r = w->rows.v[ri];
		for (const xmlNode *c = pdfr_child(r, "cell"); c; c = pdfr_next(c, "cell"))
			ms += pdfr_has(c, "microsoft");
	}
	if (!ms)
		return;
	p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8.5");
	pdfr_text(w, p, "† Microsoft’s published shared-responsibility matrix assigns ");
	pdfr_text(w, p, ms == 1 ? "this cell" : "these cells");
	pdfr_text(w, p, " differently; srmap uses the owner shown first and records Microsoft’s for "
		  "the reader.");
}

static const char *attestation_kind(const char *kind)
{
	static const char *const kinds[][2] = { { "soc2-type2", "SOC 2 Type 2 report" },
		{ "fedramp-p-ato", "FedRAMP P-ATO" }, { "iso27001", "ISO/IEC 27001 certificate" },
		{ "hipaa-baa", "HIPAA business associate agreement" } };
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(kind, kinds[i][0]))
			return kinds[i][1];
	return "Other";
}

static void attestation_row(struct pdfr *w, xmlNodePtr table, const xmlNode *t)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(t, "id"));
	pdfr_el_text(w, row, "cell", pdfr_attr_of(t, "title"));
	pdfr_el_text(w, row, "cell", attestation_kind(pdfr_attr_of(t, "kind")));
	pdfr_time(w, pdfr_el(w, row, "cell"), docnode_attr(t, "issued"));
	xmlNodePtr c = pdfr_el(w, row, "cell");
	const char *covers = pdfr_attr_of(t, "covers");
	size_t k = 0;
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		const xmlNode *r = w->rows.v[ri];
		if (!in_list(covers, pdfr_attr_of(r, "layer")))
			continue;
		if (k++)
			pdfr_text(w, c, "; ");
		pdfr_text(w, c, pdfr_attr_of(r, "title"));
	}
	if (!k)
		pdfr_el_text(w, c, "i", "none");
}

static void attestations(struct pdfr *w, xmlNodePtr parent)
{
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Provider attestations"), "id",
		  "matrix-attestations");
	const xmlNode *first = pdfr_child(w->profile, "attestation");
	if (!first) {
		pdfr_el_text(w, parent, "p", "The profile records no provider attestations. The "
			     "inherited layers rest on the provider’s published attestations; the "
			     "client should obtain them, check that they cover the services in scope "
			     "and the period assessed, and keep them with this report.");
		return;
	}
	static const char *const heads[] = { "Id", "Document", "Kind", "Issued", "Layers covered",
					     NULL };
	xmlNodePtr head, table = pdfr_table(w, parent, "14% 30% 14% 14% 28%", "8.5", &head);
	pdfr_title_cells(w, head, heads, 0);
	for (const xmlNode *t = first; t; t = pdfr_next(t, "attestation"))
		attestation_row(w, table, t);
}

static void layer_basis(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr ul = NULL;
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		const xmlNode *r = w->rows.v[ri];
		const xmlNode *source = pdfr_child(r, "source");
		if (!source)
			continue;
		if (!ul) {
			pdfr_attr(pdfr_el_text(w, parent, "h2", "Basis for each layer"), "id",
				  "matrix-basis");
			ul = pdfr_el(w, parent, "ul");
		}
		xmlNodePtr li = pdfr_el(w, ul, "li");
		pdfr_el_text(w, li, "b", pdfr_attr_of(r, "title"));
		pdfr_text(w, li, ": ");
		char *s = pdfr_string(source);
		pdfr_text(w, li, s);
		free(s);
	}
}

void pdfr_responsibility_model(struct pdfr *w, xmlNodePtr parent)
{
	pdfr_attr(pdfr_el_text(w, parent, "h1", "The responsibility model"), "id", "matrix");
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "Each security layer of a workload belongs to the cloud provider, to the "
		  "client, or to both (shared), depending on the workload’s service model. srmap "
		  "uses the matrix below, from catalog ");
	pdfr_text(w, p, pdfr_attr_of(w->a, "catalog-version"));
	pdfr_text(w, p, ", for every workload; the ");
	pdfr_attr(pdfr_el_text(w, p, "link", "workload inventory"), "to", "inventory");
	pdfr_text(w, p, " shows the result workload by workload.");
	matrix_table(w, parent);
	matrix_notes(w, parent);
	attestations(w, parent);
	layer_basis(w, parent);
}

/* ---- controls by domain ------------------------------------------------------------- */

/* @inherited + @satisfied + @failed + @missing + @stale + @not-applicable > 0 */
static int used(const xmlNode *c)
{
	static const char *const counts[] = { "inherited", "satisfied", "failed", "missing",
					      "stale", "not-applicable", NULL };
	double sum = 0;
	for (size_t i = 0; counts[i]; i++)
		sum += pdfr_number(docnode_attr(c, counts[i]));
	return sum > 0;
}

/* <cell align="right">, shaded when the count is above 0, with format-number(@name, '#,##0') */
static void count_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *c, const char *name,
		       const char *shade)
{
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	pdfr_attr(cell, "align", "right");
	double n = pdfr_number(docnode_attr(c, name));
	if (shade && n > 0)
		pdfr_attr(cell, "shade", shade);
	pdfr_num(w, cell, n);
}

static void control_row(struct pdfr *w, xmlNodePtr table, const xmlNode *c)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	char *title = pdfr_string(pdfr_child(c, "title"));
	pdfr_text(w, cell, title);
	free(title);
	pdfr_el(w, cell, "br");
	pdfr_el_text(w, cell, "code", pdfr_attr_of(c, "id"));
	cell = pdfr_el(w, row, "cell");
	size_t k = 0;
	for (const xmlNode *r = pdfr_child(c, "ref"); r; r = pdfr_next(r, "ref")) {
		if (strcmp(pdfr_attr_of(r, "framework"), "mcsb"))
			continue;
		if (k++)
			pdfr_text(w, cell, ", ");
		pdfr_text(w, cell, pdfr_attr_of(r, "id"));
	}
	count_cell(w, row, c, "satisfied", NULL);
	count_cell(w, row, c, "failed", "#FBE3E1");
	count_cell(w, row, c, "missing", "#FFF1D6");
	count_cell(w, row, c, "stale", NULL);
	count_cell(w, row, c, "inherited", NULL);
	count_cell(w, row, c, "not-applicable", NULL);
}

static void domain_table(struct pdfr *w, xmlNodePtr parent, const struct pdfr_nodes *cs)
{
	static const char *const names[] = { "Control", "MCSB", NULL };
	static const char *const heads[] = { "Satisfied", "Failed", "Missing", "Stale", "Inherited",
					     "N/A", NULL };
	xmlNodePtr head, table = pdfr_table(w, parent, "38% 10% 9% 8% 9% 7% 11% 8%", "7.5", &head);
	pdfr_title_cells(w, head, names, 0);
	pdfr_title_cells(w, head, heads, 1);
	for (size_t i = 0; i < cs->n; i++)
		if (used(cs->v[i]))
			control_row(w, table, cs->v[i]);
}

/* <p size="8"><i>...</i></p>; returns the i */
static xmlNodePtr small_note(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8");
	return pdfr_el(w, p, "i");
}

static void domain(struct pdfr *w, xmlNodePtr parent, const xmlNode *d)
{
	const struct pdfr_nodes *cs = pdfr_key_get(&w->ctl_by_domain, docnode_attr(d, "id"));
	if (!cs->n)
		return;
	size_t nused = 0;
	for (size_t i = 0; i < cs->n; i++)
		nused += used(cs->v[i]);
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	xmlNodePtr h2 = pdfr_el(w, keep, "h2");
	pdfr_attrf(h2, "id", "domain-%s", pdfr_attr_of(d, "id"));
	pdfr_attr(h2, "toc", "no");
	pdfr_text(w, h2, pdfr_attr_of(d, "title"));
	if (pdfr_has(d, "mcsb"))
		pdfr_textf(w, h2, " (MCSB %s)", pdfr_attr_of(d, "mcsb"));
	if (!nused) {
		xmlNodePtr i = small_note(w, parent);
		pdfr_text(w, i, "None of its ");
		pdfr_count_of(w, i, (double)cs->n, "control", NULL);
		pdfr_text(w, i, " applies to a workload in scope.");
		return;
	}
	domain_table(w, parent, cs);
	if (cs->n > nused) {
		xmlNodePtr i = small_note(w, parent);
		pdfr_count_of(w, i, (double)(cs->n - nused), "other control", NULL);
		pdfr_text(w, i, " of this domain apply to no workload in scope.");
	}
}

void pdfr_controls_by_domain(struct pdfr *w, xmlNodePtr parent)
{
	pdfr_attr(pdfr_el_text(w, parent, "h1", "Controls by domain"), "id", "domains");
	pdfr_el_text(w, parent, "p", "The catalog groups its controls into the twelve security "
		     "domains of the Microsoft cloud security benchmark (MCSB), plus the layers the "
		     "provider runs. For every control that applies to at least one workload in "
		     "scope, the table counts its checks by status; the MCSB column names the "
		     "benchmark control it implements. Controls that apply to no workload in scope "
		     "are only counted.");
	for (const xmlNode *d = pdfr_child(w->a, "domain"); d; d = pdfr_next(d, "domain"))
		domain(w, parent, d);
}
