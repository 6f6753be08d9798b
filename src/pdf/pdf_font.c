/*
 * pdf_font.c - the libharu document's error handler, and the embedded
 * TrueType faces: loading them, the metrics the layout measures with, the
 * ToUnicode CMap libharu gets wrong, and the parts of composite glyphs.
 *
 * Glyph lookups use libharu's own cmap reader (HPDF_TTFontDef_GetGlyphid,
 * declared in its installed headers), so the layout and the drawing agree on
 * which font has which character.
 */
#include "pdf_font.h"
#include "layout.h"
#include "srmap/base/alloc.h"
#include "srmap/base/diag.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEJAVU_DIR "/usr/share/fonts/truetype/dejavu"
#define DROID_FONT "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

static const char *const face_files[LAY_FACE_COUNT] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf", NULL
};

/* ---- errors ----------------------------------------------------------------------------- */

void pdf_on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
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
int pdf_take_error(struct pdf_fonts *f, struct diag_list *d, const char *what)
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

int pdf_font_has_glyph(void *ctx, enum lay_face face, uint32_t cp)
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

int pdf_font_advance(void *ctx, enum lay_face face, uint32_t cp)
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

/* ---- fonts ------------------------------------------------------------------------------ */

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

int pdf_font_load(struct pdf_fonts *f, const char *font_dir, const char *cjk_font,
		  struct diag_list *d)
{
	const char *dir = font_dir ? font_dir : DEJAVU_DIR;
	for (int i = 0; i < LAY_FACE_COUNT; i++) {
		char *path = face_files[i] ? xasprintf("%s/%s", dir, face_files[i])
			: xstrdup(cjk_font ? cjk_font : DROID_FONT);
		if (access(path, R_OK) != 0) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "font not found (%s): install the Debian "
				 "package %s", strerror(errno),
				 face_files[i] ? "fonts-dejavu-core" : "fonts-droid-fallback");
			free(path);
			return -1;
		}
		const char *name = HPDF_LoadTTFontFromFile(f->pdf, path, HPDF_TRUE);
		if (name)
			f->font[i] = HPDF_GetFont(f->pdf, name, "UTF-8");
		if (f->font[i])
			fix_to_unicode(f->font[i]);
		if (name)
			f->def[i] = HPDF_GetFontDef(f->pdf, name);
		f->path[i] = path;
		if (!name || !f->font[i] || !f->def[i] || pdf_take_error(f, NULL, NULL) < 0) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "libharu cannot load this TrueType font");
			return -1;
		}
	}
	return 0;
}

void pdf_font_release(struct pdf_fonts *f)
{
	for (int i = 0; i < LAY_FACE_COUNT; i++) {
		for (int j = 0; j < 256; j++) {
			free(f->adv[i][j]);
			free(f->has[i][j]);
		}
		free(f->path[i]);
		if (f->file[i])
			fclose(f->file[i]);
	}
}
