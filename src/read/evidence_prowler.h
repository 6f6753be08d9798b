/*
 * evidence_prowler.h - what Prowler's two report formats, JSON-OCSF
 * (evidence_prowler.c) and CSV (evidence_prowler_csv.c), read alike: the
 * status words and numeric times.
 */
#ifndef SRMAP_EVIDENCE_PROWLER_H
#define SRMAP_EVIDENCE_PROWLER_H

#include <stdint.h>

enum prowler_verdict {
	PROWLER_EVIDENCE,      /* a pass or a fail */
	PROWLER_IGNORED,       /* deliberately not used: manual, informational or muted */
	PROWLER_UNKNOWN        /* no status Prowler writes */
};

/*
 * Classifies a Prowler status word (any letter case): PASS and FAIL give
 * evidence, with *result RESULT_PASS or RESULT_FAIL; MANUAL, INFO (a manual
 * requirement), MUTED (v5's mutelist) and WARNING (v3: ignored by the
 * allowlist) are ignored; anything else is unknown.
 */
enum prowler_verdict prowler_status(const char *word, int *result);

/* Seconds since the epoch of a numeric Prowler time: seconds, or milliseconds when that large. */
int64_t prowler_epoch(double v);

#endif
