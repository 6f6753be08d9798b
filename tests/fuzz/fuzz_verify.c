/*
 * fuzz_verify.c - libFuzzer harness for `srmap verify` (verify.h): a report
 * read back months later, its inputs and artifacts hashed again.
 *
 * The input is written to a scratch file and given to verify_report, as a
 * report whose paths are relative to tests/readers (so that some named files
 * exist and are hashed) with the repository as the data folder.  A report
 * that reads must give one line per file and the summary line, and an exit
 * code verify documents; one that does not must say why.  Build and run
 * with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/base/srmap.h"
#include "srmap/write/verify.h"

#include <libxml/parser.h>

static FILE *devnull;

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	fuzz_tmp_open("verify");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_tmp_write(data, size);
	struct diag_list d;
	diag_init(&d, NULL);
	int rc = verify_report(path, FUZZ_TOP "/tests/readers", FUZZ_TOP, devnull, &d);
	FUZZ_CHECK(rc == SRMAP_EXIT_OK || rc == SRMAP_EXIT_FINDINGS || rc == SRMAP_EXIT_INPUT);
	if (rc == SRMAP_EXIT_INPUT)
		FUZZ_CHECK(d.errors > 0);
	diag_release(&d);
	return 0;
}
