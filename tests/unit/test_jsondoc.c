/*
 * test_jsondoc.c - JSON input documents with source positions (jsondoc.h).
 *
 * Covers: jsondoc_pos of the root and of nested values (1-based line and
 * column, columns counted in characters, also after multi-byte UTF-8 and
 * escaped quotes, and after a byte-order mark); what loading rejects, with
 * the position of the problem: malformed JSON, truncated files, trailing
 * garbage, invalid UTF-8, "\u0000", XML-forbidden characters (replaced), duplicate keys,
 * empty files, out-of-range numbers; the field getters (wrong type at the
 * field's position, missing required fields, empty strings, integer ranges,
 * string lists, unknown keys); jsondoc_load on real and missing files; the
 * root's position found without the scan of every value; parsing a record again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srmap/base/diag.h"
#include "srmap/base/jsondoc.h"

/* ---- helpers ------------------------------------------------------------------ */

/* A parsed document and the diagnostics of parsing and of the getters. */
struct parsed {
	struct jsondoc doc;
	struct diag_list d;
	int rc;
};

static void parse_text(struct parsed *p, const char *text)
{
	diag_init(&p->d, NULL);
	p->rc = jsondoc_parse(&p->doc, "t.json", text, strlen(text), &p->d);
}

static void parsed_free(struct parsed *p)
{
	jsondoc_release(&p->doc);
	diag_release(&p->d);
}

/* Parses text, which must be valid. */
static void parse_ok(struct parsed *p, const char *text)
{
	parse_text(p, text);
	if (p->rc != 0)
		fail_msg("expected valid JSON, got: %s", p->d.n ? p->d.items[0].msg : "(no message)");
	assert_int_equal(p->d.n, 0);
	assert_non_null(p->doc.root);
}

/* Parses text, which must be rejected with exactly one error at line:col containing needle. */
static void parse_rejected(const char *text, int line, int col, const char *needle)
{
	struct parsed p;
	parse_text(&p, text);
	assert_int_equal(p.rc, -1);
	assert_null(p.doc.root);
	assert_int_equal(p.d.errors, 1);
	const struct diag *g = &p.d.items[0];
	assert_int_equal(g->level, DIAG_ERROR);
	assert_string_equal(g->file, "t.json");
	if (g->line != line || g->col != col)
		fail_msg("error \"%s\" at %d:%d, expected %d:%d", g->msg, g->line, g->col, line, col);
	if (needle && !strstr(g->msg, needle))
		fail_msg("error \"%s\" does not mention \"%s\"", g->msg, needle);
	parsed_free(&p);
}

/* Follows a path of object keys, or "#N" for array item N, from the root. */
static const cJSON *at(const struct jsondoc *doc, const char *const *path, size_t n)
{
	const cJSON *v = doc->root;
	for (size_t i = 0; i < n && v; i++)
		v = path[i][0] == '#' ? cJSON_GetArrayItem(v, (int)strtol(path[i] + 1, NULL, 10))
				      : cJSON_GetObjectItemCaseSensitive(v, path[i]);
	assert_non_null(v);
	return v;
}

#define AT(doc, ...)                                                                     \
	at((doc), (const char *const[]){ __VA_ARGS__ },                                   \
	   sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

static void assert_pos(const struct jsondoc *doc, const cJSON *v, int line, int col)
{
	struct srcpos p = jsondoc_pos(doc, v);
	if (p.line != line || p.col != col)
		fail_msg("value at %d:%d, expected %d:%d", p.line, p.col, line, col);
	assert_string_equal(p.file, "t.json");
}

/* ---- positions -------------------------------------------------------------------- */

static void test_pos_nested_values(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p,
		 "{\n"
		 "  \"a\": 1,\n"
		 "  \"list\": [true, {\"x\": \"y\"}],\n"
		 "  \"obj\": {\n"
		 "    \"deep\": [null, [42]]\n"
		 "  }\n"
		 "}\n");
	assert_pos(&p.doc, p.doc.root, 1, 1);
	assert_pos(&p.doc, AT(&p.doc, "a"), 2, 8);
	assert_pos(&p.doc, AT(&p.doc, "list"), 3, 11);
	assert_pos(&p.doc, AT(&p.doc, "list", "#0"), 3, 12);
	assert_pos(&p.doc, AT(&p.doc, "list", "#1"), 3, 18);
	assert_pos(&p.doc, AT(&p.doc, "list", "#1", "x"), 3, 24);
	assert_pos(&p.doc, AT(&p.doc, "obj"), 4, 10);
	assert_pos(&p.doc, AT(&p.doc, "obj", "deep"), 5, 13);
	assert_pos(&p.doc, AT(&p.doc, "obj", "deep", "#0"), 5, 14);
	assert_pos(&p.doc, AT(&p.doc, "obj", "deep", "#1"), 5, 20);
	assert_pos(&p.doc, AT(&p.doc, "obj", "deep", "#1", "#0"), 5, 21);
	parsed_free(&p);
}

