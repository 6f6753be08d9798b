/*
 * pdfreport_provenance.c - the provenance appendix of report-pdf.xsl (what
 * the run read, the text it replaced, its warnings), for its C writer
 * (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* The input after in of $a/inputs/input (in NULL: the first), over every inputs element. */
static const xmlNode *next_input(const xmlNode *a, const xmlNode *in)
{
	const xmlNode *inputs = in ? in->parent : pdfr_child(a, "inputs");
	const xmlNode *next = in ? pdfr_next(in, "input") : pdfr_child(inputs, "input");
	while (!next && inputs) {
		inputs = pdfr_next(inputs, "inputs");
		next = pdfr_child(inputs, "input");
	}
	return next;
}

/* A row of the run's table, with its label in bold; returns the second cell. */
static xmlNodePtr run_row(struct pdfr *w, xmlNodePtr table, const char *label)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "b", label);
	return pdfr_el(w, row, "cell");
}

static void catalog_cell(struct pdfr *w, xmlNodePtr cell)
{
	pdfr_textf(w, cell, "version %s", pdfr_attr_of(w->a, "catalog-version"));
	if (!pdfr_has(w->a, "catalog-sha256"))
		return;
	pdfr_el(w, cell, "br");
	pdfr_text(w, cell, "SHA-256 ");
	pdfr_el_text(w, cell, "code", pdfr_attr_of(w->a, "catalog-sha256"));
	pdfr_el(w, cell, "br");
	pdfr_el_text(w, cell, "i", "over the list of catalog files below with their SHA-256, in "
		     "the order they were merged");
}

static void templates_cell(struct pdfr *w, xmlNodePtr cell)
{
	size_t k = 0;
	/* $a/inputs/input[@role = 'template'] */
	for (const xmlNode *in = next_input(w->a, NULL); in; in = next_input(w->a, in)) {
		if (strcmp(pdfr_attr_of(in, "role"), "template"))
			continue;
		if (k++)
			pdfr_el(w, cell, "br");
		pdfr_el_text(w, cell, "code", pdfr_attr_of(in, "path"));
	}
	if (!k)
		pdfr_el_text(w, cell, "i", "none recorded");
}

static void run_table(struct pdfr *w, xmlNodePtr parent)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", "24% 76%");
	pdfr_attr(t, "size", "8.5");
	pdfr_attr(t, "zebra", "no");
	pdfr_time(w, run_row(w, t, "Generated"), pdfr_attr_of(w->a, "generated"));
	pdfr_text(w, run_row(w, t, "As of"), w->as_of);
	pdfr_text(w, run_row(w, t, "srmap version"), pdfr_attr_of(w->a, "tool-version"));
	catalog_cell(w, run_row(w, t, "Catalog"));
	templates_cell(w, run_row(w, t, "Templates"));
	xmlNodePtr cell = run_row(w, t, "Profile");
	if (pdfr_has(w->profile, "file"))
		pdfr_el_text(w, cell, "code", pdfr_attr_of(w->profile, "file"));
	else
		pdfr_el_text(w, cell, "i", "none: the defaults");
	const xmlNode *cmd = pdfr_child(w->a, "command-line");
	if (cmd) {
		char *text = pdfr_string(cmd);
		pdfr_el_text(w, run_row(w, t, "Command line"), "code", text);
		free(text);
	}
	if (*w->p.attach_limit)
		pdfr_attachment_summary(w, run_row(w, t, "Evidence attached"));
}

/* <cell align="right">text</cell> */
static void right_cell(struct pdfr *w, xmlNodePtr row, const char *text)
{
	pdfr_attr(pdfr_el_text(w, row, "cell", text), "align", "right");
}

/* A cell of format-number(value, '#,##0'), aligned right. */
static void number_cell(struct pdfr *w, xmlNodePtr row, const char *value)
{
	char *n = pdfr_fmt_s(w, value, "#,##0");
	right_cell(w, row, n);
	free(n);
}

static void input_row(struct pdfr *w, xmlNodePtr table, const xmlNode *in)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	const char *role = pdfr_attr_of(in, "role");
	pdfr_el_text(w, row, "cell", role);
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(in, "path"));
	pdfr_el_text(w, row, "cell", pdfr_attr_of(in, "format"));
	if (!strcmp(role, "catalog") || !strcmp(role, "template"))
		right_cell(w, row, "—");
	else
		number_cell(w, row, docnode_attr(in, "records"));
	number_cell(w, row, docnode_attr(in, "size"));
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(in, "sha256"));
}

/* <thead><row> of cells; a name starting with '>' is aligned right */
static void head_row(struct pdfr *w, xmlNodePtr table, const char *const *names)
{
	xmlNodePtr row = pdfr_el(w, pdfr_el(w, table, "thead"), "row");
	for (; *names; names++) {
		if (**names == '>')
			right_cell(w, row, *names + 1);
		else
			pdfr_el_text(w, row, "cell", *names);
	}
}

