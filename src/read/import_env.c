/*
 * import_env.c - what the readers of one run share, and its tenants: the
 * tenants and subscriptions SaaS services files name, their canonical
 * names, the tenants workloads are given, and which tenant a record is
 * about.
 */
#include "import_env.h"
#include "import_field.h"
#include "srmap/base/alloc.h"
#include "srmap/base/strmap.h"
#include "srmap/read/inventory.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
