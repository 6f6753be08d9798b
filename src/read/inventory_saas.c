/*
 * inventory_saas.c - reads the small file that lists a tenant's Microsoft
 * 365 and Dynamics 365 services, which Azure exports do not contain:
 *
 *   { "tenant": "contoso-health.onmicrosoft.com",
 *     "tenant_id": "<Entra tenant id>",              (optional)
 *     "subscriptions": ["<subscription id>", ...],   (optional)
 *     "services": ["Exchange Online", "Teams",
 *                  {"service": "Dynamics 365 Sales", "name": "Sales EMEA", "id": "..."}] }
 *
 * Each service becomes a SaaS workload of the tenant.  Service names are
 * looked up in the catalog's saas_services table, then as resource types;
 * an unknown service is kept and reported as unclassified.  tenant_id lets
 * exports that name the tenant by its id (Resource Graph, Secure Score) be
 * matched with the name; subscriptions gives Azure workloads whose export
 * names no tenant their tenant.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "srmap/model.h"
#include "import_env.h"
#include "import_field.h"
#include "import_workload.h"
#include "srmap/read/inventory.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int saas_detect(const struct input_text *in)
{
	const cJSON *root = in->parsed ? in->doc.root : NULL;
	return cJSON_IsObject(root) && cJSON_IsString(json_get_ci(root, "tenant")) &&
	       cJSON_IsArray(json_get_ci(root, "services")) ? 2 : 0;
}

/* "Exchange Online" -> "exchange-online". */
static char *slug(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *q = out;
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p)) {
			if (dash && q > out)
				*q++ = '-';
			*q++ = (char)tolower(*p);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	*q = '\0';
	return out;
}

static void read_service(struct import_ctx *cx, const cJSON *item, const char *tenant,
			 const char *party)
{
	struct srcpos pos = import_pos(cx, item);
	const char *service, *name = NULL, *id = NULL;
	int bad = 0;
	if (cJSON_IsString(item)) {
		service = item->valuestring;
	} else if (cJSON_IsObject(item)) {
		service = import_str(cx, item, "service", &bad);
		name = import_str(cx, item, "name", &bad);
		id = import_str(cx, item, "id", &bad);
		if (bad)
			return;
	} else {
		import_reject(cx, pos, "a service must be a name or an object");
		return;
	}
	if (!service || !service[0]) {
		import_reject(cx, pos, "the service has no name");
		return;
	}
	const struct catalog *cat = cx->env->cat;
	const char *type = mappings_saas_type(&cat->mappings, service);
	if (!type) {
		const struct restype *t = catalog_type(cat, service);
		type = t ? t->type : service;
	}
	char *s = slug(service);
	struct workload w = {
		.id = id && id[0] ? xstrdup(id) : xasprintf("saas:%s/%s", tenant, s),
		.name = xstrdup(name && name[0] ? name : service),
		.type = xstrdup(type),
		.tenant = xstrdup(tenant),
		.accountable_party = xstrdup(party),
		.model = -1,
		.pos = pos,
	};
	free(s);
	import_workload(cx, &w);
}

void saas_read(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	/* A wrong type is warned about and the value ignored; a missing tenant or list is an error. */
	const char *tenant = import_str(cx, root, "tenant", NULL);
	const char *tenant_id = import_str(cx, root, "tenant_id", NULL);
	const char *party = import_str(cx, root, "accountable_party", NULL);
	const cJSON *subs = import_arr(cx, root, "subscriptions", NULL);
	const cJSON *services = import_arr(cx, root, "services", NULL);
	if (!tenant || !tenant[0] || !services) {
		diag_error_at(cx->d, import_pos(cx, root), "a SaaS services file needs \"tenant\" (a "
			      "string) and \"services\" (an array)");
		return;
	}
	import_add_tenant(cx->env, tenant, tenant_id);
	const cJSON *item;
	cJSON_ArrayForEach(item, subs) {
		if (cJSON_IsString(item))
			import_add_subscription(cx->env, item->valuestring, tenant);
		else
			diag_warn_at(cx->d, import_pos(cx, item), "a subscription must be a string: ignored");
	}
	cJSON_ArrayForEach(item, services) {
		cx->st->read++;
		read_service(cx, item, tenant, party);
	}
}