static void test_pos_counts_characters_not_bytes(void **state)
{
	(void)state;
	struct parsed p;
	/* "ключ" is 4 characters (8 bytes), "значение" 8 (16 bytes), the emoji 1 (4 bytes). */
	parse_ok(&p,
		 "{\"ключ\": \"значение\", \"n\": 1, \"emoji\": \"\xF0\x9F\x98\x80\", \"m\": 2,\n"
		 " \"é\": [\"ü\", 3]}");
	assert_pos(&p.doc, AT(&p.doc, "ключ"), 1, 10);
	assert_pos(&p.doc, AT(&p.doc, "n"), 1, 27);
	assert_pos(&p.doc, AT(&p.doc, "emoji"), 1, 39);
	assert_pos(&p.doc, AT(&p.doc, "m"), 1, 49);
	/* The next line starts counting again at 1. */
	assert_pos(&p.doc, AT(&p.doc, "é"), 2, 7);
	assert_pos(&p.doc, AT(&p.doc, "é", "#1"), 2, 13);
	parsed_free(&p);
}

static void test_pos_after_escaped_quotes(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, "{\"a\\\"b\": \"c\\\"d\", \"e\": 5, \"f\": \"\\\\\", \"g\": 6}");
	assert_pos(&p.doc, AT(&p.doc, "a\"b"), 1, 10);
	assert_string_equal(AT(&p.doc, "a\"b")->valuestring, "c\"d");
	assert_pos(&p.doc, AT(&p.doc, "e"), 1, 23);
	assert_pos(&p.doc, AT(&p.doc, "g"), 1, 42);
	parsed_free(&p);
}

static void test_pos_crlf_lines(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, "{\r\n  \"a\": 1,\r\n  \"b\": [2]\r\n}\r\n");
	assert_pos(&p.doc, AT(&p.doc, "a"), 2, 8);
	assert_pos(&p.doc, AT(&p.doc, "b", "#0"), 3, 9);
	parsed_free(&p);
}

static void test_bom_accepted_and_not_counted(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, "\xEF\xBB\xBF{\"a\": 1}");
	assert_pos(&p.doc, p.doc.root, 1, 1);
	assert_pos(&p.doc, AT(&p.doc, "a"), 1, 7);
	assert_int_equal(AT(&p.doc, "a")->valueint, 1);
	parsed_free(&p);
}

/* Found by fuzzing: cJSON skips a second mark too, and positions must still match values. */
static void test_two_boms_positions(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, "\xEF\xBB\xBF\xEF\xBB\xBF{\"a\": [1, \"x\"]}");
	assert_pos(&p.doc, p.doc.root, 1, 2);
	assert_pos(&p.doc, AT(&p.doc, "a"), 1, 8);
	assert_pos(&p.doc, AT(&p.doc, "a", "#0"), 1, 9);
	assert_pos(&p.doc, AT(&p.doc, "a", "#1"), 1, 12);
	parsed_free(&p);
}

/* Minified JSON: every value on one long line (positions were quadratic in the line's length). */
static void test_pos_on_one_long_line(void **state)
{
	(void)state;
	enum { N = 20000 };
	size_t cap = 16 + (size_t)N * 8, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "[");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s\"\xC3\xA9%d\"", i ? "," : "", i % 10);
	snprintf(text + len, cap - len, "]");
	struct parsed p;
	parse_ok(&p, text);
	/* Item i starts at character 2 + 5 * i: '[' then '"é0",' per item. */
	assert_pos(&p.doc, cJSON_GetArrayItem(p.doc.root, 0), 1, 2);
	assert_pos(&p.doc, cJSON_GetArrayItem(p.doc.root, 7), 1, 37);
	assert_pos(&p.doc, cJSON_GetArrayItem(p.doc.root, N - 1), 1, 2 + 5 * (N - 1));
	parsed_free(&p);
	free(text);
}

/* ---- what loading rejects ------------------------------------------------------------ */

static void test_malformed_reports_position(void **state)
{
	(void)state;
	/* The second comma: line 2, column 11. */
	parse_rejected("{\n  \"a\": [1,,2]\n}\n", 2, 11, "malformed JSON");
	/* A bad literal: reported where it starts. */
	parse_rejected("{\n  \"a\": tru\n}\n", 2, 8, "malformed JSON");
	/* A missing colon. */
	parse_rejected("{\"a\" 1}", 1, 6, "malformed JSON");
}

