/*
 * shape_hint.c - owns what srmap says about a file it does not read: the
 * table of JSON shapes other tools write that are not srmap's inputs
 * (Defender alerts, secure scores, policy definitions, sign-in logs, ...),
 * each with its test and its message, and the "closest reader" guess for
 * JSON that matches nothing, from the keys each reader expects; text files
 * are shape_text.c's.  docs/formats.md ("Telling formats apart") lists the
 * shapes; each follows the tool's own output (Prowler's v3 JSON model and
 * asff.py, the Microsoft.Security and Microsoft.Authorization REST
 * resource types, Microsoft Graph's signIn, directoryAudit, user and group
 * resources, the Activity log's eventData and Log Analytics results).
 */
#include "shape_hint.h"
#include "import_field.h"
#include "records.h"
#include "shape_text.h"
#include "srmap/base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What the tests look at. */
struct view {
	const cJSON *root;         /* the parsed document */
	const cJSON *first;        /* its first record, or the root object itself */
};

/* ---- JSON ------------------------------------------------------------------------ */

/* The value at a dotted path ("properties.status.code") of obj, keys in any letter case. */
static const cJSON *at(const cJSON *obj, const char *path)
{
	char key[64];
	while (obj && *path) {
		size_t k = strcspn(path, ".");
		if (k >= sizeof key)
			return NULL;
		memcpy(key, path, k);
		key[k] = '\0';
		obj = json_get_ci(obj, key);
		path += k + (path[k] == '.');
	}
	return obj;
}

static int first_has(const struct view *v, const char *path)
{
	return at(v->first, path) != NULL;
}

static int str_is(const cJSON *s, const char *value)
{
	return cJSON_IsString(s) && strcasecmp(s->valuestring, value) == 0;
}

static int odata_names(const struct view *v, const char *part)
{
	const cJSON *ctx = cJSON_IsObject(v->root) ? json_get_ci(v->root, "@odata.context") : NULL;
	return cJSON_IsString(ctx) && strstr(ctx->valuestring, part) != NULL;
}

/* Whether rec's type starts with prefix (whole when exact), in any letter case. */
static int type_is(const cJSON *rec, const char *prefix, int exact)
{
	const cJSON *t = json_get_ci(rec, "type");
	size_t m = strlen(prefix);
	return cJSON_IsString(t) && strncasecmp(t->valuestring, prefix, m) == 0 &&
	       (!exact || t->valuestring[m] == '\0');
}

static int type_matches(const cJSON *rec, const char *prefixes)
{
	for (const char *p = prefixes; *p; ) {
		int exact = *p == '=';
		p += exact;
		size_t k = strcspn(p, " ");
		char prefix[96];
		if (k < sizeof prefix) {
			memcpy(prefix, p, k);
			prefix[k] = '\0';
			if (type_is(rec, prefix, exact))
				return 1;
		}
		p += k + (p[k] == ' ');
	}
	return 0;
}

/*
 * Whether every record of root (a bare array, the "value" or "data" of an
 * envelope, an array of such pages, or one object) has a type starting
 * with one of the prefixes (space-separated; "=" before one: exactly).
 * Every record, not the first only: these shapes take a file from the
 * resource-list readers, which must keep any file holding real resources.
 */
static int every_type(const cJSON *root, const char *prefixes)
{
	const cJSON *list = root;
	if (cJSON_IsObject(root)) {
		list = json_get_ci(root, "value");
		if (!cJSON_IsArray(list))
			list = json_get_ci(root, "data");
		if (!cJSON_IsArray(list))
			return type_matches(root, prefixes);      /* one record alone */
	}
	if (!cJSON_IsArray(list))
		return 0;
	size_t seen = 0;
	for (const cJSON *rec = list->child; rec; rec = rec->next) {
		const cJSON *page = json_get_ci(rec, "value");
		const cJSON *r = cJSON_IsArray(page) ? page->child : rec;
		for (; r; r = cJSON_IsArray(page) ? r->next : NULL, seen++)
			if (!type_matches(r, prefixes))
				return 0;
	}
	return seen > 0;
}

