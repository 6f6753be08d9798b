/*
 * import.c - what the readers of other tools' exports share: forgiving
 * field lookup, workloads merged by id, and evidence made from
 * observations through the catalog's mappings.
 */
#include "import.h"
#include "srmap/base/alloc.h"
#include "srmap/model.h"
#include "srmap/read/evidence.h"
#include "srmap/base/isotime.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Evidence being aggregated: one per (scope, scope id, control) of the file. */
struct pending {
	enum scope_kind scope;
	char *scope_id;
	char *control;
	int rank;                  /* 1 not-applicable, 2 pass, 3 fail */
	int64_t when;
	int has_time;
	char *collected_by;
	struct srcpos pos;
	char *note;
	size_t items, more;
};

enum { NOTE_ITEMS = 4 };

/* ---- JSON helpers for detectors ----------------------------------------------- */

const cJSON *json_get_ci(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	const cJSON *loose = NULL;
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (strcmp(c->string, key) == 0)
			return cJSON_IsNull(c) ? NULL : c;
		if (!loose && strcasecmp(c->string, key) == 0)
			loose = c;
	}
	return loose && !cJSON_IsNull(loose) ? loose : NULL;
}

const cJSON *json_first_record(const cJSON *root, const char *key)
{
	const cJSON *arr = cJSON_IsArray(root) ? root : key ? json_get_ci(root, key) : NULL;
	const cJSON *item;
	int seen = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	cJSON_ArrayForEach(item, arr) {
		if (cJSON_IsObject(item))
			return item;
		if (++seen == 3)
			break;
	}
	return NULL;
}

int json_array_has(const cJSON *arr, const char *s)
{
	const cJSON *item;
	if (!cJSON_IsArray(arr))
		return 0;
	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsString(item) && strcasecmp(item->valuestring, s) == 0)
			return 1;
	return 0;
}

/* ---- tallies and statistics -------------------------------------------------- */

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

/* ---- the shared environment: tenants ----------------------------------------- */

void import_env_init(struct import_env *env, const struct catalog *cat, struct inventory *inv,
		     struct evidence_set *ev, int64_t as_of)
{
	*env = (struct import_env){ .cat = cat, .inv = inv, .ev = ev, .as_of = as_of,
				    .match_resources = 1 };
	strmap_init(&env->sub_tenant, 1);
}

void import_env_release(struct import_env *env)
{
	for (size_t i = 0; i < env->ntenants; i++) {
		free(env->tenant_names[i]);
		free(env->tenant_ids[i]);
	}
	free(env->tenant_names);
	free(env->tenant_ids);
	for (size_t i = 0; i < env->nsubs; i++)
		free(env->sub_keys[i]);
	free(env->sub_keys);
	strmap_release(&env->sub_tenant);
	*env = (struct import_env){ 0 };
}

void import_add_tenant(struct import_env *env, const char *name, const char *id)
{
	for (size_t i = 0; i < env->ntenants; i++)
		if (strcasecmp(env->tenant_names[i], name) == 0) {
			if (!env->tenant_ids[i] && id)
				env->tenant_ids[i] = xstrdup(id);
			return;
		}
	if (env->ntenants == env->tenants_cap) {
		size_t cap = env->tenants_cap;
		GROW(env->tenant_names, cap, env->ntenants + 1);
		env->tenant_ids = xreallocarray(env->tenant_ids, cap, sizeof(char *));
		env->tenants_cap = cap;
	}
	env->tenant_names[env->ntenants] = xstrdup(name);
	env->tenant_ids[env->ntenants] = xstrdup(id);
	env->ntenants++;
}

/* Canonical tenant name for t (a name or an id), borrowed from env; or NULL when unknown. */
static const char *env_tenant(const struct import_env *env, const char *t)
{
	for (size_t i = 0; t && i < env->ntenants; i++)
		if (strcasecmp(env->tenant_names[i], t) == 0 ||
		    (env->tenant_ids[i] && strcasecmp(env->tenant_ids[i], t) == 0))
			return env->tenant_names[i];
	return NULL;
}

void import_add_subscription(struct import_env *env, const char *subscription, const char *tenant)
{
	const char *name = env_tenant(env, tenant);
	if (!name || strmap_get(&env->sub_tenant, subscription))
		return;
	GROW(env->sub_keys, env->subs_cap, env->nsubs + 1);
	env->sub_keys[env->nsubs] = xstrdup(subscription);
	strmap_put(&env->sub_tenant, env->sub_keys[env->nsubs], (void *)name);
	env->nsubs++;
}

