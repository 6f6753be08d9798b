/*
 * layout_items.h - lists of drawing items (struct lay_item, layout.h) with y
 * relative to the top of a box: what a block of the flow draws, and what a
 * chart draws into.  A list owns its items and their text.
 */
#ifndef SRMAP_LAYOUT_ITEMS_H
#define SRMAP_LAYOUT_ITEMS_H

#include "layout.h"
#include "layout_font.h"

#include <stddef.h>
#include <stdint.h>

/* A list of drawing items with y relative to the top of a box. */
struct lay_items {
	struct lay_item *items;
	size_t n, cap;
};

/* Appends a copy of *it; the list takes over it->text. */
void lay_items_push(struct lay_items *l, const struct lay_item *it);

/* Frees the items and their text and leaves l empty. */
void lay_items_release(struct lay_items *l);

/* Adds a text item (text copied); an empty or NULL text adds nothing. */
void lay_items_text(struct lay_items *l, double x, double y, enum lay_face face, double size,
		    uint32_t color, const char *text);

/* Adds the text of s in face (with fallback runs) at baseline (x, y). */
void lay_items_shaped(struct lay_items *l, struct lay_fonts *f, double x, double y,
		      enum lay_face face, double size, uint32_t color, const char *s);

/* Adds a rectangle, top-left (x, y), with fill and an outline of stroke_w (LAY_NONE: none). */
void lay_items_rect(struct lay_items *l, double x, double y, double w, double h,
		    uint32_t fill, uint32_t stroke, double stroke_w);

/* Adds a line from (x1, y1) to (x2, y2), dotted when dash is nonzero. */
void lay_items_line(struct lay_items *l, double x1, double y1, double x2, double y2,
		    uint32_t color, double width, int dash);

#endif
