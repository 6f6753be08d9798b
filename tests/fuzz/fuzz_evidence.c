/*
 * fuzz_evidence.c - libFuzzer harness for the evidence readers.
 *
 * Each input is parsed with jsondoc_parse and given to evidence_read_json
 * (srmap's own evidence JSON); then it goes through the reader table
 * (reader.h) as an evidence file whose format is detected from its content
 * - srmap JSON, Defender for Cloud assessments, Azure Policy states, Prowler
 * OCSF, Graph Conditional Access or Secure Score - with evidence matched
 * against an inventory (as `srmap assess` reads it), as a file of either
 * role without matching (as `srmap validate` reads it), and as
 * "FORMAT:path" with one evidence format picked by the input.  reader_read_file
 * only reads files, so the input is written to a scratch file first
 * (unlinked, in /dev/shm when it exists).  The shipped catalog and the
 * inventory of samples/azure and tests/readers (one tenant) are loaded
 * once; the readers only look the inventory up.  Build and run with
 * `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/read/evidence.h"
#include "srmap/read/inventory.h"
#include "srmap/base/jsondoc.h"
#include "srmap/read/reader.h"

static struct catalog cat;
static struct inventory inv;
static struct evidence_set no_evidence;
static struct import_env env;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const inputs[] = {
		"samples/azure/m365-services.json", "samples/azure/resources.json",
		"samples/azure/resource-graph.json", "samples/azure/cmdb.csv",
		"tests/readers/saas-services.json", "tests/readers/azure-resource-list.json",
		"tests/readers/azure-resource-graph.json", "tests/readers/inventory.csv", NULL
	};
	(void)argc;
	(void)argv;
	fuzz_load_catalog(&cat);
	inventory_init(&inv);
	evidence_init(&no_evidence);
	import_env_init(&env, &cat, &inv, &no_evidence, 1795132800);
	struct diag_list d;
	diag_init(&d, NULL);
	for (size_t i = 0; inputs[i]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", FUZZ_TOP, inputs[i]);
		struct reader_stats st;
		reader_stats_init(&st);
		reader_read_file(&env, path, READER_INVENTORY, NULL, &st, &d);
		reader_stats_release(&st);
	}
	import_finish_inventory(&env);
	diag_release(&d);
	if (inv.n == 0) {
		fprintf(stderr, "fuzz: the sample inventory did not load (FUZZ_TOP=%s)\n", FUZZ_TOP);
		abort();
	}
	fuzz_tmp_open("evidence");
	return 0;
}

static void check_evidence(const struct evidence_set *ev)
{
	for (size_t i = 0; i < ev->n; i++) {
		const struct evidence *e = &ev->items[i];
		FUZZ_CHECK(e->id && e->control && e->scope_id);
		FUZZ_CHECK(e->scope < SCOPE_COUNT);
		FUZZ_CHECK(evidence_find(ev, e->id) == e);
	}
}

/* Reads path in role through e, into a new evidence set. */
static void read_as(struct import_env *e, const char *path, enum reader_role role)
{
	struct diag_list d;
	diag_init(&d, NULL);
	struct evidence_set ev;
	evidence_init(&ev);
	struct evidence_set *was = e->ev;
	e->ev = &ev;
	struct reader_stats st;
	reader_stats_init(&st);
	reader_read_file(e, path, role, NULL, &st, &d);
	FUZZ_CHECK(st.added == 0 || st.format != NULL);
	reader_stats_release(&st);
	check_evidence(&ev);
	e->ev = was;
	evidence_release(&ev);
	diag_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	if (jsondoc_parse(&doc, "fuzz/evidence.json", (const char *)data, size, &d) == 0) {
		struct evidence_set ev;
		evidence_init(&ev);
		int n = evidence_read_json(&ev, &doc, "fuzz/evidence.json", &d);
		FUZZ_CHECK(n < 0 ? d.errors > 0 : (size_t)n == ev.n);
		check_evidence(&ev);
		evidence_release(&ev);
	}
	jsondoc_release(&doc);
	diag_release(&d);

	const char *path = fuzz_tmp_write(data, size);
	/* As `srmap assess` reads it: matched against the shared inventory. */
	read_as(&env, path, READER_EVIDENCE);
	/* As `srmap validate` reads it alone: any role, nothing to match, nothing shared. */
	struct inventory own;
	struct import_env alone;
	inventory_init(&own);
	import_env_init(&alone, &cat, &own, &no_evidence, 1795132800);
	alone.match_resources = 0;
	read_as(&alone, path, READER_ROLE_COUNT);
	/* As "FORMAT:path", one evidence format picked by the input, whatever the content. */
	char arg[300];
	read_as(&env, fuzz_forced_arg(arg, sizeof arg, data, size, path, READER_EVIDENCE), READER_EVIDENCE);
	import_env_release(&alone);
	inventory_release(&own);
	return 0;
}
