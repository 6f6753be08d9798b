/*
 * docnode.c - values of the canonical document read in place (docnode.h).
 */
#include "docnode.h"

#include <string.h>

int docnode_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

const char *docnode_attr(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return a->children && a->children->content ? (const char *)a->children->content
								   : "";
	return NULL;
}

const char *docnode_attr_or_empty(const xmlNode *n, const char *name)
{
	const char *v = docnode_attr(n, name);
	return v ? v : "";
}

const xmlNode *docnode_next(const xmlNode *n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (docnode_is(n, name))
			return n;
	return NULL;
}

const xmlNode *docnode_child(const xmlNode *n, const char *name)
{
	if (!n || !n->children)
		return NULL;
	return docnode_is(n->children, name) ? n->children : docnode_next(n->children, name);
}

static int xpath_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void docnode_normalize(xmlBufferPtr b, const char *s)
{
	xmlBufferEmpty(b);
	while (s && *s) {
		while (xpath_space(*s))
			s++;
		const char *word = s;
		while (*s && !xpath_space(*s))
			s++;
		if (s > word) {
			if (xmlBufferLength(b))
				xmlBufferAdd(b, (const xmlChar *)" ", 1);
			xmlBufferAdd(b, (const xmlChar *)word, (int)(s - word));
		}
	}
}
