/*
 * readfile.h - reads a whole input file into memory, with a size limit and
 * errors that name the file.
 */
#ifndef SRMAP_READFILE_H
#define SRMAP_READFILE_H

#include <stddef.h>
#include "srmap/base/diag.h"

/* Largest input file accepted, in bytes. */
#define READFILE_MAX_BYTES (512u * 1024u * 1024u)

/*
 * Reads the file at path.  On success returns 0 and sets *out to a new
 * NUL-terminated buffer (the caller frees it) holding *len bytes.  Returns -1
 * after reporting to d when the file cannot be opened or read, is a
 * directory, or is larger than READFILE_MAX_BYTES.
 */
int readfile(const char *path, char **out, size_t *len, struct diag_list *d);

#endif
