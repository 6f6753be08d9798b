/*
 * fastpath.c - which shipped templates have a C writer, and when it may stand
 * in for them (fastpath.h).
 *
 * The digest below is that of the template file the writer reproduces.  When
 * the template changes, its writer must change with it and the digest be
 * updated: tests/test-fastpath.sh fails until then, and
 * tests/test-xml-outputs.sh compares the two on every case.
 */
#include "fastpath.h"
#include "findings_json.h"
#include "oscal.h"
#include "srmap/base/digest.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *file;       /* the template's file name in templates/ */
	const char *sha256;     /* of the file the writer reproduces */
	fastpath_writer write;
} writers[] = {
	{ "oscal-ar.xsl", "18297713c4994a6fc9145d3df918518651b6386a7780690fa7847ceb6bf34c3b",
	  oscal_write },
	{ "findings-json.xsl", "003fe85ecdfa8e47f7023c29ed6bbee3f06acf577fef68c0a2f11ec969d4c4e1", findings_json_write },
};

fastpath_writer fastpath_for(const char *xsl_path)
{
	const char *only = getenv("SRMAP_XSLT_ONLY");
	if (only && *only && strcmp(only, "0"))
		return NULL;
	const char *slash = strrchr(xsl_path, '/');
	const char *file = slash ? slash + 1 : xsl_path;
	for (size_t i = 0; i < sizeof writers / sizeof *writers; i++) {
		if (strcmp(file, writers[i].file))
			continue;
		char hex[DIGEST_HEX_LEN];
		unsigned long long size;
		if (digest_sha256_file(xsl_path, hex, &size) == 0 && !strcmp(hex, writers[i].sha256))
			return writers[i].write;
	}
	return NULL;
}