static void inputs_table(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const heads[] = { "Role", "File", "Format", ">Records", ">Bytes",
		"SHA-256", NULL };
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Files read"), "id", "provenance-inputs");
	pdfr_el_text(w, parent, "p", "Every file the run read, with the format srmap detected, "
		     "the records it took from the file, its size and its SHA-256.");
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", "9% 27% 13% 9% 8% 34%");
	pdfr_attr(t, "size", "7.5");
	head_row(w, t, heads);
	for (const xmlNode *in = next_input(w->a, NULL); in; in = next_input(w->a, in))
		input_row(w, t, in);
}

static void replaced_row(struct pdfr *w, xmlNodePtr table, const xmlNode *r)
{
	xmlNodePtr row = pdfr_el(w, table, "row");
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(r->parent, "path"));
	xmlNodePtr cell = pdfr_el(w, row, "cell");
	pdfr_textf(w, cell, "%s:%s", pdfr_attr_of(r, "line"), pdfr_attr_of(r, "col"));
	if (!strcmp(pdfr_attr_of(r, "key"), "true"))
		pdfr_text(w, cell, " (its key)");
	right_cell(w, row, pdfr_attr_of(r, "chars"));
	pdfr_el_text(w, pdfr_el(w, row, "cell"), "code", pdfr_attr_of(r, "sha256"));
}

/* The text replaced: $replaced = $a/inputs/input/replaced, the first 50 listed. */
static void replaced_text(struct pdfr *w, xmlNodePtr parent)
{
	static const char *const heads[] = { "File", "Line:column", ">Replaced",
		"SHA-256 of the original string", NULL };
	double n = 0;
	for (const xmlNode *in = next_input(w->a, NULL); in; in = next_input(w->a, in))
		n += (double)pdfr_count(in, "replaced");
	if (n == 0)
		return;
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Text replaced"), "id", "provenance-replaced");
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "XML cannot carry some control characters. In ");
	pdfr_count_of(w, p, n, "string", NULL);
	pdfr_text(w, p, " of the files read, srmap replaced each such character by U+FFFD (shown "
		  "as a replacement mark) in this report and every other output; the SHA-256 of "
		  "each original string ties the text here to the file");
	if (n > 50)
		pdfr_text(w, p, ". The first 50 are listed; the assessment XML lists all");
	pdfr_text(w, p, ".");
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", "30% 16% 10% 44%");
	pdfr_attr(t, "size", "7.5");
	head_row(w, t, heads);
	size_t k = 0;
	for (const xmlNode *in = next_input(w->a, NULL); in && k < 50; in = next_input(w->a, in))
		for (const xmlNode *r = pdfr_child(in, "replaced"); r && k < 50;
		     r = pdfr_next(r, "replaced"), k++)
			replaced_row(w, t, r);
}

static void diagnostic_item(struct pdfr *w, xmlNodePtr ul, const xmlNode *d)
{
	xmlNodePtr li = pdfr_el(w, ul, "li");
	if (pdfr_has(d, "file")) {
		xmlNodePtr code = pdfr_el_text(w, li, "code", pdfr_attr_of(d, "file"));
		if (pdfr_has(d, "line"))
			pdfr_textf(w, code, ":%s", pdfr_attr_of(d, "line"));
		pdfr_text(w, li, ": ");
	}
	char *text = pdfr_string(d);
	pdfr_text(w, li, text);
	free(text);
}

static void warnings(struct pdfr *w, xmlNodePtr parent)
{
	pdfr_attr(pdfr_el_text(w, parent, "h2", "Warnings"), "id", "provenance-warnings");
	double nd = (double)pdfr_count(w->a, "diagnostic");
	if (nd == 0) {
		pdfr_el_text(w, parent, "p", "The run reported no warnings.");
		return;
	}
	xmlNodePtr keep = pdfr_el(w, parent, "keep");
	pdfr_attr(keep, "with-next", "yes");
	xmlNodePtr p = pdfr_el(w, keep, "p");
	pdfr_text(w, p, "The run reported ");
	pdfr_count_of(w, p, nd, "warning", NULL);
	if (nd > 20)
		pdfr_text(w, p, "; the first 20");
	pdfr_text(w, p, ":");
	xmlNodePtr ul = pdfr_el(w, parent, "ul");
	size_t k = 0;
	/* $a/diagnostic[position() <= 20] */
	for (const xmlNode *d = pdfr_child(w->a, "diagnostic"); d && k < 20;
	     d = pdfr_next(d, "diagnostic"), k++)
		diagnostic_item(w, ul, d);
}

void pdfr_provenance(struct pdfr *w, xmlNodePtr parent)
{
	char *title = xasprintf("Appendix %s — Provenance of this run", w->app_provenance);
	pdfr_attr(pdfr_el_text(w, parent, "h1", title), "id", "provenance");
	free(title);
	xmlNodePtr p = pdfr_el(w, parent, "p");
	pdfr_text(w, p, "What this report was made from and how, so that it can be reproduced "
		  "and checked: ");
	pdfr_el_text(w, p, "code", "srmap verify assessment.xml");
	pdfr_text(w, p, " re-hashes every file below and says whether it still matches.");
	run_table(w, parent);
	inputs_table(w, parent);
	replaced_text(w, parent);
	warnings(w, parent);
}
