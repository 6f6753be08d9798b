/*
 * fuzz_gzip.c - libFuzzer harness for gzip-compressed input
 * (readfile_input in readfile.h) and the readers behind it.
 *
 * The first byte of an input chooses what the rest is:
 *   even: the bytes of a file that claims to be gzip (the magic bytes are
 *         forced), so that damaged headers, truncated streams, several
 *         members and trailing garbage reach the inflater; readfile_input
 *         must then fail with an error or give at most the input size limit
 *         (set low here, 1 MiB, so that a bomb is refused, not followed), and
 *         the piecewise inflater of streamed input (readfile_inflate_fd)
 *         must give the same bytes or fail alike;
 *   odd:  a plain file, which the harness compresses itself (as one gzip
 *         member, or as two when the second byte is odd): readfile_input
 *         must give back exactly the plain bytes and the SHA-256 of the
 *         file as stored, and reading the compressed file through the
 *         reader table (format detected, evidence role) must give the same
 *         records and diagnostics as reading the plain file, but for the
 *         stored file's size and hash.
 * Build and run with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/base/digest.h"
#include "srmap/base/readfile.h"
#include "srmap/read/evidence.h"
#include "srmap/read/inventory.h"
#include "srmap/read/reader.h"

#include <zlib.h>

#define LIMIT (1u << 20)

static struct catalog cat;
static char plain_path[256];
static int plain_fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_catalog(&cat);
	readfile_set_max(LIMIT);
	/* A second scratch file for the plain text beside the compressed one. */
	fuzz_tmp_open("gzip-plain");
	plain_fd = fuzz_tmp_fd;
	snprintf(plain_path, sizeof plain_path, "%s", fuzz_tmp_path);
	fuzz_tmp_open("gzip");
	return 0;
}

/* Appends one gzip member of data to *out (grown with realloc); aborts on a zlib failure. */
static void gzip_member(const uint8_t *data, size_t size, uint8_t **out, size_t *len)
{
	z_stream z = { 0 };
	FUZZ_CHECK(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	size_t room = deflateBound(&z, (uLong)size) + 32;
	*out = realloc(*out, *len + room);
	FUZZ_CHECK(*out != NULL);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	z.next_out = *out + *len;
	z.avail_out = (uInt)room;
	FUZZ_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
	*len += room - z.avail_out;
	deflateEnd(&z);
}

static void read_raw(const uint8_t *data, size_t size)
{
	uint8_t *gz = malloc(size + 2);
	FUZZ_CHECK(gz != NULL);
	gz[0] = 0x1f;
	gz[1] = 0x8b;
	memcpy(gz + 2, data, size);
	const char *path = fuzz_tmp_write(gz, size + 2);
	free(gz);
	struct diag_list d;
	diag_init(&d, NULL);
	char *out = NULL, sha[65];
	size_t len = 0;
	unsigned long long fsize;
	int gzipped;
	/* The inflater of streamed input (into a file, in pieces) agrees with the one in memory. */
	FUZZ_CHECK(ftruncate(plain_fd, 0) == 0 && lseek(plain_fd, 0, SEEK_SET) == 0);
	long long piecewise = readfile_inflate_fd(fuzz_tmp_fd, plain_fd);
	if (readfile_input(path, &out, &len, sha, &fsize, &gzipped, &d) == 0) {
		FUZZ_CHECK(gzipped && len <= LIMIT && out[len] == '\0');
		FUZZ_CHECK(fsize == size + 2 && strlen(sha) == 64);
		FUZZ_CHECK(piecewise == (long long)len);
		char *back = malloc(len + 1);
		FUZZ_CHECK(back != NULL && pread(plain_fd, back, len, 0) == (ssize_t)len);
		FUZZ_CHECK(memcmp(back, out, len) == 0);
		free(back);
		free(out);
	} else {
		FUZZ_CHECK(d.errors > 0);
		FUZZ_CHECK(piecewise < 0);
	}
	diag_release(&d);
}

struct outcome {
	struct diag_list d;
	struct reader_stats st;
	struct evidence_set ev;
	int rc;
};

static void read_file(struct outcome *o, const char *path)
{
	struct inventory inv;
	inventory_init(&inv);
	evidence_init(&o->ev);
	diag_init(&o->d, NULL);
	reader_stats_init(&o->st);
	struct import_env env;
	import_env_init(&env, &cat, &inv, &o->ev, 1795132800);
	env.match_resources = 0;
	o->rc = reader_read_file(&env, path, READER_ROLE_COUNT, NULL, &o->st, &o->d);
	import_env_release(&env);
	inventory_release(&inv);
}

static void release(struct outcome *o)
{
	reader_stats_release(&o->st);
	evidence_release(&o->ev);
	diag_release(&o->d);
}

static void read_compressed(const uint8_t *data, size_t size, int members)
{
	uint8_t *gz = NULL;
	size_t gzlen = 0, half = members == 2 ? size / 2 : size;
	gzip_member(data, half, &gz, &gzlen);
	if (members == 2)
		gzip_member(data + half, size - half, &gz, &gzlen);
	const char *path = fuzz_tmp_write(gz, gzlen);
	char want[65];
	FUZZ_CHECK(digest_sha256(gz, gzlen, want) == 0);
	free(gz);

	struct diag_list d;
	diag_init(&d, NULL);
	char *out = NULL, sha[65];
	size_t len = 0;
	unsigned long long fsize;
	int gzipped;
	FUZZ_CHECK(readfile_input(path, &out, &len, sha, &fsize, &gzipped, &d) == 0);
	FUZZ_CHECK(gzipped && fsize == gzlen && strcmp(sha, want) == 0);
	FUZZ_CHECK(len == size && memcmp(out, data, size) == 0);
	free(out);
	diag_release(&d);

	/*
	 * The same text, compressed or not, reads alike; but for text that is
	 * itself gzip data: srmap inflates one layer, so the plain file is
	 * inflated and the compressed one read as the gzip bytes it holds.
	 */
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
		return;
	if (ftruncate(plain_fd, 0) < 0 || (size && pwrite(plain_fd, data, size, 0) != (ssize_t)size))
		abort();
	struct outcome p, z;
	read_file(&p, plain_path);
	read_file(&z, path);
	FUZZ_CHECK(p.rc == z.rc && p.d.errors == z.d.errors && p.d.warnings == z.d.warnings);
	FUZZ_CHECK(p.st.read == z.st.read && p.st.added == z.st.added && p.ev.n == z.ev.n);
	FUZZ_CHECK((p.st.format == NULL) == (z.st.format == NULL));
	release(&p);
	release(&z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > LIMIT / 2)
		return 0;
	if (data[0] % 2 == 0)
		read_raw(data + 1, size - 1);
	else
		read_compressed(data + 2, size - 2, data[1] % 2 ? 2 : 1);
	return 0;
}
