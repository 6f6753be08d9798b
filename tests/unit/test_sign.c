/*
 * test_sign.c - signed report sets (sign.c, verify.c): the --sign-pass
 * forms; loading a key and certificate made here with libcrypto (plain and
 * encrypted, the right and the wrong password, a certificate checked at a
 * time after its notAfter and before its notBefore, a key of another pair);
 * writing a manifest and its signature and verifying the set: intact, a
 * file changed, a file added, the manifest changed, and no --ca.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "srmap/base/alloc.h"
#include "srmap/base/srmap.h"
#include "srmap/write/sign.h"
#include "srmap/write/verify.h"

static char dir[64];
static long long made_at;

static char *path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
	char *p = path(name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void write_key(EVP_PKEY *k, const char *name, const char *pass)
{
	char *p = path(name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(PEM_write_PrivateKey(f, k, pass ? EVP_aes_256_cbc() : NULL, NULL, 0, NULL,
					      (void *)pass), 1);
	fclose(f);
	free(p);
}

/* A self-signed certificate for k, valid from an hour before made_at to a day after. */
static void write_cert(EVP_PKEY *k, const char *name)
{
	X509 *c = X509_new();
	ASN1_INTEGER_set(X509_get_serialNumber(c), 1);
	X509_time_adj_ex(X509_getm_notBefore(c), 0, -3600, NULL);
	X509_time_adj_ex(X509_getm_notAfter(c), 1, 0, NULL);
	X509_set_pubkey(c, k);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(c), "CN", MBSTRING_ASC,
				   (const unsigned char *)"unit signer", -1, -1, 0);
	X509_set_issuer_name(c, X509_get_subject_name(c));
	assert_true(X509_sign(c, k, EVP_sha256()) > 0);
	char *p = path(name);
	FILE *f = fopen(p, "wb");
	PEM_write_X509(f, c);
	fclose(f);
	free(p);
	X509_free(c);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/srmap-test-sign.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	made_at = (long long)time(NULL);
	EVP_PKEY *k = EVP_RSA_gen(2048), *other = EVP_RSA_gen(2048);
	write_key(k, "key.pem", NULL);
	write_key(k, "enc.pem", "pw-1");
	write_key(other, "other.pem", NULL);
	write_cert(k, "cert.pem");
	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* Loads spec; returns the exit code and leaves the first message in *msg (caller frees). */
static int load(const char *key, const char *cert, const char *pass, long long at, char **msg)
{
	struct diag_list d;
	diag_init(&d, NULL);
	char *k = path(key), *c = path(cert), *spec = xasprintf("%s,%s", k, c);
	struct signer *s = NULL;
	int rc = signer_load(&s, spec, pass, at, &d);
	assert_true((rc == SRMAP_EXIT_OK) == (s != NULL));
	*msg = d.n ? xstrdup(d.items[0].msg) : NULL;
	signer_free(s);
	diag_release(&d);
	free(k); free(c); free(spec);
	return rc;
}

static void test_pass_spec_forms(void **state)
{
	(void)state;
	assert_int_equal(sign_pass_spec_ok("env:X"), 0);
	assert_int_equal(sign_pass_spec_ok("file:/p"), 0);
	assert_int_equal(sign_pass_spec_ok("fd:3"), 0);
	assert_int_equal(sign_pass_spec_ok("pass:secret"), -1);
	assert_int_equal(sign_pass_spec_ok("env:"), -1);
	assert_int_equal(sign_pass_spec_ok("fd:3x"), -1);
	assert_int_equal(sign_pass_spec_ok("secret"), -1);
}

