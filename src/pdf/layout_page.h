/*
 * layout_page.h - the boxes of the flow onto pages, and what needs the
 * pages: the contents' page numbers, links, the outline and the running
 * header and footer.
 */
#ifndef SRMAP_LAYOUT_PAGE_H
#define SRMAP_LAYOUT_PAGE_H

#include "layout_box.h"

/*
 * Places every box of fl on the pages of fl->doc (an empty document gets one
 * empty page), then fills in the contents' page numbers, resolves the links
 * (dropping those whose target was not placed), builds the outline and draws
 * the running header and footer on every page but the cover.  The items of
 * the boxes move to the pages; fl->doc owns them.
 */
void lay_paginate(struct flow *fl);

#endif
