/*
 * layout_inline.h - inline content of the layout vocabulary: text with <b>,
 * <i>, <code>, <link>, <br> and <badge> (docs/layout.md), parsed into spans.
 */
#ifndef SRMAP_LAYOUT_INLINE_H
#define SRMAP_LAYOUT_INLINE_H

#include "layout_attr.h"
#include "layout_tree.h"

#include <libxml/tree.h>

/*
 * Appends the inline content of n's children to in, with style (ST_*) and
 * link (the target id of an enclosing <link>, or NULL) applied.  The spans
 * own copies of their text; every <link> is noted in p for the check of its
 * target at the end.  Problems are reported to p.
 */
void lay_parse_inline(struct parser *p, xmlNodePtr n, unsigned style, const char *link,
		      struct lay_inline *in);

#endif
