/*
 * layout.c - the layout vocabulary: checks a layout XML document against
 * docs/layout.md and builds the block tree the rest of the layout engine
 * works on.  Every problem is reported with the template's name and the
 * element's path (and line, when known); nothing is drawn or measured here.
 */
#include "layout_int.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"
#include "srmap/base/strmap.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM 2.834645669     /* points per millimetre */
#define MAX_LEN 5000.0     /* no length beyond this many points makes sense on a page */

struct parser {
	struct lay_tree *t;
	struct diag_list *d;
	size_t errors;
	struct strmap ids;     /* id -> its block (borrowed keys from the tree) */
	/* links seen, checked against ids at the end */
	struct link_ref { char *to; char *path; int line; } *links;
	size_t nlinks, caplinks;
};

/* ---- messages --------------------------------------------------------------------------- */

/*
 * Element paths such as /document/table[2]/row[40] name the place of a
 * problem.  xmlGetNodePath counts siblings on every call, which is quadratic
 * in a table of thousands of rows, so each element's position among its
 * same-named siblings is counted once, in one pass, and kept in _private
 * (which libxml2 leaves to the application).
 */
static void number_siblings(xmlNodePtr parent)
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
		number_siblings(c);
	}
}

static char *node_path(xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return xstrdup("?");
	char *parent = n->parent && n->parent->type == XML_ELEMENT_NODE ? node_path(n->parent)
									  : xstrdup("");
	uintptr_t k = (uintptr_t)n->_private;
	char *s = k > 1 || (n->next && n->parent->type == XML_ELEMENT_NODE)
		? xasprintf("%s/%s[%lu]", parent, (const char *)n->name, (unsigned long)(k ? k : 1))
		: xasprintf("%s/%s", parent, (const char *)n->name);
	free(parent);
	return s;
}

static int node_line(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < 1000000000 ? (int)l : 0;
}

__attribute__((format(printf, 3, 4)))
static void bad(struct parser *p, xmlNodePtr n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *path = node_path(n);
	diag_add(p->d, DIAG_ERROR, p->t->template_name, node_line(n), 0, "layout %s: %s", path, msg);
	free(path);
	p->errors++;
}

__attribute__((format(printf, 3, 4)))
static void warn(struct parser *p, xmlNodePtr n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *path = node_path(n);
	diag_add(p->d, DIAG_WARNING, p->t->template_name, node_line(n), 0, "layout %s: %s", path, msg);
	free(path);
}

/* ---- attributes ------------------------------------------------------------------------- */

static int is_name(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && strcmp((const char *)n->name, name) == 0;
}

/* Reports every attribute of n not in the NULL-terminated list allowed. */
static void check_attrs(struct parser *p, xmlNodePtr n, const char *const *allowed)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		int ok = 0;
		for (size_t i = 0; !a->ns && allowed[i]; i++)
			if (strcmp((const char *)a->name, allowed[i]) == 0)
				ok = 1;
		if (!ok)
			bad(p, n, "unknown attribute \"%s\" on <%s>", (const char *)a->name,
			    (const char *)n->name);
	}
}

/* Returns a copy of attribute name of n, or NULL. */
static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int parse_number(const char *s, double *out)
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
static int parse_len(const char *s, int pct_ok, struct lay_len *out)
{
	if (!s || !*s || strchr(" \t\n\r+-", *s))
		return -1;
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	if (strcmp(end, "mm") == 0)
		*out = (struct lay_len){ LEN_PT, v * MM };
	else if (strcmp(end, "pt") == 0)
		*out = (struct lay_len){ LEN_PT, v };
	else if (pct_ok && strcmp(end, "%") == 0 && v <= 100)
		*out = (struct lay_len){ LEN_PCT, v };
	else
		return -1;
	return out->unit == LEN_PT && out->v > MAX_LEN ? -1 : 0;
}

static void len_attr(struct parser *p, xmlNodePtr n, const char *name, int pct_ok,
		     struct lay_len *out)
{
	*out = (struct lay_len){ LEN_NONE, 0 };
	char *v = attr(n, name);
	if (v && parse_len(v, pct_ok, out) < 0)
		bad(p, n, "%s=\"%s\" is not a length (a number with %s)", name, v,
		    pct_ok ? "mm, pt or %" : "mm or pt");
	free(v);
}

