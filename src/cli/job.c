/*
 * job.c - the commands as library calls: load the catalog and the inputs,
 * assess, and write the outputs atomically; compare two assessments.
 */
#include "job.h"
#include "srmap/base/alloc.h"
#include "srmap/assess.h"
#include "srmap/model.h"
#include "srmap/base/datadir.h"
#include "srmap/base/digest.h"
#include "srmap/base/isotime.h"
#include "srmap/write.h"
#include "srmap/read.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/srmap.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long job_now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long t = strtoll(sde, &end, 10);
		if (!*end && errno == 0 && t >= 0)
			return t;
	}
	return (long long)time(NULL);
}

int job_load_catalog(struct catalog *cat, const struct job_options *opt, char **dir_out,
			struct diag_list *d)
{
	char *dir = opt->datadir ? xstrdup(opt->datadir) : datadir_find();
	if (!dir) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot find the catalog folder: set "
			 "SRMAP_DATADIR to the folder that holds catalog/catalog.json");
		*cat = (struct catalog){ 0 };
		return -1;
	}
	char *manifest = xasprintf("%s/catalog/catalog.json", dir);
	int rc = catalog_load(cat, manifest, opt->catalogs, opt->ncatalogs, d);
	free(manifest);
	if (dir_out)
		*dir_out = dir;
	else
		free(dir);
	return rc;
}

/* Records a file's provenance: role, format, record count, size and SHA-256. */
static void note_input(struct input_file **files, size_t *n, const char *path,
		       const char *role, size_t records)
{
	*files = xreallocarray(*files, *n + 1, sizeof(**files));
	struct input_file *f = &(*files)[(*n)++];
	*f = (struct input_file){ .path = (char *)path, .role = role, .format = "srmap-json",
				  .records = records };
	if (digest_sha256_file(path, f->sha256, &f->size) < 0)
		f->sha256[0] = '\0';
}

struct loaded {
	struct inventory inv;
	struct evidence_set ev;
	struct profile profile;
	struct input_file *files;
	size_t nfiles;
	struct reader_stats **stats;   /* one per inventory and evidence file (owned) */
	size_t nstats;
};

/* Reads one inventory or evidence file through the reader table and records it. */
static void read_input(struct loaded *in, struct import_env *env, const char *arg,
		       enum reader_role role, const char *forced, struct diag_list *d)
{
	struct reader_stats *st = xmalloc(sizeof(*st));
	reader_stats_init(st);
	in->stats = xreallocarray(in->stats, in->nstats + 1, sizeof(*in->stats));
	in->stats[in->nstats++] = st;
	reader_read_file(env, arg, role, forced, st, d);
	if (!st->format)
		return;   /* not read at all */
	const char *format, *path;
	reader_split_arg(arg, &format, &path);
	note_input(&in->files, &in->nfiles, path, reader_role_name(role), st->added);
	struct input_file *f = &in->files[in->nfiles - 1];
	f->format = st->format;
	f->stats = st;
	if (st->sha256[0]) {
		memcpy(f->sha256, st->sha256, sizeof f->sha256);
		f->size = st->size;
	}
}

/* What became of an evidence file's records, as one line (job.h). */
char *job_file_tally(const struct reader_stats *st, int assessed)
{
	size_t used = assessed ? st->applied : st->mapped;
	size_t other = st->mapped > used ? st->mapped - used : 0;
	char *s = xasprintf("%zu record%s: %zu %s, %zu unmapped, %zu about resources not in the "
			    "inventory, %zu for another tenant", st->read, st->read == 1 ? "" : "s",
			    used, assessed ? "applied" : "mapped", st->unmapped, st->unmatched,
			    st->other_tenant);
	const size_t extra[] = { st->ignored, st->rejected, assessed ? other : 0 };
	static const char *const words[] = { "ignored", "rejected", "decided no check" };
	for (int i = 0; i < 3; i++) {
		if (!extra[i])
			continue;
		char *n = xasprintf("%s, %zu %s", s, extra[i], words[i]);
		free(s);
		s = n;
	}
	return s;
}

/*
 * After the assessment: counts each evidence file's records that applied,
 * prints one line per file, and warns about a file of which nothing
 * applied (an error under --strict: such a file is probably not what the
 * user meant to give).
 */
static void tally_evidence_files(struct loaded *in, const struct assessment *a,
				 struct diag_list *d)
{
	for (size_t i = 0; i < in->nstats; i++) {
		struct reader_stats *st = in->stats[i];
		if (!st->format || st->role != READER_EVIDENCE)
			continue;
		st->applied = reader_stats_applied(st, a->evidence_used);
		const char *path = NULL;
		for (size_t f = 0; f < in->nfiles && !path; f++)
			if (in->files[f].stats == st)
				path = in->files[f].path;
		char *line = job_file_tally(st, 1);
		if (!d->quiet && d->stream)
			fprintf(d->stream, "srmap: %s: %s\n", path, line);
		free(line);
		if (st->applied)
			continue;
		if (!st->read)
			diag_add(d, DIAG_WARNING, path, 0, 0, "the file holds no records: it gives no "
				 "evidence");
		else
			diag_add(d, DIAG_WARNING, path, 0, 0, "none of the %zu records of this file "
				 "decided a check (see the counts above)", st->read);
	}
}

