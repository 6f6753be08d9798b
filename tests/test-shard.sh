#!/bin/sh
# Tests assess --shard K/N and srmap merge (docs/scale.md):
#   - for N = 1, 2, 3 and 7, the shards' parts merged give every file of an unsharded run with
#     the same arguments byte for byte, PDF included, on three estates: the Azure samples (one
#     tenant, two subscriptions, SaaS workloads: dealt out by workload), a generated estate of
#     two subscriptions of 75 (dealt out by subscription to two shards, by workload to more), and the samples with a baseline (drift);
#   - merge finds the parts in --out when none is named, and --jobs does not change the files;
#   - the shards run side by side by GNU parallel, as docs/scale.md shows;
#   - merge --sign signs the merged set as assess --sign signs a whole run, and merge --fail-on
#     gives the exit status of an unsharded run with --fail-on;
#   - bad parts: a shard missing, one twice, parts of different shard counts, of different
#     inputs, of different times, of another srmap, cut short, with a damaged marker, a file
#     that is no part, an empty one, a folder with no parts: each exit 3 with a message naming the part, and
#     the previous report set in the output folder whole;
#   - --shard with an option for a whole run is a usage error (bad K/N values are golden cases,
#     tests/cases/shard-*).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/shard"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

A="$top/samples/azure"
azure="--inventory $A/resources.json $A/resource-graph.json $A/cmdb.csv $A/m365-services.json
 $A/accounts.json --evidence $A/defender-assessments.json $A/policy-states.json
 $A/prowler-azure.ocsf.json $A/conditional-access.json $A/secure-score.json
 --profile $top/samples/profile.json"
python3 "$top/tests/bench/gen-estate.py" 150 "$work/estate" >/dev/null
E="$work/estate"
estate="--inventory $E/resources.json $E/accounts.json --evidence $E/defender.json $E/policy.json
 --profile $E/profile.json"
S="$top/samples"
D="$top/tests/cases/drift-finding-added"
drift="--inventory $D/inventory.json --evidence $D/tenant-evidence.json $D/evidence.json --profile $D/profile.json
 --baseline $D/baseline.xml"

# whole NAME ARGS...: an unsharded run in $work/NAME/whole (relative --out, so that the
# recorded command lines are the same as the shards')
whole() {
	name=$1
	shift
	mkdir -p "$work/$name/whole"
	# shellcheck disable=SC2086
	(cd "$work/$name/whole" && "$srmap" assess "$@" --format all --out out -q >stdout 2>stderr)
}
# sharded NAME N ARGS...: N shards, then merge, in $work/NAME/N; merge's exit status in rc
sharded() {
	name=$1 n=$2
	shift 2
	dir="$work/$name/$n"
	mkdir -p "$dir"
	k=0
	while [ "$k" -lt "$n" ]; do
		(cd "$dir" && "$srmap" assess --shard "$k/$n" "$@" --format all --out out -q \
			>"stdout-$k" 2>"stderr-$k") || echo "shard $k/$n of $name: exit $?" >>"$dir/errors"
		k=$((k + 1))
	done
	(cd "$dir" && "$srmap" merge --out out -q >stdout 2>stderr; echo $? >rc)
}
# same NAME N: every file of the whole run is in the merged set, byte for byte
same() {
	for f in "$work/$1/whole/out/current/"*; do
		cmp -s "$f" "$work/$1/$2/out/current/$(basename "$f")" || return 1
	done
	[ ! -s "$work/$1/$2/errors" ] && [ "$(cat "$work/$1/$2/rc")" = 0 ]
}

for estate_name in azure estate drift; do
	case $estate_name in
	azure) args=$azure ;;
	estate) args=$estate ;;
	*) args=$drift ;;
	esac
	# shellcheck disable=SC2086,SC2154
	whole "$estate_name" $args
	for n in 1 2 3 7; do
		# shellcheck disable=SC2086
		sharded "$estate_name" "$n" $args
		if same "$estate_name" "$n"; then
			ok "$estate_name: $n shards merged are the unsharded run's files, byte for byte"
		else
			bad "$estate_name: $n shards merged differ from the unsharded run (see $work/$estate_name/$n)"
		fi
	done
