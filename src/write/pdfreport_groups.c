/*
 * pdfreport_groups.c - the groups of the findings section of report-pdf.xsl
 * for its C writer (pdfreport.h): the findings of one control at one
 * severity, and those of the findings that are not about a control (an
 * unclassified workload, an evidence artifact, no BAA, statuses added later).
 * pdfreport_findings.c decides which groups there are and in what order.
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* $nodes/@name: the attribute of the first node that has it (NULL: none has). */
static const char *nodes_attr(const struct pdfr_nodes *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *v = docnode_attr(l->v[i], name);
		if (v)
			return v;
	}
	return NULL;
}

/* <xsl:value-of select="name"/>: the string value of the first child name of n */
static void value_of_child(struct pdfr *w, xmlNodePtr parent, const xmlNode *n, const char *name)
{
	char *s = pdfr_string(pdfr_child(n, name));
	pdfr_text(w, parent, s);
	free(s);
}

/* <badge status="{$sev}"> with the severity's name */
static void severity_badge(struct pdfr *w, xmlNodePtr parent, const char *sev)
{
	xmlNodePtr b = pdfr_el(w, parent, "badge");
	pdfr_attr(b, "status", sev);
	pdfr_text(w, b, pdfr_status_name(sev));
}

/* <h3 id="f-{$sev}-{name}" toc="no"> */
static xmlNodePtr group_heading(struct pdfr *w, xmlNodePtr keep, const char *sev, const char *name)
{
	xmlNodePtr h = pdfr_el(w, keep, "h3");
	pdfr_attrf(h, "id", "f-%s-%s", sev, name);
	pdfr_attr(h, "toc", "no");
	return h;
}

/* <p><b>Remediation: </b><xsl:value-of select="remediation"/></p> */
static void remediation(struct pdfr *w, xmlNodePtr parent, const xmlNode *n)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_el_text(w, p, "b", "Remediation: ");
	value_of_child(w, p, n, "remediation");
}

/* $fs[@status = s] */
static void with_status(const struct pdfr_nodes *fs, const char *s, struct pdfr_nodes *out)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(pdfr_attr_of(fs->v[i], "status"), s) && pdfr_has(fs->v[i], "status"))
			pdfr_nodes_add(out, fs->v[i]);
}

static void finding_names(struct pdfr *w, xmlNodePtr parent, const struct pdfr_nodes *fs,
			  const char *s)
{
	if (!fs->n)
		return;
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8.5");
	pdfr_status_badge(w, p, s);
	pdfr_text(w, p, " ");
	const char *one = !strcmp(pdfr_attr_of(fs->v[0], "scope"), "organisation") ? "organisation"
										      : "workload";
	pdfr_count_of(w, pdfr_el(w, p, "b"), (double)fs->n, one, NULL);
	pdfr_text(w, p, fs->n == 1 ? ", with its finding" : ", each with its finding");
	if (strcmp(s, "missing"))
		pdfr_text(w, p, " and the deciding evidence");
	pdfr_text(w, p, ": ");
	for (size_t i = 0; i < fs->n; i++) {
		const xmlNode *f = fs->v[i];
		if (i)
			pdfr_text(w, p, "; ");
		pdfr_finding_subject(w, p, f);
		pdfr_textf(w, p, " (%s", pdfr_attr_of(f, "id"));
		if (pdfr_has(f, "evidence")) {
			pdfr_text(w, p, ", ");
			pdfr_el_text(w, p, "code", pdfr_attr_of(f, "evidence"));
		}
		pdfr_text(w, p, ")");
	}
}

static void finding_sample(struct pdfr *w, xmlNodePtr parent, const struct pdfr_nodes *fs)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8.5");
	char *rows = pdfr_numstr(w->p.summary_rows);
	char *n = pdfr_fmt(w, (double)fs->n, "#,##0");
	char *b = xasprintf("The first %s of %s findings", rows, n);
	pdfr_el_text(w, p, "b", b);
	free(b);
	free(n);
	free(rows);
	pdfr_text(w, p, ": ");
	for (size_t i = 0; i < fs->n && (double)(i + 1) <= w->p.summary_rows; i++) {
		const xmlNode *f = fs->v[i];
		if (i)
			pdfr_text(w, p, "; ");
		pdfr_finding_subject(w, p, f);
		pdfr_textf(w, p, " (%s, %s)", pdfr_attr_of(f, "id"), pdfr_attr_of(f, "status"));
	}
	pdfr_text(w, p, ". ");
	xmlNodePtr i = pdfr_el(w, p, "i");
	n = pdfr_fmt(w, (double)fs->n - w->p.summary_rows, "#,##0");
	pdfr_textf(w, i, "The other %s are in assessment.xml", n);
	free(n);
	pdfr_text(w, i, " (a summary report; see the start of this section).");
}

