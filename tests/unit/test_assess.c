/*
 * test_assess.c - the assessment (assess.h).
 *
 * Small inventories, evidence sets and profiles are built from JSON strings
 * (jsondoc_parse + inventory_read_json / evidence_read_json /
 * profile_read_json) and assessed against the shipped catalog.  Covers the
 * status rules (inherited, missing, satisfied, failed, stale, not-applicable),
 * which record decides (scope precedence, newest wins, fail wins a tie),
 * references to unknown controls and workloads, unclassified workloads, the
 * inventory's service_model override, accountable_party, the order of
 * findings, controls of organisation scope (once per tenant, the worst of the
 * newest records per scope decides), the engagement's no-baa finding,
 * requirement_status() for every
 * combination, and the framework score and coverage on a tiny catalog
 * computed by hand.
 *
 * Run from the repository root (the catalog is read from catalog/).
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

#include "srmap/assess/assess.h"
#include "srmap/model/catalog.h"
#include "srmap/base/diag.h"
#include "srmap/read/evidence.h"
#include "srmap/read/inventory.h"
#include "srmap/base/jsondoc.h"
#include "srmap/model/profile.h"

/* ---- input builders ------------------------------------------------------------- */

#define SUB "11111111-2222-3333-4444-555555555555"
#define TENANT "contoso.example"
#define VM_ID "/subscriptions/" SUB "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
#define VM2_ID "/subscriptions/" SUB "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm2"
#define SQL_ID "/subscriptions/" SUB "/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1"
#define ODD_ID "/subscriptions/" SUB "/resourceGroups/rg/providers/Contoso.Widgets/gadgets/g1"
#define VM_TYPE "Microsoft.Compute/virtualMachines"

/* A workload in SUB and TENANT; extra is spliced into the object (start it with a comma). */
#define WORKLOAD(id, type, extra)                                                       \
	"{\"id\": \"" id "\", \"name\": \"w\", \"type\": \"" type "\", "                   \
	"\"subscription\": \"" SUB "\", \"tenant\": \"" TENANT "\"" extra "}"
#define INVENTORY(workloads) "{\"srmap_inventory\": 1, \"workloads\": [" workloads "]}"

/* One evidence record; scope is "workload", "subscription" or "tenant". */
#define EV(control, scope, scope_id, result, when)                                      \
	"{\"control\": \"" control "\", \"" scope "\": \"" scope_id "\", \"result\": \""    \
	result "\", \"collected_at\": \"" when "\", \"collected_by\": \"tester\"}"
#define EVIDENCE(records) "{\"srmap_evidence\": 1, \"evidence\": [" records "]}"
#define NO_EVIDENCE EVIDENCE("")

/* As of 2026-11-20; evidence may be 90 days old. */
#define AS_OF "2026-11-20T00:00:00Z"
#define PROFILE                                                                          \
	"{\"srmap_profile\": 1, \"client\": \"Contoso\", \"assessor\": \"Northwind\", "     \
	"\"as_of\": \"" AS_OF "\", \"max_evidence_age_days\": 90}"

#define RECENT "2026-11-10T00:00:00Z"     /* 10 days before as_of */
#define OLDER  "2026-11-01T00:00:00Z"     /* 19 days before, still fresh */
#define OLD    "2026-07-01T00:00:00Z"     /* 142 days before: too old */
#define EXACTLY_90_DAYS "2026-08-22T00:00:00Z"
#define JUST_OVER_90_DAYS "2026-08-21T23:59:59Z"

/* ---- the world a test assesses ------------------------------------------------------ */

static struct catalog shipped;

struct world {
	struct jsondoc inv_doc, ev_doc, prof_doc;
	struct inventory inv;
	struct evidence_set ev;
	struct profile prof;
	struct assessment a;
	struct diag_list d;
	int rc;   /* assess_run's result */
};

static void parse(struct jsondoc *doc, const char *name, const char *text, struct diag_list *d)
{
	if (jsondoc_parse(doc, name, text, strlen(text), d) != 0)
		fail_msg("test input %s is not valid JSON", name);
}

/* Reads the three inputs (which must be valid) and assesses them against cat. */
static void world_run_with(struct world *w, const struct catalog *cat, const char *inv,
			   const char *ev, const char *prof)
{
	memset(w, 0, sizeof *w);
	diag_init(&w->d, NULL);
	inventory_init(&w->inv);
	evidence_init(&w->ev);
	profile_defaults(&w->prof, 0);
	parse(&w->inv_doc, "inv.json", inv, &w->d);
	parse(&w->ev_doc, "ev.json", ev, &w->d);
	parse(&w->prof_doc, "profile.json", prof, &w->d);
	assert_true(inventory_read_json(&w->inv, &w->inv_doc, "inv.json", &w->d) >= 0);
	assert_true(evidence_read_json(&w->ev, &w->ev_doc, "ev.json", &w->d) >= 0);
	assert_int_equal(profile_read_json(&w->prof, &w->prof_doc, "profile.json", &w->d), 0);
	assert_int_equal(w->d.errors, 0);
	w->rc = assess_run(&w->a, cat, &w->prof, &w->inv, &w->ev, &w->d);
}

static void world_run(struct world *w, const char *inv, const char *ev)
{
	world_run_with(w, &shipped, inv, ev, PROFILE);
}

static void world_free(struct world *w)
{
	assess_release(&w->a);
	profile_release(&w->prof);
	evidence_release(&w->ev);
	inventory_release(&w->inv);
	jsondoc_release(&w->inv_doc);
	jsondoc_release(&w->ev_doc);
	jsondoc_release(&w->prof_doc);
	diag_release(&w->d);
}

/* The check of control on workload number wi, or NULL when the control does not apply. */
static const struct check *check_of(const struct world *w, size_t wi, const char *control)
{
	assert_true(wi < w->a.nworkloads);
	const struct workload_result *wr = &w->a.workloads[wi];
	for (size_t k = 0; k < wr->nchecks; k++)
		if (strcmp(wr->checks[k].control->id, control) == 0)
			return &wr->checks[k];
	return NULL;
}

static enum status status_of(const struct world *w, size_t wi, const char *control)
{
	const struct check *k = check_of(w, wi, control);
	if (!k)
		fail_msg("control %s does not apply to workload %zu", control, wi);
	return k->status;
}

