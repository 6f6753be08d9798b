/*
 * shape_text.h - what a file that is not JSON looks like when it is not a
 * CSV either: a report (Prowler's, ScubaGear's or Maester's HTML, any
 * HTML, XML or PDF), a spreadsheet or archive, a lone JSON value, UTF-16
 * text.  Internal to the read stage; shape_hint.c asks it first.
 */
#ifndef SRMAP_SHAPE_TEXT_H
#define SRMAP_SHAPE_TEXT_H

#include "srmap/read/input.h"

/*
 * The message for the text of in (a file that is not JSON; lowercase, no
 * final full stop; the caller frees it), or NULL when it may be a CSV.
 */
char *shape_text_hint(const struct input_text *in);

#endif
