/*
 * emit_parts.h - the sections of the canonical assessment XML, one function
 * each, in document order (internal to the write stage; emit.c writes the
 * document around them).  docs/assessment-xml.md describes what each writes.
 */
#ifndef SRMAP_EMIT_PARTS_H
#define SRMAP_EMIT_PARTS_H

#include "xmlout.h"
#include "srmap/assess.h"

/* The summary: counts, tallies per subscription, tenant and collector, scores (emit_summary.c). */
void emit_summary(struct xmlout *o, const struct assessment *a);

/* The body (emit_results.c): */
void emit_matrix(struct xmlout *o, const struct catalog *cat);        /* the responsibility matrix */
void emit_controls(struct xmlout *o, const struct assessment *a);     /* the controls in scope */
void emit_workloads(struct xmlout *o, const struct assessment *a);    /* workloads and their checks */
void emit_organisations(struct xmlout *o, const struct assessment *a); /* organisation checks */
void emit_evidence(struct xmlout *o, const struct assessment *a);     /* the evidence register */
void emit_findings(struct xmlout *o, const struct assessment *a);     /* the findings */
void emit_frameworks(struct xmlout *o, const struct assessment *a);   /* the roll-up per requirement */

#endif
