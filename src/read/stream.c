/*
 * stream.c - large JSON list exports read one record at a time: the file
 * mapped (never copied whole), its structure scanned by yajl to find the
 * byte range of each record of the list, every record checked as the
 * whole-file parse would check it, a skeleton document for detection (the
 * file with its list cut after the first records), and each record parsed
 * alone with jsondoc when a reader asks for it, with the positions it has in
 * the file.  Whatever the scan cannot vouch for goes back to the whole-file
 * parse, so messages and results stay what they are without streaming.
 */
#include "stream.h"
#include "srmap/base/alloc.h"
#include "srmap/base/libmem.h"
#include "srmap/base/limits.h"
#include "srmap/base/digest.h"
#include "srmap/base/readfile.h"
#include "srmap/base/utf8.h"
#include "srmap/read/input.h"
#include "srmap/read/reader_stats.h"

#include <yajl/yajl_parse.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Records kept in the skeleton: detectors look at the first three items of a list. */
#define SKELETON_RECORDS 3
/* How much text the scan reads before giving the pages behind it back. */
#define SCAN_SLICE (8u << 20)

unsigned long long stream_min_bytes(void)
{
	const char *v = getenv("SRMAP_STREAM_MIN_BYTES");
	unsigned long long n;
	if (v && strcmp(v, "0") == 0)
		return 0;
	if (v && readfile_parse_size(v, &n) == 0)
		return n;
	return 16ULL << 20;
}

/* ---- the scan ------------------------------------------------------------------ */

struct scan {
	struct stream *s;
	yajl_handle h;
	size_t base;            /* offset of the slice yajl is given */
	int depth;
	int root;               /* '[' or '{' */
	int list_depth;         /* depth of the list's items (1: the root array), 0: none yet */
	int in_list;            /* inside the list now */
	int list_done;
	int list_member;        /* the list's index among the root's members */
	int members;            /* root members seen */
	int key_is_list;        /* the root member being read is named value or data */
	size_t rec_start;
	size_t list_close;      /* offset of the list's ']' */
	int close_line, close_col;
	int bad;                /* a shape not streamed, or a record the whole parse must judge */
	/* the position cursor: line and column (in characters) of byte at */
	size_t at;
	int line, col;
};

/* Moves the cursor to byte off (ascending), counting lines and characters as jsondoc does. */
static void cursor_to(struct scan *c, size_t off)
{
	const char *t = c->s->text;
	for (;;) {
		const char *nl = memchr(t + c->at, '\n', off - c->at);
		if (!nl)
			break;
		c->line++;
		c->col = 1;
		c->at = (size_t)(nl - t) + 1;
	}
	c->col += (int)utf8_count(t + c->at, off - c->at);
	c->at = off;
}

static size_t here(const struct scan *c)
{
	return c->base + yajl_get_bytes_consumed(c->h);
}

/* A value of the scan's current depth starts: a scalar or a container item of the list. */
static int item(struct scan *c, int is_object)
{
	if (c->in_list && c->depth == c->list_depth && !is_object)
		c->bad = 1;     /* the readers reject it, or refuse the file: the whole parse says */
	return !c->bad;
}

static int on_scalar(void *ctx)
{
	return item(ctx, 0);
}

static int on_bool(void *ctx, int b)
{
	(void)b;
	return item(ctx, 0);
}

static int on_number(void *ctx, const char *s, size_t n)
{
	(void)s, (void)n;
	return item(ctx, 0);
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	(void)s, (void)n;
	return item(ctx, 0);
}

static int on_key(void *ctx, const unsigned char *k, size_t n)
{
	struct scan *c = ctx;
	if (c->depth == 1 && c->root == '{') {
		c->members++;
		c->key_is_list = !c->list_depth &&
				 ((n == 5 && strncasecmp((const char *)k, "value", 5) == 0) ||
				  (n == 4 && strncasecmp((const char *)k, "data", 4) == 0));
	}
	return 1;
}

