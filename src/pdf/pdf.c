/*
 * pdf.c - renders a layout document with libharu 2.3.0: lays it out
 * (layout.h) against the fonts and images of the PDF (pdf_font.c,
 * pdf_image.c), draws it (pdf_draw.c), embeds the attachments and writes the
 * bytes to a file.
 *
 * libharu reports errors through a handler (pdf_on_error).  While drawing,
 * the handler jumps back to pdf_render (longjmp), which frees everything and
 * fails; while loading fonts and images it only records the error, which the
 * caller then checks.
 */
#include "srmap/pdf/pdf.h"
#include "srmap/base/writeall.h"
#include "layout.h"
#include "pdf_draw.h"
#include "pdf_font.h"
#include "pdf_image.h"
#include "pdf_pdfa.h"
#include "srmap/base/alloc.h"
#include "srmap/base/libmem.h"
#include "srmap/base/readfile.h"

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_namedict.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- fonts and images ------------------------------------------------------------------- */

struct pdf_fonts *pdf_fonts_open(const struct pdf_settings *s, struct diag_list *d)
{
	struct pdf_fonts *f = xcalloc(1, sizeof(*f));
	f->pdf = HPDF_NewEx(pdf_on_error, libmem_hpdf_alloc, libmem_hpdf_free, 0, f);
	if (!f->pdf) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "pdf: libharu cannot start");
		free(f);
		return NULL;
	}
	f->m = (struct lay_metrics){ f, pdf_font_advance, pdf_font_has_glyph, pdf_image_size };
	HPDF_UseUTFEncodings(f->pdf);
	HPDF_SetCurrentEncoder(f->pdf, "UTF-8");
	HPDF_SetCompressionMode(f->pdf, HPDF_COMP_ALL);
	if (pdf_take_error(f, d, "pdf: setting up UTF-8 text") < 0) {
		pdf_fonts_close(f);
		return NULL;
	}
	if (pdf_font_load(f, s ? s->font_dir : NULL, s ? s->cjk_font : NULL, d) < 0) {
		pdf_fonts_close(f);
		return NULL;
	}
	/* the places images may come from */
	if (s)
		pdf_image_allow(f, s->allowed_files, s->nallowed_files, s->allowed_dirs,
				s->nallowed_dirs, s->base_dir);
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
	pdf_font_release(f);
	pdf_image_release(f);
	free(f);
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

/* ---- rendering -------------------------------------------------------------------------- */

/* Everything pdf_render holds, so that a jump out of libharu can free it. */
struct render {
	struct pdf_fonts *fonts;
	struct lay_tree *tree;
	struct lay_doc *doc;
	HPDF_Page *pages;
	const struct pdf_attachment **attachments;   /* sorted by name */
	char *icc;             /* the ICC profile of the output intent */
	size_t icc_len;
};

static void render_free(struct render *r)
{
	layout_tree_free(r->tree);
	layout_doc_free(r->doc);
	pdf_fonts_close(r->fonts);
	free(r->pages);
	free(r->attachments);
	free(r->icc);
	free(r);
}

/*
 * Reads the sRGB profile of the output intent into r.  Returns -1 after
 * reporting a missing or unfit profile to d.
 */
static int read_icc(struct render *r, const struct pdf_settings *s, struct diag_list *d)
{
	const char *path = s && s->icc_profile ? s->icc_profile : PDFA_ICC_DEFAULT;
	if (access(path, F_OK) < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "pdf: no sRGB ICC profile for the PDF/A output "
			 "intent: %s: %s (install Debian's icc-profiles-free, or put one in the data "
			 "folder as icc/sRGB.icc)", path, strerror(errno));
		return -1;
	}
	unsigned char *icc;
	if (readfile(path, (char **)&icc, &r->icc_len, d) < 0)
		return -1;
	r->icc = (char *)icc;
	const char *why = pdfa_icc_problem(icc, r->icc_len);
	if (why) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "%s: it cannot be the PDF/A output intent", why);
		return -1;
	}
	return 0;
}

static int render(xmlDocPtr *layout, int take, const char *template_path,
		  const struct pdf_settings *s, int fd, struct diag_list *d)
{
	struct render *r = xcalloc(1, sizeof(*r));
	r->tree = layout_parse(*layout, template_path, d);
	if (take) {
		/* the tree holds copies of everything it needs */
		xmlFreeDoc(*layout);
		*layout = NULL;
	}
	if (!r->tree) {
		render_free(r);
		return PDF_ERR_LAYOUT;
	}
	if (!(r->fonts = pdf_fonts_open(s, d))) {
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	r->doc = layout_flow(r->tree, &r->fonts->m, d);
	if (pdf_take_error(r->fonts, d, "pdf: measuring text") < 0) {
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	if (!r->doc) {
		render_free(r);
		return PDF_ERR_LAYOUT;
	}
	if (read_icc(r, s, d) < 0) {
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	/* PDF/A-1 forbids embedded files, transparency and (here) CMYK images: such a PDF
	   does not claim it */
	int claim = !(s && s->nattachments);
	const char *why = NULL;
	long unfit = pdfa_unfit_image(r->fonts, r->doc, &why);
	if (unfit >= 0) {
		diag_add(d, DIAG_WARNING, r->doc->images[unfit], 0, 0, "%s: the PDF is written "
			 "without the PDF/A-1b identification", why);
		claim = 0;
	}
	r->pages = xcalloc(r->doc->npages ? r->doc->npages : 1, sizeof(HPDF_Page));
	r->attachments = sorted_attachments(s);

	jmp_buf jump;
	r->fonts->jump = &jump;
	if (setjmp(jump)) {
		r->fonts->jump = NULL;
		pdf_take_error(r->fonts, d, "pdf: drawing");
		render_free(r);
		return PDF_ERR_INTERNAL;
	}
	pdf_draw(r->fonts, r->doc, r->pages);
	attach_files(r->fonts->pdf, r->attachments, r->attachments ? s->nattachments : 0);
	pdfa_finish(r->fonts, r->doc, (const unsigned char *)r->icc, r->icc_len, claim);
	HPDF_SaveToStream(r->fonts->pdf);
	r->fonts->jump = NULL;
	if (pdf_take_error(r->fonts, d, "pdf: saving") < 0) {
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
			pdf_take_error(r->fonts, d, "pdf: reading the saved document");
			rc = PDF_ERR_INTERNAL;
			break;
		}
	}
	render_free(r);
	return rc;
}

int pdf_render(xmlDocPtr layout, const char *template_path, const struct pdf_settings *s,
	       int fd, struct diag_list *d)
{
	return render(&layout, 0, template_path, s, fd, d);
}

int pdf_render_taking(xmlDocPtr *layout, const char *template_path,
		      const struct pdf_settings *s, int fd, struct diag_list *d)
{
	return render(layout, 1, template_path, s, fd, d);
}
