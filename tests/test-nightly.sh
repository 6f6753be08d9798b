#!/bin/sh
# Tests srmap as a nightly batch tool (srmap(1), samples/nightly/):
#   - a run killed with SIGKILL at several points leaves the previous report byte-identical,
#     and the next run removes the temporaries it left (.assessment.xml.XXXXXX, ...);
#   - two concurrent runs into one folder both succeed, one waits for the other's lock, and
#     the folder ends up holding one run's complete, valid report set;
#   - reruns with SOURCE_DATE_EPOCH give byte-identical files in every format;
#   - a dated --out pattern and --keep pruning (foreign folders and files survive);
#   - --summary json, --progress (stderr only), --quiet, no progress when not on a terminal;
#   - make install into a DESTDIR, the installed binary run from / without flags, make uninstall;
#   - samples/nightly/srmap-nightly.sh (as installed) for two nights: drift against the first.
# Prints PASS or FAIL per check and exits non-zero when any check fails.
# shellcheck disable=SC2016,SC2034  # check evaluates its single-quoted conditions later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
# The files of a whole report set: the canonical XML and what every template writes (the WRITES
# column of srmap templates list), so that a new format needs no change here.
outputs="assessment.xml $(SRMAP_DATADIR="$top" "$srmap" templates list | awk 'NR > 1 && NF == 0 { exit } NR > 1 { print $3 }' | tr '\n' ' ')"
noutputs=$(echo "$outputs" | wc -w)
xsd="$top/docs/assessment.xsd"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/srmap-nightly.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
# A copy of the data folder: the test compares runs made seconds apart, and must not see an
# edit of the tree's templates or catalog in between.
mkdir -p "$tmp/data"
cp -R "$top/catalog" "$top/templates" "$tmp/data/"
export SRMAP_DATADIR="$tmp/data"
unset SOURCE_DATE_EPOCH
export LC_ALL=C
pass=0 fail=0
started=$(date +%s)

