/*
 * test_jsonout.c - JSON written from the XML representation of JSON.
 *
 * Covers: every kind of value, keys in document order, text that needs
 * escaping (quotes, backslash, control characters, non-ASCII), empty
 * containers, numbers kept as written, booleans 1/0; and every shape the
 * writer refuses (foreign elements and attributes, a map member without a
 * key, a key outside a map, a key given twice, text in a container, an
 * element in a leaf, a bad number or boolean, text in null, nesting past
 * yajl's depth, an empty document), each naming the template, the line and
 * the element, and writing nothing; and a write error (a closed pipe).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "srmap/base/alloc.h"
#include "srmap/base/diag.h"
#include "srmap/write/jsonout.h"

#define NS "xmlns=\"http://www.w3.org/2005/xpath-functions\""

/* Runs the writer on xml; returns its status and fills *text with what it wrote (free it). */
static int run(const char *xml, char **text, struct diag_list *d)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "result", NULL, 0);
	assert_non_null(doc);
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	int rc = jsonout_write(doc, "t.xsl", fileno(tmp), d);
	xmlFreeDoc(doc);
	off_t n = lseek(fileno(tmp), 0, SEEK_END);
	assert_true(n >= 0);
	*text = xcalloc((size_t)n + 1, 1);
	assert_int_equal(pread(fileno(tmp), *text, (size_t)n, 0), n);
	fclose(tmp);
	return rc;
}

static void expect_json(const char *xml, const char *want)
{
	struct diag_list d;
	diag_init(&d, NULL);
	char *got;
	assert_int_equal(run(xml, &got, &d), JSONOUT_OK);
	assert_int_equal(d.errors, 0);
	assert_string_equal(got, want);
	free(got);
	diag_release(&d);
}

