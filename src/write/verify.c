/*
 * verify.c - re-hashes the inputs and artifacts a report names, and checks a
 * signed report set: the CMS signature of its manifest, the signer against
 * --ca, and every output file against the manifest (docs/signing.md).
 */
#include "srmap/write/verify.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"
#include "srmap/base/isotime.h"
#include "srmap/base/srmap.h"
#include "srmap/base/strmap.h"
#include "srmap/write/sign.h"
#include "srmap/write/template.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

struct tally {
	size_t ok, changed, missing, added;
};

/* Hashes path again and prints one line; recorder names what holds the expected hash. */
static void check_file_in(const char *what, const char *shown, const char *path,
			  const char *expected, const char *recorder, FILE *out, struct tally *t)
{
	char hex[DIGEST_HEX_LEN];
	unsigned long long size;
	if (digest_sha256_file(path, hex, &size) < 0) {
		fprintf(out, "missing  %-9s %s (%s)\n", what, shown, strerror(errno));
		t->missing++;
	} else if (strcmp(hex, expected) != 0) {
		fprintf(out, "changed  %-9s %s (sha256 now %s, %s records %s)\n", what, shown,
			hex, recorder, expected);
		t->changed++;
	} else {
		fprintf(out, "ok       %-9s %s\n", what, shown);
		t->ok++;
	}
}

static char *resolve(const char *path, const char *role, const char *base_dir,
		     const char *datadir)
{
	if (path[0] == '/')
		return xstrdup(path);
	/* Shipped catalog files and templates are recorded relative to the data folder. */
	if (role && datadir && ((!strcmp(role, "catalog") && !strncmp(path, "catalog/", 8)) ||
				(!strcmp(role, "template") && !strncmp(path, "templates/", 10))))
		return xasprintf("%s/%s", datadir, path);
	if (base_dir)
		return xasprintf("%s/%s", base_dir, path);
	return xstrdup(path);
}

static void check_file(const char *what, const char *shown, const char *path,
		       const char *expected, FILE *out, struct tally *t)
{
	check_file_in(what, shown, path, expected, "report", out, t);
}

static char *get(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* ---- the signed report set ---------------------------------------------------------------- */

enum sig_state { SIG_OK, SIG_UNVERIFIED, SIG_BAD, SIG_UNREADABLE };

/* Reads a whole file into a memory BIO; NULL (errno set) when it cannot be read. */
static BIO *slurp(const char *path)
{
	BIO *f = BIO_new_file(path, "rb");
	if (!f) {
		ERR_clear_error();
		return NULL;
	}
	BIO *m = BIO_new(BIO_s_mem());
	char buf[8192];
	int n;
	while ((n = BIO_read(f, buf, sizeof buf)) > 0)
		BIO_write(m, buf, n);
	BIO_free(f);
	return m;
}

static CMS_ContentInfo *read_cms(BIO *b)
{
	char *p;
	long n = BIO_get_mem_data(b, &p);
	BIO *in = BIO_new_mem_buf(p, (int)n);
	CMS_ContentInfo *cms = n > 10 && !strncmp(p, "-----BEGIN", 10) ?
			       PEM_read_bio_CMS(in, NULL, NULL, NULL) : d2i_CMS_bio(in, NULL);
	BIO_free(in);
	ERR_clear_error();
	return cms;
}

/*
 * Verifies the detached signature of data under flags; 1 when it holds.
 * The content is read through a buffering BIO, not given as a memory BIO:
 * CMS_verify copies a memory BIO into one of its own and, in OpenSSL 3.0,
 * leaks that copy when the signature names a digest it does not know (a
 * fuzzing finding, kept in tests/fuzz/corpus/manifest).
 */
static int cms_holds(CMS_ContentInfo *cms, const char *data, size_t len, unsigned flags)
{
	BIO *mem = BIO_new_mem_buf(data, (int)len);
	BIO *buffered = BIO_new(BIO_f_buffer());
	int ok = 0;
	if (mem && buffered) {
		BIO *content = BIO_push(buffered, mem);
		ok = CMS_verify(cms, NULL, NULL, content, NULL, flags | CMS_BINARY) == 1;
		BIO_free_all(content);
	} else {
		BIO_free(mem);
		BIO_free(buffered);
	}
	ERR_clear_error();
	return ok;
}

/* The signingTime of the first signer, or -1 when it has none. */
static long long signing_time(CMS_ContentInfo *cms)
{
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	int idx = si ? CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) : -1;
	ASN1_TYPE *v = idx >= 0 ? X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, idx), 0) : NULL;
	if (!v || (v->type != V_ASN1_UTCTIME && v->type != V_ASN1_GENERALIZEDTIME))
		return -1;
	ASN1_TIME *epoch = ASN1_TIME_set(NULL, 0);
	int days = 0, secs = 0;
	int ok = ASN1_TIME_diff(&days, &secs, epoch, (ASN1_TIME *)v->value.asn1_string);
	ASN1_TIME_free(epoch);
	return ok ? (long long)days * 86400 + secs : -1;
}

