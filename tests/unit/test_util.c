/*
 * test_util.c - the small utility modules and the XML writer.
 *
 * Covers: isotime (parse with Z and +hh:mm / -hh:mm offsets, fractions, leap
 * days, rejected forms, format and round trip); utf8 (validate: long ASCII runs, overlong,
 * surrogate, truncated, above U+10FFFF, NUL; xml_safe; count; sanitize);
 * strmap (put/get/replace, case folding of every byte at every length,
 * growth to 10,000 keys); digest
 * (SHA-256 of memory and of files); outdir (atomic writes: the file appears
 * whole, no temporary file is left, a missing folder fails cleanly); and
 * emit_assessment_xml on a tiny assessment, parsed with libxml2 and
 * validated against docs/assessment.xsd.
 *
 * Run from the repository root (catalog/ and docs/ are read from there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

#include "srmap/assess/assess.h"
#include "srmap/model/catalog.h"
#include "srmap/base/digest.h"
#include "srmap/base/readfile.h"
#include "srmap/write/emit.h"
#include "srmap/base/isotime.h"
#include "srmap/base/jsondoc.h"
#include "srmap/write/outdir.h"
#include "srmap/base/strmap.h"
#include "srmap/base/utf8.h"

/* ---- isotime ----------------------------------------------------------------------- */

static int64_t parse_ok(const char *s)
{
	int64_t t = -12345;
	if (isotime_parse(s, &t) != 0)
		fail_msg("isotime_parse rejected \"%s\"", s);
	return t;
}

static void assert_rejected(const char *s)
{
	int64_t t = 0;
	if (isotime_parse(s, &t) == 0)
		fail_msg("isotime_parse accepted \"%s\"", s);
}

static void test_isotime_known_instants(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1970-01-01T00:00:00Z"), 0);
	/* 2000-01-01 is 946684800; add January (31) and a leap February (29) days. */
	assert_int_equal(parse_ok("2000-03-01T00:00:00Z"), 946684800 + 60 * 86400);
	/* 2024-01-01 is 1704067200; 2024-02-29 is 59 days later. */
	assert_int_equal(parse_ok("2024-02-29T00:00:00Z"), 1704067200 + 59 * 86400);
	assert_int_equal(parse_ok("2024-02-29T12:34:56Z"), 1704067200 + 59 * 86400 + 45296);
}

static void test_isotime_offsets(void **state)
{
	(void)state;
	int64_t utc = parse_ok("2026-11-02T09:30:00Z");
	assert_int_equal(parse_ok("2026-11-02T10:30:00+01:00"), utc);
	assert_int_equal(parse_ok("2026-11-02T05:30:00-04:00"), utc);
	assert_int_equal(parse_ok("2026-11-02T15:00:00+05:30"), utc);
	assert_int_equal(parse_ok("2026-11-02T09:30:00+00:00"), utc);
	/* Offsets move across midnight and year ends. */
	assert_int_equal(parse_ok("2026-01-01T00:30:00+01:00"), parse_ok("2025-12-31T23:30:00Z"));
	assert_int_equal(parse_ok("2025-12-31T22:00:00-04:00"), parse_ok("2026-01-01T02:00:00Z"));
}

static void test_isotime_fractions(void **state)
{
	(void)state;
	int64_t whole = parse_ok("2026-11-02T09:30:00Z");
	/* Whole seconds: a fraction does not reach the next second. */
	assert_int_equal(parse_ok("2026-11-02T09:30:00.5Z"), whole);
	assert_int_equal(parse_ok("2026-11-02T09:30:00.999999Z"), whole);
	assert_int_equal(parse_ok("2026-11-02T10:30:00.123+01:00"), whole);
	assert_rejected("2026-11-02T09:30:00.Z");
	assert_rejected("2026-11-02T09:30:00,5Z");
}

static void test_isotime_leap_days(void **state)
{
	(void)state;
	parse_ok("2024-02-29T00:00:00Z");
	parse_ok("2000-02-29T00:00:00Z");    /* divisible by 400 */
	assert_rejected("2023-02-29T00:00:00Z");
	assert_rejected("2100-02-29T00:00:00Z");  /* divisible by 100, not 400 */
	assert_rejected("2024-02-30T00:00:00Z");
	assert_rejected("2026-04-31T00:00:00Z");
	parse_ok("2026-12-31T23:59:59Z");
}

static void test_isotime_rejected_forms(void **state)
{
	(void)state;
	assert_rejected("2026-11-02");                  /* date only */
	assert_rejected("2026-11-02T09:30:00");         /* no zone */
	assert_rejected("2026-11-02T09:30Z");           /* no seconds */
	assert_rejected("2026-11-02 09:30:00Z");        /* space instead of T */
	assert_rejected("2026-13-02T09:30:00Z");
	assert_rejected("2026-00-02T09:30:00Z");
	assert_rejected("2026-11-00T09:30:00Z");
	assert_rejected("2026-11-02T24:00:00Z");
	assert_rejected("2026-11-02T09:60:00Z");
	assert_rejected("2026-11-02T09:30:60Z");
	assert_rejected("2026-11-02T09:30:00+0100");    /* offset without colon */
	assert_rejected("2026-11-02T09:30:00+01");
	assert_rejected("2026-11-02T09:30:00+24:00");
	assert_rejected("2026-11-02T09:30:00ZZ");       /* trailing text */
	assert_rejected("2026-11-02T09:30:00Z ");
	assert_rejected("");
	assert_rejected("26-11-02T09:30:00Z");
}

