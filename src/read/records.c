/*
 * records.c - the shapes exports come in, reduced to one list of records:
 * bare arrays, REST list envelopes, arrays of pages, single records, the
 * table format of Resource Graph and of the Log Analytics query API; the
 * paging marks of Resource Graph results; records repeated across pages.
 */
#include "records.h"
#include "stream.h"
#include "import_env.h"
#include "import_field.h"
#include "srmap/base/alloc.h"
#include "srmap/base/limits.h"
#include "srmap/read/input.h"
#include "srmap/read/reader_stats.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The records array of one envelope: its member key, when that is an array.  Borrowed. */
static const cJSON *page_records(const cJSON *page, const char *key)
{
	const cJSON *arr = key ? json_get_ci(page, key) : NULL;
	return cJSON_IsArray(arr) ? arr : NULL;
}

/* The next page a list page names (ARM nextLink, Graph @odata.nextLink), or NULL. */
static const cJSON *next_link(const cJSON *page)
{
	const char *const keys[] = { "nextLink", "@odata.nextLink", NULL };
	for (size_t i = 0; keys[i]; i++) {
		const cJSON *n = json_get_ci(page, keys[i]);
		if (cJSON_IsString(n) && n->valuestring[0])
			return n;
	}
	return NULL;
}

/* The first object of arr (looking at no more than its first three items), or NULL. */
static const cJSON *first_object(const cJSON *arr)
{
	const cJSON *item;
	int seen = 0;
	cJSON_ArrayForEach(item, arr) {
		if (cJSON_IsObject(item))
			return item;
		if (++seen == 3)
			break;
	}
	return NULL;
}

const cJSON *records_first(const cJSON *root, const char *key)
{
	if (cJSON_IsObject(root))
		return first_object(page_records(root, key));
	if (!cJSON_IsArray(root))
		return NULL;
	/* Pages nested one level too deep are still recognised, so that reading them can say why
	   it refuses them. */
	if (cJSON_IsArray(root->child))
		root = root->child;
	const cJSON *first = first_object(root);
	const cJSON *inner = first ? page_records(first, key) : NULL;
	return inner ? first_object(inner) : first;
}

const char *records_list_key(const cJSON *root)
{
	if (records_are_pages(root, "value"))
		return "value";
	if (records_are_pages(root, "data") || (cJSON_IsObject(root) && json_get_ci(root, "data")))
		return "data";
	return "value";
}

int records_are_pages(const cJSON *root, const char *key)
{
	if (cJSON_IsObject(root))
		return page_records(root, key) != NULL;
	const cJSON *first = cJSON_IsArray(root) ? first_object(root) : NULL;
	return first && page_records(first, key) != NULL;
}

static void push(struct record_list *out, size_t *cap, const cJSON *rec)
{
	GROW(out->items, *cap, out->n + 1);
	out->items[out->n++] = rec;
}

static void push_all(struct record_list *out, size_t *cap, const cJSON *arr)
{
	const cJSON *rec;
	cJSON_ArrayForEach(rec, arr)
		push(out, cap, rec);
}

/*
 * The table of a table-format result: member key of root when it holds rows
 * (Resource Graph's resultFormat=table), or the first of root's "tables"
 * (the Log Analytics query API, whose first table is the PrimaryResult).
 */
static const cJSON *table_of(const cJSON *root, const char *key)
{
	if (!cJSON_IsObject(root))
		return NULL;
	const cJSON *t = key ? json_get_ci(root, key) : NULL;
	if (cJSON_IsObject(t) && json_get_ci(t, "rows"))
		return t;
	const cJSON *tables = json_get_ci(root, "tables");
	t = cJSON_IsArray(tables) ? tables->child : NULL;
	return cJSON_IsObject(t) && json_get_ci(t, "columns") && json_get_ci(t, "rows") ? t : NULL;
}

