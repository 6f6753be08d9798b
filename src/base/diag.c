/* diag.c - collects and prints diagnostics in the "srmap: file:line:col:" form. */
#include "srmap/base/diag.h"
#include "srmap/base/alloc.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_init(struct diag_list *d, FILE *stream)
{
	*d = (struct diag_list){ .stream = stream };
}

void diag_release(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->cap = d->errors = d->warnings = 0;
}

static void print_one(FILE *f, const struct diag *g)
{
	fputs("srmap: ", f);
	if (g->file) {
		fputs(g->file, f);
		if (g->line > 0)
			fprintf(f, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		fputs(": ", f);
	}
	if (g->level == DIAG_WARNING)
		fputs("warning: ", f);
	fputs(g->msg, f);
	fputc('\n', f);
}

static void diag_vadd(struct diag_list *d, enum diag_level level, const char *file,
		      int line, int col, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	GROW(d->items, d->cap, d->n + 1);
	struct diag *g = &d->items[d->n++];
	*g = (struct diag){ level, xstrdup(file), line, col, msg };
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->stream && !(d->quiet && level == DIAG_WARNING))
		print_one(d->stream, g);
}

void diag_add(struct diag_list *d, enum diag_level level, const char *file,
	      int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_error_at(struct diag_list *d, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_ERROR, pos.file, pos.line, pos.col, fmt, ap);
	va_end(ap);
}

void diag_warn_at(struct diag_list *d, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_WARNING, pos.file, pos.line, pos.col, fmt, ap);
	va_end(ap);
}

size_t diag_failures(const struct diag_list *d)
{
	return d->errors + (d->strict ? d->warnings : 0);
}
