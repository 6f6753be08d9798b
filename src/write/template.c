/*
 * template.c - the XSLT template runner: safe parsing, libxslt security
 * preferences, error capture with file and line, and the srmap:uuid
 * extension function.
 */
#include "srmap/write/template.h"
#include "srmap/base/alloc.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/libmem.h"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <openssl/evp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Safe parse options: no network, no entity substitution, no DTD loading. */
#define SAFE_PARSE (XML_PARSE_NONET | XML_PARSE_NOCDATA)

/* ---- error capture ------------------------------------------------------------ */

struct capture {
	struct diag_list *d;
	const char *file;     /* the template, for messages without a file of their own */
	char *text;           /* pending generic-error text, joined until a newline */
	size_t len;
	int out_of_memory;    /* libxml2 or libxslt said an allocation failed */
};

static struct capture *current;

/* libxslt reports through printf-like fragments; lines are joined and reported whole. */
static void generic_error(void *ctx, const char *fmt, ...)
{
	struct capture *c = ctx;
	va_list ap;
	va_start(ap, fmt);
	char piece[2048];
	vsnprintf(piece, sizeof piece, fmt, ap);
	va_end(ap);
	size_t n = strlen(piece);
	c->text = xreallocarray(c->text, c->len + n + 1, 1);
	memcpy(c->text + c->len, piece, n + 1);
	c->len += n;
}

/* Turns captured text into diagnostics, taking "line N" from libxslt's messages. */
static void flush_generic(struct capture *c)
{
	if (!c->text)
		return;
	char *line = c->text;
	while (*line) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (*line) {
			long lineno = 0;
			const char *at = strstr(line, " line ");
			if (at)
				lineno = strtol(at + 6, NULL, 10);
			diag_add(c->d, DIAG_ERROR, c->file, (int)lineno, 0, "template: %s", line);
		}
		if (!end)
			break;
		line = end + 1;
	}
	free(c->text);
	c->text = NULL;
	c->len = 0;
}

static void structured_error(void *ctx, xmlErrorPtr e)
{
	struct capture *c = ctx;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	if (e->code == XML_ERR_NO_MEMORY)
		c->out_of_memory = 1;
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	const char *file = e->file ? e->file : c->file;
	/* An entity expansion bomb repeats one error for every reference: say it once. */
	const struct diag *last = c->d->n ? &c->d->items[c->d->n - 1] : NULL;
	if (last && last->file && file && !strcmp(last->file, file) && last->line == e->line &&
	    last->col == e->int2 && !strcmp(last->msg, msg))
		return;
	diag_add(c->d, DIAG_ERROR, file, e->line, e->int2, "%s", msg);
}

static void capture_begin(struct capture *c, struct diag_list *d, const char *file)
{
	*c = (struct capture){ d, file, NULL, 0, 0 };
	current = c;
	xmlSetGenericErrorFunc(c, generic_error);
	xsltSetGenericErrorFunc(c, generic_error);
	xmlSetStructuredErrorFunc(c, structured_error);
}

/*
 * Ends the capture.  When a library said memory ran out, whatever it made
 * is not to be trusted and the template is not at fault: the run ends as
 * any failed allocation ends it (exit 70), not as a template error.
 */
static void capture_end(struct capture *c)
{
	flush_generic(c);
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetStructuredErrorFunc(NULL, NULL);
	current = NULL;
	if (c->out_of_memory)
		alloc_exhausted();
	libmem_check();
}

/* ---- safe parsing --------------------------------------------------------------- */

