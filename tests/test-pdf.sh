#!/bin/sh
# Tests the PDF report (docs/layout.md, templates/report-pdf.xsl) end to end.
#
# Renders, with --format xml,pdf: samples/ (with --attach-evidence), tests/pdf/no-findings (on the
# small test catalog of tests/catalog-small, so that no finding is left; a
# report without findings), the inputs of the golden cases minimal-iaas (one framework),
# utf8-names and artifact-mismatch-finding, and an estate of 2,000 workloads made by
# tests/bench/gen-srmap-estate.py.  For each PDF:
#   - srmap exits 0;  qpdf --check passes;  pdfinfo gives the Title and Author the profile asks for;
#   - pdftotext prints nothing on standard error, and its text holds "Executive summary",
#     "Page 3 of", the client's name and "2026-11-20 00:00 UTC", and neither "NaN" nor "of 0";
#   - a second run with the same SOURCE_DATE_EPOCH gives a byte-identical PDF (cmp);
#   - the template's layout XML passes tests/check-layout.py (docs/layout.md's vocabulary, table
#     widths adding up to 100%) when xsltproc is installed.
# PDF/A-1b (tests/check-pdfa.py, for every PDF above): identification, XMP equal to the document
# information, the sRGB output intent, fonts embedded with /CIDSet, no transparency, no
# encryption, /Lang (the profile's language: de-CH for the case profile-language, else en),
# printable links, the outline equal to the layout's headings; the samples'
# PDF, with attachments, must not claim PDF/A, so they are rendered once more without them.
# A data folder's icc/sRGB.icc is used before icc-profiles-free's; a broken or CMYK one fails.
# --pdf-detail summary: the estate's summary PDF is at most a fifth as long as the full one, has
# the summary sections and the note on where the rest is (which the full one has not).
# Attachments (--attach-evidence): the sample's artifacts are listed by qpdf --list-attachments
# and pdfdetach -list under their artifact paths, and pdfdetach -saveall gives back their exact
# bytes; tests/pdf/attach (two evidence folders with an artifact of the same name, a non-ASCII
# name, an artifact without a stated hash, a changed one and a missing one) checks names and bytes
# with qpdf --show-attachment; --attach-limit leaves artifacts out with a warning, the evidence
# register says so, and --strict makes that a failure.
# Templates: one that writes a file (exsl:document, and xsl:document in XSLT 1.1) is refused with
# exit 5 naming it and writes nothing; a malformed one gives exit 5 naming its file and line; one
# whose layout XML breaks the vocabulary gives exit 5 naming the template and line; one that reads
# a local file outside the template folders (a path or a file: URL), reaches the network, or has a
# DTD with an external entity is refused with exit 5 naming it; one that reads a file of its own
# folder is allowed.  The golden case control-chars-inventory renders with U+FFFD in the PDF.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/pdf"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0
have_xsltproc=1
command -v xsltproc >/dev/null 2>&1 || {
	have_xsltproc=0
	echo "SKIP: xsltproc not found: layout XML is not checked with tests/check-layout.py"
}

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# json_field FILE KEY: a top-level string of a JSON file
json_field() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]])' "$1" "$2"
}

# json_field_or FILE KEY DEFAULT: a top-level string of a JSON file, DEFAULT when it has none
json_field_or() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8")).get(sys.argv[2], sys.argv[3]))' "$1" "$2" "$3"
}

