#!/bin/sh
# Signals and limits in the middle of a run (srmap(1), FILES and EXIT STATUS).  Each run starts
# from an output folder that holds a previous report set, and must end either with the whole
# new set (it succeeded) or with the previous set exactly as it was and no leftover:
#   - SIGTERM, SIGINT and SIGHUP while assessment.xml or report.pdf is being written: the run
#     ends by that signal (status 128 + N), the set it was writing is gone;
#   - SIGHUP when it was ignored on entry (nohup): the run goes on and succeeds;
#   - a file size limit (RLIMIT_FSIZE) below the size of the PDF: exit 4, "File too large";
#   - address space limits (RLIMIT_AS) from far too small to enough: a clean exit each time
#     (0, or 70 "out of memory", or 4), never a crash (not under AddressSanitizer, whose shadow
#     memory does not fit under any such limit);
#   - an output folder the user cannot write into: exit 4 naming it;
#   - an output folder on another filesystem than the working folder (/dev/shm when it is one).
# Two runs into one folder at once are tests/test-nightly.sh's.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/signals"
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

asan=0
if ldd "$srmap" 2>/dev/null | grep -q libasan; then asan=1; fi

S="$top/samples"
set -- assess -q --inventory "$S/inventory.json" --evidence "$S/evidence.json" \
	--profile "$S/profile.json" --format xml,pdf,csv

# The previous set every run starts from, made on another day so that its bytes differ.
(cd "$work" && SOURCE_DATE_EPOCH=1795046400 "$srmap" "$@" --out prev) ||
	{ echo "FAIL: cannot make the previous report"; exit 1; }

# same_set A B: the same names at the top of A and B, one set folder in B, the same files in
# the sets that current names.
set_folders() { find "$1" -mindepth 1 -maxdepth 1 -name '.srmap-set.*' | wc -l; }
same_set() {
	[ "$(cd "$1" && echo *)" = "$(cd "$2" && echo *)" ] &&
	[ "$(set_folders "$2")" = 1 ] &&
	[ -z "$(find "$2" "$2/current/" -mindepth 1 -maxdepth 1 -name '.*' ! -name '.srmap-set.*')" ] &&
	diff -r "$1/current/" "$2/current/" >/dev/null
}

# fresh NAME: a copy of the previous set as $work/NAME/out
fresh() {
	rm -rf "${work:?}/$1"
	mkdir -p "$work/$1"
	cp -R "$work/prev" "$work/$1/out"
}

# launch NAME WAITFOR SIGNAL [ignore]: runs srmap in $work/NAME; once the temporary of
# WAITFOR appears in its set folder, sends SIGNAL; prints the exit status as a shell reports it
# (128 + N for a death by signal N).  With "ignore", SIGNAL is ignored on entry, as nohup does.
launch() {
	python3 - "$work/$1" "$2" "$3" "${4:-}" "$srmap" "$@" <<'EOF'
import glob, os, signal, subprocess, sys, time
where, waitfor, sig, ignore, exe = sys.argv[1:6]
args = sys.argv[10:]
signum = getattr(signal, sig)
def pre():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    if ignore:
        signal.signal(signum, signal.SIG_IGN)
with open(os.path.join(where, "stderr"), "wb") as err:
    p = subprocess.Popen([exe] + args + ["--out", "out"], cwd=where, stderr=err,
                         preexec_fn=pre)
    pattern = os.path.join(where, "out", ".srmap-set.*", "." + waitfor + ".*")
    deadline = time.time() + 120
    while p.poll() is None and not glob.glob(pattern) and time.time() < deadline:
        time.sleep(0.002)
    if p.poll() is None:
        p.send_signal(signum)
    rc = p.wait()
print(128 - rc if rc < 0 else rc)
EOF
}

