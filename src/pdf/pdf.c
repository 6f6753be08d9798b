/*
 * pdf.c - draws a laid-out document (layout.h) with libharu 2.3.0: fonts
 * and the metrics the layout measures with, images from allowed places,
 * pages, links, bookmarks, document information, and the bytes to a file.
 *
 * libharu reports errors through a handler.  While drawing, the handler
 * jumps back to pdf_render (longjmp), which frees everything and fails; while
 * loading fonts and images it only records the error, which the caller then
 * checks.  Glyph lookups use libharu's own cmap reader
 * (HPDF_TTFontDef_GetGlyphid, declared in its installed headers), so the
 * layout and the drawing agree on which font has which character.
 */
#include "srmap/pdf/pdf.h"
#include "srmap/base/alloc.h"
#include "layout.h"

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_namedict.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEJAVU_DIR "/usr/share/fonts/truetype/dejavu"
#define DROID_FONT "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
#define MAX_IMAGE_BYTES (20L * 1024 * 1024)
#define PX 0.75                /* points per image pixel: images are taken as 96 dpi */

static const char *const face_files[LAY_FACE_COUNT] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf", NULL
};

struct image {
	char *key;             /* the real path */
	HPDF_Image img;
};

struct pdf_fonts {
	HPDF_Doc pdf;
	jmp_buf *jump;         /* set while drawing: errors jump here */
	HPDF_STATUS error, detail;
	HPDF_Font font[LAY_FACE_COUNT];
	HPDF_FontDef def[LAY_FACE_COUNT];
	char *path[LAY_FACE_COUNT];          /* the font files */
	FILE *file[LAY_FACE_COUNT];          /* opened when a composite glyph needs reading */
	int16_t *adv[LAY_FACE_COUNT][256];   /* advance widths, by 256-character page */
	uint8_t *has[LAY_FACE_COUNT][256];   /* 0 not looked up, 1 has the glyph, 2 has not */
	struct lay_metrics m;
	/* images */
	char **files, **dirs;  /* real paths of the allowed files and folders */
	size_t nfiles, ndirs;
	char *base_dir;
	struct image *images;
	size_t nimages, capimages;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct pdf_fonts *f = data;
	if (error == HPDF_STREAM_EOF)
		return;
	if (!f->error) {
		f->error = error;
		f->detail = detail;
	}
	if (f->jump)
		longjmp(*f->jump, 1);
}

/* Reports and clears a recorded libharu error; returns -1 if there was one. */
static int take_error(struct pdf_fonts *f, struct diag_list *d, const char *what)
{
	if (!f->error)
		return 0;
	if (d)
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "%s: libharu error 0x%04X (detail %u)", what,
			 (unsigned)f->error, (unsigned)f->detail);
	f->error = f->detail = 0;
	HPDF_ResetError(f->pdf);
	return -1;
}

/* ---- metrics ---------------------------------------------------------------------------- */

static int has_glyph(void *ctx, enum lay_face face, uint32_t cp)
{
	struct pdf_fonts *f = ctx;
	if (cp > 0xFFFF || (unsigned)face >= LAY_FACE_COUNT)
		return 0;
	uint8_t **page = &f->has[face][cp >> 8];
	if (!*page)
		*page = xcalloc(256, 1);
	uint8_t *v = &(*page)[cp & 0xFF];
	if (!*v) {
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(f->def[face], (HPDF_UINT16)cp);
		/* libharu 2.3.0 drops glyph ids above 32767: such glyphs count as missing */
		*v = gid != 0 && gid < 32768 ? 1 : 2;
	}
	return *v == 1;
}

static int read_u16(FILE *fp, unsigned *v)
{
	int a = getc(fp), b = getc(fp);
	if (a == EOF || b == EOF)
		return -1;
	*v = (unsigned)a << 8 | (unsigned)b;
	return 0;
}

