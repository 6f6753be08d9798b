/*
 * sign.c - signs a report set: loads and checks the signing key and its
 * certificate, writes the manifest of the outputs and its detached CMS
 * signature (docs/signing.md).  All cryptography is libcrypto's.
 */
#include "srmap/write/sign.h"
#include "srmap/base/writeall.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"
#include "srmap/base/srmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/pem.h>     /* before cms.h, which declares its PEM calls through pem.h */
#include <openssl/cms.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

struct signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;   /* the certificates after the signer's, carried in the signature */
};

/* The reason of libcrypto's last error, for a message; clears the error queue. */
static const char *crypto_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;
	ERR_clear_error();
	return r ? r : "unknown error";
}

/* ---- the key's password ------------------------------------------------------------------ */

#define PASS_MAX 1024

int sign_pass_spec_ok(const char *spec)
{
	if (!strncmp(spec, "env:", 4) || !strncmp(spec, "file:", 5))
		return strchr(spec, ':')[1] ? 0 : -1;
	if (!strncmp(spec, "fd:", 3)) {
		char *end;
		errno = 0;
		long fd = strtol(spec + 3, &end, 10);
		return spec[3] && !*end && errno == 0 && fd >= 0 && fd <= 65535 ? 0 : -1;
	}
	return -1;
}

/* Reads the first line of fd (without its line end) into buf; returns 0, or -1 with errno. */
static int read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	while (n + 1 < size) {
		ssize_t r = read(fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0 || buf[n] == '\n')
			break;
		n++;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return 0;
}

/* Fetches the password pass_spec names into buf; returns 0, or -1 after reporting to d. */
static int get_password(const char *spec, char *buf, size_t size, struct diag_list *d)
{
	if (sign_pass_spec_ok(spec) < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "--sign-pass takes env:VAR, file:PATH or fd:N");
		return -1;
	}
	if (!strncmp(spec, "env:", 4)) {
		const char *v = getenv(spec + 4);
		if (!v) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "--sign-pass: the environment variable %s "
				 "is not set", spec + 4);
			return -1;
		}
		if (strlen(v) >= size) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "--sign-pass: the password in %s is longer "
				 "than %zu bytes", spec + 4, size - 1);
			return -1;
		}
		memcpy(buf, v, strlen(v) + 1);
		return 0;
	}
	int is_file = !strncmp(spec, "file:", 5);
	int fd = is_file ? open(spec + 5, O_RDONLY | O_CLOEXEC) : (int)strtol(spec + 3, NULL, 10);
	int rc = fd < 0 ? -1 : read_line(fd, buf, size);
	int err = errno;
	if (is_file && fd >= 0)
		close(fd);
	if (rc < 0)
		diag_add(d, DIAG_ERROR, is_file ? spec + 5 : NULL, 0, 0, "--sign-pass: cannot read the "
			 "password%s%s: %s", is_file ? "" : " from descriptor ", is_file ? "" : spec + 3,
			 strerror(err));
	return rc;
}

struct pass_state {
	const char *pass;   /* NULL: none was given */
	int asked;          /* the key turned out to be encrypted */
};

static int pass_cb(char *buf, int size, int rwflag, void *u)
{
	(void)rwflag;
	struct pass_state *ps = u;
	ps->asked = 1;
	if (!ps->pass)
		return -1;
	size_t n = strlen(ps->pass);
	if (n > (size_t)size)
		return -1;
	memcpy(buf, ps->pass, n);
	return (int)n;
}

/* ---- the key and the certificate --------------------------------------------------------- */

static BIO *open_file(const char *path, const char *what, struct diag_list *d)
{
	struct stat st;
	errno = 0;
	BIO *b = stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? NULL : BIO_new_file(path, "rb");
	if (!b) {
		if (errno == 0)
			errno = EISDIR;
		ERR_clear_error();
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read the signing %s: %s", what,
			 strerror(errno ? errno : EIO));
	}
	return b;
}