static int load_inputs(struct loaded *in, const struct catalog *cat,
		       const struct job_options *opt, struct diag_list *d)
{
	size_t before = diag_failures(d);
	inventory_init(&in->inv);
	evidence_init(&in->ev);
	profile_defaults(&in->profile, job_now());
	struct import_env env;
	import_env_init(&env, cat, &in->inv, &in->ev, in->profile.as_of);
	env.default_tenant = opt->tenant;
	for (size_t i = 0; i < opt->ninventories; i++)
		read_input(in, &env, opt->inventories[i], READER_INVENTORY, opt->inventory_format, d);
	import_report_open_pages(&env, d);
	import_finish_inventory(&env);
	if (diag_failures(d) == before && in->inv.n == 0)
		diag_add(d, DIAG_ERROR, opt->inventories[0], 0, 0,
			 "the inventory holds no workloads: nothing to assess");
	/* The profile comes before the evidence, which is checked against its as-of time. */
	int have_profile = 0;
	if (opt->profile) {
		struct jsondoc doc;
		if (jsondoc_load(&doc, opt->profile, d) == 0) {
			profile_read_json(&in->profile, &doc, opt->profile, d);
			jsondoc_release(&doc);
			have_profile = 1;
		}
	}
	/* --framework wins over the profile's list, for every output (docs/srmap.1). */
	if (opt->frameworks)
		in->profile.frameworks = opt->frameworks;
	env.as_of = in->profile.as_of;
	for (size_t i = 0; i < opt->nevidence; i++) {
		const char *stated = opt->evidence_collected_at ? opt->evidence_collected_at[i] : NULL;
		env.has_stated_time = stated && isotime_parse(stated, &env.stated_time) == 0;
		read_input(in, &env, opt->evidence[i], READER_EVIDENCE, opt->evidence_format, d);
	}
	env.has_stated_time = 0;
	import_report_open_pages(&env, d);
	import_env_release(&env);
	artifact_check_all(&in->ev, opt->evidence_root, d);
	if (have_profile)
		note_input(&in->files, &in->nfiles, opt->profile, "profile", 1);
	return diag_failures(d) > before ? -1 : 0;
}

static void release_inputs(struct loaded *in)
{
	inventory_release(&in->inv);
	evidence_release(&in->ev);
	profile_release(&in->profile);
	free(in->files);
	for (size_t i = 0; i < in->nstats; i++) {
		reader_stats_release(in->stats[i]);
		free(in->stats[i]);
	}
	free(in->stats);
}

/*
 * Shipped catalog files are recorded relative to the data folder
 * ("catalog/controls.json"), so that a report does not depend on where srmap
 * is installed; a user's catalog files keep the path they were given.
 */
static void note_catalog(struct loaded *in, const struct catalog *cat, const char *datadir)
{
	size_t dl = datadir ? strlen(datadir) : 0;
	for (size_t i = 0; i < cat->nfiles; i++) {
		const char *path = cat->files[i];
		size_t at = in->nfiles;
		note_input(&in->files, &in->nfiles, path, "catalog", 0);
		if (dl && strncmp(path, datadir, dl) == 0 && path[dl] == '/')
			in->files[at].path = (char *)path + dl + 1;
	}
}

/*
 * One digest for the catalog as used: SHA-256 over the lines "SHA256  PATH\n"
 * of its files in load order (the format sha256sum prints), so it changes
 * when any file, or the order of files, changes.
 */
static void catalog_digest(const struct loaded *in, char hex[DIGEST_HEX_LEN])
{
	char *text = xstrdup("");
	for (size_t i = 0; i < in->nfiles; i++) {
		if (strcmp(in->files[i].role, "catalog") != 0)
			continue;
		char *next = xasprintf("%s%s  %s\n", text, in->files[i].sha256, in->files[i].path);
		free(text);
		text = next;
	}
	if (digest_sha256(text, strlen(text), hex) < 0)
		hex[0] = '\0';
	free(text);
}

