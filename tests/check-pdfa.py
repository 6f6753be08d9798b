#!/usr/bin/env python3
"""Checks the PDF/A-1b properties of a PDF srmap wrote, through qpdf --json (docs/layout.md,
"PDF/A").

usage: check-pdfa.py [--no-claim] [--lang TAG] [--layout LAYOUT.xml] PDF

It checks what can be checked without a PDF/A validator:
  - the header says PDF 1.4 and is followed by a comment of four bytes above 127;
  - the trailer has an /ID of two 16-byte strings and no /Encrypt;
  - the catalog's /Metadata is an unfiltered /Type /Metadata /Subtype /XML stream of well-formed
    XMP; with the claim it holds pdfaid:part 1 and pdfaid:conformance B, with --no-claim (a PDF
    with attachments or transparency) no pdfaid at all;
  - every entry of the document information equals its XMP counterpart (Title dc:title,
    Author dc:creator, Subject dc:description, Keywords pdf:Keywords, Creator xmp:CreatorTool,
    Producer pdf:Producer, CreationDate xmp:CreateDate, ModDate xmp:ModifyDate), and no
    counterpart is there without its entry;
  - /OutputIntents holds one /GTS_PDFA1 intent whose /DestOutputProfile is an embedded RGB ICC
    profile stream (N 3, "acsp" in its header);
  - every font is embedded (/FontFile, /FontFile2 or /FontFile3 in its descriptor), and every
    subset (a name with a six-letter tag) has a /CIDSet when it is a CIDFont;
  - no transparency: no /SMask but /None, no transparency /Group, no /CA or /ca below 1, no
    blend mode but Normal; no /EmbeddedFiles with the claim;
  - every annotation is printable (/F with the Print bit, without Hidden, Invisible, NoView);
  - /Lang is set (equal to --lang when given);
  - /Outlines: with --layout, its titles, in order and nested, are the headings of the layout
    XML outside the cover (and the contents' title) whose bookmark is not "no", each with its
    bookmark-title when given.
Prints one line per failed check and exits 1 when any fails.
"""
import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

problems = []


def bad(msg):
    problems.append(msg)


def text(v):
    """A qpdf JSON string value as text ("u:..." text, "b:..." hex bytes)."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return v


class Pdf:
    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                              "--decode-level=generalized", path, "-"],
                             check=True, capture_output=True).stdout
        doc = json.loads(out)["qpdf"]
        self.version = doc[0]["pdfversion"]
        self.objects = doc[1]
        self.trailer = self.objects["trailer"]["value"]

    def get(self, ref):
        """The value (a dictionary for a stream: its dict, with the decoded data as "data")."""
        if not (isinstance(ref, str) and ref.endswith(" R")):
            return ref
        o = self.objects.get("obj:" + ref)
        if o is None:
            return None
        if "stream" in o:
            s = dict(o["stream"]["dict"])
            s["data"] = base64.b64decode(o["stream"].get("data", ""))
            s["is-stream"] = True
            return s
        return o["value"]

    def values(self):
        for key, o in self.objects.items():
            if key.startswith("obj:"):
                yield key[4:], (o["stream"]["dict"] if "stream" in o else o["value"])


def pdf_date_to_xmp(d):
    """D:YYYYMMDDHHmmSSZ00'00' (what srmap writes) to YYYY-MM-DDTHH:MM:SSZ."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z(00'00'?)?", d or "")
    if not m:
        return None
    y, mo, da, h, mi, s = m.groups()[:6]
    return f"{y}-{mo}-{da}T{h}:{mi}:{s}Z"


def check_header(path):
    with open(path, "rb") as f:
        head = f.read(20)
    if not head.startswith(b"%PDF-1.4\n%") or not all(b > 127 for b in head[10:14]):
        bad(f"header: {head[:14]!r} is not %PDF-1.4 and a binary comment")


def check_trailer(p):
    ids = p.trailer.get("/ID")
    if not (isinstance(ids, list) and len(ids) == 2 and
            all(isinstance(i, str) and i.startswith("b:") and len(i) == 34 for i in ids)):
        bad(f"trailer /ID: {ids!r} is not two 16-byte strings")
    if "/Encrypt" in p.trailer:
        bad("trailer: /Encrypt")


def xmp_values(root):
    """The XMP properties srmap writes, as text (lists as their single item)."""
    found = {}
    for desc in root.iter(f"{{{NS['rdf']}}}Description"):
        for prop in desc:
            items = prop.findall(".//rdf:li", NS)
            if items:
                if len(items) != 1:
                    bad(f"XMP {prop.tag}: {len(items)} items")
                li = items[0]
                if prop.tag.endswith("}title") or prop.tag.endswith("}description"):
                    if li.get(XML_LANG) != "x-default":
                        bad(f"XMP {prop.tag}: no x-default item")
                found[prop.tag] = li.text or ""
            else:
                found[prop.tag] = prop.text or ""
    return found