/*
 * libharu 2.3.0 embeds only the glyphs it marks as used, and marks the parts
 * of a composite glyph with a signed 16-bit glyph id, one level deep: parts
 * numbered above 32767 (most CJK glyphs of Droid Sans Fallback are made of
 * such parts) are left out and the character is drawn broken.  This marks
 * the parts of glyph gid, and theirs, in libharu's own table of used glyphs.
 */
/*
 * libharu 2.3.0 gives UTF-8 fonts a /ToUnicode stream that is an encoding
 * CMap ("begincidrange"), which text extractors reject with a warning per
 * font.  Text is written as UCS-2 codes, so the right ToUnicode is the
 * identity: rewrite the stream as bfranges, 256 codes per range.
 */
static void fix_to_unicode(HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!cmap || !cmap->stream)
		return;
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_MemStream_FreeData(cmap->stream);
	HPDF_Stream st = cmap->stream;
	HPDF_Stream_WriteStr(st, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
			     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
			     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
			     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int block = 0; block < 256; block += 100) {
		int n = 256 - block < 100 ? 256 - block : 100;
		char line[64];
		snprintf(line, sizeof line, "%d beginbfrange\n", n);
		HPDF_Stream_WriteStr(st, line);
		for (int hi = block; hi < block + n; hi++) {
			/* surrogate codes are not characters: map the block to nothing useful */
			if (hi >= 0xD8 && hi <= 0xDF)
				snprintf(line, sizeof line, "<%02X00> <%02XFF> <FFFD>\n", hi, hi);
			else
				snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
			HPDF_Stream_WriteStr(st, line);
		}
		HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

static void mark_parts(struct pdf_fonts *f, enum lay_face face, unsigned gid, int depth)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)f->def[face]->attr;
	if (depth > 8 || gid >= attr->num_glyphs)
		return;
	if (!f->file[face] && !(f->file[face] = fopen(f->path[face], "rb")))
		return;
	FILE *fp = f->file[face];
	unsigned long off = attr->glyph_tbl.offsets[gid];
	if (attr->header.index_to_loc_format == 0)
		off *= 2;
	off += attr->glyph_tbl.base_offset;
	unsigned contours, flags, part;
	if (attr->glyph_tbl.offsets[gid + 1] == attr->glyph_tbl.offsets[gid] ||
	    fseek(fp, (long)off, SEEK_SET) != 0 || read_u16(fp, &contours) < 0 ||
	    contours != 0xFFFF || fseek(fp, 8, SEEK_CUR) != 0)
		return;
	unsigned parts[64];
	size_t n = 0;
	do {
		if (read_u16(fp, &flags) < 0 || read_u16(fp, &part) < 0)
			return;
		long skip = (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
		if (fseek(fp, skip, SEEK_CUR) != 0)
			return;
		if (part < attr->num_glyphs && n < 64)
			parts[n++] = part;
	} while (flags & 0x20);
	for (size_t i = 0; i < n; i++) {
		attr->glyph_tbl.flgs[parts[i]] = 1;
		mark_parts(f, face, parts[i], depth + 1);
	}
}

static int advance(void *ctx, enum lay_face face, uint32_t cp)
{
	struct pdf_fonts *f = ctx;
	if (cp > 0xFFFF)
		cp = 0xFFFD;
	if ((unsigned)face >= LAY_FACE_COUNT)
		face = LAY_FACE_REGULAR;
	int16_t **page = &f->adv[face][cp >> 8];
	if (!*page) {
		*page = xmalloc(256 * sizeof(int16_t));
		for (int i = 0; i < 256; i++)
			(*page)[i] = INT16_MIN;
	}
	int16_t *v = &(*page)[cp & 0xFF];
	if (*v == INT16_MIN) {
		HPDF_INT w = HPDF_Font_GetUnicodeWidth(f->font[face], (HPDF_UNICODE)cp);
		*v = (int16_t)(w < 0 ? 0 : w > 30000 ? 30000 : w);
		/* measuring marks the glyph as used; its parts need marking too */
		mark_parts(f, face, HPDF_TTFontDef_GetGlyphid(f->def[face], (HPDF_UINT16)cp), 0);
	}
	return *v;
}

/* ---- images ----------------------------------------------------------------------------- */

