/*
 * report.c - writes the set of output files of a run: the canonical XML and
 * every template-made format, into a stage committed as a whole (outset.c).
 */
#include "srmap/write/report.h"
#include "attach.h"
#include "canonical.h"
#include "fastpath.h"
#include "pdfreport.h"
#include "srmap/base/alloc.h"
#include "srmap/assess.h"
#include "srmap/base/digest.h"
#include "srmap/base/libmem.h"
#include "srmap/write/jsonout.h"
#include "srmap/write/merge.h"
#include "srmap/write/outdir.h"
#include "srmap/pdf.h"
#include "srmap/base/srmap.h"
#include "srmap/write/template.h"
#include "srmap/write/workers.h"
#include "srmap/write/xlsxout.h"

#include <errno.h>
#include <time.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *template_path(const struct report_format *f, const struct report_options *opt)
{
	if (f->kind == REPORT_PDF && opt->pdf_template)
		return xstrdup(opt->pdf_template);
	return xasprintf("%s/templates/%s", opt->datadir, f->template);
}

/*
 * Lays out and draws a PDF template's result.  Images may come only from the
 * profile's logo and the template folders; relative image paths are looked up
 * in the template's own folder first.  The output intent's ICC profile is the
 * data folder's icc/sRGB.icc when there is one, else icc-profiles-free's.
 */
static int write_pdf(struct template_result *r, const char *xsl, const char *shipped,
		     const char *datadir, const char *logo, const struct attach_set *att, struct outfile *out,
		     struct diag_list *d)
{
	char *copy = xstrdup(xsl);
	const char *dirs[2] = { dirname(copy), shipped };
	/* the output intent's profile: the data folder's own, else icc-profiles-free's */
	char *icc = xasprintf("%s/icc/sRGB.icc", datadir);
	const char *files[1] = { logo };
	struct pdf_settings s = { .allowed_files = files, .nallowed_files = logo ? 1 : 0,
				  .allowed_dirs = dirs, .nallowed_dirs = 2, .base_dir = dirs[0],
				  .icc_profile = access(icc, F_OK) == 0 ? icc : NULL,
				  .attachments = att->items, .nattachments = att->n };
	size_t before = diag_failures(d);
	int rc = pdf_render_taking(&r->doc, xsl, &s, out->fd, d);
	if (rc != PDF_OK)
		libmem_check();     /* the layout's XML could not allocate: not a layout error */
	free(copy);
	free(icc);
	if (rc == PDF_OK && diag_failures(d) > before)
		return SRMAP_EXIT_CATALOG;     /* --strict: a layout warning (a row cut, a glyph missing) */
	if (rc == PDF_ERR_LAYOUT)
		return SRMAP_EXIT_CATALOG;
	if (rc == PDF_ERR_WRITE)
		return SRMAP_EXIT_OUTPUT;
	return rc == PDF_OK ? SRMAP_EXIT_OK : SRMAP_EXIT_INTERNAL;
}

/* Writes the JSON a template's result describes (jsonout.h). */
static int write_json(const struct template_result *r, const char *xsl, struct outfile *out,
		      struct diag_list *d)
{
	int rc = jsonout_write(r->doc, xsl, out->fd, d);
	if (rc == JSONOUT_ERR_SHAPE)
		return SRMAP_EXIT_CATALOG;
	if (rc == JSONOUT_ERR_WRITE) {
		diag_add(d, DIAG_ERROR, out->shown, 0, 0, "cannot write: %s", strerror(errno));
		return SRMAP_EXIT_OUTPUT;
	}
	return SRMAP_EXIT_OK;
}

/*
 * Writes the workbook a template's result describes (xlsxout.h).
 * libxlsxwriter writes to a file name: the temporary out holds open, which
 * it truncates and fills, so that committing out commits the workbook; its
 * own temporaries go to the set folder beside it.
 */
static int write_xlsx(const struct template_result *r, const char *xsl, struct outfile *out,
		      struct diag_list *d)
{
	char *copy = xstrdup(out->tmp);
	struct xlsxout_file file = { out->tmp, out->shown, dirname(copy) };
	size_t before = diag_failures(d);
	int rc = xlsxout_write(r->doc, xsl, &file, d);
	free(copy);
	if (rc == XLSXOUT_ERR_SHAPE || (rc == XLSXOUT_OK && diag_failures(d) > before))
		return SRMAP_EXIT_CATALOG;     /* with --strict, a cell's text cut too */
	return rc == XLSXOUT_OK ? SRMAP_EXIT_OK : SRMAP_EXIT_OUTPUT;
}

