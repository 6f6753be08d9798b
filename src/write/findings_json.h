/*
 * findings_json.h - findings.json written in C, byte for byte what the
 * shipped templates/findings-json.xsl and jsonout.c make of the same
 * document.
 *
 * The template is how the format is defined and how a user changes it; this
 * writer is its fast path for large estates (fastpath.h decides when it may
 * stand in).  It writes as it reads, so it holds no result tree.  Any change
 * to the template must be made here too: tests/test-xml-outputs.sh runs both
 * on every case and compares the bytes.
 */
#ifndef SRMAP_WRITE_FINDINGS_JSON_H
#define SRMAP_WRITE_FINDINGS_JSON_H

#include <libxml/tree.h>

/* findings_json_write's answer when the template must run instead */
#define FINDINGS_JSON_DECLINED 1

/*
 * Writes findings.json of the canonical document doc (borrowed) to fd (left
 * open).  Returns 0; -1 when writing failed (errno set); or
 * FINDINGS_JSON_DECLINED, having written nothing, for a document on which the
 * template's result would be refused (a count that is not a number): the
 * template then runs and reports it.
 */
int findings_json_write(xmlDocPtr doc, int fd);

#endif
