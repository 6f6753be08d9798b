/*
 * xlsxout.c - an .xlsx file from a checked workbook description
 * (xlsxout_check.c), written with libxlsxwriter: the named styles become
 * formats, the sheets get their frozen rows, filters, column widths and
 * print setup, and the cells their values.
 */
#include "srmap/write/xlsxout.h"
#include "xlsxout_plan.h"
#include "srmap/base/alloc.h"
#include "srmap/base/libmem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct format_entry {
	uint32_t mask;          /* the styles, as bits over xlsx_styles */
	lxw_format *format;     /* the workbook's */
};

struct writer {
	lxw_workbook *wb;
	struct format_entry *formats;
	size_t nformats, cap;
	lxw_error err;          /* the first failure, or LXW_NO_ERROR */
	int err_errno;          /* errno just after it */
};

/* Keeps the first failure, with errno when it was a file operation's (the others leave it stale). */
static void failed(struct writer *w, lxw_error e)
{
	if (e == LXW_NO_ERROR || w->err != LXW_NO_ERROR)
		return;
	w->err = e;
	w->err_errno = 0;
	if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE ||
	    e == LXW_ERROR_READING_TMPFILE || e == LXW_ERROR_ZIP_FILE_OPERATION ||
	    e == LXW_ERROR_ZIP_CLOSE)
		w->err_errno = errno;
}

/*
 * libxlsxwriter prints its own account of a failed file operation on
 * stderr, naming the temporary file; srmap reports the failure once, naming
 * the output, so stderr is pointed at /dev/null around the calls that do.
 * Nothing of srmap's prints or allocates in between.  Returns the saved
 * stderr, or -1 (then nothing was changed).
 */
static int quiet_begin(void)
{
	fflush(stderr);
	int saved = fcntl(2, F_DUPFD_CLOEXEC, 3);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved < 0 || null < 0 || dup2(null, 2) < 0) {
		if (saved >= 0)
			close(saved);
		if (null >= 0)
			close(null);
		return -1;
	}
	close(null);
	return saved;
}

static void quiet_end(int saved)
{
	if (saved < 0)
		return;
	int e = errno;
	dup2(saved, 2);
	close(saved);
	errno = e;
}

/* Every cell is aligned to the top, so that a row grown by wrapped text reads from its first line. */
static lxw_format *format_for(struct writer *w, uint32_t mask)
{
	for (size_t i = 0; i < w->nformats; i++)
		if (w->formats[i].mask == mask)
			return w->formats[i].format;
	lxw_format *f = workbook_add_format(w->wb);
	if (!f) {
		failed(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	for (size_t i = 0; xlsx_styles[i].name; i++) {
		const struct xlsx_style *s = &xlsx_styles[i];
		if (!((mask >> i) & 1))
			continue;
		if (s->sets & LOOK_BOLD)
			format_set_bold(f);
		if (s->sets & LOOK_SIZE)
			format_set_font_size(f, s->size);
		if (s->sets & LOOK_FILL)
			format_set_bg_color(f, s->fill);
		if (s->sets & LOOK_COLOR)
			format_set_font_color(f, s->color);
		if (s->sets & LOOK_WRAP)
			format_set_text_wrap(f);
		if (s->sets & LOOK_BORDER)
			format_set_bottom(f, LXW_BORDER_THIN);
		if (s->sets & LOOK_NUMBER)
			format_set_num_format(f, s->number);
	}
	GROW(w->formats, w->cap, w->nformats + 1);
	w->formats[w->nformats++] = (struct format_entry){ mask, f };
	return f;
}

static void write_cell(struct writer *w, lxw_worksheet *ws, xmlNodePtr cell, lxw_row_t r,
		       lxw_col_t col)
{
	xmlChar *type = xmlGetNoNsProp(cell, BAD_CAST "type");
	xmlChar *style = xmlGetNoNsProp(cell, BAD_CAST "style");
	uint32_t mask = 0;
	char *problem = NULL;
	if (style)
		xlsx_style_mask((const char *)style, &mask, &problem);    /* checked before */
	free(problem);
	lxw_format *f = format_for(w, mask);
	xmlChar *content = xmlNodeGetContent(cell);
	const char *text = content ? (const char *)content : "";
	if (f && type && xmlStrEqual(type, BAD_CAST "number")) {
		failed(w, worksheet_write_number(ws, r, col, strtod(text, NULL), f));
	} else if (f && !*text) {
		if (style)
			failed(w, worksheet_write_blank(ws, r, col, f));
	} else if (f) {
		int cut;
		size_t len = xlsx_text(text, NULL, &cut);
		char *value = xmalloc(len + 1);
		xlsx_text(text, value, &cut);
		failed(w, worksheet_write_string(ws, r, col, value, f));
		free(value);
	}
	xmlFree(content);
	xmlFree(type);
	xmlFree(style);
}

static double column_width(const struct xlsx_column *c)
{
	if (c->width > 0)
		return c->width;
	if (!c->measured)
		return 0;
	return c->measured + 1 < XLSXOUT_MAX_WIDTH ? c->measured + 1 : XLSXOUT_MAX_WIDTH;
}

static void write_sheet(struct writer *w, const struct xlsx_sheet *s)
{
	int quiet = quiet_begin();
	errno = 0;
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, s->name);
	int e = errno;
	quiet_end(quiet);
	if (!ws) {
		/* in constant-memory mode a worksheet begins with its temporary file */
		errno = e;
		failed(w, e == ENOMEM || !e ? LXW_ERROR_MEMORY_MALLOC_FAILED : LXW_ERROR_CREATING_TMPFILE);
		return;
	}
	for (size_t i = 0; i < s->ncolumn; i++) {
		double width = column_width(&s->column[i]);
		if (width > 0)
			failed(w, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width, NULL));
	}
	if (s->freeze_rows || s->freeze_columns)
		worksheet_freeze_panes(ws, s->freeze_rows, (lxw_col_t)s->freeze_columns);
	lxw_row_t header = s->freeze_rows ? s->freeze_rows - 1 : 0;
	if (s->autofilter && s->columns)
		failed(w, worksheet_autofilter(ws, header, 0, (lxw_row_t)(s->rows - 1),
					       (lxw_col_t)(s->columns - 1)));
	/* printed, the frozen rows head every page, and a page is as wide as the sheet */
	if (s->freeze_rows)
		failed(w, worksheet_repeat_rows(ws, 0, header));
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	lxw_row_t r = 0;
	for (xmlNodePtr row = s->node->children; row && w->err == LXW_NO_ERROR; row = row->next) {
		if (row->type != XML_ELEMENT_NODE || !xmlStrEqual(row->name, BAD_CAST "row"))
			continue;
		lxw_col_t col = 0;
		for (xmlNodePtr cell = row->children; cell; cell = cell->next)
			if (cell->type == XML_ELEMENT_NODE)
				write_cell(w, ws, cell, r, col++);
		r++;
	}
}

