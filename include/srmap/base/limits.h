/*
 * limits.h - the limits on what one input file may hold, beyond its size
 * (readfile.h): how deeply JSON may nest, how long one string may be, how
 * many records a file may give.  Set once from the command line
 * (--max-depth, --max-string, --max-records) before any input is read.
 */
#ifndef SRMAP_LIMITS_H
#define SRMAP_LIMITS_H

#include <stddef.h>

/* Defaults. */
#define LIMIT_DEFAULT_DEPTH   512
#define LIMIT_DEFAULT_STRING  (1u << 20)          /* 1 MiB */
#define LIMIT_DEFAULT_RECORDS 10000000u

/* Largest values accepted: cJSON stops at 1000 levels, libxml2 at 10 MB of text per node. */
#define LIMIT_MAX_DEPTH       900
#define LIMIT_MAX_STRING      (8u << 20)          /* 8 MiB */

/* Sets a limit; 0 restores the default. */
void limits_set_depth(int depth);
void limits_set_string(size_t bytes);
void limits_set_records(size_t records);

/*
 * Lifts the depth and string limits (on != 0) or puts them back (on == 0),
 * for catalog files: the catalog is srmap's own data, not client input, and
 * its descriptions and framework lists exceed limits a user may set low.
 */
void limits_lift(int on);

/* The limits in force. */
int limits_depth(void);
size_t limits_string(void);
size_t limits_records(void);

#endif