static int under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

static int image_size(void *ctx, const char *src, char **key, double *w, double *h,
		      const char **why)
{
	struct pdf_fonts *f = ctx;
	char *candidate = NULL;
	if (src[0] != '/' && f->base_dir) {
		candidate = xasprintf("%s/%s", f->base_dir, src);
		if (access(candidate, F_OK) != 0) {
			free(candidate);
			candidate = NULL;
		}
	}
	char *real = realpath(candidate ? candidate : src, NULL);
	free(candidate);
	if (!real) {
		*why = "no such file";
		return -1;
	}
	int allowed = 0;
	for (size_t i = 0; i < f->nfiles && !allowed; i++)
		allowed = strcmp(real, f->files[i]) == 0;
	for (size_t i = 0; i < f->ndirs && !allowed; i++)
		allowed = under(real, f->dirs[i]);
	if (!allowed) {
		*why = "not allowed (only the profile's logo and files in the template folders)";
		free(real);
		return -1;
	}
	for (size_t i = 0; i < f->nimages; i++)
		if (strcmp(f->images[i].key, real) == 0) {
			*w = HPDF_Image_GetWidth(f->images[i].img) * PX;
			*h = HPDF_Image_GetHeight(f->images[i].img) * PX;
			*key = real;
			return 0;
		}
	struct stat st;
	unsigned char magic[8] = { 0 };
	FILE *fp = fopen(real, "rb");
	size_t got = fp ? fread(magic, 1, sizeof magic, fp) : 0;
	if (fp)
		fclose(fp);
	if (!fp || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "cannot be read";
		free(real);
		return -1;
	}
	if (st.st_size > MAX_IMAGE_BYTES) {
		*why = "larger than 20 MB";
		free(real);
		return -1;
	}
	HPDF_Image img = NULL;
	if (got == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0)
		img = HPDF_LoadPngImageFromFile(f->pdf, real);
	else if (got >= 3 && memcmp(magic, "\xFF\xD8\xFF", 3) == 0)
		img = HPDF_LoadJpegImageFromFile(f->pdf, real);
	else {
		*why = "not a PNG or JPEG file";
		free(real);
		return -1;
	}
	if (!img || take_error(f, NULL, NULL) < 0) {
		*why = "not a PNG or JPEG image libharu can read";
		free(real);
		return -1;
	}
	GROW(f->images, f->capimages, f->nimages + 1);
	f->images[f->nimages++] = (struct image){ xstrdup(real), img };
	*w = HPDF_Image_GetWidth(img) * PX;
	*h = HPDF_Image_GetHeight(img) * PX;
	*key = real;
	return 0;
}

/* ---- fonts ------------------------------------------------------------------------------ */

static char *real_or_null(const char *path)
{
	return path ? realpath(path, NULL) : NULL;
}

