/*
 * layout_flow.c - blocks onto pages.
 *
 * Every block becomes a list of boxes: unbreakable pieces (a line of text, a
 * table row, a chart) with their drawing items, plus glue (space that is
 * dropped at the top of a page) and forced breaks.  A box may be tied to the
 * next one (keep): the lines of a heading, a heading to the two lines that
 * follow it, a table's header row to its first row, a paragraph's first and
 * last two lines (no orphans or widows), everything inside <keep>, and a
 * <keep with-next="yes"> to the two lines after it, as a heading.  The
 * paginator then places the boxes in one pass: a chain of tied boxes that
 * does not fit in the rest of a page moves to the next page whole (unless it
 * is taller than a page), and a table row that starts a page is preceded by
 * a copy of its table's header row.
 *
 * The contents are laid out like any text, with the page number of each
 * entry left blank in a column of fixed width; once every heading has its
 * page, the numbers are filled in.  So one pass is enough and the entries
 * always name the pages the headings landed on.  Page numbers are physical:
 * the cover is page 1.
 */
#include "layout_int.h"
#include "srmap/base/alloc.h"
#include "srmap/base/strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01
#define TEXT_COLOR 0x1A1A1A
#define CODE_COLOR 0x37474F
#define RULE_COLOR 0xD0D4D9
#define ZEBRA_COLOR 0xF2F4F7
#define RUNNING_COLOR 0x666666
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.2

/* ---- drawing items ---------------------------------------------------------------------- */

void lay_items_push(struct lay_items *l, const struct lay_item *it)
{
	GROW(l->items, l->cap, l->n + 1);
	l->items[l->n++] = *it;
}

void lay_items_release(struct lay_items *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].text);
	free(l->items);
	*l = (struct lay_items){ 0 };
}

void lay_items_text(struct lay_items *l, double x, double y, enum lay_face face, double size,
		    uint32_t color, const char *text)
{
	if (!text || !*text)
		return;
	struct lay_item it = { .kind = LAY_TEXT, .x = x, .y = y, .size = size, .face = face,
			       .fill = color, .stroke = LAY_NONE, .text = xstrdup(text) };
	lay_items_push(l, &it);
}

void lay_items_shaped(struct lay_items *l, struct lay_fonts *f, double x, double y,
		      enum lay_face face, double size, uint32_t color, const char *s)
{
	struct lay_line line = { 0 };
	lay_shape_runs(f, face, size, s, strlen(s), color, NULL, x, &line);
	for (size_t i = 0; i < line.n; i++) {
		struct lay_item it = { .kind = LAY_TEXT, .x = line.frags[i].x, .y = y, .size = size,
				       .face = line.frags[i].face, .fill = color, .stroke = LAY_NONE,
				       .text = line.frags[i].text };
		lay_items_push(l, &it);
	}
	free(line.frags);
}

void lay_items_rect(struct lay_items *l, double x, double y, double w, double h,
		    uint32_t fill, uint32_t stroke, double stroke_w)
{
	struct lay_item it = { .kind = LAY_RECT, .x = x, .y = y, .w = w, .h = h, .fill = fill,
			       .stroke = stroke, .size = stroke_w };
	lay_items_push(l, &it);
}

void lay_items_line(struct lay_items *l, double x1, double y1, double x2, double y2,
		    uint32_t color, double width, int dash)
{
	struct lay_item it = { .kind = LAY_LINE, .x = x1, .y = y1, .w = x2 - x1, .h = y2 - y1,
			       .fill = LAY_NONE, .stroke = color, .size = width, .dash = dash };
	lay_items_push(l, &it);
}

/* ---- boxes ------------------------------------------------------------------------------ */

/* A link waiting for its target: an id, or a heading (index + 1). */
struct plink {
	double x, y, w, h;     /* y relative to the box */
	const char *to;
	size_t head;
};

struct box {
	double h;
	unsigned glue : 1;     /* space, dropped at the top of a page */
	unsigned brk : 1;      /* forced page break */
	unsigned keep : 1;     /* no page break between this box and the next */
	unsigned cover : 1;    /* part of the cover */
	unsigned spacer : 1;   /* explicit space: kept at a page top, dropped at a page end */
	unsigned repeat : 1;   /* a table's header row: placed again on every page of the table */
	size_t thead;          /* table row: its table's header box + 1, or 0 */
	struct lay_items items;
	struct plink *links;
	size_t nlinks, caplinks;
	const char *anchor;    /* an id that points at this box's top */
	size_t head;           /* a heading's first line: heading index + 1 */
	size_t toc;            /* a contents entry's last line: heading index + 1 */
	size_t toc_item;       /* its page number item */
};

/* A heading, for the outline and the contents. */
struct heading {
	int level;
	char *title;           /* owned, plain text */
	int in_toc;
	int in_outline;
	size_t page;           /* where it landed */
	double y;
	int placed;
	size_t toc_page;       /* where its contents entry's number landed */
	size_t toc_index;      /* that item on that page */
	int toc_placed;
};

struct dest {
	size_t page;
	double y;
};

struct flow {
	const struct lay_tree *t;
	struct lay_fonts fonts;
	struct diag_list *d;
	int failed;
	double left, top, bottom, cw, ch;
	struct box *boxes;
	size_t nb, capb;
	struct heading *heads;
	size_t nh, caph;
	size_t next_head;      /* headings met while building boxes */
	int keep_lines;        /* lines still to tie to the last heading */
	int in_cover;
	const char *anchor;    /* id waiting for the next box */
	struct lay_doc *doc;
	struct dest *dests;
	size_t ndests, capdests;
	struct strmap dest_of; /* id -> dest index + 1 */
};

