/*
 * evidence_defender.h - what Defender for Cloud's two shapes of an
 * assessment, the ARM object (evidence_defender.c) and the Log Analytics
 * row (evidence_defender_log.c), read alike: the state words.
 */
#ifndef SRMAP_EVIDENCE_DEFENDER_H
#define SRMAP_EVIDENCE_DEFENDER_H

enum defender_verdict {
	DEFENDER_EVIDENCE,     /* a pass, a fail or not applicable */
	DEFENDER_IGNORED,      /* not applicable because exempted or switched off */
	DEFENDER_UNKNOWN       /* no state Defender writes */
};

/*
 * Classifies an assessment state (status.code, RecommendationState; any
 * letter case) with the reason it is not applicable (status.cause,
 * NotApplicableReason; may be NULL): Healthy passes, Unhealthy fails,
 * NotApplicable is not applicable unless the reason is Exempt or
 * OffByPolicy, which give no evidence.  Sets *result for evidence.
 */
enum defender_verdict defender_state(const char *state, const char *reason, int *result);

#endif
