#!/bin/sh
# Tests the workbook (crm.xlsx, docs/xlsx.md), beyond what tests/test-xml-outputs.sh checks on
# every case (tests/check-xlsx.py: sheets, frozen headers, filters, rows and owners as
# assessment.xml says, byte-identical reruns):
#   - the sample run: the workbook agrees with assessment.xml, the assess line names it, its
#     zip holds the sheets, styles and properties an .xlsx has and no member dated by the clock;
#   - the same inputs at another wall-clock time give the same bytes; another SOURCE_DATE_EPOCH
#     dates the workbook (docProps/core.xml) with that run's generated time, and nothing else;
#   - --framework soc2: the sheets are Summary, SOC 2 and Findings;
#   - the look: the header cells bold and filled, owner cells filled by owner, long text wrapped,
#     every column of a table sized, none past 80 characters (read back with check-xlsx.py dump);
#   - a copy of the data folder whose workbook template breaks the vocabulary (a foreign
#     element, a sheet name Excel refuses, two sheets of one name, an unknown style, no created
#     time) or is not XSLT at all: exit 5 naming the template and the element, and the previous
#     report set left whole; libxlsxwriter prints nothing of its own;
#   - a cell's text longer than Excel holds: cut, with a warning; with --strict, exit 5.
# shellcheck disable=SC2016,SC2034  # check evaluates its single-quoted conditions later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/xlsx"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
py=/usr/bin/python3
check_xlsx="$top/tests/check-xlsx.py"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

