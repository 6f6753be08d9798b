#!/bin/sh
# The C writer of the shipped PDF template (src/write/pdfreport.h) against the template itself,
# for the assessment of samples/azure, of samples/, of a generated estate with drift, and of the
# inputs of every successful assess case of tests/cases/, the whole layout document must be what
# the template gives, byte for byte (where it is not, each section the writer has, from
# tests/pdfreport/section --list, is compared with the template's own named template to say
# which part differs), with the template's default parameters, with
# pdf-detail=summary, with inventory-appendix=yes, with small row limits, and with evidence
# artifacts attached (the parameters attachments, attachments-skipped and attach-limit).
#   sh tests/test-pdfreport.sh [SECTION...]     (only those sections)
#   PDFREPORT_DOCS=DIR sh tests/test-pdfreport.sh   (the assessments made by an earlier run)
set -u
only="$*"
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
section="$top/tests/pdfreport/section"
xsl="$top/templates/report-pdf.xsl"
work="$top/tests/out/pdfreport"
rm -rf "$work"
mkdir -p "$work/docs"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0

# assessment NAME DIR ARGS: the canonical XML of "srmap ARGS" run in DIR, kept as docs/NAME.xml
assessment() {
	name=$1 dir=$2
	shift 2
	if ( cd "$dir" && rm -rf out-pdfreport &&
	     "$srmap" "$@" -q --format xml --out out-pdfreport >/dev/null 2>&1 ); then
		cp "$dir/out-pdfreport/assessment.xml" "$work/docs/$name.xml"
	fi
	rm -rf "$dir/out-pdfreport"
}

# PDFREPORT_DOCS=DIR: the assessments of an earlier run (its tests/out/pdfreport/docs), not made again
if [ -n "${PDFREPORT_DOCS:-}" ]; then
	cp "$PDFREPORT_DOCS"/*.xml "$work/docs/"
else
s=samples/azure
assessment azure "$top" assess --inventory $s/resources.json $s/resource-graph.json $s/cmdb.csv \
	$s/m365-services.json $s/accounts.json --evidence $s/defender-assessments.json \
	$s/policy-states.json $s/prowler-azure.ocsf.json $s/conditional-access.json \
	$s/secure-score.json --profile samples/profile.json
assessment samples "$top" assess --inventory samples/inventory.json --evidence samples/evidence.json \
	--profile samples/profile.json
# a generated estate, and the same again with a fifth of it gone, against the first (drift)
est="$work/estate"
python3 "$top/tests/bench/gen-estate.py" 120 "$est" >/dev/null
assessment estate "$est" assess --inventory resources.json accounts.json --evidence defender.json \
	policy.json --profile profile.json
( cd "$est" && "$srmap" assess -q --inventory resources.json accounts.json --evidence defender.json \
	--profile profile.json --format xml --out base >/dev/null 2>&1 )
python3 - "$est" <<'EOF'
import json, sys
d = sys.argv[1]
res = json.load(open(d + "/resources.json"))
items = res if isinstance(res, list) else res.get("value", res)
keep = [r for i, r in enumerate(items) if i % 5]
json.dump(keep if isinstance(res, list) else dict(res, value=keep), open(d + "/fewer.json", "w"))
EOF
assessment drift "$est" assess --inventory fewer.json accounts.json --evidence defender.json \
	policy.json --profile profile.json --baseline base/assessment.xml

for case in "$top"/tests/cases/*/; do
	name=$(basename "$case")
	[ ! -f "$case/expected.rc" ] || [ "$(cat "$case/expected.rc")" = 0 ] || continue
	args=$(cat "$case/cmd")
	case "$args" in assess\ *) ;; *) continue ;; esac
	case " $args " in *" --help "*|*--datadir*|*" --shard "*) continue ;; esac
	run="$work/cases/$name"
	mkdir -p "$work/cases"
	cp -R "$case" "$run"
	eval "set -- $args"
	assessment "case-$name" "$run" "$@"
done
fi

# attachment_list DOC attached|skipped: the attachments (or attachments-skipped) parameter as
# srmap would set it for DOC when the artifacts of its first two evidence records that name one
# are attached (the first under its own path, the second under another name) and the third's
# is over the size limit; printed with an "x" after it, as $() drops the line feeds at the end
attachment_list() {
	python3 - "$1" "$2" <<'EOF'
import sys
import xml.etree.ElementTree as ET
ev = [(e.get("id"), e.get("artifact")) for e in ET.parse(sys.argv[1]).getroot().findall("evidence")
      if e.get("artifact") is not None and e.get("id") is not None]
if sys.argv[2] == "attached":
    names = ev[:1] + [(i, "attached/" + i) for i, _ in ev[1:2]]
    text = "\n" + "".join("%s\t%s\n" % n for n in names) if names else ""
else:
    text = "\n" + ev[2][0] + "\n" if len(ev) > 2 else ""
sys.stdout.write(text + "x")
EOF
}

attach="(attachments) attach-limit=1000000"
# The whole document is compared for each assessment and set of parameters; where it differs,
# so is each section, to say which ones part.  Given SECTION names, only those are compared.
listed=$("$section" --list)
sections=${only:-assessment}
for doc in "$work"/docs/*.xml; do
	attached=$(attachment_list "$doc" attached)
	attached=${attached%x}
	skipped=$(attachment_list "$doc" skipped)
	skipped=${skipped%x}
	for params in "" "pdf-detail=summary" "inventory-appendix=yes" \
		      "finding-rows-max=2 distinct-max=1 summary-rows=1 pdf-detail=summary" \
		      "$attach"; do
		if [ "$params" = "$attach" ]; then
			set -- attachments="$attached" attachments-skipped="$skipped" \
				attach-limit=1000000
		else
			# shellcheck disable=SC2086 # the parameters are separate words
			set -- $params
		fi
		for sec in $sections; do
			if out=$("$section" "$xsl" "$doc" "$sec" "$@" 2>&1); then
				pass=$((pass + 1))
				continue
			fi
			fail=$((fail + 1))
			echo "FAIL pdfreport $(basename "$doc" .xml) $sec ${params:-(defaults)}: $out" |
				head -c 1500
			echo
			if [ "$sec" != assessment ] || [ -n "$only" ]; then
				continue
			fi
			for part in $listed; do
				[ "$part" = assessment ] && continue
				"$section" "$xsl" "$doc" "$part" "$@" >/dev/null 2>&1 ||
					echo "    the section $part differs"
			done
		done
	done
done
ndocs=$(find "$work/docs" -name '*.xml' | wc -l)
echo "pdfreport: $pass passed, $fail failed ($ndocs assessments; compared: $(echo "$sections" | tr '\n' ' '))"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
