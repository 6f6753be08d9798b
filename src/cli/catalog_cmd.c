/*
 * catalog_cmd.c - the catalog commands: `srmap catalog list` (the controls,
 * grouped by domain) and `srmap catalog lookup SOURCE ID` (what another
 * tool's identifier maps to, and why).
 */
#include "job.h"
#include "srmap/base/alloc.h"
#include "srmap/base/srmap.h"
#include "srmap/model.h"

#include <stdlib.h>
#include <string.h>

/* The MCSB ids a control cites, joined by commas ("-" when none); caller frees. */
static char *mcsb_ids(const struct control *c)
{
	if (!c->nrefs[REF_MCSB])
		return xstrdup("-");
	return xjoin((const char *const *)c->refs[REF_MCSB], c->nrefs[REF_MCSB], ",");
}

static void list_control(FILE *out, const struct catalog *cat, const struct control *c)
{
	char *mcsb = mcsb_ids(c);
	fprintf(out, "%-34s %-17s %-8s %-11s %s\n", c->id, cat->layers[c->layer].id,
		severity_name(c->severity), mcsb, c->title);
	free(mcsb);
}

int job_catalog_list(const struct job_options *opt, FILE *out, struct diag_list *d)
{
	struct catalog cat;
	if (job_load_catalog(&cat, opt, NULL, d) < 0) {
		catalog_release(&cat);
		return SRMAP_EXIT_CATALOG;
	}
	fprintf(out, "# catalog %s: %zu controls in %zu domains, %zu resource types, %zu layers\n",
		cat.version, cat.ncontrols, cat.ndomains, cat.ntypes, cat.nlayers);
	for (size_t g = 0; g <= cat.ndomains; g++) {
		size_t n = 0;
		for (size_t i = 0; i < cat.ncontrols; i++)
			n += cat.controls[i].domain == (g < cat.ndomains ? g : DOMAIN_NONE);
		if (!n)
			continue;
		if (g < cat.ndomains)
			fprintf(out, "\n## %s (%s%s%s): %zu controls\n", cat.domains[g].title,
				cat.domains[g].id, cat.domains[g].mcsb ? ", MCSB " : "",
				cat.domains[g].mcsb ? cat.domains[g].mcsb : "", n);
		else
			fprintf(out, "\n## Controls without a domain: %zu controls\n", n);
		for (size_t i = 0; i < cat.ncontrols; i++)
			if (cat.controls[i].domain == (g < cat.ndomains ? g : DOMAIN_NONE))
				list_control(out, &cat, &cat.controls[i]);
	}
	catalog_release(&cat);
	return SRMAP_EXIT_OK;
}

/*
 * The entry for id, as the readers find it: as given, else (a resource id
 * or policy definition id such as /providers/.../policyDefinitions/GUID)
 * by its last path segment.
 */
static const struct map_entry *find_entry(const struct mappings *m, const char *source,
					  const char *id)
{
	const struct map_entry *e = mappings_find(m, source, id);
	const char *slash = strrchr(id, '/');
	if (!e && slash && slash[1])
		e = mappings_find(m, source, slash + 1);
	return e;
}

static void print_entry(FILE *out, const struct catalog *cat, const struct map_entry *e)
{
	fprintf(out, "%s %s\n", e->source, e->id);
	if (e->title)
		fprintf(out, "  title:    %s\n", e->title);
	if (!e->ncontrols)
		fprintf(out, "  controls: none (known and deliberately not mapped)\n");
	for (size_t i = 0; i < e->ncontrols; i++) {
		const struct control *c = catalog_control(cat, e->controls[i]);
		char *mcsb = c ? mcsb_ids(c) : xstrdup("-");
		fprintf(out, "  %s %s (%s; MCSB %s): %s\n", i ? "         " : "controls:",
			e->controls[i], c && c->domain != DOMAIN_NONE ? cat->domains[c->domain].title
			: "no domain", mcsb, c ? c->title : "");
		free(mcsb);
	}
	fprintf(out, "  scope:    %s\n", map_scope_name(e->scope));
	fprintf(out, "  basis:    %s\n", e->basis ? e->basis : "(not recorded)");
	fprintf(out, "  file:     %s\n", e->file);
}

int job_catalog_lookup(const struct job_options *opt, const char *source, const char *id,
		       FILE *out, struct diag_list *d)
{
	if (!mapping_source_known(source)) {
		size_t n = 0;
		while (mapping_sources[n])
			n++;
		char *all = xjoin(mapping_sources, n, ", ");
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown mapping source \"%s\" (one of: %s)",
			 source, all);
		free(all);
		return SRMAP_EXIT_USAGE;
	}
	struct catalog cat;
	if (job_load_catalog(&cat, opt, NULL, d) < 0) {
		catalog_release(&cat);
		return SRMAP_EXIT_CATALOG;
	}
	const struct map_entry *e = find_entry(&cat.mappings, source, id);
	int rc = SRMAP_EXIT_OK;
	if (e) {
		print_entry(out, &cat, e);
	} else {
		fprintf(out, "%s %s: not in the catalog's mappings (its records would be listed "
			"as unmapped)\n", source, id);
		rc = SRMAP_EXIT_FINDINGS;
	}
	catalog_release(&cat);
	return rc;
}
