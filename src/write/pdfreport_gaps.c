/*
 * pdfreport_gaps.c - the list of the most important gaps in the executive
 * summary of report-pdf.xsl (its xsl:for-each over the controls with
 * findings and the first finding of each other group, sorted by the id of
 * their first finding), with the templates gap and gap-statuses, for its C
 * writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const severities[] = { "critical", "high", "medium", "low" };

/* ---- document order ---------------------------------------------------------------------- */

/* A child of the assessment and its position among them (document order). */
struct place {
	const xmlNode *n;
	size_t pos;
};

/* The children of the assessment, sorted by address, to find a node's position. */
struct order {
	struct place *v;
	size_t n;
};

static int place_cmp(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)((const struct place *)x)->n;
	uintptr_t b = (uintptr_t)((const struct place *)y)->n;
	return a < b ? -1 : a > b;
}

static void order_init(struct order *o, const xmlNode *a)
{
	size_t cap = 0, pos = 0;
	*o = (struct order){ 0 };
	for (const xmlNode *c = a->children; c; c = c->next) {
		GROW(o->v, cap, o->n + 1);
		o->v[o->n++] = (struct place){ c, pos++ };
	}
	if (o->n)
		qsort(o->v, o->n, sizeof *o->v, place_cmp);
}

static size_t position(const struct order *o, const xmlNode *n)
{
	struct place key = { n, 0 };
	const struct place *p = o->n ? bsearch(&key, o->v, o->n, sizeof *o->v, place_cmp) : NULL;
	return p ? p->pos : SIZE_MAX;
}

/* The first of nodes (NULL entries left out) in document order, or NULL. */
static const xmlNode *earliest(const struct order *o, const xmlNode *const *nodes, size_t k)
{
	const xmlNode *first = NULL;
	size_t at = SIZE_MAX;
	for (size_t i = 0; i < k; i++) {
		size_t p = nodes[i] ? position(o, nodes[i]) : SIZE_MAX;
		if (nodes[i] && (!first || p < at)) {
			first = nodes[i];
			at = p;
		}
	}
	return first;
}

/* ---- lookups by severity ------------------------------------------------------------------ */

/* key(k, concat(severities[i], '|', rest)) */
static const struct pdfr_nodes *by_severity(const struct pdfr_key *k, size_t i, const char *rest)
{
	char *v = xasprintf("%s|%s", severities[i], rest);
	const struct pdfr_nodes *l = pdfr_key_get(k, v);
	free(v);
	return l;
}

/* heads[i]: key(k, concat(severities[i], '|', rest))[1]; returns how many nodes the four give */
static size_t severity_heads(const struct pdfr_key *k, const char *rest, const xmlNode *heads[4])
{
	size_t n = 0;
	for (size_t i = 0; i < 4; i++) {
		const struct pdfr_nodes *l = by_severity(k, i, rest);
		heads[i] = l->n ? l->v[0] : NULL;
		n += l->n;
	}
	return n;
}

/* (key(k, 'critical|' + rest)[1] | ... | key(k, 'low|' + rest)[1])[1] */
static const xmlNode *first_of_severities(const struct order *o, const struct pdfr_key *k,
					  const char *rest)
{
	const xmlNode *heads[4];
	severity_heads(k, rest, heads);
	return earliest(o, heads, 4);
}

/* key('workload', @workload)/@name: the first of those workloads that has a name */
static const char *workload_name(const struct pdfr *w, const xmlNode *f)
{
	const struct pdfr_nodes *l = pdfr_key_get(&w->workload, docnode_attr(f, "workload"));
	for (size_t i = 0; i < l->n; i++)
		if (pdfr_has(l->v[i], "name"))
			return pdfr_attr_of(l->v[i], "name");
	return "";
}

/* ---- gap ------------------------------------------------------------------------------------ */

/* all: -1 unless one status is known to cover all */
static void gap_statuses(struct pdfr *w, xmlNodePtr parent, double failed, double missing,
			 double stale, double all)
{
	if (failed == all) {
		pdfr_text(w, parent, "failed");
	} else if (missing == all) {
		pdfr_text(w, parent, "no evidence");
	} else if (stale == all) {
		pdfr_text(w, parent, "evidence out of date");
	} else {
		char *s;
		if (failed > 0) {
			s = pdfr_fmt(w, failed, "#,##0");
			pdfr_textf(w, parent, "failed on %s", s);
			free(s);
		}
		if (missing > 0) {
			if (failed > 0)
				pdfr_text(w, parent, ", ");
			s = pdfr_fmt(w, missing, "#,##0");
			pdfr_textf(w, parent, "no evidence for %s", s);
			free(s);
		}
		if (stale > 0) {
			if (failed + missing > 0)
				pdfr_text(w, parent, ", ");
			s = pdfr_fmt(w, stale, "#,##0");
			pdfr_textf(w, parent, "evidence out of date for %s", s);
			free(s);
		}
	}
}

