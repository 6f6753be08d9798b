/*
 * profile.h - the engagement profile: who the assessment is for and by whom,
 * the as-of date, the frameworks in scope, the FedRAMP baseline, how old
 * evidence may be, and the confidentiality marking.
 */
#ifndef SRMAP_PROFILE_H
#define SRMAP_PROFILE_H

#include <stdint.h>
#include "srmap/base/diag.h"
#include "srmap/base/jsondoc.h"
#include "srmap/model/model.h"

/* A provider document that covers provider-owned layers (SOC 2 Type 2 report, FedRAMP P-ATO, ...). */
struct attestation {
	char *id;                 /* short id used in the report, e.g. "ms-soc2" */
	char *kind;               /* soc2-type2 | fedramp-p-ato | iso27001 | hipaa-baa | other */
	char *title;
	int64_t issued;           /* date of the document, UTC */
	char **covers;            /* NULL-terminated layer ids it covers (may be empty) */
	size_t ncovers;
};

/* How the freshness rule treats evidence whose time of collection is unknown. */
enum undated_rule {
	UNDATED_CURRENT,      /* as collected at the as-of time: it can satisfy a check */
	UNDATED_STALE         /* as too old: a pass satisfies nothing */
};

struct profile {
	char *client, *assessor, *marking;   /* owned */
	char *language;                       /* "language": the reports' language tag, or NULL (owned) */
	int64_t as_of;                        /* seconds since the epoch, UTC */
	unsigned frameworks;                  /* bit (1 << framework_id) per framework in scope */
	enum fedramp_baseline baseline;
	long max_age_days;
	enum undated_rule undated;            /* "undated_evidence" */
	char *file;                           /* profile file, or NULL for the defaults (owned) */
	char *logo;                           /* branding: logo path, relative to the working folder, or NULL */
	char *brand_color;                    /* branding: "#RRGGBB", or NULL */
	struct attestation *attestations;     /* provider documents (owned) */
	size_t nattestations;
};

/* Name of a rule as profiles and the XML write it: "current", "stale". */
const char *undated_rule_name(enum undated_rule r);

/* Fills *p with the defaults: every framework, moderate, 365 days, undated current, as_of = now. */
void profile_defaults(struct profile *p, int64_t now);

/* Reads an srmap profile document over the defaults; returns 0, or -1 on errors (reported). */
int profile_read_json(struct profile *p, const struct jsondoc *doc, const char *file,
		      struct diag_list *d);

/* Returns 1 when the profile records a provider attestation of this kind. */
int profile_has_attestation(const struct profile *p, const char *kind);

/* Frees what the profile owns. */
void profile_release(struct profile *p);

#endif