/* A font size: a number of points, optionally written with "pt". */
static double size_attr(struct parser *p, xmlNodePtr n, const char *name, double def)
{
	char *v = attr(n, name);
	if (!v)
		return def;
	double s = 0;
	size_t len = strlen(v);
	if (len > 2 && strcmp(v + len - 2, "pt") == 0)
		v[len - 2] = '\0';
	if (parse_number(v, &s) < 0 || s < 4 || s > 72) {
		bad(p, n, "%s=\"%s\" is not a font size (4 to 72 points)", name, v);
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

static uint32_t color_attr(struct parser *p, xmlNodePtr n, const char *name, uint32_t def)
{
	char *v = attr(n, name);
	uint32_t c = def;
	if (v && parse_color(v, &c) < 0) {
		bad(p, n, "%s=\"%s\" is not a colour (#RRGGBB)", name, v);
		c = def;
	}
	free(v);
	return c;
}

/* An attribute with one of the NULL-terminated values; returns its index, or def. */
static int enum_attr(struct parser *p, xmlNodePtr n, const char *name,
		     const char *const *values, int def)
{
	char *v = attr(n, name);
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
		bad(p, n, "%s=\"%s\" is not one of %s", name, v, list);
		free(list);
		r = def;
	}
	free(v);
	return r;
}

static const char *const yes_no[] = { "no", "yes", NULL };
static const char *const aligns[] = { "left", "center", "right", "justify", NULL };

/* ---- content checks --------------------------------------------------------------------- */

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

/* Text that is not whitespace where only elements belong. */
static void no_text(struct parser *p, xmlNodePtr parent, xmlNodePtr c)
{
	if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !blank(c->content))
		bad(p, parent, "<%s> holds text; only elements belong here",
		    (const char *)parent->name);
}

/* An element that must be empty. */
static void must_be_empty(struct parser *p, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE ||
		    ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		     !blank(c->content))) {
			bad(p, n, "<%s> must be empty", (const char *)n->name);
			return;
		}
}

static void register_id(struct parser *p, xmlNodePtr n, char *id)
{
	if (!id)
		return;
	if (!*id) {
		bad(p, n, "id is empty");
		return;
	}
	if (strmap_get(&p->ids, id))
		bad(p, n, "id \"%s\" is used twice", id);
	else
		strmap_put(&p->ids, id, id);
}

/* ---- inline content --------------------------------------------------------------------- */

static struct lay_span *add_span(struct lay_inline *in, enum span_kind k, unsigned style,
				 const char *text, const char *link)
{
	GROW(in->spans, in->cap, in->n + 1);
	struct lay_span *s = &in->spans[in->n++];
	*s = (struct lay_span){ k, style, 0, xstrdup(text), xstrdup(link) };
	return s;
}

static const char *const status_names[STATUS_COUNT + 1] = {
	"met", "satisfied", "partially-met", "stale", "not-met", "failed", "missing",
	"inherited", "not-applicable", "not-assessed", "critical", "high", "medium", "low", NULL
};

/* Collects the text of n's children (badge labels); reports any element inside. */
static char *plain_text(struct parser *p, xmlNodePtr n)
{
	size_t len = 0, cap = 0;
	char *s = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t k = strlen((const char *)c->content);
			GROW(s, cap, len + k + 1);
			memcpy(s + len, c->content, k);
			len += k;
		} else if (c->type == XML_ELEMENT_NODE) {
			bad(p, c, "<%s> is not allowed inside <%s>", (const char *)c->name,
			    (const char *)n->name);
		}
	}
	GROW(s, cap, len + 1);
	s[len] = '\0';
	return s;
}

static void parse_inline(struct parser *p, xmlNodePtr n, unsigned style, const char *link,
			 struct lay_inline *in);

