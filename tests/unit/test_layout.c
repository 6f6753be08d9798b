/*
 * test_layout.c - the PDF layout engine (layout.h) and renderer (pdf.h).
 *
 * Most tests lay out layout XML written here with fake metrics (every
 * character 0.5 em, a space 0.25 em, CJK 1 em and only in the CJK face), so
 * that widths are known exactly.  Covered: breaking a long id and CJK text
 * between characters with no line wider than allowed; words broken at
 * spaces with the text kept whole; tables split across pages with the header
 * row repeated on every page and no row split or lost; a row taller than a
 * page cut with a warning; "Page X of Y" on every page but the cover; the
 * contents' page numbers equal to the pages the headings land on; h1 at the
 * top of a page; no heading last on a page; vocabulary errors reported with
 * the template's name and the element's path.
 *
 * With the real fonts: tests/layout/report.xml rendered to a file, checked
 * with qpdf --check and pdftotext (reading order, "Zürich", "São Paulo",
 * "東京"), rendered twice to the same bytes; images only from allowed
 * places; and a 2,000-row table (made here) laid out with its header on
 * every page, then rendered (pages and time are printed).  The qpdf and
 * pdftotext checks skip when those tools are missing.
 *
 * Run from the repository root (fixtures are read from tests/layout/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "srmap/base/alloc.h"
#include "srmap/base/diag.h"
#include "pdf/layout.h"
#include "pdf/layout_break.h"
#include "pdf/layout_font.h"
#include "srmap/pdf/pdf.h"
#include "srmap/write/template.h"

#define TEMPLATE "templates/report-pdf.xsl"
#define FIXTURES "tests/layout"

/* ---- fake metrics ----------------------------------------------------------------------- */

static int fake_cjk(uint32_t cp)
{
	return cp >= 0x3000 && cp <= 0x9FFF;
}

static int fake_advance(void *ctx, enum lay_face face, uint32_t cp)
{
	(void)ctx;
	(void)face;
	if (cp == ' ')
		return 250;
	return fake_cjk(cp) ? 1000 : 500;
}

/* U+1234 is in no face. */
static int fake_has(void *ctx, enum lay_face face, uint32_t cp)
{
	(void)ctx;
	if (cp == 0x1234)
		return 0;
	return face == LAY_FACE_CJK ? fake_cjk(cp) : !fake_cjk(cp);
}

static const struct lay_metrics fake = { NULL, fake_advance, fake_has, NULL };

/* ---- helpers ---------------------------------------------------------------------------- */

struct sbuf {
	char *s;
	size_t len, cap;
};

__attribute__((format(printf, 2, 3)))
static void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *piece = NULL;
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	piece = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(piece, (size_t)n + 1, fmt, ap);
	va_end(ap);
	GROW(b->s, b->cap, b->len + (size_t)n + 1);
	memcpy(b->s + b->len, piece, (size_t)n + 1);
	b->len += (size_t)n;
	free(piece);
}

static xmlDocPtr parse_xml(const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "layout.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

/* Lays xml out with metrics m; fails the test on an error. */
static struct lay_doc *lay_with(const char *xml, const struct lay_metrics *m, struct diag_list *d)
{
	xmlDocPtr doc = parse_xml(xml);
	struct lay_tree *t = layout_parse(doc, TEMPLATE, d);
	xmlFreeDoc(doc);
	assert_non_null(t);
	struct lay_doc *out = layout_flow(t, m, d);
	layout_tree_free(t);
	assert_non_null(out);
	return out;
}

static struct lay_doc *lay(const char *xml, struct diag_list *d)
{
	return lay_with(xml, &fake, d);
}

/* Page and item of the first text item equal to s at or after (page, item), or -1. */
static int find_text(const struct lay_doc *doc, const char *s, size_t from_page, size_t *page,
		     size_t *item)
{
	for (size_t p = from_page; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].n; i++) {
			const struct lay_item *it = &doc->pages[p].items[i];
			if (it->kind == LAY_TEXT && it->text && strcmp(it->text, s) == 0) {
				*page = p;
				*item = i;
				return 0;
			}
		}
	return -1;
}

static int page_has_text(const struct lay_page *pg, const char *s)
{
	for (size_t i = 0; i < pg->n; i++)
		if (pg->items[i].kind == LAY_TEXT && pg->items[i].text && strstr(pg->items[i].text, s))
			return 1;
	return 0;
}

static int diag_has(const struct diag_list *d, enum diag_level level, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].level == level && strstr(d->items[i].msg, needle))
			return 1;
	return 0;
}

static struct lay_fonts fake_fonts(void)
{
	return (struct lay_fonts){ .m = &fake };
}

/* The text of all lines joined with nothing between lines (and spaces inside them). */
static char *lines_text(const struct lay_lines *ls)
{
	struct sbuf b = { 0 };
	sb_add(&b, "%s", "");
	for (size_t i = 0; i < ls->n; i++)
		for (size_t j = 0; j < ls->lines[i].n; j++)
			sb_add(&b, "%s", ls->lines[i].frags[j].text);
	return b.s;
}

/* The right edge of the rightmost fragment of a line. */
static double line_right(const struct lay_line *l)
{
	double r = 0;
	for (size_t j = 0; j < l->n; j++)
		r = fmax(r, l->frags[j].x + l->frags[j].w);
	return r;
}

