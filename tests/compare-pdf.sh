#!/bin/sh
# Compares the PDFs of two srmap builds, byte for byte, so that a change to the layout engine or
# the renderer can be shown to leave every report as it was.
#
# usage: tests/compare-pdf.sh OLD-SRMAP [N...]
#
# Runs every golden case of tests/cases whose command is an assessment that succeeds, with
# --format xml,pdf, once with OLD-SRMAP and once with ./srmap, and cmp's the two report.pdf
# files; then does the same for estates of N workloads made by tests/bench/gen-srmap-estate.py (none by
# default; 2000 and 10000 are the sizes of the benchmark).  Both builds use this tree's catalog
# and templates, with SOURCE_DATE_EPOCH as the tests set it.  A template change is checked
# apart from this, by comparing xsltproc's output of the old and the new template: the report
# records the template's SHA-256, so a changed template always changes the PDF.
set -u
[ $# -ge 1 ] || { echo "usage: $0 OLD-SRMAP [N...]" >&2; exit 2; }
old=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
sizes="$*"
top=$(cd "$(dirname "$0")/.." && pwd)
new="$top/srmap"
work="$top/tests/out/compare-pdf"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
same=0 differ=0 skipped=0

# compare NAME DIR ARGS...: both builds in DIR with ARGS (the --out is added)
compare() {
	name=$1 dir=$2
	shift 2
	# the same --out for both: the command line is part of the report
	for b in old new; do
		if [ "$b" = old ]; then bin=$old; else bin=$new; fi
		rm -rf "$work/$name.$b" "$work/out"
		( cd "$dir" && "$bin" "$@" --out "$work/out" >/dev/null 2>&1 )
		echo $? >"$work/$name.$b.rc"
		[ -d "$work/out" ] && mv "$work/out" "$work/$name.$b"
	done
	if [ ! -f "$work/$name.old/report.pdf" ] && [ ! -f "$work/$name.new/report.pdf" ]; then
		skipped=$((skipped + 1))
	elif cmp -s "$work/$name.old/report.pdf" "$work/$name.new/report.pdf" &&
	     cmp -s "$work/$name.old.rc" "$work/$name.new.rc"; then
		same=$((same + 1))
	else
		differ=$((differ + 1))
		echo "DIFFERS $name (see $work/$name.old, $work/$name.new)"
	fi
}

for case in "$top"/tests/cases/*/; do
	name=$(basename "$case")
	args=$(sed -e 's/--format [^ ]*//' -e 's/--out [^ ]*//' "$case/cmd")
	case "$args" in assess*) ;; *) continue ;; esac
	[ -d "$case/out.before" ] && continue
	# the case's own arguments, as run-cases.sh gives them to the shell
	eval "set -- $args"
	compare "$name" "$case" "$@" --format xml,pdf
done
for n in $sizes; do
	est="$work/estate-$n-input"
	python3 "$top/tests/bench/gen-srmap-estate.py" "$n" "$est" >/dev/null
	compare "estate-$n" "$est" assess -q --inventory inventory.json --evidence evidence.json \
		--profile profile.json --format xml,pdf
done
echo "compare-pdf: $same identical, $differ different, $skipped without a PDF"
[ "$differ" = 0 ]
