/*
 * pdfreport_common.c - the small named templates of report-pdf.xsl that
 * every section uses (times, counts, names, badges, labels), for its C
 * writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"
#include "srmap/base/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The byte offset of character k (from 0) of s, or strlen(s) when s is shorter. */
static size_t char_offset(const char *s, size_t k)
{
	size_t i = 0;
	for (; s[i] && k; k--) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

char *pdfr_time_text(const char *t)
{
	t = t ? t : "";
	size_t len = strlen(t);
	if (utf8_count(t, len) == 20 && t[char_offset(t, 10)] == 'T' &&
	    !strcmp(t + char_offset(t, 19), "Z")) {
		size_t d = char_offset(t, 10), h = char_offset(t, 11), m = char_offset(t, 16);
		return xasprintf("%.*s %.*s UTC", (int)d, t, (int)(m - h), t + h);
	}
	return xstrdup(t);
}

void pdfr_time(struct pdfr *w, xmlNodePtr parent, const char *t)
{
	char *s = pdfr_time_text(t);
	pdfr_text(w, parent, s);
	free(s);
}

void pdfr_num(struct pdfr *w, xmlNodePtr parent, double n)
{
	char *s = pdfr_fmt(w, n, "#,##0");
	pdfr_text(w, parent, s);
	free(s);
}

void pdfr_count_of(struct pdfr *w, xmlNodePtr parent, double n, const char *one,
		   const char *many)
{
	pdfr_num(w, parent, n);
	pdfr_text(w, parent, " ");
	if (n == 1) {
		pdfr_text(w, parent, one);
	} else if (many) {
		pdfr_text(w, parent, many);
	} else {
		pdfr_text(w, parent, one);
		pdfr_text(w, parent, "s");
	}
}

void pdfr_percent(struct pdfr *w, xmlNodePtr parent, double part, double whole)
{
	if (whole > 0) {
		char *s = pdfr_fmt(w, 100 * part / whole, "0.0");
		pdfr_text(w, parent, s);
		free(s);
	} else {
		pdfr_text(w, parent, "0.0");
	}
}

/* The name of value in names (pairs, ending with NULL), else value itself. */
static const char *name_of(const char *value, const char *const *names)
{
	if (!value)
		return "";
	for (; *names; names += 2)
		if (!strcmp(value, names[0]))
			return names[1];
	return value;
}

const char *pdfr_framework_name(const char *id)
{
	static const char *const names[] = { "hipaa", "HIPAA", "soc2", "SOC 2", "fedramp", "FedRAMP",
		"nist-800-53", "NIST SP 800-53", "mcsb", "MCSB", NULL };
	return name_of(id, names);
}

const char *pdfr_baseline_name(const char *b)
{
	static const char *const names[] = { "low", "Low", "moderate", "Moderate", "high", "High",
		NULL };
	return name_of(b, names);
}

const char *pdfr_model_name(const char *m)
{
	static const char *const names[] = { "iaas", "IaaS", "paas", "PaaS", "saas", "SaaS",
		"onprem", "On-premises", "unclassified", "Unclassified", NULL };
	return name_of(m, names);
}

const char *pdfr_owner_name(const char *o)
{
	static const char *const names[] = { "provider", "Provider", "customer", "Customer",
		"shared", "Shared", NULL };
	return name_of(o, names);
}

const char *pdfr_status_name(const char *s)
{
	static const char *const names[] = { "inherited", "Inherited", "satisfied", "Satisfied",
		"failed", "Failed", "missing", "Missing", "stale", "Stale",
		"not-applicable", "Not applicable", "met", "Met", "partially-met", "Partially met",
		"not-met", "Not met", "not-assessed", "Not assessed", "unclassified", "Unclassified",
		"artifact-missing", "Artifact missing", "artifact-mismatch", "Artifact changed",
		"no-baa", "No BAA", "critical", "Critical", "high", "High", "medium", "Medium",
		"low", "Low", "pass", "Pass", "fail", "Fail", NULL };
	return name_of(s, names);
}

char *pdfr_first_sentence(const char *text)
{
	text = text ? text : "";
	const char *dot = strstr(text, ". ");
	return dot ? xasprintf("%.*s.", (int)(dot - text), text) : xstrdup(text);
}

void pdfr_status_badge(struct pdfr *w, xmlNodePtr parent, const char *s)
{
	static const char known[] = "|met|satisfied|partially-met|stale|not-met|failed|missing|"
				    "inherited|not-applicable|not-assessed|";
	s = s ? s : "";
	xmlNodePtr b = pdfr_el(w, parent, "badge");
	char *bar = xasprintf("|%s|", s);
	if (strstr(known, bar))
		pdfr_attr(b, "status", s);
	else if (!strcmp(s, "artifact-missing") || !strcmp(s, "no-baa"))
		pdfr_attr(b, "status", "missing");
	else if (!strcmp(s, "artifact-mismatch"))
		pdfr_attr(b, "status", "failed");
	else
		pdfr_attr(b, "status", "not-assessed");
	free(bar);
	pdfr_text(w, b, pdfr_status_name(s));
}

void pdfr_organisation_label(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx)
{
	pdfr_text(w, parent, "Organisation-wide");
	if (pdfr_has(ctx, "tenant")) {
		pdfr_text(w, parent, ", tenant ");
		pdfr_text(w, parent, pdfr_attr_of(ctx, "tenant"));
	}
}

void pdfr_workload_label(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx,
			 const xmlNode *wl, const char *id)
{
	if (!wl && pdfr_is(ctx, "finding") && !strcmp(pdfr_attr_of(ctx, "scope"), "organisation")) {
		pdfr_organisation_label(w, parent, ctx);
	} else if (wl) {
		const char *name = pdfr_attr_of(wl, "name");
		pdfr_text(w, parent, name);
		/* $w/@type-title != $w/@name: false when either is absent */
		if (pdfr_has(wl, "type-title") && pdfr_has(wl, "name") &&
		    strcmp(pdfr_attr_of(wl, "type-title"), name)) {
			pdfr_text(w, parent, " · ");
			pdfr_text(w, parent, pdfr_attr_of(wl, "type-title"));
		}
		if (pdfr_has(wl, "accountable-party")) {
			pdfr_text(w, parent, " · run by ");
			pdfr_text(w, parent, pdfr_attr_of(wl, "accountable-party"));
		}
	} else {
		pdfr_el_text(w, parent, "code", id);
	}
}

void pdfr_finding_subject(struct pdfr *w, xmlNodePtr parent, const xmlNode *finding)
{
	const xmlNode *wl = pdfr_key_first(&w->workload, docnode_attr(finding, "workload"));
	if (wl)
		pdfr_text(w, parent, pdfr_attr_of(wl, "name"));
	else if (!strcmp(pdfr_attr_of(finding, "scope"), "organisation"))
		pdfr_organisation_label(w, parent, finding);
	else
		pdfr_el_text(w, parent, "code", pdfr_attr_of(finding, "workload"));
}

/* Whether ref is the first ref of control for its framework, for one of the four cited. */
static int first_cited(const xmlNode *control, const xmlNode *ref)
{
	static const char *const cited[] = { "hipaa", "soc2", "nist-800-53", "mcsb", NULL };
	const char *fw = pdfr_attr_of(ref, "framework");
	int known = 0;
	for (size_t i = 0; cited[i]; i++)
		known |= !strcmp(fw, cited[i]);
	if (!known || !pdfr_has(ref, "framework"))
		return 0;
	for (const xmlNode *r = pdfr_child(control, "ref"); r != ref; r = pdfr_next(r, "ref"))
		if (!strcmp(pdfr_attr_of(r, "framework"), fw))
			return 0;
	return 1;
}

void pdfr_citations(struct pdfr *w, xmlNodePtr parent, const xmlNode *control)
{
	size_t k = 0;
	/* the union of the first refs, in document order */
	for (const xmlNode *ref = pdfr_child(control, "ref"); ref; ref = pdfr_next(ref, "ref")) {
		if (!first_cited(control, ref))
			continue;
		const char *fw = pdfr_attr_of(ref, "framework");
		if (k++)
			pdfr_text(w, parent, "; ");
		pdfr_text(w, parent, pdfr_framework_name(fw));
		pdfr_text(w, parent, " ");
		size_t j = 0;
		for (const xmlNode *r = pdfr_child(control, "ref"); r; r = pdfr_next(r, "ref")) {
			if (strcmp(pdfr_attr_of(r, "framework"), fw) || !pdfr_has(r, "framework"))
				continue;
			if (j++)
				pdfr_text(w, parent, ", ");
			pdfr_text(w, parent, pdfr_attr_of(r, "id"));
		}
	}
}

void pdfr_evidence_scope_text(struct pdfr *w, xmlNodePtr parent, const xmlNode *ev)
{
	const char *scope = pdfr_attr_of(ev, "scope");
	if (!strcmp(scope, "workload")) {
		const xmlNode *wl = pdfr_key_first(&w->workload, docnode_attr(ev, "workload"));
		if (wl) {
			pdfr_text(w, parent, pdfr_attr_of(wl, "name"));
		} else {
			pdfr_text(w, parent, "workload ");
			pdfr_el_text(w, parent, "code", pdfr_attr_of(ev, "scope-id"));
		}
	} else if (!strcmp(scope, "subscription")) {
		pdfr_text(w, parent, "subscription ");
		pdfr_el_text(w, parent, "code", pdfr_attr_of(ev, "scope-id"));
	} else {
		pdfr_textf(w, parent, "%s %s", scope, pdfr_attr_of(ev, "scope-id"));
	}
}

void pdfr_check_counts(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx)
{
	/* the template sorts the attributes into this order */
	static const char *const order[][2] = { { "inherited", "inherited" },
		{ "satisfied", "satisfied" }, { "failed", "failed" }, { "missing", "missing" },
		{ "stale", "stale" }, { "not-applicable", "not applicable" } };
	size_t k = 0;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *v = docnode_attr(ctx, order[i][0]);
		if (!v)
			continue;
		if (k++)
			pdfr_text(w, parent, ", ");
		char *n = pdfr_fmt_s(w, v, "#,##0");
		pdfr_textf(w, parent, "%s %s", n, order[i][1]);
		free(n);
	}
}

