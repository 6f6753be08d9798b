/*
 * test_pdfa.c - the PDF/A-1b parts of the renderer (src/pdf/pdf_pdfa.c) and
 * the layout attributes they read: the document's lang, the headings'
 * bookmark and bookmark-title, the ICC profile checks and errors, and the
 * PDF/A identification left out for a transparent or CMYK image and for
 * attachments.  The whole file is
 * checked with qpdf by tests/check-pdfa.py (tests/test-pdf.sh).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srmap/base/alloc.h"
#include "srmap/base/diag.h"
#include "pdf/layout.h"
#include "pdf/pdf_pdfa.h"
#include "srmap/pdf/pdf.h"

#define TEMPLATE "templates/report-pdf.xsl"
#define FIXTURES "tests/layout"

static xmlDocPtr parse_xml(const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "layout.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

static int diag_has(const struct diag_list *d, enum diag_level level, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].level == level && strstr(d->items[i].msg, needle))
			return 1;
	return 0;
}

/* Lays xml out with the real fonts; NULL when the layout is refused (reported to d). */
static struct lay_doc *lay(const char *xml, struct diag_list *d)
{
	xmlDocPtr doc = parse_xml(xml);
	struct lay_tree *t = layout_parse(doc, TEMPLATE, d);
	xmlFreeDoc(doc);
	if (!t)
		return NULL;
	struct pdf_fonts *fonts = pdf_fonts_open(NULL, d);
	assert_non_null(fonts);
	struct lay_doc *out = layout_flow(t, pdf_fonts_metrics(fonts), d);
	layout_tree_free(t);
	pdf_fonts_close(fonts);
	assert_non_null(out);
	return out;
}

/* Renders xml with s into a temporary file; returns pdf_render's result and the bytes. */
static int render(const char *xml, const struct pdf_settings *s, struct diag_list *d,
		  char **bytes, size_t *len)
{
	char path[] = "/tmp/srmap-pdfa-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	xmlDocPtr doc = parse_xml(xml);
	int rc = pdf_render(doc, TEMPLATE, s, fd, d);
	xmlFreeDoc(doc);
	off_t n = lseek(fd, 0, SEEK_END);
	*len = n > 0 ? (size_t)n : 0;
	*bytes = xmalloc(*len + 1);
	assert_int_equal(pread(fd, *bytes, *len, 0), (ssize_t)*len);
	(*bytes)[*len] = '\0';
	close(fd);
	unlink(path);
	return rc;
}

