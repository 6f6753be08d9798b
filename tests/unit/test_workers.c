/*
 * test_workers.c - workers_run (workers.h): tasks in worker processes.
 *
 * Covers: tasks started in a given order (each worker notes its task in a
 * shared file as it starts) while their diagnostics and done() calls come in
 * task order; a task that fails stops the run with its status, and the
 * diagnostics of later tasks, even ones started before it, are dropped;
 * the same with two workers at a time; a worker that dies of a signal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srmap/base/diag.h"
#include "srmap/write/workers.h"

struct plan {
	int started_fd;       /* each task writes its digit here as it starts */
	int fail;             /* the task that fails (exit 5), or -1 */
	int die;              /* the task whose worker kills itself, or -1 */
	char done[16];        /* the tasks done() was called for, in order */
	size_t ndone;
};

static int task(size_t t, void *ctx, struct diag_list *d)
{
	struct plan *p = ctx;
	char c = (char)('0' + t);
	if (write(p->started_fd, &c, 1) != 1)
		return 70;
	if ((int)t == p->die)
		raise(SIGKILL);
	usleep(20000);     /* long enough for a worker started later to end first */
	diag_add(d, DIAG_WARNING, "task", (int)t, 0, "task %zu ran", t);
	return (int)t == p->fail ? 5 : 0;
}

static void done(size_t t, double seconds, void *ctx)
{
	struct plan *p = ctx;
	(void)seconds;
	p->done[p->ndone++] = (char)('0' + t);
}

static const char *const names[] = { "zero", "one", "two", "three" };

/* Runs four tasks in the given order; *started gets the order they started in. */
static int run(struct plan *p, unsigned jobs, const size_t *order, struct diag_list *d,
	       char started[8])
{
	char path[] = "/tmp/srmap-workers-XXXXXX";
	p->started_fd = mkstemp(path);
	assert_true(p->started_fd >= 0);
	unlink(path);
	int fl = fcntl(p->started_fd, F_GETFL);
	fcntl(p->started_fd, F_SETFL, fl | O_APPEND);
	diag_init(d, NULL);
	d->quiet = 1;
	int rc = workers_run(4, jobs, order, task, NULL, done, p, names, d);
	memset(started, 0, 8);
	ssize_t n = pread(p->started_fd, started, 7, 0);
	assert_true(n >= 0);
	close(p->started_fd);
	return rc;
}

/* The lines (task numbers) of d's diagnostics, as digits. */
static void lines(const struct diag_list *d, char out[8])
{
	memset(out, 0, 8);
	for (size_t i = 0; i < d->n && i < 7; i++)
		out[i] = (char)('0' + d->items[i].line);
}

static void test_order_of_starting_not_of_reporting(void **state)
{
	(void)state;
	static const size_t order[] = { 3, 1, 0, 2 };
	struct plan p = { .fail = -1, .die = -1 };
	struct diag_list d;
	char started[8], seen[8];
	assert_int_equal(run(&p, 1, order, &d, started), 0);
	assert_string_equal(started, "3102");
	lines(&d, seen);
	assert_string_equal(seen, "0123");
	assert_string_equal(p.done, "0123");
	diag_release(&d);
}

static void test_task_order_without_an_order(void **state)
{
	(void)state;
	struct plan p = { .fail = -1, .die = -1 };
	struct diag_list d;
	char started[8], seen[8];
	assert_int_equal(run(&p, 1, NULL, &d, started), 0);
	assert_string_equal(started, "0123");
	lines(&d, seen);
	assert_string_equal(seen, "0123");
	diag_release(&d);
}

static void test_failure_drops_later_tasks_started_before(void **state)
{
	(void)state;
	static const size_t order[] = { 3, 2, 1, 0 };
	struct plan p = { .fail = 1, .die = -1 };
	struct diag_list d;
	char started[8], seen[8];
	assert_int_equal(run(&p, 1, order, &d, started), 5);
	assert_string_equal(started, "3210");
	lines(&d, seen);
	assert_string_equal(seen, "01");     /* 2 and 3 ran, but come after the failure */
	assert_string_equal(p.done, "0");
	diag_release(&d);
}

static void test_two_at_a_time(void **state)
{
	(void)state;
	static const size_t order[] = { 2, 3, 0, 1 };
	struct plan p = { .fail = -1, .die = -1 };
	struct diag_list d;
	char started[8], seen[8];
	assert_int_equal(run(&p, 2, order, &d, started), 0);
	assert_int_equal(strlen(started), 4);
	assert_true(strchr("23", started[0]) && strchr("23", started[1]));
	lines(&d, seen);
	assert_string_equal(seen, "0123");
	assert_string_equal(p.done, "0123");
	diag_release(&d);
}

static void test_worker_killed(void **state)
{
	(void)state;
	static const size_t order[] = { 2, 0, 1, 3 };
	struct plan p = { .fail = -1, .die = 2 };
	struct diag_list d;
	char started[8];
	assert_int_equal(run(&p, 1, order, &d, started), 70);
	/* task 2 started first and died: 0 and 1 are reported, then the death of "two" */
	assert_int_equal(d.n, 3);
	assert_int_equal(d.items[0].line, 0);
	assert_int_equal(d.items[1].line, 1);
	assert_non_null(strstr(d.items[2].msg, "making two died of signal 9"));
	diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_of_starting_not_of_reporting),
		cmocka_unit_test(test_task_order_without_an_order),
		cmocka_unit_test(test_failure_drops_later_tasks_started_before),
		cmocka_unit_test(test_two_at_a_time),
		cmocka_unit_test(test_worker_killed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