/* The first paragraph of finding-group: severity, extent, counts by status, layer, control. */
static void group_extent(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *c,
			 const struct pdfr_nodes *fs)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	severity_badge(w, p, sev);
	pdfr_text(w, p, " ");
	if (!strcmp(pdfr_attr_of(c, "scope"), "organisation")) {
		pdfr_text(w, p, "Organisation-wide control, checked once per tenant; ");
		pdfr_count_of(w, p, (double)fs->n, "organisation", NULL);
	} else {
		pdfr_count_of(w, p, (double)fs->n, "workload", NULL);
	}
	pdfr_text(w, p, ": ");
	/* sorted by string-length(substring-before('failed missing stale', @status)) */
	static const char *const order[] = { "failed", "missing", "stale" };
	double count[3] = { 0, 0, 0 };
	int by_customer = 0, by_shared = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const char *s = docnode_attr(fs->v[i], "status");
		for (size_t k = 0; s && k < 3; k++)
			count[k] += !strcmp(s, order[k]);
		by_customer |= !strcmp(pdfr_attr_of(fs->v[i], "owner"), "customer");
		by_shared |= !strcmp(pdfr_attr_of(fs->v[i], "owner"), "shared");
	}
	size_t listed = 0;
	for (size_t k = 0; k < 3; k++) {
		if (!count[k])
			continue;
		if (listed++)
			pdfr_text(w, p, ", ");
		char *n = pdfr_fmt(w, count[k], "#,##0");
		pdfr_textf(w, p, "%s %s", n, order[k]);
		free(n);
	}
	pdfr_text(w, p, ". Layer: ");
	pdfr_text(w, p, nodes_attr(pdfr_key_get(&w->layer, docnode_attr(c, "layer")), "title"));
	if (by_customer && by_shared)
		pdfr_text(w, p, ", the customer’s on some workloads and shared on others");
	else if (by_customer)
		pdfr_text(w, p, ", owned by the customer");
	else if (by_shared)
		pdfr_text(w, p, ", shared by the provider and the customer");
	pdfr_text(w, p, ". Control ");
	pdfr_el_text(w, p, "code", pdfr_attr_of(c, "id"));
	pdfr_text(w, p, ".");
}

static void evidence_item(struct pdfr *w, xmlNodePtr ul, const xmlNode *e)
{
	xmlNodePtr li = pdfr_el(w, ul, "li");
	pdfr_el_text(w, li, "code", pdfr_attr_of(e, "id"));
	pdfr_text(w, li, " (");
	pdfr_evidence_scope_text(w, li, e);
	pdfr_text(w, li, ", ");
	pdfr_text(w, li, pdfr_attr_of(e, "result"));
	pdfr_text(w, li, ", ");
	pdfr_time(w, li, pdfr_attr_of(e, "collected-at"));
	pdfr_text(w, li, "): ");
	value_of_child(w, li, e, "note");
}

/* What the evidence shows: the records of control c with a note behind these findings. */
static void group_evidence(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *c)
{
	/* key('ev-by-control', @id)[note][key('f-by-sev-ctl-ev', concat($sev, '|', $c/@id, '|', @id))] */
	const struct pdfr_nodes *all = pdfr_key_get(&w->ev_by_control, docnode_attr(c, "id"));
	struct pdfr_nodes evs = { 0 };
	for (size_t i = 0; i < all->n; i++) {
		if (!pdfr_child(all->v[i], "note"))
			continue;
		char *k = xasprintf("%s|%s|%s", sev, pdfr_attr_of(c, "id"),
				    pdfr_attr_of(all->v[i], "id"));
		if (pdfr_key_get(&w->f_by_sev_ctl_ev, k)->n)
			pdfr_nodes_add(&evs, all->v[i]);
		free(k);
	}
	if (evs.n) {
		pdfr_el_text(w, pdfr_el(w, parent, "p"), "b", "What the evidence shows:");
		xmlNodePtr ul = pdfr_el(w, parent, "ul");
		for (size_t i = 0; i < evs.n && i < 6; i++)
			evidence_item(w, ul, evs.v[i]);
		if (evs.n > 6) {
			xmlNodePtr li = pdfr_el(w, ul, "li");
			pdfr_text(w, li, "and ");
			pdfr_count_of(w, li, (double)evs.n - 6, "more record", NULL);
			pdfr_text(w, li, " in the ");
			pdfr_attr(pdfr_el_text(w, li, "link", "evidence register"), "to", "evidence");
			pdfr_text(w, li, ".");
		}
	}
	pdfr_nodes_release(&evs);
}

