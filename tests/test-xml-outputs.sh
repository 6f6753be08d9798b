#!/bin/sh
# Tests the template-made deliverables: OSCAL assessment results (assessment-results.xml), the
# customer responsibility matrix (crm.xml, crm.csv), the findings for pipelines (findings.json,
# junit.xml), the workbook (crm.xlsx) and the HTML report (report.html).  See docs/oscal.md,
# docs/crm.md, docs/findings-json.md, docs/junit.md, docs/xlsx.md and docs/html.md.
#
# Runs srmap on samples/, on tests/xml-outputs/ (names with commas, quotes and non-ASCII
# characters, an artifact whose path needs percent-encoding, a user catalog fragment) and on the
# inputs of every successful "assess" case in tests/cases/, then
#   - validates every assessment-results.xml against NIST's OSCAL 1.0.6 schema in
#     ../shared/oscal (skipped, saying so, when that folder is absent) and checks what the schema
#     cannot: uuids unique and version 5, every uuid reference resolved, one observation per
#     evidence record, reviewed controls, findings and risks (tests/check-xml-outputs.py);
#   - validates every crm.xml against docs/crm.xsd and checks crm.csv: UTF-8 with a byte order
#     mark, RFC 4180 (13 fields a record, CRLF, minimal quoting), the same rows as crm.xml;
#   - checks every crm.xlsx against its assessment.xml (tests/check-xlsx.py: the sheets, the
#     frozen header rows and filters, a row per control of each framework and per finding, the
#     owners' text and colour, the creation time);
#   - checks every report.html with tests/check-html.py: it parses, one h1 and headings in
#     order, a th with a scope in every table, nothing loaded from anywhere (every link an
#     anchor of the page), the filters hidden without the script, and the counts of its
#     assessment.xml (a row per finding, the scores of the frameworks in scope, ...);
#   - compares the sample run's crm.xml, crm.csv and report.html with tests/golden/;
#   - runs each case twice and checks with cmp that every output file is byte-identical, and
#     once more with --jobs 3 (the formats made side by side) for the same files and messages;
#     the first run and the run on whole documents make every format with its template
#     (SRMAP_XSLT_ONLY=1), the others use srmap's C writers for the shipped OSCAL and
#     findings-json templates (src/write/fastpath.c): the bytes must be the same;
#   - checks that crm.xml and crm.csv, made from the parts of the assessment their templates
#     declare (srmap:reads), are what xsltproc makes of the whole assessment.xml, and that
#     every template-made file is the same when its template is given the whole document
#     (SRMAP_TEMPLATES_WHOLE=1);
#   - checks that the odd names of tests/xml-outputs/ survive in the OSCAL document, crm.xml,
#     crm.csv and report.html (the CSV's SC-8 row, cited by two controls, has a customer action
#     of two lines: the csv check above verifies that such a field comes back whole).
# With UPDATE=1 the golden files are rewritten from the sample run (review the diff!).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
oscal_xsd="$top/../shared/oscal/oscal_assessment-results_schema.xsd"
crm_xsd="$top/docs/crm.xsd"
check="$top/tests/check-xml-outputs.py"
golden="$top/tests/golden"
work="$top/tests/out/xml-outputs"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
unset SRMAP_XSLT_ONLY
files="assessment.xml assessment-results.xml crm.xml crm.csv findings.json junit.xml crm.xlsx report.html"
formats=xml,oscal,crm,csv,json,junit,xlsx,html     # the last --format given wins
junit_xsd="$top/docs/junit.xsd"
findings_schema="$top/docs/findings.schema.json"
check_findings="$top/tests/check-findings.py"
check_xlsx="$top/tests/check-xlsx.py"
check_html="$top/tests/check-html.py"
# Debian's python3, which has python3-jsonschema (make deps installs it)
debian_python=/usr/bin/python3
pass=0 fail=0

if [ -f "$oscal_xsd" ]; then
	have_oscal=1
else
	have_oscal=0
	echo "SKIP: ../shared/oscal not found: OSCAL documents are not validated against NIST's schema"
fi

