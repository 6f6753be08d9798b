/*
 * catalog_load.c - the catalog's life: reads the manifest and the files it
 * names, then the user's --catalog files, merging each over the earlier ones
 * (entries with the same id replace them, matrix cells one by one); checks
 * the result (catalog_check.c); frees it.
 */
#include "srmap/model/catalog.h"
#include "srmap/base/alloc.h"
#include "srmap/base/jsondoc.h"
#include "srmap/base/limits.h"
#include "catalog_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const ref_keys[REF_COUNT] = { "hipaa", "soc2", "nist", "mcsb" };

/* Indexes hold position + 1, because entries move when their arrays grow. */
static void *slot_of(size_t i) { return (void *)(uintptr_t)(i + 1); }
static size_t index_get(const struct strmap *m, const char *key)
{
	return (size_t)(uintptr_t)strmap_get(m, key);
}

static void layer_free(struct layer *l)
{
	free(l->id); free(l->title); free(l->source);
}

static void type_free(struct restype *t)
{
	free(t->type); free(t->title); free(t->category);
}

static void control_free(struct control *c)
{
	free(c->id); free(c->title); free(c->description); free(c->remediation);
	free(c->rationale);
	strv_free(c->types);
	for (int r = 0; r < REF_COUNT; r++) {
		strv_free(c->refs[r]);
		free(c->ref_pos[r]);
	}
}

/* ---- layers and the responsibility matrix -------------------------------- */

static void read_layers(struct catalog *cat, const struct jsondoc *doc, const cJSON *arr,
			struct diag_list *d)
{
	static const char *const known[] = { "id", "title", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a layer must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		const char *title = jsondoc_string(doc, item, "title", 1, d);
		if (!id || !title)
			continue;
		size_t at = index_get(&cat->layer_index, id);
		if (at) {
			free(cat->layers[at - 1].title);
			cat->layers[at - 1].title = xstrdup(title);
			continue;
		}
		GROW(cat->layers, cat->layers_cap, cat->nlayers + 1);
		struct layer *l = &cat->layers[cat->nlayers];
		*l = (struct layer){ .id = xstrdup(id), .title = xstrdup(title) };
		strmap_put(&cat->layer_index, l->id, slot_of(cat->nlayers));
		cat->nlayers++;
	}
}

/* ---- control domains ------------------------------------------------------ */

static void domain_free(struct domain *dm)
{
	free(dm->id); free(dm->title); free(dm->mcsb);
}

static void read_domains(struct catalog *cat, const struct jsondoc *doc, const cJSON *arr,
			 struct diag_list *d)
{
	static const char *const known[] = { "id", "title", "mcsb", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a domain must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		const char *title = jsondoc_string(doc, item, "title", 1, d);
		const char *mcsb = jsondoc_string(doc, item, "mcsb", 0, d);
		if (!id || !title)
			continue;
		struct domain dm = { xstrdup(id), xstrdup(title), mcsb ? xstrdup(mcsb) : NULL };
		size_t at = index_get(&cat->domain_index, id);
		if (at) {
			struct domain old = cat->domains[at - 1];
			cat->domains[at - 1] = dm;
			strmap_put(&cat->domain_index, dm.id, slot_of(at - 1));
			domain_free(&old);
			continue;
		}
		GROW(cat->domains, cat->domains_cap, cat->ndomains + 1);
		cat->domains[cat->ndomains] = dm;
		strmap_put(&cat->domain_index, dm.id, slot_of(cat->ndomains));
		cat->ndomains++;
	}
}

/* The file name of the fragment being read; lives as long as the catalog (cat->files). */
static const char *reading;

static struct srcpos pos_at(const struct jsondoc *doc, const cJSON *node)
{
	struct srcpos p = jsondoc_pos(doc, node);
	p.file = reading;
	return p;
}

static void read_cells(const struct jsondoc *doc, const cJSON *obj, enum owner *owner,
		       int *has, struct srcpos *where, struct diag_list *d)
{
	for (int m = 0; m < MATRIX_MODELS; m++) {
		const char *v = jsondoc_string(doc, obj, model_name(m), 0, d);
		if (!v)
			continue;
		int o = owner_parse(v);
		if (o < 0) {
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(obj, model_name(m))),
				      "owner must be provider, customer or shared, not \"%s\"", v);
			continue;
		}
		owner[m] = o;
		has[m] = 1;
		if (where)
			where[m] = pos_at(doc, cJSON_GetObjectItemCaseSensitive(obj, model_name(m)));
	}
}

