/*
 * attach.h - the evidence artifacts a PDF carries (--attach-evidence): which
 * files, read back and checked against the hashes the report records, and
 * what the PDF template is told about them.  Internal to write/.
 */
#ifndef SRMAP_WRITE_ATTACH_H
#define SRMAP_WRITE_ATTACH_H

#include "srmap/assess.h"
#include "srmap/pdf.h"
#include "srmap/base/diag.h"

#include <stdint.h>

struct strbuf {
	char *s;
	size_t len, cap;
};

/* What --attach-evidence attaches, and what the PDF template is told about it. */
struct attach_set {
	int active;
	struct pdf_attachment *items;
	size_t n, cap;
	struct strbuf attached;    /* template parameter "attachments" */
	struct strbuf skipped;     /* template parameter "attachments-skipped" */
	char limit[32];            /* template parameter "attach-limit" */
};

#define ATTACH_SKIPPED ((uintptr_t)-1)   /* left out: over the size limit */
#define ATTACH_FAILED ((uintptr_t)-2)    /* left out: changed or unreadable (warned) */

/*
 * Chooses the artifacts to attach, at most limit bytes in all, and reads
 * them into set (see attach.c); warns on d about what is left out.  Free
 * with attach_release.
 */
void attach_collect(const struct assessment *a, unsigned long long limit,
		    struct attach_set *set, struct diag_list *d);

/* Frees what set holds and empties it. */
void attach_release(struct attach_set *set);

#endif