struct pdf_fonts *pdf_fonts_open(const struct pdf_settings *s, struct diag_list *d)
{
	struct pdf_fonts *f = xcalloc(1, sizeof(*f));
	f->pdf = HPDF_New(on_error, f);
	if (!f->pdf) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "pdf: libharu cannot start");
		free(f);
		return NULL;
	}
	f->m = (struct lay_metrics){ f, advance, has_glyph, image_size };
	HPDF_UseUTFEncodings(f->pdf);
	HPDF_SetCurrentEncoder(f->pdf, "UTF-8");
	HPDF_SetCompressionMode(f->pdf, HPDF_COMP_ALL);
	if (take_error(f, d, "pdf: setting up UTF-8 text") < 0) {
		pdf_fonts_close(f);
		return NULL;
	}
	const char *dir = s && s->font_dir ? s->font_dir : DEJAVU_DIR;
	for (int i = 0; i < LAY_FACE_COUNT; i++) {
		char *path = face_files[i] ? xasprintf("%s/%s", dir, face_files[i])
			: xstrdup(s && s->cjk_font ? s->cjk_font : DROID_FONT);
		if (access(path, R_OK) != 0) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "font not found (%s): install the Debian "
				 "package %s", strerror(errno),
				 face_files[i] ? "fonts-dejavu-core" : "fonts-droid-fallback");
			free(path);
			pdf_fonts_close(f);
			return NULL;
		}
		const char *name = HPDF_LoadTTFontFromFile(f->pdf, path, HPDF_TRUE);
		if (name)
			f->font[i] = HPDF_GetFont(f->pdf, name, "UTF-8");
		if (f->font[i])
			fix_to_unicode(f->font[i]);
		if (name)
			f->def[i] = HPDF_GetFontDef(f->pdf, name);
		f->path[i] = path;
		if (!name || !f->font[i] || !f->def[i] || take_error(f, NULL, NULL) < 0) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "libharu cannot load this TrueType font");
			pdf_fonts_close(f);
			return NULL;
		}
	}
	/* the places images may come from */
	if (s) {
		f->files = xcalloc(s->nallowed_files + 1, sizeof(char *));
		for (size_t i = 0; i < s->nallowed_files; i++)
			if ((f->files[f->nfiles] = real_or_null(s->allowed_files[i])))
				f->nfiles++;
		f->dirs = xcalloc(s->nallowed_dirs + 1, sizeof(char *));
		for (size_t i = 0; i < s->nallowed_dirs; i++)
			if ((f->dirs[f->ndirs] = real_or_null(s->allowed_dirs[i])))
				f->ndirs++;
		f->base_dir = xstrdup(s->base_dir);
	}
	return f;
}

const struct lay_metrics *pdf_fonts_metrics(struct pdf_fonts *f)
{
	return &f->m;
}

void pdf_fonts_close(struct pdf_fonts *f)
{
	if (!f)
		return;
	HPDF_Free(f->pdf);
	for (int i = 0; i < LAY_FACE_COUNT; i++) {
		for (int j = 0; j < 256; j++) {
			free(f->adv[i][j]);
			free(f->has[i][j]);
		}
		free(f->path[i]);
		if (f->file[i])
			fclose(f->file[i]);
	}
	for (size_t i = 0; i < f->nfiles; i++)
		free(f->files[i]);
	free(f->files);
	for (size_t i = 0; i < f->ndirs; i++)
		free(f->dirs[i]);
	free(f->dirs);
	free(f->base_dir);
	for (size_t i = 0; i < f->nimages; i++)
		free(f->images[i].key);
	free(f->images);
	free(f);
}

/* ---- drawing ---------------------------------------------------------------------------- */

static double red(uint32_t c) { return (c >> 16 & 0xFF) / 255.0; }
static double green(uint32_t c) { return (c >> 8 & 0xFF) / 255.0; }
static double blue(uint32_t c) { return (c & 0xFF) / 255.0; }

struct pen {
	HPDF_Page page;
	double height;         /* page height: PDF y = height - layout y */
	int in_text;
	int face;
	double size;
	uint32_t fill, stroke;
	double width;
	int dash;
};

static void set_fill(struct pen *p, uint32_t c)
{
	if (p->fill != c)
		HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)red(c), (HPDF_REAL)green(c), (HPDF_REAL)blue(c));
	p->fill = c;
}

static void set_stroke(struct pen *p, uint32_t c, double width, int dash)
{
	if (p->stroke != c)
		HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)red(c), (HPDF_REAL)green(c),
				       (HPDF_REAL)blue(c));
	if (p->width != width)
		HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	if (p->dash != dash) {
		static const HPDF_UINT16 dots[2] = { 1, 2 };
		HPDF_Page_SetDash(p->page, dash ? dots : NULL, dash ? 2 : 0, 0);
	}
	p->stroke = c;
	p->width = width;
	p->dash = dash;
}

static void end_text(struct pen *p)
{
	if (p->in_text)
		HPDF_Page_EndText(p->page);
	p->in_text = 0;
}

/* The point at angle a (degrees clockwise from 12 o'clock) on the circle (cx, cy, r), PDF space. */
static void polar(double cx, double cy, double r, double a, double *x, double *y)
{
	double t = a * M_PI / 180.0;
	*x = cx + r * sin(t);
	*y = cy + r * cos(t);
}

