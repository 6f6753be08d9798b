#!/bin/sh
# Tests the C writers that stand in for shipped templates (src/write/fastpath.c): the OSCAL
# assessment results (oscal-ar.xsl), findings.json (findings-json.xsl) and the PDF's layout
# document (report-pdf.xsl: the same PDF in full, as a summary and with evidence attached;
# tests/test-pdfreport.sh compares its layout documents section by section).
#   - the shipped templates are the files the writers were made for: --progress says each file
#     was made by the C writer (when a template changes, its writer and digest must follow);
#   - with SRMAP_XSLT_ONLY=1 the templates run, and the files are the same bytes (every case of
#     tests/test-xml-outputs.sh compares the two as well);
#   - an edited copy of a template in a user's data folder runs as written: its change is in the
#     output and no C writer is named; the OSCAL template given as the PDF template (--template)
#     runs as a template;
#   - a file the C writer cannot write (a file size limit below it): exit 4, "cannot write" as
#     the last message and nothing of libxml2's own, the previous set whole;
#   - a document the template's result would be refused for (a merged part whose count is not
#     a number): the JSON writer writes nothing, the template runs and reports it as without
#     the C writer (exit 5, the same message).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/fastpath"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
unset SRMAP_XSLT_ONLY
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

S="$top/samples"
# run NAME ARGS...: srmap assess --progress on the samples in $work/NAME; status in $work/NAME/rc.
run() {
	name=$1
	shift
	mkdir -p "$work/$name"
	(cd "$work/$name" && "$srmap" assess --progress --inventory "$S/inventory.json" \
		--evidence "$S/evidence.json" --profile "$S/profile.json" --out out "$@" \
		>stdout 2>stderr; echo $? >rc)
}
status() { cat "$work/$1/rc"; }
by_writer() { grep -q "^srmap: made $2 in [0-9.]* s (by the C writer of its shipped template)$" \
	"$work/$1/stderr"; }

run fast --format xml,oscal,json
SRMAP_XSLT_ONLY=1 run xslt --format xml,oscal,json
for f in assessment-results.xml findings.json; do
	if [ "$(status fast)" = 0 ] && by_writer fast "$f"; then
		ok "$f is made by the C writer of the shipped template"
	else
		bad "$f is not made by its C writer: the shipped template may have changed; make the writer match it and update its digest in src/write/fastpath.c"
	fi
	if [ "$(status xslt)" = 0 ] && ! by_writer xslt "$f" &&
	   grep -q "^srmap: made $f in [0-9.]* s$" "$work/xslt/stderr" &&
	   cmp -s "$work/fast/out/$f" "$work/xslt/out/$f"; then
		ok "SRMAP_XSLT_ONLY=1: $f made by its template, the same bytes"
	else
		bad "SRMAP_XSLT_ONLY=1: $f (exit $(status xslt))"
	fi
done

# A user's data folder with edited copies of the two templates.
data="$work/data"
mkdir -p "$data"
ln -s "$top/catalog" "$data/catalog"
cp -R "$top/templates" "$data/templates"
sed 's/Shared-responsibility assessment results for /Edited results for /' \
	"$top/templates/oscal-ar.xsl" >"$data/templates/oscal-ar.xsl"
sed 's/<j:string key="format">srmap-findings</<j:string key="format">edited-findings</' \
	"$top/templates/findings-json.xsl" >"$data/templates/findings-json.xsl"
SRMAP_DATADIR="$data" run edited --format xml,oscal,json
if [ "$(status edited)" = 0 ] && ! by_writer edited assessment-results.xml &&
   grep -q "<title>Edited results for Contoso Health</title>" "$work/edited/out/assessment-results.xml"; then
	ok "an edited oscal-ar.xsl runs as written"
else
	bad "an edited oscal-ar.xsl: exit $(status edited), or its change is not in the output"
fi
if [ "$(status edited)" = 0 ] && ! by_writer edited findings.json &&
   grep -q '"format": "edited-findings"' "$work/edited/out/findings.json"; then
	ok "an edited findings-json.xsl runs as written"
else
	bad "an edited findings-json.xsl: exit $(status edited), or its change is not in the output"
fi

# The PDF's layout document: by the C writer of the shipped report-pdf.xsl (src/write/pdfreport.h),
# the same PDF as the template's, in full, as a summary and with the evidence attached; an
# edited copy in a user's data folder runs as written.
for opts in "" "--pdf-detail summary" "--attach-evidence"; do
	label=pdf$(echo "$opts" | tr -d ' -')
	# shellcheck disable=SC2086 # the options are separate words
	run "$label-fast" --format xml,pdf $opts
	# shellcheck disable=SC2086
	SRMAP_XSLT_ONLY=1 run "$label-xslt" --format xml,pdf $opts
	if [ "$(status "$label-fast")" = 0 ] && by_writer "$label-fast" report.pdf &&
	   [ "$(status "$label-xslt")" = 0 ] && ! by_writer "$label-xslt" report.pdf &&
	   cmp -s "$work/$label-fast/out/report.pdf" "$work/$label-xslt/out/report.pdf"; then
		ok "report.pdf ${opts:-(full)}: by the C writer of report-pdf.xsl, the template's bytes"
	else
		bad "report.pdf ${opts:-(full)}: exit $(status "$label-fast") and $(status "$label-xslt"), not by the C writer or not the same bytes (when report-pdf.xsl changes, make src/write/pdfreport*.c match it: tests/test-pdfreport.sh; then update its digest in src/write/fastpath.c)"
	fi
