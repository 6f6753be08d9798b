/*
 * pdfreport_scope.c - the scope and method section of report-pdf.xsl (what
 * was assessed, the service models, subscriptions and tenants, the evidence
 * and what the check statuses mean), for its C writer (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* <cell align="right">format-number(n, '#,##0')</cell> */
static void num_cell(struct pdfr *w, xmlNodePtr row, double n)
{
	pdfr_num(w, pdfr_cell(w, row, NULL, 1), n);
}

/* <table widths="widths" size="size"><thead><row> a cell for each of names </row></thead>;
   the cells of the bits of right are aligned right.  Returns the table. */
static xmlNodePtr table(struct pdfr *w, xmlNodePtr parent, const char *widths, const char *size,
			const char *const *names, unsigned right)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", widths);
	pdfr_attr(t, "size", size);
	xmlNodePtr row = pdfr_el(w, pdfr_el(w, t, "thead"), "row");
	for (unsigned i = 0; names[i]; i++)
		pdfr_cell(w, row, names[i], (right >> i) & 1);
	return t;
}

/* <hN id="id">text</hN> */
static void heading(struct pdfr *w, xmlNodePtr parent, const char *h, const char *id,
		    const char *text)
{
	pdfr_attr(pdfr_el_text(w, parent, h, text), "id", id);
}

/* The first child of parent named name beyond the first $distinct-max: the first of
   $x[position() > $distinct-max] (none when $distinct-max is NaN). */
static const xmlNode *beyond_max(const struct pdfr *w, const xmlNode *parent, const char *name)
{
	double k = 0;
	for (const xmlNode *n = pdfr_child(parent, name); n; n = pdfr_next(n, name))
		if (++k > w->p.distinct_max)
			return n;
	return NULL;
}

/* sum($nodes/@attr) of the nodes named name from first on, in document order */
static double sum_of(const xmlNode *first, const char *name, const char *attr)
{
	double sum = 0;
	for (const xmlNode *n = first; n; n = pdfr_next(n, name))
		if (pdfr_has(n, attr))
			sum += pdfr_number(docnode_attr(n, attr));
	return sum;
}

static double count_from(const xmlNode *first, const char *name)
{
	double k = 0;
	for (const xmlNode *n = first; n; n = pdfr_next(n, name))
		k++;
	return k;
}

/* The row for the subscriptions or tenants beyond the first $distinct-max, if any;
   rest: the first of them (NULL: none), name: their element name. */
static void others_row(struct pdfr *w, xmlNodePtr t, const char *label, const xmlNode *rest,
		       const char *name, const char *one)
{
	if (!rest)
		return;
	xmlNodePtr row = pdfr_el(w, t, "row");
	pdfr_cell(w, row, label, 0);
	xmlNodePtr i = pdfr_el(w, pdfr_el(w, row, "cell"), "i");
	char *other = xasprintf("other %s", one);
	pdfr_count_of(w, i, count_from(rest, name), other, NULL);
	free(other);
	num_cell(w, row, sum_of(rest, name, "workloads"));
}

/* "Fabrikam assessed 12 workloads of Contoso as of ..., against HIPAA and SOC 2. ..." */
static void what_was_assessed(struct pdfr *w, xmlNodePtr parent, double nwl)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_textf(w, p, "%s assessed ", w->assessor);
	pdfr_count_of(w, p, nwl, "workload", NULL);
	pdfr_textf(w, p, " of %s as of %s", w->client, w->as_of);
	if (w->n_subscriptions > 0 || w->n_tenants > 0) {
		pdfr_text(w, p, ", in ");
		if (w->n_subscriptions > 0) {
			pdfr_count_of(w, p, w->n_subscriptions, "Azure subscription", NULL);
			if (w->n_tenants > 0)
				pdfr_text(w, p, " and ");
		}
		if (w->n_tenants > 0)
			pdfr_count_of(w, p, w->n_tenants, "tenant", NULL);
	}
	pdfr_text(w, p, ", against ");
	pdfr_text(w, p, w->scope_text);
	pdfr_text(w, p, ". For every workload srmap decided who owns each security layer (the "
		  "provider, the client, or both), then checked each control that applies against "
		  "the evidence: ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(w->summary, "checks")), "check", NULL);
	pdfr_text(w, p, " in all, decided with ");
	const char *ev = docnode_attr(w->summary, "evidence");
	/* $summary/@evidence = 0: false when the attribute is absent */
	if (ev && pdfr_number(ev) == 0)
		pdfr_text(w, p, "no evidence");
	else
		pdfr_count_of(w, p, pdfr_number(ev), "evidence record", NULL);
	pdfr_textf(w, p, " and catalog version %s.", pdfr_attr_of(w->a, "catalog-version"));
}

