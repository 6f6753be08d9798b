/*
 * fuzz_merge.c - libFuzzer harness for `srmap merge` (merge.h): the parts
 * of a sharded run, as a scheduler's shared folder holds them.
 *
 * The input is one or more parts separated by the two bytes "\0\0"; each is
 * written to a scratch file, the set is checked (merge_open) and, when it
 * belongs together, merged into /dev/null (merge_write).  Whatever the
 * bytes, the result is a merge or an input error, never a crash; a failed
 * merge must come with an error message.
 */
#include "fuzz_common.h"
#include "srmap/base/srmap.h"
#include "srmap/write/merge.h"

#include <fcntl.h>
#include <sys/stat.h>

enum { MAX_PARTS = 8 };

static char dir[256];
static int devnull = -1;

static void put(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n <= 0)
			abort();
		data += n;
		size -= (size_t)n;
	}
	close(fd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof dir, "%s/srmap-fuzz-merge-%ld", base, (long)getpid());
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0 || mkdir(dir, 0700) < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char paths[MAX_PARTS][300];
	const char *names[MAX_PARTS];
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= size && n < MAX_PARTS; i++) {
		int sep = i + 1 < size && data[i] == 0 && data[i + 1] == 0;
		if (i < size && !sep)
			continue;
		snprintf(paths[n], sizeof paths[n], "%s/part-%zu.xml", dir, n);
		put(paths[n], data + start, i - start);
		names[n] = paths[n];
		n++;
		start = i + 2;
		i++;
	}
	struct diag_list d;
	diag_init(&d, NULL);
	struct merge_set m;
	int rc = merge_open(&m, names, n, &d);
	if (rc == SRMAP_EXIT_OK)
		rc = merge_write(&m, devnull, &d);
	FUZZ_CHECK(rc == SRMAP_EXIT_OK || rc == SRMAP_EXIT_INPUT);
	FUZZ_CHECK(rc == SRMAP_EXIT_OK || diag_failures(&d) > 0);
	merge_release(&m);
	diag_release(&d);
	return 0;
}
