/*
 * layout_badge.h - badges: the statuses' default labels, their colours and
 * the geometry of a badge drawn in a line of text.
 */
#ifndef SRMAP_LAYOUT_BADGE_H
#define SRMAP_LAYOUT_BADGE_H

#include "layout_tree.h"

#include <stdint.h>

/* Badge geometry: horizontal padding and the label's font size for text of size. */
double lay_badge_pad(double size);
double lay_badge_size(double size);

/* Default label of a badge status ("Met", "Partially met", ...); a static string. */
const char *lay_status_label(enum lay_status s);

/* Colours of a badge. */
void lay_status_colors(enum lay_status s, uint32_t *fill, uint32_t *border, uint32_t *text);

#endif
