/*
 * fuzz_common.h - what the libFuzzer harnesses of tests/fuzz/ share: quiet
 * diagnostics, the repository's top folder (for the shipped catalog and the
 * sample inputs), and a scratch file for the readers that only read files.
 *
 * FUZZ_TOP is the repository's absolute path, given by the Makefile's fuzz
 * target (-DFUZZ_TOP=...).  Everything here is static: each harness is one
 * translation unit linked against the library sources.
 */
#ifndef SRMAP_FUZZ_COMMON_H
#define SRMAP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srmap/model/catalog.h"
#include "srmap/base/diag.h"
#include "srmap/read/reader.h"

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

/* Stops the run with a message: an invariant of the code under test does not hold. */
#define FUZZ_CHECK(cond)                                                                  \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,  \
				#cond);                                                   \
			abort();                                                          \
		}                                                                         \
	} while (0)

/* The scratch file: created once per process (unlinked), rewritten for every input. */
static char fuzz_tmp_path[256];
static int fuzz_tmp_fd = -1;

static inline void fuzz_tmp_open(const char *tag)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(fuzz_tmp_path, sizeof fuzz_tmp_path, "%s/srmap-fuzz-%s-XXXXXX",
		 dir && *dir ? dir : "/tmp", tag);
	fuzz_tmp_fd = mkstemp(fuzz_tmp_path);
	if (fuzz_tmp_fd < 0) {
		perror(fuzz_tmp_path);
		abort();
	}
	/* Unlinked at once, it goes away with the process, even after a crash. */
	unlink(fuzz_tmp_path);
	snprintf(fuzz_tmp_path, sizeof fuzz_tmp_path, "/proc/self/fd/%d", fuzz_tmp_fd);
}

/* Replaces the scratch file's contents with the input; returns its path. */
static inline const char *fuzz_tmp_write(const uint8_t *data, size_t size)
{
	if (ftruncate(fuzz_tmp_fd, 0) < 0)
		abort();
	size_t off = 0;
	while (off < size) {
		ssize_t n = pwrite(fuzz_tmp_fd, data + off, size - off, (off_t)off);
		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	return fuzz_tmp_path;
}

/* Loads the shipped catalog into cat; aborts when it does not load. */
static inline void fuzz_load_catalog(struct catalog *cat)
{
	struct diag_list d;
	diag_init(&d, stderr);
	d.quiet = 1;
	if (catalog_load(cat, FUZZ_TOP "/catalog/catalog.json", NULL, 0, &d) < 0) {
		fprintf(stderr, "fuzz: the shipped catalog does not load (FUZZ_TOP=%s)\n", FUZZ_TOP);
		abort();
	}
	diag_release(&d);
}

/* "FORMAT:path" for one reader of role, picked by the input (each input tries one format). */
static inline const char *fuzz_forced_arg(char *buf, size_t cap, const uint8_t *data, size_t size,
					   const char *path, enum reader_role role)
{
	size_t n = 0, pick = size + (size ? data[0] : 0);
	for (const struct reader *r = readers; r->name; r++)
		n += r->role == role;
	pick %= n;
	for (const struct reader *r = readers; r->name; r++)
		if (r->role == role && pick-- == 0) {
			snprintf(buf, cap, "%s:%s", r->name, path);
			break;
		}
	return buf;
}

#endif