char *pdfr_framework_label(const xmlNode *fw)
{
	const char *name = pdfr_framework_name(pdfr_attr_of(fw, "id"));
	if (!pdfr_has(fw, "baseline"))
		return xstrdup(name);
	return xasprintf("%s %s", name, pdfr_baseline_name(pdfr_attr_of(fw, "baseline")));
}

void pdfr_score_text(struct pdfr *w, xmlNodePtr parent, const char *s)
{
	if (s && *s)
		pdfr_textf(w, parent, "%s %%", s);
	else
		pdfr_text(w, parent, "n/a");
}

char *pdfr_equal_widths(struct pdfr *w, double n, double total)
{
	double width = floor(100 * total / n) / 100;
	xmlBufferPtr b = xmlBufferCreate();
	if (!b)
		alloc_exhausted();
	char *one = pdfr_fmt(w, width, "0.##");
	for (double k = n - 1; k > 0; k--) {
		xmlBufferCCat(b, one);
		xmlBufferCCat(b, "% ");
	}
	free(one);
	char *last = pdfr_fmt(w, total - width * (n - 1), "0.##");
	xmlBufferCCat(b, last);
	xmlBufferCCat(b, "%");
	free(last);
	char *s = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

void pdfr_detail_note(struct pdfr *w, xmlNodePtr parent)
{
	char *n = pdfr_numstr(w->p.summary_rows);
	pdfr_textf(w, parent, "This is a summary report: long lists stop after %s entries. Every "
		   "finding, workload and evidence record is in the assessment XML (assessment.xml) "
		   "and every check in the customer responsibility matrix (crm.xml, crm.csv); srmap "
		   "assess with --pdf-detail full writes a PDF that lists them all.", n);
	free(n);
}

void pdfr_left_out(struct pdfr *w, xmlNodePtr parent, double n, const char *one)
{
	if (!w->brief || !(n > w->p.summary_rows))
		return;
	xmlNodePtr i = pdfr_el(w, pdfr_el(w, parent, "p"), "i");
	char *more = xasprintf("more %s", one);
	pdfr_count_of(w, i, n - w->p.summary_rows, more, NULL);
	free(more);
	pdfr_text(w, i, " not listed. ");
	pdfr_detail_note(w, i);
}

void pdfr_status_row(struct pdfr *w, xmlNodePtr parent, const char *s, const char *text)
{
	xmlNodePtr row = pdfr_el(w, parent, "row");
	xmlNodePtr badge = pdfr_el(w, pdfr_el(w, row, "cell"), "badge");
	pdfr_attr(badge, "status", s);
	pdfr_text(w, badge, pdfr_status_name(s));
	pdfr_text(w, pdfr_el(w, row, "cell"), text);
}

const char *pdfr_other_group_key(const xmlNode *finding)
{
	static const char others[] = "|unclassified|no-baa|artifact-missing|artifact-mismatch|";
	const char *status = pdfr_attr_of(finding, "status");
	size_t n = strlen(status);
	/* contains($other-statuses, concat('|', @status, '|')) */
	for (const char *p = others; (p = strchr(p, '|')) != NULL; p++)
		if (!strncmp(p + 1, status, n) && p[n + 1] == '|')
			return status;
	return "other";
}

void pdfr_other_group_title(struct pdfr *w, xmlNodePtr parent, const xmlNode *finding)
{
	const char *status = pdfr_attr_of(finding, "status");
	if (!strcmp(status, "unclassified")) {
		pdfr_text(w, parent, "Workload type not in the catalog");
	} else if (!strcmp(status, "artifact-missing")) {
		pdfr_text(w, parent, "Evidence artifacts that are missing");
	} else if (!strcmp(status, "artifact-mismatch")) {
		pdfr_text(w, parent, "Evidence artifacts that changed after they were recorded");
	} else if (!strcmp(status, "no-baa")) {
		char *t = pdfr_string(pdfr_child(finding, "title"));
		pdfr_text(w, parent, t);
		free(t);
	} else {
		pdfr_text(w, parent, "Other findings");
	}
}
