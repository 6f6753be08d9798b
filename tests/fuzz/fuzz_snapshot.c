/*
 * fuzz_snapshot.c - libFuzzer harness for the reading of assessment XML
 * reports by `srmap diff` and `srmap assess --baseline` (drift.h).
 *
 * Reads the input as `srmap assess --baseline FILE` and `srmap diff` read a
 * report: written to a scratch file and parsed by template_read_xml (no
 * network, no entity substitution, no DTD loading, a document with a DTD
 * refused, each refusal an error); then builds a snapshot with snapshot_from_xml,
 * compares it with an empty snapshot both ways and with itself (nothing may
 * be added or removed), and prints the drift as text and JSON to /dev/null.
 * Build and run with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/assess/drift.h"
#include "srmap/write/template.h"

#include <limits.h>
#include <libxml/parser.h>

static FILE *devnull;
static struct snapshot empty;    /* of "<assessment/>" */

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	static const char bare[] = "<assessment/>";
	xmlDocPtr doc = xmlReadMemory(bare, (int)sizeof bare - 1, "empty.xml", NULL, XML_PARSE_NONET);
	struct diag_list d;
	diag_init(&d, stderr);
	if (!doc || snapshot_from_xml(&empty, doc, "empty.xml", &d) < 0)
		abort();
	xmlFreeDoc(doc);
	diag_release(&d);
	fuzz_tmp_open("snapshot");
	return 0;
}

static void diff(const struct snapshot *old, const struct snapshot *now)
{
	struct drift dr;
	drift_compute(&dr, old, now);
	drift_print_text(&dr, devnull);
	drift_print_json(&dr, devnull);
	drift_any(&dr);
	drift_release(&dr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d;
	diag_init(&d, NULL);
	xmlDocPtr doc = template_read_xml(fuzz_tmp_write(data, size), &d);
	if (!doc) {
		FUZZ_CHECK(d.errors > 0);
		diag_release(&d);
		return 0;
	}
	struct snapshot s;
	if (snapshot_from_xml(&s, doc, "fuzz.xml", &d) == 0) {
		for (int i = 0; i < SNAP_SCORES; i++)
			FUZZ_CHECK(s.score[i] >= -1 && s.score[i] <= 1000);
		diff(&empty, &s);
		diff(&s, &empty);
		struct drift self;
		drift_compute(&self, &s, &s);
		FUZZ_CHECK(!self.nadded && !self.nresolved && !self.nwl_added && !self.nwl_removed);
		drift_release(&self);
		diff(&s, &s);
	} else {
		FUZZ_CHECK(d.errors > 0);
	}
	snapshot_release(&s);
	xmlFreeDoc(doc);
	diag_release(&d);
	return 0;
}