done
sed 's/>Executive summary</>Summary for the board</' "$top/templates/report-pdf.xsl" \
	>"$data/templates/report-pdf.xsl"
SRMAP_DATADIR="$data" run pdf-edited --format xml,pdf
if [ "$(status pdf-edited)" = 0 ] && ! by_writer pdf-edited report.pdf &&
   pdftotext "$work/pdf-edited/out/report.pdf" - | grep -q "Summary for the board"; then
	ok "an edited report-pdf.xsl runs as written"
else
	bad "an edited report-pdf.xsl: exit $(status pdf-edited), or its change is not in the PDF"
fi

# A PDF template may be any file: the shipped OSCAL template given as one runs as a template
# (and its result is no layout), never as the OSCAL writer.
run pdf-template --format xml,pdf --template "$top/templates/oscal-ar.xsl"
if [ "$(status pdf-template)" = 5 ] && ! grep -q "C writer" "$work/pdf-template/stderr" &&
   [ ! -e "$work/pdf-template/out/report.pdf" ]; then
	ok "oscal-ar.xsl given as the PDF template runs as a template: exit 5, no report"
else
	bad "oscal-ar.xsl given as the PDF template: exit $(status pdf-template)"
	sed 's/^/    /' "$work/pdf-template/stderr"
fi

# limit NAME BYTES ARGS...: run under a file size limit of BYTES.
limit() {
	name=$1 bytes=$2
	shift 2
	rm -rf "${work:?}/${name:?}"
	cp -R "$work/fast" "$work/$name"
	python3 - "$work/$name" "$bytes" "$srmap" "$S" "$@" <<'EOF'
import os, resource, subprocess, sys
where, size, exe, s = sys.argv[1:5]
args = ["assess", "--inventory", s + "/inventory.json", "--evidence", s + "/evidence.json",
        "--profile", s + "/profile.json", "--out", "out"] + sys.argv[5:]
def pre():
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(size), int(size)))
with open(os.path.join(where, "stderr"), "wb") as err:
    rc = subprocess.call([exe] + args, cwd=where, stderr=err, preexec_fn=pre)
with open(os.path.join(where, "rc"), "w") as f:
    print(128 - rc if rc < 0 else rc, file=f)
EOF
}
xml_size=$(wc -c <"$work/fast/out/assessment.xml")
for f in assessment-results.xml findings.json; do
	format=oscal
	[ "$f" = findings.json ] && format=json
	limit "full-$format" $((xml_size + 1000)) --format "xml,$format"
	if [ "$(status "full-$format")" = 4 ] &&
	   [ "$(tail -1 "$work/full-$format/stderr")" = "srmap: out/$f: cannot write: File too large" ] &&
	   ! grep -v "^srmap: " "$work/full-$format/stderr" >/dev/null &&
	   diff -r "$work/fast/out/current/" "$work/full-$format/out/current/" >/dev/null; then
		ok "$f cut by a file size limit: exit 4, \"out/$f: cannot write\", the previous set whole"
	else
		bad "$f cut by a file size limit: exit $(status "full-$format")"
		sed 's/^/    /' "$work/full-$format/stderr"
	fi
done

# A part of one shard whose summary count is not a number, merged.
mkdir -p "$work/declined"
(cd "$work/declined" && "$srmap" assess -q --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" --format xml,json --shard 0/1 --out out >stdout 2>stderr)
part="$work/declined/out/parts/part-0-of-1.xml"
sed 's/<summary workloads="[0-9]*"/<summary workloads="many"/' "$part" >"$part.new" && mv "$part.new" "$part"
for mode in fast xslt; do
	only=0
	[ "$mode" = xslt ] && only=1
	(cd "$work/declined" && SRMAP_XSLT_ONLY=$only "$srmap" merge --out out >"stdout.$mode" 2>"stderr.$mode"
	 echo $? >"rc.$mode")
done
if grep -q 'workloads="many"' "$part" && [ "$(cat "$work/declined/rc.fast")" = 5 ] &&
   grep -q 'json /map/map/number\[1\]: "many" is not a JSON number' "$work/declined/stderr.fast" &&
   cmp -s "$work/declined/stderr.fast" "$work/declined/stderr.xslt" &&
   [ "$(cat "$work/declined/rc.xslt")" = 5 ]; then
	ok "a count that is not a number: the template runs and reports it (exit 5), as without the C writer"
else
	bad "a count that is not a number: exit $(cat "$work/declined/rc.fast")"
	sed 's/^/    /' "$work/declined/stderr.fast"
fi

echo "fast paths: $pass passed, $fail failed"
[ "$fail" = 0 ]
