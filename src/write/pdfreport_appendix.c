/*
 * pdfreport_appendix.c - the evidence register (with the notes on the
 * evidence artifacts attached to the PDF) and the methodology appendices of
 * report-pdf.xsl, for its C writer (pdfreport.h).  The provenance appendix
 * is in pdfreport_provenance.c.
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- the evidence register ------------------------------------------------------- */

/* How many times c occurs in s (string-length(s) - string-length(translate(s, c, ''))). */
static double count_char(const char *s, char c)
{
	double n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

/* The limit-text variable: the size limit in MB from 1 MB up, else in bytes. */
static char *limit_text(struct pdfr *w)
{
	double limit = pdfr_number(w->p.attach_limit);
	const char *pattern = limit >= 1048576 ? "#,##0.#" : "#,##0";
	char *n = pdfr_fmt(w, limit >= 1048576 ? limit / 1048576 : limit, pattern);
	char *text = xasprintf("%s %s", n, limit >= 1048576 ? "MB" : "bytes");
	free(n);
	return text;
}

void pdfr_attachment_summary(struct pdfr *w, xmlNodePtr parent)
{
	const char *skipped = w->p.attachments_skipped;
	double n_attached = count_char(w->p.attachments, '\t');
	/* - number($attachments-skipped != ''): the line feed it starts with */
	double n_skipped = count_char(skipped, '\n') - (*skipped != '\0');
	if (n_attached == 0 && n_skipped == 0) {
		pdfr_text(w, parent, "No evidence artifact could be attached to this PDF: no record "
			  "names an artifact file that srmap found and, where the record states a "
			  "hash, matched.");
		return;
	}
	pdfr_text(w, parent, "The artifact files of ");
	pdfr_count_of(w, parent, n_attached, "evidence record", NULL);
	pdfr_text(w, parent, " are attached to this PDF, each under its path as the record gives "
		  "it (a PDF reader lists them in its attachments panel); the register marks them ");
	pdfr_el_text(w, parent, "b", "Attached");
	pdfr_text(w, parent, ".");
	if (n_skipped > 0) {
		pdfr_text(w, parent, " The artifacts of ");
		pdfr_count_of(w, parent, n_skipped, "more record", NULL);
		char *limit = limit_text(w);
		pdfr_textf(w, parent, " are not attached, because together they would pass the limit "
			   "of %s on attached files; they are marked ", limit);
		free(limit);
		pdfr_el_text(w, parent, "i", "Not attached: over the size limit");
		pdfr_text(w, parent, ".");
	}
}

/*
 * The name variable of attachment-note: substring-before(substring-after(
 * $attachments, concat('&#10;', @id, '&#9;')), '&#10;'); the caller frees it.
 */
static char *attached_name(const char *attachments, const char *id)
{
	char *mark = xasprintf("\n%s\t", id);
	const char *after = strstr(attachments, mark);
	char *name;
	if (!after) {
		name = xstrdup("");
	} else {
		after += strlen(mark);
		const char *end = strchr(after, '\n');
		name = end ? xasprintf("%.*s", (int)(end - after), after) : xstrdup("");
	}
	free(mark);
	return name;
}

/* contains($attachments-skipped, concat('&#10;', @id, '&#10;')) */
static int skipped(const char *list, const char *id)
{
	char *mark = xasprintf("\n%s\n", id);
	int found = strstr(list, mark) != NULL;
	free(mark);
	return found;
}

static void attachment_note(struct pdfr *w, xmlNodePtr parent, const xmlNode *ev)
{
	const char *artifact = docnode_attr(ev, "artifact");
	if (!*w->p.attach_limit || !artifact)
		return;
	const char *id = pdfr_attr_of(ev, "id");
	const char *state = pdfr_attr_of(ev, "artifact-state");
	char *name = attached_name(w->p.attachments, id);
	pdfr_el(w, parent, "br");
	if (*name) {
		pdfr_el_text(w, parent, "b", "Attached");
		if (strcmp(name, artifact)) {
			pdfr_text(w, parent, " as ");
			pdfr_el_text(w, parent, "code", name);
		}
	} else if (skipped(w->p.attachments_skipped, id)) {
		pdfr_el_text(w, parent, "i", "Not attached: over the size limit");
	} else if (!strcmp(state, "missing")) {
		pdfr_el_text(w, parent, "i", "Not attached: no file");
	} else if (!strcmp(state, "mismatch")) {
		pdfr_el_text(w, parent, "i", "Not attached: not the file recorded");
	} else {
		pdfr_el_text(w, parent, "i", "Not attached");
	}
	free(name);
}

/* The register's explanation above the table. */
static void register_intro(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "Every evidence record read, in input order. The SHA-256 is the hash of "
		  "the artifact as stated in the record; where srmap read the artifact it shows "
		  "whether the file matches it. Records marked ");
	pdfr_el_text(w, p, "i", "not used");
	pdfr_text(w, p, " decided no check: a record for a narrower scope or a newer one won, or "
		  "the control does not apply to the workloads the record names.");
	if (*w->p.attach_limit) {
		pdfr_text(w, p, " ");
		pdfr_attachment_summary(w, p);
	}
}

