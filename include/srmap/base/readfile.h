/*
 * readfile.h - reads a whole input file into memory, with a size limit and
 * errors that name the file.
 */
#ifndef SRMAP_READFILE_H
#define SRMAP_READFILE_H

#include <stddef.h>
#include "srmap/base/diag.h"

/* Largest input accepted unless set otherwise (--max-input-size), in bytes: 4 GiB. */
#define READFILE_DEFAULT_MAX (4ULL << 30)

/*
 * Sets the largest input accepted, in bytes (after decompression for a
 * gzip file), for every later read of the process; 0 restores the default.
 * The limit keeps a mistaken input (a disk image, a log of years) from
 * exhausting memory or disk: most inputs are held in memory whole, and a
 * streamed gzip input is inflated into a temporary file.
 */
void readfile_set_max(unsigned long long bytes);

/* The largest input accepted now, in bytes. */
unsigned long long readfile_max(void);

/*
 * Parses a size as --max-input-size takes it: a whole number of bytes,
 * optionally followed by K, M, G or T (powers of 1024; "KiB" and "KB" are
 * read alike).  Returns 0 and sets *bytes, or -1 when s is no such size or
 * is 0.
 */
int readfile_parse_size(const char *s, unsigned long long *bytes);

/*
 * Reads the file at path.  On success returns 0 and sets *out to a new
 * NUL-terminated buffer (the caller frees it) holding *len bytes.  Returns -1
 * after reporting to d when the file cannot be opened or read, is a
 * directory, or is larger than readfile_max().
 */
int readfile(const char *path, char **out, size_t *len, struct diag_list *d);

/*
 * Reads an input file as readfile does and, when it is gzip-compressed
 * (its content starts with the gzip magic bytes, whatever its name), inflates
 * it in memory with zlib: *out gets the uncompressed text (caller frees), of
 * at most readfile_max() bytes.  sha256 and *file_size describe the file as
 * stored (the bytes an auditor hashes again), *gzipped says whether it was
 * compressed.  Returns -1 after reporting to d, also for a damaged or
 * truncated gzip stream.
 */
int readfile_input(const char *path, char **out, size_t *len, char sha256[65],
		   unsigned long long *file_size, int *gzipped, struct diag_list *d);

/* Whether the open file fd starts with the gzip magic bytes (read with pread: fd's offset stays). */
int readfile_is_gzip(int fd);

/*
 * Inflates the gzip file open as in (from its start; every member, as
 * readfile_input does) into the open file out, in pieces: neither the
 * compressed nor the inflated data is held whole.  Returns the number of
 * bytes written, or -1 without a message for a damaged or truncated stream,
 * data over readfile_max() or a read or write error (the caller reads the
 * file whole instead, which says what is wrong).
 */
long long readfile_inflate_fd(int in, int out);

#endif