static void parse_inline_child(struct parser *p, xmlNodePtr c, unsigned style,
			       const char *link, struct lay_inline *in)
{
	static const char *const none[] = { NULL };
	static const char *const link_attrs[] = { "to", NULL };
	static const char *const badge_attrs[] = { "status", NULL };

	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		if (c->content && *c->content)
			add_span(in, SPAN_TEXT, style, (const char *)c->content, link);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	if (is_name(c, "b") || is_name(c, "i") || is_name(c, "code")) {
		check_attrs(p, c, none);
		unsigned add = is_name(c, "b") ? ST_BOLD : is_name(c, "i") ? ST_ITALIC : ST_CODE;
		parse_inline(p, c, style | add, link, in);
	} else if (is_name(c, "link")) {
		check_attrs(p, c, link_attrs);
		char *to = attr(c, "to");
		if (!to || !*to) {
			bad(p, c, "<link> needs a \"to\" attribute naming an id");
		} else if (link) {
			bad(p, c, "<link> inside <link>");
		} else {
			GROW(p->links, p->caplinks, p->nlinks + 1);
			p->links[p->nlinks++] = (struct link_ref){ xstrdup(to), node_path(c),
								   node_line(c) };
			parse_inline(p, c, style, to, in);
		}
		free(to);
	} else if (is_name(c, "br")) {
		check_attrs(p, c, none);
		must_be_empty(p, c);
		add_span(in, SPAN_BR, style, NULL, link);
	} else if (is_name(c, "badge")) {
		check_attrs(p, c, badge_attrs);
		int s = enum_attr(p, c, "status", status_names, -1);
		char *has = attr(c, "status");
		if (!has)
			bad(p, c, "<badge> needs a \"status\" attribute");
		free(has);
		char *label = plain_text(p, c);
		if (s >= 0) {
			/* collapse the label's white space; an empty label takes the default */
			struct lay_span *sp = add_span(in, SPAN_BADGE, style, NULL, link);
			sp->status = (enum lay_status)s;
			sp->text = label;
			label = NULL;
		}
		free(label);
	} else {
		bad(p, c, "unknown inline element <%s>", (const char *)c->name);
	}
}

static void parse_inline(struct parser *p, xmlNodePtr n, unsigned style, const char *link,
			 struct lay_inline *in)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		parse_inline_child(p, c, style, link, in);
}

/* ---- tables ----------------------------------------------------------------------------- */

static void parse_row(struct parser *p, xmlNodePtr n, struct lay_row *r)
{
	static const char *const row_attrs[] = { "shade", NULL };
	static const char *const cell_attrs[] = { "align", "shade", "span", NULL };
	static const char *const cell_aligns[] = { "left", "center", "right", NULL };

	check_attrs(p, n, row_attrs);
	*r = (struct lay_row){ .shade = color_attr(p, n, "shade", LAY_NONE), .line = node_line(n),
			       .path = node_path(n) };
	size_t cap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		no_text(p, n, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_name(c, "cell")) {
			bad(p, c, "<%s> is not allowed in <row> (only <cell>)", (const char *)c->name);
			continue;
		}
		check_attrs(p, c, cell_attrs);
		GROW(r->cells, cap, r->n + 1);
		struct lay_cell *cell = &r->cells[r->n++];
		*cell = (struct lay_cell){ .align = enum_attr(p, c, "align", cell_aligns, ALIGN_LEFT),
					   .shade = color_attr(p, c, "shade", LAY_NONE), .span = 1 };
		char *span = attr(c, "span");
		if (span) {
			double v;
			if (parse_number(span, &v) < 0 || v < 1 || v > 64 || v != floor(v))
				bad(p, c, "span=\"%s\" is not a number of columns", span);
			else
				cell->span = (int)v;
			free(span);
		}
		parse_inline(p, c, 0, NULL, &cell->in);
	}
}

static size_t row_columns(const struct lay_row *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += (size_t)r->cells[i].span;
	return n;
}

