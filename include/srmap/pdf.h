/*
 * srmap/pdf.h - the pdf stage as the stages above see it: the layout engine and the PDF
 * renderer: a layout XML document in, a PDF out.
 *
 * Uses base only; it knows nothing of assessments.  Files of the stage itself include the
 * headers below one by one.
 */
#ifndef SRMAP_PDF_STAGE_H
#define SRMAP_PDF_STAGE_H

#include "srmap/pdf/pdf.h"

#endif