static struct box *new_box(struct flow *fl, double h)
{
	GROW(fl->boxes, fl->capb, fl->nb + 1);
	struct box *b = &fl->boxes[fl->nb++];
	*b = (struct box){ .h = h, .cover = (unsigned)fl->in_cover };
	return b;
}

static void glue(struct flow *fl, double h)
{
	if (h > 0)
		new_box(fl, h)->glue = 1;
}

static void page_break(struct flow *fl)
{
	new_box(fl, 0)->brk = 1;
	fl->keep_lines = 0;
}

/*
 * A content box: takes a waiting anchor, and is tied to what follows while a
 * heading still needs lines after it.  weight: how many lines it counts for.
 */
static struct box *content_box(struct flow *fl, double h, int weight)
{
	struct box *b = new_box(fl, h);
	if (fl->anchor) {
		b->anchor = fl->anchor;
		fl->anchor = NULL;
	}
	if (fl->keep_lines > 0) {
		fl->keep_lines -= weight;
		if (fl->keep_lines > 0)
			b->keep = 1;
	}
	return b;
}

static void box_link(struct box *b, double x, double y, double w, double h, const char *to,
		     size_t head)
{
	GROW(b->links, b->caplinks, b->nlinks + 1);
	b->links[b->nlinks++] = (struct plink){ x, y, w, h, to, head };
}

static void box_free(struct box *b)
{
	lay_items_release(&b->items);
	free(b->links);
}

/* ---- text into boxes -------------------------------------------------------------------- */

static uint32_t contrast_text(uint32_t fill)
{
	double lum = 0.299 * (fill >> 16 & 0xFF) + 0.587 * (fill >> 8 & 0xFF) + 0.114 * (fill & 0xFF);
	return lum > 150 ? TEXT_COLOR : 0xFFFFFF;
}

/* Draws one laid-out line with its left edge at x and its top at y into items and links. */
static void draw_line(struct flow *fl, const struct lay_line *line, double size, double x,
		      double y, double line_h, struct box *b)
{
	double base = y + lay_baseline(size);
	for (size_t i = 0; i < line->n; i++) {
		const struct lay_frag *fr = &line->frags[i];
		if (fr->badge) {
			uint32_t fill, border, text;
			lay_status_colors(fr->status, &fill, &border, &text);
			double bs = lay_badge_size(size);
			double bottom = base + 0.3 * bs, height = 1.35 * bs;
			lay_items_rect(&b->items, x + fr->x + 0.5, bottom - height, fr->w - 1, height,
				       fill, border, border == fill ? 0 : 0.8);
			lay_items_shaped(&b->items, &fl->fonts, x + fr->x + lay_badge_pad(size), base,
					 LAY_FACE_BOLD, bs, text, fr->text);
		} else {
			struct lay_item it = { .kind = LAY_TEXT, .x = x + fr->x, .y = base, .size = size,
					       .face = fr->face, .fill = fr->color, .stroke = LAY_NONE,
					       .text = xstrdup(fr->text) };
			lay_items_push(&b->items, &it);
		}
	}
	/* links: one area per run of fragments with the same target */
	for (size_t i = 0; i < line->n;) {
		const char *to = line->frags[i].link;
		size_t j = i + 1;
		while (j < line->n && line->frags[j].link == to)
			j++;
		if (to) {
			double x0 = line->frags[i].x, x1 = line->frags[j - 1].x + line->frags[j - 1].w;
			box_link(b, x + x0, y, x1 - x0, line_h, to, 0);
		}
		i = j;
	}
}

/* Boxes for the lines of a paragraph at x: no orphans, no widows. */
static void line_boxes(struct flow *fl, const struct lay_lines *ls, double x)
{
	size_t n = ls->n;
	for (size_t i = 0; i < n; i++) {
		struct box *b = content_box(fl, ls->line_h, 1);
		draw_line(fl, &ls->lines[i], ls->size, x, 0, ls->line_h, b);
		if ((i == 0 && n >= 2) || (n >= 3 && i == n - 2))
			b->keep = 1;
	}
}

static struct text_style body_style(const struct flow *fl, double size, uint32_t color)
{
	return (struct text_style){ .size = size, .color = color, .link_color = fl->t->brand,
				    .code_color = CODE_COLOR };
}

/* The plain text of inline content, white space collapsed; caller frees. */
static char *plain(const struct lay_inline *in)
{
	size_t len = 0, cap = 0;
	char *s = NULL;
	int space = 0;
	for (size_t i = 0; i < in->n; i++) {
		const struct lay_span *sp = &in->spans[i];
		const char *t = sp->kind == SPAN_BADGE && (!sp->text || !*sp->text)
			? lay_status_label(sp->status) : sp->text;
		if (sp->kind == SPAN_BR)
			space = len > 0;
		for (const char *c = t ? t : ""; *c; c++) {
			if (strchr(" \t\r\n", *c)) {
				space = len > 0;
				continue;
			}
			GROW(s, cap, len + 3);
			if (space)
				s[len++] = ' ';
			space = 0;
			s[len++] = *c;
		}
		if (sp->kind == SPAN_BADGE)
			space = len > 0;
	}
	GROW(s, cap, len + 1);
	s[len] = '\0';
	return s;
}

/* ---- headings --------------------------------------------------------------------------- */

