/*
 * srmap/model.h - the model stage as the stages above see it: the reference data every later
 * stage reads: the catalog (layers, the responsibility matrix, resource types, controls and
 * their citations, frameworks), the mappings of other tools' identifiers to controls, the
 * engagement profile, and the names of the model's values.
 *
 * Uses base only.  Files of the stage itself include the headers below one by one.
 */
#ifndef SRMAP_MODEL_STAGE_H
#define SRMAP_MODEL_STAGE_H

#include "srmap/model/catalog.h"
#include "srmap/model/mapping.h"
#include "srmap/model/model.h"
#include "srmap/model/profile.h"

#endif