/* Checks the signer's chain to the trust anchors of ca at time t; NULL, or why not. */
static const char *chain_error(X509 *signer, CMS_ContentInfo *cms, X509_STORE *store, long long t)
{
	STACK_OF(X509) *certs = CMS_get1_certs(cms);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	const char *why = "cannot check the certificate chain";
	if (ctx && X509_STORE_CTX_init(ctx, store, signer, certs) == 1) {
		X509_VERIFY_PARAM *p = X509_STORE_CTX_get0_param(ctx);
		/* The signer may be pinned: --ca may hold the signer's own certificate. */
		X509_VERIFY_PARAM_set_flags(p, X509_V_FLAG_PARTIAL_CHAIN);
		X509_VERIFY_PARAM_set_time(p, (time_t)t);
		X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_ANY);
		why = X509_verify_cert(ctx) == 1 ? NULL :
		      X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
	}
	X509_STORE_CTX_free(ctx);
	sk_X509_pop_free(certs, X509_free);
	ERR_clear_error();
	return why;
}

static char *subject_text(X509 *c)
{
	BIO *m = BIO_new(BIO_s_mem());
	X509_NAME_print_ex(m, X509_get_subject_name(c), 0, XN_FLAG_RFC2253);
	char *p;
	long n = BIO_get_mem_data(m, &p);
	char *s = xstrndup(p, n > 0 ? (size_t)n : 0);
	BIO_free(m);
	return s;
}

/*
 * The signature of the manifest text: intact (made by the key of the
 * certificate it carries, over these bytes), and, with ca, by a signer
 * that chains to it at the signing time.  Prints one "signature" line.
 */
static enum sig_state check_signature(const char *path, const char *data, size_t len,
				      const char *ca, FILE *out, struct diag_list *d)
{
	BIO *raw = slurp(path);
	if (!raw) {
		fprintf(out, "missing  signature %s (%s)\n", SIGN_SIGNATURE, strerror(errno));
		diag_add(d, DIAG_ERROR, path, 0, 0, "the manifest has no signature: it proves nothing");
		return SIG_BAD;
	}
	CMS_ContentInfo *cms = read_cms(raw);
	BIO_free(raw);
	const char *bad = NULL;
	if (!cms)
		bad = "not a CMS signature (PEM or DER)";
	else if (!cms_holds(cms, data, len, CMS_NO_SIGNER_CERT_VERIFY | CMS_NO_CONTENT_VERIFY))
		bad = "the signature is damaged: it does not verify with its signer's certificate";
	else if (!cms_holds(cms, data, len, CMS_NO_SIGNER_CERT_VERIFY))
		bad = "the manifest was changed after it was signed";
	if (bad) {
		fprintf(out, "bad      signature %s (%s)\n", SIGN_SIGNATURE, bad);
		diag_add(d, DIAG_ERROR, path, 0, 0, "%s", bad);
		CMS_ContentInfo_free(cms);
		return SIG_BAD;
	}
	STACK_OF(X509) *signers = CMS_get0_signers(cms);
	X509 *signer = sk_X509_value(signers, 0);
	char *who = signer ? subject_text(signer) : xstrdup("?");
	long long t = signing_time(cms);
	char when[ISOTIME_LEN] = "no signing time";
	if (t >= 0)
		isotime_format(t, when);
	enum sig_state state = SIG_UNVERIFIED;
	if (ca) {
		X509_STORE *store = X509_STORE_new();
		if (!store || X509_STORE_load_file(store, ca) != 1) {
			ERR_clear_error();
			diag_add(d, DIAG_ERROR, ca, 0, 0, "--ca: cannot read trusted certificates (PEM)");
			state = SIG_UNREADABLE;
		} else {
			/* Checked at the signing time: a deliverable outlives its certificate. */
			const char *why = chain_error(signer, cms, store, t >= 0 ? t : (long long)time(NULL));
			if (why) {
				fprintf(out, "bad      signature %s (signed by %s on %s, not trusted "
					"through %s: %s)\n", SIGN_SIGNATURE, who, when, ca, why);
				diag_add(d, DIAG_ERROR, path, 0, 0, "the signer %s is not trusted through "
					 "%s: %s", who, ca, why);
				state = SIG_BAD;
			} else {
				fprintf(out, "ok       signature %s (signed by %s on %s, trusted through "
					"%s)\n", SIGN_SIGNATURE, who, when, ca);
				state = SIG_OK;
			}
		}
		X509_STORE_free(store);
	} else {
		fprintf(out, "intact   signature %s (signed by %s on %s; signer not verified)\n",
			SIGN_SIGNATURE, who, when);
		diag_add(d, DIAG_ERROR, path, 0, 0, "the signature is intact but its signer %s is not "
			 "verified: give --ca FILE with the certificate(s) you trust", who);
	}
	free(who);
	sk_X509_free(signers);
	CMS_ContentInfo_free(cms);
	return state;
}