static void test_truncated_mentions_end_of_file(void **state)
{
	(void)state;
	parse_rejected("{\"a\": [1, 2", 1, 12, "end of file");
	parse_rejected("{\n  \"a\": {\n    \"b\": 1,\n", 4, 1, "end of file");
	parse_rejected("[", 1, 2, "end of file");
}

/*
 * Exposes a bug in src/jsondoc.c describe_parse_error(): a file cut off
 * inside a string is reported as "malformed JSON: unexpected 'a'" at the
 * first character of the string (1:8 here), not as an unexpected end of
 * file, because cJSON's error offset for an unterminated string points at
 * the string's start rather than at the end of the text.
 */
static void test_truncated_inside_string_mentions_end_of_file(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, "{\"a\": \"abc");
	int rc = p.rc;
	size_t errors = p.d.errors;
	char msg[256] = "";
	if (p.d.n)
		snprintf(msg, sizeof msg, "%s at %d:%d", p.d.items[0].msg, p.d.items[0].line,
			 p.d.items[0].col);
	parsed_free(&p);
	assert_int_equal(rc, -1);
	assert_int_equal(errors, 1);
	if (!strstr(msg, "end of file"))
		fail_msg("truncated string reported as \"%s\"", msg);
}

static void test_trailing_garbage_rejected(void **state)
{
	(void)state;
	parse_rejected("{\"a\": 1} x", 1, 10, "'x'");
	parse_rejected("[1] [2]", 1, 5, "malformed JSON");
	parse_rejected("{\"a\": 1}\n\n  }", 3, 3, "malformed JSON");
	/* Trailing white space is fine. */
	struct parsed p;
	parse_ok(&p, "{\"a\": 1}\n \t\n");
	parsed_free(&p);
}

static void test_invalid_utf8_rejected_with_position(void **state)
{
	(void)state;
	parse_rejected("{\n  \"a\": \"\xC3\x28\"\n}", 2, 9, "UTF-8");
	/* After a multi-byte character, the column still counts characters. */
	parse_rejected("{\"é\": \"\xFF\"}", 1, 8, "UTF-8");
	/* Overlong encoding of '/', and an encoded surrogate. */
	parse_rejected("{\"a\": \"\xC0\xAF\"}", 1, 8, "UTF-8");
	parse_rejected("{\"a\": \"\xED\xA0\x80\"}", 1, 8, "UTF-8");
	/* A raw NUL byte in the text. */
	struct parsed p;
	diag_init(&p.d, NULL);
	p.rc = jsondoc_parse(&p.doc, "t.json", "{\"a\": \"x\0y\"}", 12, &p.d);
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.d.errors, 1);
	assert_int_equal(p.d.items[0].line, 1);
	assert_int_equal(p.d.items[0].col, 9);
	parsed_free(&p);
}

static void test_nul_escape_rejected(void **state)
{
	(void)state;
	/* Reported at the backslash of the escape: line 2, column 10. */
	parse_rejected("{\n  \"a\": \"x\\u0000y\"\n}", 2, 10, "\\u0000");
	/* An escaped backslash followed by "u0000" is ordinary text. */
	struct parsed p;
	parse_ok(&p, "{\"a\": \"\\\\u0000\"}");
	assert_string_equal(AT(&p.doc, "a")->valuestring, "\\u0000");
	parsed_free(&p);
}

/* Parses text, which must load with exactly one warning at line:col containing needle. */
static void parse_replaced(struct parsed *p, const char *text, int line, int col,
			   const char *needle)
{
	parse_text(p, text);
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->d.errors, 0);
	assert_int_equal(p->d.warnings, 1);
	const struct diag *g = &p->d.items[0];
	if (g->line != line || g->col != col)
		fail_msg("warning \"%s\" at %d:%d, expected %d:%d", g->msg, g->line, g->col, line, col);
	if (!strstr(g->msg, needle) || !strstr(g->msg, "replaced by U+FFFD"))
		fail_msg("warning \"%s\" does not mention \"%s\"", g->msg, needle);
	assert_int_equal(p->doc.fixes.n, 1);
	assert_int_equal(p->doc.fixes.items[0].line, line);
	assert_int_equal(p->doc.fixes.items[0].col, col);
}