static double heading_size(int level, double base)
{
	double s = level == 1 ? 16 : level == 2 ? 13 : 11;
	return base > 10 ? s * base / 10 : s;
}

/* brk: an h1 that starts a new page. */
static void heading_boxes(struct flow *fl, const struct lay_inline *in, int level,
			  const char *id, size_t head, int brk)
{
	const struct lay_tree *t = fl->t;
	double size = heading_size(level, t->base_size);
	if (brk)
		page_break(fl);
	else
		glue(fl, level == 2 ? 0.9 * size : 0.8 * size);
	struct text_style st = body_style(fl, size, t->brand);
	st.base = ST_BOLD;
	st.link_color = t->brand;
	struct lay_lines ls;
	lay_break_lines(&fl->fonts, in, &st, fl->cw, ALIGN_LEFT, &ls);
	for (size_t i = 0; i < ls.n; i++) {
		int last = i + 1 == ls.n;
		double h = ls.line_h + (last && level == 1 ? 4 : 0);
		struct box *b = new_box(fl, h);
		b->keep = 1;
		if (i == 0) {
			b->anchor = id;
			b->head = head;
		}
		draw_line(fl, &ls.lines[i], size, fl->left, 0, ls.line_h, b);
		if (last && level == 1)
			lay_items_line(&b->items, fl->left, h - 1.5, fl->left + fl->cw, h - 1.5,
				       t->brand, 1.2, 0);
	}
	if (!ls.n) {
		struct box *b = new_box(fl, ls.line_h);
		b->keep = 1;
		b->anchor = id;
		b->head = head;
	}
	lay_lines_release(&ls);
	glue(fl, 0.35 * size);
	fl->keep_lines = 2;
	fl->anchor = NULL;
}

/* ---- tables ----------------------------------------------------------------------------- */

struct cell_layout {
	struct lay_lines lines;
	double x, w;
	enum lay_align align;
	uint32_t shade;
};

/*
 * The boxes of one row.  max_h: the tallest a row may be; a taller row has
 * its longest cells cut (reported).  Returns the box.
 */
static struct box *row_box(struct flow *fl, const struct lay_block *tb, const struct lay_row *r,
			   const double *colx, const double *colw, double size, int header,
			   uint32_t zebra_fill, double max_h)
{
	const struct lay_tree *t = fl->t;
	struct text_style st = body_style(fl, size, TEXT_COLOR);
	uint32_t row_fill = header ? t->brand : r->shade != LAY_NONE ? r->shade : zebra_fill;
	if (header) {
		st.base = ST_BOLD;
		st.color = st.link_color = st.code_color = contrast_text(t->brand);
	}
	struct cell_layout *cl = xcalloc(tb->ncols ? tb->ncols : 1, sizeof(*cl));
	size_t ncl = 0, col = 0;
	double lh = lay_line_height(size), tallest = 0;
	for (size_t i = 0; i < r->n && col < tb->ncols; i++) {
		const struct lay_cell *c = &r->cells[i];
		size_t span = (size_t)c->span;
		if (col + span > tb->ncols)
			span = tb->ncols - col;
		double w = colx[col + span - 1] + colw[col + span - 1] - colx[col];
		struct cell_layout *L = &cl[ncl++];
		L->x = colx[col];
		L->w = w;
		L->align = c->align;
		L->shade = c->shade;
		struct text_style cs = st;
		uint32_t under = c->shade != LAY_NONE ? c->shade : row_fill;
		if (!header && under != LAY_NONE && contrast_text(under) == 0xFFFFFF)
			cs.color = cs.link_color = cs.code_color = 0xFFFFFF;   /* on a dark shade */
		lay_break_lines(&fl->fonts, &c->in, &cs, w - 2 * CELL_PAD_X, c->align, &L->lines);
		if ((double)L->lines.n * lh > tallest)
			tallest = (double)L->lines.n * lh;
		col += span;
	}
	double h = tallest + 2 * CELL_PAD_Y;
	if (h < lh + 2 * CELL_PAD_Y)
		h = lh + 2 * CELL_PAD_Y;

	/* a row taller than a page: cut its long cells, say so */
	if (h > max_h + EPS) {
		size_t keep = (size_t)floor((max_h - 2 * CELL_PAD_Y) / lh);
		if (keep < 2)
			keep = 2;
		size_t cut = 0;
		for (size_t i = 0; i < ncl; i++) {
			struct lay_lines *ls = &cl[i].lines;
			if (ls->n <= keep)
				continue;
			cut += ls->n - (keep - 1);
			char *note = xasprintf("[\xE2\x80\xA6 %zu more lines cut: the row is taller than a page]",
					       ls->n - (keep - 1));
			struct lay_lines tail;
			struct text_style ns = st;
			ns.size = size;
			lay_break_plain(&fl->fonts, note, LAY_FACE_ITALIC, &ns, cl[i].w - 2 * CELL_PAD_X,
					ALIGN_LEFT, &tail);
			free(note);
			/* drop lines keep-1.. and put the first line of the note in their place */
			for (size_t k = keep - 1; k < ls->n; k++) {
				for (size_t j = 0; j < ls->lines[k].n; j++)
					free(ls->lines[k].frags[j].text);
				free(ls->lines[k].frags);
			}
			ls->n = keep - 1;
			if (tail.n) {
				GROW(ls->lines, ls->cap, ls->n + 1);
				ls->lines[ls->n++] = tail.lines[0];
				tail.lines[0] = (struct lay_line){ 0 };
			}
			lay_lines_release(&tail);
		}
		h = (double)keep * lh + 2 * CELL_PAD_Y;
		diag_add(fl->d, DIAG_WARNING, t->template_name, r->line, 0,
			 "layout %s: table row taller than a page; cut to fit (%zu lines not shown)",
			 r->path, cut);
	}

	struct box *b = content_box(fl, h, header ? 0 : 2);
	/* backgrounds leave the rules between rows visible */
	double bg_y = header ? 0 : 0.25, bg_h = header ? h : h - 0.5;
	if (row_fill != LAY_NONE)
		lay_items_rect(&b->items, colx[0], bg_y,
			       colx[tb->ncols - 1] + colw[tb->ncols - 1] - colx[0], bg_h, row_fill,
			       LAY_NONE, 0);
	for (size_t i = 0; i < ncl; i++) {
		if (cl[i].shade != LAY_NONE && !header)
			lay_items_rect(&b->items, cl[i].x, bg_y, cl[i].w, bg_h, cl[i].shade, LAY_NONE, 0);
		for (size_t k = 0; k < cl[i].lines.n; k++)
			draw_line(fl, &cl[i].lines.lines[k], size, cl[i].x + CELL_PAD_X,
				  CELL_PAD_Y + (double)k * lh, lh, b);
		lay_lines_release(&cl[i].lines);
	}
	if (!header)
		lay_items_line(&b->items, colx[0], h, colx[tb->ncols - 1] + colw[tb->ncols - 1], h,
			       RULE_COLOR, 0.5, 0);
	free(cl);
	return b;
}

