/*
 * oscal.c - the OSCAL assessment results in C, the same bytes as the shipped
 * templates/oscal-ar.xsl (oscal.h).
 *
 * Each part is built as the libxml2 tree the template would give and written
 * by libxml2's own serializer at its depth, as libxslt writes a result with
 * indent="yes"; the parts that repeat per workload, evidence record or control
 * are written and freed one at a time.  The functions below follow the
 * template's, in its order, and name the template they stand for.
 */
#include "oscal.h"
#include "oscal_doc.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- metadata and the plan reference ------------------------------------------------------- */

static void role(struct oscal *o, xmlNodePtr parent, const char *id, const char *title,
		 const char *text)
{
	xmlNodePtr r = oscal_el(o, parent, "role");
	oscal_set(r, "id", id);
	oscal_leaf(o, r, "title", title);
	oscal_leaf(o, oscal_el(o, r, "description"), "p", text);
}

static void responsible(struct oscal *o, xmlNodePtr parent, const char *role_id, const char *uuid)
{
	xmlNodePtr r = oscal_el(o, parent, "responsible-party");
	oscal_set(r, "role-id", role_id);
	oscal_leaf(o, r, "party-uuid", uuid);
}

static void party(struct oscal *o, xmlNodePtr parent, const char *uuid, const char *name)
{
	xmlNodePtr p = oscal_el(o, parent, "party");
	oscal_set(p, "uuid", uuid);
	oscal_set(p, "type", "organization");
	oscal_leaf(o, p, "name", name);
}

static void metadata(struct oscal *o)
{
	char assessor[37], client[37];
	oscal_uuid(o, assessor, "party|assessor|", o->assessor, 0);
	oscal_uuid(o, client, "party|client|", o->client, 0);
	xmlNodePtr m = oscal_el(o, o->root, "metadata");
	oscal_cat(o->t, "Shared-responsibility assessment results for ");
	oscal_cat(o->t, o->client);
	oscal_text_el(o, m, "title");
	oscal_leaf(o, m, "last-modified", docnode_attr(o->a, "generated"));
	oscal_leaf(o, m, "version", docnode_attr(o->a, "tool-version"));
	oscal_leaf(o, m, "oscal-version", "1.0.6");
	docnode_normalize(o->norm, docnode_attr(o->profile, "marking"));
	if (xmlBufferLength(o->norm)) {
		xmlNodePtr p = oscal_el(o, m, "prop");
		oscal_set(p, "name", "marking");
		oscal_set(p, "value", (const char *)xmlBufferContent(o->norm));
	}
	oscal_cat(o->t, "srmap ");
	oscal_cat(o->t, docnode_attr(o->a, "tool-version"));
	oscal_prop_t(o, m, "tool");
	oscal_prop(o, m, "catalog-version", docnode_attr(o->a, "catalog-version"));
	role(o, m, "assessor", "Assessor", "The organisation that performed the assessment.");
	role(o, m, "prepared-by", "Prepared By", "The organisation that prepared this document.");
	role(o, m, "prepared-for", "Prepared For",
	     "The organisation assessed, for which this document was prepared.");
	party(o, m, assessor, o->assessor);
	party(o, m, client, o->client);
	responsible(o, m, "assessor", assessor);
	responsible(o, m, "prepared-by", assessor);
	responsible(o, m, "prepared-for", client);
	oscal_dump(o, m, 1);
}

static void import_ap(struct oscal *o)
{
	xmlNodePtr ap = oscal_el(o, o->root, "import-ap");
	oscal_cat(o->t, "#");
	oscal_cat(o->t, o->plan_uuid);
	oscal_set(ap, "href", (const char *)xmlBufferContent(o->t));
	xmlBufferEmpty(o->t);
	oscal_leaf(o, oscal_el(o, ap, "remarks"), "p",
		   "srmap does not read an OSCAL assessment plan: the plan of this assessment is the "
		   "engagement profile (client, assessor, as-of date, frameworks, FedRAMP baseline, "
		   "evidence age), described by the back-matter resource this reference points to.");
	oscal_dump(o, ap, 1);
}

