/*
 * verdict.h - internal to the assess stage: the rules every check follows,
 * whether it is a workload's or an organisation's (verdict.c).
 */
#ifndef SRMAP_ASSESS_VERDICT_H
#define SRMAP_ASSESS_VERDICT_H

#include "srmap/model.h"
#include "srmap/read.h"

#include <stdint.h>

/* The key of the evidence index for (scope, id, control); the caller frees it. */
char *verdict_key(enum scope_kind scope, const char *id, const char *control);

/*
 * verdict_key made in buf (cap bytes) when it fits, for lookups made for
 * every check: returns buf, or a new string the caller frees when it is not buf.
 */
char *verdict_key_in(char *buf, size_t cap, enum scope_kind scope, const char *id,
		     const char *control);

/*
 * The time record e counts as collected at under profile p: its own, or for
 * an undated record the as-of time (undated evidence current) or INT64_MIN
 * (stale), so that dated evidence always wins over it.
 */
int64_t verdict_time(const struct profile *p, const struct evidence *e);

/* The status of a check with this owner and deciding record e (NULL for none), under p. */
enum status verdict_status(const struct profile *p, enum owner owner, const struct evidence *e);

#endif