/* The writer refuses xml, writes nothing, and its first message holds want. */
static void expect_refused(const char *xml, const char *want)
{
	struct diag_list d;
	diag_init(&d, NULL);
	char *got;
	assert_int_equal(run(xml, &got, &d), JSONOUT_ERR_SHAPE);
	assert_string_equal(got, "");
	assert_true(d.errors >= 1);
	assert_string_equal(d.items[0].file, "t.xsl");
	if (!strstr(d.items[0].msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", d.items[0].msg, want);
	free(got);
	diag_release(&d);
}

static void test_values(void **state)
{
	(void)state;
	expect_json("<map " NS "><string key='s'>a</string><number key='n'> -1.5e3 </number>"
		    "<boolean key='t'>true</boolean><boolean key='f'>0</boolean><null key='z'/>"
		    "<array key='a'><number>0</number><string/></array></map>",
		    "{\n  \"s\": \"a\",\n  \"n\": -1.5e3,\n  \"t\": true,\n  \"f\": false,\n"
		    "  \"z\": null,\n  \"a\": [\n    0,\n    \"\"\n  ]\n}\n");
}

static void test_keys_keep_their_order(void **state)
{
	(void)state;
	expect_json("<map " NS "><null key='z'/><null key='a'/><null key='m'/></map>",
		    "{\n  \"z\": null,\n  \"a\": null,\n  \"m\": null\n}\n");
}

static void test_escaping(void **state)
{
	(void)state;
	expect_json("<array " NS "><string>q\"b\\\\&#9;&#10;&lt;&amp;</string><string>Zürich 東京</string>"
		    "</array>",
		    "[\n  \"q\\\"b\\\\\\\\\\t\\n<&\",\n  \"Zürich 東京\"\n]\n");
	expect_json("<map " NS "><string key='k\"&#10;'>x</string></map>",
		    "{\n  \"k\\\"\\n\": \"x\"\n}\n");
}

static void test_empty_containers(void **state)
{
	(void)state;
	expect_json("<map " NS "><array key='a'>\n  </array><map key='m'/></map>",
		    "{\n  \"a\": [],\n  \"m\": {}\n}\n");
	expect_json("<array " NS "/>", "[]\n");
}

static void test_comments_and_space_ignored(void **state)
{
	(void)state;
	expect_json("<array " NS ">\n  <!-- a note -->\n  <?pi x?>\n  <number>7</number>\n</array>",
		    "[\n  7\n]\n");
}

static void test_refused_shapes(void **state)
{
	(void)state;
	expect_refused("<map/>", "element \"map\" is not one of");
	expect_refused("<map " NS "><object key='a'/></map>", "element \"object\" is not one of");
	expect_refused("<map " NS "><string>a</string></map>", "needs a key attribute");
	expect_refused("<array " NS "><string key='a'>a</string></array>", "a key attribute outside a map");
	expect_refused("<string " NS " key='a'>a</string>", "a key attribute outside a map");
	expect_refused("<map " NS "><null key='a'/><null key='a'/></map>", "key \"a\" is given twice");
	expect_refused("<array " NS ">text</array>", "text inside an array");
	expect_refused("<map " NS ">text</map>", "text inside a map");
	expect_refused("<array " NS "><string><null/></string></array>", "holds text only");
	expect_refused("<array " NS "><number>01</number></array>", "\"01\" is not a JSON number");
	expect_refused("<array " NS "><number>1.</number></array>", "not a JSON number");
	expect_refused("<array " NS "><number>.5</number></array>", "not a JSON number");
	expect_refused("<array " NS "><number>1e</number></array>", "not a JSON number");
	expect_refused("<array " NS "><number>NaN</number></array>", "not a JSON number");
	expect_refused("<array " NS "><number></number></array>", "not a JSON number");
	expect_refused("<array " NS "><boolean>yes</boolean></array>", "not true, false, 1 or 0");
	expect_refused("<array " NS "><null>x</null></array>", "null holds no text");
	expect_refused("<array " NS "><string escaped='true'>x</string></array>",
		       "attribute \"escaped\" is not supported");
}

static void test_refusal_names_line_and_element(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	char *got;
	assert_int_equal(run("<map " NS ">\n<array key='a'/><array key='b'>\n<number>1</number>"
			     "<number>x</number></array></map>", &got, &d), JSONOUT_ERR_SHAPE);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].msg, "json /map/array[2]/number[2]: \"x\" is not a JSON number");
	free(got);
	diag_release(&d);
}

static void test_too_deep(void **state)
{
	(void)state;
	char *xml = xstrdup("<array " NS ">");
	for (int i = 0; i < 130; i++) {
		char *longer = xasprintf("%s<array>", xml);
		free(xml);
		xml = longer;
	}
	for (int i = 0; i < 131; i++) {
		char *longer = xasprintf("%s</array>", xml);
		free(xml);
		xml = longer;
	}
	expect_refused(xml, "nest deeper than 128");
	free(xml);
}

static void test_no_document(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(jsonout_write(NULL, "t.xsl", 1, &d), JSONOUT_ERR_SHAPE);
	assert_non_null(strstr(d.items[0].msg, "made no document"));
	diag_release(&d);
}

static void test_write_error(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	const char *xml = "<array " NS "><string>x</string></array>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "result", NULL, 0);
	struct diag_list d;
	diag_init(&d, NULL);
	errno = 0;
	assert_int_equal(jsonout_write(doc, "t.xsl", p[1], &d), JSONOUT_ERR_WRITE);
	assert_int_equal(errno, EPIPE);
	assert_int_equal(d.errors, 0);       /* the caller names the output file */
	diag_release(&d);
	xmlFreeDoc(doc);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_keys_keep_their_order),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_empty_containers),
		cmocka_unit_test(test_comments_and_space_ignored),
		cmocka_unit_test(test_refused_shapes),
		cmocka_unit_test(test_refusal_names_line_and_element),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_no_document),
		cmocka_unit_test(test_write_error),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
