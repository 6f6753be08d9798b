/*
 * pdf_font.h - struct pdf_fonts, the fonts and images of one PDF: the
 * libharu document with its error handler, the embedded TrueType faces and
 * the metrics the layout measures with (pdf_font.c), and the images loaded
 * into the document (pdf_image.c).  Internal to the pdf stage: other modules
 * see struct pdf_fonts as opaque (srmap/pdf/pdf.h).
 */
#ifndef SRMAP_PDF_FONT_H
#define SRMAP_PDF_FONT_H

#include "layout.h"
#include "srmap/base/diag.h"

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <hpdf.h>

/* An image loaded into the document. */
struct image {
	char *key;             /* the real path */
	HPDF_Image img;
};

/* The fonts and images of one PDF: made by pdf_fonts_open, all of it freed by pdf_fonts_close. */
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

/*
 * libharu's error handler; data is the struct pdf_fonts.  While f->jump is
 * set it jumps there (longjmp); otherwise it records the first error, which
 * the caller checks with pdf_take_error.  The end of the saved stream is not
 * an error.
 */
void pdf_on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data);

/* Reports (to d, unless NULL) and clears a recorded libharu error; returns -1 if there was one. */
int pdf_take_error(struct pdf_fonts *f, struct diag_list *d, const char *what);

/*
 * Loads every face into f's document: DejaVu Sans (regular, bold, oblique)
 * and DejaVu Sans Mono from font_dir (NULL: /usr/share/fonts/truetype/dejavu)
 * and the CJK fallback from the file cjk_font (NULL: Droid Sans Fallback).
 * Returns 0, or -1 after reporting a missing or broken font to d; either way
 * f keeps what it loaded, freed by pdf_font_release.
 */
int pdf_font_load(struct pdf_fonts *f, const char *font_dir, const char *cjk_font,
		  struct diag_list *d);

/*
 * The lay_metrics callbacks of the faces (ctx: the struct pdf_fonts): the
 * advance width of cp in face, in 1/1000 of the font size, and whether face
 * has a glyph for cp.  Measuring a character marks its glyph, and the parts
 * of a composite glyph, as used, so that they are embedded.
 */
int pdf_font_advance(void *ctx, enum lay_face face, uint32_t cp);
int pdf_font_has_glyph(void *ctx, enum lay_face face, uint32_t cp);

/* Frees the faces' measurements, file names and open files (the fonts belong to the document). */
void pdf_font_release(struct pdf_fonts *f);

#endif