const cJSON *records_first_cell(const cJSON *root, const char *key, const char *column)
{
	const cJSON *t = table_of(root, key);
	const cJSON *cols = json_get_ci(t, "columns"), *rows = json_get_ci(t, "rows");
	const cJSON *row = cJSON_IsArray(rows) ? rows->child : NULL;
	if (!cJSON_IsArray(cols) || !cJSON_IsArray(row))
		return NULL;
	const cJSON *col, *cell = row->child;
	cJSON_ArrayForEach(col, cols) {
		const cJSON *name = json_get_ci(col, "name");
		if (cJSON_IsString(name) && strcasecmp(name->valuestring, column) == 0)
			return cell && !cJSON_IsNull(cell) ? cell : NULL;
		cell = cell ? cell->next : NULL;
	}
	return NULL;
}

/* Refuses a list of more records than --max-records, at the first record past the limit. */
static int too_many(struct import_ctx *cx, struct record_list *out)
{
	size_t max = limits_records();
	if (out->n <= max)
		return 0;
	diag_error_at(cx->d, import_pos(cx, records_at(out, max)), "more than %zu records in the "
		      "file (raise the limit with --max-records)", max);
	records_release(out);
	return -1;
}

int records_collect(struct import_ctx *cx, const char *key, int (*is_record)(const cJSON *),
		    struct record_list *out)
{
	*out = (struct record_list){ 0 };
	size_t cap = 0;
	const cJSON *root = cx->in->doc.root;
	const cJSON *last_page = NULL;
	const cJSON *table = cx->in->stream ? NULL : table_of(root, key);
	if (cx->in->stream) {
		/* stream_fits vouched that the list is the stream's, and no table. */
		out->stream = cx->in->stream;
		out->n = cx->in->stream->n;
		out->pages = cJSON_IsObject(root);
		last_page = cJSON_IsObject(root) ? root : NULL;
	} else if (table) {
		int rc = records_from_table(cx, table, out);
		out->pages = rc == 0;
		return rc == 0 ? too_many(cx, out) : rc;
	} else if (cJSON_IsObject(root)) {
		const cJSON *arr = page_records(root, key);
		if (arr) {
			push_all(out, &cap, arr);
			out->pages = 1;
			last_page = root;
		} else if (is_record && is_record(root)) {
			push(out, &cap, root);
		} else {
			/* Through the field getter, so that a wrong type or case is reported as such. */
			import_records(cx, key);
			return -1;
		}
	} else if (cJSON_IsArray(root)) {
		const cJSON *first = first_object(root);
		if (first && page_records(first, key)) {
			const cJSON *page;
			cJSON_ArrayForEach(page, root) {
				const cJSON *arr = page_records(page, key);
				if (!arr) {
					diag_error_at(cx->d, import_pos(cx, page), "this file is an array of "
						      "pages, but this item has no \"%s\" array of records", key);
					records_release(out);
					return -1;
				}
				push_all(out, &cap, arr);
				out->pages++;
				last_page = page;
			}
		} else {
			const cJSON *item;
			cJSON_ArrayForEach(item, root)
				if (cJSON_IsArray(item)) {
					diag_error_at(cx->d, import_pos(cx, item), "an array inside the array of "
						      "records: give each page as an object (or as a file of "
						      "its own), not as nested arrays");
					records_release(out);
					return -1;
				}
			push_all(out, &cap, root);
		}
	} else {
		import_records(cx, key);
		return -1;
	}
	const cJSON *next = last_page ? next_link(last_page) : NULL;
	if (next) {
		char *msg = xasprintf("the last page of this list names a next page (%s), and no later "
				      "file of this format ends the list: the rest of the list is "
				      "missing; fetch every page and give them all (as files in order, "
				      "or as one JSON array of pages)", next->string);
		import_page_open(cx, import_pos(cx, next), msg);
		free(msg);
	} else if (last_page) {
		import_page_closed(cx);
	}
	return too_many(cx, out);
}

const cJSON *records_at(struct record_list *list, size_t i)
{
	if (!list->stream)
		return list->items[i];
	return stream_record(list->stream, list->index ? list->index[i] : i);
}

void records_release(struct record_list *out)
{
	free(out->items);
	free(out->index);
	*out = (struct record_list){ 0 };
}