/* The finding for this check, or NULL. */
static const struct finding *finding_of(const struct world *w, const struct check *k)
{
	for (size_t i = 0; i < w->a.nfindings; i++)
		if (w->a.findings[i].check == k)
			return &w->a.findings[i];
	return NULL;
}

static const struct diag *find_diag(const struct diag_list *d, enum diag_level level,
				    const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].level == level && strstr(d->items[i].msg, needle))
			return &d->items[i];
	return NULL;
}

static size_t layer_index(const struct catalog *cat, const char *id)
{
	const struct layer *l = catalog_layer(cat, id);
	assert_non_null(l);
	return (size_t)(l - cat->layers);
}

static int group_setup(void **state)
{
	(void)state;
	struct diag_list d;
	diag_init(&d, stderr);
	int rc = catalog_load(&shipped, "catalog/catalog.json", NULL, 0, &d);
	diag_release(&d);
	return rc;
}

static int group_teardown(void **state)
{
	(void)state;
	catalog_release(&shipped);
	return 0;
}

/* ---- status rules ------------------------------------------------------------------- */

static void test_provider_owned_is_inherited_and_evidence_ignored(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("prov-physical", "workload", VM_ID, "fail", RECENT)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "prov-physical");
	assert_non_null(k);
	assert_int_equal(k->owner, OWNER_PROVIDER);
	assert_int_equal(k->status, STATUS_INHERITED);
	assert_null(k->evidence);
	assert_int_equal(w.a.evidence_used[0], 0);
	assert_null(finding_of(&w, k));
	world_free(&w);
}

static void test_no_evidence_is_missing(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")), NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_non_null(k);
	assert_int_equal(k->owner, OWNER_CUSTOMER);
	assert_int_equal(k->status, STATUS_MISSING);
	assert_null(k->evidence);
	const struct finding *f = finding_of(&w, k);
	assert_non_null(f);
	assert_string_equal(f->status, "missing");
	assert_int_equal(f->severity, SEV_HIGH);   /* ops-audit-logging is high */
	world_free(&w);
}

static void test_pass_is_satisfied(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_int_equal(k->status, STATUS_SATISFIED);
	assert_ptr_equal(k->evidence, &w.ev.items[0]);
	assert_int_equal(w.a.evidence_used[0], 1);
	assert_null(finding_of(&w, k));
	world_free(&w);
}

static void test_fail_is_failed(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "fail", RECENT)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_int_equal(k->status, STATUS_FAILED);
	assert_ptr_equal(k->evidence, &w.ev.items[0]);
	const struct finding *f = finding_of(&w, k);
	assert_non_null(f);
	assert_string_equal(f->status, "failed");
	world_free(&w);
}

static void test_old_pass_is_stale(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", OLD)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_int_equal(k->status, STATUS_STALE);
	assert_ptr_equal(k->evidence, &w.ev.items[0]);
	const struct finding *f = finding_of(&w, k);
	assert_non_null(f);
	assert_string_equal(f->status, "stale");
	world_free(&w);
}

static void test_stale_boundary_is_more_than_max_age(void **state)
{
	(void)state;
	struct world w;
	/* Exactly 90 days old is not older than 90 days; one second more is. */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", EXACTLY_90_DAYS) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "pass", JUST_OVER_90_DAYS)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_SATISFIED);
	assert_int_equal(status_of(&w, 0, "net-nsg-default-deny"), STATUS_STALE);
	world_free(&w);
}

static void test_old_fail_is_failed(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "fail", OLD)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_FAILED);
	world_free(&w);
}

static void test_not_applicable(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "not-applicable", RECENT) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "not-applicable", OLD)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_int_equal(k->status, STATUS_NOT_APPLICABLE);
	assert_null(finding_of(&w, k));
	/* assess.h: "not-applicable -> not-applicable" comes before the age rule for passes. */
	assert_int_equal(status_of(&w, 0, "net-nsg-default-deny"), STATUS_NOT_APPLICABLE);
	world_free(&w);
}

static void test_shared_owner_needs_evidence(void **state)
{
	(void)state;
	struct world w;
	/* network-controls is shared under paas; net-private-endpoints names SQL servers. */
	world_run(&w, INVENTORY(WORKLOAD(SQL_ID, "Microsoft.Sql/servers", "") ","
				WORKLOAD(SQL_ID "b", "Microsoft.Sql/servers", "")),
		  EVIDENCE(EV("net-private-endpoints", "workload", SQL_ID, "pass", RECENT)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "net-private-endpoints");
	assert_non_null(k);
	assert_int_equal(k->owner, OWNER_SHARED);
	assert_int_equal(k->status, STATUS_SATISFIED);
	assert_int_equal(status_of(&w, 1, "net-private-endpoints"), STATUS_MISSING);
	world_free(&w);
}

/* ---- which record decides ----------------------------------------------------------- */

static void test_workload_beats_subscription(void **state)
{
	(void)state;
	struct world w;
	/* The narrower scope wins even though the subscription record is newer. */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "subscription", SUB, "fail", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "pass", OLDER)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_int_equal(k->status, STATUS_SATISFIED);
	assert_ptr_equal(k->evidence, &w.ev.items[1]);
	assert_int_equal(w.a.evidence_used[0], 0);
	world_free(&w);
}

static void test_subscription_beats_tenant(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "tenant", TENANT, "fail", RECENT) ","
			   EV("ops-audit-logging", "subscription", SUB, "pass", OLDER)));
	assert_int_equal(w.rc, 0);
	const struct check *k = check_of(&w, 0, "ops-audit-logging");
	assert_int_equal(k->status, STATUS_SATISFIED);
	assert_ptr_equal(k->evidence, &w.ev.items[1]);
	world_free(&w);
}

static void test_stale_workload_record_not_replaced_by_broader(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", OLD) ","
			   EV("ops-audit-logging", "tenant", TENANT, "pass", RECENT)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_STALE);
	world_free(&w);
}

static void test_tenant_record_applies_to_its_workloads(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "") ","
				"{\"id\": \"" VM2_ID "\", \"name\": \"other\", \"type\": \"" VM_TYPE "\","
				" \"tenant\": \"fabrikam.example\"}"),
		  EVIDENCE(EV("ops-audit-logging", "tenant", TENANT, "fail", RECENT)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_FAILED);
	assert_int_equal(status_of(&w, 1, "ops-audit-logging"), STATUS_MISSING);
	world_free(&w);
}

