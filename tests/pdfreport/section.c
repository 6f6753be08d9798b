/*
 * section.c - compares one section of the PDF template's C writer
 * (src/write/pdfreport.h) with the template's own named template.
 *
 *   section TEMPLATE ASSESSMENT.xml NAME [PARAM=VALUE...]
 *   section --list
 *
 * Runs TEMPLATE (report-pdf.xsl) imported by a stylesheet that calls its
 * template NAME with the assessment as context (for "drift" and "framework",
 * applies templates to those elements; for "assessment", to the root's
 * element), and the writer's section of that name, with the same string
 * parameters; prints "same" and exits 0 when both results serialize to the
 * same bytes, else prints where they part and exits 1.  Exits 2 for a
 * section the writer does not have, 3 for bad usage or input.  --list prints
 * the sections the writer has.
 */
#include "write/pdfreport.h"
#include "srmap/base/diag.h"
#include "srmap/write/template.h"

#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const known[] = { "assessment", "cover", "executive-summary", "drift",
	"scope-and-method", "responsibility-model", "controls-by-domain", "inventory", "findings",
	"framework", "evidence-register", "methodology", "provenance", "coverage", NULL };

/* The children of root, serialized one after the other. */
static char *dump_children(xmlDocPtr doc, xmlNodePtr root)
{
	/* in UTF-8 whatever encoding either document says it has */
	xmlBufferPtr b = xmlBufferCreate();
	xmlOutputBufferPtr out = xmlOutputBufferCreateBuffer(b, xmlFindCharEncodingHandler("UTF-8"));
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		xmlNodeDumpOutput(out, doc, c, 0, 0, "UTF-8");
	xmlOutputBufferClose(out);
	char *s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

static char *by_template(const char *xsl, xmlDocPtr in, const char *name, const char **params)
{
	char abs[PATH_MAX];
	if (!realpath(xsl, abs))
		return NULL;
	char call[512];
	if (!strcmp(name, "drift") || !strcmp(name, "framework") || !strcmp(name, "assessment"))
		snprintf(call, sizeof call, "<xsl:apply-templates select=\"%s\"/>",
			 !strcmp(name, "assessment") ? "assessment" : !strcmp(name, "drift")
			 ? "assessment/drift" : "assessment/framework");
	else
		snprintf(call, sizeof call, "<xsl:for-each select=\"assessment\">"
			 "<xsl:call-template name=\"%s\"/></xsl:for-each>", name);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	fprintf(f, "<xsl:stylesheet version=\"1.0\" "
		"xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
		"<xsl:import href=\"file://%s\"/>"
		"<xsl:template match=\"/\"><holder>%s</holder></xsl:template>"
		"</xsl:stylesheet>", abs, call);
	fclose(f);
	xmlDocPtr sdoc = xmlReadMemory(text, (int)len, "wrapper.xsl", NULL, 0);
	free(text);
	xsltStylesheetPtr style = sdoc ? xsltParseStylesheetDoc(sdoc) : NULL;
	if (!style)
		return NULL;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, in);
	xsltQuoteUserParams(ctxt, params);     /* string parameters, as srmap passes them */
	xmlDocPtr res = xsltApplyStylesheetUser(style, in, NULL, NULL, NULL, ctxt);
	xsltFreeTransformContext(ctxt);
	char *s = res ? dump_children(res, xmlDocGetRootElement(res)) : NULL;
	xmlFreeDoc(res);
	xsltFreeStylesheet(style);
	return s;
}

static int by_writer(xmlDocPtr in, const char *name, const struct pdfr_params *p, char **out)
{
	struct pdfr w;
	if (pdfr_init(&w, in, p) < 0)
		return -1;
	xmlNodePtr holder = xmlNewDocNode(w.out, NULL, (const xmlChar *)"holder", NULL);
	xmlDocSetRootElement(w.out, holder);
	int rc = pdfr_section(&w, name, holder);
	if (w.incomplete)
		rc = -1;        /* the document, before the writer has every section */
	*out = rc == 0 ? dump_children(w.out, holder) : NULL;
	xmlFreeDoc(w.out);
	pdfr_release(&w);
	return rc;
}

/* Sets the writer's parameter NAME=VALUE; returns -1 for a name the template does not have. */
static int set_param(struct pdfr_params *p, const char *name, const char *value)
{
	if (!strcmp(name, "inventory-appendix"))
		p->inventory_appendix = value;
	else if (!strcmp(name, "finding-rows-max"))
		p->finding_rows_max = pdfr_number(value);
	else if (!strcmp(name, "distinct-max"))
		p->distinct_max = pdfr_number(value);
	else if (!strcmp(name, "pdf-detail"))
		p->pdf_detail = value;
	else if (!strcmp(name, "summary-rows"))
		p->summary_rows = pdfr_number(value);
	else if (!strcmp(name, "attachments"))
		p->attachments = value;
	else if (!strcmp(name, "attachments-skipped"))
		p->attachments_skipped = value;
	else if (!strcmp(name, "attach-limit"))
		p->attach_limit = value;
	else
		return -1;
	return 0;
}

/* Compares section name of both; returns the exit status. */
static int compare(const char *xsl, xmlDocPtr in, const char *name, const struct pdfr_params *p,
		   const char **params)
{
	if (!in)
		return 3;
	char *mine = NULL;
	if (by_writer(in, name, p, &mine) < 0) {
		printf("not written: %s\n", name);
		return 2;
	}
	char *theirs = by_template(xsl, in, name, params);
	int rc = 1;
	if (!theirs) {
		fprintf(stderr, "section: %s: the template failed\n", name);
		rc = 3;
	} else if (!strcmp(mine, theirs)) {
		printf("same\n");
		rc = 0;
	} else {
		size_t k = 0;
		while (mine[k] && mine[k] == theirs[k])
			k++;
		size_t from = k > 200 ? k - 200 : 0;
		printf("differ at byte %zu\n  template: ...%.400s\n  writer:   ...%.400s\n", k,
		       theirs + from, mine + from);
	}
	free(mine);
	free(theirs);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		xmlDocPtr empty = xmlReadMemory("<assessment/>", 13, "empty.xml", NULL, 0);
		for (size_t i = 0; known[i]; i++) {
			char *out = NULL;
			if (by_writer(empty, known[i], NULL, &out) == 0)
				printf("%s\n", known[i]);
			free(out);
		}
		xmlFreeDoc(empty);
		return 0;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: section TEMPLATE ASSESSMENT.xml NAME [PARAM=VALUE...]\n");
		return 3;
	}
	struct pdfr_params p;
	pdfr_params_default(&p);
	/* libxslt's string parameters: name, value pairs */
	const char **params = calloc((size_t)(argc - 4) * 2 + 1, sizeof(*params));
	size_t np = 0;
	for (int i = 4; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			fprintf(stderr, "section: %s: expected PARAM=VALUE\n", argv[i]);
			free(params);
			return 3;
		}
		*eq = 0;
		if (set_param(&p, argv[i], eq + 1) < 0) {
			fprintf(stderr, "section: no parameter %s\n", argv[i]);
			free(params);
			return 3;
		}
		params[np++] = argv[i];
		params[np++] = eq + 1;
	}
	struct diag_list d;
	diag_init(&d, stderr);
	xmlDocPtr in = template_read_xml(argv[2], &d);
	int rc = compare(argv[1], in, argv[3], &p, params);
	xmlFreeDoc(in);
	diag_release(&d);
	free(params);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
