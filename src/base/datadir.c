/* datadir.c - locates the catalog and templates for this executable. */
#include "srmap/base/datadir.h"
#include "srmap/base/alloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int has_catalog(const char *dir)
{
	char *manifest = xasprintf("%s/catalog/catalog.json", dir);
	int ok = access(manifest, R_OK) == 0;
	free(manifest);
	return ok;
}

char *datadir_find(void)
{
	const char *env = getenv("SRMAP_DATADIR");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	char *installed = xasprintf("%s/../share/srmap", exe);
	if (has_catalog(installed))
		return installed;
	free(installed);
	return has_catalog(exe) ? xstrdup(exe) : NULL;
}
