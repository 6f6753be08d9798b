/*
 * sign.h - signed deliverables: a manifest of every output file with its
 * SHA-256 ("manifest.sha256", in the format sha256sum prints) and a detached
 * CMS (PKCS#7) signature of that manifest ("manifest.sha256.p7s", PEM), made
 * with OpenSSL's libcrypto.  docs/signing.md says what is signed and how a
 * client checks it with openssl alone; verify.c checks it again.
 */
#ifndef SRMAP_SIGN_H
#define SRMAP_SIGN_H

#include <stddef.h>
#include "srmap/base/diag.h"
#include "srmap/write/format.h"
#include "srmap/write/outdir.h"


/* A private key with its certificate (and any chain certificates), checked and ready to sign. */
struct signer;

/*
 * Loads the key and certificate of spec, "KEY[,CERT]" (without CERT the
 * certificate, and any chain after it, is read from the KEY file; keys and
 * certificates may be PEM or DER).  pass_spec, or NULL, says where the
 * key's password is: "env:VAR" or "file:PATH" (its first line) or "fd:N".
 * Checks that the key decrypts, that it matches the certificate, and that
 * the certificate is valid at the time now (seconds since the epoch) and
 * allows signing.  On success sets *out (free with signer_free) and returns
 * SRMAP_EXIT_OK; otherwise reports one error naming the file to d and
 * returns SRMAP_EXIT_SIGN.  Neither the key nor its password is ever printed.
 */
int signer_load(struct signer **out, const char *spec, const char *pass_spec, long long now,
		struct diag_list *d);

/* Frees a signer (NULL is ignored); the key's memory is cleared by libcrypto. */
void signer_free(struct signer *s);

/*
 * Returns 0 when pass_spec has one of the forms signer_load takes, else -1
 * (for the command line, which rejects it as a usage error).
 */
int sign_pass_spec_ok(const char *pass_spec);

/* One file of the set: its name in the output folder and where its bytes are now. */
struct sign_entry {
	const char *name;   /* borrowed */
	const char *path;   /* borrowed: the file to hash (the temporary, before the commit) */
};

/*
 * Hashes each of the n files, writes the manifest (one "SHA256  NAME" line
 * per file, in the order given) and its signature, signed at the time when,
 * into two temporary files of dir: out[0] becomes SIGN_MANIFEST and out[1]
 * SIGN_SIGNATURE.  Both are flushed to disk but not committed: the caller
 * commits them (outfile_commit) or aborts them with the rest of the set.
 * Returns SRMAP_EXIT_OK, SRMAP_EXIT_OUTPUT when a file cannot be written, or
 * SRMAP_EXIT_INTERNAL when libcrypto fails; on failure out[] is aborted.
 */
int sign_write_set(const struct signer *s, const char *dir, const struct sign_entry *files,
		   size_t n, long long when, struct outfile out[2], struct diag_list *d);

#endif