/* $c/title, $c = key('control', @control): the first title of those controls */
static const xmlNode *control_title(const struct pdfr_nodes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const xmlNode *t = pdfr_child(c->v[i], "title");
		if (t)
			return t;
	}
	return NULL;
}

/* $w/@name, $w = key('workload', @workload): the first name of those workloads */
static const char *workload_name(const struct pdfr_nodes *wl)
{
	for (size_t i = 0; i < wl->n; i++) {
		const char *name = docnode_attr(wl->v[i], "name");
		if (name)
			return name;
	}
	return "";
}

static void control_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *ev)
{
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	const struct pdfr_nodes *c = pdfr_key_get(&w->control, docnode_attr(ev, "control"));
	if (c->n) {
		char *title = pdfr_string(control_title(c));
		pdfr_text(w, cell, title);
		free(title);
	} else {
		pdfr_el_text(w, cell, "code", pdfr_attr_of(ev, "control"));
	}
}

static void scope_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *ev)
{
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	const char *scope = pdfr_attr_of(ev, "scope");
	const char *scope_id = pdfr_attr_of(ev, "scope-id");
	if (!strcmp(scope, "workload")) {
		const struct pdfr_nodes *wl = pdfr_key_get(&w->workload, docnode_attr(ev, "workload"));
		if (wl->n)
			pdfr_text(w, cell, workload_name(wl));
		else
			pdfr_el_text(w, cell, "code", scope_id);
	} else if (!strcmp(scope, "subscription")) {
		pdfr_text(w, cell, "Subscription");
		pdfr_el(w, cell, "br");
		pdfr_el_text(w, cell, "code", scope_id);
	} else {
		pdfr_text(w, cell, "Tenant");
		pdfr_el(w, cell, "br");
		pdfr_text(w, cell, scope_id);
	}
}

static void badge(struct pdfr *w, xmlNodePtr parent, const char *status, const char *text)
{
	pdfr_attr(pdfr_el_text(w, parent, "badge", text), "status", status);
}

static void result_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *ev)
{
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	const char *result = pdfr_attr_of(ev, "result");
	if (!strcmp(result, "pass"))
		badge(w, cell, "satisfied", "Pass");
	else if (!strcmp(result, "fail"))
		badge(w, cell, "failed", "Fail");
	else
		badge(w, cell, "not-applicable", "N/A");
	if (!strcmp(pdfr_attr_of(ev, "used"), "false")) {
		pdfr_el(w, cell, "br");
		pdfr_el_text(w, cell, "i", "not used");
	}
}

static void artifact_cell(struct pdfr *w, xmlNodePtr row, const xmlNode *ev)
{
	static const char *const states[][3] = { { "verified", "satisfied", "Hash verified" },
		{ "mismatch", "failed", "Hash mismatch" }, { "missing", "missing", "File missing" },
		{ "unverified", "not-assessed", "Not verified" } };
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	const char *state = pdfr_attr_of(ev, "artifact-state");
	for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
		if (!strcmp(state, states[i][0])) {
			badge(w, cell, states[i][1], states[i][2]);
			pdfr_el(w, cell, "br");
			break;
		}
	}
	int artifact = pdfr_has(ev, "artifact"), sha = pdfr_has(ev, "sha256");
	if (artifact)
		pdfr_el_text(w, cell, "code", pdfr_attr_of(ev, "artifact"));
	if (artifact && sha)
		pdfr_el(w, cell, "br");
	if (sha)
		pdfr_el_text(w, cell, "code", pdfr_attr_of(ev, "sha256"));
	/* @artifact-sha256 and (not(@sha256) or @artifact-state = 'mismatch') */
	if (pdfr_has(ev, "artifact-sha256") && (!sha || !strcmp(state, "mismatch"))) {
		pdfr_el(w, cell, "br");
		pdfr_el_text(w, cell, "i", "file: ");
		pdfr_el_text(w, cell, "code", pdfr_attr_of(ev, "artifact-sha256"));
	}
	if (!artifact && !sha)
		pdfr_el_text(w, cell, "i", "none");
	attachment_note(w, cell, ev);
}

