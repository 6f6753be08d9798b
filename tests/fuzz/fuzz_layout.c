/*
 * fuzz_layout.c - libFuzzer harness for the PDF layout engine's input side
 * (layout.h): a layout XML document as a PDF template makes it.
 *
 * Parses the input with xmlReadMemory (XML_PARSE_NONET, no entity
 * substitution), checks it against the layout vocabulary with layout_parse
 * and, when it is valid, lays it out with layout_flow against fixed-width
 * metrics (as tests/unit/test_layout.c does; images named "logo*" have a
 * fixed size, others are refused), then checks that every drawn item lies
 * on a page and every link and bookmark names an existing page.  Nothing
 * is rendered.  Build and run with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/base/alloc.h"
#include "pdf/layout.h"

#include <limits.h>
#include <math.h>
#include <libxml/parser.h>

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int is_cjk(uint32_t cp)
{
	return cp >= 0x3000 && cp <= 0x9FFF;
}

static int advance(void *ctx, enum lay_face face, uint32_t cp)
{
	(void)ctx;
	(void)face;
	if (cp == ' ')
		return 250;
	return is_cjk(cp) ? 1000 : 500;
}

/* U+1234 is in no face. */
static int has_glyph(void *ctx, enum lay_face face, uint32_t cp)
{
	(void)ctx;
	if (cp == 0x1234)
		return 0;
	return face == LAY_FACE_CJK ? is_cjk(cp) : !is_cjk(cp);
}

static int image_size(void *ctx, const char *src, char **key, double *w, double *h,
		      const char **why)
{
	(void)ctx;
	if (strncmp(src, "logo", 4) != 0) {
		*why = "no such image";
		return -1;
	}
	*key = xstrdup(src);
	*w = 120;
	*h = 60;
	return 0;
}

static const struct lay_metrics metrics = { NULL, advance, has_glyph, image_size };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	return 0;
}

static void check_doc(const struct lay_doc *doc)
{
	FUZZ_CHECK(doc->width > 0 && doc->height > 0);
	for (size_t p = 0; p < doc->npages; p++) {
		const struct lay_page *pg = &doc->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			const struct lay_item *it = &pg->items[i];
			FUZZ_CHECK(isfinite(it->x) && isfinite(it->y) && isfinite(it->w) &&
				   isfinite(it->h));
			if (it->kind == LAY_TEXT)
				FUZZ_CHECK(it->text != NULL && it->face < LAY_FACE_COUNT);
			if (it->kind == LAY_IMAGE)
				FUZZ_CHECK(it->image < doc->nimages);
		}
		for (size_t i = 0; i < pg->nlinks; i++)
			FUZZ_CHECK(pg->links[i].page < doc->npages);
	}
	for (size_t i = 0; i < doc->noutline; i++)
		FUZZ_CHECK(doc->outline[i].page < doc->npages && doc->outline[i].title);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > INT_MAX)
		return 0;
	xmlDocPtr doc = xmlReadMemory((const char *)data, (int)size, "layout.xml", NULL,
				      XML_PARSE_NONET);
	if (!doc)
		return 0;
	struct diag_list d;
	diag_init(&d, NULL);
	struct lay_tree *t = layout_parse(doc, "fuzz-template.xsl", &d);
	if (t) {
		struct lay_doc *out = layout_flow(t, &metrics, &d);
		if (out)
			check_doc(out);
		else
			FUZZ_CHECK(d.errors > 0);
		layout_doc_free(out);
		layout_tree_free(t);
	} else {
		FUZZ_CHECK(d.errors > 0);
	}
	xmlFreeDoc(doc);
	diag_release(&d);
	return 0;
}
