/*
 * input.h - an input file as the format handlers see it, and what a
 * handler is: a format, the role its files play, a detector and a reader.
 * The table of handlers and the reading of a file through it are reader.h.
 */
#ifndef SRMAP_INPUT_H
#define SRMAP_INPUT_H

#include <stddef.h>
#include "srmap/base/jsondoc.h"

struct import_ctx;
struct stream;

enum reader_role { READER_INVENTORY, READER_EVIDENCE, READER_ROLE_COUNT };

/* A loaded input file, as detectors and readers see it. */
struct input_text {
	const char *path;       /* the file as given (borrowed) */
	char *text;             /* contents, NUL-terminated (owned); NULL once parsed as JSON */
	size_t len;
	int is_json;            /* the first character that is not white space is '{' or '[' */
	struct jsondoc doc;     /* the parse tree, when is_json and the text parsed */
	int parsed;
	/*
	 * Owned, or NULL: a large list read a record at a time (src/read/stream.h);
	 * doc is then a skeleton, the file with its list cut after the first records.
	 */
	struct stream *stream;
};

struct reader {
	const char *name;              /* "azure-resource-list", "defender-assessments", ... */
	enum reader_role role;
	const char *title;             /* what the file is, for messages */
	/* Returns how surely the file is in this format: 0 not at all, 1 plausible, 2 certain. */
	int (*detect)(const struct input_text *in);
	/* Adds the file's records; problems go to the context's diagnostics. */
	void (*read)(struct import_ctx *cx);
	/*
	 * 1 when the reader reads the text itself (CSV) rather than a parsed
	 * JSON document: a file forced into this format is not parsed as JSON.
	 */
	int text;
};

#endif
