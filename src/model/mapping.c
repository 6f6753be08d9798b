/*
 * mapping.c - reads and merges the catalog's "mappings": other
 * tools' identifiers to srmap controls, SaaS service names to catalog types
 * and resource kinds to what the resources are.
 */
#include "srmap/model/mapping.h"
#include "srmap/base/alloc.h"
#include "srmap/model/model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const mapping_sources[] = {
	"defender",            /* Defender for Cloud assessment key or display name */
	"azure-policy",        /* Azure Policy definition name (the GUID of a built-in) */
	"azure-policy-group",  /* a regulatory initiative group, used when the definition is unmapped */
	"azure-policy-set",    /* a policy set (initiative) name: the initiative is assigned */
	"prowler",             /* Prowler check id (metadata.event_code) */
	"prowler-compliance",  /* "FRAMEWORK:requirement" from unmapped.compliance */
	"graph",               /* a fact srmap derives from Microsoft Graph exports */
	"secure-score",        /* a Microsoft Secure Score controlName, or "(overall)" */
	"scubagear",           /* a CISA ScubaGear policy id ("MS.AAD.1.1v1") */
	"maester",             /* a Maester test id ("MT.1001", "EIDSCA.AF01", "CIS.M365.1.1.1") */
	NULL
};

static const char *const scope_names[MAP_SCOPE_COUNT] = { "resource", "subscription", "tenant" };

const char *map_scope_name(enum map_scope s) { return scope_names[s]; }

void mappings_init(struct mappings *m)
{
	*m = (struct mappings){ 0 };
	strmap_init(&m->index, 1);
	strmap_init(&m->service_index, 1);
}

static void entry_free(struct map_entry *e)
{
	free(e->source); free(e->id); free(e->title); free(e->basis); free(e->file);
	strv_free(e->controls);
}

static void kind_free(struct kind_rule *k)
{
	free(k->type); free(k->kind); free(k->title);
	strv_free(k->tokens);
}

void mappings_release(struct mappings *m)
{
	for (size_t i = 0; i < m->n; i++) {
		entry_free(&m->entries[i]);
		free(m->keys[i]);
	}
	free(m->entries);
	free(m->keys);
	for (size_t i = 0; i < m->nservices; i++) {
		free(m->services[i].name);
		free(m->services[i].type);
	}
	free(m->services);
	for (size_t i = 0; i < m->nkinds; i++)
		kind_free(&m->kinds[i]);
	free(m->kinds);
	strmap_release(&m->index);
	strmap_release(&m->service_index);
	*m = (struct mappings){ 0 };
}

int mapping_source_known(const char *s)
{
	for (int i = 0; mapping_sources[i]; i++)
		if (strcmp(mapping_sources[i], s) == 0)
			return 1;
	return 0;
}

/*
 * The index key of (source, id): exports write display names with stray
 * spaces around them, so the id is taken without surrounding white space
 * (letter case is folded by the index itself).  Caller frees.
 */
static char *entry_key(const char *source, const char *id)
{
	while (*id == ' ' || *id == '\t' || *id == '\n' || *id == '\r')
		id++;
	size_t n = strlen(id);
	while (n && (id[n - 1] == ' ' || id[n - 1] == '\t' || id[n - 1] == '\n' || id[n - 1] == '\r'))
		n--;
	return xasprintf("%s\x1f%.*s", source, (int)n, id);
}

static void read_entries(struct mappings *m, const struct jsondoc *doc, const cJSON *arr,
			 const char *file, struct diag_list *d)
{
	static const char *const known[] = { "source", "id", "controls", "scope", "title", "basis",
					     "nist_exception", "note", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a mapping must be an object");
			continue;
		}
		size_t before = diag_failures(d);
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *source = jsondoc_string(doc, item, "source", 1, d);
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		const char *scope = jsondoc_string(doc, item, "scope", 0, d);
		const char *title = jsondoc_string(doc, item, "title", 0, d);
		const char *basis = jsondoc_string(doc, item, "basis", 0, d);
		jsondoc_string(doc, item, "note", 0, d);
		jsondoc_string(doc, item, "nist_exception", 0, d);
		if (!jsondoc_array(doc, item, "controls", 1, d) || !source || !id)
			continue;
		if (!mapping_source_known(source)) {
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "source")),
				      "unknown mapping source \"%s\" (see docs/catalog.md)", source);
			continue;
		}
		int sc = MAP_SCOPE_RESOURCE;
		if (scope) {
			for (sc = 0; sc < MAP_SCOPE_COUNT && strcmp(scope_names[sc], scope); sc++)
				;
			if (sc == MAP_SCOPE_COUNT) {
				diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "scope")),
					      "scope must be resource, subscription or tenant, not \"%s\"",
					      scope);
				continue;
			}
		}
		struct map_entry e = { .source = xstrdup(source), .id = xstrdup(id),
				       .scope = sc, .title = xstrdup(title), .basis = xstrdup(basis),
				       .file = xstrdup(file) };
		e.controls = jsondoc_strv(doc, item, "controls", &e.ncontrols, d);
		if (diag_failures(d) > before) {
			entry_free(&e);
			continue;
		}
		char *key = entry_key(source, id);
		size_t at = (size_t)(uintptr_t)strmap_get(&m->index, key);
		if (at) {
			entry_free(&m->entries[at - 1]);
			m->entries[at - 1] = e;
			free(key);
			continue;
		}
		GROW(m->entries, m->cap, m->n + 1);
		m->keys = xreallocarray(m->keys, m->cap, sizeof(char *));
		m->entries[m->n] = e;
		m->keys[m->n] = key;
		strmap_put(&m->index, key, (void *)(uintptr_t)(m->n + 1));
		m->n++;
	}
}

