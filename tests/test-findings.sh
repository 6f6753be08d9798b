#!/bin/sh
# Tests the findings for pipelines: findings.json (docs/findings-json.md) and junit.xml
# (docs/junit.md), beyond what tests/test-xml-outputs.sh checks on every case (schema, the
# same findings and checks as assessment.xml, byte-identical reruns):
#   - the sample run as a user reads it: jq-style questions answered from findings.json
#     (failed checks, findings of one workload), and junit.xml's totals;
#   - --framework hipaa: findings.json lists the HIPAA score alone and cites HIPAA and MCSB
#     only; junit.xml's details cite the same;
#   - a drift run: new and changed findings marked, the baseline's time recorded;
#   - a copy of the data folder whose JSON template describes no JSON (a foreign element, a
#     bad number): exit 5 naming the template, its line and the element, and the previous
#     report set left whole; a JSON template that is not XSLT at all: exit 5;
#   - an unclassified workload and no profile: the findings outside the checks (unclassified,
#     no BAA) are an error and a failure in their own testsuite, and JSON findings of scope
#     workload and engagement.
# shellcheck disable=SC2016,SC2034  # check evaluates its single-quoted conditions later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/findings"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
# Debian's python3, which has python3-jsonschema (make deps installs it)
py=/usr/bin/python3
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

