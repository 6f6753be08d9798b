/*
 * utf8.h - checks that text is valid UTF-8 and may appear in XML 1.0.
 *
 * Neither cJSON nor xmlTextWriter checks this; they pass broken bytes through
 * and produce files that are not XML.  Every string srmap reads is checked
 * here before it is stored.
 */
#ifndef SRMAP_UTF8_H
#define SRMAP_UTF8_H

#include <stddef.h>

/*
 * Returns 0 when the len bytes at s are valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF, no NUL byte); otherwise -1 with
 * *bad_offset set to the offset of the first bad byte.
 */
int utf8_validate(const char *s, size_t len, size_t *bad_offset);

/*
 * Returns 0 when the valid UTF-8 string s holds only characters of the XML 1.0
 * Char production (tab, newline and carriage return are the only controls);
 * otherwise -1 with *bad_cp set to the first forbidden code point.
 */
int utf8_xml_safe(const char *s, unsigned long *bad_cp);

/* Returns the number of code points in the first len bytes of valid UTF-8 s. */
size_t utf8_count(const char *s, size_t len);

/*
 * Returns a copy of s in which every invalid byte and every character XML
 * cannot carry is replaced by U+FFFD; the caller owns it.  For text that was
 * not read through the checked input path, such as file names.
 */
char *utf8_sanitize(const char *s);

#endif
