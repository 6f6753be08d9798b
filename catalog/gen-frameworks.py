#!/usr/bin/env python3
"""Generate catalog/frameworks.json from the official id lists.

Usage: gen-frameworks.py REFDATA_DIR [CONTROLS_JSON ...] > catalog/frameworks.json

REFDATA_DIR holds:
  hipaa-security-rule.txt        45 CFR 164 Subpart C citations, titles, kinds
  soc2-tsc.txt                   AICPA 2017 TSC criterion ids with short labels
  fedramp-rev5-{low,moderate,high}.txt   FedRAMP Rev 5 baseline ids (OSCAL form)
  nist-800-53-rev5-catalog.json  NIST SP 800-53 Rev 5 catalog (OSCAL JSON)

The NIST requirement list is every control and enhancement of the FedRAMP
baselines plus every NIST id cited by the controls files (default: the
controls-*.json next to this script), in NIST catalog order. Output is JSON with
a 2-space indent; the same inputs give the same bytes.
"""

import glob
import json
import os
import re
import sys

HIPAA_KINDS = ("standard", "required", "addressable")

# Rows whose kind column is missing or unusual in the source text, decided
# from the regulation. 164.308(b)(1) carries no "Standard:" label in the 2013
# text but is a standard in HHS's Security Rule matrix (Appendix A to Subpart C).
HIPAA_KIND_OVERRIDES = {
    "164.308(b)(1)": "standard",
}


def fail(msg):
    sys.stderr.write("gen-frameworks: %s\n" % msg)
    sys.exit(1)


def read_list(path):
    """Return (header, rows) of a refdata text file: '#' header, one row a line."""
    header = ""
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("#"):
                    if not header:
                        header = line.lstrip("#").strip()
                    continue
                if line.strip():
                    rows.append(line)
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))
    return header, rows


def commit_of(header):
    m = re.search(r"@ ([0-9a-f]{40})", header)
    return m.group(1) if m else None


def oscal_to_display(oid):
    """ac-2.1 -> AC-2(1); sc-7 -> SC-7."""
    m = re.fullmatch(r"([a-z]{2})-(\d+)(?:\.(\d+))?", oid)
    if not m:
        fail("not an OSCAL control id: %r" % oid)
    s = "%s-%s" % (m.group(1).upper(), m.group(2))
    if m.group(3):
        s += "(%s)" % m.group(3)
    return s


def display_to_oscal(did):
    m = re.fullmatch(r"([A-Z]{2})-(\d+)(?:\((\d+)\))?", did)
    if not m:
        return None
    s = "%s-%s" % (m.group(1).lower(), m.group(2))
    if m.group(3):
        s += ".%s" % m.group(3)
    return s


def hipaa(refdir):
    header, rows = read_list(os.path.join(refdir, "hipaa-security-rule.txt"))
    reqs = []
    notes = []
    for row in rows:
        cols = row.split("\t")
        if len(cols) < 2:
            fail("hipaa-security-rule.txt: bad row %r" % row)
        cid, title = cols[0].strip(), cols[1].strip()
        kind = cols[2].strip().lower() if len(cols) > 2 else ""
        if cid in HIPAA_KIND_OVERRIDES:
            decided = HIPAA_KIND_OVERRIDES[cid]
            if kind != decided:
                notes.append("%s kind set to %s from the regulation (source column: %r)"
                             % (cid, decided, kind))
            kind = decided
        if kind not in HIPAA_KINDS:
            fail("hipaa-security-rule.txt: %s has kind %r; add it to HIPAA_KIND_OVERRIDES"
                 % (cid, kind))
        reqs.append({"id": cid, "title": title, "kind": kind})
    source = ("HIPAA Security Rule, 45 CFR Part 164 Subpart C (164.308-164.316), as amended "
              "78 FR 5694 (Jan. 25, 2013); citations, titles and Standard/Required/Addressable "
              "parsed from the regulation text. 164.308(b)(1) has no \"Standard:\" label in the "
              "2013 text and is listed as a standard per the HHS Security Rule matrix; "
              "164.314(b)(2) (untitled required provisions for group health plan documents) "
              "is one row.")
    if notes:
        source += " " + "; ".join(notes) + "."
    return {"id": "hipaa", "title": "HIPAA Security Rule (45 CFR 164 Subpart C)",
            "source": source, "requirements": reqs}


