/*
 * layout_inline.c - inline content into spans: text runs in a style (bold,
 * italic, code), line breaks, badges with their status, and links, which are
 * noted for the check of their targets once every id is known.
 */
#include "layout_inline.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

static struct lay_span *add_span(struct lay_inline *in, enum span_kind k, unsigned style,
				 const char *text, const char *link)
{
	GROW(in->spans, in->cap, in->n + 1);
	struct lay_span *s = &in->spans[in->n++];
	*s = (struct lay_span){ k, style, 0, xstrdup(text), xstrdup(link) };
	return s;
}

static const char *const status_names[STATUS_COUNT + 1] = {
	"met", "satisfied", "partially-met", "stale", "not-met", "failed", "missing",
	"inherited", "not-applicable", "not-assessed", "critical", "high", "medium", "low", NULL
};

/* Collects the text of n's children (badge labels); reports any element inside. */
static char *plain_text(struct parser *p, xmlNodePtr n)
{
	size_t len = 0, cap = 0;
	char *s = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t k = strlen((const char *)c->content);
			GROW(s, cap, len + k + 1);
			memcpy(s + len, c->content, k);
			len += k;
		} else if (c->type == XML_ELEMENT_NODE) {
			lay_bad(p, c, "<%s> is not allowed inside <%s>", (const char *)c->name,
				(const char *)n->name);
		}
	}
	GROW(s, cap, len + 1);
	s[len] = '\0';
	return s;
}

static void parse_inline_child(struct parser *p, xmlNodePtr c, unsigned style,
			       const char *link, struct lay_inline *in)
{
	static const char *const none[] = { NULL };
	static const char *const link_attrs[] = { "to", NULL };
	static const char *const badge_attrs[] = { "status", NULL };

	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		if (c->content && *c->content)
			add_span(in, SPAN_TEXT, style, (const char *)c->content, link);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	if (lay_is_name(c, "b") || lay_is_name(c, "i") || lay_is_name(c, "code")) {
		lay_check_attrs(p, c, none);
		unsigned add = lay_is_name(c, "b") ? ST_BOLD : lay_is_name(c, "i") ? ST_ITALIC : ST_CODE;
		lay_parse_inline(p, c, style | add, link, in);
	} else if (lay_is_name(c, "link")) {
		lay_check_attrs(p, c, link_attrs);
		char *to = lay_attr(c, "to");
		if (!to || !*to) {
			lay_bad(p, c, "<link> needs a \"to\" attribute naming an id");
		} else if (link) {
			lay_bad(p, c, "<link> inside <link>");
		} else {
			GROW(p->links, p->caplinks, p->nlinks + 1);
			p->links[p->nlinks++] = (struct link_ref){ xstrdup(to), lay_node_path(c),
								   lay_node_line(c) };
			lay_parse_inline(p, c, style, to, in);
		}
		free(to);
	} else if (lay_is_name(c, "br")) {
		lay_check_attrs(p, c, none);
		lay_must_be_empty(p, c);
		add_span(in, SPAN_BR, style, NULL, link);
	} else if (lay_is_name(c, "badge")) {
		lay_check_attrs(p, c, badge_attrs);
		int s = lay_enum_attr(p, c, "status", status_names, -1);
		char *has = lay_attr(c, "status");
		if (!has)
			lay_bad(p, c, "<badge> needs a \"status\" attribute");
		free(has);
		char *label = plain_text(p, c);
		if (s >= 0) {
			/* collapse the label's white space; an empty label takes the default */
			struct lay_span *sp = add_span(in, SPAN_BADGE, style, NULL, link);
			sp->status = (enum lay_status)s;
			sp->text = label;
			label = NULL;
		}
		free(label);
	} else {
		lay_bad(p, c, "unknown inline element <%s>", (const char *)c->name);
	}
}

void lay_parse_inline(struct parser *p, xmlNodePtr n, unsigned style, const char *link,
		      struct lay_inline *in)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		parse_inline_child(p, c, style, link, in);
}
