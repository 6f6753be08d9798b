#!/bin/sh
# The command line's own help, against the man page and the completion scripts:
#   - srmap help COMMAND and srmap COMMAND --help print the same, with status 0, for every
#     command; srmap help and srmap --help print the global help, which names every command;
#   - srmap help for an unknown command, and srmap UNKNOWN --help, fail with status 2;
#   - the options each command's help lists are those its SYNOPSIS entry in docs/srmap.1 has
#     (--help aside), and the options of all the helps together are the OPTIONS section's;
#   - the bash completion, driven through COMP_WORDS and COMP_CWORD, completes commands,
#     each command's options (the same list as its help), --format values (those of the help),
#     and files; the zsh completion parses (zsh -n), when zsh is installed.
# shellcheck disable=SC2016,SC2034  # check evaluates its single-quoted conditions later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
man="$top/docs/srmap.1"
work="$top/tests/out/cli"
rm -rf "$work"
mkdir -p "$work"
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
check() {
	what=$1
	shift
	if eval "$*"; then ok; else bad "$what"; fi
}

commands=$("$srmap" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
check "the global help lists the commands" '[ -n "$commands" ]'
"$srmap" help >"$work/help.out" 2>&1
check "srmap help prints the global help" '[ $? = 0 ] && "$srmap" --help | cmp -s - "$work/help.out"'

# options NAME: the long options a command's help lists, one a line, sorted
options() { "$srmap" help "$1" | sed -n '/^Options:/,/^$/p' | grep -o -- '--[a-z-]*' | sort -u; }
# man_synopsis NAME: the long options of the command's entries in the SYNOPSIS section
man_synopsis() {
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$man" | awk -v cmd="$1" '
		/^\.Nm$/ { on = 0; next }
		/^\.Cm / { on = ($2 == cmd) }
		on' | grep -o 'Fl \\-[a-z-]*' | sed 's/Fl \\/-/' | sort -u
}
for c in $commands; do
	"$srmap" help "$c" >"$work/help-$c.out" 2>"$work/help-$c.err"
	rc=$?
	"$srmap" "$c" --help >"$work/dash-$c.out" 2>&1
	check "srmap help $c: status 0, a usage line" \
		'[ $rc = 0 ] && head -1 "$work/help-$c.out" | grep -q "^usage: srmap $c"'
	check "srmap $c --help prints what srmap help $c prints" 'cmp -s "$work/help-$c.out" "$work/dash-$c.out"'
	[ "$c" = help ] && continue
	options "$c" | grep -v -x -- --help >"$work/opts-$c"
	man_synopsis "$c" >"$work/man-$c"
	check "the options of srmap help $c are those of its SYNOPSIS in srmap(1)" \
		'diff "$work/opts-$c" "$work/man-$c" >"$work/diff-$c" || { cat "$work/diff-$c"; false; }'
done
for c in $commands; do options "$c"; done | sort -u | grep -v -x -e --help >"$work/all-help"
"$srmap" --help | sed -n '/^Options:/,/^$/p' | grep -o -- '--[a-z-]*' |
	grep -v -x -e --help -e --version >/dev/null && bad "the global help lists a command's option"
sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$man" | grep '^\.It Fl' | grep -o 'Fl \\-[a-z-]*' |
	sed 's/Fl \\/-/' | sort -u | grep -v -x -e --help -e --version >"$work/all-man"
check "the commands' options together are those of OPTIONS in srmap(1)" \
	'diff "$work/all-help" "$work/all-man" >"$work/diff-all" || { cat "$work/diff-all"; false; }'

"$srmap" help audit >"$work/unknown.out" 2>"$work/unknown.err"
rc=$?
check "srmap help audit: status 2, unknown command, nothing on stdout" \
	'[ $rc = 2 ] && [ ! -s "$work/unknown.out" ] && grep -q "^srmap: unknown command .audit.$" "$work/unknown.err"'
"$srmap" audit --help >"$work/unknown2.out" 2>"$work/unknown2.err"
rc=$?
check "srmap audit --help: status 2, unknown command" \
	'[ $rc = 2 ] && [ ! -s "$work/unknown2.out" ] && grep -q "^srmap: unknown command .audit.$" "$work/unknown2.err"'

# ---- completion ----------------------------------------------------------------------
# complete WORDS...: what the bash completion offers for the last word (sorted, one a line)
complete_words() {
	(cd "$work" && bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_srmap; printf "%s\n" "${COMPREPLY[@]}"' sh "$top/completion/srmap.bash" "$@") | sort
}
if command -v bash >/dev/null; then
	check "bash completion: the commands" \
		'[ "$(complete_words srmap "" | tr "\n" " ")" = "$(printf "%s\n" $commands | sort | tr "\n" " ")" ]'
	check "bash completion: a command from its start" '[ "$(complete_words srmap val)" = validate ]'
	for c in $commands; do
		[ "$c" = help ] && continue
		complete_words srmap "$c" - >"$work/complete-$c"
		check "bash completion: the options of $c are those of srmap help $c" \
			'options "$c" | diff - "$work/complete-$c"'
	done
	"$srmap" help assess | sed -n '/^Formats/,/^$/p' | awk 'NF > 1 && !/^Formats/ { print $1 }' |
		{ cat; echo all; } | sort >"$work/formats"
	check "bash completion: --format values are those of srmap help assess" \
		'complete_words srmap assess --format "" | cmp -s - "$work/formats"'
	check "bash completion: --format after a comma" \
		'[ "$(complete_words srmap assess --format xml,p)" = xml,pdf ]'
	check "bash completion: --fail-on values" \
		'[ "$(complete_words srmap assess --fail-on h)" = high ]'
	check "bash completion: catalog subcommands and lookup sources" \
		'[ "$(complete_words srmap catalog l | tr "\n" " ")" = "list lookup " ] &&
		 [ "$(complete_words srmap catalog lookup prowler-c)" = prowler-compliance ]'
	mkdir -p "$work/files/reports"
	: >"$work/files/inventory.json"
	check "bash completion: files after --inventory, folders after --out" \
		'[ "$(complete_words srmap assess --inventory files/inv)" = files/inventory.json ] &&
		 [ "$(complete_words srmap assess --out files/)" = files/reports ]'
	check "bash completion: files for validate" \
		'[ "$(complete_words srmap validate files/i)" = files/inventory.json ]'
fi
# --framework limits every output: scores and citations of the frameworks named only.
S="$top/samples"
(cd "$work" && SOURCE_DATE_EPOCH=1795132800 "$srmap" assess -q -i "$S/inventory.json" \
	-e "$S/evidence.json" -p "$S/profile.json" --framework hipaa --format all --out fw-hipaa)
check "--framework hipaa: only HIPAA in the framework scores and the citations of the XML" \
	'[ "$(grep -c "<framework id=" "$work/fw-hipaa/assessment.xml")" = 1 ] &&
	 grep -q "<framework id=\"hipaa\"" "$work/fw-hipaa/assessment.xml" &&
	 ! grep -q -e "<ref framework=\"soc2\"" -e "<ref framework=\"nist-800-53\"" "$work/fw-hipaa/assessment.xml" &&
	 grep -q "<ref framework=\"mcsb\"" "$work/fw-hipaa/assessment.xml"'
check "--framework hipaa: no SOC 2 or NIST citations in the CRM, its CSV, OSCAL or the PDF" \
	'! grep -q -e "SOC 2 CC" -e "NIST SP 800-53 [A-Z][A-Z]-" "$work/fw-hipaa/crm.csv" &&
	 ! grep -q -e "soc2" -e "nist-800-53" "$work/fw-hipaa/crm.xml" &&
	 ! grep -q -e "CC6\.1" -e "\"SC-7\"" "$work/fw-hipaa/assessment-results.xml" &&
	 grep -q "HIPAA 164" "$work/fw-hipaa/crm.csv" &&
	 pdftotext "$work/fw-hipaa/report.pdf" - | grep -q "Cited by: HIPAA" &&
	 ! pdftotext "$work/fw-hipaa/report.pdf" - | grep -q -e "SOC 2 CC" -e "NIST SP 800-53 [A-Z][A-Z]-"'
if command -v zsh >/dev/null; then
	check "zsh completion parses (zsh -n)" zsh -n "$top/completion/_srmap"
else
	echo "SKIP zsh -n: zsh is not installed (make lint-deps installs it)"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
