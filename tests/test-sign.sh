#!/bin/sh
# $inputs holds several arguments and is split on purpose; "ok" never fails, so A && ok || bad
# is an if-then-else here.
# shellcheck disable=SC2086,SC2015
# Signed deliverables (docs/signing.md, srmap(1) --sign, verify): test keys and certificates are
# made here with the openssl command (a CA, a signer it certifies, an encrypted key, a key of
# another pair, a certificate valid one day, one not issued by the CA); a sample run is signed and
# checked by srmap verify, by `openssl cms -verify` and by `sha256sum -c`; each output file is
# altered in turn and verify must name it; a missing and an added file, an altered manifest, a
# damaged signature, an untrusted signer and no --ca each give their message and exit code; every
# key error of assess (unreadable, encrypted without a password, wrong password, a key that does
# not match, an expired or not yet valid certificate, a password on the command line) exits with
# its code, names the file, prints no key or password and leaves the previous report intact.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
# The files of a whole report set: the canonical XML and what every template writes (the WRITES
# column of srmap templates list), so that a new format needs no change here.
outputs="assessment.xml $(SRMAP_DATADIR="$top" "$srmap" templates list | awk 'NR > 1 && NF == 0 { exit } NR > 1 { print $3 }' | tr '\n' ' ')"
noutputs=$(echo "$outputs" | wc -w)
work="$top/tests/out/sign"
rm -rf "$work"
mkdir -p "$work/keys"
export SRMAP_DATADIR="$top"
unset SOURCE_DATE_EPOCH
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
k="$work/keys"
ossl() { openssl "$@" >>"$k/openssl.log" 2>&1 || { echo "openssl $1 failed (see $k/openssl.log)"; exit 1; }; }

# ---- test keys, made now (never kept) -----------------------------------------------------------
ossl req -x509 -newkey rsa:2048 -nodes -keyout "$k/ca.key" -out "$k/ca.pem" -days 30 -subj "/CN=srmap test CA"
ossl req -x509 -newkey rsa:2048 -nodes -keyout "$k/other-ca.key" -out "$k/other-ca.pem" -days 30 -subj "/CN=other CA"
csr() { ossl req -newkey rsa:2048 -nodes -keyout "$k/$1.key" -out "$k/$1.csr" -subj "/CN=$1"; }
issue() { ossl x509 -req -in "$k/$1.csr" -CA "$k/ca.pem" -CAkey "$k/ca.key" -CAcreateserial -out "$k/$1.pem" -days "$2"; }
csr signer; issue signer 10
csr shortlived; issue shortlived 1
ossl req -x509 -key "$k/signer.key" -out "$k/selfsigned.pem" -days 10 -subj "/CN=self-signed signer"
ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$k/wrong.key"
ossl pkey -in "$k/signer.key" -aes256 -passout pass:correct-horse -out "$k/encrypted.key"
ossl pkey -in "$k/signer.key" -outform DER -out "$k/signer.der"
cat "$k/signer.key" "$k/signer.pem" >"$k/combined.pem"
printf 'correct-horse\n' >"$k/pass.txt"
printf 'not the password\n' >"$k/wrongpass.txt"
cp "$k/signer.key" "$k/unreadable.key"; chmod 000 "$k/unreadable.key"
mkdir "$k/folder.key"
now=$(date +%s)

inputs="--inventory $top/samples/inventory.json --evidence $top/samples/evidence.json --profile $top/samples/profile.json"

# run NAME WANT CMD...: runs CMD in $work, records stdout/stderr, checks the exit code
run() {
	name=$1 want=$2
	shift 2
	( cd "$work" && "$@" >"$work/$name.out" 2>"$work/$name.err"; echo $? >"$work/$name.rc" )
	got=$(cat "$work/$name.rc")
	if [ "$got" = "$want" ]; then ok; else bad "$name: exit $got, expected $want (see $work/$name.err)"; fi
}
has() {   # has NAME FILE-SUFFIX TEXT: the output holds TEXT
	if grep -qF -- "$3" "$work/$1.$2"; then ok; else bad "$1: $2 lacks '$3'"; fi
}

# ---- a signed run, checked three ways ----------------------------------------------------------
run sign 0 "$srmap" assess -q $inputs --sign "$k/signer.key,$k/signer.pem" --out set
for f in $outputs; do
	grep -q "  $f\$" "$work/set/manifest.sha256" && ok || bad "sign: manifest lacks $f"
