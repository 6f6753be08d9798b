/*
 * alloc.h - the one allocation wrapper of srmap.
 *
 * Every allocation goes through these functions.  On exhaustion they print
 * "srmap: out of memory" and exit with SRMAP_EXIT_INTERNAL: a batch tool has
 * nothing useful to do without memory, and callers stay free of NULL checks.
 * Size arithmetic is overflow-checked here so that callers cannot forget it.
 *
 * A test knob shows that this exit path is clean wherever it is taken:
 * SRMAP_ALLOC_FAIL=N in the environment makes the Nth allocation through
 * these functions fail as if memory had run out (counting from 1; xmalloc,
 * xcalloc and xreallocarray each count once, and so every function built on
 * them), and SRMAP_ALLOC_COUNT=1 prints "srmap: N allocations" on stderr at
 * exit, so that a test knows how many there are to fail
 * (tests/test-alloc-fail.sh, docs/conventions.md).  Allocations made inside
 * libxml2, libxslt, cJSON, yajl and libharu do not go through here.
 */
#ifndef SRMAP_ALLOC_H
#define SRMAP_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Returns a new block of n bytes; the caller owns it and frees it with free(3). */
void *xmalloc(size_t n);

/* Returns a zeroed array of n elements of size bytes each (overflow-checked); caller frees. */
void *xcalloc(size_t n, size_t size);

/* Resizes p to n elements of size bytes (overflow-checked); returns the new block. */
void *xreallocarray(void *p, size_t n, size_t size);

/* Returns a copy of s (NULL gives NULL); the caller owns it. */
char *xstrdup(const char *s);

/* Returns a copy of the first n bytes of s, NUL-terminated; the caller owns it. */
char *xstrndup(const char *s, size_t n);

/* Returns a newly formatted string, like asprintf(3); the caller owns it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like xasprintf, with a va_list (which it leaves unusable, as vprintf does). */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * Returns the n strings of words joined with sep between them (a NULL entry
 * counts as empty); the caller owns the result.
 */
char *xjoin(const char *const *words, size_t n, const char *sep);

/*
 * Grows *items (an array of *cap elements of size bytes) so that it holds at
 * least need elements.  Used by every growable array in the project.
 */
void grow_array(void **items, size_t *cap, size_t need, size_t size);

/*
 * Sets the function called on exhaustion just before the exit (one, the
 * last set; NULL: none): the output folder uses it to remove its temporary
 * files.  It must not allocate.
 */
void alloc_on_exhaustion(void (*fn)(void));

/*
 * Ends the run as a failed allocation does (the exhaustion function, then
 * "srmap: out of memory" and exit 70), for when a library reports that its
 * own allocation failed.
 */
void alloc_exhausted(void) __attribute__((noreturn));

/*
 * The test knob: forgets the count and the allocation to fail, so that the
 * environment is read again at the next allocation (for unit tests).
 */
void alloc_reset_knob(void);

/* Allocations counted since the start or the last alloc_reset_knob. */
unsigned long long alloc_calls(void);

#define GROW(arr, cap, need) grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
