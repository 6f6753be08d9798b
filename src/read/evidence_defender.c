/*
 * evidence_defender.c - reads Microsoft Defender for Cloud assessments:
 * the REST list shape {"value": [...]} (one page, several pages saved as an
 * array, or one assessment alone, as a GET of one returns it), the bare
 * array `az security assessment list` writes, rows of Resource Graph's
 * securityresources table ({count, data, skip_token, ...} or the table
 * format), which spell resourceDetails' keys in PascalCase (Id, Source)
 * where the REST API writes camelCase, and continuous export's events (to an
 * Event Hub, or handed to workflow automation): an assessment with tenantId
 * and assessmentEventDataEnrichment beside it.
 *
 * An assessment is identified by its key (the assessment name, a GUID) and
 * its display name; either may be mapped.  properties.status.code Healthy
 * is a pass, Unhealthy a fail, NotApplicable not-applicable, except when
 * the cause says the assessment is switched off or exempted (OffByPolicy,
 * Exempt): such records give no evidence, nor does an exported event that
 * says the assessment was deleted.  An assessment read with
 * $expand=metadata names its policy definition (metadata.policyDefinitionId);
 * when neither key nor display name is mapped, it is mapped as that
 * definition is.  The same assessment (by id) on two pages is read once.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "evidence_defender.h"
#include "import_field.h"
#include "records.h"
#include "observation.h"
#include "srmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char collected_by[] = "Microsoft Defender for Cloud";

/* Whether a record or a table cell names the assessment type. */
static int is_assessment_type(const cJSON *type)
{
	return cJSON_IsString(type) && strcasecmp(type->valuestring, "Microsoft.Security/assessments") == 0;
}

enum defender_verdict defender_state(const char *state, const char *reason, int *result)
{
	if (strcasecmp(state, "Healthy") == 0) {
		*result = RESULT_PASS;
	} else if (strcasecmp(state, "Unhealthy") == 0) {
		*result = RESULT_FAIL;
	} else if (strcasecmp(state, "NotApplicable") == 0) {
		if (reason && (strcasecmp(reason, "OffByPolicy") == 0 || strcasecmp(reason, "Exempt") == 0))
			return DEFENDER_IGNORED;
		*result = RESULT_NOT_APPLICABLE;
	} else {
		return DEFENDER_UNKNOWN;
	}
	return DEFENDER_EVIDENCE;
}

static int is_assessment(const cJSON *rec)
{
	if (is_assessment_type(json_get_ci(rec, "type")))
		return 1;
	const cJSON *props = json_get_ci(rec, "properties");
	const cJSON *status = json_get_ci(props, "status");
	return json_get_ci(status, "code") && json_get_ci(props, "resourceDetails");
}

int defender_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *root = in->doc.root;
	/* Resource Graph puts its rows under "data", the REST API under "value". */
	const char *key = records_list_key(root);
	const cJSON *first = records_first(root, key);
	if (first)
		return is_assessment(first) ? 2 : 0;
	if (is_assessment_type(records_first_cell(root, "data", "type")))
		return 2;      /* securityresources in the table format */
	if (cJSON_IsObject(root) && is_assessment(root))
		return 2;      /* one assessment: a GET of one, or one exported event */
	const cJSON *value = json_get_ci(root, "value");
	return cJSON_IsArray(value) && !cJSON_GetArraySize(value) &&
	       !json_get_ci(root, "@odata.context") ? 1 : 0;
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

/*
 * The node holding the time of an assessment's state: timeGenerated (in
 * properties or beside them), which some exports add; else
 * properties.status.statusChangeDate, which the REST API, Resource Graph and
 * continuous export all carry: the status was known then at the latest, so it
 * dates the evidence no later than the truth (a lower bound only: --collected-at,
 * when given, says more).  NULL when there is neither.
 */
static const cJSON *time_node(const cJSON *item, const cJSON *props)
{
	const cJSON *t = json_get_ci(props, "timeGenerated");
	if (!t)
		t = json_get_ci(item, "timeGenerated");
	if (!t)
		t = json_get_ci(json_get_ci(props, "status"), "statusChangeDate");
	return t;
}

/* An exported event (continuous export, workflow automation) that says the assessment is gone. */
static int is_deletion(struct import_ctx *cx, const cJSON *item)
{
	static const char *const keys[] = { "assessmentEventDataEnrichment",
					     "securityEventDataEnrichment", NULL };
	for (int i = 0; keys[i]; i++) {
		const cJSON *e = import_obj(cx, item, keys[i], NULL);
		const char *action = e ? import_str(cx, e, "action", NULL) : NULL;
		if (action && strcasecmp(action, "Delete") == 0)
			return 1;
	}
	return 0;
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
	const char *tenant = import_str(cx, item, "tenantId", NULL);
	if (bad)
		return;
	if (!props || !code) {
		import_reject(cx, pos, "the assessment has no properties.status.code");
		return;
	}
	if (is_deletion(cx, item)) {
		cx->st->ignored++;     /* the resource or the assessment no longer exists */
		return;
	}
	/* With $expand=metadata the assessment also names the policy definition it derives from. */
	const cJSON *meta = import_obj(cx, props, "metadata", NULL);
	if (!display)
		display = meta ? import_str(cx, meta, "displayName", NULL) : NULL;
	const char *def = meta ? import_str(cx, meta, "policyDefinitionId", NULL) : NULL;
	const char *def_name = def && strrchr(def, '/') ? strrchr(def, '/') + 1 : def;
	int result;
	enum defender_verdict v = defender_state(code, cause, &result);
	if (v == DEFENDER_IGNORED) {
		cx->st->ignored++;
		return;
	}
	if (v == DEFENDER_UNKNOWN) {
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
			.tenant = tenant && tenant[0] ? tenant : NULL,
			.status = code, .collected_by = collected_by, .pos = pos,
			/* an unmapped recommendation is mapped like its policy definition */
			.group_source = def_name && def_name[0] ? "azure-policy" : NULL,
			.groups = &def_name, .ngroups = def_name && def_name[0] ? 1 : 0,
		};
		const cJSON *t = time_node(item, props);
		if (t && !cJSON_IsString(t))
			import_reject(cx, import_pos(cx, t), "\"%s\" must be a string", t->string);
		else if (t && import_time_of(cx, t, &o.when) < 0)
			import_reject(cx, import_pos(cx, t), "%s \"%s\" is not a time", t->string,
				      t->valuestring);
		else {
			o.has_time = t != NULL;
			o.time_bound = t && strcasecmp(t->string, "statusChangeDate") == 0;
			import_observe(cx, &o);
		}
	}
	free(key);
	free(resource);
}

/* An assessment's identity for reading pages once: its id, with the time of its state. */
static int identify(struct import_ctx *cx, const cJSON *item, struct record_identity *out)
{
	const cJSON *id = json_get_ci(item, "id");
	if (!cJSON_IsString(id) || !id->valuestring[0])
		return 0;
	out->id = xstrdup(id->valuestring);
	const cJSON *t = time_node(item, json_get_ci(item, "properties"));
	/* A time that is no time is the reader's to report; here it only loses the tie. */
	out->has_time = import_time_of(cx, t, &out->when) == 0;
	return 1;
}

void defender_read(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	const char *key = records_list_key(root);
	struct record_list recs;
	if (records_collect(cx, key, is_assessment, &recs) < 0)
		return;
	records_check_paging(cx);
	records_drop_repeats(cx, &recs, identify, 1);
	for (size_t i = 0; i < recs.n; i++) {
		cx->st->read++;
		read_assessment(cx, records_at(&recs, i));
	}
	records_release(&recs);
}