static void test_newest_wins_listed_first(void **state)
{
	(void)state;
	struct world w;
	/* The newest record comes first in the file, so no later record replaces it. */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "fail", OLDER) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "fail", RECENT) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "pass", OLDER)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_SATISFIED);
	assert_ptr_equal(check_of(&w, 0, "ops-audit-logging")->evidence, &w.ev.items[0]);
	assert_int_equal(status_of(&w, 0, "net-nsg-default-deny"), STATUS_FAILED);
	assert_ptr_equal(check_of(&w, 0, "net-nsg-default-deny")->evidence, &w.ev.items[2]);
	world_free(&w);
}

/*
 * The evidence index borrows its keys (strmap.h: "the caller keeps each key
 * alive and unchanged for as long as it is in the map"); the assessment owns
 * them in index_keys.  Every key in the map must therefore be one of them.
 */
static int index_keys_owned(const struct assessment *a)
{
	const struct strmap *m = &a->evidence_index;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		int owned = 0;
		for (size_t j = 0; j < a->nkeys && !owned; j++)
			owned = m->slots[i].key == a->index_keys[j];
		if (!owned)
			return 0;
	}
	return 1;
}

/* How two checks on workload 0 were decided, captured so that the world can be freed first. */
struct outcome {
	int rc, keys_owned;
	enum status status[2];
	long evidence[2];   /* index of the deciding record, or -1 */
};

static struct outcome outcome_of(struct world *w, const char *c0, const char *c1)
{
	struct outcome o = { .rc = w->rc, .keys_owned = w->rc == 0 && index_keys_owned(&w->a) };
	const char *controls[2] = { c0, c1 };
	for (int i = 0; i < 2; i++) {
		const struct check *k = w->rc == 0 ? check_of(w, 0, controls[i]) : NULL;
		o.status[i] = k ? k->status : STATUS_COUNT;
		o.evidence[i] = k && k->evidence ? (long)(k->evidence - w->ev.items) : -1;
	}
	world_free(w);
	return o;
}

/*
 * Exposes a bug in src/assess.c index_evidence(): when a later record beats
 * the one already indexed for the same scope+id+control, strmap_put() stores
 * the new temporary key string in the slot and index_evidence() then frees
 * it, so the index holds a dangling key.  Lookups then read freed memory
 * (valgrind: invalid read in strcasecmp) and, depending on the heap, miss:
 * the check comes out "missing" instead of being decided by the newest record.
 */
static void test_newest_wins_listed_last(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "fail", OLDER) ","
			   EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "pass", OLDER) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "fail", RECENT)));
	struct outcome o = outcome_of(&w, "ops-audit-logging", "net-nsg-default-deny");
	assert_int_equal(o.rc, 0);
	if (!o.keys_owned)
		fail_msg("the evidence index holds a key the assessment does not own "
			 "(freed by index_evidence)");
	assert_int_equal(o.status[0], STATUS_SATISFIED);
	assert_int_equal(o.evidence[0], 1);
	assert_int_equal(o.status[1], STATUS_FAILED);
	assert_int_equal(o.evidence[1], 3);
}

static void test_equal_time_fail_listed_first_wins(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "fail", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   /* the same instant written with two offsets */
			   EV("net-nsg-default-deny", "workload", VM_ID, "fail", "2026-11-10T01:00:00+01:00") ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "pass", "2026-11-10T00:00:00Z")));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_FAILED);
	assert_ptr_equal(check_of(&w, 0, "ops-audit-logging")->evidence, &w.ev.items[0]);
	assert_int_equal(status_of(&w, 0, "net-nsg-default-deny"), STATUS_FAILED);
	assert_true(index_keys_owned(&w.a));
	world_free(&w);
}

/* Exposes the index_evidence() bug described above test_newest_wins_listed_last. */
static void test_equal_time_fail_listed_last_wins(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "fail", RECENT) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "pass", "2026-11-10T00:00:00Z") ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "fail", "2026-11-10T01:00:00+01:00")));
	struct outcome o = outcome_of(&w, "ops-audit-logging", "net-nsg-default-deny");
	assert_int_equal(o.rc, 0);
	if (!o.keys_owned)
		fail_msg("the evidence index holds a key the assessment does not own "
			 "(freed by index_evidence)");
	assert_int_equal(o.status[0], STATUS_FAILED);
	assert_int_equal(o.evidence[0], 1);
	assert_int_equal(o.status[1], STATUS_FAILED);
	assert_int_equal(o.evidence[1], 3);
}

static void test_equal_time_not_applicable_between_fail_and_pass(void **state)
{
	(void)state;
	struct world w;
	/* The winner is listed first each time, so a wrong tie-break would replace it. */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "not-applicable", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "fail", RECENT) ","
			   EV("net-nsg-default-deny", "workload", VM_ID, "not-applicable", RECENT)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_NOT_APPLICABLE);
	assert_int_equal(status_of(&w, 0, "net-nsg-default-deny"), STATUS_FAILED);
	world_free(&w);
}

static void test_equal_time_and_result_first_read_kept(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT)));
	assert_int_equal(w.rc, 0);
	/* The check cites the first read; the tied record decided it as much and is used too. */
	assert_ptr_equal(check_of(&w, 0, "ops-audit-logging")->evidence, &w.ev.items[0]);
	assert_int_equal(w.a.evidence_used[0], 1);
	assert_int_equal(w.a.evidence_used[1], 1);
	world_free(&w);
}

/* Records that lost - older, or a pass beside a fail of the same time - are not used. */
static void test_losing_records_not_used(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "pass", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "fail", RECENT) ","
			   EV("ops-audit-logging", "workload", VM_ID, "fail", OLDER)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_FAILED);
	assert_ptr_equal(check_of(&w, 0, "ops-audit-logging")->evidence, &w.ev.items[1]);
	assert_int_equal(w.a.evidence_used[0], 0);
	assert_int_equal(w.a.evidence_used[1], 1);
	assert_int_equal(w.a.evidence_used[2], 0);
	world_free(&w);
}

