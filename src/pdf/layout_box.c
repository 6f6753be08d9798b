/*
 * layout_box.c - boxes: adding content boxes, glue and forced breaks to the
 * flow (with the anchors and heading ties they take on), link areas, and
 * laid-out lines drawn into a box.
 */
#include "layout_box.h"
#include "layout_badge.h"
#include "layout_items.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>

#define CODE_COLOR 0x37474F

struct box *lay_new_box(struct flow *fl, double h)
{
	GROW(fl->boxes, fl->capb, fl->nb + 1);
	struct box *b = &fl->boxes[fl->nb++];
	*b = (struct box){ .h = h, .cover = (unsigned)fl->in_cover };
	return b;
}

void lay_glue(struct flow *fl, double h)
{
	if (h > 0)
		lay_new_box(fl, h)->glue = 1;
}

void lay_page_break(struct flow *fl)
{
	lay_new_box(fl, 0)->brk = 1;
	fl->keep_lines = 0;
}

/*
 * A content box: takes a waiting anchor, and is tied to what follows while a
 * heading still needs lines after it.  weight: how many lines it counts for.
 */
struct box *lay_content_box(struct flow *fl, double h, int weight)
{
	struct box *b = lay_new_box(fl, h);
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

void lay_box_link(struct box *b, double x, double y, double w, double h, const char *to,
		  size_t head)
{
	GROW(b->links, b->caplinks, b->nlinks + 1);
	b->links[b->nlinks++] = (struct plink){ x, y, w, h, to, head };
}

void lay_box_release(struct box *b)
{
	lay_items_release(&b->items);
	free(b->links);
}

/* ---- text into boxes -------------------------------------------------------------------- */

/* Draws one laid-out line with its left edge at x and its top at y into items and links. */
void lay_draw_line(struct flow *fl, const struct lay_line *line, double size, double x,
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
			lay_box_link(b, x + x0, y, x1 - x0, line_h, to, 0);
		}
		i = j;
	}
}

struct text_style lay_body_style(const struct flow *fl, double size, uint32_t color)
{
	return (struct text_style){ .size = size, .color = color, .link_color = fl->t->brand,
				    .code_color = CODE_COLOR };
}