/* Reports a failure to write the workbook; a failed allocation ends the run. */
static int write_failed(const struct writer *w, const struct xlsxout_file *out, struct diag_list *d)
{
	if (w->err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		alloc_exhausted();
	if (w->err_errno)
		diag_add(d, DIAG_ERROR, out->shown, 0, 0, "cannot write: %s", strerror(w->err_errno));
	else
		diag_add(d, DIAG_ERROR, out->shown, 0, 0, "cannot write: %s", lxw_strerror(w->err));
	return XLSXOUT_ERR_WRITE;
}

int xlsxout_write(xmlDocPtr doc, const char *name, const struct xlsxout_file *out,
		  struct diag_list *d)
{
	struct xlsx_plan p;
	if (xlsx_plan_check(&p, doc, name, d) < 0) {
		xlsx_plan_release(&p);
		libmem_check();
		return XLSXOUT_ERR_SHAPE;
	}
	/*
	 * Constant memory: a row goes to the sheet's temporary file when the
	 * next begins, so the workbook never holds a second copy of the
	 * template's result.  The temporaries live beside the output, in the
	 * set folder, not in the system's temporary folder, which may be memory.
	 */
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = (char *)out->tmpdir,
				     .use_zip64 = LXW_FALSE };
	struct writer w = { .err = LXW_NO_ERROR };
	errno = 0;
	w.wb = workbook_new_opt(out->path, &opt);
	if (!w.wb) {
		xlsx_plan_release(&p);
		alloc_exhausted();      /* it only allocates */
	}
	lxw_doc_properties props = {
		.title = p.prop[PROP_TITLE], .subject = p.prop[PROP_SUBJECT],
		.author = p.prop[PROP_AUTHOR], .manager = p.prop[PROP_MANAGER],
		.company = p.prop[PROP_COMPANY], .category = p.prop[PROP_CATEGORY],
		.keywords = p.prop[PROP_KEYWORDS], .comments = p.prop[PROP_COMMENTS],
		.created = (time_t)p.created
	};
	failed(&w, workbook_set_properties(w.wb, &props));
	for (size_t i = 0; i < p.nsheet && w.err == LXW_NO_ERROR; i++)
		write_sheet(&w, &p.sheet[i]);
	/* Closing writes the file, and frees the workbook whether or not anything failed. */
	int quiet = quiet_begin();
	errno = 0;
	lxw_error closed = workbook_close(w.wb);
	int e = errno;
	quiet_end(quiet);
	errno = e;
	failed(&w, closed);
	free(w.formats);
	xlsx_plan_release(&p);
	libmem_check();
	return w.err == LXW_NO_ERROR ? XLSXOUT_OK : write_failed(&w, out, d);
}
