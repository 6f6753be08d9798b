/*
 * libmem.h - the allocations of the libraries srmap parses with (libxml2,
 * which libxslt allocates through too, and cJSON), watched for failure.
 *
 * A library that cannot allocate reports a parse or transform error of its
 * own ("text allocation failed", a truncated document): srmap must not
 * blame the input or the template for it.  The wrappers installed here
 * allocate as malloc does and remember that an allocation failed; the code
 * that calls a library asks afterwards and ends the run as an allocation
 * failure (alloc_exhausted, exit 70).
 */
#ifndef SRMAP_LIBMEM_H
#define SRMAP_LIBMEM_H

/*
 * Installs the wrappers (xmlMemSetup, cJSON_InitHooks).  Call once, before
 * any other use of the libraries: libxml2 frees with the function it
 * allocated with.
 */
void libmem_init(void);

/* Whether an allocation of a library has failed since libmem_init. */
int libmem_failed(void);

/* Ends the run as alloc_exhausted when libmem_failed(); returns otherwise. */
void libmem_check(void);

#endif
