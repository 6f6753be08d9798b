/*
 * inventory_azure.c - reads Azure inventories: `az resource list -o json`
 * (a bare array of generic resources) and Azure Resource Graph results
 * (`az graph query` writes {count, data, skip_token, total_records}, the
 * REST API {totalRecords, count, data, $skipToken, ...}; older clients and
 * Search-AzGraph a bare array of rows with tenantId and subscriptionId, and
 * Search-AzGraph's response object, saved whole, {Data, SkipToken}; with
 * resultFormat=table, data holds columns and rows instead of objects), and
 * the ARM REST resource list ({"value": [...], "nextLink"}, in pages, or one
 * resource alone).
 *
 * Resource Graph lower-cases resource types and often resource groups: the
 * type is matched against the catalog without regard to case and given the
 * catalog's spelling.  A missing type, name, resource group or subscription
 * is taken from the resource id.  A disk's managedBy, a network interface's
 * properties.virtualMachine.id and a child resource's parent become the
 * workload's part-of.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "azure_id.h"
#include "import_field.h"
#include "import_workload.h"
#include "srmap/read/inventory.h"
#include "records.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Returns 1 when record looks like an Azure resource (not a Defender assessment). */
static int is_resource(const cJSON *rec)
{
	const cJSON *id = json_get_ci(rec, "id"), *type = json_get_ci(rec, "type");
	if (!cJSON_IsString(id) || strncasecmp(id->valuestring, "/subscriptions/", 15) != 0)
		return 0;
	if (!cJSON_IsString(type) || strcasecmp(type->valuestring, "Microsoft.Security/assessments") == 0)
		return 0;
	return json_get_ci(rec, "name") != NULL;
}

static int is_graph_envelope(const cJSON *root)
{
	/* Search-AzGraph's {Data, SkipToken} says "SkipToken": null on the last page: present
	   even when null. */
	return cJSON_IsObject(root) && json_get_ci(root, "data") &&
	       (json_get_ci(root, "count") || json_get_ci(root, "total_records") ||
		json_get_ci(root, "totalRecords") || json_get_ci(root, "skip_token") ||
		json_get_ci(root, "$skipToken") || cJSON_GetObjectItem(root, "skipToken"));
}

/* Whether a Resource Graph result holds Defender assessments (securityresources), not resources. */
static int holds_assessments(const cJSON *root)
{
	const cJSON *first = records_first(root, "data");
	const cJSON *type = first ? json_get_ci(first, "type") : records_first_cell(root, "data", "type");
	return cJSON_IsString(type) && strcasecmp(type->valuestring, "Microsoft.Security/assessments") == 0;
}

int azure_list_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *root = in->doc.root;
	if (cJSON_IsObject(root)) {
		/* The ARM REST list ({"value": [...], "nextLink"}), or one resource (a GET of one). */
		const cJSON *first = records_first(root, "value");
		return (first && is_resource(first)) || is_resource(root) ? 2 : 0;
	}
	if (!cJSON_IsArray(root))
		return 0;
	const cJSON *first = records_first(root, "value");
	if (!first)
		return cJSON_GetArraySize(root) == 0 ? 1 : 0;
	if (!is_resource(first))
		return 0;
	if (first != json_first_record(root, NULL))
		return 2;      /* pages of the REST list */
	return json_get_ci(first, "tenantId") || json_get_ci(first, "subscriptionId") ? 1 : 2;
}

int azure_graph_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	if (is_graph_envelope(in->doc.root))
		return holds_assessments(in->doc.root) ? 0 : 2;
	const cJSON *first = cJSON_IsArray(in->doc.root) ? json_first_record(in->doc.root, NULL) : NULL;
	return first && is_resource(first) &&
	       (json_get_ci(first, "tenantId") || json_get_ci(first, "subscriptionId")) ? 2 : 0;
}

/* The last segment of a resource id, copied. */
static char *last_segment(const char *id)
{
	const char *slash = strrchr(id, '/');
	return xstrdup(slash && slash[1] ? slash + 1 : id);
}

