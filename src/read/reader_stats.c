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
	strmap_init(&st->other_tenant_ids.index, 1);
}

void reader_stats_release(struct reader_stats *st)
{
	tally_release(&st->unmapped_ids);
	tally_release(&st->unmatched_ids);
	tally_release(&st->other_tenant_ids);
	text_fixes_release(&st->fixes);
	free(st->links);
	st->links = NULL;
	st->nlinks = st->links_cap = 0;
}

void reader_stats_link(struct reader_stats *st, size_t record, size_t evidence)
{
	GROW(st->links, st->links_cap, st->nlinks + 1);
	st->links[st->nlinks++] = (struct record_link){ record, evidence };
}

size_t reader_stats_applied(const struct reader_stats *st, const unsigned char *used)
{
	size_t applied = 0;
	int derived_used = 0;
	for (size_t i = 0; i < st->nlinks; ) {
		size_t record = st->links[i].record;
		int any = 0;
		for (; i < st->nlinks && st->links[i].record == record; i++)
			any |= used[st->links[i].evidence] != 0;
		if (record == RECORD_DERIVED)
			derived_used |= any;
		else
			applied += any;
	}
	/* Facts derived from the whole file (Conditional Access) stand on every record that fed them. */
	if (derived_used && st->mapped > st->records_linked)
		applied += st->mapped - st->records_linked;
	return applied;
}
