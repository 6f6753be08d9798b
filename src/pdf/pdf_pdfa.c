/*
 * pdf_pdfa.c - the parts of a PDF/A-1b file that are not drawing: the XMP
 * metadata (written with libxml2, so that every value is escaped), the sRGB
 * output intent with its ICC profile, /Lang, /ID and the PDF version.  See
 * pdf_pdfa.h for why libharu's own PDF/A calls are not used.
 */
#include "pdf_pdfa.h"
#include "pdf_image.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the ICC profile --------------------------------------------------------------------- */

const char *pdfa_icc_problem(const unsigned char *icc, size_t len)
{
	/* the header: size (0-3), version (8), colour space (16-19), "acsp" (36-39) */
	if (len < 128 || memcmp(icc + 36, "acsp", 4) != 0)
		return "not an ICC profile";
	uint32_t size = (uint32_t)icc[0] << 24 | (uint32_t)icc[1] << 16 | (uint32_t)icc[2] << 8 | icc[3];
	if (size != len)
		return "an ICC profile whose header gives another size (truncated?)";
	if (memcmp(icc + 16, "RGB ", 4) != 0)
		return "not an RGB ICC profile";
	if (icc[8] != 2)
		return "not an ICC profile of version 2 (PDF/A-1 reads versions 2.x)";
	return NULL;
}

/* ---- images -------------------------------------------------------------------------------- */

long pdfa_unfit_image(struct pdf_fonts *f, const struct lay_doc *doc, const char **why)
{
	for (size_t i = 0; i < doc->nimages; i++) {
		HPDF_Image img = pdf_image_of(f, doc, i);
		if (!img)
			continue;
		HPDF_Name cs = HPDF_Dict_GetItem(img, "ColorSpace", HPDF_OCLASS_NAME);
		if (HPDF_Dict_GetItem(img, "SMask", HPDF_OCLASS_DICT)) {
			*why = "this image has transparency (an alpha channel or a transparent colour), "
			       "which PDF/A-1 forbids";
			return (long)i;
		}
		if (cs && strcmp(HPDF_Name_GetValue(cs), "DeviceCMYK") == 0) {
			*why = "this image is CMYK, which a PDF/A-1 file with an sRGB output intent "
			       "cannot hold";
			return (long)i;
		}
	}
	return -1;
}

/* ---- XMP ------------------------------------------------------------------------------- */

/* <NAME><rdf:KIND><rdf:li [xml:lang="x-default"]>text</rdf:li></rdf:KIND></NAME> */
static int xmp_list(xmlTextWriterPtr w, const char *name, const char *kind, const char *text)
{
	int bad = 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST name) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST kind) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "rdf:li") < 0;
	if (strcmp(kind, "rdf:Alt") == 0)
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST "x-default") < 0;
	bad |= xmlTextWriterWriteString(w, BAD_CAST text) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	return bad ? -1 : 0;
}

static int xmp_text(xmlTextWriterPtr w, const char *name, const char *text)
{
	if (!text)
		return 0;
	return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text) < 0 ? -1 : 0;
}

/* <rdf:Description rdf:about="" xmlns:PREFIX="URI"> */
static int xmp_start(xmlTextWriterPtr w, const char *prefix, const char *uri)
{
	char attr[32];
	int bad = xmlTextWriterStartElement(w, BAD_CAST "rdf:Description") < 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:about", BAD_CAST "") < 0;
	snprintf(attr, sizeof attr, "xmlns:%s", prefix);
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST uri) < 0;
	return bad ? -1 : 0;
}

/*
 * The XMP packet: each entry of the document information has its XMP
 * counterpart with the same text (ISO 19005-1, 6.7.3): Title dc:title,
 * Author dc:creator, Subject dc:description, Keywords pdf:Keywords, Creator
 * xmp:CreatorTool, Producer pdf:Producer, the dates xmp:CreateDate and
 * xmp:ModifyDate (doc->created is already the XMP form of the time).
 */
