/*
 * inventory_account.c - reads what `az account list` (an array) and
 * `az account show` (one object) print: the subscriptions a login sees,
 * each with the Entra tenant it belongs to.
 *
 *   [ { "cloudName": "AzureCloud", "id": "<subscription id>", "name": "Production",
 *       "state": "Enabled", "tenantId": "<tenant id>", "isDefault": true, ... } ]
 *
 * The file adds no workloads.  It names each subscription (the report shows
 * "Production" beside its id) and tells which tenant it belongs to, so that workloads whose export names no tenant (az resource
 * list does not) get one, and tenant-wide evidence (Conditional Access,
 * Secure Score) reaches every workload of its tenant.
 */
#include "srmap/read/reader.h"
#include "import_env.h"
#include "import_field.h"
#include "srmap/read/inventory.h"

#include <string.h>

/* An account object: a subscription id beside its tenant id, as the Azure CLI writes them. */
static int is_account(const cJSON *obj)
{
	const cJSON *id = json_get_ci(obj, "id"), *tenant = json_get_ci(obj, "tenantId");
	return cJSON_IsObject(obj) && cJSON_IsString(id) && cJSON_IsString(tenant) &&
	       !strchr(id->valuestring, '/') &&
	       (json_get_ci(obj, "cloudName") || json_get_ci(obj, "homeTenantId") ||
		json_get_ci(obj, "isDefault"));
}

int account_detect(const struct input_text *in)
{
	const cJSON *root = in->parsed ? in->doc.root : NULL;
	if (cJSON_IsObject(root))
		return is_account(root) ? 2 : 0;
	const cJSON *first = cJSON_IsArray(root) ? json_first_record(root, NULL) : NULL;
	return first && is_account(first) ? 2 : 0;
}

static void read_account(struct import_ctx *cx, const cJSON *obj)
{
	cx->st->read++;
	struct srcpos pos = import_pos(cx, obj);
	if (!cJSON_IsObject(obj)) {
		import_reject(cx, pos, "an account must be an object");
		return;
	}
	int bad = 0;
	const char *sub = import_str(cx, obj, "id", &bad);
	const char *tenant = import_str(cx, obj, "tenantId", &bad);
	if (bad)
		return;
	if (!sub || !sub[0] || !tenant || !tenant[0]) {
		import_reject(cx, pos, "an account needs \"id\" (the subscription) and \"tenantId\"");
		return;
	}
	import_add_account(cx->env, sub, tenant);
	const char *name = import_str(cx, obj, "name", NULL);
	if (name && name[0])
		inventory_name_subscription(cx->env->inv, sub, name);
	cx->st->mapped++;
}

void account_read(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	if (cJSON_IsObject(root)) {
		read_account(cx, root);
		return;
	}
	const cJSON *item;
	cJSON_ArrayForEach(item, root)
		read_account(cx, item);
}
