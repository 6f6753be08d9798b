#!/bin/sh
# test-alloc-fail.sh - srmap when memory runs out, at every point of a run.
#
# For each representative run below, the script counts the allocations the
# run makes (SRMAP_ALLOC_COUNT=1, alloc.h) and runs it again with
# SRMAP_ALLOC_FAIL=N for N spread evenly over them (ALLOC_FAIL_POINTS per
# run, default 40, always including the first 10 and the last; ALLOC_FAIL_FULL=1
# fails every allocation in turn, which takes hours).  Every such run must:
#   - exit 70 with "srmap: out of memory" as the last line of stderr;
#   - not crash: no sanitizer report, no signal (under `make asan` the
#     sanitizers also check leaks at the exit);
#   - leave the output folder exactly as it was (a previous report, copied
#     in before each run): no temporary file, no output replaced.
# Allocations inside libxml2, libxslt, cJSON, yajl and libharu are not
# counted (they do not go through alloc.h).
# Usage: sh tests/test-alloc-fail.sh [SRMAP]   (from the repository root)
set -u
SRMAP=${1:-./srmap}
case $SRMAP in /*) ;; *) SRMAP=$(pwd)/$SRMAP ;; esac
TOP=$(pwd)
POINTS=${ALLOC_FAIL_POINTS:-40}
WORK=$TOP/tests/out/alloc-fail
rm -rf "$WORK"
mkdir -p "$WORK"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$TOP"
unset SRMAP_ALLOC_FAIL SRMAP_ALLOC_COUNT
fail=0 runs=0

S=$TOP/samples
# name|arguments (output folder "out", the previous report in "before")
CASES="assess-all|assess -q --inventory $S/inventory.json --evidence $S/evidence.json --profile $S/profile.json --out out
assess-azure|assess -q --inventory $S/azure/resources.json $S/azure/resource-graph.json $S/azure/cmdb.csv $S/azure/m365-services.json $S/azure/accounts.json --evidence $S/azure/defender-assessments.json $S/azure/policy-states.json $S/azure/prowler-azure.ocsf.json $S/azure/conditional-access.json $S/azure/secure-score.json --profile $S/profile.json --format xml,csv --out out
assess-baseline|assess -q --inventory $S/inventory.json --evidence $S/evidence.json --profile $S/profile.json --baseline before/assessment.xml --format xml --out out
validate|validate $S/inventory.json $S/evidence.json $S/profile.json
diff|diff before/assessment.xml before/assessment.xml
verify|verify before/assessment.xml"

# The previous report every run starts from.
(cd "$WORK" && "$SRMAP" assess -q --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" --out before) || { echo "FAIL: cannot make the previous report"; exit 1; }

# same_set A B: the report sets in folders A and B are the same: the same names at the top
# (the set folder's own name aside: it is made afresh by each run) and the same files in
# the set that current names (srmap(1), FILES).
same_set() {
	a=$(cd "$1" && echo *) b=$(cd "$2" && echo *)
	[ "$a" = "$b" ] || { echo "names: $a / $b"; return 1; }
	sets=$(find "$2" -mindepth 1 -maxdepth 1 -name '.srmap-set.*' | wc -l)
	[ "$sets" = 1 ] || { echo "$sets set folders"; return 1; }
	diff -r "$1/current/" "$2/current/"
}

# check NAME N ARGS: one run failing allocation N
check() {
	name=$1 n=$2
	shift 2
	rm -rf "$WORK/run"
	mkdir "$WORK/run"
	cp -R "$WORK/before" "$WORK/run/before"
	cp -R "$WORK/before" "$WORK/run/out"
	(cd "$WORK/run" && SRMAP_ALLOC_FAIL=$n "$SRMAP" "$@" >stdout 2>stderr)
	rc=$?
	runs=$((runs + 1))
	why=""
	if [ $rc -ne 70 ]; then
		why="exit $rc, expected 70"
	elif [ "$(tail -n 1 "$WORK/run/stderr")" != "srmap: out of memory" ]; then
		why="the last line of stderr is not \"srmap: out of memory\""
	elif grep -q -e 'Sanitizer' -e 'runtime error' "$WORK/run/stderr"; then
		why="sanitizer report"
	elif ! same_set "$WORK/before" "$WORK/run/out" >"$WORK/run/diff" 2>&1; then
		why="the output folder changed: $(head -n 3 "$WORK/run/diff" | tr '\n' ' ')"
	fi
	if [ -n "$why" ]; then
		echo "FAIL: $name, allocation $n: $why"
		sed 's/^/    /' "$WORK/run/stderr" | tail -n 5
		fail=$((fail + 1))
	fi
}

while IFS='|' read -r name args; do
	rm -rf "$WORK/count"
	mkdir "$WORK/count"
	cp -R "$WORK/before" "$WORK/count/before"
	cp -R "$WORK/before" "$WORK/count/out"
	# shellcheck disable=SC2086
	total=$(cd "$WORK/count" && SRMAP_ALLOC_COUNT=1 "$SRMAP" $args 2>&1 >/dev/null |
		sed -n 's/^srmap: \([0-9]*\) allocations$/\1/p')
	if [ -z "$total" ] || [ "$total" -lt 1 ]; then
		echo "FAIL: $name: no allocation count"
		fail=$((fail + 1))
		continue
	fi
	if [ "${ALLOC_FAIL_FULL:-0}" = 1 ]; then
		points=$(seq 1 "$total")
	else
		step=$((total / POINTS + 1))
		points=$( (seq 1 10; seq 11 "$step" "$total"; echo "$total") | sort -n -u)
	fi
	for n in $points; do
		# shellcheck disable=SC2086
		check "$name" "$n" $args
	done
	echo "$name: $total allocations, $runs runs so far, $fail failed"
done <<EOF
$CASES
EOF
if [ $fail -ne 0 ]; then
	echo "test-alloc-fail: $fail of $runs runs did not end cleanly"
	exit 1
fi
echo "test-alloc-fail: all $runs runs ended cleanly"
