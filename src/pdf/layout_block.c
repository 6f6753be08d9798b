/*
 * layout_block.c - the block elements: headings, paragraphs, lists, tables
 * (widths, header row, rows and cells with spans), the contents, page
 * breaks, keeps, images, charts (series and points) and spacers, each
 * checked against docs/layout.md and turned into a block of the tree.
 */
#include "layout_block.h"
#include "layout_inline.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const yes_no[] = { "no", "yes", NULL };
static const char *const aligns[] = { "left", "center", "right", "justify", NULL };

/* ---- tables ----------------------------------------------------------------------------- */

static void parse_row(struct parser *p, xmlNodePtr n, struct lay_row *r)
{
	static const char *const row_attrs[] = { "shade", NULL };
	static const char *const cell_attrs[] = { "align", "shade", "span", NULL };
	static const char *const cell_aligns[] = { "left", "center", "right", NULL };

	lay_check_attrs(p, n, row_attrs);
	*r = (struct lay_row){ .shade = lay_color_attr(p, n, "shade", LAY_NONE), .line = lay_node_line(n),
			       .path = lay_node_path(n) };
	size_t cap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		lay_no_text(p, n, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!lay_is_name(c, "cell")) {
			lay_bad(p, c, "<%s> is not allowed in <row> (only <cell>)", (const char *)c->name);
			continue;
		}
		lay_check_attrs(p, c, cell_attrs);
		GROW(r->cells, cap, r->n + 1);
		struct lay_cell *cell = &r->cells[r->n++];
		*cell = (struct lay_cell){ .align = lay_enum_attr(p, c, "align", cell_aligns, ALIGN_LEFT),
					   .shade = lay_color_attr(p, c, "shade", LAY_NONE), .span = 1 };
		char *span = lay_attr(c, "span");
		if (span) {
			double v;
			if (lay_parse_number(span, &v) < 0 || v < 1 || v > 64 || v != floor(v))
				lay_bad(p, c, "span=\"%s\" is not a number of columns", span);
			else
				cell->span = (int)v;
			free(span);
		}
		lay_parse_inline(p, c, 0, NULL, &cell->in);
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
	char *widths = lay_attr(n, "widths");
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
			if (lay_parse_len(one, 1, &l) < 0 || l.v <= 0) {
				lay_bad(p, n, "widths: \"%s\" is not a column width (mm, pt or %%)", one);
			} else {
				GROW(b->widths, cap, b->ncols + 1);
				b->widths[b->ncols++] = l;
			}
			free(one);
			s += len;
		}
		if (!b->ncols)
			lay_bad(p, n, "widths=\"%s\" names no column", widths);
		double pct = 0;
		for (size_t i = 0; i < b->ncols; i++)
			if (b->widths[i].unit == LEN_PCT)
				pct += b->widths[i].v;
		if (pct > 100.0001)
			lay_bad(p, n, "widths add up to %.4g%%, more than 100%%", pct);
		free(widths);
	}
	b->size = lay_size_attr(p, n, "size", 0);
	b->zebra = lay_enum_attr(p, n, "zebra", yes_no, 1);

	size_t rcap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		lay_no_text(p, n, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (lay_is_name(c, "thead")) {
			static const char *const none[] = { NULL };
			lay_check_attrs(p, c, none);
			if (b->head || b->nrows) {
				lay_bad(p, c, "<thead> must come once, before the rows");
				continue;
			}
			size_t rows = 0;
			for (xmlNodePtr r = c->children; r; r = r->next) {
				lay_no_text(p, c, r);
				if (r->type != XML_ELEMENT_NODE)
					continue;
				if (!lay_is_name(r, "row") || rows) {
					lay_bad(p, r, "<thead> holds exactly one <row>");
					continue;
				}
				b->head = xcalloc(1, sizeof(*b->head));
				parse_row(p, r, b->head);
				rows++;
			}
			if (!rows)
				lay_bad(p, c, "<thead> holds exactly one <row>");
		} else if (lay_is_name(c, "row")) {
			GROW(b->rows, rcap, b->nrows + 1);
			parse_row(p, c, &b->rows[b->nrows++]);
		} else {
			lay_bad(p, c, "<%s> is not allowed in <table> (only <thead> and <row>)",
				(const char *)c->name);
		}
	}
	if (!b->head && !b->nrows) {
		lay_bad(p, n, "<table> has no rows");
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
		if (lay_is_name(c, "thead")) {
			for (rn = c->children; rn && !lay_is_name(rn, "row"); rn = rn->next)
				;
			if (rn && b->head && row_columns(b->head) > b->ncols)
				lay_bad(p, rn, "row has %zu cells (counting spans) but the table has %zu columns",
					row_columns(b->head), b->ncols);
		} else if (lay_is_name(c, "row") && ri < b->nrows) {
			if (row_columns(&b->rows[ri]) > b->ncols)
				lay_bad(p, c, "row has %zu cells (counting spans) but the table has %zu columns",
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

	char *type = lay_attr(n, "type");
	if (!type)
		lay_bad(p, n, "<chart> needs a \"type\" (bar, stacked-bar or donut)");
	free(type);
	b->chart = lay_enum_attr(p, n, "type", types, CHART_BAR);
	lay_len_attr(p, n, "width", 1, &b->width);
	lay_len_attr(p, n, "height", 0, &b->height);
	b->title = lay_attr(n, "title");
	b->unit = lay_attr(n, "unit");
	char *max = lay_attr(n, "max");
	if (max && (lay_parse_number(max, &b->max) < 0 || b->max <= 0))
		lay_bad(p, n, "max=\"%s\" is not a positive number", max);
	free(max);

	size_t cap = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		lay_no_text(p, n, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!lay_is_name(c, "series")) {
			lay_bad(p, c, "<%s> is not allowed in <chart> (only <series>)",
				(const char *)c->name);
			continue;
		}
		lay_check_attrs(p, c, series_attrs);
		GROW(b->series, cap, b->nseries + 1);
		struct lay_series *s = &b->series[b->nseries++];
		*s = (struct lay_series){ lay_attr(c, "name"), lay_color_attr(p, c, "color", LAY_NONE),
					  NULL, 0 };
		size_t pcap = 0;
		for (xmlNodePtr pt = c->children; pt; pt = pt->next) {
			lay_no_text(p, c, pt);
			if (pt->type != XML_ELEMENT_NODE)
				continue;
			if (!lay_is_name(pt, "point")) {
				lay_bad(p, pt, "<%s> is not allowed in <series> (only <point>)",
					(const char *)pt->name);
				continue;
			}
			lay_check_attrs(p, pt, point_attrs);
			lay_must_be_empty(p, pt);
			char *label = lay_attr(pt, "label"), *value = lay_attr(pt, "value");
			double v = 0;
			if (!label)
				lay_bad(p, pt, "<point> needs a \"label\"");
			if (!value)
				lay_bad(p, pt, "<point> needs a \"value\"");
			else if (lay_parse_number(value, &v) < 0 || v < 0 || v > 1e15)
				lay_bad(p, pt, "value=\"%s\" is not a number of at least 0", value);
			GROW(s->points, pcap, s->n + 1);
			s->points[s->n++] = (struct lay_point){ label ? label : xstrdup(""), v,
								lay_color_attr(p, pt, "color", LAY_NONE) };
			free(value);
		}
	}
	if (!b->nseries || !b->series[0].n)
		lay_bad(p, n, "<chart> has no <series> with <point>s");
}

/* ---- blocks ----------------------------------------------------------------------------- */

static int parse_block(struct parser *p, xmlNodePtr n, enum context ctx, struct lay_block *b)
{
	static const char *const heading_attrs[] = { "id", "toc", "bookmark", "bookmark-title", NULL };
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
	*b = (struct lay_block){ .path = lay_node_path(n), .line = lay_node_line(n), .color = LAY_NONE,
				 .toc = 1, .depth = 3 };
	if (n->ns) {
		lay_bad(p, n, "element <%s> is in a namespace; layout elements have none", name);
		return -1;
	}
	if (!strcmp(name, "h1") || !strcmp(name, "h2") || !strcmp(name, "h3")) {
		b->kind = name[1] == '1' ? BLK_H1 : name[1] == '2' ? BLK_H2 : BLK_H3;
		if (b->kind == BLK_H1 && ctx != IN_BODY) {
			lay_bad(p, n, "<h1> starts a page and cannot be inside <%s>",
				ctx == IN_COVER ? "cover" : "keep");
			return -1;
		}
		lay_check_attrs(p, n, heading_attrs);
		b->id = lay_attr(n, "id");
		b->toc = lay_enum_attr(p, n, "toc", yes_no, 1);
		b->bookmark = lay_enum_attr(p, n, "bookmark", yes_no, 1);
		b->title = lay_attr(n, "bookmark-title");
		if (b->title && !b->bookmark)
			lay_bad(p, n, "bookmark-title is given but bookmark=\"no\"");
		lay_parse_inline(p, n, 0, NULL, &b->in);
	} else if (!strcmp(name, "p")) {
		b->kind = BLK_P;
		lay_check_attrs(p, n, p_attrs);
		b->id = lay_attr(n, "id");
		b->align = lay_enum_attr(p, n, "align", aligns, ALIGN_LEFT);
		b->size = lay_size_attr(p, n, "size", 0);
		b->color = lay_color_attr(p, n, "color", LAY_NONE);
		lay_len_attr(p, n, "space-after", 0, &b->space_after);
		lay_parse_inline(p, n, 0, NULL, &b->in);
	} else if (!strcmp(name, "ul")) {
		b->kind = BLK_UL;
		lay_check_attrs(p, n, ul_attrs);
		b->id = lay_attr(n, "id");
		size_t cap = 0;
		for (xmlNodePtr c = n->children; c; c = c->next) {
			lay_no_text(p, n, c);
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (!lay_is_name(c, "li")) {
				lay_bad(p, c, "<%s> is not allowed in <ul> (only <li>)",
					(const char *)c->name);
				continue;
			}
			lay_check_attrs(p, c, none);
			GROW(b->items, cap, b->nitems + 1);
			b->items[b->nitems] = (struct lay_inline){ 0 };
			lay_parse_inline(p, c, 0, NULL, &b->items[b->nitems++]);
		}
	} else if (!strcmp(name, "table")) {
		b->kind = BLK_TABLE;
		lay_check_attrs(p, n, table_attrs);
		b->id = lay_attr(n, "id");
		parse_table(p, n, b);
	} else if (!strcmp(name, "toc")) {
		b->kind = BLK_TOC;
		if (ctx != IN_BODY) {
			lay_bad(p, n, "<toc> cannot be inside <%s>", ctx == IN_COVER ? "cover" : "keep");
			return -1;
		}
		lay_check_attrs(p, n, toc_attrs);
		lay_must_be_empty(p, n);
		b->title = lay_attr(n, "title");
		static const char *const depths[] = { "1", "2", "3", NULL };
		b->depth = lay_enum_attr(p, n, "depth", depths, 2) + 1;
	} else if (!strcmp(name, "page-break")) {
		b->kind = BLK_PAGE_BREAK;
		if (ctx != IN_BODY) {
			lay_bad(p, n, "<page-break> cannot be inside <%s>",
				ctx == IN_COVER ? "cover" : "keep");
			return -1;
		}
		lay_check_attrs(p, n, none);
		lay_must_be_empty(p, n);
	} else if (!strcmp(name, "keep")) {
		b->kind = BLK_KEEP;
		if (ctx == IN_KEEP) {
			lay_bad(p, n, "<keep> inside <keep>");
			return -1;
		}
		lay_check_attrs(p, n, keep_attrs);
		b->id = lay_attr(n, "id");
		b->with_next = lay_enum_attr(p, n, "with-next", yes_no, 0);
		lay_parse_blocks(p, n, IN_KEEP, &b->kids, &b->nkids);
	} else if (!strcmp(name, "image")) {
		b->kind = BLK_IMAGE;
		lay_check_attrs(p, n, image_attrs);
		lay_must_be_empty(p, n);
		b->id = lay_attr(n, "id");
		b->src = lay_attr(n, "src");
		if (!b->src || !*b->src)
			lay_bad(p, n, "<image> needs a \"src\"");
		lay_len_attr(p, n, "width", 1, &b->width);
		lay_len_attr(p, n, "height", 0, &b->height);
		b->align = lay_enum_attr(p, n, "align", image_aligns, ALIGN_LEFT);
	} else if (!strcmp(name, "chart")) {
		b->kind = BLK_CHART;
		lay_check_attrs(p, n, chart_attrs);
		b->id = lay_attr(n, "id");
		parse_chart(p, n, b);
	} else if (!strcmp(name, "spacer")) {
		b->kind = BLK_SPACER;
		lay_check_attrs(p, n, spacer_attrs);
		lay_must_be_empty(p, n);
		lay_len_attr(p, n, "height", 0, &b->height);
		if (b->height.unit == LEN_NONE)
			lay_bad(p, n, "<spacer> needs a \"height\"");
	} else {
		lay_bad(p, n, "unknown element <%s>", name);
		return -1;
	}
	lay_register_id(p, n, b->id);
	return 0;
}

void lay_parse_blocks(struct parser *p, xmlNodePtr parent, enum context ctx,
		      struct lay_block **out, size_t *nout)
{
	size_t cap = 0;
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		lay_no_text(p, parent, c);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ctx == IN_BODY && (lay_is_name(c, "running-header") || lay_is_name(c, "running-footer") ||
				       lay_is_name(c, "cover")))
			continue;   /* handled by the document */
		struct lay_block b;
		if (parse_block(p, c, ctx, &b) < 0) {
			lay_block_release(&b);
			continue;
		}
		GROW(*out, cap, *nout + 1);
		(*out)[(*nout)++] = b;
	}
}
