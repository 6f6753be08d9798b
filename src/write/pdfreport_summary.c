/*
 * pdfreport_summary.c - the cover and the executive summary of report-pdf.xsl
 * (its list of the most important gaps: pdfreport_gaps.c),
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

/* ---- verdict -------------------------------------------------------------------------------- */

/* the choose after "... from the provider, and " */
static void verdict_findings(struct pdfr *w, xmlNodePtr p)
{
	double ch = w->n_critical + w->n_high;
	if (ch > 0) {
		if (w->n_critical > 0) {
			pdfr_num(w, p, w->n_critical);
			pdfr_text(w, p, " critical");
			if (w->n_high > 0)
				pdfr_text(w, p, " and ");
		}
		if (w->n_high > 0) {
			pdfr_num(w, p, w->n_high);
			pdfr_text(w, p, " high-severity");
		}
		pdfr_text(w, p, ch == 1 ? " finding needs attention first."
					: " findings need attention first.");
	} else if (w->n_findings > 0) {
		pdfr_text(w, p, "no finding is critical or high (");
		pdfr_count_of(w, p, w->n_findings, "medium or low finding", "medium and low findings");
		pdfr_text(w, p, ").");
	} else {
		pdfr_text(w, p, "there are no findings.");
	}
}

static void verdict(struct pdfr *w, xmlNodePtr p)
{
	const char *s = docnode_attr(w->summary, "overall-score");
	if (!s) {
		pdfr_textf(w, p, "No check could be decided for %s: every control that applies was "
			   "found not applicable, so no score can be given.", w->client);
		return;
	}
	pdfr_text(w, p, w->client);
	pdfr_text(w, p, "’s side of the shared responsibility is ");
	/* $s >= 90: the attribute as a number; NaN (not a number) fails every test */
	double v = pdfr_number(s);
	pdfr_el_text(w, p, "b", v >= 90 ? "largely in place"
			      : v >= 75 ? "mostly in place, with gaps to close"
			      : v >= 50 ? "only partly in place"
			      : "not yet in place for most checks");
	pdfr_textf(w, p, ": %s %% of the decided checks are satisfied or inherited from the "
		   "provider, and ", s);
	verdict_findings(w, p);
}

static void severity_tile(struct pdfr *w, xmlNodePtr row, const char *sev, double n)
{
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	pdfr_attr(cell, "align", "center");
	xmlNodePtr badge = pdfr_el(w, cell, "badge");
	pdfr_attr(badge, "status", sev);
	pdfr_text(w, badge, pdfr_status_name(sev));
	pdfr_text(w, cell, " ");
	char *s = pdfr_fmt(w, n, "#,##0");
	pdfr_el_text(w, cell, "b", s);
	free(s);
}

/* ---- executive summary ---------------------------------------------------------------------- */

static void scores_head(struct pdfr *w, xmlNodePtr table)
{
	xmlNodePtr row = pdfr_el(w, pdfr_el(w, table, "thead"), "row");
	pdfr_el(w, row, "cell");
	pdfr_attr(pdfr_el_text(w, row, "cell", "Overall"), "align", "center");
	for (size_t i = 0; i < w->frameworks.n; i++) {
		const xmlNode *fw = w->frameworks.v[i];
		xmlNodePtr cell = pdfr_el(w, row, "cell");
		pdfr_attr(cell, "align", "center");
		xmlNodePtr link = pdfr_el(w, cell, "link");
		pdfr_attrf(link, "to", "fw-%s", pdfr_attr_of(fw, "id"));
		char *s = pdfr_framework_label(fw);
		pdfr_text(w, link, s);
		free(s);
	}
}

/* <cell align="center"/> */
static xmlNodePtr centred(struct pdfr *w, xmlNodePtr row)
{
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	pdfr_attr(cell, "align", "center");
	return cell;
}

static void scores_table(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "size", "9");
	pdfr_attr(t, "zebra", "no");
	char *widths = pdfr_equal_widths(w, 1 + w->nfw, 84);
	pdfr_attrf(t, "widths", "16%% %s", widths);
	free(widths);
	scores_head(w, t);

	xmlNodePtr row = pdfr_el(w, t, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "b", "Score");
	pdfr_score_text(w, pdfr_el(w, centred(w, row), "b"), docnode_attr(w->summary, "overall-score"));
	for (size_t i = 0; i < w->frameworks.n; i++)
		pdfr_score_text(w, pdfr_el(w, centred(w, row), "b"),
				docnode_attr(w->frameworks.v[i], "score"));

	row = pdfr_el(w, t, "row");
	pdfr_el_text(w, row, "cell", "Basis");
	pdfr_count_of(w, centred(w, row), pdfr_number(docnode_attr(w->summary, "decided")),
		      "decided check", NULL);
	for (size_t i = 0; i < w->frameworks.n; i++) {
		const xmlNode *fw = w->frameworks.v[i];
		xmlNodePtr cell = centred(w, row);
		char *assessed = pdfr_fmt_s(w, docnode_attr(fw, "assessed"), "#,##0");
		char *reqs = pdfr_fmt_s(w, docnode_attr(fw, "requirements"), "#,##0");
		pdfr_textf(w, cell, "%s of %s assessed", assessed, reqs);
		free(assessed);
		free(reqs);
		pdfr_el(w, cell, "br");
		pdfr_textf(w, cell, "coverage %s %%", pdfr_attr_of(fw, "coverage"));
	}
}