static void test_times_compared_as_instants(void **state)
{
	(void)state;
	struct world w;
	/*
	 * 00:30+01:00 on the 10th is 23:30Z on the 9th, older than 00:00Z on the 10th;
	 * by wall-clock digits it would look newer.  The newer fail is listed first.
	 */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM_ID, "fail", "2026-11-10T00:00:00Z") ","
			   EV("ops-audit-logging", "workload", VM_ID, "pass", "2026-11-10T00:30:00+01:00")));
	assert_int_equal(w.rc, 0);
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_FAILED);
	world_free(&w);
}

static void test_lookup_matches_check(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "tenant", TENANT, "pass", RECENT) ","
			   EV("ops-audit-logging", "subscription", SUB, "fail", OLDER)));
	assert_int_equal(w.rc, 0);
	const struct evidence *e = assess_lookup(&w.a, &w.inv.items[0], "ops-audit-logging");
	assert_ptr_equal(e, &w.ev.items[1]);   /* subscription beats tenant */
	assert_null(assess_lookup(&w.a, &w.inv.items[0], "net-nsg-default-deny"));
	world_free(&w);
}

/* ---- references --------------------------------------------------------------------- */

static void test_unknown_control_fails(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("iam-nonexistent", "workload", VM_ID, "pass", RECENT)));
	assert_int_equal(w.rc, -1);
	const struct diag *e = find_diag(&w.d, DIAG_ERROR, "iam-nonexistent");
	assert_non_null(e);
	assert_string_equal(e->file, "ev.json");
	assert_true(e->line > 0);
	world_free(&w);
}

static void test_unknown_workload_fails(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "workload", VM2_ID, "pass", RECENT)));
	assert_int_equal(w.rc, -1);
	const struct diag *e = find_diag(&w.d, DIAG_ERROR, VM2_ID);
	assert_non_null(e);
	assert_string_equal(e->file, "ev.json");
	world_free(&w);
}

static void test_unmatched_subscription_only_warns(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("ops-audit-logging", "subscription", "no-such-sub", "pass", RECENT)));
	assert_int_equal(w.rc, 0);
	assert_int_equal(w.d.errors, 0);
	assert_non_null(find_diag(&w.d, DIAG_WARNING, "no-such-sub"));
	assert_int_equal(status_of(&w, 0, "ops-audit-logging"), STATUS_MISSING);
	world_free(&w);
}

/* ---- service models ----------------------------------------------------------------- */

static void test_unknown_type_is_unclassified(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(ODD_ID, "Contoso.Widgets/gadgets", "")), NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	assert_int_equal(w.d.errors, 0);
	const struct workload_result *wr = &w.a.workloads[0];
	assert_int_equal(wr->model, MODEL_UNCLASSIFIED);
	assert_null(wr->type);
	assert_int_equal(w.a.model_count[MODEL_UNCLASSIFIED], 1);
	/* A warning naming the type. */
	const struct diag *g = find_diag(&w.d, DIAG_WARNING, "Contoso.Widgets/gadgets");
	assert_non_null(g);
	assert_string_equal(g->file, "inv.json");
	/* One finding about the workload itself (no check), status "unclassified". */
	size_t n = 0;
	for (size_t i = 0; i < w.a.nfindings; i++)
		if (w.a.findings[i].wr && !w.a.findings[i].check) {
			n++;
			assert_string_equal(w.a.findings[i].status, "unclassified");
			assert_int_equal(w.a.findings[i].severity, SEV_MEDIUM);
			assert_ptr_equal(w.a.findings[i].wr, wr);
		}
	assert_int_equal(n, 1);
	/*
	 * Nothing is inherited from an unidentified provider; only all-model
	 * controls apply (those of organisation scope to its organisation).
	 */
	for (size_t l = 0; l < shipped.nlayers; l++)
		assert_int_equal(wr->layer_owner[l], OWNER_CUSTOMER);
	size_t everywhere = 0;
	for (size_t c = 0; c < shipped.ncontrols; c++)
		everywhere += shipped.controls[c].model_mask == 0xFu &&
			      shipped.controls[c].scope == CONTROL_SCOPE_WORKLOAD;
	assert_int_equal(wr->nchecks, everywhere);
	for (size_t k = 0; k < wr->nchecks; k++) {
		assert_int_equal(wr->checks[k].control->model_mask, 0xFu);
		assert_int_not_equal(wr->checks[k].status, STATUS_INHERITED);
	}
	world_free(&w);
}

static void test_explicit_service_model_overrides_catalog(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, ", \"service_model\": \"paas\"") ","
				WORKLOAD(ODD_ID, "Contoso.Widgets/gadgets",
					 ", \"service_model\": \"saas\"")),
		  NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	/* The VM is assessed as paas: the operating system becomes the provider's. */
	const struct workload_result *vm = &w.a.workloads[0];
	assert_int_equal(vm->model, MODEL_PAAS);
	assert_non_null(vm->type);
	size_t os = layer_index(&shipped, "operating-system");
	assert_int_equal(vm->layer_owner[os], OWNER_PROVIDER);
	const struct check *k = check_of(&w, 0, "os-patch-management");   /* applies by type */
	assert_non_null(k);
	assert_int_equal(k->status, STATUS_INHERITED);
	/* The unknown type with a model is not unclassified. */
	const struct workload_result *odd = &w.a.workloads[1];
	assert_int_equal(odd->model, MODEL_SAAS);
	assert_null(odd->type);
	assert_non_null(check_of(&w, 1, "saas-cloud-app-security"));   /* saas-only control */
	assert_int_equal(w.a.model_count[MODEL_UNCLASSIFIED], 0);
	assert_null(find_diag(&w.d, DIAG_WARNING, "classify"));
	for (size_t i = 0; i < w.a.nfindings; i++)
		assert_string_not_equal(w.a.findings[i].status, "unclassified");
	world_free(&w);
}

