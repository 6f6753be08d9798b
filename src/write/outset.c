/*
 * outset.c - the report set of a run, committed as a whole: every file is
 * written into a hidden per-run folder of the output folder, and the set is
 * switched in by one rename(2) of the symbolic link DIR/current.  Owns the
 * signal handling and the exit hook that remove an uncommitted set.
 */
#include "srmap/write/outdir.h"
#include "srmap/write/format.h"
#include "srmap/base/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SET_PREFIX OUTSET_PREFIX
#define LINK_TMP ".srmap-link"
#define MAX_PATHS 64

/*
 * What a signal handler or the exit hook removes: the files of the set being
 * written and its folder.  Entries are added with signals blocked and the
 * count raised last, so that a handler sees only whole strings.
 */
static char *pending_paths[MAX_PATHS];
static volatile sig_atomic_t npending;
static char *pending_stage;
static volatile sig_atomic_t stage_live;
static const int handled[] = { SIGTERM, SIGINT, SIGHUP };
static struct sigaction saved[3];
static struct sigaction saved_xfsz;

static void remove_pending(void)
{
	if (!stage_live)
		return;
	for (sig_atomic_t i = 0; i < npending; i++)
		unlink(pending_paths[i]);
	rmdir(pending_stage);
	stage_live = 0;
}

/* Removes the uncommitted set, then dies of the signal (SA_RESETHAND restored the default). */
static void on_signal(int sig)
{
	int saved_errno = errno;
	remove_pending();
	raise(sig);
	errno = saved_errno;
}

static void at_exit(void)
{
	remove_pending();   /* exit() on exhausted memory while a set was being written */
}

