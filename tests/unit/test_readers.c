/*
 * test_readers.c - the CSV reader (csv.h), format detection and the input
 * readers (reader.h), the Azure id helpers (azure_id.h) and merging
 * (import_workload.h), and the mapping tables (mapping.h).
 *
 * Covers: RFC 4180 fields (quotes, doubled quotes, line breaks inside
 * quotes, CRLF, a byte-order mark, empty lines, a trailing delimiter),
 * delimiter detection, field positions counted in characters, the bad
 * cases (a quote never closed is fatal at the opening quote; text after a
 * closing quote skips only that record; a stray quote is kept with a
 * warning; invalid UTF-8 and control characters); detection of every
 * fixture in tests/readers as its format and role; a file given in the
 * wrong role; a Prowler CSV, which the inventory CSV reader must not
 * claim, detected and forced, its counts and its COMPLIANCE cell; the
 * FORMAT:path form; resource id parsing; merging of
 * workloads read twice; kind rules.
 *
 * Run from the repository root (the catalog is read from catalog/ and the
 * fixtures from tests/readers/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srmap/model/catalog.h"
#include "srmap/base/csv.h"
#include "srmap/base/diag.h"
#include "srmap/read/evidence.h"
#include "read/azure_id.h"
#include "srmap/read/inventory.h"
#include "srmap/model/mapping.h"
#include "srmap/read/reader.h"

#define MANIFEST "catalog/catalog.json"
#define FIXTURES "tests/readers/"

static struct catalog shipped;

static int group_setup(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, stderr);
	int rc = catalog_load(&shipped, MANIFEST, NULL, 0, &d);
	diag_release(&d);
	return rc;
}

static int group_teardown(void **state)
{
	(void)state;
	catalog_release(&shipped);
	return 0;
}

/* Counts the diagnostics of a level whose message contains needle. */
static size_t count_msgs(const struct diag_list *d, enum diag_level level, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].level == level && strstr(d->items[i].msg, needle))
			n++;
	return n;
}

static const struct diag *first_msg(const struct diag_list *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].msg, needle))
			return &d->items[i];
	return NULL;
}

/* ---- CSV ------------------------------------------------------------------------ */

static void test_csv_rfc4180_fields(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBF" "id,name,note\r\n"
			   "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n"
			   "\r\n"
			   "c,d,\"two\r\nlines\"\r\n"
			   "e,,\n";
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	assert_int_equal(csv_open(&r, "t.csv", text, strlen(text), 0, &d), 0);
	assert_int_equal(r.delim, ',');
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(r.nfields, 3);
	assert_string_equal(csv_field(&r, 0), "id");
	assert_int_equal(csv_field_pos(&r, 0).line, 1);
	assert_int_equal(csv_field_pos(&r, 0).col, 1);      /* the byte-order mark is not a column */
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_string_equal(csv_field(&r, 1), "b, with comma");
	assert_string_equal(csv_field(&r, 2), "say \"hi\"");
	assert_int_equal(csv_field_pos(&r, 2).col, 19);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);      /* the empty line is skipped */
	assert_string_equal(csv_field(&r, 0), "c");
	assert_int_equal(csv_field_pos(&r, 0).line, 4);
	assert_string_equal(csv_field(&r, 2), "two\nlines");  /* CRLF inside quotes reads as LF */
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_field_pos(&r, 0).line, 6);
	assert_int_equal(r.nfields, 3);                       /* trailing delimiter: empty last field */
	assert_string_equal(csv_field(&r, 1), "");
	assert_string_equal(csv_field(&r, 2), "");
	assert_int_equal(csv_next(&r, &d), CSV_END);
	assert_int_equal(d.n, 0);
	csv_release(&r);
	diag_release(&d);
}

static void test_csv_detects_semicolon_and_tab(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	const char *semi = "id;name;\"a,b\"\nx;y;z\n";
	assert_int_equal(csv_open(&r, "s.csv", semi, strlen(semi), 0, &d), 0);
	assert_int_equal(r.delim, ';');
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(r.nfields, 3);
	assert_string_equal(csv_field(&r, 2), "a,b");
	csv_release(&r);
	const char *tab = "id\tname\nx\ty\n";
	assert_int_equal(csv_open(&r, "t.tsv", tab, strlen(tab), 0, &d), 0);
	assert_int_equal(r.delim, '\t');
	csv_release(&r);
	diag_release(&d);
}

