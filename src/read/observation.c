/*
 * observation.c - observations turned into evidence through the catalog's
 * mappings: aggregated per scope and control while a file is read, and
 * flushed into the evidence set with the file's summary warnings at its
 * end.
 */
#include "observation.h"
#include "azure_id.h"
#include "import_env.h"
#include "import_field.h"
#include "reader_stats.h"
#include "srmap/base/alloc.h"
#include "srmap/model.h"
#include "srmap/read/evidence.h"
#include "srmap/read/input.h"
#include "srmap/read/inventory.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Items a note names before it only counts the rest ("and 3 more"). */
enum { NOTE_ITEMS = 4 };

static int rank_of(int result)
{
	return result == RESULT_FAIL ? 3 : result == RESULT_PASS ? 2 : 1;
}

static int result_of_rank(int rank)
{
	return rank == 3 ? RESULT_FAIL : rank == 2 ? RESULT_PASS : RESULT_NOT_APPLICABLE;
}

static void note_add(struct pending *p, const char *label, const char *status)
{
	char *item = xasprintf("%s: %s", label, status ? status : "");
	if (p->note && strstr(p->note, item)) {
		free(item);
		return;
	}
	if (p->items >= NOTE_ITEMS) {
		p->more++;
		free(item);
		return;
	}
	char *n = p->note ? xasprintf("%s; %s", p->note, item) : xstrdup(item);
	free(p->note);
	free(item);
	p->note = n;
	p->items++;
}

/* Keeps the newest time of collection, and apart from it the newest status-change time. */
static void pending_time(struct pending *p, const struct import_obs *o)
{
	if (o->has_time && !o->time_bound && (!p->has_time || o->when > p->when)) {
		p->when = o->when;
		p->has_time = 1;
	}
	if (o->has_time && o->time_bound && (!p->has_bound || o->when > p->bound)) {
		p->bound = o->when;
		p->has_bound = 1;
	}
}

/*
 * Observations of one file about the same scope, control and identifier
 * become one evidence record; different identifiers stay apart, so that the
 * register shows each tool finding (and its line) behind a check.
 */
