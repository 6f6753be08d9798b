/*
 * validate.c - `srmap validate`: each file checked on its own, srmap's own
 * files by their marker key and exports through the reader table, with one
 * line per file saying what it holds.
 */
#include "job.h"
#include "srmap/base/alloc.h"
#include "srmap/base/jsondoc.h"
#include "srmap/model.h"
#include "srmap/read.h"
#include "srmap/base/srmap.h"

#include <stdlib.h>
#include <string.h>

static const char *marker_of(const cJSON *root)
{
	static const char *const markers[] = { "srmap_inventory", "srmap_evidence",
					       "srmap_profile", "srmap_catalog", NULL };
	for (int i = 0; cJSON_IsObject(root) && markers[i]; i++)
		if (cJSON_GetObjectItemCaseSensitive(root, markers[i]))
			return markers[i];
	return NULL;
}

static void validate_evidence_controls(const struct evidence_set *ev, size_t from,
				       const struct catalog *cat, struct diag_list *d)
{
	for (size_t i = from; i < ev->n; i++)
		if (!catalog_control(cat, ev->items[i].control))
			diag_error_at(d, evidence_pos(&ev->items[i], ev->items[i].control_pos),
				      "evidence \"%s\" names unknown control \"%s\"",
				      ev->items[i].id, ev->items[i].control);
}

/* Validates a file in a format other than srmap's own: counts per file. */
static int validate_import(const char *arg, struct import_env *env, FILE *out,
			   struct diag_list *d)
{
	size_t before = diag_failures(d);
	if (!env->cat) {
		fprintf(out, "%s: not checked: the catalog did not load\n", arg);
		return -1;
	}
	/* Evidence is matched with the inventory files given before it, if any. */
	import_finish_inventory(env);
	env->match_resources = env->inv->n > 0;
	struct reader_stats st;
	reader_stats_init(&st);
	reader_read_file(env, arg, READER_ROLE_COUNT, NULL, &st, d);
	if (st.format && st.role == READER_EVIDENCE && !st.mapped && diag_failures(d) == before) {
		const char *path;
		const char *format;
		reader_split_arg(arg, &format, &path);
		if (!st.read)
			diag_add(d, DIAG_WARNING, path, 0, 0, "the file holds no records: it gives no "
				 "evidence");
		else
			diag_add(d, DIAG_WARNING, path, 0, 0, "none of the %zu records of this file "
				 "gives evidence", st.read);
	}
	size_t problems = diag_failures(d) - before;
	if (!st.format) {
		fprintf(out, "%s: invalid\n", arg);
	} else if (st.role == READER_EVIDENCE) {
		char *line = job_file_tally(&st, 0);
		fprintf(out, "%s: %s (evidence): %s: %s\n", arg, st.format, line,
			problems ? "invalid" : "ok");
		free(line);
	} else {
		fprintf(out, "%s: %s (%s): %zu read, %zu mapped, %zu unmapped, %zu rejected", arg,
			st.format, reader_role_name(st.role), st.read, st.mapped, st.unmapped,
			st.rejected);
		if (st.ignored)
			fprintf(out, ", %zu ignored", st.ignored);
		if (st.unmatched)
			fprintf(out, ", %zu not in the inventory", st.unmatched);
		if (st.merged)
			fprintf(out, ", %zu merged", st.merged);
		fprintf(out, ": %s\n", problems ? "invalid" : "ok");
	}
	reader_stats_release(&st);
	return problems ? -1 : 0;
}

static int validate_one(const char *path, const struct catalog *cat, struct inventory *inv,
			struct evidence_set *ev, const struct job_options *opt, FILE *out,
			struct diag_list *d)
{
	size_t before = diag_failures(d);
	struct jsondoc doc;
	if (jsondoc_load(&doc, path, d) < 0) {
		fprintf(out, "%s: invalid\n", path);
		return -1;
	}
	const char *marker = marker_of(doc.root);
	char *what = NULL;
	if (!marker) {
		diag_error_at(d, jsondoc_pos(&doc, doc.root),
			      "not an srmap file: expected an object with \"srmap_inventory\", "
			      "\"srmap_evidence\", \"srmap_profile\" or \"srmap_catalog\"");
	} else if (strcmp(marker, "srmap_inventory") == 0) {
		size_t was = inv->n;
		inventory_read_json(inv, &doc, path, d);
		what = xasprintf("srmap inventory, %zu workloads", inv->n - was);
	} else if (strcmp(marker, "srmap_evidence") == 0) {
		size_t was = ev->n;
		evidence_read_json(ev, &doc, path, d);
		if (cat)
			validate_evidence_controls(ev, was, cat, d);
		what = xasprintf("srmap evidence, %zu records", ev->n - was);
	} else if (strcmp(marker, "srmap_profile") == 0) {
		struct profile p;
		profile_defaults(&p, 0);
		profile_read_json(&p, &doc, path, d);
		profile_release(&p);
		what = xstrdup("srmap profile");
	} else {
		/* A manifest stands alone; any other catalog file is merged over the shipped one. */
		int manifest = cJSON_GetObjectItemCaseSensitive(doc.root, "include") != NULL;
		jsondoc_release(&doc);
		struct job_options with_file = *opt;
		with_file.catalogs = &path;
		with_file.ncatalogs = 1;
		struct catalog c;
		if (manifest)
			catalog_load(&c, path, NULL, 0, d);
		else
			job_load_catalog(&c, &with_file, NULL, d);
		what = xasprintf("srmap catalog, %zu controls, %zu resource types",
				 c.ncontrols, c.ntypes);
		catalog_release(&c);
	}
	jsondoc_release(&doc);
	size_t problems = diag_failures(d) - before;
	if (what)
		fprintf(out, "%s: %s: %s\n", path, what, problems ? "invalid" : "ok");
	else
		fprintf(out, "%s: invalid\n", path);
	free(what);
	return problems ? -1 : 0;
}

int job_validate(const char *const *files, size_t n, const struct job_options *opt,
		 FILE *out, struct diag_list *d)
{
	struct catalog cat;
	int have_catalog = job_load_catalog(&cat, opt, NULL, d) == 0;
	struct inventory inv;
	struct evidence_set ev;
	inventory_init(&inv);
	evidence_init(&ev);
	struct import_env env;
	import_env_init(&env, have_catalog ? &cat : NULL, &inv, &ev, job_now());
	int bad = !have_catalog;
	for (size_t i = 0; i < n; i++) {
		int rc = reader_is_srmap_file(files[i])
			 ? validate_one(files[i], have_catalog ? &cat : NULL, &inv, &ev, opt, out, d)
			 : validate_import(files[i], &env, out, d);
		if (rc < 0)
			bad = 1;
	}
	/* Pages are complete or not once every file is read: --strict fails the run for them. */
	size_t before = diag_failures(d);
	import_report_open_pages(&env, d);
	if (diag_failures(d) > before)
		bad = 1;
	import_env_release(&env);
	inventory_release(&inv);
	evidence_release(&ev);
	catalog_release(&cat);
	if (!have_catalog)
		return SRMAP_EXIT_CATALOG;
	return bad ? SRMAP_EXIT_INPUT : SRMAP_EXIT_OK;
}
