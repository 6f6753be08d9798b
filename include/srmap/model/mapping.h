/*
 * mapping.h - the catalog's map from other tools' identifiers to srmap
 * controls, and the other lookup tables the import readers use.
 *
 * It is data: the "mappings" object of catalog fragments (the shipped
 * catalog/mappings.json, and any --catalog file), merged like the rest of
 * the catalog: an entry with the same key as an earlier one replaces it.
 *
 *   "mappings": {
 *     "evidence": [ {"source": "azure-policy", "id": "<policy definition name>",
 *                    "controls": ["data-sql-tde"], "scope": "resource",
 *                    "title": "...", "basis": "...", "note": "..."}, ... ],
 *     "saas_services": [ {"name": "Exchange Online", "type": "Microsoft 365 Exchange Online"} ],
 *     "resource_kinds": [ {"type": "Microsoft.Web/sites", "kind": "functionapp",
 *                          "title": "Function App"} ]
 *   }
 *
 * Evidence entries are keyed by (source, id), both compared without regard
 * to letter case, the id without surrounding white space.  An entry with an empty "controls" list records an
 * identifier that is known and deliberately not mapped: its records are
 * counted as ignored, not as unmapped.  docs/catalog.md describes the data.
 */
#ifndef SRMAP_MAPPING_H
#define SRMAP_MAPPING_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/strmap.h"

/* Where the evidence a mapped record gives applies. */
enum map_scope {
	MAP_SCOPE_RESOURCE,      /* the resource the record is about (the default) */
	MAP_SCOPE_SUBSCRIPTION,  /* every workload of the record's subscription */
	MAP_SCOPE_TENANT,        /* every workload of the record's tenant */
	MAP_SCOPE_COUNT
};

struct map_entry {
	char *source, *id;
	char **controls;         /* NULL-terminated control ids; none = deliberately unmapped */
	size_t ncontrols;
	enum map_scope scope;
	char *title;             /* the identifier's human name, or NULL */
	char *basis;             /* why it evidences those controls (the policy definition a
				    recommendation derives from, an initiative group, the tool's
				    own compliance map), or NULL */
	char *file;              /* the catalog file it came from */
};

struct saas_service {
	char *name;              /* as people write it: "Exchange Online" */
	char *type;              /* a catalog resource type: "Microsoft 365 Exchange Online" */
};

struct kind_rule {
	char *type;              /* resource type the rule is for */
	char *kind;              /* comma-separated tokens, all of which must be in the kind */
	char **tokens;           /* kind split at commas, NULL-terminated */
	size_t ntokens;
	char *title;             /* what such a resource is: "Function App" */
	int model;               /* service model override, or -1 */
};

struct mappings {
	struct map_entry *entries;
	size_t n, cap;
	struct strmap index;     /* "source\x1fid" (folded) -> index + 1 */
	char **keys;             /* owned keys of index */
	struct saas_service *services;
	size_t nservices, services_cap;
	struct strmap service_index;   /* name -> index + 1, case-insensitive */
	struct kind_rule *kinds;
	size_t nkinds, kinds_cap;
};

/* The evidence sources an entry may name ("defender", "azure-policy", ...); NULL-terminated. */
extern const char *const mapping_sources[];

/* Returns 1 when s is one of mapping_sources. */
int mapping_source_known(const char *s);

/* Prepares an empty set of tables. */
void mappings_init(struct mappings *m);

/* Frees everything m owns. */
void mappings_release(struct mappings *m);

/*
 * Merges the "mappings" object obj of a catalog fragment (doc, file) into
 * m.  Problems go to d with their positions.
 */
void mappings_read(struct mappings *m, const struct jsondoc *doc, const cJSON *obj,
		   const char *file, struct diag_list *d);

/* The entry for (source, id), case-insensitive, or NULL.  Borrowed. */
const struct map_entry *mappings_find(const struct mappings *m, const char *source,
				      const char *id);

/* The catalog type of the SaaS service called name, or NULL.  Borrowed. */
const char *mappings_saas_type(const struct mappings *m, const char *name);

/*
 * The most specific rule for a resource of type whose kind is kind (both
 * case-insensitive), or NULL.  Borrowed.
 */
const struct kind_rule *mappings_kind(const struct mappings *m, const char *type,
				      const char *kind);

/* Name of a scope as written in the data: "resource", "subscription", "tenant". */
const char *map_scope_name(enum map_scope s);

#endif
