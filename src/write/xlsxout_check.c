/*
 * xlsxout_check.c - the check of a template's workbook description
 * (docs/xlsx.md): the vocabulary, Excel's rules for sheet names and sizes,
 * the named styles and how they look, and the column widths measured from
 * the cells' text.  Nothing here writes.
 */
#include "xlsxout_plan.h"
#include "srmap/write/template.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"
#include "srmap/base/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Pale fills that a dark text reads on; the good, warn and bad pairs are
 * Excel's own Good, Neutral and Bad cell styles, which spreadsheet users know.
 */
const struct xlsx_style xlsx_styles[] = {
	{ "header", LOOK_BOLD | LOOK_FILL | LOOK_BORDER | LOOK_WRAP, 0, 0xD9E1F2, 0, NULL, 1 },
	{ "title", LOOK_BOLD | LOOK_SIZE, 14, 0, 0, NULL, 0 },
	{ "bold", LOOK_BOLD, 0, 0, 0, NULL, 1 },
	{ "wrap", LOOK_WRAP, 0, 0, 0, NULL, 1 },
	{ "decimal", LOOK_NUMBER, 0, 0, 0, "0.0", 1 },
	{ "owner-provider", LOOK_FILL, 0, 0xDDEBF7, 0, NULL, 1 },
	{ "owner-customer", LOOK_FILL, 0, 0xFCE4D6, 0, NULL, 1 },
	{ "owner-shared", LOOK_FILL, 0, 0xE4DFEC, 0, NULL, 1 },
	{ "good", LOOK_FILL | LOOK_COLOR, 0, 0xC6EFCE, 0x006100, NULL, 1 },
	{ "warn", LOOK_FILL | LOOK_COLOR, 0, 0xFFEB9C, 0x9C5700, NULL, 1 },
	{ "bad", LOOK_FILL | LOOK_COLOR, 0, 0xFFC7CE, 0x9C0006, NULL, 1 },
	{ NULL, 0, 0, 0, 0, NULL, 0 }
};

const char *const xlsx_prop_names[PROP_COUNT] = {
	"title", "subject", "author", "manager", "company", "category", "keywords", "comments"
};

/* Problems reported one by one; the rest are counted, so a template wrong on every row stays readable. */
#define SHOWN 10

static const char *const look_names[] = { "bold", "size", "fill", "colour", "wrap", "border",
					  "number format" };

int xlsx_style_mask(const char *s, uint32_t *mask, char **problem)
{
	*mask = 0;
	*problem = NULL;
	for (const char *p = s + strspn(s, " \t\r\n"); *p; p += strspn(p, " \t\r\n")) {
		size_t len = strcspn(p, " \t\r\n");
		size_t i = 0;
		while (xlsx_styles[i].name && !(strlen(xlsx_styles[i].name) == len &&
						 !strncmp(xlsx_styles[i].name, p, len)))
			i++;
		if (!xlsx_styles[i].name) {
			const char *names[40];
			size_t n = 0;
			for (size_t k = 0; xlsx_styles[k].name; k++)
				names[n++] = xlsx_styles[k].name;
			char *all = xjoin(names, n, ", ");
			*problem = xasprintf("style \"%.*s\" is not one of %s", (int)len, p, all);
			free(all);
			return -1;
		}
		for (size_t k = 0; xlsx_styles[k].name; k++) {
			unsigned both = xlsx_styles[k].sets & xlsx_styles[i].sets & LOOK_VALUED;
			if (k != i && ((*mask >> k) & 1) && both) {
				size_t bit = 0;
				while (!((both >> bit) & 1))
					bit++;
				*problem = xasprintf("styles \"%s\" and \"%s\" both set the %s",
						     xlsx_styles[k].name, xlsx_styles[i].name, look_names[bit]);
				return -1;
			}
		}
		*mask |= (uint32_t)1 << i;
		p += len;
	}
	return 0;
}

static int is_hex(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F') || (ch >= 'a' && ch <= 'f');
}

size_t xlsx_text(const char *s, char *out, int *cut)
{
	static const char escape[] = "_x005F";
	size_t len = 0, chars = 0;
	*cut = 0;
	for (size_t i = 0; s[i]; ) {
		int quoted = s[i] == '_' && s[i + 1] == 'x' && is_hex(s[i + 2]) && is_hex(s[i + 3]) &&
			     is_hex(s[i + 4]) && is_hex(s[i + 5]) && s[i + 6] == '_';
		size_t n = 1;
		while (((unsigned char)s[i + n] & 0xC0) == 0x80)
			n++;
		/* the escape is six characters of its own, which libxlsxwriter counts too */
		if (chars + 1 + (quoted ? 6 : 0) > XLSX_CELL_TEXT) {
			*cut = 1;
			break;
		}
		if (quoted && out)
			memcpy(out + len, escape, 6);
		len += quoted ? 6 : 0;
		chars += 1 + (quoted ? 6 : 0);
		if (out)
			memcpy(out + len, s + i, n);
		len += n;
		i += n;
	}
	if (out)
		out[len] = '\0';
	return len;
}

