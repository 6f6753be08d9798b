/*
 * libmem.c - allocation wrappers for the libraries srmap uses that end the
 * run when an allocation fails (libmem.h).
 */
#include "srmap/base/libmem.h"
#include "srmap/base/alloc.h"

#include <cJSON.h>
#include <yajl/yajl_common.h>
#include <libxml/xmlmemory.h>
#include <stdlib.h>
#include <string.h>

static int failed;

static void *lib_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		failed = 1;
		alloc_exhausted();
	}
	return p;
}

static void *lib_realloc(void *old, size_t n)
{
	void *p = realloc(old, n);
	if (!p && n) {
		failed = 1;
		alloc_exhausted();
	}
	return p;
}

static char *lib_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = lib_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void libmem_init(void)
{
	xmlMemSetup(free, lib_malloc, lib_realloc, lib_strdup);
	cJSON_Hooks hooks = { lib_malloc, free };
	cJSON_InitHooks(&hooks);
}

int libmem_failed(void)
{
	return failed;
}

void libmem_check(void)
{
	if (failed)
		alloc_exhausted();
}

/* ---- libraries that do not survive a failed allocation ---- */

void *libmem_hpdf_alloc(unsigned size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		alloc_exhausted();
	return p;
}

void libmem_hpdf_free(void *p)
{
	free(p);
}

static void *yajl_must_malloc(void *ctx, size_t n)
{
	(void)ctx;
	void *p = malloc(n ? n : 1);
	if (!p)
		alloc_exhausted();
	return p;
}

static void *yajl_must_realloc(void *ctx, void *old, size_t n)
{
	(void)ctx;
	void *p = realloc(old, n ? n : 1);
	if (!p)
		alloc_exhausted();
	return p;
}

static void yajl_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

yajl_alloc_funcs *libmem_yajl(void)
{
	static yajl_alloc_funcs funcs = { yajl_must_malloc, yajl_must_realloc, yajl_free, NULL };
	return &funcs;
}