/* Whether the len bytes at hay hold needle (PDFs hold NUL bytes). */
static int has_bytes(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

static void test_lang(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct lay_doc *doc = lay("<document><p>x</p></document>", &d);
	assert_string_equal(doc->lang, "en");
	layout_doc_free(doc);
	doc = lay("<document lang=\"zh-Hant-TW\"><p>x</p></document>", &d);
	assert_string_equal(doc->lang, "zh-Hant-TW");
	layout_doc_free(doc);
	const char *bad[] = { "e", "en_GB", "-en", "en-", "en--GB", "1en", "toolongtag", "en-toolong12", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char xml[128];
		snprintf(xml, sizeof xml, "<document lang=\"%s\"><p>x</p></document>", bad[i]);
		diag_release(&d);
		diag_init(&d, NULL);
		assert_null(lay(xml, &d));
		assert_true(diag_has(&d, DIAG_ERROR, "is not a language tag"));
	}
	diag_release(&d);
}

static void test_bookmarks(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct lay_doc *doc = lay("<document><cover><h2>On the cover</h2></cover>"
				  "<toc title=\"Contents\"/><h1>Findings in full</h1><p>x</p>"
				  "<h2 bookmark=\"no\">Hidden</h2><p>x</p>"
				  "<h2 bookmark-title=\"Short\">A very long second-level heading</h2><p>x</p>"
				  "<keep><h3>Kept</h3><p>x</p></keep></document>", &d);
	assert_int_equal(doc->noutline, 4);
	assert_string_equal(doc->outline[0].title, "Contents");
	assert_string_equal(doc->outline[1].title, "Findings in full");
	assert_int_equal(doc->outline[1].level, 1);
	assert_string_equal(doc->outline[2].title, "Short");
	assert_int_equal(doc->outline[2].level, 2);
	assert_string_equal(doc->outline[3].title, "Kept");
	assert_int_equal(doc->outline[3].level, 3);
	layout_doc_free(doc);

	assert_null(lay("<document><h1 bookmark=\"maybe\">x</h1></document>", &d));
	assert_true(diag_has(&d, DIAG_ERROR, "bookmark=\"maybe\""));
	diag_release(&d);
	diag_init(&d, NULL);
	assert_null(lay("<document><h1 bookmark=\"no\" bookmark-title=\"x\">x</h1></document>", &d));
	assert_true(diag_has(&d, DIAG_ERROR, "bookmark-title is given but bookmark=\"no\""));
	diag_release(&d);
}

static void test_icc_problem(void **state)
{
	(void)state;
	unsigned char h[128] = { 0 };
	h[3] = 128;
	h[8] = 2;
	memcpy(h + 16, "RGB ", 4);
	memcpy(h + 36, "acsp", 4);
	assert_null(pdfa_icc_problem(h, sizeof h));
	assert_non_null(pdfa_icc_problem(h, 100));              /* too short */
	assert_non_null(strstr(pdfa_icc_problem(h, 127), "not an ICC"));
	h[3] = 200;
	assert_non_null(strstr(pdfa_icc_problem(h, sizeof h), "another size"));
	h[3] = 128;
	h[8] = 4;
	assert_non_null(strstr(pdfa_icc_problem(h, sizeof h), "version 2"));
	h[8] = 2;
	memcpy(h + 16, "CMYK", 4);
	assert_non_null(strstr(pdfa_icc_problem(h, sizeof h), "not an RGB"));
	memcpy(h + 16, "RGB ", 4);
	memcpy(h + 36, "xxxx", 4);
	assert_non_null(strstr(pdfa_icc_problem(h, sizeof h), "not an ICC"));
}

static void test_icc_errors(void **state)
{
	(void)state;
	struct diag_list d;
	char *bytes;
	size_t len;
	diag_init(&d, NULL);
	struct pdf_settings missing = { .icc_profile = "/nonexistent/sRGB.icc" };
	assert_int_equal(render("<document><p>x</p></document>", &missing, &d, &bytes, &len),
			 PDF_ERR_INTERNAL);
	assert_int_equal(len, 0);
	free(bytes);
	assert_true(diag_has(&d, DIAG_ERROR, "icc-profiles-free"));
	diag_release(&d);

	diag_init(&d, NULL);
	struct pdf_settings not_icc = { .icc_profile = FIXTURES "/logo.png" };
	assert_int_equal(render("<document><p>x</p></document>", &not_icc, &d, &bytes, &len),
			 PDF_ERR_INTERNAL);
	free(bytes);
	assert_true(diag_has(&d, DIAG_ERROR, "not an ICC profile"));
	diag_release(&d);
}

static void test_pdfa_parts(void **state)
{
	(void)state;
	struct diag_list d;
	char *bytes;
	size_t len;
	diag_init(&d, NULL);
	const char *xml = "<document title=\"A &amp; B &lt;x&gt;\" author=\"Ann\" lang=\"en-GB\" "
			  "created=\"2026-11-20T00:00:00Z\"><h1 id=\"a\">One</h1><p><link to=\"a\">"
			  "back</link></p></document>";
	assert_int_equal(render(xml, NULL, &d, &bytes, &len), PDF_OK);
	assert_true(has_bytes(bytes, len, "%PDF-1.4\n"));
	assert_true(has_bytes(bytes, len, "/Lang (en-GB)"));
	assert_true(has_bytes(bytes, len, "/S /GTS_PDFA1"));
	assert_true(has_bytes(bytes, len, "/DestOutputProfile "));
	assert_true(has_bytes(bytes, len, "/CIDSet "));
	assert_true(has_bytes(bytes, len, "/F 4"));
	assert_true(has_bytes(bytes, len, "/ID ["));
	/* the metadata stream is not compressed: its XMP, escaped, can be read in the file */
	assert_true(has_bytes(bytes, len, "<pdfaid:part>1</pdfaid:part>"));
	assert_true(has_bytes(bytes, len, "<rdf:li xml:lang=\"x-default\">A &amp; B &lt;x&gt;</rdf:li>"));
	assert_true(has_bytes(bytes, len, "<xmp:CreateDate>2026-11-20T00:00:00Z</xmp:CreateDate>"));
	assert_false(has_bytes(bytes, len, "/Encrypt"));
	/* the same input gives the same bytes, /ID included */
	char *again;
	size_t len2;
	assert_int_equal(render(xml, NULL, &d, &again, &len2), PDF_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(bytes, again, len);
	free(again);
	free(bytes);
	diag_release(&d);
}

static void test_unfit_images(void **state)
{
	(void)state;
	struct diag_list d;
	char *bytes;
	size_t len;
	static const char *const dirs[] = { FIXTURES };
	struct pdf_settings s = { .allowed_dirs = dirs, .nallowed_dirs = 1, .base_dir = FIXTURES };

	diag_init(&d, NULL);
	assert_int_equal(render("<document><image src=\"alpha.png\"/></document>", &s, &d, &bytes,
				&len), PDF_OK);
	assert_true(diag_has(&d, DIAG_WARNING, "without the PDF/A-1b identification"));
	assert_false(has_bytes(bytes, len, "pdfaid"));
	assert_true(has_bytes(bytes, len, "<dc:format>application/pdf</dc:format>"));
	free(bytes);
	diag_release(&d);

	/* an opaque PNG keeps it */
	diag_init(&d, NULL);
	assert_int_equal(render("<document><image src=\"logo.png\"/></document>", &s, &d, &bytes,
				&len), PDF_OK);
	assert_int_equal(d.n, 0);
	assert_true(has_bytes(bytes, len, "<pdfaid:conformance>B</pdfaid:conformance>"));
	free(bytes);
	diag_release(&d);

	/* a CMYK JPEG: libharu reads only its header (SOI, then SOF0 with 4 components) */
	char dir[] = "/tmp/srmap-cmyk-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *jpeg = xasprintf("%s/cmyk.jpg", dir);
	static const unsigned char sof[] = { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x14, 0x08, 0x00, 0x02,
					     0x00, 0x04, 0x04, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0,
					     4, 0x11, 0, 0xFF, 0xD9 };
	FILE *out = fopen(jpeg, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(sof, 1, sizeof sof, out), sizeof sof);
	fclose(out);
	const char *const cmyk_dirs[] = { dir };
	struct pdf_settings cmyk = { .allowed_dirs = cmyk_dirs, .nallowed_dirs = 1, .base_dir = dir };
	diag_init(&d, NULL);
	assert_int_equal(render("<document><image src=\"cmyk.jpg\"/></document>", &cmyk, &d, &bytes,
				&len), PDF_OK);
	assert_true(diag_has(&d, DIAG_WARNING, "this image is CMYK"));
	assert_false(has_bytes(bytes, len, "pdfaid"));
	free(bytes);
	diag_release(&d);
	unlink(jpeg);
	rmdir(dir);
	free(jpeg);

	/* so do attachments, which PDF/A-1 forbids */
	diag_init(&d, NULL);
	struct pdf_attachment at = { "a.txt", (const unsigned char *)"abc", 3 };
	struct pdf_settings with = { .attachments = &at, .nattachments = 1 };
	assert_int_equal(render("<document><p>x</p></document>", &with, &d, &bytes, &len), PDF_OK);
	assert_false(has_bytes(bytes, len, "pdfaid"));
	free(bytes);
	diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_bookmarks),
		cmocka_unit_test(test_icc_problem),
		cmocka_unit_test(test_icc_errors),
		cmocka_unit_test(test_pdfa_parts),
		cmocka_unit_test(test_unfit_images),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