static void test_isotime_format(void **state)
{
	(void)state;
	char buf[ISOTIME_LEN];
	isotime_format(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	isotime_format(946684800 + 60 * 86400, buf);
	assert_string_equal(buf, "2000-03-01T00:00:00Z");
	isotime_format(1704067200 + 59 * 86400 + 86399, buf);
	assert_string_equal(buf, "2024-02-29T23:59:59Z");
	isotime_format(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
}

static void test_isotime_round_trip(void **state)
{
	(void)state;
	static const char *const samples[] = {
		"1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2024-02-29T12:00:00Z",
		"2026-11-20T00:00:00Z", "2099-12-31T23:59:59Z", "2038-01-19T03:14:08Z",
	};
	char buf[ISOTIME_LEN];
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		isotime_format(parse_ok(samples[i]), buf);
		assert_string_equal(buf, samples[i]);
	}
	/* With an offset, the round trip gives the same instant in UTC. */
	isotime_format(parse_ok("2026-11-02T10:30:00+01:00"), buf);
	assert_string_equal(buf, "2026-11-02T09:30:00Z");
	/* Every day of a leap year and the next year survives the round trip. */
	int64_t start = parse_ok("2024-01-01T00:00:00Z");
	for (int day = 0; day < 731; day++) {
		int64_t t = start + (int64_t)day * 86400 + 3661;
		isotime_format(t, buf);
		assert_int_equal(parse_ok(buf), t);
	}
}

/* ---- utf8 -------------------------------------------------------------------------- */

static void assert_utf8_bad(const char *s, size_t len, size_t offset)
{
	size_t bad = 9999;
	assert_int_equal(utf8_validate(s, len, &bad), -1);
	assert_int_equal(bad, offset);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	size_t bad = 9999;
	const char *s = "plain ASCII, é, \xE2\x82\xAC, \xF0\x9F\x98\x80, \xF4\x8F\xBF\xBF";
	assert_int_equal(utf8_validate(s, strlen(s), &bad), 0);
	assert_int_equal(bad, 9999);
	assert_int_equal(utf8_validate("", 0, &bad), 0);
}

static void test_utf8_overlong(void **state)
{
	(void)state;
	assert_utf8_bad("\xC0\xAF", 2, 0);               /* '/' in two bytes */
	assert_utf8_bad("ab\xC1\xBF", 4, 2);
	assert_utf8_bad("\xE0\x80\xAF", 3, 0);           /* '/' in three bytes */
	assert_utf8_bad("x\xF0\x80\x80\xAF", 5, 1);      /* '/' in four bytes */
}

static void test_utf8_surrogate(void **state)
{
	(void)state;
	assert_utf8_bad("\xED\xA0\x80", 3, 0);           /* U+D800 */
	assert_utf8_bad("ok\xED\xBF\xBF", 5, 2);         /* U+DFFF */
	size_t bad;
	assert_int_equal(utf8_validate("\xED\x9F\xBF", 3, &bad), 0);   /* U+D7FF is fine */
}

static void test_utf8_truncated(void **state)
{
	(void)state;
	assert_utf8_bad("abc\xE2\x82", 5, 3);            /* euro sign missing a byte */
	assert_utf8_bad("\xF0\x9F\x98", 3, 0);
	assert_utf8_bad("\xC3", 1, 0);
	assert_utf8_bad("\xC3x", 2, 0);                  /* continuation byte missing */
	assert_utf8_bad("a\x80", 2, 1);                  /* lone continuation byte */
	/* The length limits the check even when more bytes follow in memory. */
	assert_utf8_bad("\xE2\x82\xAC", 2, 0);
}

static void test_utf8_above_max(void **state)
{
	(void)state;
	assert_utf8_bad("\xF4\x90\x80\x80", 4, 0);       /* U+110000 */
	assert_utf8_bad("ab\xF5\x80\x80\x80", 6, 2);
	assert_utf8_bad("\xFF", 1, 0);
}

static void test_utf8_nul_byte(void **state)
{
	(void)state;
	assert_utf8_bad("ab\0cd", 5, 2);
}

/*
 * Long ASCII runs are checked eight bytes at a time: a bad byte or a NUL at
 * every offset of a run, and valid text after one, keep their offsets.
 */
static void test_utf8_long_ascii_runs(void **state)
{
	(void)state;
	char buf[64];
	for (size_t at = 0; at < 40; at++) {
		memset(buf, 'a', sizeof buf);
		buf[at] = '\xFF';
		assert_utf8_bad(buf, sizeof buf, at);
		buf[at] = '\0';
		assert_utf8_bad(buf, sizeof buf, at);
		memcpy(buf + at, "\xC3\xA9", 2);     /* é: valid, the run goes on after it */
		size_t bad = 99;
		assert_int_equal(utf8_validate(buf, sizeof buf, &bad), 0);
		buf[sizeof buf - 1] = '\x80';
		assert_utf8_bad(buf, sizeof buf, sizeof buf - 1);
	}
	unsigned long cp = 0;
	assert_int_equal(utf8_xml_safe("0123456789abcdefghij\x01", &cp), -1);
	assert_int_equal(cp, 1);
}

static void test_utf8_xml_safe(void **state)
{
	(void)state;
	unsigned long cp = 0;
	assert_int_equal(utf8_xml_safe("tab\there\nnew\rline é \xF0\x9F\x98\x80", &cp), 0);
	assert_int_equal(utf8_xml_safe("", &cp), 0);
	assert_int_equal(utf8_xml_safe("a\x01" "b", &cp), -1);
	assert_int_equal(cp, 0x01);
	assert_int_equal(utf8_xml_safe("\x1F", &cp), -1);
	assert_int_equal(cp, 0x1F);
	assert_int_equal(utf8_xml_safe("x\xEF\xBF\xBE", &cp), -1);    /* U+FFFE */
	assert_int_equal(cp, 0xFFFE);
	assert_int_equal(utf8_xml_safe("\xEF\xBF\xBF", &cp), -1);     /* U+FFFF */
	assert_int_equal(cp, 0xFFFF);
	/* DEL and U+FFFD are XML characters. */
	assert_int_equal(utf8_xml_safe("\x7F\xEF\xBF\xBD", &cp), 0);
	/* Every byte below 0x20 at every place of a string read eight bytes at a time: only
	   tab and the line ends pass; so do DEL and a two-byte character there. */
	for (size_t at = 0; at < 25; at++) {
		char buf[26];
		memset(buf, 'k', 25);
		buf[25] = '\0';
		for (int c = 1; c < 0x20; c++) {
			buf[at] = (char)c;
			cp = 0;
			int ok = c == '\t' || c == '\n' || c == '\r';
			assert_int_equal(utf8_xml_safe(buf, &cp), ok ? 0 : -1);
			if (!ok)
				assert_int_equal(cp, (unsigned long)c);
		}
		buf[at] = '\x7F';
		assert_int_equal(utf8_xml_safe(buf, &cp), 0);
		if (at < 24) {
			memcpy(buf + at, "\xC3\xA9", 2);
			assert_int_equal(utf8_xml_safe(buf, &cp), 0);
			buf[at + 1] = 'k';     /* a lead byte alone */
			assert_int_equal(utf8_xml_safe(buf, &cp), -1);
		}
	}
}

static void test_utf8_count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("héllo", strlen("héllo")), 5);
	assert_int_equal(utf8_count("\xF0\x9F\x98\x80x", 5), 2);
	assert_int_equal(utf8_count("abc", 2), 2);
}

