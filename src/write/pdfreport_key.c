/*
 * pdfreport_key.c - the xsl:key lookups of the PDF template's C writer: each
 * value to its nodes in document order, made in one pass (pdfreport.h).
 */
#include "pdfreport.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

void pdfr_nodes_add(struct pdfr_nodes *l, const xmlNode *n)
{
	GROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = n;
}

void pdfr_nodes_release(struct pdfr_nodes *l)
{
	free(l->v);
	*l = (struct pdfr_nodes){ 0 };
}

void pdfr_key_init(struct pdfr_key *k)
{
	*k = (struct pdfr_key){ 0 };
	strmap_init(&k->map, 0);
}

void pdfr_key_add(struct pdfr_key *k, const char *value, const xmlNode *n)
{
	struct pdfr_nodes *l = strmap_get(&k->map, value);
	if (!l) {
		GROW(k->values, k->cap, k->n + 1);
		k->lists = xreallocarray(k->lists, k->cap, sizeof(*k->lists));
		k->values[k->n] = xstrdup(value);
		l = k->lists[k->n] = xcalloc(1, sizeof(*l));
		strmap_put(&k->map, k->values[k->n], l);
		k->n++;
	}
	pdfr_nodes_add(l, n);
}

void pdfr_key_release(struct pdfr_key *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->values[i]);
		pdfr_nodes_release(k->lists[i]);
		free(k->lists[i]);
	}
	free(k->values);
	free(k->lists);
	strmap_release(&k->map);
	*k = (struct pdfr_key){ 0 };
}

const struct pdfr_nodes *pdfr_key_get(const struct pdfr_key *k, const char *value)
{
	static const struct pdfr_nodes none;
	const struct pdfr_nodes *l = value ? strmap_get(&k->map, value) : NULL;
	return l ? l : &none;
}

const xmlNode *pdfr_key_first(const struct pdfr_key *k, const char *value)
{
	const struct pdfr_nodes *l = pdfr_key_get(k, value);
	return l->n ? l->v[0] : NULL;
}
