/*
 * test_catalog.c - the catalog module (catalog.h).
 *
 * Covers: loading the shipped catalog (catalog/catalog.json and its
 * includes): counts, version, the fixed control set; every cell of the
 * responsibility matrix through catalog_owner, including the unclassified
 * model and the recorded Microsoft variants; resource type classification
 * through catalog_type (exact case, other case, SaaS names, unknown);
 * control_applies for model-based, type-based and unclassified cases; and
 * user catalog files merged over the shipped one (one-cell overrides, the
 * identity/data rule, unresolved citations, new types, replaced controls,
 * malformed JSON with a position, a missing "srmap_catalog" marker).
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

#include "srmap/model/catalog.h"
#include "srmap/base/diag.h"
#include "srmap/model/model.h"

#define MANIFEST "catalog/catalog.json"

/* The shipped catalog, loaded once for the read-only tests. */
static struct catalog shipped;

/* A temporary folder for user catalog files. */
static char tmpdir[] = "/tmp/srmap-test-catalog-XXXXXX";

/* ---- helpers ------------------------------------------------------------------ */

/* Files written into tmpdir, removed by the group teardown (even after a failed test). */
static char *written[64];
static size_t nwritten;

/* Writes text to tmpdir/name and returns the path (borrowed; freed by the teardown). */
static const char *write_user_file(const char *name, const char *text)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *path = malloc(n);
	assert_non_null(path);
	snprintf(path, n, "%s/%s", tmpdir, name);
	assert_true(nwritten < sizeof written / sizeof written[0]);
	written[nwritten++] = path;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Loads the shipped catalog with one user file holding text; returns catalog_load's result. */
static int load_with_user(struct catalog *cat, struct diag_list *d, const char *name,
			  const char *text, const char **path_out)
{
	const char *path = write_user_file(name, text);
	const char *files[] = { path };
	diag_init(d, NULL);
	int rc = catalog_load(cat, MANIFEST, files, 1, d);
	if (path_out)
		*path_out = path;
	return rc;
}

/* Returns the first error diagnostic whose message contains needle, or NULL. */
static const struct diag *find_error(const struct diag_list *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].level == DIAG_ERROR && strstr(d->items[i].msg, needle))
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
	if (!mkdtemp(tmpdir))
		return -1;
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
	for (size_t i = 0; i < nwritten; i++) {
		unlink(written[i]);
		free(written[i]);
	}
	rmdir(tmpdir);
	return 0;
}

/* ---- the shipped catalog -------------------------------------------------------- */

static void test_shipped_loads_with_counts(void **state)
{
	(void)state;
	/* Ten layers are fixed by the data format; the control set covers the MCSB domains. */
	assert_int_equal(shipped.nlayers, 10);
	assert_true(shipped.ncontrols >= 100);
	assert_int_equal(shipped.ndomains, 13);
	assert_true(shipped.ntypes > 0);
	for (int r = 0; r < REF_COUNT; r++)
		assert_true(shipped.refs[r].n > 0);
	for (int b = 0; b < BASELINE_COUNT; b++)
		assert_true(shipped.nbaseline[b] > 0);
	/* The manifest was read first, then its includes. */
	assert_true(shipped.nfiles >= 2);
	assert_string_equal(shipped.files[0], MANIFEST);
}

static void test_shipped_version(void **state)
{
	(void)state;
	assert_non_null(shipped.version);
	assert_string_equal(shipped.version, "2026.12.0");
}

static void test_shipped_layers_in_spec_order(void **state)
{
	(void)state;
	static const char *const ids[] = { "physical", "network-fabric", "host",
					    "network-controls", "operating-system", "application",
					    "configuration", "identity", "data", "client-devices" };
	for (size_t i = 0; i < 10; i++)
		assert_string_equal(shipped.layers[i].id, ids[i]);
}