void import_finish_inventory(struct import_env *env)
{
	struct inventory *inv = env->inv;
	/* Subscriptions whose tenant the inventory states (one tenant each). */
	struct strmap seen;
	strmap_init(&seen, 1);
	for (size_t i = 0; i < inv->n; i++) {
		struct workload *w = &inv->items[i];
		const char *canon = env_tenant(env, w->tenant);
		if (canon && strcmp(canon, w->tenant) != 0) {
			free(w->tenant);
			w->tenant = xstrdup(canon);
		}
		if (w->tenant && w->subscription && !strmap_get(&env->sub_tenant, w->subscription) &&
		    !strmap_get(&seen, w->subscription))
			strmap_put(&seen, w->subscription, w->tenant);
	}
	for (size_t i = 0; i < inv->n; i++) {
		struct workload *w = &inv->items[i];
		if (w->tenant || !w->subscription)
			continue;
		const char *t = strmap_get(&env->sub_tenant, w->subscription);
		if (!t)
			t = strmap_get(&seen, w->subscription);
		if (t)
			w->tenant = xstrdup(t);
	}
	strmap_release(&seen);
}

const char *import_tenant(const struct import_ctx *cx, const char *t)
{
	const char *canon = env_tenant(cx->env, t);
	return canon ? canon : t;
}

const char *import_pick_tenant(struct import_ctx *cx, const char *const *cands, size_t n)
{
	if (!cx->tenants_done) {
		cx->tenants_done = 1;
		for (size_t i = 0; i < cx->env->inv->n; i++)
			if (cx->env->inv->items[i].tenant)
				strmap_put(&cx->tenants, cx->env->inv->items[i].tenant,
					   cx->env->inv->items[i].tenant);
	}
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i] || !cands[i][0])
			continue;
		const char *canon = env_tenant(cx->env, cands[i]);
		if (canon)
			return canon;
		const char *known = strmap_get(&cx->tenants, cands[i]);
		if (known)
			return known;
		if (!first)
			first = cands[i];
	}
	return first;
}

const char *import_single_tenant(const struct import_ctx *cx)
{
	struct import_ctx *m = (struct import_ctx *)cx;
	if (m->single_done)
		return m->single_tenant;
	m->single_done = 1;
	const char *one = NULL;
	for (size_t i = 0; i < cx->env->ntenants; i++) {
		if (one && strcasecmp(one, cx->env->tenant_names[i]) != 0)
			return NULL;
		one = cx->env->tenant_names[i];
	}
	for (size_t i = 0; i < cx->env->inv->n; i++) {
		const char *t = cx->env->inv->items[i].tenant;
		if (!t)
			continue;
		if (one && strcasecmp(one, t) != 0)
			return NULL;
		one = t;
	}
	m->single_tenant = one;
	return one;
}

/* ---- the context of one file -------------------------------------------------- */

void import_ctx_init(struct import_ctx *cx, struct import_env *env, const struct input_text *in,
		     const struct reader *r, struct reader_stats *st, struct diag_list *d)
{
	*cx = (struct import_ctx){ .env = env, .in = in, .reader = r, .path = in->path, .st = st,
				   .d = d };
	strmap_init(&cx->warned, 0);
	strmap_init(&cx->pending_index, 0);
	strmap_init(&cx->tenants, 1);
}

static void pending_free(struct pending *p)
{
	free(p->scope_id); free(p->control); free(p->collected_by); free(p->note);
}

void import_ctx_release(struct import_ctx *cx)
{
	for (size_t i = 0; i < cx->nwarned; i++)
		free(cx->warned_keys[i]);
	free(cx->warned_keys);
	strmap_release(&cx->warned);
	for (size_t i = 0; i < cx->npending; i++) {
		pending_free(&cx->pending[i]);
		free(cx->pending_keys[i]);
	}
	free(cx->pending);
	free(cx->pending_keys);
	strmap_release(&cx->pending_index);
	strmap_release(&cx->tenants);
	free(cx->merged_id);
	*cx = (struct import_ctx){ 0 };
}

struct srcpos import_pos(const struct import_ctx *cx, const cJSON *node)
{
	struct srcpos p = jsondoc_pos(&cx->in->doc, node);
	p.file = cx->path;
	return p;
}

