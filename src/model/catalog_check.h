/*
 * catalog_check.h - the checks a catalog passes once every file is merged
 * (internal to the model stage; catalog_load runs them).
 */
#ifndef SRMAP_CATALOG_CHECK_H
#define SRMAP_CATALOG_CHECK_H

#include "srmap/base/diag.h"
#include "srmap/model/catalog.h"

/*
 * Checks the merged catalog cat: every layer has an owner under every
 * service model, identity and data are the customer's, the customer owns
 * some layer under every model, every citation and FedRAMP baseline entry is
 * in its requirement list, and every mapping, SaaS service and resource kind
 * rule names a control or type the catalog defines.  Problems without a
 * position of their own are reported against where (the last file read).
 * Returns 0, or -1 after reporting errors to d.
 */
int catalog_check(const struct catalog *cat, const char *where, struct diag_list *d);

#endif
