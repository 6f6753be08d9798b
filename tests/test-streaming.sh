#!/bin/sh
# The streaming input path (src/read/stream.c) gives what reading files whole gives:
# 1. every golden case of tests/run-cases.sh passes with streaming forced for every file
#    (SRMAP_STREAM_MIN_BYTES=0), byte for byte;
# 2. a generated estate (tests/streaming/gen-export.py: an az resource list and a Defender
#    export in a REST envelope, with repeated assessments) assessed streamed and whole gives
#    the same exit status, standard error and assessment.xml; so do its variants with times
#    without a zone, an assessment saved twice, malformed JSON in the middle, a truncated
#    file, a duplicate key in a record in the middle (the errors name the same position) and
#    control characters in a record in the middle (replaced, warned about at the same position).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out-streaming"
rm -rf "$work"
mkdir -p "$work"
fail=0

SRMAP_STREAM_MIN_BYTES=0 sh "$top/tests/run-cases.sh" || fail=1

for v in ok repeat nozone malformed truncated dupkey control; do
	python3 "$top/tests/streaming/gen-export.py" "$top/samples/azure" "$work/$v" 3000 "$v"
	for m in 0 1T; do
		mkdir -p "$work/$v/run-$m"
		( cd "$work/$v/run-$m" && export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top" \
			SRMAP_STREAM_MIN_BYTES=$m &&
		  "$srmap" assess --inventory ../resources.json --evidence ../defender.json \
			--profile "$top/samples/profile.json" --format xml --out out >stdout 2>stderr
		  echo $? >rc )
	done
	a="$work/$v/run-0" b="$work/$v/run-1T"
	if ! cmp -s "$a/rc" "$b/rc" || ! cmp -s "$a/stderr" "$b/stderr" ||
	   ! cmp -s "$a/stdout" "$b/stdout"; then
		echo "FAIL streaming $v: exit status or messages differ"
		diff "$a/stderr" "$b/stderr" | head -5
		fail=1
	elif [ -f "$b/out/assessment.xml" ] && ! cmp -s "$a/out/assessment.xml" "$b/out/assessment.xml"; then
		echo "FAIL streaming $v: assessment.xml differs"
		fail=1
	fi
done
# The control variant's two strings are warned about (and the file read whole: once each).
n=$(grep -c 'XML cannot carry.*replaced by U+FFFD' "$work/control/run-0/stderr")
if [ "$n" != 2 ] || [ "$(grep -c '<replaced ' "$work/control/run-0/out/assessment.xml")" != 2 ]; then
	echo "FAIL streaming control: $n warnings about replaced text, expected 2"
	fail=1
fi
[ "$fail" = 0 ] && echo "streaming: ok"
exit "$fail"
