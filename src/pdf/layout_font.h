/*
 * layout_font.h - text as the layout measures it: glyph lookups with the CJK
 * fallback face (and a count of characters no face has), widths, line
 * height and baseline, UTF-8, and laid-out lines: text split into runs of
 * one face each, measured glyph by glyph through struct lay_metrics.
 */
#ifndef SRMAP_LAYOUT_FONT_H
#define SRMAP_LAYOUT_FONT_H

#include "layout.h"
#include "layout_tree.h"

#include <stddef.h>
#include <stdint.h>

/* Glyph lookups with the fallback face; also collects characters no face has. */
struct lay_fonts {
	const struct lay_metrics *m;
	uint32_t first_missing;    /* first character no face has, 0 if none */
	size_t missing;            /* how many times such characters occurred */
};

/* The face that draws cp in the wanted face: wanted itself, or the CJK fallback. */
enum lay_face lay_face_for(struct lay_fonts *f, enum lay_face wanted, uint32_t cp);

/* Width in points of the UTF-8 text s (len bytes) in face at size, with fallback. */
double lay_text_width(struct lay_fonts *f, enum lay_face face, double size,
		      const char *s, size_t len);

/* Advance width in points of cp in face at size, with fallback. */
double lay_advance(struct lay_fonts *f, enum lay_face face, uint32_t cp, double size);

/* Line height for a font size (1.3 x size) and the baseline offset from the line's top. */
double lay_line_height(double size);
double lay_baseline(double size);

/* A piece of a laid-out line: a text run in one face, or a badge. */
struct lay_frag {
	double x;              /* from the line's left edge */
	double w;
	enum lay_face face;
	uint32_t color;
	char *text;            /* owned */
	const char *link;      /* borrowed from the tree, or NULL */
	int badge;             /* 1: a badge of status `status` with label text */
	enum lay_status status;
};

/* A laid-out line: its fragments (owned), left to right. */
struct lay_line {
	struct lay_frag *frags;
	size_t n, cap;
	double width;          /* used width */
};

/*
 * Splits text into runs of one face each (fallback included), measuring each,
 * and appends them to line from x0 on; the fragments own copies of their text.
 */
void lay_shape_runs(struct lay_fonts *f, enum lay_face face, double size, const char *s,
		    size_t len, uint32_t color, const char *link, double x0, struct lay_line *line);

/* Appends a copy of frag to line. */
void lay_line_push(struct lay_line *line, const struct lay_frag *frag);

/* Returns text cut to fit width points (ending in an ellipsis when cut); caller frees. */
char *lay_fit_text(struct lay_fonts *f, enum lay_face face, double size, const char *text,
		   double width);

/* Decodes the UTF-8 character at s (valid UTF-8 assumed); returns its length, >= 1. */
size_t lay_utf8_next(const char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 to out (room for 4 bytes); returns its length. */
size_t lay_utf8_put(char *out, uint32_t cp);

#endif
