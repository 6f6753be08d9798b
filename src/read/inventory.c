/* inventory.c - the workload list and the reader of srmap's inventory JSON. */
#include "srmap/read/inventory.h"
#include "srmap/base/limits.h"
#include "srmap/base/alloc.h"
#include "srmap/model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void inventory_init(struct inventory *inv)
{
	*inv = (struct inventory){ 0 };
	strmap_init(&inv->by_id, 1);
	strmap_init(&inv->sub_names, 1);
}

void workload_release(struct workload *w)
{
	free(w->id); free(w->name); free(w->type); free(w->subscription);
	free(w->tenant); free(w->resource_group); free(w->location);
	free(w->accountable_party);
	free(w->kind); free(w->type_title); free(w->part_of);
	for (size_t t = 0; t < w->ntags; t++) {
		free(w->tag_keys[t]);
		free(w->tag_values[t]);
	}
	free(w->tag_keys);
	free(w->tag_values);
	*w = (struct workload){ 0 };
}

void inventory_release(struct inventory *inv)
{
	for (size_t i = 0; i < inv->n; i++)
		workload_release(&inv->items[i]);
	free(inv->items);
	strmap_release(&inv->by_id);
	for (size_t i = 0; i < inv->nsub_names; i++) {
		free(inv->sub_name_keys[i]);
		free(inv->sub_name_values[i]);
	}
	free(inv->sub_name_keys);
	free(inv->sub_name_values);
	strmap_release(&inv->sub_names);
	*inv = (struct inventory){ 0 };
}

void inventory_name_subscription(struct inventory *inv, const char *id, const char *name)
{
	if (strmap_get(&inv->sub_names, id))
		return;
	if (inv->nsub_names == inv->sub_names_cap) {
		size_t cap = inv->sub_names_cap;
		GROW(inv->sub_name_keys, cap, inv->nsub_names + 1);
		inv->sub_name_values = xreallocarray(inv->sub_name_values, cap, sizeof(char *));
		inv->sub_names_cap = cap;
	}
	inv->sub_name_keys[inv->nsub_names] = xstrdup(id);
	inv->sub_name_values[inv->nsub_names] = xstrdup(name);
	strmap_put(&inv->sub_names, inv->sub_name_keys[inv->nsub_names],
		   inv->sub_name_values[inv->nsub_names]);
	inv->nsub_names++;
}

const char *inventory_subscription_name(const struct inventory *inv, const char *id)
{
	return strmap_get(&inv->sub_names, id);
}

const struct workload *inventory_find(const struct inventory *inv, const char *id)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&inv->by_id, id);
	return at ? &inv->items[at - 1] : NULL;
}

static struct srcpos pos_in(const struct jsondoc *doc, const cJSON *node, const char *file)
{
	struct srcpos p = jsondoc_pos(doc, node);
	p.file = file;
	return p;
}

static void read_tags(struct workload *w, const struct jsondoc *doc, const cJSON *obj,
		      const char *file, struct diag_list *d)
{
	const cJSON *tags = jsondoc_object(doc, obj, "tags", 0, d);
	if (!tags)
		return;
	size_t n = (size_t)cJSON_GetArraySize(tags);
	w->tag_keys = xcalloc(n, sizeof(char *));
	w->tag_values = xcalloc(n, sizeof(char *));
	const cJSON *t;
	cJSON_ArrayForEach(t, tags) {
		if (!cJSON_IsString(t)) {
			diag_error_at(d, pos_in(doc, t, file), "tag \"%s\" must be a string", t->string);
			continue;
		}
		w->tag_keys[w->ntags] = xstrdup(t->string);
		w->tag_values[w->ntags] = xstrdup(t->valuestring);
		w->ntags++;
	}
}

static void read_workload(struct inventory *inv, const struct jsondoc *doc, const cJSON *item,
			  const char *file, struct diag_list *d)
{
	static const char *const known[] = { "id", "name", "type", "subscription", "tenant",
					     "resource_group", "location", "tags", "service_model",
					     "accountable_party", NULL };
	size_t before = d->errors;
	jsondoc_warn_unknown_keys(doc, item, known, d);
	const char *id = jsondoc_string(doc, item, "id", 1, d);
	const char *name = jsondoc_string(doc, item, "name", 1, d);
	const char *type = jsondoc_string(doc, item, "type", 1, d);
	const char *model = jsondoc_string(doc, item, "service_model", 0, d);
	int m = -1;
	if (model && (m = model_parse(model)) < 0)
		diag_error_at(d, pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "service_model"), file),
			      "service_model must be iaas, paas, saas or onprem, not \"%s\"", model);
	struct workload w = {
		.subscription = xstrdup(jsondoc_string(doc, item, "subscription", 0, d)),
		.tenant = xstrdup(jsondoc_string(doc, item, "tenant", 0, d)),
		.resource_group = xstrdup(jsondoc_string(doc, item, "resource_group", 0, d)),
		.location = xstrdup(jsondoc_string(doc, item, "location", 0, d)),
		.accountable_party = xstrdup(jsondoc_string(doc, item, "accountable_party", 0, d)),
		.model = m,
		/* a workload is where its id is written */
		.pos = pos_in(doc, id ? cJSON_GetObjectItemCaseSensitive(item, "id") : item, file),
	};
	read_tags(&w, doc, item, file, d);
	w.id = xstrdup(id);
	w.name = xstrdup(name);
	w.type = xstrdup(type);
	const struct workload *dup = id ? inventory_find(inv, id) : NULL;
	if (dup && !dup->from_export)
		diag_error_at(d, w.pos, "duplicate workload id \"%s\" (first at %s:%d:%d)", id,
			      dup->pos.file, dup->pos.line, dup->pos.col);
	if (d->errors > before) {
		workload_release(&w);
		return;
	}
	if (dup) {
		/* A workload read from an export before: this record fills in what it lacks. */
		diag_warn_at(d, w.pos, "workload \"%s\" was read before from an export (at %s:%d:%d): "
			     "merged by id", id, dup->pos.file, dup->pos.line, dup->pos.col);
		inventory_merge_take(inv, &w, &dup, d);
		return;
	}
	GROW(inv->items, inv->cap, inv->n + 1);
	inv->items[inv->n] = w;
	strmap_put(&inv->by_id, inv->items[inv->n].id, (void *)(uintptr_t)(inv->n + 1));
	inv->n++;
}