static void test_utf8_sanitize(void **state)
{
	(void)state;
	char *s = utf8_sanitize("fine é \xE2\x82\xAC");
	assert_string_equal(s, "fine é \xE2\x82\xAC");
	free(s);
	s = utf8_sanitize("a\xFF" "b");
	assert_string_equal(s, "a\xEF\xBF\xBD" "b");
	free(s);
	s = utf8_sanitize("a\x01" "b\x7F");
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\x7F");
	free(s);
	s = utf8_sanitize("\xEF\xBF\xBE");        /* U+FFFE: one character, one replacement */
	assert_string_equal(s, "\xEF\xBF\xBD");
	free(s);
	/* Whatever goes in, what comes out is valid and XML-safe. */
	static const char *const messes[] = { "\xC0\xAF", "\xED\xA0\x80z", "ab\xE2\x82",
					       "\x80\x80\x80", "\xF4\x90\x80\x80", "\x1B[0m" };
	for (size_t i = 0; i < sizeof messes / sizeof messes[0]; i++) {
		s = utf8_sanitize(messes[i]);
		size_t bad;
		unsigned long cp;
		assert_int_equal(utf8_validate(s, strlen(s), &bad), 0);
		assert_int_equal(utf8_xml_safe(s, &cp), 0);
		assert_non_null(strstr(s, "\xEF\xBF\xBD"));
		free(s);
	}
}