static EVP_PKEY *load_key(const char *path, const char *pass_spec, struct diag_list *d)
{
	char pass[PASS_MAX];
	struct pass_state ps = { NULL, 0 };
	if (pass_spec) {
		if (get_password(pass_spec, pass, sizeof pass, d) < 0)
			return NULL;
		ps.pass = pass;
	}
	EVP_PKEY *key = NULL;
	BIO *b = open_file(path, "key", d);
	OSSL_DECODER_CTX *dc = b ? OSSL_DECODER_CTX_new_for_pkey(&key, NULL, NULL, NULL,
								    OSSL_KEYMGMT_SELECT_PRIVATE_KEY,
								    NULL, NULL) : NULL;
	if (dc && OSSL_DECODER_CTX_set_pem_password_cb(dc, pass_cb, &ps) == 1 &&
	    OSSL_DECODER_from_bio(dc, b) == 1 && key) {
		ERR_clear_error();
	} else if (b) {
		ERR_clear_error();
		EVP_PKEY_free(key);
		key = NULL;
		if (ps.asked && !ps.pass)
			diag_add(d, DIAG_ERROR, path, 0, 0, "the signing key is encrypted: give its "
				 "password with --sign-pass env:VAR, file:PATH or fd:N");
		else if (ps.asked)
			diag_add(d, DIAG_ERROR, path, 0, 0, "cannot decrypt the signing key: wrong "
				 "password (--sign-pass)");
		else
			diag_add(d, DIAG_ERROR, path, 0, 0, "not a private key (PEM or DER)");
	}
	OSSL_DECODER_CTX_free(dc);
	BIO_free(b);
	OPENSSL_cleanse(pass, sizeof pass);
	return key;
}

/* Reads every certificate of path, PEM (one or more) or DER (one), into a new stack. */
static STACK_OF(X509) *load_certs(const char *path, struct diag_list *d)
{
	BIO *b = open_file(path, "certificate", d);
	if (!b)
		return NULL;
	STACK_OF(X509) *certs = sk_X509_new_null();
	X509 *c;
	while ((c = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL)
		sk_X509_push(certs, c);
	if (sk_X509_num(certs) == 0 && BIO_reset(b) == 0 && (c = d2i_X509_bio(b, NULL)) != NULL)
		sk_X509_push(certs, c);
	ERR_clear_error();
	BIO_free(b);
	if (sk_X509_num(certs) == 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "holds no certificate (PEM or DER)");
		sk_X509_free(certs);
		return NULL;
	}
	return certs;
}

static char *asn1_time_text(const ASN1_TIME *t)
{
	BIO *m = BIO_new(BIO_s_mem());
	ASN1_TIME_print(m, t);
	char *p;
	long n = BIO_get_mem_data(m, &p);
	char *s = xstrndup(p, n > 0 ? (size_t)n : 0);
	BIO_free(m);
	return s;
}

/* The certificate is usable for a signature made at now; else reports and returns -1. */
static int check_cert(X509 *cert, const char *path, long long now, struct diag_list *d)
{
	time_t t = (time_t)now;
	const ASN1_TIME *nb = X509_get0_notBefore(cert), *na = X509_get0_notAfter(cert);
	int problem = 0;
	char *when = NULL;
	if (X509_cmp_time(na, &t) < 0) {
		when = asn1_time_text(na);
		diag_add(d, DIAG_ERROR, path, 0, 0, "the signing certificate expired on %s (notAfter; "
			 "the run's time is checked)", when);
		problem = 1;
	} else if (X509_cmp_time(nb, &t) > 0) {
		when = asn1_time_text(nb);
		diag_add(d, DIAG_ERROR, path, 0, 0, "the signing certificate is not valid before %s "
			 "(notBefore; the run's time is checked)", when);
		problem = 1;
	} else if ((X509_get_extension_flags(cert) & EXFLAG_KUSAGE) &&
		   !(X509_get_key_usage(cert) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "the signing certificate's key usage allows "
			 "neither digitalSignature nor nonRepudiation");
		problem = 1;
	}
	free(when);
	ERR_clear_error();
	return problem ? -1 : 0;
}

void signer_free(struct signer *s)
{
	if (!s)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	free(s);
}

int signer_load(struct signer **out, const char *spec, const char *pass_spec, long long now,
		struct diag_list *d)
{
	*out = NULL;
	const char *comma = strchr(spec, ',');
	char *key_path = comma ? xstrndup(spec, (size_t)(comma - spec)) : xstrdup(spec);
	const char *cert_path = comma ? comma + 1 : key_path;
	struct signer *s = xcalloc(1, sizeof(*s));
	int ok = 0;
	if ((s->key = load_key(key_path, pass_spec, d)) != NULL &&
	    (s->chain = load_certs(cert_path, d)) != NULL) {
		s->cert = sk_X509_shift(s->chain);
		if (X509_check_private_key(s->cert, s->key) != 1)
			diag_add(d, DIAG_ERROR, cert_path, 0, 0, "the certificate does not match the "
				 "signing key %s", key_path);
		else
			ok = check_cert(s->cert, cert_path, now, d) == 0;
		ERR_clear_error();
	}
	free(key_path);
	if (!ok) {
		signer_free(s);
		return SRMAP_EXIT_SIGN;
	}
	*out = s;
	return SRMAP_EXIT_OK;
}