static const struct text_style style10 = { .size = 10, .color = 0, .link_color = 0x1F4E79,
					   .code_color = 0x333333 };

/* ---- line breaking ---------------------------------------------------------------------- */

static void test_long_id_breaks_between_characters(void **state)
{
	(void)state;
	const char *id = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-prod"
			 "/providers/Microsoft.Sql/servers/sql-prod-zrh/databases/patients";
	struct lay_fonts f = fake_fonts();
	struct lay_lines ls;
	double width = 100;   /* 20 characters of 5 points */
	lay_break_plain(&f, id, LAY_FACE_MONO, &style10, width, ALIGN_LEFT, &ls);
	assert_true(ls.n >= strlen(id) / 20);
	for (size_t i = 0; i < ls.n; i++) {
		assert_true(line_right(&ls.lines[i]) <= width + 0.001);
		assert_true(ls.lines[i].width <= width + 0.001);
		assert_true(ls.lines[i].n > 0);
	}
	char *all = lines_text(&ls);
	assert_string_equal(all, id);       /* nothing lost, nothing added */
	/* prefers to cut after a separator: the first line ends with '/' */
	const struct lay_line *l0 = &ls.lines[0];
	const char *t = l0->frags[l0->n - 1].text;
	assert_int_equal(t[strlen(t) - 1], '/');
	free(all);
	lay_lines_release(&ls);

	/* a hash has no separators: cut exactly at the width */
	const char *hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
	lay_break_plain(&f, hash, LAY_FACE_MONO, &style10, width, ALIGN_LEFT, &ls);
	assert_int_equal(ls.n, 4);          /* 64 characters, 20 per line */
	for (size_t i = 0; i < ls.n; i++)
		assert_true(ls.lines[i].width <= width + 0.001);
	all = lines_text(&ls);
	assert_string_equal(all, hash);
	free(all);
	lay_lines_release(&ls);
}

static void test_words_break_at_spaces(void **state)
{
	(void)state;
	struct lay_fonts f = fake_fonts();
	struct lay_lines ls;
	/* "aaaa bbbb cccc dddd": words of 20 points, spaces of 2.5 */
	lay_break_plain(&f, "  aaaa   bbbb\ncccc\tdddd ", LAY_FACE_REGULAR, &style10, 45, ALIGN_LEFT,
			&ls);
	assert_int_equal(ls.n, 2);
	assert_int_equal(ls.lines[0].n, 1);       /* joined into one run */
	assert_string_equal(ls.lines[0].frags[0].text, "aaaa bbbb");
	assert_string_equal(ls.lines[1].frags[0].text, "cccc dddd");
	assert_true(fabs(ls.lines[0].width - 42.5) < 0.001);
	lay_lines_release(&ls);

	/* right alignment moves the line to the right edge */
	lay_break_plain(&f, "aaaa", LAY_FACE_REGULAR, &style10, 45, ALIGN_RIGHT, &ls);
	assert_true(fabs(line_right(&ls.lines[0]) - 45) < 0.001);
	lay_lines_release(&ls);

	/* justified lines reach both edges, except the last */
	lay_break_plain(&f, "aa bb cc dd ee ff gg hh", LAY_FACE_REGULAR, &style10, 47, ALIGN_JUSTIFY,
			&ls);
	assert_true(ls.n >= 2);
	for (size_t i = 0; i + 1 < ls.n; i++)
		assert_true(fabs(line_right(&ls.lines[i]) - 47) < 0.001);
	assert_true(line_right(&ls.lines[ls.n - 1]) < 47);
	lay_lines_release(&ls);
}

static void test_cjk_breaks_between_characters(void **state)
{
	(void)state;
	struct lay_fonts f = fake_fonts();
	struct lay_lines ls;
	/* 18 ideographs of 10 points, no spaces, 45 points per line */
	const char *text = "東京リージョンとサンパウロリージョンで";
	lay_break_plain(&f, text, LAY_FACE_REGULAR, &style10, 45, ALIGN_LEFT, &ls);
	assert_true(ls.n >= 4);
	for (size_t i = 0; i < ls.n; i++) {
		assert_true(ls.lines[i].width <= 45.001);
		for (size_t j = 0; j < ls.lines[i].n; j++)
			assert_int_equal(ls.lines[i].frags[j].face, LAY_FACE_CJK);
	}
	char *all = lines_text(&ls);
	assert_string_equal(all, text);
	free(all);
	/* the prolonged sound mark never starts a line */
	for (size_t i = 1; i < ls.n; i++)
		assert_false(strncmp(ls.lines[i].frags[0].text, "ー", strlen("ー")) == 0);
	lay_lines_release(&ls);

	/* mixed text: Latin in the regular face, CJK in the fallback, in one line */
	lay_break_plain(&f, "Tokyo 東京 office", LAY_FACE_REGULAR, &style10, 400, ALIGN_LEFT, &ls);
	assert_int_equal(ls.n, 1);
	int cjk = 0, regular = 0;
	for (size_t j = 0; j < ls.lines[0].n; j++) {
		cjk += ls.lines[0].frags[j].face == LAY_FACE_CJK;
		regular += ls.lines[0].frags[j].face == LAY_FACE_REGULAR;
	}
	assert_int_equal(cjk, 1);
	assert_true(regular >= 1);
	lay_lines_release(&ls);
}

/* ---- tables ----------------------------------------------------------------------------- */

