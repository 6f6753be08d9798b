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

/*
 * Reads an input file as readfile does and, when it is gzip-compressed
 * (its content starts with the gzip magic bytes, whatever its name), inflates
 * it in memory with zlib: *out gets the uncompressed text (caller frees), of
 * at most READFILE_MAX_BYTES.  sha256 and *file_size describe the file as
 * stored (the bytes an auditor hashes again), *gzipped says whether it was
 * compressed.  Returns -1 after reporting to d, also for a damaged or
 * truncated gzip stream.
 */
int readfile_input(const char *path, char **out, size_t *len, char sha256[65],
		   unsigned long long *file_size, int *gzipped, struct diag_list *d);

#endif
