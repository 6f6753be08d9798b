/*
 * fuzz_catalog.c - libFuzzer harness for a user's catalog file, as given
 * with `srmap assess --catalog FILE` (catalog.h): layers and responsibility
 * cells, resource types, controls, framework requirements, baselines and
 * mappings, merged over the shipped catalog and then checked as a whole.
 *
 * catalog_load only reads files, so the input is written to an unlinked
 * scratch file and loaded over a small catalog cut from the shipped one
 * (tests/fuzz/catalog-base/: every kind of entry, a few of each, so that a
 * run parses kilobytes rather than the shipped catalog's 170 KB).
 * A catalog that loads must hold what lookups rely on: every control's
 * layer exists and every index finds its entry.  Build and run with
 * `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"

#define BASE_MANIFEST FUZZ_TOP "/tests/fuzz/catalog-base/catalog/catalog.json"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmp_open("catalog");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *user = fuzz_tmp_write(data, size);
	struct diag_list d;
	diag_init(&d, NULL);
	struct catalog cat;
	int rc = catalog_load(&cat, BASE_MANIFEST, &user, 1, &d);
	if (rc == 0) {
		for (size_t i = 0; i < cat.ncontrols; i++) {
			const struct control *c = &cat.controls[i];
			FUZZ_CHECK(c->layer < cat.nlayers);
			FUZZ_CHECK(catalog_control(&cat, c->id) == c);
		}
		for (size_t i = 0; i < cat.nlayers; i++)
			FUZZ_CHECK(catalog_layer(&cat, cat.layers[i].id) == &cat.layers[i]);
		for (size_t i = 0; i < cat.ntypes; i++)
			FUZZ_CHECK(catalog_type(&cat, cat.types[i].type) != NULL);
	} else {
		FUZZ_CHECK(d.errors > 0);
	}
	catalog_release(&cat);
	diag_release(&d);
	return 0;
}
