/*
 * oscal_doc.c - the canonical document as the OSCAL writer reads it, the
 * building of the result's parts and their writing at depth (oscal_doc.h).
 */
#include "oscal_doc.h"
#include "xmlout.h"
#include "srmap/base/alloc.h"
#include "srmap/write/template.h"

#include <errno.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading --------------------------------------------------------------------------------- */

const struct oscal_nodes *oscal_lookup(const struct strmap *map, const char *key)
{
	return key ? strmap_get(map, key) : NULL;
}

static void push(struct oscal_nodes *l, const xmlNode *n)
{
	GROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = n;
}

/* Adds n to the nodes stored under key (a string of the document). */
static void push_at(struct strmap *map, const char *key, const xmlNode *n)
{
	if (!key)
		return;
	struct oscal_nodes *l = strmap_get(map, key);
	if (!l) {
		l = xcalloc(1, sizeof(*l));
		strmap_put(map, key, l);
	}
	push(l, n);
}

static void free_lists(struct strmap *map)
{
	for (size_t i = 0; i < map->cap; i++)
		if (map->slots[i].key) {
			struct oscal_nodes *l = map->slots[i].value;
			free(l->v);
			free(l);
		}
	strmap_release(map);
}

/* The checks of a workload or organisation, into the template's two keys on checks. */
static void read_checks(struct oscal *o, const xmlNode *owner)
{
	for (const xmlNode *c = docnode_child(owner, "check"); c; c = docnode_next(c, "check")) {
		push_at(&o->checks_by_evidence, docnode_attr(c, "evidence"), c);
		const char *status = docnode_attr(c, "status");
		if (status && (!strcmp(status, "failed") || !strcmp(status, "missing")))
			push_at(&o->bad_checks, docnode_attr(c, "control"), c);
	}
}

static void read_control(struct oscal *o, const xmlNode *n, size_t *cap)
{
	GROW(o->controls, *cap, o->ncontrols + 1);
	struct oscal_control *c = &o->controls[o->ncontrols++];
	const xmlNode *title = docnode_child(n, "title");
	const char *scope = docnode_attr(n, "scope");
	*c = (struct oscal_control){ n, title ? xmlNodeGetContent(title) : NULL,
				     scope && !strcmp(scope, "organisation") };
}

static void read_document(struct oscal *o)
{
	size_t ccap = 0;
	for (const xmlNode *n = o->a ? o->a->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (docnode_is(n, "profile") && !o->profile)
			o->profile = n;
		else if (docnode_is(n, "inputs") && !o->inputs)
			o->inputs = n;
		else if (docnode_is(n, "summary") && !o->summary)
			o->summary = n;
		else if (docnode_is(n, "control"))
			read_control(o, n, &ccap);
		else if (docnode_is(n, "workload")) {
			push(&o->workloads, n);
			const char *id = docnode_attr(n, "id");
			if (id && !strmap_get(&o->workload, id))
				strmap_put(&o->workload, id, (void *)n);
			read_checks(o, n);
		} else if (docnode_is(n, "organisation")) {
			read_checks(o, n);
		} else if (docnode_is(n, "evidence")) {
			push(&o->evidence, n);
			push_at(&o->evidence_by_control, docnode_attr(n, "control"), n);
		} else if (docnode_is(n, "framework")) {
			push(&o->frameworks, n);
			const char *id = docnode_attr(n, "id");
			if (!o->fedramp && id && !strcmp(id, "fedramp"))
				o->fedramp = n;
		}
	}
	/* Indexed once the array no longer moves. */
	for (size_t i = 0; i < o->ncontrols; i++) {
		const char *id = docnode_attr(o->controls[i].n, "id");
		if (id && !strmap_get(&o->control, id))
			strmap_put(&o->control, id, &o->controls[i]);
	}
}

static int is_nist_ref(const xmlNode *r)
{
	const char *fw = docnode_attr(r, "framework");
	return fw && !strcmp(fw, "nist-800-53") && docnode_attr(r, "id");
}

/*
 * $nist-ids: the FedRAMP requirements that name a catalog control, or without
 * FedRAMP, every NIST id the catalog cites, where a control first cites it.
 */
static void read_nist_ids(struct oscal *o)
{
	size_t cap = 0;
	if (o->fedramp) {
		for (size_t i = 0; i < o->frameworks.n; i++) {
			const xmlNode *f = o->frameworks.v[i];
			const char *id = docnode_attr(f, "id");
			if (!id || strcmp(id, "fedramp"))
				continue;
			for (const xmlNode *r = docnode_child(f, "requirement"); r;
			     r = docnode_next(r, "requirement"))
				if (docnode_child(r, "control-ref") && docnode_attr(r, "id")) {
					GROW(o->nist, cap, o->nnist + 1);
					o->nist[o->nnist++] = (struct oscal_nist){ docnode_attr(r, "id"), r };
				}
		}
		return;
	}
	struct strmap earlier;     /* the ids cited by the controls before this one */
	strmap_init(&earlier, 0);
	for (size_t i = 0; i < o->ncontrols; i++) {
		const xmlNode *c = o->controls[i].n;
		for (const xmlNode *r = docnode_child(c, "ref"); r; r = docnode_next(r, "ref"))
			if (is_nist_ref(r) && !strmap_get(&earlier, docnode_attr(r, "id"))) {
				GROW(o->nist, cap, o->nnist + 1);
				o->nist[o->nnist++] = (struct oscal_nist){ docnode_attr(r, "id"), NULL };
			}
		for (const xmlNode *r = docnode_child(c, "ref"); r; r = docnode_next(r, "ref"))
			if (is_nist_ref(r))
				strmap_put(&earlier, docnode_attr(r, "id"), (void *)r);
	}
	strmap_release(&earlier);
}