static void table_boxes(struct flow *fl, const struct lay_block *tb)
{
	const struct lay_tree *t = fl->t;
	double size = tb->size > 0 ? tb->size : fmax(t->base_size - 1, 6);
	double *colx = xcalloc(tb->ncols, sizeof(double));
	double *colw = xcalloc(tb->ncols, sizeof(double));
	double total = 0;
	for (size_t i = 0; i < tb->ncols; i++) {
		colw[i] = tb->widths[i].unit == LEN_PCT ? fl->cw * tb->widths[i].v / 100
			: tb->widths[i].v;
		total += colw[i];
	}
	double scale = total > fl->cw ? fl->cw / total : 1;
	double x = fl->left;
	for (size_t i = 0; i < tb->ncols; i++) {
		colw[i] *= scale;
		colx[i] = x;
		x += colw[i];
	}
	fl->anchor = tb->id ? tb->id : fl->anchor;
	size_t head = 0;
	double head_h = 0;
	if (tb->head) {
		struct box *hb = row_box(fl, tb, tb->head, colx, colw, size, 1, LAY_NONE,
					 fl->ch / 3);
		hb->keep = 1;
		hb->repeat = 1;
		head = fl->nb;
		head_h = hb->h;
	}
	for (size_t i = 0; i < tb->nrows; i++) {
		uint32_t z = tb->zebra && i % 2 == 1 ? ZEBRA_COLOR : LAY_NONE;
		struct box *rb = row_box(fl, tb, &tb->rows[i], colx, colw, size, 0, z,
					 fl->ch - head_h);
		rb->thead = head;
		if (tb->nrows >= 4 ? i + 2 == tb->nrows : i + 1 < tb->nrows)
			rb->keep = 1;     /* the last row never alone; up to three rows kept whole */
	}
	free(colx);
	free(colw);
	glue(fl, 0.8 * t->base_size);
}

/* ---- other blocks ----------------------------------------------------------------------- */

static void paragraph_boxes(struct flow *fl, const struct lay_block *b)
{
	const struct lay_tree *t = fl->t;
	double size = b->size > 0 ? b->size : t->base_size;
	struct text_style st = body_style(fl, size, b->color != LAY_NONE ? b->color : TEXT_COLOR);
	struct lay_lines ls;
	lay_break_lines(&fl->fonts, &b->in, &st, fl->cw, b->align, &ls);
	line_boxes(fl, &ls, fl->left);
	lay_lines_release(&ls);
	glue(fl, b->space_after.unit == LEN_PT ? b->space_after.v : 0.5 * size);
}

static void list_boxes(struct flow *fl, const struct lay_block *b)
{
	double size = fl->t->base_size;
	struct text_style st = body_style(fl, size, TEXT_COLOR);
	double indent = 1.5 * size;
	for (size_t i = 0; i < b->nitems; i++) {
		struct lay_lines ls;
		lay_break_lines(&fl->fonts, &b->items[i], &st, fl->cw - indent, ALIGN_LEFT, &ls);
		size_t first = fl->nb;
		line_boxes(fl, &ls, fl->left + indent);
		if (fl->nb > first)
			lay_items_shaped(&fl->boxes[first].items, &fl->fonts, fl->left + 0.4 * size,
					 lay_baseline(size), LAY_FACE_REGULAR, size, fl->t->brand,
					 "\xE2\x80\xA2");
		lay_lines_release(&ls);
		glue(fl, 0.2 * size);
	}
	glue(fl, 0.4 * size);
}

