/*
 * inventory_csv.c - reads an inventory spreadsheet saved as CSV: a header
 * row naming the columns, then one resource per row (RFC 4180 quoting,
 * UTF-8 with or without a byte-order mark; csv.h).
 *
 * Column names are matched without regard to case, spaces, underscores and
 * hyphens, so "Resource Group", "resource_group" and "resourceGroup" are
 * the same column.  Known columns fill the workload (docs/formats.md lists
 * them and their aliases); the object columns of a Resource Graph CSV
 * export (properties, sku, plan, identity, zones, extendedLocation) are
 * ignored; every other column is kept as a tag named by its header.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "srmap/base/csv.h"
#include "azure_id.h"
#include "import_field.h"
#include "import_workload.h"
#include "srmap/read/inventory.h"
#include "srmap/model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum column {
	COL_TAG, COL_IGNORE, COL_ID, COL_NAME, COL_TYPE, COL_SUBSCRIPTION, COL_TENANT, COL_GROUP,
	COL_LOCATION, COL_KIND, COL_MANAGED_BY, COL_MODEL, COL_PARTY, COL_TAGS, COL_COUNT
};

/* Normalized header names (lower case, letters and digits only) of each column. */
static const struct { const char *name; enum column col; } aliases[] = {
	{ "id", COL_ID }, { "resourceid", COL_ID },
	{ "name", COL_NAME }, { "resourcename", COL_NAME },
	{ "type", COL_TYPE }, { "resourcetype", COL_TYPE },
	{ "subscription", COL_SUBSCRIPTION }, { "subscriptionid", COL_SUBSCRIPTION },
	{ "tenant", COL_TENANT }, { "tenantid", COL_TENANT },
	{ "resourcegroup", COL_GROUP }, { "location", COL_LOCATION }, { "region", COL_LOCATION },
	{ "kind", COL_KIND }, { "managedby", COL_MANAGED_BY }, { "servicemodel", COL_MODEL },
	{ "accountableparty", COL_PARTY }, { "tags", COL_TAGS },
	{ "properties", COL_IGNORE }, { "sku", COL_IGNORE }, { "plan", COL_IGNORE },
	{ "identity", COL_IGNORE }, { "zones", COL_IGNORE }, { "extendedlocation", COL_IGNORE },
	{ NULL, COL_TAG }
};

static enum column column_of(const char *header)
{
	char norm[64];
	size_t n = 0;
	for (const char *p = header; *p && n + 1 < sizeof norm; p++)
		if (isalnum((unsigned char)*p))
			norm[n++] = (char)tolower((unsigned char)*p);
	norm[n] = '\0';
	for (int i = 0; aliases[i].name; i++)
		if (strcmp(aliases[i].name, norm) == 0)
			return aliases[i].col;
	return COL_TAG;
}

int csv_inventory_detect(const struct input_text *in)
{
	if (in->is_json)
		return 0;
	/* Prowler's CSV names RESOURCE_ID (v3), which reads as an id column: it is evidence. */
	if (prowler_csv_detect(in) == 2)
		return 1;
	struct diag_list quiet;
	diag_init(&quiet, NULL);
	struct csv_reader r;
	int score = 1;   /* any text that is not JSON may be CSV: the reader says what is wrong */
	if (csv_open(&r, in->path, in->text, in->len, 0, &quiet) == 0 &&
	    csv_next(&r, &quiet) == CSV_RECORD)
		for (size_t i = 0; i < r.nfields; i++)
			if (column_of(csv_field(&r, i)) == COL_ID)
				score = 2;
	csv_release(&r);
	diag_release(&quiet);
	return score;
}

static void add_tag(struct workload *w, const char *key, const char *value)
{
	w->tag_keys = xreallocarray(w->tag_keys, w->ntags + 1, sizeof(char *));
	w->tag_values = xreallocarray(w->tag_values, w->ntags + 1, sizeof(char *));
	w->tag_keys[w->ntags] = xstrdup(key);
	w->tag_values[w->ntags] = xstrdup(value);
	w->ntags++;
}

/* A tags cell: a JSON object (as Resource Graph exports write it) or "k=v; k2=v2". */
static void read_tags_cell(struct import_ctx *cx, struct workload *w, const char *cell,
			   struct srcpos pos)
{
	while (isspace((unsigned char)*cell))
		cell++;
	if (!*cell)
		return;
	if (*cell == '{') {
		cJSON *obj = cJSON_Parse(cell);
		const cJSON *t;
		if (!cJSON_IsObject(obj)) {
			diag_warn_at(cx->d, pos, "the tags cell is not a JSON object: ignored");
			cJSON_Delete(obj);
			return;
		}
		cJSON_ArrayForEach(t, obj)
			if (cJSON_IsString(t))
				add_tag(w, t->string, t->valuestring);
		cJSON_Delete(obj);
		return;
	}
	char *copy = xstrdup(cell), *save = copy;
	for (char *part = copy; part; ) {
		char *next = strchr(part, ';');
		if (next)
			*next++ = '\0';
		char *eq = strchr(part, '=');
		if (eq) {
			*eq = '\0';
			char *k = part, *v = eq + 1;
			while (isspace((unsigned char)*k))
				k++;
			for (char *e = k + strlen(k); e > k && isspace((unsigned char)e[-1]); )
				*--e = '\0';
			while (isspace((unsigned char)*v))
				v++;
			if (*k)
				add_tag(w, k, v);
		}
		part = next;
	}
	free(save);
}

