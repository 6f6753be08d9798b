/*
 * pdfreport_summary.c - the cover and the executive summary of report-pdf.xsl,
 * for its C writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* <row><cell><b>label</b></cell><cell>...</cell></row>; returns the second cell */
static xmlNodePtr cover_row(struct pdfr *w, xmlNodePtr table, const char *label)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "b", label);
	return pdfr_el(w, row, "cell");
}

void pdfr_cover(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr cover = pdfr_el(w, parent, "cover");
	const xmlNode *branding = pdfr_child(w->profile, "branding");
	if (pdfr_has(branding, "logo")) {
		xmlNodePtr img = pdfr_el(w, cover, "image");
		pdfr_attr(img, "width", "45mm");
		pdfr_attr(img, "align", "left");
		pdfr_attr(img, "src", pdfr_attr_of(branding, "logo"));
		pdfr_attr(pdfr_el(w, cover, "spacer"), "height", "30mm");
	} else {
		pdfr_attr(pdfr_el(w, cover, "spacer"), "height", "50mm");
	}
	xmlNodePtr p = pdfr_el(w, cover, "p");
	pdfr_attr(p, "size", "26");
	pdfr_attr(p, "space-after", "4mm");
	pdfr_attr(p, "color", w->brand);
	pdfr_el_text(w, p, "b", "Shared-responsibility assessment");
	p = pdfr_el_text(w, cover, "p", w->client);
	pdfr_attr(p, "size", "18");
	pdfr_attr(p, "space-after", "14mm");
	/* literal attributes come first, in the template's order */
	xmlNodePtr t = pdfr_el(w, cover, "table");
	pdfr_attr(t, "widths", "30% 70%");
	pdfr_attr(t, "size", "10");
	pdfr_attr(t, "zebra", "no");
	pdfr_text(w, cover_row(w, t, "Prepared by"), w->assessor);
	pdfr_text(w, cover_row(w, t, "Prepared for"), w->client);
	pdfr_text(w, cover_row(w, t, "As of"), w->as_of);
	xmlNodePtr c = cover_row(w, t, "Scope");
	pdfr_count_of(w, c, pdfr_number(docnode_attr(w->summary, "workloads")), "workload", NULL);
	pdfr_text(w, c, ", assessed against ");
	pdfr_text(w, c, w->scope_text);
	pdfr_textf(w, cover_row(w, t, "Version"), "srmap %s, catalog %s",
		   pdfr_attr_of(w->a, "tool-version"), pdfr_attr_of(w->a, "catalog-version"));
	pdfr_time(w, cover_row(w, t, "Generated"), pdfr_attr_of(w->a, "generated"));
	pdfr_attr(pdfr_el(w, cover, "spacer"), "height", "40mm");
	const char *marking = pdfr_attr_of(w->profile, "marking");
	if (*marking) {
		p = pdfr_el(w, cover, "p");
		pdfr_attr(p, "size", "11");
		pdfr_el_text(w, p, "b", marking);
	}
}