/* ---- the result's opening, inventory and assets ---------------------------------------------- */

static void result_description(struct oscal *o, xmlNodePtr result)
{
	xmlBufferPtr t = o->t;
	oscal_cat(t, "Automated shared-responsibility assessment by srmap ");
	oscal_cat(t, docnode_attr(o->a, "tool-version"));
	oscal_cat(t, " (catalog ");
	oscal_cat(t, docnode_attr(o->a, "catalog-version"));
	oscal_cat(t, ") of ");
	oscal_cat(t, docnode_attr(o->summary, "workloads"));
	oscal_cat(t, " workloads: ");
	oscal_cat(t, docnode_attr(o->summary, "checks"));
	oscal_cat(t, " checks decided from ");
	oscal_cat(t, docnode_attr(o->summary, "evidence"));
	oscal_cat(t, " evidence records, with ");
	oscal_cat(t, docnode_attr(o->summary, "findings"));
	oscal_cat(t, " findings. Frameworks in scope: ");
	size_t k = 0;
	for (const xmlNode *s = docnode_child(o->profile, "scope"); s; s = docnode_next(s, "scope")) {
		if (k++)
			oscal_cat(t, ", ");
		const char *fw = docnode_attr(s, "framework");
		if (fw && !strcmp(fw, "fedramp")) {
			oscal_cat(t, "FedRAMP Rev 5 (");
			oscal_cat(t, docnode_attr(o->profile, "fedramp-baseline"));
			oscal_cat(t, " baseline)");
		} else {
			oscal_cat(t, oscal_framework_label(fw));
		}
	}
	oscal_cat(t, ".");
	oscal_text_el(o, oscal_el(o, result, "description"), "p");
}

/* template match="workload" mode="inventory-item" */
static void inventory_item(struct oscal *o, const xmlNode *w)
{
	char uuid[37];
	oscal_uuid(o, uuid, "workload|", docnode_attr(w, "id"), 1);
	xmlNodePtr item = oscal_el(o, o->root, "inventory-item");
	oscal_set(item, "uuid", uuid);
	const char *type_title = docnode_attr(w, "type-title");
	oscal_cat(o->t, docnode_attr(w, "name"));
	oscal_cat(o->t, ": ");
	oscal_cat(o->t, type_title ? type_title : "unclassified type");
	oscal_cat(o->t, " (");
	oscal_cat(o->t, docnode_attr(w, "type"));
	oscal_cat(o->t, "), service model ");
	oscal_cat(o->t, docnode_attr(w, "service-model"));
	oscal_cat(o->t, ".");
	oscal_text_el(o, oscal_el(o, item, "description"), "p");
	docnode_normalize(o->norm, docnode_attr(w, "id"));
	if (xmlBufferLength(o->norm)) {
		xmlNodePtr p = oscal_el(o, item, "prop");
		oscal_set(p, "name", "asset-id");
		oscal_set(p, "value", (const char *)xmlBufferContent(o->norm));
	}
	static const char *const props[][2] = {
		{ "workload-name", "name" }, { "resource-type", "type" },
		{ "service-model", "service-model" }, { "subscription", "subscription" },
		{ "tenant", "tenant" }, { "location", "location" },
		{ "accountable-party", "accountable-party" } };
	for (size_t i = 0; i < sizeof props / sizeof *props; i++)
		oscal_prop(o, item, props[i][0], docnode_attr(w, props[i][1]));
	oscal_dump(o, item, 3);
}

static void assessment_assets(struct oscal *o)
{
	xmlNodePtr assets = oscal_el(o, o->root, "assessment-assets");
	xmlNodePtr c = oscal_el(o, assets, "component");
	oscal_set(c, "uuid", o->tool_uuid);
	oscal_set(c, "type", "software");
	oscal_leaf(o, c, "title", "srmap");
	oscal_cat(o->t, "srmap ");
	oscal_cat(o->t, docnode_attr(o->a, "tool-version"));
	oscal_cat(o->t, ", a shared-responsibility compliance assessment tool, with catalog ");
	oscal_cat(o->t, docnode_attr(o->a, "catalog-version"));
	oscal_cat(o->t, ".");
	oscal_text_el(o, oscal_el(o, c, "description"), "p");
	oscal_prop(o, c, "tool-version", docnode_attr(o->a, "tool-version"));
	oscal_set(oscal_el(o, c, "status"), "state", "operational");
	char platform[37];
	oscal_uuid(o, platform, "assessment-platform|srmap", "", 0);
	xmlNodePtr p = oscal_el(o, assets, "assessment-platform");
	oscal_set(p, "uuid", platform);
	oscal_leaf(o, p, "title", "srmap");
	oscal_set(oscal_el(o, p, "uses-component"), "component-uuid", o->tool_uuid);
	oscal_dump(o, assets, 3);
}