static int open_container(struct scan *c, int kind)
{
	if (!item(c, kind == '{'))
		return 0;
	size_t off = here(c) - 1;
	if (c->depth == 0) {
		c->root = kind;
		if (kind == '[') {
			c->list_depth = 1;
			c->in_list = 1;
		}
	} else if (c->in_list && c->depth == c->list_depth) {
		c->rec_start = off;
	} else if (c->depth == 1 && c->root == '{' && c->key_is_list && kind == '[') {
		c->list_depth = 2;
		c->in_list = 1;
		c->list_member = c->members - 1;
	}
	c->key_is_list = 0;
	/* A record parsed alone is less deep than in the file: the whole parse judges depth. */
	if (++c->depth > limits_depth())
		c->bad = 1;
	return !c->bad;
}

static int close_container(struct scan *c)
{
	c->depth--;
	size_t end = here(c);
	if (c->in_list && c->depth == c->list_depth) {
		struct stream *s = c->s;
		cursor_to(c, c->rec_start);
		GROW(s->recs, s->cap, s->n + 1);
		s->recs[s->n++] = (struct stream_rec){ c->rec_start, end - c->rec_start,
						       c->line, c->col };
		/* Checked now as the whole parse would check it; anything amiss is its to say. */
		struct diag_list quiet;
		diag_init(&quiet, NULL);
		struct jsondoc rec;
		if (jsondoc_parse_at(&rec, s->path, s->text + c->rec_start, end - c->rec_start,
				     c->line, c->col, &quiet) < 0 || rec.fixes.n)
			c->bad = 1;   /* replaced text is warned about once, by the whole parse */
		jsondoc_release(&rec);
		diag_release(&quiet);
	} else if (c->in_list && c->depth == c->list_depth - 1) {
		c->in_list = 0;
		c->list_done = 1;
		c->list_close = end - 1;
		cursor_to(c, c->list_close);
		c->close_line = c->line;
		c->close_col = c->col;
	}
	return !c->bad;
}

static int on_start_map(void *ctx) { return open_container(ctx, '{'); }
static int on_end_map(void *ctx) { return close_container(ctx); }
static int on_start_array(void *ctx) { return open_container(ctx, '['); }
static int on_end_array(void *ctx) { return close_container(ctx); }

static const yajl_callbacks callbacks = {
	on_scalar, on_bool, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end_map, on_start_array, on_end_array
};

/* Gives the pages of the mapping below off back (they are read again from the file if needed). */
static void drop_below(struct stream *s, size_t off)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = (size_t)(s->text - s->map) + off;
	upto -= upto % page;
	if (upto)
		madvise(s->map, upto, MADV_DONTNEED);
}

/* Scans s->text; returns 0 when it is a list shape streamed and every record checked out. */
static int scan_text(struct stream *s, struct scan *c)
{
	c->h = yajl_alloc(&callbacks, libmem_yajl(), c);
	int rc = -1;
	for (c->base = 0; c->base < s->len; c->base += SCAN_SLICE) {
		size_t n = s->len - c->base < SCAN_SLICE ? s->len - c->base : SCAN_SLICE;
		if (yajl_parse(c->h, (const unsigned char *)s->text + c->base, n) != yajl_status_ok)
			goto out;
		drop_below(s, c->in_list && c->depth > c->list_depth ? c->rec_start : c->base + n);
	}
	c->base = s->len;
	if (yajl_complete_parse(c->h) != yajl_status_ok || c->bad || !c->list_done)
		goto out;
	rc = 0;
out:
	yajl_free(c->h);
	return rc || c->bad ? -1 : 0;
}

/*
 * The skeleton: the text with the list's records after the first few cut
 * out, parsed with the positions the rest has in the file.
 */
static int parse_skeleton(struct stream *s, const struct scan *c, struct jsondoc *doc)
{
	size_t keep = s->n > SKELETON_RECORDS ? s->recs[SKELETON_RECORDS - 1].off +
						  s->recs[SKELETON_RECORDS - 1].len : c->list_close;
	size_t tail = s->len - c->list_close;
	char *text = xmalloc(keep + tail + 1);
	memcpy(text, s->text, keep);
	memcpy(text + keep, s->text + c->list_close, tail);
	struct jsondoc_seg segs[2] = { { 0, 1, 1 }, { keep, c->close_line, c->close_col } };
	struct diag_list quiet;
	diag_init(&quiet, NULL);
	int rc = jsondoc_parse_segs(doc, s->path, text, keep + tail, segs, 2, &quiet);
	diag_release(&quiet);
	free(text);
	if (rc < 0 || doc->fixes.n)
		return -1;
	/* The list, found the way the scan found it. */
	const cJSON *list = doc->root;
	if (c->root == '{') {
		list = doc->root->child;
		for (int i = 0; list && i < c->list_member; i++)
			list = list->next;
	}
	s->list = cJSON_IsArray(list) ? list : NULL;
	return s->list ? 0 : -1;
}