static void test_csv_position_counts_characters(void **state)
{
	(void)state;
	const char *text = "Zürich,東京,x\n";
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	assert_int_equal(csv_open(&r, "u.csv", text, strlen(text), ',', &d), 0);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_field_pos(&r, 1).col, 8);
	assert_int_equal(csv_field_pos(&r, 2).col, 11);
	csv_release(&r);
	diag_release(&d);
}

/* A record of many fields on one line (positions were quadratic in the line's length). */
static void test_csv_positions_on_a_long_line(void **state)
{
	(void)state;
	enum { N = 20000 };
	size_t cap = 16 + (size_t)N * 8, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "h\n");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s\xC3\xA9%d", i ? "," : "", i % 10);
	snprintf(text + len, cap - len, "\n");
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	assert_int_equal(csv_open(&r, "long.csv", text, strlen(text), ',', &d), 0);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(r.nfields, N);
	/* Field i starts at character 1 + 3 * i: "é0," per field. */
	assert_int_equal(csv_field_pos(&r, 1).col, 4);
	assert_int_equal(csv_field_pos(&r, N - 1).col, 1 + 3 * (N - 1));
	assert_int_equal(csv_field_pos(&r, N - 1).line, 2);
	assert_int_equal(csv_next(&r, &d), CSV_END);
	csv_release(&r);
	diag_release(&d);
	free(text);
}

static void test_csv_unterminated_quote_is_fatal_at_the_quote(void **state)
{
	(void)state;
	const char *text = "id,name\na,b\nc,\"never closed\nd,e\n";
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	assert_int_equal(csv_open(&r, "q.csv", text, strlen(text), 0, &d), 0);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_next(&r, &d), CSV_FATAL);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 3);
	assert_non_null(strstr(d.items[0].msg, "never closed"));
	csv_release(&r);
	diag_release(&d);
}

static void test_csv_text_after_quote_skips_one_record(void **state)
{
	(void)state;
	const char *text = "id,name\n\"a\"x,b\nc,d\n";
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	assert_int_equal(csv_open(&r, "x.csv", text, strlen(text), 0, &d), 0);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_next(&r, &d), CSV_SKIPPED);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 4);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_string_equal(csv_field(&r, 0), "c");
	assert_int_equal(csv_next(&r, &d), CSV_END);
	csv_release(&r);
	diag_release(&d);
}

static void test_csv_stray_quote_kept_with_warning(void **state)
{
	(void)state;
	const char *text = "a,12\" rack,b\n";
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	assert_int_equal(csv_open(&r, "s.csv", text, strlen(text), 0, &d), 0);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_string_equal(csv_field(&r, 1), "12\" rack");
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.items[0].col, 5);
	csv_release(&r);
	diag_release(&d);
}