static void test_accountable_party_keeps_owners(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "") ","
				WORKLOAD(VM2_ID, VM_TYPE,
					 ", \"accountable_party\": \"Fabrikam Managed Services\"")),
		  NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	const struct workload_result *plain = &w.a.workloads[0], *msp = &w.a.workloads[1];
	assert_string_equal(msp->w->accountable_party, "Fabrikam Managed Services");
	assert_null(plain->w->accountable_party);
	for (size_t l = 0; l < shipped.nlayers; l++) {
		assert_int_equal(msp->layer_owner[l], catalog_owner(&shipped, l, MODEL_IAAS));
		assert_int_equal(msp->layer_owner[l], plain->layer_owner[l]);
	}
	assert_int_equal(msp->nchecks, plain->nchecks);
	for (size_t k = 0; k < msp->nchecks; k++) {
		assert_ptr_equal(msp->checks[k].control, plain->checks[k].control);
		assert_int_equal(msp->checks[k].owner, plain->checks[k].owner);
		assert_int_equal(msp->checks[k].status, plain->checks[k].status);
	}
	world_free(&w);
}

/* ---- controls of organisation scope -------------------------------------------------- */

#define OTHER_TENANT_VM                                                                  \
	"{\"id\": \"vm-fabrikam\", \"name\": \"f\", \"type\": \"" VM_TYPE "\", "       \
	"\"subscription\": \"99999999-2222-3333-4444-555555555555\", "                     \
	"\"tenant\": \"fabrikam.example\"}"

/* The organisation check of control in group o, or NULL. */
static const struct check *org_check(const struct world *w, size_t o, const char *control)
{
	assert_true(o < w->a.norgs);
	const struct organisation_result *org = &w->a.orgs[o];
	for (size_t k = 0; k < org->nchecks; k++)
		if (strcmp(org->checks[k].control->id, control) == 0)
			return &org->checks[k];
	return NULL;
}

static void test_organisation_control_checked_once_per_tenant(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "") "," WORKLOAD(VM2_ID, VM_TYPE, "") ","
				OTHER_TENANT_VM),
		  NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	assert_null(check_of(&w, 0, "iam-mfa"));       /* not on the workloads */
	assert_null(check_of(&w, 2, "iam-mfa"));
	assert_int_equal(w.a.norgs, 2);
	assert_string_equal(w.a.orgs[0].tenant, TENANT);
	assert_int_equal(w.a.orgs[0].nworkloads, 2);
	assert_int_equal(w.a.orgs[1].nworkloads, 1);
	const struct check *k = org_check(&w, 0, "iam-mfa");
	assert_non_null(k);
	assert_int_equal(k->status, STATUS_MISSING);
	assert_int_equal(k->owner, OWNER_CUSTOMER);
	assert_int_equal(w.a.orgs[0].applies[k - w.a.orgs[0].checks], 2);
	size_t n = 0;
	for (size_t i = 0; i < w.a.nfindings; i++)
		if (w.a.findings[i].check && !strcmp(w.a.findings[i].check->control->id, "iam-mfa")) {
			assert_non_null(w.a.findings[i].org);
			assert_null(w.a.findings[i].wr);
			n++;
		}
	assert_int_equal(n, 2);                        /* one per tenant, not one per workload */
	size_t idx = (size_t)(catalog_control(&shipped, "iam-mfa") - shipped.controls);
	assert_int_equal(w.a.control_count[idx][STATUS_MISSING], 2);
	world_free(&w);
}

static void test_organisation_failure_anywhere_wins(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("iam-mfa", "tenant", TENANT, "pass", RECENT) ","
			   EV("iam-mfa", "subscription", SUB, "fail", OLDER) ","
			   EV("iam-mfa", "workload", VM_ID, "not-applicable", RECENT)));
	assert_int_equal(w.rc, 0);
	const struct check *k = org_check(&w, 0, "iam-mfa");
	assert_non_null(k);
	assert_int_equal(k->status, STATUS_FAILED);
	assert_ptr_equal(k->evidence, &w.ev.items[1]);
	assert_int_equal(w.a.orgs[0].records[k - w.a.orgs[0].checks], 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(w.a.evidence_used[i], 1);   /* every record consulted is evidence */
	world_free(&w);
}

static void test_organisation_newest_record_of_each_scope(void **state)
{
	(void)state;
	struct world w;
	/* The subscription's old failure was replaced by its newer pass: the check is satisfied. */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")),
		  EVIDENCE(EV("iam-mfa", "subscription", SUB, "fail", OLDER) ","
			   EV("iam-mfa", "subscription", SUB, "pass", RECENT) ","
			   EV("iam-mfa", "tenant", TENANT, "pass", OLD)));
	assert_int_equal(w.rc, 0);
	const struct check *k = org_check(&w, 0, "iam-mfa");
	assert_int_equal(k->status, STATUS_SATISFIED);
	assert_ptr_equal(k->evidence, &w.ev.items[1]);  /* among passes, the newest */
	assert_int_equal(w.a.evidence_used[0], 0);
	assert_int_equal(w.a.evidence_used[1], 1);
	assert_int_equal(w.a.evidence_used[2], 1);
	world_free(&w);
}

/* ---- findings ----------------------------------------------------------------------- */

static void test_findings_most_severe_first(void **state)
{
	(void)state;
	struct world w;
	world_run(&w, INVENTORY(WORKLOAD(ODD_ID, "Contoso.Widgets/gadgets", "") ","
				WORKLOAD(VM_ID, VM_TYPE, "") ","
				WORKLOAD(SQL_ID, "Microsoft.Sql/servers", "")),
		  EVIDENCE(EV("ops-secure-score", "workload", VM_ID, "fail", RECENT) ","
			   EV("ops-audit-logging", "workload", SQL_ID, "pass", OLD)));
	assert_int_equal(w.rc, 0);
	assert_true(w.a.nfindings > 2);
	size_t by_sev[SEV_COUNT] = { 0 };
	for (size_t i = 0; i < w.a.nfindings; i++) {
		by_sev[w.a.findings[i].severity]++;
		if (i == 0)
			continue;
		const struct finding *p = &w.a.findings[i - 1], *f = &w.a.findings[i];
		assert_true(p->severity >= f->severity);
		if (p->severity == f->severity)
			assert_true(p->rank < f->rank);
	}
	/* Missing iam-mfa (critical) exists, and the organisation's failed ops-secure-score (low). */
	assert_int_equal(w.a.findings[0].severity, SEV_CRITICAL);
	assert_int_equal(w.a.findings[w.a.nfindings - 1].severity, SEV_LOW);
	for (int s = 0; s < SEV_COUNT; s++)
		assert_int_equal(by_sev[s], w.a.severity_count[s]);
	/* Within one severity, organisations before workloads, then inventory order. */
	assert_ptr_equal(w.a.findings[0].org, &w.a.orgs[0]);
	assert_null(w.a.findings[0].wr);
	size_t first_high = 0;
	while (w.a.findings[first_high].severity != SEV_HIGH || !w.a.findings[first_high].wr)
		first_high++;   /* past the engagement's no-baa and the organisation's */
	assert_ptr_equal(w.a.findings[first_high].wr, &w.a.workloads[0]);
	world_free(&w);
}