/* Appends an arc from angle a0 to a1 (any direction) as Bezier curves. */
static void arc(HPDF_Page page, double cx, double cy, double r, double a0, double a1)
{
	int n = (int)ceil(fabs(a1 - a0) / 90.0);
	if (n < 1)
		n = 1;
	double step = (a1 - a0) / n;
	for (int i = 0; i < n; i++) {
		double s = a0 + step * i, e = s + step;
		double ts = s * M_PI / 180.0, te = e * M_PI / 180.0;
		double k = 4.0 / 3.0 * tan((te - ts) / 4) * r;
		double x0, y0, x1, y1;
		polar(cx, cy, r, s, &x0, &y0);
		polar(cx, cy, r, e, &x1, &y1);
		HPDF_Page_CurveTo(page, (HPDF_REAL)(x0 + k * cos(ts)), (HPDF_REAL)(y0 - k * sin(ts)),
				  (HPDF_REAL)(x1 - k * cos(te)), (HPDF_REAL)(y1 + k * sin(te)),
				  (HPDF_REAL)x1, (HPDF_REAL)y1);
	}
}

static void draw_wedge(struct pen *p, const struct lay_item *it)
{
	double cx = it->x, cy = p->height - it->y, ro = it->w, ri = it->h;
	double a0 = it->a0, a1 = it->a1, x, y;
	int stroke = it->stroke != LAY_NONE && it->size > 0;
	/* colours first: libharu refuses them once a path is begun */
	set_fill(p, it->fill);
	if (stroke)
		set_stroke(p, it->stroke, it->size, 0);
	if (a1 - a0 >= 359.99) {
		/* a whole ring: two circles in opposite directions */
		polar(cx, cy, ro, 0, &x, &y);
		HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
		arc(p->page, cx, cy, ro, 0, 360);
		HPDF_Page_ClosePath(p->page);
		if (ri > 0) {
			polar(cx, cy, ri, 0, &x, &y);
			HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
			arc(p->page, cx, cy, ri, 360, 0);
			HPDF_Page_ClosePath(p->page);
		}
	} else {
		polar(cx, cy, ro, a0, &x, &y);
		HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
		arc(p->page, cx, cy, ro, a0, a1);
		if (ri > 0) {
			polar(cx, cy, ri, a1, &x, &y);
			HPDF_Page_LineTo(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
			arc(p->page, cx, cy, ri, a1, a0);
		} else {
			HPDF_Page_LineTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
		}
		HPDF_Page_ClosePath(p->page);
	}
	if (stroke) {
		HPDF_Page_FillStroke(p->page);
	} else {
		HPDF_Page_Fill(p->page);
	}
}

static HPDF_Image image_of(struct pdf_fonts *f, const struct lay_doc *doc, size_t i)
{
	for (size_t k = 0; i < doc->nimages && k < f->nimages; k++)
		if (strcmp(f->images[k].key, doc->images[i]) == 0)
			return f->images[k].img;
	return NULL;
}

static void draw_item(struct pdf_fonts *f, const struct lay_doc *doc, struct pen *p,
		      const struct lay_item *it)
{
	double H = p->height;
	if (it->kind == LAY_TEXT) {
		if (!it->text || !*it->text)
			return;
		if (!p->in_text) {
			HPDF_Page_BeginText(p->page);
			p->in_text = 1;
		}
		if (p->face != (int)it->face || p->size != it->size) {
			HPDF_Page_SetFontAndSize(p->page, f->font[it->face], (HPDF_REAL)it->size);
			p->face = (int)it->face;
			p->size = it->size;
		}
		set_fill(p, it->fill);
		HPDF_Page_TextOut(p->page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y), it->text);
		return;
	}
	end_text(p);
	switch (it->kind) {
	case LAY_RECT: {
		int fill = it->fill != LAY_NONE, stroke = it->stroke != LAY_NONE && it->size > 0;
		if (!fill && !stroke)
			return;
		double inset = stroke ? it->size / 2 : 0;
		if (fill)
			set_fill(p, it->fill);
		if (stroke)
			set_stroke(p, it->stroke, it->size, 0);
		HPDF_Page_Rectangle(p->page, (HPDF_REAL)(it->x + inset),
				    (HPDF_REAL)(H - it->y - it->h + inset),
				    (HPDF_REAL)(it->w - 2 * inset), (HPDF_REAL)(it->h - 2 * inset));
		if (fill && stroke)
			HPDF_Page_FillStroke(p->page);
		else if (fill)
			HPDF_Page_Fill(p->page);
		else
			HPDF_Page_Stroke(p->page);
		break;
	}
	case LAY_LINE:
		if (it->stroke == LAY_NONE || it->size <= 0)
			return;
		set_stroke(p, it->stroke, it->size, it->dash);
		HPDF_Page_MoveTo(p->page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y));
		HPDF_Page_LineTo(p->page, (HPDF_REAL)(it->x + it->w), (HPDF_REAL)(H - it->y - it->h));
		HPDF_Page_Stroke(p->page);
		break;
	case LAY_WEDGE:
		draw_wedge(p, it);
		break;
	case LAY_IMAGE: {
		HPDF_Image img = image_of(f, doc, it->image);
		if (img)
			HPDF_Page_DrawImage(p->page, img, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y - it->h),
					    (HPDF_REAL)it->w, (HPDF_REAL)it->h);
		break;
	}
	case LAY_TEXT:
		break;
	}
}

