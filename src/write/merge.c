/*
 * merge.c - srmap merge: the parts of a sharded run checked against each
 * other and dealt back into one canonical XML (merge.h has the format).
 *
 * A part is read as lines, never parsed as XML: the writer puts every child
 * of the root on lines of its own that begin with two spaces and "<", and
 * markup characters inside text and attribute values are escaped, so those
 * lines are where the children begin.
 */
#include "srmap/write/merge.h"
#include "srmap/base/writeall.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"
#include "srmap/base/srmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum item_kind { ITEM_ELEMENT, ITEM_SKIP, ITEM_END, ITEM_BAD };

struct part {
	const char *path;           /* borrowed */
	const char *data;           /* mapped */
	size_t len, pos;
	size_t line;                /* line number at pos */
	unsigned shard, nshards;
	char *version, *tool, *by, *formats, *pdf_detail, *pdf_template, *logo;
	const char *root;           /* the root's start tag line, with its newline */
	size_t root_len;
	/* the item at the head: */
	enum item_kind kind;
	const char *item;
	size_t item_len, item_line;
	char name[32];              /* element or section name */
	size_t count;               /* of a skip */
	/* elements of a section the part leaves out, still to pass */
	char skip_section[32];
	size_t skip_left;
};

static const char *const shared_out[] = { "workload", "evidence", "finding", NULL };

static int is_shared_out(const char *name)
{
	for (size_t i = 0; shared_out[i]; i++)
		if (!strcmp(shared_out[i], name))
			return 1;
	return 0;
}

/* ---- reading a part ------------------------------------------------------------- */

/* The end of the line at p (after its newline), or the end of the data. */
static const char *line_end(const struct part *p, const char *at)
{
	const char *nl = memchr(at, '\n', (size_t)(p->data + p->len - at));
	return nl ? nl + 1 : p->data + p->len;
}

static int starts(const char *at, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - at) >= n && !memcmp(at, prefix, n);
}

static int item_start(const char *at, const char *end)
{
	return starts(at, end, "  <") && (size_t)(end - at) > 3 && at[3] != '/' && at[3] != ' ';
}

/* Loads the next item of p at its head. */
static void next_item(struct part *p)
{
	const char *at = p->data + p->pos, *end = p->data + p->len, *eol = line_end(p, at);
	p->item = at;
	p->item_line = p->line;
	if (starts(at, end, "</assessment>\n") && at + 14 == end) {
		p->kind = ITEM_END;
		return;
	}
	if (starts(at, eol, "<?srmap-skip ")) {
		int used = 0;
		char text[96];
		size_t n = (size_t)(eol - at);
		p->kind = ITEM_BAD;
		if (n >= sizeof text)
			return;
		memcpy(text, at, n);
		text[n] = '\0';
		if (sscanf(text, "<?srmap-skip %31s %zu?>\n%n", p->name, &p->count, &used) == 2 &&
		    (size_t)used == n && p->count > 0) {
			p->kind = ITEM_SKIP;
			p->pos += n;
			p->line++;
		}
		return;
	}
	if (!item_start(at, eol)) {
		p->kind = ITEM_BAD;
		return;
	}
	size_t nl = strcspn(at + 3, " />\n");
	if (nl >= sizeof p->name)
		nl = sizeof p->name - 1;
	memcpy(p->name, at + 3, nl);
	p->name[nl] = '\0';
	const char *q = eol;
	size_t lines = 1;
	while (q < end && !item_start(q, line_end(p, q)) && !starts(q, end, "<?srmap-skip ") &&
	       !starts(q, end, "</assessment>\n")) {
		q = line_end(p, q);
		lines++;
	}
	if (q == end) {
		p->kind = ITEM_BAD;     /* cut short: the root is never closed */
		return;
	}
	p->kind = ITEM_ELEMENT;
	p->item_len = (size_t)(q - at);
	p->pos += p->item_len;
	p->line += lines;
}

static void bad_part(struct diag_list *d, const struct part *p, size_t line, const char *what)
{
	diag_add(d, DIAG_ERROR, p->path, (int)line, line ? 1 : 0, "%s", what);
}

