/*
 * part.c - the header of a sharded run's part (<?srmap-part ...?>) and the
 * names of part files (merge.h has the format).
 */
#include "srmap/write/part.h"
#include "srmap/base/alloc.h"
#include "srmap/base/srmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_value(char **s, size_t *len, const char *key, const char *value)
{
	if (!value)
		return;
	size_t vl = strlen(value);
	char *out = xmalloc(vl * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("._,/:+-", *p))
			*o++ = (char)*p;
		else
			o += snprintf(o, 4, "%%%02X", *p);
	*o = '\0';
	char *line = xasprintf("%s%s%s=\"%s\"", *s ? *s : "", *s ? " " : "", key, out);
	free(out);
	free(*s);
	*s = line;
	*len = strlen(line);
}

char *part_header(unsigned k, unsigned n, const char *by, const char *formats,
		 const char *pdf_detail, const char *pdf_template, const char *logo)
{
	char *s = NULL, num[24];
	size_t len = 0;
	put_value(&s, &len, "version", PART_FORMAT_VERSION);
	put_value(&s, &len, "tool-version", SRMAP_VERSION);
	snprintf(num, sizeof num, "%u", k);
	put_value(&s, &len, "shard", num);
	snprintf(num, sizeof num, "%u", n);
	put_value(&s, &len, "shards", num);
	put_value(&s, &len, "by", by);
	put_value(&s, &len, "formats", formats);
	put_value(&s, &len, "pdf-detail", pdf_detail);
	put_value(&s, &len, "template", pdf_template);
	put_value(&s, &len, "logo", logo);
	return s;
}

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *part_header_value(const char *h, size_t len, const char *key)
{
	size_t kl = strlen(key);
	for (size_t i = 0; i + kl + 2 <= len; i++) {
		if ((i > 0 && h[i - 1] != ' ') || memcmp(h + i, key, kl) || h[i + kl] != '=' ||
		    h[i + kl + 1] != '"')
			continue;
		const char *v = h + i + kl + 2, *end = memchr(v, '"', len - (size_t)(v - h));
		if (!end)
			return NULL;
		char *out = xmalloc((size_t)(end - v) + 1), *o = out;
		for (const char *p = v; p < end; p++) {
			int hi, lo;
			if (*p == '%' && end - p > 2 && (hi = hex_digit(p[1])) >= 0 &&
			    (lo = hex_digit(p[2])) >= 0) {
				*o++ = (char)(hi * 16 + lo);
				p += 2;
			} else {
				*o++ = *p;
			}
		}
		*o = '\0';
		return out;
	}
	return NULL;
}

void part_name(char *buf, size_t len, unsigned k, unsigned n)
{
	snprintf(buf, len, "part-%u-of-%u.xml", k, n);
}

int part_is_name(const char *name, size_t len)
{
	unsigned k, n;
	int used = 0;
	char copy[64];
	if (len >= sizeof copy)
		return 0;
	memcpy(copy, name, len);
	copy[len] = '\0';
	return sscanf(copy, "part-%u-of-%u.xml%n", &k, &n, &used) == 2 && (size_t)used == len;
}