static void read_matrix(struct catalog *cat, const struct jsondoc *doc, const cJSON *arr,
			struct diag_list *d)
{
	static const char *const known[] = { "layer", "iaas", "paas", "saas", "onprem",
					     "source", "microsoft", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a responsibility row must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *id = jsondoc_string(doc, item, "layer", 1, d);
		if (!id)
			continue;
		size_t at = index_get(&cat->layer_index, id);
		if (!at) {
			diag_error_at(d, jsondoc_pos(doc, item), "unknown layer \"%s\"", id);
			continue;
		}
		struct layer *l = &cat->layers[at - 1];
		read_cells(doc, item, l->owner, l->has_owner, l->cell_pos, d);
		const cJSON *ms = jsondoc_object(doc, item, "microsoft", 0, d);
		if (ms)
			read_cells(doc, ms, l->microsoft, l->has_microsoft, NULL, d);
		const char *source = jsondoc_string(doc, item, "source", 0, d);
		if (source) {
			free(l->source);
			l->source = xstrdup(source);
		}
	}
}

/* ---- resource types -------------------------------------------------------- */

static void read_types(struct catalog *cat, const struct jsondoc *doc, const cJSON *arr,
		       struct diag_list *d)
{
	static const char *const known[] = { "type", "service_model", "title", "category", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a resource type must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *type = jsondoc_string(doc, item, "type", 1, d);
		const char *model = jsondoc_string(doc, item, "service_model", 1, d);
		const char *title = jsondoc_string(doc, item, "title", 0, d);
		const char *category = jsondoc_string(doc, item, "category", 0, d);
		if (!type || !model)
			continue;
		int m = model_parse(model);
		if (m < 0) {
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "service_model")),
				      "service_model must be iaas, paas, saas or onprem, not \"%s\"", model);
			continue;
		}
		struct restype t = { xstrdup(type), xstrdup(title ? title : type),
				     xstrdup(category ? category : ""), m };
		size_t at = index_get(&cat->type_index, type);
		if (at) {
			/* Re-key before freeing: the map compares against the key it holds. */
			struct restype old = cat->types[at - 1];
			cat->types[at - 1] = t;
			strmap_put(&cat->type_index, t.type, slot_of(at - 1));
			type_free(&old);
			continue;
		}
		GROW(cat->types, cat->types_cap, cat->ntypes + 1);
		cat->types[cat->ntypes] = t;
		strmap_put(&cat->type_index, t.type, slot_of(cat->ntypes));
		cat->ntypes++;
	}
}

/* ---- controls -------------------------------------------------------------- */

