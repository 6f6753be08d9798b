/*
 * fuzz_manifest.c - libFuzzer harness for the signed set of `srmap verify`
 * (verify.h): the manifest manifest.sha256 and its detached signature
 * manifest.sha256.p7s, as a client receives them beside the deliverables.
 *
 * The input is the manifest, optionally followed by the two bytes "\0\0"
 * and the signature file; both are written into a scratch folder that also
 * holds two output files of known content, and the folder is verified
 * without --ca.  Without a trusted signer the result is never success; a
 * manifest or signature that cannot be read must come with an error.
 */
#include "fuzz_common.h"
#include "srmap/base/srmap.h"
#include "srmap/write/format.h"
#include "srmap/write/verify.h"

#include <fcntl.h>
#include <sys/stat.h>

static FILE *devnull;
static char set_dir[256];

static void put(const char *name, const uint8_t *data, size_t size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", set_dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n <= 0)
			abort();
		data += n;
		size -= (size_t)n;
	}
	close(fd);
}

static void drop(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", set_dir, name);
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(set_dir, sizeof set_dir, "%s/srmap-fuzz-manifest-%ld", base, (long)getpid());
	if (!devnull || mkdir(set_dir, 0700) < 0)
		abort();
	/* Two outputs the seeds' manifests name: "x\n" and "y\n". */
	put("assessment.xml", (const uint8_t *)"x\n", 2);
	put("crm.csv", (const uint8_t *)"y\n", 2);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t mlen = size;
	const uint8_t *sig = NULL;
	for (size_t i = 0; i + 1 < size; i++)
		if (data[i] == 0 && data[i + 1] == 0) {
			mlen = i;
			sig = data + i + 2;
			break;
		}
	put(SIGN_MANIFEST, data, mlen);
	if (sig)
		put(SIGN_SIGNATURE, sig, size - mlen - 2);
	else
		drop(SIGN_SIGNATURE);
	struct diag_list d;
	diag_init(&d, NULL);
	int rc = verify_report(set_dir, NULL, FUZZ_TOP, NULL, devnull, &d);
	FUZZ_CHECK(rc == SRMAP_EXIT_FINDINGS || rc == SRMAP_EXIT_INPUT || rc == SRMAP_EXIT_SIGN);
	if (rc == SRMAP_EXIT_INPUT || rc == SRMAP_EXIT_SIGN)
		FUZZ_CHECK(d.errors > 0);
	diag_release(&d);
	return 0;
}