static void test_csv_invalid_utf8_and_controls(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	const char *bad = "id\nok\nZ\xFC" "rich\n";
	assert_int_equal(csv_open(&r, "b.csv", bad, strlen(bad), 0, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 2);
	csv_release(&r);
	/* A control character is replaced by U+FFFD, the field warned about and recorded;
	   the fields after it in the record keep their text. */
	const char *ctl = "id,name\na\x07" "b,x\x01\x02y\nc,d\n";
	assert_int_equal(csv_open(&r, "c.csv", ctl, strlen(ctl), 0, &d), 0);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_string_equal(csv_field(&r, 0), "a\xEF\xBF\xBD" "b");
	assert_string_equal(csv_field(&r, 1), "x\xEF\xBF\xBD\xEF\xBF\xBDy");
	assert_int_equal(r.fixes.n, 2);
	assert_int_equal(r.fixes.items[1].line, 2);
	assert_int_equal(r.fixes.items[1].col, 5);
	assert_int_equal(r.fixes.items[1].chars, 2);
	assert_int_equal(d.warnings, 2);
	assert_non_null(strstr(d.items[2].msg, "2 characters XML cannot carry"));
	assert_int_equal(csv_next(&r, &d), CSV_RECORD);
	assert_string_equal(csv_field(&r, 1), "d");
	assert_int_equal(csv_next(&r, &d), CSV_END);
	csv_release(&r);
	diag_release(&d);
}

/* ---- detection and reading --------------------------------------------------------- */

struct run {
	struct inventory inv;
	struct evidence_set ev;
	struct import_env env;
	struct diag_list d;
};

static void run_init(struct run *r)
{
	inventory_init(&r->inv);
	evidence_init(&r->ev);
	import_env_init(&r->env, &shipped, &r->inv, &r->ev, 1795132800);
	diag_init(&r->d, NULL);
}

static void run_release(struct run *r)
{
	import_env_release(&r->env);
	inventory_release(&r->inv);
	evidence_release(&r->ev);
	diag_release(&r->d);
}

/* Reads one fixture in role (READER_ROLE_COUNT: any) and returns its format, or NULL. */
static const char *read_fixture(struct run *r, const char *name, enum reader_role role,
				struct reader_stats *st)
{
	char path[256];
	snprintf(path, sizeof path, "%s%s", FIXTURES, name);
	reader_stats_init(st);
	reader_read_file(&r->env, path, role, NULL, st, &r->d);
	return st->format;
}

static void test_every_fixture_detected(void **state)
{
	(void)state;
	static const struct { const char *file, *format; enum reader_role role; } cases[] = {
		{ "azure-resource-list.json", "azure-resource-list", READER_INVENTORY },
		{ "azure-resource-graph.json", "azure-resource-graph", READER_INVENTORY },
		{ "inventory.csv", "csv", READER_INVENTORY },
		{ "saas-services.json", "saas-services", READER_INVENTORY },
		{ "defender-rest.json", "defender-assessments", READER_EVIDENCE },
		{ "defender-graph.json", "defender-assessments", READER_EVIDENCE },
		{ "defender-continuous-export.json", "defender-assessments", READER_EVIDENCE },
		{ "defender-log-analytics.json", "defender-recommendations-log", READER_EVIDENCE },
		{ "policy-states.json", "azure-policy-states", READER_EVIDENCE },
		{ "prowler-ocsf.json", "prowler-ocsf", READER_EVIDENCE },
		{ "prowler.csv", "prowler-csv", READER_EVIDENCE },
		{ "prowler-v3.csv", "prowler-csv", READER_EVIDENCE },
		{ "graph-conditional-access.json", "graph-conditional-access", READER_EVIDENCE },
		{ "graph-secure-score.json", "graph-secure-score", READER_EVIDENCE },
	};
	struct run r;
	run_init(&r);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct reader_stats st;
		const char *f = read_fixture(&r, cases[i].file, READER_ROLE_COUNT, &st);
		assert_non_null(f);
		assert_string_equal(f, cases[i].format);
		assert_int_equal(st.role, cases[i].role);
		assert_true(st.read > 0);
		assert_int_equal(st.rejected, 0);
		if (cases[i].role == READER_INVENTORY)
			import_finish_inventory(&r.env);
		reader_stats_release(&st);
	}
	assert_int_equal(r.d.errors, 0);
	run_release(&r);
}

static void test_wrong_role_is_an_error(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats st;
	assert_null(read_fixture(&r, "prowler-ocsf.json", READER_INVENTORY, &st));
	assert_int_equal(r.d.errors, 1);
	assert_non_null(strstr(r.d.items[0].msg, "give it with --evidence"));
	assert_int_equal(r.d.items[0].line, 1);
	reader_stats_release(&st);
	run_release(&r);
}

static void test_prowler_csv_is_evidence(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats st;
	/* v3 names RESOURCE_ID, an id column to the inventory CSV reader: Prowler's detector wins. */
	assert_null(read_fixture(&r, "prowler-v3.csv", READER_INVENTORY, &st));
	assert_int_equal(count_msgs(&r.d, DIAG_ERROR, "a Prowler CSV report, which is evidence"), 1);
	reader_stats_release(&st);
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &st);
	import_finish_inventory(&r.env);
	reader_stats_release(&st);
	/* Forced, a text reader is given the text, not a JSON parse. */
	reader_stats_init(&st);
	assert_int_equal(reader_read_file(&r.env, "prowler-csv:" FIXTURES "prowler.csv",
					  READER_EVIDENCE, NULL, &st, &r.d), 0);
	assert_string_equal(st.format, "prowler-csv");
	assert_int_equal(st.read, 9);
	assert_int_equal(st.ignored, 2);       /* a MANUAL row and a muted one */
	assert_int_equal(st.rejected, 0);
	assert_int_equal(st.unmapped, 1);      /* a custom check, whose COMPLIANCE is not mapped either */
	assert_int_equal(st.unmapped_ids.n, 1);
	assert_string_equal(st.unmapped_ids.ids[0], "contoso_storage_cost_centre_tag");
	reader_stats_release(&st);
	/* Forced on JSON, the CSV reader says what the header lacks. */
	size_t before = r.d.errors;
	reader_stats_init(&st);
	reader_read_file(&r.env, "prowler-csv:" FIXTURES "prowler-ocsf.json", READER_EVIDENCE,
			 NULL, &st, &r.d);
	assert_int_equal(r.d.errors, before + 1);
	const struct diag *m = first_msg(&r.d, "no CHECK_ID and STATUS columns");
	assert_non_null(m);
	assert_int_equal(m->line, 1);
	assert_int_equal(m->col, 1);
	reader_stats_release(&st);
	run_release(&r);
}

