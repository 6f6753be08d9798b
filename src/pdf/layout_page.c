/*
 * layout_page.c - boxes onto pages, and what needs the pages: the contents'
 * page numbers, links, the outline and the running header and footer.
 *
 * The boxes are placed in one pass: a chain of tied boxes that does not fit
 * in the rest of a page moves to the next page whole (unless it is taller
 * than a page), and a table row that starts a page is preceded by a copy of
 * its table's header row.  Then the contents' page numbers are filled in, in
 * the column left blank for them, and the links are pointed at the pages
 * their targets landed on.
 */
#include "layout_page.h"
#include "layout_box.h"
#include "layout_font.h"
#include "layout_items.h"
#include "srmap/base/alloc.h"
#include "srmap/base/strmap.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNNING_COLOR 0x666666

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

static void place_boxes(struct flow *fl)
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
			xstrdup(order[i]->outline_title ? order[i]->outline_title : order[i]->title),
			order[i]->page, order[i]->y };
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
	if (!any) {
		/* Only empty texts (right=""): nothing to draw, but the expansions are ours. */
		for (int i = 0; i < 3; i++)
			free(s[i]);
		return;
	}
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

void lay_paginate(struct flow *fl)
{
	place_boxes(fl);
	if (!fl->doc->npages)
		new_page(fl, 0);   /* an empty document is one empty page */
	fill_toc_numbers(fl);
	resolve_links(fl);
	outline(fl);
	running(fl);
}