static char *table_doc(size_t rows, const char *cell_extra, int footer)
{
	struct sbuf b = { 0 };
	sb_add(&b, "<document title=\"T\">");
	if (footer)
		sb_add(&b, "<running-footer right=\"Page {page} of {pages}\"/>");
	sb_add(&b, "<h2>Inventory</h2><table widths=\"40%% 30%% 30%%\"><thead><row><cell>Head-A</cell>"
		   "<cell>Head-B</cell><cell>Head-C</cell></row></thead>");
	for (size_t i = 0; i < rows; i++)
		sb_add(&b, "<row><cell>r%zu-a%s%s</cell><cell>r%zu-b</cell><cell>r%zu-c</cell></row>", i,
		       cell_extra && i % 7 == 3 ? "<br/>" : "", cell_extra && i % 7 == 3 ? cell_extra : "",
		       i, i);
	sb_add(&b, "</table></document>");
	return b.s;
}

/* Checks that every row's cells are on one page below that page's header, once each. */
static void check_table(const struct lay_doc *doc, size_t rows)
{
	for (size_t i = 0; i < rows; i++) {
		char a[32], c[32];
		snprintf(a, sizeof a, "r%zu-a", i);
		snprintf(c, sizeof c, "r%zu-c", i);
		size_t pa, ia, pc, ic, ph, ih, p2, i2;
		assert_int_equal(find_text(doc, a, 0, &pa, &ia), 0);
		assert_int_equal(find_text(doc, c, 0, &pc, &ic), 0);
		assert_int_equal(pa, pc);                       /* the row is not split */
		assert_int_equal(find_text(doc, "Head-A", pa, &ph, &ih), 0);
		assert_int_equal(ph, pa);                       /* the header is on its page ... */
		assert_true(doc->pages[ph].items[ih].y < doc->pages[pa].items[ia].y);   /* ... above it */
		assert_int_not_equal(find_text(doc, a, pa + 1, &p2, &i2), 0);          /* once */
	}
}

static void test_table_header_repeats_on_every_page(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	char *xml = table_doc(300, NULL, 1);
	struct lay_doc *doc = lay(xml, &d);
	assert_true(doc->npages >= 4);
	for (size_t p = 0; p < doc->npages; p++) {
		size_t hp, hi;
		assert_int_equal(find_text(doc, "Head-A", p, &hp, &hi), 0);
		assert_int_equal(hp, p);
		assert_true(page_has_text(&doc->pages[p], "Head-C"));
	}
	check_table(doc, 300);
	assert_int_equal(d.errors + d.warnings, 0);
	layout_doc_free(doc);
	free(xml);
	diag_release(&d);
}

static void test_rows_never_split(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	/* every seventh row has a cell of many lines */
	struct sbuf extra = { 0 };
	for (int i = 0; i < 60; i++)
		sb_add(&extra, "word%d ", i);
	char *xml = table_doc(120, extra.s, 0);
	struct lay_doc *doc = lay(xml, &d);
	check_table(doc, 120);
	/* all lines of a tall cell are on the page of its row */
	for (size_t i = 3; i < 120; i += 7) {
		char a[32];
		snprintf(a, sizeof a, "r%zu-a", i);
		size_t pa, ia;
		assert_int_equal(find_text(doc, a, 0, &pa, &ia), 0);
		int found = 0;
		for (size_t k = 0; k < doc->pages[pa].n; k++) {
			const struct lay_item *it = &doc->pages[pa].items[k];
			if (it->kind == LAY_TEXT && it->text && strstr(it->text, "word59") &&
			    it->y > doc->pages[pa].items[ia].y)
				found = 1;
		}
		assert_true(found);
	}
	/* no text below the bottom margin (20 mm) */
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t k = 0; k < doc->pages[p].n; k++)
			if (doc->pages[p].items[k].kind == LAY_TEXT)
				assert_true(doc->pages[p].items[k].y <= doc->height - 20 * 2.8346 + 0.01);
	layout_doc_free(doc);
	free(xml);
	free(extra.s);
	diag_release(&d);
}

static void test_row_taller_than_page_is_cut(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct sbuf b = { 0 };
	sb_add(&b, "<document><table widths=\"50%% 50%%\"><thead><row><cell>H1</cell><cell>H2</cell>"
		   "</row></thead><row><cell>short</cell><cell>");
	for (int i = 0; i < 3000; i++)
		sb_add(&b, "w%d ", i);
	sb_add(&b, "</cell></row><row><cell>after</cell><cell>x</cell></row></table></document>");
	struct lay_doc *doc = lay(b.s, &d);
	assert_true(diag_has(&d, DIAG_WARNING, "taller than a page"));
	assert_true(diag_has(&d, DIAG_WARNING, "/document/table/row[1]"));
	size_t p, i;
	assert_int_equal(find_text(doc, "short", 0, &p, &i), 0);
	assert_true(page_has_text(&doc->pages[p], "more lines cut"));
	assert_int_equal(find_text(doc, "after", 0, &p, &i), 0);
	assert_int_equal(d.errors, 0);
	layout_doc_free(doc);
	free(b.s);
	diag_release(&d);
}

