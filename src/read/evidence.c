/* evidence.c - the evidence record set and the reader of srmap's evidence JSON. */
#include "srmap/read/evidence.h"
#include "srmap/base/limits.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const scope_names[SCOPE_COUNT] = { "workload", "subscription", "tenant" };

const char *scope_name(enum scope_kind s) { return scope_names[s]; }

void evidence_init(struct evidence_set *ev)
{
	*ev = (struct evidence_set){ 0 };
	strmap_init(&ev->by_id, 1);   /* ids are compared case-insensitively, as documented */
}

static void record_free(struct evidence *e)
{
	free(e->id); free(e->control); free(e->scope_id); free(e->collected_by);
	free(e->artifact); free(e->sha256); free(e->note); free(e->base_dir);
	free(e->artifact_path);
}

void evidence_release(struct evidence_set *ev)
{
	for (size_t i = 0; i < ev->n; i++)
		record_free(&ev->items[i]);
	free(ev->items);
	strmap_release(&ev->by_id);
	*ev = (struct evidence_set){ 0 };
}

struct srcpos evidence_pos(const struct evidence *e, struct srcpos p)
{
	return p.line > 0 ? p : e->pos;
}

static struct srcpos pos_in(const struct jsondoc *doc, const cJSON *node, const char *file)
{
	struct srcpos p = jsondoc_pos(doc, node);
	p.file = file;
	return p;
}

static int is_sha256(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!isxdigit((unsigned char)s[n]))
			return 0;
	return n == 64;
}

static char *lower(const char *s)
{
	char *p = xstrdup(s);
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

static char *dir_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	return slash ? xstrndup(file, (size_t)(slash - file)) : xstrdup(".");
}

static const char *file_base(const char *file)
{
	const char *slash = strrchr(file, '/');
	return slash ? slash + 1 : file;
}

static void read_record(struct evidence_set *ev, const struct jsondoc *doc, const cJSON *item,
			size_t index, const char *file, struct diag_list *d)
{
	static const char *const known[] = { "id", "control", "workload", "subscription", "tenant",
					     "result", "collected_at", "collected_by", "artifact",
					     "sha256", "note", NULL };
	size_t before = d->errors;
	struct srcpos pos = pos_in(doc, item, file);
	jsondoc_warn_unknown_keys(doc, item, known, d);
	const char *id = jsondoc_string(doc, item, "id", 0, d);
	const char *control = jsondoc_string(doc, item, "control", 1, d);
	const char *result = jsondoc_string(doc, item, "result", 1, d);
	const char *when = jsondoc_string(doc, item, "collected_at", 1, d);
	const char *by = jsondoc_string(doc, item, "collected_by", 1, d);
	const char *artifact = jsondoc_string(doc, item, "artifact", 0, d);
	const char *sha = jsondoc_string(doc, item, "sha256", 0, d);
	const char *note = jsondoc_string(doc, item, "note", 0, d);

	struct evidence e = { .pos = pos };
	if (id)
		e.pos = pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "id"), file);
	if (control)
		e.control_pos = pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "control"), file);
	if (artifact)
		e.artifact_pos = pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "artifact"), file);
	int nscopes = 0;
	for (int s = 0; s < SCOPE_COUNT; s++) {
		const char *v = jsondoc_string(doc, item, scope_names[s], 0, d);
		if (!v)
			continue;
		if (nscopes++ == 0) {
			e.scope = s;
			e.scope_id = xstrdup(v);
			e.scope_pos = pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, scope_names[s]),
					     file);
		}
	}
	if (nscopes != 1)
		diag_error_at(d, pos, "an evidence record needs exactly one of \"workload\", "
			      "\"subscription\" or \"tenant\" (found %d)", nscopes);
	int r = result ? result_parse(result) : 0;
	if (r < 0)
		diag_error_at(d, pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "result"), file),
			      "result must be pass, fail or not-applicable, not \"%s\"", result);
	if (when && isotime_parse(when, &e.collected_at) < 0)
		diag_error_at(d, pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "collected_at"), file),
			      "collected_at \"%s\" is not an ISO 8601 time with a time zone "
			      "(such as 2026-11-02T09:30:00Z)", when);
	if (sha && !is_sha256(sha))
		diag_error_at(d, pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "sha256"), file),
			      "sha256 must be 64 hexadecimal digits");
	if (sha && !artifact)
		diag_error_at(d, pos_in(doc, cJSON_GetObjectItemCaseSensitive(item, "sha256"), file),
			      "sha256 given without an artifact");
	char *rid = id ? xstrdup(id) : xasprintf("%s#%zu", file_base(file), index + 1);
	size_t dup = (size_t)(uintptr_t)strmap_get(&ev->by_id, rid);
	if (dup) {
		const struct srcpos *first = &ev->items[dup - 1].pos;
		diag_error_at(d, e.pos, "duplicate evidence id \"%s\" (first at %s:%d:%d)", rid,
			      first->file, first->line, first->col);
	}
	e.id = rid;
	if (d->errors > before) {
		record_free(&e);
		return;
	}
	e.control = xstrdup(control);
	e.result = r;
	e.collected_by = xstrdup(by);
	e.artifact = xstrdup(artifact);
	e.sha256 = sha ? lower(sha) : NULL;
	e.note = xstrdup(note);
	e.base_dir = dir_of(file);
	e.format = "srmap-json";
	GROW(ev->items, ev->cap, ev->n + 1);
	ev->items[ev->n] = e;
	strmap_put(&ev->by_id, ev->items[ev->n].id, (void *)(uintptr_t)(ev->n + 1));
	ev->n++;
}