static void test_xml_forbidden_characters_replaced(void **state)
{
	(void)state;
	struct parsed p;
	parse_replaced(&p, "{\"a\": \"x\\u0001y\"}", 1, 7, "U+0001");
	assert_string_equal(AT(&p.doc, "a")->valuestring, "x\xEF\xBF\xBDy");
	/* The SHA-256 of the original text, "x\x01y". */
	assert_string_equal(p.doc.fixes.items[0].sha256,
			    "0bcb227ff3449763147600b940f7e28db71a725fa89adda70a343c2283afd59b");
	assert_int_equal(p.doc.fixes.items[0].chars, 1);
	parsed_free(&p);
	parse_replaced(&p, "{\"a\": [\"ok\", \"\\u001F\\u0007\"]}", 1, 14, "2 characters");
	assert_string_equal(AT(&p.doc, "a", "#1")->valuestring, "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_int_equal(p.doc.fixes.items[0].chars, 2);
	parsed_free(&p);
	/* U+FFFE and U+FFFF, raw or escaped, are not XML characters either. */
	parse_replaced(&p, "{\"a\": \"\\uFFFE\"}", 1, 7, "U+FFFE");
	assert_string_equal(AT(&p.doc, "a")->valuestring, "\xEF\xBF\xBD");
	parsed_free(&p);
	parse_replaced(&p, "{\"a\": \"\xEF\xBF\xBF!\"}", 1, 7, "U+FFFF");
	assert_string_equal(AT(&p.doc, "a")->valuestring, "\xEF\xBF\xBD!");
	parsed_free(&p);
	/* A raw control byte inside a string, too. */
	parse_replaced(&p, "{\"a\": \"\x02\"}", 1, 7, "U+0002");
	parsed_free(&p);
	/* In a key, too: looked up by its new spelling. */
	parse_replaced(&p, "{\"a\\u0002\": 1}", 1, 13, "key holds U+0002");
	assert_non_null(cJSON_GetObjectItemCaseSensitive(p.doc.root, "a\xEF\xBF\xBD"));
	parsed_free(&p);
	/* Two keys that differ only in such characters are not duplicates. */
	parse_text(&p, "{\"a\\u0001\": 1, \"a\\u0002\": 2}");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.d.errors, 0);
	assert_int_equal(p.doc.fixes.n, 2);
	parsed_free(&p);
	/* Tab, newline and carriage return are allowed. */
	parse_ok(&p, "{\"a\": \"x\\ty\\nz\\r\"}");
	assert_string_equal(AT(&p.doc, "a")->valuestring, "x\ty\nz\r");
	assert_int_equal(p.doc.fixes.n, 0);
	parsed_free(&p);
	/* Lone surrogates stay invalid JSON text. */
	parse_rejected("{\"a\": \"\xED\xA0\x80\"}", 1, 8, "invalid UTF-8");
}

static void test_replacements_warned_once_each_then_counted(void **state)
{
	(void)state;
	struct parsed p;
	char text[2048];
	size_t o = 0;
	o += (size_t)snprintf(text + o, sizeof text - o, "[");
	for (int i = 0; i < TEXT_FIX_WARNINGS + 5; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "%s\"\\u0007%d\\u0007\"", i ? "," : "", i);
	snprintf(text + o, sizeof text - o, "]");
	parse_text(&p, text);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.doc.fixes.n, TEXT_FIX_WARNINGS + 5);
	/* One warning per string up to the limit, then one that counts the rest. */
	assert_int_equal(p.d.warnings, TEXT_FIX_WARNINGS + 1);
	const struct diag *last = &p.d.items[p.d.n - 1];
	assert_int_equal(last->line, 0);
	assert_non_null(strstr(last->msg, "5 more strings"));
	parsed_free(&p);
}

static void test_duplicate_keys_rejected(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, "{\n  \"a\": 1,\n  \"a\": 2\n}");
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.d.errors, 1);
	assert_int_equal(p.d.items[0].line, 3);   /* the second occurrence */
	assert_non_null(strstr(p.d.items[0].msg, "duplicate"));
	assert_non_null(strstr(p.d.items[0].msg, "\"a\""));
	parsed_free(&p);
	/* Nested objects are checked too. */
	parse_text(&p, "{\"o\": {\"k\": 1, \"x\": 2, \"k\": 3}}");
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.d.items[0].msg, "\"k\""));
	parsed_free(&p);
	/* The same key in two different objects is fine; keys are case-sensitive. */
	parse_ok(&p, "[{\"a\": 1}, {\"a\": 2, \"A\": 3}]");
	parsed_free(&p);
	/* A key three times: each repeat is reported, in a small object and a large one
	   (keys are compared pairwise up to 12, hashed above). */
	for (int n = 10; n <= 14; n++) {
		char text[512];
		size_t len = (size_t)snprintf(text, sizeof text, "{\"d\": 0, \"d\": 1");
		for (int i = 2; i < n - 1; i++)
			len += (size_t)snprintf(text + len, sizeof text - len, ", \"k%d\": %d", i, i);
		snprintf(text + len, sizeof text - len, ", \"d\": 2}");
		parse_text(&p, text);
		assert_int_equal(p.rc, -1);
		assert_int_equal(p.d.errors, 2);
		assert_int_equal(p.d.items[0].col, 15);   /* at the value of the repeat */
		assert_string_equal(p.d.items[1].msg, "duplicate key \"d\"");
		parsed_free(&p);
	}
}

