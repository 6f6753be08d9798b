/*
 * layout_int.h - the insides of the layout engine, shared by its modules:
 * layout.c (the vocabulary: parsing and checking layout XML into the block
 * tree), layout_text.c (inline text into lines), layout_chart.c (charts into
 * drawing items) and layout_flow.c (blocks into pages).  Not for other
 * modules: they use layout.h.
 */
#ifndef SRMAP_LAYOUT_INT_H
#define SRMAP_LAYOUT_INT_H

#include "layout.h"

/* ---- the block tree ------------------------------------------------------------- */

/* A length as written: points, or a percentage of the available width. */
enum len_unit { LEN_NONE, LEN_PT, LEN_PCT };
struct lay_len {
	enum len_unit unit;
	double v;              /* points (mm are converted) or percent */
};

enum lay_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY };

/* Inline styles, combined. */
#define ST_BOLD   1u
#define ST_ITALIC 2u
#define ST_CODE   4u

/* Statuses a badge may show (docs/layout.md). */
enum lay_status {
	STATUS_MET, STATUS_SATISFIED, STATUS_PARTIALLY_MET, STATUS_STALE, STATUS_NOT_MET,
	STATUS_FAILED, STATUS_MISSING, STATUS_INHERITED, STATUS_NOT_APPLICABLE,
	STATUS_NOT_ASSESSED, STATUS_CRITICAL, STATUS_HIGH, STATUS_MEDIUM, STATUS_LOW,
	STATUS_COUNT
};

enum span_kind { SPAN_TEXT, SPAN_BR, SPAN_BADGE };

/* A piece of inline content: text in one style, a line break, or a badge. */
struct lay_span {
	enum span_kind kind;
	unsigned style;        /* ST_* */
	enum lay_status status;/* SPAN_BADGE */
	char *text;            /* owned; SPAN_TEXT raw text, SPAN_BADGE label */
	char *link;            /* owned; target id of an enclosing link, or NULL */
};

struct lay_inline {
	struct lay_span *spans;
	size_t n, cap;
};

struct lay_cell {
	struct lay_inline in;
	enum lay_align align;
	uint32_t shade;        /* LAY_NONE when not given */
	int span;              /* columns covered, >= 1 */
};

struct lay_row {
	struct lay_cell *cells;
	size_t n;
	uint32_t shade;
	int line;              /* line in the layout document, or 0 */
	char *path;            /* owned: element path, for messages */
};

struct lay_point {
	char *label;           /* owned */
	double value;
	uint32_t color;        /* LAY_NONE: the series or the palette decides */
};

struct lay_series {
	char *name;            /* owned, may be NULL */
	uint32_t color;        /* LAY_NONE: the chart palette decides */
	struct lay_point *points;
	size_t n;
};

enum chart_type { CHART_BAR, CHART_STACKED_BAR, CHART_DONUT };

enum blk_kind {
	BLK_H1, BLK_H2, BLK_H3, BLK_P, BLK_UL, BLK_TABLE, BLK_TOC, BLK_PAGE_BREAK,
	BLK_KEEP, BLK_IMAGE, BLK_CHART, BLK_SPACER
};

struct lay_block {
	enum blk_kind kind;
	char *id;              /* owned, may be NULL */
	char *path;            /* owned: element path, for messages */
	int line;

	/* h1-h3, p */
	struct lay_inline in;
	int toc;               /* headings: listed in the contents */
	enum lay_align align;
	double size;           /* p, table: font size, 0 = default */
	uint32_t color;        /* p: text colour, LAY_NONE = default */
	struct lay_len space_after;

	/* ul */
	struct lay_inline *items;
	size_t nitems;

	/* table */
	struct lay_len *widths;
	size_t ncols;
	int zebra;
	struct lay_row *head;  /* NULL without thead */
	struct lay_row *rows;
	size_t nrows;

	/* toc (title), chart (title) */
	char *title;
	int depth;             /* toc: deepest heading level listed */