static char *last_segment(const char *id)
{
	const char *slash = strrchr(id, '/');
	return xstrdup(slash && slash[1] ? slash + 1 : id);
}

static void read_row(struct import_ctx *cx, const struct csv_reader *r, const enum column *cols,
		     char **headers, size_t ncols)
{
	struct srcpos pos = csv_field_pos(r, 0);
	if (r->nfields != ncols) {
		import_reject(cx, pos, "the row has %zu fields, the header %zu", r->nfields, ncols);
		return;
	}
	const char *v[COL_COUNT] = { 0 };
	size_t at[COL_COUNT] = { 0 };
	for (size_t i = 0; i < ncols; i++)
		if (cols[i] != COL_TAG && cols[i] != COL_IGNORE && !v[cols[i]]) {
			const char *f = csv_field(r, i);
			v[cols[i]] = f[0] ? f : NULL;
			at[cols[i]] = i;
		}
	if (!v[COL_ID]) {
		import_reject(cx, csv_field_pos(r, at[COL_ID]), "the row has no id");
		return;
	}
	int model = -1;
	if (v[COL_MODEL] && (model = model_parse(v[COL_MODEL])) < 0) {
		import_reject(cx, csv_field_pos(r, at[COL_MODEL]), "service model must be iaas, paas, "
			      "saas or onprem, not \"%s\"", v[COL_MODEL]);
		return;
	}
	char *type = v[COL_TYPE] ? xstrdup(v[COL_TYPE]) : import_type_of(v[COL_ID]);
	if (!type) {
		import_reject(cx, pos, "the row has no type, and its id names none");
		return;
	}
	const char *id = v[COL_ID];
	struct workload w = {
		.id = xstrdup(id),
		.name = v[COL_NAME] ? xstrdup(v[COL_NAME]) : last_segment(id),
		.type = type,
		.subscription = v[COL_SUBSCRIPTION] ? xstrdup(v[COL_SUBSCRIPTION])
						    : import_subscription_of(id),
		.tenant = xstrdup(v[COL_TENANT]),
		.resource_group = v[COL_GROUP] ? xstrdup(v[COL_GROUP]) : import_group_of(id),
		.location = xstrdup(v[COL_LOCATION]),
		.kind = xstrdup(v[COL_KIND]),
		.part_of = v[COL_MANAGED_BY] ? xstrdup(v[COL_MANAGED_BY]) : import_parent_of(id),
		.accountable_party = xstrdup(v[COL_PARTY]),
		.model = model,
		.pos = pos,
	};
	if (v[COL_TAGS])
		read_tags_cell(cx, &w, v[COL_TAGS], csv_field_pos(r, at[COL_TAGS]));
	for (size_t i = 0; i < ncols; i++)
		if (cols[i] == COL_TAG && csv_field(r, i)[0])
			add_tag(&w, headers[i], csv_field(r, i));
	import_workload(cx, &w);
}

void csv_inventory_read(struct import_ctx *cx)
{
	struct csv_reader r;
	if (csv_open_header(&r, cx->path, cx->in->text, cx->in->len, 0, cx->d) < 0) {
		csv_release(&r);
		return;
	}
	size_t ncols = r.nfields;
	enum column *cols = xcalloc(ncols, sizeof(*cols));
	char **headers = xcalloc(ncols, sizeof(char *));
	int have_id = 0;
	size_t first[COL_COUNT];   /* the first column of each kind, + 1; 0 when none yet */
	memset(first, 0, sizeof first);
	for (size_t i = 0; i < ncols; i++) {
		headers[i] = xstrdup(csv_field(&r, i));
		cols[i] = column_of(headers[i]);
		if (cols[i] != COL_TAG && cols[i] != COL_IGNORE) {
			size_t k = first[cols[i]];
			if (k) {
				diag_warn_at(cx->d, csv_field_pos(&r, i), "column \"%s\" repeats column "
					     "\"%s\": ignored", headers[i], headers[k - 1]);
				cols[i] = COL_IGNORE;
			} else {
				first[cols[i]] = i + 1;
			}
		}
		have_id |= cols[i] == COL_ID;
	}
	if (!have_id) {
		diag_error_at(cx->d, csv_field_pos(&r, 0), "the header names no id column: call the "
			      "column with the resource id \"id\" or \"resourceId\"");
	} else {
		enum csv_status s;
		while ((s = csv_next(&r, cx->d)) != CSV_END && s != CSV_FATAL) {
			cx->st->read++;
			if (s == CSV_SKIPPED)
				cx->st->rejected++;
			else
				read_row(cx, &r, cols, headers, ncols);
		}
		if (!cx->st->read && s != CSV_FATAL)
			diag_warn_at(cx->d, csv_field_pos(&r, 0), "the file has a header but no rows");
	}
	text_fixes_take(&cx->st->fixes, &r.fixes);
	for (size_t i = 0; i < ncols; i++)
		free(headers[i]);
	free(headers);
	free(cols);
	csv_release(&r);
}
