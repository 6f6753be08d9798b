/*
 * digest.h - SHA-256 of files and memory, through OpenSSL's libcrypto.
 */
#ifndef SRMAP_DIGEST_H
#define SRMAP_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX_LEN 65   /* 64 hex digits and a NUL */

/* Writes the lower-case hex SHA-256 of len bytes at data into hex. Returns 0, or -1. */
int digest_sha256(const void *data, size_t len, char hex[DIGEST_HEX_LEN]);

/*
 * Hashes the file at path; on success returns 0 and sets hex and *size.
 * Returns -1 with errno set when the file cannot be read.
 */
int digest_sha256_file(const char *path, char hex[DIGEST_HEX_LEN], unsigned long long *size);

#endif
