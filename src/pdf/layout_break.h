/*
 * layout_break.h - inline content into lines: white space collapsed, words
 * broken at spaces, around CJK characters and, when wider than a line,
 * between characters; lines aligned.
 */
#ifndef SRMAP_LAYOUT_BREAK_H
#define SRMAP_LAYOUT_BREAK_H

#include "layout.h"
#include "layout_font.h"
#include "layout_tree.h"

#include <stddef.h>
#include <stdint.h>

/* Style of a run of text. */
struct text_style {
	double size;
	uint32_t color;        /* plain text */
	uint32_t link_color;   /* text inside a link */
	uint32_t code_color;
	unsigned base;         /* ST_* applied to everything (headings: ST_BOLD) */
};

/* Laid-out lines: owned, released with lay_lines_release. */
struct lay_lines {
	struct lay_line *lines;
	size_t n, cap;
	double line_h;         /* height of one line */
	double size;
};

/*
 * Breaks the inline content in into lines of at most width points, aligned
 * with align.  Words wider than a line are broken between characters.
 * Fills *out (release with lay_lines_release).
 */
void lay_break_lines(struct lay_fonts *f, const struct lay_inline *in,
		     const struct text_style *st, double width, enum lay_align align,
		     struct lay_lines *out);

/* Breaks a plain string (no markup) the same way, in face. */
void lay_break_plain(struct lay_fonts *f, const char *text, enum lay_face face,
		     const struct text_style *st, double width, enum lay_align align,
		     struct lay_lines *out);

/* Frees the lines and their fragments and leaves l empty. */
void lay_lines_release(struct lay_lines *l);

#endif
