/*
 * template.h - runs XSLT templates (libxslt) over the canonical assessment
 * XML, safely.
 *
 * Templates are user-editable files, so they run locked down: they cannot
 * write files, create folders or use the network, and they may read files
 * only from their own folder and the shipped templates folder.  Every XML
 * document involved is parsed without entity substitution, DTD loading or
 * network access, and a document with a DTD is refused.
 *
 * Templates can call srmap:uuid(string) (namespace "urn:srmap:xslt"), which
 * returns the name-based (version 5) UUID of the string in srmap's UUID
 * namespace: the same input always gives the same UUID.
 */
#ifndef SRMAP_TEMPLATE_H
#define SRMAP_TEMPLATE_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include "srmap/base/diag.h"

#define TEMPLATE_NS "urn:srmap:xslt"

struct template_result {
	xsltStylesheetPtr style;   /* owned; decides how the result is serialized */
	xmlDocPtr doc;             /* owned result document */
};

/*
 * Parses the XML file at path safely (see above).  Returns the document
 * (free with xmlFreeDoc), or NULL after reporting "file:line:col" problems to d.
 */
xmlDocPtr template_read_xml(const char *path, struct diag_list *d);

/*
 * The parts of the canonical XML the stylesheet at xsl_path says it reads:
 * a top-level element <srmap:reads parts="NAME ..."/> (namespace TEMPLATE_NS)
 * lists the children of <assessment> it looks at ("matrix control
 * framework").  A template run on a document of only those parts gives what
 * it gives on the whole one, at a fraction of the cost for a large estate.
 * Sets *names to the NULL-terminated list (free with strv_free), or to NULL
 * when the stylesheet declares nothing (or does not parse: applying it
 * says why): it is given the whole document.  Returns 0, or -1 after
 * reporting a declaration without parts.
 */
int template_reads(const char *xsl_path, char ***names, struct diag_list *d);

/*
 * Applies the stylesheet at xsl_path to doc.  params is NULL or a
 * NULL-terminated list of name, value pairs passed as string parameters.
 * extra_dir, when not NULL, is one more folder the template may read from
 * (the shipped templates folder).  Returns 0 and fills *out, or -1 after
 * reporting problems (naming the template file and line) to d.
 */
int template_apply(const char *xsl_path, xmlDocPtr doc, const char *const *params,
		   const char *extra_dir, struct template_result *out, struct diag_list *d);

/* Serializes the result as its stylesheet's xsl:output asks, to fd.  Returns 0 or -1. */
int template_save(const struct template_result *r, int fd);

/* Frees the result document and the stylesheet. */
void template_result_release(struct template_result *r);

/*
 * Where the element n stands in its document, for messages about a template's
 * result: "/workbook/sheet[2]/row[5]", by element names, with [K] where a name
 * repeats among siblings ("" for NULL or a node that is no element).  Returns
 * an allocated string (caller frees).
 */
char *template_node_path(const xmlNode *n);

/*
 * Reports msg about the node n of the result of the template name to d, at
 * level: "name:LINE: VOCABULARY /PATH: msg", LINE being n's line in the
 * result (none when unknown).
 */
void template_result_problem(struct diag_list *d, enum diag_level level, const char *name,
			     const xmlNode *n, const char *vocabulary, const char *msg);

/* Whether n is a text node of white space only, which a result's vocabulary ignores. */
int template_space_text(const xmlNode *n);

/* Writes the version 5 UUID of name (srmap's namespace) as 36 characters + NUL into out. */
void template_uuid5(const char *name, char out[37]);

#endif
