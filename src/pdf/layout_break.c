/*
 * layout_break.c - inline text into lines: white space, word and character
 * breaking, alignment.
 *
 * Lines break at spaces, around CJK characters and at zero-width spaces; a
 * word wider than the line is cut between characters, preferably after a
 * '/', '-', '_', '.' or ':' so that resource ids break at their separators.
 * Every word is measured in the faces that will draw it (layout_font.c).
 */
#include "layout_break.h"
#include "layout_badge.h"
#include "layout_font.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- character classes ------------------------------------------------------------------ */

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* Characters between which a line may break without a space (CJK scripts). */
static int is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}

/*
 * Punctuation that must not start a line: CJK closing punctuation, and the
 * ASCII closing punctuation and hyphen after a CJK character ("東京-01" and
 * "東京)" stay whole, as Unicode line breaking classes CL, CP, EX, IS, SY and
 * HY ask).
 */
static int no_break_before(uint32_t cp)
{
	static const uint32_t list[] = { 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F,
					 0x3011, 0x3015, 0xFF01, 0xFF1F, 0xFF1A, 0xFF1B, 0x30FC,
					 0x3063, 0x30C3, 0 };
	if (cp < 0x80)
		return strchr("-)]},.:;!?/%", (int)cp) != NULL;
	for (size_t i = 0; list[i]; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

/* Punctuation that must not end a line: CJK opening brackets, and ASCII ones before CJK. */
static int no_break_after(uint32_t cp)
{
	return cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 || cp == 0xFF08 ||
	       cp == '(' || cp == '[' || cp == '{';
}

/* Characters after which an over-long word is best cut. */
static int good_cut_after(uint32_t cp)
{
	return cp == '/' || cp == '-' || cp == '_' || cp == '.' || cp == ':' || cp == '\\' ||
	       cp == ',' || cp == ';' || cp == '=' || cp == '&' || cp == '?';
}

/* ---- from spans to words ---------------------------------------------------------------- */

/* A run of text in one style inside a word, or a badge. */
struct piece {
	size_t off, len;       /* in the breaker's text buffer */
	enum lay_face face;    /* the face the style asks for */
	uint32_t color;
	const char *link;
	int badge;
	enum lay_status status;
	double w;
};

enum sep { SEP_NONE, SEP_SPACE, SEP_ZERO, SEP_BR };

/* A word: pieces that stay together unless the word is wider than the line. */
struct word {
	size_t first, n;       /* pieces */
	double w;
	enum sep sep;          /* what comes before it */
	double sep_w;          /* width of that space */
	enum lay_face sep_face;
	int breaks;            /* SEP_BR: how many line breaks */
};

struct breaker {
	struct lay_fonts *f;
	const struct text_style *st;
	char *buf;
	size_t len, cap;
	struct piece *pieces;
	size_t np, capp;
	struct word *words;
	size_t nw, capw;
	/* state while collecting */
	enum sep pending;      /* separator seen since the last word */
	int breaks;            /* line breaks seen since the last word */
	int in_word;
	int after_cjk;         /* the last character allows a break after it */
};

static enum lay_face style_face(unsigned style)
{
	if (style & ST_CODE)
		return LAY_FACE_MONO;
	if (style & ST_BOLD)
		return LAY_FACE_BOLD;
	if (style & ST_ITALIC)
		return LAY_FACE_ITALIC;
	return LAY_FACE_REGULAR;
}

static uint32_t style_color(const struct text_style *st, unsigned style, const char *link)
{
	if (link)
		return st->link_color;
	if (style & ST_CODE)
		return st->code_color;
	return st->color;
}

static void start_word(struct breaker *b)
{
	enum sep sep = b->nw ? b->pending : SEP_NONE;
	GROW(b->words, b->capw, b->nw + 1);
	struct word *w = &b->words[b->nw++];
	*w = (struct word){ .first = b->np, .sep = sep, .breaks = b->breaks };
	b->breaks = 0;
	if (sep == SEP_SPACE && b->np) {
		/* the space takes the face of what precedes it */
		const struct piece *prev = &b->pieces[b->np - 1];
		enum lay_face face = prev->badge ? LAY_FACE_REGULAR : prev->face;
		w->sep_face = face;
		w->sep_w = b->f->m->advance(b->f->m->ctx, face, ' ') * b->st->size / 1000.0;
	}
	b->pending = SEP_NONE;
	b->in_word = 1;
}

static void end_word(struct breaker *b, enum sep next)
{
	if (next == SEP_BR && b->nw)
		b->breaks++;
	if (next == SEP_BR || b->pending == SEP_BR)
		b->pending = b->nw ? SEP_BR : SEP_NONE;
	else if (next == SEP_SPACE || b->pending == SEP_SPACE)
		b->pending = b->nw ? SEP_SPACE : SEP_NONE;
	else if (next == SEP_ZERO && b->pending == SEP_NONE)
		b->pending = SEP_ZERO;
	b->in_word = 0;
}

/* Appends cp to the current piece (starting a word and a piece as needed). */
static void add_char(struct breaker *b, uint32_t cp, enum lay_face face, uint32_t color,
		     const char *link)
{
	if (!b->in_word)
		start_word(b);
	struct word *w = &b->words[b->nw - 1];
	struct piece *p = w->n ? &b->pieces[b->np - 1] : NULL;
	if (!p || p->badge || p->face != face || p->color != color || p->link != link) {
		GROW(b->pieces, b->capp, b->np + 1);
		p = &b->pieces[b->np++];
		*p = (struct piece){ .off = b->len, .face = face, .color = color, .link = link };
		w->n++;
	}
	GROW(b->buf, b->cap, b->len + 4);
	size_t n = lay_utf8_put(b->buf + b->len, cp);
	b->len += n;
	p->len += n;
	double cw = lay_advance(b->f, face, cp, b->st->size);
	p->w += cw;
	w->w += cw;
}

static void add_badge(struct breaker *b, const struct lay_span *s, const char *link)
{
	if (!b->in_word)
		start_word(b);
	struct word *w = &b->words[b->nw - 1];
	/* the label, white space collapsed; empty gives the status's own label */
	size_t start = b->len;
	int space = 0;
	const char *t = s->text ? s->text : "";
	size_t tl = strlen(t), i = 0;
	while (i < tl) {
		uint32_t cp;
		i += lay_utf8_next(t + i, tl - i, &cp);
		if (is_space(cp)) {
			space = b->len > start;
			continue;
		}
		GROW(b->buf, b->cap, b->len + 5);
		if (space)
			b->buf[b->len++] = ' ';
		space = 0;
		b->len += lay_utf8_put(b->buf + b->len, cp > 0xFFFF ? 0xFFFD : cp);
	}
	if (b->len == start) {
		const char *label = lay_status_label(s->status);
		size_t n = strlen(label);
		GROW(b->buf, b->cap, b->len + n);
		memcpy(b->buf + b->len, label, n);
		b->len += n;
	}
	double bs = lay_badge_size(b->st->size);
	double width = lay_text_width(b->f, LAY_FACE_BOLD, bs, b->buf + start, b->len - start) +
		       2 * lay_badge_pad(b->st->size);
	GROW(b->pieces, b->capp, b->np + 1);
	b->pieces[b->np++] = (struct piece){ .off = start, .len = b->len - start,
		.face = LAY_FACE_BOLD, .link = link, .badge = 1, .status = s->status, .w = width };
	w->n++;
	w->w += width;
	b->after_cjk = 0;
}

static void collect(struct breaker *b, const struct lay_inline *in)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct lay_span *s = &in->spans[i];
		unsigned style = s->style | b->st->base;
		if (s->kind == SPAN_BR) {
			end_word(b, SEP_BR);
			b->after_cjk = 0;
			continue;
		}
		if (s->kind == SPAN_BADGE) {
			add_badge(b, s, s->link);
			continue;
		}
		enum lay_face face = style_face(style);
		uint32_t color = style_color(b->st, style, s->link);
		const char *t = s->text ? s->text : "";
		size_t len = strlen(t), k = 0;
		while (k < len) {
			uint32_t cp;
			k += lay_utf8_next(t + k, len - k, &cp);
			if (is_space(cp)) {
				end_word(b, SEP_SPACE);
				b->after_cjk = 0;
				continue;
			}
			if (cp == 0x200B) {            /* zero-width space: a break, nothing drawn */
				end_word(b, SEP_ZERO);
				continue;
			}
			if (cp == 0x00AD || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
				continue;              /* soft hyphen and controls: not drawn */
			if (cp > 0xFFFF) {
				/* libharu 2.3.0 draws only the Basic Multilingual Plane */
				if (!b->f->first_missing)
					b->f->first_missing = cp;
				b->f->missing++;
				cp = 0xFFFD;
			}
			int cjk = is_cjk(cp);
			if (b->in_word && (cjk || b->after_cjk == 1) && b->after_cjk >= 0 &&
			    !no_break_before(cp))
				end_word(b, SEP_ZERO);
			add_char(b, cp, face, color, s->link);
			b->after_cjk = no_break_after(cp) ? -1 : cjk ? 1 : 0;
		}
	}
}

/* ---- filling lines ---------------------------------------------------------------------- */

struct filler {
	struct breaker *b;
	struct lay_lines *out;
	double width;
	enum lay_align align;
	struct lay_line *cur;
	int gaps;              /* spaces so far on the current line (for justify) */
	int *gap_of;           /* per fragment of the current line: spaces before it */
	size_t gap_cap;
};

static void new_line(struct filler *fl)
{
	struct lay_lines *o = fl->out;
	GROW(o->lines, o->cap, o->n + 1);
	fl->cur = &o->lines[o->n++];
	*fl->cur = (struct lay_line){ 0 };
	fl->gaps = 0;
}

/* Aligns the current line; last: the last line of a paragraph or one ended by a break. */
static void finish_line(struct filler *fl, int last)
{
	struct lay_line *l = fl->cur;
	if (!l)
		return;
	double extra = fl->width - l->width;
	if (extra > 0.001) {
		if (fl->align == ALIGN_RIGHT || fl->align == ALIGN_CENTER) {
			double dx = fl->align == ALIGN_RIGHT ? extra : extra / 2;
			for (size_t i = 0; i < l->n; i++)
				l->frags[i].x += dx;
		} else if (fl->align == ALIGN_JUSTIFY && !last && fl->gaps > 0) {
			double per = extra / fl->gaps;
			for (size_t i = 0; i < l->n; i++)
				l->frags[i].x += per * fl->gap_of[i];
			l->width = fl->width;
		}
	}
	fl->cur = NULL;
}

/* Places the bytes [from, to) of the word's pieces at x on the current line. */
static void place_range(struct filler *fl, const struct word *w, size_t from, size_t to,
			double x, int gap_before, double sep_w)
{
	struct breaker *b = fl->b;
	struct lay_line *l = fl->cur;
	for (size_t i = w->first; i < w->first + w->n; i++) {
		const struct piece *p = &b->pieces[i];
		size_t s = p->off > from ? p->off : from;
		size_t e = p->off + p->len < to ? p->off + p->len : to;
		if (s >= e)
			continue;
		size_t before = l->n;
		if (p->badge) {
			GROW(l->frags, l->cap, l->n + 1);
			l->frags[l->n++] = (struct lay_frag){ .x = x, .w = p->w, .face = LAY_FACE_BOLD,
				.text = xstrndup(b->buf + p->off, p->len), .link = p->link, .badge = 1,
				.status = p->status };
			x += p->w;
		} else {
			/* a run joins the previous fragment when they match: after a space (not when
			   justifying, where spaces stretch) or right after it (CJK, word pieces) */
			size_t last = l->n - 1;
			int can = l->n && !l->frags[last].badge && l->frags[last].color == p->color &&
				  l->frags[last].link == p->link &&
				  (sep_w > 0 ? fl->align != ALIGN_JUSTIFY &&
					       l->frags[last].face != LAY_FACE_CJK   /* has a space */
				   : fabs(l->frags[last].x + l->frags[last].w - x) < 0.001);
			size_t mark = l->n;
			lay_shape_runs(b->f, p->face, b->st->size, b->buf + s, e - s, p->color, p->link,
				       x, l);
			int join = can && l->n > mark;
			if (join && l->n > mark && l->frags[mark].face == l->frags[last].face) {
				struct lay_frag *pf = &l->frags[last], *nf = &l->frags[mark];
				size_t a = strlen(pf->text), c = strlen(nf->text), sp = sep_w > 0;
				char *t = xmalloc(a + c + 2);
				memcpy(t, pf->text, a);
				if (sp)
					t[a] = ' ';
				memcpy(t + a + sp, nf->text, c + 1);
				free(pf->text);
				pf->text = t;
				pf->w = nf->x + nf->w - pf->x;
				free(nf->text);
				memmove(nf, nf + 1, (l->n - mark - 1) * sizeof(*nf));
				l->n--;
				before = l->n < before ? l->n : before;
			}
			if (l->n)
				x = l->frags[l->n - 1].x + l->frags[l->n - 1].w;
		}
		GROW(fl->gap_of, fl->gap_cap, l->n);
		for (size_t k = before; k < l->n; k++)
			fl->gap_of[k] = gap_before;
		sep_w = 0;
	}
}

/* Cuts an over-wide word into pieces that fit, each on its own line. */
static void place_split(struct filler *fl, const struct word *w)
{
	struct breaker *b = fl->b;
	size_t start = b->pieces[w->first].off;
	const struct piece *lastp = &b->pieces[w->first + w->n - 1];
	size_t end = lastp->off + lastp->len;

	size_t pos = start;
	while (pos < end) {
		/* the longest prefix from pos that fits; prefer a cut after a separator */
		double acc = 0, cut_w = 0;
		size_t i = pos, cut = 0, good = 0;
		double good_w = 0;
		while (i < end) {
			/* find the piece holding byte i */
			const struct piece *p = NULL;
			for (size_t k = w->first; k < w->first + w->n; k++)
				if (i >= b->pieces[k].off && i < b->pieces[k].off + b->pieces[k].len)
					p = &b->pieces[k];
			size_t n;
			double cw;
			uint32_t cp = 0;
			if (p && p->badge) {
				n = p->off + p->len - i;
				cw = p->w;
			} else {
				n = lay_utf8_next(b->buf + i, end - i, &cp);
				cw = lay_advance(b->f, p ? p->face : LAY_FACE_REGULAR, cp, b->st->size);
			}
			if (acc + cw > fl->width && i > pos)
				break;
			acc += cw;
			i += n;
			if (cp && good_cut_after(cp) && i < end) {
				good = i;
				good_w = acc;
			}
		}
		cut = i;
		cut_w = acc;
		if (cut < end && good > pos && good_w >= 0.4 * fl->width) {
			cut = good;
			cut_w = good_w;
		}
		if (!fl->cur)
			new_line(fl);
		place_range(fl, w, pos, cut, 0, 0, 0);
		fl->cur->width = cut_w;
		pos = cut;
		if (pos < end) {
			finish_line(fl, 0);
			new_line(fl);
		}
	}
}

static void fill(struct filler *fl)
{
	struct breaker *b = fl->b;
	double x = 0;
	for (size_t i = 0; i < b->nw; i++) {
		struct word *w = &b->words[i];
		if (w->sep == SEP_BR) {
			finish_line(fl, 1);
			for (int k = 1; k < w->breaks; k++) {
				new_line(fl);    /* an empty line */
				finish_line(fl, 1);
			}
			x = 0;
		}
		double sep = fl->cur && fl->cur->n && w->sep == SEP_SPACE ? w->sep_w : 0;
		if (fl->cur && fl->cur->n && x + sep + w->w > fl->width + 0.001) {
			finish_line(fl, 0);
			x = 0;
			sep = 0;
		}
		if (!fl->cur)
			new_line(fl);
		if (!fl->cur->n && w->w > fl->width + 0.001) {
			place_split(fl, w);
			x = fl->cur->width;
			continue;
		}
		if (sep > 0)
			fl->gaps++;
		place_range(fl, w, 0, (size_t)-1, x + sep, fl->gaps, sep);
		x += sep + w->w;
		fl->cur->width = x;
	}
	finish_line(fl, 1);
}

void lay_break_lines(struct lay_fonts *f, const struct lay_inline *in,
		     const struct text_style *st, double width, enum lay_align align,
		     struct lay_lines *out)
{
	*out = (struct lay_lines){ .line_h = lay_line_height(st->size), .size = st->size };
	struct breaker b = { .f = f, .st = st };
	collect(&b, in);
	struct filler fl = { .b = &b, .out = out, .width = width > 1 ? width : 1, .align = align };
	fill(&fl);
	free(fl.gap_of);
	free(b.buf);
	free(b.pieces);
	free(b.words);
}

void lay_break_plain(struct lay_fonts *f, const char *text, enum lay_face face,
		     const struct text_style *st, double width, enum lay_align align,
		     struct lay_lines *out)
{
	unsigned style = face == LAY_FACE_BOLD ? ST_BOLD : face == LAY_FACE_ITALIC ? ST_ITALIC
		: face == LAY_FACE_MONO ? ST_CODE : 0;
	struct lay_span span = { SPAN_TEXT, style, 0, (char *)(text ? text : ""), NULL };
	struct lay_inline in = { &span, 1, 1 };
	lay_break_lines(f, &in, st, width, align, out);
}

void lay_lines_release(struct lay_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t j = 0; j < l->lines[i].n; j++)
			free(l->lines[i].frags[j].text);
		free(l->lines[i].frags);
	}
	free(l->lines);
	*l = (struct lay_lines){ 0 };
}