static void test_shipped_control_set(void **state)
{
	(void)state;
	/* The fixed control ids of the data format, with their layers. */
	static const char *const ctl[][2] = {
		{ "iam-mfa", "identity" }, { "iam-conditional-access", "identity" },
		{ "iam-pim", "identity" }, { "iam-access-reviews", "identity" },
		{ "iam-user-lifecycle", "identity" }, { "iam-guest-access", "identity" },
		{ "iam-managed-identities", "identity" },
		{ "os-patch-management", "operating-system" },
		{ "os-endpoint-protection", "operating-system" },
		{ "net-nsg-default-deny", "network-controls" },
		{ "net-jit-vm-access", "network-controls" },
		{ "net-private-endpoints", "network-controls" }, { "net-waf", "network-controls" },
		{ "data-disk-encryption-cmk", "data" }, { "data-sql-tde", "data" },
		{ "cfg-sql-threat-protection", "configuration" },
		{ "cfg-sql-auditing", "configuration" }, { "app-key-vault-secrets", "application" },
		{ "data-dlp", "data" }, { "data-sensitivity-labels", "data" },
		{ "saas-cloud-app-security", "configuration" }, { "data-classification", "data" },
		{ "data-encryption-in-transit", "data" }, { "data-backup-recovery", "data" },
		{ "ops-audit-logging", "configuration" }, { "ops-siem-monitoring", "configuration" },
		{ "ops-secure-score", "configuration" }, { "ops-policy-enforcement", "configuration" },
		{ "gov-hipaa-baa", "data" }, { "dev-device-compliance", "client-devices" },
		{ "prov-physical", "physical" }, { "prov-network-fabric", "network-fabric" },
		{ "prov-host", "host" },
	};
	for (size_t i = 0; i < sizeof ctl / sizeof ctl[0]; i++) {
		const struct control *c = catalog_control(&shipped, ctl[i][0]);
		assert_non_null(c);
		assert_string_equal(shipped.layers[c->layer].id, ctl[i][1]);
	}
	assert_null(catalog_control(&shipped, "no-such-control"));
}

/* ---- the responsibility matrix ---------------------------------------------------- */

#define P OWNER_PROVIDER
#define C OWNER_CUSTOMER
#define S OWNER_SHARED

static void test_matrix_every_cell(void **state)
{
	(void)state;
	static const struct {
		const char *layer;
		enum owner o[MATRIX_MODELS];   /* iaas, paas, saas, onprem */
	} rows[] = {
		{ "physical",         { P, P, P, C } },
		{ "network-fabric",   { P, P, P, C } },
		{ "host",             { P, P, P, C } },
		{ "network-controls", { C, S, P, C } },
		{ "operating-system", { C, P, P, C } },
		{ "application",      { C, C, P, C } },
		{ "configuration",    { C, C, C, C } },
		{ "identity",         { C, C, C, C } },
		{ "data",             { C, C, C, C } },
		{ "client-devices",   { C, C, C, C } },
	};
	assert_int_equal(sizeof rows / sizeof rows[0], shipped.nlayers);
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		size_t l = layer_index(&shipped, rows[r].layer);
		for (int m = 0; m < MATRIX_MODELS; m++) {
			if (catalog_owner(&shipped, l, m) != rows[r].o[m])
				fail_msg("layer %s under %s: expected %s, got %s", rows[r].layer,
					 model_name(m), owner_name(rows[r].o[m]),
					 owner_name(catalog_owner(&shipped, l, m)));
		}
	}
}

static void test_matrix_unclassified_is_customer_everywhere(void **state)
{
	(void)state;
	for (size_t l = 0; l < shipped.nlayers; l++)
		assert_int_equal(catalog_owner(&shipped, l, MODEL_UNCLASSIFIED), OWNER_CUSTOMER);
}

static void test_matrix_microsoft_variants(void **state)
{
	(void)state;
	size_t app = layer_index(&shipped, "application");
	size_t dev = layer_index(&shipped, "client-devices");
	const struct layer *a = &shipped.layers[app], *c = &shipped.layers[dev];
	assert_true(a->has_microsoft[MODEL_PAAS]);
	assert_int_equal(a->microsoft[MODEL_PAAS], OWNER_SHARED);
	assert_true(a->has_microsoft[MODEL_SAAS]);
	assert_int_equal(a->microsoft[MODEL_SAAS], OWNER_SHARED);
	assert_true(c->has_microsoft[MODEL_SAAS]);
	assert_int_equal(c->microsoft[MODEL_SAAS], OWNER_SHARED);
	/* Exactly those three cells differ from the default matrix. */
	int n = 0;
	for (size_t l = 0; l < shipped.nlayers; l++)
		for (int m = 0; m < MATRIX_MODELS; m++)
			n += shipped.layers[l].has_microsoft[m];
	assert_int_equal(n, 3);
	/* The variant is recorded only: the default cells stay as the matrix says. */
	assert_int_equal(catalog_owner(&shipped, app, MODEL_PAAS), OWNER_CUSTOMER);
	assert_int_equal(catalog_owner(&shipped, dev, MODEL_SAAS), OWNER_CUSTOMER);
}

