/*
 * libmem.h - the allocations of the libraries srmap uses (libxml2, which
 * libxslt allocates through too, cJSON, libharu, yajl), watched for failure.
 *
 * A library that cannot allocate may report a parse or transform error of its
 * own ("text allocation failed", a truncated document), for which srmap must
 * not blame the input or the template, or may not survive it at all (libxml2's
 * XPath evaluation and libharu dereference a failed allocation in places).  So
 * the wrappers installed here end the run at once, as a failed allocation of
 * srmap's own does (alloc_exhausted: "srmap: out of memory", exit 70, the
 * previous report intact); libmem_check remains the backstop for a library
 * that reports a failure without allocating through them.
 */
#ifndef SRMAP_LIBMEM_H
#define SRMAP_LIBMEM_H

#include <yajl/yajl_common.h>

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

/*
 * Allocation functions for the libraries that do not survive a failed
 * allocation (libharu uses what its allocator returns unchecked in places;
 * yajl asserts): a failure ends the run as alloc_exhausted does (exit 70,
 * the previous report intact), as a failure of srmap's own allocations does.
 * For HPDF_NewEx ...
 */
void *libmem_hpdf_alloc(unsigned size);
void libmem_hpdf_free(void *p);

/* ... and for yajl_alloc and yajl_gen_alloc (a static table). */
yajl_alloc_funcs *libmem_yajl(void);

#endif
