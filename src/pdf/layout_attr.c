/*
 * layout_attr.c - the parser's tools: messages that name the element (with
 * its path in the layout document and its line), attribute values (lengths,
 * font sizes, colours, one of a list of names), content checks and ids.
 */
#include "layout_attr.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEN 5000.0     /* no length beyond this many points makes sense on a page */

/* ---- messages --------------------------------------------------------------------------- */

/*
 * Element paths such as /document/table[2]/row[40] name the place of a
 * problem.  xmlGetNodePath counts siblings on every call, which is quadratic
 * in a table of thousands of rows, so each element's position among its
 * same-named siblings is counted once, in one pass, and kept in _private
 * (which libxml2 leaves to the application).
 */
void lay_number_siblings(xmlNodePtr parent)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		uintptr_t k = 1;
		/* the previous same-named sibling already knows its number */
		for (xmlNodePtr q = c->prev; q; q = q->prev)
			if (q->type == XML_ELEMENT_NODE && xmlStrEqual(q->name, c->name)) {
				k = (uintptr_t)q->_private + 1;
				break;
			}
		c->_private = (void *)k;
		lay_number_siblings(c);
	}
}

char *lay_node_path(xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return xstrdup("?");
	char *parent = n->parent && n->parent->type == XML_ELEMENT_NODE ? lay_node_path(n->parent)
									  : xstrdup("");
	uintptr_t k = (uintptr_t)n->_private;
	char *s = k > 1 || (n->next && n->parent->type == XML_ELEMENT_NODE)
		? xasprintf("%s/%s[%lu]", parent, (const char *)n->name, (unsigned long)(k ? k : 1))
		: xasprintf("%s/%s", parent, (const char *)n->name);
	free(parent);
	return s;
}

int lay_node_line(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < 1000000000 ? (int)l : 0;
}

__attribute__((format(printf, 3, 4)))
void lay_bad(struct parser *p, xmlNodePtr n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *path = lay_node_path(n);
	diag_add(p->d, DIAG_ERROR, p->t->template_name, lay_node_line(n), 0, "layout %s: %s", path, msg);
	free(path);
	p->errors++;
}

__attribute__((format(printf, 3, 4)))
void lay_warn(struct parser *p, xmlNodePtr n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *path = lay_node_path(n);
	diag_add(p->d, DIAG_WARNING, p->t->template_name, lay_node_line(n), 0, "layout %s: %s", path, msg);
	free(path);
}

/* ---- attributes ------------------------------------------------------------------------- */

int lay_is_name(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && strcmp((const char *)n->name, name) == 0;
}

/* Reports every attribute of n not in the NULL-terminated list allowed. */
void lay_check_attrs(struct parser *p, xmlNodePtr n, const char *const *allowed)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		int ok = 0;
		for (size_t i = 0; !a->ns && allowed[i]; i++)
			if (strcmp((const char *)a->name, allowed[i]) == 0)
				ok = 1;
		if (!ok)
			lay_bad(p, n, "unknown attribute \"%s\" on <%s>", (const char *)a->name,
				(const char *)n->name);
	}
}

/* Returns a copy of attribute name of n, or NULL. */
char *lay_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int lay_parse_number(const char *s, double *out)
{
	char *end;
	if (!s || !*s || strchr(" \t\n\r+", *s))
		return -1;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* A length: a number and mm, pt or (when pct_ok) %.  Returns 0, or -1 if malformed. */
int lay_parse_len(const char *s, int pct_ok, struct lay_len *out)
{
	if (!s || !*s || strchr(" \t\n\r+-", *s))
		return -1;
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	if (strcmp(end, "mm") == 0)
		*out = (struct lay_len){ LEN_PT, v * LAY_MM };
	else if (strcmp(end, "pt") == 0)
		*out = (struct lay_len){ LEN_PT, v };
	else if (pct_ok && strcmp(end, "%") == 0 && v <= 100)
		*out = (struct lay_len){ LEN_PCT, v };
	else
		return -1;
	return out->unit == LEN_PT && out->v > MAX_LEN ? -1 : 0;
}

void lay_len_attr(struct parser *p, xmlNodePtr n, const char *name, int pct_ok,
		  struct lay_len *out)
{
	*out = (struct lay_len){ LEN_NONE, 0 };
	char *v = lay_attr(n, name);
	if (v && lay_parse_len(v, pct_ok, out) < 0)
		lay_bad(p, n, "%s=\"%s\" is not a length (a number with %s)", name, v,
			pct_ok ? "mm, pt or %" : "mm or pt");
	free(v);
}

/* A font size: a number of points, optionally written with "pt". */
double lay_size_attr(struct parser *p, xmlNodePtr n, const char *name, double def)
{
	char *v = lay_attr(n, name);
	if (!v)
		return def;
	double s = 0;
	size_t len = strlen(v);
	if (len > 2 && strcmp(v + len - 2, "pt") == 0)
		v[len - 2] = '\0';
	if (lay_parse_number(v, &s) < 0 || s < 4 || s > 72) {
		lay_bad(p, n, "%s=\"%s\" is not a font size (4 to 72 points)", name, v);
		s = def;
	}
	free(v);
	return s;
}

static int parse_color(const char *s, uint32_t *out)
{
	if (!s || strlen(s) != 7 || s[0] != '#')
		return -1;
	uint32_t v = 0;
	for (int i = 1; i < 7; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

uint32_t lay_color_attr(struct parser *p, xmlNodePtr n, const char *name, uint32_t def)
{
	char *v = lay_attr(n, name);
	uint32_t c = def;
	if (v && parse_color(v, &c) < 0) {
		lay_bad(p, n, "%s=\"%s\" is not a colour (#RRGGBB)", name, v);
		c = def;
	}
	free(v);
	return c;
}

/* An attribute with one of the NULL-terminated values; returns its index, or def. */
int lay_enum_attr(struct parser *p, xmlNodePtr n, const char *name,
		  const char *const *values, int def)
{
	char *v = lay_attr(n, name);
	if (!v)
		return def;
	int r = -1;
	for (int i = 0; values[i]; i++)
		if (strcmp(v, values[i]) == 0)
			r = i;
	if (r < 0) {
		size_t count = 0;
		while (values[count])
			count++;
		char *list = xjoin(values, count, ", ");
		lay_bad(p, n, "%s=\"%s\" is not one of %s", name, v, list);
		free(list);
		r = def;
	}
	free(v);
	return r;
}

/* ---- content checks --------------------------------------------------------------------- */

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

/* Text that is not whitespace where only elements belong. */
void lay_no_text(struct parser *p, xmlNodePtr parent, xmlNodePtr c)
{
	if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !blank(c->content))
		lay_bad(p, parent, "<%s> holds text; only elements belong here",
			(const char *)parent->name);
}

/* An element that must be empty. */
void lay_must_be_empty(struct parser *p, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE ||
		    ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		     !blank(c->content))) {
			lay_bad(p, n, "<%s> must be empty", (const char *)n->name);
			return;
		}
}

void lay_register_id(struct parser *p, xmlNodePtr n, char *id)
{
	if (!id)
		return;
	if (!*id) {
		lay_bad(p, n, "id is empty");
		return;
	}
	if (strmap_get(&p->ids, id))
		lay_bad(p, n, "id \"%s\" is used twice", id);
	else
		strmap_put(&p->ids, id, id);
}
