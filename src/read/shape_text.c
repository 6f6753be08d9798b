/*
 * shape_text.c - owns the shapes of files that are not JSON and that
 * srmap does not read, told by their first bytes or their markup: the
 * table of tests and messages.  Each test follows the tool's own output:
 * Prowler's html.py (its page title) and compliance models (upper-case
 * columns, REQUIREMENTS_ID and CHECKID), ScubaGear's report templates and
 * Sample-Reports (UTF-16 files, as Windows PowerShell's Out-File writes),
 * Maester's ReportTemplate.html; PDF, ZIP (XLSX) and OLE2 (XLS) by magic.
 */
#include "shape_text.h"
#include "srmap/base/alloc.h"
#include "srmap/base/jsondoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The text from its first significant byte. */
struct view {
	const char *text;
	size_t len;
	int utf16;                 /* the file was UTF-16, narrowed to its ASCII characters */
};

/* Case-insensitive search for needle in the n bytes at hay. */
static int has_text(const struct view *v, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; v->text && i + m <= v->len; i++)
		if (strncasecmp(v->text + i, needle, m) == 0)
			return 1;
	return 0;
}

static int starts(const struct view *v, const char *prefix, size_t m)
{
	return v->text && v->len >= m && memcmp(v->text, prefix, m) == 0;
}

static int starts_ci(const struct view *v, const char *prefix)
{
	size_t m = strlen(prefix);
	return v->text && v->len >= m && strncasecmp(v->text, prefix, m) == 0;
}

static int is_html(const struct view *v)
{
	if (starts_ci(v, "<!doctype html") || starts_ci(v, "<html"))
		return 1;
	/* An XML prolog or a comment may come first (XHTML, generated pages). */
	struct view head = *v;
	head.len = v->len < 1024 ? v->len : 1024;
	return starts(v, "<", 1) && has_text(&head, "<html");
}

static int t_pdf(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return starts(v, "%PDF-", 5);
}

/* XLSX is a ZIP archive whose members are under xl/ ([Content_Types].xml names them too). */
static int t_xlsx(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return starts(v, "PK\3\4", 4) && has_text(v, "xl/workbook");
}

static int t_zip(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return starts(v, "PK\3\4", 4) || starts(v, "PK\5\6", 4);
}

