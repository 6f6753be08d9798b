/*
 * reader.h - the input formats srmap reads, as one table of handlers.
 *
 * Each handler names a format, the role its files play (inventory or
 * evidence), a detector that recognises the format from the file's content
 * and a reader that adds the file's records to the inventory or the
 * evidence set.  Each reader lives in its own module, named by role and
 * format (inventory_azure.c, evidence_defender.c, ...); srmap's own JSON is
 * one of the formats.  job.c reads every input file through
 * reader_read_file; docs/formats.md describes the formats and how they are
 * detected.
 */
#ifndef SRMAP_READER_H
#define SRMAP_READER_H

#include <stddef.h>
#include <stdint.h>
#include "srmap/base/diag.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/strmap.h"

struct catalog;
struct evidence_set;
struct inventory;
struct import_ctx;

enum reader_role { READER_INVENTORY, READER_EVIDENCE, READER_ROLE_COUNT };

/* A loaded input file, as detectors and readers see it. */
struct input_text {
	const char *path;       /* the file as given (borrowed) */
	char *text;             /* contents, NUL-terminated (owned); NULL once parsed as JSON */
	size_t len;
	int is_json;            /* the first character that is not white space is '{' or '[' */
	struct jsondoc doc;     /* the parse tree, when is_json and the text parsed */
	int parsed;
};

/* Distinct strings with how often each occurred, in the order first seen. */
struct tally {
	char **ids;             /* owned */
	const char **sources;   /* per id: a mapping source name (static), or NULL */
	size_t *counts;
	struct srcpos *first;   /* where each was first seen */
	size_t n, cap;
	struct strmap index;    /* id -> index + 1, case-insensitive */
};

/* What reading one file gave, for `srmap validate` and the assessment XML. */
struct reader_stats {
	const char *format;     /* the handler's name */
	enum reader_role role;
	size_t read;            /* records in the file */
	size_t mapped;          /* records used: a workload, or evidence for at least one control */
	size_t unmapped;        /* records whose identifier the mappings do not cover */
	size_t ignored;         /* records deliberately not used (muted, manual, exempt, ...) */
	size_t rejected;        /* records with a problem, skipped (each one warned about) */
	size_t unmatched;       /* records about resources that are not in the inventory */
	size_t merged;          /* inventory records that repeat a workload already read */
	size_t added;           /* workloads or evidence records added */
	char sha256[65];        /* of the bytes that were read ("" if the file was not read) */
	unsigned long long size;
	struct tally unmapped_ids;
	struct tally unmatched_ids;
};

/* What the readers of one run share. */
struct import_env {
	const struct catalog *cat;     /* borrowed */
	struct inventory *inv;         /* borrowed */
	struct evidence_set *ev;       /* borrowed */
	int64_t as_of;                 /* the time given to records that carry none */
	int match_resources;           /* check evidence against the inventory */
	/* Tenants named by SaaS service files: canonical name and Entra tenant id. */
	char **tenant_names, **tenant_ids;
	size_t ntenants, tenants_cap;
	struct strmap sub_tenant;      /* subscription -> tenant name (keys owned below) */
	char **sub_keys;
	size_t nsubs, subs_cap;
};

struct reader {
	const char *name;              /* "azure-resource-list", "defender-assessments", ... */
	enum reader_role role;
	const char *title;             /* what the file is, for messages */
	/* Returns how surely the file is in this format: 0 not at all, 1 plausible, 2 certain. */
	int (*detect)(const struct input_text *in);
	/* Adds the file's records; problems go to the context's diagnostics. */
	void (*read)(struct import_ctx *cx);
};

/* The handlers, ending with a NULL name. */
extern const struct reader readers[];

/* Name of a role: "inventory", "evidence". */
const char *reader_role_name(enum reader_role r);

/* The handler called name for role (exact name), or NULL. */
const struct reader *reader_find(const char *name, enum reader_role role);

/*
 * Splits a command-line argument "FORMAT:path" into a format and a path,
 * when the part before the first colon names a format of any role; else
 * *format is NULL and *path is arg.  Both are borrowed from arg (format
 * points at a static name).
 */
void reader_split_arg(const char *arg, const char **format, const char **path);

/* Prepares env for a run over cat, inv and ev (all borrowed). */
void import_env_init(struct import_env *env, const struct catalog *cat, struct inventory *inv,
		     struct evidence_set *ev, int64_t as_of);

/* Frees what env owns. */
void import_env_release(struct import_env *env);

/* Prepares empty statistics. */
void reader_stats_init(struct reader_stats *st);

/* Frees what st owns. */
void reader_stats_release(struct reader_stats *st);

/*
 * Reads the file arg ("FORMAT:path" or a path) in role: detects its format
 * unless arg or forced (may be NULL) names one, and adds its records to
 * env.  role READER_ROLE_COUNT accepts a file of either role (for `srmap
 * validate`).  Fills *st.  Returns 0, or -1 when the file could not be read
 * or has errors (reported to d; the records read before are kept).
 */
int reader_read_file(struct import_env *env, const char *arg, enum reader_role role,
		     const char *forced, struct reader_stats *st, struct diag_list *d);

/*
 * Returns 1 when arg should be validated as srmap's own JSON (an srmap
 * file, or JSON no other reader recognises, or JSON that does not parse),
 * 0 when it is in another format or carries a "FORMAT:" prefix.  Reports
 * nothing.
 */
int reader_is_srmap_file(const char *arg);

/*
 * After every inventory file: gives workloads their tenant's canonical name
 * (an Entra tenant id named by a SaaS services file becomes the tenant's
 * name) and fills a missing tenant from the subscription's tenant.
 */
void import_finish_inventory(struct import_env *env);

/* Handlers, one module each. */
int srmap_inventory_detect(const struct input_text *in);
void srmap_inventory_read(struct import_ctx *cx);
int srmap_evidence_detect(const struct input_text *in);
void srmap_evidence_read(struct import_ctx *cx);
int azure_list_detect(const struct input_text *in);
int azure_graph_detect(const struct input_text *in);
void azure_inventory_read(struct import_ctx *cx);
int csv_inventory_detect(const struct input_text *in);
void csv_inventory_read(struct import_ctx *cx);
int saas_detect(const struct input_text *in);
void saas_read(struct import_ctx *cx);
int defender_detect(const struct input_text *in);
void defender_read(struct import_ctx *cx);
int policy_detect(const struct input_text *in);
void policy_read(struct import_ctx *cx);
int prowler_detect(const struct input_text *in);
void prowler_read(struct import_ctx *cx);
int graph_ca_detect(const struct input_text *in);
void graph_ca_read(struct import_ctx *cx);
int graph_score_detect(const struct input_text *in);
void graph_score_read(struct import_ctx *cx);

#endif