def soc2(refdir):
    header, rows = read_list(os.path.join(refdir, "soc2-tsc.txt"))
    reqs = []
    for row in rows:
        cols = row.split("\t")
        if len(cols) < 2:
            fail("soc2-tsc.txt: bad row %r" % row)
        reqs.append({"id": cols[0].strip(), "title": cols[1].strip()})
    c = commit_of(header)
    source = ("AICPA 2017 Trust Services Criteria (SOC 2): criterion ids with opencontrol's "
              "short labels (github.com/opencontrol/standards tsc-2017.yaml%s, Unlicense); the "
              "labels are not AICPA's criterion text." % (" @ " + c if c else ""))
    return {"id": "soc2", "title": "SOC 2 (AICPA 2017 Trust Services Criteria)",
            "source": source, "requirements": reqs}


def baselines(refdir):
    out = {}
    headers = {}
    for level in ("low", "moderate", "high"):
        header, rows = read_list(os.path.join(refdir, "fedramp-rev5-%s.txt" % level))
        out[level] = [oscal_to_display(r.strip()) for r in rows]
        headers[level] = header
    return out, headers


def nist_index(refdir):
    path = os.path.join(refdir, "nist-800-53-rev5-catalog.json")
    try:
        with open(path, encoding="utf-8") as f:
            cat = json.load(f)["catalog"]
    except (OSError, ValueError, KeyError) as e:
        fail("cannot read NIST catalog %s: %s" % (path, e))
    order = []
    info = {}

    def walk(controls, parent_title):
        for c in controls:
            props = {p["name"]: p["value"] for p in c.get("props", [])}
            title = c["title"]
            full = "%s | %s" % (parent_title, title) if parent_title else title
            info[c["id"]] = {"title": full, "label": props.get("label"),
                             "withdrawn": props.get("status") == "withdrawn"}
            order.append(c["id"])
            walk(c.get("controls", []), title)

    for g in cat["groups"]:
        walk(g.get("controls", []), None)
    version = cat.get("metadata", {}).get("version", "")
    return order, info, version


def cited_nist(paths):
    ids = []
    for p in paths:
        if not os.path.exists(p):
            continue
        try:
            with open(p, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            fail("cannot read %s: %s" % (p, e))
        for c in doc.get("controls", []):
            ids.extend(c.get("refs", {}).get("nist", []))
    return ids


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: gen-frameworks.py REFDATA_DIR [CONTROLS_JSON ...]\n")
        return 2
    refdir = argv[1]
    controls_files = argv[2:] or sorted(
        glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "controls-*.json")))

    base, headers = baselines(refdir)
    order, info, version = nist_index(refdir)

    wanted = set()
    for level in ("low", "moderate", "high"):
        for did in base[level]:
            oid = display_to_oscal(did)
            if oid not in info:
                fail("FedRAMP %s id %s is not in the NIST catalog" % (level, did))
            wanted.add(oid)
    for did in cited_nist(controls_files):
        oid = display_to_oscal(did)
        if oid is None or oid not in info:
            fail("cited NIST id %r is not in the NIST catalog" % did)
        if info[oid]["withdrawn"]:
            fail("cited NIST id %s is withdrawn in Rev 5" % did)
        wanted.add(oid)

    reqs = []
    for oid in order:
        if oid in wanted:
            did = oscal_to_display(oid)
            if info[oid]["label"] and info[oid]["label"] != did:
                fail("label mismatch for %s: %s" % (oid, info[oid]["label"]))
            reqs.append({"id": did, "title": info[oid]["title"]})

    fed_commit = commit_of(headers["high"])
    nist = {
        "id": "nist-800-53",
        "title": "NIST SP 800-53 Rev 5 (FedRAMP Rev 5 baselines)",
        "source": ("NIST SP 800-53 Rev 5 catalog %s (OSCAL JSON, public domain) for control and "
                   "enhancement titles; enhancements are titled \"Control | Enhancement\". Listed: "
                   "every control and enhancement of the FedRAMP Rev 5 High baseline (which "
                   "contains Low and Moderate) plus the ids the srmap controls cite." % version),
        "requirements": reqs,
    }

    doc = {
        "srmap_catalog": 1,
        "source": ("HIPAA: 45 CFR 164 Subpart C (Security Rule, as amended 2013), from the "
                   "regulation text. SOC 2: AICPA 2017 TSC criterion ids with opencontrol's "
                   "labels (opencontrol/standards tsc-2017.yaml). NIST: NIST SP 800-53 Rev 5 "
                   "catalog %s (OSCAL). FedRAMP baselines: GSA/fedramp-automation Rev 5 "
                   "Low/Moderate/High baseline profiles%s. Generated by catalog/gen-frameworks.py."
                   % (version, " @ " + fed_commit if fed_commit else "")),
        "frameworks": [hipaa(refdir), soc2(refdir), nist],
        "fedramp_baselines": base,
    }
    sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
