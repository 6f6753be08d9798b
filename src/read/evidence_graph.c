/*
 * evidence_graph.c - reads Microsoft Graph exports about a Microsoft 365
 * tenant: Conditional Access policies (GET
 * /identity/conditionalAccess/policies) and Secure Score (GET
 * /security/secureScores), as the REST API returns them ({"value": [...]})
 * or as PowerShell writes them (a bare array, PascalCase keys).
 *
 * Conditional Access policies are turned into facts about the tenant, each
 * a pass or a fail, which the mappings (source "graph") tie to controls:
 *   mfa-all-users             an enabled policy requires MFA (builtInControls
 *                             "mfa" or an authenticationStrength) for all users
 *                             and all cloud apps
 *   conditional-access-enforced  at least one policy is enabled
 *   legacy-auth-blocked       an enabled policy blocks the exchangeActiveSync
 *                             and other client app types for all users
 *   compliant-device-required an enabled policy requires a compliant or
 *                             hybrid-joined device
 *   risk-based-access         an enabled policy evaluates sign-in or user risk
 * Policies in report-only mode (enabledForReportingButNotEnforced) or
 * disabled satisfy no fact; the note says when report-only ones would.
 *
 * Secure Score: the newest snapshot.  "(overall)" is a fact that the score
 * is tracked; each controlScores entry is identified by its controlName and
 * passes when its scoreInPercentage is 100.
 *
 * Neither export carries the time it was taken, Secure Score aside
 * (createdDateTime), and Conditional Access policies not the tenant:
 * evidence goes to the run's only tenant (or Secure Score's azureTenantId).
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "import_env.h"
#include "import_field.h"
#include "records.h"
#include "observation.h"
#include "srmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Conditional Access ------------------------------------------------------------ */

enum fact { F_MFA, F_ENFORCED, F_LEGACY, F_DEVICE, F_RISK, F_COUNT };

static const struct { const char *id, *title; } facts[F_COUNT] = {
	{ "mfa-all-users", "MFA required for all users and all cloud apps" },
	{ "conditional-access-enforced", "Conditional Access policies enforced" },
	{ "legacy-auth-blocked", "Legacy authentication blocked" },
	{ "compliant-device-required", "Compliant or hybrid-joined device required" },
	{ "risk-based-access", "Sign-in or user risk evaluated" },
};

struct fact_state {
	int met, report_only;
	char *by;               /* names of the policies that meet it (first few) */
	size_t nby;
	struct srcpos pos;
};

static int is_ca_policy(const cJSON *rec)
{
	return json_get_ci(rec, "grantControls") ||
	       (json_get_ci(rec, "conditions") && json_get_ci(rec, "state"));
}

int graph_ca_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *ctx = json_get_ci(in->doc.root, "@odata.context");
	if (cJSON_IsString(ctx) && strstr(ctx->valuestring, "conditionalAccess/policies"))
		return 2;
	const cJSON *first = records_first(in->doc.root, "value");
	if (!first && cJSON_IsObject(in->doc.root))
		first = in->doc.root;     /* one policy: a GET of one */
	return first && is_ca_policy(first) ? 2 : 0;
}

static void met_by(struct fact_state *f, const char *name, struct srcpos pos)
{
	if (!f->met && !f->nby)
		f->pos = pos;
	f->met = 1;
	if (f->nby++ >= 3)
		return;
	char *n = f->by ? xasprintf("%s, %s", f->by, name) : xstrdup(name);
	free(f->by);
	f->by = n;
}

static const cJSON *sub(struct import_ctx *cx, const cJSON *obj, const char *key)
{
	return obj ? import_obj(cx, obj, key, NULL) : NULL;
}

static const cJSON *list(struct import_ctx *cx, const cJSON *obj, const char *key)
{
	return obj ? import_arr(cx, obj, key, NULL) : NULL;
}

