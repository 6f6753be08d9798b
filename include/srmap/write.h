/*
 * srmap/write.h - the write stage as the stages above see it: the deliverables: the canonical
 * assessment XML, the templates that turn it into every other format, the report set written
 * atomically into the output folder, and verify.
 *
 * Uses assess, read, model, pdf and base.  Files of the stage itself include the headers below
 * one by one.
 */
#ifndef SRMAP_WRITE_STAGE_H
#define SRMAP_WRITE_STAGE_H

#include "srmap/write/emit.h"
#include "srmap/write/merge.h"
#include "srmap/write/part.h"
#include "srmap/write/outdir.h"
#include "srmap/write/report.h"
#include "srmap/write/sign.h"
#include "srmap/write/template.h"
#include "srmap/write/verify.h"

#endif