/* ---- resource types ------------------------------------------------------------- */

static void test_type_exact_case(void **state)
{
	(void)state;
	const struct restype *t = catalog_type(&shipped, "Microsoft.Compute/virtualMachines");
	assert_non_null(t);
	assert_int_equal(t->model, MODEL_IAAS);
	t = catalog_type(&shipped, "Microsoft.Sql/servers");
	assert_non_null(t);
	assert_int_equal(t->model, MODEL_PAAS);
	t = catalog_type(&shipped, "Microsoft.HybridCompute/machines");
	assert_non_null(t);
	assert_int_equal(t->model, MODEL_ONPREM);
}

static void test_type_other_case(void **state)
{
	(void)state;
	const struct restype *exact = catalog_type(&shipped, "Microsoft.Compute/virtualMachines");
	const struct restype *lower = catalog_type(&shipped, "microsoft.compute/virtualmachines");
	const struct restype *upper = catalog_type(&shipped, "MICROSOFT.COMPUTE/VIRTUALMACHINES");
	assert_non_null(exact);
	assert_ptr_equal(lower, exact);
	assert_ptr_equal(upper, exact);
	/* The entry keeps the spelling of the catalog. */
	assert_string_equal(lower->type, "Microsoft.Compute/virtualMachines");
}

static void test_type_saas_names(void **state)
{
	(void)state;
	static const char *const saas[] = { "Microsoft 365 Exchange Online", "Microsoft Entra ID",
					     "Dynamics 365 Sales", "microsoft 365 teams" };
	for (size_t i = 0; i < sizeof saas / sizeof saas[0]; i++) {
		const struct restype *t = catalog_type(&shipped, saas[i]);
		assert_non_null(t);
		assert_int_equal(t->model, MODEL_SAAS);
	}
}

static void test_type_unknown_is_null(void **state)
{
	(void)state;
	assert_null(catalog_type(&shipped, "Contoso.Widgets/gadgets"));
	assert_null(catalog_type(&shipped, ""));
	/* A prefix of a known type is not that type. */
	assert_null(catalog_type(&shipped, "Microsoft.Compute/virtualMachine"));
	assert_null(catalog_type(&shipped, "Microsoft 365 Exchange"));
}

/* ---- control_applies ------------------------------------------------------------ */

static void test_applies_model_based(void **state)
{
	(void)state;
	/* data-dlp applies to the saas model only. */
	const struct control *c = catalog_control(&shipped, "data-dlp");
	assert_non_null(c);
	assert_true(control_applies(c, "Microsoft 365 Exchange Online", MODEL_SAAS));
	assert_true(control_applies(c, "Anything/else", MODEL_SAAS));
	assert_false(control_applies(c, "Microsoft.Compute/virtualMachines", MODEL_IAAS));
	assert_false(control_applies(c, "Microsoft.Sql/servers", MODEL_PAAS));
	assert_false(control_applies(c, "Microsoft.HybridCompute/machines", MODEL_ONPREM));
}

static void test_applies_type_based(void **state)
{
	(void)state;
	/* net-jit-vm-access names virtual machines only, no service model. */
	const struct control *c = catalog_control(&shipped, "net-jit-vm-access");
	assert_non_null(c);
	assert_true(control_applies(c, "Microsoft.Compute/virtualMachines", MODEL_IAAS));
	assert_true(control_applies(c, "microsoft.compute/VIRTUALMACHINES", MODEL_IAAS));
	/* The type matches whatever the model. */
	assert_true(control_applies(c, "Microsoft.Compute/virtualMachines", MODEL_ONPREM));
	assert_false(control_applies(c, "Microsoft.Compute/virtualMachineScaleSets", MODEL_IAAS));
	assert_false(control_applies(c, "Microsoft.Network/virtualNetworks", MODEL_IAAS));
}