done
if grep -q 'by="workload"' "$work/azure/3/out/parts/part-0-of-3.xml" &&
   grep -q 'by="subscription"' "$work/estate/2/out/parts/part-0-of-2.xml" &&
   grep -q 'by="workload"' "$work/estate/3/out/parts/part-0-of-3.xml"; then
	ok "two even subscriptions go to two shards whole; to three, and uneven ones, by workload"
else
	bad "the parts do not record how the shards were dealt out as expected"
fi
if [ "$(grep -c '<workload ' "$work/estate/2/out/parts/part-1-of-2.xml")" = 75 ] &&
   [ "$(grep -c '<workload ' "$work/estate/3/out/parts/part-1-of-3.xml")" -gt 30 ] &&
   [ "$(grep -c '<workload ' "$work/estate/3/out/parts/part-1-of-3.xml")" -lt 70 ]; then
	ok "a part holds its share of the workloads: a whole subscription, or about a third"
else
	bad "a part holds none or all of the workloads"
fi

# merge with the parts named and --jobs: the same files
dir="$work/azure/3"
(cd "$dir" && "$srmap" merge out/parts/part-2-of-3.xml out/parts/part-0-of-3.xml out/parts/part-1-of-3.xml \
	--out named -j 3 -q >/dev/null 2>&1)
if diff -r "$dir/out/current/" "$dir/named/current/" >/dev/null; then
	ok "merge of the parts named, in any order, with --jobs 3: the same files"
else
	bad "merge of the parts named, or with --jobs, differs"
fi

# the one-machine recipe of docs/scale.md: the shards under GNU parallel, then merge
dir="$work/azure/parallel"
mkdir -p "$dir"
# shellcheck disable=SC2086
(cd "$dir" && parallel -j 3 "$srmap" assess --shard {}/3 $azure --format all --out out -q ::: 0 1 2 &&
	"$srmap" merge --out out -q) >"$work/parallel.log" 2>&1
echo $? >"$dir/rc"
if same azure parallel; then
	ok "three shards run by GNU parallel, then merge: the unsharded run's files"
else
	bad "the shards under GNU parallel: $(head -c 300 "$work/parallel.log")"
fi

# merge --fail-on: the exit status an unsharded run with --fail-on gives, the set written
(cd "$work/azure/3" && "$srmap" merge out/parts/part-*-of-3.xml --out failon --fail-on critical -q \
	>/dev/null 2>&1; echo $? >failon.rc)
# shellcheck disable=SC2086
(cd "$work/azure/whole" && "$srmap" assess $azure --format xml --out failon --fail-on critical -q \
	>/dev/null 2>&1; echo $? >failon.rc)
if [ "$(cat "$work/azure/3/failon.rc")" = 1 ] && [ "$(cat "$work/azure/whole/failon.rc")" = 1 ] &&
   grep -q 'severity-count severity="critical" count="[1-9]' "$work/azure/3/failon/assessment.xml"; then
	ok "merge --fail-on critical: exit 1 with the set written, as an unsharded run"
else
	bad "merge --fail-on: exit $(cat "$work/azure/3/failon.rc"), unsharded $(cat "$work/azure/whole/failon.rc")"
fi
# the same parts with their summaries saying no critical finding: exit 0
mkdir -p "$work/azure/nocrit/parts"
for f in "$work/azure/3/out/parts/"part-*-of-3.xml; do
	sed 's/<severity-count severity="critical" count="[0-9]*"/<severity-count severity="critical" count="0"/' \
		"$f" >"$work/azure/nocrit/parts/$(basename "$f")"
done
(cd "$work/azure/nocrit" && "$srmap" merge --out . --fail-on critical -q >/dev/null 2>&1
	echo $? >failon.rc)
if [ "$(cat "$work/azure/nocrit/failon.rc")" = 0 ] &&
   grep -q 'severity-count severity="critical" count="0"' "$work/azure/nocrit/assessment.xml"; then
	ok "merge --fail-on critical when the summary counts no critical finding: exit 0"
else
	bad "merge --fail-on critical without critical findings: exit $(cat "$work/azure/nocrit/failon.rc")"
fi

