/*
 * azure_id.c - Azure resource ids taken apart: subscription, resource
 * group, resource type and parent of an id.
 */
#include "azure_id.h"
#include "srmap/base/alloc.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

/* Pointer just after prefix in s, compared without case, or NULL. */
static const char *after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s && strncasecmp(s, prefix, n) == 0 ? s + n : NULL;
}

static char *segment(const char *p)
{
	if (!p || !*p)
		return NULL;
	const char *end = strchr(p, '/');
	return xstrndup(p, end ? (size_t)(end - p) : strlen(p));
}

char *import_subscription_of(const char *id)
{
	return segment(after(id, "/subscriptions/"));
}

int import_is_subscription(const char *id)
{
	const char *p = after(id, "/subscriptions/");
	if (!p || !*p)
		return 0;
	const char *slash = strchr(p, '/');
	return !slash || slash[1] == '\0';
}

/* The last occurrence of needle in s, ignoring case. */
static const char *last_ci(const char *s, const char *needle)
{
	const char *hit = NULL;
	size_t n = strlen(needle);
	for (const char *p = s; p && *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			hit = p;
	return hit;
}

char *import_group_of(const char *id)
{
	const char *p = id ? last_ci(id, "/resourceGroups/") : NULL;
	return p ? segment(p + strlen("/resourceGroups/")) : NULL;
}

/* Splits what follows the last "/providers/" of id into segments; returns their number. */
static size_t provider_segments(const char *id, const char **seg, size_t *len, size_t max)
{
	const char *p = id ? last_ci(id, "/providers/") : NULL;
	if (!p)
		return 0;
	p += strlen("/providers/");
	size_t n = 0;
	while (*p && n < max) {
		const char *end = strchr(p, '/');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		if (!l)
			break;
		seg[n] = p;
		len[n] = l;
		n++;
		p += l;
		if (*p == '/')
			p++;
	}
	return n;
}

char *import_type_of(const char *id)
{
	const char *seg[32];
	size_t len[32];
	size_t n = provider_segments(id, seg, len, 32);
	if (n < 3)
		return NULL;
	size_t total = len[0] + 1;
	for (size_t i = 1; i < n; i += 2)
		total += len[i] + 1;
	char *out = xmalloc(total + 1), *q = out;
	memcpy(q, seg[0], len[0]);
	q += len[0];
	for (size_t i = 1; i < n; i += 2) {
		*q++ = '/';
		memcpy(q, seg[i], len[i]);
		q += len[i];
	}
	*q = '\0';
	return out;
}

char *import_parent_of(const char *id)
{
	const char *seg[32];
	size_t len[32];
	size_t n = provider_segments(id, seg, len, 32);
	if (n < 5 || n % 2 == 0)
		return NULL;
	/* Drop the last "/type/name" pair. */
	const char *cut = seg[n - 2] - 1;
	return xstrndup(id, (size_t)(cut - id));
}