/* An object with many keys (the duplicate check compared every pair of keys). */
static void test_duplicate_key_among_many(void **state)
{
	(void)state;
	enum { N = 20000 };
	size_t cap = 32 + (size_t)N * 16, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "{");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len, "\"k%d\":%d,", i, i % 10);
	snprintf(text + len, cap - len, "\"k7\":1,\"k7\":2}");
	struct parsed p;
	parse_text(&p, text);
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.d.errors, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(p.d.items[i].msg, "duplicate key \"k7\"");
		assert_int_equal(p.d.items[i].line, 1);
	}
	assert_int_equal(p.d.items[1].col - p.d.items[0].col, 7);
	parsed_free(&p);
	free(text);
}

static void test_empty_file_rejected(void **state)
{
	(void)state;
	parse_rejected("", 1, 1, "empty");
	parse_rejected(" \n\t\r\n", 1, 1, "empty");
	parse_rejected("\xEF\xBB\xBF", 1, 1, "empty");
}

static void test_number_out_of_range_rejected(void **state)
{
	(void)state;
	parse_rejected("{\"a\": 1.5e400}", 1, 7, "number");
	parse_rejected("[0, -1e999]", 1, 5, "number");
}

/* ---- field getters ------------------------------------------------------------------- */

static const char fields[] =
	"{\n"
	"  \"name\": 42,\n"
	"  \"list\": \"x\",\n"
	"  \"empty\": \"\",\n"
	"  \"n\": 7,\n"
	"  \"big\": 1000000,\n"
	"  \"frac\": 1.5,\n"
	"  \"ok\": \"fine\",\n"
	"  \"arr\": [\"p\", 5, \"q\"],\n"
	"  \"obj\": {}\n"
	"}\n";

static void test_getter_wrong_type_at_field_position(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, fields);
	assert_null(jsondoc_string(&p.doc, p.doc.root, "name", 1, &p.d));
	assert_int_equal(p.d.errors, 1);
	assert_int_equal(p.d.items[0].line, 2);
	assert_int_equal(p.d.items[0].col, 11);
	assert_non_null(strstr(p.d.items[0].msg, "\"name\""));
	assert_non_null(strstr(p.d.items[0].msg, "a string"));
	assert_non_null(strstr(p.d.items[0].msg, "a number"));
	/* An optional field of the wrong type is reported too. */
	assert_null(jsondoc_array(&p.doc, p.doc.root, "list", 0, &p.d));
	assert_int_equal(p.d.errors, 2);
	assert_int_equal(p.d.items[1].line, 3);
	assert_int_equal(p.d.items[1].col, 11);
	assert_null(jsondoc_object(&p.doc, p.doc.root, "arr", 0, &p.d));
	assert_int_equal(p.d.errors, 3);
	assert_int_equal(p.d.items[2].line, 9);
	/* The right types are returned without a diagnostic. */
	assert_string_equal(jsondoc_string(&p.doc, p.doc.root, "ok", 1, &p.d), "fine");
	assert_non_null(jsondoc_array(&p.doc, p.doc.root, "arr", 1, &p.d));
	assert_non_null(jsondoc_object(&p.doc, p.doc.root, "obj", 1, &p.d));
	assert_int_equal(p.d.n, 3);
	parsed_free(&p);
}

static void test_getter_missing_required_field(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, fields);
	assert_null(jsondoc_string(&p.doc, p.doc.root, "absent", 1, &p.d));
	assert_int_equal(p.d.errors, 1);
	assert_non_null(strstr(p.d.items[0].msg, "missing"));
	assert_non_null(strstr(p.d.items[0].msg, "\"absent\""));
	/* Reported at the object that lacks it. */
	assert_int_equal(p.d.items[0].line, 1);
	assert_int_equal(p.d.items[0].col, 1);
	/* An optional missing field is silent. */
	assert_null(jsondoc_string(&p.doc, p.doc.root, "absent", 0, &p.d));
	assert_null(jsondoc_array(&p.doc, p.doc.root, "absent", 0, &p.d));
	assert_int_equal(p.d.n, 1);
	parsed_free(&p);
}