ok() { pass=$((pass + 1)); echo "PASS $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# check DESCRIPTION COMMAND...: PASS when the command succeeds.  A single COMMAND argument is
# evaluated as shell code, for conditions joined with && (capture $? in a variable first).
check() {
	what=$1
	shift
	if [ $# = 1 ]; then
		if eval "$1"; then ok "$what"; else bad "$what"; fi
	elif "$@"; then
		ok "$what"
	else
		bad "$what"
	fi
}
valid_xml() { xmllint --noout --schema "$xsd" "$1" 2>/dev/null; }
# No temporary of srmap's own in folder $1 (".NAME.XXXXXX").
no_temps() { [ -z "$(find "$1" -maxdepth 1 -name '.*.??????' -type f)" ]; }
count_temps() { find "$1" -maxdepth 1 -name '.*.??????' -type f | wc -l; }
now() { date +%s.%N; }
# Every file of folder $1 is byte-identical to the file of the same name in $2.
same_files() {
	[ -n "$(ls "$1")" ] || return 1
	for f in "$1"/*; do
		[ "$(basename "$f")" = current ] && continue
		cmp -s "$f" "$2/$(basename "$f")" || { echo "  differs: $(basename "$f")"; return 1; }
	done
}

samples="-i $top/samples/inventory.json -e $top/samples/evidence.json -p $top/samples/profile.json"
# An estate big enough that a run with the PDF takes about a second.
python3 "$top/tests/bench/gen-srmap-estate.py" 1500 "$tmp/estate" || { echo "FAIL gen-srmap-estate.py"; exit 1; }
estate="-i ../estate/inventory.json -e ../estate/evidence.json -p ../estate/profile.json"
day=86400
night1=1795132800   # 2026-11-20T00:00:00Z

# ---- SIGKILL at every point we can reach -----------------------------------------------
# A killed run must leave either the whole previous set or the whole new one (srmap(1),
# FILES).  Each run has its own date, and its complete set is made first in a folder of its
# own (the same relative paths, so the same bytes): after a kill, out/ must equal one of the
# two exactly, names included.
echo "== killed runs"
mkdir -p "$tmp/kill" "$tmp/prev"
cd "$tmp/kill" || exit 1
fmt=xml,pdf
# The names a set folder shows at its top (the links), without "current".
names() { find "$1/" -mindepth 1 -maxdepth 1 ! -name current ! -name '.*' -printf '%f\n' | sort; }
# same_set A B: folder A holds exactly B's files, byte for byte.
same_set() { [ "$(names "$1")" = "$(names "$2")" ] && same_files "$1" "$2" >/dev/null; }
# reference N: the complete set of night N, made once in ../ref-N/out.
reference() {
	if [ ! -d "$tmp/ref-$1/out" ]; then
		mkdir -p "$tmp/ref-$1"
		# shellcheck disable=SC2086
		(cd "$tmp/ref-$1" && SOURCE_DATE_EPOCH=$((night1 + $1 * day)) "$srmap" assess -q \
			$estate --format $fmt --out out)
	fi
	echo "$tmp/ref-$1/out"
}
snapshot() { rm -rf "$tmp/prev" && mkdir "$tmp/prev" && for f in $(names out); do cp -L "out/$f" "$tmp/prev/"; done; }
t0=$(now)
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess -q $estate --format $fmt --out out
check "first run into out/ succeeds" [ $? = 0 ]
took=$(echo "$t0 $(now)" | awk '{ print $2 - $1 }')
echo "   (a run takes ${took}s)"
snapshot
cp -R "$tmp/prev" "$tmp/first"
killed=0 landed_new=0 landed_old=0
# judge WHAT NIGHT: after a killed run of night NIGHT, out/ is the previous or the new set.
judge() {
	ref=$(reference "$2")
	if same_set out "$tmp/prev"; then
		landed_old=$((landed_old + 1)); ok "killed $1: the previous set, whole"
	elif same_set out "$ref"; then
		landed_new=$((landed_new + 1)); ok "killed $1: the new set, whole"; snapshot
	else
		bad "killed $1: out/ is neither the previous set nor the new one"
		find out/ out/current/ -maxdepth 1 2>&1 | sed 's/^/     /'
	fi
}
i=0
# Fractions of a run's time, then while each output file is being written.
for when in 0.05 0.15 0.25 0.35 0.45 0.55 0.65 0.75 0.85 0.95 0.99 assessment.xml report.pdf; do
	i=$((i + 1))
	reference $i >/dev/null
	touch "$tmp/started"
	# shellcheck disable=SC2086
	SOURCE_DATE_EPOCH=$((night1 + i * day)) "$srmap" assess -q $estate --format $fmt --out out &
	pid=$!
	case $when in
	0.*) sleep "$(echo "$took $when" | awk '{ printf "%.3f", $1 * $2 }')" ;;
	*)
		# This run's own temporary in its own set folder.
		n=0
		while [ -z "$(find out/ -path "out/.srmap-set.*/.$when.*" -newer "$tmp/started" 2>/dev/null)" ] &&
		      [ $n -lt 1000 ]; do
			sleep 0.005
			n=$((n + 1))
		done ;;
	esac
	if kill -KILL "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		killed=$((killed + 1))
		judge "at $when" $i
	else
		wait "$pid"
		echo "   (the run finished before the kill at $when; not counted)"
		snapshot
	fi
done
# Every call that changes the output folder, killed in turn: strace injects SIGKILL at the Nth
# mkdir, symlink, link, rename, unlink, rmdir and fsync of a run.
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	for sc in mkdir fsync link symlink rename unlink rmdir; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		calls=$(SOURCE_DATE_EPOCH=$((night1 + i * day)) strace -f -qq -o /dev/stdout -e trace=$sc \
			"$srmap" assess -q $estate --format $fmt --out "$tmp/count" | grep -c "^[0-9]* $sc(")
		rm -rf "$tmp/count"
		nth=1
		while [ "$nth" -le "$calls" ]; do
			i=$((i + 1))
			reference $i >/dev/null
			# shellcheck disable=SC2086
			SOURCE_DATE_EPOCH=$((night1 + i * day)) strace -f -qq -o /dev/null -e trace=$sc \
				-e inject=$sc:signal=KILL:when=$nth "$srmap" assess -q $estate --format $fmt \
				--out out 2>/dev/null
			killed=$((killed + 1))
			judge "at $sc #$nth of $calls" $i
			nth=$((nth + 1))
		done
	done
else
	echo "SKIP strace cannot trace here: no kill at each file system call"
fi
# Under valgrind (slow: a kill lands well inside each phase), the sample estate.
if command -v valgrind >/dev/null 2>&1 && [ "${NIGHTLY_VALGRIND:-1}" = 1 ]; then
	mkdir -p "$tmp/vg"
	cd "$tmp/vg" || exit 1
	vg="valgrind -q --error-exitcode=9"
	# shellcheck disable=SC2086
	SOURCE_DATE_EPOCH=$night1 $vg "$srmap" assess -q $samples --format $fmt --out out
	check "under valgrind: a whole run succeeds, no memory error" [ $? = 0 ]
	mkdir -p "$tmp/prev-vg" && for f in $(names out); do cp -L "out/$f" "$tmp/prev-vg/"; done
	for when in assessment.xml report.pdf; do
		touch "$tmp/started"
		# shellcheck disable=SC2086
		SOURCE_DATE_EPOCH=$((night1 + day)) $vg "$srmap" assess -q $samples --format $fmt --out out &
		pid=$!
		n=0
		while [ -z "$(find out/ -path "out/.srmap-set.*/.$when.*" -newer "$tmp/started" 2>/dev/null)" ] &&
		      [ $n -lt 6000 ]; do
			sleep 0.01
			n=$((n + 1))
		done
		if kill -KILL "$pid" 2>/dev/null; then
			wait "$pid" 2>/dev/null
			killed=$((killed + 1))
			check "under valgrind, killed while writing $when: the previous set, whole" \
				'same_set out "$tmp/prev-vg"'
		else
			wait "$pid"
			bad "under valgrind the run ended before $when was written"
		fi
	done
	cd "$tmp/kill" || exit 1
fi
echo "   ($killed kills: $landed_old left the previous set, $landed_new the new one)"
left=$(find out -maxdepth 1 -name '.srmap-set.*' | wc -l)
# As a run killed while writing crm.csv in the earlier layout would leave it.
echo partial >out/.crm.csv.Zz9Yy8
printf 'not srmap'"'"'s\n' >out/.notes.txt.ABCDEF
mkdir out/.srmap-set.Stale1 && echo partial >out/.srmap-set.Stale1/.report.pdf.AAAAAA
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess -q $estate --format $fmt --out out
check "the next run succeeds" [ $? = 0 ]
check "the next run removed every leftover (set folders, .crm.csv.*) but the current set" \
	'[ "$(find out -maxdepth 1 \( -name ".srmap-set.*" -o -name ".crm.csv.*" \
	      -o -name ".srmap-link" \) | wc -l)" = 1 ] && [ -d out/current ]'
check "a file of the same shape that srmap did not write is kept" [ -f out/.notes.txt.ABCDEF ]
check "the next run's report is the same as the first run's" same_set out "$tmp/first"
cd "$top" || exit 1

# ---- two concurrent runs ----------------------------------------------------------------
echo "== concurrent runs"
mkdir -p "$tmp/conc" "$tmp/conc-again"
cd "$tmp/conc" || exit 1
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess $estate --out shared >a.out 2>a.err &
pa=$!
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$((night1 + day)) "$srmap" assess $estate --out shared >b.out 2>b.err &
pb=$!
wait "$pa"
ra=$?
wait "$pb"
rb=$?
check "both concurrent runs succeed (exit $ra and $rb)" '[ "$ra" = 0 ] && [ "$rb" = 0 ]'
check "one run waited for the other's lock" grep -q 'waiting for another srmap run to finish' a.err b.err
check "the folder holds the $noutputs files, current, one set folder, no temporary" \
	'[ "$(ls shared | wc -l)" = $((noutputs + 1)) ] && [ "$(ls shared/current/ | wc -l)" = "$noutputs" ] &&
	 [ "$(ls -A shared | grep -c "^\\.")" = 1 ] && no_temps shared/current/'
check "assessment.xml is valid" valid_xml shared/assessment.xml
check "crm.xml is valid" '
	xmllint --noout --schema "$top/docs/crm.xsd" shared/crm.xml 2>/dev/null'
if command -v qpdf >/dev/null 2>&1; then
	check "report.pdf is a sound PDF" qpdf --check shared/report.pdf >/dev/null
fi
# The set must be one run's, whole: run the winner again alone and compare every file.
winner=$night1
grep -q 'generated="2026-11-21T00:00:00Z"' shared/assessment.xml && winner=$((night1 + day))
cd "$tmp/conc-again" || exit 1
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$winner "$srmap" assess $estate --out shared 2>/dev/null
check "every file is the last run's, none the other's" same_files shared "$tmp/conc/shared"
cd "$top" || exit 1

# ---- reproducible reruns ----------------------------------------------------------------
echo "== reproducible reruns"
mkdir -p "$tmp/repro"
cd "$tmp/repro" || exit 1
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess -q $samples --out base
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$((night1 + day)) "$srmap" assess -q $samples --baseline base/assessment.xml --out out
mv out first
sleep 1
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$((night1 + day)) "$srmap" assess -q $samples --baseline base/assessment.xml --out out
for f in $outputs; do
	check "rerun gives a byte-identical $f" cmp -s "first/$f" "out/$f"
done
check "the rerun's assessment.xml has the drift section" grep -q '<drift ' out/assessment.xml
cd "$top" || exit 1

# ---- dated folders and --keep -----------------------------------------------------------
echo "== dated --out and --keep"
r="$tmp/dated/reports"
for d in 2026-11-01 2026-11-02 2026-11-05 2026-11-10 2026-11-15 2026-11-12-manual; do
	mkdir -p "$r/$d"
	echo '<assessment/>' >"$r/$d/assessment.xml"
done
echo stale >"$r/2026-11-01/.report.pdf.AbC123"      # a killed run's temporary: srmap's own
echo mine >"$r/2026-11-02/notes.txt"                # a file srmap did not write
mkdir -p "$r/2026-11-03" "$r/archive"               # no assessment.xml; not a dated name
echo keep >"$r/2026-11-03/readme.txt"
echo keep >"$r/archive/readme.txt"
cd "$tmp/dated" || exit 1
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess $samples --format xml --out 'reports/%Y-%m-%d' --keep 3 \
	>keep.out 2>keep.err
rc=$?
check "a run with --out reports/%Y-%m-%d --keep 3 succeeds" [ $rc = 0 ]
check "it writes reports/2026-11-20/assessment.xml" valid_xml reports/2026-11-20/assessment.xml
check "it keeps the 3 newest dated folders" \
	'[ -d reports/2026-11-20 ] && [ -d reports/2026-11-15 ] && [ -d reports/2026-11-10 ]'
check "it prunes older dated folders (a killed run's temporary included)" \
	'[ ! -e reports/2026-11-05 ] && [ ! -e reports/2026-11-01 ]'
check "a dated folder holding a foreign file keeps it, with a warning" \
	'[ -f reports/2026-11-02/notes.txt ] && [ ! -e reports/2026-11-02/assessment.xml ] &&
	 grep -q "reports/2026-11-02: warning: not pruned" keep.err'
check "folders that srmap did not make survive" \
	'[ -f reports/2026-11-03/readme.txt ] && [ -f reports/2026-11-12-manual/assessment.xml ] &&
	 [ -f reports/archive/readme.txt ]'
# A trailing slash in the pattern, the next night, keeping 2.
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$((night1 + day)) "$srmap" assess -q $samples --format xml \
	--out 'reports/%Y-%m-%d/' --keep 2
check "--out 'reports/%Y-%m-%d/' --keep 2 keeps 2026-11-21 and 2026-11-20 only" \
	'[ -f reports/2026-11-21/assessment.xml ] && [ -f reports/2026-11-20/assessment.xml ] &&
	 [ ! -e reports/2026-11-15 ] && [ ! -e reports/2026-11-10 ]'
# shellcheck disable=SC2086
"$srmap" assess -q $samples --out plain --keep 2 2>/dev/null
check "--keep without a dated pattern is a usage error (exit 2)" [ $? = 2 ]
check "... and writes nothing" [ ! -e plain ]
cd "$top" || exit 1

# ---- --summary json, --progress, --quiet ------------------------------------------------
echo "== summary, progress, quiet"
cd "$tmp" || exit 1
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess $samples --out sum --summary json --progress \
	>sum.out 2>sum.err
check "--summary json --progress succeeds" [ $? = 0 ]
check "stdout is one line of JSON with the documented keys, and the outputs exist" python3 -c '
import json, os, sys
lines = open("sum.out").read().splitlines()
assert len(lines) == 1, lines
s = json.loads(lines[0])
assert set(s) == {"tool", "exit", "workloads", "findings", "checks", "severity", "scores",
                  "evidence_files", "outputs"}, sorted(s)
assert s["evidence_files"] and all(set(f) == {"path", "format", "records", "applied", "unmapped",
                                              "not_in_inventory", "other_tenant", "ignored",
                                              "rejected"} for f in s["evidence_files"])
assert all(f["applied"] + f["unmapped"] + f["not_in_inventory"] + f["other_tenant"] +
           f["ignored"] + f["rejected"] <= f["records"] for f in s["evidence_files"])
assert s["tool"].startswith("srmap ") and s["exit"] == 0 and s["workloads"] == 16
assert set(s["checks"]) == {"inherited", "satisfied", "failed", "missing", "stale",
                            "not-applicable"}
assert set(s["severity"]) == {"low", "medium", "high", "critical"}
assert sum(s["severity"].values()) == s["findings"]
assert s["checks"]["failed"] + s["checks"]["missing"] + s["checks"]["stale"] <= s["findings"]
assert set(s["scores"]) == {"overall", "hipaa", "soc2", "fedramp"}
assert all(isinstance(v, (int, float)) for v in s["scores"].values())
assert len(s["outputs"]) == int(sys.argv[1]) and all(os.path.isfile(p) for p in s["outputs"]), s["outputs"]
' "$noutputs"
check "--progress writes its lines on stderr (phase, records per second)" \
	'grep -q "^srmap: loading inputs\$" sum.err && grep -q "records/s)\$" sum.err &&
	 grep -q "^srmap: wrote sum\$" sum.err'
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess $samples --out prog --progress >prog.out 2>prog.err
rc=$?
check "--progress writes nothing on stdout" '[ $rc = 0 ] && [ ! -s prog.out ] && [ -s prog.err ]'
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess $samples --out noprog >noprog.out 2>noprog.err
check "without --progress and not on a terminal: warnings and file tallies, no progress" \
	'[ ! -s noprog.out ] && grep -q "warning:" noprog.err && ! grep -q "loading inputs" noprog.err &&
	 grep -q "^srmap: .*samples/evidence.json: [0-9]* records: [0-9]* applied, " noprog.err'
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess $samples --out quiet --quiet >quiet.out 2>quiet.err
rc=$?
check "--quiet prints no warnings (and nothing else)" \
	'[ $rc = 0 ] && [ ! -s quiet.out ] && [ ! -s quiet.err ]'
check "... but records them in the report" grep -q '<diagnostic level="warning"' quiet/assessment.xml
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=$night1 "$srmap" assess -q $samples --out failon --format xml --fail-on high \
	--summary json >failon.out
rc=$?
check "--fail-on high with high findings exits 1, still writes the report and says so" \
	'[ "$rc" = 1 ] && valid_xml failon/assessment.xml &&
	 python3 -c "import json; s = json.load(open(\"failon.out\")); assert s[\"exit\"] == 1, s"'
cd "$top" || exit 1

# ---- make install, the installed binary, the nightly script, make uninstall -------------
echo "== make install"
dest="$tmp/dest"
if make -C "$top" --no-print-directory install PREFIX=/usr/local DESTDIR="$dest" \
	>"$tmp/install.log" 2>&1; then
	ok "make install PREFIX=/usr/local DESTDIR=..."
else
	bad "make install PREFIX=/usr/local DESTDIR=... (see below)"
	cat "$tmp/install.log"
fi
bin="$dest/usr/local/bin/srmap"
share="$dest/usr/local/share/srmap"
check "installed: binary, man page, catalog, templates, schema, nightly samples, completions" \
	'[ -x "$bin" ] && [ -f "$dest/usr/local/share/man/man1/srmap.1" ] &&
	 [ -f "$share/catalog/catalog.json" ] && [ -f "$share/templates/report-pdf.xsl" ] &&
	 [ -f "$share/schema/assessment.xsd" ] && [ -x "$share/samples/nightly/srmap-nightly.sh" ] &&
	 [ -f "$share/samples/nightly/srmap-nightly.service" ] &&
	 [ -f "$share/samples/nightly/srmap-nightly.timer" ] && [ -f "$share/samples/nightly/crontab" ] &&
	 [ -f "$dest/usr/local/share/bash-completion/completions/srmap" ] &&
	 [ -f "$dest/usr/local/share/zsh/vendor-completions/_srmap" ]'
script=/usr/local/share/srmap/samples/nightly/srmap-nightly.sh
check "the service and the crontab run the script where make install puts it" \
	'grep -q "^ExecStart=$script\$" "$share/samples/nightly/srmap-nightly.service" &&
	 grep -q " $script\$" "$share/samples/nightly/crontab" &&
	 grep -q "^PATH=\(.*:\)\{0,1\}/usr/local/bin\(:.*\)\{0,1\}\$" "$share/samples/nightly/crontab"'
# From another folder, without SRMAP_DATADIR or --datadir: it must find ../share/srmap.
# shellcheck disable=SC2086
(cd / && env -u SRMAP_DATADIR SOURCE_DATE_EPOCH=$night1 "$bin" assess -q $samples \
	--out "$tmp/installed" >/dev/null 2>"$tmp/installed.err")
rc=$?
check "the installed srmap, run from /, assesses the samples in every format" \
	'[ $rc = 0 ] && valid_xml "$tmp/installed/assessment.xml" &&
	 [ "$(ls "$tmp/installed/current/" | wc -l)" = "$noutputs" ]'
[ $rc = 0 ] || cat "$tmp/installed.err"
check "... and records the shipped catalog relative to its data folder" \
	grep -q '<input role="catalog" path="catalog/catalog.json"' "$tmp/installed/assessment.xml"
(cd / && env -u SRMAP_DATADIR "$bin" catalog list >/dev/null 2>&1)
check "the installed srmap lists its catalog from /" [ $? = 0 ]

echo "== nightly script"
home="$tmp/home"
mkdir -p "$home/inputs"
cp -R "$top/samples/inventory.json" "$top/samples/evidence.json" "$top/samples/profile.json" \
	"$top/samples/artifacts" "$home/inputs/"
nightly="$share/samples/nightly/srmap-nightly.sh"
run_night() {
	(cd / && env -u SRMAP_DATADIR PATH="$dest/usr/local/bin:$PATH" SRMAP_HOME="$home" \
		SOURCE_DATE_EPOCH="$1" sh "$nightly" >"$tmp/night.out" 2>"$tmp/night.err")
}
run_night $night1
rc=$?
check "night 1: the script succeeds and prints a JSON summary" \
	'[ $rc = 0 ] && python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$tmp/night.out"'
[ $rc = 0 ] || cat "$tmp/night.err"
check "night 1: reports/2026-11-20/assessment.xml, valid, without drift" \
	'valid_xml "$home/reports/2026-11-20/assessment.xml" &&
	 ! grep -q "<drift" "$home/reports/2026-11-20/assessment.xml"'
# Overnight a workload appears in the inventory.
python3 - "$home/inputs/inventory.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["workloads"].append({"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-new/providers/Microsoft.Web/sites/app-night2",
                         "name": "app-night2", "type": "Microsoft.Web/sites",
                         "subscription": "11111111-2222-3333-4444-555555555555",
                         "tenant": "contoso.onmicrosoft.com"})
