/*
 * pdfreport_out.c - the result document of the PDF template's C writer, and
 * the XPath values it reads and formats (pdfreport.h).
 */
#include "pdfreport.h"
#include "docnode.h"
#include "srmap/base/alloc.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

xmlNodePtr pdfr_el(struct pdfr *w, xmlNodePtr parent, const char *name)
{
	xmlNodePtr el = xmlNewDocNode(w->out, NULL, (const xmlChar *)name, NULL);
	if (!el)
		alloc_exhausted();
	if (parent)
		xmlAddChild(parent, el);
	return el;
}

void pdfr_attr(xmlNodePtr el, const char *name, const char *value)
{
	if (!xmlSetProp(el, (const xmlChar *)name, (const xmlChar *)(value ? value : "")))
		alloc_exhausted();
}

void pdfr_attrf(xmlNodePtr el, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	pdfr_attr(el, name, s);
	free(s);
}

xmlNodePtr pdfr_cell(struct pdfr *w, xmlNodePtr row, const char *text, int right)
{
	xmlNodePtr c = pdfr_el(w, row, "cell");
	if (right)
		pdfr_attr(c, "align", "right");
	pdfr_text(w, c, text);
	return c;
}

void pdfr_text(struct pdfr *w, xmlNodePtr parent, const char *text)
{
	if (!text || !*text)
		return;
	xmlNodePtr t = xmlNewDocText(w->out, (const xmlChar *)text);
	if (!t)
		alloc_exhausted();
	xmlAddChild(parent, t);     /* joined to a text node before it, as libxslt joins them */
}

void pdfr_textf(struct pdfr *w, xmlNodePtr parent, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	pdfr_text(w, parent, s);
	free(s);
}

xmlNodePtr pdfr_el_text(struct pdfr *w, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr el = pdfr_el(w, parent, name);
	pdfr_text(w, el, text);
	return el;
}

xmlNodePtr pdfr_table(struct pdfr *w, xmlNodePtr parent, const char *widths, const char *size,
		      xmlNodePtr *head)
{
	xmlNodePtr t = pdfr_el(w, parent, "table");
	pdfr_attr(t, "widths", widths);
	pdfr_attr(t, "size", size);
	*head = pdfr_el(w, pdfr_el(w, t, "thead"), "row");
	return t;
}

void pdfr_title_cells(struct pdfr *w, xmlNodePtr row, const char *const *titles, int right)
{
	for (size_t i = 0; titles[i]; i++) {
		xmlNodePtr c = pdfr_el_text(w, row, "cell", titles[i]);
		if (right)
			pdfr_attr(c, "align", "right");
	}
}

/* ---- XPath values ------------------------------------------------------------------- */

char *pdfr_fmt(struct pdfr *w, double n, const char *pattern)
{
	xmlChar *out = NULL;
	if (xsltFormatNumberConversion(w->fmt->decimalFormat, (xmlChar *)pattern, n, &out) !=
	    XPATH_EXPRESSION_OK || !out) {
		xmlFree(out);
		return xstrdup("NaN");      /* only for a pattern the template does not use */
	}
	char *s = xstrdup((const char *)out);
	xmlFree(out);
	return s;
}

char *pdfr_fmt_s(struct pdfr *w, const char *s, const char *pattern)
{
	return pdfr_fmt(w, pdfr_number(s), pattern);
}

double pdfr_number(const char *s)
{
	xmlInitParser();    /* libxml2's NaN is 0 until its XPath is set up */
	return s ? xmlXPathCastStringToNumber((const xmlChar *)s) : NAN;
}

char *pdfr_numstr(double n)
{
	xmlChar *s = xmlXPathCastNumberToString(n);
	if (!s)
		alloc_exhausted();
	char *copy = xstrdup((const char *)s);
	xmlFree(s);
	return copy;
}

const char *pdfr_attr_of(const xmlNode *n, const char *name)
{
	return docnode_attr_or_empty(n, name);
}

int pdfr_has(const xmlNode *n, const char *name)
{
	return docnode_attr(n, name) != NULL;
}

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static void gather_text(const xmlNode *n, xmlBufferPtr b)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    !blank(c->content))
			xmlBufferCat(b, c->content);
		else if (c->type == XML_ELEMENT_NODE)
			gather_text(c, b);
	}
}

char *pdfr_string(const xmlNode *n)
{
	if (!n)
		return xstrdup("");
	/* most elements (titles, notes) hold one text node: no buffer for them */
	const xmlNode *c = n->children;
	if (!c)
		return xstrdup("");
	if (!c->next && c->type == XML_TEXT_NODE)
		return xstrdup(blank(c->content) ? "" : (const char *)c->content);
	xmlBufferPtr b = xmlBufferCreate();
	if (!b)
		alloc_exhausted();
	gather_text(n, b);
	char *s = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

const xmlNode *pdfr_child(const xmlNode *n, const char *name)
{
	return docnode_child(n, name);
}

const xmlNode *pdfr_next(const xmlNode *n, const char *name)
{
	return docnode_next(n, name);
}

size_t pdfr_count(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (const xmlNode *c = docnode_child(n, name); c; c = docnode_next(c, name))
		k++;
	return k;
}

int pdfr_is(const xmlNode *n, const char *name)
{
	return docnode_is(n, name);
}