static void test_applies_model_or_type(void **state)
{
	(void)state;
	/* net-nsg-default-deny: iaas and onprem, plus the virtual network type. */
	const struct control *c = catalog_control(&shipped, "net-nsg-default-deny");
	assert_non_null(c);
	assert_true(control_applies(c, "Microsoft.Compute/disks", MODEL_IAAS));
	assert_true(control_applies(c, "Microsoft.HybridCompute/machines", MODEL_ONPREM));
	assert_true(control_applies(c, "Microsoft.Network/virtualNetworks", MODEL_PAAS));
	assert_false(control_applies(c, "Microsoft.Sql/servers", MODEL_PAAS));
	assert_false(control_applies(c, "Microsoft 365 Teams", MODEL_SAAS));
}

static void test_applies_unclassified_only_all_models(void **state)
{
	(void)state;
	/* iam-mfa applies to all four models; iam-conditional-access to three. */
	const struct control *all = catalog_control(&shipped, "iam-mfa");
	const struct control *three = catalog_control(&shipped, "iam-conditional-access");
	const struct control *bytype = catalog_control(&shipped, "net-jit-vm-access");
	assert_non_null(all);
	assert_non_null(three);
	assert_non_null(bytype);
	assert_true(control_applies(all, "Contoso.Widgets/gadgets", MODEL_UNCLASSIFIED));
	assert_false(control_applies(three, "Contoso.Widgets/gadgets", MODEL_UNCLASSIFIED));
	/* Even a type-listed control: only controls for all four models apply. */
	assert_false(control_applies(bytype, "Microsoft.Compute/virtualMachines",
				     MODEL_UNCLASSIFIED));
	/* Count over the whole catalog: exactly the all-model controls apply. */
	size_t applies = 0, everywhere = 0;
	for (size_t i = 0; i < shipped.ncontrols; i++) {
		const struct control *c = &shipped.controls[i];
		applies += control_applies(c, "Contoso.Widgets/gadgets", MODEL_UNCLASSIFIED) ? 1 : 0;
		everywhere += c->model_mask == 0xFu;
	}
	assert_true(everywhere > 0);
	assert_int_equal(applies, everywhere);
}

/* ---- user catalog files ----------------------------------------------------------- */

static void test_user_override_one_cell(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "one-cell.json",
		"{\"srmap_catalog\": 1, \"version\": \"contoso-1\",\n"
		" \"responsibility\": [{\"layer\": \"network-controls\", \"paas\": \"customer\"}]}\n",
		NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(d.errors, 0);
	size_t nc = layer_index(&cat, "network-controls");
	assert_int_equal(catalog_owner(&cat, nc, MODEL_PAAS), OWNER_CUSTOMER);
	/* Every other cell is as in the shipped catalog. */
	assert_int_equal(cat.nlayers, shipped.nlayers);
	for (size_t l = 0; l < cat.nlayers; l++)
		for (int m = 0; m < MATRIX_MODELS; m++) {
			if (l == nc && m == MODEL_PAAS)
				continue;
			assert_int_equal(catalog_owner(&cat, l, m), catalog_owner(&shipped, l, m));
		}
	/* The user's version is appended to the shipped one. */
	assert_string_equal(cat.version, "2026.12.0+contoso-1");
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_identity_provider_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "identity.json",
		"{\"srmap_catalog\": 1,\n"
		" \"responsibility\": [{\"layer\": \"identity\", \"saas\": \"provider\"}]}\n", NULL);
	assert_int_equal(rc, -1);
	assert_true(d.errors > 0);
	assert_non_null(find_error(&d, "\"identity\""));
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_data_provider_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "data.json",
		"{\"srmap_catalog\": 1,\n"
		" \"responsibility\": [{\"layer\": \"data\", \"paas\": \"provider\"}]}\n", NULL);
	assert_int_equal(rc, -1);
	assert_non_null(find_error(&d, "\"data\""));
	assert_null(find_error(&d, "\"identity\""));
	catalog_release(&cat);
	diag_release(&d);
}