static void read_services(struct mappings *m, const struct jsondoc *doc, const cJSON *arr,
			  struct diag_list *d)
{
	static const char *const known[] = { "name", "type", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a SaaS service must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *name = jsondoc_string(doc, item, "name", 1, d);
		const char *type = jsondoc_string(doc, item, "type", 1, d);
		if (!name || !type)
			continue;
		size_t at = (size_t)(uintptr_t)strmap_get(&m->service_index, name);
		if (at) {
			free(m->services[at - 1].type);
			m->services[at - 1].type = xstrdup(type);
			continue;
		}
		GROW(m->services, m->services_cap, m->nservices + 1);
		m->services[m->nservices] = (struct saas_service){ xstrdup(name), xstrdup(type) };
		strmap_put(&m->service_index, m->services[m->nservices].name,
			   (void *)(uintptr_t)(m->nservices + 1));
		m->nservices++;
	}
}

/* Splits a kind at commas into trimmed, non-empty tokens; returns a NULL-terminated array. */
static char **split_kind(const char *kind, size_t *n)
{
	size_t cap = 1;
	for (const char *p = kind; *p; p++)
		cap += *p == ',';
	char **out = xcalloc(cap + 1, sizeof(char *));
	*n = 0;
	const char *p = kind;
	while (*p) {
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		const char *a = p, *b = end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a)
			out[(*n)++] = xstrndup(a, (size_t)(b - a));
		p = *end ? end + 1 : end;
	}
	return out;
}

static void read_kinds(struct mappings *m, const struct jsondoc *doc, const cJSON *arr,
		       struct diag_list *d)
{
	static const char *const known[] = { "type", "kind", "title", "service_model", "note", NULL };
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a resource kind must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		const char *type = jsondoc_string(doc, item, "type", 1, d);
		const char *kind = jsondoc_string(doc, item, "kind", 1, d);
		const char *title = jsondoc_string(doc, item, "title", 1, d);
		const char *model = jsondoc_string(doc, item, "service_model", 0, d);
		jsondoc_string(doc, item, "note", 0, d);
		jsondoc_string(doc, item, "nist_exception", 0, d);
		if (!type || !kind || !title)
			continue;
		int mo = -1;
		if (model && (mo = model_parse(model)) < 0) {
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "service_model")),
				      "service_model must be iaas, paas, saas or onprem, not \"%s\"", model);
			continue;
		}
		struct kind_rule k = { xstrdup(type), xstrdup(kind), NULL, 0, xstrdup(title), mo };
		k.tokens = split_kind(kind, &k.ntokens);
		size_t i = 0;
		while (i < m->nkinds && !(strcasecmp(m->kinds[i].type, type) == 0 &&
					  strcasecmp(m->kinds[i].kind, kind) == 0))
			i++;
		if (i < m->nkinds) {
			kind_free(&m->kinds[i]);
			m->kinds[i] = k;
			continue;
		}
		GROW(m->kinds, m->kinds_cap, m->nkinds + 1);
		m->kinds[m->nkinds++] = k;
	}
}

void mappings_read(struct mappings *m, const struct jsondoc *doc, const cJSON *obj,
		   const char *file, struct diag_list *d)
{
	static const char *const known[] = { "evidence", "saas_services", "resource_kinds", NULL };
	jsondoc_warn_unknown_keys(doc, obj, known, d);
	const cJSON *v;
	if ((v = jsondoc_array(doc, obj, "evidence", 0, d)))
		read_entries(m, doc, v, file, d);
	if ((v = jsondoc_array(doc, obj, "saas_services", 0, d)))
		read_services(m, doc, v, d);
	if ((v = jsondoc_array(doc, obj, "resource_kinds", 0, d)))
		read_kinds(m, doc, v, d);
}

const struct map_entry *mappings_find(const struct mappings *m, const char *source,
				      const char *id)
{
	if (!m->n || !id)
		return NULL;
	char *key = entry_key(source, id);
	size_t at = (size_t)(uintptr_t)strmap_get(&m->index, key);
	free(key);
	return at ? &m->entries[at - 1] : NULL;
}

const char *mappings_saas_type(const struct mappings *m, const char *name)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&m->service_index, name);
	return at ? m->services[at - 1].type : NULL;
}

/* Returns 1 when token is one of the comma-separated tokens of kind (case-insensitive). */
static int has_token(const char *kind, const char *token)
{
	size_t tl = strlen(token);
	const char *p = kind;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *end = p;
		while (*end && *end != ',')
			end++;
		const char *b = end;
		while (b > p && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if ((size_t)(b - p) == tl && strncasecmp(p, token, tl) == 0)
			return 1;
		p = end;
	}
	return 0;
}

const struct kind_rule *mappings_kind(const struct mappings *m, const char *type,
				      const char *kind)
{
	const struct kind_rule *best = NULL;
	if (!type || !kind)
		return NULL;
	for (size_t i = 0; i < m->nkinds; i++) {
		const struct kind_rule *k = &m->kinds[i];
		if (strcasecmp(k->type, type) != 0 || !k->ntokens)
			continue;
		size_t t = 0;
		while (t < k->ntokens && has_token(kind, k->tokens[t]))
			t++;
		if (t == k->ntokens && (!best || k->ntokens > best->ntokens))
			best = k;
	}
	return best;
}