/* Found by fuzz_layout: empty running texts leaked their expansions (seen under ASan and valgrind). */
static void test_empty_running_footer(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct lay_doc *doc = lay("<document><running-footer right=\"\"/><p>body</p></document>", &d);
	assert_non_null(doc);
	assert_int_equal(d.errors, 0);
	assert_int_equal(doc->npages, 1);
	size_t p, i;
	assert_int_equal(find_text(doc, "body", 0, &p, &i), 0);
	layout_doc_free(doc);
	diag_release(&d);
}

/* ---- pages, contents, headings ---------------------------------------------------------- */

static char *report_doc(int sections)
{
	struct sbuf b = { 0 };
	sb_add(&b, "<document title=\"Report\"><running-header left=\"{title}\"/>"
		   "<running-footer right=\"Page {page} of {pages}\"/>"
		   "<cover><p size=\"20\">Cover title</p></cover><toc title=\"Contents\"/>");
	for (int s = 0; s < sections; s++) {
		if (s % 4 == 0)
			sb_add(&b, "<h1 id=\"s%d\">Chapter %d</h1>", s, s);
		else
			sb_add(&b, "<h2 id=\"s%d\">Section %d</h2>", s, s);
		/* paragraphs of varying length so headings fall everywhere on the page */
		for (int p = 0; p < 1 + s % 3; p++) {
			sb_add(&b, "<p>");
			for (int w = 0; w < 30 + (s * 37 + p * 11) % 90; w++)
				sb_add(&b, "body%d ", w);
			sb_add(&b, "</p>");
		}
	}
	sb_add(&b, "</document>");
	return b.s;
}

static void test_page_x_of_y(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	char *xml = report_doc(40);
	struct lay_doc *doc = lay(xml, &d);
	assert_true(doc->npages > 5);
	assert_true(doc->pages[0].cover);
	assert_false(page_has_text(&doc->pages[0], "Page "));
	assert_false(page_has_text(&doc->pages[0], "Report"));     /* no header on the cover */
	for (size_t p = 1; p < doc->npages; p++) {
		char want[64];
		snprintf(want, sizeof want, "Page %zu of %zu", p + 1, doc->npages);
		size_t fp, fi;
		assert_int_equal(find_text(doc, want, p, &fp, &fi), 0);
		assert_int_equal(fp, p);
		assert_false(doc->pages[p].cover);
		/* no empty page: body text between the margins */
		int body = 0;
		for (size_t k = 0; k < doc->pages[p].n; k++) {
			const struct lay_item *it = &doc->pages[p].items[k];
			body |= it->kind == LAY_TEXT && it->y > 20 * 2.8346 &&
				it->y < doc->height - 20 * 2.8346;
		}
		assert_true(body);
	}
	layout_doc_free(doc);
	free(xml);
	diag_release(&d);
}

static void test_toc_numbers_match_heading_pages(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	char *xml = report_doc(60);
	struct lay_doc *doc = lay(xml, &d);
	size_t checked = 0;
	for (size_t o = 0; o < doc->noutline; o++) {
		const struct lay_outline *ol = &doc->outline[o];
		if (!strcmp(ol->title, "Contents"))
			continue;
		/* the heading itself is on the page the outline says, at that height */
		size_t hp, hi;
		assert_int_equal(find_text(doc, ol->title, 1, &hp, &hi), 0);   /* the contents entry */
		const struct lay_item *entry = &doc->pages[hp].items[hi];
		/* its page number: the digits on the same baseline */
		const char *num = NULL;
		for (size_t k = 0; k < doc->pages[hp].n; k++) {
			const struct lay_item *it = &doc->pages[hp].items[k];
			if (it->kind == LAY_TEXT && fabs(it->y - entry->y) < 0.01 && it->text &&
			    strspn(it->text, "0123456789") == strlen(it->text) && *it->text)
				num = it->text;
		}
		assert_non_null(num);
		assert_int_equal(strtoul(num, NULL, 10), ol->page + 1);
		size_t lp, li;
		assert_int_equal(find_text(doc, ol->title, hp + 1, &lp, &li), 0);  /* the heading */
		assert_int_equal(lp, ol->page);
		assert_true(fabs(doc->pages[lp].items[li].y - ol->y) < 20);
		/* h1 starts a page: nothing above it but the running header */
		if (ol->level == 1)
			assert_true(ol->y < 20 * 2.8346 + 0.01);
		checked++;
	}
	assert_int_equal(checked, 60);
	/* every contents entry is a link to its heading */
	size_t links = 0;
	for (size_t p = 0; p < doc->npages; p++)
		links += doc->pages[p].nlinks;
	assert_true(links >= 60);
	layout_doc_free(doc);
	free(xml);
	diag_release(&d);
}

static void test_heading_never_last_on_page(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	char *xml = report_doc(80);
	struct lay_doc *doc = lay(xml, &d);
	double bottom = doc->height - 20 * 2.8346;
	for (size_t o = 0; o < doc->noutline; o++) {
		const struct lay_outline *ol = &doc->outline[o];
		const struct lay_page *pg = &doc->pages[ol->page];
		/* body lines (9.5 pt) below the heading on its page */
		double last = -1;
		int lines = 0;
		for (size_t k = 0; k < pg->n; k++) {
			const struct lay_item *it = &pg->items[k];
			if (it->kind == LAY_TEXT && it->size == 9.5 && it->y > ol->y + 5 &&
			    it->y < bottom && fabs(it->y - last) > 0.01) {
				lines++;
				last = it->y;
			}
		}
		if (strcmp(ol->title, "Contents") != 0 && lines < 2)
			print_message("heading %s on page %zu at %.1f: %d lines after it\n", ol->title,
				      ol->page, ol->y, lines);
		if (strcmp(ol->title, "Contents") != 0)
			assert_true(lines >= 2);
	}
	layout_doc_free(doc);
	free(xml);
	diag_release(&d);
}