/*
 * Produces one template-made format into the open file out, from canonical
 * (borrowed from docs).  When no later format reads the same document, it is
 * freed as soon as the template has read it: for a PDF, the layout and the
 * drawing then do not hold the largest tree of the run (several times the
 * XML file's size).
 */
/* The shipped PDF template's layout document, made by its C writer with the same parameters. */
static xmlDocPtr pdf_layout(xmlDocPtr canonical, const struct report_options *opt,
			    const struct attach_set *att)
{
	struct pdfr_params p;
	pdfr_params_default(&p);
	p.pdf_detail = opt->pdf_summary ? "summary" : "full";
	if (att->active) {
		p.attachments = att->attached.s ? att->attached.s : "";
		p.attachments_skipped = att->skipped.s ? att->skipped.s : "";
		p.attach_limit = att->limit;
	}
	return pdfr_build(canonical, &p);
}

static int write_templated(const struct report_format *f, struct canonical_docs *docs,
			   xmlDocPtr canonical, int last, const struct report_options *opt,
			   const char *logo, const struct attach_set *att, struct outfile *out,
			   struct diag_list *d)
{
	char *xsl = template_path(f, opt);
	char *shipped = xasprintf("%s/templates", opt->datadir);
	struct template_result r = { 0 };
	int rc = SRMAP_EXIT_OK;
	/* Every PDF template is told the detail wanted, so that a user's own can honour it too. */
	const char *params[] = { "pdf-detail", opt->pdf_summary ? "summary" : "full",
				 "attachments", att->attached.s, "attachments-skipped", att->skipped.s,
				 "attach-limit", att->limit, NULL };
	if (!att->active)
		params[2] = NULL;
	int with_params = f->kind == REPORT_PDF;
	/* A shipped template's C writer, where it has one, makes the same bytes (fastpath.h);
	 * never for a PDF, whose template may be any file (--template). */
	fastpath_writer fast = f->kind == REPORT_PDF ? NULL : fastpath_for(xsl);
	int written = fast ? fast(canonical, out->fd) : FASTPATH_DECLINED;
	if (f->kind == REPORT_PDF && fastpath_pdf(xsl) && pdfr_whole())
		r.doc = pdf_layout(canonical, opt, att);     /* NULL: the template runs */
	int applied = written != FASTPATH_DECLINED || r.doc ? 0 :
		template_apply(xsl, canonical, with_params ? params : NULL, shipped, &r, d);
	if (last)
		canonical_drop(docs, canonical);
	if (written != FASTPATH_DECLINED) {
		libmem_check();     /* the tree could not allocate: not a write error */
		if (written < 0) {
			diag_add(d, DIAG_ERROR, out->shown, 0, 0, "cannot write: %s", strerror(errno));
			rc = SRMAP_EXIT_OUTPUT;
		}
	} else if (applied < 0) {
		rc = SRMAP_EXIT_CATALOG;
	} else if (f->kind == REPORT_TEMPLATE && template_save(&r, out->fd) < 0) {
		diag_add(d, DIAG_ERROR, out->shown, 0, 0, "cannot write: %s", strerror(errno));
		rc = SRMAP_EXIT_OUTPUT;
	} else if (f->kind == REPORT_JSON) {
		rc = write_json(&r, xsl, out, d);
	} else if (f->kind == REPORT_XLSX) {
		rc = write_xlsx(&r, xsl, out, d);
	} else if (f->kind == REPORT_PDF) {
		rc = write_pdf(&r, xsl, shipped, opt->datadir, logo, att, out, d);
	}
	template_result_release(&r);
	free(shipped);
	free(xsl);
	return rc;
}

/*
 * The run's inputs plus one "template" input per requested template, so that
 * the report records (and srmap verify re-checks) the templates it was made with.
 * Shipped templates are named relative to the data folder.
 */
