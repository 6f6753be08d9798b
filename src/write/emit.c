/*
 * emit.c - the canonical assessment XML, written with libxml2's
 * xmlTextWriter.  Every string that reaches it was checked at input to be
 * valid UTF-8 and XML-safe (utf8.h), because xmlTextWriter does not check.
 */
#include "srmap/write/emit.h"
#include "emit_parts.h"
#include "srmap/base/alloc.h"
#include "srmap/assess.h"
#include "srmap/base/srmap.h"

#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

static void emit_profile(struct xmlout *o, const struct assessment *a)
{
	const struct profile *p = a->profile;
	xmlout_start(o, "profile");
	xmlout_attr(o, "client", p->client);
	xmlout_attr(o, "assessor", p->assessor);
	xmlout_attr(o, "marking", p->marking);
	xmlout_attr(o, "language", p->language);
	xmlout_attr_time(o, "as-of", p->as_of);
	xmlout_attr(o, "fedramp-baseline", baseline_name(p->baseline));
	xmlout_attrf(o, "max-evidence-age-days", "%ld", p->max_age_days);
	xmlout_attr(o, "undated-evidence", undated_rule_name(p->undated));
	xmlout_attr(o, "file", p->file);
	for (int f = 0; f < FW_COUNT; f++)
		if ((p->frameworks >> f) & 1) {
			xmlout_start(o, "scope");
			xmlout_attr(o, "framework", framework_name(f));
			xmlout_end(o);
		}
	for (size_t i = 0; i < p->nattestations; i++) {
		const struct attestation *t = &p->attestations[i];
		xmlout_start(o, "attestation");
		xmlout_attr(o, "id", t->id);
		xmlout_attr(o, "kind", t->kind);
		xmlout_attr(o, "title", t->title);
		xmlout_attr_time(o, "issued", t->issued);
		char *covers = xjoin((const char *const *)t->covers, t->ncovers, " ");
		xmlout_attr(o, "covers", covers);
		free(covers);
		xmlout_end(o);
	}
	if (p->logo || p->brand_color) {
		xmlout_start(o, "branding");
		xmlout_attr(o, "logo", p->logo);
		xmlout_attr(o, "color", p->brand_color);
		xmlout_end(o);
	}
	xmlout_end(o);
}

/* What reading an export gave: counts, and the identifiers and resources it could not use. */
static void emit_import_counts(struct xmlout *o, const struct reader_stats *st)
{
	xmlout_attr_count(o, "read", st->read);
	xmlout_attr_count(o, "mapped", st->mapped);
	xmlout_attr_count(o, "unmapped", st->unmapped);
	xmlout_attr_count(o, "ignored", st->ignored);
	xmlout_attr_count(o, "rejected", st->rejected);
	xmlout_attr_count(o, "unmatched", st->unmatched);
	if (st->other_tenant)
		xmlout_attr_count(o, "other-tenant", st->other_tenant);
	xmlout_attr_count(o, "merged", st->merged);
	for (size_t i = 0; i < st->unmapped_ids.n; i++) {
		xmlout_start(o, "unmapped");
		xmlout_attr(o, "source", st->unmapped_ids.sources[i]);
		xmlout_attr(o, "id", st->unmapped_ids.ids[i]);
		xmlout_attr_count(o, "count", st->unmapped_ids.counts[i]);
		xmlout_end(o);
	}
	for (size_t i = 0; i < st->unmatched_ids.n; i++) {
		xmlout_start(o, "unmatched");
		xmlout_attr(o, "resource", st->unmatched_ids.ids[i]);
		xmlout_attr_count(o, "count", st->unmatched_ids.counts[i]);
		xmlout_end(o);
	}
	for (size_t i = 0; i < st->other_tenant_ids.n; i++) {
		xmlout_start(o, "other-tenant");
		xmlout_attr(o, "tenant", st->other_tenant_ids.ids[i]);
		xmlout_attr_count(o, "count", st->other_tenant_ids.counts[i]);
		xmlout_end(o);
	}
}