static void test_getter_empty_required_string(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, fields);
	assert_string_equal(jsondoc_string(&p.doc, p.doc.root, "empty", 0, &p.d), "");
	assert_int_equal(p.d.n, 0);
	assert_null(jsondoc_string(&p.doc, p.doc.root, "empty", 1, &p.d));
	assert_int_equal(p.d.errors, 1);
	assert_int_equal(p.d.items[0].line, 4);
	assert_non_null(strstr(p.d.items[0].msg, "empty"));
	parsed_free(&p);
}

static void test_getter_int_range(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, fields);
	long v = -1;
	assert_int_equal(jsondoc_int(&p.doc, p.doc.root, "n", 1, 10, &v, &p.d), 1);
	assert_int_equal(v, 7);
	assert_int_equal(p.d.n, 0);
	v = -1;
	assert_int_equal(jsondoc_int(&p.doc, p.doc.root, "big", 1, 36500, &v, &p.d), 0);
	assert_int_equal(v, -1);
	assert_int_equal(p.d.errors, 1);
	assert_int_equal(p.d.items[0].line, 6);
	assert_int_equal(jsondoc_int(&p.doc, p.doc.root, "frac", 0, 10, &v, &p.d), 0);
	assert_int_equal(p.d.errors, 2);
	assert_int_equal(p.d.items[1].line, 7);
	assert_int_equal(jsondoc_int(&p.doc, p.doc.root, "ok", 0, 10, &v, &p.d), 0);
	assert_int_equal(p.d.errors, 3);
	/* Absent: 0, silently. */
	assert_int_equal(jsondoc_int(&p.doc, p.doc.root, "absent", 0, 10, &v, &p.d), 0);
	assert_int_equal(p.d.n, 3);
	parsed_free(&p);
}

/* Found by fuzzing: numbers beyond long's range were converted to long before the range check. */
static void test_getter_int_huge_values(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, "{\"a\": 1e30, \"b\": -1e30, \"c\": 9.3e18, \"d\": 9223372036854775808}");
	static const char *const keys[] = { "a", "b", "c", "d" };
	for (size_t i = 0; i < 4; i++) {
		long v = -1;
		assert_int_equal(jsondoc_int(&p.doc, p.doc.root, keys[i], 1, 36500, &v, &p.d), 0);
		assert_int_equal(v, -1);
		assert_int_equal(p.d.errors, i + 1);
		assert_non_null(strstr(p.d.items[i].msg, "must be a whole number from 1 to 36500"));
	}
	parsed_free(&p);
}

static void test_getter_strv(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, fields);
	size_t n = 99;
	char **v = jsondoc_strv(&p.doc, p.doc.root, "ok", &n, &p.d);
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "fine");
	assert_null(v[1]);
	strv_free(v);
	v = jsondoc_strv(&p.doc, p.doc.root, "arr", &n, &p.d);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], "p");
	assert_string_equal(v[1], "q");
	assert_null(v[2]);
	assert_int_equal(p.d.errors, 1);   /* the 5 */
	assert_int_equal(p.d.items[0].line, 9);
	assert_int_equal(p.d.items[0].col, 16);
	strv_free(v);
	assert_null(jsondoc_strv(&p.doc, p.doc.root, "absent", &n, &p.d));
	assert_int_equal(n, 0);
	assert_null(jsondoc_strv(&p.doc, p.doc.root, "n", &n, &p.d));
	assert_int_equal(p.d.errors, 2);
	parsed_free(&p);
}

static void test_warn_unknown_keys(void **state)
{
	(void)state;
	struct parsed p;
	parse_ok(&p, "{\n  \"known\": 1,\n  \"typo\": 2\n}");
	static const char *const known[] = { "known", NULL };
	jsondoc_warn_unknown_keys(&p.doc, p.doc.root, known, &p.d);
	assert_int_equal(p.d.errors, 0);
	assert_int_equal(p.d.warnings, 1);
	assert_int_equal(p.d.items[0].level, DIAG_WARNING);
	assert_int_equal(p.d.items[0].line, 3);
	assert_non_null(strstr(p.d.items[0].msg, "\"typo\""));
	parsed_free(&p);
}

/* ---- jsondoc_load ---------------------------------------------------------------------- */