static void parse_table(struct parser *p, xmlNodePtr n, struct lay_block *b)
{
	char *widths = attr(n, "widths");
	size_t cap = 0;
	if (widths) {
		const char *s = widths;
		while (*s) {
			while (*s == ' ')
				s++;
			if (!*s)
				break;
			size_t len = strcspn(s, " ");
			char *one = xstrndup(s, len);
			struct lay_len l;
			if (parse_len(one, 1, &l) < 0 || l.v <= 0) {
				bad(p, n, "widths: \"%s\" is not a column width (mm, pt or %%)", one);
			} else {
				GROW(b->widths, cap, b->ncols + 1);
				b->widths[b->ncols++] = l;
			}
			free(one);
			s += len;
		}
		if (!b->ncols)
			bad(p, n, "widths=\"%s\" names no column", widths);
		double pct = 0;
		for (size_t i = 0; i < b->ncols; i++)
			if (b->widths[i].unit == LEN_PCT)
				pct += b->widths[i].v;
		if (pct > 100.0001)
			bad(p, n, "widths add up to %.4g%%, more than 100%%", pct);
		free(widths);
	}
	b->size = size_attr(p, n, "size", 0);
	b->zebra = enum_attr(p, n, "zebra", yes_no, 1);

	size_t rcap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		no_text(p, n, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(c, "thead")) {
			static const char *const none[] = { NULL };
			check_attrs(p, c, none);
			if (b->head || b->nrows) {
				bad(p, c, "<thead> must come once, before the rows");
				continue;
			}
			size_t rows = 0;
			for (xmlNodePtr r = c->children; r; r = r->next) {
				no_text(p, c, r);
				if (r->type != XML_ELEMENT_NODE)
					continue;
				if (!is_name(r, "row") || rows) {
					bad(p, r, "<thead> holds exactly one <row>");
					continue;
				}
				b->head = xcalloc(1, sizeof(*b->head));
				parse_row(p, r, b->head);
				rows++;
			}
			if (!rows)
				bad(p, c, "<thead> holds exactly one <row>");
		} else if (is_name(c, "row")) {
			GROW(b->rows, rcap, b->nrows + 1);
			parse_row(p, c, &b->rows[b->nrows++]);
		} else {
			bad(p, c, "<%s> is not allowed in <table> (only <thead> and <row>)",
			    (const char *)c->name);
		}
	}
	if (!b->head && !b->nrows) {
		bad(p, n, "<table> has no rows");
		return;
	}
	if (!b->ncols) {
		/* no widths: as many equal columns as the widest row */
		if (b->head)
			b->ncols = row_columns(b->head);
		for (size_t i = 0; i < b->nrows; i++)
			if (row_columns(&b->rows[i]) > b->ncols)
				b->ncols = row_columns(&b->rows[i]);
		if (!b->ncols)
			b->ncols = 1;
		b->widths = xcalloc(b->ncols, sizeof(*b->widths));
		for (size_t i = 0; i < b->ncols; i++)
			b->widths[i] = (struct lay_len){ LEN_PCT, 100.0 / (double)b->ncols };
		return;
	}
	/* report rows that do not fit the columns, at the row */
	xmlNodePtr rn = NULL;
	size_t ri = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_name(c, "thead")) {
			for (rn = c->children; rn && !is_name(rn, "row"); rn = rn->next)
				;
			if (rn && b->head && row_columns(b->head) > b->ncols)
				bad(p, rn, "row has %zu cells (counting spans) but the table has %zu columns",
				    row_columns(b->head), b->ncols);
		} else if (is_name(c, "row") && ri < b->nrows) {
			if (row_columns(&b->rows[ri]) > b->ncols)
				bad(p, c, "row has %zu cells (counting spans) but the table has %zu columns",
				    row_columns(&b->rows[ri]), b->ncols);
			ri++;
		}
	}
}

/* ---- charts ----------------------------------------------------------------------------- */