/* ---- building ---------------------------------------------------------------------------------- */

xmlNodePtr oscal_el(struct oscal *o, xmlNodePtr parent, const char *name)
{
	return parent ? xmlNewChild(parent, o->ns, (const xmlChar *)name, NULL) : NULL;
}

void oscal_set(xmlNodePtr n, const char *name, const char *value)
{
	if (n)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)(value ? value : ""));
}

xmlNodePtr oscal_leaf(struct oscal *o, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = oscal_el(o, parent, name);
	/* libxslt adds no text node for an empty value: the element is written <name/> */
	if (n && text && *text)
		xmlAddChild(n, xmlNewDocText(o->doc, (const xmlChar *)text));
	return n;
}

xmlNodePtr oscal_text_el(struct oscal *o, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = oscal_leaf(o, parent, name, (const char *)xmlBufferContent(o->t));
	xmlBufferEmpty(o->t);
	return n;
}

void oscal_cat(xmlBufferPtr b, const char *s)
{
	if (s)
		xmlBufferCat(b, (const xmlChar *)s);
}

void oscal_cat_size(xmlBufferPtr b, size_t n)
{
	char s[32];
	snprintf(s, sizeof s, "%zu", n);
	oscal_cat(b, s);
}

void oscal_cat_number(xmlBufferPtr b, double v)
{
	xmlChar *s = xmlXPathCastNumberToString(v);
	oscal_cat(b, (const char *)s);
	xmlFree(s);
}

double oscal_number(const char *s)
{
	return s ? xmlXPathCastStringToNumber((const xmlChar *)s) : NAN;
}

