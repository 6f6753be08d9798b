/*
 * layout_box.h - boxes: the unbreakable pieces of the flow (a line of text,
 * a table row, a chart) with their drawing items and pending links, the glue
 * and forced breaks between them, and the state of one layout_flow, which
 * holds the boxes and the headings until they are placed on pages.  Boxes
 * are made by layout_flow.c and layout_table.c and placed by layout_page.c.
 */
#ifndef SRMAP_LAYOUT_BOX_H
#define SRMAP_LAYOUT_BOX_H

#include "layout.h"
#include "layout_break.h"
#include "layout_font.h"
#include "layout_items.h"
#include "layout_tree.h"
#include "srmap/base/diag.h"
#include "srmap/base/strmap.h"

#include <stddef.h>
#include <stdint.h>

/* Shared by the flow's files: the tolerance of height comparisons, colours of text and rules. */
#define EPS 0.01
#define TEXT_COLOR 0x1A1A1A
#define RULE_COLOR 0xD0D4D9

/* A link waiting for its target: an id, or a heading (index + 1). */
struct plink {
	double x, y, w, h;     /* y relative to the box */
	const char *to;
	size_t head;
};

/* A piece of the flow: content, glue, a forced break or a spacer. */
struct box {
	double h;
	unsigned glue : 1;     /* space, dropped at the top of a page */
	unsigned brk : 1;      /* forced page break */
	unsigned keep : 1;     /* no page break between this box and the next */
	unsigned cover : 1;    /* part of the cover */
	unsigned spacer : 1;   /* explicit space: kept at a page top, dropped at a page end */
	unsigned repeat : 1;   /* a table's header row: placed again on every page of the table */
	size_t thead;          /* table row: its table's header box + 1, or 0 */
	struct lay_items items;
	struct plink *links;
	size_t nlinks, caplinks;
	const char *anchor;    /* an id that points at this box's top */
	size_t head;           /* a heading's first line: heading index + 1 */
	size_t toc;            /* a contents entry's last line: heading index + 1 */
	size_t toc_item;       /* its page number item */
};

/* A heading, for the outline and the contents. */
struct heading {
	int level;
	char *title;           /* owned, plain text */
	int in_toc;
	int in_outline;
	size_t page;           /* where it landed */
	double y;
	int placed;
	size_t toc_page;       /* where its contents entry's number landed */
	size_t toc_index;      /* that item on that page */
	int toc_placed;
	char *outline_title;   /* owned: the bookmark's text when not the title (bookmark-title) */
};

/* Where an id points: a page and a position on it. */
struct dest {
	size_t page;
	double y;
};

/*
 * The state of one layout_flow: the page geometry, the boxes and headings
 * it owns, and the display list being made.
 */
struct flow {
	const struct lay_tree *t;
	struct lay_fonts fonts;
	struct diag_list *d;
	int failed;
	double left, top, bottom, cw, ch;
	struct box *boxes;
	size_t nb, capb;
	struct heading *heads;
	size_t nh, caph;
	size_t next_head;      /* headings met while building boxes */
	int keep_lines;        /* lines still to tie to the last heading */
	int in_cover;
	const char *anchor;    /* id waiting for the next box */
	struct lay_doc *doc;
	struct dest *dests;
	size_t ndests, capdests;
	struct strmap dest_of; /* id -> dest index + 1 */
};

/*
 * Appends a box of height h (part of the cover while fl->in_cover) and
 * returns it, borrowed: valid until the next box is added.
 */
struct box *lay_new_box(struct flow *fl, double h);

/* Adds space of height h (when positive), dropped at the top of a page. */
void lay_glue(struct flow *fl, double h);

/* Adds a forced page break; the last heading no longer waits for lines. */
void lay_page_break(struct flow *fl);

/*
 * A content box: takes a waiting anchor, and is tied to what follows while a
 * heading still needs lines after it.  weight: how many lines it counts for.
 * Returns the box, borrowed as from lay_new_box.
 */
struct box *lay_content_box(struct flow *fl, double h, int weight);

/*
 * Adds a link area to b (y relative to the box) that points at heading head
 * (index + 1) or, when head is 0, at the id to (borrowed from the tree).
 */
void lay_box_link(struct box *b, double x, double y, double w, double h, const char *to,
		  size_t head);

/* Frees what b owns: its drawing items and links. */
void lay_box_release(struct box *b);

/* Draws one laid-out line with its left edge at x and its top at y into b's items and links. */
void lay_draw_line(struct flow *fl, const struct lay_line *line, double size, double x,
		   double y, double line_h, struct box *b);

/* The style of body text of size in color: links in the brand colour, code in its own. */
struct text_style lay_body_style(const struct flow *fl, double size, uint32_t color);

#endif
