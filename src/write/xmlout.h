/*
 * xmlout.h - the writing calls the canonical XML writers share (internal to
 * the write stage): elements, attributes and text over an xmlTextWriter.
 *
 * A failed libxml2 call sets failed and the writing goes on; the writer
 * checks failed once at the end, so the code that walks the assessment reads
 * like the document it writes.
 */
#ifndef SRMAP_XMLOUT_H
#define SRMAP_XMLOUT_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/xmlwriter.h>
#include "srmap/assess.h"

struct xmlout {
	xmlTextWriterPtr w;     /* borrowed */
	int failed;             /* set by the first call that failed */
	/* Writing a shard's part: the plan of the shards (borrowed), or NULL for the whole document. */
	const struct shard_plan *plan;
	size_t skipped;         /* elements of other shards since the last one written */
};

/*
 * In a section that shards share out (workload, evidence, finding): whether
 * the next element, which belongs to shard, is written.  In a part, an
 * element of another shard is left out and counted, and before the next
 * element written (or at xmlout_section_end) one processing instruction
 * <?srmap-skip SECTION COUNT?> says how many were left out, so that merge.c
 * can put the parts' elements back in order.  Always 1 for a whole document.
 */
int xmlout_mine(struct xmlout *o, const char *section, unsigned shard);

/* Ends a section of xmlout_mine: writes the count still pending. */
void xmlout_section_end(struct xmlout *o, const char *section);

/*
 * Returns s itself when it is valid UTF-8 that XML 1.0 can carry (the common
 * case); otherwise a sanitized copy, which is also stored in *copy for the
 * caller to free (*copy is NULL when s is returned).
 */
const char *xmlout_clean(const char *s, char **copy);

/* Opens element name. */
void xmlout_start(struct xmlout *o, const char *name);

/* Closes the innermost open element. */
void xmlout_end(struct xmlout *o);

/* Writes attribute name when value is not NULL. */
void xmlout_attr(struct xmlout *o, const char *name, const char *value);

/* Writes attribute name formatted from fmt (at most 63 bytes). */
void xmlout_attrf(struct xmlout *o, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes a count as a decimal attribute. */
void xmlout_attr_count(struct xmlout *o, const char *name, size_t n);

/* Writes a time (seconds since the epoch) as an ISO 8601 UTC attribute. */
void xmlout_attr_time(struct xmlout *o, const char *name, int64_t t);

/* Writes a score in tenths of a percent as "87.5"; nothing when tenths < 0 (not scored). */
void xmlout_attr_score(struct xmlout *o, const char *name, int tenths);

/* Writes <name>text</name> when text is not NULL. */
void xmlout_text_element(struct xmlout *o, const char *name, const char *text);

/*
 * Silences libxml2's own messages (on) or gives them back (off).  It prints
 * I/O errors itself; srmap's writers report a failure once, in srmap's form.
 */
void xmlout_quiet(int on);

#endif