/* A whole control entry; the refs object is spliced in. */
#define USER_CONTROL(id, refs)                                                          \
	"{\"id\": \"" id "\", \"title\": \"Resource locks\", \"layer\": \"configuration\",\n" \
	" \"severity\": \"medium\",\n"                                                      \
	" \"applies_to\": {\"service_models\": [], \"resource_types\": [\"Microsoft.Sql/servers\"]},\n" \
	" \"description\": \"Locks on data stores.\", \"remediation\": \"Apply locks.\",\n"  \
	" \"refs\": " refs "}"

static void test_user_unknown_hipaa_citation_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "bad-cite.json",
		"{\"srmap_catalog\": 1, \"controls\": [\n"
		USER_CONTROL("contoso-locks", "{\"hipaa\": [\"164.999(z)\"]}") "]}\n", NULL);
	assert_int_equal(rc, -1);
	const struct diag *e = find_error(&d, "164.999(z)");
	assert_non_null(e);
	assert_non_null(strstr(e->msg, "contoso-locks"));
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_known_citation_accepted(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "good-cite.json",
		"{\"srmap_catalog\": 1, \"controls\": [\n"
		USER_CONTROL("contoso-locks", "{\"hipaa\": [\"164.308(a)(7)(ii)(A)\"], \"soc2\": [\"A1.2\"],"
			     " \"nist\": [\"CP-9\"]}") "]}\n", NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(cat.ncontrols, shipped.ncontrols + 1);
	const struct control *c = catalog_control(&cat, "contoso-locks");
	assert_non_null(c);
	assert_int_equal(c->nrefs[REF_HIPAA], 1);
	assert_string_equal(c->refs[REF_HIPAA][0], "164.308(a)(7)(ii)(A)");
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_adds_resource_type(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	assert_null(catalog_type(&shipped, "Contoso.Widgets/gadgets"));
	int rc = load_with_user(&cat, &d, "types.json",
		"{\"srmap_catalog\": 1, \"resource_types\": [\n"
		" {\"type\": \"Contoso.Widgets/gadgets\", \"service_model\": \"saas\","
		" \"title\": \"Gadget\", \"category\": \"custom\"}]}\n", NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(cat.ntypes, shipped.ntypes + 1);
	const struct restype *t = catalog_type(&cat, "contoso.widgets/GADGETS");
	assert_non_null(t);
	assert_int_equal(t->model, MODEL_SAAS);
	assert_string_equal(t->title, "Gadget");
	/* The shipped types are still there. */
	assert_non_null(catalog_type(&cat, "Microsoft.Compute/virtualMachines"));
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_reclassifies_type_case_insensitively(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "reclass.json",
		"{\"srmap_catalog\": 1, \"resource_types\": [\n"
		" {\"type\": \"microsoft.containerservice/managedclusters\", \"service_model\": \"iaas\"}]}\n",
		NULL);
	assert_int_equal(rc, 0);
	/* Replaced, not added. */
	assert_int_equal(cat.ntypes, shipped.ntypes);
	const struct restype *t = catalog_type(&cat, "Microsoft.ContainerService/managedClusters");
	assert_non_null(t);
	assert_int_equal(t->model, MODEL_IAAS);
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_replaces_control_keeps_count(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	const struct control *old = catalog_control(&shipped, "net-jit-vm-access");
	assert_non_null(old);
	assert_int_not_equal(old->severity, SEV_CRITICAL);
	int rc = load_with_user(&cat, &d, "replace.json",
		"{\"srmap_catalog\": 1, \"controls\": [\n"
		" {\"id\": \"net-jit-vm-access\", \"title\": \"JIT access, raised\",\n"
		"  \"layer\": \"network-controls\", \"severity\": \"critical\",\n"
		"  \"applies_to\": {\"service_models\": [], \"resource_types\": "
		"[\"Microsoft.Compute/virtualMachines\"]},\n"
		"  \"remediation\": \"Enable JIT.\", \"refs\": {\"nist\": [\"AC-17\"]}}]}\n", NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(cat.ncontrols, shipped.ncontrols);
	const struct control *c = catalog_control(&cat, "net-jit-vm-access");
	assert_non_null(c);
	assert_int_equal(c->severity, SEV_CRITICAL);
	assert_string_equal(c->title, "JIT access, raised");
	/* Replaced as a whole: the shipped HIPAA and SOC 2 citations are gone. */
	assert_int_equal(c->nrefs[REF_HIPAA], 0);
	assert_int_equal(c->nrefs[REF_SOC2], 0);
	assert_int_equal(c->nrefs[REF_NIST], 1);
	/* It keeps its place in catalog order. */
	assert_int_equal(c - cat.controls, old - shipped.controls);
	catalog_release(&cat);
	diag_release(&d);
}

/*
 * Index consistency after a replacement.  The catalog's indexes borrow their
 * keys (strmap.h), so each key in an index must be the id string of the entry
 * it maps to, and an index holds exactly one key per entry.
 *
 * These expose a bug in src/catalog.c: read_types(), read_controls() and
 * read_requirements() free the replaced entry (type_free / control_free /
 * free(old->id)) before calling strmap_put() with the new key, and
 * strmap_put() compares the new key with the freed old one (valgrind:
 * invalid read in strcasecmp/strcmp).  When the freed bytes have changed,
 * the comparison fails and a second slot is added, leaving the old slot
 * with a dangling key: the index then holds n + 1 keys for n entries.
 */
static int index_consistent(const struct strmap *m, size_t n, const char *(*id_of)(size_t, const void *),
			    const void *ctx)
{
	size_t keys = 0;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		keys++;
		size_t at = (size_t)(uintptr_t)m->slots[i].value;
		if (at == 0 || at > n || m->slots[i].key != id_of(at - 1, ctx))
			return 0;
	}
	return keys == n && m->count == n;
}

static const char *type_id(size_t i, const void *ctx)
{
	return ((const struct catalog *)ctx)->types[i].type;
}

static const char *control_id(size_t i, const void *ctx)
{
	return ((const struct catalog *)ctx)->controls[i].id;
}

static const char *hipaa_id(size_t i, const void *ctx)
{
	return ((const struct catalog *)ctx)->refs[REF_HIPAA].items[i].id;
}

static void test_shipped_indexes_consistent(void **state)
{
	(void)state;
	assert_true(index_consistent(&shipped.type_index, shipped.ntypes, type_id, &shipped));
	assert_true(index_consistent(&shipped.control_index, shipped.ncontrols, control_id, &shipped));
	assert_true(index_consistent(&shipped.refs[REF_HIPAA].by_id, shipped.refs[REF_HIPAA].n,
				     hipaa_id, &shipped));
}

static void test_user_type_replacement_keeps_index_consistent(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "reclass-index.json",
		"{\"srmap_catalog\": 1, \"resource_types\": [\n"
		" {\"type\": \"microsoft.containerservice/managedclusters\", \"service_model\": \"iaas\"}]}\n",
		NULL);
	int ok = rc == 0 && index_consistent(&cat.type_index, cat.ntypes, type_id, &cat);
	catalog_release(&cat);
	diag_release(&d);
	assert_int_equal(rc, 0);
	if (!ok)
		fail_msg("type index inconsistent after replacing a type (key of the freed entry kept)");
}

static void test_user_control_replacement_keeps_index_consistent(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "replace-index.json",
		"{\"srmap_catalog\": 1, \"controls\": [\n"
		" {\"id\": \"net-jit-vm-access\", \"title\": \"JIT\", \"layer\": \"network-controls\",\n"
		"  \"severity\": \"critical\", \"remediation\": \"Enable JIT.\",\n"
		"  \"applies_to\": {\"resource_types\": [\"Microsoft.Compute/virtualMachines\"]}}]}\n",
		NULL);
	int ok = rc == 0 && index_consistent(&cat.control_index, cat.ncontrols, control_id, &cat);
	catalog_release(&cat);
	diag_release(&d);
	assert_int_equal(rc, 0);
	if (!ok)
		fail_msg("control index inconsistent after replacing a control (key of the freed entry kept)");
}

static void test_user_requirement_replacement_keeps_index_consistent(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "retitle-index.json",
		"{\"srmap_catalog\": 1, \"frameworks\": [{\"id\": \"hipaa\", \"requirements\": [\n"
		" {\"id\": \"164.312(d)\", \"title\": \"Retitled\"}]}]}\n", NULL);
	const struct requirement *r = rc == 0 ? catalog_requirement(&cat, REF_HIPAA, "164.312(d)") : NULL;
	int retitled = r && strcmp(r->title, "Retitled") == 0;
	int same_count = cat.refs[REF_HIPAA].n == shipped.refs[REF_HIPAA].n;
	int ok = rc == 0 && index_consistent(&cat.refs[REF_HIPAA].by_id, cat.refs[REF_HIPAA].n,
					     hipaa_id, &cat);
	catalog_release(&cat);
	diag_release(&d);
	assert_int_equal(rc, 0);
	assert_true(retitled);
	assert_true(same_count);
	if (!ok)
		fail_msg("HIPAA requirement index inconsistent after replacing a requirement "
			 "(key of the freed entry kept)");
}