/* ---- vocabulary errors ------------------------------------------------------------------ */

static void expect_error(const char *xml, const char *needle)
{
	struct diag_list d;
	diag_init(&d, NULL);
	xmlDocPtr doc = parse_xml(xml);
	struct lay_tree *t = layout_parse(doc, TEMPLATE, &d);
	xmlFreeDoc(doc);
	assert_null(t);
	assert_true(d.errors > 0);
	int found = 0;
	for (size_t i = 0; i < d.n; i++)
		if (d.items[i].level == DIAG_ERROR && d.items[i].file &&
		    !strcmp(d.items[i].file, TEMPLATE) && strstr(d.items[i].msg, needle))
			found = 1;
	if (!found)
		for (size_t i = 0; i < d.n; i++)
			print_message("got: %s: %s\n", d.items[i].file, d.items[i].msg);
	assert_true(found);
	diag_release(&d);
}

static void test_vocabulary_errors(void **state)
{
	(void)state;
	expect_error("<document><para>x</para></document>", "/document/para: unknown element <para>");
	expect_error("<document><p color=\"red\">x</p></document>", "color=\"red\" is not a colour");
	expect_error("<document><p align=\"middle\">x</p></document>", "align=\"middle\"");
	expect_error("<document><spacer height=\"12\"/></document>", "not a length");
	expect_error("<document><p bogus=\"1\">x</p></document>", "unknown attribute \"bogus\"");
	expect_error("<document><table widths=\"50% 50%\"><row><cell>a</cell></row>"
		     "<row><cell>a</cell><cell>b</cell><cell>c</cell></row></table></document>",
		     "/document/table/row[2]: row has 3 cells (counting spans) but the table has 2");
	expect_error("<document><p>a <blink>b</blink></p></document>", "unknown inline element <blink>");
	expect_error("<document><p><badge status=\"great\"/></p></document>", "status=\"great\"");
	expect_error("<report/>", "the root element is <report>");
	expect_error("<document><running-footer right=\"{page} of {total}\"/></document>",
		     "unknown field \"{total}\"");
	expect_error("<document created=\"2026-11-20\"/>", "not a UTC time");
	expect_error("<document><h2 id=\"a\">x</h2><h2 id=\"a\">y</h2></document>", "used twice");
	expect_error("<document><chart type=\"pie\"><series><point label=\"a\" value=\"1\"/></series>"
		     "</chart></document>", "type=\"pie\"");

	/* the line of the element, when the layout came from a file */
	struct diag_list d;
	diag_init(&d, NULL);
	xmlDocPtr doc = parse_xml("<document>\n<p>x</p>\n<q/>\n</document>");
	assert_null(layout_parse(doc, TEMPLATE, &d));
	xmlFreeDoc(doc);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 3);
	diag_release(&d);

	/* a link to an unknown id is only a warning */
	diag_init(&d, NULL);
	doc = parse_xml("<document><p><link to=\"nowhere\">x</link></p></document>");
	struct lay_tree *t = layout_parse(doc, TEMPLATE, &d);
	xmlFreeDoc(doc);
	assert_non_null(t);
	assert_true(diag_has(&d, DIAG_WARNING, "unknown id \"nowhere\""));
	layout_tree_free(t);
	diag_release(&d);
}

static void test_missing_glyph_warned_once(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct lay_doc *doc = lay("<document><p>a \xE1\x88\xB4 b \xE1\x88\xB4</p>"
				  "<p>emoji \xF0\x9F\x98\x80</p></document>", &d);
	assert_int_equal(d.warnings, 1);
	assert_true(diag_has(&d, DIAG_WARNING, "3 characters no font can draw (the first is U+1234)"));
	/* beyond U+FFFF: drawn as U+FFFD */
	size_t p, i;
	assert_int_equal(find_text(doc, "emoji \xEF\xBF\xBD", 0, &p, &i), 0);
	layout_doc_free(doc);
	diag_release(&d);
}

static void test_keep_moves_whole(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	/* 40 short paragraphs fill most of the first page; the keep does not fit after them */
	struct sbuf b = { 0 };
	sb_add(&b, "<document>");
	for (int i = 0; i < 40; i++)
		sb_add(&b, "<p>filler %d</p>", i);
	sb_add(&b, "<keep id=\"k\"><p>kept-first</p>");
	for (int i = 0; i < 20; i++)
		sb_add(&b, "<p>kept %d</p>", i);
	sb_add(&b, "<p>kept-last</p></keep><p><link to=\"k\">back</link></p></document>");
	struct lay_doc *doc = lay(b.s, &d);
	size_t p1, i1, p2, i2;
	assert_int_equal(find_text(doc, "kept-first", 0, &p1, &i1), 0);
	assert_int_equal(find_text(doc, "kept-last", 0, &p2, &i2), 0);
	assert_int_equal(p1, p2);
	assert_int_equal(p1, 1);
	/* the link jumps to the top of the kept block */
	const struct lay_page *pg = &doc->pages[doc->npages - 1];
	assert_int_equal(pg->nlinks, 1);
	assert_int_equal(pg->links[0].page, p1);
	assert_true(fabs(pg->links[0].dest_y - 20 * 2.8346) < 0.5);
	layout_doc_free(doc);
	free(b.s);
	diag_release(&d);
}

