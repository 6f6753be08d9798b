/*
 * srmap/read.h - the read stage as the stages above see it: the inputs: the table of input
 * formats with their detectors, one reader per export format, and the inventory (workloads)
 * and evidence sets they fill.  Readers map other tools' identifiers through the model's
 * mappings.
 *
 * Uses model and base.  Files of the stage itself include the headers below one by one.
 */
#ifndef SRMAP_READ_STAGE_H
#define SRMAP_READ_STAGE_H

#include "srmap/read/evidence.h"
#include "srmap/read/import_env.h"
#include "srmap/read/input.h"
#include "srmap/read/inventory.h"
#include "srmap/read/reader.h"
#include "srmap/read/reader_stats.h"

#endif
