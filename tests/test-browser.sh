#!/bin/sh
# Renders the HTML report of the sample run in a real browser, Debian's chromium, headless
# (docs/html.md).  make check-browser installs chromium and runs this; it is not part of make
# check.
#   - a screenshot at desktop width: the PNG (decoded with zlib, no imaging library) must hold
#     text, not a blank page;
#   - printed to PDF: pdftotext must find the report's headings and the client in it, and the
#     header row of the findings table on each page the table spans;
#   - the findings filters and sorting: a copy of report.html with a test script appended
#     picks a severity and an owner, sorts by the first column, and writes what the page then
#     shows into the DOM, which --dump-dom prints; the visible rows must be the findings of
#     that severity and owner in assessment.xml;
#   - without its script (as with JavaScript off), the filters stay hidden and every finding
#     is shown.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/browser"
# Debian's python3, so that nothing but the standard library is needed
py=/usr/bin/python3
rm -rf "$work"
mkdir -p "$work/samples"
export SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$top"
pass=0 fail=0

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "FAIL: chromium not found (make check-browser installs it)"
	exit 1
fi

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# chrome ARGS...: the browser, headless, with its profile in the work folder and its noise
# in a log; killed after two minutes.
chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--no-first-run --no-default-browser-check --disable-extensions \
		--user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

for f in inventory.json evidence.json profile.json; do
	cp "$top/samples/$f" "$work/samples/"
done
cp -R "$top/samples/artifacts" "$work/samples/"
if ! ( cd "$work/samples" && "$srmap" assess -q --inventory inventory.json --evidence evidence.json \
	--profile profile.json --out out --format xml,html ) 2>"$work/srmap.log"; then
	echo "FAIL: srmap failed on the samples (see $work/srmap.log)"
	exit 1
fi
report="$work/samples/out/report.html"
xml="$work/samples/out/assessment.xml"
url="file://$report"
client=$(xmllint --xpath 'string(/assessment/profile/@client)' "$xml")

# ---- screenshot --------------------------------------------------------------------------
png="$work/desktop.png"
chrome --window-size=1366,2400 --screenshot="$png" "$url" >/dev/null
if [ ! -s "$png" ]; then
	bad "screenshot: no PNG (see $work/chromium.log)"
elif msg=$("$py" - "$png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        if depth != 8 or ctype not in (2, 6):
            sys.exit(f"unexpected PNG: depth {depth}, colour type {ctype}")
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
dark = light = 0
colours = set()
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, b_ = line[x], line[x + 1], line[x + 2]
        if max(r, g, b_) < 110:
            dark += 1
        if min(r, g, b_) < 250:
            light += 1
        if len(colours) < 64:
            colours.add((r, g, b_))
    prev = line
total = w * h
print(f"{w}x{h}: {light} non-white pixels, {dark} dark (text), {len(colours)}+ colours")
if light < total // 20 or dark < 2000 or len(colours) < 8:
    sys.exit(f"the page looks blank: {w}x{h}, {light} non-white, {dark} dark, {len(colours)} colours")
EOF
); then
	ok
	echo "screenshot $msg"
else
	bad "screenshot: $msg"
fi

# ---- print to PDF --------------------------------------------------------------------------
pdf="$work/print.pdf"
chrome --no-pdf-header-footer --print-to-pdf="$pdf" "$url" >/dev/null
if [ ! -s "$pdf" ]; then
	bad "print to PDF: no PDF (see $work/chromium.log)"
else
	pdftotext -layout "$pdf" "$work/print.txt" 2>/dev/null
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	missing=""
	for text in "Shared-responsibility assessment" "$client" "Executive summary" \
		"The responsibility model" "Findings by control domain" "Every finding" "Evidence register"; do
		grep -qF "$text" "$work/print.txt" || missing="$missing \"$text\";"
	done
	# the findings table spans pages: its header row must be repeated, with its text, on each
	heads=$(grep -cE "Finding +Severity +Status +Control" "$work/print.txt")
	if [ -n "$missing" ]; then
		bad "print to PDF: the text lacks$missing"
	elif [ "${pages:-0}" -lt 5 ]; then
		bad "print to PDF: only ${pages:-0} pages"
	elif [ "$heads" -lt 2 ]; then
		bad "print to PDF: the findings table's header is printed $heads time(s), not on every page"
	else
		ok
		echo "print to PDF: $pages pages"
	fi