/*
 * A gzip input is inflated, in pieces, into an unlinked temporary file (in
 * TMPDIR, else /tmp), which is then mapped like a plain file: memory does
 * not grow with the file.  Returns the temporary's descriptor, or -1 (the
 * whole-file read then says what is wrong with the file).
 */
static int inflate_aside(int gz)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	char *tmp = xasprintf("%s/.srmap-inflated.XXXXXX", dir);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		unlink(tmp);      /* gone with the process, whatever ends it */
	free(tmp);
	if (fd < 0)
		return -1;
	if (readfile_inflate_fd(gz, fd) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int stream_open(struct input_text *in, const char *path, struct reader_stats *st)
{
	unsigned long long min = stream_min_bytes();
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size < 2) {
		close(fd);
		return 0;
	}
	/* The file as stored: its size and (below) its hash are what the report records. */
	unsigned long long stored = (unsigned long long)sb.st_size;
	if (readfile_is_gzip(fd)) {
		int plain = inflate_aside(fd);
		close(fd);
		if (plain < 0)
			return 0;
		fd = plain;
		if (fstat(fd, &sb) < 0) {
			close(fd);
			return 0;
		}
	}
	if ((unsigned long long)sb.st_size < min || (unsigned long long)sb.st_size < 2 ||
	    (unsigned long long)sb.st_size > readfile_max()) {
		close(fd);
		return 0;
	}
	struct stream *s = xcalloc(1, sizeof(*s));
	s->path = path;
	s->maplen = (size_t)sb.st_size;
	void *map = mmap(NULL, s->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		free(s);
		return 0;
	}
	s->map = map;
	s->text = s->map;
	s->len = s->maplen;
	if (s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0) {
		s->text += 3;
		s->len -= 3;
	}
	size_t i = 0;
	while (i < s->len && (unsigned char)s->text[i] <= 32)
		i++;
	struct scan c = { .s = s, .at = 0, .line = 1, .col = 1 };
	struct jsondoc doc = { 0 };
	/* Not JSON, a second byte-order mark (cJSON's own skip): the whole read says what it is. */
	if (i >= s->len || (s->text[i] != '[' && s->text[i] != '{') ||
	    scan_text(s, &c) < 0 || parse_skeleton(s, &c, &doc) < 0)
		goto fallback;
	char sha[DIGEST_HEX_LEN];
	unsigned long long size;
	if (digest_sha256_file(path, sha, &size) < 0 || size != stored)
		goto fallback;
	memcpy(st->sha256, sha, sizeof sha);
	st->size = size;
	drop_below(s, s->len);
	*in = (struct input_text){ .path = path, .is_json = 1, .doc = doc, .parsed = 1,
				   .stream = s };
	return 1;
fallback:
	jsondoc_release(&doc);
	stream_free(s);
	return 0;
}

void stream_free(struct stream *s)
{
	if (!s)
		return;
	jsondoc_release(&s->cur);
	if (s->map)
		munmap(s->map, s->maplen);
	free(s->recs);
	free(s);
}

/* ---- reading ------------------------------------------------------------------- */

const cJSON *stream_record(struct stream *s, size_t i)
{
	if (s->cur_index == i + 1)
		return s->cur.root;
	jsondoc_release(&s->cur);
	s->cur_index = 0;
	const struct stream_rec *r = &s->recs[i];
	/* Every 8 MiB, the pages behind give way to those ahead. */
	if (i && r->off / SCAN_SLICE != s->recs[i - 1].off / SCAN_SLICE)
		drop_below(s, r->off);
	struct diag_list quiet;
	diag_init(&quiet, NULL);
	/* The scan parsed and checked it already: it parses again the same. */
	if (jsondoc_reparse_at(&s->cur, s->path, s->text + r->off, r->len, r->line, r->col,
			     &quiet) == 0)
		s->cur_index = i + 1;
	diag_release(&quiet);
	return s->cur.root;
}

int stream_pos(const struct stream *s, const cJSON *node, struct srcpos *pos)
{
	return s->cur_index && jsondoc_find(&s->cur, node, pos);
}
