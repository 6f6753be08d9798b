/*
 * isotime.h - strict ISO 8601 timestamps, as audit records need them.
 *
 * Accepted: YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or +hh:mm / -hh:mm.
 * A timestamp without a time zone is ambiguous in an audit and is refused.
 */
#ifndef SRMAP_ISOTIME_H
#define SRMAP_ISOTIME_H

#include <stdint.h>
#include <stddef.h>

/* Parses s into seconds since the epoch (UTC); returns 0, or -1 if s is not valid. */
int isotime_parse(const char *s, int64_t *out);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into buf (ISOTIME_LEN bytes). */
#define ISOTIME_LEN 32
void isotime_format(int64_t t, char buf[ISOTIME_LEN]);

#endif
