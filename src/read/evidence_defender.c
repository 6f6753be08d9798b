/*
 * evidence_defender.c - reads Microsoft Defender for Cloud assessments:
 * the REST list shape {"value": [...]}, the bare array `az security
 * assessment list` writes, and rows of Resource Graph's securityresources
 * table or of continuous export, which spell resourceDetails' keys in
 * PascalCase (Id, Source) where the REST API writes camelCase.
 *
 * An assessment is identified by its key (the assessment name, a GUID) and
 * its display name; either may be mapped.  properties.status.code Healthy
 * is a pass, Unhealthy a fail, NotApplicable not-applicable, except when
 * the cause says the assessment is switched off or exempted (OffByPolicy,
 * Exempt): such records give no evidence.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "import_field.h"
#include "observation.h"
#include "srmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char collected_by[] = "Microsoft Defender for Cloud";

static int is_assessment(const cJSON *rec)
{
	const cJSON *type = json_get_ci(rec, "type");
	if (cJSON_IsString(type) && strcasecmp(type->valuestring, "Microsoft.Security/assessments") == 0)
		return 1;
	const cJSON *props = json_get_ci(rec, "properties");
	const cJSON *status = json_get_ci(props, "status");
	return json_get_ci(status, "code") && json_get_ci(props, "resourceDetails");
}

int defender_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *first = json_first_record(in->doc.root, "value");
	if (first)
		return is_assessment(first) ? 2 : 0;
	const cJSON *value = json_get_ci(in->doc.root, "value");
	return cJSON_IsArray(value) && !cJSON_GetArraySize(value) &&
	       !json_get_ci(in->doc.root, "@odata.context") ? 1 : 0;
}

/* The assessment key: the record's name, or the last segment of its id. */
static char *key_of(struct import_ctx *cx, const cJSON *item)
{
	const char *name = import_str(cx, item, "name", NULL);
	if (name && name[0])
		return xstrdup(name);
	const char *id = import_str(cx, item, "id", NULL);
	const char *slash = id ? strrchr(id, '/') : NULL;
	return slash && slash[1] ? xstrdup(slash + 1) : NULL;
}

/* The assessed resource: resourceDetails' id, or the assessment id without its own part. */
static char *resource_of(struct import_ctx *cx, const cJSON *item, const cJSON *props)
{
	const cJSON *rd = import_obj(cx, props, "resourceDetails", NULL);
	static const char *const keys[] = { "id", "ResourceId", "AzureResourceId", NULL };
	for (int i = 0; rd && keys[i]; i++) {
		const char *v = import_str(cx, rd, keys[i], NULL);
		if (v && v[0])
			return xstrdup(v);
	}
	const char *id = import_str(cx, item, "id", NULL);
	if (!id)
		return NULL;
	const char *cut = NULL;
	size_t n = strlen("/providers/Microsoft.Security/assessments/");
	for (const char *p = id; *p; p++)
		if (strncasecmp(p, "/providers/Microsoft.Security/assessments/", n) == 0)
			cut = p;
	return cut && cut > id ? xstrndup(id, (size_t)(cut - id)) : NULL;
}

static void read_assessment(struct import_ctx *cx, const cJSON *item)
{
	struct srcpos pos = import_pos(cx, item);
	if (!cJSON_IsObject(item)) {
		import_reject(cx, pos, "an assessment must be an object");
		return;
	}
	int bad = 0;
	const cJSON *props = import_obj(cx, item, "properties", &bad);
	const cJSON *status = props ? import_obj(cx, props, "status", &bad) : NULL;
	const char *code = status ? import_str(cx, status, "code", &bad) : NULL;
	const char *cause = status ? import_str(cx, status, "cause", NULL) : NULL;
	const char *display = props ? import_str(cx, props, "displayName", &bad) : NULL;
	if (bad)
		return;
	if (!props || !code) {
		import_reject(cx, pos, "the assessment has no properties.status.code");
		return;
	}
	if (!display) {
		const cJSON *meta = import_obj(cx, props, "metadata", NULL);
		display = meta ? import_str(cx, meta, "displayName", NULL) : NULL;
	}
	int result;
	if (strcasecmp(code, "Healthy") == 0) {
		result = RESULT_PASS;
	} else if (strcasecmp(code, "Unhealthy") == 0) {
		result = RESULT_FAIL;
	} else if (strcasecmp(code, "NotApplicable") == 0) {
		if (cause && (strcasecmp(cause, "OffByPolicy") == 0 || strcasecmp(cause, "Exempt") == 0)) {
			cx->st->ignored++;
			return;
		}
		result = RESULT_NOT_APPLICABLE;
	} else {
		import_reject(cx, import_pos(cx, import_get(cx, status, "code")), "status code must be "
			      "Healthy, Unhealthy or NotApplicable, not \"%s\"", code);
		return;
	}
	char *key = key_of(cx, item);
	char *resource = resource_of(cx, item, props);
	if (!key && !display) {
		import_reject(cx, pos, "the assessment has neither a name nor a display name");
	} else {
		struct import_obs o = {
			.source = "defender", .ident = key ? key : display, .ident2 = key ? display : NULL,
			.label = display ? display : key, .resource = resource, .result = result,
			.status = code, .collected_by = collected_by, .pos = pos,
		};
		const cJSON *owner = import_get(cx, props, "timeGenerated") ? props : item;
		const char *when = import_str(cx, owner, "timeGenerated", NULL);
		if (when && import_time(cx, when, pos, &o.when) < 0)
			import_reject(cx, import_pos(cx, import_get(cx, owner, "timeGenerated")),
				      "timeGenerated \"%s\" is not a time", when);
		else {
			o.has_time = when != NULL;
			import_observe(cx, &o);
		}
	}
	free(key);
	free(resource);
}

void defender_read(struct import_ctx *cx)
{
	const cJSON *arr = import_records(cx, "value");
	if (!arr)
		return;
	const cJSON *next = json_get_ci(cx->in->doc.root, "nextLink");
	if (cJSON_IsString(next) && next->valuestring[0])
		diag_warn_at(cx->d, import_pos(cx, next), "this is one page of a longer list (nextLink "
			     "is set): the evidence lacks the rest; fetch every page");
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		cx->st->read++;
		read_assessment(cx, item);
	}
}
