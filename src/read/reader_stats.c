/*
 * reader_stats.c - what reading one file gave: the statistics of a file
 * and the tallies of identifiers it could not use.
 */
#include "reader_stats.h"
#include "srmap/base/alloc.h"
#include "srmap/base/strmap.h"

#include <stdint.h>
#include <stdlib.h>

void tally_add(struct tally *t, const char *id, const char *source, struct srcpos pos)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&t->index, id);
	if (at) {
		t->counts[at - 1]++;
		return;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap;
		GROW(t->ids, cap, t->n + 1);
		t->sources = xreallocarray(t->sources, cap, sizeof(*t->sources));
		t->counts = xreallocarray(t->counts, cap, sizeof(*t->counts));
		t->first = xreallocarray(t->first, cap, sizeof(*t->first));
		t->cap = cap;
	}
	t->ids[t->n] = xstrdup(id);
	t->sources[t->n] = source;
	t->counts[t->n] = 1;
	t->first[t->n] = pos;
	strmap_put(&t->index, t->ids[t->n], (void *)(uintptr_t)(t->n + 1));
	t->n++;
}

static void tally_release(struct tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->ids[i]);
	free(t->ids);
	free(t->sources);
	free(t->counts);
	free(t->first);
	strmap_release(&t->index);
	*t = (struct tally){ 0 };
}

void reader_stats_init(struct reader_stats *st)
{
	*st = (struct reader_stats){ 0 };
	strmap_init(&st->unmapped_ids.index, 1);
	strmap_init(&st->unmatched_ids.index, 1);
}

void reader_stats_release(struct reader_stats *st)
{
	tally_release(&st->unmapped_ids);
	tally_release(&st->unmatched_ids);
}
