/*
 * alloc.c - allocation wrapper: checked sizes, one exit path on exhaustion,
 * and the test knob that makes the Nth allocation fail (SRMAP_ALLOC_FAIL).
 */
#include "srmap/base/alloc.h"
#include "srmap/base/srmap.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*exhaustion_hook)(void);

void alloc_on_exhaustion(void (*fn)(void))
{
	exhaustion_hook = fn;
}

static void out_of_memory(void)
{
	if (exhaustion_hook)
		exhaustion_hook();
	fputs("srmap: out of memory\n", stderr);
	exit(SRMAP_EXIT_INTERNAL);
}

void alloc_exhausted(void)
{
	out_of_memory();
	abort();     /* not reached: out_of_memory exits */
}

/* ---- the test knob --------------------------------------------------------------- */

/* Allocations made so far, and the one to fail (0: none); read from the environment once. */
static unsigned long long alloc_count, alloc_fail_at;
static int alloc_knob_read, alloc_report;

static void report_count(void)
{
	fprintf(stderr, "srmap: %llu allocations\n", alloc_count);
}

static void read_knob(void)
{
	alloc_knob_read = 1;
	const char *v = getenv("SRMAP_ALLOC_FAIL");
	if (v && *v) {
		char *end;
		unsigned long long n = strtoull(v, &end, 10);
		if (*end == '\0')
			alloc_fail_at = n;
	}
	v = getenv("SRMAP_ALLOC_COUNT");
	if (v && strcmp(v, "1") == 0 && !alloc_report) {
		alloc_report = 1;
		atexit(report_count);
	}
}

/* Counts one allocation; returns 1 when the knob says this one fails. */
static int must_fail(void)
{
	if (!alloc_knob_read)
		read_knob();
	alloc_count++;
	return alloc_fail_at && alloc_count == alloc_fail_at;
}

void alloc_reset_knob(void)
{
	alloc_count = 0;
	alloc_fail_at = 0;
	alloc_knob_read = 0;
}

unsigned long long alloc_calls(void)
{
	return alloc_count;
}

/* ---- the wrapper ----------------------------------------------------------------- */

void *xmalloc(size_t n)
{
	void *p = must_fail() ? NULL : malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = must_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory();
	size_t bytes = n * size;
	void *q = must_fail() ? NULL : realloc(p, bytes ? bytes : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		out_of_memory();
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void grow_array(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			out_of_memory();
		ncap *= 2;
	}
	*items = xreallocarray(*items, ncap, size);
	*cap = ncap;
}

char *xjoin(const char *const *words, size_t n, const char *sep)
{
	size_t seplen = strlen(sep), len = 1;
	for (size_t i = 0; i < n; i++) {
		size_t w = words[i] ? strlen(words[i]) : 0;
		if (len > SIZE_MAX - w - seplen)
			out_of_memory();
		len += w + seplen;
	}
	char *out = xmalloc(len), *p = out;
	for (size_t i = 0; i < n; i++) {
		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		size_t w = words[i] ? strlen(words[i]) : 0;
		memcpy(p, words[i] ? words[i] : "", w);
		p += w;
	}
	*p = '\0';
	return out;
}
