#!/bin/sh
# Regenerates the XML inputs of the drift golden cases in tests/cases/ from their JSON inputs:
#   drift-NAME/baseline.xml       the canonical assessment XML of the previous night
#                                 (SOURCE_DATE_EPOCH 2026-11-19), assessed from drift-NAME/baseline/
#                                 with the arguments in drift-NAME/baseline/cmd;
#   diff-text-NAME/old.xml, new.xml
#   diff-json-NAME/old.xml, new.xml
#                                 the same pair: drift-NAME/baseline.xml, and drift-NAME's own
#                                 inputs assessed without --baseline (2026-11-20), both reduced
#                                 to what drift compares (workload ids and names, findings,
#                                 scores, the generation time) so that the diff cases stay small.
# Run it after a catalog change (the baselines record the catalog's controls), then
# UPDATE=1 sh tests/run-cases.sh, and review the diff of the expected files.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
export SRMAP_DATADIR="$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# assess DIR ARGS-FILE EPOCH XML: runs srmap on a copy of DIR with the arguments of ARGS-FILE
# (whose output folder is "out", as in the cases) and copies out/assessment.xml to XML.
assess() {
	rm -rf "$tmp/run"
	mkdir "$tmp/run"
	cp -R "$1"/. "$tmp/run/"
	rm -rf "$tmp/run/out"
	args=$(cat "$2")
	( cd "$tmp/run" && eval "SOURCE_DATE_EPOCH=$3 \"$srmap\" $args" ) || {
		echo "make-drift-fixtures: srmap failed in $1" >&2
		exit 1
	}
	cp "$tmp/run/out/assessment.xml" "$4"
}

# trim IN OUT: keeps only what drift reads from an assessment XML.
trim() {
	python3 - "$1" "$2" <<'EOF'
import sys
import xml.etree.ElementTree as ET
src = ET.parse(sys.argv[1]).getroot()
out = ET.Element("assessment", {"generated": src.get("generated")})
for e in src:
    if e.tag == "summary":
        ET.SubElement(out, "summary", {"overall-score": e.get("overall-score")})
    elif e.tag == "workload":
        ET.SubElement(out, "workload", {"id": e.get("id"), "name": e.get("name")})
    elif e.tag == "finding":
        keep = {k: e.get(k) for k in ("workload", "control", "severity", "status", "evidence")
                if e.get(k) is not None}
        f = ET.SubElement(out, "finding", keep)
        ET.SubElement(f, "title").text = e.findtext("title")
    elif e.tag == "framework":
        ET.SubElement(out, "framework", {"id": e.get("id"), "score": e.get("score")})
ET.indent(out)
ET.ElementTree(out).write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
with open(sys.argv[2], "a") as f:
    f.write("\n")
EOF
}

for case in "$top"/tests/cases/drift-*/; do
	[ -f "$case/baseline/cmd" ] || continue
	name=$(basename "$case")
	name=${name#drift-}
	assess "$case/baseline" "$case/baseline/cmd" 1795046400 "$case/baseline.xml"
	sed 's| --baseline baseline.xml||' "$case/cmd" >"$tmp/cmd"
	assess "$case" "$tmp/cmd" 1795132800 "$tmp/new.xml"
	for kind in text json; do
		diffcase="$top/tests/cases/diff-$kind-$name"
		[ -d "$diffcase" ] || continue
		trim "$case/baseline.xml" "$diffcase/old.xml"
		trim "$tmp/new.xml" "$diffcase/new.xml"
	done
	echo "make-drift-fixtures: $name"
done