static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof handled / sizeof *handled; i++)
		sigaddset(&set, handled[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static int signal_pending(void)
{
	sigset_t set;
	if (sigpending(&set) < 0)
		return 0;
	for (size_t i = 0; i < sizeof handled / sizeof *handled; i++)
		if (sigismember(&set, handled[i]))
			return 1;
	return 0;
}

void outset_track(const char *path)
{
	if (!stage_live || npending >= MAX_PATHS)
		return;
	sigset_t old;
	block_signals(&old);
	pending_paths[npending] = xstrdup(path);
	npending = npending + 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void untrack_all(void)
{
	sigset_t old;
	block_signals(&old);
	stage_live = 0;
	for (sig_atomic_t i = 0; i < npending; i++)
		free(pending_paths[i]);
	npending = 0;
	free(pending_stage);
	pending_stage = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void install_handlers(void)
{
	static int hooked;
	if (!hooked && atexit(at_exit) == 0)
		hooked = 1;
	outdir_on_open(outset_track);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof handled / sizeof *handled; i++) {
		sigaction(handled[i], NULL, &saved[i]);
		/* An ignored signal stays ignored: nohup, or a shell's background job and SIGINT. */
		if (saved[i].sa_handler != SIG_IGN)
			sigaction(handled[i], &sa, NULL);
	}
	/* Past `ulimit -f`, write(2) then fails with EFBIG: a clean error instead of a core dump. */
	struct sigaction ign = { 0 };
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGXFSZ, &ign, &saved_xfsz);
}

static void restore_handlers(void)
{
	for (size_t i = 0; i < sizeof handled / sizeof *handled; i++)
		sigaction(handled[i], &saved[i], NULL);
	sigaction(SIGXFSZ, &saved_xfsz, NULL);
}

void outset_in_worker(void)
{
	stage_live = 0;         /* no free: the run's memory, copied on write, is left alone */
	npending = 0;
	restore_handlers();
	alloc_on_exhaustion(NULL);
}

static int is_set_name(const char *name)
{
	return strncmp(name, SET_PREFIX, strlen(SET_PREFIX)) == 0;
}

/*
 * The target of the symbolic link name in the folder open as fd, into buf;
 * returns buf, or NULL if it is none.  Nothing here allocates: it also runs
 * after the set is committed, where a failing allocation must not end a run
 * that already succeeded.
 */
static char *link_at(int fd, const char *name, char buf[PATH_MAX])
{
	ssize_t n = readlinkat(fd, name, buf, PATH_MAX - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/* The target of the symbolic link dir/name as a new string, or NULL if it is none. */
static char *read_link(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	free(path);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* Whether name in the folder open as fd is one of the set's links: to "current/NAME". */
static int is_set_link_at(int fd, const char *name)
{
	char buf[PATH_MAX];
	const char *target = link_at(fd, name, buf);
	return target && strncmp(target, "current/", 8) == 0 && !strcmp(target + 8, name);
}

/* Whether dir/name is one of the links of the set: a symbolic link to "current/NAME". */
static int is_set_link(const char *dir, const char *name)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ours = fd >= 0 && is_set_link_at(fd, name);
	if (fd >= 0)
		close(fd);
	return ours;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int outset_remove_stale(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir)
		return outdir_remove_stale(path);
	int fd = dirfd(dir);
	char buf[PATH_MAX];
	const char *current = link_at(fd, "current", buf);
	int removed = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (is_set_name(e->d_name) && !(current && !strcmp(current, e->d_name))) {
			if (outdir_remove_folder_at(fd, e->d_name) == 0)
				removed++;
		} else if (!strcmp(e->d_name, LINK_TMP) && unlinkat(fd, e->d_name, 0) == 0) {
			removed++;
		}
	}
	closedir(dir);
	return removed + outdir_remove_stale(path);
}

int outset_begin(struct outset *s, const char *dir, struct diag_list *d)
{
	*s = (struct outset){ NULL, NULL, -1 };
	if (outdir_prepare(dir, d) < 0 || (s->lock = outdir_lock(dir, d)) < 0)
		return -1;
	/* Leftovers of a killed run: no other run writes here while we hold the lock. */
	outset_remove_stale(dir);
	s->dir = xstrdup(dir);
	s->stage = xasprintf("%s/" SET_PREFIX "XXXXXX", dir);
	pending_stage = xstrdup(s->stage);
	install_handlers();
	sigset_t old;
	block_signals(&old);
	int made = mkdtemp(s->stage) != NULL;
	if (made) {
		memcpy(pending_stage, s->stage, strlen(s->stage) + 1);
		stage_live = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!made) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot write into the output folder: %s",
			 strerror(errno));
		outset_abort(s);
		return -1;
	}
	/* mkdtemp makes 0700; the set is read as the folder is, through DIR/current. */
	mode_t mask = umask(0);
	umask(mask);
	chmod(s->stage, 0777 & ~mask);
	return 0;
}

void outset_abort(struct outset *s)
{
	if (s->stage) {
		remove_pending();
		outdir_remove_folder_at(AT_FDCWD, s->stage);
	}
	untrack_all();
	restore_handlers();
	outdir_unlock(s->lock);
	free(s->stage);
	free(s->dir);
	*s = (struct outset){ NULL, NULL, -1 };
}

/* Replaces dir/name by a symbolic link to target, atomically (a link made aside, renamed). */
static int put_link(const char *dir, const char *name, const char *target)
{
	char *tmp = xasprintf("%s/" LINK_TMP, dir);
	char *path = xasprintf("%s/%s", dir, name);
	unlink(tmp);
	int rc = symlink(target, tmp) < 0 || rename(tmp, path) < 0 ? -1 : 0;
	if (rc < 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	free(path);
	return rc;
}

/* The regular files at the top of dir with srmap's output names, NULL-terminated, owned. */
static char **plain_outputs(const char *dir)
{
	size_t n = 0, cap = 0;
	char **names = NULL;
	DIR *dh = opendir(dir);
	struct dirent *e;
	struct stat st;
	while (dh && (e = readdir(dh)))
		if (format_is_output_name(e->d_name, strlen(e->d_name)) &&
		    fstatat(dirfd(dh), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
			GROW(names, cap, n + 2);
			names[n++] = xstrdup(e->d_name);
		}
	if (dh)
		closedir(dh);
	GROW(names, cap, n + 1);
	names[n] = NULL;
	return names;
}

/*
 * A folder of the earlier layout (the files themselves at the top of dir):
 * the files are hard-linked into a set folder that DIR/current then names,
 * and each is replaced by its link; every name reads the same bytes at every
 * step.
 */
static int adopt_plain_files(const char *dir, struct diag_list *d)
{
	char *current = read_link(dir, "current");
	if (current) {
		free(current);
		return 0;
	}
	char *cur_path = xasprintf("%s/current", dir);
	struct stat st;
	int exists = lstat(cur_path, &st) == 0;
	free(cur_path);
	if (exists) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "\"current\" in the output folder is not srmap's "
			 "link to its report set");
		return -1;
	}
	char *old = xasprintf("%s/" SET_PREFIX "XXXXXX", dir);
	char **names = plain_outputs(dir);
	int rc = mkdtemp(old) ? 0 : -1;
	for (int i = 0; rc == 0 && names[i]; i++) {
		char *from = xasprintf("%s/%s", dir, names[i]);
		char *to = xasprintf("%s/%s", old, names[i]);
		if (link(from, to) < 0)
			rc = -1;
		free(from);
		free(to);
	}
	if (rc == 0) {
		sync_dir(old);
		rc = put_link(dir, "current", strrchr(old, '/') + 1);
	}
	for (int i = 0; rc == 0 && names[i]; i++) {
		char *target = xasprintf("current/%s", names[i]);
		if (put_link(dir, names[i], target) < 0)
			rc = -1;
		free(target);
	}
	if (rc < 0) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot move the earlier report into a report set: %s",
			 strerror(errno));
		char *now = read_link(dir, "current");
		if (!now)
			outdir_remove_folder_at(AT_FDCWD, old);
		free(now);
	}
	for (int i = 0; names[i]; i++)
		free(names[i]);
	free(names);
	free(old);
	return rc;
}