/* model-count[@count > 0 or @model != 'unclassified'] */
static int model_listed(const xmlNode *m)
{
	const char *model = docnode_attr(m, "model");
	return pdfr_number(docnode_attr(m, "count")) > 0 || (model && strcmp(model, "unclassified"));
}

static const char *model_text(const char *model)
{
	static const char *const texts[] = {
		"iaas", "Virtual machines and networks: the client runs the operating system and "
			"everything above it.",
		"paas", "Managed platforms: the provider runs the operating system; the client its "
			"code, settings, identities and data.",
		"saas", "Finished services: the client governs settings, identities, data and devices.",
		"onprem", "The client’s own datacenters: every layer is the client’s.",
		NULL };
	for (size_t i = 0; model && texts[i]; i += 2)
		if (!strcmp(model, texts[i]))
			return texts[i + 1];
	return "Type not in the catalog: every layer is treated as the client’s until it is "
	       "classified.";
}

static void models(struct pdfr *w, xmlNodePtr parent, double nwl)
{
	heading(w, parent, "h2", "scope-models", "Workloads by service model");
	static const char *const names[] = { "Service model", "What the client runs", "Workloads",
					     "Share", NULL };
	xmlNodePtr t = table(w, parent, "20% 52% 14% 14%", "9", names, 0xC);
	for (const xmlNode *m = pdfr_child(w->summary, "model-count"); m;
	     m = pdfr_next(m, "model-count")) {
		if (!model_listed(m))
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		const char *model = docnode_attr(m, "model");
		double count = pdfr_number(docnode_attr(m, "count"));
		xmlNodePtr c = pdfr_el(w, row, "cell");
		if (count > 0) {
			c = pdfr_el(w, c, "link");
			pdfr_attrf(c, "to", "inv-%s", pdfr_attr_of(m, "model"));
		}
		pdfr_text(w, c, pdfr_model_name(model));
		pdfr_cell(w, row, model_text(model), 0);
		num_cell(w, row, count);
		c = pdfr_cell(w, row, NULL, 1);
		pdfr_percent(w, c, count, nwl);
		pdfr_text(w, c, " %");
	}
	xmlNodePtr row = pdfr_el(w, t, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "b", "Total");
	pdfr_el(w, row, "cell");
	pdfr_num(w, pdfr_el(w, pdfr_cell(w, row, NULL, 1), "b"), nwl);
	pdfr_el_text(w, pdfr_cell(w, row, NULL, 1), "b", "100.0 %");
}

/* <row><cell>label</cell><cell><i>none given</i></cell><cell align="right">n</cell></row>,
   when n > 0 */
static void none_given_row(struct pdfr *w, xmlNodePtr t, const char *label, double n)
{
	if (!(n > 0))
		return;
	xmlNodePtr row = pdfr_el(w, t, "row");
	pdfr_cell(w, row, label, 0);
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "i", "none given");
	num_cell(w, row, n);
}

