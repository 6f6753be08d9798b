/*
 * catalog_check.c - checks a merged catalog as a whole: the responsibility
 * matrix is complete and follows the model's rules, every citation and
 * baseline entry resolves, and every mapping names a control and a resource
 * type the catalog defines.
 */
#include "catalog_check.h"
#include "srmap/model/mapping.h"

#include <string.h>

/* Every mapping, SaaS service and kind rule names a control or type that cat defines. */
static void check_mappings(const struct mappings *m, const struct catalog *cat, struct diag_list *d)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct map_entry *e = &m->entries[i];
		for (size_t k = 0; k < e->ncontrols; k++)
			if (!catalog_control(cat, e->controls[k]))
				diag_add(d, DIAG_ERROR, e->file, 0, 0,
					 "mapping %s \"%s\" names control \"%s\", which the catalog does not "
					 "define", e->source, e->id, e->controls[k]);
	}
	for (size_t i = 0; i < m->nservices; i++)
		if (!catalog_type(cat, m->services[i].type))
			diag_add(d, DIAG_ERROR, NULL, 0, 0,
				 "SaaS service \"%s\" maps to type \"%s\", which the catalog does not "
				 "classify", m->services[i].name, m->services[i].type);
	for (size_t i = 0; i < m->nkinds; i++)
		if (!catalog_type(cat, m->kinds[i].type))
			diag_add(d, DIAG_WARNING, NULL, 0, 0,
				 "resource kind rule \"%s\" is for type \"%s\", which the catalog does "
				 "not classify", m->kinds[i].kind, m->kinds[i].type);
}

int catalog_check(const struct catalog *cat, const char *where, struct diag_list *d)
{
	size_t before = diag_failures(d);
	if (!cat->nlayers)
		diag_add(d, DIAG_ERROR, where, 0, 0, "catalog defines no layers");
	for (size_t i = 0; i < cat->nlayers; i++) {
		const struct layer *l = &cat->layers[i];
		for (int m = 0; m < MATRIX_MODELS; m++)
			if (!l->has_owner[m])
				diag_add(d, DIAG_ERROR, where, 0, 0,
					 "responsibility matrix has no owner for layer \"%s\" under %s",
					 l->id, model_name(m));
		/* The source material: identity, access and data are always the customer's. */
		if (strcmp(l->id, "identity") == 0 || strcmp(l->id, "data") == 0)
			for (int m = 0; m < MATRIX_MODELS; m++)
				if (l->has_owner[m] && l->owner[m] != OWNER_CUSTOMER)
					diag_error_at(d, l->cell_pos[m],
						      "layer \"%s\" must be owned by the customer under %s "
						      "(identity and data are always the customer's)",
						      l->id, model_name(m));
	}
	for (int m = 0; m < MATRIX_MODELS; m++) {
		int customer = 0;
		for (size_t i = 0; i < cat->nlayers; i++)
			customer |= cat->layers[i].owner[m] != OWNER_PROVIDER;
		if (cat->nlayers && !customer)
			diag_add(d, DIAG_ERROR, where, 0, 0,
				 "under %s the customer owns no layer; the customer's share never reaches zero",
				 model_name(m));
	}
	for (size_t i = 0; i < cat->ncontrols; i++) {
		const struct control *c = &cat->controls[i];
		for (int r = 0; r < REF_COUNT; r++)
			for (size_t k = 0; k < c->nrefs[r]; k++)
				if (!strmap_get(&cat->refs[r].by_id, c->refs[r][k]))
					diag_error_at(d, c->ref_pos[r][k],
						      "control \"%s\" cites %s \"%s\", which the catalog's "
						      "requirement list does not contain", c->id,
						      ref_source_name(r), c->refs[r][k]);
		for (size_t k = 0; k < c->ntypes; k++)
			if (!strmap_get(&cat->type_index, c->types[k]))
				diag_add(d, DIAG_WARNING, where, 0, 0,
					 "control \"%s\" names resource type \"%s\", which the catalog "
					 "does not classify", c->id, c->types[k]);
	}
	for (int b = 0; b < BASELINE_COUNT; b++)
		for (size_t k = 0; k < cat->nbaseline[b]; k++)
			if (!strmap_get(&cat->refs[REF_NIST].by_id, cat->baseline[b][k]))
				diag_add(d, DIAG_ERROR, where, 0, 0,
					 "FedRAMP %s baseline lists \"%s\", which the NIST list does not contain",
					 baseline_name(b), cat->baseline[b][k]);
	check_mappings(&cat->mappings, cat, d);
	return diag_failures(d) > before ? -1 : 0;
}
