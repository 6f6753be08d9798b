/*
 * import_env.h - the tenants of a run as the readers use them: the
 * tenants and subscriptions SaaS services files name, and which tenant a
 * record is about.  What the stages above see of the environment is
 * srmap/read/import_env.h.
 */
#ifndef SRMAP_IMPORT_ENV_INT_H
#define SRMAP_IMPORT_ENV_INT_H

#include <stddef.h>
#include "srmap/read/import_env.h"

struct import_ctx;

/* Registers a tenant (name, optional Entra id) and its subscriptions for import_finish_inventory. */
void import_add_tenant(struct import_env *env, const char *name, const char *id);
void import_add_subscription(struct import_env *env, const char *subscription, const char *tenant);

/* The canonical tenant name for a tenant name or id (borrowed), or t itself. */
const char *import_tenant(const struct import_ctx *cx, const char *t);

/*
 * Of the n names or ids a record gives for its tenant (NULL entries
 * skipped), the canonical name of the first one the run knows (a SaaS
 * services file or a workload names it); else the first given; else NULL.
 * Borrowed.
 */
const char *import_pick_tenant(struct import_ctx *cx, const char *const *cands, size_t n);

/* The only tenant of the run, when there is exactly one; else NULL.  Borrowed. */
const char *import_single_tenant(const struct import_ctx *cx);

#endif
