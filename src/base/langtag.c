/* langtag.c - the shape of a language tag (see langtag.h). */
#include "srmap/base/langtag.h"

#include <ctype.h>
#include <stddef.h>

int langtag_valid(const char *s)
{
	size_t n = 0, sub = 0;
	for (const char *c = s;; c++) {
		if (*c == '-' || !*c) {
			if (n < (sub ? 1u : 2u) || n > 8)
				return 0;
			if (!*c)
				return 1;
			sub++;
			n = 0;
		} else if (isalpha((unsigned char)*c) || (sub && isdigit((unsigned char)*c))) {
			n++;
		} else {
			return 0;
		}
	}
}