static void parse_chart(struct parser *p, xmlNodePtr n, struct lay_block *b)
{
	static const char *const types[] = { "bar", "stacked-bar", "donut", NULL };
	static const char *const series_attrs[] = { "name", "color", NULL };
	static const char *const point_attrs[] = { "label", "value", "color", NULL };

	char *type = attr(n, "type");
	if (!type)
		bad(p, n, "<chart> needs a \"type\" (bar, stacked-bar or donut)");
	free(type);
	b->chart = enum_attr(p, n, "type", types, CHART_BAR);
	len_attr(p, n, "width", 1, &b->width);
	len_attr(p, n, "height", 0, &b->height);
	b->title = attr(n, "title");
	b->unit = attr(n, "unit");
	char *max = attr(n, "max");
	if (max && (parse_number(max, &b->max) < 0 || b->max <= 0))
		bad(p, n, "max=\"%s\" is not a positive number", max);
	free(max);

	size_t cap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		no_text(p, n, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_name(c, "series")) {
			bad(p, c, "<%s> is not allowed in <chart> (only <series>)", (const char *)c->name);
			continue;
		}
		check_attrs(p, c, series_attrs);
		GROW(b->series, cap, b->nseries + 1);
		struct lay_series *s = &b->series[b->nseries++];
		*s = (struct lay_series){ attr(c, "name"), color_attr(p, c, "color", LAY_NONE), NULL, 0 };
		size_t pcap = 0;
		for (xmlNodePtr pt = c->children; pt; pt = pt->next) {
			no_text(p, c, pt);
			if (pt->type != XML_ELEMENT_NODE)
				continue;
			if (!is_name(pt, "point")) {
				bad(p, pt, "<%s> is not allowed in <series> (only <point>)",
				    (const char *)pt->name);
				continue;
			}
			check_attrs(p, pt, point_attrs);
			must_be_empty(p, pt);
			char *label = attr(pt, "label"), *value = attr(pt, "value");
			double v = 0;
			if (!label)
				bad(p, pt, "<point> needs a \"label\"");
			if (!value)
				bad(p, pt, "<point> needs a \"value\"");
			else if (parse_number(value, &v) < 0 || v < 0 || v > 1e15)
				bad(p, pt, "value=\"%s\" is not a number of at least 0", value);
			GROW(s->points, pcap, s->n + 1);
			s->points[s->n++] = (struct lay_point){ label ? label : xstrdup(""), v,
								color_attr(p, pt, "color", LAY_NONE) };
			free(value);
		}
	}
	if (!b->nseries || !b->series[0].n)
		bad(p, n, "<chart> has no <series> with <point>s");
}

/* ---- blocks ----------------------------------------------------------------------------- */

enum context { IN_BODY, IN_COVER, IN_KEEP };

static void parse_blocks(struct parser *p, xmlNodePtr parent, enum context ctx,
			 struct lay_block **out, size_t *nout);

