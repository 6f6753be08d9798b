/*
 * import_workload.h - records of other tools' exports turned into
 * workloads: the catalog's spelling of the type, the resource kind rules,
 * and a workload read twice merged into one by id.
 */
#ifndef SRMAP_IMPORT_WORKLOAD_H
#define SRMAP_IMPORT_WORKLOAD_H

struct import_ctx;
struct workload;

/*
 * Adds workload w (taking what it owns): gives its type the catalog's
 * spelling, applies the resource kind rules, and merges it into a workload
 * with the same id read before (counted, and reported once per file).
 */
void import_workload(struct import_ctx *cx, struct workload *w);

#endif
