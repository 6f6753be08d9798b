/*
 * import_env.h - what the readers of one run share: the catalog they map
 * through, the inventory and evidence set they fill, the time given to
 * records that carry none, and the tenants (with their subscriptions)
 * that SaaS services files name.
 */
#ifndef SRMAP_IMPORT_ENV_H
#define SRMAP_IMPORT_ENV_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/diag.h"
#include "srmap/base/strmap.h"

struct catalog;
struct evidence_set;
struct inventory;

/*
 * A page of a list whose next page was not read (yet): reported when the
 * files of its role are all read, unless a later file of the same format
 * ended a list.
 */
struct open_page {
	const char *format;            /* the reader's name (static) */
	struct srcpos pos;             /* the next link or skip token */
	char *message;                 /* owned */
};

/* What the readers of one run share. */
struct import_env {
	const struct catalog *cat;     /* borrowed */
	struct inventory *inv;         /* borrowed */
	struct evidence_set *ev;       /* borrowed */
	int64_t as_of;                 /* the assessment's as-of time */
	/*
	 * --collected-at for the file being read: when its records were
	 * collected, for records that carry no time of their own.  Set per file
	 * by the caller; has_stated_time 0 leaves such records undated.
	 */
	int64_t stated_time;
	int has_stated_time;
	int match_resources;           /* check evidence against the inventory */
	/* Tenants named by SaaS service files: canonical name and Entra tenant id. */
	char **tenant_names, **tenant_ids;
	size_t ntenants, tenants_cap;
	struct strmap sub_tenant;      /* subscription -> tenant name (keys owned below) */
	char **sub_keys;
	size_t nsubs, subs_cap;
	/* Subscriptions of `az account list` / `az account show`: id -> tenant id (owned). */
	struct strmap account_tenant;
	char **account_keys, **account_values;
	size_t naccounts, accounts_cap;
	/* --tenant: the tenant of workloads and tenant evidence that name none (borrowed), or NULL. */
	const char *default_tenant;
	struct open_page *open_pages;  /* in the order read */
	size_t nopen, open_cap;
};

/* Prepares env for a run over cat, inv and ev (all borrowed). */
void import_env_init(struct import_env *env, const struct catalog *cat, struct inventory *inv,
		     struct evidence_set *ev, int64_t as_of);

/* Frees what env owns. */
void import_env_release(struct import_env *env);

/*
 * Warns (to d) about every page whose next page no later file of its format
 * gave: the list is incomplete.  Called after the files of each role.
 */
void import_report_open_pages(struct import_env *env, struct diag_list *d);

/*
 * After every inventory file: gives workloads their tenant's canonical name
 * (an Entra tenant id named by a SaaS services file becomes the tenant's
 * name) and fills a missing tenant from the subscription's tenant (a SaaS
 * services file, another workload of the subscription, an account list),
 * else from default_tenant.
 */
void import_finish_inventory(struct import_env *env);

#endif
