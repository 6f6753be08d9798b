/*
 * emit.h - writes an assessment as srmap's canonical assessment XML, the
 * contract that templates and outside tools read (docs/assessment-xml.md,
 * schema in docs/assessment.xsd).
 */
#ifndef SRMAP_EMIT_H
#define SRMAP_EMIT_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "srmap/assess.h"
#include "srmap/base/diag.h"
#include "srmap/read.h"

/* One file the run read, for the provenance section. */
struct input_file {
	char *path;           /* as given on the command line (owned by the caller) */
	const char *role;     /* "inventory", "evidence", "profile", "catalog" */
	const char *format;   /* "srmap-json", ... */
	size_t records;
	char sha256[65];
	unsigned long long size;
	const struct reader_stats *stats;  /* counts of an imported file (reader.h), or NULL */
};

struct run_info {
	const struct input_file *inputs;
	size_t ninputs;
	int64_t generated;              /* generation time, seconds since the epoch */
	const char *command_line;       /* for the record; may be NULL */
	const struct diag_list *diags;  /* warnings to record; may be NULL */
	const char *catalog_sha256;     /* digest of the catalog as a whole (see job.c), or NULL */
	const struct drift *drift;      /* changes since --baseline, or NULL */
	const char *baseline;           /* the baseline file, when drift is set */
	/*
	 * A shard's part instead of the whole document (assess --shard, shard.h):
	 * the plan (borrowed), or NULL.  The part is the document with the other
	 * shards' workloads, evidence and findings left out (docs/scale.md).
	 */
	const struct shard_plan *shard;
	const char *part_header;        /* the part's <?srmap-part?> data, when shard is set */
};

/*
 * Writes the canonical XML of a to the open file descriptor fd (which stays
 * open).  The document is streamed, never held whole in memory.  Returns 0,
 * or -1 if writing fails (errno tells why).
 */
int emit_assessment_xml(const struct assessment *a, const struct run_info *run, int fd);

/*
 * The parts of the canonical XML, named as the children of <assessment>
 * are ("profile", "control", "workload", ...): a template that declares the
 * parts it reads is given a document of those parts alone (template.h).
 */
#define EMIT_ALL_PARTS 0xFFFFu

/*
 * The bit of the part called name, or 0 when no part is called so.  Names
 * are the element names of docs/assessment-xml.md.
 */
unsigned emit_part(const char *name);

/*
 * The canonical XML of a holding only the parts in mask (the root element
 * with all its attributes, then the selected children in their usual order),
 * as the libxml2 document a template reads (*doc, free with xmlFreeDoc):
 * parsed as it is written, without blank text nodes.  Returns 0, or -1 when
 * it cannot be made.
 */
int emit_assessment_parts(const struct assessment *a, const struct run_info *run,
			  unsigned mask, xmlDocPtr *doc);

#endif
