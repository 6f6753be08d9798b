/*
 * jsondoc.c - loads JSON input files with cJSON, checks them, and finds where
 * every value was, for error messages that name a line and column (the field
 * getters are in jsondoc_field.c).
 */
#include "srmap/base/jsondoc.h"
#include "srmap/base/libmem.h"
#include "srmap/base/alloc.h"
#include "srmap/base/limits.h"
#include "srmap/base/readfile.h"
#include "srmap/base/strmap.h"
#include "srmap/base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct jsondoc_node {
	const cJSON *node;
	int line, col;
};

/*
 * Where things are in the text: made when a position is first asked for,
 * since most documents (a record of a large export above all) never need one.
 */
struct jsondoc_index {
	size_t *line_starts;         /* offset of each line's first byte */
	size_t nlines;               /* 0: not worked out yet */
	struct jsondoc_node *nodes;  /* (node, position) sorted by node address */
	size_t nnodes;
	int nodes_done;
};

struct scan {
	const char *text;
	size_t len;
	size_t *offsets;
	size_t n, cap;
};

static size_t skip_ws(const struct scan *s, size_t i)
{
	/* cJSON treats every byte up to 0x20 as white space; so must we. */
	while (i < s->len && (unsigned char)s->text[i] <= 32)
		i++;
	return i;
}

static size_t scan_string(struct scan *s, size_t i)
{
	for (i++; i < s->len && s->text[i] != '"'; i++) {
		if (s->text[i] == '\\')
			i++;
	}
	return i + 1;
}

/*
 * Returns the offset of the first "\u0000" escape of text that parsed as
 * JSON, or SIZE_MAX.  Outside strings valid JSON has no backslash, so a match
 * is an escape exactly when an even number of backslashes come before it.
 */
static size_t find_nul_escape(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		/* a run of backslashes: pairs are escaped backslashes, an odd one escapes */
		const char *run = p;
		while (p < end && *p == '\\')
			p++;
		if ((p - run) % 2 && end - p >= 5 && memcmp(p, "u0000", 5) == 0)
			return (size_t)(p - 1 - text);
	}
	return SIZE_MAX;
}

/* Records the offset of each value in text order, which is cJSON's pre-order. */
static size_t scan_value(struct scan *s, size_t i)
{
	i = skip_ws(s, i);
	if (i >= s->len)
		return i;
	GROW(s->offsets, s->cap, s->n + 1);
	s->offsets[s->n++] = i;
	char c = s->text[i];
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		i = skip_ws(s, i + 1);
		if (i < s->len && s->text[i] == close)
			return i + 1;
		while (i < s->len) {
			if (c == '{') {
				i = scan_string(s, skip_ws(s, i));
				i = skip_ws(s, i) + 1; /* the colon */
			}
			i = skip_ws(s, scan_value(s, i));
			if (i < s->len && s->text[i] == ',') {
				i++;
				continue;
			}
			return i + 1;
		}
		return i;
	}
	if (c == '"')
		return scan_string(s, i);
	while (i < s->len && !strchr(",]}", s->text[i]) && (unsigned char)s->text[i] > 32)
		i++;
	return i;
}

static void collect_nodes(const cJSON *node, struct jsondoc_node *out, size_t *k, size_t max)
{
	for (; node; node = node->next) {
		if (*k < max)
			out[*k].node = node;
		(*k)++;
		collect_nodes(node->child, out, k, max);
	}
}

static int by_node(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct jsondoc_node *)a)->node;
	uintptr_t y = (uintptr_t)((const struct jsondoc_node *)b)->node;
	return x < y ? -1 : x > y;
}

/* The index of doc with its line starts worked out. */
static struct jsondoc_index *lines(const struct jsondoc *doc)
{
	struct jsondoc_index *x = doc->index;
	if (x->nlines)
		return x;
	size_t cap = 0;
	GROW(x->line_starts, cap, 1);
	x->line_starts[x->nlines++] = 0;
	for (const char *p = doc->text, *end = doc->text + doc->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		GROW(x->line_starts, cap, x->nlines + 1);
		x->line_starts[x->nlines++] = (size_t)(p - doc->text) + 1;
	}
	return x;
}