# render NAME DIR ARGS...: runs srmap twice in DIR (outputs in $work/NAME/out1, out2) and checks
# the PDF as described above.
render() {
	name=$1 dir=$2
	shift 2
	out="$work/$name"
	mkdir -p "$out"
	# the same --out both times: the command line is part of the report
	for run in 1 2; do
		( cd "$dir" && "$srmap" assess "$@" --format xml,pdf --out "$out/out" \
			>"$out/stdout$run" 2>"$out/stderr$run"; echo $? >"$out/rc$run" )
		rm -rf "$out/out$run"
		[ -d "$out/out" ] && mv "$out/out" "$out/out$run"
	done
	pdf="$out/out1/report.pdf"
	if [ "$(cat "$out/rc1")" != 0 ] || [ ! -f "$pdf" ]; then
		bad "$name: exit $(cat "$out/rc1"), no PDF (see $out/stderr1)"
		return
	fi
	ok
	if qpdf --check "$pdf" >"$out/qpdf.log" 2>&1; then ok; else bad "$name: qpdf --check (see $out/qpdf.log)"; fi
	client=$(json_field "$dir/profile.json" client)
	assessor=$(json_field "$dir/profile.json" assessor)
	pdfinfo "$pdf" >"$out/pdfinfo.txt" 2>&1
	if grep -qxF "Title:           Shared-responsibility assessment — $client" "$out/pdfinfo.txt" &&
	   grep -qxF "Author:          $assessor" "$out/pdfinfo.txt"; then
		ok
	else
		bad "$name: pdfinfo Title or Author (see $out/pdfinfo.txt)"
	fi
	pdftotext "$pdf" "$out/report.txt" 2>"$out/pdftotext.err"
	if [ -s "$out/pdftotext.err" ]; then bad "$name: pdftotext warns (see $out/pdftotext.err)"; else ok; fi
	for want in "Executive summary" "Page 3 of" "$client" "2026-11-20 00:00 UTC"; do
		if grep -qF -- "$want" "$out/report.txt"; then ok; else bad "$name: no \"$want\" in the text"; fi
	done
	for unwanted in "NaN" "of 0"; do
		if grep -nF -- "$unwanted" "$out/report.txt" >"$out/unwanted.txt"; then
			bad "$name: \"$unwanted\" in the text: $(head -1 "$out/unwanted.txt")"
		else
			ok
		fi
	done
	if cmp -s "$pdf" "$out/out2/report.pdf"; then ok; else bad "$name: two runs give different PDFs"; fi
	if [ "$have_xsltproc" = 1 ]; then
		if xsltproc "$top/templates/report-pdf.xsl" "$out/out1/assessment.xml" >"$out/layout.xml" 2>"$out/xsltproc.err" &&
			python3 "$top/tests/check-layout.py" "$out/layout.xml" >"$out/check-layout.log" 2>&1; then
			ok
		else
			bad "$name: layout XML (see $out/check-layout.log)"
		fi
	fi
	# PDF/A-1b (tests/check-pdfa.py); a PDF with attachments cannot be PDF/A-1 and must not say so
	claim=""
	qpdf --list-attachments "$pdf" 2>/dev/null | grep -q ' -> ' && claim=--no-claim
	with_layout=""
	[ "$have_xsltproc" = 1 ] && with_layout="--layout $out/layout.xml"
	# shellcheck disable=SC2086 # the options are words
	if python3 "$top/tests/check-pdfa.py" $claim $with_layout --lang "$(json_field_or "$dir/profile.json" language en)" \
		"$pdf" >"$out/check-pdfa.log" 2>&1; then
		ok
	else
		bad "$name: PDF/A-1b properties (see $out/check-pdfa.log)"
	fi
}

cases="$top/tests/cases"
render samples "$top/samples" --inventory inventory.json --evidence evidence.json \
	--profile profile.json --attach-evidence
render samples-pdfa "$top/samples" --inventory inventory.json --evidence evidence.json \
	--profile profile.json
render no-findings "$top/tests/pdf/no-findings" --datadir "$top/tests/catalog-small" --inventory inventory.json \
	--evidence evidence.json --profile profile.json
render one-framework "$cases/minimal-iaas" --inventory inventory.json --evidence evidence.json \
	--profile profile.json
render profile-language "$cases/profile-language" --inventory inventory.json --evidence evidence.json \
	--profile profile.json
render utf8-names "$cases/utf8-names" --inventory inventory.json --evidence evidence.json \
	--profile profile.json
render artifact-mismatch "$cases/artifact-mismatch-finding" --inventory inventory.json \
	--evidence evidence.json --profile profile.json --attach-evidence
render drift "$cases/drift-finding-added" --inventory inventory.json --evidence evidence.json \
	--profile profile.json --baseline baseline.xml
mkdir -p "$work/estate-input"
python3 "$top/tests/bench/gen-srmap-estate.py" 2000 "$work/estate-input" >/dev/null
render estate-2000 "$work/estate-input" --inventory inventory.json --evidence evidence.json \
	--profile profile.json

# --pdf-detail summary: the estate's PDF is much shorter, keeps the summary sections and says
# where the rest is; the full PDF (rendered above) lists everything and has no such note
out="$work/estate-summary"
mkdir -p "$out"
( cd "$work/estate-input" && "$srmap" assess -q --inventory inventory.json --evidence evidence.json \
	--profile profile.json --format pdf --pdf-detail summary --out "$out/out" ) >/dev/null 2>"$out/stderr"
