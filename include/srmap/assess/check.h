/*
 * check.h - the checks of an assessment: a control's status on one
 * workload, or on one organisation (a tenant) for controls of organisation
 * scope, with the groups that hold them.
 */
#ifndef SRMAP_CHECK_H
#define SRMAP_CHECK_H

#include <stddef.h>
#include "srmap/model.h"
#include "srmap/read.h"

struct check {
	const struct control *control;
	enum owner owner;
	enum status status;
	const struct evidence *evidence;   /* the deciding record, or NULL */
};

struct workload_result {
	const struct workload *w;
	const struct restype *type;        /* NULL when the type is unknown */
	enum service_model model;
	enum owner *layer_owner;           /* one per catalog layer */
	struct check *checks;
	size_t nchecks;
};

/*
 * The organisation-wide checks of one tenant: one check per control of
 * organisation scope that applies to at least one of its workloads.
 */
struct organisation_result {
	const char *tenant;                /* borrowed; NULL for workloads naming no tenant */
	size_t nworkloads;                 /* workloads of the tenant */
	struct check *checks;
	size_t nchecks;
	size_t *applies;                   /* per check: workloads the control applies to */
	size_t *records;                   /* per check: records consulted (newest per scope) */
};

#endif