static void progress(const struct job_options *opt, struct diag_list *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void progress(const struct job_options *opt, struct diag_list *d, const char *fmt, ...)
{
	if (!opt->progress || d->quiet || !d->stream)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("srmap: ", d->stream);
	vfprintf(d->stream, fmt, ap);
	fputc('\n', d->stream);
	va_end(ap);
}

/* A monotonic clock in seconds, for the rates of progress lines. */
static double seconds(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void add_counts(cJSON *obj, const char *const *names, const size_t *counts, int n)
{
	for (int i = 0; i < n; i++)
		cJSON_AddNumberToObject(obj, names[i], (double)counts[i]);
}

static void add_score(cJSON *obj, const char *name, int tenths)
{
	if (tenths < 0)
		cJSON_AddNullToObject(obj, name);
	else
		cJSON_AddNumberToObject(obj, name, tenths / 10.0);
}

/* What became of each evidence file's records, for --summary json. */
static void add_evidence_files(cJSON *root, const struct loaded *in)
{
	cJSON *files = cJSON_AddArrayToObject(root, "evidence_files");
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct input_file *f = &in->files[i];
		const struct reader_stats *st = f->stats;
		if (!st || st->role != READER_EVIDENCE)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "path", f->path);
		cJSON_AddStringToObject(o, "format", f->format);
		static const char *const names[] = { "records", "applied", "unmapped", "not_in_inventory",
						     "other_tenant", "ignored", "rejected" };
		const size_t counts[] = { st->read, st->applied, st->unmapped, st->unmatched,
					  st->other_tenant, st->ignored, st->rejected };
		add_counts(o, names, counts, 7);
		cJSON_AddItemToArray(files, o);
	}
}

/* The one-line machine summary of --summary json: counts, scores, outputs, exit code. */
static void print_summary(const struct assessment *a, const struct loaded *in,
			  const struct report_options *ro, int rc, FILE *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "tool", "srmap " SRMAP_VERSION);
	cJSON_AddNumberToObject(root, "exit", rc);
	cJSON_AddNumberToObject(root, "workloads", (double)a->nworkloads);
	cJSON_AddNumberToObject(root, "findings", (double)a->nfindings);
	const char *names[(int)STATUS_COUNT + (int)SEV_COUNT];
	for (int i = 0; i < STATUS_COUNT; i++)
		names[i] = status_name(i);
	add_counts(cJSON_AddObjectToObject(root, "checks"), names, a->status_count, STATUS_COUNT);
	for (int i = 0; i < SEV_COUNT; i++)
		names[i] = severity_name(i);
	add_counts(cJSON_AddObjectToObject(root, "severity"), names, a->severity_count, SEV_COUNT);
	cJSON *scores = cJSON_AddObjectToObject(root, "scores");
	add_score(scores, "overall", a->overall_tenths);
	for (int f = 0; f < FW_COUNT; f++)
		if (a->fw[f].in_scope)
			add_score(scores, framework_name(f), a->fw[f].score_tenths);
	add_evidence_files(root, in);
	cJSON *outputs = cJSON_AddArrayToObject(root, "outputs");
	int written = rc == SRMAP_EXIT_OK || rc == SRMAP_EXIT_FINDINGS;
	for (size_t i = 0; written && report_formats[i].name; i++)
		if ((ro->formats >> i) & 1) {
			char *path = xasprintf("%s/%s", ro->out_dir, report_formats[i].file);
			cJSON_AddItemToArray(outputs, cJSON_CreateString(path));
			free(path);
		}
	char *line = cJSON_PrintUnformatted(root);
	if (line) {
		fputs(line, out);
		fputc('\n', out);
		free(line);
	}
	cJSON_Delete(root);
}

void job_note_outputs(const struct report_options *ro, struct diag_list *d)
{
	for (size_t i = 0; !d->quiet && d->stream && report_formats[i].name; i++)
		if ((ro->formats >> i) & 1)
			fprintf(d->stream, "srmap: wrote %s/%s: %s\n", ro->out_dir,
				report_formats[i].file, report_formats[i].what);
}