/* ---- reporting ------------------------------------------------------------------------- */

struct checker {
	const char *name;
	struct diag_list *d;
	size_t problems;
};

__attribute__((format(printf, 4, 5)))
static void note(struct checker *c, enum diag_level level, xmlNodePtr n, const char *fmt, ...)
{
	if (level == DIAG_ERROR && ++c->problems > SHOWN)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	template_result_problem(c->d, level, c->name, n, "xlsx", msg);
}

#define bad(c, n, ...) note((c), DIAG_ERROR, (n), __VA_ARGS__)

/* The next element among n and its following siblings, after refusing any text between them. */
static xmlNodePtr element_from(struct checker *c, xmlNodePtr parent, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if (n->type != XML_COMMENT_NODE && n->type != XML_PI_NODE && !template_space_text(n))
			bad(c, parent, "text inside a %s is not part of a cell", (const char *)parent->name);
	}
	return NULL;
}

#define each_element(c, parent, e) \
	for (xmlNodePtr e = element_from((c), (parent), (parent)->children); e; \
	     e = element_from((c), (parent), e->next))

static int named(xmlNodePtr n, const char *name)
{
	return !n->ns && xmlStrEqual(n->name, BAD_CAST name);
}

/* Refuses every attribute of n outside allowed (NULL-terminated). */
static void only_attributes(struct checker *c, xmlNodePtr n, const char *const *allowed)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		size_t i = 0;
		while (allowed[i] && (a->ns || !xmlStrEqual(a->name, BAD_CAST allowed[i])))
			i++;
		if (!allowed[i])
			bad(c, n, "attribute \"%s\" is not supported", (const char *)a->name);
	}
}

/* The attribute's value, or NULL when absent; the caller frees it. */
static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* A count from 0 to limit - 1 written in decimal digits; def when absent. */
static unsigned count_attr(struct checker *c, xmlNodePtr n, const char *name, unsigned limit,
			   unsigned def)
{
	char *v = attr(n, name);
	if (!v)
		return def;
	unsigned long x = 0;
	size_t len = strspn(v, "0123456789");
	if (len && len <= 7 && !v[len])
		x = strtoul(v, NULL, 10);
	if (!len || len > 7 || v[len] || x >= limit) {
		bad(c, n, "%s \"%s\" is not a count from 0 to %u", name, v, limit - 1);
		x = def;
	}
	free(v);
	return (unsigned)x;
}

/* Whether s, less the white space at its ends, is a decimal number (JSON's syntax, leading zeros allowed). */
static int number_text(const char *s, double *out)
{
	s += strspn(s, " \t\r\n");
	const char *p = s;
	if (*p == '-')
		p++;
	size_t k = strspn(p, "0123456789");
	p += k;
	if (*p == '.') {
		size_t f = strspn(++p, "0123456789");
		if (!f)
			return 0;
		p += f;
	}
	if (!k)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		size_t e = strspn(p, "0123456789");
		if (!e)
			return 0;
		p += e;
	}
	if (p[strspn(p, " \t\r\n")])
		return 0;
	*out = strtod(s, NULL);
	return isfinite(*out);
}

/* ---- measuring --------------------------------------------------------------------------- */

/* Characters drawn twice as wide as a Latin letter (East Asian Wide and Fullwidth, broadly). */
static int is_wide(unsigned long cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* The widest line of the UTF-8 text s, in widths of a Latin letter (combining marks take none). */
static unsigned text_width(const char *s)
{
	unsigned widest = 0, line = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned long cp = *p;
		int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
		if (extra)
			cp &= 0x3F >> extra;
		p++;
		for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++)
			cp = cp << 6 | (*p++ & 0x3F);
		if (cp == '\n') {
			line = 0;
			continue;
		}
		if (cp >= 0x300 && cp <= 0x36F)
			continue;
		line += is_wide(cp) ? 2 : 1;
		if (line > widest)
			widest = line;
	}
	return widest;
}

static struct xlsx_column *column_at(struct xlsx_sheet *s, size_t i)
{
	if (i >= s->ncolumn) {
		GROW(s->column, s->cap, i + 1);
		memset(s->column + s->ncolumn, 0, (i + 1 - s->ncolumn) * sizeof(*s->column));
		s->ncolumn = i + 1;
	}
	return &s->column[i];
}

