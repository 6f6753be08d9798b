/*
 * catalog.h - the catalog: layers and the responsibility matrix, resource
 * types and their service models, controls with their framework citations,
 * the frameworks' requirement lists and the FedRAMP baselines.
 *
 * The catalog is data (JSON files in catalog/).  A manifest names the files
 * and the version; a user's files given with --catalog are merged on top:
 * entries with the same id (layer, type, control, requirement) replace the
 * earlier ones, and matrix cells are replaced one by one.  After merging the
 * catalog is checked as a whole: the rules of the model (identity and data
 * are always the customer's) and every citation must resolve.
 */
#ifndef SRMAP_CATALOG_H
#define SRMAP_CATALOG_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/model/mapping.h"
#include "srmap/model/model.h"
#include "srmap/base/strmap.h"

/*
 * Citation sources inside the catalog (NIST feeds FedRAMP through the
 * baselines; MCSB, the Microsoft cloud security benchmark, is cited and
 * groups the controls into domains, but has no roll-up of its own).
 */
enum ref_source { REF_HIPAA, REF_SOC2, REF_NIST, REF_MCSB, REF_COUNT };

/* No domain: the index a control without one holds. */
#define DOMAIN_NONE ((size_t)-1)

/* A control domain (the twelve of MCSB, plus the provider's own layers). */
struct domain {
	char *id, *title;
	char *mcsb;                            /* the MCSB id prefix ("NS"), or NULL */
};

struct layer {
	char *id, *title;
	enum owner owner[MATRIX_MODELS];       /* the default, used by assessments */
	int has_owner[MATRIX_MODELS];
	enum owner microsoft[MATRIX_MODELS];   /* Microsoft's published cell, where it differs */
	int has_microsoft[MATRIX_MODELS];
	char *source;                          /* where the row comes from */
	struct srcpos cell_pos[MATRIX_MODELS]; /* where each default cell was last set */
};

struct restype {
	char *type, *title, *category;
	enum service_model model;
};

struct control {
	char *id, *title, *description, *remediation, *rationale;
	size_t layer;                          /* index into catalog.layers */
	size_t domain;                         /* index into catalog.domains, or DOMAIN_NONE */
	struct srcpos domain_pos;              /* where "domain" is written */
	enum severity severity;
	enum control_scope scope;              /* checked per workload or per organisation */
	unsigned model_mask;                   /* bit (1 << model) for each model it applies to */
	char **types;                          /* NULL-terminated resource types it applies to */
	size_t ntypes;
	char **refs[REF_COUNT];                /* NULL-terminated citation ids per source */
	size_t nrefs[REF_COUNT];
	struct srcpos *ref_pos[REF_COUNT];     /* where each citation is written */
};

struct requirement {
	char *id, *title, *kind;
};

struct framework_list {
	char *title, *source;
	struct requirement *items;
	size_t n, cap;
	struct strmap by_id;
};

struct catalog {
	char *version;                  /* manifest version, plus "+user" versions */
	char **files;                   /* every file read, in order (owned) */
	size_t nfiles;
	struct layer *layers;
	size_t nlayers, layers_cap;
	struct restype *types;
	size_t ntypes, types_cap;
	struct control *controls;
	size_t ncontrols, controls_cap;
	struct domain *domains;         /* in the order the catalog lists them */
	size_t ndomains, domains_cap;
	struct framework_list refs[REF_COUNT];
	char **baseline[BASELINE_COUNT];  /* NIST ids in each FedRAMP baseline */
	size_t nbaseline[BASELINE_COUNT];
	struct strmap baseline_index[BASELINE_COUNT];
	struct strmap layer_index, type_index, control_index, domain_index;
	struct mappings mappings;       /* other tools' identifiers -> controls (mapping.h) */
};

/*
 * Loads the manifest at manifest_path (its "include" files are read from the
 * same folder), then each of the n user files, into *cat.  Returns 0, or -1
 * after reporting problems to d.  Release *cat with catalog_release in both
 * cases.
 */
int catalog_load(struct catalog *cat, const char *manifest_path,
		 const char *const *user_files, size_t n, struct diag_list *d);

/* Frees everything the catalog owns. */
void catalog_release(struct catalog *cat);

/* Lookups; the returned pointers are borrowed from the catalog.  NULL when unknown. */
const struct restype *catalog_type(const struct catalog *cat, const char *type);
const struct control *catalog_control(const struct catalog *cat, const char *id);
const struct layer *catalog_layer(const struct catalog *cat, const char *id);
const struct domain *catalog_domain(const struct catalog *cat, const char *id);
const struct requirement *catalog_requirement(const struct catalog *cat,
					      enum ref_source src, const char *id);

/* Owner of layer index layer for service model m (unclassified counts as customer). */
enum owner catalog_owner(const struct catalog *cat, size_t layer, enum service_model m);

/* Returns 1 when the control applies to a workload of this type and model. */
int control_applies(const struct control *c, const char *type, enum service_model m);

/* Returns 1 when NIST id (display form, "IA-2(1)") is in the baseline. */
int catalog_in_baseline(const struct catalog *cat, enum fedramp_baseline b, const char *id);

/* Name of a citation source as used in files and XML: "hipaa", "soc2", "nist-800-53", "mcsb". */
const char *ref_source_name(enum ref_source s);

/*
 * Whether citations of source s are reported when the frameworks of mask
 * (bit 1 << framework_id each) are in scope: HIPAA and SOC 2 citations with
 * their framework, NIST SP 800-53 citations with FedRAMP (whose baselines
 * are 800-53 controls), MCSB citations always (the control's technical
 * reference, not a framework reported on).
 */
int ref_source_in_scope(enum ref_source s, unsigned mask);

#endif
