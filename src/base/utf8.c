/*
 * utf8.c - UTF-8 validation, the XML 1.0 character check, and the
 * replacement of characters XML cannot carry, with its record.
 */
#include "srmap/base/utf8.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one code point at s (len bytes left); returns its length, 0 if invalid. */
static size_t decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned char c = s[0];
	size_t n;
	unsigned long v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/*
 * The length of the run of ASCII bytes from lowest up at the start of s (at
 * most len), eight bytes at a time: inputs are mostly ASCII, and decoding
 * them byte by byte was a tenth of a run's time.  lowest is 1 for every byte
 * but NUL, 0x20 for those XML carries as they are (bar tab and line ends).
 */
static size_t ascii_run_from(const unsigned char *s, size_t len, unsigned char lowest)
{
	const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
	size_t i = 0;
	while (len - i >= 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w & high) || ((w - lowest * ones) & ~w & high))
			break;     /* a byte of 0x80 or more, or one below lowest */
		i += 8;
	}
	while (i < len && s[i] >= lowest && s[i] < 0x80)
		i++;
	return i;
}

int utf8_validate(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		i += ascii_run_from(u + i, len - i, 1);
		if (i == len)
			break;
		unsigned long cp;
		size_t n = decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			*bad_offset = i;
			return -1;
		}
		i += n;
	}
	return 0;
}

static int xml_char(unsigned long cp)
{
	if (cp < 0x20)
		return cp == 0x9 || cp == 0xA || cp == 0xD;
	if (cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return 1;
}

int utf8_xml_safe(const char *s, unsigned long *bad_cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	u += ascii_run_from(u, len, 0x20);
	while (*u) {
		if ((*u >= 0x20 && *u < 0x80) || *u == '\t' || *u == '\n' || *u == '\r') {
			u++;       /* ASCII that XML carries: most of every string */
			continue;
		}
		unsigned long cp;
		size_t n = decode(u, 4, &cp);
		if (n == 0 || !xml_char(cp)) {
			*bad_cp = n ? cp : *u;
			return -1;
		}
		u += n;
	}
	return 0;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

char *utf8_sanitize(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * 3 + 1);   /* each bad byte may become 3 bytes */
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		unsigned long cp;
		size_t n = decode(u + i, len - i, &cp);
		if (n == 0 || !xml_char(cp)) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += n ? n : 1;
			continue;
		}
		memcpy(out + o, u + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return out;
}

char *utf8_xml_replace(const char *s, size_t *count, unsigned long *first)
{
	unsigned long cp;
	*count = 0;
	if (utf8_xml_safe(s, &cp) == 0)
		return NULL;
	*first = cp;
	size_t len = strlen(s);
	/* A forbidden character is one to three bytes; U+FFFD is three. */
	char *out = xmalloc(len * 3 + 1);
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		size_t n = decode(u + i, len - i, &cp);
		if (n == 0 || !xml_char(cp)) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			(*count)++;
			i += n ? n : 1;
			continue;
		}
		memcpy(out + o, u + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return out;
}

int text_fixes_add(struct text_fixes *f, int line, int col, int key, const char *original,
		   size_t chars)
{
	GROW(f->items, f->cap, f->n + 1);
	struct text_fix *x = &f->items[f->n++];
	*x = (struct text_fix){ line, col, key, chars, "" };
	if (digest_sha256(original, strlen(original), x->sha256) < 0)
		x->sha256[0] = '\0';
	return f->n <= TEXT_FIX_WARNINGS;
}

void text_fixes_take(struct text_fixes *to, struct text_fixes *from)
{
	if (!from->n)
		return;
	GROW(to->items, to->cap, to->n + from->n);
	memcpy(to->items + to->n, from->items, from->n * sizeof(*from->items));
	to->n += from->n;
	text_fixes_release(from);
}

void text_fixes_release(struct text_fixes *f)
{
	free(f->items);
	*f = (struct text_fixes){ 0 };
}