/* A file name a manifest line may carry: one name in the folder, not hidden. */
static int plain_name(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.' || memchr(s, '/', n) || memchr(s, '\0', n))
		return 0;
	return 1;
}

/* Checks each "SHA256  NAME" line of the manifest; names go into seen.  -1: malformed. */
static int check_manifest(const char *dir, const char *mpath, const char *text, size_t len,
			  struct strmap *seen, FILE *out, struct tally *t, struct diag_list *d)
{
	int line = 0;
	for (const char *p = text; p < text + len; ) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		line++;
		size_t l = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
		int ok = l > 66 && p[64] == ' ' && p[65] == ' ' && plain_name(p + 66, l - 66);
		for (int i = 0; ok && i < 64; i++)
			ok = (p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f');
		char *name = ok ? xstrndup(p + 66, l - 66) : NULL;
		if (!ok || !nl || strmap_get(seen, name)) {
			diag_add(d, DIAG_ERROR, mpath, line, 1, "%s", !ok || !nl ? "not a manifest line "
				 "(\"SHA256  NAME\" and a line end)" : "a file named twice");
			free(name);
			return -1;
		}
		strmap_put(seen, name, (void *)1);
		char *hex = xstrndup(p, 64), *full = xasprintf("%s/%s", dir, name);
		check_file_in("output", name, full, hex, "manifest", out, t);
		free(hex);
		free(full);
		p = nl + 1;      /* name is now seen's key */
	}
	return 0;
}

/* Files of the folder that the manifest does not name (hidden files and folders aside). */
static void check_added(const char *dir, struct strmap *seen, FILE *out, struct tally *t)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		if (e->d_name[0] == '.' || strmap_get(seen, e->d_name) ||
		    !strcmp(e->d_name, SIGN_MANIFEST) || !strcmp(e->d_name, SIGN_SIGNATURE))
			continue;
		char *full = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(full, &st) == 0 && !S_ISDIR(st.st_mode)) {
			fprintf(out, "added    output    %s (not in the signed manifest)\n", e->d_name);
			t->added++;
		}
		free(full);
	}
	if (dh)
		closedir(dh);
}

static void free_keys(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			free((char *)m->slots[i].key);
}

/*
 * The signed set in dir, after prior (the exit status of the inputs'
 * check, or SRMAP_EXIT_OK): unreadable 3, bad signature 6, a file changed,
 * missing or added 1, an intact signature with no --ca 6, else 0.
 */
