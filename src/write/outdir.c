/* outdir.c - the output folder: atomic writes, a lock, dated folders and their pruning. */
#define _XOPEN_SOURCE 700   /* strptime */
#include "srmap/write/outdir.h"
#include "srmap/base/writeall.h"
#include "srmap/base/alloc.h"
#include "srmap/write/format.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/file.h>
#include <time.h>
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

/*
 * The output files being written, so that an exit on exhausted memory
 * (alloc.h), which can come from anywhere, still leaves no temporary file
 * behind: the previous report stays as it was.
 */
#define MAX_OPEN 32
static struct outfile *open_files[MAX_OPEN];

static void unlink_temporaries(void)
{
	for (size_t i = 0; i < MAX_OPEN; i++)
		if (open_files[i] && open_files[i]->tmp)
			unlink(open_files[i]->tmp);
}

static void track(struct outfile *f, struct outfile *was)
{
	for (size_t i = 0; i < MAX_OPEN; i++)
		if (open_files[i] == was) {
			open_files[i] = f;
			return;
		}
}

static void (*open_hook)(const char *path);

void outdir_on_open(void (*hook)(const char *path))
{
	open_hook = hook;
}

int outdir_remove_folder_at(int parent, const char *name)
{
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return e == ENOENT ? 0 : -1;
	}
	struct dirent *e;
	while ((e = readdir(dir))) {
		struct stat st;
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
			unlinkat(fd, e->d_name, 0);
	}
	closedir(dir);
	return unlinkat(parent, name, AT_REMOVEDIR);
}

/* DIR/NAME for a file of dir, and for one of a set folder DIR/.srmap-set.XXXXXX. */
static char *shown_name(const char *dir, const char *name)
{
	const char *slash = strrchr(dir, '/');
	const char *leaf = slash ? slash + 1 : dir;
	if (strncmp(leaf, OUTSET_PREFIX, strlen(OUTSET_PREFIX)) != 0)
		return xasprintf("%s/%s", dir, name);
	if (!slash)
		return xstrdup(name);
	return xasprintf("%.*s/%s", (int)(slash - dir), dir, name);
}

int outfile_open(struct outfile *f, const char *dir, const char *name, struct diag_list *d)
{
	f->final = xasprintf("%s/%s", dir, name);
	f->shown = shown_name(dir, name);
	f->tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	f->fd = mkstemp(f->tmp);
	if (f->fd < 0) {
		diag_add(d, DIAG_ERROR, f->shown, 0, 0, "cannot write: %s", strerror(errno));
		free(f->final);
		free(f->tmp);
		free(f->shown);
		*f = (struct outfile){ NULL, NULL, -1, NULL };
		return -1;
	}
	if (open_hook) {
		open_hook(f->tmp);
		open_hook(f->final);
	}
	/* mkstemp creates 0600; reports are ordinary files, readable as umask allows. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(f->fd, 0666 & ~mask);
	alloc_on_exhaustion(unlink_temporaries);
	track(f, NULL);
	return 0;
}

void outfile_abort(struct outfile *f)
{
	track(NULL, f);
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp)
		unlink(f->tmp);
	free(f->tmp);
	free(f->final);
	free(f->shown);
	*f = (struct outfile){ NULL, NULL, -1, NULL };
}

int outfile_commit(struct outfile *f, struct diag_list *d)
{
	track(NULL, f);
	int rc = fsync(f->fd);
	if (close(f->fd) < 0)
		rc = -1;
	f->fd = -1;
	if (rc < 0 || rename(f->tmp, f->final) < 0) {
		diag_add(d, DIAG_ERROR, f->shown, 0, 0, "cannot write: %s", strerror(errno));
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
	free(f->shown);
	*f = (struct outfile){ NULL, NULL, -1, NULL };
	return 0;
}

int outdir_write(const char *dir, const char *name, const void *data, size_t len,
		 struct diag_list *d)
{
	struct outfile f;
	if (outfile_open(&f, dir, name, d) < 0)
		return -1;
	if (write_all(f.fd, data, len) < 0) {
		diag_add(d, DIAG_ERROR, f.shown, 0, 0, "cannot write: %s", strerror(errno));
		outfile_abort(&f);
		return -1;
	}
	return outfile_commit(&f, d);
}

int outdir_lock(const char *dir, struct diag_list *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot open output folder: %s", strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	if (errno == EWOULDBLOCK) {
		if (d->stream && !d->quiet)
			fprintf(d->stream, "srmap: %s: waiting for another srmap run to finish\n", dir);
		if (flock(fd, LOCK_EX) == 0)
			return fd;
	}
	diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot lock output folder: %s", strerror(errno));
	close(fd);
	return -1;
}

void outdir_unlock(int fd)
{
	if (fd >= 0)
		close(fd);   /* closing the descriptor releases the flock */
}

