/*
 * layout_items.c - lists of drawing items: text (as given, or split into runs
 * of one face with the fallback), rectangles and lines, with y relative to
 * the top of the box they belong to.
 */
#include "layout_items.h"
#include "layout_font.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

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
