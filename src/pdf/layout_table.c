/*
 * layout_table.c - tables into boxes: column widths, cells broken into lines
 * and shaded (text made light on a dark shade), rows taller than a page cut
 * with a note, zebra stripes, and the header row that starts every page of
 * the table.
 */
#include "layout_table.h"
#include "layout_box.h"
#include "layout_break.h"
#include "layout_items.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>

#define ZEBRA_COLOR 0xF2F4F7
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.2

static uint32_t contrast_text(uint32_t fill)
{
	double lum = 0.299 * (fill >> 16 & 0xFF) + 0.587 * (fill >> 8 & 0xFF) + 0.114 * (fill & 0xFF);
	return lum > 150 ? TEXT_COLOR : 0xFFFFFF;
}

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
	struct text_style st = lay_body_style(fl, size, TEXT_COLOR);
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

	struct box *b = lay_content_box(fl, h, header ? 0 : 2);
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
			lay_draw_line(fl, &cl[i].lines.lines[k], size, cl[i].x + CELL_PAD_X,
				      CELL_PAD_Y + (double)k * lh, lh, b);
		lay_lines_release(&cl[i].lines);
	}
	if (!header)
		lay_items_line(&b->items, colx[0], h, colx[tb->ncols - 1] + colw[tb->ncols - 1], h,
			       RULE_COLOR, 0.5, 0);
	free(cl);
	return b;
}

void lay_table_boxes(struct flow *fl, const struct lay_block *tb)
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
	lay_glue(fl, 0.8 * t->base_size);
}