static xmlDocPtr read_safely(const char *path, struct diag_list *d)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, SAFE_PARSE);
	if (!doc) {
		if (d && !d->errors)
			diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read XML");
		return NULL;
	}
	if (doc->intSubset) {
		/* A DTD can define entities that expand to local files or huge strings. */
		if (d)
			diag_add(d, DIAG_ERROR, path, 1, 1, "documents with a DTD are not accepted");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr template_read_xml(const char *path, struct diag_list *d)
{
	struct capture c;
	capture_begin(&c, d, path);
	size_t before = d->errors;
	/* Indentation-only text nodes and per-node string copies are a large part of
	 * the tree of a big assessment; templates do not need them. */
	xmlDocPtr doc = xmlReadFile(path, NULL, SAFE_PARSE | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
	if (!doc && d->errors == before)
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read XML");
	if (doc && doc->intSubset) {
		diag_add(d, DIAG_ERROR, path, 1, 1, "documents with a DTD are not accepted");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	capture_end(&c);
	return doc;
}

int template_reads(const char *xsl_path, char ***names, struct diag_list *d)
{
	*names = NULL;
	/* Quietly: a stylesheet that does not parse is reported when it is applied. */
	xmlDocPtr xsl = xmlReadFile(xsl_path, NULL, SAFE_PARSE | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	if (!xsl)
		return 0;
	int rc = 0;
	xmlNodePtr root = xmlDocGetRootElement(xsl);
	for (xmlNodePtr n = root ? root->children : NULL; n && !*names && rc == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !n->ns ||
		    !xmlStrEqual(n->ns->href, (const xmlChar *)TEMPLATE_NS) ||
		    !xmlStrEqual(n->name, (const xmlChar *)"reads"))
			continue;
		xmlChar *parts = xmlGetProp(n, (const xmlChar *)"parts");
		size_t count = 0;
		char **list = xcalloc(1, sizeof(char *));
		static const char space[] = " \t\r\n";
		for (const char *p = parts ? (const char *)parts : ""; *(p += strspn(p, space)); ) {
			size_t len = strcspn(p, space);
			list = xreallocarray(list, count + 2, sizeof(char *));
			list[count++] = xstrndup(p, len);
			list[count] = NULL;
			p += len;
		}
		xmlFree(parts);
		if (!count) {
			diag_add(d, DIAG_ERROR, xsl_path, (int)xmlGetLineNo(n), 0,
				 "srmap:reads names no parts (parts=\"matrix control ...\")");
			strv_free(list);
			rc = -1;
		} else {
			*names = list;
		}
	}
	xmlFreeDoc(xsl);
	return rc;
}

/*
 * Loader for xsl:import, xsl:include and document(): the same safe options.
 * An imported stylesheet must share the importing one's dictionary (libxslt
 * compares interned names by address), so the parse uses dict when given.
 */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
			     xsltLoadType type)
{
	(void)options; (void)ctxt; (void)type;
	xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
	if (!pctxt)
		return NULL;
	if (dict) {
		if (pctxt->dict)
			xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
	}
	xmlDocPtr doc = xmlCtxtReadFile(pctxt, (const char *)uri, NULL, SAFE_PARSE);
	xmlFreeParserCtxt(pctxt);
	if (doc && doc->intSubset) {
		/* A DTD can define entities that expand to local files or huge strings. */
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* ---- security ------------------------------------------------------------------- */

static char *allowed_dirs[2];

static int under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Templates may read only from their own folder and the shipped templates folder. */
static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec; (void)ctxt;
	if (strstr(value, "://") && strncmp(value, "file://", 7) != 0)
		return 0;
	if (strncmp(value, "file://", 7) == 0)
		value += 7;
	char real[PATH_MAX];
	if (!realpath(value, real))
		return 0;
	for (int i = 0; i < 2; i++)
		if (allowed_dirs[i] && under(real, allowed_dirs[i]))
			return 1;
	if (current)
		diag_add(current->d, DIAG_ERROR, current->file, 0, 0,
			 "template may not read \"%s\" (outside the template folders)", value);
	return 0;
}

static int deny_and_report(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
			   const char *value)
{
	(void)sec; (void)ctxt;
	if (current)
		diag_add(current->d, DIAG_ERROR, current->file, 0, 0,
			 "template may not write files, create folders or use the network (\"%s\")",
			 value ? value : "");
	return 0;
}

static int deny_network(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
			const char *value)
{
	(void)sec; (void)ctxt;
	if (current)
		diag_add(current->d, DIAG_ERROR, current->file, 0, 0,
			 "template may not use the network (\"%s\")", value ? value : "");
	return 0;
}

static xsltSecurityPrefsPtr make_prefs(void)
{
	xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
	if (!p)
		return NULL;
	xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE, deny_and_report);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY, deny_and_report);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK, deny_network);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK, deny_network);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE, check_read);
	return p;
}

/* ---- srmap:uuid ------------------------------------------------------------------ */

void template_uuid5(const char *name, char out[37])
{
	/* srmap's namespace UUID: 6f1d3a52-8c4e-5b7a-9e21-3c5d7f90a1b4 (fixed forever). */
	static const unsigned char ns[16] = { 0x6f, 0x1d, 0x3a, 0x52, 0x8c, 0x4e, 0x5b, 0x7a,
					      0x9e, 0x21, 0x3c, 0x5d, 0x7f, 0x90, 0xa1, 0xb4 };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) || !EVP_DigestUpdate(ctx, ns, 16) ||
	    !EVP_DigestUpdate(ctx, name, strlen(name)) || !EVP_DigestFinal_ex(ctx, md, &n)) {
		memset(md, 0, sizeof md);
	}
	EVP_MD_CTX_free(ctx);
	md[6] = (unsigned char)((md[6] & 0x0F) | 0x50);   /* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[md[i] >> 4];
		out[o++] = hex[md[i] & 15];
	}
	out[o] = '\0';
}

static void xpath_uuid(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *name = xmlXPathPopString(ctxt);
	if (!name) {
		xmlXPathSetTypeError(ctxt);
		return;
	}
	char uuid[37];
	template_uuid5((const char *)name, uuid);
	xmlFree(name);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)uuid));
}

/* ---- applying ---------------------------------------------------------------------- */