int evidence_read_json(struct evidence_set *ev, const struct jsondoc *doc, const char *file,
		       struct diag_list *d)
{
	static const char *const known[] = { "srmap_evidence", "evidence", NULL };
	const cJSON *root = doc->root;
	size_t before = d->errors, count = ev->n;
	if (!cJSON_IsObject(root) || !cJSON_GetObjectItemCaseSensitive(root, "srmap_evidence")) {
		diag_error_at(d, pos_in(doc, root, file),
			      "not an srmap evidence file (expected an object with \"srmap_evidence\": 1)");
		return -1;
	}
	long version;
	if (!jsondoc_int(doc, root, "srmap_evidence", 1, 1, &version, d))
		return -1;
	jsondoc_warn_unknown_keys(doc, root, known, d);
	const cJSON *arr = jsondoc_array(doc, root, "evidence", 1, d);
	const cJSON *item;
	size_t index = 0;
	cJSON_ArrayForEach(item, arr) {
		if (index == limits_records()) {
			diag_error_at(d, pos_in(doc, item, file), "more than %zu records in the file "
				      "(raise the limit with --max-records)", limits_records());
			break;
		}
		if (!cJSON_IsObject(item))
			diag_error_at(d, pos_in(doc, item, file), "an evidence record must be an object");
		else
			read_record(ev, doc, item, index, file, d);
		index++;
	}
	return d->errors > before ? -1 : (int)(ev->n - count);
}

const struct evidence *evidence_find(const struct evidence_set *ev, const char *id)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&ev->by_id, id);
	return at ? &ev->items[at - 1] : NULL;
}

int evidence_add_take(struct evidence_set *ev, struct evidence *e, struct diag_list *d)
{
	const struct evidence *dup = evidence_find(ev, e->id);
	if (dup) {
		diag_error_at(d, e->pos, "duplicate evidence id \"%s\" (first at %s:%d:%d)", e->id,
			      dup->pos.file, dup->pos.line, dup->pos.col);
		record_free(e);
		return -1;
	}
	GROW(ev->items, ev->cap, ev->n + 1);
	ev->items[ev->n] = *e;
	strmap_put(&ev->by_id, ev->items[ev->n].id, (void *)(uintptr_t)(ev->n + 1));
	ev->n++;
	*e = (struct evidence){ 0 };
	return 0;
}