static void register_row(struct pdfr *w, xmlNodePtr table, const xmlNode *ev)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(ev, "id"));
	control_cell(w, row, ev);
	scope_cell(w, row, ev);
	result_cell(w, row, ev);
	pdfr_time(w, pdfr_el(w, row, "cell"), pdfr_attr_of(ev, "collected-at"));
	pdfr_text(w, pdfr_el(w, row, "cell"), pdfr_attr_of(ev, "collected-by"));
	artifact_cell(w, row, ev);
}

static void register_head(struct pdfr *w, xmlNodePtr table)
{
	static const char *const heads[] = { "Id", "Control", "Scope", "Result", "Collected at",
		"Collected by", "Artifact and SHA-256", NULL };
	xmlNodePtr row = pdfr_el(w, pdfr_el(w, table, "thead"), "row");
	for (size_t i = 0; heads[i]; i++)
		pdfr_el_text(w, row, "cell", heads[i]);
}

void pdfr_evidence_register(struct pdfr *w, xmlNodePtr parent)
{
	char *title = xasprintf("Appendix %s — Evidence register", w->app_evidence);
	pdfr_attr(pdfr_el_text(w, parent, "h1", title), "id", "evidence");
	free(title);
	if (!pdfr_child(w->a, "evidence")) {
		pdfr_el_text(w, parent, "p", "No evidence records were given for this assessment.");
		return;
	}
	register_intro(w, parent);
	xmlNodePtr table = pdfr_el(w, parent, "table");
	pdfr_attr(table, "widths", "10% 16% 17% 9% 11% 13% 24%");
	pdfr_attr(table, "size", "7.5");
	register_head(w, table);
	double k = 0;
	/* $a/evidence[not($brief) or position() <= $summary-rows] */
	for (const xmlNode *ev = pdfr_child(w->a, "evidence"); ev; ev = pdfr_next(ev, "evidence"))
		if (!w->brief || ++k <= w->p.summary_rows)
			register_row(w, table, ev);
	if (w->brief)
		pdfr_left_out(w, parent, (double)pdfr_count(w->a, "evidence"), "evidence record");
}

/* ---- the methodology ------------------------------------------------------------- */

static xmlNodePtr heading(struct pdfr *w, xmlNodePtr parent, const char *name, const char *id,
			  const char *text)
{
	xmlNodePtr h = pdfr_el_text(w, parent, name, text);
	pdfr_attr(h, "id", id);
	return h;
}

static xmlNodePtr small_table(struct pdfr *w, xmlNodePtr parent, const char *widths)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", widths);
	pdfr_attr(t, "size", "9");
	pdfr_attr(t, "zebra", "no");
	return t;
}

/* A numbered row of the rules table; returns its second cell. */
static xmlNodePtr rule_row(struct pdfr *w, xmlNodePtr table, const char *n)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_attr(pdfr_el_text(w, row, "cell", n), "align", "right");
	return pdfr_el(w, row, "cell");
}

/* Rule 5: stale evidence, whose age limit the profile gives. */
static void stale_rule(struct pdfr *w, xmlNodePtr cell)
{
	pdfr_text(w, cell, "It says the control passed but was collected more than ");
	pdfr_count_of(w, cell, pdfr_number(docnode_attr(w->profile, "max-evidence-age-days")),
		      "day", NULL);
	pdfr_text(w, cell, " before the as-of date");
	if (!strcmp(pdfr_attr_of(w->profile, "undated-evidence"), "stale"))
		pdfr_text(w, cell, ", or when it was collected is unknown");
	pdfr_text(w, cell, ": ");
	badge(w, cell, "stale", "Stale");
	pdfr_text(w, cell, ".");
}

static void check_rules(struct pdfr *w, xmlNodePtr parent)
{
	/* number, text before the badge, its status, its text, text after it */
	static const char *const rules[][5] = {
		{ "1.", "The layer is the provider’s: ", "inherited", "Inherited",
		  ". No evidence is consulted." },
		{ "2.", "No evidence record names the control for the workload, its subscription or "
		  "its tenant: ", "missing", "Missing", "." },
		{ "3.", "The deciding record says the control does not apply: ", "not-applicable",
		  "Not applicable", "." },
		{ "4.", "It says the control failed: ", "failed", "Failed", ", however old the record." },
		{ "5.", NULL, NULL, NULL, NULL },
		{ "6.", "Otherwise: ", "satisfied", "Satisfied", "." } };
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	heading(w, keep, "h2", "method-checks", "How a check’s status is decided");
	pdfr_el_text(w, keep, "p", "The first rule that fits decides:");
	xmlNodePtr table = small_table(w, keep, "5% 95%");
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		xmlNodePtr cell = rule_row(w, table, rules[i][0]);
		if (!rules[i][1]) {
			stale_rule(w, cell);
			continue;
		}
		pdfr_text(w, cell, rules[i][1]);
		badge(w, cell, rules[i][2], rules[i][3]);
		pdfr_text(w, cell, rules[i][4]);
	}
}