/* A page of fillers, then a one-line pseudo-heading (in a keep, with-next or not) and a table. */
static char *pseudo_heading_doc(int fillers, int with_next, int rows)
{
	struct sbuf b = { 0 };
	sb_add(&b, "<document>");
	for (int i = 0; i < fillers; i++)
		sb_add(&b, "<p>filler %d</p>", i);
	sb_add(&b, "<keep with-next=\"%s\"><p>intro:</p></keep><table><thead><row><cell>head</cell>"
	       "</row></thead>", with_next ? "yes" : "no");
	for (int i = 0; i < rows; i++)
		sb_add(&b, "<row><cell>r%d</cell></row>", i + 1);
	sb_add(&b, "</table></document>");
	return b.s;
}

static void test_keep_with_next(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	/* find a number of fillers that leaves room for the pseudo-heading but not its table */
	int found = 0;
	for (int n = 30; n < 60 && !found; n++) {
		char *xml = pseudo_heading_doc(n, 0, 6);
		struct lay_doc *doc = lay(xml, &d);
		size_t pi, ii, pr, ir;
		assert_int_equal(find_text(doc, "intro:", 0, &pi, &ii), 0);
		assert_int_equal(find_text(doc, "r1", 0, &pr, &ir), 0);
		layout_doc_free(doc);
		free(xml);
		if (pi == pr)
			continue;
		found = 1;
		/* with-next: the pseudo-heading moves to the page of the table's first row */
		xml = pseudo_heading_doc(n, 1, 6);
		doc = lay(xml, &d);
		assert_int_equal(find_text(doc, "intro:", 0, &pi, &ii), 0);
		assert_int_equal(find_text(doc, "r1", 0, &pr, &ir), 0);
		assert_int_equal(pi, pr);
		assert_int_equal(pi, 1);
		layout_doc_free(doc);
		free(xml);
	}
	assert_true(found);
	/* a table of up to three rows is never split */
	for (int n = 30; n < 60; n++) {
		char *xml = pseudo_heading_doc(n, 0, 3);
		struct lay_doc *doc = lay(xml, &d);
		size_t p1, i1, p3, i3;
		assert_int_equal(find_text(doc, "r1", 0, &p1, &i1), 0);
		assert_int_equal(find_text(doc, "r3", 0, &p3, &i3), 0);
		assert_int_equal(p1, p3);
		layout_doc_free(doc);
		free(xml);
	}
	assert_int_equal(d.errors, 0);
	diag_release(&d);
}

static void test_no_break_before_hyphen_after_cjk(void **state)
{
	(void)state;
	struct lay_fonts f = fake_fonts();
	struct lay_lines ls;
	/* "東京-01" is 20 + 15 points; at 30 points a line, it breaks between the ideographs */
	lay_break_plain(&f, "東京-01", LAY_FACE_REGULAR, &style10, 30, ALIGN_LEFT, &ls);
	assert_true(ls.n >= 2);
	for (size_t i = 1; i < ls.n; i++)
		assert_true(ls.lines[i].frags[0].text[0] != '-');
	char *all = lines_text(&ls);
	assert_string_equal(all, "東京-01");
	free(all);
	lay_lines_release(&ls);
	/* and no break after an opening bracket before an ideograph */
	lay_break_plain(&f, "(東京)", LAY_FACE_REGULAR, &style10, 22, ALIGN_LEFT, &ls);
	for (size_t i = 0; i < ls.n; i++) {
		const struct lay_line *l = &ls.lines[i];
		const char *last = l->n ? l->frags[l->n - 1].text : "";
		assert_false(*last && last[strlen(last) - 1] == '(');
		assert_true(!l->n || l->frags[0].text[0] != ')');
	}
	lay_lines_release(&ls);
}

/* ---- rendering -------------------------------------------------------------------------- */

static int have_tool(const char *name)
{
	char *cmd = xasprintf("command -v %s >/dev/null 2>&1", name);
	int ok = system(cmd) == 0;
	free(cmd);
	return ok;
}

static char *run_capture(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct sbuf b = { 0 };
	sb_add(&b, "%s", "");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf - 1, p)) > 0) {
		buf[n] = '\0';
		sb_add(&b, "%s", buf);
	}
	*status = pclose(p);
	return b.s;
}

static const char *const allowed_dirs[] = { FIXTURES };
static const struct pdf_settings settings = { .allowed_dirs = allowed_dirs, .nallowed_dirs = 1,
					      .base_dir = FIXTURES };

static int render_file(const char *layout, const char *out, const struct pdf_settings *s,
		       struct diag_list *d)
{
	xmlDocPtr doc = template_read_xml(layout, d);
	assert_non_null(doc);
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	int rc = pdf_render(doc, layout, s, fd, d);
	close(fd);
	xmlFreeDoc(doc);
	return rc;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return s;
}

