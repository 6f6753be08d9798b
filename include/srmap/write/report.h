/*
 * report.h - the files an assessment run writes, and writing them as a set.
 *
 * Every format is one row of the table in format.h.  All requested files are
 * first written into a new set folder of the output folder; only when every
 * one succeeded is the set switched in as a whole (outdir.h, struct outset),
 * so a failed or killed run leaves the previous report set intact.
 */
#ifndef SRMAP_REPORT_H
#define SRMAP_REPORT_H

#include <stdio.h>
#include "srmap/assess.h"
#include "srmap/base/diag.h"
#include "srmap/write/emit.h"
#include "srmap/write/format.h"
#include "srmap/write/sign.h"

/* Evidence artifacts attached to the PDF come to at most this many bytes unless set. */
#define REPORT_ATTACH_LIMIT_DEFAULT (50ULL * 1024 * 1024)

struct report_options {
	unsigned formats;          /* bit i set: write report_formats[i] */
	const char *out_dir;
	const char *datadir;       /* holds templates/ */
	const char *pdf_template;  /* a user's PDF template instead of the shipped one, or NULL */
	/*
	 * Embed the evidence artifacts (records whose artifact-state is verified
	 * or unverified) in the PDF as attachments named by the artifact path as
	 * the record gives it, in evidence order, until attach_limit bytes (0: the
	 * default); the rest are left out with a warning.  The PDF template is
	 * told which (parameters attachments, attachments-skipped, attach-limit).
	 */
	int attach_evidence;
	unsigned long long attach_limit;
	/*
	 * A summary PDF: the PDF template gets the parameter pdf-detail =
	 * "summary" (else "full"), and its long per-workload lists stop early.
	 */
	int pdf_summary;
	/* Print on d's stream how long each file took to make ("srmap: made crm.xml in 0.41 s"). */
	int progress;
	/* Sign the set (sign.h): a manifest and its signature are committed with it.  NULL: not. */
	const struct signer *signer;
	/*
	 * Make up to this many template-made formats at once, each in a worker
	 * process (workers.h); 0 or 1: one after the other, in this process.
	 * The files and messages are the same either way.
	 */
	unsigned jobs;
};

/*
 * Writes the requested formats of a into opt->out_dir.  Returns an exit code:
 * SRMAP_EXIT_OK, SRMAP_EXIT_CATALOG for a broken template, SRMAP_EXIT_OUTPUT
 * when a file cannot be written.
 */
int report_write(const struct assessment *a, const struct run_info *run,
		 const struct report_options *opt, struct diag_list *d);

struct merge_set;

/*
 * Writes the report set of a sharded run into opt->out_dir from the parts
 * of m (merge.h): the canonical XML merged from them, then every format in
 * opt->formats made from it, as report_write does.  Returns report_write's
 * codes, and SRMAP_EXIT_INPUT when the parts do not belong together (the
 * previous set is then left as it was).
 */
int report_write_merged(struct merge_set *m, const struct report_options *opt,
			struct diag_list *d);

/*
 * Writes the part of shard plan->shard (shard.h) of the assessment a into
 * opt->out_dir/parts as part-K-of-N.xml (part.h), atomically; the formats and
 * PDF options of opt are recorded in it for srmap merge, which makes them.
 * Returns SRMAP_EXIT_OK or SRMAP_EXIT_OUTPUT.
 */
int report_write_part(const struct assessment *a, const struct run_info *run,
		      const struct report_options *opt, const struct shard_plan *plan,
		      struct diag_list *d);

#endif
