#!/bin/sh
# Nightly shared-responsibility assessment: one dated report folder per night,
# drift against the previous night, 30 nights kept.  Run from cron or from the
# systemd timer beside this file.  Exit status is srmap's: 1 when a critical
# finding exists, so that the scheduler reports the run as failed.
set -eu
SRMAP_HOME=${SRMAP_HOME:-/var/lib/srmap}
cd "$SRMAP_HOME"
previous=$(ls -d reports/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] 2>/dev/null | sort | tail -n 1 || true)
today=$(date -u +%Y-%m-%d)
baseline=""
if [ -n "$previous" ] && [ "$previous" != "reports/$today" ] && [ -f "$previous/assessment.xml" ]; then
	baseline="--baseline $previous/assessment.xml"
fi
# shellcheck disable=SC2086  # $baseline is either empty or two words
exec srmap assess --inventory inputs/inventory.json --evidence inputs/evidence.json \
	--profile inputs/profile.json --out 'reports/%Y-%m-%d' --keep 30 \
	--fail-on critical --summary json $baseline
