/*
 * evidence_prowler.c - reads Prowler's JSON-OCSF report (`prowler azure
 * -M json-ocsf`): an array of OCSF Detection Findings.
 *
 * metadata.event_code is the check id, status_code PASS or FAIL the result
 * (MANUAL, INFO and MUTED give no evidence; the status words are shared
 * with the CSV reader, evidence_prowler.h), resources[].uid the resources checked (Azure
 * resource ids), cloud.account.uid the subscription and cloud.org the
 * tenant.  Muted findings (status "Suppressed") give no evidence.  When a
 * check id is not mapped, its unmapped.compliance requirements are tried as
 * "FRAMEWORK:requirement" identifiers of source prowler-compliance.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "evidence_prowler.h"
#include "import_env.h"
#include "import_field.h"
#include "stream.h"
#include "observation.h"
#include "srmap/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum prowler_verdict prowler_status(const char *word, int *result)
{
	if (strcasecmp(word, "PASS") == 0 || strcasecmp(word, "FAIL") == 0) {
		*result = strcasecmp(word, "PASS") == 0 ? RESULT_PASS : RESULT_FAIL;
		return PROWLER_EVIDENCE;
	}
	static const char *const ignored[] = { "MANUAL", "INFO", "MUTED", "WARNING" };
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		if (strcasecmp(word, ignored[i]) == 0)
			return PROWLER_IGNORED;
	return PROWLER_UNKNOWN;
}

int64_t prowler_epoch(double v)
{
	return (int64_t)(v > 1e11 ? floor(v / 1000) : floor(v));
}

int prowler_detect(const struct input_text *in)
{
	if (!in->parsed || !cJSON_IsArray(in->doc.root))
		return 0;
	const cJSON *first = json_first_record(in->doc.root, NULL);
	if (!first)
		return cJSON_GetArraySize(in->doc.root) == 0 ? 1 : 0;
	const cJSON *meta = json_get_ci(first, "metadata");
	if (json_get_ci(meta, "event_code") && json_get_ci(first, "status_code"))
		return 2;
	const cJSON *product = json_get_ci(meta, "product");
	const cJSON *name = json_get_ci(product, "name");
	return cJSON_IsString(name) && strcasecmp(name->valuestring, "Prowler") == 0 ? 2 : 0;
}

/* "FRAMEWORK:requirement" for every requirement of unmapped.compliance; caller frees. */
static char **compliance_ids(struct import_ctx *cx, const cJSON *finding, size_t *n)
{
	const cJSON *unmapped = import_obj(cx, finding, "unmapped", NULL);
	const cJSON *comp = unmapped ? import_obj(cx, unmapped, "compliance", NULL) : NULL;
	char **out = NULL;
	*n = 0;
	const cJSON *fw;
	cJSON_ArrayForEach(fw, comp) {
		const cJSON *req;
		if (!cJSON_IsArray(fw))
			continue;
		cJSON_ArrayForEach(req, fw) {
			if (!cJSON_IsString(req))
				continue;
			out = xreallocarray(out, *n + 1, sizeof(char *));
			out[(*n)++] = xasprintf("%s:%s", fw->string, req->valuestring);
		}
	}
	return out;
}

/*
 * The finding's time: time_dt, finding_info.created_time_dt, or time (epoch
 * seconds or milliseconds, or a time string in older versions).  Returns 1
 * when found, 0 when the finding has none, -1 (reported) when it is no time.
 */
static int finding_time(struct import_ctx *cx, const cJSON *f, int64_t *out)
{
	const cJSON *info = import_obj(cx, f, "finding_info", NULL);
	const cJSON *t = import_get(cx, f, "time_dt");
	if (!t && info)
		t = import_get(cx, info, "created_time_dt");
	if (!t)
		t = import_get(cx, f, "time");
	if (!t)
		return 0;
	struct srcpos pos = import_pos(cx, t);
	if (cJSON_IsNumber(t) && t->valuedouble > 0 && t->valuedouble < 1e15) {
		*out = prowler_epoch(t->valuedouble);
		return 1;
	}
	if (cJSON_IsString(t) && import_time(cx, t->valuestring, pos, out) == 0)
		return 1;
	import_reject(cx, pos, "\"%s\" is not a time", t->string);
	return -1;
}

