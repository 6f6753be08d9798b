/*
 * layout_parse.c - the layout vocabulary: checks a layout XML document
 * against docs/layout.md and builds the block tree the rest of the layout
 * engine works on.  This file reads the document element (page size,
 * margins, brand colour, document information, running header and footer,
 * cover) and checks every link against the ids at the end; the blocks inside
 * are read by layout_block.c, their inline content by layout_inline.c.  Every
 * problem is reported with the template's name and the element's path (and
 * line, when known); nothing is drawn or measured here.
 */
#include "layout.h"
#include "layout_attr.h"
#include "layout_block.h"
#include "layout_tree.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"
#include "srmap/base/langtag.h"
#include "srmap/base/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Checks the {field}s of a running header or footer text. */
static void check_fields(struct parser *p, xmlNodePtr n, const char *s)
{
	for (const char *q = s ? strchr(s, '{') : NULL; q; q = strchr(q + 1, '{')) {
		if (!strncmp(q, "{page}", 6) || !strncmp(q, "{pages}", 7) || !strncmp(q, "{title}", 7))
			continue;
		size_t len = strcspn(q, "}");
		lay_bad(p, n, "unknown field \"%.*s\" (use {page}, {pages} or {title})",
			(int)(len < 40 ? len + (q[len] == '}') : 40), q);
	}
}

static void parse_running(struct parser *p, xmlNodePtr n, char *out[3], int *seen)
{
	static const char *const attrs[] = { "left", "center", "right", NULL };
	if (*seen) {
		lay_bad(p, n, "<%s> given twice", (const char *)n->name);
		return;
	}
	*seen = 1;
	lay_check_attrs(p, n, attrs);
	lay_must_be_empty(p, n);
	for (int i = 0; i < 3; i++) {
		out[i] = lay_attr(n, attrs[i]);
		check_fields(p, n, out[i]);
	}
}

static void parse_document(struct parser *p, xmlNodePtr root)
{
	static const char *const doc_attrs[] = {
		"title", "author", "subject", "keywords", "creator", "page-size", "margin-top",
		"margin-bottom", "margin-left", "margin-right", "brand-color", "base-size",
		"created", "lang", NULL
	};
	static const char *const sizes[] = { "A4", "Letter", NULL };
	struct lay_tree *t = p->t;

	lay_check_attrs(p, root, doc_attrs);
	t->title = lay_attr(root, "title");
	t->author = lay_attr(root, "author");
	t->subject = lay_attr(root, "subject");
	t->keywords = lay_attr(root, "keywords");
	t->creator = lay_attr(root, "creator");
	int size = lay_enum_attr(p, root, "page-size", sizes, 0);
	t->page_w = size == 0 ? 595.2756 : 612;
	t->page_h = size == 0 ? 841.8898 : 792;
	struct { const char *name; double *out; } margins[] = {
		{ "margin-top", &t->margin_top }, { "margin-bottom", &t->margin_bottom },
		{ "margin-left", &t->margin_left }, { "margin-right", &t->margin_right },
	};
	for (size_t i = 0; i < 4; i++) {
		struct lay_len l;
		lay_len_attr(p, root, margins[i].name, 0, &l);
		*margins[i].out = l.unit == LEN_PT ? l.v : 20 * LAY_MM;
	}
	if (t->page_w - t->margin_left - t->margin_right < 144 ||
	    t->page_h - t->margin_top - t->margin_bottom < 144)
		lay_bad(p, root, "the margins leave less than 2 inches for the content");
	t->brand = lay_color_attr(p, root, "brand-color", 0x1F4E79);
	t->base_size = lay_size_attr(p, root, "base-size", 9.5);
	if (t->base_size > 24) {
		lay_bad(p, root, "base-size=\"%g\" is too large for body text (at most 24)", t->base_size);
		t->base_size = 9.5;
	}
	t->lang = lay_attr(root, "lang");
	if (t->lang && !langtag_valid(t->lang)) {
		lay_bad(p, root, "lang=\"%s\" is not a language tag (such as en or en-GB)", t->lang);
		free(t->lang);
		t->lang = NULL;
	}
	char *created = lay_attr(root, "created");
	if (created) {
		int64_t when;
		size_t len = strlen(created);
		if (isotime_parse(created, &when) < 0 || !len || created[len - 1] != 'Z') {
			lay_bad(p, root, "created=\"%s\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)", created);
		} else if (when < 0 || when > 253402300799LL) {
			lay_bad(p, root, "created=\"%s\" is outside the years 1970 to 9999", created);
		} else {
			char buf[ISOTIME_LEN];
			isotime_format(when, buf);
			t->created = xstrdup(buf);
		}
		free(created);
	}

	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (lay_is_name(c, "running-header")) {
			parse_running(p, c, t->header, &t->has_header);
		} else if (lay_is_name(c, "running-footer")) {
			parse_running(p, c, t->footer, &t->has_footer);
		} else if (lay_is_name(c, "cover")) {
			static const char *const none[] = { NULL };
			if (t->has_cover) {
				lay_bad(p, c, "<cover> given twice");
				continue;
			}
			lay_check_attrs(p, c, none);
			t->has_cover = 1;
			lay_parse_blocks(p, c, IN_COVER, &t->cover, &t->ncover);
		}
	}
	lay_parse_blocks(p, root, IN_BODY, &t->body, &t->nbody);
	if (!t->nbody && !t->ncover)
		lay_warn(p, root, "the document has no content");
}

struct lay_tree *layout_parse(xmlDocPtr doc, const char *template_name, struct diag_list *d)
{
	struct lay_tree *t = xcalloc(1, sizeof(*t));
	t->template_name = xstrdup(template_name ? template_name : "layout");
	struct parser p = { .t = t, .d = d };
	strmap_init(&p.ids, 0);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root)
		lay_number_siblings(root);
	if (!root) {
		diag_add(d, DIAG_ERROR, t->template_name, 0, 0, "layout: the template made no document");
		p.errors++;
	} else if (!lay_is_name(root, "document")) {
		lay_bad(&p, root, "the root element is <%s>, not <document>", (const char *)root->name);
	} else {
		parse_document(&p, root);
	}
	for (size_t i = 0; i < p.nlinks; i++) {
		const char *to = p.links[i].to;
		if (to && !strmap_get(&p.ids, to))
			diag_add(d, DIAG_WARNING, t->template_name, p.links[i].line, 0,
				 "layout %s: link to unknown id \"%s\" (drawn without a link)",
				 p.links[i].path, to);
		free(p.links[i].path);
		free(p.links[i].to);
	}
	free(p.links);
	strmap_release(&p.ids);
	if (p.errors) {
		layout_tree_free(t);
		return NULL;
	}
	return t;
}