static int image_box(struct flow *fl, const struct lay_block *b)
{
	const struct lay_metrics *m = fl->fonts.m;
	char *key = NULL;
	double nw = 0, nh = 0;
	const char *why = "images are not allowed here";
	if (!m->image_size || m->image_size(m->ctx, b->src, &key, &nw, &nh, &why) < 0 ||
	    nw <= 0 || nh <= 0) {
		diag_add(fl->d, DIAG_ERROR, fl->t->template_name, b->line, 0,
			 "layout %s: image \"%s\": %s", b->path, b->src, why);
		free(key);
		fl->failed = 1;
		return -1;
	}
	double w = b->width.unit == LEN_PT ? b->width.v
		: b->width.unit == LEN_PCT ? fl->cw * b->width.v / 100 : 0;
	double h = b->height.unit == LEN_PT ? b->height.v : 0;
	if (!w && !h) {
		w = nw;
		h = nh;
	} else if (!h) {
		h = w * nh / nw;
	} else if (!w) {
		w = h * nw / nh;
	}
	double scale = fmin(1, fmin(fl->cw / w, fl->ch / h));
	w *= scale;
	h *= scale;
	size_t idx = 0;
	while (idx < fl->doc->nimages && strcmp(fl->doc->images[idx], key) != 0)
		idx++;
	if (idx == fl->doc->nimages) {
		fl->doc->images = xreallocarray(fl->doc->images, idx + 1, sizeof(char *));
		fl->doc->images[fl->doc->nimages++] = key;
	} else {
		free(key);
	}
	double x = fl->left + (b->align == ALIGN_RIGHT ? fl->cw - w
			       : b->align == ALIGN_CENTER ? (fl->cw - w) / 2 : 0);
	if (b->id)
		fl->anchor = b->id;
	struct box *bx = content_box(fl, h, 2);
	struct lay_item it = { .kind = LAY_IMAGE, .x = x, .y = 0, .w = w, .h = h, .image = idx,
			       .fill = LAY_NONE, .stroke = LAY_NONE };
	lay_items_push(&bx->items, &it);
	glue(fl, 0.6 * fl->t->base_size);
	return 0;
}

static void chart_box(struct flow *fl, const struct lay_block *b)
{
	struct lay_items items = { 0 };
	double h = lay_chart(&fl->fonts, b, fl->left, fl->cw, fl->t->base_size, fl->t->brand, &items);
	if (b->id)
		fl->anchor = b->id;
	struct box *bx = content_box(fl, h, 2);
	bx->items = items;
	glue(fl, 0.8 * fl->t->base_size);
}

/* The contents: one entry per listed heading, page numbers filled in after pagination. */
static void toc_boxes(struct flow *fl, const struct lay_block *b)
{
	const struct lay_tree *t = fl->t;
	if (b->title && *b->title) {
		struct lay_span sp = { SPAN_TEXT, 0, 0, b->title, NULL };
		struct lay_inline in = { &sp, 1, 1 };
		/* an h1 without the page break: the template places the contents */
		GROW(fl->heads, fl->caph, fl->nh + 1);
		fl->heads[fl->nh++] = (struct heading){ 1, xstrdup(b->title), 0, 1, 0, 0, 0, 0, 0, 0 };
		heading_boxes(fl, &in, 1, NULL, fl->nh, 0);
		fl->keep_lines = 0;
	}
	double size = t->base_size;
	double numw = lay_text_width(&fl->fonts, LAY_FACE_REGULAR, size, "0000", 4);
	for (size_t h = 0; h < fl->nh; h++) {
		const struct heading *hd = &fl->heads[h];
		if (!hd->in_toc || hd->level > b->depth)
			continue;
		double indent = (hd->level - 1) * 1.4 * size;
		double tw = fl->cw - indent - numw - 10;
		struct text_style st = body_style(fl, size, TEXT_COLOR);
		struct lay_lines ls;
		lay_break_plain(&fl->fonts, hd->title, hd->level == 1 ? LAY_FACE_BOLD : LAY_FACE_REGULAR,
				&st, tw, ALIGN_LEFT, &ls);
		if (hd->level == 1)
			glue(fl, 0.35 * size);
		for (size_t i = 0; i < ls.n; i++) {
			struct box *bx = content_box(fl, ls.line_h, 1);
			draw_line(fl, &ls.lines[i], size, fl->left + indent, 0, ls.line_h, bx);
			box_link(bx, fl->left + indent, 0, fl->cw - indent, ls.line_h, NULL, h + 1);
			if (i + 1 < ls.n) {
				bx->keep = 1;
				continue;
			}
			double end = fl->left + indent + ls.lines[i].width + 4;
			double nx = fl->left + fl->cw - numw - 4;
			if (nx > end)
				lay_items_line(&bx->items, end, lay_baseline(size), nx, lay_baseline(size),
					       0x9E9E9E, 0.6, 1);
			bx->toc = h + 1;
			bx->toc_item = bx->items.n;
			struct lay_item it = { .kind = LAY_TEXT, .x = fl->left + fl->cw,
					       .y = lay_baseline(size), .size = size,
					       .face = hd->level == 1 ? LAY_FACE_BOLD : LAY_FACE_REGULAR,
					       .fill = TEXT_COLOR, .stroke = LAY_NONE, .text = xstrdup("") };
			lay_items_push(&bx->items, &it);
		}
		lay_lines_release(&ls);
	}
	glue(fl, size);
}

static void blocks(struct flow *fl, const struct lay_block *bs, size_t n);

