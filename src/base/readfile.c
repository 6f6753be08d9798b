/*
 * readfile.c - whole-file reads for the input readers, gzip-compressed
 * inputs inflated in memory (zlib).
 */
#include "srmap/base/readfile.h"
#include "srmap/base/writeall.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"

#include <zlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long max_bytes = READFILE_DEFAULT_MAX;

void readfile_set_max(unsigned long long bytes)
{
	max_bytes = bytes ? bytes : READFILE_DEFAULT_MAX;
}

unsigned long long readfile_max(void)
{
	return max_bytes;
}

int readfile_parse_size(const char *s, unsigned long long *bytes)
{
	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	char *end;
	unsigned long long n = strtoull(s, &end, 10);
	if (errno || !n)
		return -1;
	static const char units[] = "KMGT";
	const char *u = *end ? strchr(units, toupper((unsigned char)*end)) : NULL;
	if (*end && !u)
		return -1;
	if (u) {
		end++;
		if (*end == 'i' || *end == 'I')
			end++;
		if (*end == 'B' || *end == 'b')
			end++;
		for (const char *k = units; k <= u; k++) {
			if (n > ULLONG_MAX / 1024)
				return -1;
			n *= 1024;
		}
	}
	if (*end)
		return -1;
	*bytes = n;
	return 0;
}

/* "4 GiB", "512 MiB", "1500 bytes": the limit as messages name it, in a static buffer. */
static const char *limit_text(void)
{
	static char text[48];
	static const char *const names[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	unsigned long long n = max_bytes;
	int k = 0;
	while (k < 4 && n % 1024 == 0) {
		n /= 1024;
		k++;
	}
	snprintf(text, sizeof text, "%llu %s", n, names[k]);
	return text;
}

int readfile(const char *path, char **out, size_t *len, struct diag_list *d)
{
	*out = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		diag_add(d, DIAG_ERROR, path, 0, 0, "is a directory, expected a file");
		return -1;
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		GROW(buf, cap, n + 65536);
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max_bytes) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "file larger than the input size limit of %s "
				 "(raise it with --max-input-size)", limit_text());
			free(buf);
			fclose(f);
			return -1;
		}
		if (got == 0)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "read error");
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* Inflates the gzip stream raw (len bytes) into *out; -1 after reporting to d. */
static int inflate_gzip(const char *path, const unsigned char *raw, size_t len, char **out,
			size_t *out_len, struct diag_list *d)
{
	z_stream z = { 0 };
	/* 15 + 16: a gzip header and trailer around the deflate data. */
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot start zlib");
		return -1;
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	z.next_in = (unsigned char *)raw;
	int rc = Z_OK;
	/* Several gzip members one after another are one file (as gzip -d reads them). */
	while (rc != Z_STREAM_END || z.avail_in) {
		if (rc == Z_STREAM_END && inflateReset(&z) != Z_OK)
			break;
		z.avail_in = (uInt)(len - (size_t)(z.next_in - raw) > 1u << 30 ? 1u << 30 :
				    len - (size_t)(z.next_in - raw));
		if (!z.avail_in) {
			rc = Z_BUF_ERROR;
			break;
		}
		GROW(buf, cap, n + 65536 + 1);
		z.next_out = (unsigned char *)buf + n;
		z.avail_out = (uInt)(cap - n - 1 > 1u << 30 ? 1u << 30 : cap - n - 1);
		size_t room = z.avail_out;
		rc = inflate(&z, Z_NO_FLUSH);
		n += room - z.avail_out;
		if (n > max_bytes) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "uncompressed data larger than the input size "
				 "limit of %s (raise it with --max-input-size)", limit_text());
			inflateEnd(&z);
			free(buf);
			return -1;
		}
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
	}
	if (rc != Z_STREAM_END) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "not a valid gzip file: %s",
			 rc == Z_BUF_ERROR ? "the compressed data ends too early" :
			 z.msg ? z.msg : "damaged data");
		inflateEnd(&z);
		free(buf);
		return -1;
	}
	inflateEnd(&z);
	GROW(buf, cap, n + 1);
	buf[n] = '\0';
	*out = buf;
	*out_len = n;
	return 0;
}

int readfile_input(const char *path, char **out, size_t *len, char sha256[65],
		   unsigned long long *file_size, int *gzipped, struct diag_list *d)
{
	char *raw;
	size_t n;
	*gzipped = 0;
	sha256[0] = '\0';
	if (readfile(path, &raw, &n, d) < 0)
		return -1;
	*file_size = n;
	if (digest_sha256(raw, n, sha256) < 0)
		sha256[0] = '\0';
	if (n < 2 || (unsigned char)raw[0] != 0x1f || (unsigned char)raw[1] != 0x8b) {
		*out = raw;
		*len = n;
		return 0;
	}
	*gzipped = 1;
	int rc = inflate_gzip(path, (unsigned char *)raw, n, out, len, d);
	free(raw);
	return rc;
}

int readfile_is_gzip(int fd)
{
	unsigned char magic[2];
	return pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

#define INFLATE_PIECE (1u << 20)

long long readfile_inflate_fd(int in, int out)
{
	z_stream z = { 0 };
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	unsigned char *src = xmalloc(INFLATE_PIECE), *dst = xmalloc(INFLATE_PIECE);
	unsigned long long total = 0;
	off_t at = 0;
	int rc = Z_OK, eof = 0, failed = 0;
	/* Several gzip members one after another are one file, as inflate_gzip reads them. */
	while (!failed) {
		if (!z.avail_in && !eof) {
			ssize_t r = pread(in, src, INFLATE_PIECE, at);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				failed = 1;
				break;
			}
			eof = r == 0;
			at += r;
			z.next_in = src;
			z.avail_in = (uInt)r;
		}
		if (rc == Z_STREAM_END) {
			if (!z.avail_in && eof)
				break;              /* the last member ended with the file */
			if (!z.avail_in)
				continue;
			if (inflateReset(&z) != Z_OK) {
				failed = 1;
				break;
			}
		}
		if (!z.avail_in && eof) {
			failed = 1;                 /* the data ends inside a member */
			break;
		}
		z.next_out = dst;
		z.avail_out = INFLATE_PIECE;
		rc = inflate(&z, Z_NO_FLUSH);
		size_t got = INFLATE_PIECE - z.avail_out;
		total += got;
		if ((rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) ||
		    (rc == Z_BUF_ERROR && eof && !z.avail_in) || total > max_bytes ||
		    write_all(out, dst, got) < 0)
			failed = 1;
	}
	inflateEnd(&z);
	free(src);
	free(dst);
	return failed ? -1 : (long long)total;
}
