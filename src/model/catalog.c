/*
 * catalog.c - lookups in a loaded catalog: layers, resource types, controls,
 * framework requirements, owners and baseline membership.  Loading and
 * freeing are in catalog_load.c, the checks of a merged catalog in
 * catalog_check.c.
 */
#include "srmap/model/catalog.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static const char *const ref_names[REF_COUNT] = { "hipaa", "soc2", "nist-800-53", "mcsb" };

const char *ref_source_name(enum ref_source s) { return ref_names[s]; }

int ref_source_in_scope(enum ref_source s, unsigned mask)
{
	switch (s) {
	case REF_HIPAA: return (mask >> FW_HIPAA) & 1;
	case REF_SOC2: return (mask >> FW_SOC2) & 1;
	case REF_NIST: return (mask >> FW_FEDRAMP) & 1;
	default: return 1;
	}
}

static size_t index_get(const struct strmap *m, const char *key)
{
	return (size_t)(uintptr_t)strmap_get(m, key);
}

const struct restype *catalog_type(const struct catalog *cat, const char *type)
{
	size_t at = index_get(&cat->type_index, type);
	return at ? &cat->types[at - 1] : NULL;
}

const struct control *catalog_control(const struct catalog *cat, const char *id)
{
	size_t at = index_get(&cat->control_index, id);
	return at ? &cat->controls[at - 1] : NULL;
}

const struct layer *catalog_layer(const struct catalog *cat, const char *id)
{
	size_t at = index_get(&cat->layer_index, id);
	return at ? &cat->layers[at - 1] : NULL;
}

const struct domain *catalog_domain(const struct catalog *cat, const char *id)
{
	size_t at = index_get(&cat->domain_index, id);
	return at ? &cat->domains[at - 1] : NULL;
}

const struct requirement *catalog_requirement(const struct catalog *cat,
					      enum ref_source src, const char *id)
{
	size_t at = index_get(&cat->refs[src].by_id, id);
	return at ? &cat->refs[src].items[at - 1] : NULL;
}

enum owner catalog_owner(const struct catalog *cat, size_t layer, enum service_model m)
{
	/* Nothing is inherited from a provider nobody has identified. */
	if (m == MODEL_UNCLASSIFIED)
		return OWNER_CUSTOMER;
	return cat->layers[layer].owner[m];
}

int control_applies(const struct control *c, const char *type, enum service_model m)
{
	/* Of an unknown type only the controls that apply everywhere can be said to apply. */
	if (m == MODEL_UNCLASSIFIED)
		return c->model_mask == (1u << MATRIX_MODELS) - 1;
	if (c->model_mask & (1u << m))
		return 1;
	for (size_t i = 0; i < c->ntypes; i++)
		if (strcasecmp(c->types[i], type) == 0)
			return 1;
	return 0;
}

int catalog_in_baseline(const struct catalog *cat, enum fedramp_baseline b, const char *id)
{
	return strmap_get(&cat->baseline_index[b], id) != NULL;
}