static void read_tags(struct import_ctx *cx, struct workload *w, const cJSON *tags)
{
	if (!tags)
		return;
	size_t n = (size_t)cJSON_GetArraySize(tags);
	w->tag_keys = xcalloc(n ? n : 1, sizeof(char *));
	w->tag_values = xcalloc(n ? n : 1, sizeof(char *));
	const cJSON *t;
	cJSON_ArrayForEach(t, tags) {
		if (cJSON_IsNull(t))
			continue;
		if (!cJSON_IsString(t)) {
			diag_warn_at(cx->d, import_pos(cx, t), "tag \"%s\" must be a string: ignored",
				     t->string);
			continue;
		}
		w->tag_keys[w->ntags] = xstrdup(t->string);
		w->tag_values[w->ntags] = xstrdup(t->valuestring);
		w->ntags++;
	}
}

static void read_resource(struct import_ctx *cx, const cJSON *item)
{
	struct srcpos pos = import_pos(cx, item);
	if (!cJSON_IsObject(item)) {
		import_reject(cx, pos, "a resource must be an object");
		return;
	}
	int bad = 0;
	const char *id = import_str(cx, item, "id", &bad);
	const char *name = import_str(cx, item, "name", &bad);
	const char *type = import_str(cx, item, "type", &bad);
	const cJSON *tags = import_obj(cx, item, "tags", NULL);
	const char *location = import_str(cx, item, "location", NULL);
	const char *group = import_str(cx, item, "resourceGroup", NULL);
	const char *sub = import_str(cx, item, "subscriptionId", NULL);
	const char *tenant = import_str(cx, item, "tenantId", NULL);
	const char *kind = import_str(cx, item, "kind", NULL);
	const char *managed_by = import_str(cx, item, "managedBy", NULL);
	const cJSON *props = import_obj(cx, item, "properties", NULL);
	if (bad)
		return;
	if (!id || !id[0]) {
		import_reject(cx, pos, "the resource has no \"id\"");
		return;
	}
	char *derived_type = type && type[0] ? NULL : import_type_of(id);
	if (!(type && type[0]) && !derived_type) {
		import_reject(cx, pos, "the resource \"%s\" has no \"type\", and its id names none", id);
		return;
	}
	/* A network interface names the virtual machine it is attached to. */
	const cJSON *vm = props ? import_obj(cx, props, "virtualMachine", NULL) : NULL;
	const char *vm_id = vm ? import_str(cx, vm, "id", NULL) : NULL;
	struct workload w = {
		.id = xstrdup(id),
		.name = name && name[0] ? xstrdup(name) : last_segment(id),
		.type = derived_type ? derived_type : xstrdup(type),
		.subscription = sub && sub[0] ? xstrdup(sub) : import_subscription_of(id),
		.tenant = tenant && tenant[0] ? xstrdup(tenant) : NULL,
		.resource_group = group && group[0] ? xstrdup(group) : import_group_of(id),
		.location = location && location[0] ? xstrdup(location) : NULL,
		.kind = kind && kind[0] ? xstrdup(kind) : NULL,
		.part_of = managed_by && managed_by[0] ? xstrdup(managed_by)
			 : vm_id && vm_id[0] ? xstrdup(vm_id) : import_parent_of(id),
		.model = -1,
		.pos = pos,
	};
	read_tags(cx, &w, tags);
	import_workload(cx, &w);
}

void azure_inventory_read(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	/* Resource Graph writes its rows under "data", the ARM REST API under "value". */
	const char *key = records_are_pages(root, "value") ? "value" : "data";
	struct record_list recs;
	const cJSON *table = cJSON_IsObject(root) ? json_get_ci(root, "data") : NULL;
	if (cJSON_IsObject(table) && json_get_ci(table, "rows")) {
		/* The table format (resultFormat=table): columns and rows. */
		if (records_from_table(cx, table, &recs) < 0)
			return;
	} else if (records_collect(cx, key, is_resource, &recs) < 0) {
		return;
	}
	const cJSON *data = json_get_ci(root, key);
	records_check_paging(cx);
	for (size_t i = 0; i < recs.n; i++) {
		cx->st->read++;
		read_resource(cx, records_at(&recs, i));
	}
	if (!cx->st->read)
		diag_warn_at(cx->d, import_pos(cx, cJSON_IsArray(data) ? data : root),
			     "the export lists no resources");
	records_release(&recs);
}