#define NO_DETAIL (void)detail, (void)n

static int t_alerts_typed(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return every_type(v->root, "=Microsoft.Security/locations/alerts =Microsoft.Security/alerts");
}

/* Alerts as the REST API (properties.*), the CLI, Log Analytics (SecurityAlert) or Graph write them. */
static int t_alerts(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return odata_names(v, "security/alerts") || first_has(v, "properties.alertDisplayName") ||
	       first_has(v, "properties.alertType") || first_has(v, "alertDisplayName") ||
	       (first_has(v, "AlertName") && first_has(v, "AlertSeverity")) ||
	       first_has(v, "alertWebUrl") || first_has(v, "vendorInformation");
}

static int t_secure_score(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return every_type(v->root, "Microsoft.Security/secureScore");
}

static int t_regulatory(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return every_type(v->root, "Microsoft.Security/regulatoryCompliance");
}

static int t_subassessments(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return every_type(v->root, "=Microsoft.Security/assessments/subAssessments");
}

static int t_policy_definitions(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return every_type(v->root, "=Microsoft.Authorization/policyDefinitions "
				   "=Microsoft.Authorization/policySetDefinitions") ||
	       first_has(v, "policyRule") || first_has(v, "properties.policyRule") ||
	       (first_has(v, "policyDefinitions") && !first_has(v, "complianceState"));
}

static int t_policy_assignments(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return every_type(v->root, "=Microsoft.Authorization/policyAssignments "
				   "=Microsoft.Authorization/policyExemptions") ||
	       (!first_has(v, "complianceState") && first_has(v, "policyDefinitionId") &&
		(first_has(v, "enforcementMode") || first_has(v, "scope")));
}

static int t_prowler_v3(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return first_has(v, "CheckID") && first_has(v, "Status") &&
	       (first_has(v, "FindingUniqueId") || first_has(v, "AssessmentStartTime") ||
		first_has(v, "ServiceName"));
}

static const cJSON *asff_first(const struct view *v)
{
	const cJSON *f = cJSON_IsObject(v->root) ? json_first_record(v->root, "Findings") : NULL;
	f = f ? f : v->first;
	return at(f, "SchemaVersion") && at(f, "ProductArn") ? f : NULL;
}

static int t_prowler_asff(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	const cJSON *f = asff_first(v);
	const cJSON *gen = at(f, "GeneratorId");
	return f && (str_is(at(f, "ProductFields.ProviderName"), "Prowler") ||
		     (cJSON_IsString(gen) && strncasecmp(gen->valuestring, "prowler-", 8) == 0));
}

static int t_asff(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return asff_first(v) != NULL;
}

/* `az monitor activity-log list` and the REST API's eventData. */
static int t_activity_log(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return first_has(v, "eventDataId") ||
	       (first_has(v, "operationName") && first_has(v, "eventTimestamp"));
}

/* The REST API's {"tables": [{"name", "columns", "rows"}]}, or the CLI's rows (TableName). */
static int t_log_analytics(const struct view *v, char *detail, size_t n)
{
	const cJSON *table = cJSON_IsObject(v->root) ? json_first_record(v->root, "tables") : NULL;
	if (table && json_get_ci(table, "columns") && json_get_ci(table, "rows"))
		return 1;
	if (!first_has(v, "TableName"))
		return 0;
	const cJSON *type = at(v->first, "Type");
	if (cJSON_IsString(type))
		snprintf(detail, n, " (table %s)", type->valuestring);
	return 1;
}

static int t_signins(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return odata_names(v, "auditLogs/signIns") ||
	       (first_has(v, "userPrincipalName") && first_has(v, "createdDateTime") &&
		(first_has(v, "conditionalAccessStatus") || first_has(v, "clientAppUsed") ||
		 first_has(v, "appliedConditionalAccessPolicies")));
}

static int t_audits(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return odata_names(v, "auditLogs/directoryAudits") ||
	       (first_has(v, "activityDisplayName") &&
		(first_has(v, "loggedByService") || first_has(v, "targetResources")));
}

