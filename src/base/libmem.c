/*
 * libmem.c - allocation wrappers for libxml2 and cJSON that remember a
 * failure (libmem.h).
 */
#include "srmap/base/libmem.h"
#include "srmap/base/alloc.h"

#include <cJSON.h>
#include <libxml/xmlmemory.h>
#include <stdlib.h>
#include <string.h>

static int failed;

static void *lib_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		failed = 1;
	return p;
}

static void *lib_realloc(void *old, size_t n)
{
	void *p = realloc(old, n);
	if (!p && n)
		failed = 1;
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
