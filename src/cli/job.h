/*
 * job.h - the commands of srmap as library calls: an assessment run from
 * input files to output files, validation of input files, and the catalog
 * listing.  Each returns an exit code of enum srmap_exit; main.c only parses
 * the command line and calls these.
 */
#ifndef SRMAP_JOB_H
#define SRMAP_JOB_H

#include <stddef.h>
#include <stdio.h>
#include "srmap/base/diag.h"

struct job_options {
	const char **inventories;   /* inventory files, at least one */
	size_t ninventories;
	const char **evidence;      /* evidence files, may be none */
	size_t nevidence;
	/* Per evidence file: --collected-at in force for it (an ISO 8601 time), or NULL. */
	const char **evidence_collected_at;
	const char *profile;        /* profile file, or NULL for the defaults */
	const char **catalogs;      /* user catalog files merged over the shipped one */
	size_t ncatalogs;
	const char *datadir;        /* data folder; NULL to find it (datadir.h) */
	const char *out_dir;        /* output folder */
	const char *command_line;   /* recorded in the report; may be NULL */
	unsigned formats;           /* report formats to write (report.h); 0 = all */
	const char *pdf_template;   /* a user's PDF template, or NULL */
	int attach_evidence;        /* embed evidence artifacts in the PDF (report.h) */
	unsigned long long attach_limit;  /* bytes attached at most; 0: REPORT_ATTACH_LIMIT_DEFAULT */
	int pdf_summary;            /* --pdf-detail summary (report.h) */
	const char *evidence_root;  /* folder artifacts are relative to; NULL: each evidence file's */
	const char *tenant;         /* --tenant: the tenant of records that name none, or NULL */
	unsigned frameworks;        /* --framework: bit (1 << framework_id) each; 0: the profile's */
	int fail_on;                /* exit SRMAP_EXIT_FINDINGS when a finding is this severe; -1 never */
	int keep;                   /* with a dated --out pattern: dated folders to keep; 0 all */
	int summary_json;           /* print a one-line JSON summary on stdout */
	int progress;               /* print progress lines on stderr */
	unsigned jobs;              /* --jobs: formats made at once (report.h); 0: one at a time */
	unsigned shard, nshards;    /* --shard K/N: write shard K's part (shard.h); nshards 0: whole */
	const char *baseline;       /* a previous canonical assessment XML to report drift against */
	const char *inventory_format;  /* format of inventory files (reader.h), or NULL to detect */
	const char *evidence_format;   /* format of evidence files, or NULL to detect */
	const char *sign;           /* --sign KEY[,CERT] (sign.h), or NULL */
	const char *sign_pass;      /* --sign-pass env:VAR|file:PATH|fd:N, or NULL */
};

/*
 * Runs an assessment and writes the report files into out_dir.  Diagnostics go to
 * d.  Returns SRMAP_EXIT_OK, or the exit code for the first class of failure
 * (catalog, input, output).  Nothing is written unless every input is valid.
 */
int job_assess(const struct job_options *opt, struct diag_list *d);

/*
 * srmap merge: the report set of a sharded run from its parts (the files
 * paths, or when n is 0 every part-K-of-N.xml in opt->out_dir/parts), into
 * opt->out_dir.  Returns an exit code (SRMAP_EXIT_INPUT for parts that do
 * not belong together).
 */
int job_merge(const char *const *paths, size_t n, const struct job_options *opt,
	      struct diag_list *d);

/* After a run that wrote its files: a line per file saying what it is (not with --quiet). */
struct report_options;
void job_note_outputs(const struct report_options *ro, struct diag_list *d);

/*
 * Checks each file (an srmap inventory, evidence, profile or catalog file,
 * recognised by its marker key), reporting every problem to d and a one-line
 * result per file to out.  Control ids in evidence are checked against the
 * catalog.  Returns SRMAP_EXIT_OK when every file is valid, else SRMAP_EXIT_INPUT.
 */
int job_validate(const char *const *files, size_t n, const struct job_options *opt,
		 FILE *out, struct diag_list *d);

/*
 * "N records: M applied, K unmapped, J about resources not in the
 * inventory, T for another tenant", then the ignored, rejected and (after
 * an assessment) "decided no check" counts when there are any: what became
 * of an evidence file's records.  assessed: after an assessment, M counts
 * the records behind a check's verdict; before one (`srmap validate`), the
 * records that gave evidence, and the word is "mapped".  Caller frees.
 */
struct reader_stats;
char *job_file_tally(const struct reader_stats *st, int assessed);

/*
 * Compares two canonical assessment XML files and prints the drift to out
 * (text, or JSON when json is set).  Returns SRMAP_EXIT_OK, or
 * SRMAP_EXIT_INPUT when a file cannot be read.
 */
int job_diff(const char *old_path, const char *new_path, int json, FILE *out,
	     struct diag_list *d);

/*
 * Loads the shipped catalog (found through opt->datadir or datadir_find) and
 * the user's --catalog files into *cat.  When dir_out is not NULL it gets the
 * data folder, which the caller frees.  Returns 0, or -1 after reporting to
 * d; release *cat with catalog_release in both cases.
 */
struct catalog;
int job_load_catalog(struct catalog *cat, const struct job_options *opt, char **dir_out,
		     struct diag_list *d);

/*
 * Prints the catalog's controls to out, grouped by domain in the catalog's
 * order (id, layer, severity, MCSB ids, title).  Returns an exit code.
 */
int job_catalog_list(const struct job_options *opt, FILE *out, struct diag_list *d);

/*
 * Prints what the identifier id of source (a mapping source: "defender",
 * "azure-policy", "prowler", ...) maps to: the controls with their titles,
 * the scope, the basis and the catalog file of the mapping.  Returns
 * SRMAP_EXIT_OK when it is mapped (or known and deliberately not mapped),
 * SRMAP_EXIT_FINDINGS (1) when the catalog does not know it, SRMAP_EXIT_USAGE
 * for an unknown source.
 */
int job_catalog_lookup(const struct job_options *opt, const char *source, const char *id,
		       FILE *out, struct diag_list *d);

/* The time srmap treats as "now": SOURCE_DATE_EPOCH when set, else the clock. */
long long job_now(void);

#endif
