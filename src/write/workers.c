/*
 * workers.c - worker processes for tasks run side by side, their
 * diagnostics brought back and reported in task order (workers.h).
 *
 * A worker writes what it reported into an unlinked temporary file the run
 * made for it; the run reads it once the worker has ended, so a worker never
 * blocks on a pipe, and a worker that dies leaves nothing to clean up.
 */
#include "srmap/write/workers.h"
#include "srmap/base/alloc.h"
#include "srmap/base/srmap.h"
#include "srmap/write/outdir.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { W_WAITING, W_RUNNING, W_ENDED };

struct worker {
	int state;
	pid_t pid;
	FILE *log;      /* what the worker reported (see put_diags) */
	int status;     /* waitpid's, or the exit status of a task run here */
	struct diag_list *here;   /* a task run here: what it reported */
	double seconds;           /* a task run here: the time it took */
};

static double now_seconds(void)
{
	struct timespec ts;
	return clock_gettime(CLOCK_MONOTONIC, &ts) < 0 ? 0 : (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the log of a worker: its diagnostics, then the time it took ------------------------- */

static void put_text(FILE *f, const char *s)
{
	size_t n = s ? strlen(s) : SIZE_MAX;
	fwrite(&n, sizeof n, 1, f);
	if (s)
		fwrite(s, 1, n, f);
}

static void put_diags(FILE *f, const struct diag_list *d, double seconds)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->items[i];
		int head[3] = { (int)g->level, g->line, g->col };
		fwrite(head, sizeof head, 1, f);
		put_text(f, g->file);
		put_text(f, g->msg);
	}
	int end[3] = { -1, 0, 0 };
	fwrite(end, sizeof end, 1, f);
	fwrite(&seconds, sizeof seconds, 1, f);
	fflush(f);
}

/* Reads a text put_text wrote: *s is NULL for a NULL text.  Returns 0, or -1 at a short log. */
static int get_text(FILE *f, char **s)
{
	size_t n;
	*s = NULL;
	if (fread(&n, sizeof n, 1, f) != 1)
		return -1;
	if (n == SIZE_MAX)
		return 0;
	if (n > (1u << 24))
		return -1;
	*s = xmalloc(n + 1);
	if (fread(*s, 1, n, f) != n) {
		free(*s);
		*s = NULL;
		return -1;
	}
	(*s)[n] = '\0';
	return 0;
}

/* Adds the diagnostics of a log to d; returns the seconds it records, or -1 when cut short. */
static double replay(FILE *f, struct diag_list *d)
{
	rewind(f);
	for (;;) {
		int head[3];
		if (fread(head, sizeof head, 1, f) != 1)
			return -1;
		if (head[0] < 0)
			break;
		char *file, *msg;
		if (get_text(f, &file) < 0)
			return -1;
		if (get_text(f, &msg) < 0) {
			free(file);
			return -1;
		}
		diag_add(d, (enum diag_level)head[0], file, head[1], head[2], "%s", msg ? msg : "");
		free(file);
		free(msg);
	}
	double seconds;
	return fread(&seconds, sizeof seconds, 1, f) == 1 ? seconds : -1;
}

/* ---- starting and ending workers ---------------------------------------------------------- */

static void run_in_worker(size_t task, worker_fn fn, void *ctx, FILE *log, pid_t run,
			  const struct diag_list *parent)
{
	outset_in_worker();
	/* A worker outlives no run: when the run dies (a signal), so does it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != run)
		_exit(SRMAP_EXIT_INTERNAL);
	struct diag_list d;
	diag_init(&d, NULL);
	d.strict = parent->strict;
	d.quiet = parent->quiet;
	double started = now_seconds();
	int rc = fn(task, ctx, &d);
	put_diags(log, &d, now_seconds() - started);
	_exit(rc & 0xff);
}

/* Starts task's worker; returns 0, or -1 when no process could be made (errno). */
static int start(struct worker *w, size_t task, worker_fn fn, void *ctx, const struct diag_list *d)
{
	w->log = tmpfile();
	if (!w->log)
		return -1;
	fflush(NULL);           /* nothing buffered is written twice */
	pid_t run = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		fclose(w->log);
		w->log = NULL;
		return -1;
	}
	if (pid == 0)
		run_in_worker(task, fn, ctx, w->log, run, d);
	w->pid = pid;
	w->state = W_RUNNING;
	return 0;
}