static void block_boxes(struct flow *fl, const struct lay_block *b)
{
	switch (b->kind) {
	case BLK_H1: case BLK_H2: case BLK_H3: {
		size_t head = ++fl->next_head;
		heading_boxes(fl, &b->in, b->kind == BLK_H1 ? 1 : b->kind == BLK_H2 ? 2 : 3, b->id,
			      head, b->kind == BLK_H1 && !fl->in_cover);
		break;
	}
	case BLK_P:
		if (b->id)
			fl->anchor = b->id;
		paragraph_boxes(fl, b);
		break;
	case BLK_UL:
		if (b->id)
			fl->anchor = b->id;
		list_boxes(fl, b);
		break;
	case BLK_TABLE:
		table_boxes(fl, b);
		break;
	case BLK_TOC:
		toc_boxes(fl, b);
		break;
	case BLK_PAGE_BREAK:
		page_break(fl);
		break;
	case BLK_KEEP: {
		if (b->id)
			fl->anchor = b->id;
		size_t first = fl->nb;
		blocks(fl, b->kids, b->nkids);
		double total = 0;
		size_t last = first;
		for (size_t i = first; i < fl->nb; i++) {
			total += fl->boxes[i].h;
			if (!fl->boxes[i].glue)
				last = i;
		}
		if (total <= fl->ch)
			for (size_t i = first; i < last; i++)
				fl->boxes[i].keep = 1;
		/* with-next: like a heading, never the last thing on a page */
		if (b->with_next && last < fl->nb && !fl->boxes[last].glue) {
			fl->boxes[last].keep = 1;
			fl->keep_lines = 2;
		}
		break;
	}
	case BLK_IMAGE:
		image_box(fl, b);
		break;
	case BLK_CHART:
		chart_box(fl, b);
		break;
	case BLK_SPACER: {
		struct box *bx = new_box(fl, b->height.v);
		bx->spacer = 1;
		break;
	}
	}
}

static void blocks(struct flow *fl, const struct lay_block *bs, size_t n)
{
	for (size_t i = 0; i < n && !fl->failed; i++)
		block_boxes(fl, &bs[i]);
}

/* Lists the headings in document order, before any box is made (the contents need them). */
static void collect_headings(struct flow *fl, const struct lay_block *bs, size_t n, int cover)
{
	for (size_t i = 0; i < n; i++) {
		const struct lay_block *b = &bs[i];
		if (b->kind == BLK_KEEP)
			collect_headings(fl, b->kids, b->nkids, cover);
		if (b->kind != BLK_H1 && b->kind != BLK_H2 && b->kind != BLK_H3)
			continue;
		GROW(fl->heads, fl->caph, fl->nh + 1);
		fl->heads[fl->nh++] = (struct heading){
			.level = b->kind == BLK_H1 ? 1 : b->kind == BLK_H2 ? 2 : 3,
			.title = plain(&b->in), .in_toc = b->toc && !cover, .in_outline = !cover };
	}
}

/* ---- pagination ------------------------------------------------------------------------- */

static struct lay_page *new_page(struct flow *fl, int cover)
{
	struct lay_doc *doc = fl->doc;
	doc->pages = xreallocarray(doc->pages, doc->npages + 1, sizeof(*doc->pages));
	struct lay_page *p = &doc->pages[doc->npages++];
	*p = (struct lay_page){ .cover = cover };
	return p;
}

static void add_dest(struct flow *fl, const char *id, size_t page, double y)
{
	if (!id || strmap_get(&fl->dest_of, id))
		return;
	GROW(fl->dests, fl->capdests, fl->ndests + 1);
	fl->dests[fl->ndests++] = (struct dest){ page, y };
	strmap_put(&fl->dest_of, id, (void *)(uintptr_t)fl->ndests);
}

/* Places box b with its top at y on the last page; copy: keep the box's items. */
static void place(struct flow *fl, struct box *b, double y, int copy)
{
	copy |= b->repeat;
	size_t pi = fl->doc->npages - 1;
	struct lay_page *p = &fl->doc->pages[pi];
	if (b->cover)
		p->cover = 1;
	GROW(p->items, p->cap, p->n + b->items.n);
	for (size_t i = 0; i < b->items.n; i++) {
		struct lay_item it = b->items.items[i];
		it.y += y;
		if (copy && it.text)
			it.text = xstrdup(it.text);
		if (b->toc && i == b->toc_item) {
			struct heading *h = &fl->heads[b->toc - 1];
			h->toc_page = pi;
			h->toc_index = p->n;
			h->toc_placed = 1;
		}
		p->items[p->n++] = it;
	}
	if (!copy) {
		free(b->items.items);
		b->items = (struct lay_items){ 0 };
	}
	/* links stay pending until every target is placed: kept on the box with page and offset */
	for (size_t i = 0; i < b->nlinks; i++) {
		GROW(p->links, p->caplinks, p->nlinks + 1);
		struct plink *l = &b->links[i];
		/* page field temporarily holds the pending link's index in the box list */
		p->links[p->nlinks++] = (struct lay_link){ l->x, l->y + y, l->w, l->h,
							   (size_t)(b - fl->boxes), (double)i };
	}
	if (b->anchor)
		add_dest(fl, b->anchor, pi, y);
	if (b->head) {
		struct heading *h = &fl->heads[b->head - 1];
		h->page = pi;
		h->y = y;
		h->placed = 1;
	}
}

/* Height of box i and every box tied to it. */
static double chain_height(const struct flow *fl, size_t i)
{
	double h = fl->boxes[i].h;
	size_t j = i;
	while (fl->boxes[j].keep) {
		double g = 0;
		size_t k = j + 1;
		while (k < fl->nb && fl->boxes[k].glue)
			g += fl->boxes[k++].h;
		if (k >= fl->nb || fl->boxes[k].brk)
			break;
		h += g + fl->boxes[k].h;
		j = k;
	}
	return h;
}

