/*
 * fuzz_assess.c - libFuzzer harness for a whole assessment run: bytes in,
 * every report format out (job_assess in job.h, as `srmap assess` runs it).
 *
 * The input is cut at the lines "--8<--" into up to three files: an
 * inventory, an evidence file and a profile (each format detected from its
 * content, as on the command line; a missing part is left out, a missing
 * profile means the defaults).  They are written to a scratch folder (in
 * /dev/shm when it exists) and assessed with the shipped catalog and
 * templates into an output folder there, with every format (canonical XML,
 * OSCAL, CRM XML and CSV, the summary PDF).  The run must end with an exit code srmap(1)
 * documents; a successful run must leave assessment.xml, a failed one an
 * error that says why.  Build and run with `make fuzz` (see
 * docs/conventions.md).
 */
#define _GNU_SOURCE   /* memmem */
#include "fuzz_common.h"
#include "srmap/base/srmap.h"
#include "cli/job.h"

#include <sys/stat.h>

#define CUT "\n--8<--\n"

static char dir[256];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof dir, "%s/srmap-fuzz-assess-%ld", base, (long)getpid());
	mkdir(dir, 0700);
	setenv("SOURCE_DATE_EPOCH", "1795132800", 1);
	return 0;
}

static void write_part(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "inventory", "evidence", "profile" };
	char paths[3][300];
	size_t nparts = 0, off = 0;
	while (nparts < 3) {
		const uint8_t *cut = memmem(data + off, size - off, CUT, sizeof CUT - 1);
		size_t end = cut ? (size_t)(cut - data) : size;
		snprintf(paths[nparts], sizeof paths[nparts], "%s/%s.json", dir, names[nparts]);
		write_part(paths[nparts], data + off, end - off);
		nparts++;
		if (!cut)
			break;
		off = end + sizeof CUT - 1;
	}
	const char *inv[1] = { paths[0] }, *ev[1] = { paths[1] };
	char out[300], xml[320];
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(xml, sizeof xml, "%s/assessment.xml", out);
	struct job_options opt = { 0 };
	opt.inventories = inv;
	opt.ninventories = 1;
	opt.evidence = ev;
	opt.nevidence = nparts > 1;
	opt.profile = nparts > 2 ? paths[2] : NULL;
	opt.datadir = FUZZ_TOP;
	opt.out_dir = out;
	opt.fail_on = -1;
	opt.pdf_summary = 1;   /* the short PDF: the same code, fewer pages per run */
	unlink(xml);
	struct diag_list d;
	diag_init(&d, NULL);
	int rc = job_assess(&opt, &d);
	FUZZ_CHECK(rc == SRMAP_EXIT_OK || rc == SRMAP_EXIT_INPUT || rc == SRMAP_EXIT_CATALOG ||
		   rc == SRMAP_EXIT_OUTPUT);
	if (rc == SRMAP_EXIT_OK)
		FUZZ_CHECK(access(xml, R_OK) == 0);
	else
		FUZZ_CHECK(d.errors > 0);
	diag_release(&d);
	return 0;
}
