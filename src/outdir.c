/* outdir.c - atomic writes into the output folder. */
#include "outdir.h"
#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int outdir_prepare(const char *dir, struct diag_list *d)
{
	char *path = xstrdup(dir);
	int rc = 0;
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "cannot create output folder: %s",
				 strerror(errno));
			rc = -1;
			break;
		}
		*p = saved;
		if (!saved)
			break;
	}
	struct stat st;
	if (rc == 0 && (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "output path is not a folder");
		rc = -1;
	}
	free(path);
	return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int outdir_write(const char *dir, const char *name, const void *data, size_t len,
		 struct diag_list *d)
{
	char *final = xasprintf("%s/%s", dir, name);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	int rc = -1;
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, final, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	/* mkstemp creates 0600; reports are ordinary files, readable as umask allows. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		diag_add(d, DIAG_ERROR, final, 0, 0, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) < 0 || rename(tmp, final) < 0) {
		diag_add(d, DIAG_ERROR, final, 0, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);   /* make the rename itself durable */
		close(dfd);
	}
	rc = 0;
out:
	free(final);
	free(tmp);
	return rc;
}