static HPDF_Destination dest(HPDF_Page *pages, const struct lay_doc *doc, size_t page, double y)
{
	HPDF_Destination d = HPDF_Page_CreateDestination(pages[page]);
	double top = doc->height - y + 6;
	HPDF_Destination_SetFitH(d, (HPDF_REAL)(top > doc->height ? doc->height : top));
	return d;
}

static void set_info(HPDF_Doc pdf, const struct lay_doc *doc)
{
	if (doc->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, doc->title);
	if (doc->author)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, doc->author);
	if (doc->subject)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, doc->subject);
	if (doc->keywords)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, doc->keywords);
	if (doc->creator)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, doc->creator);
	if (doc->created) {
		/* "YYYY-MM-DDTHH:MM:SSZ", checked by the layout */
		const char *c = doc->created;
		HPDF_Date dt = { 0 };
		dt.year = (int)strtol(c, NULL, 10);
		dt.month = (int)strtol(c + 5, NULL, 10);
		dt.day = (int)strtol(c + 8, NULL, 10);
		dt.hour = (int)strtol(c + 11, NULL, 10);
		dt.minutes = (int)strtol(c + 14, NULL, 10);
		dt.seconds = (int)strtol(c + 17, NULL, 10);
		dt.ind = 'Z';
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

/* Draws every page, link and bookmark.  libharu errors jump out of here. */
static void draw(struct pdf_fonts *f, const struct lay_doc *doc, HPDF_Page *pages)
{
	HPDF_Doc pdf = f->pdf;
	set_info(pdf, doc);
	HPDF_SetPageMode(pdf, doc->noutline ? HPDF_PAGE_MODE_USE_OUTLINE : HPDF_PAGE_MODE_USE_NONE);
	for (size_t i = 0; i < doc->npages; i++) {
		pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)doc->width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)doc->height);
	}
	for (size_t i = 0; i < doc->npages; i++) {
		const struct lay_page *pg = &doc->pages[i];
		struct pen p = { .page = pages[i], .height = doc->height, .face = -1, .size = -1,
				 .fill = 0x000000, .stroke = 0x000000, .width = 1, .dash = 0 };
		for (size_t k = 0; k < pg->n; k++)
			draw_item(f, doc, &p, &pg->items[k]);
		end_text(&p);
		for (size_t k = 0; k < pg->nlinks; k++) {
			const struct lay_link *l = &pg->links[k];
			HPDF_Rect r = { (HPDF_REAL)l->x, (HPDF_REAL)(doc->height - l->y - l->h),
					(HPDF_REAL)(l->x + l->w), (HPDF_REAL)(doc->height - l->y) };
			HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pages[i], r,
								     dest(pages, doc, l->page, l->dest_y));
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
	}
	/* bookmarks: each heading under the nearest heading of a higher level before it */
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline parent[4] = { NULL, NULL, NULL, NULL };
	for (size_t i = 0; i < doc->noutline; i++) {
		const struct lay_outline *o = &doc->outline[i];
		int level = o->level < 1 ? 1 : o->level > 3 ? 3 : o->level;
		HPDF_Outline up = NULL;
		for (int l = level - 1; l >= 1 && !up; l--)
			up = parent[l];
		HPDF_Outline ol = HPDF_CreateOutline(pdf, up, o->title, utf8);
		HPDF_Outline_SetDestination(ol, dest(pages, doc, o->page, o->y));
		HPDF_Outline_SetOpened(ol, level == 1 ? HPDF_TRUE : HPDF_FALSE);
		parent[level] = ol;
		for (int l = level + 1; l <= 3; l++)
			parent[l] = NULL;
	}
}

