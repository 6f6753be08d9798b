/*
 * alloc.h - the one allocation wrapper of srmap.
 *
 * Every allocation goes through these functions.  On exhaustion they print
 * "srmap: out of memory" and exit with SRMAP_EXIT_INTERNAL: a batch tool has
 * nothing useful to do without memory, and callers stay free of NULL checks.
 * Size arithmetic is overflow-checked here so that callers cannot forget it.
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

#define GROW(arr, cap, need) grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
