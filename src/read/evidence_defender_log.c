/*
 * evidence_defender_log.c - reads Defender for Cloud recommendations as
 * continuous export writes them to a Log Analytics workspace: rows of the
 * SecurityRecommendation table, as `az monitor log-analytics query` prints
 * them (a bare array of flat objects, PascalCase columns: TimeGenerated,
 * RecommendationName, RecommendationDisplayName, RecommendationState,
 * AssessedResourceId, ...) or as the Log Analytics query API answers
 * ({"tables": [{"name": "PrimaryResult", "columns": [...], "rows": [...]}]}).
 *
 * A reader of its own rather than a branch of defender-assessments: the rows
 * are flat where assessments are ARM objects, and they are a history (a row
 * per change of state, and weekly snapshots), so that only the newest row of
 * each recommendation and resource tells the state; the older rows are
 * counted as ignored.  The table's TenantId column is the Log Analytics
 * workspace, not the Entra tenant, and is not used.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "evidence_defender.h"
#include "import_field.h"
#include "records.h"
#include "observation.h"
#include "srmap/model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char collected_by[] = "Microsoft Defender for Cloud";

static int is_row(const cJSON *rec)
{
	return json_get_ci(rec, "RecommendationState") &&
	       (json_get_ci(rec, "AssessedResourceId") || json_get_ci(rec, "RecommendationName") ||
		json_get_ci(rec, "RecommendationId"));
}

int defender_log_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *first = records_first(in->doc.root, "value");
	if (first)
		return is_row(first) ? 2 : 0;
	if (cJSON_IsString(records_first_cell(in->doc.root, NULL, "RecommendationState")))
		return 2;      /* the query API's tables */
	return cJSON_IsObject(in->doc.root) && is_row(in->doc.root) ? 2 : 0;
}

/* Whether s is a GUID (8-4-4-4-12 hexadecimal digits), as assessment keys are. */
static int is_guid(const char *s)
{
	if (!s || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * The assessment key: the column that holds a GUID.  Rows written today carry
 * it in RecommendationName; the schema Microsoft first published has the
 * display name there and "a unique identifier of the assessment" in
 * RecommendationId, which may be an assessment id ending in the key.
 * Borrowed from the row, or NULL.
 */
static const char *key_of(struct import_ctx *cx, const cJSON *row)
{
	const char *name = import_str(cx, row, "RecommendationName", NULL);
	if (is_guid(name))
		return name;
	const char *id = import_str(cx, row, "RecommendationId", NULL);
	const char *slash = id ? strrchr(id, '/') : NULL;
	if (slash && is_guid(slash + 1))
		return slash + 1;
	return is_guid(id) ? id : NULL;
}

/* The display name: RecommendationDisplayName, or a RecommendationName that is no key. */
static const char *display_of(struct import_ctx *cx, const cJSON *row)
{
	const char *d = import_str(cx, row, "RecommendationDisplayName", NULL);
	if (d && d[0])
		return d;
	const char *name = import_str(cx, row, "RecommendationName", NULL);
	return name && name[0] && !is_guid(name) ? name : NULL;
}

static void read_row(struct import_ctx *cx, const cJSON *row)
{
	struct srcpos pos = import_pos(cx, row);
	if (!cJSON_IsObject(row)) {
		import_reject(cx, pos, "a row must be an object");
		return;
	}
	int bad = 0;
	const char *state = import_str(cx, row, "RecommendationState", &bad);
	const char *resource = import_str(cx, row, "AssessedResourceId", &bad);
	const char *when = import_str(cx, row, "TimeGenerated", &bad);
	const char *reason = import_str(cx, row, "NotApplicableReason", NULL);
	const char *def = import_str(cx, row, "PolicyDefinitionId", NULL);
	if (bad)
		return;
	if (!state) {
		import_reject(cx, pos, "the row has no RecommendationState");
		return;
	}
	int result;
	enum defender_verdict v = defender_state(state, reason, &result);
	if (v == DEFENDER_IGNORED || (v == DEFENDER_UNKNOWN && strcasecmp(state, "Removed") == 0)) {
		cx->st->ignored++;     /* exempted, switched off, or the resource or recommendation is gone */
		return;
	}
	if (v == DEFENDER_UNKNOWN) {
		import_reject(cx, import_pos(cx, import_get(cx, row, "RecommendationState")),
			      "RecommendationState must be Healthy, Unhealthy, NotApplicable or "
			      "Removed, not \"%s\"", state);
		return;
	}
	const char *key = key_of(cx, row), *display = display_of(cx, row);
	if (!key && !display) {
		import_reject(cx, pos, "the row names no recommendation (RecommendationName, "
			      "RecommendationDisplayName or RecommendationId)");
		return;
	}
	if (!resource || !resource[0]) {
		import_reject(cx, pos, "the row has no AssessedResourceId");
		return;
	}
	const char *def_name = def && strrchr(def, '/') ? strrchr(def, '/') + 1 : def;
	struct import_obs o = {
		.source = "defender", .ident = key ? key : display, .ident2 = key ? display : NULL,
		.label = display ? display : key, .resource = resource, .result = result,
		.status = state, .collected_by = collected_by, .pos = pos,
		.group_source = def_name && def_name[0] ? "azure-policy" : NULL,
		.groups = &def_name, .ngroups = def_name && def_name[0] ? 1 : 0,
	};
	if (when && import_time(cx, when, pos, &o.when) < 0) {
		import_reject(cx, import_pos(cx, import_get(cx, row, "TimeGenerated")),
			      "TimeGenerated \"%s\" is not a time", when);
		return;
	}
	o.has_time = when != NULL;
	import_observe(cx, &o);
}

/* A row's identity in the history: its recommendation and resource, with TimeGenerated. */
static int identify(struct import_ctx *cx, const cJSON *row, struct record_identity *out)
{
	const cJSON *res = json_get_ci(row, "AssessedResourceId");
	const cJSON *rec = json_get_ci(row, "RecommendationName");
	if (!cJSON_IsString(rec))
		rec = json_get_ci(row, "RecommendationId");
	if (!cJSON_IsString(res) || !cJSON_IsString(rec))
		return 0;
	out->id = xasprintf("%s %s", rec->valuestring, res->valuestring);
	const cJSON *t = json_get_ci(row, "TimeGenerated");
	out->has_time = import_time_of(cx, t, &out->when) == 0;
	return 1;
}

void defender_log_read(struct import_ctx *cx)
{
	struct record_list recs;
	if (records_collect(cx, "value", is_row, &recs) < 0)
		return;
	/* A history: older states of a recommendation on a resource are superseded, not news. */
	records_drop_repeats(cx, &recs, identify, 0);
	for (size_t i = 0; i < recs.n; i++) {
		cx->st->read++;
		read_row(cx, records_at(&recs, i));
	}
	records_release(&recs);
}