static void test_format_prefix_forces_the_reader(void **state)
{
	(void)state;
	const char *format, *path;
	reader_split_arg("prowler-ocsf:out/x.json", &format, &path);
	assert_string_equal(format, "prowler-ocsf");
	assert_string_equal(path, "out/x.json");
	reader_split_arg("c:/data/x.json", &format, &path);    /* "c" is no format: a plain path */
	assert_null(format);
	assert_string_equal(path, "c:/data/x.json");
	struct run r;
	run_init(&r);
	struct reader_stats st;
	reader_stats_init(&st);
	reader_read_file(&r.env, "defender-assessments:" FIXTURES "policy-states.json",
			 READER_EVIDENCE, NULL, &st, &r.d);
	assert_string_equal(st.format, "defender-assessments");
	assert_int_equal(st.rejected, st.read);                /* every record is wrong for it */
	assert_int_equal(count_msgs(&r.d, DIAG_ERROR, "is it another format"), 1);
	reader_stats_release(&st);
	run_release(&r);
}

static void test_inventory_merge_and_classification(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats a, b, c;
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &a);
	/* The same export again: every record repeats a workload, merged by id. */
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &b);
	assert_int_equal(a.added, a.read);
	assert_int_equal(b.added, 0);
	assert_int_equal(b.merged, b.read);
	assert_int_equal(count_msgs(&r.d, DIAG_WARNING, "merged by id"), 1);
	read_fixture(&r, "saas-services.json", READER_INVENTORY, &c);
	import_finish_inventory(&r.env);
	/* Found in any case; the disk belongs to its VM; the kind names what a site is. */
	const struct workload *disk = inventory_find(&r.inv, "/SUBSCRIPTIONS/3f9c2a71-5d84-4b6e-9a1f-"
		"0c7e4d2b8a56/resourcegroups/rg-ehr-prod/providers/microsoft.compute/disks/"
		"vm-ehr-app-01_OsDisk_1_4c1f0e9a7b2d4e6f8a0b1c2d3e4f5a6b");
	assert_non_null(disk);
	assert_non_null(strstr(disk->part_of, "/virtualMachines/vm-ehr-app-01"));
	const struct workload *la = inventory_find(&r.inv, "/subscriptions/3f9c2a71-5d84-4b6e-9a1f-"
		"0c7e4d2b8a56/resourceGroups/rg-claims-prod/providers/Microsoft.Web/sites/la-referrals-prod");
	assert_non_null(la);
	assert_string_equal(la->type_title, "Logic App (Standard)");
	/* The subscription listed in the SaaS services file gives Azure workloads their tenant. */
	assert_string_equal(la->tenant, "contoso-health.onmicrosoft.com");
	const struct workload *exo = inventory_find(&r.inv, "saas:contoso-health.onmicrosoft.com/exchange-online");
	assert_non_null(exo);
	assert_string_equal(exo->type, "Microsoft 365 Exchange Online");
	reader_stats_release(&a);
	reader_stats_release(&b);
	reader_stats_release(&c);
	run_release(&r);
}

