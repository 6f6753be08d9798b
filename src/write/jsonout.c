/*
 * jsonout.c - JSON text from the XML representation of JSON (jsonout.h):
 * one pass that checks the description, one that hands it to yajl's
 * generator.
 */
#include "srmap/write/jsonout.h"
#include "srmap/base/writeall.h"
#include "srmap/write/template.h"
#include "srmap/base/alloc.h"
#include "srmap/base/libmem.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

enum jkind { J_NONE, J_MAP, J_ARRAY, J_STRING, J_NUMBER, J_BOOLEAN, J_NULL };

static enum jkind kind_of(xmlNodePtr n)
{
	static const char *const names[] = { "map", "array", "string", "number", "boolean", "null" };
	if (n->type != XML_ELEMENT_NODE || !n->ns || !xmlStrEqual(n->ns->href, BAD_CAST JSONOUT_NS))
		return J_NONE;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (xmlStrEqual(n->name, BAD_CAST names[i]))
			return (enum jkind)(i + 1);
	return J_NONE;
}

/* ---- checking ------------------------------------------------------------------------ */

struct checker {
	const char *name;
	struct diag_list *d;
	int problems;
};

__attribute__((format(printf, 3, 4)))
static void bad(struct checker *c, xmlNodePtr n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	template_result_problem(c->d, DIAG_ERROR, c->name, n, "json", msg);
	c->problems++;
}

/* The text of a leaf without the white space XML Schema's collapse rule drops at its ends. */
static char *leaf_text(xmlNodePtr n, size_t *len)
{
	xmlChar *all = xmlNodeGetContent(n);
	const char *s = all ? (const char *)all : "";
	size_t start = strspn(s, " \t\r\n"), end = strlen(s);
	while (end > start && strchr(" \t\r\n", s[end - 1]))
		end--;
	char *text = xstrndup(s + start, end - start);
	*len = end - start;
	xmlFree(all);
	return text;
}

int jsonout_is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		s += strspn(s, "0123456789");
	else
		return 0;
	if (*s == '.') {
		size_t k = strspn(++s, "0123456789");
		if (!k)
			return 0;
		s += k;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		size_t k = strspn(s, "0123456789");
		if (!k)
			return 0;
		s += k;
	}
	return *s == '\0';
}

/* yajl's generator nests maps and arrays this deep at most (YAJL_MAX_DEPTH). */
#define JSON_MAX_DEPTH 128

static void check_node(struct checker *c, xmlNodePtr n, int in_map, int depth);

static void check_children(struct checker *c, xmlNodePtr n, enum jkind k, int depth)
{
	xmlChar **keys = NULL;
	size_t nkeys = 0, cap = 0;
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (ch->type == XML_COMMENT_NODE || ch->type == XML_PI_NODE || template_space_text(ch))
			continue;
		if (ch->type != XML_ELEMENT_NODE) {
			bad(c, n, "text inside a%s is not JSON", k == J_MAP ? " map" : "n array");
			continue;
		}
		check_node(c, ch, k == J_MAP, depth + 1);
		xmlChar *key = k == J_MAP ? xmlGetNoNsProp(ch, BAD_CAST "key") : NULL;
		if (!key)
			continue;
		for (size_t i = 0; i < nkeys; i++)
			if (xmlStrEqual(keys[i], key)) {
				bad(c, ch, "key \"%s\" is given twice in one map", (const char *)key);
				break;
			}
		GROW(keys, cap, nkeys + 1);
		keys[nkeys++] = key;
	}
	for (size_t i = 0; i < nkeys; i++)
		xmlFree(keys[i]);
	free(keys);
}

static void check_node(struct checker *c, xmlNodePtr n, int in_map, int depth)
{
	enum jkind k = kind_of(n);
	if (k == J_NONE) {
		bad(c, n, "element \"%s\" is not one of map, array, string, number, boolean, null "
		    "in the namespace %s", (const char *)n->name, JSONOUT_NS);
		return;
	}
	int has_key = 0;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		if (!a->ns && xmlStrEqual(a->name, BAD_CAST "key"))
			has_key = 1;
		else
			bad(c, n, "attribute \"%s\" is not supported", (const char *)a->name);
	}
	if (in_map && !has_key)
		bad(c, n, "a member of a map needs a key attribute");
	if (!in_map && has_key)
		bad(c, n, "a key attribute outside a map");
	if (k == J_MAP || k == J_ARRAY) {
		if (depth >= JSON_MAX_DEPTH)
			bad(c, n, "maps and arrays nest deeper than %d", JSON_MAX_DEPTH);
		else
			check_children(c, n, k, depth);
		return;
	}
	for (xmlNodePtr ch = n->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE) {
			bad(c, n, "a %s holds text only", (const char *)n->name);
			return;
		}
	size_t len;
	char *text = leaf_text(n, &len);
	if (k == J_NUMBER && !jsonout_is_number(text))
		bad(c, n, "\"%s\" is not a JSON number", text);
	else if (k == J_BOOLEAN && strcmp(text, "true") && strcmp(text, "false") &&
		 strcmp(text, "1") && strcmp(text, "0"))
		bad(c, n, "\"%s\" is not true, false, 1 or 0", text);
	else if (k == J_NULL && len)
		bad(c, n, "null holds no text");
	free(text);
}