/* ---- attachments ------------------------------------------------------------------------ */

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * The order of the name tree's keys: by their text, which is UTF-8 byte order
 * (code point order).  ASCII names are written as they are, others in UTF-16BE
 * after a FE FF mark; readers such as qpdf compare the decoded text, and a
 * binary search over keys in any other order misses names.
 */
static int by_key(const void *a, const void *b)
{
	const struct pdf_attachment *const *x = a, *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

/*
 * Embeds the attachments as document-level embedded files: one entry each in
 * the catalog's /Names /EmbeddedFiles name tree, a /Filespec whose /F (and,
 * for a name beyond ASCII, /UF in UTF-16) is the name, and an /EmbeddedFile
 * stream with the bytes and their /Size.
 *
 * This is what HPDF_AttachFile(pdf, path) does, built from the same libharu
 * calls, because HPDF_AttachFile would not do here: it names the attachment
 * with the path it opens (a path from the working folder, or a machine path,
 * where the report wants the artifact path as the evidence record gives it),
 * reads the file only when the document is saved (after srmap has hashed it),
 * and writes "/Type /F" where a file specification needs "/Type /Filespec"
 * (qpdf --list-attachments warns).  The name tree's keys must be sorted: the
 * entries are appended in that order (sorted_attachments).  libharu errors
 * jump out.
 */
static void attach_files(HPDF_Doc pdf, const struct pdf_attachment *const *order, size_t n)
{
	if (!n)
		return;
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_NameDict names = HPDF_Catalog_GetNames(pdf->catalog);
	if (!names) {
		names = HPDF_NameDict_New(mmgr, pdf->xref);
		HPDF_Catalog_SetNames(pdf->catalog, names);
	}
	HPDF_NameTree tree = HPDF_NameDict_GetNameTree(names, HPDF_NAME_EMBEDDED_FILES);
	if (!tree) {
		tree = HPDF_NameTree_New(mmgr, pdf->xref);
		HPDF_NameDict_SetNameTree(names, HPDF_NAME_EMBEDDED_FILES, tree);
	}
	HPDF_Array keys = HPDF_Dict_GetItem(tree, "Names", HPDF_OCLASS_ARRAY);
	if (!keys)             /* HPDF_NameTree_New always makes it */
		return;
	for (size_t i = 0; i < n; i++) {
		const struct pdf_attachment *at = order[i];
		int ascii = is_ascii(at->name);
		HPDF_Dict file = HPDF_DictStream_New(mmgr, pdf->xref);
		file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Dict_AddName(file, "Type", "EmbeddedFile");
		if (at->size <= INT32_MAX) {
			HPDF_Dict params = HPDF_Dict_New(mmgr);
			HPDF_Dict_Add(file, "Params", params);
			HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)at->size);
		}
		/* HPDF_Stream_Write takes at most UINT_MAX bytes at a time */
		for (size_t done = 0; done < at->size;) {
			size_t chunk = at->size - done > 1u << 30 ? 1u << 30 : at->size - done;
			HPDF_Stream_Write(file->stream, at->data + done, (HPDF_UINT)chunk);
			done += chunk;
		}
		HPDF_Dict ef = HPDF_Dict_New(mmgr);
		HPDF_Dict_Add(ef, "F", file);
		HPDF_Dict spec = HPDF_Dict_New(mmgr);
		HPDF_Dict_AddName(spec, "Type", "Filespec");
		HPDF_Dict_Add(spec, "F", HPDF_String_New(mmgr, at->name, NULL));
		if (!ascii)
			HPDF_Dict_Add(spec, "UF", HPDF_String_New(mmgr, at->name, utf8));
		HPDF_Dict_Add(spec, "EF", ef);
		HPDF_Array_Add(keys, HPDF_String_New(mmgr, at->name, ascii ? NULL : utf8));
		HPDF_Array_Add(keys, spec);
	}
}