static int t_users(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return odata_names(v, "#users") || first_has(v, "userPrincipalName");
}

static int t_groups(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return odata_names(v, "#groups") ||
	       (first_has(v, "securityEnabled") && first_has(v, "mailEnabled"));
}

static int t_empty_object(const struct view *v, char *detail, size_t n)
{
	NO_DETAIL;
	return cJSON_IsObject(v->root) && !v->root->child;
}

/* ---- the table ------------------------------------------------------------------- */

struct shape {
	/* Handlers this shape takes a file from, space-separated (NULL: only an undetected file):
	   the generic ones that accept anything of the kind, never a specific reader. */
	const char *over;
	int (*test)(const struct view *v, char *detail, size_t n);
	const char *message;       /* "%s", once at most, is replaced by the test's detail */
};

#define LISTS "azure-resource-list azure-resource-graph"
#define IDENTITY "for identity evidence give the Conditional Access policies " \
	"(GET /identity/conditionalAccess/policies) or Secure Score (GET /security/secureScores)"
#define ALERTS "this looks like a Defender alerts export, not assessments: srmap reads the " \
	"recommendations' assessments (az security assessment list, or GET " \
	".../providers/Microsoft.Security/assessments); give those with --evidence"
#define POLICY_TAIL "not compliance states: export the states with az policy state list " \
	"and give them with --evidence"
#define PROWLER_DATA "run Prowler with -M csv or -M json-ocsf and give that with --evidence"

static const struct shape shapes[] = {
	{ LISTS, t_alerts_typed, ALERTS },
	{ LISTS, t_secure_score, "this is Defender for Cloud's secure score "
	  "(Microsoft.Security/secureScores and their controls), not assessments: give the "
	  "assessments the score is made of (az security assessment list) with --evidence, or "
	  "Microsoft Graph's Secure Score (GET /security/secureScores)" },
	{ LISTS, t_regulatory, "this is Defender for Cloud's regulatory compliance "
	  "(Microsoft.Security/regulatoryComplianceStandards and below), not assessments: give "
	  "the assessments behind it (az security assessment list) with --evidence; srmap maps "
	  "them to HIPAA, SOC 2 and FedRAMP itself" },
	{ LISTS " defender-assessments", t_subassessments, "this is a list of Defender "
	  "for Cloud sub-assessments (the findings under one recommendation), not assessments: "
	  "give the assessments (az security assessment list) with --evidence" },
	{ LISTS, t_policy_definitions, "this is a list of Azure Policy definitions, "
	  POLICY_TAIL },
	{ LISTS, t_policy_assignments, "this is a list of Azure Policy assignments, "
	  POLICY_TAIL },
	{ NULL, t_alerts, ALERTS },
	{ NULL, t_prowler_v3, "this is a Prowler JSON report in the format before "
	  "OCSF (prowler -M json, Prowler 3), which srmap does not read: " PROWLER_DATA },
	{ NULL, t_prowler_asff, "this is Prowler's AWS Security Finding Format report "
	  "(-M json-asff), which srmap does not read: " PROWLER_DATA },
	{ NULL, t_asff, "this is AWS Security Finding Format (ASFF, as Security Hub "
	  "exports findings), which srmap does not read: give Prowler's report (-M csv or -M "
	  "json-ocsf) with --evidence" },
	{ NULL, t_log_analytics, "this is a Log Analytics query result%s, which srmap "
	  "does not read: give Defender for Cloud assessments or Azure Policy states as the CLI "
	  "or the REST API exports them" },
	{ NULL, t_activity_log, "this is an Azure Activity log export, which srmap does "
	  "not read (logs record events, not the state of controls): give Defender for Cloud "
	  "assessments or Azure Policy states" },
	{ NULL, t_signins, "this is an Entra sign-in log (Microsoft Graph "
	  "auditLogs/signIns), which srmap does not read: " IDENTITY },
	{ NULL, t_audits, "this is an Entra audit log (Microsoft Graph "
	  "auditLogs/directoryAudits), which srmap does not read: " IDENTITY },
	{ NULL, t_users, "this is a Microsoft Graph list of users, which srmap does not "
	  "read: " IDENTITY },
	{ NULL, t_groups, "this is a Microsoft Graph list of groups, which srmap does "
	  "not read: " IDENTITY },
	{ NULL, t_empty_object, "this file holds an empty JSON object: there are no "
	  "records in it" },
};

