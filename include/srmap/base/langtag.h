/*
 * langtag.h - language tags (BCP 47), checked for their shape only, for the
 * profile's language and the PDF's /Lang.
 */
#ifndef SRMAP_LANGTAG_H
#define SRMAP_LANGTAG_H

/*
 * Whether s has the shape of a language tag: a first subtag of 2 to 8
 * letters, then subtags of 1 to 8 letters or digits, joined by hyphens
 * ("en", "en-GB", "zh-Hant-TW").  Whether the subtags are registered is not
 * checked.
 */
int langtag_valid(const char *s);

#endif