/* Waits for one running worker to end; returns it, or NULL when none runs. */
static struct worker *reap(struct worker *w, size_t n)
{
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return NULL;
		for (size_t i = 0; i < n; i++)
			if (w[i].state == W_RUNNING && w[i].pid == pid) {
				w[i].state = W_ENDED;
				w[i].status = status;
				return &w[i];
			}
	}
}

/* The exit status of an ended worker, after its diagnostics; 70 when it died or its log is short. */
static int report(struct worker *w, size_t task, const char *const *names,
		  void (*done)(size_t, double, void *), void *ctx, struct diag_list *d)
{
	int rc;
	double seconds = -1;
	if (WIFEXITED(w->status)) {
		rc = WEXITSTATUS(w->status);
		seconds = replay(w->log, d);
		if (seconds < 0 && rc == 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "the worker making %s ended without "
				 "saying what it did", names[task]);
			rc = SRMAP_EXIT_INTERNAL;
		}
	} else {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "the worker making %s died of signal %d",
			 names[task], WIFSIGNALED(w->status) ? WTERMSIG(w->status) : 0);
		rc = SRMAP_EXIT_INTERNAL;
	}
	fclose(w->log);
	w->log = NULL;
	if (rc == 0 && done)
		done(task, seconds, ctx);
	return rc;
}

/*
 * Runs task t here, for want of a process: its diagnostics are kept, as a
 * worker's log is, and added to d in task order.
 */
static void run_here(struct worker *w, size_t t, worker_fn fn, void *ctx, const struct diag_list *d)
{
	struct diag_list own;
	diag_init(&own, NULL);
	own.strict = d->strict;
	own.quiet = d->quiet;
	double started = now_seconds();
	w->status = fn(t, ctx, &own);
	w->seconds = now_seconds() - started;
	w->here = xmalloc(sizeof(*w->here));
	*w->here = own;
	w->state = W_ENDED;
}

/* What report gives for a task run here. */
static int report_here(struct worker *w, size_t task, void (*done)(size_t, double, void *),
		       void *ctx, struct diag_list *d)
{
	for (size_t i = 0; i < w->here->n; i++) {
		const struct diag *g = &w->here->items[i];
		diag_add(d, g->level, g->file, g->line, g->col, "%s", g->msg ? g->msg : "");
	}
	int rc = w->status;
	if (rc == 0 && done)
		done(task, w->seconds, ctx);
	return rc;
}

static void free_here(struct worker *w)
{
	if (w->here) {
		diag_release(w->here);
		free(w->here);
		w->here = NULL;
	}
}

int workers_run(size_t n, unsigned jobs, const size_t *order, worker_fn fn,
		worker_started_fn started, void (*done)(size_t task, double seconds, void *ctx),
		void *ctx, const char *const *names, struct diag_list *d)
{
	struct worker *w = xcalloc(n ? n : 1, sizeof(*w));
	size_t next = 0, reported = 0;     /* next: tasks started, in the order of starting */
	unsigned running = 0;
	int rc = 0;
	if (jobs < 1)
		jobs = 1;
	while (reported < n && rc == 0) {
		while (running < jobs && next < n) {
			size_t t = order ? order[next] : next;
			if (start(&w[t], t, fn, ctx, d) < 0) {
				/* no process to be had: the task runs here, after the ones running */
				if (running)
					break;
				run_here(&w[t], t, fn, ctx, d);
				next++;
				break;
			}
			if (started)
				started(t, ctx);
			next++;
			running++;
		}
		/* report, in task order, every task that has ended */
		while (rc == 0 && reported < n && w[reported].state == W_ENDED) {
			rc = w[reported].here ? report_here(&w[reported], reported, done, ctx, d)
					      : report(&w[reported], reported, names, done, ctx, d);
			reported++;
		}
		if (rc || reported == n)
			break;
		if (running && reap(w, n))
			running--;
	}
	/* after a failure: the workers still running are stopped, what they say is dropped */
	for (size_t i = 0; i < n; i++)
		if (w[i].state == W_RUNNING)
			kill(w[i].pid, SIGKILL);
	while (running && reap(w, n))
		running--;
	for (size_t i = 0; i < n; i++) {
		if (w[i].log)
			fclose(w[i].log);
		free_here(&w[i]);
	}
	free(w);
	return rc;
}
