/*
 * model.h - the vocabulary of the shared-responsibility model: service
 * models, owners, severities, evidence results and check statuses, with the
 * names they have in files.  Every name used in JSON or XML comes from here.
 */
#ifndef SRMAP_MODEL_H
#define SRMAP_MODEL_H

enum service_model {
	MODEL_IAAS, MODEL_PAAS, MODEL_SAAS, MODEL_ONPREM,
	MODEL_UNCLASSIFIED,
	MODEL_COUNT
};
/* The service models that have a column in the responsibility matrix. */
#define MATRIX_MODELS 4

enum owner { OWNER_PROVIDER, OWNER_CUSTOMER, OWNER_SHARED, OWNER_COUNT };

enum severity { SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL, SEV_COUNT };

enum result { RESULT_PASS, RESULT_FAIL, RESULT_NOT_APPLICABLE, RESULT_COUNT };

enum status {
	STATUS_INHERITED,       /* provider-owned: covered by the provider's attestations */
	STATUS_SATISFIED,       /* customer evidence passes */
	STATUS_FAILED,          /* customer evidence fails */
	STATUS_MISSING,         /* customer or shared, and no evidence: a gap */
	STATUS_STALE,           /* newest evidence older than the profile allows */
	STATUS_NOT_APPLICABLE,  /* evidence says the control does not apply */
	STATUS_COUNT
};

enum req_status {
	REQ_MET, REQ_PARTIALLY_MET, REQ_NOT_MET, REQ_INHERITED, REQ_NOT_APPLICABLE,
	REQ_NOT_ASSESSED, REQ_STATUS_COUNT
};

/*
 * Where a control is checked: on each workload it applies to, or once for
 * the organisation (a tenant), for programmes and tenant-wide settings that
 * no single workload carries (governance, incident response, identity).
 */
enum control_scope { CONTROL_SCOPE_WORKLOAD, CONTROL_SCOPE_ORGANISATION, CONTROL_SCOPE_COUNT };

enum framework_id { FW_HIPAA, FW_SOC2, FW_FEDRAMP, FW_COUNT };
enum fedramp_baseline { BASELINE_LOW, BASELINE_MODERATE, BASELINE_HIGH, BASELINE_COUNT };

/* Name of each value as written in files ("iaas", "shared", "missing", ...). */
const char *model_name(enum service_model m);
const char *owner_name(enum owner o);
const char *severity_name(enum severity s);
const char *result_name(enum result r);
const char *status_name(enum status s);
const char *req_status_name(enum req_status s);
const char *framework_name(enum framework_id f);
const char *baseline_name(enum fedramp_baseline b);
const char *control_scope_name(enum control_scope s);

/*
 * Parsers: each returns the value named by s, or -1 when s names none.
 * model_parse accepts only the four matrix models (not "unclassified").
 */
int model_parse(const char *s);
int owner_parse(const char *s);
int severity_parse(const char *s);
int result_parse(const char *s);
int framework_parse(const char *s);
int baseline_parse(const char *s);
int control_scope_parse(const char *s);

#endif
