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
#include "srmap/read/input.h"
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
	strmap_init(&env->account_tenant, 1);
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
	for (size_t i = 0; i < env->naccounts; i++) {
		free(env->account_keys[i]);
		free(env->account_values[i]);
	}
	free(env->account_keys);
	free(env->account_values);
	strmap_release(&env->account_tenant);
	for (size_t i = 0; i < env->nopen; i++)
		free(env->open_pages[i].message);
	free(env->open_pages);
	*env = (struct import_env){ 0 };
}

void import_page_closed(struct import_ctx *cx)
{
	struct import_env *env = cx->env;
	size_t k = 0;
	for (size_t i = 0; i < env->nopen; i++) {
		if (env->open_pages[i].format == cx->reader->name) {
			free(env->open_pages[i].message);
			continue;
		}
		env->open_pages[k++] = env->open_pages[i];
	}
	env->nopen = k;
}

void import_page_open(struct import_ctx *cx, struct srcpos pos, const char *message)
{
	struct import_env *env = cx->env;
	import_page_closed(cx);   /* this page continues the earlier ones: only its own link is open */
	GROW(env->open_pages, env->open_cap, env->nopen + 1);
	env->open_pages[env->nopen++] = (struct open_page){ cx->reader->name, pos, xstrdup(message) };
}


void import_report_open_pages(struct import_env *env, struct diag_list *d)
{
	for (size_t i = 0; i < env->nopen; i++) {
		diag_warn_at(d, env->open_pages[i].pos, "%s", env->open_pages[i].message);
		free(env->open_pages[i].message);
	}
	env->nopen = 0;
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

void import_add_account(struct import_env *env, const char *subscription, const char *tenant)
{
	if (strmap_get(&env->account_tenant, subscription))
		return;
	if (env->naccounts == env->accounts_cap) {
		size_t cap = env->accounts_cap;
		GROW(env->account_keys, cap, env->naccounts + 1);
		env->account_values = xreallocarray(env->account_values, cap, sizeof(char *));
		env->accounts_cap = cap;
	}
	env->account_keys[env->naccounts] = xstrdup(subscription);
	env->account_values[env->naccounts] = xstrdup(tenant);
	strmap_put(&env->account_tenant, env->account_keys[env->naccounts],
		   env->account_values[env->naccounts]);
	env->naccounts++;
}

/* t as the run names it: the canonical name when a SaaS services file knows it, else t. */
static const char *canonical(const struct import_env *env, const char *t)
{
	const char *name = env_tenant(env, t);
	return name ? name : t;
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
		if (!t && (t = strmap_get(&env->account_tenant, w->subscription)))
			t = canonical(env, t);
		if (t)
			w->tenant = xstrdup(t);
	}
	strmap_release(&seen);
	if (env->default_tenant)
		for (size_t i = 0; i < inv->n; i++)
			if (!inv->items[i].tenant)
				inv->items[i].tenant = xstrdup(canonical(env, env->default_tenant));
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
	if (cx->env->default_tenant)
		return canonical(cx->env, cx->env->default_tenant);
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

char *import_no_tenant_reason(const struct import_ctx *cx)
{
	const struct import_env *env = cx->env;
	struct strmap seen;
	strmap_init(&seen, 1);
	const char *names[4];
	size_t n = 0, more = 0;
	for (size_t i = 0; i < env->ntenants + env->inv->n; i++) {
		const char *t = i < env->ntenants ? env->tenant_names[i]
						  : env->inv->items[i - env->ntenants].tenant;
		if (!t || strmap_get(&seen, t))
			continue;
		strmap_put(&seen, t, (void *)t);
		if (n < 3)
			names[n++] = t;
		else
			more++;
	}
	strmap_release(&seen);
	if (!n)
		return xstrdup("the inventory names no tenant: pass --tenant ID, or give the "
			       "subscriptions' tenant with an `az account list` file or a SaaS "
			       "services file");
	names[n] = more ? "..." : NULL;
	char *list = xjoin(names, n + (more ? 1 : 0), ", ");
	char *why = xasprintf("the inventory has several tenants (%s): pass --tenant ID to say "
			      "which one, or assess each tenant in a run of its own", list);
	free(list);
	return why;
}