static void test_user_malformed_json_has_position(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	const char *path;
	/* The second comma on line 3 is the error: "  \"layers\": [1,,2]" has it in column 16. */
	int rc = load_with_user(&cat, &d, "malformed.json",
		"{\n"
		"  \"srmap_catalog\": 1,\n"
		"  \"layers\": [1,,2]\n"
		"}\n", &path);
	assert_int_equal(rc, -1);
	assert_true(d.errors > 0);
	const struct diag *e = NULL;
	for (size_t i = 0; i < d.n && !e; i++)
		if (d.items[i].level == DIAG_ERROR)
			e = &d.items[i];
	assert_non_null(e);
	assert_non_null(e->file);
	assert_string_equal(e->file, path);
	assert_int_equal(e->line, 3);
	assert_int_equal(e->col, 16);
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_without_marker_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	const char *path;
	int rc = load_with_user(&cat, &d, "no-marker.json",
		"{\"version\": \"x\", \"resource_types\": [\n"
		" {\"type\": \"Contoso.Widgets/gadgets\", \"service_model\": \"saas\"}]}\n", &path);
	assert_int_equal(rc, -1);
	const struct diag *e = find_error(&d, "srmap_catalog");
	assert_non_null(e);
	assert_string_equal(e->file, path);
	catalog_release(&cat);
	diag_release(&d);
}

