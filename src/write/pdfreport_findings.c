/*
 * pdfreport_findings.c - the findings section of report-pdf.xsl for its C
 * writer (pdfreport.h): the section's introduction and, for each severity,
 * its groups in the order of their first finding (pdfreport_groups.c writes
 * each group).
 */
#include "pdfreport.h"
#include "srmap/base/alloc.h"

#include <libxml/xpath.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- findings-of-severity ---------------------------------------------------------- */

/* A group of a severity: a control, or the first finding of a group of the others. */
struct group {
	const xmlNode *n;
	const struct pdfr_nodes *fs;  /* a control's findings */
	double key;                   /* number(substring(the first finding's @id, 3)) */
	size_t pos;                   /* in document order */
};

static double id_key(const char *id)
{
	/* substring(id, 3): from the third character on */
	for (int k = 0; k < 2 && id && *id; k++)
		while (*++id && (*id & 0xC0) == 0x80)
			;
	return pdfr_number(id ? id : "");
}

/* data-type="number": NaN before any number; ties in document order */
static int group_cmp(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	int na = isnan(a->key), nb = isnan(b->key);
	if (na != nb)
		return na ? -1 : 1;
	if (!na && a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/*
 * The sort key of a finding f of the others:
 * (key('f-by-sev-ctl', concat($sev, '|', self::control/@id))[1] | self::finding)/@id,
 * where the key's value is "sev|" (no control).
 */
static double other_key(struct pdfr *w, const char *sev, const xmlNode *f)
{
	char *k = xasprintf("%s|", sev);
	const xmlNode *first = pdfr_key_first(&w->f_by_sev_ctl, k);
	free(k);
	const xmlNode *pair[2] = { f, NULL };
	if (first && xmlXPathCmpNodes((xmlNodePtr)first, (xmlNodePtr)f) == 1) {
		pair[0] = first;
		pair[1] = f;
	} else if (first) {
		pair[1] = first;
	}
	for (size_t i = 0; i < 2 && pair[i]; i++)
		if (pdfr_has(pair[i], "id"))
			return id_key(pdfr_attr_of(pair[i], "id"));
	return id_key("");
}

/* The union of the template's for-each, in document order, then sorted. */
static size_t severity_groups(struct pdfr *w, const char *sev, struct group **out)
{
	static const char *const statuses[] = { "unclassified", "no-baa", "artifact-missing",
						"artifact-mismatch" };
	const xmlNode *firsts[5] = { NULL };
	for (size_t i = 0; i < 4; i++) {
		char *k = xasprintf("%s|%s", sev, statuses[i]);
		firsts[i] = pdfr_key_first(&w->f_other, k);
		free(k);
	}
	for (size_t i = 0; i < w->unknown_others.n && !firsts[4]; i++)
		if (pdfr_has(w->unknown_others.v[i], "severity") &&
		    !strcmp(pdfr_attr_of(w->unknown_others.v[i], "severity"), sev))
			firsts[4] = w->unknown_others.v[i];
	struct group *g = NULL;
	size_t n = 0, cap = 0, pos = 0;
	for (const xmlNode *c = w->a->children; c; c = c->next, pos++) {
		if (pdfr_is(c, "control")) {
			char *k = xasprintf("%s|%s", sev, pdfr_attr_of(c, "id"));
			const struct pdfr_nodes *fs = pdfr_key_get(&w->f_by_sev_ctl, k);
			free(k);
			if (!fs->n)
				continue;
			GROW(g, cap, n + 1);
			g[n++] = (struct group){ c, fs, id_key(pdfr_attr_of(fs->v[0], "id")), pos };
			continue;
		}
		for (size_t i = 0; i < 5; i++) {
			if (firsts[i] && c == firsts[i]) {
				GROW(g, cap, n + 1);
				g[n++] = (struct group){ c, NULL, other_key(w, sev, c), pos };
			}
		}
	}
	if (n)
		qsort(g, n, sizeof *g, group_cmp);
	*out = g;
	return n;
}

/* contains($other-statuses, concat('|', @status, '|')) */
static int known_other(const char *status)
{
	char *bar = xasprintf("|%s|", status);
	int known = strstr("|unclassified|no-baa|artifact-missing|artifact-mismatch|", bar) != NULL;
	free(bar);
	return known;
}

static void other_groups(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *f)
{
	const char *status = pdfr_attr_of(f, "status");
	if (pdfr_has(f, "status") && !strcmp(status, "unclassified")) {
		char *k = xasprintf("%s|unclassified", sev);
		pdfr_unclassified_group(w, parent, sev, f, pdfr_key_get(&w->f_other, k));
		free(k);
	} else if (known_other(status)) {
		char *k = xasprintf("%s|%s", sev, status);
		pdfr_other_group(w, parent, sev, f, pdfr_key_get(&w->f_other, k), status);
		free(k);
	} else {
		/* $unknown-others[@severity = $sev] */
		struct pdfr_nodes fs = { 0 };
		for (size_t i = 0; i < w->unknown_others.n; i++)
			if (pdfr_has(w->unknown_others.v[i], "severity") &&
			    !strcmp(pdfr_attr_of(w->unknown_others.v[i], "severity"), sev))
				pdfr_nodes_add(&fs, w->unknown_others.v[i]);
		pdfr_other_group(w, parent, sev, f, &fs, "other");
		pdfr_nodes_release(&fs);
	}
}

static void findings_of_severity(struct pdfr *w, xmlNodePtr parent, const char *sev, double n)
{
	if (!(n > 0))
		return;
	xmlNodePtr h = pdfr_el(w, parent, "h2");
	pdfr_attrf(h, "id", "findings-%s", sev);
	pdfr_textf(w, h, "%s severity (", pdfr_status_name(sev));
	pdfr_count_of(w, h, n, "finding", NULL);
	pdfr_text(w, h, ")");
	struct group *g;
	size_t ng = severity_groups(w, sev, &g);
	for (size_t i = 0; i < ng; i++) {
		if (g[i].fs)
			pdfr_finding_group(w, parent, sev, g[i].n, g[i].fs);
		else
			other_groups(w, parent, sev, g[i].n);
	}
	free(g);
}

void pdfr_findings(struct pdfr *w, xmlNodePtr parent)
{
	pdfr_attr(pdfr_el_text(w, parent, "h1", "Findings"), "id", "findings");
	if (w->n_findings == 0) {
		pdfr_el_text(w, parent, "p", "There are no findings. Every control that applies to "
			     "a layer the client owns or shares is satisfied by current evidence or "
			     "does not apply, every workload’s type is in the catalog, and the "
			     "provider’s layers are inherited.");
		return;
	}
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_count_of(w, p, w->n_findings, "finding", NULL);
	char *c = pdfr_fmt(w, w->n_critical, "#,##0"), *h = pdfr_fmt(w, w->n_high, "#,##0");
	char *m = pdfr_fmt(w, w->n_medium, "#,##0"), *l = pdfr_fmt(w, w->n_low, "#,##0");
	pdfr_textf(w, p, ": %s critical, %s high, %s medium and %s low. ", c, h, m, l);
	free(c);
	free(h);
	free(m);
	free(l);
	pdfr_text(w, p, "A finding is one control on one workload, or for an organisation-wide "
		  "control (governance, incident response, identity and privileged access "
		  "programmes, tenant settings) one control for the whole organisation, that "
		  "failed, has no evidence (missing) or has evidence older than the age limit "
		  "(stale, one severity level lower); a workload whose type the catalog does not "
		  "know, an evidence artifact that is missing or has changed, and a missing "
		  "business associate agreement are findings of their own. Findings are grouped "
		  "by severity, most severe first, and within a severity by control; each finding "
		  "is listed once.");
	if (w->brief)
		pdfr_detail_note(w, pdfr_el(w, pdfr_el(w, parent, "p"), "i"));
	findings_of_severity(w, parent, "critical", w->n_critical);
	findings_of_severity(w, parent, "high", w->n_high);
	findings_of_severity(w, parent, "medium", w->n_medium);
	findings_of_severity(w, parent, "low", w->n_low);
}