static void read_policy(struct import_ctx *cx, const cJSON *p, struct fact_state *fs)
{
	struct srcpos pos = import_pos(cx, p);
	if (!cJSON_IsObject(p)) {
		import_reject(cx, pos, "a policy must be an object");
		return;
	}
	int bad = 0;
	const char *state = import_str(cx, p, "state", &bad);
	const char *name = import_str(cx, p, "displayName", &bad);
	const char *id = import_str(cx, p, "id", &bad);
	if (bad)
		return;
	if (!state) {
		import_reject(cx, pos, "the policy has no state");
		return;
	}
	int enabled = strcasecmp(state, "enabled") == 0;
	int report_only = strcasecmp(state, "enabledForReportingButNotEnforced") == 0;
	if (!enabled && !report_only && strcasecmp(state, "disabled") != 0) {
		import_reject(cx, import_pos(cx, import_get(cx, p, "state")), "state must be enabled, "
			      "disabled or enabledForReportingButNotEnforced, not \"%s\"", state);
		return;
	}
	const cJSON *cond = sub(cx, p, "conditions");
	const cJSON *users = sub(cx, cond, "users"), *apps = sub(cx, cond, "applications");
	const cJSON *grant = sub(cx, p, "grantControls");
	const cJSON *builtin = list(cx, grant, "builtInControls");
	int all_users = json_array_has(list(cx, users, "includeUsers"), "All");
	int all_apps = json_array_has(list(cx, apps, "includeApplications"), "All");
	int mfa = json_array_has(builtin, "mfa") || sub(cx, grant, "authenticationStrength");
	const cJSON *clients = list(cx, cond, "clientAppTypes");
	int legacy = json_array_has(clients, "exchangeActiveSync") && json_array_has(clients, "other");
	int block = json_array_has(builtin, "block");
	int device = json_array_has(builtin, "compliantDevice") ||
		     json_array_has(builtin, "domainJoinedDevice");
	const cJSON *srisk = list(cx, cond, "signInRiskLevels"), *urisk = list(cx, cond, "userRiskLevels");
	int risk = (srisk && cJSON_GetArraySize(srisk)) || (urisk && cJSON_GetArraySize(urisk));
	int meets[F_COUNT] = {
		[F_MFA] = all_users && all_apps && mfa, [F_ENFORCED] = 1,
		[F_LEGACY] = legacy && block && all_users, [F_DEVICE] = device, [F_RISK] = risk,
	};
	const char *label = name && name[0] ? name : id ? id : "(unnamed policy)";
	for (int f = 0; f < F_COUNT; f++) {
		if (!meets[f])
			continue;
		if (enabled)
			met_by(&fs[f], label, pos);
		else if (report_only)
			fs[f].report_only++;
	}
	if (enabled)
		cx->st->mapped++;
	else
		cx->st->ignored++;
}

void graph_ca_read(struct import_ctx *cx)
{
	struct record_list recs;
	if (records_collect(cx, "value", is_ca_policy, &recs) < 0)
		return;
	struct fact_state fs[F_COUNT] = { 0 };
	for (size_t i = 0; i < recs.n; i++) {
		cx->st->read++;
		read_policy(cx, records_at(&recs, i), fs);
	}
	const cJSON *value = json_get_ci(cx->in->doc.root, "value");
	struct srcpos top = import_pos(cx, cJSON_IsArray(value) ? value : cx->in->doc.root);
	records_release(&recs);
	if (!import_single_tenant(cx)) {
		char *why = import_no_tenant_reason(cx);
		diag_error_at(cx->d, top, "Conditional Access policies do not name their tenant, and %s",
			      why);
		free(why);
		for (int f = 0; f < F_COUNT; f++)
			free(fs[f].by);
		return;
	}
	for (int f = 0; f < F_COUNT; f++) {
		char *status;
		if (fs[f].met)
			status = fs[f].nby > 3 ? xasprintf("met by %s and %zu more", fs[f].by, fs[f].nby - 3)
					       : xasprintf("met by %s", fs[f].by);
		else if (fs[f].report_only)
			status = xasprintf("not met: %d polic%s would meet it but %s in report-only mode",
					   fs[f].report_only, fs[f].report_only == 1 ? "y" : "ies",
					   fs[f].report_only == 1 ? "is" : "are");
		else
			status = xstrdup("not met by any enabled policy");
		struct import_obs o = {
			.source = "graph", .ident = facts[f].id, .label = facts[f].title,
			.result = fs[f].met ? RESULT_PASS : RESULT_FAIL, .status = status,
			.collected_by = "Microsoft Graph: Conditional Access policies",
			.pos = fs[f].met ? fs[f].pos : top, .derived = 1,
		};
		import_observe(cx, &o);
		free(status);
		free(fs[f].by);
	}
}

/* ---- Secure Score -------------------------------------------------------------------- */