/* The strings of an input whose characters XML cannot carry were replaced by U+FFFD. */
static void emit_replaced(struct xmlout *o, const struct text_fixes *fixes)
{
	for (size_t i = 0; i < fixes->n; i++) {
		const struct text_fix *x = &fixes->items[i];
		xmlout_start(o, "replaced");
		xmlout_attrf(o, "line", "%d", x->line);
		xmlout_attrf(o, "col", "%d", x->col);
		if (x->key)
			xmlout_attr(o, "key", "true");
		xmlout_attr_count(o, "chars", x->chars);
		xmlout_attr(o, "sha256", x->sha256);
		xmlout_end(o);
	}
}

/*
 * For every input, how many evidence records it gave (after aggregation per
 * workload and control) and how many of them decided a check: the coverage
 * of each file.  Records come in file order, so the last match is tried first.
 */
static void count_applied(const struct assessment *a, const struct run_info *run,
			  size_t *given, size_t *applied)
{
	size_t last = 0;
	for (size_t i = 0; i < a->ev->n; i++) {
		const char *file = a->ev->items[i].pos.file;
		if (!file)
			continue;
		if (last >= run->ninputs || strcmp(run->inputs[last].path, file) != 0)
			for (last = 0; last < run->ninputs; last++)
				if (!strcmp(run->inputs[last].role, "evidence") &&
				    !strcmp(run->inputs[last].path, file))
					break;
		if (last == run->ninputs)
			continue;
		given[last]++;
		applied[last] += a->evidence_used[i] != 0;
	}
}

static void emit_inputs(struct xmlout *o, const struct assessment *a, const struct run_info *run)
{
	size_t *given = xcalloc(run->ninputs + 1, sizeof(size_t));
	size_t *applied = xcalloc(run->ninputs + 1, sizeof(size_t));
	count_applied(a, run, given, applied);
	xmlout_start(o, "inputs");
	for (size_t i = 0; i < run->ninputs; i++) {
		const struct input_file *f = &run->inputs[i];
		xmlout_start(o, "input");
		xmlout_attr(o, "role", f->role);
		xmlout_attr(o, "path", f->path);
		xmlout_attr(o, "format", f->format);
		xmlout_attr_count(o, "records", f->records);
		xmlout_attrf(o, "size", "%llu", f->size);
		xmlout_attr(o, "sha256", f->sha256);
		if (!strcmp(f->role, "evidence")) {
			xmlout_attr_count(o, "evidence", given[i]);
			xmlout_attr_count(o, "applied", applied[i]);
			if (f->stats)
				xmlout_attr_count(o, "records-applied", f->stats->applied);
		}
		if (f->stats && strcmp(f->format, "srmap-json") != 0)
			emit_import_counts(o, f->stats);
		if (f->stats)
			emit_replaced(o, &f->stats->fixes);
		xmlout_end(o);
	}
	xmlout_end(o);
	free(given);
	free(applied);
}

static void drift_finding(struct xmlout *o, const char *name, const struct snap_finding *f)
{
	xmlout_start(o, name);
	if (f->workload[0])
		xmlout_attr(o, "workload", f->workload);
	if (f->tenant[0])
		xmlout_attr(o, "tenant", f->tenant);
	if (f->control[0])
		xmlout_attr(o, "control", f->control);
	xmlout_attr(o, "severity", f->severity);
	xmlout_attr(o, "status", f->status);
	xmlout_end(o);
}

