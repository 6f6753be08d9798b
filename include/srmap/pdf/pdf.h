/*
 * pdf.h - the PDF renderer: lays out a template's layout XML (layout.h) and
 * draws it with libharu.
 *
 * Text is drawn in embedded TrueType fonts: DejaVu Sans (regular, bold,
 * oblique), DejaVu Sans Mono and, for characters DejaVu lacks (CJK), Droid
 * Sans Fallback.  Headings become bookmarks, <link>s become link annotations,
 * charts are vector graphics, and files the caller gives (evidence artifacts)
 * become attachments.  The file is PDF/A-1b (XMP metadata, an sRGB output
 * intent, fonts embedded, no transparency), unless it has attachments or an
 * image PDF/A-1 cannot hold.  Images are read only from the files and
 * folders the caller allows.  The output depends only on the layout XML, the
 * fonts and the ICC profile: no clock is read (the file identifier is a hash
 * of the content), so the same input gives the same bytes.
 */
#ifndef SRMAP_PDF_H
#define SRMAP_PDF_H

#include <stddef.h>
#include <libxml/tree.h>
#include "srmap/base/diag.h"

struct lay_metrics;         /* the layout engine's measuring interface (src/pdf/layout.h) */

/*
 * A file embedded in the PDF (a document-level attachment, listed by a PDF
 * reader's attachments panel and by pdfdetach -list / qpdf --list-attachments).
 */
struct pdf_attachment {
	const char *name;              /* its name in the PDF (UTF-8); unique in the list */
	const unsigned char *data;     /* its bytes, borrowed until pdf_render returns */
	size_t size;
};

struct pdf_settings {
	/* images the layout may use: these files (the profile's logo) ... */
	const char *const *allowed_files;
	size_t nallowed_files;
	/* ... and any file inside these folders (the template folders) */
	const char *const *allowed_dirs;
	size_t nallowed_dirs;
	/* relative image paths are looked up here first (the template's folder),
	   then in the working folder; NULL: the working folder only */
	const char *base_dir;
	/* folder of the DejaVu fonts; NULL: /usr/share/fonts/truetype/dejavu */
	const char *font_dir;
	/* the CJK fallback font; NULL: /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf */
	const char *cjk_font;
	/* the sRGB ICC profile of the PDF/A output intent; NULL: the one of Debian's
	   icc-profiles-free, /usr/share/color/icc/sRGB.icc */
	const char *icc_profile;
	/* files to embed, in any order (they are stored sorted by name) */
	const struct pdf_attachment *attachments;
	size_t nattachments;
};

/* Return values of pdf_render. */
#define PDF_OK 0
#define PDF_ERR_LAYOUT (-1)    /* the layout XML breaks the vocabulary, or an image is refused */
#define PDF_ERR_WRITE (-2)     /* fd could not be written */
#define PDF_ERR_INTERNAL (-3)  /* fonts missing, or libharu failed */

/*
 * Lays out the layout document (made by the template at template_path, which
 * messages name) and writes the PDF to fd, with s's attachments embedded.
 * s may be NULL (no images, default fonts, no attachments).  Returns PDF_OK or
 * one of the PDF_ERR_ values after reporting to d.
 */
int pdf_render(xmlDocPtr layout, const char *template_path, const struct pdf_settings *s,
	       int fd, struct diag_list *d);

/*
 * pdf_render that takes *layout and frees it as soon as it is read, before
 * the pages are laid out, so that a large report never holds its layout XML
 * and its pages at once.  *layout is NULL afterwards, whatever is returned.
 */
int pdf_render_taking(xmlDocPtr *layout, const char *template_path,
		      const struct pdf_settings *s, int fd, struct diag_list *d);

/*
 * The fonts and images of one PDF, usable for measuring on their own (tests
 * lay out with the real metrics this way).
 */
struct pdf_fonts;

/* Loads the fonts; returns NULL after reporting a missing or broken font to d. */
struct pdf_fonts *pdf_fonts_open(const struct pdf_settings *s, struct diag_list *d);

/* Metrics backed by the loaded fonts; borrowed, valid until pdf_fonts_close. */
const struct lay_metrics *pdf_fonts_metrics(struct pdf_fonts *f);

/* Frees the fonts and the libharu document behind them (NULL is a no-op). */
void pdf_fonts_close(struct pdf_fonts *f);

#endif
