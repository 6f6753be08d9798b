/*
 * evidence_policy.c - reads Azure Policy compliance states: the bare
 * array `az policy state list` writes, the PolicyInsights REST shape
 * {"@odata.context": ".../policyStates/...", "value": [...]}, and
 * Get-AzPolicyState output converted to JSON (PascalCase keys).
 *
 * A state is identified by its policyDefinitionName (the GUID of a
 * built-in definition); when that is not mapped, its
 * policyDefinitionGroupNames (the regulatory initiative's groups, such as
 * NIST_SP_800-53_R5_SC-28) are.  complianceState Compliant is a pass,
 * NonCompliant a fail; Exempt, Unknown, Conflict and the rest give no
 * evidence.  A state that belongs to a policy set (policySetDefinitionName)
 * also shows the initiative is assigned to the subscription: a mapped
 * initiative gives subscription evidence (ops-policy-enforcement in the
 * shipped mappings).
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "srmap/model.h"
#include "azure_id.h"
#include "import_field.h"
#include "records.h"
#include "observation.h"
#include "srmap/base/strmap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char collected_by[] = "Azure Policy compliance states";

/* A compliance state: its compliance and the policy (definition or assignment) it is for. */
static int is_state(const cJSON *rec)
{
	return rec && (json_get_ci(rec, "complianceState") || json_get_ci(rec, "isCompliant")) &&
	       (json_get_ci(rec, "policyDefinitionName") || json_get_ci(rec, "policyAssignmentId") ||
		json_get_ci(rec, "policyDefinitionId"));
}

int policy_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *ctx = json_get_ci(in->doc.root, "@odata.context");
	if (cJSON_IsString(ctx) && strstr(ctx->valuestring, "policyStates"))
		return 2;
	const cJSON *first = records_first(in->doc.root, "value");
	if (!first && cJSON_IsObject(in->doc.root))
		first = in->doc.root;     /* one state alone */
	return is_state(first) ? 2 : 0;
}

/* An initiative seen assigned to a subscription. */
struct assigned {
	char *set, *subscription;
	int64_t when;
	int has_time;
	struct srcpos pos;
	char *key;              /* "set\x1fsubscription", the index's key */
};

/* The assignments seen, in first-seen order, indexed so that many of them stay linear. */
struct assignments {
	struct assigned *list;
	size_t n, cap;
	struct strmap index;    /* key (any letter case) -> position in list + 1 */
};

static void note_assignment(struct assignments *a, const char *set, const char *sub,
			    const struct import_obs *o)
{
	char *key = xasprintf("%s\x1f%s", set, sub);
	size_t at = (size_t)(uintptr_t)strmap_get(&a->index, key);
	if (at) {
		struct assigned *x = &a->list[at - 1];
		if (o->has_time && (!x->has_time || o->when > x->when)) {
			x->when = o->when;
			x->has_time = 1;
		}
		free(key);
		return;
	}
	GROW(a->list, a->cap, a->n + 1);
	a->list[a->n] = (struct assigned){ xstrdup(set), xstrdup(sub), o->when, o->has_time, o->pos,
					   key };
	strmap_put(&a->index, key, (void *)(uintptr_t)(a->n + 1));
	a->n++;
}

static const char *last_segment(const char *id)
{
	const char *slash = id ? strrchr(id, '/') : NULL;
	return slash ? slash + 1 : id;
}

void policy_read(struct import_ctx *cx)
{
	struct record_list recs;
	if (records_collect(cx, "value", is_state, &recs) < 0)
		return;
	const struct mappings *m = &cx->env->cat->mappings;
	struct assignments sets = { 0 };
	strmap_init(&sets.index, 1);
	for (size_t r = 0; r < recs.n; r++) {
		const cJSON *item = records_at(&recs, r);
		cx->st->read++;
		struct srcpos pos = import_pos(cx, item);
		if (!cJSON_IsObject(item)) {
			import_reject(cx, pos, "a policy state must be an object");
			continue;
		}
		int bad = 0;
		const char *state = import_str(cx, item, "complianceState", &bad);
		const char *resource = import_str(cx, item, "resourceId", &bad);
		const char *def = import_str(cx, item, "policyDefinitionName", &bad);
		const char *def_id = import_str(cx, item, "policyDefinitionId", &bad);
		const char *set = import_str(cx, item, "policySetDefinitionName", &bad);
		const char *sub = import_str(cx, item, "subscriptionId", &bad);
		const char *when = import_str(cx, item, "timestamp", &bad);
		const cJSON *groups = import_arr(cx, item, "policyDefinitionGroupNames", &bad);
		if (bad)
			continue;
		int result;
		if (!state) {
			const cJSON *ok = import_get(cx, item, "isCompliant");
			if (!cJSON_IsBool(ok)) {
				import_reject(cx, pos, "the state has no complianceState");
				continue;
			}
			state = cJSON_IsTrue(ok) ? "Compliant" : "NonCompliant";
		}
		if (strcasecmp(state, "Compliant") == 0) {
			result = RESULT_PASS;
		} else if (strcasecmp(state, "NonCompliant") == 0) {
			result = RESULT_FAIL;
		} else {
			cx->st->ignored++;   /* Exempt, Unknown, Conflict, Protected, Error */
			continue;
		}
		if (!def)
			def = last_segment(def_id);
		if (!def || !def[0]) {
			import_reject(cx, pos, "the state names no policy definition");
			continue;
		}
		if (!resource || !resource[0]) {
			import_reject(cx, pos, "the state names no resource");
			continue;
		}
		const char **gv = NULL;
		size_t ng = 0;
		const cJSON *g;
		cJSON_ArrayForEach(g, groups) {
			if (!cJSON_IsString(g))
				continue;
			gv = xreallocarray(gv, ng + 1, sizeof(char *));
			gv[ng++] = g->valuestring;
		}
		const struct map_entry *e = mappings_find(m, "azure-policy", def);
		struct import_obs o = {
			.source = "azure-policy", .ident = def,
			.label = e && e->title ? e->title : def,
			.group_source = "azure-policy-group", .groups = gv, .ngroups = ng,
			.resource = resource, .subscription = sub, .result = result, .status = state,
			.collected_by = collected_by, .pos = pos,
		};
		if (when) {
			if (import_time(cx, when, pos, &o.when) < 0) {
				import_reject(cx, import_pos(cx, import_get(cx, item, "timestamp")),
					      "timestamp \"%s\" is not a time", when);
				free(gv);
				continue;
			}
			o.has_time = 1;
		}
		import_observe(cx, &o);
		char *s = sub ? xstrdup(sub) : import_subscription_of(resource);
		if (set && set[0] && s)
			note_assignment(&sets, set, s, &o);
		free(s);
		free(gv);
	}
	for (size_t i = 0; i < sets.n; i++) {
		const struct assigned *x = &sets.list[i];
		const struct map_entry *e = mappings_find(m, "azure-policy-set", x->set);
		if (e) {
			char *status = xasprintf("assigned to subscription %s", x->subscription);
			struct import_obs o = {
				.source = "azure-policy-set", .ident = x->set,
				.label = e->title ? e->title : x->set,
				.subscription = x->subscription, .result = RESULT_PASS,
				.status = status, .when = x->when, .has_time = x->has_time,
				.collected_by = collected_by, .pos = x->pos, .derived = 1,
			};
			import_observe(cx, &o);
			free(status);
		}
		free(x->set);
		free(x->subscription);
		free(x->key);
	}
	free(sets.list);
	strmap_release(&sets.index);
	records_release(&recs);
}
