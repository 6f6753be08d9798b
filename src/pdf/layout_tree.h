/*
 * layout_tree.h - the block tree: what layout_parse makes of a layout
 * document once it has checked it against the vocabulary (layout_parse.c,
 * layout_block.c, layout_inline.c) and what layout_flow lays out.  Every
 * string and array in it is owned by the tree; layout_tree_free (layout.h)
 * frees it all.  Internal to the layout engine: other modules use layout.h.
 */
#ifndef SRMAP_LAYOUT_TREE_H
#define SRMAP_LAYOUT_TREE_H

#include "layout.h"

#include <stddef.h>
#include <stdint.h>

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
	int bookmark;          /* headings: a bookmark (title: its text when given) */
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

	/* toc (title), chart (title), h1-h3 (bookmark-title) */
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
	char *lang;            /* the document's language tag; NULL when not given */
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

/* Frees what b owns (not b itself): its strings, inline content, rows, kids and series. */
void lay_block_release(struct lay_block *b);

#endif