char *outdir_expand(const char *pattern, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return NULL;
	char buf[PATH_MAX];
	/* The pattern is the user's --out value: a format string on purpose. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	size_t n = strftime(buf, sizeof buf, pattern, &tm);
#pragma GCC diagnostic pop
	return n ? xstrdup(buf) : NULL;
}

static int is_srmap_file(const char *name)
{
	return format_is_output_name(name, strlen(name));
}

/* A temporary of outfile_open: "." NAME "." and mkstemp's six characters. */
static int is_srmap_temp(const char *name)
{
	if (name[0] != '.')
		return 0;
	size_t len = strlen(name);
	if (len < 9 || name[len - 7] != '.')
		return 0;
	for (size_t i = len - 6; i < len; i++)
		if (!isalnum((unsigned char)name[i]))
			return 0;
	return format_is_output_name(name + 1, len - 8);   /* no allocation: it runs after a commit */
}

int outdir_remove_stale(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir)
		return 0;
	int removed = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		/* unlinkat: no allocation, so that it also runs after a set is committed */
		if (is_srmap_temp(e->d_name) && unlinkat(dirfd(dir), e->d_name, 0) == 0)
			removed++;
	}
	closedir(dir);
	return removed;
}

/* The last folder name of a pattern, ignoring trailing slashes, as a new string. */
static char *pattern_leaf(const char *pattern, char **parent)
{
	size_t len = strlen(pattern);
	while (len > 1 && pattern[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && pattern[start - 1] != '/')
		start--;
	if (parent)
		*parent = start == 0 ? xstrdup(".") : start == 1 ? xstrdup("/")
			  : xstrndup(pattern, start - 1);
	return xstrndup(pattern + start, len - start);
}

int outdir_is_dated(const char *pattern)
{
	char *leaf = pattern_leaf(pattern, NULL);
	int dated = strchr(leaf, '%') != NULL;
	free(leaf);
	return dated;
}

struct dated {
	char *name;
	time_t when;
};

static int by_when(const void *x, const void *y)
{
	const struct dated *a = x, *b = y;
	if (a->when != b->when)
		return a->when > b->when ? -1 : 1;   /* newest first */
	return strcmp(b->name, a->name);
}

/* A link of the report set (outset.c): "current", a half-made link, or one to "current/NAME". */
static int is_set_entry(const char *file)
{
	char target[PATH_MAX];
	ssize_t n = readlink(file, target, sizeof target - 1);
	if (n < 0)
		return 0;
	target[n] = '\0';
	const char *leaf = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	return !strcmp(leaf, "current") || !strcmp(leaf, ".srmap-link") ||
	       !strncmp(target, "current/", 8);
}

static int remove_output_folder(const char *path, struct diag_list *d)
{
	/* A run still writing into the folder holds its lock: leave the folder alone. */
	int lock = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0)
		return -1;
	if (flock(lock, LOCK_EX | LOCK_NB) < 0) {
		close(lock);
		return -1;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		close(lock);
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(dir))) {
		char *file = xasprintf("%s/%s", path, e->d_name);
		if (!strncmp(e->d_name, ".srmap-set.", 11))
			outdir_remove_folder_at(AT_FDCWD, file);
		else if (is_srmap_file(e->d_name) || is_srmap_temp(e->d_name) || is_set_entry(file))
			unlink(file);
		free(file);
	}
	closedir(dir);
	int rc = rmdir(path);
	close(lock);
	if (rc < 0) {
		diag_add(d, DIAG_WARNING, path, 0, 0, "not pruned: the folder holds files srmap did "
			 "not write");
		return -1;
	}
	return 0;
}

int outdir_prune(const char *pattern, int keep, struct diag_list *d)
{
	char *parent;
	char *leaf = pattern_leaf(pattern, &parent);
	DIR *dir = strchr(leaf, '%') ? opendir(parent) : NULL;
	if (!dir) {
		free(leaf);
		free(parent);
		return 0;
	}
	struct dated *list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		struct tm tm = { 0 };
		const char *end = strptime(e->d_name, leaf, &tm);
		if (!end || *end || e->d_name[0] == '.')
			continue;
		/* Only names the pattern would produce for that time (strptime is lenient). */
		time_t when = timegm(&tm);
		char *again = outdir_expand(leaf, (long long)when);
		int exact = again && !strcmp(again, e->d_name);
		free(again);
		char *path = xasprintf("%s/%s", parent, e->d_name);
		char *marker = xasprintf("%s/assessment.xml", path);
		int ours = access(marker, F_OK) == 0;
		free(marker);
		if (!exact || !ours) {
			free(path);
			continue;
		}
		GROW(list, cap, n + 1);
		list[n++] = (struct dated){ path, when };
	}
	closedir(dir);
	if (n)
		qsort(list, n, sizeof(*list), by_when);
	int removed = 0;
	for (size_t i = 0; i < n; i++) {
		if (i >= (size_t)keep && remove_output_folder(list[i].name, d) == 0)
			removed++;
		free(list[i].name);
	}
	free(list);
	free(leaf);
	free(parent);
	return removed;
}
