/*
 * utf8.h - checks that text is valid UTF-8 and may appear in XML 1.0.
 *
 * Neither cJSON nor xmlTextWriter checks this; they pass broken bytes through
 * and produce files that are not XML.  Every string srmap reads is checked
 * here before it is stored: invalid UTF-8 is refused, characters XML cannot
 * carry are replaced by U+FFFD and the replacement recorded (text_fixes).
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

/*
 * Returns a copy of the valid UTF-8 string s in which every character
 * outside the XML 1.0 Char production is replaced by U+FFFD, with *count set
 * to how many were and *first to the first of them; returns NULL (and *count
 * 0) when s has none.  The caller owns the copy.  Input text is kept this way
 * rather than refused: valid data must not be lost for a limit of XML.
 */
char *utf8_xml_replace(const char *s, size_t *count, unsigned long *first);

/* One input string in which utf8_xml_replace replaced characters. */
struct text_fix {
	int line, col;          /* where the string is in its file (a key: where its value is) */
	int key;                /* the string is an object's key */
	size_t chars;           /* characters replaced */
	char sha256[65];        /* SHA-256 of the string's original bytes (UTF-8), hex */
};

/* The strings of one file that were replaced, in file order. */
struct text_fixes {
	struct text_fix *items; /* owned */
	size_t n, cap;
};

/* Strings warned about one by one per file; the rest are counted in one warning. */
#define TEXT_FIX_WARNINGS 10

/*
 * Records that original (the text before replacement) at line, col (a key
 * when key is set) had chars characters replaced.  Returns 1 while the file has had at most
 * TEXT_FIX_WARNINGS such strings (warn about this one), else 0.
 */
int text_fixes_add(struct text_fixes *f, int line, int col, int key, const char *original,
		   size_t chars);

/* Moves every fix of from to the end of to; from is left empty. */
void text_fixes_take(struct text_fixes *to, struct text_fixes *from);

/* Frees what f owns and leaves it empty. */
void text_fixes_release(struct text_fixes *f);

#endif