fi

# ---- filters and sorting -------------------------------------------------------------------
# probe.html is report.html with a test script after the report's own, so that the filters
# are set up when it runs; it writes what the page shows into a <pre>, which --dump-dom prints.
# nojs.html is report.html without its script, as a browser with JavaScript off shows it (a
# page whose scripts are off cannot be dumped), with the same probe.
cat >"$work/probe.js" <<'EOF'
(function () {
  var out = [];
  try {
    var t = document.getElementById("findings-table"), f = document.getElementById("findings-filters");
    var shown = function () {
      return Array.prototype.filter.call(t.tBodies[0].rows, function (r) { return r.getClientRects().length > 0; }).length;
    };
    var pick = function (name, v) {
      f.elements[name].value = v;
      f.elements[name].dispatchEvent(new Event("change", { bubbles: true }));
    };
    out.push("form-shown=" + (f.getClientRects().length > 0), "all=" + shown());
    if (window.PROBE_FILTERS) {
      pick("severity", "medium");
      out.push("medium=" + shown(), "counted=" + t.getAttribute("data-visible"));
      pick("owner", "shared");
      out.push("medium-shared=" + shown());
      pick("severity", "*");
      pick("owner", "*");
      out.push("again=" + shown());
      var b = t.tHead.rows[0].cells[0].querySelector("button");
      b.click();
      b.click();
      out.push("first-after-sort=" + t.tBodies[0].rows[0].id);
    }
  } catch (e) { out.push("error=" + e); }
  var p = document.createElement("pre");
  p.id = "browser-test";
  p.textContent = out.join(" ");
  document.body.appendChild(p);
})();
EOF
"$py" - "$report" "$work/probe.js" "$work" <<'EOF'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = open(sys.argv[2], encoding="utf-8").read()
end = page.rindex("</body>")
own = page.rindex("<script>", 0, end)
with open(sys.argv[3] + "/probe.html", "w", encoding="utf-8") as f:
    f.write(page[:end] + "<script>window.PROBE_FILTERS = true;\n" + probe + "</script>" + page[end:])
with open(sys.argv[3] + "/nojs.html", "w", encoding="utf-8") as f:
    f.write(page[:own] + "<script>" + probe + "</script>" + page[end:])
EOF
# probe NAME: the text the probe left in NAME.html
probe() {
	chrome --run-all-compositor-stages-before-draw --virtual-time-budget=5000 --dump-dom \
		"file://$work/$1.html" >"$work/$1.dom"
	sed -n 's|.*<pre id="browser-test">\([^<]*\)</pre>.*|\1|p' "$work/$1.dom"
}
n_all=$(xmllint --xpath 'count(/assessment/finding)' "$xml")
n_medium=$(xmllint --xpath 'count(/assessment/finding[@severity="medium"])' "$xml")
n_medium_shared=$(xmllint --xpath 'count(/assessment/finding[@severity="medium"][@owner="shared"])' "$xml")
last=$(xmllint --xpath 'string(/assessment/finding[last()]/@id)' "$xml")

result=$(probe probe)
echo "filters: $result"
want="form-shown=true all=$n_all medium=$n_medium counted=$n_medium medium-shared=$n_medium_shared again=$n_all first-after-sort=$last"
if [ "$result" = "$want" ] && [ "$n_medium" != "$n_all" ]; then
	ok
else
	bad "filters: the page says \"$result\", expected \"$want\""
fi

# ---- without JavaScript ----------------------------------------------------------------------
result=$(probe nojs)
echo "without JavaScript: $result"
want="form-shown=false all=$n_all"
if [ "$result" = "$want" ]; then
	ok
else
	bad "without JavaScript: the page says \"$result\", expected \"$want\""
fi

echo "browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
