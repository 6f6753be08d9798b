/*
 * inventory.h - the workloads being assessed, read from one or more
 * inventory files.  Each workload remembers the file and position it came
 * from; ids are unique across all files (compared case-insensitively, as
 * Azure resource ids are).
 */
#ifndef SRMAP_INVENTORY_H
#define SRMAP_INVENTORY_H

#include <stddef.h>
#include "diag.h"
#include "jsondoc.h"
#include "strmap.h"

struct workload {
	char *id, *name, *type;
	char *subscription, *tenant, *resource_group, *location;  /* NULL when absent */
	char *accountable_party;  /* who operates it for the customer (owner unchanged); or NULL */
	char **tag_keys, **tag_values;
	size_t ntags;
	int model;                /* explicit service model from the file, or -1 */
	struct srcpos pos;
};

struct inventory {
	struct workload *items;
	size_t n, cap;
	struct strmap by_id;      /* id -> index + 1, case-insensitive */
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

/* Returns the workload with this id (case-insensitive), or NULL.  Borrowed. */
const struct workload *inventory_find(const struct inventory *inv, const char *id);

#endif
