/*
 * layout_flow.c - blocks onto pages.
 *
 * Every block becomes a list of boxes (layout_box.h): unbreakable pieces (a
 * line of text, a table row, a chart) with their drawing items, plus glue
 * (space that is dropped at the top of a page) and forced breaks.  A box may
 * be tied to the next one (keep): the lines of a heading, a heading to the
 * two lines that follow it, a table's header row to its first row, a
 * paragraph's first and last two lines (no orphans or widows), everything
 * inside <keep>, and a <keep with-next="yes"> to the two lines after it, as a
 * heading.  This file makes the boxes of every block but tables
 * (layout_table.c); the paginator (layout_page.c) then places the boxes in
 * one pass.
 *
 * The contents are laid out like any text, with the page number of each
 * entry left blank in a column of fixed width; once every heading has its
 * page, the numbers are filled in.  So one pass is enough and the entries
 * always name the pages the headings landed on.  Page numbers are physical:
 * the cover is page 1.
 */
#include "layout.h"
#include "layout_badge.h"
#include "layout_box.h"
#include "layout_break.h"
#include "layout_chart.h"
#include "layout_font.h"
#include "layout_items.h"
#include "layout_page.h"
#include "layout_table.h"
#include "layout_tree.h"
#include "srmap/base/alloc.h"
#include "srmap/base/strmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- text into boxes -------------------------------------------------------------------- */

/* Boxes for the lines of a paragraph at x: no orphans, no widows. */
static void line_boxes(struct flow *fl, const struct lay_lines *ls, double x)
{
	size_t n = ls->n;
	for (size_t i = 0; i < n; i++) {
		struct box *b = lay_content_box(fl, ls->line_h, 1);
		lay_draw_line(fl, &ls->lines[i], ls->size, x, 0, ls->line_h, b);
		if ((i == 0 && n >= 2) || (n >= 3 && i == n - 2))
			b->keep = 1;
	}
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
		lay_page_break(fl);
	else
		lay_glue(fl, level == 2 ? 0.9 * size : 0.8 * size);
	struct text_style st = lay_body_style(fl, size, t->brand);
	st.base = ST_BOLD;
	st.link_color = t->brand;
	struct lay_lines ls;
	lay_break_lines(&fl->fonts, in, &st, fl->cw, ALIGN_LEFT, &ls);
	for (size_t i = 0; i < ls.n; i++) {
		int last = i + 1 == ls.n;
		double h = ls.line_h + (last && level == 1 ? 4 : 0);
		struct box *b = lay_new_box(fl, h);
		b->keep = 1;
		if (i == 0) {
			b->anchor = id;
			b->head = head;
		}
		lay_draw_line(fl, &ls.lines[i], size, fl->left, 0, ls.line_h, b);
		if (last && level == 1)
			lay_items_line(&b->items, fl->left, h - 1.5, fl->left + fl->cw, h - 1.5,
				       t->brand, 1.2, 0);
	}
	if (!ls.n) {
		struct box *b = lay_new_box(fl, ls.line_h);
		b->keep = 1;
		b->anchor = id;
		b->head = head;
	}
	lay_lines_release(&ls);
	lay_glue(fl, 0.35 * size);
	fl->keep_lines = 2;
	fl->anchor = NULL;
}

/* ---- other blocks ----------------------------------------------------------------------- */

static void paragraph_boxes(struct flow *fl, const struct lay_block *b)
{
	const struct lay_tree *t = fl->t;
	double size = b->size > 0 ? b->size : t->base_size;
	struct text_style st = lay_body_style(fl, size, b->color != LAY_NONE ? b->color : TEXT_COLOR);
	struct lay_lines ls;
	lay_break_lines(&fl->fonts, &b->in, &st, fl->cw, b->align, &ls);
	line_boxes(fl, &ls, fl->left);
	lay_lines_release(&ls);
	lay_glue(fl, b->space_after.unit == LEN_PT ? b->space_after.v : 0.5 * size);
}