static int map_part(struct part *p, struct diag_list *d)
{
	int fd = open(p->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		diag_add(d, DIAG_ERROR, p->path, 0, 0, "cannot read: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	p->len = (size_t)st.st_size;
	if (!p->len) {
		close(fd);
		bad_part(d, p, 0, "empty: not a part of a sharded run (srmap assess --shard writes them)");
		return -1;
	}
	p->data = mmap(NULL, p->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p->data == MAP_FAILED) {
		p->data = NULL;
		diag_add(d, DIAG_ERROR, p->path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Reads the declaration, the part's header and the root's start tag. */
static int read_header(struct part *p, struct diag_list *d)
{
	const char *end = p->data + p->len, *at = p->data;
	const char *h = line_end(p, at), *h_end = h < end ? line_end(p, h) : h;
	if (!starts(at, end, "<?xml ") || !starts(h, h_end, "<?srmap-part ") ||
	    h_end - h < 16 || memcmp(h_end - 3, "?>\n", 3)) {
		bad_part(d, p, 0, "not a part of a sharded run (srmap assess --shard writes them)");
		return -1;
	}
	const char *data = h + 13;
	size_t dlen = (size_t)(h_end - 3 - data);
	p->version = part_header_value(data, dlen, "version");
	p->tool = part_header_value(data, dlen, "tool-version");
	char *k = part_header_value(data, dlen, "shard"), *n = part_header_value(data, dlen, "shards");
	p->by = part_header_value(data, dlen, "by");
	p->formats = part_header_value(data, dlen, "formats");
	p->pdf_detail = part_header_value(data, dlen, "pdf-detail");
	p->pdf_template = part_header_value(data, dlen, "template");
	p->logo = part_header_value(data, dlen, "logo");
	char *kend = NULL, *nend = NULL;
	unsigned long kv = k ? strtoul(k, &kend, 10) : 0, nv = n ? strtoul(n, &nend, 10) : 0;
	int ok = p->version && p->tool && k && n && p->by && p->formats && p->pdf_detail &&
		 *k && !*kend && *n && !*nend && nv >= 1 && kv < nv;
	free(k);
	free(n);
	if (!ok) {
		bad_part(d, p, 2, "the part's header (<?srmap-part?>) is incomplete or damaged");
		return -1;
	}
	if (strcmp(p->version, PART_FORMAT_VERSION) || strcmp(p->tool, SRMAP_VERSION)) {
		diag_add(d, DIAG_ERROR, p->path, 2, 1, "written by srmap %s (part format %s); this "
			 "is srmap %s (part format %s): make every part with the same srmap",
			 p->tool, p->version, SRMAP_VERSION, PART_FORMAT_VERSION);
		return -1;
	}
	p->shard = (unsigned)kv;
	p->nshards = (unsigned)nv;
	p->root = h_end;
	const char *root_end = h_end < end ? line_end(p, h_end) : end;
	if (!starts(p->root, root_end, "<assessment ")) {
		bad_part(d, p, 3, "no <assessment> element after the part's header");
		return -1;
	}
	p->root_len = (size_t)(root_end - p->root);
	p->pos = (size_t)(root_end - p->data);
	p->line = 4;
	return 0;
}

static int by_shard(const void *x, const void *y)
{
	const struct part *a = x, *b = y;
	return a->shard < b->shard ? -1 : a->shard > b->shard;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The parts against the first: one count, each shard once, one set of formats. */
static int check_set(struct merge_set *m, struct diag_list *d)
{
	const struct part *first = &m->parts[0];
	for (size_t i = 0; i < m->n; i++) {
		const struct part *p = &m->parts[i];
		if (p->nshards != first->nshards) {
			diag_add(d, DIAG_ERROR, p->path, 2, 1, "is shard %u of %u, but %s is of %u: the "
				 "parts are not of one run", p->shard, p->nshards, first->path,
				 first->nshards);
			return -1;
		}
		if (!same(p->by, first->by) || !same(p->formats, first->formats) ||
		    !same(p->pdf_detail, first->pdf_detail) || !same(p->pdf_template, first->pdf_template) ||
		    !same(p->logo, first->logo)) {
			diag_add(d, DIAG_ERROR, p->path, 2, 1, "was made for other formats or options "
				 "than %s: the parts are not of one run", first->path);
			return -1;
		}
	}
	qsort(m->parts, m->n, sizeof(*m->parts), by_shard);
	for (size_t i = 1; i < m->n; i++)
		if (m->parts[i].shard == m->parts[i - 1].shard) {
			diag_add(d, DIAG_ERROR, m->parts[i].path, 2, 1, "is shard %u of %u, and so is %s: "
				 "each shard is merged once", m->parts[i].shard, first->nshards,
				 m->parts[i - 1].path);
			return -1;
		}
	unsigned want = m->parts[0].nshards;
	if (m->n != want) {
		unsigned missing = 0;
		while (missing < m->n && m->parts[missing].shard == missing)
			missing++;
		diag_add(d, DIAG_ERROR, m->parts[0].path, 0, 0, "shard %u of %u is missing: merge "
			 "takes every part of the run", missing, want);
		return -1;
	}
	return 0;
}

int merge_open(struct merge_set *m, const char *const *paths, size_t n, struct diag_list *d)
{
	*m = (struct merge_set){ xcalloc(n ? n : 1, sizeof(struct part)), n, NULL, NULL, NULL, NULL, 0 };
	for (size_t i = 0; i < n; i++) {
		m->parts[i].path = paths[i];
		if (map_part(&m->parts[i], d) < 0 || read_header(&m->parts[i], d) < 0)
			return SRMAP_EXIT_INPUT;
	}
	if (!n || check_set(m, d) < 0)
		return SRMAP_EXIT_INPUT;
	const struct part *p = &m->parts[0];
	char *root = xstrndup(p->root, p->root_len), *at = strstr(root, " generated=\""), *end;
	int64_t t = 0;
	if (at && (end = strchr(at + 12, '"')) && (*end = '\0', isotime_parse(at + 12, &t) == 0))
		m->generated = t;
	free(root);
	if (!m->generated) {
		bad_part(d, p, 3, "the <assessment> element has no generated time");
		return SRMAP_EXIT_INPUT;
	}
	m->formats = xstrdup(p->formats);
	m->pdf_detail = xstrdup(p->pdf_detail);
	m->pdf_template = p->pdf_template ? xstrdup(p->pdf_template) : NULL;
	m->logo = p->logo ? xstrdup(p->logo) : NULL;
	return SRMAP_EXIT_OK;
}

void merge_release(struct merge_set *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct part *p = &m->parts[i];
		if (p->data)
			munmap((void *)p->data, p->len);
		free(p->version);
		free(p->tool);
		free(p->by);
		free(p->formats);
		free(p->pdf_detail);
		free(p->pdf_template);
		free(p->logo);
	}
	free(m->parts);
	free(m->formats);
	free(m->pdf_detail);
	free(m->pdf_template);
	free(m->logo);
	*m = (struct merge_set){ 0 };
}

/* ---- merging ------------------------------------------------------------------- */

struct out {
	int fd;
	char buf[1 << 16];
	size_t n;
	int failed;
};

/* Writes len bytes at s unless an earlier write failed; remembers a failure. */
static void out_write(struct out *o, const char *s, size_t len)
{
	if (!o->failed && write_all(o->fd, s, len) < 0)
		o->failed = 1;
}

static void out_flush(struct out *o)
{
	out_write(o, o->buf, o->n);
	o->n = 0;
}

static void out_put(struct out *o, const char *s, size_t len)
{
	if (len > sizeof o->buf - o->n)
		out_flush(o);
	if (len > sizeof o->buf) {
		out_write(o, s, len);     /* large: straight from the mapping */
		return;
	}
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

/*
 * Once the elements a part leaves out are passed, a <?srmap-skip?> at its
 * head (of the next section: two may follow each other) starts the next
 * count.  Returns -1 after reporting a damaged part.
 */
static int settle(struct part *p, struct diag_list *d)
{
	while (!p->skip_left && p->kind == ITEM_SKIP) {
		if (!is_shared_out(p->name)) {
			bad_part(d, p, p->item_line, "a <?srmap-skip?> out of place: the part is damaged");
			return -1;
		}
		snprintf(p->skip_section, sizeof p->skip_section, "%s", p->name);
		p->skip_left = p->count;
		next_item(p);
	}
	if (p->kind == ITEM_BAD) {
		bad_part(d, p, p->item_line, "cut short or damaged: not a whole part (make it again)");
		return -1;
	}
	return 0;
}

/* Loads the next item of p. */
static int advance(struct part *p, struct diag_list *d)
{
	next_item(p);
	return settle(p, d);
}

static void not_one_run(struct diag_list *d, const struct part *p, const struct part *first,
			const char *what)
{
	diag_add(d, DIAG_ERROR, p->path, (int)p->item_line, 1, "%s %s: the parts are not of one run "
		 "(their inputs, catalog, profile or options differ)", what, first->path);
}

/* One element of a shared-out section: from the one part that holds it. */
static int deal_one(struct merge_set *m, const char *section, struct out *o, struct diag_list *d)
{
	struct part *owner = NULL;
	char what[96];
	for (size_t i = 0; i < m->n; i++) {
		struct part *p = &m->parts[i];
		if (p->skip_left) {
			if (strcmp(p->skip_section, section)) {
				snprintf(what, sizeof what, "leaves out <%s> elements where the other parts "
					 "have <%s>, unlike", p->skip_section, section);
				not_one_run(d, p, &m->parts[0], what);
				return -1;
			}
			continue;
		}
		if (p->kind != ITEM_ELEMENT || strcmp(p->name, section) || owner) {
			snprintf(what, sizeof what, "%s the next <%s>, as does", owner ? "holds" :
				 "neither holds nor leaves out", section);
			not_one_run(d, p, owner ? owner : &m->parts[0], what);
			return -1;
		}
		owner = p;
	}
	if (!owner) {
		snprintf(what, sizeof what, "leaves out the next <%s>, and so do the other parts, as",
			 section);
		not_one_run(d, &m->parts[0], &m->parts[0], what);
		return -1;
	}
	out_put(o, owner->item, owner->item_len);
	for (size_t i = 0; i < m->n; i++)
		if (&m->parts[i] != owner && (--m->parts[i].skip_left, settle(&m->parts[i], d) < 0))
			return -1;
	return advance(owner, d);
}

/* An element every part holds: the same bytes in each. */
static int copy_shared(struct merge_set *m, struct out *o, struct diag_list *d)
{
	struct part *first = &m->parts[0];
	for (size_t i = 1; i < m->n; i++) {
		struct part *p = &m->parts[i];
		if (p->kind != first->kind || p->item_len != first->item_len ||
		    memcmp(p->item, first->item, first->item_len)) {
			char what[64];
			snprintf(what, sizeof what, "<%s> differs from that of", first->name);
			not_one_run(d, p, first, p->kind == ITEM_END || p->kind != first->kind ?
				    "ends or goes on otherwise than" : what);
			return -1;
		}
	}
	out_put(o, first->item, first->item_len);
	for (size_t i = 0; i < m->n; i++)
		if (advance(&m->parts[i], d) < 0)
			return -1;
	return 0;
}

/* Whether two start tags of the root differ only in their times (as-of, generated). */
static int differ_in_time(const char *a, size_t alen, const char *b, size_t blen)
{
	char *x = xstrndup(a, alen), *y = xstrndup(b, blen);
	char *s[2] = { x, y };
	for (int i = 0; i < 2; i++)
		for (const char *const *attr = (const char *const[]){ " as-of=\"", " generated=\"", NULL };
		     *attr; attr++) {
			char *at = strstr(s[i], *attr), *end = at ? strchr(at + strlen(*attr), '"') : NULL;
			if (end)
				memmove(at, end + 1, strlen(end + 1) + 1);
		}
	int same_else = !strcmp(x, y);
	free(x);
	free(y);
	return same_else;
}

int merge_write(struct merge_set *m, int fd, struct diag_list *d)
{
	struct out *o = xcalloc(1, sizeof(*o));
	o->fd = fd;
	struct part *first = &m->parts[0];
	int rc = SRMAP_EXIT_OK;
	for (size_t i = 0; i < m->n && rc == SRMAP_EXIT_OK; i++) {
		struct part *p = &m->parts[i];
		if (p->root_len != first->root_len || memcmp(p->root, first->root, p->root_len)) {
			if (differ_in_time(p->root, p->root_len, first->root, first->root_len))
				diag_add(d, DIAG_ERROR, p->path, 3, 1, "was made at another time than %s "
					 "(as-of or generated differ): give every shard of a run the same "
					 "SOURCE_DATE_EPOCH", first->path);
			else
				diag_add(d, DIAG_ERROR, p->path, 3, 1, "the assessment's catalog differs "
					 "from that of %s: the parts are not of one run", first->path);
			rc = SRMAP_EXIT_INPUT;
		} else if (advance(p, d) < 0) {
			rc = SRMAP_EXIT_INPUT;
		}
	}
	if (rc == SRMAP_EXIT_OK) {
		/* the declaration, then the root: the part's header is left out */
		out_put(o, first->data, (size_t)(line_end(first, first->data) - first->data));
		out_put(o, first->root, first->root_len);
	}
	while (rc == SRMAP_EXIT_OK) {
		const char *section = NULL;
		for (size_t i = 0; i < m->n && !section; i++)
			if (m->parts[i].skip_left)
				section = m->parts[i].skip_section;
		if (section) {
			char name[32];
			snprintf(name, sizeof name, "%s", section);
			rc = deal_one(m, name, o, d) < 0 ? SRMAP_EXIT_INPUT : SRMAP_EXIT_OK;
			continue;
		}
		if (first->kind == ITEM_END) {
			for (size_t i = 1; i < m->n && rc == SRMAP_EXIT_OK; i++)
				if (m->parts[i].kind != ITEM_END) {
					not_one_run(d, &m->parts[i], first, "goes on after the end of");
					rc = SRMAP_EXIT_INPUT;
				}
			break;
		}
		if (m->n > 1 && is_shared_out(first->name)) {
			rc = deal_one(m, first->name, o, d) < 0 ? SRMAP_EXIT_INPUT : SRMAP_EXIT_OK;
			continue;
		}
		if (m->n == 1) {
			out_put(o, first->item, first->item_len);
			rc = advance(first, d) < 0 ? SRMAP_EXIT_INPUT : SRMAP_EXIT_OK;
			continue;
		}
		rc = copy_shared(m, o, d) < 0 ? SRMAP_EXIT_INPUT : SRMAP_EXIT_OK;
	}
	if (rc == SRMAP_EXIT_OK) {
		out_put(o, "</assessment>\n", 14);
		out_flush(o);
		if (o->failed)
			rc = SRMAP_EXIT_OUTPUT;
	}
	free(o);
	return rc;
}