/* ---- the closest reader ---------------------------------------------------------- */

/*
 * The keys each reader's detector needs of a record ("a|b": either), and
 * others its format has; for root readers, keys of the file's object.
 * From the detectors and docs/formats.md ("Telling formats apart").
 */
struct expectation {
	const char *format;
	int root;
	const char *needs;
	const char *has;
};

static const struct expectation expectations[] = {
	{ "defender-assessments", 0, "properties.status.code properties.resourceDetails",
	  "id name type properties.displayName" },
	{ "azure-policy-states", 0,
	  "complianceState|isCompliant policyDefinitionName|policyDefinitionId|policyAssignmentId",
	  "resourceId timestamp subscriptionId policyAssignmentName" },
	{ "prowler-ocsf", 0, "metadata.event_code status_code",
	  "finding_info resources cloud time_dt" },
	{ "azure-resource-list", 0, "id type name", "location resourceGroup subscriptionId tags" },
	{ "graph-conditional-access", 0, "grantControls|conditions",
	  "displayName state sessionControls" },
	{ "graph-secure-score", 0, "controlScores",
	  "azureTenantId createdDateTime currentScore maxScore" },
	{ "azure-account-list", 0, "id tenantId cloudName|homeTenantId|isDefault",
	  "name state user" },
	{ "saas-services", 1, "tenant services", "tenant_id subscriptions" },
	{ "scubagear", 1, "MetaData Results", "Summary MetaData.TenantId MetaData.Tool" },
	{ "maester", 1, "Tests TenantId|ExecutedAt|CurrentVersion", "Result TotalCount" },
};

/* A resemblance below this many keys is chance (id and name are everywhere). */
enum { CLOSE_ENOUGH = 3 };

struct keys {
	char text[400];
	size_t len;
	int n;
};

static void keys_add(struct keys *l, const char *sep, const char *k, size_t klen)
{
	const char *s = l->len ? sep : "";
	size_t need = strlen(s) + klen;
	if (l->len + need + 4 >= sizeof l->text) {
		if (!strstr(l->text, "..."))
			l->len += (size_t)snprintf(l->text + l->len, sizeof l->text - l->len, ", ...");
		return;
	}
	l->len += (size_t)snprintf(l->text + l->len, sizeof l->text - l->len, "%s%.*s", s,
				   (int)klen, k);
	l->n++;
}

/* Scores obj against e: the keys found (in the record's order), and those of needs it lacks. */
static int resemble(const cJSON *obj, const struct expectation *e, struct keys *found,
		    struct keys *lacking)
{
	char hits[16][96];
	int nhits = 0;
	const char *lists[2] = { e->needs, e->has };
	for (int l = 0; l < 2; l++)
		for (const char *p = lists[l]; *p; ) {
			size_t k = strcspn(p, " ");
			struct keys alts = { .len = 0 };
			int hit = 0;
			for (const char *alt = p; alt < p + k; ) {
				size_t a = strcspn(alt, "| ");
				char key[96];
				if (a >= sizeof key)
					return 0;
				memcpy(key, alt, a);
				key[a] = '\0';
				if (!hit && at(obj, key) && nhits < 16) {
					memcpy(hits[nhits++], key, a + 1);
					hit = 1;
				}
				keys_add(&alts, " or ", key, a);
				alt += a + (alt[a] == '|');
			}
			if (!hit && l == 0)
				keys_add(lacking, ", ", alts.text, alts.len);
			p += k + (p[k] == ' ');
		}
	for (const cJSON *c = obj->child; c; c = c->next)
		for (int i = 0; i < nhits; i++) {
			size_t m = strlen(c->string);
			if (strncasecmp(hits[i], c->string, m) == 0 &&
			    (hits[i][m] == '\0' || hits[i][m] == '.')) {
				keys_add(found, ", ", hits[i], strlen(hits[i]));
				hits[i][0] = '\0';      /* said once */
			}
		}
	return nhits;
}

