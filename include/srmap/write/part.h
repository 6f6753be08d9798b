/*
 * part.h - the part a shard of a sharded run writes (assess --shard K/N):
 * its file name and its header, the <?srmap-part ...?> instruction before
 * the root that says which shard it is and what srmap merge is to make
 * (merge.h has the rest of the format).
 */
#ifndef SRMAP_PART_H
#define SRMAP_PART_H

#include <stddef.h>

/* The version of the part format this srmap writes and reads. */
#define PART_FORMAT_VERSION "1"

/*
 * The data of a part's <?srmap-part ...?> instruction for shard k of n
 * dealt out by by ("subscription" or "workload"), made for the formats
 * listed (names comma-separated), the PDF detail, and the PDF template and
 * logo (either may be NULL).  Returns an allocated string (caller frees).
 */
char *part_header(unsigned k, unsigned n, const char *by, const char *formats,
		 const char *pdf_detail, const char *pdf_template, const char *logo);

/* The folder of the output folder that shards write their parts into. */
#define PART_FOLDER "parts"

/*
 * The file a shard writes into the parts folder of its output folder,
 * "part-K-of-N.xml", into buf of size len.
 */
void part_name(char *buf, size_t len, unsigned k, unsigned n);

/*
 * Whether name (len bytes) has the form of a part's file name.  Allocates
 * nothing.
 */
int part_is_name(const char *name, size_t len);

/*
 * The value of key in the header data h (len bytes: the text between
 * "<?srmap-part " and "?>"), percent-decoded, or NULL when it has none.
 * The caller frees it.
 */
char *part_header_value(const char *h, size_t len, const char *key);

#endif
