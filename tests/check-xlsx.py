#!/usr/bin/python3
"""Checks crm.xlsx against the assessment.xml of the same run, and shows a workbook as text.

  check-xlsx.py check CRM.xlsx ASSESSMENT.xml
      the zip's members are dated 1980-01-01 and the workbook's creation time is the assessment's
      generated time; the sheets are Summary, one per framework of the assessment (HIPAA, SOC 2,
      FedRAMP, in its order) and Findings; every sheet but Summary has its header row frozen (a
      frozen pane in the sheet's XML), an autoFilter over the whole table and every header cell
      in the header style (bold, filled); a framework sheet has one row per control that its
      requirements roll up, in catalog order, whose owner cells say the owner of the control's
      layer under each service model and are filled in that owner's colour, whose estate owner is
      the owners of its checks, whose counts and citations are the control's; the Findings sheet
      has one row per finding, in order, with its severity, status, owner, workload and control;
      every column used has a width, none wider than 80 characters plus Excel's padding.
  check-xlsx.py dump CRM.xlsx [ROWS]
      prints every sheet as a text table (the first ROWS rows, 12 by default), each cell with its
      style's look in brackets, then the column widths: for looking at a workbook without Excel.

Standard library only (zipfile and xml.etree).  check prints the first problem and exits 1, or 0.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DCTERMS = "{http://purl.org/dc/terms/}"

SHEET_OF = {"hipaa": "HIPAA", "soc2": "SOC 2", "fedramp": "FedRAMP"}
FILL_OF = {"provider": "FFDDEBF7", "customer": "FFFCE4D6", "shared": "FFE4DFEC"}
HEADER_FILL = "FFD9E1F2"
MODELS = ["IaaS", "PaaS", "SaaS", "On-premises"]


def fail(msg):
    print(msg)
    sys.exit(1)


def unescape(s):
    """Excel's _xHHHH_ escapes in cell text (ST_Xstring)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)


def column_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Workbook:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        wb = self.xml("xl/workbook.xml")
        rels = {r.get("Id"): r.get("Target") for r in self.xml("xl/_rels/workbook.xml.rels")}
        self.names = [s.get("name") for s in wb.find(M + "sheets")]
        self.paths = ["xl/" + rels[s.get(R + "id")] for s in wb.find(M + "sheets")]
        self.shared = []
        if "xl/sharedStrings.xml" in self.zip.namelist():
            for si in self.xml("xl/sharedStrings.xml"):
                self.shared.append(unescape("".join(t.text or "" for t in si.iter(M + "t"))))
        st = self.xml("xl/styles.xml")
        fonts = [(f.find(M + "b") is not None, f.find(M + "sz").get("val"),
                  (f.find(M + "color").get("rgb") if f.find(M + "color") is not None else None))
                 for f in st.find(M + "fonts")]
        fills = []
        for f in st.find(M + "fills"):
            fg = f.find(M + "patternFill/" + M + "fgColor")
            fills.append(fg.get("rgb") if fg is not None else None)
        self.looks = []
        for xf in st.find(M + "cellXfs"):
            bold, size, color = fonts[int(xf.get("fontId"))]
            al = xf.find(M + "alignment")
            self.looks.append({"bold": bold, "size": size, "color": color,
                               "fill": fills[int(xf.get("fillId"))],
                               "border": xf.get("borderId") != "0",
                               "wrap": al is not None and al.get("wrapText") == "1",
                               "top": al is not None and al.get("vertical") == "top",
                               "format": xf.get("numFmtId")})

    def xml(self, name):
        return ET.fromstring(self.zip.read(name))

    def sheet(self, name):
        """(rows, sheet element): rows are lists of (text, look), one per column, None where empty."""
        root = self.xml(self.paths[self.names.index(name)])
        rows = []
        for row in root.find(M + "sheetData"):
            r = int(row.get("r")) - 1
            while len(rows) <= r:
                rows.append([])
            for c in row:
                k = column_index(c.get("r"))
                t = c.get("t")
                if t == "inlineStr":
                    text = unescape("".join(x.text or "" for x in c.iter(M + "t")))
                elif t == "s":
                    text = self.shared[int(c.find(M + "v").text)]
                else:
                    v = c.find(M + "v")
                    text = v.text if v is not None else ""
                while len(rows[r]) <= k:
                    rows[r].append(None)
                rows[r][k] = (text, self.looks[int(c.get("s", "0"))])
        return rows, root