/* A workload of many tags merged into one of many tags (the merge compared every pair of keys). */
static void test_merge_many_tags(void **state)
{
	(void)state;
	enum { N = 20000 };
	struct inventory inv;
	inventory_init(&inv);
	struct diag_list d;
	diag_init(&d, NULL);
	for (int pass = 0; pass < 2; pass++) {
		/* First t0..tN; then t(N/2)..t(N/2+N-1) with the last of them twice. */
		struct workload w = { .id = strdup("vm"), .type = strdup("Microsoft.Compute/virtualMachines"),
				      .model = -1, .ntags = N + 1 };
		w.tag_keys = calloc(N + 1, sizeof(char *));
		w.tag_values = calloc(N + 1, sizeof(char *));
		for (int i = 0; i <= N; i++) {
			int k = i < N ? i + pass * N / 2 : pass ? N + N / 2 - 1 : N;
			char key[32];
			snprintf(key, sizeof key, "t%d", k);
			w.tag_keys[i] = strdup(key);
			w.tag_values[i] = strdup(pass ? "later" : "first");
		}
		const struct workload *first = NULL;
		assert_int_equal(inventory_merge_take(&inv, &w, &first, &d), pass);
	}
	assert_int_equal(inv.n, 1);
	const struct workload *w = &inv.items[0];
	assert_int_equal(w->ntags, N + N / 2);
	for (size_t i = 0; i < w->ntags; i++) {
		/* The earlier workload's values are kept; the tags it lacked come from the later one. */
		long k = strtol(w->tag_keys[i] + 1, NULL, 10);
		assert_int_equal(k, (long)i);
		assert_string_equal(w->tag_values[i], k <= N ? "first" : "later");
	}
	assert_int_equal(d.n, 0);
	diag_release(&d);
	inventory_release(&inv);
}

static void test_evidence_counts_and_aggregation(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats inv, ev;
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &inv);
	import_finish_inventory(&r.env);
	read_fixture(&r, "defender-rest.json", READER_EVIDENCE, &ev);
	assert_int_equal(ev.read, 7);
	assert_int_equal(ev.mapped, 4);
	assert_int_equal(ev.unmapped, 1);
	assert_int_equal(ev.ignored, 1);       /* NotApplicable because OffByPolicy */
	assert_int_equal(ev.unmatched, 1);     /* a VM that is not in the inventory */
	assert_int_equal(ev.unmapped_ids.n, 1);
	assert_string_equal(ev.unmapped_ids.ids[0], "Contoso custom: key vaults carry a cost-centre tag");
	assert_string_equal(ev.unmapped_ids.sources[0], "defender");
	const struct evidence *e = evidence_find(&r.ev, "defender-rest.json#4");
	assert_non_null(e);
	assert_int_equal(e->scope, SCOPE_SUBSCRIPTION);     /* the record is about the subscription */
	assert_string_equal(e->scope_id, "3f9c2a71-5d84-4b6e-9a1f-0c7e4d2b8a56");
	assert_true(e->undated);                            /* no time in the export: unknown */
	assert_int_equal(e->collected_at, 0);
	assert_string_equal(e->format, "defender-assessments");
	reader_stats_release(&inv);
	reader_stats_release(&ev);
	run_release(&r);
}

/* --collected-at dates the records of a file that carry no time; records with one keep theirs. */
static void test_stated_collection_time(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats inv, ev, pol;
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &inv);
	import_finish_inventory(&r.env);
	r.env.stated_time = 1795000000;
	r.env.has_stated_time = 1;
	read_fixture(&r, "defender-rest.json", READER_EVIDENCE, &ev);
	read_fixture(&r, "policy-states.json", READER_EVIDENCE, &pol);
	size_t defender = 0, policy = 0;
	for (size_t i = 0; i < r.ev.n; i++) {
		const struct evidence *e = &r.ev.items[i];
		assert_false(e->undated);
		if (!strcmp(e->format, "defender-assessments")) {
			assert_int_equal(e->collected_at, 1795000000);
			defender++;
		} else {
			assert_int_not_equal(e->collected_at, 1795000000);   /* its own timestamp */
			policy++;
		}
	}
	assert_true(defender > 0 && policy > 0);
	reader_stats_release(&inv);
	reader_stats_release(&ev);
	reader_stats_release(&pol);
	run_release(&r);
}

/*
 * A record counts as applied when any evidence record it fed decided a
 * check, once however many it fed; facts derived from the whole file count
 * the records that fed them when one of them decided a check.
 */
static void test_records_applied(void **state)
{
	(void)state;
	struct reader_stats st;
	reader_stats_init(&st);
	reader_stats_link(&st, 0, 0);
	reader_stats_link(&st, 0, 1);
	reader_stats_link(&st, 1, 1);
	reader_stats_link(&st, 2, 2);
	st.records_linked = 3;
	st.mapped = 3;
	unsigned char used[4] = { 0, 1, 0, 0 };
	assert_int_equal(reader_stats_applied(&st, used), 2);   /* records 0 and 1 through evidence 1 */
	used[1] = 0;
	assert_int_equal(reader_stats_applied(&st, used), 0);
	/* Two more records fed only a derived fact (evidence 3). */
	st.mapped = 5;
	reader_stats_link(&st, RECORD_DERIVED, 3);
	assert_int_equal(reader_stats_applied(&st, used), 0);
	used[3] = 1;
	assert_int_equal(reader_stats_applied(&st, used), 2);
	reader_stats_release(&st);
}