static void subscriptions(struct pdfr *w, xmlNodePtr parent)
{
	heading(w, parent, "h2", "scope-subscriptions", "Subscriptions and tenants");
	double all = pdfr_number(docnode_attr(w->summary, "workloads"));
	const xmlNode *subs = pdfr_child(w->summary, "subscription");
	const xmlNode *tenants = pdfr_child(w->summary, "tenant");
	double no_sub = all - sum_of(subs, "subscription", "workloads");
	double no_tenant = all - sum_of(tenants, "tenant", "workloads");
	static const char *const names[] = { "Kind", "Subscription or tenant", "Workloads", NULL };
	xmlNodePtr t = table(w, parent, "16% 68% 16%", "8.5", names, 0x4);
	double k = 0;
	for (const xmlNode *s = subs; s; s = pdfr_next(s, "subscription")) {
		if (!(++k <= w->p.distinct_max))
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_cell(w, row, "Subscription", 0);
		xmlNodePtr c = pdfr_el(w, row, "cell");
		if (pdfr_has(s, "name"))
			pdfr_textf(w, c, "%s ", pdfr_attr_of(s, "name"));
		pdfr_el_text(w, c, "code", pdfr_attr_of(s, "id"));
		num_cell(w, row, pdfr_number(docnode_attr(s, "workloads")));
	}
	others_row(w, t, "Subscription", beyond_max(w, w->summary, "subscription"), "subscription",
		   "subscription");
	none_given_row(w, t, "Subscription", no_sub);
	k = 0;
	for (const xmlNode *s = tenants; s; s = pdfr_next(s, "tenant")) {
		if (!(++k <= w->p.distinct_max))
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_cell(w, row, "Tenant", 0);
		pdfr_cell(w, row, pdfr_attr_of(s, "id"), 0);
		num_cell(w, row, pdfr_number(docnode_attr(s, "workloads")));
	}
	others_row(w, t, "Tenant", beyond_max(w, w->summary, "tenant"), "tenant", "tenant");
	none_given_row(w, t, "Tenant", no_tenant);
}

/* ", collected between ... and ..." and the like */
static void collected(struct pdfr *w, xmlNodePtr p)
{
	const char *earliest = docnode_attr(w->summary, "evidence-earliest");
	const char *latest = docnode_attr(w->summary, "evidence-latest");
	if (!earliest) {
		pdfr_text(w, p, ", none of which says when it was collected");
	} else if (latest && !strcmp(earliest, latest)) {
		pdfr_text(w, p, ", collected at ");
		pdfr_time(w, p, earliest);
	} else {
		pdfr_text(w, p, ", collected between ");
		pdfr_time(w, p, earliest);
		pdfr_text(w, p, " and ");
		pdfr_time(w, p, latest);
	}
}

static void undated(struct pdfr *w, xmlNodePtr p)
{
	const char *n = docnode_attr(w->summary, "evidence-undated");
	if (!n)
		return;
	if (pdfr_has(w->summary, "evidence-earliest")) {
		pdfr_count_of(w, p, pdfr_number(n), "record", NULL);
		pdfr_text(w, p, " came from exports that do not say when they were taken. ");
	}
	if (!strcmp(pdfr_attr_of(w->profile, "undated-evidence"), "stale"))
		pdfr_text(w, p, "Evidence of unknown collection time is treated as stale, as the "
			  "profile asks. ");
	else
		pdfr_text(w, p, "Evidence of unknown collection time is treated as current (the "
			  "profile’s default); its date shows as unknown in the register. ");
}

static double evidence_inputs(const struct pdfr *w)
{
	double k = 0;
	for (const xmlNode *in = pdfr_child(w->a, "inputs"); in; in = pdfr_next(in, "inputs"))
		for (const xmlNode *i = pdfr_child(in, "input"); i; i = pdfr_next(i, "input"))
			k += !strcmp(pdfr_attr_of(i, "role"), "evidence");
	return k;
}

static void evidence_text(struct pdfr *w, xmlNodePtr parent, double nev)
{
	double unused = pdfr_number(docnode_attr(w->summary, "evidence-unused"));
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_count_of(w, p, nev, "evidence record", NULL);
	pdfr_text(w, p, " from ");
	pdfr_count_of(w, p, evidence_inputs(w), "file", NULL);
	collected(w, p);
	pdfr_text(w, p, ". Passing evidence collected more than ");
	pdfr_count_of(w, p, pdfr_number(docnode_attr(w->profile, "max-evidence-age-days")), "day",
		      NULL);
	pdfr_textf(w, p, " before %s is stale. ", w->as_of);
	undated(w, p);
	if (unused == 0) {
		pdfr_text(w, p, "Every record decided at least one check.");
		return;
	}
	pdfr_count_of(w, p, unused, "record", NULL);
	pdfr_text(w, p, " decided no check (a more specific or newer record won, or the control "
		  "does not apply); the ");
	pdfr_attr(pdfr_el_text(w, p, "link", "evidence register"), "to", "evidence");
	pdfr_text(w, p, " marks them.");
}