json.dump(doc, open(sys.argv[1], "w"), indent=2)
EOF
run_night $((night1 + day))
rc=$?
check "night 2: the new workload has critical findings: the script exits 1 and says why" \
	'[ $rc = 1 ] && python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert s[\"exit\"] == 1 and s[\"severity\"][\"critical\"] > 0, s" "$tmp/night.out"'
[ $rc = 1 ] || cat "$tmp/night.err"
n2="$home/reports/2026-11-21/assessment.xml"
check "night 2: its report is valid and has drift against night 1 (the new workload)" \
	'valid_xml "$n2" &&
	 grep -q "<drift baseline=\"reports/2026-11-20/assessment.xml\" baseline-generated=\"2026-11-20T00:00:00Z\"" "$n2" &&
	 grep -q "<workload-added id=\"[^\"]*/app-night2\" name=\"app-night2\"/>" "$n2"'
run_night $((night1 + day))
rc=$?
check "night 2 again: still drift against night 1, not against itself" \
	'[ $rc = 1 ] && grep -q "<drift baseline=\"reports/2026-11-20/assessment.xml\"" "$n2"'
env -u SRMAP_DATADIR "$bin" diff "$home/reports/2026-11-20/assessment.xml" "$n2" >"$tmp/diff.txt"
rc=$?
check "srmap diff of the two nights names the new workload" \
	'[ $rc = 0 ] && grep -q "^+ workload app-night2 (" "$tmp/diff.txt"'
env -u SRMAP_DATADIR "$bin" diff --json "$home/reports/2026-11-20/assessment.xml" "$n2" \
	>"$tmp/diff.json"
check "srmap diff --json of the two nights parses and names the new workload" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [w for w in d["workloads_added"] if w.endswith("/app-night2")], d["workloads_added"]
assert d["from"] == "2026-11-20T00:00:00Z" and d["to"] == "2026-11-21T00:00:00Z"
' "$tmp/diff.json"

echo "== make uninstall"
make -C "$top" --no-print-directory uninstall PREFIX=/usr/local DESTDIR="$dest" \
	>"$tmp/uninstall.log" 2>&1
check "make uninstall succeeds" [ $? = 0 ]
left=$(find "$dest" ! -type d)
check "make uninstall removes every file make install put there" [ -z "$left" ]
[ -z "$left" ] || echo "$left"

echo "nightly: $pass passed, $fail failed ($(($(date +%s) - started)) s)"
[ "$fail" = 0 ]