/* ---- the vocabulary ------------------------------------------------------------------------ */

static void check_cell(struct checker *c, xmlNodePtr cell, struct xlsx_sheet *s, size_t row, size_t col)
{
	static const char *const allowed[] = { "type", "style", NULL };
	only_attributes(c, cell, allowed);
	for (xmlNodePtr ch = cell->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE) {
			bad(c, cell, "a cell holds text only");
			return;
		}
	char *type = attr(cell, "type"), *style = attr(cell, "style");
	int number = type && !strcmp(type, "number");
	if (type && !number && strcmp(type, "string"))
		bad(c, cell, "type \"%s\" is not string or number", type);
	uint32_t mask = 0;
	char *problem = NULL;
	if (style && xlsx_style_mask(style, &mask, &problem) < 0)
		bad(c, cell, "%s", problem);
	free(problem);
	xmlChar *content = xmlNodeGetContent(cell);
	const char *text = content ? (const char *)content : "";
	double v;
	if (number && !number_text(text, &v))
		bad(c, cell, "\"%.40s\" is not a number", text);
	int cut = 0;
	if (!number)
		xlsx_text(text, NULL, &cut);
	if (cut)
		note(c, DIAG_WARNING, cell, "text of %zu characters is cut to the %u a cell holds",
		     utf8_count(text, strlen(text)), XLSX_CELL_TEXT);
	int widens = 1;
	for (size_t i = 0; xlsx_styles[i].name; i++)
		if (((mask >> i) & 1) && !xlsx_styles[i].widens)
			widens = 0;
	if (widens && col < XLSX_COLUMNS) {
		struct xlsx_column *k = column_at(s, col);
		unsigned w = text_width(number ? text + strspn(text, " \t\r\n") : text);
		if (s->autofilter && row == (s->freeze_rows ? s->freeze_rows - 1 : 0))
			w += 3;     /* the filter's drop-down covers the end of the header */
		if (w > k->measured)
			k->measured = w;
	}
	xmlFree(content);
	free(type);
	free(style);
}

static void check_columns(struct checker *c, xmlNodePtr columns, struct xlsx_sheet *s)
{
	static const char *const none[] = { NULL };
	static const char *const allowed[] = { "width", NULL };
	only_attributes(c, columns, none);
	size_t i = 0;
	each_element(c, columns, col) {
		if (!named(col, "column")) {
			bad(c, col, "element \"%s\" is not column", (const char *)col->name);
			continue;
		}
		only_attributes(c, col, allowed);
		if (col->children && element_from(c, col, col->children))
			bad(c, col, "a column holds nothing");
		char *w = attr(col, "width");
		double v = 0;
		if (w && (!number_text(w, &v) || v <= 0 || v > XLSX_WIDTH_LIMIT))
			bad(c, col, "width \"%s\" is not a number above 0 and at most %.0f", w,
			    XLSX_WIDTH_LIMIT);
		else if (w && i < XLSX_COLUMNS)
			column_at(s, i)->width = v;
		free(w);
		i++;
	}
	if (i > XLSX_COLUMNS)
		bad(c, columns, "%zu columns; a sheet holds %u", i, XLSX_COLUMNS);
}

static void check_row(struct checker *c, xmlNodePtr row, struct xlsx_sheet *s)
{
	static const char *const none[] = { NULL };
	only_attributes(c, row, none);
	size_t col = 0;
	each_element(c, row, cell) {
		if (!named(cell, "cell"))
			bad(c, cell, "element \"%s\" is not cell", (const char *)cell->name);
		else
			check_cell(c, cell, s, s->rows, col);
		col++;
	}
	if (col > XLSX_COLUMNS)
		bad(c, row, "%zu cells; a row holds %u", col, XLSX_COLUMNS);
	if (col > s->columns)
		s->columns = col;
	s->rows++;
}

/* Excel's rules for the name of a sheet (it compares names without regard to letter case). */
static void check_sheet_name(struct checker *c, xmlNodePtr sheet, const char *name,
			     const struct xlsx_plan *p)
{
	size_t chars = utf8_count(name, strlen(name)), len = strlen(name);
	const char *ctl = name;
	while (*ctl && (unsigned char)*ctl >= 0x20)
		ctl++;
	if (!chars)
		bad(c, sheet, "a sheet needs a name");
	else if (chars > XLSX_SHEET_NAME)
		bad(c, sheet, "sheet name \"%s\" is longer than %u characters", name, XLSX_SHEET_NAME);
	else if (strpbrk(name, "[]:*?/\\"))
		bad(c, sheet, "sheet name \"%s\" holds one of []:*?/\\", name);
	else if (*ctl)
		bad(c, sheet, "sheet name \"%s\" holds a control character", name);
	else if (name[0] == '\'' || name[len - 1] == '\'')
		bad(c, sheet, "sheet name \"%s\" begins or ends with an apostrophe", name);
	else if (!strcasecmp(name, "History"))
		bad(c, sheet, "sheet name \"%s\" is reserved by Excel", name);
	for (size_t i = 0; i < p->nsheet; i++)
		if (chars && !strcasecmp(p->sheet[i].name, name)) {
			bad(c, sheet, "sheet name \"%s\" is given twice", name);
			break;
		}
}

