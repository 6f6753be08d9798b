/*
 * fuzz_inventory.c - libFuzzer harness for the inventory readers.
 *
 * Each input is read three ways: parsed with jsondoc_parse and given to
 * inventory_read_json (srmap's own inventory JSON); then, through the
 * reader table (reader.h), as an inventory file whose format is detected
 * from its content - srmap JSON, an Azure resource list or Resource Graph
 * result, a CSV, a SaaS services list - read twice into the same inventory
 * so that the second pass merges every workload into the first; as a file
 * of either role, as `srmap validate` reads it; and as "FORMAT:path" with
 * one inventory format picked by the input, whatever the content.  reader_read_file only
 * reads files, so the input is written to a scratch file first (unlinked,
 * in /dev/shm when it exists).  The shipped catalog is loaded once.  Build
 * and run with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/read/evidence.h"
#include "srmap/read/inventory.h"
#include "srmap/base/jsondoc.h"
#include "srmap/read/reader.h"

static struct catalog cat;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_catalog(&cat);
	fuzz_tmp_open("inventory");
	return 0;
}

static void check_inventory(const struct inventory *inv)
{
	for (size_t i = 0; i < inv->n; i++) {
		const struct workload *w = &inv->items[i];
		FUZZ_CHECK(w->id && w->name && w->type);
		FUZZ_CHECK(inventory_find(inv, w->id) == w);
	}
}

static void read_as(const char *path, enum reader_role role, int twice)
{
	struct diag_list d;
	diag_init(&d, NULL);
	struct inventory inv;
	struct evidence_set ev;
	inventory_init(&inv);
	evidence_init(&ev);
	struct import_env env;
	import_env_init(&env, &cat, &inv, &ev, 1795132800);
	for (int pass = 0; pass < 1 + twice; pass++) {
		struct reader_stats st;
		reader_stats_init(&st);
		reader_read_file(&env, path, role, NULL, &st, &d);
		reader_stats_release(&st);
	}
	import_finish_inventory(&env);
	check_inventory(&inv);
	import_env_release(&env);
	evidence_release(&ev);
	inventory_release(&inv);
	diag_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	if (jsondoc_parse(&doc, "fuzz-inventory.json", (const char *)data, size, &d) == 0) {
		struct inventory inv;
		inventory_init(&inv);
		int n = inventory_read_json(&inv, &doc, "fuzz-inventory.json", &d);
		FUZZ_CHECK(n < 0 ? d.errors > 0 : (size_t)n == inv.n);
		check_inventory(&inv);
		inventory_release(&inv);
	}
	jsondoc_release(&doc);
	diag_release(&d);

	const char *path = fuzz_tmp_write(data, size);
	read_as(path, READER_INVENTORY, 1);
	read_as(path, READER_ROLE_COUNT, 0);
	char arg[300];
	read_as(fuzz_forced_arg(arg, sizeof arg, data, size, path, READER_INVENTORY), READER_INVENTORY, 0);
	return 0;
}
