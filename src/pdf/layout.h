/*
 * layout.h - the PDF layout engine: layout XML in, pages of drawing
 * instructions out.
 *
 * A PDF template turns the canonical assessment XML into layout XML (the
 * vocabulary of docs/layout.md).  layout_parse checks that document against
 * the vocabulary and turns it into a block tree; layout_flow breaks its text
 * into lines, cuts it into pages and returns a display list: per page, text
 * runs, rectangles, lines, ring segments, images and links, plus the outline
 * (bookmarks).  Nothing here draws: pdf.c turns the display list into a PDF.
 *
 * Text is measured through struct lay_metrics, so the layout can run against
 * the real fonts (pdf.c) or against fixed widths in unit tests.
 *
 * Units are PostScript points (1/72 inch).  Page coordinates have their
 * origin at the top-left corner of the page with y growing downwards.
 *
 * The engine's own files share headers named after what they declare
 * (layout_tree.h, layout_font.h, layout_break.h, layout_items.h,
 * layout_box.h, ...); other modules use this header only.
 */
#ifndef SRMAP_LAYOUT_H
#define SRMAP_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "srmap/base/diag.h"

/* The faces text is drawn in.  LAY_FACE_CJK is the fallback for characters DejaVu lacks. */
enum lay_face {
	LAY_FACE_REGULAR,
	LAY_FACE_BOLD,
	LAY_FACE_ITALIC,
	LAY_FACE_MONO,
	LAY_FACE_CJK,
	LAY_FACE_COUNT
};

/* A colour 0xRRGGBB, or LAY_NONE for "not drawn". */
#define LAY_NONE 0xFFFFFFFFu

/*
 * How the layout measures text and images.  Every callback gets ctx.
 *
 * advance: the advance width of code point cp in face, in 1/1000 of the font size.
 * has_glyph: nonzero when face has a glyph for cp.
 * image_size: resolves the image reference src (as written in the layout XML);
 *   on success returns 0, sets *w and *h to its natural size in points and
 *   *key to a string that names the image for the renderer (the caller owns
 *   *key); on failure returns -1 and sets *why to a static explanation.
 *   May be NULL: then every image is refused.
 */
struct lay_metrics {
	void *ctx;
	int (*advance)(void *ctx, enum lay_face face, uint32_t cp);
	int (*has_glyph)(void *ctx, enum lay_face face, uint32_t cp);
	int (*image_size)(void *ctx, const char *src, char **key, double *w, double *h,
			  const char **why);
};

enum lay_item_kind {
	LAY_TEXT,    /* text at baseline (x, y) */
	LAY_RECT,    /* rectangle, top-left (x, y), size w x h */
	LAY_LINE,    /* line from (x, y) to (x + w, y + h) */
	LAY_WEDGE,   /* ring segment: centre (x, y), outer radius w, inner radius h,
			from angle a0 to a1 (degrees, clockwise from 12 o'clock) */
	LAY_IMAGE    /* image number `image`, top-left (x, y), size w x h */
};

/* One drawing instruction. */
struct lay_item {
	enum lay_item_kind kind;
	double x, y, w, h;
	double a0, a1;
	double size;           /* LAY_TEXT: font size; LAY_RECT, LAY_LINE: stroke width */
	enum lay_face face;    /* LAY_TEXT */
	uint32_t fill;         /* text colour, or fill of a rectangle or wedge; LAY_NONE = none */
	uint32_t stroke;       /* outline of a rectangle, colour of a line; LAY_NONE = none */
	int dash;              /* LAY_LINE: dotted */
	char *text;            /* LAY_TEXT: UTF-8, owned */
	size_t image;          /* LAY_IMAGE: index into lay_doc.images */
};

/* A clickable area (top-left x, y, size w x h) that jumps to (page, dest_y). */
struct lay_link {
	double x, y, w, h;
	size_t page;           /* 0-based target page */
	double dest_y;         /* target position on that page */
};

struct lay_page {
	struct lay_item *items;
	size_t n, cap;
	struct lay_link *links;
	size_t nlinks, caplinks;
	int cover;             /* a cover page: no running header or footer */
};

/* One bookmark: a heading, its level (1-3), where it is. */
struct lay_outline {
	int level;
	char *title;           /* owned */
	size_t page;           /* 0-based */
	double y;
};

/* The laid-out document.  Every pointer is owned; free with layout_doc_free. */
struct lay_doc {
	double width, height;              /* page size */
	struct lay_page *pages;
	size_t npages;
	struct lay_outline *outline;
	size_t noutline;
	char **images;                     /* image keys from lay_metrics.image_size */
	size_t nimages;
	/* document information, NULL when not given */
	char *title, *author, *subject, *keywords, *creator;
	char *created;                     /* "YYYY-MM-DDTHH:MM:SSZ" */
	char *lang;                        /* language tag; never NULL ("en" by default) */
};

/* A parsed, validated layout document (opaque). */
struct lay_tree;

/*
 * Checks the layout document doc against the vocabulary and builds its block
 * tree.  template_name names the template that made doc; every error is
 * reported to d against it, with the element's path in the layout document
 * (and its line, when doc was parsed from a file).  Returns the tree (free
 * with layout_tree_free), or NULL after reporting the errors.
 */
struct lay_tree *layout_parse(xmlDocPtr doc, const char *template_name, struct diag_list *d);

/* Frees a tree (NULL is a no-op). */
void layout_tree_free(struct lay_tree *t);

/*
 * Lays the tree out onto pages, measuring with m.  Warnings (cut table rows,
 * characters no font has, links to unknown ids) go to d.  Returns the display
 * list (free with layout_doc_free), or NULL after reporting an error (an
 * image that cannot be used).
 */
struct lay_doc *layout_flow(const struct lay_tree *t, const struct lay_metrics *m,
			    struct diag_list *d);

/* Frees a display list (NULL is a no-op). */
void layout_doc_free(struct lay_doc *doc);

#endif
