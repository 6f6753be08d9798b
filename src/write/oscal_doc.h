/*
 * oscal_doc.h - what the OSCAL writer (oscal.c, oscal_results.c) shares: the
 * canonical document read once into the lists and indexes the template's
 * variables and xsl:keys stand for, the tree being built, and the writing of
 * each part at its depth as libxml2 serializes a template's result.
 */
#ifndef SRMAP_WRITE_OSCAL_DOC_H
#define SRMAP_WRITE_OSCAL_DOC_H

#include "docnode.h"
#include "srmap/base/strmap.h"

#include <libxml/tree.h>

#define OSCAL_NS "http://csrc.nist.gov/ns/oscal/1.0"
#define OSCAL_SRMAP_NS "urn:srmap:oscal"    /* the template's $ns */

/* Elements of the canonical document, in document order. */
struct oscal_nodes {
	const xmlNode **v;
	size_t n, cap;
};

/* A catalog control of the document (the template's $controls). */
struct oscal_control {
	const xmlNode *n;
	xmlChar *title;          /* owned: the string value of its title, or NULL without one */
	int organisation;        /* @scope = 'organisation' */
};

/* A reviewed NIST SP 800-53 id (the template's $nist-ids). */
struct oscal_nist {
	const char *id;                 /* borrowed from the document */
	const xmlNode *requirement;     /* the FedRAMP requirement it is the @id of, or NULL */
};

struct oscal {
	/* the canonical document (borrowed) */
	const xmlNode *a, *profile, *inputs, *summary, *fedramp;   /* NULL when absent */
	const char *client, *assessor;                             /* "" when absent */
	struct oscal_nodes workloads, evidence, frameworks;
	struct oscal_control *controls;
	size_t ncontrols;
	struct oscal_nist *nist;
	size_t nnist;
	struct strmap control;              /* @id -> the first struct oscal_control of that id */
	struct strmap evidence_by_control;  /* @control -> struct oscal_nodes of evidence */
	struct strmap checks_by_evidence;   /* @evidence -> struct oscal_nodes of checks */
	struct strmap bad_checks;           /* @control -> failed and missing checks */
	struct strmap workload;             /* @id in any case -> the first workload */
	char *seed;                         /* owned: 'srmap|' client '|' */
	char *run_key;                      /* owned: @as-of and '|' sha256 of each input */
	char tool_uuid[37], plan_uuid[37];
	/* the result */
	xmlDocPtr doc;                      /* owned; its root is the assessment-results element */
	xmlNodePtr root;                    /* every part is built under it, written, then freed */
	xmlNsPtr ns;
	xmlOutputBufferPtr out;
	xmlBufferPtr t, norm, name;         /* scratch: text being built, normalize-space, uuid names */
};

/* Reads doc into o and begins the result on fd.  Returns 0, or -1 (errno set). */
int oscal_begin(struct oscal *o, xmlDocPtr doc, int fd);

/* Ends the result and frees o.  Returns 0, or -1 when writing failed (errno set). */
int oscal_end(struct oscal *o);

/* ---- reading the document: values borrowed from it ---- */

/* The nodes stored under key in map, or NULL. */
const struct oscal_nodes *oscal_lookup(const struct strmap *map, const char *key);

/* ---- building the result ---- */

/* A new element of the OSCAL namespace under parent (nothing when parent is NULL). */
xmlNodePtr oscal_el(struct oscal *o, xmlNodePtr parent, const char *name);

/* Adds attribute name="value" to n (value NULL: empty). */
void oscal_set(xmlNodePtr n, const char *name, const char *value);

/* A new element under parent holding the text of o->t, none when it is empty; empties o->t. */
xmlNodePtr oscal_text_el(struct oscal *o, xmlNodePtr parent, const char *name);

/* A new element under parent holding text (none when NULL or empty). */
xmlNodePtr oscal_leaf(struct oscal *o, xmlNodePtr parent, const char *name, const char *text);

/* Appends s (nothing when NULL) to b. */
void oscal_cat(xmlBufferPtr b, const char *s);

/* Appends n in decimal to b. */
void oscal_cat_size(xmlBufferPtr b, size_t n);

/* Appends v as XPath's string() gives a number (12, 0.5, NaN). */
void oscal_cat_number(xmlBufferPtr b, double v);

/* XPath's number() of an attribute value (NaN for NULL). */
double oscal_number(const char *s);

/* out = srmap:uuid(concat($seed, kind, id)), id lower-cased (ASCII) when lower. */
void oscal_uuid(struct oscal *o, char out[37], const char *kind, const char *id, int lower);

/* ---- the template's helpers ---- */

/* template name="prop": an srmap prop, none when normalize-space(value) is empty. */
void oscal_prop(struct oscal *o, xmlNodePtr parent, const char *name, const char *value);

/* oscal_prop with the text of o->t as the value; empties o->t. */
void oscal_prop_t(struct oscal *o, xmlNodePtr parent, const char *name);

/* template name="tool-origin" */
void oscal_tool_origin(struct oscal *o, xmlNodePtr parent);

/* template name="uri": s percent-encoded as a URI reference, appended to o->t. */
void oscal_cat_uri(struct oscal *o, const char *s);

/* template name="oscal-id": IA-2(1) as ia-2.1, appended to b. */
void oscal_cat_id(xmlBufferPtr b, const char *id);

/* template name="framework-label": HIPAA for hipaa, ...; other ids as they are. */
const char *oscal_framework_label(const char *id);

/* ---- writing ---- */

/* Writes n (a child of o->root) at depth level, with its indentation, and frees it. */
void oscal_dump(struct oscal *o, xmlNodePtr n, int level);

/* Writes the start tag of an element at level, with uuid="..." and the namespace when asked. */
void oscal_open(struct oscal *o, int level, const char *name, const char *uuid, int with_ns);

/* Writes the end tag of the element opened at level. */
void oscal_close(struct oscal *o, int level, const char *name);

/* Writes text as it is. */
void oscal_write_text(struct oscal *o, const char *text);

/* ---- the parts that repeat (oscal_results.c) ---- */

/* template match="evidence" mode="observation" */
void oscal_observation(struct oscal *o, const xmlNode *evidence);

/* The risks: template match="control" mode="risk", in order of severity. */
void oscal_risks(struct oscal *o);

/* template name="finding", for a reviewed NIST id */
void oscal_finding(struct oscal *o, const struct oscal_nist *id);

#endif
