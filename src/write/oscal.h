/*
 * oscal.h - the OSCAL assessment results written in C, byte for byte what the
 * shipped templates/oscal-ar.xsl makes of the same document.
 *
 * The template is how the format is defined and how a user changes it; this
 * writer is its fast path for large estates (fastpath.h decides when it may
 * stand in).  It reads the same parts of the canonical assessment XML the
 * template declares, and writes the document one observation, risk and finding
 * at a time, so that its memory does not grow with the estate.  Any change to
 * the template must be made here too: tests/test-xml-outputs.sh runs both on
 * every case and compares the bytes.
 */
#ifndef SRMAP_WRITE_OSCAL_H
#define SRMAP_WRITE_OSCAL_H

#include <libxml/tree.h>

/*
 * Writes the OSCAL assessment results of the canonical document doc (borrowed)
 * to fd (left open).  Returns 0, or -1 when writing failed (errno set).
 */
int oscal_write(xmlDocPtr doc, int fd);

#endif