void import_warn_once(struct import_ctx *cx, const char *key, struct srcpos pos,
		      const char *fmt, ...)
{
	if (strmap_get(&cx->warned, key))
		return;
	GROW(cx->warned_keys, cx->warned_cap, cx->nwarned + 1);
	cx->warned_keys[cx->nwarned] = xstrdup(key);
	strmap_put(&cx->warned, cx->warned_keys[cx->nwarned], cx);
	cx->nwarned++;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_warn_at(cx->d, pos, "%s", msg);
	free(msg);
}

void import_reject(struct import_ctx *cx, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_warn_at(cx->d, pos, "%s: the record is skipped", msg);
	free(msg);
	cx->st->rejected++;
}

/* ---- fields ------------------------------------------------------------------ */

const cJSON *import_get(struct import_ctx *cx, const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	const cJSON *exact = NULL, *first = NULL, *other = NULL;
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (strcmp(c->string, key) == 0) {
			exact = c;
			break;
		}
		if (strcasecmp(c->string, key) != 0)
			continue;
		if (strcmp(c->string + 1, key + 1) == 0) {
			if (!first)
				first = c;
		} else if (!other) {
			other = c;
		}
	}
	const cJSON *v = exact ? exact : first ? first : other;
	if (v && v == other) {
		char *wkey = xasprintf("case:%s", other->string);
		import_warn_once(cx, wkey, import_pos(cx, other),
				 "key \"%s\" read as \"%s\" (unexpected letter case)", other->string, key);
		free(wkey);
	}
	return v && !cJSON_IsNull(v) ? v : NULL;
}

static const char *json_type(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "a boolean";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "invalid";
}

static const cJSON *typed(struct import_ctx *cx, const cJSON *obj, const char *key,
			  cJSON_bool (*is)(const cJSON *), const char *want, int *bad)
{
	const cJSON *v = import_get(cx, obj, key);
	if (!v || is(v))
		return v;
	if (bad) {
		if (!*bad)
			import_reject(cx, import_pos(cx, v), "\"%s\" must be %s, not %s", key, want,
				      json_type(v));
		*bad = 1;
	} else {
		diag_warn_at(cx->d, import_pos(cx, v), "\"%s\" must be %s, not %s: ignored", key, want,
			     json_type(v));
	}
	return NULL;
}

const char *import_str(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad)
{
	const cJSON *v = typed(cx, obj, key, cJSON_IsString, "a string", bad);
	return v ? v->valuestring : NULL;
}

const cJSON *import_obj(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad)
{
	return typed(cx, obj, key, cJSON_IsObject, "an object", bad);
}

const cJSON *import_arr(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad)
{
	return typed(cx, obj, key, cJSON_IsArray, "an array", bad);
}

const cJSON *import_records(struct import_ctx *cx, const char *key)
{
	const cJSON *root = cx->in->doc.root;
	if (cJSON_IsArray(root))
		return root;
	const cJSON *v = cJSON_IsObject(root) ? import_get(cx, root, key) : NULL;
	if (cJSON_IsArray(v))
		return v;
	diag_error_at(cx->d, import_pos(cx, v ? v : root),
		      "expected an array of records, or an object whose \"%s\" is one (is this %s?)",
		      key, cx->reader->title);
	return NULL;
}

int import_time(struct import_ctx *cx, const char *s, struct srcpos pos, int64_t *out)
{
	char buf[64];
	size_t n = strlen(s);
	if (n < 19 || n + 2 > sizeof buf)
		return -1;
	memcpy(buf, s, n + 1);
	if (buf[10] == ' ')
		buf[10] = 'T';
	size_t i = 19;
	if (buf[i] == '.')
		for (i++; isdigit((unsigned char)buf[i]); i++)
			;
	if (!buf[i]) {
		memcpy(buf + i, "Z", 2);
		if (isotime_parse(buf, out) < 0)
			return -1;
		import_warn_once(cx, "time-zone", pos, "times without a time zone (\"%s\") are read "
				 "as UTC", s);
		return 0;
	}
	return isotime_parse(buf, out);
}

/* ---- Azure resource ids ------------------------------------------------------- */

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

/* ---- workloads ---------------------------------------------------------------- */