static void test_missing_manifest_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(catalog_load(&cat, "catalog/no-such-manifest.json", NULL, 0, &d), -1);
	assert_true(d.errors > 0);
	assert_string_equal(d.items[0].file, "catalog/no-such-manifest.json");
	catalog_release(&cat);
	diag_release(&d);
}

/* ---- domains, MCSB and mappings ------------------------------------------------- */

static void test_shipped_controls_have_domains_and_mcsb(void **state)
{
	(void)state;
	const struct domain *ns = catalog_domain(&shipped, "network-security");
	assert_non_null(ns);
	assert_string_equal(ns->mcsb, "NS");
	assert_null(catalog_domain(&shipped, "no-such-domain"));
	size_t customer = 0;
	for (size_t i = 0; i < shipped.ncontrols; i++) {
		const struct control *c = &shipped.controls[i];
		assert_true(c->domain != DOMAIN_NONE);
		const struct domain *dm = &shipped.domains[c->domain];
		if (!dm->mcsb)
			continue;
		customer++;
		/* A customer control implements an MCSB control of its own domain first. */
		assert_true(c->nrefs[REF_MCSB] > 0);
		assert_int_equal(strncmp(c->refs[REF_MCSB][0], dm->mcsb, strlen(dm->mcsb)), 0);
		assert_non_null(catalog_requirement(&shipped, REF_MCSB, c->refs[REF_MCSB][0]));
	}
	assert_true(customer >= 100);
	assert_string_equal(ref_source_name(REF_MCSB), "mcsb");
}