/* ---- writing ------------------------------------------------------------------------- */

struct sink {
	int fd;
	char buf[65536];
	size_t len;
	int failed;     /* errno of the first failed write, or 0 */
};

static void flush(struct sink *s)
{
	if (!s->failed && write_all(s->fd, s->buf, s->len) < 0)
		s->failed = errno;
	s->len = 0;
}

static void put(void *ctx, const char *str, size_t len)
{
	struct sink *s = ctx;
	while (len && !s->failed) {
		if (s->len == sizeof s->buf)
			flush(s);
		size_t n = sizeof s->buf - s->len < len ? sizeof s->buf - s->len : len;
		memcpy(s->buf + s->len, str, n);
		s->len += n;
		str += n;
		len -= n;
	}
}

static xmlNodePtr first_member(xmlNodePtr n)
{
	for (xmlNodePtr ch = n->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			return ch;
	return NULL;
}

static void gen_node(yajl_gen g, xmlNodePtr n, int in_map)
{
	if (in_map) {
		xmlChar *key = xmlGetNoNsProp(n, BAD_CAST "key");
		yajl_gen_string(g, key, (size_t)xmlStrlen(key));
		xmlFree(key);
	}
	enum jkind k = kind_of(n);
	if ((k == J_MAP || k == J_ARRAY) && !first_member(n)) {
		jsonout_gen_empty(g, k == J_MAP);
		return;
	}
	if (k == J_MAP || k == J_ARRAY) {
		if (k == J_MAP)
			yajl_gen_map_open(g);
		else
			yajl_gen_array_open(g);
		for (xmlNodePtr ch = n->children; ch; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE)
				gen_node(g, ch, k == J_MAP);
		if (k == J_MAP)
			yajl_gen_map_close(g);
		else
			yajl_gen_array_close(g);
		return;
	}
	if (k == J_NULL) {
		yajl_gen_null(g);
		return;
	}
	size_t len;
	char *text = k == J_STRING ? NULL : leaf_text(n, &len);
	if (k == J_STRING) {
		xmlChar *all = xmlNodeGetContent(n);
		yajl_gen_string(g, all ? all : BAD_CAST "", (size_t)xmlStrlen(all));
		xmlFree(all);
	} else if (k == J_NUMBER) {
		yajl_gen_number(g, text, len);
	} else {
		yajl_gen_bool(g, !strcmp(text, "true") || !strcmp(text, "1"));
	}
	free(text);
}

struct jsonout_gen {
	yajl_gen g;
	struct sink sink;
};

struct jsonout_gen *jsonout_gen_open(int fd)
{
	struct jsonout_gen *j = xcalloc(1, sizeof(*j));
	j->sink.fd = fd;
	j->g = yajl_gen_alloc(libmem_yajl());
	if (!j->g) {
		free(j);
		errno = ENOMEM;
		return NULL;
	}
	yajl_gen_config(j->g, yajl_gen_beautify, 1);
	yajl_gen_config(j->g, yajl_gen_indent_string, "  ");
	yajl_gen_config(j->g, yajl_gen_validate_utf8, 1);
	yajl_gen_config(j->g, yajl_gen_print_callback, put, &j->sink);
	return j;
}

yajl_gen jsonout_gen_yajl(struct jsonout_gen *j)
{
	return j->g;
}

void jsonout_gen_empty(yajl_gen g, int map)
{
	/*
	 * yajl's beautifier writes an empty container over three lines; the
	 * generator's verbatim value (its number call) places "[]" or "{}"
	 * with the separators and indentation of any other value.
	 */
	yajl_gen_number(g, map ? "{}" : "[]", 2);
}

int jsonout_gen_close(struct jsonout_gen *j)
{
	yajl_gen_free(j->g);
	flush(&j->sink);
	int failed = j->sink.failed;
	free(j);
	if (failed) {
		errno = failed;
		return JSONOUT_ERR_WRITE;
	}
	return JSONOUT_OK;
}

int jsonout_write(xmlDocPtr doc, const char *name, int fd, struct diag_list *d)
{
	struct checker c = { name, d, 0 };
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		diag_add(d, DIAG_ERROR, name, 0, 0, "json: the template made no document");
		return JSONOUT_ERR_SHAPE;
	}
	check_node(&c, root, 0, 0);
	if (c.problems)
		return JSONOUT_ERR_SHAPE;
	struct jsonout_gen *j = jsonout_gen_open(fd);
	if (!j)
		return JSONOUT_ERR_WRITE;
	gen_node(j->g, root, 0);
	return jsonout_gen_close(j);
}
