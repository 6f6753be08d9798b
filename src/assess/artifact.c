/*
 * artifact.c - resolves evidence artifacts inside their root, hashes them,
 * and compares the hash with the one the record states.
 */
#include "srmap/assess/artifact.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[] = { "none", "verified", "unverified", "missing", "mismatch" };

const char *artifact_state_name(enum artifact_state s) { return state_names[s]; }

static int has_dotdot(const char *p)
{
	for (const char *s = p; (s = strstr(s, "..")); s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return 1;
	return 0;
}

static int inside(const char *real, const char *root)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return 1;
	return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* Checks one record; returns -1 when its path escapes the root. */
static int check_one(struct evidence *e, const char *root, struct diag_list *d)
{
	const char *base = root ? root : e->base_dir;
	if (e->artifact[0] == '/' || has_dotdot(e->artifact)) {
		diag_error_at(d, evidence_pos(e, e->artifact_pos),
			      "artifact \"%s\" of evidence \"%s\" must be a path inside the "
			      "evidence root \"%s\" (no absolute paths, no \"..\")", e->artifact, e->id, base);
		return -1;
	}
	e->artifact_path = strcmp(base, ".") ? xasprintf("%s/%s", base, e->artifact)
					     : xstrdup(e->artifact);
	char real_root[PATH_MAX], real[PATH_MAX];
	if (!realpath(base, real_root)) {
		diag_error_at(d, e->pos, "evidence root \"%s\": %s", base, strerror(errno));
		return -1;
	}
	if (!realpath(e->artifact_path, real)) {
		e->artifact_state = ARTIFACT_MISSING;
		return 0;
	}
	/* A symbolic link inside the root may still point outside it. */
	if (!inside(real, real_root)) {
		diag_error_at(d, evidence_pos(e, e->artifact_pos),
			      "artifact \"%s\" of evidence \"%s\" resolves outside the "
			      "evidence root \"%s\" (symbolic link?)", e->artifact, e->id, base);
		return -1;
	}
	if (digest_sha256_file(e->artifact_path, e->artifact_sha256, &e->artifact_size) < 0) {
		e->artifact_state = ARTIFACT_MISSING;
		e->artifact_sha256[0] = '\0';
		return 0;
	}
	if (!e->sha256)
		e->artifact_state = ARTIFACT_UNVERIFIED;
	else if (strcmp(e->sha256, e->artifact_sha256) == 0)
		e->artifact_state = ARTIFACT_VERIFIED;
	else
		e->artifact_state = ARTIFACT_MISMATCH;
	return 0;
}

int artifact_check_all(struct evidence_set *ev, const char *root, struct diag_list *d)
{
	int rc = 0;
	for (size_t i = 0; i < ev->n; i++) {
		struct evidence *e = &ev->items[i];
		if (!e->artifact)
			continue;
		if (check_one(e, root, d) < 0) {
			rc = -1;
			continue;
		}
		struct srcpos at = evidence_pos(e, e->artifact_pos);
		if (e->artifact_state == ARTIFACT_MISSING)
			diag_warn_at(d, at, "artifact \"%s\" of evidence \"%s\" is missing: the record "
				     "does not count as evidence", e->artifact, e->id);
		else if (e->artifact_state == ARTIFACT_MISMATCH)
			diag_warn_at(d, at, "artifact \"%s\" of evidence \"%s\" does not match its "
				     "recorded hash: the record does not count as evidence",
				     e->artifact, e->id);
	}
	return rc;
}
