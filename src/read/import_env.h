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

/*
 * Pages of a paged list: page_open notes that the file read through cx is a
 * page with a next page (message as the warning will say it; pos at the
 * link); page_closed that it ends a list, which discharges the open pages of
 * earlier files of the same format: they were its first pages.
 */
void import_page_open(struct import_ctx *cx, struct srcpos pos, const char *message);
void import_page_closed(struct import_ctx *cx);

/* Records that subscription belongs to the tenant with Entra id tenant (an account list). */
void import_add_account(struct import_env *env, const char *subscription, const char *tenant);

/* The canonical tenant name for a tenant name or id (borrowed), or t itself. */
const char *import_tenant(const struct import_ctx *cx, const char *t);

/*
 * Of the n names or ids a record gives for its tenant (NULL entries
 * skipped), the canonical name of the first one the run knows (a SaaS
 * services file or a workload names it); else the first given; else NULL.
 * Borrowed.
 */
const char *import_pick_tenant(struct import_ctx *cx, const char *const *cands, size_t n);

/*
 * The tenant a record that names none is about: --tenant when given, else
 * the only tenant of the run; NULL when there are several or none.
 * Borrowed.
 */
const char *import_single_tenant(const struct import_ctx *cx);

/*
 * Why a record that names no tenant cannot be placed, for an error message:
 * "the inventory has several tenants (a, b, ...)" or "the inventory names no
 * tenant", each followed by what to pass.  Caller frees.
 */
char *import_no_tenant_reason(const struct import_ctx *cx);

#endif