def look_text(look):
    parts = []
    if look["bold"]:
        parts.append("bold")
    if look["size"] != "11":
        parts.append(look["size"] + "pt")
    if look["fill"]:
        parts.append("fill " + look["fill"][2:])
    if look["color"]:
        parts.append("text " + look["color"][2:])
    if look["wrap"]:
        parts.append("wrap")
    if look["format"] != "0":
        parts.append("format " + look["format"])
    return "[" + " ".join(parts) + "]" if parts else ""


def dump(path, limit):
    wb = Workbook(path)
    for name in wb.names:
        rows, root = wb.sheet(name)
        pane = root.find(f"{M}sheetViews/{M}sheetView/{M}pane")
        flt = root.find(M + "autoFilter")
        print(f"== sheet {name!r}: {len(rows)} rows; frozen: "
              f"{pane.get('ySplit') if pane is not None else 'none'} rows; autofilter: "
              f"{flt.get('ref') if flt is not None else 'none'}")
        for i, row in enumerate(rows[:limit]):
            cells = []
            for cell in row:
                if cell is None:
                    cells.append("")
                    continue
                text = cell[0] if len(cell[0]) <= 40 else cell[0][:37] + "..."
                cells.append(text.replace("\n", "\\n") + look_text(cell[1]))
            print(f"{i + 1:4} | " + " | ".join(cells))
        cols = root.find(M + "cols")
        if cols is not None:
            print("     widths: " + " ".join(f"{c.get('min')}:{float(c.get('width')):.1f}" for c in cols))


