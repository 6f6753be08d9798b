/*
 * artifact.h - evidence artifacts: the files (screenshots, exported
 * configurations, attestation letters) that evidence records point to.
 *
 * Each artifact path is resolved inside an evidence root (the evidence
 * file's folder unless --evidence-root says otherwise); a path that escapes
 * the root - "..", an absolute path, a symbolic link pointing outside - is
 * refused.  The file is hashed with SHA-256 and compared with the hash the
 * record states.  A record whose artifact is missing or does not match is
 * kept in the report but does not count as evidence.
 */
#ifndef SRMAP_ARTIFACT_H
#define SRMAP_ARTIFACT_H

#include "srmap/base/diag.h"
#include "srmap/read.h"

enum artifact_state {
	ARTIFACT_NONE,        /* the record names no artifact */
	ARTIFACT_VERIFIED,    /* found, and its SHA-256 equals the stated one */
	ARTIFACT_UNVERIFIED,  /* found and hashed, but the record states no hash */
	ARTIFACT_MISSING,     /* the file does not exist or cannot be read */
	ARTIFACT_MISMATCH     /* found, but its SHA-256 differs from the stated one */
};

/* Name of a state as written in the XML: "verified", "missing", ... */
const char *artifact_state_name(enum artifact_state s);

/*
 * Resolves, hashes and checks the artifact of every record in ev.  root is
 * the evidence root, or NULL for each evidence file's own folder.  Sets
 * each record's artifact fields.  Returns 0, or -1 when a path escapes its
 * root (an input error, reported with the record's position).
 */
int artifact_check_all(struct evidence_set *ev, const char *root, struct diag_list *d);

#endif