int records_from_table(struct import_ctx *cx, const cJSON *table, struct record_list *out)
{
	*out = (struct record_list){ 0 };
	size_t cap = 0;
	const cJSON *columns = json_get_ci(table, "columns"), *rows = json_get_ci(table, "rows");
	size_t ncol = cJSON_IsArray(columns) ? (size_t)cJSON_GetArraySize(columns) : 0;
	if (!ncol || !cJSON_IsArray(rows)) {
		diag_error_at(cx->d, import_pos(cx, table), "a table-format result needs \"columns\" "
			      "(an array of {\"name\": ...}) and \"rows\" (an array of arrays)");
		return -1;
	}
	const char **names = xcalloc(ncol, sizeof(char *));
	size_t k = 0;
	const cJSON *col;
	cJSON_ArrayForEach(col, columns) {
		const cJSON *name = json_get_ci(col, "name");
		if (!cJSON_IsString(name) || !name->valuestring[0]) {
			diag_error_at(cx->d, import_pos(cx, col), "a column of the table has no name");
			free(names);
			return -1;
		}
		names[k++] = name->valuestring;
	}
	/* The parse tree is the reader's to shape: a row array becomes the object it stands for. */
	cJSON *row;
	for (row = rows->child; row; row = row->next) {
		if (!cJSON_IsArray(row)) {
			push(out, &cap, row);   /* the reader rejects what is not an object */
			continue;
		}
		if ((size_t)cJSON_GetArraySize(row) > ncol) {
			cx->st->read++;
			import_reject(cx, import_pos(cx, row), "the row has %d cells for %zu columns",
				      cJSON_GetArraySize(row), ncol);
			continue;
		}
		k = 0;
		for (cJSON *cell = row->child; cell; cell = cell->next, k++) {
			size_t n = strlen(names[k]) + 1;
			cell->string = cJSON_malloc(n);
			memcpy(cell->string, names[k], n);
		}
		row->type = (row->type & ~0xFF) | cJSON_Object;
		push(out, &cap, row);
	}
	free(names);
	return 0;
}

void records_check_paging(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	const cJSON *data = json_get_ci(root, "data");
	if (cJSON_IsObject(data))
		data = json_get_ci(data, "rows");     /* the table format */
	if (!cJSON_IsObject(root) || !cJSON_IsArray(data))
		return;
	/* az graph query writes skip_token, the REST API $skipToken, Search-AzGraph SkipToken. */
	const cJSON *skip = json_get_ci(root, "skip_token");
	if (!skip)
		skip = json_get_ci(root, "$skipToken");
	if (!skip)
		skip = json_get_ci(root, "skipToken");
	const cJSON *total = json_get_ci(root, "total_records");
	if (!total)
		total = json_get_ci(root, "totalRecords");
	double have = cx->in->stream && data == cx->in->stream->list ? (double)cx->in->stream->n :
		      (double)cJSON_GetArraySize(data);
	/* total_records counts every page, so fewer rows than that is the last page of several
	   when the result says it has no more: a skip token present but null (az graph query,
	   Search-AzGraph) or resultTruncated "false" (the REST API). */
	const cJSON *trunc = json_get_ci(root, "resultTruncated");
	int said_last = (!skip && (cJSON_GetObjectItem(root, "skip_token") ||
				   cJSON_GetObjectItem(root, "skipToken") ||
				   cJSON_GetObjectItem(root, "$skipToken"))) ||
			(cJSON_IsString(trunc) && strcasecmp(trunc->valuestring, "false") == 0) ||
			cJSON_IsFalse(trunc);
	int more = (cJSON_IsString(skip) && skip->valuestring[0]) ||
		   (cJSON_IsNumber(total) && total->valuedouble > have && !said_last);
	if (more) {
		char *msg = xasprintf("this is one page of a longer result (%.0f of %.0f records), and "
				      "no later file of this format is its last page: the %s lacks the "
				      "rest; fetch every page (az graph query --skip-token) and give "
				      "each file", have, cJSON_IsNumber(total) ? total->valuedouble : have,
				      cx->reader->role == READER_INVENTORY ? "inventory" : "evidence");
		import_page_open(cx, import_pos(cx, skip ? skip : total), msg);
		free(msg);
	} else {
		import_page_closed(cx);
	}
}