/* ---- the manifest and its signature ------------------------------------------------------ */

/* The manifest's text: "SHA256  NAME\n" per file.  Returns NULL after reporting to d. */
static char *manifest_text(const struct sign_entry *files, size_t n, struct diag_list *d)
{
	size_t cap = n * (DIGEST_HEX_LEN + 64) + 1, len = 0;
	char *text = xmalloc(cap);
	text[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char hex[DIGEST_HEX_LEN];
		unsigned long long size;
		if (digest_sha256_file(files[i].path, hex, &size) < 0) {
			diag_add(d, DIAG_ERROR, files[i].name, 0, 0, "cannot read back to sign: %s",
				 strerror(errno));
			free(text);
			return NULL;
		}
		char *line = xasprintf("%s  %s\n", hex, files[i].name);
		size_t l = strlen(line);
		GROW(text, cap, len + l + 1);
		memcpy(text + len, line, l + 1);
		len += l;
		free(line);
	}
	return text;
}

/*
 * The detached signature of data, PEM.  Its signingTime attribute is the
 * run's time rather than the clock, so that with SOURCE_DATE_EPOCH an RSA
 * signature is the same bytes every time.
 */
static BIO *cms_signature(const struct signer *s, const char *data, size_t len, long long when)
{
	const int flags = CMS_DETACHED | CMS_BINARY;
	BIO *in = BIO_new_mem_buf(data, (int)len), *pem = NULL;
	CMS_ContentInfo *cms = CMS_sign(s->cert, s->key, s->chain, NULL, flags | CMS_PARTIAL);
	CMS_SignerInfo *si = cms ? sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0) : NULL;
	ASN1_TIME *t = ASN1_TIME_set(NULL, (time_t)when);
	if (si && t && CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1) == 1 &&
	    CMS_final(cms, in, NULL, flags) == 1) {
		pem = BIO_new(BIO_s_mem());
		if (PEM_write_bio_CMS(pem, cms) != 1) {
			BIO_free(pem);
			pem = NULL;
		}
	}
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return pem;
}

int sign_write_set(const struct signer *s, const char *dir, const struct sign_entry *files,
		   size_t n, long long when, struct outfile out[2], struct diag_list *d)
{
	out[0] = out[1] = (struct outfile){ NULL, NULL, -1, NULL };
	char *text = manifest_text(files, n, d);
	if (!text)
		return SRMAP_EXIT_OUTPUT;
	int rc = SRMAP_EXIT_OK;
	BIO *sig = cms_signature(s, text, strlen(text), when);
	char *p = NULL;
	long plen = sig ? BIO_get_mem_data(sig, &p) : 0;
	if (!sig || plen <= 0) {
		diag_add(d, DIAG_ERROR, SIGN_SIGNATURE, 0, 0, "cannot sign the manifest: %s",
			 crypto_reason());
		rc = SRMAP_EXIT_INTERNAL;
	} else if (outfile_open(&out[0], dir, SIGN_MANIFEST, d) < 0 ||
		   outfile_open(&out[1], dir, SIGN_SIGNATURE, d) < 0) {
		rc = SRMAP_EXIT_OUTPUT;
	} else {
		for (int i = 0; i < 2 && rc == SRMAP_EXIT_OK; i++) {
			const char *bytes = i == 0 ? text : p;
			size_t len = i == 0 ? strlen(text) : (size_t)plen;
			if (write_all(out[i].fd, bytes, len) < 0 || fsync(out[i].fd) < 0) {
				diag_add(d, DIAG_ERROR, out[i].shown, 0, 0, "cannot write: %s",
					 strerror(errno));
				rc = SRMAP_EXIT_OUTPUT;
			}
		}
	}
	if (rc != SRMAP_EXIT_OK) {
		outfile_abort(&out[0]);
		outfile_abort(&out[1]);
	}
	BIO_free(sig);
	free(text);
	return rc;
}