static void finding_row(struct pdfr *w, xmlNodePtr table, const xmlNode *f)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_el_text(w, row, "cell", pdfr_attr_of(f, "id"));
	const char *id = docnode_attr(f, "workload");
	pdfr_workload_label(w, pdfr_el(w, row, "cell"), f, pdfr_key_first(&w->workload, id),
			    id ? id : "");
	pdfr_status_badge(w, pdfr_el(w, row, "cell"), pdfr_attr_of(f, "status"));
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	const char *ev = docnode_attr(f, "evidence");
	if (!ev) {
		pdfr_el_text(w, cell, "i", "none");
		return;
	}
	pdfr_el_text(w, cell, "code", ev);
	const struct pdfr_nodes *e = pdfr_key_get(&w->evidence, ev);
	if (e->n) {
		pdfr_el(w, cell, "br");
		pdfr_time(w, cell, nodes_attr(e, "collected-at"));
	}
}

static void finding_table(struct pdfr *w, xmlNodePtr parent, const struct pdfr_nodes *fs)
{
	static const char *const titles[] = { "Finding", "Workload", "Status", "Evidence", NULL };
	xmlNodePtr head, t = pdfr_table(w, parent, "11% 49% 15% 25%", "8.5", &head);
	pdfr_title_cells(w, head, titles, 0);
	for (size_t i = 0; i < fs->n; i++)
		finding_row(w, t, fs->v[i]);
}

/* $fs[@status != 'missing']: some finding has a status other than missing */
static int some_not_missing(const struct pdfr_nodes *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		if (pdfr_has(fs->v[i], "status") && strcmp(pdfr_attr_of(fs->v[i], "status"), "missing"))
			return 1;
	return 0;
}

/* The findings of control c at severity sev (fs, not empty). */
void pdfr_finding_group(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *c,
			  const struct pdfr_nodes *fs)
{
	double n = (double)fs->n;
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	value_of_child(w, group_heading(w, keep, sev, pdfr_attr_of(c, "id")), c, "title");
	group_extent(w, keep, sev, c, fs);
	if (pdfr_child(c, "ref")) {
		xmlNodePtr p = pdfr_el(w, keep, "p");
		pdfr_el_text(w, p, "b", "Cited by: ");
		pdfr_citations(w, p, c);
	}
	group_evidence(w, keep, sev, c);
	remediation(w, keep, c);
	if (w->brief && n > w->p.summary_rows) {
		finding_sample(w, parent, fs);
	} else if (n <= w->p.finding_rows_max && some_not_missing(fs)) {
		finding_table(w, parent, fs);
	} else {
		static const char *const statuses[] = { "failed", "missing", "stale" };
		for (size_t i = 0; i < 3; i++) {
			struct pdfr_nodes some = { 0 };
			with_status(fs, statuses[i], &some);
			finding_names(w, parent, &some, statuses[i]);
			pdfr_nodes_release(&some);
		}
	}
	pdfr_attr(pdfr_el(w, parent, "spacer"), "height", "4mm");
}

static xmlNodePtr unclassified_badge(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr b = pdfr_el_text(w, parent, "badge", "Unclassified");
	pdfr_attr(b, "status", "not-assessed");
	return b;
}

static void unclassified_table(struct pdfr *w, xmlNodePtr parent, const struct pdfr_nodes *fs)
{
	static const char *const titles[] = { "Finding", "Workload", "Type", "Status", NULL };
	xmlNodePtr head, t = pdfr_table(w, parent, "11% 39% 35% 15%", "8.5", &head);
	pdfr_title_cells(w, head, titles, 0);
	for (size_t i = 0; i < fs->n; i++) {
		const xmlNode *f = fs->v[i];
		const char *id = docnode_attr(f, "workload");
		const struct pdfr_nodes *wl = pdfr_key_get(&w->workload, id);
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_el_text(w, row, "cell", pdfr_attr_of(f, "id"));
		pdfr_workload_label(w, pdfr_el(w, row, "cell"), f, wl->n ? wl->v[0] : NULL,
				    id ? id : "");
		pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", nodes_attr(wl, "type"));
		unclassified_badge(w, pdfr_el(w, row, "cell"));
	}
}

static void unclassified_names(struct pdfr *w, xmlNodePtr parent, const struct pdfr_nodes *fs)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_attr(p, "size", "8.5");
	unclassified_badge(w, p);
	pdfr_text(w, p, " ");
	pdfr_count_of(w, pdfr_el(w, p, "b"), (double)fs->n, "workload", NULL);
	pdfr_text(w, p, ", each with its finding and type: ");
	for (size_t i = 0; i < fs->n; i++) {
		const xmlNode *f = fs->v[i];
		const struct pdfr_nodes *wl = pdfr_key_get(&w->workload, docnode_attr(f, "workload"));
		if (i)
			pdfr_text(w, p, "; ");
		const char *name = nodes_attr(wl, "name");
		pdfr_textf(w, p, "%s (%s, ", name ? name : "", pdfr_attr_of(f, "id"));
		pdfr_el_text(w, p, "code", nodes_attr(wl, "type"));
		pdfr_text(w, p, ")");
	}
}

