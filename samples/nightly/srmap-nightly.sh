#!/bin/sh
# Nightly shared-responsibility assessment: one dated report folder per night,
# drift against the previous night, 30 nights kept.  Run from cron or from the
# systemd timer beside this file.  Exit status is srmap's: 1 when a critical
# finding exists, so that the scheduler reports the run as failed.
set -eu
SRMAP_HOME=${SRMAP_HOME:-/var/lib/srmap}
cd "$SRMAP_HOME"
# Tonight's folder is named from SOURCE_DATE_EPOCH when it is set, as srmap names it.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	today=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
	today=$(date -u +%Y-%m-%d)
fi
# The baseline is the newest earlier night with a report (a rerun tonight still compares with
# the night before, not with tonight's first run).
previous=$(for d in reports/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
		[ -e "$d" ] && printf '%s\n' "$d"
	done | sort | awk -v today="reports/$today" '$0 < today' | tail -n 1)
baseline=""
if [ -n "$previous" ] && [ -f "$previous/assessment.xml" ]; then
	baseline="--baseline $previous/assessment.xml"
fi
# shellcheck disable=SC2086  # $baseline is either empty or two words
exec srmap assess --inventory inputs/inventory.json --evidence inputs/evidence.json \
	--profile inputs/profile.json --out 'reports/%Y-%m-%d' --keep 30 \
	--fail-on critical --summary json $baseline