static void check_sheet(struct checker *c, xmlNodePtr sheet, struct xlsx_plan *p)
{
	static const char *const allowed[] = { "name", "freeze-rows", "freeze-columns", "autofilter",
					       NULL };
	only_attributes(c, sheet, allowed);
	struct xlsx_sheet s = { .node = sheet };
	s.name = attr(sheet, "name");
	if (!s.name)
		s.name = xstrdup("");
	check_sheet_name(c, sheet, s.name, p);
	s.freeze_rows = count_attr(c, sheet, "freeze-rows", XLSX_ROWS, 0);
	s.freeze_columns = count_attr(c, sheet, "freeze-columns", XLSX_COLUMNS, 0);
	char *filter = attr(sheet, "autofilter");
	if (filter && strcmp(filter, "yes") && strcmp(filter, "no"))
		bad(c, sheet, "autofilter \"%s\" is not yes or no", filter);
	s.autofilter = filter && !strcmp(filter, "yes");
	free(filter);
	int first = 1;
	each_element(c, sheet, e) {
		if (named(e, "columns") && first)
			check_columns(c, e, &s);
		else if (named(e, "row"))
			check_row(c, e, &s);
		else if (named(e, "columns"))
			bad(c, e, "columns comes before the first row, once");
		else
			bad(c, e, "element \"%s\" is not columns or row", (const char *)e->name);
		first = 0;
	}
	if (s.rows > XLSX_ROWS)
		bad(c, sheet, "%zu rows; a sheet holds %u", s.rows, XLSX_ROWS);
	if (s.autofilter && s.rows <= (s.freeze_rows ? s.freeze_rows - 1 : 0))
		bad(c, sheet, "autofilter=\"yes\" needs the header row %u", s.freeze_rows ? s.freeze_rows : 1);
	GROW(p->sheet, p->cap, p->nsheet + 1);
	p->sheet[p->nsheet++] = s;
}

static void check_workbook(struct checker *c, xmlNodePtr wb, struct xlsx_plan *p)
{
	static const char *const allowed[] = { "created", "title", "subject", "author", "manager",
					       "company", "category", "keywords", "comments", NULL };
	if (!named(wb, "workbook")) {
		bad(c, wb, "element \"%s\" is not workbook%s", (const char *)wb->name,
		    wb->ns ? " (in no namespace)" : "");
		return;
	}
	only_attributes(c, wb, allowed);
	for (int i = 0; i < PROP_COUNT; i++)
		p->prop[i] = attr(wb, xlsx_prop_names[i]);
	char *created = attr(wb, "created");
	if (!created)
		bad(c, wb, "a workbook needs created, the time it is dated (the assessment's generated)");
	else if (isotime_parse(created, &p->created) < 0 || p->created < 315532800)
		bad(c, wb, "created \"%s\" is not a time from 1980 on with a time zone (2026-11-20T00:00:00Z)",
		    created);
	free(created);
	each_element(c, wb, e) {
		if (named(e, "sheet"))
			check_sheet(c, e, p);
		else
			bad(c, e, "element \"%s\" is not sheet", (const char *)e->name);
	}
	if (!p->nsheet)
		bad(c, wb, "a workbook needs a sheet");
}

int xlsx_plan_check(struct xlsx_plan *p, xmlDocPtr doc, const char *name, struct diag_list *d)
{
	*p = (struct xlsx_plan){ 0 };
	struct checker c = { name, d, 0 };
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		diag_add(d, DIAG_ERROR, name, 0, 0, "xlsx: the template made no document");
		return -1;
	}
	check_workbook(&c, root, p);
	if (c.problems > SHOWN)
		diag_add(d, DIAG_ERROR, name, 0, 0, "xlsx: %zu more problems", c.problems - SHOWN);
	return c.problems ? -1 : 0;
}

void xlsx_plan_release(struct xlsx_plan *p)
{
	for (size_t i = 0; i < p->nsheet; i++) {
		free(p->sheet[i].name);
		free(p->sheet[i].column);
	}
	free(p->sheet);
	for (int i = 0; i < PROP_COUNT; i++)
		free(p->prop[i]);
	*p = (struct xlsx_plan){ 0 };
}