static int read_applies_to(struct control *c, const struct jsondoc *doc, const cJSON *obj,
			   struct diag_list *d)
{
	static const char *const known[] = { "service_models", "resource_types", NULL };
	const cJSON *at = jsondoc_object(doc, obj, "applies_to", 1, d);
	if (!at)
		return -1;
	jsondoc_warn_unknown_keys(doc, at, known, d);
	size_t n;
	char **models = jsondoc_strv(doc, at, "service_models", &n, d);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		int m = model_parse(models[i]);
		if (m < 0) {
			diag_error_at(d, jsondoc_pos(doc, at), "unknown service model \"%s\"", models[i]);
			bad = 1;
			continue;
		}
		c->model_mask |= 1u << m;
	}
	strv_free(models);
	c->types = jsondoc_strv(doc, at, "resource_types", &c->ntypes, d);
	if (!c->model_mask && !c->ntypes) {
		diag_error_at(d, jsondoc_pos(doc, at),
			      "applies_to names no service model and no resource type");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int read_refs(struct control *c, const struct jsondoc *doc, const cJSON *obj,
		     struct diag_list *d)
{
	static const char *const known[] = { "hipaa", "soc2", "nist", "mcsb", NULL };
	const cJSON *refs = jsondoc_object(doc, obj, "refs", 0, d);
	if (!refs)
		return 0;
	jsondoc_warn_unknown_keys(doc, refs, known, d);
	for (int r = 0; r < REF_COUNT; r++) {
		c->refs[r] = jsondoc_strv(doc, refs, ref_keys[r], &c->nrefs[r], d);
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(refs, ref_keys[r]);
		c->ref_pos[r] = xcalloc(c->nrefs[r] + 1, sizeof(struct srcpos));
		size_t k = 0;
		const cJSON *item;
		if (cJSON_IsString(arr) && c->nrefs[r])
			c->ref_pos[r][0] = pos_at(doc, arr);
		else if (cJSON_IsArray(arr))
			cJSON_ArrayForEach(item, arr)
				if (cJSON_IsString(item) && k < c->nrefs[r])
					c->ref_pos[r][k++] = pos_at(doc, item);
	}
	return 0;
}

static void read_controls(struct catalog *cat, const struct jsondoc *doc, const cJSON *arr,
			  struct diag_list *d)
{
	static const char *const known[] = { "id", "title", "domain", "layer", "severity",
					     "applies_to", "description", "remediation", "refs",
					     "rationale", "scope", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a control must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		size_t before = diag_failures(d);
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		const char *title = jsondoc_string(doc, item, "title", 1, d);
		const char *layer = jsondoc_string(doc, item, "layer", 1, d);
		const char *sev = jsondoc_string(doc, item, "severity", 1, d);
		const char *remediation = jsondoc_string(doc, item, "remediation", 1, d);
		const char *description = jsondoc_string(doc, item, "description", 0, d);
		const char *rationale = jsondoc_string(doc, item, "rationale", 0, d);
		const char *domain = jsondoc_string(doc, item, "domain", 0, d);
		const char *scope = jsondoc_string(doc, item, "scope", 0, d);
		struct control c = { .domain = DOMAIN_NONE };
		int sc = scope ? control_scope_parse(scope) : CONTROL_SCOPE_WORKLOAD;
		if (sc < 0)
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "scope")),
				      "scope must be workload or organisation, not \"%s\"", scope);
		if (domain) {
			const cJSON *node = cJSON_GetObjectItemCaseSensitive(item, "domain");
			size_t di = index_get(&cat->domain_index, domain);
			if (!di)
				diag_error_at(d, jsondoc_pos(doc, node),
					      "unknown domain \"%s\" (the catalog's domains are listed in "
					      "domains.json)", domain);
			c.domain = di ? di - 1 : DOMAIN_NONE;
			c.domain_pos = pos_at(doc, node);
		}
		size_t li = layer ? index_get(&cat->layer_index, layer) : 0;
		if (layer && !li)
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "layer")),
				      "unknown layer \"%s\"", layer);
		int s = sev ? severity_parse(sev) : 0;
		if (s < 0)
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "severity")),
				      "severity must be critical, high, medium or low, not \"%s\"", sev);
		read_applies_to(&c, doc, item, d);
		read_refs(&c, doc, item, d);
		if (diag_failures(d) > before) {
			control_free(&c);
			continue;
		}
		c.id = xstrdup(id);
		c.title = xstrdup(title);
		c.layer = li - 1;
		c.severity = s;
		c.scope = sc;
		c.remediation = xstrdup(remediation);
		c.description = xstrdup(description ? description : "");
		c.rationale = xstrdup(rationale ? rationale : "");
		size_t at = index_get(&cat->control_index, id);
		if (at) {
			struct control old = cat->controls[at - 1];
			cat->controls[at - 1] = c;
			strmap_put(&cat->control_index, c.id, slot_of(at - 1));
			control_free(&old);
			continue;
		}
		GROW(cat->controls, cat->controls_cap, cat->ncontrols + 1);
		cat->controls[cat->ncontrols] = c;
		strmap_put(&cat->control_index, c.id, slot_of(cat->ncontrols));
		cat->ncontrols++;
	}
}

/* ---- frameworks and baselines ---------------------------------------------- */