	/* keep */
	struct lay_block *kids;
	size_t nkids;
	int with_next;         /* tied to the first two lines of the block after it */

	/* image, chart, spacer */
	char *src;
	struct lay_len width, height;

	/* chart */
	enum chart_type chart;
	double max;            /* 0 = the largest value */
	char *unit;
	struct lay_series *series;
	size_t nseries;
};

struct lay_tree {
	char *template_name;   /* owned */
	char *title, *author, *subject, *keywords, *creator, *created;
	double page_w, page_h;
	double margin_top, margin_bottom, margin_left, margin_right;
	uint32_t brand;
	double base_size;
	char *header[3], *footer[3];   /* left, center, right; owned, may be NULL */
	int has_header, has_footer;
	struct lay_block *cover;
	size_t ncover;
	int has_cover;
	struct lay_block *body;
	size_t nbody;
};

/* ---- text: inline content into lines (layout_text.c) ---------------------------- */

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

/* Style of a run of text. */
struct text_style {
	double size;
	uint32_t color;        /* plain text */
	uint32_t link_color;   /* text inside a link */
	uint32_t code_color;
	unsigned base;         /* ST_* applied to everything (headings: ST_BOLD) */
};

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

struct lay_line {
	struct lay_frag *frags;
	size_t n, cap;
	double width;          /* used width */
};

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

void lay_lines_release(struct lay_lines *l);

/* Line height for a font size (1.3 x size) and the baseline offset from the line's top. */
double lay_line_height(double size);
double lay_baseline(double size);

/* Badge geometry: horizontal padding and the label's font size for text of size. */
double lay_badge_pad(double size);
double lay_badge_size(double size);

/* Default label of a badge status ("Met", "Partially met", ...). */
const char *lay_status_label(enum lay_status s);

/* Colours of a badge. */
void lay_status_colors(enum lay_status s, uint32_t *fill, uint32_t *border, uint32_t *text);

/* Splits text into runs of one face each (fallback included), measuring each; see lay_frag. */
void lay_shape_runs(struct lay_fonts *f, enum lay_face face, double size, const char *s,
		    size_t len, uint32_t color, const char *link, double x0, struct lay_line *line);

/* Appends a copy of frag to line. */
void lay_line_push(struct lay_line *line, const struct lay_frag *frag);

/* Returns text cut to fit width points (ending in an ellipsis when cut); caller frees. */
char *lay_fit_text(struct lay_fonts *f, enum lay_face face, double size, const char *text,
		   double width);

/* Decodes the UTF-8 character at s (valid UTF-8 assumed); returns its length, >= 1. */
size_t lay_utf8_next(const char *s, size_t len, uint32_t *cp);

/* ---- charts (layout_chart.c) ----------------------------------------------------- */

/* A list of drawing items with y relative to the top of a box. */
struct lay_items {
	struct lay_item *items;
	size_t n, cap;
};

void lay_items_push(struct lay_items *l, const struct lay_item *it);
void lay_items_release(struct lay_items *l);

/* Adds a text item (text copied). */
void lay_items_text(struct lay_items *l, double x, double y, enum lay_face face, double size,
		    uint32_t color, const char *text);

/* Adds the text of s in face (with fallback runs) at baseline (x, y). */
void lay_items_shaped(struct lay_items *l, struct lay_fonts *f, double x, double y,
		      enum lay_face face, double size, uint32_t color, const char *s);

void lay_items_rect(struct lay_items *l, double x, double y, double w, double h,
		    uint32_t fill, uint32_t stroke, double stroke_w);
void lay_items_line(struct lay_items *l, double x1, double y1, double x2, double y2,
		    uint32_t color, double width, int dash);

/*
 * Draws chart b into out with its top-left corner at (x, 0), at most width
 * points wide; returns the chart's height.
 */
double lay_chart(struct lay_fonts *f, const struct lay_block *b, double x, double width,
		 double base_size, uint32_t brand, struct lay_items *out);

#endif
