/*
 * test_xlsxout.c - Excel workbooks written from srmap's workbook vocabulary.
 *
 * Covers: a workbook with every style, number and text cells, frozen rows
 * and columns, a filter, column widths given and measured, written as a zip
 * (the content is read back by tests/check-xlsx.py, in tests/test-xlsx.sh)
 * and the same bytes when written twice; text Excel would read as an escape
 * kept literal, and text longer than a cell holds cut with a warning; every
 * shape the writer refuses (foreign elements and attributes, text between
 * elements, every rule of sheet names, bad counts, widths, types, numbers
 * and styles, two styles setting one fill, a filter without its header row,
 * no created time, no sheet), each naming the template, the line and the
 * element and writing nothing; the count of problems past the first ten;
 * and write errors (a missing folder, a folder in the file's place), which
 * name the output as shown.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "srmap/base/alloc.h"
#include "srmap/base/diag.h"
#include "srmap/write/xlsxout.h"
#include "write/xlsxout_plan.h"

#define WB "<workbook created='2026-11-20T00:00:00Z'>"

static char *folder;     /* the test's own, in TMPDIR */

/* Runs the writer on xml into FOLDER/name; returns its status. */
static int run_into(const char *xml, const char *name, struct diag_list *d)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "result", NULL, 0);
	assert_non_null(doc);
	char *path = xasprintf("%s/%s", folder, name);
	struct xlsxout_file out = { path, "out/crm.xlsx", folder };
	unlink(path);
	int rc = xlsxout_write(doc, "t.xsl", &out, d);
	xmlFreeDoc(doc);
	free(path);
	return rc;
}

