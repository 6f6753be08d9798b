/*
 * pdf_image.h - images for the layout: PNG and JPEG files from the places
 * the caller allows, each loaded into the document once and found again
 * when the page that shows it is drawn.
 */
#ifndef SRMAP_PDF_IMAGE_H
#define SRMAP_PDF_IMAGE_H

#include "layout.h"
#include "pdf_font.h"

#include <stddef.h>
#include <hpdf.h>

/*
 * Allows images from the files files (the profile's logo) and from any file
 * inside the folders dirs (the template folders), as their real paths (those
 * that do not exist are left out); relative image paths are looked up in
 * base_dir first (NULL: the working folder only).  f keeps copies.
 */
void pdf_image_allow(struct pdf_fonts *f, const char *const *files, size_t nfiles,
		     const char *const *dirs, size_t ndirs, const char *base_dir);

/*
 * The lay_metrics image_size callback (ctx: the struct pdf_fonts; see
 * layout.h): resolves src to an allowed PNG or JPEG file and loads it into
 * the document, once per file.  *key is its real path (the caller owns it).
 */
int pdf_image_size(void *ctx, const char *src, char **key, double *w, double *h,
		   const char **why);

/* The loaded image that image number i of doc names (borrowed from f), or NULL. */
HPDF_Image pdf_image_of(struct pdf_fonts *f, const struct lay_doc *doc, size_t i);

/* Frees the allowed places and the names of the loaded images (the images belong to the document). */
void pdf_image_release(struct pdf_fonts *f);

#endif