# merge --sign: the manifest of the unsharded signed run, and a signature srmap verify accepts
keys="$work/keys"
mkdir -p "$keys"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$keys/signer.key" -out "$keys/signer.pem" \
	-days 10 -subj "/CN=shard signer" >/dev/null 2>&1
# the run's time must be within the certificate's validity: now, for the whole run and its shards
now=$(date +%s)
mkdir -p "$work/azure/signed" "$work/azure/signed-3"
# shellcheck disable=SC2086
(cd "$work/azure/signed" && SOURCE_DATE_EPOCH=$now "$srmap" assess $azure --format all --out out -q \
	--sign "$keys/signer.key,$keys/signer.pem" >/dev/null 2>&1)
for k in 0 1 2; do
	# shellcheck disable=SC2086
	(cd "$work/azure/signed-3" && SOURCE_DATE_EPOCH=$now "$srmap" assess --shard "$k/3" $azure \
		--format all --out out -q >/dev/null 2>&1)
done
(cd "$work/azure/signed-3" && SOURCE_DATE_EPOCH=$now "$srmap" merge --out out -q \
	--sign "$keys/signer.key,$keys/signer.pem" >/dev/null 2>&1)
# The whole run records --sign in its command line, the shards do not: the canonical XML and
# the PDF that shows it differ; every other file is the same.
for f in signed/out signed-3/out; do
	grep -v -e ' assessment.xml$' -e ' report.pdf$' "$work/azure/$f/current/manifest.sha256" \
		>"$work/azure/$(dirname "$f").manifest"
done
files=$(find "$work/azure/signed-3/out/current/" -type f ! -name 'manifest.sha256*' | wc -l)
if [ "$(wc -l <"$work/azure/signed-3/out/current/manifest.sha256")" = "$files" ] && [ "$files" -gt 5 ] &&
   cmp -s "$work/azure/signed.manifest" "$work/azure/signed-3.manifest" &&
   "$srmap" verify --ca "$keys/signer.pem" "$work/azure/signed-3/out" >/dev/null 2>&1; then
	ok "merge --sign: a manifest of every file of the set, and a signature verify accepts (the parts beside it aside)"
else
	bad "merge --sign: the manifest differs or the signature does not verify"
fi

# ---- bad parts -------------------------------------------------------------------------------
bads="$work/bad"
mkdir -p "$bads"
cp "$work/azure/3/out/parts/part-"*.xml "$work/azure/2/out/parts/part-0-of-2.xml" "$bads/"
mkdir -p "$bads/other"
(cd "$bads/other" && "$srmap" assess --shard 1/3 --inventory "$A/resources.json" \
	--evidence "$A/defender-assessments.json" --profile "$S/profile.json" --format all \
	--out . -q >/dev/null 2>&1)
mkdir -p "$bads/later"
# shellcheck disable=SC2086
(cd "$bads/later" && SOURCE_DATE_EPOCH=1795219200 "$srmap" assess --shard 1/3 $azure \
	--format all --out . -q >/dev/null 2>&1)
sed 's/tool-version="[^"]*"/tool-version="0.0.9"/' "$bads/part-1-of-3.xml" >"$bads/old.xml"
head -c 20000 "$bads/part-1-of-3.xml" >"$bads/cut.xml"
sed 's/<?srmap-skip evidence /<?srmap-skip matrix /' "$bads/part-1-of-3.xml" >"$bads/marker.xml"
# a part that holds an element of another shard's: its count of elements left out one short
awk '/<\?srmap-skip workload / && !done { sub(/workload [0-9]+/, "workload 99999"); done = 1 } 1' \
	"$bads/part-1-of-3.xml" >"$bads/count.xml"
mkdir -p "$bads/empty"

