/*
 * merge_cmd.c - `srmap merge [PART...] --out DIR`: the report set of a
 * sharded run made from its parts (docs/scale.md).
 */
#include "job.h"
#include "srmap/base/alloc.h"
#include "srmap/base/datadir.h"
#include "srmap/base/srmap.h"
#include "srmap/model.h"
#include "srmap/write.h"

#include <dirent.h>
#include <libxml/xmlreader.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every part-K-of-N.xml in dir, sorted (caller frees each and the list); -1 when unreadable. */
static int find_parts(const char *dir, char ***out, size_t *n, struct diag_list *d)
{
	*out = NULL;
	*n = 0;
	DIR *h = opendir(dir);
	if (!h && errno == ENOENT)
		return 0;
	if (!h) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot read the folder: %s", strerror(errno));
		return -1;
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(h)))
		if (part_is_name(e->d_name, strlen(e->d_name))) {
			if (*n == cap)
				*out = xreallocarray(*out, cap = cap ? cap * 2 : 8, sizeof(char *));
			(*out)[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
		}
	closedir(h);
	if (*n)
		qsort(*out, *n, sizeof(char *), by_name);
	return 0;
}

/*
 * Whether the merged assessment at path has a finding at or above fail_on:
 * its summary's severity counts, read with a streaming reader that stops at
 * the end of the summary (near the top of the file).
 */
static int has_findings_at(const char *path, int fail_on)
{
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET);
	int found = 0;
	while (r && !found && xmlTextReaderRead(r) == 1) {
		const xmlChar *name = xmlTextReaderConstLocalName(r);
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
		    xmlStrEqual(name, BAD_CAST "summary"))
			break;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !xmlStrEqual(name, BAD_CAST "severity-count"))
			continue;
		xmlChar *sev = xmlTextReaderGetAttribute(r, BAD_CAST "severity");
		xmlChar *count = xmlTextReaderGetAttribute(r, BAD_CAST "count");
		int s = sev ? severity_parse((const char *)sev) : -1;
		found = s >= fail_on && count && strcmp((const char *)count, "0") != 0;
		xmlFree(sev);
		xmlFree(count);
	}
	if (r)
		xmlFreeTextReader(r);
	return found;
}

int job_merge(const char *const *paths, size_t n, const struct job_options *opt,
	      struct diag_list *d)
{
	char **found = NULL;
	size_t nfound = 0;
	if (!n) {
		char *dir = xasprintf("%s/%s", opt->out_dir, PART_FOLDER);
		int rc = find_parts(dir, &found, &nfound, d);
		if (rc == 0 && !nfound)
			diag_add(d, DIAG_ERROR, dir, 0, 0, "no parts (part-K-of-N.xml) to merge: name "
				 "them, or write them there with srmap assess --shard K/N --out %s",
				 opt->out_dir);
		free(dir);
		if (rc < 0 || !nfound)
			return SRMAP_EXIT_INPUT;
		paths = (const char *const *)found;
		n = nfound;
	}
	struct signer *signer = NULL;
	if (opt->sign && signer_load(&signer, opt->sign, opt->sign_pass, job_now(), d) != 0) {
		for (size_t i = 0; i < nfound; i++)
			free(found[i]);
		free(found);
		return SRMAP_EXIT_SIGN;
	}
	char *datadir = opt->datadir ? xstrdup(opt->datadir) : datadir_find();
	struct merge_set m;
	int rc = SRMAP_EXIT_OK;
	if (!datadir) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot find the data folder: set SRMAP_DATADIR");
		rc = SRMAP_EXIT_CATALOG;
		m = (struct merge_set){ 0 };
	} else {
		rc = merge_open(&m, paths, n, d);
	}
	unsigned formats = 0;
	if (rc == SRMAP_EXIT_OK && report_parse_formats(m.formats, &formats, d) < 0)
		rc = SRMAP_EXIT_INPUT;
	char *out_dir = outdir_expand(opt->out_dir, job_now());
	if (rc == SRMAP_EXIT_OK && !out_dir) {
		diag_add(d, DIAG_ERROR, opt->out_dir, 0, 0, "the output folder pattern gives an empty "
			 "or too long name");
		rc = SRMAP_EXIT_USAGE;
	}
	if (rc == SRMAP_EXIT_OK) {
		struct report_options ro = { formats, out_dir, datadir, m.pdf_template, 0, 0,
					     !strcmp(m.pdf_detail, "summary"),
					     opt->progress && !d->quiet && d->stream != NULL, signer,
					     opt->jobs };
		rc = report_write_merged(&m, &ro, d);
		if (rc == SRMAP_EXIT_OK)
			job_note_outputs(&ro, d);
		char *xml = xasprintf("%s/assessment.xml", out_dir);
		if (rc == SRMAP_EXIT_OK && opt->fail_on >= 0 && has_findings_at(xml, opt->fail_on))
			rc = SRMAP_EXIT_FINDINGS;
		free(xml);
	}
	merge_release(&m);
	signer_free(signer);
	free(out_dir);
	free(datadir);
	for (size_t i = 0; i < nfound; i++)
		free(found[i]);
	free(found);
	return rc;
}
