/*
 * layout_chart.c - charts as vector drawing items: horizontal bars, stacked
 * bars and donuts, each with value labels and a legend.
 *
 * Flat, two-dimensional and labelled: every bar carries its value at its
 * end, stacked segments carry theirs inside when the label fits (the legend
 * always gives each series' total), and donut segments are listed in the
 * legend with value and share.  At most six palette colours (Okabe-Ito,
 * distinguishable with the common colour-vision deficiencies).
 */
#include "layout_chart.h"
#include "layout_break.h"
#include "layout_font.h"
#include "layout_items.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint32_t palette[6] = { 0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9,
				     0xD55E00 };

#define AXIS_COLOR 0x9E9E9E
#define LABEL_COLOR 0x333333

static uint32_t text_on(uint32_t fill)
{
	double lum = 0.299 * (fill >> 16 & 0xFF) + 0.587 * (fill >> 8 & 0xFF) + 0.114 * (fill & 0xFF);
	return lum > 150 ? 0x1A1A1A : 0xFFFFFF;
}

/* "11,778", "29.5%": whole numbers without decimals, thousands separated by commas. */
static void fmt_value(double v, const char *unit, char *buf, size_t size)
{
	char num[64];
	if (fabs(v - floor(v + 0.5)) < 0.05)
		snprintf(num, sizeof num, "%.0f", floor(v + 0.5));
	else
		snprintf(num, sizeof num, "%.1f", v);
	size_t digits = strspn(num, "0123456789");
	char grouped[96];
	size_t o = 0;
	for (size_t i = 0; num[i] && o + 2 < sizeof grouped; i++) {
		if (i > 0 && i < digits && (digits - i) % 3 == 0)
			grouped[o++] = ',';
		grouped[o++] = num[i];
	}
	if (!size)
		return;
	size_t n = o < size - 1 ? o : size - 1;
	memcpy(buf, grouped, n);
	size_t ul = unit ? strlen(unit) : 0, m = ul < size - 1 - n ? ul : size - 1 - n;
	if (m)
		memcpy(buf + n, unit, m);
	buf[n + m] = '\0';
}

static double width_of(struct lay_fonts *f, enum lay_face face, double size, const char *s)
{
	return lay_text_width(f, face, size, s, strlen(s));
}

/* A text cut to width, drawn at baseline (x, y). */
static void fitted(struct lay_items *out, struct lay_fonts *f, double x, double y,
		   enum lay_face face, double size, uint32_t color, const char *s, double width)
{
	char *t = lay_fit_text(f, face, size, s, width);
	lay_items_shaped(out, f, x, y, face, size, color, t);
	free(t);
}

struct legend_entry {
	uint32_t color;
	char *text;            /* owned */
};

/* Lays the legend out in rows from (x, y) within width; returns its height. */
static double legend(struct lay_items *out, struct lay_fonts *f, struct legend_entry *e, size_t n,
		     double x, double y, double width, double size, int vertical)
{
	double lh = lay_line_height(size), sw = 0.8 * size;
	double cx = x, cy = y;
	for (size_t i = 0; i < n; i++) {
		double tw = width_of(f, LAY_FACE_REGULAR, size, e[i].text);
		double need = sw + 4 + tw + 12;
		if (!vertical && cx > x && cx + need > x + width) {
			cx = x;
			cy += lh;
		}
		lay_items_rect(out, cx, cy + (lh - sw) / 2, sw, sw, e[i].color, LAY_NONE, 0);
		fitted(out, f, cx + sw + 4, cy + lay_baseline(size) - 0.05 * size, LAY_FACE_REGULAR,
		       size, LABEL_COLOR, e[i].text, width - sw - 4);
		if (vertical) {
			cy += lh;
		} else {
			cx += need;
		}
	}
	return n ? cy + (vertical ? 0 : lh) - y : 0;
}

static void free_legend(struct legend_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].text);
	free(e);
}

static uint32_t series_color(const struct lay_block *b, size_t i, uint32_t brand)
{
	if (b->series[i].color != LAY_NONE)
		return b->series[i].color;
	if (b->nseries == 1 && b->chart == CHART_BAR)
		return brand;
	return palette[i % 6];
}

/* ---- horizontal bars (bar and stacked-bar) ---------------------------------------------- */

struct category {
	const char *label;
	double total;
};

static double bars(struct lay_fonts *f, const struct lay_block *b, double x, double y0,
		   double width, double avail_h, double size, uint32_t brand,
		   struct lay_items *out)
{
	int stacked = b->chart == CHART_STACKED_BAR;
	size_t nser = stacked ? b->nseries : 1;

