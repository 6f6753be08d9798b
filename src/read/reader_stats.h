/*
 * reader_stats.h - what the readers add to the statistics of a file:
 * tallies of identifiers.  The statistics themselves, as the stages above
 * see them, are srmap/read/reader_stats.h.
 */
#ifndef SRMAP_READER_STATS_INT_H
#define SRMAP_READER_STATS_INT_H

#include "srmap/base/diag.h"
#include "srmap/read/reader_stats.h"

/* Adds one occurrence of id to t (id copied; source is static, or NULL). */
void tally_add(struct tally *t, const char *id, const char *source, struct srcpos pos);

#endif
