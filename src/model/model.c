/* model.c - names of the responsibility model's values, both ways. */
#include "srmap/model/model.h"

#include <string.h>

static const char *const model_names[] = { "iaas", "paas", "saas", "onprem", "unclassified" };
static const char *const owner_names[] = { "provider", "customer", "shared" };
static const char *const severity_names[] = { "low", "medium", "high", "critical" };
static const char *const result_names[] = { "pass", "fail", "not-applicable" };
static const char *const status_names[] = { "inherited", "satisfied", "failed",
					    "missing", "stale", "not-applicable" };
static const char *const req_names[] = { "met", "partially-met", "not-met", "inherited",
					 "not-applicable", "not-assessed" };
static const char *const framework_names[] = { "hipaa", "soc2", "fedramp" };
static const char *const baseline_names[] = { "low", "moderate", "high" };
static const char *const control_scope_names[] = { "workload", "organisation" };

const char *model_name(enum service_model m) { return model_names[m]; }
const char *owner_name(enum owner o) { return owner_names[o]; }
const char *severity_name(enum severity s) { return severity_names[s]; }
const char *result_name(enum result r) { return result_names[r]; }
const char *status_name(enum status s) { return status_names[s]; }
const char *req_status_name(enum req_status s) { return req_names[s]; }
const char *framework_name(enum framework_id f) { return framework_names[f]; }
const char *baseline_name(enum fedramp_baseline b) { return baseline_names[b]; }
const char *control_scope_name(enum control_scope s) { return control_scope_names[s]; }

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int model_parse(const char *s) { return lookup(model_names, MATRIX_MODELS, s); }
int owner_parse(const char *s) { return lookup(owner_names, OWNER_COUNT, s); }
int severity_parse(const char *s) { return lookup(severity_names, SEV_COUNT, s); }
int result_parse(const char *s) { return lookup(result_names, RESULT_COUNT, s); }
int framework_parse(const char *s) { return lookup(framework_names, FW_COUNT, s); }
int baseline_parse(const char *s) { return lookup(baseline_names, BASELINE_COUNT, s); }
int control_scope_parse(const char *s) { return lookup(control_scope_names, CONTROL_SCOPE_COUNT, s); }
