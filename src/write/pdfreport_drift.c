/*
 * pdfreport_drift.c - the changes since the previous assessment (the template
 * matching drift in report-pdf.xsl, and the named templates it calls), for
 * its C writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"

#include <stdlib.h>
#include <string.h>

/* $drift-max: the rows each table lists */
#define DRIFT_MAX 200

/* <table widths="widths" zebra="yes"><thead><row> a cell for each of names </row></thead>;
   the cells of the bits of right are aligned right.  Returns the table. */
static xmlNodePtr table(struct pdfr *w, xmlNodePtr parent, const char *widths,
			const char *const *names, unsigned right)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", widths);
	pdfr_attr(t, "zebra", "yes");
	xmlNodePtr row = pdfr_el(w, pdfr_el(w, t, "thead"), "row");
	for (unsigned i = 0; names[i]; i++)
		pdfr_cell(w, row, names[i], (right >> i) & 1);
	return t;
}

static void drift_more(struct pdfr *w, xmlNodePtr parent, double n)
{
	if (!(n > DRIFT_MAX))
		return;
	char *count = pdfr_fmt(w, n, "#,##0");
	/* concat() turns $drift-max into "200" */
	pdfr_textf(w, pdfr_el(w, pdfr_el(w, parent, "p"), "i"),
		   "The first %d of %s are listed; srmap diff --json prints them all.", DRIFT_MAX,
		   count);
	free(count);
}

/* v: the attribute (NULL when absent) */
static void drift_score(struct pdfr *w, xmlNodePtr parent, const char *v)
{
	if (!v || !*v) {
		pdfr_text(w, parent, "—");
		return;
	}
	char *s = pdfr_fmt_s(w, v, "0.0");
	pdfr_text(w, parent, s);
	free(s);
}

/* Context: a drift entry.  The control's title when the catalog still has it. */
static void drift_control(struct pdfr *w, xmlNodePtr parent, const xmlNode *e)
{
	const struct pdfr_nodes *c = pdfr_key_get(&w->control, docnode_attr(e, "control"));
	const char *status = pdfr_attr_of(e, "status");
	if (c->n) {
		/* $c/title: the first title of the controls, in document order */
		for (size_t i = 0; i < c->n; i++) {
			const xmlNode *t = pdfr_child(c->v[i], "title");
			if (t) {
				char *s = pdfr_string(t);
				pdfr_text(w, parent, s);
				free(s);
				break;
			}
		}
	} else if (pdfr_has(e, "control")) {
		pdfr_el_text(w, parent, "code", pdfr_attr_of(e, "control"));
	} else if (!strcmp(status, "unclassified")) {
		pdfr_text(w, parent, "Workload type not in the catalog");
	} else if (!strcmp(status, "no-baa")) {
		pdfr_text(w, parent, "No business associate agreement on record");
	} else {
		pdfr_text(w, parent, status);
	}
}

/* Context: a drift entry.  Removed workloads are no longer in the report: their name. */
static void drift_workload(struct pdfr *w, xmlNodePtr parent, const xmlNode *e)
{
	const char *id = docnode_attr(e, "workload");
	const xmlNode *wl = pdfr_key_first(&w->workload, id);
	const struct pdfr_nodes *gone = pdfr_key_get(&w->removed_workload, id);
	if (id && !wl && gone->n) {
		/* key('removed-workload', @workload)/@name: the first of them that has one */
		for (size_t i = 0; i < gone->n; i++) {
			if (pdfr_has(gone->v[i], "name")) {
				pdfr_text(w, parent, pdfr_attr_of(gone->v[i], "name"));
				break;
			}
		}
		pdfr_text(w, parent, " (removed)");
	} else if (id) {
		pdfr_workload_label(w, parent, e, wl, id);
	} else {
		pdfr_text(w, parent, "—");
	}
}

/* items: the drift's children named items; status_title: the last column's heading */
static void drift_findings(struct pdfr *w, xmlNodePtr parent, const xmlNode *d,
			   const char *items, const char *title, const char *id,
			   const char *none, const char *status_title)
{
	pdfr_attr(pdfr_el_text(w, parent, "h2", title), "id", id);
	if (!pdfr_child(d, items)) {
		pdfr_el_text(w, parent, "p", none);
		return;
	}
	const char *names[] = { "Severity", "Control", "Workload", status_title, NULL };
	xmlNodePtr t = table(w, parent, "14% 36% 34% 16%", names, 0);
	size_t n = 0;
	for (const xmlNode *e = pdfr_child(d, items); e; e = pdfr_next(e, items)) {
		if (++n > DRIFT_MAX)
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		xmlNodePtr badge = pdfr_el(w, pdfr_el(w, row, "cell"), "badge");
		pdfr_attr(badge, "status", pdfr_attr_of(e, "severity"));
		pdfr_text(w, badge, pdfr_attr_of(e, "severity"));
		drift_control(w, pdfr_el(w, row, "cell"), e);
		drift_workload(w, pdfr_el(w, row, "cell"), e);
		pdfr_status_badge(w, pdfr_el(w, row, "cell"), docnode_attr(e, "status"));
	}
	drift_more(w, parent, (double)n);
}

