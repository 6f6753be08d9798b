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

int outfile_open(struct outfile *f, const char *dir, const char *name, struct diag_list *d)
{
	f->final = xasprintf("%s/%s", dir, name);
	f->tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	f->fd = mkstemp(f->tmp);
	if (f->fd < 0) {
		diag_add(d, DIAG_ERROR, f->final, 0, 0, "cannot write: %s", strerror(errno));
		free(f->final);
		free(f->tmp);
		*f = (struct outfile){ NULL, NULL, -1 };
		return -1;
	}
	/* mkstemp creates 0600; reports are ordinary files, readable as umask allows. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(f->fd, 0666 & ~mask);
	return 0;
}

void outfile_abort(struct outfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp)
		unlink(f->tmp);
	free(f->tmp);
	free(f->final);
	*f = (struct outfile){ NULL, NULL, -1 };
}

int outfile_commit(struct outfile *f, struct diag_list *d)
{
	int rc = fsync(f->fd);
	if (close(f->fd) < 0)
		rc = -1;
	f->fd = -1;
	if (rc < 0 || rename(f->tmp, f->final) < 0) {
		diag_add(d, DIAG_ERROR, f->final, 0, 0, "cannot write: %s", strerror(errno));
		outfile_abort(f);
		return -1;
	}
	char *dir = xstrdup(f->final);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);   /* make the rename itself durable */
		close(dfd);
	}
	free(dir);
	free(f->tmp);
	free(f->final);
	*f = (struct outfile){ NULL, NULL, -1 };
	return 0;
}

int outdir_write(const char *dir, const char *name, const void *data, size_t len,
		 struct diag_list *d)
{
	struct outfile f;
	if (outfile_open(&f, dir, name, d) < 0)
		return -1;
	if (write_all(f.fd, data, len) < 0) {
		diag_add(d, DIAG_ERROR, f.final, 0, 0, "cannot write: %s", strerror(errno));
		outfile_abort(&f);
		return -1;
	}
	return outfile_commit(&f, d);
}
