/*
 * canonical.c - the canonical assessment XML as templates read it: parsed
 * once for the templates that read all of it, and cut down to the parts a
 * template declares for those that read a few (a matrix of 126 controls
 * need not wait for a million findings to be parsed).
 */
#include "canonical.h"
#include "srmap/base/alloc.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/libmem.h"
#include "srmap/base/srmap.h"
#include "srmap/write/template.h"

#include <stdlib.h>

void canonical_init(struct canonical_docs *c, const char *path, const struct assessment *a,
		    const struct run_info *run)
{
	*c = (struct canonical_docs){ .path = path, .a = a, .run = run };
}

/* The mask of the parts names lists; 0 after reporting a name that is no part. */
static unsigned mask_of(char **names, const char *xsl_path, struct diag_list *d)
{
	unsigned mask = 0;
	for (size_t i = 0; names[i]; i++) {
		unsigned bit = emit_part(names[i]);
		if (!bit) {
			diag_add(d, DIAG_ERROR, xsl_path, 0, 0, "srmap:reads names \"%s\", which is not "
				 "a part of the assessment XML (the children of <assessment>: profile, "
				 "inputs, summary, matrix, control (with domain), workload, "
				 "organisation, evidence, finding, framework, drift, diagnostics, "
				 "command-line)", names[i]);
			return 0;
		}
		mask |= bit;
	}
	return mask;
}

int canonical_mask(struct canonical_docs *c, const char *xsl_path, unsigned *mask,
		   struct diag_list *d)
{
	*mask = EMIT_ALL_PARTS;
	char **names;
	if (template_reads(xsl_path, &names, d) < 0)
		return SRMAP_EXIT_CATALOG;
	/* Without the assessment (srmap merge) there is nothing to make parts from. */
	if (names && (getenv("SRMAP_TEMPLATES_WHOLE") || !c->a)) {
		strv_free(names);
		names = NULL;
	}
	if (names) {
		*mask = mask_of(names, xsl_path, d);
		strv_free(names);
		if (!*mask)
			return SRMAP_EXIT_CATALOG;
	}
	return SRMAP_EXIT_OK;
}

int canonical_get(struct canonical_docs *c, unsigned mask, xmlDocPtr *doc, struct diag_list *d)
{
	*doc = NULL;
	if (mask == EMIT_ALL_PARTS || c->n == CANONICAL_PART_DOCS)
		return SRMAP_EXIT_OK;     /* the whole document, read when the template runs */
	for (size_t i = 0; i < c->n; i++)
		if (c->masks[i] == mask) {
			*doc = c->docs[i];
			return SRMAP_EXIT_OK;
		}
	xmlDocPtr made;
	if (emit_assessment_parts(c->a, c->run, mask, &made) < 0) {
		libmem_check();     /* the document could not allocate: not an internal error */
		diag_add(d, DIAG_ERROR, c->path, 0, 0, "cannot make the parts of the assessment "
			 "a template reads");
		return SRMAP_EXIT_INTERNAL;
	}
	made->URL = xmlStrdup((const xmlChar *)c->path);     /* as a document read from it */
	c->masks[c->n] = mask;
	c->docs[c->n++] = made;
	*doc = made;
	return SRMAP_EXIT_OK;
}

xmlDocPtr canonical_whole(struct canonical_docs *c, struct diag_list *d)
{
	if (!c->whole)
		c->whole = template_read_xml(c->path, d);
	return c->whole;
}

void canonical_drop(struct canonical_docs *c, xmlDocPtr doc)
{
	if (doc && doc == c->whole) {
		xmlFreeDoc(c->whole);
		c->whole = NULL;
	}
	for (size_t i = 0; doc && i < c->n; i++)
		if (c->docs[i] == doc) {
			xmlFreeDoc(c->docs[i]);
			c->docs[i] = NULL;
		}
}

void canonical_release(struct canonical_docs *c)
{
	if (c->whole)
		xmlFreeDoc(c->whole);
	for (size_t i = 0; i < c->n; i++)
		if (c->docs[i])
			xmlFreeDoc(c->docs[i]);
	*c = (struct canonical_docs){ 0 };
}