static int xmp_write(xmlTextWriterPtr w, const struct lay_doc *doc, const char *producer,
		     int claim)
{
	int bad = 0;
	/* U+FEFF in UTF-8 in the packet header, as XMP asks */
	bad |= xmlTextWriterWritePI(w, BAD_CAST "xpacket",
				    BAD_CAST "begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"") < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "x:xmpmeta") < 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:x", BAD_CAST "adobe:ns:meta/") < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "rdf:RDF") < 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:rdf",
					   BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#") < 0;
	if (claim) {
		bad |= xmp_start(w, "pdfaid", "http://www.aiim.org/pdfa/ns/id/");
		bad |= xmp_text(w, "pdfaid:part", "1");
		bad |= xmp_text(w, "pdfaid:conformance", "B");
		bad |= xmlTextWriterEndElement(w) < 0;
	}
	bad |= xmp_start(w, "dc", "http://purl.org/dc/elements/1.1/");
	bad |= xmp_text(w, "dc:format", "application/pdf");
	if (doc->title)
		bad |= xmp_list(w, "dc:title", "rdf:Alt", doc->title);
	if (doc->author)
		bad |= xmp_list(w, "dc:creator", "rdf:Seq", doc->author);
	if (doc->subject)
		bad |= xmp_list(w, "dc:description", "rdf:Alt", doc->subject);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmp_start(w, "xmp", "http://ns.adobe.com/xap/1.0/");
	bad |= xmp_text(w, "xmp:CreatorTool", doc->creator);
	bad |= xmp_text(w, "xmp:CreateDate", doc->created);
	bad |= xmp_text(w, "xmp:ModifyDate", doc->created);
	bad |= xmp_text(w, "xmp:MetadataDate", doc->created);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmp_start(w, "pdf", "http://ns.adobe.com/pdf/1.3/");
	bad |= xmp_text(w, "pdf:Producer", producer);
	bad |= xmp_text(w, "pdf:Keywords", doc->keywords);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;     /* rdf:RDF */
	bad |= xmlTextWriterEndElement(w) < 0;     /* x:xmpmeta */
	bad |= xmlTextWriterWritePI(w, BAD_CAST "xpacket", BAD_CAST "end=\"r\"") < 0;
	bad |= xmlTextWriterFlush(w) < 0;
	return bad ? -1 : 0;
}

/* The catalog's /Metadata: an uncompressed XML stream (PDF/A-1 forbids a filter on it). */
static void add_metadata(HPDF_Doc pdf, const struct lay_doc *doc, int claim)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	int bad = !w || xmp_write(w, doc, HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER), claim) < 0;
	if (w)
		xmlFreeTextWriter(w);
	if (bad) {
		if (buf)
			xmlBufferFree(buf);
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);    /* jumps out */
		return;
	}
	HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	HPDF_STATUS st = HPDF_Stream_Write(md->stream, xmlBufferContent(buf),
					   (HPDF_UINT)xmlBufferLength(buf));
	xmlBufferFree(buf);
	if (st == HPDF_OK)
		HPDF_Dict_Add(pdf->catalog, "Metadata", md);
}

/* ---- fonts -------------------------------------------------------------------------------- */

/*
 * libharu embeds a subset of each face (the glyphs used; its name has a
 * "HPDFAA+" tag), and PDF/A-1 wants the font descriptor of a CIDFont subset
 * to list the CIDs it holds in a /CIDSet stream (ISO 19005-1, 6.3.5), which
 * libharu does not write.  libharu makes the descriptor and the embedded
 * font when it saves the font, so its own step for that runs here first (it
 * runs again on saving and then keeps the descriptor it finds); the glyphs
 * are all marked by now.  With the UTF-8 encoder a CID is the character's
 * code, mapped to its glyph by the font's cmap, as libharu's /CIDToGIDMap
 * does; a CID is in the set when its glyph is embedded (CID 0, .notdef,
 * always is).
 */