void import_workload(struct import_ctx *cx, struct workload *w)
{
	const struct catalog *cat = cx->env->cat;
	w->from_export = 1;
	const struct restype *t = cat ? catalog_type(cat, w->type) : NULL;
	if (t && strcmp(t->type, w->type) != 0) {
		free(w->type);
		w->type = xstrdup(t->type);
	}
	const struct kind_rule *k = cat ? mappings_kind(&cat->mappings, w->type, w->kind) : NULL;
	if (k) {
		free(w->type_title);
		w->type_title = xstrdup(k->title);
		if (w->model < 0 && k->model >= 0)
			w->model = k->model;
	}
	struct srcpos pos = w->pos;
	char *id = cx->merged_id ? NULL : xstrdup(w->id);
	const struct workload *first = NULL;
	cx->st->mapped++;
	if (inventory_merge_take(cx->env->inv, w, &first, cx->d)) {
		if (!cx->st->merged++) {
			cx->merged_id = id;
			id = NULL;
			cx->merged_pos = pos;
			cx->merged_orig = first->pos;
		}
	} else {
		cx->st->added++;
	}
	free(id);
}

/* ---- evidence ------------------------------------------------------------------ */

static int rank_of(int result)
{
	return result == RESULT_FAIL ? 3 : result == RESULT_PASS ? 2 : 1;
}

static int result_of_rank(int rank)
{
	return rank == 3 ? RESULT_FAIL : rank == 2 ? RESULT_PASS : RESULT_NOT_APPLICABLE;
}

static enum service_model model_of(const struct catalog *cat, const struct workload *w)
{
	if (w->model >= 0)
		return w->model;
	const struct restype *t = catalog_type(cat, w->type);
	return t ? t->model : MODEL_UNCLASSIFIED;
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

static void pending_add(struct import_ctx *cx, enum scope_kind scope, const char *sid,
			const char *control, const struct import_obs *o)
{
	char *key = xasprintf("%d\x1f%s\x1f%s", (int)scope, sid, control);
	for (char *q = key; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	size_t at = (size_t)(uintptr_t)strmap_get(&cx->pending_index, key);
	struct pending *p;
	if (at) {
		free(key);
		p = &cx->pending[at - 1];
		int r = rank_of(o->result);
		if (r > p->rank)
			p->rank = r;
		if (o->has_time && (!p->has_time || o->when > p->when)) {
			p->when = o->when;
			p->has_time = 1;
		}
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
				       .when = o->when, .has_time = o->has_time,
				       .collected_by = xstrdup(o->collected_by), .pos = o->pos };
		cx->pending_keys[cx->npending] = key;
		strmap_put(&cx->pending_index, key, (void *)(uintptr_t)(cx->npending + 1));
		cx->npending++;
	}
	note_add(p, o->label ? o->label : o->ident, o->status);
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
			import_reject(cx, o->pos, "cannot tell which tenant \"%s\" is about: the export "
				      "does not say, and the inventory has several tenants (or none)",
				      o->label ? o->label : o->ident);
			goto out;
		}
		sid = xstrdup(t);
		break;
	}
	}
	if (!o->has_time) {
		char iso[ISOTIME_LEN];
		isotime_format(cx->env->as_of, iso);
		import_warn_once(cx, "no-time", o->pos, "records of this file carry no time of "
				 "collection: their evidence is dated at the assessment's as-of time %s", iso);
	}
	struct import_obs shown = *o;
	char *label = via ? xasprintf("%s (via %s)", o->label ? o->label : o->ident, via) : NULL;
	if (label)
		shown.label = label;
	for (size_t i = 0; i < n; i++) {
		const struct control *ctl = catalog_control(cat, controls[i]);
		if (!ctl || (w && !control_applies(ctl, w->type, model_of(cat, w))))
			continue;
		pending_add(cx, sk, sid, ctl->id, &shown);
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

void import_flush(struct import_ctx *cx)
{
	const char *base = base_name(cx->path);
	const char *slash = strrchr(cx->path, '/');
	size_t serial = 0;
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
		struct evidence e = {
			.id = id, .control = p->control, .scope = p->scope, .scope_id = p->scope_id,
			.result = result_of_rank(p->rank),
			.collected_at = p->has_time ? p->when : cx->env->as_of,
			.collected_by = p->collected_by, .note = note,
			.base_dir = slash ? xstrndup(cx->path, (size_t)(slash - cx->path)) : xstrdup("."),
			.pos = p->pos, .format = cx->reader->name,
		};
		p->control = p->scope_id = p->collected_by = NULL;
		if (evidence_add_take(cx->env->ev, &e, cx->d) == 0)
			cx->st->added++;
	}
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
}
