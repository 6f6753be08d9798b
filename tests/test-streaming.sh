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

# compare NAME A B: runs A (streamed) and B (read whole) gave the same status, messages and XML
compare() {
	if ! cmp -s "$2/rc" "$3/rc" || ! cmp -s "$2/stderr" "$3/stderr" ||
	   ! cmp -s "$2/stdout" "$3/stdout"; then
		echo "FAIL streaming $1: exit status or messages differ"
		diff "$2/stderr" "$3/stderr" | head -5
		fail=1
	elif [ -f "$3/out/assessment.xml" ] && ! cmp -s "$2/out/assessment.xml" "$3/out/assessment.xml"; then
		echo "FAIL streaming $1: assessment.xml differs"
		fail=1
	fi
}

for v in ok repeat nozone malformed truncated dupkey control; do
	python3 "$top/tests/streaming/gen-export.py" "$top/samples/azure" "$work/$v" 3000 "$v"
	for m in 0 1T; do
		mkdir -p "$work/$v/run-$m"
		( cd "$work/$v/run-$m" &&
		  env SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top" SRMAP_STREAM_MIN_BYTES="$m" \
			"$srmap" assess --inventory ../resources.json --evidence ../defender.json \
			--profile "$top/samples/profile.json" --format xml --out out >stdout 2>stderr
		  echo $? >rc )
	done
	compare "$v" "$work/$v/run-0" "$work/$v/run-1T"
done
# gzip input is streamed too (inflated in pieces into a temporary file): the same again, with
# the Defender export compressed; a truncated and a damaged stream give the whole read's error.
for v in ok malformed; do
	gzip -9 -n -c "$work/$v/defender.json" >"$work/$v/defender.json.gz"
done
head -c 20000 "$work/ok/defender.json.gz" >"$work/ok/truncated.json.gz"
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[5000] ^= 0x55
open(sys.argv[2], "wb").write(b)' "$work/ok/defender.json.gz" "$work/ok/damaged.json.gz"
for v in ok/defender malformed/defender ok/truncated ok/damaged; do
	dir=$(dirname "$v") file=$(basename "$v").json.gz
	for m in 0 1T; do
		run="$work/$dir/gz-$(basename "$v")-$m"
		mkdir -p "$run"
		( cd "$run" &&
		  env SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top" SRMAP_STREAM_MIN_BYTES="$m" \
			"$srmap" assess --inventory ../resources.json --evidence "../$file" \
			--profile "$top/samples/profile.json" --format xml --out out >stdout 2>stderr
		  echo $? >rc )
	done
	compare "$v.json.gz" "$work/$dir/gz-$(basename "$v")-0" "$work/$dir/gz-$(basename "$v")-1T"
done
if [ "$(cat "$work/ok/gz-defender-0/rc")" != 0 ] || [ "$(cat "$work/ok/gz-truncated-0/rc")" != 3 ] ||
   ! grep -q "not a valid gzip file" "$work/ok/gz-damaged-0/stderr"; then
	echo "FAIL streaming gzip: the compressed export is not read, or a damaged one not refused"
	fail=1
fi
# Streamed, the compressed export is hashed as stored and recorded as what the whole read records.
if ! grep -q "<input role=\"evidence\" path=\"../defender.json.gz\".*sha256=\"$(sha256sum <"$work/ok/defender.json.gz" | cut -c1-64)\"" \
	"$work/ok/gz-defender-0/out/assessment.xml"; then
	echo "FAIL streaming gzip: the input's hash is not that of the compressed file"
	fail=1
fi
# The control variant's two strings are warned about (and the file read whole: once each).
n=$(grep -c 'XML cannot carry.*replaced by U+FFFD' "$work/control/run-0/stderr")
if [ "$n" != 2 ] || [ "$(grep -c '<replaced ' "$work/control/run-0/out/assessment.xml")" != 2 ]; then
	echo "FAIL streaming control: $n warnings about replaced text, expected 2"
	fail=1
fi
[ "$fail" = 0 ] && echo "streaming: ok"
exit "$fail"