static const char *title_of(const struct reader *table, const char *format)
{
	for (const struct reader *r = table; r && r->name; r++)
		if (strcmp(r->name, format) == 0)
			return r->title;
	return NULL;
}

static char *closest(const struct view *v, const struct reader *table)
{
	int best = 0;
	const struct expectation *pick = NULL;
	struct keys found, lacking;
	for (size_t i = 0; i < sizeof expectations / sizeof expectations[0]; i++) {
		const struct expectation *e = &expectations[i];
		const cJSON *obj = e->root ? (cJSON_IsObject(v->root) ? v->root : NULL) : v->first;
		struct keys f = { .len = 0 }, l = { .len = 0 };
		int score = obj ? resemble(obj, e, &f, &l) : 0;
		/* A reader whose keys are all there refused the file for another reason. */
		if (score > best && l.n && title_of(table, e->format)) {
			best = score;
			pick = e;
			found = f;
			lacking = l;
		}
	}
	if (!pick || best < CLOSE_ENOUGH)
		return NULL;
	int whole = pick->root || v->first == v->root;
	return xasprintf("this looks closest to %s, but %s %s %s (found: %s)",
			 title_of(table, pick->format), whole ? "it" : "its records",
			 whole ? "lacks" : "lack", lacking.text, found.text);
}

/* ---- entry ----------------------------------------------------------------------- */

/* Whether the over list (space-separated handler names) names name. */
static int listed(const char *over, const char *name)
{
	size_t m = strlen(name);
	for (const char *p = over; p && *p; ) {
		size_t k = strcspn(p, " ");
		if (k == m && strncmp(p, name, m) == 0)
			return 1;
		p += k + (p[k] == ' ');
	}
	return 0;
}

/* srmap's own JSON, broken: its reader says what is missing better than a guess. */
static int srmap_like(const cJSON *root)
{
	if (!cJSON_IsObject(root))
		return 0;
	if (cJSON_IsArray(json_get_ci(root, "workloads")) ||
	    cJSON_IsArray(json_get_ci(root, "evidence")))
		return 1;
	for (const cJSON *c = root->child; c; c = c->next)
		if (strncmp(c->string, "srmap_", 6) == 0)
			return 1;
	return 0;
}

char *shape_hint(const struct input_text *in, const struct reader *detected,
		 const struct reader *table)
{
	if (detected && strcmp(detected->name, "srmap-json") == 0)
		return NULL;
	if (!in->parsed)   /* text: the CSV reader takes anything else that is not JSON */
		return !detected || strcmp(detected->name, "csv") == 0 ? shape_text_hint(in) : NULL;
	struct view v = { in->doc.root, records_first(in->doc.root, "value") };
	if (!v.first && cJSON_IsObject(v.root))
		v.first = v.root;
	if (srmap_like(v.root))
		return NULL;
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		const struct shape *s = &shapes[i];
		char detail[96] = "";
		if ((detected && !listed(s->over, detected->name)) || !s->test(&v, detail, sizeof detail))
			continue;
		const char *mark = strstr(s->message, "%s");
		return mark ? xasprintf("%.*s%s%s", (int)(mark - s->message), s->message, detail,
					mark + 2)
			    : xstrdup(s->message);
	}
	return detected ? NULL : closest(&v, table);
}

char *shape_record_keys(const struct input_text *in)
{
	const cJSON *first = in->parsed ? records_first(in->doc.root, "value") : NULL;
	if (!first || !first->child)
		return NULL;
	struct keys k = { .len = 0 };
	for (const cJSON *c = first->child; c; c = c->next)
		keys_add(&k, ", ", c->string, strlen(c->string));
	return xasprintf("its first record has %s", k.text);
}