void oscal_uuid(struct oscal *o, char out[37], const char *kind, const char *id, int lower)
{
	xmlBufferEmpty(o->name);
	oscal_cat(o->name, o->seed);
	oscal_cat(o->name, kind);
	int from = xmlBufferLength(o->name);
	oscal_cat(o->name, id);
	xmlChar *s = (xmlChar *)xmlBufferContent(o->name);
	for (int i = from; lower && s[i]; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (xmlChar)(s[i] - 'A' + 'a');
	template_uuid5((const char *)s, out);
}

/* ---- the template's helpers: "prop", "tool-origin", "uri", "oscal-id", "framework-label" ---- */

void oscal_prop(struct oscal *o, xmlNodePtr parent, const char *name, const char *value)
{
	docnode_normalize(o->norm, value);
	if (xmlBufferLength(o->norm) == 0)
		return;
	xmlNodePtr p = oscal_el(o, parent, "prop");
	oscal_set(p, "name", name);
	oscal_set(p, "ns", OSCAL_SRMAP_NS);
	oscal_set(p, "value", (const char *)xmlBufferContent(o->norm));
}

/* A prop whose value is the text of o->t (which it empties). */
void oscal_prop_t(struct oscal *o, xmlNodePtr parent, const char *name)
{
	oscal_prop(o, parent, name, (const char *)xmlBufferContent(o->t));
	xmlBufferEmpty(o->t);
}

void oscal_tool_origin(struct oscal *o, xmlNodePtr parent)
{
	xmlNodePtr actor = oscal_el(o, oscal_el(o, parent, "origin"), "actor");
	oscal_set(actor, "type", "tool");
	oscal_set(actor, "actor-uuid", o->tool_uuid);
}

/* Percent-encodes the ASCII characters a URI reference may not hold as such, into o->t. */
void oscal_cat_uri(struct oscal *o, const char *s)
{
	static const char specials[] = " %#?[]\"<>\\^`{|}";
	static const char *const codes[] = { "%20", "%25", "%23", "%3F", "%5B", "%5D", "%22", "%3C",
					     "%3E", "%5C", "%5E", "%60", "%7B", "%7C", "%7D" };
	for (; s && *s; s++) {
		const char *hit = strchr(specials, *s);
		if (hit)
			oscal_cat(o->t, codes[hit - specials]);
		else
			xmlBufferAdd(o->t, (const xmlChar *)s, 1);
	}
}

/* IA-2(1) -> ia-2.1, into b. */
void oscal_cat_id(xmlBufferPtr b, const char *id)
{
	for (; id && *id; id++) {
		char c = *id;
		if (c == ')')
			continue;
		if (c == '(')
			c = '.';
		else if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		xmlBufferAdd(b, (const xmlChar *)&c, 1);
	}
}

const char *oscal_framework_label(const char *id)
{
	static const char *const labels[][2] = { { "hipaa", "HIPAA" }, { "soc2", "SOC 2" },
						 { "nist-800-53", "NIST SP 800-53" }, { "mcsb", "MCSB" } };
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (id && !strcmp(id, labels[i][0]))
			return labels[i][1];
	return id;
}

/* ---- writing ------------------------------------------------------------------------------------ */

void oscal_write_text(struct oscal *o, const char *text)
{
	xmlOutputBufferWriteString(o->out, text);
}

static void indent(struct oscal *o, int level)
{
	for (int i = 0; i < level; i++)
		xmlOutputBufferWrite(o->out, 2, "  ");
}

void oscal_dump(struct oscal *o, xmlNodePtr n, int level)
{
	if (!n)
		return;
	indent(o, level);
	/* As libxslt writes a result with indent="yes" and encoding="UTF-8". */
	xmlNodeDumpOutput(o->out, o->doc, n, level, 1, "UTF-8");
	xmlOutputBufferWrite(o->out, 1, "\n");
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

void oscal_open(struct oscal *o, int level, const char *name, const char *uuid, int with_ns)
{
	indent(o, level);
	oscal_write_text(o, "<");
	oscal_write_text(o, name);
	if (with_ns)
		oscal_write_text(o, " xmlns=\"" OSCAL_NS "\"");
	if (uuid) {       /* hexadecimal digits and hyphens: nothing to escape */
		oscal_write_text(o, " uuid=\"");
		oscal_write_text(o, uuid);
		oscal_write_text(o, "\"");
	}
	oscal_write_text(o, ">\n");
}

void oscal_close(struct oscal *o, int level, const char *name)
{
	indent(o, level);
	oscal_write_text(o, "</");
	oscal_write_text(o, name);
	oscal_write_text(o, ">\n");
}

/* ---- beginning and end ------------------------------------------------------------------------- */

int oscal_begin(struct oscal *o, xmlDocPtr doc, int fd)
{
	*o = (struct oscal){ 0 };
	strmap_init(&o->control, 0);
	strmap_init(&o->evidence_by_control, 0);
	strmap_init(&o->checks_by_evidence, 0);
	strmap_init(&o->bad_checks, 0);
	strmap_init(&o->workload, 1);     /* translate(@id, upper, lower) on both sides */
	const xmlNode *root = xmlDocGetRootElement(doc);
	o->a = root && docnode_is(root, "assessment") ? root : NULL;
	read_document(o);
	read_nist_ids(o);
	o->client = docnode_attr_or_empty(o->profile, "client");
	o->assessor = docnode_attr_or_empty(o->profile, "assessor");
	o->seed = xasprintf("srmap|%s|", o->client);
	o->t = xmlBufferCreate();
	o->norm = xmlBufferCreate();
	o->name = xmlBufferCreate();
	oscal_cat(o->t, docnode_attr(o->a, "as-of"));
	for (const xmlNode *in = docnode_child(o->inputs, "input"); in; in = docnode_next(in, "input")) {
		oscal_cat(o->t, "|");
		oscal_cat(o->t, docnode_attr(in, "sha256"));
	}
	o->run_key = xstrdup(o->t ? (const char *)xmlBufferContent(o->t) : "");
	xmlBufferEmpty(o->t);
	oscal_uuid(o, o->tool_uuid, "component|srmap", "", 0);
	oscal_uuid(o, o->plan_uuid, "resource|assessment-plan", "", 0);

	o->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (o->doc) {
		o->doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");   /* as libxslt's result */
		o->root = xmlNewDocNode(o->doc, NULL, (const xmlChar *)"assessment-results", NULL);
		xmlDocSetRootElement(o->doc, o->root);
		o->ns = o->root ? xmlNewNs(o->root, (const xmlChar *)OSCAL_NS, NULL) : NULL;
	}
	xmlout_quiet(1);     /* a write error is reported by the caller */
	o->out = xmlOutputBufferCreateFd(fd, NULL);
	if (!o->out || !o->root || !o->ns || !o->t || !o->norm || !o->name) {
		oscal_end(o);
		errno = ENOMEM;
		return -1;
	}
	xmlSetNs(o->root, o->ns);
	return 0;
}

int oscal_end(struct oscal *o)
{
	int failed = 0;
	if (o->out) {
		failed = o->out->error != 0;
		if (xmlOutputBufferClose(o->out) < 0)
			failed = 1;
	}
	if (failed && !errno)
		errno = EIO;
	xmlout_quiet(0);
	for (size_t i = 0; i < o->ncontrols; i++)
		xmlFree(o->controls[i].title);
	free(o->controls);
	free(o->nist);
	free(o->workloads.v);
	free(o->evidence.v);
	free(o->frameworks.v);
	strmap_release(&o->control);
	strmap_release(&o->workload);
	free_lists(&o->evidence_by_control);
	free_lists(&o->checks_by_evidence);
	free_lists(&o->bad_checks);
	free(o->seed);
	free(o->run_key);
	if (o->doc)
		xmlFreeDoc(o->doc);
	xmlBufferFree(o->t);
	xmlBufferFree(o->norm);
	xmlBufferFree(o->name);
	*o = (struct oscal){ 0 };
	return failed ? -1 : 0;
}
