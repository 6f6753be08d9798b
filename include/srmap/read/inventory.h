/*
 * inventory.h - the workloads being assessed, read from one or more
 * inventory files.  Each workload remembers the file and position it came
 * from; ids are unique across all files (compared case-insensitively, as
 * Azure resource ids are).
 */
#ifndef SRMAP_INVENTORY_H
#define SRMAP_INVENTORY_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/strmap.h"

struct workload {
	char *id, *name, *type;
	char *subscription, *tenant, *resource_group, *location;  /* NULL when absent */
	char *accountable_party;  /* who operates it for the customer (owner unchanged); or NULL */
	char **tag_keys, **tag_values;
	size_t ntags;
	int model;                /* explicit service model from the file, or -1 */
	struct srcpos pos;
	/* Set by the readers of other tools' exports (reader.h); NULL or 0 otherwise: */
	char *kind;               /* the resource's kind ("functionapp,linux"), or NULL */
	char *type_title;         /* what the kind makes it ("Function App"), or NULL */
	char *part_of;            /* id of the resource it belongs to (a disk's VM), or NULL */
	int from_export;          /* read from an export: a repeat of its id is merged */
};

struct inventory {
	struct workload *items;
	size_t n, cap;
	struct strmap by_id;      /* id -> index + 1, case-insensitive */
	/* Display names of subscriptions (`az account list`): id -> name, both owned below. */
	struct strmap sub_names;
	char **sub_name_keys, **sub_name_values;
	size_t nsub_names, sub_names_cap;
};

/* Prepares an empty inventory. */
void inventory_init(struct inventory *inv);

/* Frees every workload. */
void inventory_release(struct inventory *inv);

/*
 * Adds the workloads of an srmap inventory document.  file is the name used
 * in positions and must outlive inv.  Returns the number of workloads added,
 * or -1 when the document has errors (reported to d; valid records are still
 * added).
 */
int inventory_read_json(struct inventory *inv, const struct jsondoc *doc, const char *file,
			struct diag_list *d);

/* Frees what w owns. */
void workload_release(struct workload *w);

/*
 * Adds w to inv, taking what it owns.  If a workload with the same id
 * (case-insensitive) is there already, w only fills the fields the earlier
 * one lacks (and adds the tags it lacks), w is released, *first is set to
 * the earlier workload and 1 is returned; otherwise w is added and 0
 * returned.  A differing type is reported to d at w's position.
 */
int inventory_merge_take(struct inventory *inv, struct workload *w,
			 const struct workload **first, struct diag_list *d);

/*
 * Records the display name of subscription id (copied); the first name given
 * for an id stays.
 */
void inventory_name_subscription(struct inventory *inv, const char *id, const char *name);

/* The display name of subscription id (case-insensitive), or NULL.  Borrowed. */
const char *inventory_subscription_name(const struct inventory *inv, const char *id);

/* Returns the workload with this id (case-insensitive), or NULL.  Borrowed. */
const struct workload *inventory_find(const struct inventory *inv, const char *id);

#endif
