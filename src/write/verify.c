/* verify.c - re-hashes the inputs and artifacts a report names. */
#include "srmap/write/verify.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"
#include "srmap/base/srmap.h"
#include "srmap/base/strmap.h"
#include "srmap/write/template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct tally {
	size_t ok, changed, missing;
};

static char *resolve(const char *path, const char *role, const char *base_dir,
		     const char *datadir)
{
	if (path[0] == '/')
		return xstrdup(path);
	/* Shipped catalog files and templates are recorded relative to the data folder. */
	if (role && datadir && ((!strcmp(role, "catalog") && !strncmp(path, "catalog/", 8)) ||
				(!strcmp(role, "template") && !strncmp(path, "templates/", 10))))
		return xasprintf("%s/%s", datadir, path);
	if (base_dir)
		return xasprintf("%s/%s", base_dir, path);
	return xstrdup(path);
}

static void check_file(const char *what, const char *shown, const char *path,
		       const char *expected, FILE *out, struct tally *t)
{
	char hex[DIGEST_HEX_LEN];
	unsigned long long size;
	if (digest_sha256_file(path, hex, &size) < 0) {
		fprintf(out, "missing  %-9s %s (%s)\n", what, shown, strerror(errno));
		t->missing++;
	} else if (strcmp(hex, expected) != 0) {
		fprintf(out, "changed  %-9s %s (sha256 now %s, report records %s)\n", what, shown,
			hex, expected);
		t->changed++;
	} else {
		fprintf(out, "ok       %-9s %s\n", what, shown);
		t->ok++;
	}
}

static char *get(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

int verify_report(const char *report_path, const char *base_dir, const char *datadir,
		  FILE *out, struct diag_list *d)
{
	xmlDocPtr doc = template_read_xml(report_path, d);
	if (!doc)
		return SRMAP_EXIT_INPUT;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, (const xmlChar *)"assessment") != 0) {
		diag_add(d, DIAG_ERROR, report_path, 0, 0,
			 "not an srmap assessment (expected the canonical assessment XML)");
		xmlFreeDoc(doc);
		return SRMAP_EXIT_INPUT;
	}
	struct tally t = { 0, 0, 0 };
	struct strmap seen;     /* one artifact may back several records: check it once */
	strmap_init(&seen, 0);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrcmp(n->name, (const xmlChar *)"inputs")) {
			for (xmlNodePtr in = n->children; in; in = in->next) {
				if (in->type != XML_ELEMENT_NODE)
					continue;
				char *path = get(in, "path"), *role = get(in, "role");
				char *sha = get(in, "sha256");
				if (path && sha) {
					char *full = resolve(path, role, base_dir, datadir);
					check_file(role ? role : "input", path, full, sha, out, &t);
					free(full);
				}
				xmlFree(path); xmlFree(role); xmlFree(sha);
			}
		} else if (!xmlStrcmp(n->name, (const xmlChar *)"evidence")) {
			char *path = get(n, "artifact-path"), *sha = get(n, "artifact-sha256");
			if (path && sha && !strmap_get(&seen, path)) {
				strmap_put(&seen, path, path);
				char *full = resolve(path, NULL, base_dir, datadir);
				check_file("artifact", path, full, sha, out, &t);
				free(full);
			}
			if (!path || strmap_get(&seen, path) != path)
				xmlFree(path);
			xmlFree(sha);
		}
	}
	for (size_t i = 0; i < seen.cap; i++)
		if (seen.slots[i].key)
			xmlFree(seen.slots[i].value);
	strmap_release(&seen);
	xmlFreeDoc(doc);
	fprintf(out, "%zu ok, %zu changed, %zu missing\n", t.ok, t.changed, t.missing);
	if (t.ok + t.changed + t.missing == 0) {
		diag_add(d, DIAG_ERROR, report_path, 0, 0, "the report names no files to verify");
		return SRMAP_EXIT_INPUT;
	}
	return t.changed || t.missing ? SRMAP_EXIT_FINDINGS : SRMAP_EXIT_OK;
}