static void read_requirements(struct framework_list *fw, const struct jsondoc *doc,
			      const cJSON *obj, struct diag_list *d)
{
	static const char *const known[] = { "id", "title", "source", "requirements", NULL };
	static const char *const req_known[] = { "id", "title", "kind", NULL };
	jsondoc_warn_unknown_keys(doc, obj, known, d);
	const char *title = jsondoc_string(doc, obj, "title", 0, d);
	const char *source = jsondoc_string(doc, obj, "source", 0, d);
	if (title) {
		free(fw->title);
		fw->title = xstrdup(title);
	}
	if (source) {
		free(fw->source);
		fw->source = xstrdup(source);
	}
	const cJSON *arr = jsondoc_array(doc, obj, "requirements", 0, d);
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a requirement must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, req_known, d);
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		const char *rtitle = jsondoc_string(doc, item, "title", 1, d);
		const char *kind = jsondoc_string(doc, item, "kind", 0, d);
		if (!id || !rtitle)
			continue;
		struct requirement r = { xstrdup(id), xstrdup(rtitle), xstrdup(kind ? kind : "") };
		size_t at = index_get(&fw->by_id, id);
		if (at) {
			struct requirement old = fw->items[at - 1];
			fw->items[at - 1] = r;
			strmap_put(&fw->by_id, r.id, slot_of(at - 1));
			free(old.id); free(old.title); free(old.kind);
			continue;
		}
		GROW(fw->items, fw->cap, fw->n + 1);
		fw->items[fw->n] = r;
		strmap_put(&fw->by_id, r.id, slot_of(fw->n));
		fw->n++;
	}
}

static void read_frameworks(struct catalog *cat, const struct jsondoc *doc, const cJSON *arr,
			    struct diag_list *d)
{
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a framework must be an object");
			continue;
		}
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		int r = -1;
		for (int i = 0; id && i < REF_COUNT; i++)
			if (strcmp(id, ref_source_name(i)) == 0)
				r = i;
		if (id && r < 0) {
			diag_error_at(d, jsondoc_pos(doc, item),
				      "framework id must be hipaa, soc2, nist-800-53 or mcsb, not \"%s\"", id);
			continue;
		}
		if (r >= 0)
			read_requirements(&cat->refs[r], doc, item, d);
	}
}

static void read_baselines(struct catalog *cat, const struct jsondoc *doc, const cJSON *obj,
			   struct diag_list *d)
{
	static const char *const known[] = { "low", "moderate", "high", NULL };
	jsondoc_warn_unknown_keys(doc, obj, known, d);
	for (int b = 0; b < BASELINE_COUNT; b++) {
		size_t n;
		char **ids = jsondoc_strv(doc, obj, baseline_name(b), &n, d);
		if (!ids)
			continue;
		strv_free(cat->baseline[b]);
		strmap_release(&cat->baseline_index[b]);
		strmap_init(&cat->baseline_index[b], 0);
		cat->baseline[b] = ids;
		cat->nbaseline[b] = n;
		for (size_t i = 0; i < n; i++)
			strmap_put(&cat->baseline_index[b], ids[i], ids[i]);
	}
}

/* ---- files ----------------------------------------------------------------- */

static int read_fragment(struct catalog *cat, const char *path, int is_manifest,
			 char ***includes, size_t *nincludes, struct diag_list *d)
{
	static const char *const known[] = { "srmap_catalog", "version", "include", "source",
					     "layers", "responsibility", "resource_types",
					     "domains", "controls", "frameworks", "fedramp_baselines",
					     "mappings", NULL };
	struct jsondoc doc;
	limits_lift(1);   /* --max-depth and --max-string bound client input, not the catalog */
	int rc = jsondoc_load(&doc, path, d);
	limits_lift(0);
	if (rc < 0)
		return -1;
	size_t before = diag_failures(d);
	const cJSON *root = doc.root;
	cat->files = xreallocarray(cat->files, cat->nfiles + 1, sizeof(char *));
	cat->files[cat->nfiles++] = xstrdup(path);
	reading = cat->files[cat->nfiles - 1];
	if (!cJSON_IsObject(root)) {
		diag_error_at(d, jsondoc_pos(&doc, root), "a catalog file must hold a JSON object");
		jsondoc_release(&doc);
		return -1;
	}
	long marker = 0;
	if (!jsondoc_int(&doc, root, "srmap_catalog", 1, 1, &marker, d) || marker != 1) {
		if (diag_failures(d) == before)
			diag_error_at(d, jsondoc_pos(&doc, root),
				      "not an srmap catalog file (\"srmap_catalog\": 1 missing)");
		jsondoc_release(&doc);
		return -1;
	}
	jsondoc_warn_unknown_keys(&doc, root, known, d);
	const char *version = jsondoc_string(&doc, root, "version", is_manifest, d);
	if (version) {
		char *v = cat->version ? xasprintf("%s+%s", cat->version, version) : xstrdup(version);
		free(cat->version);
		cat->version = v;
	}
	if (is_manifest)
		*includes = jsondoc_strv(&doc, root, "include", nincludes, d);
	const cJSON *v;
	if ((v = jsondoc_array(&doc, root, "layers", 0, d)))
		read_layers(cat, &doc, v, d);
	if ((v = jsondoc_array(&doc, root, "responsibility", 0, d)))
		read_matrix(cat, &doc, v, d);
	if ((v = jsondoc_array(&doc, root, "resource_types", 0, d)))
		read_types(cat, &doc, v, d);
	if ((v = jsondoc_array(&doc, root, "frameworks", 0, d)))
		read_frameworks(cat, &doc, v, d);
	if ((v = jsondoc_object(&doc, root, "fedramp_baselines", 0, d)))
		read_baselines(cat, &doc, v, d);
	if ((v = jsondoc_array(&doc, root, "domains", 0, d)))
		read_domains(cat, &doc, v, d);
	if ((v = jsondoc_array(&doc, root, "controls", 0, d)))
		read_controls(cat, &doc, v, d);
	if ((v = jsondoc_object(&doc, root, "mappings", 0, d)))
		mappings_read(&cat->mappings, &doc, v, path, d);
	jsondoc_release(&doc);
	return diag_failures(d) > before ? -1 : 0;
}