/* The compound document of .xls (and of other Office 97-2003 files). */
static int t_ole(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return starts(v, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

static int t_prowler_html(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return is_html(v) && (has_text(v, "<title>prowler") || has_text(v, "prowler-logo"));
}

/* ScubaGear's summary: "SCuBA ... Baseline Reports" in its title; product reports say "Baseline Report". */
static int t_scuba_summary(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return is_html(v) && has_text(v, "<title>SCuBA") && has_text(v, "Baseline Reports</title>");
}

static int t_scuba_product(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return is_html(v) && (has_text(v, "cisa.gov/scuba") || has_text(v, "cisagov/ScubaGear"));
}

static int t_maester_html(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return is_html(v) && (has_text(v, "<title>Maester") || has_text(v, "maester.dev"));
}

static int t_html(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return is_html(v);
}

/* The root element's name, after the prolog, comments and a document type. */
static int t_xml(const struct view *v, char *detail, size_t n)
{
	if (!starts(v, "<", 1))
		return 0;
	const char *p = v->text, *end = v->text + v->len;
	while (p < end && *p == '<' && p + 1 < end && (p[1] == '?' || p[1] == '!')) {
		const char *close = memchr(p, '>', (size_t)(end - p));
		if (!close)
			return 0;
		p = close + 1;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
	}
	if (p >= end || *p != '<')
		return 0;
	size_t k = 0;
	for (p++; p < end && k + 1 < n && !strchr(" \t\r\n/>", *p); p++)
		detail[k++] = *p;
	detail[k] = '\0';
	return k > 0;
}

static int t_srmap_xml(const struct view *v, char *detail, size_t n)
{
	return t_xml(v, detail, n) && strcmp(detail, "assessment") == 0 && has_text(v, "tool-version=");
}

/* Prowler's compliance CSVs (the compliance folder): upper-case columns, one row per requirement. */
static int t_prowler_compliance(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	const char *nl = v->text ? memchr(v->text, '\n', v->len) : NULL;
	struct view line = *v;
	line.len = nl ? (size_t)(nl - v->text) : v->len;
	return has_text(&line, "REQUIREMENTS_ID") && has_text(&line, "CHECKID");
}

/* A file that is one JSON value: a number, a string, true, false or null. */
static int t_scalar(const struct view *v, char *detail, size_t n)
{
	if (!v->text || v->utf16)
		return 0;
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithOpts(v->text, &end, 1);
	int ok = j && !cJSON_IsObject(j) && !cJSON_IsArray(j);
	if (ok)
		snprintf(detail, n, "%s", cJSON_IsNumber(j) ? "a number" : cJSON_IsString(j) ? "a string"
				      : cJSON_IsNull(j) ? "null" : "true or false");
	cJSON_Delete(j);
	return ok;
}

static int t_utf16(const struct view *v, char *detail, size_t n)
{
	(void)detail, (void)n;
	return v->utf16;
}


#define PROWLER_DATA "run Prowler with -M csv or -M json-ocsf and give that with --evidence"
#define SHEET "save the sheet as CSV (CSV UTF-8) and give the CSV"

/* In order: the first shape whose test passes gives the message. */
static const struct {
	int (*test)(const struct view *v, char *detail, size_t n);
	const char *message;       /* "%s", once at most, is replaced by the test's detail */
} shapes[] = {
	{ t_pdf, "this is a PDF document, which srmap does not read: give the "
	  "JSON or CSV export the report was made from" },
	{ t_xlsx, "this is an Excel workbook (XLSX), which srmap does not read: "
	  SHEET },
	{ t_ole, "this is an Excel 97-2003 workbook or another legacy Office "
	  "document, which srmap does not read: " SHEET },
	{ t_zip, "this is a ZIP archive, which srmap does not read: unpack it and "
	  "give the files inside" },
	{ t_prowler_html, "this is a Prowler HTML report, which srmap does not "
	  "read: " PROWLER_DATA " (by default the same run wrote a .ocsf.json beside it)" },
	{ t_scuba_summary, "this is ScubaGear's HTML summary "
	  "(BaselineReports.html), which srmap does not read: give the ScubaResults JSON of the "
	  "same run, beside it in the output folder, with --evidence" },
	{ t_scuba_product, "this is one of ScubaGear's product reports "
	  "(IndividualReports), which srmap does not read: give the ScubaResults JSON of the same "
	  "run, in the folder above, with --evidence" },
	{ t_maester_html, "this is a Maester HTML report, which srmap does not "
	  "read: give the TestResults JSON of the same run (beside it, in ./test-results by "
	  "default, or the file Invoke-Maester -OutputJsonFile names) with --evidence" },
	{ t_html, "this is an HTML page, which srmap does not read: give the JSON "
	  "or CSV export the page was made from" },
	{ t_srmap_xml, "this is srmap's own assessment XML, an output: give the "
	  "inventory and evidence files it was made from (srmap diff compares two assessments)" },
	{ t_xml, "this is an XML document (root element <%s>), which srmap does "
	  "not read: give the JSON or CSV export of the tool that wrote it" },
	{ t_prowler_compliance, "this is a Prowler compliance CSV (from the "
	  "compliance folder of Prowler's output), which srmap does not read: give the findings "
	  "of the same run instead; " PROWLER_DATA },
	{ t_scalar, "this file holds a single JSON value (%s), not records: give "
	  "the export itself" },
	{ t_utf16, "this file is UTF-16 text (as Windows PowerShell's Out-File "
	  "writes by default), which srmap does not read: save it as UTF-8 (Out-File -Encoding "
	  "utf8) and give it again" },
};

/* The text from its first significant character; UTF-16 narrowed into *narrow (freed by the caller). */
static void text_view(struct view *v, const struct input_text *in, char **narrow)
{
	const unsigned char *t = (const unsigned char *)in->text;
	size_t len = in->len, i = 0;
	if (len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF))) {
		/* Only the ASCII characters matter to the tests; the others become '?'. */
		int le = t[0] == 0xFF;
		char *s = xmalloc(len / 2 + 1);
		size_t k = 0;
		for (size_t j = 2; j + 1 < len; j += 2) {
			unsigned lo = t[j + !le], hi = t[j + le];
			s[k++] = hi == 0 && lo != 0 && lo < 128 ? (char)lo : '?';
		}
		s[k] = '\0';
		*narrow = s;
		t = (const unsigned char *)s;
		len = k;
		v->utf16 = 1;
	} else if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
		i = 3;
	}
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
		i++;
	v->text = (const char *)t + i;
	v->len = len - i;
}

char *shape_text_hint(const struct input_text *in)
{
	if (in->parsed || !in->text)
		return NULL;
	struct view v = { 0 };
	char *narrow = NULL;
	text_view(&v, in, &narrow);
	char *msg = NULL;
	for (size_t i = 0; !msg && i < sizeof shapes / sizeof shapes[0]; i++) {
		char detail[96] = "";
		if (!shapes[i].test(&v, detail, sizeof detail))
			continue;
		const char *m = shapes[i].message, *mark = strstr(m, "%s");
		msg = mark ? xasprintf("%.*s%s%s", (int)(mark - m), m, detail, mark + 2) : xstrdup(m);
	}
	free(narrow);
	return msg;
}
