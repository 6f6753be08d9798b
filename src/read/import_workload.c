/*
 * import_workload.c - records of other tools' exports turned into
 * workloads, merged by id with workloads read before.
 */
#include "import_workload.h"
#include "import_field.h"
#include "srmap/base/alloc.h"
#include "srmap/model.h"
#include "srmap/read/import_env.h"
#include "srmap/read/inventory.h"
#include "srmap/read/reader_stats.h"

#include <stdlib.h>
#include <string.h>

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