static void add_cid_set(struct pdf_fonts *f, int face)
{
	HPDF_Font font = f->font[face];
	HPDF_FontAttr attr = font ? (HPDF_FontAttr)font->attr : NULL;
	if (!attr || !font->before_write_fn || attr->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return;
	if (font->before_write_fn(font) != HPDF_OK || !attr->fontdef->descriptor)
		return;             /* the error is with libharu, whose handler jumps out */
	HPDF_TTFontDefAttr tt = (HPDF_TTFontDefAttr)attr->fontdef->attr;
	HPDF_BYTE bits[65536 / 8] = { 0 };
	size_t len = 1;
	bits[0] = 0x80;
	for (unsigned cid = 1; cid < 65536; cid++) {
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cid);
		if (gid && gid < tt->num_glyphs && tt->glyph_tbl.flgs[gid]) {
			bits[cid / 8] |= (HPDF_BYTE)(0x80 >> (cid % 8));
			len = cid / 8 + 1;
		}
	}
	HPDF_Dict set = HPDF_DictStream_New(f->pdf->mmgr, f->pdf->xref);
	set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_Write(set->stream, bits, (HPDF_UINT)len);
	HPDF_Dict_Add(attr->fontdef->descriptor, "CIDSet", set);
}

/* ---- output intent, language, identifier ------------------------------------------------ */

static void add_output_intent(HPDF_Doc pdf, const unsigned char *icc, size_t len)
{
	HPDF_Dict profile = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(profile, "N", 3);
	HPDF_Stream_Write(profile->stream, icc, (HPDF_UINT)len);
	HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	HPDF_Dict_Add(intent, "OutputConditionIdentifier",
		      HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(pdf->mmgr, "http://www.color.org", NULL));
	HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(intent, "DestOutputProfile", profile);
	HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
	HPDF_Array_Add(intents, intent);
	HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
}

static int hex_value(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

/*
 * The trailer's /ID, which PDF/A requires: the first 16 bytes of the SHA-256
 * of the document information and page count, twice (a new file has both
 * parts equal).  Made from content, not from the clock, so that the same
 * input gives the same bytes.  The parts are NUL-separated in what is hashed.
 */
static void add_id(HPDF_Doc pdf, const struct lay_doc *doc)
{
	const char *parts[] = { doc->title, doc->author, doc->subject, doc->keywords, doc->creator,
				doc->created, doc->lang };
	size_t n = sizeof parts / sizeof parts[0];
	char *s = xasprintf("%zu", doc->npages);
	size_t len = strlen(s) + 1;
	for (size_t i = 0; i < n; i++) {
		const char *part = parts[i] ? parts[i] : "";
		size_t plen = strlen(part) + 1;
		s = xreallocarray(s, len + plen, 1);
		memcpy(s + len, part, plen);
		len += plen;
	}
	char hex[DIGEST_HEX_LEN];
	int hashed = digest_sha256(s, len, hex) == 0;
	free(s);
	if (!hashed) {
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);    /* jumps out */
		return;
	}
	HPDF_BYTE id[16];
	for (int i = 0; i < 16; i++)
		id[i] = (HPDF_BYTE)(hex_value(hex[2 * i]) << 4 | hex_value(hex[2 * i + 1]));
	HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
	HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, id, sizeof id));
	HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, id, sizeof id));
	HPDF_Dict_Add(pdf->trailer, "ID", arr);
}

void pdfa_finish(struct pdf_fonts *f, const struct lay_doc *doc, const unsigned char *icc,
		 size_t len, int claim)
{
	HPDF_Doc pdf = f->pdf;
	/* every face: libharu writes the unused ones too (with .notdef only) */
	for (int face = 0; face < LAY_FACE_COUNT; face++)
		add_cid_set(f, face);
	add_metadata(pdf, doc, claim);
	add_output_intent(pdf, icc, len);
	if (doc->lang)
		HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, doc->lang, NULL));
	add_id(pdf, doc);
	/* PDF/A-1 is based on PDF 1.4; libharu starts at 1.3 and raises it for what it writes */
	if (pdf->pdf_version < HPDF_VER_14)
		pdf->pdf_version = HPDF_VER_14;
}
