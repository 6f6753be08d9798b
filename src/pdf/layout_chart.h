/*
 * layout_chart.h - charts (bar, stacked-bar, donut) as drawing items, for
 * the flow to place like any other box.
 */
#ifndef SRMAP_LAYOUT_CHART_H
#define SRMAP_LAYOUT_CHART_H

#include "layout_font.h"
#include "layout_items.h"
#include "layout_tree.h"

#include <stdint.h>

/*
 * Draws chart b into out with its top-left corner at (x, 0), at most width
 * points wide; returns the chart's height.  The items added are owned by out.
 */
double lay_chart(struct lay_fonts *f, const struct lay_block *b, double x, double width,
		 double base_size, uint32_t brand, struct lay_items *out);

#endif
