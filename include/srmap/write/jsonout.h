/*
 * jsonout.h - writes JSON from a template's result in the XML representation
 * of JSON.
 *
 * A JSON format is made as every other format is: by an XSLT template over
 * the canonical XML.  XSLT 1.0 has no JSON output method, so the template
 * describes the JSON in the vocabulary that XPath and XQuery Functions 3.1
 * define for fn:xml-to-json (namespace JSONOUT_NS): elements map, array,
 * string, number, boolean and null, with a key attribute on each child of a
 * map.  This writer checks that description and turns it into JSON text with
 * yajl's generator, which does the escaping; nothing is escaped by hand.
 */
#ifndef SRMAP_JSONOUT_H
#define SRMAP_JSONOUT_H

#include <libxml/tree.h>
#include <yajl/yajl_gen.h>
#include "srmap/base/diag.h"

#define JSONOUT_NS "http://www.w3.org/2005/xpath-functions"

enum jsonout_status {
	JSONOUT_OK = 0,
	JSONOUT_ERR_SHAPE = -1,   /* the document is not JSON in that vocabulary (reported) */
	JSONOUT_ERR_WRITE = -2    /* writing to fd failed; errno says why (not reported) */
};

/*
 * Checks doc and writes the JSON it describes to fd, indented by two
 * spaces, ending with a newline.  Keys keep the document's order.  name is
 * the template, as problems name it: "name:line: json /map/array[2]: ...".
 * Whitespace between elements is ignored; any other text inside a map or an
 * array, an element or attribute outside the vocabulary, a child of a map
 * without a key (or a key given twice), a key outside a map, a number that
 * is not a JSON number, or a boolean other than true, false, 1 or 0 is a
 * problem.  Nothing is written before the whole document has been checked.
 * Returns a jsonout_status.
 */
int jsonout_write(xmlDocPtr doc, const char *name, int fd, struct diag_list *d);

/*
 * For a C writer that must write what jsonout_write would (fastpath.h): a
 * yajl generator configured as jsonout_write's, writing to fd.  Returns it
 * (closed with jsonout_gen_close), or NULL with errno set.
 */
struct jsonout_gen *jsonout_gen_open(int fd);

/* The generator of j (borrowed: valid until jsonout_gen_close). */
yajl_gen jsonout_gen_yajl(struct jsonout_gen *j);

/* Writes an empty map (map set) or array as jsonout_write writes one. */
void jsonout_gen_empty(yajl_gen g, int map);

/* Flushes and frees j.  Returns JSONOUT_OK, or JSONOUT_ERR_WRITE with errno set. */
int jsonout_gen_close(struct jsonout_gen *j);

/* Whether s is a number as RFC 8259 writes one (what a number element may hold). */
int jsonout_is_number(const char *s);

#endif
