/*
 * canonical.h - the canonical assessment XML as templates read it: the
 * whole document, parsed once from the file just written and shared by
 * every template that needs it, or a document of only the parts a template
 * declares it reads (template_reads), made for it in memory.
 */
#ifndef SRMAP_CANONICAL_H
#define SRMAP_CANONICAL_H

#include <libxml/tree.h>
#include "srmap/base/diag.h"
#include "srmap/write/emit.h"

/* Part documents kept at once: the shipped templates declare one set between them. */
enum { CANONICAL_PART_DOCS = 8 };

struct canonical_docs {
	const char *path;                  /* the canonical XML written (borrowed) */
	const struct assessment *a;        /* borrowed */
	const struct run_info *run;        /* borrowed */
	xmlDocPtr whole;                   /* owned, parsed when first asked for */
	unsigned masks[CANONICAL_PART_DOCS];
	xmlDocPtr docs[CANONICAL_PART_DOCS];   /* owned */
	size_t n;
};

/* Prepares c for the assessment a, whose canonical XML is the file at path (all borrowed). */
void canonical_init(struct canonical_docs *c, const char *path, const struct assessment *a,
		    const struct run_info *run);

/*
 * The parts the template at xsl_path declares it reads, in *mask
 * (EMIT_ALL_PARTS for a template that declares none: the whole document).
 * Returns SRMAP_EXIT_OK, or SRMAP_EXIT_CATALOG for a template whose
 * declaration is wrong (an unknown part; reported to d).
 *
 * The environment variable SRMAP_TEMPLATES_WHOLE (any value) makes every
 * template read the whole document: the tests compare both ways.
 */
int canonical_mask(struct canonical_docs *c, const char *xsl_path, unsigned *mask,
		   struct diag_list *d);

/*
 * The document of the parts in mask (*doc, borrowed from c), made when it is
 * first asked for, or NULL for the whole document, which canonical_whole
 * gives when the template runs (the file does not change, and a document of
 * parts freed by then leaves room for it).  A document holding the
 * diagnostics says what the run has reported by the time it is made.
 * Returns SRMAP_EXIT_OK, or SRMAP_EXIT_INTERNAL when it cannot be made.
 */
int canonical_get(struct canonical_docs *c, unsigned mask, xmlDocPtr *doc, struct diag_list *d);

/* The whole canonical document, parsed from the file the first time (borrowed), or NULL. */
xmlDocPtr canonical_whole(struct canonical_docs *c, struct diag_list *d);

/* Frees doc, one of c's documents, which no template reads any more. */
void canonical_drop(struct canonical_docs *c, xmlDocPtr doc);

/* Frees the documents. */
void canonical_release(struct canonical_docs *c);

#endif
