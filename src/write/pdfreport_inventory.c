/*
 * pdfreport_inventory.c - the workload inventory of report-pdf.xsl (a table
 * of the workloads of each service model with the owner of each layer), for
 * its C writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void legend(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "Every workload assessed, grouped by service model, with its number of "
		  "findings and the owner of each of its layers: ");
	pdfr_el_text(w, p, "b", "P");
	pdfr_text(w, p, " provider, ");
	pdfr_el_text(w, p, "b", "C");
	pdfr_text(w, p, " client (customer), ");
	pdfr_el_text(w, p, "b", "S");
	pdfr_text(w, p, " shared. Layers, in the columns numbered 1 to ");
	char *n = pdfr_numstr(w->nlayers);
	pdfr_text(w, p, n);
	free(n);
	pdfr_text(w, p, ": ");
	size_t k = 0;
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		const xmlNode *r = w->rows.v[ri];
		if (k++)
			pdfr_text(w, p, "; ");
		xmlNodePtr b = pdfr_el(w, p, "b");
		pdfr_textf(w, b, "%zu", k);
		pdfr_textf(w, p, " %s", pdfr_attr_of(r, "title"));
	}
	pdfr_text(w, p, ".");
}

/* boolean($a/workload/@accountable-party) */
static int run_by(const struct pdfr *w)
{
	for (const xmlNode *wl = pdfr_child(w->a, "workload"); wl; wl = pdfr_next(wl, "workload"))
		if (pdfr_has(wl, "accountable-party"))
			return 1;
	return 0;
}

/*
 * The table's widths.  $lw is a result tree fragment: the number is turned
 * into its string and read back wherever the template uses it.
 */
static char *widths(struct pdfr *w, int by)
{
	char *lws = w->nlayers <= 10 ? xstrdup("3.8") : pdfr_numstr(floor(3800 / w->nlayers) / 100);
	double lw = pdfr_number(lws);
	free(lws);
	xmlBufferPtr b = xmlBufferCreate();
	if (!b)
		alloc_exhausted();
	char *s = pdfr_fmt(w, 100 - 19 - 10 * (double)by - lw * w->nlayers, "0.##");
	xmlBufferCCat(b, s);
	free(s);
	xmlBufferCCat(b, "% 19%");
	if (by)
		xmlBufferCCat(b, " 10%");
	s = pdfr_fmt(w, lw, "0.##");
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		xmlBufferCCat(b, " ");
		xmlBufferCCat(b, s);
		xmlBufferCCat(b, "%");
	}
	free(s);
	char *text = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return text;
}

static void layer_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *layer)
{
	xmlNodePtr c = pdfr_el(w, row, "cell");
	pdfr_attr(c, "align", "center");
	const char *owner = pdfr_attr_of(layer, "owner");
	if (!strcmp(owner, "provider")) {
		pdfr_attr(c, "shade", PDFR_SHADE_PROVIDER);
		pdfr_text(w, c, "P");
	} else if (!strcmp(owner, "shared")) {
		pdfr_attr(c, "shade", PDFR_SHADE_SHARED);
		pdfr_text(w, c, "S");
	} else {
		pdfr_attr(c, "shade", PDFR_SHADE_CUSTOMER);
		pdfr_text(w, c, "C");
	}
}

static void workload_row(struct pdfr *w, xmlNodePtr table, const xmlNode *wl, int by)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	xmlNodePtr c = pdfr_el(w, row, "cell");
	pdfr_el_text(w, c, "b", pdfr_attr_of(wl, "name"));
	double findings = pdfr_number(docnode_attr(wl, "findings"));
	if (findings > 0) {
		pdfr_text(w, c, " · ");
		pdfr_count_of(w, c, findings, "finding", NULL);
	}
	pdfr_el(w, c, "br");
	pdfr_el_text(w, c, "code", pdfr_attr_of(wl, "id"));
	c = pdfr_el(w, row, "cell");
	if (pdfr_has(wl, "type-title"))
		pdfr_text(w, c, pdfr_attr_of(wl, "type-title"));
	else
		pdfr_el_text(w, c, "code", pdfr_attr_of(wl, "type"));
	if (pdfr_has(wl, "location")) {
		pdfr_el(w, c, "br");
		pdfr_text(w, c, pdfr_attr_of(wl, "location"));
	}
	if (by)
		pdfr_el_text(w, row, "cell", pdfr_attr_of(wl, "accountable-party"));
	for (const xmlNode *l = pdfr_child(wl, "layer"); l; l = pdfr_next(l, "layer"))
		layer_cell(w, row, l);
}

static void model_table(struct pdfr *w, xmlNodePtr parent, const xmlNode *mc, const char *ws,
			int by)
{
	const char *m = pdfr_attr_of(mc, "model");
	xmlNodePtr table = pdfr_el(w, parent, "table");
	pdfr_attr(table, "size", "7.5");
	pdfr_attrf(table, "id", "inv-%s-table", m);
	pdfr_attr(table, "widths", ws);
	xmlNodePtr head = pdfr_el(w, pdfr_el(w, table, "thead"), "row");
	pdfr_el_text(w, head, "cell", "Workload and id");
	pdfr_el_text(w, head, "cell", "Type and location");
	if (by)
		pdfr_el_text(w, head, "cell", "Run by");
	for (size_t ri = 0; ri < w->rows.n; ri++) {
		xmlNodePtr c = pdfr_el(w, head, "cell");
		pdfr_attr(c, "align", "center");
		pdfr_textf(w, c, "%zu", ri + 1);
	}
	/* key('wl-by-model', $m)[not($brief) or position() <= $summary-rows] */
	const struct pdfr_nodes *wls = pdfr_key_get(&w->wl_by_model, docnode_attr(mc, "model"));
	for (size_t i = 0; i < wls->n; i++)
		if (!w->brief || (double)(i + 1) <= w->p.summary_rows)
			workload_row(w, table, wls->v[i], by);
}

static void model(struct pdfr *w, xmlNodePtr parent, const xmlNode *mc, const char *ws, int by)
{
	const char *m = pdfr_attr_of(mc, "model");
	double count = pdfr_number(docnode_attr(mc, "count"));
	xmlNodePtr h2 = pdfr_el(w, parent, "h2");
	pdfr_attrf(h2, "id", "inv-%s", m);
	pdfr_textf(w, h2, "%s (", pdfr_model_name(m));
	pdfr_count_of(w, h2, count, "workload", NULL);
	pdfr_text(w, h2, ")");
	if (!strcmp(m, "unclassified"))
		pdfr_el_text(w, parent, "p", "The catalog does not know these workloads’ types, so "
			     "every layer is shown as the client’s until the type is added to the "
			     "catalog or the inventory gives a service model.");
	model_table(w, parent, mc, ws, by);
	pdfr_left_out(w, parent, count, "workload");
}

void pdfr_inventory(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr h1 = pdfr_el(w, parent, "h1");
	pdfr_attr(h1, "id", "inventory");
	if (w->inventory_in_appendix)
		pdfr_text(w, h1, "Appendix A — ");
	pdfr_text(w, h1, "Workload inventory");
	legend(w, parent);
	int by = run_by(w);
	char *ws = widths(w, by);
	for (const xmlNode *mc = pdfr_child(w->summary, "model-count"); mc;
	     mc = pdfr_next(mc, "model-count"))
		if (pdfr_number(docnode_attr(mc, "count")) > 0)
			model(w, parent, mc, ws, by);
	free(ws);
}