	/* categories: the points of the first series, then labels only later series have */
	struct category *cat = NULL;
	size_t ncat = 0, capc = 0;
	for (size_t s = 0; s < nser; s++)
		for (size_t i = 0; i < b->series[s].n; i++) {
			const struct lay_point *p = &b->series[s].points[i];
			size_t k = 0;
			while (k < ncat && strcmp(cat[k].label, p->label) != 0)
				k++;
			if (k == ncat) {
				GROW(cat, capc, ncat + 1);
				cat[ncat++] = (struct category){ p->label, 0 };
			}
			cat[k].total += p->value;
		}
	double max = b->max;
	for (size_t k = 0; k < ncat && !(b->max > 0); k++)
		if (cat[k].total > max)
			max = cat[k].total;
	if (!(max > 0))
		max = 1;

	/* geometry */
	double lw = 0, vw = 0;
	char buf[64];
	for (size_t k = 0; k < ncat; k++) {
		double w = width_of(f, LAY_FACE_REGULAR, size, cat[k].label);
		if (w > lw)
			lw = w;
		fmt_value(cat[k].total, b->unit, buf, sizeof buf);
		w = width_of(f, LAY_FACE_BOLD, size, buf);
		if (w > vw)
			vw = w;
	}
	lw = fmin(lw + 6, 0.35 * width);
	vw += 6;
	double x0 = x + lw, area = width - lw - vw;
	if (area < 20)
		area = 20;
	double rh = fmax(lay_line_height(size) + 4, 14);
	if (avail_h > 0 && ncat)
		rh = fmin(fmax(avail_h / (double)ncat, 10), 36);
	double bh = fmin(fmin(0.7 * rh, rh - 2), 1.6 * size + 4);

	double y = y0;
	for (size_t k = 0; k < ncat; k++) {
		double mid = y + rh / 2;
		double base = mid + 0.35 * size;
		fitted(out, f, x, base, LAY_FACE_REGULAR, size, LABEL_COLOR, cat[k].label, lw - 6);
		double cx = x0;
		for (size_t s = 0; s < nser; s++) {
			double v = 0;
			int found = 0;
			for (size_t i = 0; i < b->series[s].n; i++)
				if (!strcmp(b->series[s].points[i].label, cat[k].label)) {
					v += b->series[s].points[i].value;
					found = 1;
				}
			if (!found || v <= 0)
				continue;
			double w = fmin(v / max * area, x0 + area - cx);
			if (w <= 0)
				continue;
			uint32_t col = series_color(b, s, brand);
			for (size_t i = 0; !stacked && i < b->series[s].n; i++)
				if (!strcmp(b->series[s].points[i].label, cat[k].label) &&
				    b->series[s].points[i].color != LAY_NONE)
					col = b->series[s].points[i].color;
			lay_items_rect(out, cx, mid - bh / 2, w, bh, col, LAY_NONE, 0);
			if (stacked) {
				fmt_value(v, b->unit, buf, sizeof buf);
				double ls = size;
				double tw = width_of(f, LAY_FACE_BOLD, ls, buf);
				if (tw + 4 > w) {
					ls = fmax(size * 0.8, 5.5);
					tw = width_of(f, LAY_FACE_BOLD, ls, buf);
				}
				if (tw + 4 <= w)
					lay_items_shaped(out, f, cx + (w - tw) / 2, mid + 0.35 * ls,
							 LAY_FACE_BOLD, ls, text_on(col), buf);
			}
			cx += w;
		}
		fmt_value(cat[k].total, b->unit, buf, sizeof buf);
		lay_items_shaped(out, f, cx + 3, base, LAY_FACE_BOLD, size, LABEL_COLOR, buf);
		y += rh;
	}
	lay_items_line(out, x0, y0, x0, y, AXIS_COLOR, 0.6, 0);
	free(cat);

	/* legend: the series names (with totals when stacked) */
	struct legend_entry *e = xcalloc(nser, sizeof(*e));
	size_t ne = 0;
	for (size_t s = 0; s < nser; s++) {
		if (!b->series[s].name && !stacked)
			continue;
		double tot = 0;
		for (size_t i = 0; i < b->series[s].n; i++)
			tot += b->series[s].points[i].value;
		fmt_value(tot, b->unit, buf, sizeof buf);
		const char *name = b->series[s].name ? b->series[s].name : "";
		e[ne].color = series_color(b, s, brand);
		e[ne].text = stacked ? xasprintf("%s%s%s", name, *name ? ": " : "", buf) : xstrdup(name);
		ne++;
	}
	if (ne)
		y += 4 + legend(out, f, e, ne, x0, y + 4, width - lw, size, 0);
	free_legend(e, nser);
	return y - y0;
}

/* ---- donut ------------------------------------------------------------------------------ */