rc=$?
full_pages=$(pdfinfo "$work/estate-2000/out1/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
summary_pages=$(pdfinfo "$out/out/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ "$rc" = 0 ] && qpdf --check "$out/out/report.pdf" >/dev/null 2>&1 &&
   [ "${summary_pages:-0}" -gt 0 ] && [ $((summary_pages * 5)) -lt "${full_pages:-0}" ]; then ok; else
	bad "estate-summary: exit $rc, $summary_pages pages against $full_pages in full"
fi
pdftotext "$out/out/report.pdf" "$out/report.txt"
for want in "Executive summary" "The most important gaps" "Controls by domain" "Workload inventory" \
	    "Critical severity" "Appendix A — Evidence register" "Appendix C — Provenance of this run" \
	    "This is a summary report" "assess with --pdf-detail full"; do
	if tr '\n' ' ' <"$out/report.txt" | grep -qF -- "$want"; then ok; else bad "estate-summary: no \"$want\" in the text"; fi
done
if grep -qF "This is a summary report" "$work/estate-2000/report.txt"; then bad "estate-2000: the full PDF says it is a summary"; else ok; fi
( cd "$work/estate-input" && "$srmap" assess -q --inventory inventory.json --pdf-detail brief \
	--out "$out/usage" ) >/dev/null 2>"$out/usage.err"
rc=$?
if [ "$rc" = 2 ] && grep -qF -- "--pdf-detail takes full or summary" "$out/usage.err"; then ok; else bad "pdf-detail: usage error exit $rc"; fi

# --baseline: the report has the drift section, with the new finding in it
if grep -qF "Changes since the previous assessment" "$work/drift/report.txt" &&
   grep -qF "New findings" "$work/drift/report.txt" &&
   ! grep -qF "Changes since the previous assessment" "$work/samples/report.txt"; then
	ok
else
	bad "drift: no drift section with --baseline, or one without it"
fi
# no findings: the report says so, and lists no finding
if grep -qF "There are no findings" "$work/no-findings/report.txt" &&
   ! grep -qE "F-[0-9]{4}" "$work/no-findings/report.txt"; then ok; else bad "no-findings: findings in the text"; fi
# the changed artifact of artifact-mismatch-finding is not attached
if ! qpdf --list-attachments "$work/artifact-mismatch/out1/report.pdf" 2>&1 | grep -v '^$' | grep -qv 'no embedded files' &&
   grep -qF "Not attached: not the file" "$work/artifact-mismatch/report.txt"; then
	ok
else
	bad "artifact-mismatch: a changed artifact is attached, or the register does not say it is not"
fi

# ---- attachments: the samples --------------------------------------------------------------
pdf="$work/samples/out1/report.pdf"
expected=$(grep -o 'artifact="[^"]*" sha256="[^"]*" artifact-state="verified"' "$work/samples/out1/assessment.xml" |
	sed 's/^artifact="\([^"]*\)".*/\1/' | sort -u)
listed=$(qpdf --list-attachments "$pdf" | sed -n 's/ -> .*//p' | sort)
if [ -n "$expected" ] && [ "$listed" = "$expected" ]; then ok; else
	bad "samples: qpdf --list-attachments gives [$listed], expected [$expected]"
fi
detached=$(pdfdetach -list "$pdf" | sed -n 's/^[0-9]*: //p' | sort)
if [ "$detached" = "$expected" ]; then ok; else bad "samples: pdfdetach -list gives [$detached]"; fi
mkdir -p "$work/samples/detached"
for f in $expected; do mkdir -p "$work/samples/detached/$(dirname "$f")"; done
if pdfdetach -saveall -o "$work/samples/detached" "$pdf" 2>"$work/samples/pdfdetach.err"; then
	for f in $expected; do
		if cmp -s "$work/samples/detached/$f" "$top/samples/$f"; then ok; else bad "samples: attachment $f differs from the artifact"; fi
	done
else
	bad "samples: pdfdetach -saveall (see $work/samples/pdfdetach.err)"
fi
n=$(echo "$expected" | wc -l)
if [ "$(grep -c '^Attached' "$work/samples/report.txt")" -ge "$n" ]; then ok; else bad "samples: the register does not mark the attached artifacts"; fi

# ---- attachments: names, duplicates, bytes ------------------------------------------------
fx="$top/tests/pdf/attach"
out="$work/attach"
mkdir -p "$out"
( cd "$fx" && "$srmap" assess -q --inventory inventory.json --evidence site-a/evidence.json \
	site-b/evidence.json --profile profile.json --format pdf --attach-evidence --out "$out/out" ) \
	2>"$out/stderr"
rc=$?
if [ "$rc" = 0 ] && qpdf --check "$out/out/report.pdf" >/dev/null 2>&1; then ok; else bad "attach: exit $rc or qpdf --check fails"; fi
printf '%s\n' "B-1/artifacts/a.txt" "artifacts/Zürich-東京.txt" "artifacts/a.txt" "artifacts/big.bin" \
	"artifacts/nohash.txt" >"$out/expected"
qpdf --list-attachments "$out/out/report.pdf" | sed -n 's/ -> .*//p' >"$out/listed"
if cmp -s "$out/expected" "$out/listed"; then ok; else bad "attach: attachments differ (see $out/listed)"; fi
for pair in "artifacts/a.txt site-a/artifacts/a.txt" "B-1/artifacts/a.txt site-b/artifacts/a.txt" \
	    "artifacts/Zürich-東京.txt site-a/artifacts/Zürich-東京.txt" \
	    "artifacts/big.bin site-a/artifacts/big.bin" "artifacts/nohash.txt site-b/artifacts/nohash.txt"; do
	key=${pair% *} file=${pair#* }
	if qpdf --show-attachment="$key" "$out/out/report.pdf" 2>/dev/null | cmp -s - "$fx/$file"; then ok; else
		bad "attach: attachment $key is not $file"
	fi
done
if pdfdetach -list "$out/out/report.pdf" 2>&1 | grep -qxF "5: artifacts/Zürich-東京.txt"; then ok; else bad "attach: pdfdetach does not list the non-ASCII name"; fi
pdftotext "$out/out/report.pdf" "$out/report.txt"
if grep -qF "B-1/artifacts/a.txt" "$out/report.txt" && grep -qF "Not attached: no file" "$out/report.txt"; then ok; else
	bad "attach: the register does not name the renamed attachment or the missing file"
fi

# ---- attachments: the size limit ----------------------------------------------------------
out="$work/attach-limit"
mkdir -p "$out"
( cd "$top/samples" && "$srmap" assess --inventory inventory.json --evidence evidence.json \
	--profile profile.json --format pdf --attach-evidence --attach-limit 0.002 --out "$out/out" ) \
	>/dev/null 2>"$out/stderr"
rc=$?
listed=$(qpdf --list-attachments "$out/out/report.pdf" 2>/dev/null | sed -n 's/ -> .*//p')
if [ "$rc" = 0 ] && [ "$listed" = "artifacts/conditional-access-policies.json" ]; then ok; else
	bad "attach-limit: exit $rc, attachments [$listed]"
fi
if grep -qF 'warning: the evidence artifacts pass the --attach-limit of 2,097 bytes: 3 artifact files' "$out/stderr"; then ok; else
	bad "attach-limit: no warning (see $out/stderr)"
fi
pdftotext "$out/out/report.pdf" "$out/report.txt"
# four rows of the register, its introduction and the provenance appendix
if [ "$(tr '\n' ' ' <"$out/report.txt" | grep -o 'Not attached: over the size limit' | wc -l)" = 6 ]; then ok; else
	bad "attach-limit: the register does not mark the 4 records left out"
fi
# --strict: the limit's warning fails the run (a case whose run has no other warning)
( cd "$cases/artifact-with-matching-sha256" && "$srmap" assess -q --strict \
	--inventory inventory.json --evidence evidence.json --profile profile.json --format pdf \
	--attach-evidence --attach-limit 0.00001 --out "$out/strict" ) >/dev/null 2>&1
rc=$?
if [ "$rc" = 4 ] && [ ! -e "$out/strict/report.pdf" ]; then ok; else bad "attach-limit: --strict gives exit $rc"; fi
( cd "$top/samples" && "$srmap" assess --inventory inventory.json --attach-limit 5 \
	--out "$out/usage" ) >/dev/null 2>"$out/usage.err"
rc=$?
if [ "$rc" = 2 ] && grep -qF -- "--attach-limit needs --attach-evidence" "$out/usage.err"; then ok; else bad "attach-limit: usage error exit $rc"; fi

# ---- templates that must be refused ---------------------------------------------------------
# refused TEMPLATE EXPECTED-TEXT: exit 5, EXPECTED-TEXT on standard error, no PDF, no file written
refused() {
	t="$top/tests/pdf/templates/$1"
	out="$work/template-$1"
	mkdir -p "$out"
	( cd "$out" && "$srmap" assess -q --inventory "$top/samples/inventory.json" \
		--profile "$top/samples/profile.json" --format pdf --template "$t" --out out ) \
		>/dev/null 2>"$out/stderr"
	rc=$?
	if [ "$rc" = 5 ] && grep -qF -- "$2" "$out/stderr" && [ ! -e "$out/out/report.pdf" ] &&
	   [ ! -e "$out/written-by-template.txt" ] && [ ! -e "$top/tests/pdf/templates/written-by-template.txt" ]; then
		ok
	else
		bad "template $1: exit $rc, expected 5 and \"$2\" (see $out/stderr)"
	fi
}
refused writes-file.xsl "srmap: $top/tests/pdf/templates/writes-file.xsl"
refused writes-file-xsl11.xsl "writes-file-xsl11.xsl: template may not write files"
refused broken.xsl "srmap: $top/tests/pdf/templates/broken.xsl:7:"
refused bad-layout.xsl "srmap: $top/tests/pdf/templates/bad-layout.xsl:8:1: layout /document/table/row: row has 3 cells"
refused reads-unknown-part.xsl "reads-unknown-part.xsl: srmap:reads names \"workloads\", which is not a part"
refused reads-no-parts.xsl "reads-no-parts.xsl:5:1: srmap:reads names no parts"
refused reads-local.xsl "reads-local.xsl: template may not read \"/etc/passwd\" (outside the template folders)"
refused reads-file-url.xsl "reads-file-url.xsl: template may not read \"/etc/hostname\""
refused reads-network.xsl "reads-network.xsl: template may not use the network (\"http://127.0.0.1:9/secret.xml\")"
refused dtd-entity.xsl "dtd-entity.xsl:1:1: documents with a DTD are not accepted"

# ---- a template that reads a file of its own folder (allowed) -------------------------------
out="$work/template-own-folder"
mkdir -p "$out"
( cd "$out" && "$srmap" assess -q --inventory "$top/samples/inventory.json" \
	--profile "$top/samples/profile.json" --format pdf \
	--template "$top/tests/pdf/templates/reads-own-folder.xsl" --out out ) 2>"$out/stderr"
rc=$?
if [ "$rc" = 0 ] && pdftotext "$out/out/report.pdf" - | grep -q "Own folder: 1.0"; then
	ok
else
	bad "template reading its own folder: exit $rc, or the PDF lacks what it read (see $out)"
fi

# ---- text XML cannot carry: replaced by U+FFFD in the PDF too -------------------------------
out="$work/control-chars"
mkdir -p "$out"
( cd "$top/tests/cases/control-chars-inventory" && "$srmap" assess -q --inventory inventory.json \
	--profile profile.json --format xml,pdf --out "$out/out" ) 2>"$out/stderr"
rc=$?
if [ "$rc" = 0 ] && pdftotext "$out/out/report.pdf" - | grep -q "vm-app�-01 ���"; then
	ok
else
	bad "control characters: exit $rc, or the PDF lacks the name with U+FFFD (see $out)"
fi
# ... and the provenance appendix lists each replaced string with the hash of its original
pdftotext -layout "$out/out/report.pdf" "$out/report.txt"
sed -n 's/.*<replaced line="\([0-9]*\)" col="\([0-9]*\)".* sha256="\([0-9a-f]\{16\}\).*/\1:\2 \3/p' \
	"$out/out/assessment.xml" >"$out/replaced"
listed_all() {
	while read -r at hash; do
		grep -q "inventory.json *$at.*$hash" "$out/report.txt" || return 1
	done <"$out/replaced"
}
if grep -q "^Text replaced" "$out/report.txt" && [ "$(wc -l <"$out/replaced")" = 3 ] && listed_all; then
	ok
else
	bad "control characters: the PDF's \"Text replaced\" table lacks a replaced string (see $out)"
fi

# ---- a template given the parts it declares -------------------------------------------------
out="$work/template-reads"
mkdir -p "$out"
( cd "$out" && "$srmap" assess -q --inventory "$top/samples/inventory.json" \
	--profile "$top/samples/profile.json" --format pdf \
	--template "$top/tests/pdf/templates/reads-profile.xsl" --out out ) 2>"$out/stderr"
rc=$?
if [ "$rc" = 0 ] && pdftotext "$out/out/report.pdf" - 2>/dev/null | grep -q "Prepared for Contoso Health" &&
   pdftotext "$out/out/report.pdf" - | grep -q "Workloads in the document given: 0"; then
	ok
else
	bad "srmap:reads: exit $rc, or the PDF lacks the client or sees workloads (see $out)"
fi

# ---- PDF/A: the output intent's ICC profile ---------------------------------------------------
# A data folder's icc/sRGB.icc is used before icc-profiles-free's; one that is not an RGB ICC
# profile of version 2 stops the run with exit 70, naming the file, and a previous report stays.
icc_run() {
	out="$work/icc-$1"
	mkdir -p "$out/data/icc"
	ln -s "$top/catalog" "$out/data/catalog"
	ln -s "$top/templates" "$out/data/templates"
	# a previous report, made with icc-profiles-free's profile
	( cd "$cases/minimal-iaas" && "$srmap" assess -q --inventory inventory.json \
		--evidence evidence.json --profile profile.json --format pdf --out "$out/out" ) >/dev/null 2>&1
	cp "$out/out/report.pdf" "$out/before.pdf"
	cp "$2" "$out/data/icc/sRGB.icc"
	( cd "$cases/minimal-iaas" && "$srmap" assess -q --datadir "$out/data" \
		--inventory inventory.json --evidence evidence.json --profile profile.json --format pdf \
		--out "$out/out" ) >/dev/null 2>"$out/stderr"
	echo $? >"$out/rc"
}
echo "not a profile" >"$work/icc-text.icc"
icc_run text "$work/icc-text.icc"
if [ "$(cat "$work/icc-text/rc")" = 70 ] && cmp -s "$work/icc-text/out/report.pdf" "$work/icc-text/before.pdf" &&
   grep -qF "$work/icc-text/data/icc/sRGB.icc: not an ICC profile: it cannot be the PDF/A output intent" "$work/icc-text/stderr"; then
	ok
else
	bad "icc: a data folder's broken profile gives exit $(cat "$work/icc-text/rc") (see $work/icc-text/stderr)"
fi
# a CMYK profile (version 2, 'CMYK' colour space): refused as not RGB
python3 -c 'import sys; h = bytearray(128); h[0:4] = (128).to_bytes(4, "big"); h[8] = 2; h[16:20] = b"CMYK"; h[36:40] = b"acsp"; open(sys.argv[1], "wb").write(h)' "$work/icc-cmyk.icc"
icc_run cmyk "$work/icc-cmyk.icc"
if [ "$(cat "$work/icc-cmyk/rc")" = 70 ] && grep -qF "not an RGB ICC profile" "$work/icc-cmyk/stderr"; then ok; else
	bad "icc: a CMYK profile gives exit $(cat "$work/icc-cmyk/rc") (see $work/icc-cmyk/stderr)"
fi
# the data folder's own copy of the shipped profile is the one embedded
if [ -f /usr/share/color/icc/sRGB.icc ]; then
	out="$work/icc-own"
	mkdir -p "$out/data/icc"
	ln -s "$top/catalog" "$out/data/catalog"
	ln -s "$top/templates" "$out/data/templates"
	cp /usr/share/color/icc/sRGB.icc "$out/data/icc/sRGB.icc"
	( cd "$cases/minimal-iaas" && "$srmap" assess -q --datadir "$out/data" --inventory inventory.json \
		--evidence evidence.json --profile profile.json --format pdf --out "$out/out" ) >/dev/null 2>"$out/stderr"
	rc=$?
	if [ "$rc" = 0 ] && python3 "$top/tests/check-pdfa.py" "$out/out/report.pdf" >"$out/check-pdfa.log" 2>&1; then ok; else
		bad "icc: a data folder's sRGB.icc: exit $rc (see $out/stderr, $out/check-pdfa.log)"
	fi
else
	bad "icc: /usr/share/color/icc/sRGB.icc is missing: make deps installs icc-profiles-free"
fi

echo "pdf: $pass passed, $fail failed"
[ "$fail" = 0 ]
