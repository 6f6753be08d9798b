#!/bin/sh
# Runs the golden-file cases in tests/cases/.  Each case is a folder holding:
#   cmd              the srmap arguments, one line (paths relative to the case folder);
#                    the output folder is "out"
#   expected.rc      the expected exit code
#   expected.stderr  the expected standard error (exact)
#   expected.stdout  optional: the expected standard output (exact)
#   expected.xml     optional: the expected out/assessment.xml, compared after dropping what
#                    records the shipped catalog and templates (input lines and the catalog's
#                    SHA-256: they change with every catalog or template edit)
#   out.before/      optional: a previous output folder; copied to "out" before the run and,
#                    when the run fails, required to be unchanged afterwards
# Every out/assessment.xml a run produces is validated against docs/assessment.xsd.
# With UPDATE=1 the expected files are rewritten from the actual results.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
xsd="$top/docs/assessment.xsd"
work="$top/tests/out"
rm -rf "$work"
mkdir -p "$work"
pass=0 fail=0

normalize() {
	grep -v -e '<input role="catalog" path="catalog/' -e '<input role="template" path="templates/' "$1" |
		sed 's/ catalog-sha256="[0-9a-f]*"//'
}

# has_dotfile DIR: DIR holds a file whose name begins with a dot (a temporary left behind),
# other than the hidden set folder that DIR/current names: that is the report itself (srmap(1),
# FILES).
has_dotfile() {
	set_folder=$(readlink "$1/current" 2>/dev/null)
	for f in "$1"/.[!.]* "$1"/..?* "$1"/current/.[!.]* "$1"/current/..?*; do
		[ -e "$f" ] || continue
		[ -n "$set_folder" ] && [ "$(basename "$f")" = "$set_folder" ] && continue
		return 0
	done
	return 1
}

for case in "$top"/tests/cases/*/; do
	name=$(basename "$case")
	run="$work/$name"
	cp -R "$case" "$run"
	rm -rf "$run/out"
	[ -d "$run/out.before" ] && cp -R "$run/out.before" "$run/out"
	args=$(cat "$run/cmd")
	( cd "$run" && export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top" &&
	  eval "\"$srmap\" $args" >actual.stdout 2>actual.stderr; echo $? >actual.rc )
	problems=""
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$run/actual.rc" "$case/expected.rc"
		cp "$run/actual.stderr" "$case/expected.stderr"
		[ -s "$run/actual.stdout" ] && cp "$run/actual.stdout" "$case/expected.stdout"
		[ -f "$run/out/assessment.xml" ] && { [ -f "$case/expected.xml" ] || [ "$(cat "$run/actual.rc")" = 0 ]; } && \
			normalize "$run/out/assessment.xml" >"$case/expected.xml"
	fi
	cmp -s "$run/actual.rc" "$case/expected.rc" ||
		problems="$problems exit code $(cat "$run/actual.rc") (expected $(cat "$case/expected.rc"));"
	diff -u "$case/expected.stderr" "$run/actual.stderr" >"$run/stderr.diff" ||
		problems="$problems stderr differs (see $run/stderr.diff);"
	if [ -f "$case/expected.stdout" ]; then
		diff -u "$case/expected.stdout" "$run/actual.stdout" >"$run/stdout.diff" ||
			problems="$problems stdout differs (see $run/stdout.diff);"
	fi
	if [ -f "$case/expected.xml" ]; then
		if [ -f "$run/out/assessment.xml" ]; then
			normalize "$run/out/assessment.xml" | diff -u "$case/expected.xml" - >"$run/xml.diff" ||
				problems="$problems assessment.xml differs (see $run/xml.diff);"
		else
			problems="$problems no out/assessment.xml;"
		fi
	fi
	# After a failed run, out/ holds the previous report (out.before), which is not ours to check.
	if [ -f "$run/out/assessment.xml" ] && [ "$(cat "$run/actual.rc")" != 2 ] &&
	   { [ ! -d "$run/out.before" ] || [ "$(cat "$run/actual.rc")" = 0 ]; }; then
		xmllint --noout --schema "$xsd" "$run/out/assessment.xml" 2>"$run/xsd.log" ||
			problems="$problems assessment.xml is not valid (see $run/xsd.log);"
	fi
	if [ -d "$run/out.before" ] && [ "$(cat "$run/actual.rc")" != 0 ]; then
		diff -r "$run/out.before" "$run/out" >/dev/null ||
			problems="$problems the failed run changed the previous output;"
	fi
	if [ -d "$run/out" ] && has_dotfile "$run/out"; then
		problems="$problems temporary files left in out/;"
	fi
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:$problems"
	fi
done
echo "cases: $pass passed, $fail failed"
[ "$fail" = 0 ]
