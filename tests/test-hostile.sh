#!/bin/sh
# Hostile XML: every XML file srmap reads from a user (the previous assessment given with
# --baseline, the report `srmap verify` checks, the two reports `srmap diff` compares) is given
# each of tests/hostile/*.xml: an external entity reading /etc/passwd, a DTD fetched from the
# network, a parameter entity, an entity-expansion bomb (billion laughs) and a quadratic blowup.
# Each run must exit 3 within 10 s and under 200 MB, name the file, print nothing of
# /etc/passwd, and (for assess) write no report.  The layout XML is made in memory by a template
# and never parsed from text; templates that read files, write files or use the network are
# tests/test-pdf.sh's.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/hostile"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0
root_line=$(head -n 1 /etc/passwd)

asan=0
if ldd "$srmap" 2>/dev/null | grep -q libasan; then asan=1; fi

# try NAME FILE COMMAND...: runs COMMAND in $work with limits and checks the outcome
try() {
	name=$1 file=$2
	shift 2
	# dash and bash both have ulimit -v; an AddressSanitizer build reserves terabytes of
	# address space for its shadow memory, so there only the time limit holds
	# shellcheck disable=SC3045
	( cd "$work" && { [ "$asan" = 1 ] || ulimit -v 2000000; } && exec timeout 10 "$@" ) >"$work/$name.out" 2>"$work/$name.err"
	rc=$?
	if [ "$rc" = 3 ] && grep -q "^srmap: $file" "$work/$name.err" &&
	   ! grep -qF "$root_line" "$work/$name.out" "$work/$name.err" &&
	   [ ! -e "$work/$name-report/assessment.xml" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit $rc (expected 3 naming $file; see $work/$name.err)"
	fi
}

for x in "$top"/tests/hostile/*.xml; do
	cp "$x" "$work/"
	f=$(basename "$x")
	n=${f%.xml}
	try "verify-$n" "$f" "$srmap" verify "$f"
	try "diff-$n" "$f" "$srmap" diff "$f" "$f"
	try "baseline-$n" "$f" "$srmap" assess -q --inventory "$top/samples/inventory.json" \
		--profile "$top/samples/profile.json" --format xml --baseline "$f" --out "$n-report"
done

echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