static int parse_block(struct parser *p, xmlNodePtr n, enum context ctx, struct lay_block *b)
{
	static const char *const heading_attrs[] = { "id", "toc", NULL };
	static const char *const p_attrs[] = { "id", "align", "size", "color", "space-after", NULL };
	static const char *const ul_attrs[] = { "id", NULL };
	static const char *const table_attrs[] = { "id", "widths", "size", "zebra", NULL };
	static const char *const toc_attrs[] = { "title", "depth", NULL };
	static const char *const none[] = { NULL };
	static const char *const keep_attrs[] = { "id", "with-next", NULL };
	static const char *const image_attrs[] = { "id", "src", "width", "height", "align", NULL };
	static const char *const chart_attrs[] = { "id", "type", "width", "height", "title", "max",
						   "unit", NULL };
	static const char *const spacer_attrs[] = { "height", NULL };
	static const char *const image_aligns[] = { "left", "center", "right", NULL };

	const char *name = (const char *)n->name;
	*b = (struct lay_block){ .path = node_path(n), .line = node_line(n), .color = LAY_NONE,
				 .toc = 1, .depth = 3 };
	if (n->ns) {
		bad(p, n, "element <%s> is in a namespace; layout elements have none", name);
		return -1;
	}
	if (!strcmp(name, "h1") || !strcmp(name, "h2") || !strcmp(name, "h3")) {
		b->kind = name[1] == '1' ? BLK_H1 : name[1] == '2' ? BLK_H2 : BLK_H3;
		if (b->kind == BLK_H1 && ctx != IN_BODY) {
			bad(p, n, "<h1> starts a page and cannot be inside <%s>",
			    ctx == IN_COVER ? "cover" : "keep");
			return -1;
		}
		check_attrs(p, n, heading_attrs);
		b->id = attr(n, "id");
		b->toc = enum_attr(p, n, "toc", yes_no, 1);
		parse_inline(p, n, 0, NULL, &b->in);
	} else if (!strcmp(name, "p")) {
		b->kind = BLK_P;
		check_attrs(p, n, p_attrs);
		b->id = attr(n, "id");
		b->align = enum_attr(p, n, "align", aligns, ALIGN_LEFT);
		b->size = size_attr(p, n, "size", 0);
		b->color = color_attr(p, n, "color", LAY_NONE);
		len_attr(p, n, "space-after", 0, &b->space_after);
		parse_inline(p, n, 0, NULL, &b->in);
	} else if (!strcmp(name, "ul")) {
		b->kind = BLK_UL;
		check_attrs(p, n, ul_attrs);
		b->id = attr(n, "id");
		size_t cap = 0;
		for (xmlNodePtr c = n->children; c; c = c->next) {
			no_text(p, n, c);
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (!is_name(c, "li")) {
				bad(p, c, "<%s> is not allowed in <ul> (only <li>)", (const char *)c->name);
				continue;
			}
			check_attrs(p, c, none);
			GROW(b->items, cap, b->nitems + 1);
			b->items[b->nitems] = (struct lay_inline){ 0 };
			parse_inline(p, c, 0, NULL, &b->items[b->nitems++]);
		}
	} else if (!strcmp(name, "table")) {
		b->kind = BLK_TABLE;
		check_attrs(p, n, table_attrs);
		b->id = attr(n, "id");
		parse_table(p, n, b);
	} else if (!strcmp(name, "toc")) {
		b->kind = BLK_TOC;
		if (ctx != IN_BODY) {
			bad(p, n, "<toc> cannot be inside <%s>", ctx == IN_COVER ? "cover" : "keep");
			return -1;
		}
		check_attrs(p, n, toc_attrs);
		must_be_empty(p, n);
		b->title = attr(n, "title");
		static const char *const depths[] = { "1", "2", "3", NULL };
		b->depth = enum_attr(p, n, "depth", depths, 2) + 1;
	} else if (!strcmp(name, "page-break")) {
		b->kind = BLK_PAGE_BREAK;
		if (ctx != IN_BODY) {
			bad(p, n, "<page-break> cannot be inside <%s>", ctx == IN_COVER ? "cover" : "keep");
			return -1;
		}
		check_attrs(p, n, none);
		must_be_empty(p, n);
	} else if (!strcmp(name, "keep")) {
		b->kind = BLK_KEEP;
		if (ctx == IN_KEEP) {
			bad(p, n, "<keep> inside <keep>");
			return -1;
		}
		check_attrs(p, n, keep_attrs);
		b->id = attr(n, "id");
		b->with_next = enum_attr(p, n, "with-next", yes_no, 0);
		parse_blocks(p, n, IN_KEEP, &b->kids, &b->nkids);
	} else if (!strcmp(name, "image")) {
		b->kind = BLK_IMAGE;
		check_attrs(p, n, image_attrs);
		must_be_empty(p, n);
		b->id = attr(n, "id");
		b->src = attr(n, "src");
		if (!b->src || !*b->src)
			bad(p, n, "<image> needs a \"src\"");
		len_attr(p, n, "width", 1, &b->width);
		len_attr(p, n, "height", 0, &b->height);
		b->align = enum_attr(p, n, "align", image_aligns, ALIGN_LEFT);
	} else if (!strcmp(name, "chart")) {
		b->kind = BLK_CHART;
		check_attrs(p, n, chart_attrs);
		b->id = attr(n, "id");
		parse_chart(p, n, b);
	} else if (!strcmp(name, "spacer")) {
		b->kind = BLK_SPACER;
		check_attrs(p, n, spacer_attrs);
		must_be_empty(p, n);
		len_attr(p, n, "height", 0, &b->height);
		if (b->height.unit == LEN_NONE)
			bad(p, n, "<spacer> needs a \"height\"");
	} else {
		bad(p, n, "unknown element <%s>", name);
		return -1;
	}
	register_id(p, n, b->id);
	return 0;
}

