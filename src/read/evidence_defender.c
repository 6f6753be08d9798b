/*
 * evidence_defender.c - reads Microsoft Defender for Cloud assessments:
 * the REST list shape {"value": [...]} (one page, several pages saved as an
 * array, or one assessment alone, as a GET of one returns it), the bare
 * array `az security assessment list` writes, and rows of Resource Graph's
 * securityresources table or of continuous export, which spell
 * resourceDetails' keys in PascalCase (Id, Source) where the REST API
 * writes camelCase.
 *
 * An assessment is identified by its key (the assessment name, a GUID) and
 * its display name; either may be mapped.  properties.status.code Healthy
 * is a pass, Unhealthy a fail, NotApplicable not-applicable, except when
 * the cause says the assessment is switched off or exempted (OffByPolicy,
 * Exempt): such records give no evidence.  An assessment read with
 * $expand=metadata names its policy definition (metadata.policyDefinitionId);
 * when neither key nor display name is mapped, it is mapped as that
 * definition is.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "import_field.h"
#include "records.h"
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
	const cJSON *first = records_first(in->doc.root, "value");
	if (first)
		return is_assessment(first) ? 2 : 0;
	if (cJSON_IsObject(in->doc.root) && is_assessment(in->doc.root))
		return 2;      /* one assessment: a GET of one */
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
	/* With $expand=metadata the assessment also names the policy definition it derives from. */
	const cJSON *meta = import_obj(cx, props, "metadata", NULL);
	if (!display)
		display = meta ? import_str(cx, meta, "displayName", NULL) : NULL;
	const char *def = meta ? import_str(cx, meta, "policyDefinitionId", NULL) : NULL;
	const char *def_name = def && strrchr(def, '/') ? strrchr(def, '/') + 1 : def;
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
			/* an unmapped recommendation is mapped like its policy definition */
			.group_source = def_name && def_name[0] ? "azure-policy" : NULL,
			.groups = &def_name, .ngroups = def_name && def_name[0] ? 1 : 0,
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
	struct record_list recs;
	if (records_collect(cx, "value", is_assessment, &recs) < 0)
		return;
	for (size_t i = 0; i < recs.n; i++) {
		cx->st->read++;
		read_assessment(cx, recs.items[i]);
	}
	records_release(&recs);
}