static void emit_drift(struct xmlout *o, const struct run_info *run)
{
	const struct drift *dr = run->drift;
	if (!dr)
		return;
	xmlout_start(o, "drift");
	xmlout_attr(o, "baseline", run->baseline);
	xmlout_attr(o, "baseline-generated", dr->old->generated);
	xmlout_attr_count(o, "new", dr->nadded);
	xmlout_attr_count(o, "resolved", dr->nresolved);
	xmlout_attr_count(o, "changed", dr->nchanged);
	for (int i = 0; i < SNAP_SCORES; i++) {
		if (dr->old->score[i] < 0 && dr->now->score[i] < 0)
			continue;
		xmlout_start(o, "score-change");
		xmlout_attr(o, "score", snapshot_score_name(i));
		xmlout_attr_score(o, "old", dr->old->score[i]);
		xmlout_attr_score(o, "new", dr->now->score[i]);
		xmlout_end(o);
	}
	for (size_t i = 0; i < dr->nwl_added; i++) {
		xmlout_start(o, "workload-added");
		xmlout_attr(o, "id", dr->wl_added[i]->id);
		xmlout_attr(o, "name", dr->wl_added[i]->name);
		xmlout_end(o);
	}
	for (size_t i = 0; i < dr->nwl_removed; i++) {
		xmlout_start(o, "workload-removed");
		xmlout_attr(o, "id", dr->wl_removed[i]->id);
		xmlout_attr(o, "name", dr->wl_removed[i]->name);
		xmlout_end(o);
	}
	for (size_t i = 0; i < dr->nadded; i++)
		drift_finding(o, "new-finding", dr->added[i]);
	for (size_t i = 0; i < dr->nresolved; i++)
		drift_finding(o, "resolved-finding", dr->resolved[i]);
	for (size_t i = 0; i < dr->nchanged; i++) {
		const struct finding_change *c = &dr->changed[i];
		xmlout_start(o, "changed-finding");
		if (c->now->workload[0])
			xmlout_attr(o, "workload", c->now->workload);
		if (c->now->tenant[0])
			xmlout_attr(o, "tenant", c->now->tenant);
		if (c->now->control[0])
			xmlout_attr(o, "control", c->now->control);
		xmlout_attr(o, "old-severity", c->old->severity);
		xmlout_attr(o, "severity", c->now->severity);
		xmlout_attr(o, "old-status", c->old->status);
		xmlout_attr(o, "status", c->now->status);
		xmlout_end(o);
	}
	xmlout_end(o);
}

static void emit_diagnostics(struct xmlout *o, const struct diag_list *d)
{
	for (size_t i = 0; d && i < d->n; i++) {
		const struct diag *g = &d->items[i];
		if (g->level != DIAG_WARNING)
			continue;
		xmlout_start(o, "diagnostic");
		xmlout_attr(o, "level", "warning");
		xmlout_attr(o, "file", g->file);
		if (g->line > 0) {
			xmlout_attrf(o, "line", "%d", g->line);
			xmlout_attrf(o, "column", "%d", g->col);
		}
		char *copy;
		if (xmlTextWriterWriteString(o->w, X(xmlout_clean(g->msg, &copy))) < 0)
			o->failed = 1;
		free(copy);
		xmlout_end(o);
	}
}

static int emit_document(const struct assessment *a, const struct run_info *run, int fd);

int emit_assessment_xml(const struct assessment *a, const struct run_info *run, int fd)
{
	xmlout_quiet(1);
	int rc = emit_document(a, run, fd);
	xmlout_quiet(0);
	return rc;
}

enum {
	PART_COMMAND_LINE = 1u << 0, PART_PROFILE = 1u << 1, PART_INPUTS = 1u << 2,
	PART_SUMMARY = 1u << 3, PART_MATRIX = 1u << 4, PART_CONTROL = 1u << 5,
	PART_WORKLOAD = 1u << 6, PART_ORGANISATION = 1u << 7, PART_EVIDENCE = 1u << 8,
	PART_FINDING = 1u << 9, PART_FRAMEWORK = 1u << 10, PART_DRIFT = 1u << 11,
	PART_DIAGNOSTICS = 1u << 12,
};

static const char *const part_names[] = {
	"command-line", "profile", "inputs", "summary", "matrix", "control", "workload",
	"organisation", "evidence", "finding", "framework", "drift", "diagnostics", NULL
};

unsigned emit_part(const char *name)
{
	for (unsigned i = 0; part_names[i]; i++)
		if (strcmp(part_names[i], name) == 0)
			return 1u << i;
	return 0;
}

