/*
 * evidence_maester.c - reads Maester's test results (TestResults-*.json,
 * written by Invoke-Maester): Pester tests of one Microsoft 365 tenant's
 * configuration, from Maester's own suite, EIDSCA, CISA SCuBA, CIS, ORCA
 * and Azure DevOps.
 *
 *   { "TenantId": "...", "TenantName": "...", "ExecutedAt": "...",
 *     "Tests": [ { "Id": "MT.1001", "Name": "MT.1001: At least one Conditional Access
 *                  policy is configured with device compliance.", "Result": "Passed",
 *                  "Tag": ["Maester", "MT.1001"], "Block": "...", ... } ] }
 *
 * A test's id is its "Id", else the part of "Name" before the first ": ";
 * a Maester test run once per item (MT.1024.<item>) is mapped by its base id.
 * Every test is tenant-wide evidence.  Passed is a pass and Failed a
 * failure; Skipped, NotRun and Investigate (no verdict) give no evidence;
 * Error is a record that could not be read.
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

int maester_detect(const struct input_text *in)
{
	const cJSON *root = in->parsed ? in->doc.root : NULL;
	if (!cJSON_IsObject(root) || !cJSON_IsArray(json_get_ci(root, "Tests")))
		return 0;
	const cJSON *first = json_first_record(root, "Tests");
	int tests = first && json_get_ci(first, "Name") && json_get_ci(first, "Result");
	int tenant = json_get_ci(root, "TenantId") || json_get_ci(root, "ExecutedAt") ||
		     json_get_ci(root, "CurrentVersion");
	return tests && tenant ? 2 : 0;
}

/* The test's id: "Id", else "Name" up to ": " (copied; caller frees), or NULL. */
static char *test_id(struct import_ctx *cx, const cJSON *t, int *bad)
{
	const char *id = import_str(cx, t, "Id", bad);
	if (id && id[0])
		return xstrdup(id);
	const char *name = import_str(cx, t, "Name", bad);
	const char *colon = name ? strstr(name, ": ") : NULL;
	if (!colon || colon == name)
		return NULL;
	return xstrndup(name, (size_t)(colon - name));
}

static void read_test(struct import_ctx *cx, const cJSON *t, const struct import_obs *base)
{
	cx->st->read++;
	struct srcpos pos = import_pos(cx, t);
	if (!cJSON_IsObject(t)) {
		import_reject(cx, pos, "a test must be an object");
		return;
	}
	int bad = 0;
	const char *word = import_str(cx, t, "Result", &bad);
	char *id = test_id(cx, t, &bad);
	if (bad || !id || !word) {
		if (!bad)
			import_reject(cx, pos, "the test has no %s", !word ? "\"Result\"" :
				      "\"Id\" (nor a \"Name\" that starts with one)");
		free(id);
		return;
	}
	struct import_obs o = *base;
	if (!strcasecmp(word, "Passed")) {
		o.result = RESULT_PASS;
	} else if (!strcasecmp(word, "Failed")) {
		o.result = RESULT_FAIL;
	} else if (!strcasecmp(word, "Skipped") || !strcasecmp(word, "NotRun") ||
		   !strcasecmp(word, "Investigate")) {
		cx->st->ignored++;
		free(id);
		return;
	} else {
		import_reject(cx, pos, "Result must be Passed, Failed, Skipped, NotRun or Investigate, "
			      "not \"%s\"", word);
		free(id);
		return;
	}
	/* Tests that run once per item (MT.1024.<recommendation>) are mapped by their base id. */
	char *base_id = NULL;
	const char *dot = strchr(id, '.');
	dot = dot ? strchr(dot + 1, '.') : NULL;
	if (dot && strncmp(id, "MT.", 3) == 0)
		base_id = xstrndup(id, (size_t)(dot - id));
	o.ident = id;
	o.ident2 = base_id;
	o.status = word;
	o.pos = pos;
	import_observe(cx, &o);
	free(base_id);
	free(id);
}

void maester_read(struct import_ctx *cx)
{
	const cJSON *root = cx->in->doc.root;
	const cJSON *tests = import_records(cx, "Tests");
	if (!tests)
		return;
	const char *names[2] = { import_str(cx, root, "TenantName", NULL),
				 import_str(cx, root, "TenantId", NULL) };
	const char *version = import_str(cx, root, "CurrentVersion", NULL);
	const char *at = import_str(cx, root, "ExecutedAt", NULL);
	char *by = version ? xasprintf("Maester %s", version) : xstrdup("Maester");
	struct import_obs base = {
		.source = "maester", .tenant = import_pick_tenant(cx, names, 2),
		.collected_by = by, .pos = import_pos(cx, root),
	};
	if (at && import_time_of(cx, json_get_ci(root, "ExecutedAt"), &base.when) == 0)
		base.has_time = 1;
	const cJSON *t;
	cJSON_ArrayForEach(t, tests)
		read_test(cx, t, &base);
	free(by);
}
