/*
 * evidence_scubagear.c - reads the results CISA's ScubaGear writes beside
 * its HTML report (ScubaResults_*.json): the Microsoft 365 baseline
 * policies of one tenant, checked.
 *
 *   { "MetaData": { "TenantId": "...", "Tool": "ScubaGear", "TimestampZulu": "..." },
 *     "Results": { "AAD": [ { "GroupName": "Legacy Authentication", "GroupNumber": "1",
 *       "Controls": [ { "Control ID": "MS.AAD.1.1v1", "Result": "Pass",
 *                       "Criticality": "Shall", "Requirement": "...", "Details": "..." } ] } ],
 *       "EXO": [ ... ], ... } }
 *
 * Every policy is tenant-wide evidence.  Pass is a pass; Fail, and Warning
 * (a SHOULD policy not met), are failures; N/A is not applicable; Omitted
 * (left out by the configuration) and policies ScubaGear cannot check
 * (criticality "Not-Implemented" or "3rd Party" without a verdict) give no
 * evidence; Error is a record that could not be read.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "import_env.h"
#include "import_field.h"
#include "observation.h"
#include "srmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int scubagear_detect(const struct input_text *in)
{
	const cJSON *root = in->parsed ? in->doc.root : NULL;
	if (!cJSON_IsObject(root))
		return 0;
	const cJSON *meta = json_get_ci(root, "MetaData");
	const cJSON *tool = json_get_ci(meta, "Tool");
	if (cJSON_IsString(tool) && strcasecmp(tool->valuestring, "ScubaGear") == 0)
		return 2;
	return cJSON_IsObject(meta) && cJSON_IsObject(json_get_ci(root, "Results")) &&
	       json_get_ci(meta, "ProductsAssessed") ? 2 : 0;
}

/* Whether s contains word, in any letter case. */
static int contains_ci(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (!strncasecmp(s, word, n))
			return 1;
	return 0;
}

/* The result word as a result: 1 when it gives evidence (*result set), 0 when not, -1 unknown. */
static int verdict(const char *word, const char *criticality, int *result)
{
	if (!strcasecmp(word, "Pass"))
		*result = RESULT_PASS;
	else if (!strcasecmp(word, "Fail") || !strcasecmp(word, "Warning"))
		*result = RESULT_FAIL;
	else if (!strcasecmp(word, "N/A"))
		*result = RESULT_NOT_APPLICABLE;
	else if (!strcasecmp(word, "Omitted") || !strncasecmp(word, "Incorrect", 9))
		return 0;
	else
		return -1;
	/* A policy ScubaGear does not check has no verdict of its own. */
	if (*result == RESULT_NOT_APPLICABLE && criticality &&
	    (contains_ci(criticality, "Not-Implemented") || contains_ci(criticality, "3rd Party")))
		return 0;
	return 1;
}

static void read_control(struct import_ctx *cx, const cJSON *c, const struct import_obs *base)
{
	cx->st->read++;
	struct srcpos pos = import_pos(cx, c);
	if (!cJSON_IsObject(c)) {
		import_reject(cx, pos, "a control result must be an object");
		return;
	}
	int bad = 0;
	const char *id = import_str(cx, c, "Control ID", &bad);
	const char *word = import_str(cx, c, "Result", &bad);
	const char *crit = import_str(cx, c, "Criticality", &bad);
	if (bad)
		return;
	if (!id || !id[0] || !word) {
		import_reject(cx, pos, "the control result has no %s", !word ? "\"Result\"" : "\"Control ID\"");
		return;
	}
	struct import_obs o = *base;
	int given = verdict(word, crit, &o.result);
	if (given < 0) {
		import_reject(cx, pos, "Result must be Pass, Fail, Warning, N/A or Omitted, not \"%s\"",
			      word);
		return;
	}
	if (!given) {
		cx->st->ignored++;
		return;
	}
	o.ident = id;
	o.status = word;
	o.pos = pos;
	import_observe(cx, &o);
}

void scubagear_read(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	const cJSON *meta = import_obj(cx, root, "MetaData", NULL);
	const cJSON *results = import_obj(cx, root, "Results", NULL);
	if (!results) {
		diag_error_at(cx->d, import_pos(cx, root), "a ScubaGear results file needs \"Results\" "
			      "(an object of products)");
		return;
	}
	const char *tenant = meta ? import_str(cx, meta, "TenantId", NULL) : NULL;
	const char *domain = meta ? import_str(cx, meta, "DomainName", NULL) : NULL;
	const char *version = meta ? import_str(cx, meta, "ToolVersion", NULL) : NULL;
	const char *stamp = meta ? import_str(cx, meta, "TimestampZulu", NULL) : NULL;
	const char *names[2] = { domain, tenant };
	char *by = version ? xasprintf("ScubaGear %s", version) : xstrdup("ScubaGear");
	struct import_obs base = {
		.source = "scubagear", .tenant = import_pick_tenant(cx, names, 2),
		.collected_by = by, .pos = import_pos(cx, root),
	};
	if (stamp && import_time_of(cx, json_get_ci(meta, "TimestampZulu"), &base.when) == 0)
		base.has_time = 1;
	const cJSON *product;
	cJSON_ArrayForEach(product, results) {
		const cJSON *group;
		if (!cJSON_IsArray(product)) {
			diag_warn_at(cx->d, import_pos(cx, product), "the results of product \"%s\" are "
				     "not an array of groups: skipped", product->string);
			continue;
		}
		cJSON_ArrayForEach(group, product) {
			const cJSON *controls = cJSON_IsObject(group) ?
				import_arr(cx, group, "Controls", NULL) : NULL;
			const cJSON *c;
			cJSON_ArrayForEach(c, controls)
				read_control(cx, c, &base);
		}
	}
	free(by);
}
