/* digest.c - SHA-256 through libcrypto's EVP interface. */
#include "srmap/base/digest.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>

static void to_hex(const unsigned char *md, unsigned n, char hex[DIGEST_HEX_LEN])
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < n && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int digest_sha256(const void *data, size_t len, char hex[DIGEST_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL))
		return -1;
	to_hex(md, n, hex);
	return 0;
}

int digest_sha256_file(const char *path, char hex[DIGEST_HEX_LEN], unsigned long long *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int rc = -1;
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		goto done;
	unsigned char buf[65536];
	size_t got;
	*size = 0;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		if (!EVP_DigestUpdate(ctx, buf, got))
			goto done;
		*size += got;
	}
	if (ferror(f)) {
		errno = EIO;
		goto done;
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	if (!EVP_DigestFinal_ex(ctx, md, &n))
		goto done;
	to_hex(md, n, hex);
	rc = 0;
done:
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return rc;
}