/* <badge status="{@severity}">status-name</badge>, then " " */
static void gap_badge(struct pdfr *w, xmlNodePtr parent, const xmlNode *f)
{
	xmlNodePtr badge = pdfr_el(w, parent, "badge");
	pdfr_attr(badge, "status", pdfr_attr_of(f, "severity"));
	pdfr_text(w, badge, pdfr_status_name(docnode_attr(f, "severity")));
	pdfr_text(w, parent, " ");
}

/* <link to="f-{sev}-{group}"><b/></link>; returns the b */
static xmlNodePtr gap_link(struct pdfr *w, xmlNodePtr parent, const char *sev, const char *group)
{
	xmlNodePtr link = pdfr_el(w, parent, "link");
	pdfr_attrf(link, "to", "f-%s-%s", sev, group);
	return pdfr_el(w, link, "b");
}

/* first-sentence with text="remediation" */
static void remediation(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx)
{
	char *text = pdfr_string(pdfr_child(ctx, "remediation"));
	char *s = pdfr_first_sentence(text);
	pdfr_text(w, parent, s);
	free(s);
	free(text);
}

/* the variable "who" of a control's gap; the caller frees it */
static char *gap_who(struct pdfr *w, const xmlNode *first, double n)
{
	int org = !strcmp(pdfr_attr_of(first, "scope"), "organisation");
	if (org && n == 1)
		return xstrdup("the organisation as a whole");
	if (!org && n == 1)
		return xstrdup(workload_name(w, first));
	char *num = pdfr_fmt(w, n, "#,##0");
	char *who = org ? xasprintf("%s organisations (tenants) as a whole", num)
			: xasprintf("%s workloads, including %s", num, workload_name(w, first));
	free(num);
	return who;
}

static void gap_control(struct pdfr *w, xmlNodePtr parent, const struct order *o,
			const xmlNode *c)
{
	const char *id = pdfr_attr_of(c, "id");
	const xmlNode *heads[4];
	size_t nf = 0, nm = 0, ns = 0, total = 0;
	for (size_t i = 0; i < 4; i++) {
		const struct pdfr_nodes *l = by_severity(&w->f_by_sev_ctl, i, id);
		heads[i] = l->n ? l->v[0] : NULL;
		total += l->n;
		for (size_t j = 0; j < l->n; j++) {
			const char *st = pdfr_attr_of(l->v[j], "status");
			nf += !strcmp(st, "failed");
			nm += !strcmp(st, "missing");
			ns += !strcmp(st, "stale");
		}
	}
	/* the four lists are of different severities: $fs is all of them, $fs[1] the earliest head */
	const xmlNode *first = earliest(o, heads, 4);
	double n = (double)total;
	gap_badge(w, parent, first);
	char *title = pdfr_string(pdfr_child(c, "title"));
	pdfr_text(w, gap_link(w, parent, pdfr_attr_of(first, "severity"), id), title);
	free(title);
	char *who = gap_who(w, first, n);
	if ((double)nf == n) {
		pdfr_textf(w, parent, " failed on %s", who);
	} else if ((double)nm == n) {
		pdfr_textf(w, parent, " has no evidence for %s", who);
	} else if ((double)ns == n) {
		pdfr_textf(w, parent, " has evidence out of date for %s", who);
	} else {
		pdfr_textf(w, parent, " is a gap on %s (", who);
		gap_statuses(w, parent, (double)nf, (double)nm, (double)ns, -1);
		pdfr_text(w, parent, ")");
	}
	free(who);
	pdfr_text(w, parent, ". ");
	remediation(w, parent, c);
}

static void gap_unclassified(struct pdfr *w, xmlNodePtr parent, const xmlNode *f)
{
	const xmlNode *heads[4];
	double n = (double)severity_heads(&w->f_other, "unclassified", heads);
	gap_badge(w, parent, f);
	pdfr_text(w, gap_link(w, parent, pdfr_attr_of(f, "severity"), "unclassified"),
		  "Workloads the catalog does not classify");
	pdfr_text(w, parent, ": ");
	pdfr_count_of(w, parent, n, "workload", NULL);
	pdfr_textf(w, parent, " (%s", workload_name(w, f));
	if (n > 1)
		pdfr_text(w, parent, " and others");
	pdfr_text(w, parent, ") have a type srmap does not know, so who owns their layers is "
		  "undecided and every layer is treated as the client’s. ");
	remediation(w, parent, f);
}