static size_t pending_add(struct import_ctx *cx, enum scope_kind scope, const char *sid,
			  const char *control, const struct import_obs *o)
{
	char *key = xasprintf("%d\x1f%s\x1f%s\x1f%s", (int)scope, sid, control, o->ident);
	for (char *q = key; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	size_t at = (size_t)(uintptr_t)strmap_get(&cx->pending_index, key);
	struct pending *p;
	if (at) {
		free(key);
		p = &cx->pending[--at];
		int r = rank_of(o->result);
		if (r > p->rank)
			p->rank = r;
		pending_time(p, o);
	} else {
		if (cx->npending == cx->pending_cap) {
			size_t cap = cx->pending_cap;
			GROW(cx->pending, cap, cx->npending + 1);
			cx->pending_keys = xreallocarray(cx->pending_keys, cap, sizeof(char *));
			cx->pending_cap = cap;
		}
		p = &cx->pending[cx->npending];
		*p = (struct pending){ .scope = scope, .scope_id = xstrdup(sid),
				       .control = xstrdup(control), .rank = rank_of(o->result),
				       .collected_by = xstrdup(o->collected_by), .pos = o->pos };
		pending_time(p, o);
		cx->pending_keys[cx->npending] = key;
		strmap_put(&cx->pending_index, key, (void *)(uintptr_t)(cx->npending + 1));
		at = cx->npending++;
	}
	note_add(p, o->label ? o->label : o->ident, o->status);
	return at;
}

/*
 * Whether the inventory holds a workload of this subscription, or of this
 * tenant: evidence about one it does not hold applies to nothing.  The sets
 * are built the first time they are asked for.
 */
static int scope_known(struct import_ctx *cx, enum scope_kind sk, const char *sid)
{
	if (!cx->scopes_done) {
		cx->scopes_done = 1;
		const struct inventory *inv = cx->env->inv;
		for (size_t i = 0; i < inv->n; i++) {
			if (inv->items[i].subscription)
				strmap_put(&cx->subscriptions, inv->items[i].subscription, (void *)1);
			if (inv->items[i].tenant)
				strmap_put(&cx->tenants_held, inv->items[i].tenant, (void *)1);
		}
	}
	return strmap_get(sk == SCOPE_TENANT ? &cx->tenants_held : &cx->subscriptions, sid) != NULL;
}

void import_observe(struct import_ctx *cx, const struct import_obs *o)
{
	const struct catalog *cat = cx->env->cat;
	const struct mappings *m = &cat->mappings;
	const struct map_entry *e = mappings_find(m, o->source, o->ident);
	if (!e && o->ident2)
		e = mappings_find(m, o->source, o->ident2);
	const char **controls = NULL;
	size_t n = 0;
	enum map_scope scope = MAP_SCOPE_RESOURCE;
	const char *via = NULL;            /* the group that mapped it, when the identifier did not */
	if (e) {
		if (!e->ncontrols) {
			cx->st->ignored += !o->derived;
			return;
		}
		controls = xcalloc(e->ncontrols, sizeof(char *));
		for (size_t i = 0; i < e->ncontrols; i++)
			controls[n++] = e->controls[i];
		scope = e->scope;
	} else {
		for (size_t g = 0; g < o->ngroups; g++) {
			const struct map_entry *ge = mappings_find(m, o->group_source, o->groups[g]);
			if (!ge)
				continue;
			if (!via && ge->ncontrols)
				via = o->groups[g];
			controls = xreallocarray(controls, n + ge->ncontrols + 1, sizeof(char *));
			for (size_t i = 0; i < ge->ncontrols; i++) {
				size_t k = 0;
				while (k < n && strcmp(controls[k], ge->controls[i]) != 0)
					k++;
				if (k == n)
					controls[n++] = ge->controls[i];
			}
		}
		if (!n) {
			free(controls);
			tally_add(&cx->st->unmapped_ids, o->label ? o->label : o->ident, o->source, o->pos);
			cx->st->unmapped += !o->derived;
			return;
		}
	}

	enum scope_kind sk = SCOPE_WORKLOAD;
	char *sid = NULL;
	const struct workload *w = NULL;
	if (scope == MAP_SCOPE_RESOURCE && o->resource && import_is_subscription(o->resource))
		scope = MAP_SCOPE_SUBSCRIPTION;
	switch (scope) {
	case MAP_SCOPE_RESOURCE:
		if (!o->resource) {
			import_reject(cx, o->pos, "the record names no resource");
			goto out;
		}
		if (cx->env->match_resources) {
			w = inventory_find(cx->env->inv, o->resource);
			if (!w) {
				tally_add(&cx->st->unmatched_ids, o->resource, NULL, o->pos);
				cx->st->unmatched += !o->derived;
				goto out;
			}
			sid = xstrdup(w->id);
		} else {
			sid = xstrdup(o->resource);
		}
		break;
	case MAP_SCOPE_SUBSCRIPTION:
		sk = SCOPE_SUBSCRIPTION;
		sid = o->subscription ? xstrdup(o->subscription) : import_subscription_of(o->resource);
		if (!sid) {
			import_reject(cx, o->pos, "cannot tell which subscription \"%s\" is about",
				      o->label ? o->label : o->ident);
			goto out;
		}
		break;
	default: {
		sk = SCOPE_TENANT;
		const char *t = o->tenant ? import_tenant(cx, o->tenant) : import_single_tenant(cx);
		if (!t) {
			char *why = import_no_tenant_reason(cx);
			diag_error_at(cx->d, o->pos, "cannot tell which tenant \"%s\" is about: the "
				      "export does not say, and %s", o->label ? o->label : o->ident, why);
			free(why);
			goto out;
		}
		sid = xstrdup(t);
		break;
	}
	}
	if ((!o->has_time || o->time_bound) && !cx->env->has_stated_time) {
		if (o->has_time)
			import_warn_once(cx, "no-time", o->pos, "records of this file carry no time of "
					 "collection: they are dated by the time their status last "
					 "changed (state when the export was taken with --collected-at)");
		else
			import_warn_once(cx, "no-time", o->pos, "records of this file carry no time of "
					 "collection: their collection time is recorded as unknown "
					 "(state when the export was taken with --collected-at)");
	}
	if (sk != SCOPE_WORKLOAD && cx->env->match_resources && !scope_known(cx, sk, sid)) {
		if (sk == SCOPE_TENANT) {
			tally_add(&cx->st->other_tenant_ids, sid, NULL, o->pos);
			cx->st->other_tenant += !o->derived;
		} else {
			tally_add(&cx->st->unmatched_ids, sid, NULL, o->pos);
			cx->st->unmatched += !o->derived;
		}
		goto out;
	}
	struct import_obs shown = *o;
	char *label = via ? xasprintf("%s (via %s)", o->label ? o->label : o->ident, via) : NULL;
	if (label)
		shown.label = label;
	/*
	 * Every mapped control gets the record, even one whose type list lacks
	 * the resource's type: the tool assessed it there, and the assessment
	 * applies a control to a workload whose own evidence names it.
	 */
	size_t record = o->derived ? RECORD_DERIVED : cx->st->records_linked++;
	for (size_t i = 0; i < n; i++) {
		const struct control *ctl = catalog_control(cat, controls[i]);
		if (ctl)
			reader_stats_link(cx->st, record, pending_add(cx, sk, sid, ctl->id, &shown));
	}
	free(label);
	cx->st->mapped += !o->derived;
out:
	free(sid);
	free(controls);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Turns the file's links to pending records into links to evidence records, dropping lost ones. */
static void relink(struct reader_stats *st, const size_t *landed)
{
	size_t k = 0;
	for (size_t i = 0; i < st->nlinks; i++) {
		size_t to = landed[st->links[i].evidence];
		if (to == RECORD_DERIVED)
			continue;
		st->links[k] = st->links[i];
		st->links[k++].evidence = to;
	}
	st->nlinks = k;
}

void import_flush(struct import_ctx *cx)
{
	const char *base = base_name(cx->path);
	const char *slash = strrchr(cx->path, '/');
	size_t serial = 0;
	/* Where each pending record lands in the evidence set, for the file's record links. */
	size_t *landed = xcalloc(cx->npending + 1, sizeof(size_t));
	for (size_t i = 0; i < cx->npending; i++) {
		struct pending *p = &cx->pending[i];
		char *id = NULL;
		do {
			free(id);
			id = xasprintf("%s#%zu", base, ++serial);
		} while (evidence_find(cx->env->ev, id));
		char *note = p->more ? xasprintf("%s; and %zu more", p->note, p->more) : p->note;
		if (p->more)
			free(p->note);
		p->note = NULL;
		/* The record's own time; else what the user stated; else its status-change time. */
		int dated = p->has_time || cx->env->has_stated_time || p->has_bound;
		int64_t when = p->has_time ? p->when : cx->env->has_stated_time ? cx->env->stated_time
			     : p->has_bound ? p->bound : 0;
		struct evidence e = {
			.id = id, .control = p->control, .scope = p->scope, .scope_id = p->scope_id,
			.result = result_of_rank(p->rank), .undated = !dated,
			.collected_at = when,
			.collected_by = p->collected_by, .note = note,
			.base_dir = slash ? xstrndup(cx->path, (size_t)(slash - cx->path)) : xstrdup("."),
			.pos = p->pos, .format = cx->reader->name,
		};
		p->control = p->scope_id = p->collected_by = NULL;
		landed[i] = RECORD_DERIVED;
		if (evidence_add_take(cx->env->ev, &e, cx->d) == 0) {
			landed[i] = cx->env->ev->n - 1;
			cx->st->added++;
		}
	}
	/* Links point at pending records only in files read through observations (not srmap's own). */
	if (cx->npending)
		relink(cx->st, landed);
	free(landed);
	struct reader_stats *st = cx->st;
	if (st->read && st->rejected == st->read)
		diag_error_at(cx->d, (struct srcpos){ cx->path, 1, 1 }, "none of the %zu records of this "
			      "file could be read as %s (see the warnings): is it another format?",
			      st->read, cx->reader->title);
	if (st->merged)
		diag_warn_at(cx->d, cx->merged_pos, "%zu record%s repeat%s workloads read before, first "
			     "\"%s\" (read before at %s:%d:%d): merged by id", st->merged,
			     st->merged == 1 ? "" : "s", st->merged == 1 ? "s" : "", cx->merged_id,
			     cx->merged_orig.file, cx->merged_orig.line, cx->merged_orig.col);
	if (st->unmapped_ids.n) {
		/* Name the first few; the assessment XML lists them all with their counts. */
		char *list = NULL;
		for (size_t i = 0; i < st->unmapped_ids.n && i < 5; i++) {
			char *n = list ? xasprintf("%s, \"%s\"", list, st->unmapped_ids.ids[i])
				       : xasprintf("\"%s\"", st->unmapped_ids.ids[i]);
			free(list);
			list = n;
		}
		diag_warn_at(cx->d, st->unmapped_ids.first[0], "%zu identifier%s that the catalog's "
			     "mappings do not cover: %s%s; %s no evidence (listed in the assessment XML; "
			     "map them in a --catalog file)", st->unmapped_ids.n,
			     st->unmapped_ids.n == 1 ? "" : "s", list,
			     st->unmapped_ids.n > 5 ? " and more" : "",
			     st->unmapped_ids.n == 1 ? "it gives" : "they give");
		free(list);
	}
	if (st->unmatched_ids.n)
		diag_warn_at(cx->d, st->unmatched_ids.first[0], "%zu record%s %s about %zu resource%s "
			     "that %s not in the inventory, first \"%s\": %s no evidence "
			     "(listed in the assessment XML)", st->unmatched,
			     st->unmatched == 1 ? "" : "s", st->unmatched == 1 ? "is" : "are",
			     st->unmatched_ids.n, st->unmatched_ids.n == 1 ? "" : "s",
			     st->unmatched_ids.n == 1 ? "is" : "are", st->unmatched_ids.ids[0],
			     st->unmatched == 1 ? "it gives" : "they give");
	if (st->other_tenant_ids.n == 1)
		diag_warn_at(cx->d, st->other_tenant_ids.first[0], "%zu record%s about tenant \"%s\", "
			     "which no workload of the inventory is in: %s no evidence", st->other_tenant,
			     st->other_tenant == 1 ? " is" : "s are", st->other_tenant_ids.ids[0],
			     st->other_tenant == 1 ? "it gives" : "they give");
	else if (st->other_tenant_ids.n)
		diag_warn_at(cx->d, st->other_tenant_ids.first[0], "%zu records are about %zu tenants "
			     "that no workload of the inventory is in, first \"%s\": they give no "
			     "evidence", st->other_tenant, st->other_tenant_ids.n,
			     st->other_tenant_ids.ids[0]);
}