/* template name="reviewed-controls" */
static void reviewed_controls(struct oscal *o)
{
	xmlNodePtr rc = oscal_el(o, o->root, "reviewed-controls");
	xmlBufferPtr t = o->t;
	if (o->fedramp) {
		oscal_cat(t, "The NIST SP 800-53 Rev 5 controls of the FedRAMP Rev 5 ");
		oscal_cat(t, docnode_attr(o->fedramp, "baseline"));
		oscal_cat(t, " baseline that srmap's catalog maps to at least one of its controls (");
		oscal_cat_size(t, o->nnist);
		oscal_cat(t, " of the baseline's ");
		oscal_cat(t, docnode_attr(o->fedramp, "requirements"));
		oscal_cat(t, ").");
	} else {
		oscal_cat(t, "FedRAMP is not in scope: the NIST SP 800-53 Rev 5 controls that srmap's "
			  "catalog maps to at least one of its controls (");
		oscal_cat_size(t, o->nnist);
		oscal_cat(t, "), not filtered by a baseline.");
	}
	oscal_text_el(o, oscal_el(o, rc, "description"), "p");
	xmlNodePtr sel = oscal_el(o, rc, "control-selection");
	for (size_t i = 0; i < o->nnist; i++) {
		oscal_cat_id(o->t, o->nist[i].id);
		oscal_set(oscal_el(o, sel, "include-control"), "control-id",
			  (const char *)xmlBufferContent(o->t));
		xmlBufferEmpty(o->t);
	}
	if (!o->nnist) {
		oscal_el(o, sel, "include-all");
		oscal_leaf(o, oscal_el(o, sel, "remarks"), "p", "srmap's catalog cites no NIST SP "
			   "800-53 control, so no control was reviewed.");
	}
	oscal_dump(o, rc, 2);
}

/* The opening of template name="result", up to its local definitions. */
static void result_opening(struct oscal *o)
{
	const char *as_of = docnode_attr(o->a, "as-of");
	oscal_cat(o->t, "Assessment as of ");
	oscal_cat(o->t, as_of);
	oscal_text_el(o, o->root, "title");
	result_description(o, o->root);
	oscal_leaf(o, o->root, "start", as_of);
	oscal_leaf(o, o->root, "end", docnode_attr(o->a, "generated"));
	oscal_prop(o, o->root, "overall-score", docnode_attr(o->summary, "overall-score"));
	for (size_t i = 0; i < o->frameworks.n; i++) {
		const xmlNode *f = o->frameworks.v[i];
		oscal_cat(o->t, docnode_attr(f, "id"));
		oscal_cat(o->t, "-score");
		oscal_prop(o, o->root, (const char *)xmlBufferContent(o->t), docnode_attr(f, "score"));
		xmlBufferEmpty(o->t);
	}
	for (xmlNodePtr n = o->root->children; n; n = o->root->children)
		oscal_dump(o, n, 2);
}

/* ---- back matter ------------------------------------------------------------------------------ */

/* template name="rlink", for the input element in */
static void rlink(struct oscal *o, xmlNodePtr parent, const xmlNode *in)
{
	xmlNodePtr r = oscal_el(o, parent, "rlink");
	oscal_cat_uri(o, docnode_attr(in, "path"));
	oscal_set(r, "href", (const char *)xmlBufferContent(o->t));
	xmlBufferEmpty(o->t);
	const char *format = docnode_attr(in, "format");
	if (format && !strcmp(format, "srmap-json"))
		oscal_set(r, "media-type", "application/json");
	else if (format && !strcmp(format, "xslt"))
		oscal_set(r, "media-type", "application/xslt+xml");
	xmlNodePtr h = oscal_leaf(o, r, "hash", docnode_attr(in, "sha256"));
	oscal_set(h, "algorithm", "SHA-256");
}