S="$top/samples"
samples() { "$srmap" assess -q --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" "$@"; }
# member FILE NAME: prints the zip member NAME of FILE
member() { "$py" -c "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())" "$1" "$2"; }

# ---- the sample run ------------------------------------------------------------------------
"$srmap" assess --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" --out "$work/all" --format xml,xlsx 2>"$work/all.stderr"
x="$work/all/crm.xlsx"
check "the sample run writes crm.xlsx, a zip" '[ "$(head -c 2 "$x")" = PK ]'
check "crm.xlsx agrees with assessment.xml" \
	'"$py" "$check_xlsx" check "$x" "$work/all/assessment.xml" >"$work/all.check" 2>&1'
check "the assess line names the workbook" \
	'grep -q "wrote .*crm.xlsx: customer responsibility matrix and findings, Excel workbook" "$work/all.stderr"'
names=$("$py" -c "import sys, zipfile; print(' '.join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))" "$x")
check "the zip holds an .xlsx's parts: five sheets, styles, properties, no shared temporaries" \
	'[ "$names" = "[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml xl/_rels/workbook.xml.rels xl/styles.xml xl/theme/theme1.xml xl/workbook.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/worksheets/sheet3.xml xl/worksheets/sheet4.xml xl/worksheets/sheet5.xml" ]'
check "the properties: the client in the title, the assessor as author, the marking as category" \
	'member "$x" docProps/core.xml | grep -q "<dc:title>Customer responsibility matrix and findings: Contoso Health</dc:title><dc:subject>[^<]*</dc:subject><dc:creator>Northwind Advisory LLP</dc:creator>" &&
	 member "$x" docProps/core.xml | grep -q "<cp:category>Confidential — prepared for Contoso Health</cp:category>"'
check "no leftover in the set folder" \
	'[ "$(cd "$work/all/current" && ls -A | tr "\n" " ")" = "assessment.xml crm.xlsx " ]'

# ---- reproducible --------------------------------------------------------------------------
sleep 1
samples --out "$work/again" --format xml,xlsx 2>/dev/null
check "the same inputs a second later: the same bytes" 'cmp -s "$x" "$work/again/crm.xlsx"'
SOURCE_DATE_EPOCH=1795219200 samples --out "$work/later" --format xml,xlsx 2>/dev/null
check "another SOURCE_DATE_EPOCH: the workbook is dated with that run's generated time" \
	'member "$work/later/crm.xlsx" docProps/core.xml | grep -q "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-21T00:00:00Z</dcterms:created>" &&
	 "$py" "$check_xlsx" check "$work/later/crm.xlsx" "$work/later/assessment.xml" >/dev/null'

# ---- --framework ---------------------------------------------------------------------------
samples --out "$work/soc2" --format xml,xlsx --framework soc2 2>/dev/null
"$py" "$check_xlsx" dump "$work/soc2/crm.xlsx" 3 >"$work/soc2.dump"
check "--framework soc2: the sheets are Summary, SOC 2 and Findings" \
	'[ "$(sed -n "s/^== sheet '"'"'\([^'"'"']*\)'"'"'.*/\1/p" "$work/soc2.dump" | tr "\n" ,)" = "Summary,SOC 2,Findings," ] &&
	 "$py" "$check_xlsx" check "$work/soc2/crm.xlsx" "$work/soc2/assessment.xml" >/dev/null'

# ---- the look ------------------------------------------------------------------------------
"$py" "$check_xlsx" dump "$x" 400 >"$work/all.dump"
check "header cells are bold and filled, with the filter's drop-down over them" \
	'grep -q "^   1 | Control\[bold fill D9E1F2 wrap\] | Title\[bold fill D9E1F2 wrap\]" "$work/all.dump" &&
	 grep -q "^== sheet '"'"'Findings'"'"': [0-9]* rows; frozen: 1 rows; autofilter: A1:M[0-9]*$" "$work/all.dump"'
check "owner cells say the owner and are filled by it: provider blue, customer orange, shared lavender" \
	'grep -q "| provider\[fill DDEBF7\] |" "$work/all.dump" && grep -q "| customer\[fill FCE4D6\] |" "$work/all.dump" &&
	 grep -q "| shared\[fill E4DFEC\] |" "$work/all.dump"'
check "the status is coloured as Excel colours good, neutral and bad, and also says it" \
	'grep -q "| met\[fill C6EFCE text 006100\] |" "$work/all.dump" &&
	 grep -q "| partially-met\[fill FFEB9C text 9C5700\] |" "$work/all.dump" &&
	 grep -q "| not-met\[fill FFC7CE text 9C0006\] |" "$work/all.dump"'
widest=$(sed -n 's/^     widths: //p' "$work/all.dump" | tr ' ' '\n' | sed 's/.*://' | sort -n | tail -1)
check "columns are sized to their text, none past 80 characters (widest $widest)" \
	'[ "$(grep -c "^     widths: " "$work/all.dump")" = 5 ] && [ "$widest" = 80.7 ]'
check "long text is wrapped; the title widens no column" \
	'grep -q "^   2 | net-nsg-default-deny | .*\[wrap\] | [^|]*\[wrap\]$" "$work/all.dump" &&
	 grep -q "^   1 | Customer responsibility matrix and fi...\[bold 14pt\]$" "$work/all.dump"'

# ---- a broken workbook template ------------------------------------------------------------
# data DIR: a copy of the data folder to change a template in.
data() { rm -rf "$1"; mkdir -p "$1"; cp -R "$top/catalog" "$top/templates" "$1/"; }
samples --out "$work/prev" --format xml,xlsx 2>/dev/null
# refused NAME SED-SCRIPT MESSAGE: the workbook template changed by SED-SCRIPT fails the run with
# exit 5 and MESSAGE, nothing else on stderr, and the previous set stays as it was.
refused() {
	data "$work/$1/data"
	sed "$2" "$top/templates/crm-xlsx.xsl" >"$work/$1/data/templates/crm-xlsx.xsl"
	cp -R "$work/prev" "$work/$1/out"
	SRMAP_DATADIR="$work/$1/data" samples --out "$work/$1/out" --format xml,xlsx 2>"$work/$1/stderr"
	rc=$?
	if [ "$rc" = 5 ] && grep -q "$3" "$work/$1/stderr" && ! grep -q -v "^srmap: " "$work/$1/stderr" &&
	   diff -r "$work/prev/current/" "$work/$1/out/current/" >/dev/null &&
	   [ "$(cd "$work/prev" && echo *)" = "$(cd "$work/$1/out" && echo *)" ]; then
		ok "$1: exit 5, \"$3\", the previous set whole"
	else
		bad "$1: exit $rc (expected 5 with \"$3\"; previous set whole?)"
		sed 's/^/    /' "$work/$1/stderr"
	fi
}
refused xlsx-foreign-element 's|<row><cell style="title">|<table/><row><cell style="title">|' \
	'crm-xlsx.xsl:[0-9:]*: xlsx /workbook/sheet\[1\]/table: element "table" is not columns or row'
refused xlsx-bad-sheet-name 's|<sheet name="Findings"|<sheet name="Findings/open"|' \
	'xlsx /workbook/sheet\[5\]: sheet name "Findings/open" holds one of \[\]:\*?/'
refused xlsx-long-sheet-name 's|<sheet name="Summary">|<sheet name="Summary of the shared-responsibility assessment">|' \
	'sheet name "Summary of the shared-responsibility assessment" is longer than 31 characters'
refused xlsx-sheet-twice 's|<sheet name="Findings"|<sheet name="summary"|' \
	'xlsx /workbook/sheet\[5\]: sheet name "summary" is given twice'
refused xlsx-unknown-style 's|<cell style="bold">|<cell style="strong">|' \
	'style "strong" is not one of header, title, bold'
refused xlsx-no-created 's|<workbook created="{$a/@generated}"|<workbook|' \
	'xlsx /workbook: a workbook needs created'
refused xlsx-not-xslt '1,$c\
<not-a-stylesheet/>' 'crm-xlsx.xsl'

# ---- text longer than a cell holds ---------------------------------------------------------
# A copy of the template that writes 40,000 characters into the empty rows of the summary: each
# cell gets the 32,767 Excel holds and a warning says so; with --strict that fails the run.  The
# inputs are a golden case's that warn of nothing, so that --strict fails on the cut alone.
data "$work/long/data"
sed 's|<xsl:variable name="s" select="$a/summary"/>|&\
    <xsl:variable name="l1" select="concat('"'"'0123456789'"'"', '"'"'0123456789'"'"', '"'"'0123456789'"'"', '"'"'0123456789'"'"')"/>\
    <xsl:variable name="l2" select="concat($l1, $l1, $l1, $l1, $l1, $l1, $l1, $l1, $l1, $l1)"/>\
    <xsl:variable name="l3" select="concat($l2, $l2, $l2, $l2, $l2, $l2, $l2, $l2, $l2, $l2)"/>|
s|<row/>|<row><cell><xsl:value-of select="concat($l3, $l3, $l3, $l3, $l3, $l3, $l3, $l3, $l3, $l3)"/></cell></row>|' \
	"$top/templates/crm-xlsx.xsl" >"$work/long/data/templates/crm-xlsx.xsl"
clean="$top/tests/cases/all-formats-default"
quiet() { (cd "$clean" && SRMAP_DATADIR="$work/long/data" "$srmap" assess --inventory inventory.json \
	--evidence evidence.json --profile profile.json "$@"); }
quiet --out "$work/long/out" --format xml,xlsx 2>"$work/long/stderr"
rc=$?
length=$("$py" -c "
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
print(len(re.search(r'<c r=\"A2\"[^>]*><is><t[^>]*>([^<]*)</t>', x).group(1)))" "$work/long/out/crm.xlsx" 2>&1)
check "a cell's text of 40,000 characters: cut to 32,767 with a warning, exit 0 ($rc, $length)" \
	'[ "$rc" = 0 ] && [ "$length" = 32767 ] &&
	 grep -q "^srmap: .*crm-xlsx.xsl:[0-9:]*: warning: xlsx /workbook/sheet\[1\]/row\[2\]/cell: text of 40000 characters is cut to the 32767 a cell holds$" "$work/long/stderr"'
quiet --out "$work/long/prev" --format xml 2>/dev/null
cp -R "$work/long/prev" "$work/long/strict"
quiet --out "$work/long/strict" --format xml,xlsx --strict 2>/dev/null
rc=$?
check "... and with --strict the run fails with exit 5 ($rc), the previous set whole" \
	'[ "$rc" = 5 ] && diff -r "$work/long/prev/current/" "$work/long/strict/current/" >/dev/null'

echo "xlsx: $pass passed, $fail failed"
[ "$fail" = 0 ]
