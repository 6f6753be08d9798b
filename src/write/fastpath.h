/*
 * fastpath.h - C writers that stand in for shipped templates, byte for byte.
 *
 * Every format after the canonical XML is defined by its template, and a user
 * changes a format by changing its template.  A shipped template too slow for
 * large estates may have a C writer that makes the same bytes from the same
 * document; it stands in only for that template file exactly as shipped (its
 * SHA-256 is the one the writer was made for), so an edited or user template
 * always runs as written.  SRMAP_XSLT_ONLY=1 in the environment makes every
 * format with its template.
 */
#ifndef SRMAP_WRITE_FASTPATH_H
#define SRMAP_WRITE_FASTPATH_H

#include <libxml/tree.h>

/*
 * Writes the format of the canonical document doc to fd.  Returns 0; -1 when
 * writing failed (errno set); or FASTPATH_DECLINED, having written nothing,
 * when the template is to run instead (it then reports what is wrong).
 */
typedef int (*fastpath_writer)(xmlDocPtr doc, int fd);

#define FASTPATH_DECLINED 1

/*
 * The C writer standing in for the template at xsl_path, or NULL when the
 * template is to be run: none for that file, the file not as shipped, or
 * SRMAP_XSLT_ONLY set.
 */
fastpath_writer fastpath_for(const char *xsl_path);

/*
 * Whether the PDF template at xsl_path is the shipped report-pdf.xsl, whose
 * layout document pdfr_build (pdfreport.h) makes: 0 for any other file, an
 * edited copy, or with SRMAP_XSLT_ONLY set.
 */
int fastpath_pdf(const char *xsl_path);

#endif
