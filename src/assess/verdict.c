/*
 * verdict.c - the rules shared by every kind of check: the key of the
 * evidence index, the time a record counts as collected at, and the status
 * a check gets from its owner and deciding record.
 */
#include "verdict.h"
#include "srmap/base/alloc.h"

#include <stdint.h>
#include <string.h>

char *verdict_key_in(char *buf, size_t cap, enum scope_kind scope, const char *id,
		     const char *control)
{
	size_t a = strlen(id), b = strlen(control);
	char *k = a + b + 5 <= cap ? buf : xmalloc(a + b + 5);
	k[0] = (char)('0' + (int)scope);        /* the scope kinds are single digits */
	k[1] = '\x1f';
	memcpy(k + 2, id, a);
	k[2 + a] = '\x1f';
	memcpy(k + 3 + a, control, b + 1);
	return k;
}

char *verdict_key(enum scope_kind scope, const char *id, const char *control)
{
	return verdict_key_in(NULL, 0, scope, id, control);
}

/*
 * The time a record counts as collected at: its own, or for an undated one
 * what the profile's rule says: the as-of time (current), or older than any
 * dated record (stale), so that dated evidence always wins over it.
 */
int64_t verdict_time(const struct profile *p, const struct evidence *e)
{
	if (!e->undated)
		return e->collected_at;
	return p->undated == UNDATED_CURRENT ? p->as_of : INT64_MIN;
}

enum status verdict_status(const struct profile *p, enum owner owner, const struct evidence *e)
{
	if (owner == OWNER_PROVIDER)
		return STATUS_INHERITED;
	if (!e)
		return STATUS_MISSING;
	if (e->result == RESULT_NOT_APPLICABLE)
		return STATUS_NOT_APPLICABLE;
	if (e->result == RESULT_FAIL)
		return STATUS_FAILED;   /* a known failure does not get better with age */
	if (e->undated)
		return p->undated == UNDATED_STALE ? STATUS_STALE : STATUS_SATISFIED;
	if (p->as_of - e->collected_at > (int64_t)p->max_age_days * 86400)
		return STATUS_STALE;
	return STATUS_SATISFIED;
}