/* The position of the record at index i of the source of list (before any was dropped). */
static struct srcpos record_pos(struct import_ctx *cx, struct record_list *list, size_t i)
{
	if (!list->stream)
		return import_pos(cx, list->items[i]);
	const struct stream_rec *r = &list->stream->recs[list->index ? list->index[i] : i];
	return (struct srcpos){ cx->path, r->line, r->col };
}

size_t records_drop_repeats(struct import_ctx *cx, struct record_list *list,
			    int (*identify)(struct import_ctx *, const cJSON *, struct record_identity *),
			    int warn)
{
	struct strmap seen;            /* identity -> index in ids + 1 */
	strmap_init(&seen, 1);
	struct record_identity *ids = xcalloc(list->n ? list->n : 1, sizeof(*ids));
	size_t *src = xcalloc(list->n ? list->n : 1, sizeof(*src));   /* kept slot -> record */
	size_t kept = 0, dropped = 0;
	struct srcpos at = { 0 }, was = { 0 };
	char *first_id = NULL;
	for (size_t i = 0; i < list->n; i++) {
		const cJSON *rec = records_at(list, i);
		struct record_identity id = { 0 };
		if (!cJSON_IsObject(rec) || !identify(cx, rec, &id) || !id.id) {
			free(id.id);
			ids[kept] = (struct record_identity){ 0 };
			src[kept++] = i;     /* no identity: the reader says what is wrong */
			continue;
		}
		void **slot = strmap_ref(&seen, id.id);
		if (!slot) {
			ids[kept] = id;
			src[kept] = i;
			strmap_put(&seen, ids[kept].id, (void *)(uintptr_t)(kept + 1));
			kept++;
			continue;
		}
		/* Of the same record fetched twice, the later state is the one that holds. */
		size_t k = (size_t)(uintptr_t)*slot - 1;
		if (!dropped++) {
			at = record_pos(cx, list, i);
			was = record_pos(cx, list, src[k]);
			first_id = xstrdup(ids[k].id);
		}
		if (id.has_time && (!ids[k].has_time || id.when > ids[k].when)) {
			src[k] = i;
			ids[k].when = id.when;
			ids[k].has_time = 1;
		}
		free(id.id);
	}
	if (dropped && warn)
		diag_warn_at(cx->d, at, "%zu record%s repeat%s one read before in this file, first "
			     "\"%s\" (also at %d:%d): each is used once, in its newest state",
			     dropped, dropped == 1 ? "" : "s", dropped == 1 ? "s" : "", first_id,
			     was.line, was.col);
	free(first_id);
	for (size_t i = 0; i < kept; i++)
		free(ids[i].id);
	free(ids);
	strmap_release(&seen);
	/* Slots ascend and each holds a record at or after its own place: compacting in place
	   never overwrites one still to be moved. */
	for (size_t j = 0; j < kept; j++) {
		if (list->stream)
			src[j] = list->index ? list->index[src[j]] : src[j];
		else
			list->items[j] = list->items[src[j]];
	}
	if (list->stream) {
		free(list->index);
		list->index = src;
	} else {
		free(src);
	}
	list->n = kept;
	cx->st->read += dropped;
	cx->st->ignored += dropped;
	return dropped;
}

/* ---- streams ---- */

int records_stream_fits(const struct input_text *in, const struct reader *r)
{
	const cJSON *root = in->doc.root;
	const char *key;
	if (strcmp(r->name, "defender-assessments") == 0)
		key = records_list_key(root);
	else if (strcmp(r->name, "azure-policy-states") == 0)
		key = "value";
	else if (strcmp(r->name, "azure-resource-list") == 0 ||
		 strcmp(r->name, "azure-resource-graph") == 0)
		key = records_are_pages(root, "value") ? "value" : "data";
	else if (strcmp(r->name, "prowler-ocsf") == 0)
		return cJSON_IsArray(root) && in->stream->list == root;
	else
		return 0;
	if (cJSON_IsArray(root))     /* records, not pages of them */
		return in->stream->list == root && !records_are_pages(root, key);
	/* The one list the reader reads, not a table beside it. */
	return json_get_ci(root, key) == in->stream->list && !json_get_ci(root, "tables");
}
