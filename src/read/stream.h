/*
 * stream.h - a large JSON export read record by record rather than as one
 * parse tree: the file is mapped, its structure scanned with yajl, and the
 * byte range and position of every record of its list kept; the readers see
 * a skeleton document (the file with its list cut to the first records) and
 * parse each record alone when they reach it.  Internal to the read stage.
 */
#ifndef SRMAP_STREAM_H
#define SRMAP_STREAM_H

#include <stddef.h>
#include "srmap/base/jsondoc.h"

struct input_text;
struct reader_stats;

/* One record of the list: its bytes in the file and where it starts. */
struct stream_rec {
	size_t off, len;
	int line, col;
};

struct stream {
	char *map;                  /* the mapped file (owned) */
	size_t maplen;
	const char *text;           /* the text after a byte-order mark (borrowed from map) */
	size_t len;
	const char *path;           /* borrowed */
	struct stream_rec *recs;    /* owned, in file order */
	size_t n, cap;
	const cJSON *list;          /* the list in the skeleton: the root or a member of it */
	struct jsondoc cur;         /* the record parsed last */
	size_t cur_index;           /* its index + 1, 0 when none */
};

/*
 * The smallest file read as a stream: SRMAP_STREAM_MIN_BYTES when set (0
 * streams every file that can be, a test knob), else 16 MiB.
 */
unsigned long long stream_min_bytes(void);

/*
 * Tries to open the JSON file at path as a stream into *in: returns 1 when it
 * did (in->doc is the skeleton, in->parsed and in->stream are set, st has the
 * file's size and SHA-256), or 0, having reported nothing and set nothing,
 * when the file must be read whole instead: smaller than stream_min_bytes(),
 * over the input size limit, gzip-compressed, not one of the list shapes
 * streamed (a bare array of objects that are not pages; an object whose
 * "value" or "data" member is an array of objects), or with anything wrong
 * in it (the whole-file parse then says what, as it always has).
 */
int stream_open(struct input_text *in, const char *path, struct reader_stats *st);

/* Frees what s owns and s itself; accepts NULL. */
void stream_free(struct stream *s);

/*
 * Record i of the list, parsed alone (the record parsed before is freed:
 * nothing of it may be kept).  Borrowed, until the next call.
 */
const cJSON *stream_record(struct stream *s, size_t i);

/* The position of node when it is a value of the record parsed last; returns 1, else 0. */
int stream_pos(const struct stream *s, const cJSON *node, struct srcpos *pos);

#endif
