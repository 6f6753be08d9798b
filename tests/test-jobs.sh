#!/bin/sh
# Tests assess --jobs N (srmap(1)): the template-made formats made side by side in worker
# processes give what a run one format after the other gives:
#   - every file of every format byte-identical, and the same standard error, for N = 2, 3, 8;
#   - --progress names the files in format order, once each;
#   - a template that fails (a copy of the data folder with a broken JSON template, and one with
#     a broken PDF template while the formats before it are still being made): the same exit
#     status and message as without --jobs, the previous set whole, no worker left running;
#   - SIGTERM to the run while its workers make the PDF: exit 143, the previous set whole, no
#     temporary left, no worker left running;
#   - the recorded command line leaves --jobs out, in each of its spellings.
# Bad values of --jobs are golden cases (tests/cases/jobs-*).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/jobs"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

S="$top/samples"
# run NAME ARGS...: srmap assess on the samples in $work/NAME (relative paths, so that the
# recorded command lines differ only in the options given); exit status in $work/NAME/rc.
run() {
	name=$1
	shift
	mkdir -p "$work/$name"
	(cd "$work/$name" && "$srmap" assess --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
		--profile "$S/profile.json" --out out "$@" >stdout 2>stderr; echo $? >rc)
}
same_files() { diff -r "$work/$1/out/current/" "$work/$2/out/current/" >/dev/null; }
# no_workers: no srmap process of this test is left (a worker outliving its run would be one:
# it keeps the run's command line)
no_workers() { ! pgrep -f -- "--inventory $S/inventory.json" >/dev/null 2>&1; }

run one --format all
for n in 2 3 8; do
	run "j$n" --format all --jobs "$n"
	if [ "$(cat "$work/j$n/rc")" = 0 ] && same_files one "j$n" &&
	   cmp -s "$work/one/stderr" "$work/j$n/stderr"; then
		ok "--jobs $n: every file and the standard error are those of one format at a time"
	else
		bad "--jobs $n: exit $(cat "$work/j$n/rc"), files or messages differ"
		diff "$work/one/stderr" "$work/j$n/stderr" | head -5
	fi
done

run spellings --format all -j 2
run spellings2 --format all --jobs=2
if same_files one spellings && same_files one spellings2; then
	ok "-j 2 and --jobs=2 leave the recorded command line as it is without them"
else
	bad "the command line records --jobs"
	grep -h '<command-line>' "$work/one/out/assessment.xml" "$work/spellings/out/assessment.xml"
fi

run progress1 --format xml,oscal,crm,csv,json,junit --progress
run progress3 --format xml,oscal,crm,csv,json,junit --progress --jobs 3
made() { sed -n 's/^srmap: made \([^ ]*\) in [0-9.]* s$/\1/p' "$work/$1/stderr" | tr '\n' ' '; }
if [ "$(made progress1)" = "$(made progress3)" ] && [ -n "$(made progress3)" ]; then
	ok "--progress with --jobs 3 names the files made in format order: $(made progress3)"
else
	bad "--progress: '$(made progress1)' without --jobs, '$(made progress3)' with"
fi

# ---- a failing template --------------------------------------------------------------------
# broken NAME FILE SED-SCRIPT: a copy of the data folder with templates/FILE changed
broken() {
	rm -rf "${work:?}/$1"
	mkdir -p "$work/$1"
	cp -R "$top/catalog" "$top/templates" "$work/$1/"
	sed "$3" "$top/templates/$2" >"$work/$1/templates/$2"
}
run prev --format all
broken data-json findings-json.xsl 's|<j:number key="version">1</j:number>|<j:number key="version">one</j:number>|'
broken data-pdf report-pdf.xsl 's|</xsl:stylesheet>|<xsl:template match="nothing"><xsl:value-of select="(("/></xsl:template></xsl:stylesheet>|'
for what in json pdf; do
	for n in 1 4; do
		name="fail-$what-$n"
		mkdir -p "$work/$name"
		cp -R "$work/prev/out" "$work/$name/out"
		SRMAP_DATADIR="$work/data-$what" run "$name" --format all --jobs "$n"
	done
	a="$work/fail-$what-1" b="$work/fail-$what-4"
	if [ "$(cat "$a/rc")" = 5 ] && [ "$(cat "$b/rc")" = 5 ] && cmp -s "$a/stderr" "$b/stderr" &&
	   diff -r "$work/prev/out/current/" "$b/out/current/" >/dev/null &&
	   [ "$(find "$b/out" -mindepth 1 -maxdepth 1 -name '.srmap-set.*' | wc -l)" = 1 ]; then
		ok "a broken $what template with --jobs 4: exit 5, the message of a run without, the previous set whole"
	else
		bad "a broken $what template: exit $(cat "$a/rc") / $(cat "$b/rc") (expected 5 and 5), messages or set differ"
		diff "$a/stderr" "$b/stderr" | head -5
	fi
done
if no_workers; then ok "no worker is left after the failures"; else bad "workers left running"; fi

# ---- SIGTERM while the workers make the formats ----------------------------------------------
name=term
mkdir -p "$work/$name"
cp -R "$work/prev/out" "$work/$name/out"
(cd "$work/$name" && exec "$srmap" assess -q --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" --out out --format all --jobs 3 2>stderr) &
pid=$!
# once the PDF's temporary exists in the set being written, the workers are at work
i=0
while [ $i -lt 400 ] && ! ls "$work/$name/out"/.srmap-set.*/.report.pdf.* >/dev/null 2>&1; do
	i=$((i + 1))
	sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
sleep 0.5
left=$(find "$work/$name/out" -mindepth 1 -maxdepth 2 -name '.*' ! -name '.srmap-set.*' | head -1)
if [ "$rc" = 143 ] && diff -r "$work/prev/out/current/" "$work/$name/out/current/" >/dev/null &&
   [ -z "$left" ] && [ "$(find "$work/$name/out" -mindepth 1 -maxdepth 1 -name '.srmap-set.*' | wc -l)" = 1 ] &&
   no_workers; then
	ok "SIGTERM with --jobs 3: exit 143, the previous set whole, nothing left, no worker running"
elif [ "$rc" = 0 ]; then
	echo "   (the run finished before the signal: not counted)"
else
	bad "SIGTERM with --jobs 3: exit $rc, leftover '$left'"
fi

echo "jobs: $pass passed, $fail failed"
[ "$fail" = 0 ]