/* Tenant evidence about a tenant no workload is in is counted, not kept. */
static void test_other_tenant_counted(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats inv, saas, ev;
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &inv);
	read_fixture(&r, "saas-services.json", READER_INVENTORY, &saas);
	import_finish_inventory(&r.env);
	size_t before = r.ev.n;
	read_fixture(&r, "maester-results.json", READER_EVIDENCE, &ev);
	/* The fixture's tenant is the SaaS file's: its records land. */
	assert_int_equal(ev.other_tenant, 0);
	assert_true(r.ev.n > before);
	reader_stats_release(&inv);
	reader_stats_release(&saas);
	reader_stats_release(&ev);
	run_release(&r);

	run_init(&r);
	read_fixture(&r, "azure-resource-list.json", READER_INVENTORY, &inv);
	import_finish_inventory(&r.env);
	r.env.default_tenant = NULL;
	read_fixture(&r, "maester-results.json", READER_EVIDENCE, &ev);
	/* No workload names the fixture's tenant: every mapped record is for another tenant. */
	assert_true(ev.other_tenant > 0);
	assert_int_equal(ev.other_tenant_ids.n, 1);
	assert_int_equal(r.ev.n, 0);
	assert_int_equal(ev.mapped, 0);
	reader_stats_release(&inv);
	reader_stats_release(&ev);
	run_release(&r);
}