static void paginate(struct flow *fl)
{
	double top = fl->top, bottom = fl->bottom;
	double y = top;
	int open = 0;          /* a page is open and has something on it */
	for (size_t i = 0; i < fl->nb; i++) {
		struct box *b = &fl->boxes[i];
		if (b->brk) {
			open = 0;
			continue;
		}
		if (b->glue) {
			if (open)
				y += b->h;
			continue;
		}
		if (b->spacer) {
			if (open && y + b->h > bottom + EPS) {
				open = 0;      /* the space ends the page */
				continue;
			}
			if (!open) {
				new_page(fl, b->cover);
				y = top;
				open = 1;
			}
			y = fmin(y + b->h, bottom);
			continue;
		}
		const struct box *hb = b->thead ? &fl->boxes[b->thead - 1] : NULL;
		double hh = hb ? hb->h : 0;
		if (open) {
			double chain = chain_height(fl, i), room = bottom - y;
			if (chain > room + EPS &&
			    (chain + hh <= fl->ch + EPS || b->h > room + EPS))
				open = 0;
		}
		if (!open) {
			new_page(fl, b->cover);
			y = top;
			open = 1;
			if (hb) {
				place(fl, &fl->boxes[b->thead - 1], y, 1);
				y += hh;
			}
		}
		place(fl, b, y, 0);
		y += b->h;
	}
}

/* ---- after pagination ------------------------------------------------------------------- */

static void fill_toc_numbers(struct flow *fl)
{
	for (size_t h = 0; h < fl->nh; h++) {
		const struct heading *hd = &fl->heads[h];
		if (!hd->toc_placed)
			continue;
		struct lay_item *it = &fl->doc->pages[hd->toc_page].items[hd->toc_index];
		free(it->text);
		it->text = xasprintf("%zu", hd->page + 1);
		it->x -= lay_text_width(&fl->fonts, it->face, it->size, it->text, strlen(it->text));
	}
}

static void resolve_links(struct flow *fl)
{
	for (size_t p = 0; p < fl->doc->npages; p++) {
		struct lay_page *pg = &fl->doc->pages[p];
		size_t kept = 0;
		for (size_t i = 0; i < pg->nlinks; i++) {
			struct lay_link l = pg->links[i];
			const struct plink *pl = &fl->boxes[l.page].links[(size_t)l.dest_y];
			int ok = 0;
			if (pl->head) {
				const struct heading *h = &fl->heads[pl->head - 1];
				if (h->placed) {
					l.page = h->page;
					l.dest_y = h->y;
					ok = 1;
				}
			} else if (pl->to) {
				size_t di = (size_t)(uintptr_t)strmap_get(&fl->dest_of, pl->to);
				if (di) {
					l.page = fl->dests[di - 1].page;
					l.dest_y = fl->dests[di - 1].y;
					ok = 1;
				}
			}
			if (ok)
				pg->links[kept++] = l;
		}
		pg->nlinks = kept;
	}
}