static void list_boxes(struct flow *fl, const struct lay_block *b)
{
	double size = fl->t->base_size;
	struct text_style st = lay_body_style(fl, size, TEXT_COLOR);
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
		lay_glue(fl, 0.2 * size);
	}
	lay_glue(fl, 0.4 * size);
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
	struct box *bx = lay_content_box(fl, h, 2);
	struct lay_item it = { .kind = LAY_IMAGE, .x = x, .y = 0, .w = w, .h = h, .image = idx,
			       .fill = LAY_NONE, .stroke = LAY_NONE };
	lay_items_push(&bx->items, &it);
	lay_glue(fl, 0.6 * fl->t->base_size);
	return 0;
}

static void chart_box(struct flow *fl, const struct lay_block *b)
{
	struct lay_items items = { 0 };
	double h = lay_chart(&fl->fonts, b, fl->left, fl->cw, fl->t->base_size, fl->t->brand, &items);
	if (b->id)
		fl->anchor = b->id;
	struct box *bx = lay_content_box(fl, h, 2);
	bx->items = items;
	lay_glue(fl, 0.8 * fl->t->base_size);
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
		fl->heads[fl->nh++] = (struct heading){ .level = 1, .title = xstrdup(b->title),
							  .in_outline = 1 };
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
		struct text_style st = lay_body_style(fl, size, TEXT_COLOR);
		struct lay_lines ls;
		lay_break_plain(&fl->fonts, hd->title, hd->level == 1 ? LAY_FACE_BOLD : LAY_FACE_REGULAR,
				&st, tw, ALIGN_LEFT, &ls);
		if (hd->level == 1)
			lay_glue(fl, 0.35 * size);
		for (size_t i = 0; i < ls.n; i++) {
			struct box *bx = lay_content_box(fl, ls.line_h, 1);
			lay_draw_line(fl, &ls.lines[i], size, fl->left + indent, 0, ls.line_h, bx);
			lay_box_link(bx, fl->left + indent, 0, fl->cw - indent, ls.line_h, NULL, h + 1);
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
	lay_glue(fl, size);
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
		lay_table_boxes(fl, b);
		break;
	case BLK_TOC:
		toc_boxes(fl, b);
		break;
	case BLK_PAGE_BREAK:
		lay_page_break(fl);
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
		struct box *bx = lay_new_box(fl, b->height.v);
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
			.title = plain(&b->in), .in_toc = b->toc && !cover,
			.in_outline = !cover && b->bookmark,
			.outline_title = b->title ? xstrdup(b->title) : NULL };
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
	doc->lang = xstrdup(t->lang ? t->lang : "en");

	collect_headings(&fl, t->cover, t->ncover, 1);
	collect_headings(&fl, t->body, t->nbody, 0);
	if (t->ncover) {
		fl.in_cover = 1;
		blocks(&fl, t->cover, t->ncover);
		fl.in_cover = 0;
		lay_page_break(&fl);
	}
	blocks(&fl, t->body, t->nbody);
	if (!fl.failed) {
		lay_paginate(&fl);
		if (fl.fonts.missing)
			diag_add(d, DIAG_WARNING, t->template_name, 0, 0,
				 "layout: %zu character%s no font can draw (the first is U+%04lX); "
				 "drawn as boxes, or as U+FFFD beyond U+FFFF", fl.fonts.missing,
				 fl.fonts.missing == 1 ? " that" : "s",
				 (unsigned long)fl.fonts.first_missing);
	}

	for (size_t i = 0; i < fl.nb; i++)
		lay_box_release(&fl.boxes[i]);
	free(fl.boxes);
	for (size_t i = 0; i < fl.nh; i++) {
		free(fl.heads[i].title);
		free(fl.heads[i].outline_title);
	}
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
	free(doc->lang);
	free(doc);
}
