/*
 * merge.h - the parts of a sharded run (assess --shard K/N), checked and
 * put back together into the canonical XML an unsharded run writes.
 *
 * A part is the canonical XML of the whole assessment with the other
 * shards' workloads, evidence and findings left out; a processing
 * instruction <?srmap-part ...?> before the root says which shard it is and
 * what the merge is to make, and <?srmap-skip SECTION COUNT?> says how many
 * elements of a section the part leaves out at that place (xmlout.h).
 * Every other part of the document is the same in every part; merging
 * copies it from shard 0 once it is found byte for byte equal in all, and
 * deals the shared-out sections back in order.  No element is parsed or
 * written again: the merged file is the unsharded run's, byte for byte.
 */
#ifndef SRMAP_MERGE_H
#define SRMAP_MERGE_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/write/part.h"

struct part;

struct merge_set {
	struct part *parts;     /* owned, in shard order */
	size_t n;
	/* What the shards were told to make, from their headers (owned): */
	char *formats;          /* the --format list, names comma-separated */
	char *pdf_detail;       /* "full" or "summary" */
	char *pdf_template;     /* a user's PDF template, or NULL */
	char *logo;             /* the profile's logo, or NULL */
	long long generated;    /* the run's time, from the root's generated attribute */
};

/*
 * Maps the n part files at paths (borrowed; they must outlive m) and checks
 * that they belong together: each a part of this srmap's part format
 * version, of one shard count, each shard once, none missing, made for the
 * same formats.  Returns SRMAP_EXIT_OK, or SRMAP_EXIT_INPUT after reporting
 * on d which part is wrong and why.  Release m with merge_release either way.
 */
int merge_open(struct merge_set *m, const char *const *paths, size_t n, struct diag_list *d);

/*
 * Writes the merged canonical XML to fd.  Returns SRMAP_EXIT_OK,
 * SRMAP_EXIT_INPUT when the parts turn out not to be of one run or one is
 * cut short (reported on d with the part, line and what differs), or
 * SRMAP_EXIT_OUTPUT when writing fails (errno says why; not reported).
 */
int merge_write(struct merge_set *m, int fd, struct diag_list *d);

/* Unmaps the parts and frees what m owns. */
void merge_release(struct merge_set *m);

#endif
