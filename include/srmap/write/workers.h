/*
 * workers.h - tasks run side by side in worker processes (assess --jobs).
 *
 * The formats made by templates are independent of each other once the
 * canonical documents exist: each worker is a fork of the run, so it shares
 * those documents copy-on-write and writes into a file the run opened.  What
 * a worker reports comes back to the run and is reported there in task
 * order, as if the tasks had run one after the other: the messages, their
 * order and the exit status are those of a run without workers.
 */
#ifndef SRMAP_WORKERS_H
#define SRMAP_WORKERS_H

#include <stddef.h>
#include "srmap/base/diag.h"

/*
 * A task: returns an exit status (0 for success) after reporting its
 * problems to d, a list of the worker's own that prints nothing.
 */
typedef int (*worker_fn)(size_t task, void *ctx, struct diag_list *d);

/*
 * Called in the run (not the worker) right after task's worker started,
 * for example to free what only that task still needed.  May be NULL.
 */
typedef void (*worker_started_fn)(size_t task, void *ctx);

/*
 * Runs fn for the tasks 0 .. n-1, at most jobs at a time, each in its own
 * worker process.  order, when not NULL, holds the n tasks in the order
 * they are started (the longest first, so that the last to end is not one
 * started late); NULL starts them in task order.  Each task's diagnostics
 * are added to d in task order whatever the order of starting, and after
 * them done(task, seconds, ctx) is called (may be NULL): the time the task
 * took in its worker.  At the first task, in task order, that fails, no
 * task is started any more, the ones running are stopped and the
 * diagnostics of every later task dropped: d ends as it would after running
 * the tasks one by one up to that failure.  A worker that dies without an
 * exit status (a crash, a signal) fails with exit 70 and a message naming
 * its task (by names[task]).  When no process can be made, a task runs in
 * the run itself once none is running.  Returns the status of the failed
 * task, or 0.
 */
int workers_run(size_t n, unsigned jobs, const size_t *order, worker_fn fn,
		worker_started_fn started, void (*done)(size_t task, double seconds, void *ctx),
		void *ctx, const char *const *names, struct diag_list *d);

#endif