/* template name="back-matter" */
static void back_matter(struct oscal *o)
{
	xmlNodePtr bm = oscal_el(o, o->root, "back-matter");
	xmlNodePtr plan = oscal_el(o, bm, "resource");
	oscal_set(plan, "uuid", o->plan_uuid);
	oscal_leaf(o, plan, "title", "Assessment plan (srmap engagement profile)");
	xmlBufferPtr t = o->t;
	oscal_cat(t, "Client ");
	oscal_cat(t, o->client);
	oscal_cat(t, ", assessor ");
	oscal_cat(t, o->assessor);
	oscal_cat(t, ", as of ");
	oscal_cat(t, docnode_attr(o->profile, "as-of"));
	oscal_cat(t, ", FedRAMP baseline ");
	oscal_cat(t, docnode_attr(o->profile, "fedramp-baseline"));
	oscal_cat(t, ", evidence older than ");
	oscal_cat(t, docnode_attr(o->profile, "max-evidence-age-days"));
	oscal_cat(t, " days is stale.");
	if (!docnode_attr(o->profile, "file"))
		oscal_cat(t, " No profile file was given: these are srmap's defaults.");
	oscal_text_el(o, oscal_el(o, plan, "description"), "p");
	for (const xmlNode *in = docnode_child(o->inputs, "input"); in; in = docnode_next(in, "input")) {
		const char *r = docnode_attr(in, "role");
		if (r && !strcmp(r, "profile"))
			rlink(o, plan, in);
	}
	size_t position = 0;
	for (const xmlNode *in = docnode_child(o->inputs, "input"); in; in = docnode_next(in, "input")) {
		char uuid[37];
		char *key = xasprintf("%zu|%s", ++position, docnode_attr_or_empty(in, "path"));
		oscal_uuid(o, uuid, "input|", key, 0);
		free(key);
		xmlNodePtr res = oscal_el(o, bm, "resource");
		oscal_set(res, "uuid", uuid);
		oscal_cat(t, docnode_attr(in, "role"));
		oscal_cat(t, " input ");
		oscal_cat(t, docnode_attr(in, "path"));
		oscal_text_el(o, res, "title");
		oscal_prop(o, res, "input-role", docnode_attr(in, "role"));
		oscal_prop(o, res, "records", docnode_attr(in, "records"));
		rlink(o, res, in);
	}
	oscal_dump(o, bm, 1);
}

/* ---- the document ------------------------------------------------------------------------------ */

int oscal_write(xmlDocPtr doc, int fd)
{
	struct oscal o;
	if (oscal_begin(&o, doc, fd) < 0)
		return -1;
	char uuid[37];
	oscal_uuid(&o, uuid, "assessment-results|", o.run_key, 0);
	oscal_write_text(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	oscal_open(&o, 0, "assessment-results", uuid, 1);
	metadata(&o);
	import_ap(&o);
	oscal_uuid(&o, uuid, "result|", o.run_key, 0);
	oscal_open(&o, 1, "result", uuid, 0);
	result_opening(&o);
	oscal_open(&o, 2, "local-definitions", NULL, 0);
	for (size_t i = 0; i < o.workloads.n; i++)
		inventory_item(&o, o.workloads.v[i]);
	assessment_assets(&o);
	oscal_close(&o, 2, "local-definitions");
	reviewed_controls(&o);
	for (size_t i = 0; i < o.evidence.n; i++)
		oscal_observation(&o, o.evidence.v[i]);
	oscal_risks(&o);
	for (size_t i = 0; i < o.nnist; i++)
		oscal_finding(&o, &o.nist[i]);
	oscal_close(&o, 1, "result");
	back_matter(&o);
	oscal_close(&o, 0, "assessment-results");
	return oscal_end(&o);
}
