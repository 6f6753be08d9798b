/*
 * layout_attr.h - the state of one parse of a layout document and the tools
 * every part of the parser uses: messages that name the element (its path
 * in the layout document and its line), attribute values (lengths, font
 * sizes, colours, one of a list of names), content checks and ids.  Used by
 * layout_parse.c, layout_block.c and layout_inline.c; nothing here builds
 * blocks.
 */
#ifndef SRMAP_LAYOUT_ATTR_H
#define SRMAP_LAYOUT_ATTR_H

#include "layout_tree.h"
#include "srmap/base/diag.h"
#include "srmap/base/strmap.h"

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

#define LAY_MM 2.834645669     /* points per millimetre */

/* The state of one layout_parse: the tree being built and what is checked at the end. */
struct parser {
	struct lay_tree *t;
	struct diag_list *d;
	size_t errors;
	struct strmap ids;     /* id -> its block (borrowed keys from the tree) */
	/* links seen, checked against ids at the end */
	struct link_ref { char *to; char *path; int line; } *links;
	size_t nlinks, caplinks;
};

/*
 * Numbers every element below parent among its same-named siblings, for
 * lay_node_path.  Call it once on the root element before any message.
 */
void lay_number_siblings(xmlNodePtr parent);

/* The element path of n, such as /document/table[2]/row[40]; caller frees. */
char *lay_node_path(xmlNodePtr n);

/* The line of n in the layout document, or 0 when it is not known. */
int lay_node_line(xmlNodePtr n);

/* Reports an error at element n against the template, and counts it in p->errors. */
void lay_bad(struct parser *p, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports a warning at element n against the template. */
void lay_warn(struct parser *p, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Nonzero when n is the element name, in no namespace. */
int lay_is_name(xmlNodePtr n, const char *name);

/* Reports every attribute of n not in the NULL-terminated list allowed. */
void lay_check_attrs(struct parser *p, xmlNodePtr n, const char *const *allowed);

/* Returns a copy of attribute name of n (caller frees), or NULL. */
char *lay_attr(xmlNodePtr n, const char *name);

/* A finite number, with no leading white space or plus sign.  Returns 0, or -1 if malformed. */
int lay_parse_number(const char *s, double *out);

/* A length: a number and mm, pt or (when pct_ok) %.  Returns 0, or -1 if malformed. */
int lay_parse_len(const char *s, int pct_ok, struct lay_len *out);

/* The length attribute name of n into *out (LEN_NONE when absent); a malformed one is reported. */
void lay_len_attr(struct parser *p, xmlNodePtr n, const char *name, int pct_ok,
		  struct lay_len *out);

/* A font size in points (4 to 72, "pt" optional); def when absent or malformed (reported). */
double lay_size_attr(struct parser *p, xmlNodePtr n, const char *name, double def);

/* A colour #RRGGBB; def when absent or malformed (reported). */
uint32_t lay_color_attr(struct parser *p, xmlNodePtr n, const char *name, uint32_t def);

/* An attribute with one of the NULL-terminated values; returns its index, or def. */
int lay_enum_attr(struct parser *p, xmlNodePtr n, const char *name,
		  const char *const *values, int def);

/* Reports child c of parent when it is text that is not white space, where only elements belong. */
void lay_no_text(struct parser *p, xmlNodePtr parent, xmlNodePtr c);

/* Reports n when it holds elements or text: it must be empty. */
void lay_must_be_empty(struct parser *p, xmlNodePtr n);

/* Notes id (borrowed from its block) as used; an empty or repeated id is reported.  NULL: no-op. */
void lay_register_id(struct parser *p, xmlNodePtr n, char *id);

#endif