int graph_score_detect(const struct input_text *in)
{
	if (!in->parsed)
		return 0;
	const cJSON *ctx = json_get_ci(in->doc.root, "@odata.context");
	if (cJSON_IsString(ctx) && strstr(ctx->valuestring, "secureScores"))
		return 2;
	const cJSON *first = cJSON_IsObject(in->doc.root) && json_get_ci(in->doc.root, "controlScores")
			     ? in->doc.root : json_first_record(in->doc.root, "value");
	return first && json_get_ci(first, "controlScores") ? 2 : 0;
}

/* The newest snapshot of a list (by createdDateTime), or the object itself. */
static const cJSON *newest(struct import_ctx *cx, const cJSON *root)
{
	if (cJSON_IsObject(root) && json_get_ci(root, "controlScores"))
		return root;
	const cJSON *arr = import_records(cx, "value");
	const cJSON *best = NULL, *item;
	const char *best_at = NULL;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item))
			continue;
		const char *at = import_str(cx, item, "createdDateTime", NULL);
		if (!best || (at && (!best_at || strcmp(at, best_at) > 0))) {
			best = item;
			best_at = at;
		}
	}
	return best;
}

void graph_score_read(struct import_ctx *cx)
{
	const cJSON *snap = newest(cx, cx->in->doc.root);
	if (!snap) {
		if (cJSON_IsArray(cx->in->doc.root) || json_get_ci(cx->in->doc.root, "value"))
			diag_warn_at(cx->d, import_pos(cx, cx->in->doc.root), "the export holds no "
				     "Secure Score snapshot");
		return;
	}
	struct srcpos pos = import_pos(cx, snap);
	const char *created = import_str(cx, snap, "createdDateTime", NULL);
	const char *tenant = import_str(cx, snap, "azureTenantId", NULL);
	const cJSON *scores = import_arr(cx, snap, "controlScores", NULL);
	const cJSON *cur = import_get(cx, snap, "currentScore"), *max = import_get(cx, snap, "maxScore");
	const char *t = import_pick_tenant(cx, &tenant, 1);
	if (t && t == tenant) {
		/* An id no SaaS services file names: with one tenant in the run, it is that one. */
		const char *only = import_single_tenant(cx);
		if (only) {
			diag_warn_at(cx->d, pos, "azureTenantId %s is not named by a SaaS services file "
				     "(tenant_id): taken to be the run's only tenant, %s", tenant, only);
			t = only;
		}
	}
	struct import_obs base = {
		.source = "secure-score", .tenant = t,
		.collected_by = "Microsoft Graph: Secure Score", .pos = pos,
	};
	if (created && import_time(cx, created, pos, &base.when) == 0)
		base.has_time = 1;
	else if (created)
		diag_warn_at(cx->d, pos, "createdDateTime \"%s\" is not a time: ignored", created);
	struct import_obs o = base;
	char *status = cJSON_IsNumber(cur) && cJSON_IsNumber(max) && max->valuedouble > 0
		       ? xasprintf("%.0f of %.0f points (%.0f%%)", cur->valuedouble, max->valuedouble,
				   100.0 * cur->valuedouble / max->valuedouble)
		       : xstrdup("score recorded");
	o.ident = "(overall)";
	o.label = "Secure Score tracked";
	o.result = RESULT_PASS;
	o.status = status;
	o.derived = 1;
	import_observe(cx, &o);
	free(status);
	const cJSON *c;
	cJSON_ArrayForEach(c, scores) {
		cx->st->read++;
		struct srcpos cpos = import_pos(cx, c);
		if (!cJSON_IsObject(c)) {
			import_reject(cx, cpos, "a control score must be an object");
			continue;
		}
		int cbad = 0;
		const char *name = import_str(cx, c, "controlName", &cbad);
		const cJSON *pct = import_get(cx, c, "scoreInPercentage");
		if (cbad)
			continue;
		if (!name || !name[0]) {
			import_reject(cx, cpos, "the control score has no controlName");
			continue;
		}
		if (!cJSON_IsNumber(pct)) {
			import_warn_once(cx, "no-percentage", cpos, "control scores without "
					 "scoreInPercentage cannot tell full from partial credit: they "
					 "give no evidence");
			cx->st->ignored++;
			continue;
		}
		char *st = xasprintf("%.0f%%", pct->valuedouble);
		o = base;
		o.ident = name;
		o.pos = cpos;
		o.result = pct->valuedouble >= 100.0 ? RESULT_PASS : RESULT_FAIL;
		o.status = st;
		import_observe(cx, &o);
		free(st);
	}
}