static void severity_table(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", "25% 25% 25% 25%");
	pdfr_attr(t, "size", "9");
	pdfr_attr(t, "zebra", "no");
	xmlNodePtr row = pdfr_el(w, t, "row");
	severity_tile(w, row, "critical", w->n_critical);
	severity_tile(w, row, "high", w->n_high);
	severity_tile(w, row, "medium", w->n_medium);
	severity_tile(w, row, "low", w->n_low);
}

static void point(struct pdfr *w, xmlNodePtr series, const char *label, const char *what,
		  const char *value)
{
	xmlNodePtr p = pdfr_el(w, series, "point");
	pdfr_attrf(p, "label", "%s %s", label, what);
	pdfr_attr(p, "value", value);
}

static void framework_chart(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr chart = pdfr_el(w, parent, "chart");
	static const char *const attrs[][2] = { { "type", "bar" }, { "width", "170mm" },
		{ "max", "100" }, { "unit", "%" },
		{ "title", "Score and coverage of each framework (%)" } };
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		pdfr_attr(chart, attrs[i][0], attrs[i][1]);
	size_t scored = 0;
	for (size_t i = 0; i < w->frameworks.n; i++)
		scored += pdfr_has(w->frameworks.v[i], "score");
	char *h = pdfr_numstr(4 + 5.5 * ((double)scored + w->nfw));
	pdfr_attrf(chart, "height", "%smm", h);
	free(h);
	xmlNodePtr series = pdfr_el(w, chart, "series");
	pdfr_attr(series, "name", "Score and coverage (%)");
	pdfr_attr(series, "color", w->brand);
	for (size_t i = 0; i < w->frameworks.n; i++) {
		const xmlNode *fw = w->frameworks.v[i];
		char *label = pdfr_framework_label(fw);
		if (pdfr_has(fw, "score"))
			point(w, series, label, "score", pdfr_attr_of(fw, "score"));
		point(w, series, label, "coverage", pdfr_attr_of(fw, "coverage"));
		free(label);
	}
}

static void owner_chart(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr chart = pdfr_el(w, parent, "chart");
	pdfr_attr(chart, "type", "donut");
	pdfr_attr(chart, "width", "170mm");
	pdfr_attr(chart, "height", "42mm");
	pdfr_attr(chart, "title", "Who owns the security layers (workloads × layers)");
	xmlNodePtr series = pdfr_el(w, chart, "series");
	pdfr_attr(series, "name", "Owner");
	for (const xmlNode *c = pdfr_child(w->summary, "owner-count"); c;
	     c = pdfr_next(c, "owner-count")) {
		xmlNodePtr p = pdfr_el(w, series, "point");
		pdfr_attr(p, "value", pdfr_attr_of(c, "count"));
		pdfr_attr(p, "label", pdfr_owner_name(docnode_attr(c, "owner")));
	}
}

void pdfr_executive_summary(struct pdfr *w, xmlNodePtr parent)
{
	pdfr_attr(pdfr_el_text(w, parent, "h1", "Executive summary"), "id", "summary");
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "11");
	pdfr_attr(p, "space-after", "4mm");
	verdict(w, p);
	scores_table(w, parent);
	p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8.5");
	pdfr_text(w, p, "Overall: the share of decided checks that are satisfied or inherited. "
		  "Framework score: (met + inherited + ½ × partially met) / assessed requirements. "
		  "See the ");
	pdfr_attr(pdfr_el_text(w, p, "link", "methodology"), "to", "method-scores");
	pdfr_text(w, p, ".");

	pdfr_attr(pdfr_el_text(w, parent, "h2", "Findings by severity"), "toc", "no");
	severity_table(w, parent);

	pdfr_attr(pdfr_el_text(w, parent, "h2", "The most important gaps"), "toc", "no");
	if (w->n_findings == 0)
		pdfr_el_text(w, parent, "p", "There are no findings: every applicable check on a "
			     "layer the client owns or shares is satisfied by current evidence or not "
			     "applicable, and the provider’s layers are inherited.");
	else
		pdfr_summary_gaps(w, pdfr_el(w, parent, "ul"));
	if (w->nfw > 0)
		framework_chart(w, parent);
	owner_chart(w, parent);
}
