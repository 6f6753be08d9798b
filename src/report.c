/*
 * report.c - writes the set of output files of a run: the canonical XML and
 * every template-made format, all committed together or not at all.
 */
#include "report.h"
#include "alloc.h"
#include "digest.h"
#include "outdir.h"
#include "pdf.h"
#include "srmap.h"
#include "template.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

const struct report_format report_formats[] = {
	{ "xml", "assessment.xml", REPORT_CANONICAL, NULL,
	  "canonical assessment XML (docs/assessment-xml.md)" },
	{ "oscal", "assessment-results.xml", REPORT_TEMPLATE, "oscal-ar.xsl",
	  "OSCAL 1.0.6 assessment results (docs/oscal.md)" },
	{ "crm", "crm.xml", REPORT_TEMPLATE, "crm.xsl",
	  "customer responsibility matrix, XML (docs/crm.md)" },
	{ "csv", "crm.csv", REPORT_TEMPLATE, "crm-csv.xsl",
	  "customer responsibility matrix, CSV (docs/crm.md)" },
	{ "pdf", "report.pdf", REPORT_PDF, "report-pdf.xsl", "PDF report" },
	{ NULL, NULL, REPORT_CANONICAL, NULL, NULL }
};

static size_t format_count(void)
{
	size_t n = 0;
	while (report_formats[n].name)
		n++;
	return n;
}

unsigned report_all_formats(void)
{
	return (1u << format_count()) - 1;
}

int report_parse_formats(const char *list, unsigned *mask, struct diag_list *d)
{
	*mask = 0;
	const char *p = list;
	while (*p) {
		size_t len = strcspn(p, ",");
		int found = 0;
		if (len == 3 && strncmp(p, "all", 3) == 0) {
			*mask |= report_all_formats();
			found = 1;
		}
		for (size_t i = 0; !found && report_formats[i].name; i++)
			if (strlen(report_formats[i].name) == len &&
			    strncmp(report_formats[i].name, p, len) == 0) {
				*mask |= 1u << i;
				found = 1;
			}
		if (!found) {
			char names[256] = "";
			for (size_t i = 0; report_formats[i].name; i++) {
				strncat(names, report_formats[i].name, sizeof names - strlen(names) - 1);
				strncat(names, ", ", sizeof names - strlen(names) - 1);
			}
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown format \"%.*s\" (choose from %sall)",
				 (int)len, p, names);
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*mask) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "--format names no format");
		return -1;
	}
	return 0;
}

static char *template_path(const struct report_format *f, const struct report_options *opt)
{
	if (f->kind == REPORT_PDF && opt->pdf_template)
		return xstrdup(opt->pdf_template);
	return xasprintf("%s/templates/%s", opt->datadir, f->template);
}

/*
 * Lays out and draws a PDF template's result.  Images may come only from the
 * profile's logo and the template folders; relative image paths are looked up
 * in the template's own folder first.
 */
static int write_pdf(const struct template_result *r, const char *xsl, const char *shipped,
		     const char *logo, struct outfile *out, struct diag_list *d)
{
	char *copy = xstrdup(xsl);
	const char *dirs[2] = { dirname(copy), shipped };
	const char *files[1] = { logo };
	struct pdf_settings s = { .allowed_files = files, .nallowed_files = logo ? 1 : 0,
				  .allowed_dirs = dirs, .nallowed_dirs = 2, .base_dir = dirs[0] };
	int rc = pdf_render(r->doc, xsl, &s, out->fd, d);
	free(copy);
	if (rc == PDF_ERR_LAYOUT)
		return SRMAP_EXIT_CATALOG;
	if (rc == PDF_ERR_WRITE)
		return SRMAP_EXIT_OUTPUT;
	return rc == PDF_OK ? SRMAP_EXIT_OK : SRMAP_EXIT_INTERNAL;
}

/* Produces one template-made format into the open file out. */
static int write_templated(const struct report_format *f, xmlDocPtr canonical,
			   const struct report_options *opt, const char *logo,
			   struct outfile *out, struct diag_list *d)
{
	char *xsl = template_path(f, opt);
	char *shipped = xasprintf("%s/templates", opt->datadir);
	struct template_result r;
	int rc = SRMAP_EXIT_OK;
	if (template_apply(xsl, canonical, NULL, shipped, &r, d) < 0) {
		rc = SRMAP_EXIT_CATALOG;
	} else if (f->kind == REPORT_TEMPLATE && template_save(&r, out->fd) < 0) {
		diag_add(d, DIAG_ERROR, out->final, 0, 0, "cannot write: %s", strerror(errno));
		rc = SRMAP_EXIT_OUTPUT;
	} else if (f->kind == REPORT_PDF) {
		rc = write_pdf(&r, xsl, shipped, logo, out, d);
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

int report_write(const struct assessment *a, const struct run_info *run,
		 const struct report_options *opt, struct diag_list *d)
{
	size_t n = format_count();
	struct outfile *files = xcalloc(n, sizeof(*files));
	for (size_t i = 0; i < n; i++)
		files[i].fd = -1;
	int rc = SRMAP_EXIT_OK;
	xmlDocPtr canonical = NULL;
	struct input_file *inputs = NULL;

	int lock = -1;
	if (outdir_prepare(opt->out_dir, d) < 0 || (lock = outdir_lock(opt->out_dir, d)) < 0) {
		rc = SRMAP_EXIT_OUTPUT;
		goto done;
	}
	/* The canonical XML is always made: every other format is made from it. */
	struct outfile *xml = &files[0];
	if (outfile_open(xml, opt->out_dir, report_formats[0].file, d) < 0) {
		rc = SRMAP_EXIT_OUTPUT;
		goto done;
	}
	struct run_info with_templates = *run;
	with_templates.inputs = inputs = with_template_inputs(run, opt, &with_templates.ninputs);
	if (emit_assessment_xml(a, &with_templates, xml->fd) < 0) {
		diag_add(d, DIAG_ERROR, xml->final, 0, 0, "cannot write: %s", strerror(errno));
		rc = SRMAP_EXIT_OUTPUT;
		goto done;
	}
	int templated = 0;
	for (size_t i = 1; i < n; i++)
		templated |= (opt->formats >> i) & 1;
	if (templated && !(canonical = template_read_xml(xml->tmp, d))) {
		rc = SRMAP_EXIT_INTERNAL;
		goto done;
	}
	for (size_t i = 1; i < n && rc == SRMAP_EXIT_OK; i++) {
		if (!((opt->formats >> i) & 1))
			continue;
		if (outfile_open(&files[i], opt->out_dir, report_formats[i].file, d) < 0)
			rc = SRMAP_EXIT_OUTPUT;
		else
			rc = write_templated(&report_formats[i], canonical, opt,
					     a->profile ? a->profile->logo : NULL, &files[i], d);
	}
done:
	if (canonical)
		xmlFreeDoc(canonical);
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
	outdir_unlock(lock);
	free(files);
	if (inputs)
		for (size_t i = run->ninputs; i < run->ninputs + format_count(); i++)
			if (inputs[i].role)
				free(inputs[i].path);
	free(inputs);
	return rc;
}