/* Workloads whose type the catalog does not know; f: the first such finding. */
void pdfr_unclassified_group(struct pdfr *w, xmlNodePtr parent, const char *sev,
			       const xmlNode *f, const struct pdfr_nodes *fs)
{
	double n = (double)fs->n;
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	pdfr_text(w, group_heading(w, keep, sev, "unclassified"), "Workload type not in the catalog");
	xmlNodePtr p = pdfr_el(w, keep, "p");
	severity_badge(w, p, sev);
	pdfr_text(w, p, " ");
	pdfr_count_of(w, p, n, "workload", NULL);
	pdfr_text(w, p, ": srmap cannot tell the service model, so it cannot say which layers the "
		  "provider covers. Every layer is treated as the client’s, and only the controls "
		  "that apply to every service model were checked.");
	remediation(w, keep, f);
	if (n <= w->p.finding_rows_max)
		unclassified_table(w, parent, fs);
	else
		unclassified_names(w, parent, fs);
	pdfr_attr(pdfr_el(w, parent, "spacer"), "height", "4mm");
}

/* The second cell of a row of other-group: what finding f concerns. */
static void other_concerns(struct pdfr *w, xmlNodePtr cell, const xmlNode *f, const char *group)
{
	int other = !strcmp(group, "other");
	if (other || !strcmp(group, "no-baa"))
		value_of_child(w, cell, f, "title");
	const char *ev = docnode_attr(f, "evidence");
	if (ev) {
		if (other)
			pdfr_el(w, cell, "br");
		pdfr_text(w, cell, "Evidence ");
		pdfr_el_text(w, cell, "code", ev);
		const char *artifact = nodes_attr(pdfr_key_get(&w->evidence, ev), "artifact");
		if (artifact) {
			pdfr_text(w, cell, ", artifact ");
			pdfr_el_text(w, cell, "code", artifact);
		}
	}
	const char *control = docnode_attr(f, "control");
	if (control) {
		if (ev || other)
			pdfr_el(w, cell, "br");
		pdfr_text(w, cell, "Control: ");
		const struct pdfr_nodes *c = pdfr_key_get(&w->control, control);
		/* $c/title: the first title of them in document order */
		const xmlNode *title = NULL;
		for (size_t i = 0; i < c->n && !title; i++)
			title = pdfr_child(c->v[i], "title");
		if (c->n) {
			char *s = pdfr_string(title);
			pdfr_text(w, cell, s);
			free(s);
		} else {
			pdfr_el_text(w, cell, "code", control);
		}
	}
	const char *id = docnode_attr(f, "workload");
	if (id) {
		pdfr_el(w, cell, "br");
		pdfr_text(w, cell, "Workload: ");
		pdfr_workload_label(w, cell, f, pdfr_key_first(&w->workload, id), id);
	}
}

/* Findings not about a control on a workload; f: the first of the group. */
void pdfr_other_group(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *f,
			const struct pdfr_nodes *fs, const char *group)
{
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	pdfr_other_group_title(w, group_heading(w, keep, sev, group), f);
	xmlNodePtr p = pdfr_el(w, keep, "p");
	severity_badge(w, p, sev);
	pdfr_text(w, p, " ");
	pdfr_count_of(w, p, (double)fs->n, "finding", NULL);
	pdfr_text(w, p, ". ");
	if (!strcmp(group, "artifact-missing"))
		pdfr_text(w, p, "The evidence record names an artifact file that could not be found, "
			  "so the record does not count as evidence: the checks it would decide are "
			  "missing.");
	else if (!strcmp(group, "artifact-mismatch"))
		pdfr_text(w, p, "The artifact’s SHA-256 is not the one recorded with the evidence: "
			  "the file changed after it was recorded, so the record does not count as "
			  "evidence.");
	else if (!strcmp(group, "no-baa"))
		pdfr_text(w, p, "HIPAA is in scope, but no business associate agreement with the "
			  "provider is recorded among the provider attestations.");
	remediation(w, keep, f);
	static const char *const titles[] = { "Finding", "What it concerns", "Status", NULL };
	xmlNodePtr head, t = pdfr_table(w, parent, "11% 70% 19%", "8.5", &head);
	pdfr_title_cells(w, head, titles, 0);
	for (size_t i = 0; i < fs->n; i++) {
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_el_text(w, row, "cell", pdfr_attr_of(fs->v[i], "id"));
		other_concerns(w, pdfr_el(w, row, "cell"), fs->v[i], group);
		pdfr_status_badge(w, pdfr_el(w, row, "cell"), pdfr_attr_of(fs->v[i], "status"));
	}
	pdfr_attr(pdfr_el(w, parent, "spacer"), "height", "4mm");
}