/* The bytes of FOLDER/name (free them), with *len their count; NULL when there is no such file. */
static char *slurp(const char *name, size_t *len)
{
	char *path = xasprintf("%s/%s", folder, name);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The writer refuses xml, writes nothing, and its first message holds want. */
static void expect_refused(const char *xml, const char *want)
{
	struct diag_list d;
	diag_init(&d, NULL);
	if (run_into(xml, "bad.xlsx", &d) != XLSXOUT_ERR_SHAPE || d.errors < 1)
		fail_msg("accepted: %s", xml);
	size_t len;
	char *got = slurp("bad.xlsx", &len);
	assert_null(got);
	assert_string_equal(d.items[0].file, "t.xsl");
	if (!strstr(d.items[0].msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", d.items[0].msg, want);
	diag_release(&d);
}


static const char good[] =
	"<workbook created='2026-11-20T00:00:00Z' title='CRM' subject='s' author='a' manager='m'"
	" company='c' category='Confidential' keywords='HIPAA' comments='srmap'>\n"
	"  <sheet name='Summary'><row><cell style='title'>A long title that does not widen</cell></row>"
	"    <row/><row><cell style='bold'>Score</cell><cell type='number' style='decimal'>67.3</cell></row>"
	"  </sheet>\n"
	"  <sheet name='SOC 2' freeze-rows='1' freeze-columns='1' autofilter='yes'>\n"
	"    <columns><column width='12.5'/><column/></columns>\n"
	"    <row><cell style='header'>Control</cell><cell style='header'>IaaS</cell>"
	"<cell style='header wrap'>Status</cell><cell style='header'>Checks</cell></row>\n"
	"    <!-- a comment between rows -->\n"
	"    <row><cell>iam-mfa</cell><cell style='owner-provider'>provider</cell>"
	"<cell style='good'>met</cell><cell type='number'> 3 </cell></row>\n"
	"    <row><cell>net-waf</cell><cell style='owner-customer wrap'>customer</cell>"
	"<cell style='warn'>partially-met</cell><cell type='number'>-1.5e3</cell></row>\n"
	"    <row><cell>Zürich 東京 _x0041_</cell><cell style='owner-shared bold'>shared</cell>"
	"<cell style='bad'>not-met</cell><cell/><cell style='wrap'/></row>\n"
	"  </sheet>\n"
	"</workbook>\n";

static void test_good_workbook(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(run_into(good, "good.xlsx", &d), XLSXOUT_OK);
	assert_int_equal(d.n, 0);
	size_t len, len2;
	char *bytes = slurp("good.xlsx", &len);
	assert_non_null(bytes);
	assert_true(len > 1000);
	assert_memory_equal(bytes, "PK\3\4", 4);
	/* the same description gives the same bytes: no clock reaches the file */
	sleep(1);
	assert_int_equal(run_into(good, "again.xlsx", &d), XLSXOUT_OK);
	char *again = slurp("again.xlsx", &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(bytes, again, len);
	/* libxlsxwriter's temporaries are gone */
	char *tmp = xasprintf("ls -A %s | grep -v -x -e good.xlsx -e again.xlsx >/dev/null", folder);
	assert_int_not_equal(system(tmp), 0);
	free(tmp);
	free(bytes);
	free(again);
	diag_release(&d);
}

static void test_text_escape_and_cut(void **state)
{
	(void)state;
	int cut;
	char out[64];
	assert_int_equal(xlsx_text("a_x0041_b_x00G1_", out, &cut), 22);
	assert_string_equal(out, "a_x005F_x0041_b_x00G1_");
	assert_int_equal(cut, 0);
	size_t n = XLSX_CELL_TEXT + 5;
	char *longer = xmalloc(n * 2 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(longer + 2 * i, "é", 2);
	longer[2 * n] = '\0';
	assert_int_equal(xlsx_text(longer, NULL, &cut), 2 * (size_t)XLSX_CELL_TEXT);
	assert_int_equal(cut, 1);
	/* an escape that would pass the limit is left out whole */
	memcpy(longer + 2 * (XLSX_CELL_TEXT - 3), "_x0041_z", 8);
	size_t kept = xlsx_text(longer, NULL, &cut);
	assert_int_equal(kept, 2 * (size_t)(XLSX_CELL_TEXT - 3));
	char *xml = xasprintf(WB "<sheet name='S'><row><cell>%s</cell></row></sheet></workbook>", longer);
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(run_into(xml, "long.xlsx", &d), XLSXOUT_OK);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.items[0].msg, "is cut to the 32767 a cell holds"));
	diag_release(&d);
	free(xml);
	free(longer);
}

static void test_refused_vocabulary(void **state)
{
	(void)state;
	expect_refused("<book/>", "element \"book\" is not workbook");
	expect_refused("<workbook xmlns='urn:x' created='2026-11-20T00:00:00Z'/>", "(in no namespace)");
	expect_refused(WB "<table/></workbook>", "element \"table\" is not sheet");
	expect_refused(WB "text</workbook>", "text inside a workbook");
	expect_refused(WB "<sheet name='S'>x</sheet></workbook>", "text inside a sheet");
	expect_refused(WB "<sheet name='S'><row>x</row></sheet></workbook>", "text inside a row");
	expect_refused(WB "<sheet name='S'><table/></sheet></workbook>", "is not columns or row");
	expect_refused(WB "<sheet name='S'><row/><columns/></sheet></workbook>",
		       "columns comes before the first row");
	expect_refused(WB "<sheet name='S'><columns><col/></columns></sheet></workbook>",
		       "element \"col\" is not column");
	expect_refused(WB "<sheet name='S'><columns><column><x/></column></columns></sheet></workbook>",
		       "a column holds nothing");
	expect_refused(WB "<sheet name='S'><row><value/></row></sheet></workbook>",
		       "element \"value\" is not cell");
	expect_refused(WB "<sheet name='S'><row><cell><b>x</b></cell></row></sheet></workbook>",
		       "a cell holds text only");
	expect_refused("<workbook created='2026-11-20T00:00:00Z' version='2'><sheet name='S'/></workbook>",
		       "attribute \"version\" is not supported");
	expect_refused(WB "<sheet name='S' zoom='2'/></workbook>", "attribute \"zoom\" is not supported");
	expect_refused(WB "<sheet name='S'><row height='3'/></sheet></workbook>",
		       "attribute \"height\" is not supported");
	expect_refused(WB "<sheet name='S'><row><cell format='0'>1</cell></row></sheet></workbook>",
		       "attribute \"format\" is not supported");
	expect_refused(WB "<sheet name='S'><columns hidden='1'/></sheet></workbook>",
		       "attribute \"hidden\" is not supported");
	expect_refused(WB "<sheet name='S'><columns><column style='x'/></columns></sheet></workbook>",
		       "attribute \"style\" is not supported");
	expect_refused(WB "<sheet xmlns:p='urn:p' name='S' p:name='T'/></workbook>",
		       "attribute \"name\" is not supported");
}

static void test_refused_workbook(void **state)
{
	(void)state;
	expect_refused("<workbook><sheet name='S'/></workbook>", "a workbook needs created");
	expect_refused("<workbook created='yesterday'><sheet name='S'/></workbook>",
		       "created \"yesterday\" is not a time");
	expect_refused("<workbook created='2026-11-20T00:00:00'><sheet name='S'/></workbook>",
		       "is not a time from 1980 on with a time zone");
	expect_refused("<workbook created='1979-12-31T23:59:59Z'><sheet name='S'/></workbook>",
		       "is not a time from 1980 on");
	expect_refused(WB "</workbook>", "a workbook needs a sheet");
}

static void test_refused_sheet_names(void **state)
{
	(void)state;
	expect_refused(WB "<sheet/></workbook>", "a sheet needs a name");
	expect_refused(WB "<sheet name=''/></workbook>", "a sheet needs a name");
	expect_refused(WB "<sheet name='abcdefghijklmnopqrstuvwxyz012345'/></workbook>",
		       "is longer than 31 characters");
	static const char *const bad_chars[] = { "[", "]", ":", "*", "?", "/", "\\" };
	for (size_t i = 0; i < sizeof bad_chars / sizeof *bad_chars; i++) {
		char *xml = xasprintf(WB "<sheet name='a%sb'/></workbook>", bad_chars[i]);
		expect_refused(xml, "holds one of []:*?/\\");
		free(xml);
	}
	expect_refused(WB "<sheet name='a&#9;b'/></workbook>", "holds a control character");
	expect_refused(WB "<sheet name=\"'quoted\"/></workbook>", "begins or ends with an apostrophe");
	expect_refused(WB "<sheet name=\"quoted'\"/></workbook>", "begins or ends with an apostrophe");
	expect_refused(WB "<sheet name='history'/></workbook>", "is reserved by Excel");
	expect_refused(WB "<sheet name='Findings'/><sheet name='FINDINGS'/></workbook>",
		       "sheet name \"FINDINGS\" is given twice");
	/* 31 characters, not bytes */
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(run_into(WB "<sheet name='Übersicht — Zürich, 東京, São'/></workbook>",
				  "names.xlsx", &d), XLSXOUT_OK);
	diag_release(&d);
}

static void test_refused_values(void **state)
{
	(void)state;
	expect_refused(WB "<sheet name='S' freeze-rows='-1'/></workbook>",
		       "freeze-rows \"-1\" is not a count from 0 to 1048575");
	expect_refused(WB "<sheet name='S' freeze-rows='1048576'/></workbook>", "is not a count");
	expect_refused(WB "<sheet name='S' freeze-columns='one'/></workbook>",
		       "freeze-columns \"one\" is not a count from 0 to 16383");
	expect_refused(WB "<sheet name='S' autofilter='true'/></workbook>",
		       "autofilter \"true\" is not yes or no");
	expect_refused(WB "<sheet name='S' autofilter='yes'/></workbook>",
		       "autofilter=\"yes\" needs the header row 1");
	expect_refused(WB "<sheet name='S' autofilter='yes' freeze-rows='2'><row/></sheet></workbook>",
		       "needs the header row 2");
	expect_refused(WB "<sheet name='S'><columns><column width='0'/></columns></sheet></workbook>",
		       "width \"0\" is not a number above 0 and at most 255");
	expect_refused(WB "<sheet name='S'><columns><column width='256'/></columns></sheet></workbook>",
		       "width \"256\"");
	expect_refused(WB "<sheet name='S'><columns><column width='wide'/></columns></sheet></workbook>",
		       "width \"wide\"");
	expect_refused(WB "<sheet name='S'><row><cell type='date'>x</cell></row></sheet></workbook>",
		       "type \"date\" is not string or number");
	static const char *const not_numbers[] = { "", "1,5", "1.", ".5", "1e", "0x10", "NaN", "inf",
						   "1e999", "- 1", "1 2" };
	for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++) {
		char *xml = xasprintf(WB "<sheet name='S'><row><cell type='number'>%s</cell></row>"
				      "</sheet></workbook>", not_numbers[i]);
		expect_refused(xml, "is not a number");
		free(xml);
	}
	expect_refused(WB "<sheet name='S'><row><cell style='fancy'>x</cell></row></sheet></workbook>",
		       "style \"fancy\" is not one of header, title, bold, wrap, decimal, owner-provider");
	expect_refused(WB "<sheet name='S'><row><cell style='owner-provider bad'>x</cell></row></sheet>"
		       "</workbook>", "styles \"owner-provider\" and \"bad\" both set the fill");
	expect_refused(WB "<sheet name='S'><row><cell style='good  warn'>x</cell></row></sheet></workbook>",
		       "styles \"good\" and \"warn\" both set the fill");
	expect_refused(WB "<sheet name='S'><row><cell style='header title owner-shared'>1</cell></row>"
		       "</sheet></workbook>", "styles \"header\" and \"owner-shared\" both set the fill");
}

static void test_refusal_names_line_and_element(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(run_into(WB "\n<sheet name='A'/>\n<sheet name='B'>\n<row/><row><cell/>"
				  "<cell type='number'>x</cell></row></sheet></workbook>", "bad.xlsx", &d),
			 XLSXOUT_ERR_SHAPE);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_string_equal(d.items[0].msg,
			    "xlsx /workbook/sheet[2]/row[2]/cell[2]: \"x\" is not a number");
	diag_release(&d);
}

static void test_many_problems_counted(void **state)
{
	(void)state;
	char *xml = xstrdup(WB "<sheet name='S'>");
	for (int i = 0; i < 25; i++) {
		char *longer = xasprintf("%s<row><cell style='nope'>x</cell></row>", xml);
		free(xml);
		xml = longer;
	}
	char *whole = xasprintf("%s</sheet></workbook>", xml);
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(run_into(whole, "bad.xlsx", &d), XLSXOUT_ERR_SHAPE);
	assert_int_equal(d.errors, 11);
	assert_string_equal(d.items[10].msg, "xlsx: 15 more problems");
	diag_release(&d);
	free(whole);
	free(xml);
}

static void test_no_document(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct xlsxout_file out = { "/nonexistent/x.xlsx", "x.xlsx", "/nonexistent" };
	assert_int_equal(xlsxout_write(NULL, "t.xsl", &out, &d), XLSXOUT_ERR_SHAPE);
	assert_non_null(strstr(d.items[0].msg, "made no document"));
	diag_release(&d);
}

/* Writing the good workbook to path fails, naming the output as shown and saying why. */
static void expect_write_error(const char *path, const char *tmpdir, const char *why)
{
	xmlDocPtr doc = xmlReadMemory(good, (int)strlen(good), "result", NULL, 0);
	struct diag_list d;
	diag_init(&d, NULL);
	struct xlsxout_file out = { path, "out/crm.xlsx", tmpdir };
	assert_int_equal(xlsxout_write(doc, "t.xsl", &out, &d), XLSXOUT_ERR_WRITE);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, "out/crm.xlsx");
	char *want = xasprintf("cannot write: %s", why);
	assert_string_equal(d.items[0].msg, want);
	free(want);
	diag_release(&d);
	xmlFreeDoc(doc);
}

static void test_write_errors(void **state)
{
	(void)state;
	char *missing = xasprintf("%s/missing/crm.xlsx", folder);
	expect_write_error(missing, folder, "No such file or directory");
	expect_write_error(folder, folder, "Is a directory");
	free(missing);
}

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	folder = xasprintf("%s/srmap-test-xlsxout-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	return mkdtemp(folder) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", folder);
	int rc = system(cmd);
	free(cmd);
	free(folder);
	return rc;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_workbook),
		cmocka_unit_test(test_text_escape_and_cut),
		cmocka_unit_test(test_refused_vocabulary),
		cmocka_unit_test(test_refused_workbook),
		cmocka_unit_test(test_refused_sheet_names),
		cmocka_unit_test(test_refused_values),
		cmocka_unit_test(test_refusal_names_line_and_element),
		cmocka_unit_test(test_many_problems_counted),
		cmocka_unit_test(test_no_document),
		cmocka_unit_test(test_write_errors),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	xmlCleanupParser();
	return rc;
}