/* Links dir/NAME to current/NAME for every file of the staged set. */
static int link_names(const struct outset *s, struct diag_list *d)
{
	DIR *dir = opendir(s->stage);
	if (!dir) {
		diag_add(d, DIAG_ERROR, s->stage, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir))) {
		if (e->d_name[0] == '.' || is_set_link(s->dir, e->d_name))
			continue;
		char *target = xasprintf("current/%s", e->d_name);
		if (put_link(s->dir, e->d_name, target) < 0) {
			diag_add(d, DIAG_ERROR, s->dir, 0, 0, "cannot link %s: %s", e->d_name,
				 strerror(errno));
			rc = -1;
		}
		free(target);
	}
	closedir(dir);
	return rc;
}

/* After the switch: the links to files the new set does not have. */
static void unlink_dangling(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir)
		return;
	struct dirent *e;
	struct stat st;
	while ((e = readdir(dir)))
		if (is_set_link_at(dirfd(dir), e->d_name) &&
		    fstatat(dirfd(dir), e->d_name, &st, 0) < 0 && errno == ENOENT)
			unlinkat(dirfd(dir), e->d_name, 0);
	closedir(dir);
}

int outset_commit(struct outset *s, struct diag_list *d)
{
	sync_dir(s->stage);
	sigset_t old;
	block_signals(&old);
	if (signal_pending()) {
		sigprocmask(SIG_SETMASK, &old, NULL);   /* the handler removes the set and dies */
		outset_abort(s);
		return -1;
	}
	int rc = adopt_plain_files(s->dir, d);
	if (rc == 0)
		rc = link_names(s, d);
	if (rc == 0 && put_link(s->dir, "current", strrchr(s->stage, '/') + 1) < 0) {
		diag_add(d, DIAG_ERROR, s->dir, 0, 0, "cannot switch to the new report set: %s",
			 strerror(errno));
		rc = -1;
	}
	if (rc < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		outset_abort(s);
		return -1;
	}
	/* The commit point has passed: from here on the new set is the report. */
	stage_live = 0;
	sync_dir(s->dir);
	unlink_dangling(s->dir);
	outset_remove_stale(s->dir);    /* the previous set, now that nothing names it */
	sync_dir(s->dir);
	untrack_all();
	restore_handlers();
	sigprocmask(SIG_SETMASK, &old, NULL);
	outdir_unlock(s->lock);
	free(s->stage);
	free(s->dir);
	*s = (struct outset){ NULL, NULL, -1 };
	return 0;
}