# check NAME DIR ARGS: runs "srmap ARGS" (ARGS write the formats $formats to the folder "out")
# twice in DIR and checks the outputs.
# With skip_failed=1, a first run that fails is not a problem: the case is skipped.
skip_failed=0
check() {
	name=$1 dir=$2
	shift 2
	problems=""
	# The first run makes every format with its template; the others use the C writers of the
	# shipped templates where srmap has one (src/write/fastpath.c): the same bytes.
	if ! ( cd "$dir" && rm -rf out out.1 && SRMAP_XSLT_ONLY=1 "$srmap" "$@" >stdout.1 2>stderr.1 ); then
		[ "$skip_failed" = 1 ] && return 0
		problems="$problems srmap failed (see $dir/stderr.1);"
	fi
	( cd "$dir" && mv out out.1 && "$srmap" "$@" >stdout.2 2>stderr.2 ) ||
		problems="$problems second run failed (see $dir/stderr.2);"
	out="$dir/out"
	for f in $files; do
		if [ ! -f "$out/$f" ]; then
			problems="$problems no $f;"
		elif ! cmp -s "$dir/out.1/$f" "$out/$f"; then
			problems="$problems $f differs between two runs (by its template, then by srmap's writer for it);"
		fi
	done
	# Templates that declare the parts they read (srmap:reads) are given a document of those
	# parts; given the whole document instead, they must write the same bytes.
	rm -rf "$dir/out.1"
	( cd "$dir" && mv out out.1 && SRMAP_TEMPLATES_WHOLE=1 SRMAP_XSLT_ONLY=1 "$srmap" "$@" >stdout.3 2>stderr.3 ) ||
		problems="$problems the run on whole documents failed (see $dir/stderr.3);"
	for f in assessment-results.xml crm.xml crm.csv findings.json junit.xml crm.xlsx report.html; do
		[ -f "$dir/out.1/$f" ] && ! cmp -s "$dir/out.1/$f" "$out/$f" &&
			problems="$problems $f differs when its template is given the whole document;"
	done
	# Made side by side in worker processes (--jobs), every file is the same again.
	rm -rf "$dir/out.3" && mv "$out" "$dir/out.3"
	( cd "$dir" && "$srmap" "$@" --jobs 3 >stdout.4 2>stderr.4 ) ||
		problems="$problems the run with --jobs 3 failed (see $dir/stderr.4);"
	for f in $files; do
		[ -f "$dir/out.3/$f" ] && ! cmp -s "$dir/out.3/$f" "$out/$f" &&
			problems="$problems $f differs when made with --jobs 3;"
	done
	cmp -s "$dir/stderr.2" "$dir/stderr.4" ||
		problems="$problems the messages differ with --jobs 3 (see $dir/stderr.4);"
	if [ -f "$out/assessment-results.xml" ]; then
		if [ "$have_oscal" = 1 ] &&
		   ! xmllint --noout --schema "$oscal_xsd" "$out/assessment-results.xml" 2>"$dir/oscal.log"; then
			problems="$problems assessment-results.xml is not valid OSCAL (see $dir/oscal.log);"
		fi
		python3 "$check" oscal "$out/assessment-results.xml" "$out/assessment.xml" >"$dir/oscal-check.log" ||
			problems="$problems assessment-results.xml: $(head -1 "$dir/oscal-check.log");"
	fi
	if [ -f "$out/crm.xml" ]; then
		xmllint --noout --schema "$crm_xsd" "$out/crm.xml" 2>"$dir/crm.log" ||
			problems="$problems crm.xml is not valid (see $dir/crm.log);"
		if [ -f "$out/crm.csv" ]; then
			python3 "$check" csv "$out/crm.csv" "$out/crm.xml" >"$dir/csv-check.log" ||
				problems="$problems crm.csv: $(head -1 "$dir/csv-check.log");"
		fi
	fi
	if [ -f "$out/findings.json" ]; then
		xsltproc -o "$dir/whole-findings.xml" "$top/templates/findings-json.xsl" "$out/assessment.xml" \
			2>"$dir/whole-findings.log" ||
			problems="$problems findings-json.xsl fails under xsltproc (see $dir/whole-findings.log);"
		"$debian_python" "$check_findings" json "$out/findings.json" "$out/assessment.xml" \
			"$findings_schema" "$dir/whole-findings.xml" >"$dir/json-check.log" 2>&1 ||
			problems="$problems findings.json: $(head -1 "$dir/json-check.log");"
	fi
	if [ -f "$out/junit.xml" ]; then
		xmllint --noout --schema "$junit_xsd" "$out/junit.xml" 2>"$dir/junit.log" ||
			problems="$problems junit.xml is not valid (see $dir/junit.log);"
		"$debian_python" "$check_findings" junit "$out/junit.xml" "$out/assessment.xml" \
			>"$dir/junit-check.log" 2>&1 ||
			problems="$problems junit.xml: $(head -1 "$dir/junit-check.log");"
	fi
	if [ -f "$out/crm.xlsx" ]; then
		"$debian_python" "$check_xlsx" check "$out/crm.xlsx" "$out/assessment.xml" \
			>"$dir/xlsx-check.log" 2>&1 ||
			problems="$problems crm.xlsx: $(head -1 "$dir/xlsx-check.log");"
	fi
	if [ -f "$out/report.html" ]; then
		"$debian_python" "$check_html" "$out/report.html" "$out/assessment.xml" >"$dir/html-check.log" 2>&1 ||
			problems="$problems report.html: $(head -1 "$dir/html-check.log");"
	fi
	# The CRM, JUnit and HTML templates declare the parts they read (srmap:reads) and are given
	# those alone: run as written over the whole document by xsltproc, they must give the same
	# bytes.
	for t in crm.xml:crm.xsl crm.csv:crm-csv.xsl junit.xml:junit.xsl report.html:report-html.xsl; do
		f=${t%%:*} xsl=${t#*:}
		[ -f "$out/$f" ] || continue
		xsltproc -o "$dir/whole-$f" "$top/templates/$xsl" "$out/assessment.xml" 2>"$dir/whole-$f.log" &&
			cmp -s "$dir/whole-$f" "$out/$f" ||
			problems="$problems $f differs from $xsl run over the whole assessment.xml (see $dir/whole-$f);"
	done
	report "$name"
}

report() {
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1:$problems"
	fi
}

# The samples, with the golden CRM.
mkdir -p "$work/samples"
for f in inventory.json evidence.json profile.json; do
	cp "$top/samples/$f" "$work/samples/"
done
cp -R "$top/samples/artifacts" "$work/samples/"
check samples "$work/samples" assess --inventory inventory.json --evidence evidence.json \
	--profile profile.json --out out --format "$formats"
# report.html lists the templates of the run with their hashes: made alone, it changes only
# with its own template (and the catalog), not with the others'.
( cd "$work/samples" && "$srmap" assess -q --inventory inventory.json --evidence evidence.json \
	--profile profile.json --out out-html --format xml,html ) || echo "srmap failed on the samples, html alone"
if [ "${UPDATE:-0}" = 1 ]; then
	mkdir -p "$golden"
	cp "$work/samples/out/crm.xml" "$work/samples/out/crm.csv" "$golden/"
	cp "$work/samples/out-html/report.html" "$golden/report.html"
fi
problems=""
for f in out/crm.xml out/crm.csv out-html/report.html; do
	g=$(basename "$f")
	cmp -s "$golden/$g" "$work/samples/$f" ||
		problems="$problems $g differs from tests/golden/$g (diff $golden/$g $work/samples/$f);"
done
report golden-crm-html

# Names with commas, quotes and non-ASCII characters.
cp -R "$top/tests/xml-outputs" "$work/names"
check names "$work/names" assess --inventory inventory.json --evidence evidence.json \
	--profile profile.json --catalog catalog.json --out out --format "$formats"
problems="" names_failed=0
out="$work/names/out"
python3 "$check" names "$out/assessment-results.xml" \
	'Zürich, "PACS" 東京-01' "Portal <&> 'web', \"prod\"" 'Exchange Online, "Main" — Ærø' \
	'Müller & Söhne, "Gesundheit" AG' 'Ærø Advisory, LLP' 'EV-1, "MFA"' \
	'Jürgen "JB" Bauer, IT-Sicherheit' 'São Paulo' \
	'Vertraulich — nur für "Müller & Söhne"' >"$work/names/names.log" 2>&1 || names_failed=1
python3 "$check" names "$out/crm.xml" \
	'Müller & Söhne, "Gesundheit" AG' 'Data, "PHI" & records — Zürich/東京' \
	'Fax, "secure" transmission — Zürich/東京' >>"$work/names/names.log" 2>&1 || names_failed=1
python3 "$check" names "$out/crm.csv" \
	'Data, "PHI" & records — Zürich/東京' 'Fax, "secure" transmission — Zürich/東京' \
	'Faxes carrying PHI, "even" short ones, are encrypted; über alles.' \
	"Always the customer's, \"whatever\" the model, even in São Paulo." \
	>>"$work/names/names.log" 2>&1 || names_failed=1
python3 "$check" names "$out/report.html" \
	'Zürich, "PACS" 東京-01' "Portal <&> 'web', \"prod\"" 'Exchange Online, "Main" — Ærø' \
	'Müller & Söhne, "Gesundheit" AG' 'Ærø Advisory, LLP' 'Jürgen "JB" Bauer, IT-Sicherheit' \
	'Vertraulich — nur für "Müller & Söhne"' >>"$work/names/names.log" 2>&1 || names_failed=1
[ "$names_failed" = 1 ] && problems="$problems $(cat "$work/names/names.log");"
report names-survive

# Every successful assess case of tests/cases/ (tests/run-cases.sh checks the exit codes: a case
# without expected.rc is skipped here when srmap fails on it).
for case in "$top"/tests/cases/*/; do
	name=$(basename "$case")
	[ ! -f "$case/expected.rc" ] || [ "$(cat "$case/expected.rc")" = 0 ] || continue
	skip_failed=1
	[ -f "$case/expected.rc" ] && skip_failed=0
	args=$(cat "$case/cmd")
	case "$args" in assess\ *) ;; *) continue ;; esac
	case " $args " in *" --help "*) continue ;; esac   # a help case assesses nothing
	# Cases on the small test catalog name it by a path relative to tests/out/NAME.
	case "$args" in *--datadir*) continue ;; esac
	run="$work/cases/$name"
	mkdir -p "$work/cases"
	cp -R "$case" "$run"
	rm -rf "$run/out" "$run/out.before"
	eval "set -- $args"
	check "case $name" "$run" "$@" --format "$formats"
done

echo "xml outputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