static void test_mapping_found_without_case_and_space(void **state)
{
	(void)state;
	const struct map_entry *e = mappings_find(&shipped.mappings, "defender",
		"  KEY VAULTS SHOULD HAVE SOFT DELETE ENABLED \t");
	assert_non_null(e);
	assert_true(e->ncontrols > 0);
	assert_non_null(e->basis);
	assert_null(mappings_find(&shipped.mappings, "defender", "no such recommendation"));
	/* Every shipped row says why it maps as it does. */
	for (size_t i = 0; i < shipped.mappings.n; i++)
		assert_non_null(shipped.mappings.entries[i].basis);
}

static void test_user_unknown_domain_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "bad-domain.json",
		"{\"srmap_catalog\": 1, \"controls\": [\n"
		"{\"id\": \"contoso-x\", \"title\": \"X\", \"domain\": \"nope\", \"layer\": \"data\",\n"
		" \"severity\": \"low\", \"applies_to\": {\"service_models\": [\"iaas\"]},\n"
		" \"remediation\": \"r\", \"refs\": {\"mcsb\": [\"DP-99\"]}}]}\n", NULL);
	assert_int_equal(rc, -1);
	const struct diag *e = find_error(&d, "unknown domain \"nope\"");
	assert_non_null(e);
	assert_int_equal(e->line, 2);
	catalog_release(&cat);
	diag_release(&d);
}

static void test_user_unknown_mcsb_citation_rejected(void **state)
{
	(void)state;
	struct catalog cat;
	struct diag_list d;
	int rc = load_with_user(&cat, &d, "bad-mcsb.json",
		"{\"srmap_catalog\": 1, \"controls\": [\n"
		USER_CONTROL("contoso-locks", "{\"mcsb\": [\"DP-99\"]}") "]}\n", NULL);
	assert_int_equal(rc, -1);
	const struct diag *e = find_error(&d, "DP-99");
	assert_non_null(e);
	assert_non_null(strstr(e->msg, "mcsb"));
	catalog_release(&cat);
	diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_loads_with_counts),
		cmocka_unit_test(test_shipped_version),
		cmocka_unit_test(test_shipped_layers_in_spec_order),
		cmocka_unit_test(test_shipped_control_set),
		cmocka_unit_test(test_matrix_every_cell),
		cmocka_unit_test(test_matrix_unclassified_is_customer_everywhere),
		cmocka_unit_test(test_matrix_microsoft_variants),
		cmocka_unit_test(test_type_exact_case),
		cmocka_unit_test(test_type_other_case),
		cmocka_unit_test(test_type_saas_names),
		cmocka_unit_test(test_type_unknown_is_null),
		cmocka_unit_test(test_applies_model_based),
		cmocka_unit_test(test_shipped_controls_have_domains_and_mcsb),
		cmocka_unit_test(test_mapping_found_without_case_and_space),
		cmocka_unit_test(test_user_unknown_domain_rejected),
		cmocka_unit_test(test_user_unknown_mcsb_citation_rejected),
		cmocka_unit_test(test_applies_type_based),
		cmocka_unit_test(test_applies_model_or_type),
		cmocka_unit_test(test_applies_unclassified_only_all_models),
		cmocka_unit_test(test_user_override_one_cell),
		cmocka_unit_test(test_user_identity_provider_rejected),
		cmocka_unit_test(test_user_data_provider_rejected),
		cmocka_unit_test(test_user_unknown_hipaa_citation_rejected),
		cmocka_unit_test(test_user_known_citation_accepted),
		cmocka_unit_test(test_user_adds_resource_type),
		cmocka_unit_test(test_user_reclassifies_type_case_insensitively),
		cmocka_unit_test(test_user_replaces_control_keeps_count),
		cmocka_unit_test(test_shipped_indexes_consistent),
		cmocka_unit_test(test_user_type_replacement_keeps_index_consistent),
		cmocka_unit_test(test_user_control_replacement_keeps_index_consistent),
		cmocka_unit_test(test_user_requirement_replacement_keeps_index_consistent),
		cmocka_unit_test(test_user_malformed_json_has_position),
		cmocka_unit_test(test_user_without_marker_rejected),
		cmocka_unit_test(test_missing_manifest_rejected),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
