/*
 * pdf_draw.c - a laid-out document drawn with libharu: text in the embedded
 * faces, rectangles, lines (dotted or not), ring segments as Bezier arcs and
 * images, with the layout's y flipped into PDF space; link annotations,
 * bookmarks nested by heading level, and the document information.
 */
#include "pdf_draw.h"
#include "layout.h"
#include "pdf_font.h"
#include "pdf_image.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static double red(uint32_t c) { return (c >> 16 & 0xFF) / 255.0; }
static double green(uint32_t c) { return (c >> 8 & 0xFF) / 255.0; }
static double blue(uint32_t c) { return (c & 0xFF) / 255.0; }

/* What is set on the page, so that only changes are written. */
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
		HPDF_Image img = pdf_image_of(f, doc, it->image);
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

#define PAGES_IN_ONE_NODE 8191
#define PAGES_PER_NODE 1024

/* Draws every page, link and bookmark.  libharu errors jump out of here. */
void pdf_draw(struct pdf_fonts *f, const struct lay_doc *doc, HPDF_Page *pages)
{
	HPDF_Doc pdf = f->pdf;
	set_info(pdf, doc);
	HPDF_SetPageMode(pdf, doc->noutline ? HPDF_PAGE_MODE_USE_OUTLINE : HPDF_PAGE_MODE_USE_NONE);
	/* One node of the page tree holds at most 32,767 pages in libharu (an array's limit) and
	   at most 8,191 for older readers: a longer report gets a node for each 1,024 pages. */
	if (doc->npages > PAGES_IN_ONE_NODE)
		HPDF_SetPagesConfiguration(pdf, PAGES_PER_NODE);
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
			/* PDF/A-1 wants every annotation printable (the Print flag, 4) */
			HPDF_Dict_AddNumber(a, "F", 4);
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