static void block_free(struct lay_block *b);

static void parse_blocks(struct parser *p, xmlNodePtr parent, enum context ctx,
			 struct lay_block **out, size_t *nout)
{
	size_t cap = 0;
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		no_text(p, parent, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ctx == IN_BODY && (is_name(c, "running-header") || is_name(c, "running-footer") ||
				       is_name(c, "cover")))
			continue;   /* handled by the document */
		struct lay_block b;
		if (parse_block(p, c, ctx, &b) < 0) {
			block_free(&b);
			continue;
		}
		GROW(*out, cap, *nout + 1);
		(*out)[(*nout)++] = b;
	}
}

/* ---- the document ----------------------------------------------------------------------- */

/* Checks the {field}s of a running header or footer text. */
static void check_fields(struct parser *p, xmlNodePtr n, const char *s)
{
	for (const char *q = s ? strchr(s, '{') : NULL; q; q = strchr(q + 1, '{')) {
		if (!strncmp(q, "{page}", 6) || !strncmp(q, "{pages}", 7) || !strncmp(q, "{title}", 7))
			continue;
		size_t len = strcspn(q, "}");
		bad(p, n, "unknown field \"%.*s\" (use {page}, {pages} or {title})",
		    (int)(len < 40 ? len + (q[len] == '}') : 40), q);
	}
}

static void parse_running(struct parser *p, xmlNodePtr n, char *out[3], int *seen)
{
	static const char *const attrs[] = { "left", "center", "right", NULL };
	if (*seen) {
		bad(p, n, "<%s> given twice", (const char *)n->name);
		return;
	}
	*seen = 1;
	check_attrs(p, n, attrs);
	must_be_empty(p, n);
	for (int i = 0; i < 3; i++) {
		out[i] = attr(n, attrs[i]);
		check_fields(p, n, out[i]);
	}
}

static void parse_document(struct parser *p, xmlNodePtr root)
{
	static const char *const doc_attrs[] = {
		"title", "author", "subject", "keywords", "creator", "page-size", "margin-top",
		"margin-bottom", "margin-left", "margin-right", "brand-color", "base-size",
		"created", NULL
	};
	static const char *const sizes[] = { "A4", "Letter", NULL };
	struct lay_tree *t = p->t;

	check_attrs(p, root, doc_attrs);
	t->title = attr(root, "title");
	t->author = attr(root, "author");
	t->subject = attr(root, "subject");
	t->keywords = attr(root, "keywords");
	t->creator = attr(root, "creator");
	int size = enum_attr(p, root, "page-size", sizes, 0);
	t->page_w = size == 0 ? 595.2756 : 612;
	t->page_h = size == 0 ? 841.8898 : 792;
	struct { const char *name; double *out; } margins[] = {
		{ "margin-top", &t->margin_top }, { "margin-bottom", &t->margin_bottom },
		{ "margin-left", &t->margin_left }, { "margin-right", &t->margin_right },
	};
	for (size_t i = 0; i < 4; i++) {
		struct lay_len l;
		len_attr(p, root, margins[i].name, 0, &l);
		*margins[i].out = l.unit == LEN_PT ? l.v : 20 * MM;
	}
	if (t->page_w - t->margin_left - t->margin_right < 144 ||
	    t->page_h - t->margin_top - t->margin_bottom < 144)
		bad(p, root, "the margins leave less than 2 inches for the content");
	t->brand = color_attr(p, root, "brand-color", 0x1F4E79);
	t->base_size = size_attr(p, root, "base-size", 9.5);
	if (t->base_size > 24) {
		bad(p, root, "base-size=\"%g\" is too large for body text (at most 24)", t->base_size);
		t->base_size = 9.5;
	}
	char *created = attr(root, "created");
	if (created) {
		int64_t when;
		size_t len = strlen(created);
		if (isotime_parse(created, &when) < 0 || !len || created[len - 1] != 'Z') {
			bad(p, root, "created=\"%s\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)", created);
		} else if (when < 0 || when > 253402300799LL) {
			bad(p, root, "created=\"%s\" is outside the years 1970 to 9999", created);
		} else {
			char buf[ISOTIME_LEN];
			isotime_format(when, buf);
			t->created = xstrdup(buf);
		}
		free(created);
	}

	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_name(c, "running-header")) {
			parse_running(p, c, t->header, &t->has_header);
		} else if (is_name(c, "running-footer")) {
			parse_running(p, c, t->footer, &t->has_footer);
		} else if (is_name(c, "cover")) {
			static const char *const none[] = { NULL };
			if (t->has_cover) {
				bad(p, c, "<cover> given twice");
				continue;
			}
			check_attrs(p, c, none);
			t->has_cover = 1;
			parse_blocks(p, c, IN_COVER, &t->cover, &t->ncover);
		}
	}
	parse_blocks(p, root, IN_BODY, &t->body, &t->nbody);
	if (!t->nbody && !t->ncover)
		warn(p, root, "the document has no content");
}

