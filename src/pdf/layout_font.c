/*
 * layout_font.c - text as the layout measures it: glyph lookups with the CJK
 * fallback face, widths, line height and baseline, UTF-8, text split into
 * runs of one face each, and text cut to a width with an ellipsis.
 *
 * Text is measured glyph by glyph through struct lay_metrics (advance widths
 * of the face that will draw each character), so a line measured here has
 * exactly the width it will have in the PDF.
 */
#include "layout_font.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 ------------------------------------------------------------------------------ */

size_t lay_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	if (n > len || u[0] >= 0xF8 || (u[0] >= 0x80 && u[0] < 0xC0)) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t v = n == 1 ? u[0] : n == 2 ? u[0] & 0x1Fu : n == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = v << 6 | (u[i] & 0x3Fu);
	}
	*cp = v;
	return n;
}

size_t lay_utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- fonts ------------------------------------------------------------------------------ */

static enum lay_face face_for(struct lay_fonts *f, enum lay_face wanted, uint32_t cp, int count)
{
	if (cp < 0x20 || f->m->has_glyph(f->m->ctx, wanted, cp))
		return wanted;
	if (f->m->has_glyph(f->m->ctx, LAY_FACE_CJK, cp))
		return LAY_FACE_CJK;
	if (count) {
		if (!f->first_missing)
			f->first_missing = cp;
		f->missing++;
	}
	return wanted;
}

enum lay_face lay_face_for(struct lay_fonts *f, enum lay_face wanted, uint32_t cp)
{
	return face_for(f, wanted, cp, 0);
}

double lay_advance(struct lay_fonts *f, enum lay_face face, uint32_t cp, double size)
{
	enum lay_face use = face_for(f, face, cp, 0);
	return f->m->advance(f->m->ctx, use, cp) * size / 1000.0;
}

double lay_text_width(struct lay_fonts *f, enum lay_face face, double size, const char *s,
		      size_t len)
{
	double w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += lay_utf8_next(s + i, len - i, &cp);
		w += lay_advance(f, face, cp, size);
	}
	return w;
}

double lay_line_height(double size)
{
	return 1.3 * size;
}

double lay_baseline(double size)
{
	/* DejaVu: ascender 0.93 em, descender 0.24 em; centred in 1.3 em */
	return 1.0 * size;
}

/* ---- lines ------------------------------------------------------------------------------ */

void lay_line_push(struct lay_line *line, const struct lay_frag *frag)
{
	GROW(line->frags, line->cap, line->n + 1);
	line->frags[line->n] = *frag;
	line->frags[line->n].text = xstrdup(frag->text);
	line->n++;
}

/* A copy of s with characters beyond U+FFFF replaced by U+FFFD, or NULL when it has none. */
static char *bmp_only(const char *s, size_t len, size_t *out_len)
{
	size_t i = 0;
	while (i < len && (unsigned char)s[i] < 0xF0)
		i++;
	if (i == len)
		return NULL;
	char *out = xmalloc(len + 1);   /* 4 bytes become 3: never longer */
	size_t o = 0;
	i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = lay_utf8_next(s + i, len - i, &cp);
		if (cp > 0xFFFF)
			o += lay_utf8_put(out + o, 0xFFFD);
		else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

void lay_shape_runs(struct lay_fonts *f, enum lay_face face, double size, const char *s,
		    size_t len, uint32_t color, const char *link, double x0, struct lay_line *line)
{
	/* libharu 2.3.0 draws only the Basic Multilingual Plane */
	size_t blen;
	char *bmp = bmp_only(s, len, &blen);
	if (bmp) {
		lay_shape_runs(f, face, size, bmp, blen, color, link, x0, line);
		free(bmp);
		return;
	}
	size_t i = 0;
	double x = x0;
	while (i < len) {
		size_t start = i;
		uint32_t cp;
		i += lay_utf8_next(s + i, len - i, &cp);
		enum lay_face use = face_for(f, face, cp, 1);
		double w = f->m->advance(f->m->ctx, use, cp) * size / 1000.0;
		while (i < len) {
			size_t n = lay_utf8_next(s + i, len - i, &cp);
			enum lay_face next = face_for(f, face, cp, 1);
			if (next != use)
				break;
			w += f->m->advance(f->m->ctx, use, cp) * size / 1000.0;
			i += n;
		}
		GROW(line->frags, line->cap, line->n + 1);
		line->frags[line->n++] = (struct lay_frag){ .x = x, .w = w, .face = use,
			.color = color, .text = xstrndup(s + start, i - start), .link = link };
		x += w;
	}
}

/* ---- fitting ---------------------------------------------------------------------------- */

char *lay_fit_text(struct lay_fonts *f, enum lay_face face, double size, const char *text,
		   double width)
{
	size_t len = strlen(text);
	if (lay_text_width(f, face, size, text, len) <= width)
		return xstrdup(text);
	static const char ellipsis[] = "\xE2\x80\xA6";
	double ew = lay_text_width(f, face, size, ellipsis, 3);
	double acc = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = lay_utf8_next(text + i, len - i, &cp);
		double cw = lay_advance(f, face, cp, size);
		if (acc + cw + ew > width)
			break;
		acc += cw;
		i += n;
	}
	while (i > 0 && text[i - 1] == ' ')
		i--;
	char *s = xmalloc(i + 4);
	memcpy(s, text, i);
	memcpy(s + i, ellipsis, 4);
	return s;
}