/* Copies src into *dst when *dst is unset, and frees src's copy either way. */
static void fill(char **dst, char **src)
{
	if (!*dst) {
		*dst = *src;
		*src = NULL;
	}
}

int inventory_merge_take(struct inventory *inv, struct workload *w,
			 const struct workload **first, struct diag_list *d)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&inv->by_id, w->id);
	if (!at) {
		GROW(inv->items, inv->cap, inv->n + 1);
		inv->items[inv->n] = *w;
		strmap_put(&inv->by_id, inv->items[inv->n].id, (void *)(uintptr_t)(inv->n + 1));
		inv->n++;
		*w = (struct workload){ 0 };
		if (first)
			*first = NULL;
		return 0;
	}
	struct workload *o = &inv->items[at - 1];
	if (o->type && w->type && strcasecmp(o->type, w->type) != 0)
		diag_warn_at(d, w->pos, "workload \"%s\" has type \"%s\" here and \"%s\" at %s:%d:%d; "
			     "the first is kept", w->id, w->type, o->type, o->pos.file, o->pos.line,
			     o->pos.col);
	fill(&o->name, &w->name);
	fill(&o->subscription, &w->subscription);
	fill(&o->tenant, &w->tenant);
	fill(&o->resource_group, &w->resource_group);
	fill(&o->location, &w->location);
	fill(&o->accountable_party, &w->accountable_party);
	fill(&o->kind, &w->kind);
	fill(&o->type_title, &w->type_title);
	fill(&o->part_of, &w->part_of);
	if (o->model < 0)
		o->model = w->model;
	if (w->ntags) {
		/* The tags it lacks, found through a hash of its keys: many tags stay linear. */
		struct strmap keys;
		strmap_init(&keys, 0);
		for (size_t k = 0; k < o->ntags; k++)
			strmap_put(&keys, o->tag_keys[k], o);
		o->tag_keys = xreallocarray(o->tag_keys, o->ntags + w->ntags, sizeof(char *));
		o->tag_values = xreallocarray(o->tag_values, o->ntags + w->ntags, sizeof(char *));
		for (size_t t = 0; t < w->ntags; t++) {
			if (strmap_get(&keys, w->tag_keys[t]))
				continue;
			o->tag_keys[o->ntags] = w->tag_keys[t];
			o->tag_values[o->ntags] = w->tag_values[t];
			w->tag_keys[t] = w->tag_values[t] = NULL;
			strmap_put(&keys, o->tag_keys[o->ntags], o);
			o->ntags++;
		}
		strmap_release(&keys);
	}
	workload_release(w);
	if (first)
		*first = o;
	return 1;
}

int inventory_read_json(struct inventory *inv, const struct jsondoc *doc, const char *file,
			struct diag_list *d)
{
	static const char *const known[] = { "srmap_inventory", "workloads", NULL };
	const cJSON *root = doc->root;
	size_t before = d->errors, count = inv->n;
	if (!cJSON_IsObject(root) || !cJSON_GetObjectItemCaseSensitive(root, "srmap_inventory")) {
		diag_error_at(d, pos_in(doc, root, file),
			      "not an srmap inventory (expected an object with \"srmap_inventory\": 1)");
		return -1;
	}
	long version;
	if (!jsondoc_int(doc, root, "srmap_inventory", 1, 1, &version, d))
		return -1;
	jsondoc_warn_unknown_keys(doc, root, known, d);
	const cJSON *arr = jsondoc_array(doc, root, "workloads", 1, d);
	const cJSON *item;
	size_t index = 0;
	cJSON_ArrayForEach(item, arr) {
		if (index++ == limits_records()) {
			diag_error_at(d, pos_in(doc, item, file), "more than %zu records in the file "
				      "(raise the limit with --max-records)", limits_records());
			break;
		}
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, pos_in(doc, item, file), "a workload must be an object");
			continue;
		}
		read_workload(inv, doc, item, file, d);
	}
	return d->errors > before ? -1 : (int)(inv->n - count);
}