static void requirement_statuses(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const statuses[][2] = {
		{ "met", "No bad checks, and at least one satisfied." },
		{ "inherited", "No bad checks, and every good check is inherited from the provider." },
		{ "partially-met", "Both good and bad checks." },
		{ "not-met", "Bad checks only." },
		{ "not-applicable", "Cited, but every check behind it is not applicable." },
		{ "not-assessed", "No control cites it, or the controls that cite it apply to no "
		  "workload in scope." } };
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	heading(w, keep, "h2", "method-requirements", "Requirement statuses");
	pdfr_el_text(w, keep, "p", "A framework requirement adds up all checks, over all "
		     "workloads, of every control that cites it exactly. Good checks are satisfied "
		     "or inherited; bad checks are failed, missing or stale.");
	xmlNodePtr table = small_table(w, keep, "20% 80%");
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		pdfr_status_row(w, table, statuses[i][0], statuses[i][1]);
}

static void scores(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const terms[][2] = {
		{ "Framework score", " = (met + inherited + 0.5 × partially met) / assessed "
		  "requirements, where assessed = met + partially met + not met + inherited. "
		  "Not-applicable and not-assessed requirements do not count." },
		{ "Coverage", " = assessed requirements / all requirements of the framework (for "
		  "FedRAMP, all controls of the baseline)." },
		{ "Overall score", " = (satisfied + inherited) / (all checks − not-applicable "
		  "checks): the share of decided checks that are in order. Missing and stale checks "
		  "count against it." } };
	heading(w, parent, "h2", "method-scores", "Scores");
	xmlNodePtr ul = pdfr_el(w, parent, "ul");
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++) {
		xmlNodePtr li = pdfr_el(w, ul, "li");
		pdfr_el_text(w, li, "b", terms[i][0]);
		pdfr_text(w, li, terms[i][1]);
	}
	xmlNodePtr li = pdfr_el(w, ul, "li");
	pdfr_text(w, li, "Percentages are rounded half up to one decimal. FedRAMP requirements "
		  "are the NIST SP 800-53 Rev 5 controls of the ");
	pdfr_text(w, li, w->baseline);
	pdfr_text(w, li, " baseline, matched exactly (AC-2 does not count for AC-2(1)). Catalog ");
	pdfr_text(w, li, pdfr_attr_of(w->a, "catalog-version"));
	pdfr_textf(w, li, ", srmap %s.", pdfr_attr_of(w->a, "tool-version"));
}

void pdfr_methodology(struct pdfr *w, xmlNodePtr parent)
{
	char *title = xasprintf("Appendix %s — Methodology", w->app_method);
	heading(w, parent, "h1", "method", title);
	free(title);
	heading(w, parent, "h2", "method-model", "The shared-responsibility model");
	pdfr_el_text(w, parent, "p", "In the cloud, security is split between the provider and "
		     "the client. The provider always runs the physical datacenters, network and "
		     "hosts. With IaaS the client runs the operating system and everything above "
		     "it; with PaaS the provider also runs the operating system; with SaaS it runs "
		     "the application too. Identities, data, service settings and client devices "
		     "stay the client’s under every model, and on-premises every layer is.");
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "srmap gives each workload the owner of each layer from the ");
	pdfr_attr(pdfr_el_text(w, p, "link", "responsibility matrix"), "to", "matrix");
	pdfr_text(w, p, " for its service model, then checks every control of the catalog that "
		  "applies to the workload. A control belongs to one layer, so whoever owns that "
		  "layer owns the control.");
	check_rules(w, parent);
	pdfr_el_text(w, parent, "p", "The deciding record has the narrowest scope (workload, then "
		     "subscription, then tenant), then is the latest; at the same time, fail beats "
		     "not applicable, which beats pass. Shared layers are decided like the client’s "
		     "own. Failed and missing checks are findings at the control’s severity, stale "
		     "ones one level lower; an unclassified workload is a medium finding.");
	requirement_statuses(w, parent);
	scores(w, parent);
}