static void test_json_that_is_not_an_export(void **state)
{
	(void)state;
	struct run r;
	run_init(&r);
	struct reader_stats st;
	reader_stats_init(&st);
	/* A JSON array of something else: no reader claims it. */
	char path[] = "/tmp/srmap-test-readers-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	fputs("[{\"hello\": 1}]", f);
	fclose(f);
	reader_read_file(&r.env, path, READER_EVIDENCE, NULL, &st, &r.d);
	assert_null(st.format);
	const struct diag *g = first_msg(&r.d, "cannot tell the format");
	assert_non_null(g);
	assert_int_equal(g->line, 1);
	remove(path);
	reader_stats_release(&st);
	run_release(&r);
}

/* Many initiative assignments in one policy states export (they were looked up one by one). */
static void test_policy_many_assignments(void **state)
{
	(void)state;
	enum { N = 20000 };
	static const char set[] = "179d1daa-458f-4e47-8086-2a68d0d6c38f";   /* mapped, subscription scope */
	char path[] = "/tmp/srmap-test-readers-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	fputs("[", f);
	for (int i = 0; i < N + 3; i++) {
		/* N unmapped initiatives, each on a subscription of its own; then the mapped one three
		   times on subscription "sub-m", in two letter cases, the newest time in the middle. */
		char sub[32], name[64];
		if (i < N) {
			snprintf(sub, sizeof sub, "sub-%d", i);
			snprintf(name, sizeof name, "set-%d", i);
		} else {
			snprintf(sub, sizeof sub, "%s", i == N + 1 ? "SUB-M" : "sub-m");
			snprintf(name, sizeof name, "%s", set);
		}
		fprintf(f, "%s{\"complianceState\": \"NonCompliant\", \"policyDefinitionName\": \"d\", "
			"\"resourceId\": \"/subscriptions/%s/resourceGroups/g/providers/"
			"Microsoft.Compute/virtualMachines/vm\", \"policySetDefinitionName\": \"%s\", "
			"\"timestamp\": \"2026-11-0%dT10:00:00Z\"}", i ? ",\n" : "", sub, name,
			i == N + 1 ? 9 : 1);
	}
	fputs("]\n", f);
	fclose(f);
	struct run r;
	run_init(&r);
	r.env.match_resources = 0;   /* no inventory: the subscriptions are not checked against one */
	struct reader_stats st;
	reader_stats_init(&st);
	reader_read_file(&r.env, path, READER_EVIDENCE, NULL, &st, &r.d);
	remove(path);
	assert_string_equal(st.format, "azure-policy-states");
	assert_int_equal(st.read, N + 3);
	size_t found = 0;
	for (size_t i = 0; i < r.ev.n; i++) {
		const struct evidence *e = &r.ev.items[i];
		if (strcmp(e->control, "ops-policy-enforcement") != 0)
			continue;
		found++;
		assert_int_equal(e->scope, SCOPE_SUBSCRIPTION);
		assert_string_equal(e->scope_id, "sub-m");   /* the first spelling */
		/* The newest: 2026-11-09T10:00:00Z, 11 days before 2026-11-20 and 10 hours. */
		assert_int_equal(e->collected_at, 1795132800 - 11 * 86400 + 10 * 3600);
	}
	assert_int_equal(found, 1);
	reader_stats_release(&st);
	run_release(&r);
}

/* ---- resource ids, kinds ------------------------------------------------------------- */

static void test_resource_id_parts(void **state)
{
	(void)state;
	const char *db = "/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Sql/servers/s1/databases/d1";
	char *s = import_subscription_of(db), *g = import_group_of(db), *t = import_type_of(db),
	     *p = import_parent_of(db);
	assert_string_equal(s, "S1");
	assert_string_equal(g, "RG");
	assert_string_equal(t, "Microsoft.Sql/servers/databases");
	assert_string_equal(p, "/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Sql/servers/s1");
	free(s); free(g); free(t); free(p);
	const char *vm = "/subscriptions/S1/resourcegroups/rg/providers/Microsoft.Compute/virtualMachines/v";
	assert_null(import_parent_of(vm));
	t = import_type_of(vm);
	assert_string_equal(t, "Microsoft.Compute/virtualMachines");
	free(t);
	assert_true(import_is_subscription("/subscriptions/S1"));
	assert_true(import_is_subscription("/SUBSCRIPTIONS/S1/"));
	assert_false(import_is_subscription(vm));
	assert_null(import_type_of("not-an-id"));
}

static void test_kind_rules_most_specific_wins(void **state)
{
	(void)state;
	const struct mappings *m = &shipped.mappings;
	const struct kind_rule *k = mappings_kind(m, "microsoft.web/sites", "functionapp,workflowapp");
	assert_non_null(k);
	assert_string_equal(k->title, "Logic App (Standard)");
	k = mappings_kind(m, "Microsoft.Web/sites", "FunctionApp");
	assert_non_null(k);
	assert_string_equal(k->title, "Function app");
	k = mappings_kind(m, "Microsoft.Web/sites", "app, linux, container");
	assert_string_equal(k->title, "Web App for Containers");
	assert_null(mappings_kind(m, "Microsoft.Web/sites", "elastic"));
	assert_null(mappings_kind(m, "Microsoft.Web/sites", NULL));
	const struct map_entry *e = mappings_find(m, "AZURE-POLICY", "17K78E20-9358-41C9-923C-FB736D382A12");
	assert_non_null(e);
	assert_string_equal(e->controls[0], "data-sql-tde");
	assert_string_equal(mappings_saas_type(m, "exchange online"), "Microsoft 365 Exchange Online");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_rfc4180_fields),
		cmocka_unit_test(test_csv_detects_semicolon_and_tab),
		cmocka_unit_test(test_csv_position_counts_characters),
		cmocka_unit_test(test_csv_positions_on_a_long_line),
		cmocka_unit_test(test_csv_unterminated_quote_is_fatal_at_the_quote),
		cmocka_unit_test(test_csv_text_after_quote_skips_one_record),
		cmocka_unit_test(test_csv_stray_quote_kept_with_warning),
		cmocka_unit_test(test_csv_invalid_utf8_and_controls),
		cmocka_unit_test(test_every_fixture_detected),
		cmocka_unit_test(test_wrong_role_is_an_error),
		cmocka_unit_test(test_prowler_csv_is_evidence),
		cmocka_unit_test(test_format_prefix_forces_the_reader),
		cmocka_unit_test(test_inventory_merge_and_classification),
		cmocka_unit_test(test_merge_many_tags),
		cmocka_unit_test(test_evidence_counts_and_aggregation),
		cmocka_unit_test(test_json_that_is_not_an_export),
		cmocka_unit_test(test_policy_many_assignments),
		cmocka_unit_test(test_stated_collection_time),
		cmocka_unit_test(test_records_applied),
		cmocka_unit_test(test_other_tenant_counted),
		cmocka_unit_test(test_resource_id_parts),
		cmocka_unit_test(test_kind_rules_most_specific_wins),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