static void read_finding(struct import_ctx *cx, const cJSON *f)
{
	struct srcpos pos = import_pos(cx, f);
	if (!cJSON_IsObject(f)) {
		cx->st->read++;
		import_reject(cx, pos, "a finding must be an object");
		return;
	}
	int bad = 0;
	const cJSON *meta = import_obj(cx, f, "metadata", &bad);
	const char *check = meta ? import_str(cx, meta, "event_code", &bad) : NULL;
	const char *code = import_str(cx, f, "status_code", &bad);
	const char *status = import_str(cx, f, "status", &bad);
	const cJSON *status_id = import_get(cx, f, "status_id");
	const cJSON *resources = import_arr(cx, f, "resources", &bad);
	const cJSON *cloud = import_obj(cx, f, "cloud", NULL);
	size_t nres = resources ? (size_t)cJSON_GetArraySize(resources) : 0;
	cx->st->read += nres ? nres : 1;
	if (bad)
		return;
	if (!check || !check[0] || !code) {
		import_reject(cx, pos, "the finding has no %s", !code ? "status_code" : "metadata.event_code");
		return;
	}
	int muted = (status && strcasecmp(status, "Suppressed") == 0) ||
		    (cJSON_IsNumber(status_id) && status_id->valuedouble == 3);
	int result = RESULT_PASS;
	enum prowler_verdict v = prowler_status(code, &result);
	if (v == PROWLER_UNKNOWN) {
		import_reject(cx, pos, "status_code must be PASS, FAIL or MANUAL, not \"%s\"", code);
		return;
	}
	if (muted || v == PROWLER_IGNORED) {
		cx->st->ignored += nres ? nres : 1;
		return;
	}
	const cJSON *account = cloud ? import_obj(cx, cloud, "account", NULL) : NULL;
	const cJSON *org = cloud ? import_obj(cx, cloud, "org", NULL) : NULL;
	const char *sub = account ? import_str(cx, account, "uid", NULL) : NULL;
	/* The tenant: cloud.org (name, then id), else OCSF's metadata.tenant_uid. */
	const char *names[3] = { org ? import_str(cx, org, "name", NULL) : NULL,
				 org ? import_str(cx, org, "uid", NULL) : NULL,
				 meta ? import_str(cx, meta, "tenant_uid", NULL) : NULL };
	const char *tenant = import_pick_tenant(cx, names, 3);
	const cJSON *product = meta ? import_obj(cx, meta, "product", NULL) : NULL;
	const char *version = product ? import_str(cx, product, "version", NULL) : NULL;
	char *by = version ? xasprintf("Prowler %s", version) : xstrdup("Prowler");
	size_t ngroups;
	char **groups = compliance_ids(cx, f, &ngroups);
	struct import_obs o = {
		.source = "prowler", .ident = check, .group_source = "prowler-compliance",
		.groups = (const char *const *)groups, .ngroups = ngroups,
		.subscription = sub && sub[0] ? sub : NULL, .tenant = tenant && tenant[0] ? tenant : NULL,
		.result = result, .status = code, .collected_by = by, .pos = pos,
	};
	int timed = finding_time(cx, f, &o.when);
	o.has_time = timed > 0;
	if (timed < 0) {
		/* rejected */
	} else if (!nres) {
		import_observe(cx, &o);
	} else {
		const cJSON *r;
		cJSON_ArrayForEach(r, resources) {
			o.pos = import_pos(cx, r);
			o.resource = cJSON_IsObject(r) ? import_str(cx, r, "uid", NULL) : NULL;
			if (o.resource && !o.resource[0])
				o.resource = NULL;
			import_observe(cx, &o);
		}
	}
	for (size_t i = 0; i < ngroups; i++)
		free(groups[i]);
	free(groups);
	free(by);
}

void prowler_read(struct import_ctx *cx)
{
	if (cx->in->stream) {      /* the root array, a finding at a time (stream.h) */
		for (size_t i = 0; i < cx->in->stream->n; i++)
			read_finding(cx, stream_record(cx->in->stream, i));
		return;
	}
	const cJSON *arr = import_records(cx, "findings");
	const cJSON *item;
	cJSON_ArrayForEach(item, arr)
		read_finding(cx, item);
}