int job_assess(const struct job_options *opt, struct diag_list *d)
{
	struct catalog cat;
	char *datadir = NULL;
	/* The key first: a wrong password should not wait for the whole assessment. */
	struct signer *signer = NULL;
	if (opt->sign && signer_load(&signer, opt->sign, opt->sign_pass, job_now(), d) != 0)
		return SRMAP_EXIT_SIGN;
	if (job_load_catalog(&cat, opt, &datadir, d) < 0) {
		catalog_release(&cat);
		free(datadir);
		signer_free(signer);
		return SRMAP_EXIT_CATALOG;
	}
	struct loaded in = { 0 };
	int rc = SRMAP_EXIT_OK;
	struct assessment a = { 0 };
	struct snapshot old_snap = { 0 }, new_snap = { 0 };
	struct drift drift = { 0 };
	progress(opt, d, "loading inputs");
	double started = seconds();
	if (load_inputs(&in, &cat, opt, d) < 0) {
		rc = SRMAP_EXIT_INPUT;
		goto out;
	}
	double took = seconds() - started;
	size_t records = in.inv.n + in.ev.n;
	progress(opt, d, "read %zu workloads and %zu evidence records in %.2f s (%.0f records/s)",
		 in.inv.n, in.ev.n, took, took > 0 ? (double)records / took : (double)records);
	int assessed = assess_run(&a, &cat, &in.profile, &in.inv, &in.ev, d) == 0;
	if (assessed)
		tally_evidence_files(&in, &a, d);
	if (!assessed || diag_failures(d) > 0) {
		rc = SRMAP_EXIT_INPUT;
		goto out;
	}
	note_catalog(&in, &cat, datadir);
	char catalog_sha[DIGEST_HEX_LEN];
	catalog_digest(&in, catalog_sha);
	struct run_info run = { in.files, in.nfiles, job_now(), opt->command_line, d, catalog_sha,
				NULL, opt->baseline, NULL, NULL };
	if (opt->baseline) {
		xmlDocPtr base = template_read_xml(opt->baseline, d);
		if (!base || snapshot_from_xml(&old_snap, base, opt->baseline, d) < 0) {
			if (base)
				xmlFreeDoc(base);
			rc = SRMAP_EXIT_INPUT;
			goto out;
		}
		xmlFreeDoc(base);
		snapshot_from_assessment(&new_snap, &a, run.generated);
		drift_compute(&drift, &old_snap, &new_snap);
		run.drift = &drift;
	}
	char *out_dir = outdir_expand(opt->out_dir, run.generated);
	if (!out_dir) {
		diag_add(d, DIAG_ERROR, opt->out_dir, 0, 0, "the output folder pattern gives an empty "
			 "or too long name");
		rc = SRMAP_EXIT_USAGE;
		goto out;
	}
	struct report_options ro = { opt->formats ? opt->formats : report_all_formats(),
				     out_dir, datadir, opt->pdf_template, opt->attach_evidence,
				     opt->attach_limit, opt->pdf_summary,
				     opt->progress && !d->quiet && d->stream != NULL, signer,
				     opt->jobs };
	progress(opt, d, "assessed %zu workloads: %zu findings", a.nworkloads, a.nfindings);
	if (opt->nshards) {
		struct shard_plan plan;
		shard_plan_make(&plan, &a, opt->shard, opt->nshards);
		rc = report_write_part(&a, &run, &ro, &plan, d);
		if (rc == SRMAP_EXIT_OK && !d->quiet && d->stream)
			fprintf(d->stream, "srmap: wrote %s/" PART_FOLDER "/part-%u-of-%u.xml: shard %u of %u (dealt "
				"out by %s), for srmap merge\n", out_dir, opt->shard, opt->nshards,
				opt->shard, opt->nshards, shard_by_name(plan.by));
		shard_plan_release(&plan);
		free(out_dir);
		goto out;
	}
	rc = report_write(&a, &run, &ro, d);
	if (rc == SRMAP_EXIT_OK) {
		progress(opt, d, "wrote %s", out_dir);
		job_note_outputs(&ro, d);
		if (opt->keep > 0 && outdir_is_dated(opt->out_dir))
			outdir_prune(opt->out_dir, opt->keep, d);
		if (opt->fail_on >= 0)
			for (int s = opt->fail_on; s < SEV_COUNT; s++)
				if (a.severity_count[s])
					rc = SRMAP_EXIT_FINDINGS;
	}
	if (opt->summary_json)
		print_summary(&a, &in, &ro, rc, stdout);
	free(out_dir);
out:
	drift_release(&drift);
	snapshot_release(&old_snap);
	snapshot_release(&new_snap);
	assess_release(&a);
	release_inputs(&in);
	catalog_release(&cat);
	free(datadir);
	signer_free(signer);
	return rc;
}

int job_diff(const char *old_path, const char *new_path, int json, FILE *out,
	     struct diag_list *d)
{
	struct snapshot snaps[2] = { { 0 }, { 0 } };
	const char *paths[2] = { old_path, new_path };
	int rc = SRMAP_EXIT_OK;
	for (int i = 0; i < 2 && rc == SRMAP_EXIT_OK; i++) {
		xmlDocPtr doc = template_read_xml(paths[i], d);
		if (!doc || snapshot_from_xml(&snaps[i], doc, paths[i], d) < 0)
			rc = SRMAP_EXIT_INPUT;
		if (doc)
			xmlFreeDoc(doc);
	}
	if (rc == SRMAP_EXIT_OK) {
		struct drift dr;
		drift_compute(&dr, &snaps[0], &snaps[1]);
		if (json)
			drift_print_json(&dr, out);
		else
			drift_print_text(&dr, out);
		drift_release(&dr);
	}
	snapshot_release(&snaps[0]);
	snapshot_release(&snaps[1]);
	return rc;
}