def check_metadata(p, catalog, claim):
    md = p.get(catalog.get("/Metadata"))
    if not md or not md.get("is-stream"):
        bad("catalog: no /Metadata stream")
        return
    if md.get("/Type") != "/Metadata" or md.get("/Subtype") != "/XML":
        bad(f"/Metadata: /Type {md.get('/Type')} /Subtype {md.get('/Subtype')}")
    if "/Filter" in md:
        bad("/Metadata: has a /Filter (PDF/A-1 wants it uncompressed)")
    data = md["data"]
    if not data.startswith(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'):
        bad("XMP: no xpacket header")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        bad(f"XMP: not well-formed: {e}")
        return
    x = xmp_values(root)
    part = x.get(f"{{{NS['pdfaid']}}}part")
    conf = x.get(f"{{{NS['pdfaid']}}}conformance")
    if claim and (part, conf) != ("1", "B"):
        bad(f"XMP: pdfaid part {part!r} conformance {conf!r}, not 1 and B")
    if not claim and (part is not None or conf is not None):
        bad("XMP: claims PDF/A although the PDF cannot be PDF/A-1 (attachments or transparency)")
    info = p.get(p.trailer.get("/Info")) or {}
    pairs = [("/Title", "dc", "title"), ("/Author", "dc", "creator"),
             ("/Subject", "dc", "description"), ("/Keywords", "pdf", "Keywords"),
             ("/Creator", "xmp", "CreatorTool"), ("/Producer", "pdf", "Producer"),
             ("/CreationDate", "xmp", "CreateDate"), ("/ModDate", "xmp", "ModifyDate")]
    for key, prefix, name in pairs:
        want = text(info.get(key))
        if key.endswith("Date") and want is not None:
            want = pdf_date_to_xmp(want) or f"(unreadable date {want})"
        got = x.get(f"{{{NS[prefix]}}}{name}")
        if want != got:
            bad(f"Info {key} {want!r} but XMP {prefix}:{name} {got!r}")
    if not text(info.get("/Title")):
        bad("Info: no /Title")


def check_output_intent(p, catalog):
    intents = [p.get(i) for i in (p.get(catalog.get("/OutputIntents")) or [])]
    pdfa = [i for i in intents if i and i.get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        bad(f"catalog: {len(pdfa)} /GTS_PDFA1 output intents, not 1")
        return
    intent = pdfa[0]
    if not text(intent.get("/OutputConditionIdentifier")):
        bad("output intent: no /OutputConditionIdentifier")
    icc = p.get(intent.get("/DestOutputProfile"))
    if not icc or not icc.get("is-stream"):
        bad("output intent: no /DestOutputProfile stream")
        return
    data = icc["data"]
    if icc.get("/N") != 3 or len(data) < 128 or data[36:40] != b"acsp" or data[16:20] != b"RGB ":
        bad("output intent: /DestOutputProfile is not an embedded RGB ICC profile")


def check_cidset(p, font, name, ref, bits):
    """Every CID the /CIDSet lists (but 0) maps to a glyph other than .notdef."""
    gids = p.get(font.get("/CIDToGIDMap"))
    if not gids or not gids.get("is-stream"):
        return      # /Identity: every CID is its glyph
    data = gids["data"]
    for cid in range(1, len(bits) * 8):
        if bits[cid // 8] & (0x80 >> (cid % 8)):
            gid = int.from_bytes(data[2 * cid:2 * cid + 2], "big") if 2 * cid + 2 <= len(data) else 0
            if gid == 0:
                bad(f"font {name} ({ref}): /CIDSet lists CID {cid}, which has no glyph")
                return


def check_fonts(p):
    nfonts = 0
    for ref, v in p.values():
        if not isinstance(v, dict) or v.get("/Type") != "/Font":
            continue
        nfonts += 1
        sub = v.get("/Subtype")
        if sub == "/Type0":
            continue    # checked through its descendant
        if sub == "/Type3":
            continue    # glyphs are content streams
        desc = p.get(v.get("/FontDescriptor"))
        name = str(v.get("/BaseFont"))
        if not desc or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            bad(f"font {name} ({ref}): not embedded")
            continue
        if sub in ("/CIDFontType0", "/CIDFontType2") and re.match(r"/[A-Z]{6}\+", name):
            cidset = p.get(desc.get("/CIDSet"))
            if not cidset or not cidset.get("is-stream") or not cidset["data"]:
                bad(f"font {name} ({ref}): a CIDFont subset without /CIDSet")
            elif not cidset["data"][0] & 0x80:
                bad(f"font {name} ({ref}): /CIDSet leaves out CID 0")
            else:
                check_cidset(p, v, name, ref, cidset["data"])
    if nfonts == 0:
        bad("no fonts at all (is there no text?)")


def check_transparency(p, catalog, claim):
    def walk(ref, v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k == "/SMask" and x != "/None":
                    bad(f"{ref}: /SMask (transparency)")
                if k == "/Group" and isinstance(p.get(x), dict) and p.get(x).get("/S") == "/Transparency":
                    bad(f"{ref}: a transparency group")
                if k in ("/CA", "/ca") and isinstance(x, (int, float)) and x < 1:
                    bad(f"{ref}: {k} {x} (transparency)")
                if k == "/BM" and x not in ("/Normal", "/Compatible"):
                    bad(f"{ref}: blend mode {x}")
                if k in ("/JS", "/JavaScript") or (k == "/S" and x in ("/JavaScript", "/Launch")):
                    bad(f"{ref}: {k} {x} (not allowed in PDF/A)")
                walk(ref, x)
        elif isinstance(v, list):
            for x in v:
                walk(ref, x)
    for ref, v in p.values():
        walk(ref, v)
    names = p.get(catalog.get("/Names")) or {}
    if claim and "/EmbeddedFiles" in names:
        bad("catalog: /EmbeddedFiles (PDF/A-1 forbids embedded files)")


def check_annotations(p):
    wrong = []
    for ref, v in p.values():
        if isinstance(v, dict) and (v.get("/Type") == "/Annot" or v.get("/Subtype") == "/Link"):
            f = v.get("/F")
            if not isinstance(f, int) or not f & 4 or f & (1 | 2 | 32):
                wrong.append(f"{ref} (/F {f!r})")
    if wrong:
        bad(f"{len(wrong)} annotations not printable or hidden (PDF/A wants them printed), "
            f"the first {wrong[0]}")


def outline_titles(p, catalog):
    """[(depth, title)] of the outline, in order."""
    out = []
    root = p.get(catalog.get("/Outlines"))
    if not root:
        return None

    def walk(item_ref, depth, seen):
        while item_ref and item_ref not in seen:
            seen.add(item_ref)
            item = p.get(item_ref)
            out.append((depth, text(item.get("/Title"))))
            if "/Dest" not in item and "/A" not in item:
                bad(f"outline item {text(item.get('/Title'))!r}: no destination")
            walk(item.get("/First"), depth + 1, seen)
            item_ref = item.get("/Next")
    walk(root.get("/First"), 1, set())
    return out


def heading_titles(layout):
    """[(depth, title)] the layout XML's headings should give as bookmarks."""
    tree = ET.parse(layout).getroot()
    want = []
    stack = []     # levels of the open bookmarks

    def add(level, title):
        while stack and stack[-1] >= level:
            stack.pop()
        want.append((len(stack) + 1, title))
        stack.append(level)

    def visit(el, in_cover):
        for c in el:
            if c.tag == "cover":
                continue
            if c.tag in ("h1", "h2", "h3"):
                if c.get("bookmark") == "no":
                    continue
                title = c.get("bookmark-title") or " ".join("".join(c.itertext()).split())
                add(int(c.tag[1]), title)
            elif c.tag == "toc":
                add(1, c.get("title", "Contents"))
            elif c.tag == "keep":
                visit(c, in_cover)
    visit(tree, False)
    return want


def main(argv):
    claim, lang, layout, args = True, None, None, []
    i = 0
    while i < len(argv):
        if argv[i] == "--no-claim":
            claim = False
        elif argv[i] == "--lang":
            i += 1
            lang = argv[i]
        elif argv[i] == "--layout":
            i += 1
            layout = argv[i]
        else:
            args.append(argv[i])
        i += 1
    if len(args) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    path = args[0]
    p = Pdf(path)
    catalog = p.get(p.trailer["/Root"])
    check_header(path)
    check_trailer(p)
    check_metadata(p, catalog, claim)
    check_output_intent(p, catalog)
    check_fonts(p)
    check_transparency(p, catalog, claim)
    check_annotations(p)
    got_lang = text(catalog.get("/Lang"))
    if not got_lang or (lang and got_lang != lang):
        bad(f"catalog /Lang {got_lang!r}" + (f", not {lang!r}" if lang else ""))
    titles = outline_titles(p, catalog)
    if titles is None:
        bad("catalog: no /Outlines")
    elif layout:
        want = heading_titles(layout)
        if titles != want:
            for k, (g, w) in enumerate(zip(titles + [None] * len(want), want + [None] * len(titles))):
                if g != w:
                    bad(f"outline entry {k + 1}: {g!r}, expected {w!r} "
                        f"({len(titles)} entries, {len(want)} expected)")
                    break
    for m in problems:
        print(f"{path}: {m}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
