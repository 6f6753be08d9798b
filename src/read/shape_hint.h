/*
 * shape_hint.h - what a file that no reader takes looks like, and what to
 * give srmap instead: another tool's report (HTML, PDF, a spreadsheet), an
 * export of the wrong kind (Defender alerts instead of assessments, policy
 * definitions instead of states, sign-in logs), or JSON that resembles a
 * format srmap reads but lacks the keys its reader needs.  Internal to the
 * read stage; reader.c asks before it falls back or gives up.
 */
#ifndef SRMAP_SHAPE_HINT_H
#define SRMAP_SHAPE_HINT_H

#include "srmap/read/input.h"

/*
 * The message for in (lowercase, no final full stop; the caller frees it),
 * or NULL when there is nothing better to say than the caller's own
 * message.  detected is the handler detection chose (NULL: none); a known
 * shape that is not srmap's to read takes the file only from the generic
 * handlers it resembles (a CSV, a resource list), never from a specific
 * one.  With no handler detected, JSON that resembles a handler of table
 * (the reader table, ending with a NULL name) gets the closest one and the
 * keys it lacks.  An object that looks like srmap's own JSON (a
 * "workloads" or "evidence" array, an srmap marker) gets no hint: srmap's
 * reader says what it lacks.
 */
char *shape_hint(const struct input_text *in, const struct reader *detected,
		 const struct reader *table);

/*
 * "its first record has KEY, KEY, ..." for JSON records that match nothing
 * (to add to the message that says so; the caller frees it), or NULL when
 * the file has no record object.
 */
char *shape_record_keys(const struct input_text *in);

#endif