for sig in TERM:15 INT:2 HUP:1; do
	num=${sig#*:} sig=${sig%:*}
	for file in assessment.xml report.pdf; do
		name="sig$sig-$file"
		fresh "$name"
		rc=$(launch "$name" "$file" "SIG$sig" "" "$@")
		want=$((128 + num))
		if [ "$rc" = "$want" ] && same_set "$work/prev" "$work/$name/out"; then
			ok "SIG$sig while $file is written: exit $rc, the previous set whole, nothing left"
		else
			bad "SIG$sig while $file is written: exit $rc (expected $want), or the folder changed"
			find "$work/$name/out" | sed 's/^/    /'
		fi
	done
done

name="nohup"
fresh "$name"
rc=$(launch "$name" report.pdf SIGHUP ignore "$@")
if [ "$rc" = 0 ] && [ -s "$work/$name/out/report.pdf" ] &&
   ! diff -q "$work/prev/current/report.pdf" "$work/$name/out/report.pdf" >/dev/null; then
	ok "SIGHUP ignored on entry (nohup) stays ignored: the run succeeds with the new set"
else
	bad "SIGHUP ignored on entry: exit $rc"
fi

# limit NAME KIND BYTES: runs srmap in $work/NAME under the resource limit; prints the status.
limit() {
	python3 - "$work/$1" "$2" "$3" "$srmap" "$@" <<'EOF'
import os, resource, subprocess, sys
where, kind, size, exe = sys.argv[1:5]
args = sys.argv[8:]
res = {"fsize": resource.RLIMIT_FSIZE, "as": resource.RLIMIT_AS}[kind]
def pre():
    resource.setrlimit(res, (int(size), int(size)))
with open(os.path.join(where, "stderr"), "wb") as err:
    rc = subprocess.call([exe] + args + ["--out", "out"], cwd=where, stderr=err, preexec_fn=pre)
print(128 - rc if rc < 0 else rc)
EOF
}

pdf_size=$(wc -c <"$work/prev/current/report.pdf")
name=fsize
fresh "$name"
rc=$(limit "$name" fsize $((pdf_size / 2)) "$@")
if [ "$rc" = 4 ] && grep -q "^srmap: out/[a-z.]*: cannot write: File too large" "$work/$name/stderr" &&
   same_set "$work/prev" "$work/$name/out"; then
	ok "a file size limit of half the PDF: exit 4, \"out/NAME: ... File too large\", the previous set whole"
else
	bad "file size limit: exit $rc (expected 4)"
	sed 's/^/    /' "$work/$name/stderr"
fi

if [ "$asan" = 1 ]; then
	echo "(address space limits skipped: AddressSanitizer's shadow memory does not fit under them)"
else
	hit=0
	for mb in 50 52 54 55 56 58 60 62 63 64 65 70 80 100 200 1000; do
		name="as-$mb"
		fresh "$name"
		rc=$(limit "$name" as $((mb * 1048576)) "$@")
		last=$(tail -n 1 "$work/$name/stderr")
		if [ "$rc" = 127 ] && grep -q "error while loading shared libraries" "$work/$name/stderr"; then
			echo "(address space limited to $mb MB: too small for the libraries to load)"
			continue
		elif [ "$rc" = 0 ] && [ -s "$work/$name/out/report.pdf" ]; then
			verdict="succeeded"
		elif { [ "$rc" = 70 ] || [ "$rc" = 4 ]; } && [ "${last#srmap: }" != "$last" ] &&
		     same_set "$work/prev" "$work/$name/out"; then
			verdict="failed cleanly"
			hit=$((hit + 1))
		else
			verdict=""
		fi
		if [ -n "$verdict" ]; then
			ok "address space limited to $mb MB: exit $rc, $verdict"
		else
			bad "address space limited to $mb MB: exit $rc (a crash, or the folder changed)"
			tail -n 5 "$work/$name/stderr" | sed 's/^/    /'
		fi
	done
	if [ "$hit" -gt 0 ]; then ok "some limits were hit mid-run ($hit)"; else bad "no limit was hit"; fi
fi

# A folder the user cannot write into: as root, the run is made as nobody.
name="readonly"
fresh "$name"
chmod 0555 "$work/$name/out"
as_user=""
if [ "$(id -u)" = 0 ]; then
	as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	chmod -R a+rX "$work"
fi
# shellcheck disable=SC2086
(cd "$work/$name" && $as_user "$srmap" "$@" --out out) 2>"$work/$name/stderr"
rc=$?
chmod 0755 "$work/$name/out"
if [ "$rc" = 4 ] && grep -q "^srmap: out" "$work/$name/stderr" &&
   same_set "$work/prev" "$work/$name/out"; then
	ok "a read-only output folder: exit 4 naming it, the previous set whole"
else
	bad "read-only output folder: exit $rc (expected 4)"
	sed 's/^/    /' "$work/$name/stderr"
fi

# Another filesystem: the output folder on /dev/shm, the working folder here.
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$work")" ]; then
	other=$(mktemp -d /dev/shm/srmap-signals.XXXXXX)
	cp -R "$work/prev" "$other/out"
	mkdir -p "$work/otherfs"
	ln -s "$other/out" "$work/otherfs/out"
	(cd "$work/otherfs" && "$srmap" "$@" --out "$other/out") 2>"$work/otherfs/stderr"
	rc1=$?
	(cd "$work/otherfs" && "$srmap" "$@" --out out) 2>>"$work/otherfs/stderr"
	rc2=$?
	if [ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ -s "$other/out/report.pdf" ] &&
	   [ "$(set_folders "$other/out")" = 1 ] &&
	   cmp -s "$other/out/report.pdf" "$work/as-1000/out/report.pdf" 2>/dev/null ||
	   { [ "$asan" = 1 ] && [ "$rc1" = 0 ] && [ "$rc2" = 0 ]; }; then
		ok "an output folder on another filesystem (directly and through a link): the new set"
	else
		bad "output folder on another filesystem: exit $rc1 and $rc2"
		sed 's/^/    /' "$work/otherfs/stderr"
	fi
	rm -rf "$other"
else
	echo "(another filesystem skipped: /dev/shm is not one here)"
fi

echo "signals: $pass passed, $fail failed"
[ "$fail" = 0 ]