static size_t count_status(const struct world *w, const char *status)
{
	size_t n = 0;
	for (size_t i = 0; i < w->a.nfindings; i++)
		n += strcmp(w->a.findings[i].status, status) == 0;
	return n;
}

static void test_no_baa_finding_only_when_hipaa_in_scope(void **state)
{
	(void)state;
	struct world w;
	/* HIPAA in scope (the default) and no hipaa-baa attestation: one engagement finding. */
	world_run(&w, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")), NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	assert_int_equal(count_status(&w, "no-baa"), 1);
	for (size_t i = 0; i < w.a.nfindings; i++)
		if (strcmp(w.a.findings[i].status, "no-baa") == 0)
			assert_null(w.a.findings[i].wr);
	world_free(&w);
	/* Without HIPAA in scope there is none. */
	world_run_with(&w, &shipped, INVENTORY(WORKLOAD(VM_ID, VM_TYPE, "")), NO_EVIDENCE,
		       "{\"srmap_profile\": 1, \"client\": \"C\", \"assessor\": \"A\","
		       " \"as_of\": \"" AS_OF "\", \"frameworks\": [\"soc2\"]}");
	assert_int_equal(w.rc, 0);
	assert_int_equal(count_status(&w, "no-baa"), 0);
	world_free(&w);
}

/* ---- requirement_status ------------------------------------------------------------- */

static enum req_status req(size_t inh, size_t sat, size_t fail, size_t miss, size_t stale,
			   size_t na, size_t ncontrols)
{
	size_t c[STATUS_COUNT] = { 0 };
	c[STATUS_INHERITED] = inh;
	c[STATUS_SATISFIED] = sat;
	c[STATUS_FAILED] = fail;
	c[STATUS_MISSING] = miss;
	c[STATUS_STALE] = stale;
	c[STATUS_NOT_APPLICABLE] = na;
	return requirement_status(c, ncontrols);
}

static void test_requirement_no_controls_not_assessed(void **state)
{
	(void)state;
	assert_int_equal(req(0, 0, 0, 0, 0, 0, 0), REQ_NOT_ASSESSED);
	/* Controls cite it, but none applied to any workload. */
	assert_int_equal(req(0, 0, 0, 0, 0, 0, 2), REQ_NOT_ASSESSED);
}

static void test_requirement_all_not_applicable(void **state)
{
	(void)state;
	assert_int_equal(req(0, 0, 0, 0, 0, 3, 1), REQ_NOT_APPLICABLE);
}

static void test_requirement_all_inherited(void **state)
{
	(void)state;
	assert_int_equal(req(4, 0, 0, 0, 0, 0, 2), REQ_INHERITED);
	assert_int_equal(req(4, 0, 0, 0, 0, 1, 2), REQ_INHERITED);   /* n/a does not count */
}

static void test_requirement_met(void **state)
{
	(void)state;
	assert_int_equal(req(2, 1, 0, 0, 0, 0, 2), REQ_MET);
	assert_int_equal(req(0, 1, 0, 0, 0, 0, 1), REQ_MET);
	assert_int_equal(req(0, 1, 0, 0, 0, 5, 1), REQ_MET);
}

static void test_requirement_partially_met(void **state)
{
	(void)state;
	assert_int_equal(req(0, 1, 1, 0, 0, 0, 2), REQ_PARTIALLY_MET);
	assert_int_equal(req(1, 0, 0, 1, 0, 0, 2), REQ_PARTIALLY_MET);
	assert_int_equal(req(0, 3, 0, 0, 1, 0, 2), REQ_PARTIALLY_MET);
}

static void test_requirement_not_met(void **state)
{
	(void)state;
	assert_int_equal(req(0, 0, 1, 0, 0, 0, 1), REQ_NOT_MET);
	assert_int_equal(req(0, 0, 0, 1, 0, 0, 1), REQ_NOT_MET);
	assert_int_equal(req(0, 0, 0, 0, 1, 0, 1), REQ_NOT_MET);
	assert_int_equal(req(0, 0, 1, 1, 1, 2, 3), REQ_NOT_MET);
}

/* ---- framework roll-up on a tiny catalog ---------------------------------------------- */

/*
 * Two layers, one type, three controls:
 *   c-phys (physical: provider under iaas) cites HIPAA H1, NIST N-1
 *   c-mfa  (identity)                       cites HIPAA H1 H2 H5, SOC 2 S1
 *   c-log  (identity)                       cites HIPAA H3 H5, NIST N-2
 * FedRAMP moderate = N-1, N-2.
 */
static const char tiny_catalog[] =
	"{\"srmap_catalog\": 1, \"version\": \"tiny-1\",\n"
	" \"layers\": [{\"id\": \"physical\", \"title\": \"Physical\"},"
	"             {\"id\": \"identity\", \"title\": \"Identity\"}],\n"
	" \"responsibility\": [\n"
	"  {\"layer\": \"physical\", \"iaas\": \"provider\", \"paas\": \"provider\","
	"   \"saas\": \"provider\", \"onprem\": \"customer\"},\n"
	"  {\"layer\": \"identity\", \"iaas\": \"customer\", \"paas\": \"customer\","
	"   \"saas\": \"customer\", \"onprem\": \"customer\"}],\n"
	" \"resource_types\": [{\"type\": \"Tiny/vm\", \"service_model\": \"iaas\"}],\n"
	" \"frameworks\": [\n"
	"  {\"id\": \"hipaa\", \"title\": \"H\", \"requirements\": [{\"id\": \"H1\", \"title\": \"h\"},"
	"   {\"id\": \"H2\", \"title\": \"h\"}, {\"id\": \"H3\", \"title\": \"h\"},"
	"   {\"id\": \"H4\", \"title\": \"h\"}, {\"id\": \"H5\", \"title\": \"h\"}]},\n"
	"  {\"id\": \"soc2\", \"title\": \"S\", \"requirements\": [{\"id\": \"S1\", \"title\": \"s\"},"
	"   {\"id\": \"S2\", \"title\": \"s\"}]},\n"
	"  {\"id\": \"nist-800-53\", \"title\": \"N\", \"requirements\": [{\"id\": \"N-1\", \"title\": \"n\"},"
	"   {\"id\": \"N-2\", \"title\": \"n\"}, {\"id\": \"N-3\", \"title\": \"n\"}]}],\n"
	" \"fedramp_baselines\": {\"low\": [\"N-1\"], \"moderate\": [\"N-1\", \"N-2\"],"
	"   \"high\": [\"N-1\", \"N-2\", \"N-3\"]},\n"
	" \"controls\": [\n"
	"  {\"id\": \"c-phys\", \"title\": \"t\", \"layer\": \"physical\", \"severity\": \"high\","
	"   \"applies_to\": {\"service_models\": [\"iaas\", \"paas\", \"saas\", \"onprem\"]},"
	"   \"remediation\": \"r\", \"refs\": {\"hipaa\": [\"H1\"], \"nist\": [\"N-1\"]}},\n"
	"  {\"id\": \"c-mfa\", \"title\": \"t\", \"layer\": \"identity\", \"severity\": \"critical\","
	"   \"applies_to\": {\"service_models\": [\"iaas\", \"paas\", \"saas\", \"onprem\"]},"
	"   \"remediation\": \"r\", \"refs\": {\"hipaa\": [\"H1\", \"H2\", \"H5\"], \"soc2\": [\"S1\"]}},\n"
	"  {\"id\": \"c-log\", \"title\": \"t\", \"layer\": \"identity\", \"severity\": \"low\","
	"   \"applies_to\": {\"service_models\": [\"iaas\", \"paas\", \"saas\", \"onprem\"]},"
	"   \"remediation\": \"r\", \"refs\": {\"hipaa\": [\"H3\", \"H5\"], \"nist\": [\"N-2\"]}}]}\n";

static const struct requirement_result *req_result(const struct framework_result *fr,
						   const char *id)
{
	for (size_t i = 0; i < fr->n; i++)
		if (strcmp(fr->reqs[i].req->id, id) == 0)
			return &fr->reqs[i];
	fail_msg("requirement %s not in the framework", id);
	return NULL;
}

/* Loads tiny_catalog from a temporary folder into *cat. */
static void load_tiny(struct catalog *cat)
{
	char dir[] = "/tmp/srmap-test-assess-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/catalog.json", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(tiny_catalog, f);
	assert_int_equal(fclose(f), 0);
	struct diag_list d;
	diag_init(&d, stderr);
	int rc = catalog_load(cat, path, NULL, 0, &d);
	diag_release(&d);
	unlink(path);
	rmdir(dir);
	assert_int_equal(rc, 0);
}

static void test_framework_score_and_coverage_by_hand(void **state)
{
	(void)state;
	struct catalog cat;
	load_tiny(&cat);

	struct world w;
	world_run_with(&w, &cat, INVENTORY(WORKLOAD(VM_ID, "Tiny/vm", "")),
		       EVIDENCE(EV("c-mfa", "workload", VM_ID, "pass", RECENT) ","
				EV("c-log", "workload", VM_ID, "fail", RECENT)),
		       PROFILE);
	assert_int_equal(w.rc, 0);
	/* Checks: c-phys inherited, c-mfa satisfied, c-log failed. */
	assert_int_equal(status_of(&w, 0, "c-phys"), STATUS_INHERITED);
	assert_int_equal(status_of(&w, 0, "c-mfa"), STATUS_SATISFIED);
	assert_int_equal(status_of(&w, 0, "c-log"), STATUS_FAILED);

	/*
	 * HIPAA: H1 {inherited, satisfied} met; H2 {satisfied} met; H3 {failed} not met;
	 * H4 no control, not assessed; H5 {satisfied, failed} partially met.
	 * Score = (1 + 1 + 0 + 0.5) / 4 = 62.5 %; coverage = 4 / 5 = 80 %.
	 */
	const struct framework_result *h = &w.a.fw[FW_HIPAA];
	assert_true(h->in_scope);
	assert_int_equal(h->n, 5);
	assert_int_equal(req_result(h, "H1")->status, REQ_MET);
	assert_int_equal(req_result(h, "H1")->ncontrols, 2);
	assert_int_equal(req_result(h, "H2")->status, REQ_MET);
	assert_int_equal(req_result(h, "H3")->status, REQ_NOT_MET);
	assert_int_equal(req_result(h, "H4")->status, REQ_NOT_ASSESSED);
	assert_int_equal(req_result(h, "H4")->ncontrols, 0);
	assert_int_equal(req_result(h, "H5")->status, REQ_PARTIALLY_MET);
	assert_int_equal(h->count[REQ_MET], 2);
	assert_int_equal(h->count[REQ_PARTIALLY_MET], 1);
	assert_int_equal(h->count[REQ_NOT_MET], 1);
	assert_int_equal(h->count[REQ_NOT_ASSESSED], 1);
	assert_int_equal(h->score_tenths, 625);
	assert_int_equal(h->coverage_tenths, 800);

	/* SOC 2: S1 met, S2 not assessed: score 100 %, coverage 50 %. */
	const struct framework_result *s = &w.a.fw[FW_SOC2];
	assert_int_equal(req_result(s, "S1")->status, REQ_MET);
	assert_int_equal(req_result(s, "S2")->status, REQ_NOT_ASSESSED);
	assert_int_equal(s->score_tenths, 1000);
	assert_int_equal(s->coverage_tenths, 500);

	/* FedRAMP moderate: N-1 inherited (full credit), N-2 not met: 50 %, coverage 100 %. */
	const struct framework_result *fr = &w.a.fw[FW_FEDRAMP];
	assert_int_equal(fr->n, 2);
	assert_int_equal(req_result(fr, "N-1")->status, REQ_INHERITED);
	assert_int_equal(req_result(fr, "N-2")->status, REQ_NOT_MET);
	assert_int_equal(fr->score_tenths, 500);
	assert_int_equal(fr->coverage_tenths, 1000);

	/* Overall: 2 good checks of 3 decided = 66.7 %. */
	assert_int_equal(w.a.overall_tenths, 667);
	world_free(&w);
	catalog_release(&cat);
}

static void test_framework_nothing_assessed_has_no_score(void **state)
{
	(void)state;
	struct catalog cat;
	load_tiny(&cat);
	struct world w;
	/* As onprem every layer is the customer's; every check is not applicable. */
	world_run_with(&w, &cat, INVENTORY(WORKLOAD(VM_ID, "Tiny/vm", ", \"service_model\": \"onprem\"")),
		       EVIDENCE(EV("c-phys", "workload", VM_ID, "not-applicable", RECENT) ","
				EV("c-mfa", "workload", VM_ID, "not-applicable", RECENT) ","
				EV("c-log", "workload", VM_ID, "not-applicable", RECENT)),
		       PROFILE);
	assert_int_equal(w.rc, 0);
	for (size_t i = 0; i < w.a.nfindings; i++)
		assert_null(w.a.findings[i].check);   /* only the engagement's no-baa finding */
	for (int fw = 0; fw < FW_COUNT; fw++) {
		assert_int_equal(w.a.fw[fw].score_tenths, -1);
		assert_int_equal(w.a.fw[fw].coverage_tenths, 0);
	}
	assert_int_equal(w.a.fw[FW_HIPAA].count[REQ_NOT_APPLICABLE], 4);   /* H1 H2 H3 H5 */
	assert_int_equal(w.a.fw[FW_HIPAA].count[REQ_NOT_ASSESSED], 1);     /* H4 */
	assert_int_equal(w.a.overall_tenths, -1);
	world_free(&w);
	catalog_release(&cat);
}

static void test_framework_all_missing_scores_zero(void **state)
{
	(void)state;
	struct world w;
	/* An onprem workload without evidence: every check is the customer's and missing. */
	world_run(&w, INVENTORY(WORKLOAD(ODD_ID, "Contoso.Widgets/gadgets",
					 ", \"service_model\": \"onprem\"")),
		  NO_EVIDENCE);
	assert_int_equal(w.rc, 0);
	/* Sanity of the shape: every framework's counts add up to its requirement count. */
	for (int fw = 0; fw < FW_COUNT; fw++) {
		size_t sum = 0;
		for (int s = 0; s < REQ_STATUS_COUNT; s++)
			sum += w.a.fw[fw].count[s];
		assert_int_equal(sum, w.a.fw[fw].n);
		assert_true(w.a.fw[fw].coverage_tenths >= 0 && w.a.fw[fw].coverage_tenths <= 1000);
		assert_true(w.a.fw[fw].score_tenths >= -1 && w.a.fw[fw].score_tenths <= 1000);
	}
	const struct workload_result *wr = &w.a.workloads[0];
	assert_true(wr->nchecks > 0);
	for (size_t k = 0; k < wr->nchecks; k++)
		assert_int_equal(wr->checks[k].status, STATUS_MISSING);
	/* Nothing is good, so every assessed requirement is not met. */
	assert_true(w.a.fw[FW_HIPAA].count[REQ_NOT_MET] > 0);
	assert_int_equal(w.a.fw[FW_HIPAA].count[REQ_MET] + w.a.fw[FW_HIPAA].count[REQ_PARTIALLY_MET] +
			 w.a.fw[FW_HIPAA].count[REQ_INHERITED], 0);
	assert_int_equal(w.a.overall_tenths, 0);
	assert_int_equal(w.a.fw[FW_HIPAA].score_tenths, 0);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_provider_owned_is_inherited_and_evidence_ignored),
		cmocka_unit_test(test_no_evidence_is_missing),
		cmocka_unit_test(test_pass_is_satisfied),
		cmocka_unit_test(test_fail_is_failed),
		cmocka_unit_test(test_old_pass_is_stale),
		cmocka_unit_test(test_stale_boundary_is_more_than_max_age),
		cmocka_unit_test(test_old_fail_is_failed),
		cmocka_unit_test(test_not_applicable),
		cmocka_unit_test(test_shared_owner_needs_evidence),
		cmocka_unit_test(test_workload_beats_subscription),
		cmocka_unit_test(test_subscription_beats_tenant),
		cmocka_unit_test(test_stale_workload_record_not_replaced_by_broader),
		cmocka_unit_test(test_tenant_record_applies_to_its_workloads),
		cmocka_unit_test(test_newest_wins_listed_first),
		cmocka_unit_test(test_newest_wins_listed_last),
		cmocka_unit_test(test_equal_time_fail_listed_first_wins),
		cmocka_unit_test(test_equal_time_fail_listed_last_wins),
		cmocka_unit_test(test_equal_time_not_applicable_between_fail_and_pass),
		cmocka_unit_test(test_equal_time_and_result_first_read_kept),
		cmocka_unit_test(test_losing_records_not_used),
		cmocka_unit_test(test_times_compared_as_instants),
		cmocka_unit_test(test_lookup_matches_check),
		cmocka_unit_test(test_unknown_control_fails),
		cmocka_unit_test(test_unknown_workload_fails),
		cmocka_unit_test(test_unmatched_subscription_only_warns),
		cmocka_unit_test(test_unknown_type_is_unclassified),
		cmocka_unit_test(test_explicit_service_model_overrides_catalog),
		cmocka_unit_test(test_accountable_party_keeps_owners),
		cmocka_unit_test(test_organisation_control_checked_once_per_tenant),
		cmocka_unit_test(test_organisation_failure_anywhere_wins),
		cmocka_unit_test(test_organisation_newest_record_of_each_scope),
		cmocka_unit_test(test_findings_most_severe_first),
		cmocka_unit_test(test_no_baa_finding_only_when_hipaa_in_scope),
		cmocka_unit_test(test_requirement_no_controls_not_assessed),
		cmocka_unit_test(test_requirement_all_not_applicable),
		cmocka_unit_test(test_requirement_all_inherited),
		cmocka_unit_test(test_requirement_met),
		cmocka_unit_test(test_requirement_partially_met),
		cmocka_unit_test(test_requirement_not_met),
		cmocka_unit_test(test_framework_score_and_coverage_by_hand),
		cmocka_unit_test(test_framework_nothing_assessed_has_no_score),
		cmocka_unit_test(test_framework_all_missing_scores_zero),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