static void test_utf8_xml_replace(void **state)
{
	(void)state;
	size_t n = 99;
	unsigned long first = 0;
	/* Clean text: nothing to replace, no copy. */
	assert_null(utf8_xml_replace("tab\tok é \xEF\xBF\xBD", &n, &first));
	assert_int_equal(n, 0);
	char *s = utf8_xml_replace("a\x01" "b\x1F\xEF\xBF\xBE" "c\xEF\xBF\xBF", &n, &first);
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD");
	assert_int_equal(n, 4);
	assert_int_equal(first, 0x01);
	free(s);
	/* The record of a replaced string: where, how many, the original's SHA-256. */
	struct text_fixes f = { 0 }, all = { 0 };
	for (int i = 0; i < TEXT_FIX_WARNINGS; i++)
		assert_int_equal(text_fixes_add(&f, i + 1, 3, 0, "abc", 1), 1);
	assert_int_equal(text_fixes_add(&f, 99, 1, 1, "abc", 2), 0);   /* past the warnings */
	assert_string_equal(f.items[0].sha256,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	text_fixes_take(&all, &f);
	assert_int_equal(f.n, 0);
	assert_int_equal(all.n, TEXT_FIX_WARNINGS + 1);
	assert_int_equal(all.items[TEXT_FIX_WARNINGS].line, 99);
	assert_int_equal(all.items[TEXT_FIX_WARNINGS].key, 1);
	text_fixes_release(&all);
}

/* ---- strmap ------------------------------------------------------------------------ */

static void test_strmap_put_get_replace(void **state)
{
	(void)state;
	struct strmap m;
	strmap_init(&m, 0);
	int one = 1, two = 2, three = 3;
	assert_null(strmap_get(&m, "a"));
	assert_null(strmap_put(&m, "a", &one));
	assert_null(strmap_put(&m, "b", &two));
	assert_ptr_equal(strmap_get(&m, "a"), &one);
	assert_ptr_equal(strmap_get(&m, "b"), &two);
	assert_null(strmap_get(&m, "c"));
	assert_null(strmap_get(&m, ""));
	assert_int_equal(m.count, 2);
	/* Replacing returns the previous value and keeps the count. */
	assert_ptr_equal(strmap_put(&m, "a", &three), &one);
	assert_ptr_equal(strmap_get(&m, "a"), &three);
	assert_int_equal(m.count, 2);
	/* Without folding, case matters. */
	assert_null(strmap_get(&m, "A"));
	strmap_release(&m);
	assert_null(strmap_get(&m, "a"));
}

static void test_strmap_replace_takes_new_key(void **state)
{
	(void)state;
	/* Keys are borrowed: after a replacement the map must use the new key. */
	struct strmap m;
	strmap_init(&m, 0);
	char *k1 = strdup("control-1"), *k2 = strdup("control-1");
	int one = 1, two = 2;
	strmap_put(&m, k1, &one);
	strmap_put(&m, k2, &two);
	memset(k1, 'x', strlen(k1));
	free(k1);
	assert_ptr_equal(strmap_get(&m, "control-1"), &two);
	strmap_release(&m);
	free(k2);
}

static void test_strmap_case_folding(void **state)
{
	(void)state;
	struct strmap m;
	strmap_init(&m, 1);
	int one = 1, two = 2;
	strmap_put(&m, "Microsoft.Compute/virtualMachines", &one);
	assert_ptr_equal(strmap_get(&m, "microsoft.compute/virtualmachines"), &one);
	assert_ptr_equal(strmap_get(&m, "MICROSOFT.COMPUTE/VIRTUALMACHINES"), &one);
	assert_ptr_equal(strmap_put(&m, "MICROSOFT.compute/VIRTUALmachines", &two), &one);
	assert_int_equal(m.count, 1);
	assert_ptr_equal(strmap_get(&m, "Microsoft.Compute/virtualMachines"), &two);
	assert_null(strmap_get(&m, "Microsoft.Compute/virtualMachine"));
	assert_int_equal(strmap_hash("AbC", 1), strmap_hash("aBc", 1));
	strmap_release(&m);
}

/*
 * The hash folds eight bytes at a time: every length around a word's end,
 * every letter of either case at every place, and the bytes next to the
 * letters ('@', '[', '`', '{') and above ASCII, which are not folded.
 */
static void test_strmap_fold_every_byte_and_length(void **state)
{
	(void)state;
	char a[41], b[41];
	for (size_t len = 0; len <= 40; len++) {
		for (size_t at = 0; at < len; at++) {
			for (int c = 0; c < 256; c++) {
				memset(a, 'q', len);
				memset(b, 'q', len);
				a[len] = b[len] = '\0';
				if (!c)
					continue;
				a[at] = (char)c;
				b[at] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				/* same key ignoring ASCII case: the same hash */
				assert_true(strmap_hash(a, 1) == strmap_hash(b, 1));
				/* and without folding, the letter's case tells them apart */
				if (c >= 'A' && c <= 'Z')
					assert_true(strmap_hash(a, 0) != strmap_hash(b, 0));
			}
		}
	}
	struct strmap m;
	strmap_init(&m, 1);
	int one = 1, two = 2, three = 3, four = 4, five = 5, six = 6;
	const char *near[] = { "key-@", "key-`", "key-[", "key-{", "key-\xC3\x89", "key-\xC3\xA9" };
	int *vals[] = { &one, &two, &three, &four, &five, &six };
	for (size_t i = 0; i < 6; i++)
		assert_null(strmap_put(&m, near[i], vals[i]));
	assert_int_equal(m.count, 6);
	/* a byte 0x20 from a letter's is folded only for a letter */
	assert_true(strmap_hash(near[0], 1) != strmap_hash(near[1], 1));
	assert_true(strmap_hash(near[2], 1) != strmap_hash(near[3], 1));
	assert_true(strmap_hash(near[4], 1) != strmap_hash(near[5], 1));
	for (size_t i = 0; i < 6; i++)
		assert_ptr_equal(strmap_get(&m, near[i]), vals[i]);
	/* a key one byte longer or shorter than a word is another key */
	assert_null(strmap_put(&m, "12345678", &one));
	assert_null(strmap_put(&m, "1234567", &two));
	assert_null(strmap_put(&m, "123456789", &three));
	assert_ptr_equal(strmap_get(&m, "12345678"), &one);
	assert_ptr_equal(strmap_get(&m, "1234567"), &two);
	assert_ptr_equal(strmap_get(&m, "123456789"), &three);
	strmap_release(&m);
}

#define MANY 10000
static char many_keys[MANY][16];

static void test_strmap_growth(void **state)
{
	(void)state;
	struct strmap m;
	strmap_init(&m, 1);
	for (size_t i = 0; i < MANY; i++) {
		snprintf(many_keys[i], sizeof many_keys[i], "Key-%zu", i);
		assert_null(strmap_put(&m, many_keys[i], many_keys[i]));
	}
	assert_int_equal(m.count, MANY);
	/* Open addressing needs free slots: the table stays below full. */
	assert_true(m.cap > m.count);
	for (size_t i = 0; i < MANY; i++) {
		char lower[16];
		snprintf(lower, sizeof lower, "key-%zu", i);
		assert_ptr_equal(strmap_get(&m, lower), many_keys[i]);
	}
	assert_null(strmap_get(&m, "key-10000"));
	assert_null(strmap_get(&m, "key-"));
	strmap_release(&m);
}

/* ---- digest ------------------------------------------------------------------------ */

static void test_digest_memory(void **state)
{
	(void)state;
	char hex[DIGEST_HEX_LEN];
	assert_int_equal(digest_sha256("abc", 3, hex), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(digest_sha256("", 0, hex), 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static char *write_temp_file(const void *data, size_t len)
{
	char *path = strdup("/tmp/srmap-test-util-XXXXXX");
	assert_non_null(path);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_digest_file(void **state)
{
	(void)state;
	char hex[DIGEST_HEX_LEN];
	unsigned long long size = 99;
	char *path = write_temp_file("abc", 3);
	assert_int_equal(digest_sha256_file(path, hex, &size), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	unlink(path);
	free(path);
	/* A file larger than one read buffer hashes like the same bytes in memory. */
	size_t n = 200001;
	char *big = malloc(n);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)(i * 7 + 3);
	char mem[DIGEST_HEX_LEN];
	assert_int_equal(digest_sha256(big, n, mem), 0);
	path = write_temp_file(big, n);
	assert_int_equal(digest_sha256_file(path, hex, &size), 0);
	assert_string_equal(hex, mem);
	assert_int_equal(size, n);
	unlink(path);
	free(path);
	free(big);
}

static void test_digest_missing_file(void **state)
{
	(void)state;
	char hex[DIGEST_HEX_LEN];
	unsigned long long size;
	errno = 0;
	assert_int_equal(digest_sha256_file("/tmp/srmap-test-no-such-file", hex, &size), -1);
	assert_int_equal(errno, ENOENT);
}

/* ---- outdir ------------------------------------------------------------------------ */

/* Number of entries in dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 16);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 16) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void test_outdir_write_atomic(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-test-outdir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct diag_list d;
	diag_init(&d, NULL);
	char path[128];
	snprintf(path, sizeof path, "%s/report.xml", dir);

	assert_int_equal(outdir_write(dir, "report.xml", "first version", 13, &d), 0);
	size_t len;
	char *got = slurp(path, &len);
	assert_non_null(got);
	assert_int_equal(len, 13);
	assert_string_equal(got, "first version");
	free(got);
	/* Only the file itself: no temporary file is left behind. */
	assert_int_equal(count_entries(dir), 1);

	/* Replacing it leaves the new content and still one file. */
	assert_int_equal(outdir_write(dir, "report.xml", "v2", 2, &d), 0);
	got = slurp(path, &len);
	assert_non_null(got);
	assert_string_equal(got, "v2");
	free(got);
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(d.n, 0);

	/* The file is readable as the umask allows (mkstemp alone would give 0600). */
	mode_t old = umask(022);
	assert_int_equal(outdir_write(dir, "report.xml", "v3", 2, &d), 0);
	umask(old);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	unlink(path);
	rmdir(dir);
	diag_release(&d);
}

static void test_outfile_abort_leaves_previous(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-test-outdir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct diag_list d;
	diag_init(&d, NULL);
	char path[128];
	snprintf(path, sizeof path, "%s/report.xml", dir);
	assert_int_equal(outdir_write(dir, "report.xml", "previous", 8, &d), 0);
	/* A write that is abandoned half-way leaves the previous file and no temporary. */
	struct outfile f;
	assert_int_equal(outfile_open(&f, dir, "report.xml", &d), 0);
	assert_true(f.fd >= 0);
	assert_int_equal(write(f.fd, "half", 4), 4);
	assert_int_equal(count_entries(dir), 2);   /* the temporary is in the same folder */
	outfile_abort(&f);
	assert_int_equal(count_entries(dir), 1);
	size_t len;
	char *got = slurp(path, &len);
	assert_non_null(got);
	assert_string_equal(got, "previous");
	free(got);
	/* A committed one replaces it. */
	assert_int_equal(outfile_open(&f, dir, "report.xml", &d), 0);
	assert_int_equal(write(f.fd, "next", 4), 4);
	assert_int_equal(outfile_commit(&f, &d), 0);
	got = slurp(path, &len);
	assert_non_null(got);
	assert_string_equal(got, "next");
	free(got);
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(d.n, 0);
	unlink(path);
	rmdir(dir);
	diag_release(&d);
}

static void test_outdir_write_missing_folder_fails(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-test-outdir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char missing[160];
	snprintf(missing, sizeof missing, "%s/not-there", dir);
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(outdir_write(missing, "report.xml", "data", 4, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_non_null(d.items[0].file);
	assert_non_null(strstr(d.items[0].file, "not-there/report.xml"));
	/* Nothing was created: neither the folder nor a file in the parent. */
	struct stat st;
	assert_int_equal(stat(missing, &st), -1);
	assert_int_equal(count_entries(dir), 0);
	rmdir(dir);
	diag_release(&d);
}

static void test_outdir_prepare_creates_parents(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-test-outdir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char deep[160], mid[160];
	snprintf(mid, sizeof mid, "%s/a", dir);
	snprintf(deep, sizeof deep, "%s/a/b", dir);
	struct diag_list d;
	diag_init(&d, NULL);
	assert_int_equal(outdir_prepare(deep, &d), 0);
	struct stat st;
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* Existing is fine. */
	assert_int_equal(outdir_prepare(deep, &d), 0);
	assert_int_equal(d.n, 0);
	/* A file where the folder should be is an error. */
	char file[200];
	snprintf(file, sizeof file, "%s/f", deep);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(outdir_prepare(file, &d), -1);
	assert_int_equal(d.errors, 1);
	unlink(file);
	rmdir(deep);
	rmdir(mid);
	rmdir(dir);
	diag_release(&d);
}

/* ---- emit + XSD ------------------------------------------------------------------- */

#define VM_ID "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"

static const char emit_inventory[] =
	"{\"srmap_inventory\": 1, \"workloads\": [\n"
	" {\"id\": \"" VM_ID "\", \"name\": \"R&D <lab> \\\"vm\\\" \xC3\xA9\","
	"  \"type\": \"Microsoft.Compute/virtualMachines\", \"subscription\": \"sub-1\","
	"  \"tenant\": \"contoso.example\", \"tags\": {\"env\": \"prod\"},"
	"  \"accountable_party\": \"Fabrikam\"},\n"
	" {\"id\": \"odd-1\", \"name\": \"odd\", \"type\": \"Contoso.Widgets/gadgets\","
	"  \"tenant\": \"contoso.example\"}]}";

static const char emit_evidence[] =
	"{\"srmap_evidence\": 1, \"evidence\": [\n"
	" {\"id\": \"EV-1\", \"control\": \"iam-mfa\", \"tenant\": \"contoso.example\","
	"  \"result\": \"pass\", \"collected_at\": \"2026-11-10T10:00:00+01:00\","
	"  \"collected_by\": \"tester\", \"note\": \"a < b & c\"},\n"
	" {\"id\": \"EV-2\", \"control\": \"ops-audit-logging\", \"workload\": \"" VM_ID "\","
	"  \"result\": \"fail\", \"collected_at\": \"2026-11-12T00:00:00Z\","
	"  \"collected_by\": \"tester\"},\n"
	" {\"id\": \"EV-3\", \"control\": \"iam-pim\", \"workload\": \"" VM_ID "\","
	"  \"result\": \"pass\", \"collected_at\": \"2026-01-12T00:00:00Z\","
	"  \"collected_by\": \"tester\"}]}";

static const char emit_profile[] =
	"{\"srmap_profile\": 1, \"client\": \"Contoso Health\", \"assessor\": \"Northwind\","
	" \"as_of\": \"2026-11-20T00:00:00Z\", \"max_evidence_age_days\": 90,"
	" \"marking\": \"Confidential\"}";

/* Value of an XPath expression as a number (use count(...)). */
static double xpath_number(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	assert_non_null(r);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return v;
}

/* Value of an XPath expression as a string (caller frees with xmlFree). */
static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	assert_non_null(r);
	char *v = (char *)xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return v;
}

/* Everything the emit test builds; released by its teardown even when an assertion fails. */
static struct emit_fixture {
	struct diag_list d;
	struct catalog cat;
	struct jsondoc inv_doc, ev_doc, prof_doc;
	struct inventory inv;
	struct evidence_set ev;
	struct profile prof;
	struct assessment a;
	int have_assessment;
	xmlDocPtr doc;
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
} E;

static int emit_setup(void **state)
{
	(void)state;
	memset(&E, 0, sizeof E);
	diag_init(&E.d, NULL);
	inventory_init(&E.inv);
	evidence_init(&E.ev);
	profile_defaults(&E.prof, 0);
	return 0;
}

static int emit_teardown(void **state)
{
	(void)state;
	if (E.vc)
		xmlSchemaFreeValidCtxt(E.vc);
	if (E.schema)
		xmlSchemaFree(E.schema);
	if (E.pc)
		xmlSchemaFreeParserCtxt(E.pc);
	if (E.doc)
		xmlFreeDoc(E.doc);
	if (E.have_assessment)
		assess_release(&E.a);
	profile_release(&E.prof);
	evidence_release(&E.ev);
	inventory_release(&E.inv);
	jsondoc_release(&E.inv_doc);
	jsondoc_release(&E.ev_doc);
	jsondoc_release(&E.prof_doc);
	catalog_release(&E.cat);
	diag_release(&E.d);
	return 0;
}

/* Asserts that the string value of an XPath expression is want. */
static void assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char *v = xpath_string(doc, expr);
	int same = v && strcmp(v, want) == 0;
	char got[256];
	snprintf(got, sizeof got, "%s", v ? v : "(null)");
	xmlFree(v);
	if (!same)
		fail_msg("%s = \"%s\", expected \"%s\"", expr, got, want);
}

static void test_emit_xml_validates_against_schema(void **state)
{
	(void)state;
	struct diag_list *d = &E.d;
	assert_int_equal(catalog_load(&E.cat, "catalog/catalog.json", NULL, 0, d), 0);
	assert_int_equal(jsondoc_parse(&E.inv_doc, "inv.json", emit_inventory,
				       strlen(emit_inventory), d), 0);
	assert_int_equal(jsondoc_parse(&E.ev_doc, "ev.json", emit_evidence,
				       strlen(emit_evidence), d), 0);
	assert_int_equal(jsondoc_parse(&E.prof_doc, "profile.json", emit_profile,
				       strlen(emit_profile), d), 0);
	assert_int_equal(inventory_read_json(&E.inv, &E.inv_doc, "inv.json", d), 2);
	assert_int_equal(evidence_read_json(&E.ev, &E.ev_doc, "ev.json", d), 3);
	assert_int_equal(profile_read_json(&E.prof, &E.prof_doc, "profile.json", d), 0);

	E.have_assessment = 1;
	assert_int_equal(assess_run(&E.a, &E.cat, &E.prof, &E.inv, &E.ev, d), 0);
	assert_int_equal(d->errors, 0);
	assert_true(d->warnings > 0);   /* the unclassified workload */

	struct input_file in = { .path = "inv.json", .role = "inventory", .format = "srmap-json",
				 .records = 2, .size = strlen(emit_inventory) };
	assert_int_equal(digest_sha256(emit_inventory, strlen(emit_inventory), in.sha256), 0);
	char catalog_hex[DIGEST_HEX_LEN];
	assert_int_equal(digest_sha256("catalog", 7, catalog_hex), 0);
	struct run_info run = { .inputs = &in, .ninputs = 1, .generated = E.prof.as_of,
				.command_line = "srmap assess --inventory inv.json", .diags = d,
				.catalog_sha256 = catalog_hex };
	char path[] = "/tmp/srmap-test-emit-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	int rc = emit_assessment_xml(&E.a, &run, fd);
	close(fd);
	if (rc == 0)
		E.doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_non_null(E.doc);

	E.pc = xmlSchemaNewParserCtxt("docs/assessment.xsd");
	assert_non_null(E.pc);
	E.schema = xmlSchemaParse(E.pc);
	assert_non_null(E.schema);
	E.vc = xmlSchemaNewValidCtxt(E.schema);
	assert_non_null(E.vc);
	assert_int_equal(xmlSchemaValidateDoc(E.vc, E.doc), 0);

	/* The document says what the assessment holds. */
	xmlDocPtr doc = E.doc;
	assert_xpath(doc, "string(/assessment/@catalog-version)", "2026.12.0");
	assert_xpath(doc, "string(/assessment/@as-of)", "2026-11-20T00:00:00Z");
	assert_true(xpath_number(doc, "count(/assessment/workload)") == 2);
	assert_true(xpath_number(doc, "count(/assessment/evidence)") == 3);
	assert_true(xpath_number(doc, "count(/assessment/matrix/row)") == 10);
	assert_true(xpath_number(doc, "count(/assessment/control)") == (double)E.cat.ncontrols);
	assert_true(xpath_number(doc, "count(/assessment/finding)") == (double)E.a.nfindings);
	assert_true(xpath_number(doc, "count(/assessment/finding[@status='unclassified'])") == 1);
	/* Special characters survive escaping. */
	assert_xpath(doc, "string(/assessment/workload[1]/@name)", "R&D <lab> \"vm\" \xC3\xA9");
	assert_xpath(doc, "string(/assessment/evidence[@id='EV-1']/note)", "a < b & c");
	/* Times are written in UTC. */
	assert_xpath(doc, "string(/assessment/evidence[@id='EV-1']/@collected-at)",
		     "2026-11-10T09:00:00Z");
	/* Statuses as decided: the failed audit log, the organisation's stale PIM record. */
	assert_xpath(doc, "string(/assessment/workload[1]/check[@control='ops-audit-logging']/@status)",
		     "failed");
	assert_xpath(doc, "string(/assessment/organisation[1]/check[@control='iam-pim']/@status)",
		     "stale");
	assert_xpath(doc, "string(/assessment/organisation[1]/@tenant)", "contoso.example");
	assert_true(xpath_number(doc, "count(/assessment/workload/check[@control='iam-pim'])") == 0);
	assert_true(xpath_number(doc, "count(/assessment/finding[@scope='organisation'])") ==
		    (double)E.a.orgs[0].nchecks - 1);   /* all but the satisfied iam-mfa */
	assert_xpath(doc, "string(/assessment/evidence[@id='EV-1']/@used)", "true");
	/* The warning is recorded. */
	assert_true(xpath_number(doc, "count(/assessment/diagnostic[@level='warning'])") >= 1);
}

/* ---- compressed inputs ------------------------------------------------------------ */

static void test_parse_size(void **state)
{
	(void)state;
	unsigned long long n;
	assert_int_equal(readfile_parse_size("1500", &n), 0);
	assert_int_equal(n, 1500);
	assert_int_equal(readfile_parse_size("512K", &n), 0);
	assert_int_equal(n, 512ULL * 1024);
	assert_int_equal(readfile_parse_size("8G", &n), 0);
	assert_int_equal(n, 8ULL << 30);
	assert_int_equal(readfile_parse_size("2MiB", &n), 0);
	assert_int_equal(n, 2ULL << 20);
	assert_int_equal(readfile_parse_size("3mb", &n), 0);
	assert_int_equal(n, 3ULL << 20);
	assert_int_equal(readfile_parse_size("1T", &n), 0);
	assert_int_equal(n, 1ULL << 40);
	static const char *const bad[] = { "", "0", "0K", "-1", "1.5G", "G", "1X", "1KB2",
					   "99999999999999999999", "20000000000T", " 1", NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(readfile_parse_size(bad[i], &n), -1);
}

/* A file over the limit is refused naming the limit; the default comes back with 0. */
static void test_readfile_limit(void **state)
{
	(void)state;
	char path[] = "/tmp/srmap-test-limit-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char block[2048];
	memset(block, 'x', sizeof block);
	assert_int_equal(write(fd, block, sizeof block), (ssize_t)sizeof block);
	close(fd);
	struct diag_list d;
	diag_init(&d, NULL);
	char *buf;
	size_t len;
	readfile_set_max(2048);
	assert_int_equal(readfile(path, &buf, &len, &d), 0);   /* exactly the limit: read */
	free(buf);
	readfile_set_max(1024);
	assert_int_equal(readfile_max(), 1024);
	assert_int_equal(readfile(path, &buf, &len, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].msg, "1 KiB"));
	readfile_set_max(0);
	assert_int_equal(readfile_max(), READFILE_DEFAULT_MAX);
	assert_int_equal(readfile(path, &buf, &len, &d), 0);
	free(buf);
	diag_release(&d);
	remove(path);
}

/* Writes text to path gzip-compressed, as `gzip` does (members times, appended). */
static void write_gzip(const char *path, const char *text, int members)
{
	for (int i = 0; i < members; i++) {
		gzFile g = gzopen(path, i ? "ab" : "wb");
		assert_non_null(g);
		assert_int_equal(gzwrite(g, text, (unsigned)strlen(text)), (int)strlen(text));
		assert_int_equal(gzclose(g), Z_OK);
	}
}

static void test_readfile_input_plain_and_gzip(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-test-gzip-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char plain[128], gz[128], two[128];
	snprintf(plain, sizeof plain, "%s/a.json", dir);
	snprintf(gz, sizeof gz, "%s/a.json.gz", dir);
	snprintf(two, sizeof two, "%s/two.gz", dir);
	FILE *f = fopen(plain, "wb");
	assert_non_null(f);
	fputs("[{\"id\": 1}]", f);
	fclose(f);
	write_gzip(gz, "[{\"id\": 1}]", 1);
	write_gzip(two, "abc", 2);
	struct diag_list d;
	diag_init(&d, NULL);
	char *text, sha[65], want[65];
	size_t len;
	unsigned long long size;
	int gzipped;
	assert_int_equal(readfile_input(plain, &text, &len, sha, &size, &gzipped, &d), 0);
	assert_false(gzipped);
	assert_string_equal(text, "[{\"id\": 1}]");
	free(text);
	/* The text is the uncompressed one; the hash and size are the file's as stored. */
	assert_int_equal(readfile_input(gz, &text, &len, sha, &size, &gzipped, &d), 0);
	assert_true(gzipped);
	assert_string_equal(text, "[{\"id\": 1}]");
	assert_int_equal(len, strlen(text));
	unsigned long long on_disk;
	assert_int_equal(digest_sha256_file(gz, want, &on_disk), 0);
	assert_string_equal(sha, want);
	assert_true(size == on_disk);
	free(text);
	/* Several members are one file, as gzip -d reads them. */
	assert_int_equal(readfile_input(two, &text, &len, sha, &size, &gzipped, &d), 0);
	assert_string_equal(text, "abcabc");
	free(text);
	assert_int_equal(d.errors, 0);
	unlink(plain);
	unlink(gz);
	unlink(two);
	rmdir(dir);
	diag_release(&d);
}

static void test_readfile_input_damaged_gzip(void **state)
{
	(void)state;
	char dir[] = "/tmp/srmap-test-gzip-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char gz[128], cut[128];
	snprintf(gz, sizeof gz, "%s/a.json.gz", dir);
	snprintf(cut, sizeof cut, "%s/cut.json.gz", dir);
	write_gzip(gz, "[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]", 1);
	size_t n;
	char *bytes = slurp(gz, &n);
	assert_non_null(bytes);
	FILE *f = fopen(cut, "wb");
	assert_non_null(f);
	fwrite(bytes, 1, n - 10, f);      /* the trailer and some data lost */
	fclose(f);
	free(bytes);
	struct diag_list d;
	diag_init(&d, NULL);
	char *text = (char *)"unchanged", sha[65];
	size_t len;
	unsigned long long size;
	int gzipped;
	assert_int_equal(readfile_input(cut, &text, &len, sha, &size, &gzipped, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].msg, "not a valid gzip file"));
	unlink(gz);
	unlink(cut);
	rmdir(dir);
	diag_release(&d);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_readfile_limit),
		cmocka_unit_test(test_readfile_input_plain_and_gzip),
		cmocka_unit_test(test_readfile_input_damaged_gzip),
		cmocka_unit_test(test_isotime_known_instants),
		cmocka_unit_test(test_isotime_offsets),
		cmocka_unit_test(test_isotime_fractions),
		cmocka_unit_test(test_isotime_leap_days),
		cmocka_unit_test(test_isotime_rejected_forms),
		cmocka_unit_test(test_isotime_format),
		cmocka_unit_test(test_isotime_round_trip),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_overlong),
		cmocka_unit_test(test_utf8_surrogate),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_utf8_above_max),
		cmocka_unit_test(test_utf8_nul_byte),
		cmocka_unit_test(test_utf8_long_ascii_runs),
		cmocka_unit_test(test_utf8_xml_safe),
		cmocka_unit_test(test_utf8_count),
		cmocka_unit_test(test_utf8_sanitize),
		cmocka_unit_test(test_utf8_xml_replace),
		cmocka_unit_test(test_strmap_put_get_replace),
		cmocka_unit_test(test_strmap_replace_takes_new_key),
		cmocka_unit_test(test_strmap_case_folding),
		cmocka_unit_test(test_strmap_fold_every_byte_and_length),
		cmocka_unit_test(test_strmap_growth),
		cmocka_unit_test(test_digest_memory),
		cmocka_unit_test(test_digest_file),
		cmocka_unit_test(test_digest_missing_file),
		cmocka_unit_test(test_outdir_write_atomic),
		cmocka_unit_test(test_outfile_abort_leaves_previous),
		cmocka_unit_test(test_outdir_write_missing_folder_fails),
		cmocka_unit_test(test_outdir_prepare_creates_parents),
		cmocka_unit_test_setup_teardown(test_emit_xml_validates_against_schema, emit_setup,
						emit_teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
