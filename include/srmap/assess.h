/*
 * srmap/assess.h - the assess stage as the stages above see it: the decisions: the owner of
 * every layer of every workload, the status of every applicable control, findings, the roll-up
 * to framework requirements, evidence artifacts, and drift between two assessments.
 *
 * Uses read, model and base.  Files of the stage itself include the headers below one by one.
 */
#ifndef SRMAP_ASSESS_STAGE_H
#define SRMAP_ASSESS_STAGE_H

#include "srmap/assess/artifact.h"
#include "srmap/assess/assess.h"
#include "srmap/assess/drift.h"
#include "srmap/assess/shard.h"

#endif
