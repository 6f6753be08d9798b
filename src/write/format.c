/*
 * format.c - the table of output formats, the names of a report set, the
 * list of shipped templates, the order formats start in under --jobs, and
 * --format lists.
 */
#include "srmap/write/format.h"
#include "srmap/base/alloc.h"
#include "srmap/base/srmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct report_format report_formats[] = {
	{ "xml", "assessment.xml", REPORT_CANONICAL, NULL,
	  "canonical assessment XML (docs/assessment-xml.md)", 8 },
	{ "oscal", "assessment-results.xml", REPORT_TEMPLATE, "oscal-ar.xsl",
	  "OSCAL 1.0.6 assessment results (docs/oscal.md)", 43 },
	{ "crm", "crm.xml", REPORT_TEMPLATE, "crm.xsl",
	  "customer responsibility matrix, XML (docs/crm.md)", 5 },
	{ "csv", "crm.csv", REPORT_TEMPLATE, "crm-csv.xsl",
	  "customer responsibility matrix, CSV (docs/crm.md)", 4 },
	{ "json", "findings.json", REPORT_JSON, "findings-json.xsl",
	  "findings and checks, JSON (docs/findings-json.md)", 24 },
	{ "junit", "junit.xml", REPORT_TEMPLATE, "junit.xsl",
	  "checks as JUnit XML test results, for CI (docs/junit.md)", 107 },
	{ "xlsx", "crm.xlsx", REPORT_XLSX, "crm-xlsx.xsl",
	  "customer responsibility matrix and findings, Excel workbook (docs/xlsx.md)", 85 },
	{ "html", "report.html", REPORT_TEMPLATE, "report-html.xsl",
	  "HTML report, one self-contained page (docs/html.md)", 221 },
	{ "pdf", "report.pdf", REPORT_PDF, "report-pdf.xsl", "PDF report", 94 },
	{ NULL, NULL, REPORT_CANONICAL, NULL, NULL, 0 }
};

int format_list_templates(const char *datadir, FILE *out)
{
	int rc = SRMAP_EXIT_OK;
	fprintf(out, "%-6s %-18s %-24s %s\n", "FORMAT", "TEMPLATE", "WRITES", "WHAT");
	for (size_t i = 0; report_formats[i].name; i++) {
		const struct report_format *f = &report_formats[i];
		if (!f->template)
			continue;
		char *path = xasprintf("%s/templates/%s", datadir, f->template);
		int present = access(path, R_OK) == 0;
		free(path);
		fprintf(out, "%-6s %-18s %-24s %s%s\n", f->name, f->template, f->file, f->what,
			present ? "" : " (MISSING)");
		if (!present)
			rc = SRMAP_EXIT_CATALOG;
	}
	fprintf(out, "\nCopy a template, change it, and give it with --template FILE (PDF).\n");
	return rc;
}

int format_is_output_name(const char *name, size_t len)
{
	static const char *const signed_names[] = { SIGN_MANIFEST, SIGN_SIGNATURE };
	for (size_t i = 0; report_formats[i].name; i++)
		if (strlen(report_formats[i].file) == len && !strncmp(name, report_formats[i].file, len))
			return 1;
	for (size_t i = 0; i < sizeof signed_names / sizeof *signed_names; i++)
		if (strlen(signed_names[i]) == len && !strncmp(name, signed_names[i], len))
			return 1;
	return 0;
}

size_t format_count(void)
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
			const char *names[16];
			size_t n = 0;
			for (size_t i = 0; report_formats[i].name && n < 15; i++)
				names[n++] = report_formats[i].name;
			names[n++] = "all";
			char *choices = xjoin(names, n, ", ");
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown format \"%.*s\" (choose from %s)",
				 (int)len, p, choices);
			free(choices);
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

size_t *format_start_order(const size_t *format, size_t tasks)
{
	size_t *order = xcalloc(tasks ? tasks : 1, sizeof(*order));
	for (size_t i = 0; i < tasks; i++) {
		size_t j = i;
		unsigned cost = report_formats[format[i]].cost;
		for (; j > 0 && report_formats[format[order[j - 1]]].cost < cost; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	return order;
}