static struct srcpos pos_of_offset(const struct jsondoc *doc, size_t off)
{
	const struct jsondoc_index *x = lines(doc);
	size_t lo = 0, hi = x->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (x->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	size_t start = x->line_starts[lo];
	return (struct srcpos){ doc->path, (int)lo + 1,
				(int)utf8_count(doc->text + start, off - start) + 1 };
}

static const struct jsondoc_index *positions(const struct jsondoc *doc);

struct srcpos jsondoc_pos(const struct jsondoc *doc, const cJSON *node)
{
	struct srcpos pos = { doc->path, 0, 0 };
	jsondoc_find(doc, node, &pos);
	return pos;
}

/*
 * Gives the n nodes their positions from offsets, which ascend (text order):
 * one pass over the text, so that a long line (minified JSON) costs linear
 * time rather than a count from the line's start for every value.
 */
static void set_positions(const struct jsondoc *doc, struct jsondoc_index *x,
			  const size_t *offsets, size_t n)
{
	size_t at = 0, line = 0, chars = 0;   /* chars: characters from the line's start to at */
	for (size_t i = 0; i < n; i++) {
		size_t off = offsets[i];
		while (line + 1 < x->nlines && x->line_starts[line + 1] <= off) {
			line++;
			at = x->line_starts[line];
			chars = 0;
		}
		chars += utf8_count(doc->text + at, off - at);
		at = off;
		x->nodes[i].line = (int)line + 1;
		x->nodes[i].col = (int)chars + 1;
	}
}

/*
 * Moves the positions of the n nodes (at offsets, ascending) from the parsed
 * text to the file it was cut from: the text is pieces of the file, segs[k]
 * saying where the piece starting at segs[k].off was.  On the line a piece
 * starts, columns count on from the piece's column; below it, lines shift.
 */
static void map_positions(const struct jsondoc *doc, struct jsondoc_index *x,
			  const size_t *offsets, size_t n)
{
	const struct jsondoc_seg *segs = doc->segs;
	size_t nsegs = doc->nsegs;
	size_t k = 0;
	struct srcpos start = pos_of_offset(doc, segs[0].off);
	for (size_t i = 0; i < n; i++) {
		while (k + 1 < nsegs && segs[k + 1].off <= offsets[i]) {
			k++;
			start = pos_of_offset(doc, segs[k].off);
		}
		struct jsondoc_node *nd = &x->nodes[i];
		if (nd->line == start.line)
			nd->col = segs[k].col + (nd->col - start.col);
		nd->line = segs[k].line + (nd->line - start.line);
	}
}

/*
 * Replaces the characters XML cannot carry in the value (or, with key, the
 * key) of node by U+FFFD, records the string with its original's SHA-256
 * and warns about it (the first few of a file one by one).  Returns -1 only
 * when memory runs out.
 */
static int fix_text(struct jsondoc *doc, cJSON *node, int key, struct diag_list *d)
{
	char **slot = key ? &node->string : &node->valuestring;
	size_t n;
	unsigned long first;
	char *fixed = utf8_xml_replace(*slot, &n, &first);
	if (!fixed)
		return 0;
	struct srcpos pos = jsondoc_pos(doc, node);
	if (text_fixes_add(&doc->fixes, pos.line, pos.col, key, *slot, n)) {
		if (n == 1)
			diag_warn_at(d, pos, "%s holds U+%04lX, which XML cannot carry: replaced by "
				     "U+FFFD", key ? "key" : "string", first);
		else
			diag_warn_at(d, pos, "%s holds %zu characters XML cannot carry (the first "
				     "U+%04lX): replaced by U+FFFD", key ? "key" : "string", n, first);
	}
	/* The tree's strings belong to cJSON's allocator. */
	size_t len = strlen(fixed);
	char *copy = cJSON_malloc(len + 1);
	if (!copy) {
		free(fixed);
		diag_error_at(d, pos, "out of memory");
		return -1;
	}
	memcpy(copy, fixed, len + 1);
	free(fixed);
	cJSON_free(*slot);
	*slot = copy;
	return 0;
}

/* Keys up to which an object's keys are compared with each other rather than hashed. */
#define FEW_KEYS 12
#define DUPLICATE "duplicate key \"%s\""

/* Reports every key of obj that an earlier key of obj has; returns 1 if any. */
static int check_keys(struct jsondoc *doc, const cJSON *obj, struct diag_list *d)
{
	int bad = 0, n = 0;
	const cJSON *a;
	for (a = obj->child; a && n <= FEW_KEYS; a = a->next)
		n++;
	if (n <= FEW_KEYS) {
		for (a = obj->child; a; a = a->next) {
			for (const cJSON *b = obj->child; b != a; b = b->next) {
				if (strcmp(a->string, b->string) == 0) {
					diag_error_at(d, jsondoc_pos(doc, a), DUPLICATE, a->string);
					bad = 1;
					break;
				}
			}
		}
		return bad;
	}
	/* A hash of the keys seen: an object with many keys stays linear. */
	struct strmap seen;
	strmap_init(&seen, 0);
	for (a = obj->child; a; a = a->next) {
		if (!strmap_get(&seen, a->string)) {
			strmap_put(&seen, a->string, a->string);
			continue;
		}
		diag_error_at(d, jsondoc_pos(doc, a), DUPLICATE, a->string);
		bad = 1;
	}
	strmap_release(&seen);
	return bad;
}

/* Checks keys and strings of the whole tree: duplicates, ranges, text XML cannot carry. */
static int check_tree(struct jsondoc *doc, cJSON *node, struct diag_list *d)
{
	int bad = 0;
	for (; node; node = node->next) {
		if (cJSON_IsString(node) && fix_text(doc, node, 0, d) < 0)
			bad = 1;
		if (node->string && fix_text(doc, node, 1, d) < 0)
			bad = 1;
		if (cJSON_IsObject(node) && check_keys(doc, node, d))
			bad = 1;
		if (cJSON_IsNumber(node) && (node->valuedouble != node->valuedouble ||
					     node->valuedouble > 1e300 || node->valuedouble < -1e300)) {
			diag_error_at(d, jsondoc_pos(doc, node), "number out of range");
			bad = 1;
		}
		if (check_tree(doc, node->child, d))
			bad = 1;
	}
	return bad;
}

/* Only the text of check_tree: for a tree whose other checks passed before. */
static int fix_tree(struct jsondoc *doc, cJSON *node, struct diag_list *d)
{
	for (; node; node = node->next) {
		if ((cJSON_IsString(node) && fix_text(doc, node, 0, d) < 0) ||
		    (node->string && fix_text(doc, node, 1, d) < 0) ||
		    fix_tree(doc, node->child, d) < 0)
			return -1;
	}
	return 0;
}

/*
 * Returns the offset of the first '[' or '{' that opens a level deeper than
 * --max-depth, or SIZE_MAX: cJSON would stop at its own fixed limit with a
 * message that does not say why.
 */
static size_t too_deep(const char *text, size_t len, int max)
{
	int depth = 0, in_string = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				return i;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return SIZE_MAX;
}

/* Reports the first string or key longer than --max-string: one is enough to refuse the file. */
static int check_lengths(const struct jsondoc *doc, const cJSON *node, struct diag_list *d)
{
	size_t max = limits_string();
	for (; node; node = node->next) {
		const char *s = cJSON_IsString(node) ? node->valuestring : NULL;
		for (int k = 0; k < 2; k++, s = node->string) {
			size_t n = s ? strlen(s) : 0;
			if (n > max) {
				diag_error_at(d, jsondoc_pos(doc, node), "%s of %zu bytes is longer than "
					      "the limit of %zu (raise it with --max-string)",
					      k ? "key" : "string", n, max);
				return 1;
			}
		}
		if (check_lengths(doc, node->child, d))
			return 1;
	}
	return 0;
}

static void describe_parse_error(struct jsondoc *doc, const char *end, struct diag_list *d)
{
	size_t off = end && end >= doc->text ? (size_t)(end - doc->text) : 0;
	if (off > doc->len)
		off = doc->len;
	/* After a failed key cJSON points one past the offending character: step back onto it. */
	if (off > 0 && (off == doc->len || (unsigned char)doc->text[off] <= 32) &&
	    strchr("}]", doc->text[off - 1]))
		off--;
	struct srcpos pos = pos_of_offset(doc, off);
	size_t rest = off;
	while (rest < doc->len && (unsigned char)doc->text[rest] <= 32)
		rest++;
	/* cJSON points at (or just inside) a string that never ends: the file was cut short. */
	int open_string = 0;
	size_t quote = off < doc->len && doc->text[off] != '"' && off > 0 &&
		       doc->text[off - 1] == '"' ? off - 1 : off;
	if (quote < doc->len && doc->text[quote] == '"') {
		size_t i = quote + 1;
		while (i < doc->len && doc->text[i] != '"')
			i += doc->text[i] == '\\' ? 2 : 1;
		open_string = i >= doc->len;
	}
	if (rest >= doc->len || open_string)
		diag_error_at(d, pos, "malformed JSON: unexpected end of file (truncated?)");
	else if ((unsigned char)doc->text[off] < 0x80 && doc->text[off] > 32)
		diag_error_at(d, pos, "malformed JSON: unexpected '%c'", doc->text[off]);
	else
		diag_error_at(d, pos, "malformed JSON");
}

/*
 * Works out the position of every value of the tree, once: a pre-order walk
 * of the text gives the values' offsets in cJSON's pre-order.
 */
static const struct jsondoc_index *positions(const struct jsondoc *doc)
{
	struct jsondoc_index *x = lines(doc);
	if (x->nodes_done)
		return x;
	x->nodes_done = 1;
	if (!doc->root)
		return x;
	struct scan s = { doc->text, doc->len, NULL, 0, 0 };
	/* cJSON skips a byte-order mark at its start too: a second one, after ours. */
	scan_value(&s, doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
	size_t count = 0;
	collect_nodes(doc->root, NULL, &count, 0);
	x->nodes = xcalloc(count ? count : 1, sizeof(*x->nodes));
	size_t k = 0;
	collect_nodes(doc->root, x->nodes, &k, count);
	x->nnodes = count < s.n ? count : s.n;
	set_positions(doc, x, s.offsets, x->nnodes);
	if (doc->nsegs)
		map_positions(doc, x, s.offsets, x->nnodes);
	free(s.offsets);
	qsort(x->nodes, x->nnodes, sizeof(*x->nodes), by_node);
	return x;
}

/*
 * Parses text into *doc.  With checked, the same text passed every check
 * before, without a string replaced: only those that keep the tree safe for
 * XML (UTF-8, characters XML cannot carry) are made again.
 */
static int parse(struct jsondoc *doc, const char *path, const char *text, size_t len,
		 const struct jsondoc_seg *segs, size_t nsegs, int checked, struct diag_list *d)
{
	*doc = (struct jsondoc){ .path = xstrdup(path) };
	/* A UTF-8 byte-order mark is harmless; skip it. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	doc->text = xstrndup(text, len);
	doc->len = len;
	doc->index = xcalloc(1, sizeof(*doc->index));
	if (nsegs) {
		doc->segs = xcalloc(nsegs, sizeof(*segs));
		memcpy(doc->segs, segs, nsegs * sizeof(*segs));
		doc->nsegs = nsegs;
	}

	size_t bad;
	if (utf8_validate(doc->text, len, &bad) < 0) {
		diag_error_at(d, pos_of_offset(doc, bad), "%s",
			      doc->text[bad] ? "invalid UTF-8" : "NUL byte in text");
		goto fail;
	}
	if (skip_ws(&(struct scan){ doc->text, len, 0, 0, 0 }, 0) >= len) {
		diag_error_at(d, (struct srcpos){ doc->path, 1, 1 }, "empty file, expected JSON");
		goto fail;
	}
	size_t deep = checked ? SIZE_MAX : too_deep(doc->text, len, limits_depth());
	if (deep != SIZE_MAX) {
		diag_error_at(d, pos_of_offset(doc, deep), "nested more than %d levels deep (raise the "
			      "limit with --max-depth, at most %d)", limits_depth(), LIMIT_MAX_DEPTH);
		goto fail;
	}
	const char *end = NULL;
	/* With require_null_terminated, cJSON wants the NUL inside the length. */
	doc->root = cJSON_ParseWithLengthOpts(doc->text, len + 1, &end, 1);
	libmem_check();      /* a failed allocation is not a syntax error */
	if (!doc->root) {
		describe_parse_error(doc, end, d);
		goto fail;
	}
	if (checked) {
		if (fix_tree(doc, doc->root, d) < 0)
			goto fail;
		return 0;
	}
	size_t nul = find_nul_escape(doc->text, len);
	if (nul != SIZE_MAX) {
		diag_error_at(d, pos_of_offset(doc, nul), "\\u0000 is not allowed in strings");
		goto fail;
	}
	if (check_lengths(doc, doc->root, d) || check_tree(doc, doc->root, d))
		goto fail;
	if (doc->fixes.n > TEXT_FIX_WARNINGS)
		diag_warn_at(d, (struct srcpos){ doc->path, 0, 0 }, "%zu more strings held characters "
			     "XML cannot carry, replaced by U+FFFD (the report's inputs list every one)",
			     doc->fixes.n - TEXT_FIX_WARNINGS);
	return 0;
fail:
	jsondoc_release(doc);
	return -1;
}

int jsondoc_parse_segs(struct jsondoc *doc, const char *path, const char *text, size_t len,
		       const struct jsondoc_seg *segs, size_t nsegs, struct diag_list *d)
{
	return parse(doc, path, text, len, segs, nsegs, 0, d);
}

int jsondoc_reparse_at(struct jsondoc *doc, const char *path, const char *text, size_t len,
		       int line, int col, struct diag_list *d)
{
	struct jsondoc_seg seg = { 0, line, col };
	return parse(doc, path, text, len, &seg, 1, 1, d);
}

int jsondoc_parse(struct jsondoc *doc, const char *path, const char *text, size_t len,
		  struct diag_list *d)
{
	return jsondoc_parse_segs(doc, path, text, len, NULL, 0, d);
}

int jsondoc_parse_at(struct jsondoc *doc, const char *path, const char *text, size_t len,
		     int line, int col, struct diag_list *d)
{
	struct jsondoc_seg seg = { 0, line, col };
	return jsondoc_parse_segs(doc, path, text, len, &seg, 1, d);
}

/*
 * The position of the root value, as positions() would give it, without
 * scanning the values: readers ask for it for every record they read.
 */
static struct srcpos root_pos(const struct jsondoc *doc)
{
	/* cJSON skips a byte-order mark at its start too: a second one, after ours. */
	size_t off = doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	off = skip_ws(&(struct scan){ doc->text, doc->len, 0, 0, 0 }, off);
	struct srcpos p = pos_of_offset(doc, off);
	if (!doc->nsegs)
		return p;
	size_t k = 0;
	while (k + 1 < doc->nsegs && doc->segs[k + 1].off <= off)
		k++;
	struct srcpos start = pos_of_offset(doc, doc->segs[k].off);
	if (p.line == start.line)
		p.col = doc->segs[k].col + (p.col - start.col);
	p.line = doc->segs[k].line + (p.line - start.line);
	return p;
}

int jsondoc_find(const struct jsondoc *doc, const cJSON *node, struct srcpos *pos)
{
	if (!doc->index)    /* nothing parsed */
		return 0;
	if (node && node == doc->root) {
		*pos = root_pos(doc);
		return 1;
	}
	const struct jsondoc_index *x = positions(doc);
	struct jsondoc_node key = { node, 0, 0 };
	const struct jsondoc_node *hit = x->nnodes ?
		bsearch(&key, x->nodes, x->nnodes, sizeof(key), by_node) : NULL;
	if (hit)
		*pos = (struct srcpos){ doc->path, hit->line, hit->col };
	return hit != NULL;
}

int jsondoc_load(struct jsondoc *doc, const char *path, struct diag_list *d)
{
	*doc = (struct jsondoc){ 0 };
	char *buf, sha256[65];
	size_t len;
	unsigned long long size;
	int gzipped;
	if (readfile_input(path, &buf, &len, sha256, &size, &gzipped, d) < 0)
		return -1;
	int rc = jsondoc_parse(doc, path, buf, len, d);
	free(buf);
	return rc;
}

void jsondoc_release(struct jsondoc *doc)
{
	free(doc->path);
	free(doc->text);
	cJSON_Delete(doc->root);
	if (doc->index) {
		free(doc->index->nodes);
		free(doc->index->line_starts);
		free(doc->index);
	}
	free(doc->segs);
	text_fixes_release(&doc->fixes);
	*doc = (struct jsondoc){ 0 };
}