S="$top/samples"
samples() { "$srmap" assess -q --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" "$@"; }

# json EXPR FILE: prints what the Python expression EXPR says of the document d in FILE.
json() { "$py" -c "import json, sys; d = json.load(open(sys.argv[1])); print($1)" "$2"; }

# ---- the sample run ------------------------------------------------------------------------
"$srmap" assess --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" --out "$work/all" --format xml,json,junit 2>"$work/all.stderr"
check "the sample run writes findings.json and junit.xml" \
	'[ -s "$work/all/findings.json" ] && [ -s "$work/all/junit.xml" ]'
f="$work/all/findings.json" x="$work/all/assessment.xml"
failed_json=$(json "sum(1 for c in d['checks'] if c['status'] == 'failed')" "$f")
failed_xml=$(grep -c '<check [^>]*status="failed"' "$x")
check "the failed checks of findings.json are those of assessment.xml ($failed_json)" \
	'[ "$failed_json" = "$failed_xml" ] && [ "$failed_json" -gt 0 ]'
vm=/subscriptions/3f9c2a71-5d84-4b6e-9a1f-0c7e4d2b8a56/resourceGroups/rg-ehr-prod/providers/Microsoft.Compute/virtualMachines/vm-ehr-app-01
vm_json=$(json "sum(1 for x in d['findings'] if x['workload'] == '$vm')" "$f")
vm_xml=$(grep -o "<workload id=\"$vm\"[^>]* findings=\"[0-9]*\"" "$x" | sed 's/.* findings="\([0-9]*\)"/\1/')
check "one workload's findings in findings.json: the count assessment.xml gives it ($vm_json)" \
	'[ "$vm_json" = "$vm_xml" ]'
check "no baseline: baseline and every finding's drift are null" \
	'[ "$(json "(d[\"baseline\"], {x[\"drift\"] for x in d[\"findings\"]})" "$f")" = "(None, {None})" ]'
tests=$(sed -n 's/.*<testsuites tests="\([0-9]*\)".*/\1/p' "$work/all/junit.xml")
checks=$(sed -n 's/.*<summary [^>]*checks="\([0-9]*\)".*/\1/p' "$x")
other=$(grep -c '<finding [^>]*status="\(unclassified\|artifact-missing\|artifact-mismatch\|no-baa\)"' "$x")
check "junit.xml: one testcase per check and per finding outside the checks ($tests = $checks + $other)" \
	'[ "$tests" = $((checks + other)) ]'
check "the assess lines name both files" \
	'grep -q "wrote .*findings.json: findings and checks, JSON" "$work/all.stderr" &&
	 grep -q "wrote .*junit.xml: checks as JUnit XML test results" "$work/all.stderr"'

# ---- --framework ---------------------------------------------------------------------------
samples --out "$work/hipaa" --format xml,json,junit --framework hipaa 2>/dev/null
f="$work/hipaa/findings.json"
check "--framework hipaa: findings.json scores HIPAA alone" \
	'[ "$(json "[x[\"id\"] for x in d[\"frameworks\"]]" "$f")" = "['"'"'hipaa'"'"']" ]'
check "--framework hipaa: every citation is HIPAA's or MCSB's" \
	'[ "$(json "sorted({k for x in d[\"findings\"] + d[\"controls\"] for k in x[\"citations\"]})" "$f")" = "['"'"'hipaa'"'"', '"'"'mcsb'"'"']" ]'
check "--framework hipaa: junit.xml cites neither SOC 2 nor NIST SP 800-53" \
	'grep -q "Cites: hipaa " "$work/hipaa/junit.xml" && ! grep "^Cites:" "$work/hipaa/junit.xml" | grep -q "soc2 \|nist-800-53 "'
"$py" "$top/tests/check-findings.py" json "$f" "$work/hipaa/assessment.xml" \
	"$top/docs/findings.schema.json" >"$work/hipaa.log" 2>&1
check "--framework hipaa: findings.json is valid and agrees with assessment.xml" '[ $? = 0 ]'

# ---- drift ---------------------------------------------------------------------------------
d="$top/tests/cases/drift-finding-status-changed"
(cd "$d" && "$srmap" assess -q --inventory inventory.json --evidence tenant-evidence.json evidence.json \
	--profile profile.json --baseline baseline.xml --out "$work/drift" --format xml,json 2>/dev/null)
f="$work/drift/findings.json"
check "drift: the baseline's path and time" \
	'[ "$(json "(d[\"baseline\"][\"path\"], d[\"baseline\"][\"generated\"])" "$f")" = "('"'"'baseline.xml'"'"', '"'"'2026-11-19T00:00:00Z'"'"')" ]'
changed=$(json "[(x['drift']['old_status'], x['status'], x['drift']['known_since']) for x in d['findings'] if x['drift']['change'] == 'changed']" "$f")
check "drift: the changed finding says what it was and since when it is known ($changed)" \
	'[ "$changed" = "[('"'"'failed'"'"', '"'"'missing'"'"', '"'"'2026-11-19T00:00:00Z'"'"')]" ]'
new=$(json "sorted({x['drift']['known_since'] for x in d['findings'] if x['drift']['change'] == 'new'})" "$f")
check "drift: new findings are known since this run ($new)" \
	'[ "$new" = "['"'"'2026-11-19T00:00:00Z'"'"']" ] || [ "$new" = "['"'"'$(date -u -d @$SOURCE_DATE_EPOCH +%Y-%m-%dT%H:%M:%SZ)'"'"']" ]'

# ---- a broken JSON template ----------------------------------------------------------------
# data DIR: a copy of the data folder to change a template in.
data() { rm -rf "$1"; mkdir -p "$1"; cp -R "$top/catalog" "$top/templates" "$1/"; }
samples --out "$work/prev" --format xml,json 2>/dev/null
# refused NAME SED-SCRIPT MESSAGE: the JSON template changed by SED-SCRIPT fails the run with
# exit 5 and MESSAGE, and the previous set stays as it was.
refused() {
	data "$work/$1/data"
	sed "$2" "$top/templates/findings-json.xsl" >"$work/$1/data/templates/findings-json.xsl"
	cp -R "$work/prev" "$work/$1/out"
	SRMAP_DATADIR="$work/$1/data" samples --out "$work/$1/out" --format xml,json 2>"$work/$1/stderr"
	rc=$?
	if [ "$rc" = 5 ] && grep -q "$3" "$work/$1/stderr" && diff -r "$work/prev/current/" "$work/$1/out/current/" >/dev/null &&
	   [ "$(cd "$work/prev" && echo *)" = "$(cd "$work/$1/out" && echo *)" ]; then
		ok "$1: exit 5, \"$3\", the previous set whole"
	else
		bad "$1: exit $rc (expected 5 with \"$3\"; previous set whole?)"
		sed 's/^/    /' "$work/$1/stderr"
	fi
}
refused json-foreign-element 's|<j:string key="format">srmap-findings</j:string>|<j:object key="format"/>|' \
	'findings-json.xsl:[0-9:]*: json /map/object: element "object" is not one of map, array'
refused json-bad-number 's|<j:number key="version">1</j:number>|<j:number key="version">one</j:number>|' \
	'findings-json.xsl:[0-9:]*: json /map/number: "one" is not a JSON number'
refused json-key-twice 's|<j:string key="as_of">|<j:string key="generated">|' \
	'json /map/string\[[0-9]*\]: key "generated" is given twice in one map'
refused json-not-xslt '1,$c\
<not-a-stylesheet/>' 'findings-json.xsl'

# ---- an unclassified workload --------------------------------------------------------------
# One workload of a type the catalog does not classify, no profile: the findings outside the
# checks (the unclassified workload, no BAA on record) have their own testsuite.
cat >"$work/unclassified.json" <<'EOF'
{ "srmap_inventory": 1, "workloads": [ { "id": "fax-01", "name": "fax-01", "type": "Contoso.Legacy/faxGateways" } ] }
EOF
"$srmap" assess -q --inventory "$work/unclassified.json" --out "$work/odd" --format xml,json,junit \
	>/dev/null 2>"$work/odd.stderr"
check "unclassified: the run succeeds" '[ -s "$work/odd/junit.xml" ]'
check "unclassified: junit.xml is valid and agrees with assessment.xml" \
	'xmllint --noout --schema "$top/docs/junit.xsd" "$work/odd/junit.xml" 2>/dev/null &&
	 "$py" "$top/tests/check-findings.py" junit "$work/odd/junit.xml" "$work/odd/assessment.xml"'
check "unclassified: the workload is an error, the missing BAA a failure, in their own testsuite" \
	'grep -A1 "<testcase classname=\"srmap.findings.unclassified\" name=\"fax-01\">" "$work/odd/junit.xml" | grep -q "<error type=\"unclassified\"" &&
	 grep -A1 "<testcase classname=\"srmap.findings.no-baa\" name=\"engagement\">" "$work/odd/junit.xml" | grep -q "<failure type=\"no-baa\""'
check "unclassified: findings.json is valid; the two findings' scopes are workload and engagement" \
	'"$py" "$top/tests/check-findings.py" json "$work/odd/findings.json" "$work/odd/assessment.xml" "$top/docs/findings.schema.json" &&
	 [ "$(json "sorted((x[\"status\"], x[\"scope\"], x[\"control\"]) for x in d[\"findings\"] if x[\"status\"] in (\"unclassified\", \"no-baa\"))" "$work/odd/findings.json")" = "[('"'"'no-baa'"'"', '"'"'engagement'"'"', None), ('"'"'unclassified'"'"', '"'"'workload'"'"', None)]" ]'

echo "findings: $pass passed, $fail failed"
[ "$fail" = 0 ]