int catalog_load(struct catalog *cat, const char *manifest_path,
		 const char *const *user_files, size_t n, struct diag_list *d)
{
	*cat = (struct catalog){ 0 };
	strmap_init(&cat->layer_index, 0);
	strmap_init(&cat->type_index, 1);
	strmap_init(&cat->control_index, 0);
	strmap_init(&cat->domain_index, 0);
	mappings_init(&cat->mappings);
	for (int r = 0; r < REF_COUNT; r++)
		strmap_init(&cat->refs[r].by_id, 0);
	for (int b = 0; b < BASELINE_COUNT; b++)
		strmap_init(&cat->baseline_index[b], 0);

	char **includes = NULL;
	size_t nincludes = 0;
	int rc = read_fragment(cat, manifest_path, 1, &includes, &nincludes, d);
	const char *slash = strrchr(manifest_path, '/');
	size_t dirlen = slash ? (size_t)(slash - manifest_path) + 1 : 0;
	for (size_t i = 0; rc == 0 && i < nincludes; i++) {
		if (strchr(includes[i], '/') || includes[i][0] == '.') {
			diag_add(d, DIAG_ERROR, manifest_path, 0, 0,
				 "include \"%s\" must be a file name in the catalog folder", includes[i]);
			rc = -1;
			break;
		}
		char *path = xasprintf("%.*s%s", (int)dirlen, manifest_path, includes[i]);
		rc = read_fragment(cat, path, 0, NULL, NULL, d);
		free(path);
	}
	strv_free(includes);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = read_fragment(cat, user_files[i], 0, NULL, NULL, d);
	if (rc == 0)
		rc = catalog_check(cat, n ? user_files[n - 1] : manifest_path, d);
	return rc;
}

void catalog_release(struct catalog *cat)
{
	for (size_t i = 0; i < cat->nfiles; i++)
		free(cat->files[i]);
	free(cat->files);
	for (size_t i = 0; i < cat->nlayers; i++)
		layer_free(&cat->layers[i]);
	free(cat->layers);
	for (size_t i = 0; i < cat->ntypes; i++)
		type_free(&cat->types[i]);
	free(cat->types);
	for (size_t i = 0; i < cat->ncontrols; i++)
		control_free(&cat->controls[i]);
	free(cat->controls);
	for (int r = 0; r < REF_COUNT; r++) {
		struct framework_list *fw = &cat->refs[r];
		for (size_t i = 0; i < fw->n; i++) {
			free(fw->items[i].id); free(fw->items[i].title); free(fw->items[i].kind);
		}
		free(fw->items);
		free(fw->title);
		free(fw->source);
		strmap_release(&fw->by_id);
	}
	for (int b = 0; b < BASELINE_COUNT; b++) {
		strv_free(cat->baseline[b]);
		strmap_release(&cat->baseline_index[b]);
	}
	strmap_release(&cat->layer_index);
	strmap_release(&cat->type_index);
	strmap_release(&cat->control_index);
	for (size_t i = 0; i < cat->ndomains; i++)
		domain_free(&cat->domains[i]);
	free(cat->domains);
	strmap_release(&cat->domain_index);
	mappings_release(&cat->mappings);
	free(cat->version);
	*cat = (struct catalog){ 0 };
}
