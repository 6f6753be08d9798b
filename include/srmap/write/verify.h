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
 * "changed" or "missing").  When the report's folder holds a signed set
 * (sign.h), or report_path is itself an output folder, the signature of its
 * manifest is checked (its signer against the certificates of the PEM file
 * ca, at the signing time; NULL: the signer is not verified) and every file
 * against the manifest ("added" for a file the manifest does not name).
 * Returns SRMAP_EXIT_OK when everything matches and the signer is trusted,
 * SRMAP_EXIT_INPUT when the report, the manifest or ca cannot be read,
 * SRMAP_EXIT_SIGN when the signature does not verify or the signer is not
 * trusted, SRMAP_EXIT_FINDINGS when a file changed, is missing or was added,
 * and SRMAP_EXIT_SIGN when all matches but no ca was given.
 */
int verify_report(const char *report_path, const char *base_dir, const char *datadir,
		  const char *ca, FILE *out, struct diag_list *d);

#endif