static int verify_set(const char *dir, const char *ca, int prior, FILE *out, struct tally *t,
		      struct diag_list *d)
{
	char *mpath = xasprintf("%s/%s", dir, SIGN_MANIFEST);
	char *spath = xasprintf("%s/%s", dir, SIGN_SIGNATURE);
	BIO *m = slurp(mpath);
	int rc = SRMAP_EXIT_OK;
	if (!m) {
		diag_add(d, DIAG_ERROR, mpath, 0, 0, "cannot read the manifest: %s (a set is signed "
			 "with srmap assess --sign)", strerror(errno));
		rc = SRMAP_EXIT_INPUT;
	} else {
		char *text;
		size_t len = (size_t)BIO_get_mem_data(m, &text);
		if (!text) {     /* an empty file: no buffer at all */
			text = "";
			len = 0;
		}
		enum sig_state sig = check_signature(spath, text, len, ca, out, d);
		struct strmap seen;
		strmap_init(&seen, 0);
		int parsed = check_manifest(dir, mpath, text, len, &seen, out, t, d);
		if (parsed == 0)
			check_added(dir, &seen, out, t);
		free_keys(&seen);
		strmap_release(&seen);
		fprintf(out, "%zu ok, %zu changed, %zu missing, %zu added\n", t->ok, t->changed,
			t->missing, t->added);
		if (sig == SIG_UNREADABLE || parsed < 0)
			rc = SRMAP_EXIT_INPUT;
		else if (sig == SIG_BAD)
			rc = SRMAP_EXIT_SIGN;
		else if (prior != SRMAP_EXIT_OK || t->changed || t->missing || t->added)
			rc = SRMAP_EXIT_FINDINGS;
		else if (sig == SIG_UNVERIFIED)
			rc = SRMAP_EXIT_SIGN;
	}
	BIO_free(m);
	free(mpath);
	free(spath);
	return rc;
}

int verify_report(const char *report_path, const char *base_dir, const char *datadir,
		  const char *ca, FILE *out, struct diag_list *d)
{
	struct stat st;
	if (stat(report_path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct tally t = { 0, 0, 0, 0 };
		return verify_set(report_path, ca, SRMAP_EXIT_OK, out, &t, d);
	}
	xmlDocPtr doc = template_read_xml(report_path, d);
	if (!doc)
		return SRMAP_EXIT_INPUT;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, (const xmlChar *)"assessment") != 0) {
		diag_add(d, DIAG_ERROR, report_path, 0, 0,
			 "not an srmap assessment (expected the canonical assessment XML)");
		xmlFreeDoc(doc);
		return SRMAP_EXIT_INPUT;
	}
	struct tally t = { 0, 0, 0, 0 };
	struct strmap seen;     /* one artifact may back several records: check it once */
	strmap_init(&seen, 0);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrcmp(n->name, (const xmlChar *)"inputs")) {
			for (xmlNodePtr in = n->children; in; in = in->next) {
				if (in->type != XML_ELEMENT_NODE)
					continue;
				char *path = get(in, "path"), *role = get(in, "role");
				char *sha = get(in, "sha256");
				if (path && sha) {
					char *full = resolve(path, role, base_dir, datadir);
					check_file(role ? role : "input", path, full, sha, out, &t);
					free(full);
				}
				xmlFree(path); xmlFree(role); xmlFree(sha);
			}
		} else if (!xmlStrcmp(n->name, (const xmlChar *)"evidence")) {
			char *path = get(n, "artifact-path"), *sha = get(n, "artifact-sha256");
			if (path && sha && !strmap_get(&seen, path)) {
				strmap_put(&seen, path, path);
				char *full = resolve(path, NULL, base_dir, datadir);
				check_file("artifact", path, full, sha, out, &t);
				free(full);
			}
			if (!path || strmap_get(&seen, path) != path)
				xmlFree(path);
			xmlFree(sha);
		}
	}
	for (size_t i = 0; i < seen.cap; i++)
		if (seen.slots[i].key)
			xmlFree(seen.slots[i].value);
	strmap_release(&seen);
	xmlFreeDoc(doc);
	if (t.ok + t.changed + t.missing == 0) {
		fprintf(out, "0 ok, 0 changed, 0 missing\n");
		diag_add(d, DIAG_ERROR, report_path, 0, 0, "the report names no files to verify");
		return SRMAP_EXIT_INPUT;
	}
	int inputs_rc = t.changed || t.missing ? SRMAP_EXIT_FINDINGS : SRMAP_EXIT_OK;
	/* A signed set beside the report is checked too (a report without one keeps its output). */
	char *dir = xstrdup(report_path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	const char *set_dir = slash ? dir : ".";
	char *mf = xasprintf("%s/%s", set_dir, SIGN_MANIFEST);
	char *sg = xasprintf("%s/%s", set_dir, SIGN_SIGNATURE);
	int is_signed = access(mf, F_OK) == 0 || access(sg, F_OK) == 0;
	free(mf);
	free(sg);
	if (!is_signed) {
		free(dir);
		fprintf(out, "%zu ok, %zu changed, %zu missing\n", t.ok, t.changed, t.missing);
		return inputs_rc;
	}
	int rc = verify_set(set_dir, ca, inputs_rc, out, &t, d);
	free(dir);
	return rc;
}