done
head -1 "$work/set/manifest.sha256.p7s" | grep -q -- "-----BEGIN CMS-----" && ok || bad "sign: not PEM CMS"
if grep -qs "PRIVATE KEY" "$work"/sign.* "$work"/set/* "$work"/set/current/*; then bad "sign: a key was printed"; else ok; fi
left=$(find "$work/set" "$work/set/current/" -mindepth 1 -maxdepth 1 -name '.[a-z]*' \
	! -name "$(readlink "$work/set/current")" | head -1)
[ -z "$left" ] && ok || bad "sign: temporaries left ($left)"
run verify-ok 0 "$srmap" verify --ca "$k/ca.pem" set
has verify-ok out "ok       signature manifest.sha256.p7s (signed by CN=signer on "
has verify-ok out "$noutputs ok, 0 changed, 0 missing, 0 added"
run openssl-verify 0 openssl cms -verify -binary -inform PEM -in set/manifest.sha256.p7s \
	-content set/manifest.sha256 -CAfile "$k/ca.pem" -purpose any -out /dev/null
( cd "$work/set" && sha256sum -c --strict --quiet manifest.sha256 ) && ok || bad "sha256sum -c fails"
run verify-pinned 0 "$srmap" verify --ca "$k/signer.pem" set
run verify-noca 6 "$srmap" verify set
has verify-noca err "the signature is intact but its signer CN=signer is not verified: give --ca FILE"
run verify-otherca 6 "$srmap" verify --ca "$k/other-ca.pem" set
has verify-otherca err "is not trusted through"
run verify-badca 3 "$srmap" verify --ca "$k/nonexistent.pem" set
run verify-xml 0 "$srmap" verify --ca "$k/ca.pem" set/assessment.xml
has verify-xml out "ok       evidence  "
has verify-xml out "ok       output    report.pdf"
# DER key, key and certificate in one file, encrypted key with each password source
run sign-der 0 "$srmap" assess -q $inputs --format xml --sign "$k/signer.der,$k/signer.pem" --out der
run sign-combined 0 "$srmap" assess -q $inputs --format xml --sign "$k/combined.pem" --out combined
export SIGN_TEST_PASS=correct-horse
run sign-env 0 "$srmap" assess -q $inputs --format xml --sign "$k/encrypted.key,$k/signer.pem" \
	--sign-pass env:SIGN_TEST_PASS --out enc-env
run sign-file 0 "$srmap" assess -q $inputs --format xml --sign "$k/encrypted.key,$k/signer.pem" \
	--sign-pass "file:$k/pass.txt" --out enc-file
run sign-fd 0 sh -c "exec 3<'$k/pass.txt'; '$srmap' assess -q $inputs --format xml \
	--sign '$k/encrypted.key,$k/signer.pem' --sign-pass fd:3 --out enc-fd"
run verify-enc 0 "$srmap" verify --ca "$k/ca.pem" enc-fd
# the same inputs and time give the same signature (RSA, signingTime is the run's time)
SOURCE_DATE_EPOCH=$now run repro1 0 "$srmap" assess -q $inputs --format xml --sign "$k/combined.pem" --out r
mv "$work/r" "$work/r1"
SOURCE_DATE_EPOCH=$now run repro2 0 "$srmap" assess -q $inputs --format xml --sign "$k/combined.pem" --out r
cmp -s "$work/r1/manifest.sha256.p7s" "$work/r/manifest.sha256.p7s" && ok || bad "repro: signatures differ"

# ---- verify names each file that changed, went missing or was added -----------------------------
for f in $outputs; do
	rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"
	printf ' ' >>"$work/alt/$f"
	run "alter-$f" 1 "$srmap" verify --ca "$k/ca.pem" alt
	has "alter-$f" out "changed  output    $f (sha256 now "
	has "alter-$f" out "$((noutputs - 1)) ok, 1 changed, 0 missing, 0 added"
done
rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"; rm "$work/alt/crm.csv"
run missing 1 "$srmap" verify --ca "$k/ca.pem" alt
has missing out "missing  output    crm.csv"
rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"; echo extra >"$work/alt/notes.txt"
run added 1 "$srmap" verify --ca "$k/ca.pem" alt
has added out "added    output    notes.txt (not in the signed manifest)"
# a manifest made to match an altered file no longer matches its signature
rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"; printf ' ' >>"$work/alt/crm.csv"
# shellcheck disable=SC2086
( cd "$work/alt" && sha256sum $outputs >manifest.sha256 )
run manifest-altered 6 "$srmap" verify --ca "$k/ca.pem" alt
has manifest-altered err "the manifest was changed after it was signed"
run openssl-altered 4 openssl cms -verify -binary -inform PEM -in alt/manifest.sha256.p7s \
	-content alt/manifest.sha256 -CAfile "$k/ca.pem" -purpose any -out /dev/null
# an empty manifest (a fuzzing finding: undefined behaviour on the empty buffer)
rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"; : >"$work/alt/manifest.sha256"
run manifest-empty 6 "$srmap" verify --ca "$k/ca.pem" alt
has manifest-empty err "the manifest was changed after it was signed"
has manifest-empty out "0 ok, 0 changed, 0 missing, "
rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"
sed 's/^MII/MIJ/' "$work/set/manifest.sha256.p7s" >"$work/alt/manifest.sha256.p7s"
run sig-garbled 6 "$srmap" verify --ca "$k/ca.pem" alt
has sig-garbled err "manifest.sha256.p7s: not a CMS signature (PEM or DER)"
# one byte of the signature value itself (the last bytes of the DER form), given as DER
openssl cms -cmsout -inform PEM -in "$work/set/manifest.sha256.p7s" -outform DER -out "$work/alt/sig.der"
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-5] ^= 1; open(sys.argv[2], "wb").write(b)' \
	"$work/alt/sig.der" "$work/alt/manifest.sha256.p7s"
run sig-damaged 6 "$srmap" verify --ca "$k/ca.pem" alt
has sig-damaged err "the signature is damaged: it does not verify with its signer's certificate"
# a signature naming a digest OpenSSL does not know in its digest list (a fuzzing finding: a
# leak inside CMS_verify), checked for leaks under valgrind where it is installed
python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); s = bytes.fromhex("608648016503040201")
open(sys.argv[2], "wb").write(b.replace(s, bytes.fromhex("608648016603040201"), 1))' \
	"$work/alt/sig.der" "$work/alt/manifest.sha256.p7s"
run digest-unknown 6 "$srmap" verify --ca "$k/ca.pem" alt
has digest-unknown err "the signature is damaged"
if command -v valgrind >/dev/null 2>&1 && ! ldd "$srmap" | grep -q libasan; then
	run digest-unknown-valgrind 6 valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
		--error-exitcode=99 "$srmap" verify --ca "$k/ca.pem" alt
fi
rm "$work/alt/sig.der" "$work/alt/manifest.sha256.p7s"
run sig-missing 6 "$srmap" verify --ca "$k/ca.pem" alt
has sig-missing err "the manifest has no signature"
rm "$work/alt/manifest.sha256"
run manifest-missing 3 "$srmap" verify --ca "$k/ca.pem" alt
# a re-signed set: intact, but by a signer the CA did not certify
rm -rf "$work/alt"; cp -R "$work/set" "$work/alt"
openssl cms -sign -binary -in "$work/alt/manifest.sha256" -signer "$k/selfsigned.pem" \
	-inkey "$k/signer.key" -outform PEM -out "$work/alt/manifest.sha256.p7s" 2>/dev/null
run resigned 6 "$srmap" verify --ca "$k/ca.pem" alt
has resigned out "not trusted through"

# ---- key errors: exit 6, the file named, no key or password printed, the old report intact -----
keyerr() {   # keyerr NAME TEXT SIGN-ARGS...
	name=$1 text=$2
	shift 2
	rm -rf "$work/prev"; cp -R "$work/set" "$work/prev"
	run "$name" 6 "$srmap" assess -q $inputs "$@" --out prev
	has "$name" err "$text"
	diff -r "$work/set" "$work/prev" >/dev/null && ok || bad "$name: the previous report changed"
	if grep -q -e "PRIVATE" -e "correct-horse" -e "not the password" "$work/$name.err" "$work/$name.out"
	then bad "$name: a key or password was printed"; else ok; fi
}
keyerr key-missing "$k/none.key: cannot read the signing key: No such file or directory" \
	--sign "$k/none.key,$k/signer.pem"
if [ "$(id -u)" != 0 ]; then   # root reads any file
	keyerr key-unreadable "$k/unreadable.key: cannot read the signing key: Permission denied" \
		--sign "$k/unreadable.key,$k/signer.pem"
fi
keyerr key-folder "$k/folder.key: cannot read the signing key: Is a directory" \
	--sign "$k/folder.key,$k/signer.pem"
keyerr key-notakey "$k/signer.pem: not a private key" --sign "$k/signer.pem,$k/signer.pem"
keyerr cert-missing "$k/none.pem: cannot read the signing certificate" --sign "$k/signer.key,$k/none.pem"
keyerr cert-notacert "$k/signer.key: holds no certificate" --sign "$k/signer.key"
keyerr enc-nopass "$k/encrypted.key: the signing key is encrypted: give its password" \
	--sign "$k/encrypted.key,$k/signer.pem"
keyerr enc-wrongpass "$k/encrypted.key: cannot decrypt the signing key: wrong password" \
	--sign "$k/encrypted.key,$k/signer.pem" --sign-pass "file:$k/wrongpass.txt"
keyerr enc-noenv "--sign-pass: the environment variable SIGN_TEST_UNSET is not set" \
	--sign "$k/encrypted.key,$k/signer.pem" --sign-pass env:SIGN_TEST_UNSET
keyerr mismatch "$k/signer.pem: the certificate does not match the signing key $k/wrong.key" \
	--sign "$k/wrong.key,$k/signer.pem"
SOURCE_DATE_EPOCH=$((now + 3 * 86400)) keyerr expired \
	"$k/shortlived.pem: the signing certificate expired on " --sign "$k/shortlived.key,$k/shortlived.pem"
SOURCE_DATE_EPOCH=$((now - 3 * 86400)) keyerr not-yet \
	"$k/signer.pem: the signing certificate is not valid before " --sign "$k/signer.key,$k/signer.pem"
# usage errors: never the password on the command line
run pass-inline 2 "$srmap" assess -q $inputs --sign "$k/encrypted.key,$k/signer.pem" \
	--sign-pass pass:correct-horse --out prev
if grep -q "correct-horse" "$work/pass-inline.err"; then bad "pass-inline: the password was printed"; else ok; fi
run pass-nosign 2 "$srmap" assess -q $inputs --sign-pass env:X --out prev

echo "test-sign: $pass passed, $fail failed"
[ "$fail" = 0 ]
