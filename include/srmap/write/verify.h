/*
 * verify.h - re-checks, months later, that the files a report was made from
 * are still the files it names: every input (inventory, evidence, profile,
 * catalog) and every evidence artifact is hashed again and compared with the
 * SHA-256 recorded in the canonical assessment XML.
 */
#ifndef SRMAP_VERIFY_H
#define SRMAP_VERIFY_H

#include <stdio.h>
#include "srmap/base/diag.h"

/*
 * Verifies the report at report_path.  Paths in the report are relative to
 * base_dir (NULL: the working folder); shipped catalog files ("catalog/...")
 * are looked up in datadir.  Prints one line per file to out ("ok",
 * "changed" or "missing").  Returns SRMAP_EXIT_OK when everything matches,
 * SRMAP_EXIT_FINDINGS when a file changed or is missing, SRMAP_EXIT_INPUT
 * when the report cannot be read.
 */
int verify_report(const char *report_path, const char *base_dir, const char *datadir,
		  FILE *out, struct diag_list *d);

#endif
