#!/bin/sh
# Audit-trail tests (docs/assessment-xml.md, srmap(1) "verify"): artifact paths that escape the
# evidence root through a symbolic link are refused; --evidence-root moves the root; and
# `srmap verify` passes on untouched inputs and fails, naming the file, after one byte changes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/audit"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# expect NAME RC CMD...: runs CMD in $dir, checks its exit code
expect() {
	name=$1 want=$2
	shift 2
	( cd "$dir" && "$@" >"$work/$name.out" 2>"$work/$name.err"; echo $? >"$work/$name.rc" )
	if [ "$(cat "$work/$name.rc")" = "$want" ]; then ok; else
		bad "$name: exit $(cat "$work/$name.rc"), expected $want (see $work/$name.err)"
	fi
}

# ---- a copy of the samples to change ------------------------------------------------------
dir="$work/estate"
mkdir -p "$dir"
cp -R "$top/samples/inventory.json" "$top/samples/evidence.json" "$top/samples/profile.json" \
	"$top/samples/artifacts" "$dir/"
expect assess 0 "$srmap" assess -q --inventory inventory.json --evidence evidence.json \
	--profile profile.json --format xml --out report

# verify on untouched inputs
expect verify-clean 0 "$srmap" verify report/assessment.xml
if grep -q "^ok  *artifact  *artifacts/sql-auditing-settings.json" "$work/verify-clean.out" &&
   grep -q "^ok  *evidence  *evidence.json" "$work/verify-clean.out" &&
   grep -q ", 0 changed, 0 missing$" "$work/verify-clean.out"; then ok; else
	bad "verify-clean: output (see $work/verify-clean.out)"
fi

# one byte of an artifact changes: verify fails and names it
printf 'x' >>"$dir/artifacts/sql-auditing-settings.json"
expect verify-artifact 1 "$srmap" verify report/assessment.xml
if grep -q "^changed  *artifact  *artifacts/sql-auditing-settings.json (sha256 now " "$work/verify-artifact.out" &&
   grep -q ", 1 changed, 0 missing$" "$work/verify-artifact.out"; then ok; else
	bad "verify-artifact: the changed artifact is not named (see $work/verify-artifact.out)"
fi

# one byte of an input changes, and a file disappears
sed 's/"EV-001"/"EV-00X"/' "$dir/evidence.json" >"$dir/evidence.tmp" && mv "$dir/evidence.tmp" "$dir/evidence.json"
rm "$dir/artifacts/patch-report-2026-11.csv"
expect verify-input 1 "$srmap" verify report/assessment.xml
if grep -q "^changed  *evidence  *evidence.json" "$work/verify-input.out" &&
   grep -q "^missing  *artifact  *artifacts/patch-report-2026-11.csv" "$work/verify-input.out"; then ok; else
	bad "verify-input: changed input or missing artifact not named (see $work/verify-input.out)"
fi

# --base: the report checked from another folder
dir="$work"
expect verify-base 1 "$srmap" verify --base estate estate/report/assessment.xml
if grep -q "^changed  *evidence  *evidence.json" "$work/verify-base.out"; then ok; else
	bad "verify-base: paths not taken from --base (see $work/verify-base.out)"
fi

# not a report
echo '<other/>' >"$work/other.xml"
expect verify-not-report 3 "$srmap" verify other.xml
if grep -q "not an srmap assessment" "$work/verify-not-report.err"; then ok; else bad "verify-not-report: message"; fi

# ---- symbolic links and the evidence root ---------------------------------------------------
dir="$work/links"
mkdir -p "$dir/ev/artifacts" "$dir/outside"
cp "$top/tests/cases/minimal-iaas/inventory.json" "$top/tests/cases/minimal-iaas/profile.json" "$dir/"
echo "secret" >"$dir/outside/secret.txt"
echo "inside" >"$dir/ev/artifacts/real.txt"
ln -s ../../outside/secret.txt "$dir/ev/artifacts/escape.txt"
ln -s real.txt "$dir/ev/artifacts/alias.txt"
workload=$(python3 -c 'import json; print(json.load(open("'"$dir"'/inventory.json"))["workloads"][0]["id"])')
write_evidence() {
	cat >"$dir/ev/evidence.json" <<JSON
{ "srmap_evidence": 1, "evidence": [
  { "id": "EV-1", "control": "iam-mfa", "workload": "$workload", "result": "pass",
    "collected_at": "2026-11-10T10:00:00Z", "collected_by": "test", "artifact": "$1" } ] }
JSON
}
write_evidence artifacts/escape.txt
echo '<placeholder/>' >"$dir/keep.txt"
expect symlink-escape 3 "$srmap" assess --inventory inventory.json --evidence ev/evidence.json \
	--profile profile.json --format xml --out out
if grep -q 'resolves outside the evidence root' "$work/symlink-escape.err" &&
   grep -q '^srmap: ev/evidence.json:[0-9]*:[0-9]*: artifact "artifacts/escape.txt"' "$work/symlink-escape.err" &&
   [ ! -e "$dir/out/assessment.xml" ]; then ok; else
	bad "symlink-escape: not refused with its position, or a report was written (see $work/symlink-escape.err)"
fi

write_evidence artifacts/alias.txt
expect symlink-inside 0 "$srmap" assess -q --inventory inventory.json --evidence ev/evidence.json \
	--profile profile.json --format xml --out out
if grep -q 'artifact-state="unverified"' "$dir/out/assessment.xml"; then ok; else
	bad "symlink-inside: a link inside the root was not followed"
fi

# a link to an absolute path, a linked folder in the middle of the path, ".." in the middle:
# each refused at the record, nothing of the target printed, no report
ln -s /etc/passwd "$dir/ev/artifacts/absolute.txt"
ln -s ../../outside "$dir/ev/artifacts/linkdir"
for a in artifacts/absolute.txt artifacts/linkdir/secret.txt artifacts/../artifacts/real.txt; do
	write_evidence "$a"
	n=$(echo "$a" | tr -c 'a-z\n' '-')
	rm -rf "$dir/out-$n"
	expect "link-$n" 3 "$srmap" assess --inventory inventory.json --evidence ev/evidence.json \
		--profile profile.json --format xml --out "out-$n"
	if grep -q "^srmap: ev/evidence.json:[0-9]*:[0-9]*: artifact \"$a\"" "$work/link-$n.err" &&
	   ! grep -q "root:" "$work/link-$n.err" && [ ! -e "$dir/out-$n/assessment.xml" ]; then ok; else
		bad "link-$n: artifact $a not refused with its position, or a report was written (see $work/link-$n.err)"
	fi
done

# --evidence-root: artifacts relative to another folder; ".." is still refused
write_evidence secret.txt
expect evidence-root 0 "$srmap" assess -q --inventory inventory.json --evidence ev/evidence.json \
	--evidence-root outside --profile profile.json --format xml --out out2
if grep -q 'artifact-path="outside/secret.txt"' "$dir/out2/assessment.xml"; then ok; else
	bad "evidence-root: artifact not resolved under --evidence-root"
fi
write_evidence ../ev/artifacts/real.txt
expect evidence-root-dotdot 3 "$srmap" assess -q --inventory inventory.json --evidence ev/evidence.json \
	--evidence-root outside --profile profile.json --format xml --out out3

echo "audit: $pass passed, $fail failed"
[ "$fail" = 0 ]
