/*
 * xmlout.c - the element and attribute calls of the canonical XML writers,
 * over libxml2's xmlTextWriter, with the text made XML-safe on the way and
 * the first failure remembered instead of checked at every call.
 */
#include "xmlout.h"
#include "srmap/base/isotime.h"
#include "srmap/base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

/* Returns s itself when it is clean UTF-8 XML text (the common case), else a sanitized copy in *copy. */
const char *xmlout_clean(const char *s, char **copy)
{
	size_t bad;
	unsigned long cp;
	const unsigned char *p = (const unsigned char *)s;
	*copy = NULL;
	while (*p >= 0x20 && *p < 0x7F)   /* printable ASCII needs no further check */
		p++;
	if (!*p)
		return s;
	/* the printable ASCII before p needs no second look */
	if (utf8_validate((const char *)p, strlen((const char *)p), &bad) == 0 &&
	    utf8_xml_safe((const char *)p, &cp) == 0)
		return s;
	*copy = utf8_sanitize(s);
	return *copy;
}

static void write_skipped(struct xmlout *o, const char *section)
{
	char text[96];
	snprintf(text, sizeof text, "%s %zu", section, o->skipped);
	if (xmlTextWriterWritePI(o->w, X("srmap-skip"), X(text)) < 0)
		o->failed = 1;
	o->skipped = 0;
}

int xmlout_mine(struct xmlout *o, const char *section, unsigned shard)
{
	if (!o->plan)
		return 1;
	if (o->plan->shard != shard) {
		o->skipped++;
		return 0;
	}
	if (o->skipped)
		write_skipped(o, section);
	return 1;
}

void xmlout_section_end(struct xmlout *o, const char *section)
{
	if (o->plan && o->skipped)
		write_skipped(o, section);
}

void xmlout_start(struct xmlout *o, const char *name)
{
	if (xmlTextWriterStartElement(o->w, X(name)) < 0)
		o->failed = 1;
}

void xmlout_end(struct xmlout *o)
{
	if (xmlTextWriterEndElement(o->w) < 0)
		o->failed = 1;
}

void xmlout_attr(struct xmlout *o, const char *name, const char *value)
{
	if (!value)
		return;
	char *copy;
	if (xmlTextWriterWriteAttribute(o->w, X(name), X(xmlout_clean(value, &copy))) < 0)
		o->failed = 1;
	free(copy);
}

void xmlout_attrf(struct xmlout *o, const char *name, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	xmlout_attr(o, name, buf);
}

void xmlout_attr_count(struct xmlout *o, const char *name, size_t n)
{
	xmlout_attrf(o, name, "%zu", n);
}

void xmlout_attr_time(struct xmlout *o, const char *name, int64_t t)
{
	char buf[ISOTIME_LEN];
	isotime_format(t, buf);
	xmlout_attr(o, name, buf);
}

void xmlout_attr_score(struct xmlout *o, const char *name, int tenths)
{
	if (tenths >= 0)
		xmlout_attrf(o, name, "%d.%d", tenths / 10, tenths % 10);
}

void xmlout_text_element(struct xmlout *o, const char *name, const char *text)
{
	if (!text)
		return;
	char *copy;
	if (xmlTextWriterWriteElement(o->w, X(name), X(xmlout_clean(text, &copy))) < 0)
		o->failed = 1;
	free(copy);
}

static void quiet_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

void xmlout_quiet(int on)
{
	xmlSetGenericErrorFunc(NULL, on ? quiet_error : NULL);
	xmlSetStructuredErrorFunc(NULL, on ? quiet_structured : NULL);
}
