/*
 * records.c - the shapes exports come in, reduced to one list of records:
 * bare arrays, REST list envelopes, arrays of pages, single records.
 */
#include "records.h"
#include "import_field.h"
#include "srmap/base/alloc.h"
#include "srmap/read/input.h"
#include "srmap/read/reader_stats.h"

#include <stdlib.h>
#include <string.h>

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

int records_collect(struct import_ctx *cx, const char *key, int (*is_record)(const cJSON *),
		    struct record_list *out)
{
	*out = (struct record_list){ 0 };
	size_t cap = 0;
	const cJSON *root = cx->in->doc.root;
	const cJSON *last_page = NULL;
	if (cJSON_IsObject(root)) {
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
	if (next)
		diag_warn_at(cx->d, import_pos(cx, next), "the last page of this list names a next page "
			     "(%s): unless that page is given as another file, the rest of the list is "
			     "missing; fetch every page and give them all (as files, or as one JSON array "
			     "of pages)", next->string);
	return 0;
}

void records_release(struct record_list *out)
{
	free(out->items);
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
