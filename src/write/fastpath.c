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

/* The PDF template the layout writer of pdfreport.h reproduces. */
static const char pdf_file[] = "report-pdf.xsl";
static const char pdf_sha256[] = "c7b685aa8a8c75aa9afd4159bdaca6a8d4c0b932e063fbb5295e50252fdf296b";

static int xslt_only(void)
{
	const char *only = getenv("SRMAP_XSLT_ONLY");
	return only && *only && strcmp(only, "0");
}

/* Whether the template at xsl_path is the file named file with the digest sha256. */
static int is_shipped(const char *xsl_path, const char *file, const char *sha256)
{
	const char *slash = strrchr(xsl_path, '/');
	if (strcmp(slash ? slash + 1 : xsl_path, file))
		return 0;
	char hex[DIGEST_HEX_LEN];
	unsigned long long size;
	return digest_sha256_file(xsl_path, hex, &size) == 0 && !strcmp(hex, sha256);
}

fastpath_writer fastpath_for(const char *xsl_path)
{
	if (xslt_only())
		return NULL;
	for (size_t i = 0; i < sizeof writers / sizeof *writers; i++)
		if (is_shipped(xsl_path, writers[i].file, writers[i].sha256))
			return writers[i].write;
	return NULL;
}

int fastpath_pdf(const char *xsl_path)
{
	return !xslt_only() && is_shipped(xsl_path, pdf_file, pdf_sha256);
}