static int by_position(const void *a, const void *b)
{
	const struct heading *x = *(const struct heading *const *)a;
	const struct heading *y = *(const struct heading *const *)b;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Bookmarks for the placed headings, in the order they appear on the pages. */
static void outline(struct flow *fl)
{
	struct lay_doc *doc = fl->doc;
	const struct heading **order = xcalloc(fl->nh ? fl->nh : 1, sizeof(*order));
	size_t n = 0;
	for (size_t h = 0; h < fl->nh; h++)
		if (fl->heads[h].in_outline && fl->heads[h].placed)
			order[n++] = &fl->heads[h];
	qsort(order, n, sizeof(*order), by_position);
	doc->outline = xcalloc(n ? n : 1, sizeof(*doc->outline));
	for (size_t i = 0; i < n; i++)
		doc->outline[doc->noutline++] = (struct lay_outline){ order[i]->level,
			xstrdup(order[i]->title), order[i]->page, order[i]->y };
	free(order);
}

/* Replaces {page}, {pages} and {title} in s; caller frees. */
static char *expand_fields(const char *s, size_t page, size_t pages, const char *title)
{
	size_t len = 0, cap = 0;
	char *out = NULL;
	while (*s) {
		char num[32];
		const char *rep = NULL;
		size_t skip = 1;
		if (!strncmp(s, "{page}", 6)) {
			snprintf(num, sizeof num, "%zu", page);
			rep = num;
			skip = 6;
		} else if (!strncmp(s, "{pages}", 7)) {
			snprintf(num, sizeof num, "%zu", pages);
			rep = num;
			skip = 7;
		} else if (!strncmp(s, "{title}", 7)) {
			rep = title ? title : "";
			skip = 7;
		}
		size_t n = rep ? strlen(rep) : 1;
		GROW(out, cap, len + n + 1);
		memcpy(out + len, rep ? rep : s, n);
		len += n;
		s += skip;
	}
	GROW(out, cap, len + 1);
	out[len] = '\0';
	return out;
}

static void running_texts(struct flow *fl, struct lay_page *p, size_t page, char *const text[3],
			  double base, double rule_y)
{
	const struct lay_tree *t = fl->t;
	double size = fmax(t->base_size - 2, 6.5);
	char *s[3];
	double w[3];
	int any = 0;
	for (int i = 0; i < 3; i++) {
		s[i] = text[i] ? expand_fields(text[i], page + 1, fl->doc->npages, t->title) : NULL;
		w[i] = s[i] ? lay_text_width(&fl->fonts, LAY_FACE_REGULAR, size, s[i], strlen(s[i])) : 0;
		any |= s[i] && *s[i];
	}
	if (!any)
		return;
	double side_max = s[1] && *s[1] ? 0.32 * fl->cw : 0.48 * fl->cw;
	for (int i = 0; i < 3; i += 2)
		if (s[i] && w[i] > side_max) {
			char *c = lay_fit_text(&fl->fonts, LAY_FACE_REGULAR, size, s[i], side_max);
			free(s[i]);
			s[i] = c;
			w[i] = lay_text_width(&fl->fonts, LAY_FACE_REGULAR, size, c, strlen(c));
		}
	double centre_max = fl->cw - 2 * fmax(w[0], w[2]) - 16;
	if (s[1] && w[1] > centre_max) {
		char *c = lay_fit_text(&fl->fonts, LAY_FACE_REGULAR, size, s[1], fmax(centre_max, 10));
		free(s[1]);
		s[1] = c;
		w[1] = lay_text_width(&fl->fonts, LAY_FACE_REGULAR, size, c, strlen(c));
	}
	struct lay_items items = { 0 };
	double xs[3] = { fl->left, fl->left + (fl->cw - w[1]) / 2, fl->left + fl->cw - w[2] };
	for (int i = 0; i < 3; i++)
		if (s[i] && *s[i])
			lay_items_shaped(&items, &fl->fonts, xs[i], base, LAY_FACE_REGULAR, size,
					 RUNNING_COLOR, s[i]);
	lay_items_line(&items, fl->left, rule_y, fl->left + fl->cw, rule_y, RULE_COLOR, 0.5, 0);
	GROW(p->items, p->cap, p->n + items.n);
	memcpy(p->items + p->n, items.items, items.n * sizeof(*items.items));
	p->n += items.n;
	free(items.items);
	for (int i = 0; i < 3; i++)
		free(s[i]);
}

static void running(struct flow *fl)
{
	const struct lay_tree *t = fl->t;
	for (size_t i = 0; i < fl->doc->npages; i++) {
		struct lay_page *p = &fl->doc->pages[i];
		if (p->cover)
			continue;
		if (t->has_header)
			running_texts(fl, p, i, t->header, fl->top - 10, fl->top - 6);
		if (t->has_footer)
			running_texts(fl, p, i, t->footer, fl->bottom + 18, fl->bottom + 8);
	}
}

/* ---- entry point ------------------------------------------------------------------------ */

struct lay_doc *layout_flow(const struct lay_tree *t, const struct lay_metrics *m,
			    struct diag_list *d)
{
	struct flow fl = { .t = t, .fonts = { .m = m }, .d = d };
	fl.left = t->margin_left;
	fl.top = t->margin_top;
	fl.bottom = t->page_h - t->margin_bottom;
	fl.cw = t->page_w - t->margin_left - t->margin_right;
	fl.ch = fl.bottom - fl.top;
	strmap_init(&fl.dest_of, 0);
	struct lay_doc *doc = fl.doc = xcalloc(1, sizeof(*doc));
	doc->width = t->page_w;
	doc->height = t->page_h;
	doc->title = xstrdup(t->title);
	doc->author = xstrdup(t->author);
	doc->subject = xstrdup(t->subject);
	doc->keywords = xstrdup(t->keywords);
	doc->creator = xstrdup(t->creator);
	doc->created = xstrdup(t->created);

	collect_headings(&fl, t->cover, t->ncover, 1);
	collect_headings(&fl, t->body, t->nbody, 0);
	if (t->ncover) {
		fl.in_cover = 1;
		blocks(&fl, t->cover, t->ncover);
		fl.in_cover = 0;
		page_break(&fl);
	}
	blocks(&fl, t->body, t->nbody);
	if (!fl.failed) {
		paginate(&fl);
		if (!doc->npages)
			new_page(&fl, 0);   /* an empty document is one empty page */
		fill_toc_numbers(&fl);
		resolve_links(&fl);
		outline(&fl);
		running(&fl);
		if (fl.fonts.missing)
			diag_add(d, DIAG_WARNING, t->template_name, 0, 0,
				 "layout: %zu character%s no font can draw (the first is U+%04lX); "
				 "drawn as boxes, or as U+FFFD beyond U+FFFF", fl.fonts.missing,
				 fl.fonts.missing == 1 ? " that" : "s",
				 (unsigned long)fl.fonts.first_missing);
	}

	for (size_t i = 0; i < fl.nb; i++)
		box_free(&fl.boxes[i]);
	free(fl.boxes);
	for (size_t i = 0; i < fl.nh; i++)
		free(fl.heads[i].title);
	free(fl.heads);
	free(fl.dests);
	strmap_release(&fl.dest_of);
	if (fl.failed) {
		layout_doc_free(doc);
		return NULL;
	}
	return doc;
}

void layout_doc_free(struct lay_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->npages; i++) {
		for (size_t j = 0; j < doc->pages[i].n; j++)
			free(doc->pages[i].items[j].text);
		free(doc->pages[i].items);
		free(doc->pages[i].links);
	}
	free(doc->pages);
	for (size_t i = 0; i < doc->noutline; i++)
		free(doc->outline[i].title);
	free(doc->outline);
	for (size_t i = 0; i < doc->nimages; i++)
		free(doc->images[i]);
	free(doc->images);
	free(doc->title);
	free(doc->author);
	free(doc->subject);
	free(doc->keywords);
	free(doc->creator);
	free(doc->created);
	free(doc);
}
