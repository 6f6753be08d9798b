/*
 * fuzz_profile.c - libFuzzer harness for the engagement profile reader
 * (profile.h).
 *
 * Parses the input with jsondoc_parse and reads it over the defaults with
 * profile_read_json, as `srmap assess --profile` does; then checks that the
 * profile holds what the rest of srmap relies on (named client, assessor
 * and marking, at least one framework, attestations with their fields) and
 * asks profile_has_attestation about every kind.  Build and run with
 * `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/base/jsondoc.h"
#include "srmap/model/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = { "soc2-type2", "fedramp-p-ato", "iso27001",
					     "hipaa-baa", "other", "", NULL };
	struct diag_list d;
	diag_init(&d, NULL);
	struct jsondoc doc;
	if (jsondoc_parse(&doc, "fuzz/profile.json", (const char *)data, size, &d) == 0) {
		struct profile p;
		profile_defaults(&p, 1795132800);
		int rc = profile_read_json(&p, &doc, "fuzz/profile.json", &d);
		FUZZ_CHECK(rc == 0 || d.errors > 0);
		FUZZ_CHECK(p.client && p.assessor && p.marking);
		if (rc == 0) {
			FUZZ_CHECK(p.frameworks != 0);
			FUZZ_CHECK(p.max_age_days >= 1 && p.max_age_days <= 36500);
		}
		for (size_t i = 0; i < p.nattestations; i++) {
			const struct attestation *a = &p.attestations[i];
			FUZZ_CHECK(a->id && a->kind && a->title && a->covers);
			FUZZ_CHECK(a->covers[a->ncovers] == NULL);
		}
		for (size_t k = 0; kinds[k]; k++)
			profile_has_attestation(&p, kinds[k]);
		profile_release(&p);
	}
	jsondoc_release(&doc);
	diag_release(&d);
	return 0;
}