static void collectors(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const names[] = { "Collected by", "Records", "Earliest", "Latest", NULL };
	xmlNodePtr t = table(w, parent, "40% 12% 24% 24%", "8.5", names, 0x2);
	double k = 0;
	for (const xmlNode *c = pdfr_child(w->summary, "collector"); c;
	     c = pdfr_next(c, "collector")) {
		if (!(++k <= w->p.distinct_max))
			continue;
		xmlNodePtr row = pdfr_el(w, t, "row");
		pdfr_cell(w, row, pdfr_attr_of(c, "name"), 0);
		num_cell(w, row, pdfr_number(docnode_attr(c, "records")));
		if (pdfr_has(c, "earliest")) {
			pdfr_time(w, pdfr_el(w, row, "cell"), docnode_attr(c, "earliest"));
			pdfr_time(w, pdfr_el(w, row, "cell"), docnode_attr(c, "latest"));
		} else {
			pdfr_cell(w, row, "unknown", 0);
			pdfr_cell(w, row, "unknown", 0);
		}
	}
	const xmlNode *rest = beyond_max(w, w->summary, "collector");
	if (!rest)
		return;
	xmlNodePtr row = pdfr_el(w, t, "row");
	pdfr_count_of(w, pdfr_el(w, pdfr_el(w, row, "cell"), "i"), count_from(rest, "collector"),
		      "other collector", NULL);
	num_cell(w, row, sum_of(rest, "collector", "records"));
	pdfr_el(w, row, "cell");
	pdfr_el(w, row, "cell");
}

static void evidence(struct pdfr *w, xmlNodePtr parent)
{
	heading(w, parent, "h2", "scope-evidence", "Evidence");
	double nev = pdfr_number(docnode_attr(w->summary, "evidence"));
	if (nev == 0) {
		pdfr_el_text(w, parent, "p", "No evidence was given: every check on a layer the "
			     "client owns or shares is missing, and only the provider’s layers "
			     "(inherited) count in the client’s favour.");
		return;
	}
	evidence_text(w, parent, nev);
	collectors(w, parent);
}

static void statuses(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const rows[][2] = {
		{ "satisfied", "Current evidence shows the control in place on a layer the client "
			       "owns or shares." },
		{ "inherited", "The layer is the provider’s: the control is covered by the "
			       "provider’s attestations and needs no evidence from the client." },
		{ "failed", "The deciding evidence shows the control is not in place, however old "
			    "that evidence is." },
		{ "missing", "No evidence was given for a control on a layer the client owns or "
			     "shares. It counts as a gap." },
		{ "stale", "The evidence passed but is older than the evidence age limit; the "
			   "finding is one severity level lower." },
		{ "not-applicable", "The evidence says the control does not apply to this "
				    "workload; the check is left out of every score." },
	};
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	heading(w, keep, "h2", "scope-statuses", "What the check statuses mean");
	xmlNodePtr t = pdfr_el(w, keep, "table");
	pdfr_attr(t, "widths", "20% 80%");
	pdfr_attr(t, "size", "9");
	pdfr_attr(t, "zebra", "no");
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		pdfr_status_row(w, t, rows[i][0], rows[i][1]);
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "How each status is decided, what the requirement statuses mean and how "
		  "the scores are computed is set out in the ");
	pdfr_attr(pdfr_el_text(w, p, "link", "methodology"), "to", "method");
	pdfr_text(w, p, ".");
}

void pdfr_scope_and_method(struct pdfr *w, xmlNodePtr parent)
{
	double nwl = pdfr_number(docnode_attr(w->summary, "workloads"));
	heading(w, parent, "h1", "scope", "Scope and method");
	what_was_assessed(w, parent, nwl);
	models(w, parent, nwl);
	subscriptions(w, parent);
	evidence(w, parent);
	statuses(w, parent);
}
