/*
 * test_fastpath.c - the C writers that stand in for the shipped OSCAL and
 * findings-json templates, in their parts.
 *
 * Covers: reading the document as XPath does (an absent and an empty
 * attribute, element children by name, normalize-space), the template's
 * helpers (oscal-id, uri), the JSON writer declining, and writing nothing,
 * for a document that is not an assessment or whose counts are not numbers,
 * and both writers' write errors (a closed pipe).  That they write the
 * template's bytes is tested on every case by tests/test-xml-outputs.sh;
 * when they stand in, by tests/test-fastpath.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "write/docnode.h"
#include "write/findings_json.h"
#include "write/oscal.h"
#include "write/oscal_doc.h"

static xmlDocPtr parse(const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "doc", NULL, 0);
	assert_non_null(doc);
	return doc;
}

static void attributes_and_children(void **state)
{
	(void)state;
	xmlDocPtr doc = parse("<a x=\"1\" e=\"\"><b/>text<c id=\"one\"/><b/><c id=\"two\"/></a>");
	const xmlNode *a = xmlDocGetRootElement(doc);
	assert_string_equal(docnode_attr(a, "x"), "1");
	assert_string_equal(docnode_attr(a, "e"), "");          /* present but empty */
	assert_null(docnode_attr(a, "missing"));
	assert_string_equal(docnode_attr_or_empty(a, "missing"), "");
	assert_null(docnode_attr(NULL, "x"));
	const xmlNode *c = docnode_child(a, "c");
	assert_string_equal(docnode_attr(c, "id"), "one");
	assert_string_equal(docnode_attr(docnode_next(c, "c"), "id"), "two");
	assert_null(docnode_next(docnode_next(c, "c"), "c"));
	assert_null(docnode_child(a, "d"));
	assert_true(docnode_is(c, "c"));
	assert_false(docnode_is(c, "b"));
	assert_false(docnode_is(NULL, "c"));
	xmlFreeDoc(doc);
}

static void normalize_space(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "", "" }, { "   ", "" }, { "abc", "abc" }, { "  a  b\t\nc  ", "a b c" },
		{ "\r\na", "a" }, { "a\xc2\xa0 b", "a\xc2\xa0 b" },    /* only XML white space */
	};
	xmlBufferPtr b = xmlBufferCreate();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		docnode_normalize(b, cases[i][0]);
		assert_string_equal((const char *)xmlBufferContent(b), cases[i][1]);
	}
	docnode_normalize(b, NULL);
	assert_int_equal(xmlBufferLength(b), 0);
	xmlBufferFree(b);
}

static void oscal_helpers(void **state)
{
	(void)state;
	xmlBufferPtr b = xmlBufferCreate();
	oscal_cat_id(b, "IA-2(1)");
	assert_string_equal((const char *)xmlBufferContent(b), "ia-2.1");
	xmlBufferEmpty(b);
	oscal_cat_id(b, "SC-7");
	assert_string_equal((const char *)xmlBufferContent(b), "sc-7");
	struct oscal o = { .t = b };
	xmlBufferEmpty(b);
	oscal_cat_uri(&o, "dir name/a%b#c?d[e]\"<>\\^`{|}/\xc3\xa9.json");
	assert_string_equal((const char *)xmlBufferContent(b),
			    "dir%20name/a%25b%23c%3Fd%5Be%5D%22%3C%3E%5C%5E%60%7B%7C%7D/\xc3\xa9.json");
	assert_string_equal(oscal_framework_label("soc2"), "SOC 2");
	assert_string_equal(oscal_framework_label("other"), "other");
	xmlBufferFree(b);
	xmlBufferPtr n = xmlBufferCreate();
	oscal_cat_number(n, 12.0);
	oscal_cat_number(n, 0.5);
	assert_string_equal((const char *)xmlBufferContent(n), "120.5");
	xmlBufferFree(n);
	assert_true(oscal_number("3") == 3.0);
	assert_true(oscal_number(NULL) != oscal_number(NULL));    /* NaN */
}

/* The size of what fn wrote to a temporary file for doc. */
static long written_by(int (*fn)(xmlDocPtr, int), xmlDocPtr doc, int *rc)
{
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	*rc = fn(doc, fileno(tmp));
	long size = lseek(fileno(tmp), 0, SEEK_END);
	fclose(tmp);
	return size;
}

#define ASSESSMENT "<assessment tool-version=\"1\" catalog-version=\"2\" generated=\"t\" as-of=\"t\">"

static void json_declines(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"<other/>",
		ASSESSMENT "<summary workloads=\"many\" checks=\"1\" findings=\"1\" evidence=\"1\"/></assessment>",
		ASSESSMENT "<summary workloads=\"1\" checks=\"1\" findings=\"1\"/></assessment>",
		ASSESSMENT "<summary workloads=\"1\" checks=\"1\" findings=\"1\" evidence=\"1\"/>"
		"<workload id=\"w\" findings=\"\"/></assessment>",
		ASSESSMENT "<summary workloads=\"1\" checks=\"1\" findings=\"1\" evidence=\"1\" "
		"overall-score=\"n/a\"/></assessment>",
		ASSESSMENT "<summary workloads=\"1\" checks=\"1\" findings=\"1\" evidence=\"1\"/>"
		"<control id=\"c\"><ref id=\"x\"/><ref id=\"y\"/></control></assessment>",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		xmlDocPtr doc = parse(docs[i]);
		int rc;
		assert_int_equal(written_by(findings_json_write, doc, &rc), 0);
		assert_int_equal(rc, FINDINGS_JSON_DECLINED);
		xmlFreeDoc(doc);
	}
	xmlDocPtr doc = parse(ASSESSMENT "<summary workloads=\"1\" checks=\"1\" findings=\"1\" "
			      "evidence=\"1\"/></assessment>");
	int rc;
	assert_true(written_by(findings_json_write, doc, &rc) > 0);
	assert_int_equal(rc, 0);
	xmlFreeDoc(doc);
}

static void write_errors(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	xmlDocPtr doc = parse(ASSESSMENT "<summary workloads=\"1\" checks=\"1\" findings=\"1\" "
			      "evidence=\"1\"/></assessment>");
	int (*const writers[])(xmlDocPtr, int) = { oscal_write, findings_json_write };
	for (size_t i = 0; i < 2; i++) {
		int p[2];
		assert_int_equal(pipe(p), 0);
		close(p[0]);
		errno = 0;
		assert_int_equal(writers[i](doc, p[1]), -1);
		assert_int_equal(errno, EPIPE);
		close(p[1]);
	}
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(attributes_and_children),
		cmocka_unit_test(normalize_space),
		cmocka_unit_test(oscal_helpers),
		cmocka_unit_test(json_declines),
		cmocka_unit_test(write_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
