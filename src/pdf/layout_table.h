/*
 * layout_table.h - tables into boxes: one unbreakable box per row, the
 * header row repeated on every page the table covers.
 */
#ifndef SRMAP_LAYOUT_TABLE_H
#define SRMAP_LAYOUT_TABLE_H

#include "layout_box.h"
#include "layout_tree.h"

/*
 * Adds the boxes of table tb to the flow: its columns sized to the content
 * width, the header row (kept with the first row, placed again at the top of
 * every page), and the rows, the last never alone on a page.  A row taller
 * than a page is cut to fit, with a warning.
 */
void lay_table_boxes(struct flow *fl, const struct lay_block *tb);

#endif
