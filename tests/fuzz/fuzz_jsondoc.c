/*
 * fuzz_jsondoc.c - libFuzzer harness for the JSON loader (jsondoc.h).
 *
 * Parses the input with jsondoc_parse and, when it loads, walks every value
 * of the tree: jsondoc_pos must know each one, and the position must point
 * into the text at a character that starts a value of that type ('{' for an
 * object, '"' for a string, ...), so that error messages name the right
 * place.  The field getters run over every object as the readers would call
 * them.  Build and run with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/base/jsondoc.h"

#include <cjson/cJSON.h>

/* Offset in doc->text of (line, col), columns counted in characters; or SIZE_MAX. */
static size_t offset_of(const struct jsondoc *doc, struct srcpos p)
{
	if (p.line < 1 || (size_t)p.line > doc->nlines || p.col < 1)
		return SIZE_MAX;
	size_t off = doc->line_starts[p.line - 1];
	for (int c = 1; c < p.col; c++) {
		if (off >= doc->len)
			return SIZE_MAX;
		off++;
		while (off < doc->len && ((unsigned char)doc->text[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

static void check_start(const cJSON *node, char c)
{
	if (cJSON_IsObject(node))
		FUZZ_CHECK(c == '{');
	else if (cJSON_IsArray(node))
		FUZZ_CHECK(c == '[');
	else if (cJSON_IsString(node))
		FUZZ_CHECK(c == '"');
	else if (cJSON_IsNumber(node))
		FUZZ_CHECK(c == '-' || (c >= '0' && c <= '9'));
	else if (cJSON_IsTrue(node))
		FUZZ_CHECK(c == 't');
	else if (cJSON_IsFalse(node))
		FUZZ_CHECK(c == 'f');
	else if (cJSON_IsNull(node))
		FUZZ_CHECK(c == 'n');
}

static void walk(const struct jsondoc *doc, const cJSON *node, struct diag_list *d)
{
	static const char *const known[] = { "id", "name", "type", NULL };
	for (; node; node = node->next) {
		struct srcpos p = jsondoc_pos(doc, node);
		FUZZ_CHECK(p.line > 0 && p.col > 0);
		size_t off = offset_of(doc, p);
		FUZZ_CHECK(off < doc->len);
		check_start(node, doc->text[off]);
		if (cJSON_IsObject(node)) {
			/* The getters, on the first key and on a key that is not there. */
			const char *key = node->child ? node->child->string : "id";
			long n;
			size_t count;
			jsondoc_string(doc, node, key, 1, d);
			jsondoc_array(doc, node, key, 0, d);
			jsondoc_object(doc, node, "missing", 1, d);
			jsondoc_int(doc, node, key, -5, 5, &n, d);
			strv_free(jsondoc_strv(doc, node, key, &count, d));
			jsondoc_warn_unknown_keys(doc, node, known, d);
		}
		walk(doc, node->child, d);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	int rc = jsondoc_parse(&doc, "fuzz.json", (const char *)data, size, &d);
	if (rc == 0) {
		FUZZ_CHECK(doc.root != NULL);
		walk(&doc, doc.root, &d);
	} else {
		/* A failure is always explained. */
		FUZZ_CHECK(d.errors > 0);
		FUZZ_CHECK(doc.root == NULL);
	}
	jsondoc_release(&doc);
	diag_release(&d);
	return 0;
}