/* The document into the writer o, with the parts in mask. */
static void emit_parts(struct xmlout *o, const struct assessment *a, const struct run_info *run,
		       unsigned mask)
{
	if (xmlTextWriterStartDocument(o->w, NULL, "UTF-8", NULL) < 0)
		o->failed = 1;
	if (run->shard && xmlTextWriterWritePI(o->w, X("srmap-part"), X(run->part_header)) < 0)
		o->failed = 1;
	xmlout_start(o, "assessment");
	xmlout_attr(o, "schema-version", "2");
	xmlout_attr(o, "tool-version", SRMAP_VERSION);
	xmlout_attr(o, "catalog-version", a->cat->version);
	xmlout_attr(o, "catalog-sha256", run->catalog_sha256);
	xmlout_attr_time(o, "as-of", a->profile->as_of);
	xmlout_attr_time(o, "generated", run->generated);
	if (run->command_line && (mask & PART_COMMAND_LINE))
		xmlout_text_element(o, "command-line", run->command_line);
	if (mask & PART_PROFILE)
		emit_profile(o, a);
	if (mask & PART_INPUTS)
		emit_inputs(o, a, run);
	if (mask & PART_SUMMARY)
		emit_summary(o, a);
	if (mask & PART_MATRIX)
		emit_matrix(o, a->cat);
	if (mask & PART_CONTROL)
		emit_controls(o, a);
	if (mask & PART_WORKLOAD)
		emit_workloads(o, a);
	if (mask & PART_ORGANISATION)
		emit_organisations(o, a);
	if (mask & PART_EVIDENCE)
		emit_evidence(o, a);
	if (mask & PART_FINDING)
		emit_findings(o, a);
	if (mask & PART_FRAMEWORK)
		emit_frameworks(o, a);
	if (mask & PART_DRIFT)
		emit_drift(o, run);
	if (mask & PART_DIAGNOSTICS)
		emit_diagnostics(o, run->diags);
	xmlout_end(o);
	if (xmlTextWriterEndDocument(o->w) < 0)
		o->failed = 1;
	if (xmlTextWriterFlush(o->w) < 0)
		o->failed = 1;
}

static int emit_document(const struct assessment *a, const struct run_info *run, int fd)
{
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFd(fd, NULL);
	if (!buf)
		return -1;
	/* The writer owns buf from here and frees it with itself. */
	struct xmlout o = { xmlNewTextWriter(buf), 0, run->shard, 0 };
	if (!o.w) {
		xmlOutputBufferClose(buf);
		return -1;
	}
	xmlTextWriterSetIndent(o.w, 1);
	xmlTextWriterSetIndentString(o.w, X("  "));
	emit_parts(&o, a, run, EMIT_ALL_PARTS);
	xmlFreeTextWriter(o.w);
	return o.failed ? -1 : 0;
}

int emit_assessment_parts(const struct assessment *a, const struct run_info *run,
			  unsigned mask, xmlDocPtr *doc)
{
	*doc = NULL;
	/*
	 * The writer feeds libxml2's push parser as it goes, so the document is
	 * never held as text (the findings of a large estate are more than the
	 * 2 GB a memory buffer may hold).  Unindented: no blank text nodes.
	 */
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
	if (!ctxt)
		return -1;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS |
			  XML_PARSE_COMPACT | XML_PARSE_HUGE);
	struct xmlout o = { xmlNewTextWriterPushParser(ctxt, 0), 0, NULL, 0 };
	if (!o.w) {
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	xmlout_quiet(1);
	emit_parts(&o, a, run, mask);
	if (!o.failed && xmlParseChunk(ctxt, NULL, 0, 1) != 0)
		o.failed = 1;
	if (!o.failed && ctxt->wellFormed && ctxt->myDoc) {
		*doc = ctxt->myDoc;     /* taken before the writer, which frees its parser's document */
		ctxt->myDoc = NULL;
	}
	xmlFreeTextWriter(o.w);     /* and the parser */
	xmlout_quiet(0);
	return *doc ? 0 : -1;
}