def check(path, assessment):
    a = ET.parse(assessment).getroot()
    wb = Workbook(path)
    for info in wb.zip.infolist():
        if info.date_time != (1980, 1, 1, 0, 0, 0):
            fail(f"{path}: member {info.filename} is dated {info.date_time}, not 1980-01-01")
    created = wb.xml("docProps/core.xml").find(DCTERMS + "created").text
    if created != a.get("generated"):
        fail(f"{path}: created {created}, but the assessment was generated {a.get('generated')}")
    frameworks = a.findall("framework")
    want = ["Summary"] + [SHEET_OF[f.get("id")] for f in frameworks] + ["Findings"]
    if wb.names != want:
        fail(f"{path}: sheets {wb.names}, expected {want}")

    controls = a.findall("control")
    layer = {r.get("layer"): r for r in a.find("matrix")}
    domain = {d.get("id"): d.get("title") for d in a.findall("domain")}
    owners = {}
    for holder in a:
        if holder.tag in ("workload", "organisation"):
            for c in holder.findall("check"):
                owners.setdefault(c.get("control"), set()).add(c.get("owner"))

    def table(name, columns):
        rows, root = wb.sheet(name)
        pane = root.find(f"{M}sheetViews/{M}sheetView/{M}pane")
        if pane is None or pane.get("ySplit") != "1" or pane.get("state") != "frozen":
            fail(f"{path}: sheet {name!r}: the header row is not frozen")
        header = [c[0] if c else None for c in rows[0]]
        if header != columns:
            fail(f"{path}: sheet {name!r}: header {header}, expected {columns}")
        for c in rows[0]:
            if not (c[1]["bold"] and c[1]["fill"] == "FF" + HEADER_FILL[2:]):
                fail(f"{path}: sheet {name!r}: header cell {c[0]!r} is not bold and filled")
        last = chr(ord("A") + len(columns) - 1)
        flt = root.find(M + "autoFilter")
        if flt is None or flt.get("ref") != f"A1:{last}{len(rows)}":
            fail(f"{path}: sheet {name!r}: autoFilter {flt.get('ref') if flt is not None else None}, "
                 f"expected A1:{last}{len(rows)}")
        widths = {int(c.get("min")) - 1: float(c.get("width")) for c in root.find(M + "cols")}
        for k in range(len(columns)):
            if not 0 < widths.get(k, 0) <= 80.72:
                fail(f"{path}: sheet {name!r}: column {k + 1} has width {widths.get(k)}")
        return [[c[0] if c else "" for c in r] + [""] * (len(columns) - len(r)) for r in rows[1:]], rows[1:]

    def owner_cell(where, cell, owner):
        if cell is None or cell[0] != owner:
            fail(f"{where}: owner {cell[0] if cell else None!r}, expected {owner!r}")
        if cell[1]["fill"] != FILL_OF[owner]:
            fail(f"{where}: owner {owner!r} is filled {cell[1]['fill']}, expected {FILL_OF[owner]}")

    for f in frameworks:
        name = SHEET_OF[f.get("id")]
        refs = {c.get("id") for c in f.iter("control-ref")}
        cite_head = {"hipaa": "HIPAA citations", "soc2": "SOC 2 criteria",
                     "fedramp": f"NIST SP 800-53 (FedRAMP {f.get('baseline')})"}[f.get("id")]
        cols = (["Control", "Title", "Domain", "Layer"] + MODELS +
                ["Owner in this estate", "Applies to", "Status", "Satisfied", "Failed", "Missing",
                 "Stale", "Not applicable", "Inherited", cite_head, "Requirement", "Customer action"])
        texts, cells = table(name, cols)
        expected = [c for c in controls if c.get("id") in refs]
        if len(texts) != len(expected):
            fail(f"{path}: sheet {name!r}: {len(texts)} controls, the framework rolls up {len(expected)}")
        for t, cl, c in zip(texts, cells, expected):
            where = f"{path}: sheet {name!r}, control {c.get('id')}"
            if t[0] != c.get("id") or t[1] != c.findtext("title"):
                fail(f"{where}: row says {t[0]!r} {t[1]!r}")
            if t[2] != domain.get(c.get("domain"), "") or t[3] != layer[c.get("layer")].get("title"):
                fail(f"{where}: domain {t[2]!r}, layer {t[3]!r}")
            for k, cell in enumerate(layer[c.get("layer")].findall("cell")):
                owner_cell(f"{where}, {MODELS[k]}", cl[4 + k] if len(cl) > 4 + k else None,
                           cell.get("owner"))
            here = [o for o in ("provider", "customer", "shared") if o in owners.get(c.get("id"), ())]
            if t[8] != "; ".join(here):
                fail(f"{where}: owner in this estate {t[8]!r}, the checks say {here}")
            if len(here) == 1:
                owner_cell(f"{where}, owner in this estate", cl[8], here[0])
            counts = [c.get(k) for k in ("satisfied", "failed", "missing", "stale", "not-applicable",
                                         "inherited")]
            if t[11:17] != counts:
                fail(f"{where}: counts {t[11:17]}, the control says {counts}")
            cites = [r.get("id") for r in f.findall("requirement")
                     if c.get("id") in {x.get("id") for x in r.findall("control-ref")}]
            if t[17] != "; ".join(cites):
                fail(f"{where}: citations {t[17]!r}, expected {cites}")
            if t[19] != (c.findtext("remediation") or ""):
                fail(f"{where}: customer action differs from the control's remediation")

    workloads = {w.get("id"): w for w in a.findall("workload")}
    by_id = {c.get("id"): c for c in controls}
    cols = ["ID", "Severity", "Status", "Owner", "Workload", "Workload ID", "Subscription", "Tenant",
            "Control", "Title", "Domain", "Remediation", "Evidence"]
    texts, cells = table("Findings", cols)
    findings = a.findall("finding")
    if len(texts) != len(findings):
        fail(f"{path}: Findings: {len(texts)} rows, assessment.xml has {len(findings)} findings")
    for t, cl, x in zip(texts, cells, findings):
        where = f"{path}: Findings, {x.get('id')}"
        w = workloads.get(x.get("workload"))
        c = by_id.get(x.get("control"))
        want = [x.get("id"), x.get("severity"), x.get("status"), x.get("owner") or "",
                w.get("name") if w is not None else "", x.get("workload") or "",
                (w.get("subscription") or "") if w is not None else "",
                (w.get("tenant") if w is not None else x.get("tenant")) or "", x.get("control") or "",
                x.findtext("title") if x.find("title") is not None else c.findtext("title")]
        if t[:10] != want:
            fail(f"{where}: row {t[:10]}, expected {want}")
        if x.get("owner"):
            owner_cell(f"{where}, owner", cl[3], x.get("owner"))
    print(f"{path}: {len(wb.names)} sheets, {len(findings)} findings: as assessment.xml says")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (3, 4) and sys.argv[1] == "dump":
        dump(sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 12)
    else:
        fail(__doc__)