static double donut(struct lay_fonts *f, const struct lay_block *b, double x, double y0,
		    double width, double avail_h, double size, struct lay_items *out)
{
	const struct lay_series *s = &b->series[0];
	double total = 0;
	for (size_t i = 0; i < s->n; i++)
		total += s->points[i].value;
	double lh = lay_line_height(size);
	double d = avail_h > 0 ? avail_h : 120;
	d = fmin(fmin(d, 0.45 * width), 200);
	if (d < 40)
		d = 40;
	double legend_h = (double)s->n * lh;
	double h = fmax(d, legend_h);
	double cx = x + d / 2, cy = y0 + h / 2;
	double ro = d / 2, ri = 0.58 * ro;
	char buf[64];

	if (total <= 0) {
		struct lay_item w = { .kind = LAY_WEDGE, .x = cx, .y = cy, .w = ro, .h = ri, .a0 = 0,
				      .a1 = 360, .fill = 0xE0E0E0, .stroke = LAY_NONE };
		lay_items_push(out, &w);
	}
	double a = 0;
	for (size_t i = 0; i < s->n && total > 0; i++) {
		double v = s->points[i].value;
		if (v <= 0)
			continue;
		double sweep = v / total * 360.0;
		uint32_t col = s->points[i].color != LAY_NONE ? s->points[i].color : palette[i % 6];
		struct lay_item w = { .kind = LAY_WEDGE, .x = cx, .y = cy, .w = ro, .h = ri, .a0 = a,
				      .a1 = a + sweep, .fill = col, .stroke = 0xFFFFFF, .size = 0.8 };
		lay_items_push(out, &w);
		/* the value on the segment when there is room */
		fmt_value(v, b->unit, buf, sizeof buf);
		double ls = fmax(size * 0.85, 5.5);
		double tw = width_of(f, LAY_FACE_BOLD, ls, buf);
		double rm = (ro + ri) / 2, mid = (a + sweep / 2) * M_PI / 180.0;
		double arc = sweep * M_PI / 180.0 * rm;
		/* the label's box, level, measured across the ring (radially) and along it */
		double across = tw * fabs(sin(mid)) + ls * fabs(cos(mid));
		double along = tw * fabs(cos(mid)) + ls * fabs(sin(mid));
		if (arc > along + 4 && ro - ri > across + 2) {
			double tx = cx + rm * sin(mid), ty = cy - rm * cos(mid);
			lay_items_shaped(out, f, tx - tw / 2, ty + 0.35 * ls, LAY_FACE_BOLD, ls,
					 text_on(col), buf);
		}
		a += sweep;
	}
	/* the total in the middle */
	fmt_value(total, b->unit, buf, sizeof buf);
	double ts = fmin(size * 1.4, ri * 0.7);
	double tw = width_of(f, LAY_FACE_BOLD, ts, buf);
	if (tw < 2 * ri - 4)
		lay_items_shaped(out, f, cx - tw / 2, cy + 0.35 * ts, LAY_FACE_BOLD, ts, LABEL_COLOR, buf);

	/* legend: label, value and share of each point */
	struct legend_entry *e = xcalloc(s->n ? s->n : 1, sizeof(*e));
	for (size_t i = 0; i < s->n; i++) {
		fmt_value(s->points[i].value, b->unit, buf, sizeof buf);
		double pct = total > 0 ? s->points[i].value / total * 100 : 0;
		e[i].color = s->points[i].color != LAY_NONE ? s->points[i].color : palette[i % 6];
		e[i].text = xasprintf("%s: %s (%.0f%%)", s->points[i].label, buf, pct);
	}
	double lx = x + d + 14;
	legend(out, f, e, s->n, lx, y0 + (h - legend_h) / 2, x + width - lx, size, 1);
	free_legend(e, s->n);
	return h;
}

double lay_chart(struct lay_fonts *f, const struct lay_block *b, double x, double width,
		 double base_size, uint32_t brand, struct lay_items *out)
{
	double w = width;
	if (b->width.unit == LEN_PT)
		w = fmin(b->width.v, width);
	else if (b->width.unit == LEN_PCT)
		w = width * b->width.v / 100.0;
	double size = fmax(base_size - 1, 6.5);
	double y = 0;
	if (b->title && *b->title) {
		struct text_style st = { .size = base_size, .color = 0x1A1A1A };
		struct lay_lines lines;
		lay_break_plain(f, b->title, LAY_FACE_BOLD, &st, w, ALIGN_LEFT, &lines);
		for (size_t i = 0; i < lines.n; i++) {
			for (size_t j = 0; j < lines.lines[i].n; j++) {
				const struct lay_frag *fr = &lines.lines[i].frags[j];
				lay_items_text(out, x + fr->x, y + lay_baseline(base_size), fr->face,
					       base_size, 0x1A1A1A, fr->text);
			}
			y += lines.line_h;
		}
		lay_lines_release(&lines);
		y += 4;
	}
	double avail = b->height.unit == LEN_PT ? b->height.v - y : 0;
	if (b->height.unit == LEN_PT && avail < 30)
		avail = 30;
	if (b->chart == CHART_DONUT) {
		y += donut(f, b, x, y, w, avail, size, out);
	} else {
		double legend_room = b->chart == CHART_STACKED_BAR || b->series[0].name ? 
			lay_line_height(size) + 4 : 0;
		y += bars(f, b, x, y, w, avail > 0 ? avail - legend_room : 0, size, brand, out);
	}
	if (b->height.unit == LEN_PT && y < b->height.v)
		y = b->height.v;
	return y;
}
