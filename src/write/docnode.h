/*
 * docnode.h - reading the canonical assessment document (a libxml2 tree) as
 * XPath reads it, for the C writers that stand in for shipped templates
 * (fastpath.h): element children by name, attribute values and
 * normalize-space, borrowed from the tree, nothing copied.
 */
#ifndef SRMAP_WRITE_DOCNODE_H
#define SRMAP_WRITE_DOCNODE_H

#include <libxml/tree.h>

/* Whether n is an element named name (n may be NULL). */
int docnode_is(const xmlNode *n, const char *name);

/* The value of attribute name of n, or NULL when n or the attribute is absent. */
const char *docnode_attr(const xmlNode *n, const char *name);

/* As docnode_attr, but "" for an absent attribute (XPath's string()). */
const char *docnode_attr_or_empty(const xmlNode *n, const char *name);

/* The first element child of n named name, or NULL. */
const xmlNode *docnode_child(const xmlNode *n, const char *name);

/* The next element sibling of n named name, or NULL. */
const xmlNode *docnode_next(const xmlNode *n, const char *name);

/* Sets b to XPath's normalize-space(s). */
void docnode_normalize(xmlBufferPtr b, const char *s);

#endif
