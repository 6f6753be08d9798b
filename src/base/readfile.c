/* readfile.c - whole-file reads for the input readers. */
#include "srmap/base/readfile.h"
#include "srmap/base/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
		if (n > READFILE_MAX_BYTES) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "file larger than %u MB",
				 READFILE_MAX_BYTES / (1024u * 1024u));
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