/* s's attachments in the order of their names in the PDF (by_key); NULL when none. */
static const struct pdf_attachment **sorted_attachments(const struct pdf_settings *s)
{
	if (!s || !s->nattachments)
		return NULL;
	const struct pdf_attachment **order = xcalloc(s->nattachments, sizeof(*order));
	for (size_t i = 0; i < s->nattachments; i++)
		order[i] = &s->attachments[i];
	qsort(order, s->nattachments, sizeof(*order), by_key);
	return order;
}

static int write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Everything pdf_render holds, so that a jump out of libharu can free it. */
struct render {
	struct pdf_fonts *fonts;
	struct lay_tree *tree;
	struct lay_doc *doc;
	HPDF_Page *pages;
	const struct pdf_attachment **attachments;   /* sorted by name */
};

static void render_free(struct render *r)
{
	layout_tree_free(r->tree);
	layout_doc_free(r->doc);
	pdf_fonts_close(r->fonts);
	free(r->pages);
	free(r->attachments);
	free(r);
}

int pdf_render(xmlDocPtr layout, const char *template_path, const struct pdf_settings *s,
	       int fd, struct diag_list *d)
{
	struct render *r = xcalloc(1, sizeof(*r));
	if (!(r->tree = layout_parse(layout, template_path, d))) {
		render_free(r);
		return PDF_ERR_LAYOUT;
	}
	if (!(r->fonts = pdf_fonts_open(s, d))) {
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	r->doc = layout_flow(r->tree, &r->fonts->m, d);
	if (take_error(r->fonts, d, "pdf: measuring text") < 0) {
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	if (!r->doc) {
		render_free(r);
		return PDF_ERR_LAYOUT;
	}
	r->pages = xcalloc(r->doc->npages ? r->doc->npages : 1, sizeof(HPDF_Page));
	r->attachments = sorted_attachments(s);

	jmp_buf jump;
	r->fonts->jump = &jump;
	if (setjmp(jump)) {
		r->fonts->jump = NULL;
		take_error(r->fonts, d, "pdf: drawing");
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	draw(r->fonts, r->doc, r->pages);
	attach_files(r->fonts->pdf, r->attachments, r->attachments ? s->nattachments : 0);
	HPDF_SaveToStream(r->fonts->pdf);
	r->fonts->jump = NULL;
	if (take_error(r->fonts, d, "pdf: saving") < 0) {
		render_free(r);
		return PDF_ERR_INTERNAL;
	}

	int rc = PDF_OK;
	unsigned char buf[65536];
	for (;;) {
		HPDF_UINT32 n = sizeof buf;
		HPDF_STATUS st = HPDF_ReadFromStream(r->fonts->pdf, buf, &n);
		if (n && write_all(fd, buf, n) < 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot write the PDF: %s", strerror(errno));
			rc = PDF_ERR_WRITE;
			break;
		}
		if (st == HPDF_STREAM_EOF || n == 0)
			break;
		if (st != HPDF_OK) {
			take_error(r->fonts, d, "pdf: reading the saved document");
			rc = PDF_ERR_INTERNAL;
			break;
		}
	}
	render_free(r);
	return rc;
}