static void gap_other(struct pdfr *w, xmlNodePtr parent, const xmlNode *f)
{
	const char *group = pdfr_other_group_key(f);
	const xmlNode *heads[4];
	double n = !strcmp(group, "other")
			   ? (double)w->unknown_others.n
			   : (double)severity_heads(&w->f_other, pdfr_attr_of(f, "status"), heads);
	gap_badge(w, parent, f);
	pdfr_other_group_title(w, gap_link(w, parent, pdfr_attr_of(f, "severity"), group), f);
	if (n > 1) {
		char *s = pdfr_fmt(w, n, "#,##0");
		pdfr_textf(w, parent, " (%s findings)", s);
		free(s);
	}
	pdfr_text(w, parent, ". ");
	remediation(w, parent, f);
}

/* context: a control with findings, or the first finding of a group of other findings */
static void gap(struct pdfr *w, xmlNodePtr parent, const struct order *o, const xmlNode *ctx)
{
	if (pdfr_is(ctx, "control"))
		gap_control(w, parent, o, ctx);
	else if (!strcmp(pdfr_attr_of(ctx, "status"), "unclassified"))
		gap_unclassified(w, parent, ctx);
	else
		gap_other(w, parent, ctx);
}

/* ---- the most important gaps ---------------------------------------------------------------- */

/* A node of the for-each over the gaps, its position and its sort key. */
struct item {
	const xmlNode *n;
	size_t pos;
	double key;
};

/*
 * substring((key('f-by-sev-ctl', concat('critical|', self::control/@id))[1] | ... | self::finding)/@id, 3):
 * the @id of the first of those nodes that has one; self::control/@id of a finding is "".
 */
static double gap_sort_key(const struct pdfr *w, const struct order *o, const xmlNode *n)
{
	const xmlNode *nodes[5];
	severity_heads(&w->f_by_sev_ctl, pdfr_is(n, "control") ? pdfr_attr_of(n, "id") : "", nodes);
	nodes[4] = pdfr_is(n, "finding") ? n : NULL;
	const xmlNode *with_id = NULL;
	size_t at = SIZE_MAX;
	for (size_t i = 0; i < 5; i++) {
		size_t p = nodes[i] ? position(o, nodes[i]) : SIZE_MAX;
		if (nodes[i] && pdfr_has(nodes[i], "id") && (!with_id || p < at)) {
			with_id = nodes[i];
			at = p;
		}
	}
	const char *id = pdfr_attr_of(with_id, "id");
	for (int k = 0; k < 2 && *id; k++) {      /* skip two characters */
		id++;
		while ((*id & 0xC0) == 0x80)
			id++;
	}
	return pdfr_number(id);
}

/* data-type="number": NaN first; ties in document order */
static int item_cmp(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	int an = isnan(a->key), bn = isnan(b->key);
	if (an != bn)
		return an ? -1 : 1;
	if (!an && a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void add_item(struct item **v, size_t *n, size_t *cap, const struct order *o,
		     const xmlNode *node)
{
	if (!node)
		return;
	GROW(*v, *cap, *n + 1);
	(*v)[(*n)++] = (struct item){ node, position(o, node), NAN };
}

static int has_findings(const struct pdfr *w, const xmlNode *c)
{
	const xmlNode *heads[4];
	return severity_heads(&w->f_by_sev_ctl, pdfr_attr_of(c, "id"), heads) > 0;
}

void pdfr_summary_gaps(struct pdfr *w, xmlNodePtr ul)
{
	static const char *const groups[] = { "unclassified", "no-baa", "artifact-missing",
					      "artifact-mismatch" };
	struct order o;
	order_init(&o, w->a);
	struct item *v = NULL;
	size_t n = 0, cap = 0;
	for (const xmlNode *c = pdfr_child(w->a, "control"); c; c = pdfr_next(c, "control"))
		if (has_findings(w, c))
			add_item(&v, &n, &cap, &o, c);
	for (size_t i = 0; i < 4; i++)
		add_item(&v, &n, &cap, &o, first_of_severities(&o, &w->f_other, groups[i]));
	add_item(&v, &n, &cap, &o, w->unknown_others.n ? w->unknown_others.v[0] : NULL);
	for (size_t i = 0; i < n; i++)
		v[i].key = gap_sort_key(w, &o, v[i].n);
	if (n)
		qsort(v, n, sizeof *v, item_cmp);
	for (size_t i = 0; i < n && i < 3; i++)
		gap(w, pdfr_el(w, ul, "li"), &o, v[i].n);
	free(v);
	free(o.v);
}