# merge_bad LABEL PATTERN PART...: exit 3, PATTERN on stderr, the previous set whole
prev="$bads/out"
"$srmap" merge "$bads/part-"*-of-3.xml --out "$prev" -q >/dev/null 2>&1
sums() { (cd "$prev/current" && cat ./* | sha256sum); }
before=$(sums)
merge_bad() {
	label=$1 pattern=$2
	shift 2
	"$srmap" merge "$@" --out "$prev" >"$bads/stdout" 2>"$bads/stderr"
	rc=$?
	if [ "$rc" = 3 ] && grep -q -- "$pattern" "$bads/stderr" && [ "$(sums)" = "$before" ] &&
	   [ "$(find "$prev" -name '.srmap-set.*' | wc -l)" = 1 ]; then
		ok "merge refuses $label: exit 3, '$pattern', the previous set whole"
	else
		bad "merge of $label: exit $rc, stderr: $(head -c 300 "$bads/stderr")"
	fi
}
P="$bads/part"
merge_bad "a missing shard" "part-0-of-3.xml: shard 2 of 3 is missing" "$P-0-of-3.xml" "$P-1-of-3.xml"
merge_bad "a shard twice" "part-1-of-3.xml:2:1: is shard 1 of 3, and so is" \
	"$P-0-of-3.xml" "$P-1-of-3.xml" "$P-1-of-3.xml" "$P-2-of-3.xml"
merge_bad "parts of two shard counts" "part-0-of-2.xml:2:1: is shard 0 of 2, but" \
	"$P-1-of-3.xml" "$P-0-of-2.xml" "$P-2-of-3.xml"
merge_bad "parts of different inputs" "other/parts/part-1-of-3.xml:[0-9]*:1: .* the parts are not of one run" \
	"$P-0-of-3.xml" "$bads/other/parts/part-1-of-3.xml" "$P-2-of-3.xml"
merge_bad "parts made at different times" "later/parts/part-1-of-3.xml:3:1: was made at another time .*SOURCE_DATE_EPOCH" \
	"$P-0-of-3.xml" "$bads/later/parts/part-1-of-3.xml" "$P-2-of-3.xml"
merge_bad "a part of another srmap" "old.xml:2:1: written by srmap 0.0.9" \
	"$P-0-of-3.xml" "$bads/old.xml" "$P-2-of-3.xml"
merge_bad "a part cut short" "cut.xml:[0-9]*:1: cut short or damaged" \
	"$P-0-of-3.xml" "$bads/cut.xml" "$P-2-of-3.xml"
merge_bad "a damaged marker" "marker.xml:[0-9]*:1: a <?srmap-skip?> out of place" \
	"$P-0-of-3.xml" "$bads/marker.xml" "$P-2-of-3.xml"
merge_bad "a wrong count of elements left out" "the parts are not of one run" \
	"$P-0-of-3.xml" "$bads/count.xml" "$P-2-of-3.xml"
: >"$bads/empty.xml"
merge_bad "an empty part" "empty.xml: empty: not a part" "$P-0-of-3.xml" "$bads/empty.xml" "$P-2-of-3.xml"
merge_bad "a file that is no part" "assessment.xml: not a part of a sharded run" \
	"$work/azure/whole/out/assessment.xml"
"$srmap" merge --out "$bads/empty" >"$bads/stdout" 2>"$bads/stderr"
rc=$?
if [ "$rc" = 3 ] && grep -q "empty/parts: no parts (part-K-of-N.xml) to merge" "$bads/stderr" &&
   [ -z "$(ls -A "$bads/empty")" ]; then
	ok "merge of a folder with no parts: exit 3, nothing written"
else
	bad "merge of a folder with no parts: exit $rc, $(cat "$bads/stderr")"
fi

# ---- usage -----------------------------------------------------------------------------------
# shellcheck disable=SC2086
"$srmap" assess --shard 0/2 $azure --sign key.pem --out "$bads/x" >/dev/null 2>"$bads/stderr"
rc=$?
if [ "$rc" = 2 ] && grep -q "are for a whole run" "$bads/stderr" && [ ! -e "$bads/x" ]; then
	ok "--shard with --sign: usage error, nothing written"
else
	bad "--shard with --sign: exit $rc"
fi
if grep -q '<command-line>srmap assess --inventory' "$work/azure/3/out/current/assessment.xml" &&
   ! grep -q -- '--shard' "$work/azure/3/out/current/assessment.xml"; then
	ok "the recorded command line leaves --shard out"
else
	bad "the recorded command line keeps --shard"
fi

echo "shard: $pass passed, $fail failed"
[ "$fail" = 0 ]
