/*
 * pdf_draw.h - draws a laid-out document (layout.h) into the libharu
 * document of its fonts: pages, link annotations, bookmarks and the
 * document information.
 */
#ifndef SRMAP_PDF_DRAW_H
#define SRMAP_PDF_DRAW_H

#include "layout.h"
#include "pdf_font.h"

#include <hpdf.h>

/*
 * Adds doc's pages to f's document and draws them, with their links, the
 * bookmarks and the document information.  pages has room for doc->npages
 * pages and receives them (they belong to the document).  libharu errors
 * jump to f->jump, which the caller sets.
 */
void pdf_draw(struct pdf_fonts *f, const struct lay_doc *doc, HPDF_Page *pages);

#endif