static void test_load_missing_file_names_it(void **state)
{
	(void)state;
	struct jsondoc doc;
	struct diag_list d;
	diag_init(&d, NULL);
	const char *path = "/tmp/srmap-test-no-such-dir/no-such-file.json";
	assert_int_equal(jsondoc_load(&doc, path, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_non_null(d.items[0].file);
	assert_string_equal(d.items[0].file, path);
	assert_non_null(strstr(d.items[0].msg, "cannot open"));
	jsondoc_release(&doc);   /* harmless after a failure */
	diag_release(&d);
}

static void test_load_directory_rejected(void **state)
{
	(void)state;
	struct jsondoc doc;
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(jsondoc_load(&doc, "/tmp", &d), -1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, "/tmp");
	jsondoc_release(&doc);
	diag_release(&d);
}

static void test_load_file_positions_name_the_path(void **state)
{
	(void)state;
	char path[] = "/tmp/srmap-test-jsondoc-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "{\n  \"a\": [1,\n        2]\n}\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct jsondoc doc;
	struct diag_list d;
	diag_init(&d, NULL);
	int rc = jsondoc_load(&doc, path, &d);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_string_equal(doc.path, path);
	const cJSON *two = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc.root, "a"), 1);
	struct srcpos p = jsondoc_pos(&doc, two);
	assert_string_equal(p.file, path);
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 9);
	jsondoc_release(&doc);
	diag_release(&d);
}

static void test_load_malformed_file_names_path_and_position(void **state)
{
	(void)state;
	char path[] = "/tmp/srmap-test-jsondoc-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "{\n  \"a\": 1\n  \"b\": 2\n}\n";   /* missing comma */
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct jsondoc doc;
	struct diag_list d;
	diag_init(&d, NULL);
	int rc = jsondoc_load(&doc, path, &d);
	unlink(path);
	assert_int_equal(rc, -1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, path);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 3);
	jsondoc_release(&doc);
	diag_release(&d);
}

/* A record parsed alone keeps the positions it has in its file (the streaming reader). */
static void test_parse_at_keeps_file_positions(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	assert_int_equal(jsondoc_parse_at(&doc, "t.json", "{\"a\": 1,\n  \"b\": \"\u00e9\"}",
					  strlen("{\"a\": 1,\n  \"b\": \"\u00e9\"}"), 7, 5, &d), 0);
	assert_pos(&doc, doc.root, 7, 5);
	assert_pos(&doc, cJSON_GetObjectItem(doc.root, "a"), 7, 11);
	assert_pos(&doc, cJSON_GetObjectItem(doc.root, "b"), 8, 8);
	struct srcpos p;
	assert_int_equal(jsondoc_find(&doc, doc.root, &p), 1);
	assert_int_equal(jsondoc_find(&doc, NULL, &p), 0);
	jsondoc_release(&doc);
	/* A text with a piece cut out: what follows the cut is where the file has it. */
	const char *text = "[{\"x\": 1}\n]";
	struct jsondoc_seg segs[2] = { { 0, 1, 1 }, { 9, 900, 3 } };
	assert_int_equal(jsondoc_parse_segs(&doc, "t.json", text, strlen(text), segs, 2, &d), 0);
	assert_pos(&doc, doc.root->child, 1, 2);
	jsondoc_release(&doc);
	text = "{\"v\": [1], \"n\": 2}";
	struct jsondoc_seg cut[2] = { { 0, 1, 1 }, { 10, 40, 7 } };
	assert_int_equal(jsondoc_parse_segs(&doc, "t.json", text, strlen(text), cut, 2, &d), 0);
	assert_pos(&doc, cJSON_GetObjectItem(doc.root, "n"), 40, 13);
	jsondoc_release(&doc);
	diag_release(&d);
}

/*
 * The root's position is found without the scan of every value: it must be
 * the one the scan gives, after white space, a second byte-order mark and a cut.
 */
