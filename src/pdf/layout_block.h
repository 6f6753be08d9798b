/*
 * layout_block.h - the block elements of the layout vocabulary (h1-h3, p,
 * ul, table, toc, page-break, keep, image, chart, spacer; docs/layout.md),
 * checked and parsed into blocks of the tree.
 */
#ifndef SRMAP_LAYOUT_BLOCK_H
#define SRMAP_LAYOUT_BLOCK_H

#include "layout_attr.h"
#include "layout_tree.h"

#include <stddef.h>
#include <libxml/tree.h>

/* Where blocks are: some may appear only in the body. */
enum context { IN_BODY, IN_COVER, IN_KEEP };

/*
 * Parses the block elements among parent's children and appends them to
 * *out (a growable array of *nout blocks, owned by the caller: release each
 * block with lay_block_release and free the array).  Every problem is
 * reported to p; a block that cannot be made at all is left out.  In the
 * body, <running-header>, <running-footer> and <cover> are skipped: the
 * document handles them.
 */
void lay_parse_blocks(struct parser *p, xmlNodePtr parent, enum context ctx,
		      struct lay_block **out, size_t *nout);

#endif