static char *real_dir_of(const char *path)
{
	char real[PATH_MAX];
	if (!realpath(path, real))
		return NULL;
	char *slash = strrchr(real, '/');
	if (slash && slash != real)
		*slash = '\0';
	return xstrdup(real);
}

static void set_allowed(const char *xsl_path, const char *extra_dir)
{
	for (int i = 0; i < 2; i++) {
		free(allowed_dirs[i]);
		allowed_dirs[i] = NULL;
	}
	allowed_dirs[0] = real_dir_of(xsl_path);
	if (extra_dir) {
		char real[PATH_MAX];
		if (realpath(extra_dir, real))
			allowed_dirs[1] = xstrdup(real);
	}
}

int template_apply(const char *xsl_path, xmlDocPtr doc, const char *const *params,
		   const char *extra_dir, struct template_result *out, struct diag_list *d)
{
	*out = (struct template_result){ 0 };
	size_t before = d->errors;
	struct capture c;
	capture_begin(&c, d, xsl_path);
	set_allowed(xsl_path, extra_dir);
	xsltSecurityPrefsPtr prefs = make_prefs();
	xsltSetDefaultSecurityPrefs(prefs);       /* also covers xsl:import at compile time */
	xsltSetLoaderFunc(safe_loader);
	xsltRegisterExtModuleFunction((const xmlChar *)"uuid", (const xmlChar *)TEMPLATE_NS,
				      xpath_uuid);

	xsltTransformContextPtr ctxt = NULL;
	xmlDocPtr xsl = read_safely(xsl_path, d);
	if (!xsl) {
		if (d->errors == before)
			diag_add(d, DIAG_ERROR, xsl_path, 0, 0, "cannot read the template");
		goto fail;
	}
	out->style = xsltParseStylesheetDoc(xsl);
	flush_generic(&c);
	if (!out->style || out->style->errors) {
		if (!out->style)
			xmlFreeDoc(xsl);
		if (d->errors == before)
			diag_add(d, DIAG_ERROR, xsl_path, 0, 0, "not a valid XSLT stylesheet");
		goto fail;
	}
	ctxt = xsltNewTransformContext(out->style, doc);
	if (!ctxt)
		goto fail;
	xsltSetCtxtSecurityPrefs(prefs, ctxt);
	xsltSetCtxtParseOptions(ctxt, SAFE_PARSE);
	xsltSetTransformErrorFunc(ctxt, &c, generic_error);
	if (params && xsltQuoteUserParams(ctxt, (const char **)params) != 0)
		goto fail;
	out->doc = xsltApplyStylesheetUser(out->style, doc, NULL, NULL, NULL, ctxt);
	flush_generic(&c);
	if (!out->doc || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED ||
	    d->errors > before) {
		if (d->errors == before)
			diag_add(d, DIAG_ERROR, xsl_path, 0, 0, "the template failed");
		goto fail;
	}
	xsltFreeTransformContext(ctxt);
	capture_end(&c);
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(prefs);
	xsltSetLoaderFunc(NULL);
	return 0;
fail:
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	capture_end(&c);
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(prefs);
	xsltSetLoaderFunc(NULL);
	template_result_release(out);
	return -1;
}

int template_save(const struct template_result *r, int fd)
{
	return xsltSaveResultToFd(fd, r->doc, r->style) < 0 ? -1 : 0;
}

void template_result_release(struct template_result *r)
{
	if (r->doc)
		xmlFreeDoc(r->doc);
	if (r->style)
		xsltFreeStylesheet(r->style);
	*r = (struct template_result){ 0 };
}

char *template_node_path(const xmlNode *n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return xstrdup("");
	size_t k = 1, same = 0;
	for (const xmlNode *q = n->parent ? n->parent->children : n; q; q = q->next)
		if (q->type == XML_ELEMENT_NODE && xmlStrEqual(q->name, n->name)) {
			same++;
			if (q == n)
				k = same;
		}
	char *parent = template_node_path(n->parent);
	char *s = same > 1 ? xasprintf("%s/%s[%zu]", parent, (const char *)n->name, k)
			   : xasprintf("%s/%s", parent, (const char *)n->name);
	free(parent);
	return s;
}

void template_result_problem(struct diag_list *d, enum diag_level level, const char *name,
			     const xmlNode *n, const char *vocabulary, const char *msg)
{
	char *path = template_node_path(n);
	long line = n ? xmlGetLineNo(n) : 0;
	diag_add(d, level, name, line > 0 && line < 1000000000 ? (int)line : 0, 0, "%s %s: %s",
		 vocabulary, path, msg);
	free(path);
}

int template_space_text(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
		return 0;
	for (const xmlChar *p = n->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}
