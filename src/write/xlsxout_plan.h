/*
 * xlsxout_plan.h - what the check of a workbook description found, shared by
 * the check (xlsxout_check.c) and the writer (xlsxout.c): the sheets with
 * their settings and column widths, the document properties, and the table
 * of named styles.
 */
#ifndef SRMAP_XLSXOUT_PLAN_H
#define SRMAP_XLSXOUT_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "srmap/base/diag.h"

/* What Excel holds (and libxlsxwriter refuses beyond). */
#define XLSX_ROWS 1048576u
#define XLSX_COLUMNS 16384u
#define XLSX_CELL_TEXT 32767u      /* characters of one cell */
#define XLSX_SHEET_NAME 31u        /* characters of a sheet name */
#define XLSX_WIDTH_LIMIT 255.0     /* the widest column Excel draws */

/* What a named style sets; a cell may name several, as long as no two set one valued property. */
enum xlsx_look {
	LOOK_BOLD = 1 << 0,
	LOOK_SIZE = 1 << 1,
	LOOK_FILL = 1 << 2,
	LOOK_COLOR = 1 << 3,
	LOOK_WRAP = 1 << 4,
	LOOK_BORDER = 1 << 5,
	LOOK_NUMBER = 1 << 6
};
#define LOOK_VALUED (LOOK_SIZE | LOOK_FILL | LOOK_COLOR | LOOK_NUMBER)

struct xlsx_style {
	const char *name;       /* as a cell's style attribute names it */
	unsigned sets;          /* enum xlsx_look bits */
	double size;            /* LOOK_SIZE: points */
	uint32_t fill, color;   /* LOOK_FILL, LOOK_COLOR: 0xRRGGBB */
	const char *number;     /* LOOK_NUMBER: Excel's number format */
	int widens;             /* whether its text counts for the column width */
};

/* The styles, ending with a row whose name is NULL; at most 32. */
extern const struct xlsx_style xlsx_styles[];

struct xlsx_column {
	double width;           /* the template's width, or 0 */
	unsigned measured;      /* the widest line of its cells, in character widths */
	int filter;             /* its cell of the filter row was measured with the drop-down */
};

struct xlsx_sheet {
	xmlNodePtr node;        /* borrowed from the document */
	char *name;             /* owned */
	unsigned freeze_rows, freeze_columns;
	int autofilter;
	size_t rows, columns;   /* rows, and the most cells of one row */
	struct xlsx_column *column;   /* owned: one per column up to columns (or more, from columns) */
	size_t ncolumn, cap;
};

enum xlsx_prop { PROP_TITLE, PROP_SUBJECT, PROP_AUTHOR, PROP_MANAGER, PROP_COMPANY,
		 PROP_CATEGORY, PROP_KEYWORDS, PROP_COMMENTS, PROP_COUNT };

/* The workbook attributes of the document properties, in enum xlsx_prop order. */
extern const char *const xlsx_prop_names[PROP_COUNT];

struct xlsx_plan {
	struct xlsx_sheet *sheet;   /* owned */
	size_t nsheet, cap;
	int64_t created;            /* the created attribute, seconds since the epoch */
	char *prop[PROP_COUNT];     /* owned; NULL when not given */
};

/*
 * Checks the workbook description doc (xlsxout.h lists what is refused)
 * and fills *p.  Returns 0, or -1 after reporting the problems to d naming
 * the template name.  Release *p with xlsx_plan_release in both cases.
 */
int xlsx_plan_check(struct xlsx_plan *p, xmlDocPtr doc, const char *name, struct diag_list *d);

/* Frees what *p owns; *p is empty afterwards. */
void xlsx_plan_release(struct xlsx_plan *p);

/*
 * The styles the space-separated list s names, as bits over xlsx_styles.
 * Returns 0; or -1 with *problem set to what is wrong (an unknown name, two
 * styles that set one valued property), a message the caller frees.
 */
int xlsx_style_mask(const char *s, uint32_t *mask, char **problem);

/*
 * The text of a cell as Excel is to be given it: each "_xHHHH_" of s (which
 * Excel would read as the character HHHH) with its underscore written
 * "_x005F_", and cut so that Excel counts no more than XLSX_CELL_TEXT
 * characters.  Writes it with a NUL into out when out is not NULL (room for
 * the length returned plus one), sets *cut to whether anything was cut,
 * and returns its length in bytes.
 */
size_t xlsx_text(const char *s, char *out, int *cut);

#endif