static void test_key_checks(void **state)
{
	(void)state;
	char *msg;
	assert_int_equal(load("key.pem", "cert.pem", NULL, made_at, &msg), SRMAP_EXIT_OK);
	assert_null(msg);
	setenv("SRMAP_UNIT_PASS", "pw-1", 1);
	assert_int_equal(load("enc.pem", "cert.pem", "env:SRMAP_UNIT_PASS", made_at, &msg), 0);
	free(msg);
	setenv("SRMAP_UNIT_PASS", "pw-2", 1);
	assert_int_equal(load("enc.pem", "cert.pem", "env:SRMAP_UNIT_PASS", made_at, &msg),
			 SRMAP_EXIT_SIGN);
	assert_non_null(strstr(msg, "wrong password"));
	free(msg);
	assert_int_equal(load("enc.pem", "cert.pem", NULL, made_at, &msg), SRMAP_EXIT_SIGN);
	assert_non_null(strstr(msg, "is encrypted"));
	free(msg);
	assert_int_equal(load("other.pem", "cert.pem", NULL, made_at, &msg), SRMAP_EXIT_SIGN);
	assert_non_null(strstr(msg, "does not match"));
	free(msg);
	assert_int_equal(load("key.pem", "cert.pem", NULL, made_at + 3 * 86400, &msg), SRMAP_EXIT_SIGN);
	assert_non_null(strstr(msg, "expired"));
	free(msg);
	assert_int_equal(load("key.pem", "cert.pem", NULL, made_at - 86400, &msg), SRMAP_EXIT_SIGN);
	assert_non_null(strstr(msg, "not valid before"));
	free(msg);
	assert_int_equal(load("none.pem", "cert.pem", NULL, made_at, &msg), SRMAP_EXIT_SIGN);
	assert_non_null(strstr(msg, "cannot read the signing key"));
	free(msg);
}

static int verify_dir(const char *ca)
{
	struct diag_list d;
	diag_init(&d, NULL);
	FILE *out = tmpfile();
	char *cap = ca ? path(ca) : NULL;
	int rc = verify_report(dir, NULL, NULL, cap, out, &d);
	fclose(out);
	free(cap);
	diag_release(&d);
	return rc;
}

static void test_sign_and_verify(void **state)
{
	(void)state;
	char *set = path("set");
	assert_int_equal(mkdir(set, 0777), 0);
	put("set/a.txt", "alpha\n");
	put("set/b.txt", "beta\n");
	struct diag_list d;
	diag_init(&d, NULL);
	char *k = path("key.pem"), *c = path("cert.pem"), *spec = xasprintf("%s,%s", k, c);
	struct signer *s;
	assert_int_equal(signer_load(&s, spec, NULL, made_at, &d), SRMAP_EXIT_OK);
	char *pa = path("set/a.txt"), *pb = path("set/b.txt");
	struct sign_entry files[] = { { "a.txt", pa }, { "b.txt", pb } };
	struct outfile out[2];
	assert_int_equal(sign_write_set(s, set, files, 2, made_at, out, &d), SRMAP_EXIT_OK);
	assert_int_equal(outfile_commit(&out[0], &d), 0);
	assert_int_equal(outfile_commit(&out[1], &d), 0);
	signer_free(s);
	diag_release(&d);
	/* verify_dir checks the folder dir/set through dir: point dir at it for a moment. */
	char saved[64];
	memcpy(saved, dir, sizeof dir);
	snprintf(dir, sizeof dir, "%s", set);
	assert_int_equal(verify_dir(NULL), SRMAP_EXIT_SIGN);          /* intact, signer unverified */
	snprintf(dir, sizeof dir, "%s", saved);
	char *ca = xasprintf("../%s", "cert.pem");
	snprintf(dir, sizeof dir, "%s", set);
	assert_int_equal(verify_dir(ca), SRMAP_EXIT_OK);
	put("b.txt", "beta!\n");
	assert_int_equal(verify_dir(ca), SRMAP_EXIT_FINDINGS);        /* a file changed */
	put("b.txt", "beta\n");
	put("c.txt", "extra\n");
	assert_int_equal(verify_dir(ca), SRMAP_EXIT_FINDINGS);        /* a file added */
	char *c_path = path("c.txt");
	unlink(c_path);
	free(c_path);
	assert_int_equal(verify_dir(ca), SRMAP_EXIT_OK);
	put(SIGN_MANIFEST, "0000000000000000000000000000000000000000000000000000000000000000  a.txt\n");
	assert_int_equal(verify_dir(ca), SRMAP_EXIT_SIGN);            /* the manifest changed */
	snprintf(dir, sizeof dir, "%s", saved);
	free(ca);
	free(pa); free(pb); free(k); free(c); free(spec); free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass_spec_forms),
		cmocka_unit_test(test_key_checks),
		cmocka_unit_test(test_sign_and_verify),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
