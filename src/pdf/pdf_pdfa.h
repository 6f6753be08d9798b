/*
 * pdf_pdfa.h - what makes the drawn document a PDF/A-1b file (ISO 19005-1,
 * level B) beyond the drawing itself: the XMP metadata, the sRGB output
 * intent, the document's language, the file identifier and the PDF version.
 *
 * libharu 2.3.0's own PDF/A calls are not used: HPDF_PDFA_SetPDFAConformance
 * writes the XMP without escaping, a "/SubType" where PDF wants "/Subtype",
 * a /ID made from the clock and dates PDF/A readers reject for UTC, and
 * HPDF_PDFA_AppendOutputIntents names its profile "/DestOutputProfile "
 * (with a space).  This module builds the same objects with libharu's object
 * calls and the XMP with libxml2's writer.
 */
#ifndef SRMAP_PDF_PDFA_H
#define SRMAP_PDF_PDFA_H

#include "layout.h"
#include "pdf_font.h"

#include <stddef.h>

/* The sRGB profile of Debian's icc-profiles-free, used when the caller names none. */
#define PDFA_ICC_DEFAULT "/usr/share/color/icc/sRGB.icc"

/*
 * Checks that the len bytes at icc are an ICC profile a PDF/A-1 output
 * intent may carry: an RGB profile (3 components) of version 2 (PDF 1.4
 * reads versions up to 2.x).  Returns NULL, or a reason for a message.
 */
const char *pdfa_icc_problem(const unsigned char *icc, size_t len);

/*
 * The first image of doc that a PDF/A-1 file with an sRGB output intent
 * cannot hold, as its index in doc->images, with the reason in *why; -1 when
 * there is none.  libharu gives a PNG with an alpha channel or a transparent
 * colour a soft mask (transparency, which PDF/A-1 forbids), and a CMYK JPEG
 * keeps DeviceCMYK, which only a CMYK output intent allows.
 */
long pdfa_unfit_image(struct pdf_fonts *f, const struct lay_doc *doc, const char **why);

/*
 * Adds to f's document, after pdf_draw: the XMP metadata stream (the
 * document information of doc and the Producer libharu set, and, when
 * claim is set, the PDF/A-1b identification), the output intent with the
 * len bytes of the ICC profile at icc (copied), /Lang (doc->lang), a /ID
 * made from doc's content (so that the same input gives the same bytes) and
 * PDF version 1.4.  Without claim (the document embeds files or has
 * transparency) everything but the identification is still written.
 * libharu errors jump to f->jump, which the caller sets; a failure of
 * libxml2's writer is reported to libharu's handler as well.
 */
void pdfa_finish(struct pdf_fonts *f, const struct lay_doc *doc, const unsigned char *icc,
		 size_t len, int claim);

#endif