static struct input_file *with_template_inputs(const struct run_info *run,
					       const struct report_options *opt, size_t *n)
{
	size_t nf = format_count();
	struct input_file *all = xcalloc(run->ninputs + nf, sizeof(*all));
	memcpy(all, run->inputs, run->ninputs * sizeof(*all));
	*n = run->ninputs;
	for (size_t i = 0; i < nf; i++) {
		const struct report_format *f = &report_formats[i];
		if (!f->template || !((opt->formats >> i) & 1))
			continue;
		char *path = template_path(f, opt);
		struct input_file *t = &all[*n];
		*t = (struct input_file){ .role = "template", .format = "xslt", .records = 0 };
		if (digest_sha256_file(path, t->sha256, &t->size) < 0) {
			free(path);
			t->role = NULL;
			continue;      /* reported when the template is applied */
		}
		size_t dl = strlen(opt->datadir);
		if (!(f->kind == REPORT_PDF && opt->pdf_template) &&
		    strncmp(path, opt->datadir, dl) == 0 && path[dl] == '/') {
			t->path = xstrdup(path + dl + 1);
			free(path);
		} else {
			t->path = path;
		}
		(*n)++;
	}
	return all;
}

/* A monotonic clock in seconds, for the time each file took. */
static double now_seconds(void)
{
	struct timespec ts;
	return clock_gettime(CLOCK_MONOTONIC, &ts) < 0 ? 0 : (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* How --progress says a format was made: by its template, or by the C writer standing in for it. */
static const char *made_by(const struct report_format *f, const struct report_options *opt)
{
	char *xsl = f->template ? template_path(f, opt) : NULL;
	int fast = xsl && (f->kind == REPORT_PDF ? fastpath_pdf(xsl) && pdfr_whole()
						 : fastpath_for(xsl) != NULL);
	free(xsl);
	return fast ? " (by the C writer of its shipped template)" : "";
}

static void made(const struct report_options *opt, struct diag_list *d,
		 const struct report_format *f, double since)
{
	if (opt->progress)
		fprintf(d->stream, "srmap: made %s in %.2f s%s\n", f->file, now_seconds() - since,
			made_by(f, opt));
}

/*
 * The manifest and signature of the files about to be committed, hashed
 * from their temporaries (sign.h); signed[] is left for the caller to commit.
 */
static int sign_set(const struct outfile *files, size_t n, const struct report_options *opt,
		    const char *dir, long long when, struct outfile signed_files[2], struct diag_list *d)
{
	struct sign_entry *list = xcalloc(n, sizeof(*list));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (files[i].fd >= 0 && ((opt->formats >> i) & 1))
			list[k++] = (struct sign_entry){ report_formats[i].file, files[i].tmp };
	int rc = sign_write_set(opt->signer, dir, list, k, when, signed_files, d);
	free(list);
	return rc;
}

/* Whether no format requested after format i reads the parts format i reads. */
static int last_use(const unsigned *mask_for, size_t i, size_t n, unsigned formats)
{
	for (size_t j = i + 1; j < n; j++)
		if (((formats >> j) & 1) && mask_for[j] == mask_for[i])
			return 0;
	return 1;
}

/* ---- the template-made formats in worker processes (--jobs) --------------------------------- */

struct side_by_side {
	const struct report_options *opt;
	struct canonical_docs *docs;
	size_t *format;            /* per task: its index in report_formats */
	xmlDocPtr *doc;            /* per task: the document its template reads */
	struct outfile *files;
	const struct attach_set *att;
	const char *logo;          /* the profile's logo, or NULL */
	const char **names;        /* per task: the file it makes */
	struct diag_list *d;
};

/*
 * In a worker.  The documents it shares with the run are not freed there, nor
 * in the run while workers use them: freeing a tree writes to every page of
 * it, and each page written by one process of the two is copied for it (the
 * 1 GB assessment of 10,000 resources copied in full, seconds of the
 * kernel's time and a gigabyte more); the worker's end frees its memory.
 */
static int render_task(size_t t, void *ctx, struct diag_list *d)
{
	struct side_by_side *s = ctx;
	const struct report_format *f = &report_formats[s->format[t]];
	return write_templated(f, s->docs, s->doc[t], 0, s->opt, s->logo, s->att,
			       &s->files[s->format[t]], d);
}

static void render_done(size_t t, double seconds, void *ctx)
{
	struct side_by_side *s = ctx;
	if (s->opt->progress)
		fprintf(s->d->stream, "srmap: made %s in %.2f s%s\n", s->names[t], seconds,
			made_by(&report_formats[s->format[t]], s->opt));
}

/*
 * Makes the requested template-made formats at most opt->jobs at a time,
 * each in a worker process (workers.h): the same files and the same
 * messages as one after the other.  Every file is opened first, in order.
 */
static int write_side_by_side(const char *logo, const struct report_options *opt,
			      struct canonical_docs *docs, xmlDocPtr *doc_for,
			      struct outfile *files,
			      const char *stage, const struct attach_set *att, struct diag_list *d)
{
	size_t n = format_count();
	struct side_by_side s = { opt, docs, xcalloc(n, sizeof(size_t)), xcalloc(n, sizeof(xmlDocPtr)),
				  files, att, logo, xcalloc(n, sizeof(char *)), d };
	size_t tasks = 0;
	int rc = SRMAP_EXIT_OK;
	for (size_t i = 1; i < n && rc == SRMAP_EXIT_OK; i++) {
		if (!((opt->formats >> i) & 1))
			continue;
		xmlDocPtr doc = doc_for[i] ? doc_for[i] : canonical_whole(docs, d);
		if (!doc)
			rc = SRMAP_EXIT_INTERNAL;
		else if (outfile_open(&files[i], stage, report_formats[i].file, d) < 0)
			rc = SRMAP_EXIT_OUTPUT;
		s.format[tasks] = i;
		s.doc[tasks] = doc;
		s.names[tasks] = report_formats[i].file;
		tasks++;
	}
	size_t *order = format_start_order(s.format, tasks);
	if (rc == SRMAP_EXIT_OK)
		rc = workers_run(tasks, opt->jobs, order, render_task, NULL, render_done,
				 &s, s.names, d);
	free(order);
	free(s.format);
	free(s.doc);
	free(s.names);
	return rc;
}

/*
 * The canonical XML into xml: written from the assessment a, or merged from
 * the parts of m when a is NULL.
 */
static int write_canonical(const struct assessment *a, const struct run_info *run,
			   struct merge_set *m, struct outfile *xml, struct diag_list *d)
{
	int rc = SRMAP_EXIT_OK;
	if (a && emit_assessment_xml(a, run, xml->fd) < 0) {
		libmem_check();     /* the XML writer could not allocate: not a write error */
		rc = SRMAP_EXIT_OUTPUT;
	} else if (!a) {
		rc = merge_write(m, xml->fd, d);
	}
	if (rc == SRMAP_EXIT_OUTPUT)
		diag_add(d, DIAG_ERROR, xml->shown, 0, 0, "cannot write: %s", strerror(errno));
	return rc;
}

/* A report set from the assessment a (with run), or from the parts m when a is NULL. */
static int write_set(const struct assessment *a, const struct run_info *run, struct merge_set *m,
		     const struct report_options *opt, struct diag_list *d)
{
	size_t n = format_count();
	struct outfile *files = xcalloc(n, sizeof(*files));
	for (size_t i = 0; i < n; i++)
		files[i].fd = -1;
	int rc = SRMAP_EXIT_OK;
	struct canonical_docs docs = { 0 };
	xmlDocPtr *doc_for = xcalloc(n, sizeof(*doc_for));   /* per format, borrowed from docs */
	unsigned *mask_for = xcalloc(n, sizeof(*mask_for));   /* per format, the parts it reads */
	struct input_file *inputs = NULL;
	struct attach_set att = { 0 };

	struct outset set = { NULL, NULL, -1 };
	if (outset_begin(&set, opt->out_dir, d) < 0) {
		rc = SRMAP_EXIT_OUTPUT;
		goto done;
	}
	/* The canonical XML is always made: every other format is made from it. */
	struct outfile *xml = &files[0];
	if (outfile_open(xml, set.stage, report_formats[0].file, d) < 0) {
		rc = SRMAP_EXIT_OUTPUT;
		goto done;
	}
	/* Before the XML is written, so that a warning about the attachments is in it too. */
	size_t pdf_index = 0;
	while (report_formats[pdf_index].name && report_formats[pdf_index].kind != REPORT_PDF)
		pdf_index++;
	if (a && opt->attach_evidence && ((opt->formats >> pdf_index) & 1)) {
		size_t before = diag_failures(d);
		attach_collect(a, opt->attach_limit ? opt->attach_limit : REPORT_ATTACH_LIMIT_DEFAULT,
			       &att, d);
		if (diag_failures(d) > before) {
			rc = SRMAP_EXIT_OUTPUT;     /* --strict: the PDF would lack artifacts */
			goto done;
		}
	}
	struct run_info with_templates = { 0 };
	if (a) {
		with_templates = *run;
		with_templates.inputs = inputs = with_template_inputs(run, opt,
								       &with_templates.ninputs);
	}
	double started = now_seconds();
	rc = write_canonical(a, &with_templates, m, xml, d);
	if (rc != SRMAP_EXIT_OK)
		goto done;
	made(opt, d, &report_formats[0], started);
	/*
	 * A document of parts that holds the diagnostics is made before any
	 * template runs, so that it says what the file says (not what the
	 * templates run first report); so is every document when the formats are
	 * made side by side (the workers share them).  The others are made when
	 * their first template runs and freed after its last: a large estate's
	 * documents are not all held at once.
	 */
	canonical_init(&docs, xml->tmp, a, a ? &with_templates : NULL);
	const char *logo = a ? (a->profile ? a->profile->logo : NULL) : m->logo;
	started = now_seconds();
	int whole = 0;
	for (size_t i = 1; i < n && rc == SRMAP_EXIT_OK; i++)
		if ((opt->formats >> i) & 1) {
			char *xsl = template_path(&report_formats[i], opt);
			rc = canonical_mask(&docs, xsl, &mask_for[i], d);
			free(xsl);
			whole |= mask_for[i] == EMIT_ALL_PARTS;
		}
	/* The whole document, made for one template anyway, serves the others too rather
	   than documents of their parts made besides it (a template gives the same on it);
	   but not one that reads only parts that do not grow with the estate: it is quicker
	   on a small document of its own than on the whole, which libxslt walks in full. */
	unsigned growing = emit_part("workload") | emit_part("organisation") |
			   emit_part("evidence") | emit_part("finding");
	for (size_t i = 1; i < n && whole; i++)
		if (mask_for[i] & growing)
			mask_for[i] = EMIT_ALL_PARTS;
	for (size_t i = 1; i < n && rc == SRMAP_EXIT_OK; i++)
		if (((opt->formats >> i) & 1) &&
		    (opt->jobs > 1 || (mask_for[i] & emit_part("diagnostics"))))
			rc = canonical_get(&docs, mask_for[i], &doc_for[i], d);
	if (opt->progress && rc == SRMAP_EXIT_OK && docs.n)
		fprintf(d->stream, "srmap: made the documents of parts the templates declare in "
			"%.2f s\n", now_seconds() - started);
	if (opt->jobs > 1 && rc == SRMAP_EXIT_OK)
		rc = write_side_by_side(logo, opt, &docs, doc_for, files, set.stage, &att, d);
	for (size_t i = 1; i < n && rc == SRMAP_EXIT_OK && opt->jobs <= 1; i++) {
		if (!((opt->formats >> i) & 1))
			continue;
		started = now_seconds();
		xmlDocPtr doc = doc_for[i];
		if (!doc)
			rc = canonical_get(&docs, mask_for[i], &doc, d);
		if (rc == SRMAP_EXIT_OK && !doc)
			doc = canonical_whole(&docs, d);
		if (rc != SRMAP_EXIT_OK)
			break;
		if (!doc)
			rc = SRMAP_EXIT_INTERNAL;
		else if (outfile_open(&files[i], set.stage, report_formats[i].file, d) < 0)
			rc = SRMAP_EXIT_OUTPUT;
		else
			rc = write_templated(&report_formats[i], &docs, doc,
					     last_use(mask_for, i, n, opt->formats), opt, logo, &att,
					     &files[i], d);
		if (rc == SRMAP_EXIT_OK)
			made(opt, d, &report_formats[i], started);
	}
done:
	canonical_release(&docs);
	free(doc_for);
	free(mask_for);
	/* Each file is complete in the stage; the set is then switched in as a whole. */
	for (size_t i = 0; i < n && rc == SRMAP_EXIT_OK; i++)
		if (files[i].fd >= 0 && ((opt->formats >> i) & 1) && fsync(files[i].fd) < 0) {
			diag_add(d, DIAG_ERROR, files[i].shown, 0, 0, "cannot write: %s", strerror(errno));
			rc = SRMAP_EXIT_OUTPUT;
		}
	struct outfile signed_files[2] = { { NULL, NULL, -1, NULL }, { NULL, NULL, -1, NULL } };
	if (rc == SRMAP_EXIT_OK && opt->signer)
		rc = sign_set(files, n, opt, set.stage, run ? run->generated : m->generated,
			      signed_files, d);
	for (size_t i = 0; i < n; i++) {
		if (files[i].fd < 0)
			continue;
		int wanted = (opt->formats >> i) & 1;
		if (rc == SRMAP_EXIT_OK && wanted) {
			if (outfile_commit(&files[i], d) < 0)
				rc = SRMAP_EXIT_OUTPUT;
		} else {
			outfile_abort(&files[i]);
		}
	}
	/* The manifest and its signature join the stage too: the set is switched in with them. */
	for (int i = 0; i < 2; i++)
		if (signed_files[i].fd >= 0 && (rc != SRMAP_EXIT_OK ||
						outfile_commit(&signed_files[i], d) < 0)) {
			outfile_abort(&signed_files[i]);
			rc = rc == SRMAP_EXIT_OK ? SRMAP_EXIT_OUTPUT : rc;
		}
	if (set.stage && rc == SRMAP_EXIT_OK && outset_commit(&set, d) < 0)
		rc = SRMAP_EXIT_OUTPUT;
	else if (set.stage)
		outset_abort(&set);
	attach_release(&att);
	free(files);
	if (inputs)
		for (size_t i = run->ninputs; i < run->ninputs + format_count(); i++)
			if (inputs[i].role)
				free(inputs[i].path);
	free(inputs);
	return rc;
}

int report_write(const struct assessment *a, const struct run_info *run,
		 const struct report_options *opt, struct diag_list *d)
{
	return write_set(a, run, NULL, opt, d);
}

int report_write_merged(struct merge_set *m, const struct report_options *opt, struct diag_list *d)
{
	return write_set(NULL, NULL, m, opt, d);
}

/* The names of the formats in mask, comma-separated (caller frees). */
static char *format_names(unsigned mask)
{
	char *s = xstrdup("");
	for (size_t i = 0; report_formats[i].name; i++)
		if ((mask >> i) & 1) {
			char *more = xasprintf("%s%s%s", s, *s ? "," : "", report_formats[i].name);
			free(s);
			s = more;
		}
	return s;
}

int report_write_part(const struct assessment *a, const struct run_info *run,
		      const struct report_options *opt, const struct shard_plan *plan,
		      struct diag_list *d)
{
	char name[64];
	part_name(name, sizeof name, plan->shard, plan->nshards);
	struct outfile f = { NULL, NULL, -1, NULL };
	/* A folder of its own: the parts are neither files of the set nor removed with it. */
	char *dir = xasprintf("%s/%s", opt->out_dir, PART_FOLDER);
	int opened = outdir_prepare(dir, d) == 0 && outfile_open(&f, dir, name, d) == 0;
	free(dir);
	if (!opened)
		return SRMAP_EXIT_OUTPUT;
	struct run_info part = *run;
	struct input_file *inputs = with_template_inputs(run, opt, &part.ninputs);
	char *formats = format_names(opt->formats);
	char *header = part_header(plan->shard, plan->nshards, shard_by_name(plan->by), formats,
				    opt->pdf_summary ? "summary" : "full", opt->pdf_template,
				    a->profile ? a->profile->logo : NULL);
	part.inputs = inputs;
	part.shard = plan;
	part.part_header = header;
	int rc = SRMAP_EXIT_OK;
	if (emit_assessment_xml(a, &part, f.fd) < 0 || fsync(f.fd) < 0) {
		libmem_check();
		diag_add(d, DIAG_ERROR, f.shown, 0, 0, "cannot write: %s", strerror(errno));
		outfile_abort(&f);
		rc = SRMAP_EXIT_OUTPUT;
	} else if (outfile_commit(&f, d) < 0) {
		rc = SRMAP_EXIT_OUTPUT;
	}
	for (size_t i = run->ninputs; i < part.ninputs; i++)
		free(inputs[i].path);
	free(inputs);
	free(formats);
	free(header);
	return rc;
}