static void score_row(struct pdfr *w, xmlNodePtr t, const xmlNode *sc)
{
	xmlNodePtr row = pdfr_el(w, t, "row");
	const char *score = docnode_attr(sc, "score");
	pdfr_cell(w, row, score && !strcmp(score, "overall") ? "Overall" : pdfr_framework_name(score), 0);
	const char *was = docnode_attr(sc, "old"), *now = docnode_attr(sc, "new");
	drift_score(w, pdfr_cell(w, row, NULL, 1), was);
	drift_score(w, pdfr_cell(w, row, NULL, 1), now);
	xmlNodePtr c = pdfr_cell(w, row, NULL, 1);
	double a = pdfr_number(was), b = pdfr_number(now);
	if (!was || !*was || !now || !*now) {
		pdfr_text(w, c, "—");
	} else if (b == a) {
		pdfr_text(w, c, "no change");
	} else {
		char *s = pdfr_fmt(w, b - a, "0.0");
		pdfr_textf(w, c, "%s%s", b > a ? "+" : "", s);
		free(s);
	}
}

static void scores(struct pdfr *w, xmlNodePtr parent, const xmlNode *d)
{
	if (!pdfr_child(d, "score-change"))
		return;
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(pdfr_el_text(w, keep, "h2", "Scores"), "id", "drift-scores");
	static const char *const names[] = { "Score", "Previous", "Now", "Change", NULL };
	xmlNodePtr t = table(w, keep, "40% 20% 20% 20%", names, 0xE);
	for (const xmlNode *sc = pdfr_child(d, "score-change"); sc;
	     sc = pdfr_next(sc, "score-change"))
		score_row(w, t, sc);
}

/* a badge of the status attribute, then " " and the severity attribute */
static void status_severity(struct pdfr *w, xmlNodePtr c, const xmlNode *e, const char *status,
			    const char *severity)
{
	pdfr_status_badge(w, c, docnode_attr(e, status));
	pdfr_textf(w, c, " %s", pdfr_attr_of(e, severity));
}

static void changed_findings(struct pdfr *w, xmlNodePtr parent, const xmlNode *d)
{
	if (!pdfr_child(d, "changed-finding"))
		return;
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Findings whose status or severity changed"), "id",
		  "drift-changed");
	static const char *const names[] = { "Control", "Workload", "Previous", "Now", NULL };
	xmlNodePtr t = table(w, parent, "30% 30% 20% 20%", names, 0);
	size_t n = 0;
	for (const xmlNode *e = pdfr_child(d, "changed-finding"); e;
	     e = pdfr_next(e, "changed-finding")) {
		if (++n > DRIFT_MAX)
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		drift_control(w, pdfr_el(w, row, "cell"), e);
		drift_workload(w, pdfr_el(w, row, "cell"), e);
		status_severity(w, pdfr_el(w, row, "cell"), e, "old-status", "old-severity");
		status_severity(w, pdfr_el(w, row, "cell"), e, "status", "severity");
	}
	drift_more(w, parent, (double)n);
}

static void workloads(struct pdfr *w, xmlNodePtr parent, const xmlNode *d)
{
	if (!pdfr_child(d, "workload-added") && !pdfr_child(d, "workload-removed"))
		return;
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Workloads added and removed"), "id",
		  "drift-workloads");
	static const char *const names[] = { "Change", "Workload", "Id", NULL };
	xmlNodePtr t = table(w, parent, "15% 30% 55%", names, 0);
	/* the union of the first $drift-max of each, in document order */
	size_t added = 0, removed = 0;
	for (const xmlNode *e = d->children; e; e = e->next) {
		int is_added = pdfr_is(e, "workload-added");
		if (!is_added && !pdfr_is(e, "workload-removed"))
			continue;
		size_t *k = is_added ? &added : &removed;
		if (++*k > DRIFT_MAX)
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_cell(w, row, is_added ? "added" : "removed", 0);
		pdfr_cell(w, row, pdfr_attr_of(e, "name"), 0);
		pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(e, "id"));
	}
	drift_more(w, parent, (double)(added + removed));
}

/* match="drift" */
static void drift(struct pdfr *w, xmlNodePtr parent, const xmlNode *d)
{
	pdfr_attr(pdfr_el_text(w, parent, "h1", "Changes since the previous assessment"), "id",
		  "drift");
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "Compared with the assessment generated ");
	pdfr_time(w, p, docnode_attr(d, "baseline-generated"));
	pdfr_text(w, p, " (");
	pdfr_el_text(w, p, "code", pdfr_attr_of(d, "baseline"));
	pdfr_text(w, p, "): ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(d, "new")), "new finding", NULL);
	pdfr_text(w, p, ", ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(d, "resolved")), "resolved finding", NULL);
	pdfr_text(w, p, ", ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(d, "changed")), "changed finding", NULL);
	pdfr_text(w, p, "; ");
	pdfr_count_of(w, p, (double)pdfr_count(d, "workload-added"), "workload", NULL);
	pdfr_text(w, p, " added and ");
	pdfr_num(w, p, (double)pdfr_count(d, "workload-removed"));
	pdfr_text(w, p, " removed. Findings are matched by workload and control, not by their "
		  "position in the report.");
	scores(w, parent, d);
	drift_findings(w, parent, d, "new-finding", "New findings", "drift-new",
		       "No finding is new since the previous assessment.", "Status");
	drift_findings(w, parent, d, "resolved-finding", "Resolved findings", "drift-resolved",
		       "No finding of the previous assessment has been resolved.", "Last status");
	changed_findings(w, parent, d);
	workloads(w, parent, d);
}

void pdfr_drift(struct pdfr *w, xmlNodePtr parent)
{
	for (const xmlNode *d = pdfr_child(w->a, "drift"); d; d = pdfr_next(d, "drift"))
		drift(w, parent, d);
}