static void test_root_position_without_the_scan(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	const char *text = "\n\t  {\"a\": [1]}";
	assert_int_equal(jsondoc_parse_at(&doc, "t.json", text, strlen(text), 7, 5, &d), 0);
	assert_pos(&doc, doc.root, 8, 4);
	assert_pos(&doc, cJSON_GetObjectItem(doc.root, "a"), 8, 10);
	assert_pos(&doc, doc.root, 8, 4);     /* the same once the scan has been made */
	jsondoc_release(&doc);
	text = "  {}";
	assert_int_equal(jsondoc_parse_at(&doc, "t.json", text, strlen(text), 3, 9, &d), 0);
	assert_pos(&doc, doc.root, 3, 11);
	jsondoc_release(&doc);
	/* ours skipped, cJSON's own skip of a second one */
	text = "\xEF\xBB\xBF\xEF\xBB\xBF {}";
	assert_int_equal(jsondoc_parse(&doc, "t.json", text, strlen(text), &d), 0);
	assert_pos(&doc, doc.root, 1, 3);
	jsondoc_release(&doc);
	text = "[{\"x\": 1}\n]";
	struct jsondoc_seg segs[2] = { { 0, 4, 6 }, { 9, 900, 3 } };
	assert_int_equal(jsondoc_parse_segs(&doc, "t.json", text, strlen(text), segs, 2, &d), 0);
	assert_pos(&doc, doc.root, 4, 6);
	jsondoc_release(&doc);
	assert_int_equal(d.n, 0);
	diag_release(&d);
}

/*
 * A record parsed again (the streaming reader) has the tree and positions of
 * its first parse, and characters XML cannot carry are still replaced; the
 * checks that passed the first time are not made again.
 */
static void test_reparse_at(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	const char *text = "{\"a\": 1,\n  \"b\": \"\u00e9\"}";
	assert_int_equal(jsondoc_reparse_at(&doc, "t.json", text, strlen(text), 7, 5, &d), 0);
	assert_pos(&doc, doc.root, 7, 5);
	assert_pos(&doc, cJSON_GetObjectItem(doc.root, "b"), 8, 8);
	assert_string_equal(cJSON_GetObjectItem(doc.root, "b")->valuestring, "\u00e9");
	jsondoc_release(&doc);
	text = "{\"c\": \"x\x01y\"}";
	assert_int_equal(jsondoc_reparse_at(&doc, "t.json", text, strlen(text), 1, 1, &d), 0);
	assert_string_equal(cJSON_GetObjectItem(doc.root, "c")->valuestring, "x\xEF\xBF\xBDy");
	assert_int_equal(doc.fixes.n, 1);
	jsondoc_release(&doc);
	text = "{\"k\": 1, \"k\": 2}";     /* a duplicate key: the first parse's to report */
	assert_int_equal(jsondoc_reparse_at(&doc, "t.json", text, strlen(text), 1, 1, &d), 0);
	jsondoc_release(&doc);
	text = "{\"k\": \"\xff\"}";         /* but never invalid UTF-8 into the tree */
	assert_int_equal(jsondoc_reparse_at(&doc, "t.json", text, strlen(text), 1, 1, &d), -1);
	jsondoc_release(&doc);
	diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_at_keeps_file_positions),
		cmocka_unit_test(test_root_position_without_the_scan),
		cmocka_unit_test(test_reparse_at),
		cmocka_unit_test(test_pos_nested_values),
		cmocka_unit_test(test_pos_counts_characters_not_bytes),
		cmocka_unit_test(test_pos_after_escaped_quotes),
		cmocka_unit_test(test_pos_crlf_lines),
		cmocka_unit_test(test_bom_accepted_and_not_counted),
		cmocka_unit_test(test_two_boms_positions),
		cmocka_unit_test(test_pos_on_one_long_line),
		cmocka_unit_test(test_malformed_reports_position),
		cmocka_unit_test(test_truncated_mentions_end_of_file),
		cmocka_unit_test(test_truncated_inside_string_mentions_end_of_file),
		cmocka_unit_test(test_trailing_garbage_rejected),
		cmocka_unit_test(test_invalid_utf8_rejected_with_position),
		cmocka_unit_test(test_nul_escape_rejected),
		cmocka_unit_test(test_xml_forbidden_characters_replaced),
		cmocka_unit_test(test_replacements_warned_once_each_then_counted),
		cmocka_unit_test(test_duplicate_keys_rejected),
		cmocka_unit_test(test_duplicate_key_among_many),
		cmocka_unit_test(test_empty_file_rejected),
		cmocka_unit_test(test_number_out_of_range_rejected),
		cmocka_unit_test(test_getter_wrong_type_at_field_position),
		cmocka_unit_test(test_getter_missing_required_field),
		cmocka_unit_test(test_getter_empty_required_string),
		cmocka_unit_test(test_getter_int_range),
		cmocka_unit_test(test_getter_int_huge_values),
		cmocka_unit_test(test_getter_strv),
		cmocka_unit_test(test_warn_unknown_keys),
		cmocka_unit_test(test_load_missing_file_names_it),
		cmocka_unit_test(test_load_directory_rejected),
		cmocka_unit_test(test_load_file_positions_name_the_path),
		cmocka_unit_test(test_load_malformed_file_names_path_and_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