struct lay_tree *layout_parse(xmlDocPtr doc, const char *template_name, struct diag_list *d)
{
	struct lay_tree *t = xcalloc(1, sizeof(*t));
	t->template_name = xstrdup(template_name ? template_name : "layout");
	struct parser p = { .t = t, .d = d };
	strmap_init(&p.ids, 0);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root)
		number_siblings(root);
	if (!root) {
		diag_add(d, DIAG_ERROR, t->template_name, 0, 0, "layout: the template made no document");
		p.errors++;
	} else if (!is_name(root, "document")) {
		bad(&p, root, "the root element is <%s>, not <document>", (const char *)root->name);
	} else {
		parse_document(&p, root);
	}
	for (size_t i = 0; i < p.nlinks; i++) {
		const char *to = p.links[i].to;
		if (to && !strmap_get(&p.ids, to))
			diag_add(d, DIAG_WARNING, t->template_name, p.links[i].line, 0,
				 "layout %s: link to unknown id \"%s\" (drawn without a link)",
				 p.links[i].path, to);
		free(p.links[i].path);
		free(p.links[i].to);
	}
	free(p.links);
	strmap_release(&p.ids);
	if (p.errors) {
		layout_tree_free(t);
		return NULL;
	}
	return t;
}

/* ---- freeing ---------------------------------------------------------------------------- */

static void inline_free(struct lay_inline *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->spans[i].text);
		free(in->spans[i].link);
	}
	free(in->spans);
}

static void row_free(struct lay_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		inline_free(&r->cells[i].in);
	free(r->cells);
	free(r->path);
}

static void block_free(struct lay_block *b)
{
	free(b->id);
	free(b->path);
	inline_free(&b->in);
	for (size_t i = 0; i < b->nitems; i++)
		inline_free(&b->items[i]);
	free(b->items);
	free(b->widths);
	if (b->head) {
		row_free(b->head);
		free(b->head);
	}
	for (size_t i = 0; i < b->nrows; i++)
		row_free(&b->rows[i]);
	free(b->rows);
	free(b->title);
	for (size_t i = 0; i < b->nkids; i++)
		block_free(&b->kids[i]);
	free(b->kids);
	free(b->src);
	free(b->unit);
	for (size_t i = 0; i < b->nseries; i++) {
		for (size_t j = 0; j < b->series[i].n; j++)
			free(b->series[i].points[j].label);
		free(b->series[i].points);
		free(b->series[i].name);
	}
	free(b->series);
}

void layout_tree_free(struct lay_tree *t)
{
	if (!t)
		return;
	free(t->template_name);
	free(t->title);
	free(t->author);
	free(t->subject);
	free(t->keywords);
	free(t->creator);
	free(t->created);
	for (int i = 0; i < 3; i++) {
		free(t->header[i]);
		free(t->footer[i]);
	}
	for (size_t i = 0; i < t->ncover; i++)
		block_free(&t->cover[i]);
	free(t->cover);
	for (size_t i = 0; i < t->nbody; i++)
		block_free(&t->body[i]);
	free(t->body);
	free(t);
}