static void test_render_report(void **state)
{
	(void)state;
	if (!have_tool("qpdf") || !have_tool("pdftotext"))
		skip();
	char dir[] = "/tmp/srmap-layout-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *out = xasprintf("%s/report.pdf", dir), *again = xasprintf("%s/again.pdf", dir);
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(render_file(FIXTURES "/report.xml", out, &settings, &d), PDF_OK);
	assert_int_equal(d.errors, 0);

	int status;
	char *cmd = xasprintf("qpdf --check '%s' 2>&1", out);
	char *check = run_capture(cmd, &status);
	if (status != 0)
		print_message("%s\n", check);
	assert_int_equal(status, 0);
	free(cmd);
	free(check);

	cmd = xasprintf("pdftotext -enc UTF-8 '%s' - 2>/dev/null", out);
	char *text = run_capture(cmd, &status);
	assert_int_equal(status, 0);
	assert_non_null(strstr(text, "Zürich"));
	assert_non_null(strstr(text, "São Paulo"));
	assert_non_null(strstr(text, "東京"));
	assert_non_null(strstr(text, "顧客管理キー"));
	/* reading order: cover, contents, then the chapters in order */
	const char *cover = strstr(text, "Assessor: Northwind Assurance");
	const char *contents = strstr(text, "Contents");
	const char *summary = strstr(text, "Contoso Health meets");
	const char *scope = strstr(text, "120 workloads: 64 IaaS");
	const char *findings = strstr(text, "No evidence was supplied");
	assert_true(cover && contents && summary && scope && findings);
	assert_true(cover < contents && contents < summary && summary < scope && scope < findings);
	assert_non_null(strstr(text, "Page 2 of 5"));
	assert_non_null(strstr(text, "Page 5 of 5"));
	assert_null(strstr(text, "Page 1 of"));
	free(cmd);
	free(text);

	/* the same input gives the same bytes */
	assert_int_equal(render_file(FIXTURES "/report.xml", again, &settings, &d), PDF_OK);
	size_t l1, l2;
	char *b1 = read_all(out, &l1), *b2 = read_all(again, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(b1, b2, l1);
	free(b1);
	free(b2);

	unlink(out);
	unlink(again);
	rmdir(dir);
	free(out);
	free(again);
	diag_release(&d);
}

static void test_images_only_from_allowed_places(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-layout-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *out = xasprintf("%s/out.pdf", dir);
	struct diag_list d;

	/* the fixture's logo is in an allowed folder; without the allowance it is refused */
	diag_init(&d, NULL);
	struct pdf_settings none = { .base_dir = FIXTURES };
	assert_int_equal(render_file(FIXTURES "/report.xml", out, &none, &d), PDF_ERR_LAYOUT);
	assert_true(diag_has(&d, DIAG_ERROR, "not allowed"));
	diag_release(&d);

	/* an allowed single file (the profile's logo) */
	diag_init(&d, NULL);
	const char *const files[] = { FIXTURES "/logo.png" };
	struct pdf_settings logo = { .allowed_files = files, .nallowed_files = 1,
				     .base_dir = FIXTURES };
	assert_int_equal(render_file(FIXTURES "/report.xml", out, &logo, &d), PDF_OK);
	diag_release(&d);

	/* a file that is not an image */
	diag_init(&d, NULL);
	xmlDocPtr doc = parse_xml("<document><image src=\"report.xml\"/></document>");
	int fd = open(out, O_WRONLY | O_TRUNC);
	assert_int_equal(pdf_render(doc, TEMPLATE, &settings, fd, &d), PDF_ERR_LAYOUT);
	close(fd);
	xmlFreeDoc(doc);
	assert_true(diag_has(&d, DIAG_ERROR, "not a PNG or JPEG"));
	diag_release(&d);

	/* a write error */
	diag_init(&d, NULL);
	doc = parse_xml("<document><p>x</p></document>");
	fd = open(out, O_RDONLY);
	assert_int_equal(pdf_render(doc, TEMPLATE, &settings, fd, &d), PDF_ERR_WRITE);
	close(fd);
	xmlFreeDoc(doc);
	diag_release(&d);

	/* pdf_render_taking frees the layout, whether the PDF is made or not */
	diag_init(&d, NULL);
	doc = parse_xml("<document><p>x</p></document>");
	fd = open(out, O_WRONLY | O_TRUNC);
	assert_int_equal(pdf_render_taking(&doc, TEMPLATE, &settings, fd, &d), PDF_OK);
	close(fd);
	assert_null(doc);
	size_t made;
	free(read_all(out, &made));
	assert_true(made > 1000);
	doc = parse_xml("<document><nonsense/></document>");
	fd = open(out, O_WRONLY | O_TRUNC);
	assert_int_equal(pdf_render_taking(&doc, TEMPLATE, &settings, fd, &d), PDF_ERR_LAYOUT);
	close(fd);
	assert_null(doc);
	diag_release(&d);

	unlink(out);
	rmdir(dir);
	free(out);
}

static void test_fonts_missing(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct pdf_settings s = { .font_dir = "/nonexistent-fonts" };
	assert_null(pdf_fonts_open(&s, &d));
	assert_true(diag_has(&d, DIAG_ERROR, "fonts-dejavu-core"));
	xmlDocPtr doc = parse_xml("<document><p>x</p></document>");
	assert_int_equal(pdf_render(doc, TEMPLATE, &s, -1, &d), PDF_ERR_INTERNAL);
	xmlFreeDoc(doc);
	diag_release(&d);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_large_table(void **state)
{
	(void)state;
	enum { ROWS = 2000 };
	struct sbuf b = { 0 };
	sb_add(&b, "<document title=\"Inventory\"><running-footer right=\"Page {page} of {pages}\"/>"
		   "<h1>Appendix: inventory</h1><table widths=\"45%% 20%% 15%% 20%%\" size=\"8.5\"><thead>"
		   "<row><cell>Resource</cell><cell>Type</cell><cell>Model</cell>"
		   "<cell align=\"right\">Checks</cell></row></thead>");
	for (int i = 0; i < ROWS; i++)
		sb_add(&b, "<row><cell><code>/subscriptions/11111111-2222-3333-4444-555555555555/"
			   "resourceGroups/rg-%d/providers/Microsoft.Compute/virtualMachines/vm-%d</code>"
			   "</cell><cell>Microsoft.Compute/virtualMachines</cell><cell>iaas</cell>"
			   "<cell align=\"right\">%d</cell></row>", i % 17, i, 10 + i % 9);
	sb_add(&b, "</table></document>");

	struct diag_list d;
	diag_init(&d, NULL);
	struct pdf_fonts *fonts = pdf_fonts_open(NULL, &d);
	assert_non_null(fonts);
	double t0 = now();
	struct lay_doc *doc = lay_with(b.s, pdf_fonts_metrics(fonts), &d);
	double t1 = now();
	assert_true(doc->npages > 30);
	for (size_t p = 0; p < doc->npages; p++) {
		size_t hp, hi;
		assert_int_equal(find_text(doc, "Resource", p, &hp, &hi), 0);
		assert_int_equal(hp, p);
		char want[64];
		snprintf(want, sizeof want, "Page %zu of %zu", p + 1, doc->npages);
		assert_true(page_has_text(&doc->pages[p], want));
	}
	/* every row once: its last id fragment "vm-N" */
	size_t seen = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t k = 0; k < doc->pages[p].n; k++) {
			const struct lay_item *it = &doc->pages[p].items[k];
			if (it->kind == LAY_TEXT && it->text && strstr(it->text, "/vm-"))
				seen++;
		}
	assert_int_equal(seen, ROWS);
	size_t pages = doc->npages;
	layout_doc_free(doc);
	pdf_fonts_close(fonts);

	/* the whole render, to a file */
	char path[] = "/tmp/srmap-large-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	xmlDocPtr x = parse_xml(b.s);
	double t2 = now();
	assert_int_equal(pdf_render(x, TEMPLATE, NULL, fd, &d), PDF_OK);
	double t3 = now();
	close(fd);
	xmlFreeDoc(x);
	size_t len;
	free(read_all(path, &len));
	print_message("2,000-row table: %zu pages; layout %.3f s; layout and render %.3f s; %zu KB\n",
		      pages, t1 - t0, t3 - t2, len / 1024);
	if (have_tool("qpdf")) {
		char *cmd = xasprintf("qpdf --check '%s' >/dev/null 2>&1", path);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	unlink(path);
	assert_int_equal(d.errors, 0);
	diag_release(&d);
	free(b.s);
}

/*
 * More pages than one node of libharu's page tree holds (32,767, an array's
 * limit): the PDF is made, with every page, and qpdf accepts it.
 */
static void test_more_pages_than_one_page_node(void **state)
{
	(void)state;
	enum { PAGES = 33000 };
	struct sbuf b = { 0 };
	sb_add(&b, "<document title=\"Many pages\"><running-footer right=\"Page {page} of {pages}\"/>");
	for (int i = 0; i < PAGES; i++)
		sb_add(&b, "%s<p>%d</p>", i ? "<page-break/>" : "", i + 1);
	sb_add(&b, "</document>");
	struct diag_list d;
	diag_init(&d, NULL);
	char path[] = "/tmp/srmap-pages-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	xmlDocPtr x = parse_xml(b.s);
	assert_int_equal(pdf_render_taking(&x, TEMPLATE, NULL, fd, &d), PDF_OK);
	close(fd);
	assert_int_equal(d.errors, 0);
	if (have_tool("qpdf")) {
		char *cmd = xasprintf("test \"$(qpdf --show-npages '%s')\" = %d && "
				      "qpdf --check '%s' >/dev/null 2>&1", path, PAGES, path);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	unlink(path);
	diag_release(&d);
	free(b.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_more_pages_than_one_page_node),
		cmocka_unit_test(test_long_id_breaks_between_characters),
		cmocka_unit_test(test_words_break_at_spaces),
		cmocka_unit_test(test_cjk_breaks_between_characters),
		cmocka_unit_test(test_table_header_repeats_on_every_page),
		cmocka_unit_test(test_rows_never_split),
		cmocka_unit_test(test_row_taller_than_page_is_cut),
		cmocka_unit_test(test_empty_running_footer),
		cmocka_unit_test(test_page_x_of_y),
		cmocka_unit_test(test_toc_numbers_match_heading_pages),
		cmocka_unit_test(test_heading_never_last_on_page),
		cmocka_unit_test(test_vocabulary_errors),
		cmocka_unit_test(test_missing_glyph_warned_once),
		cmocka_unit_test(test_keep_moves_whole),
		cmocka_unit_test(test_keep_with_next),
		cmocka_unit_test(test_no_break_before_hyphen_after_cjk),
		cmocka_unit_test(test_render_report),
		cmocka_unit_test(test_images_only_from_allowed_places),
		cmocka_unit_test(test_fonts_missing),
		cmocka_unit_test(test_large_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
