#!/usr/bin/env python3
"""Checks of the template-made deliverables that their schemas cannot express.

usage:
  check-xml-outputs.py oscal ASSESSMENT-RESULTS.XML ASSESSMENT.XML
      every uuid is a version 5 UUID and unique; every uuid reference resolves; one observation
      per evidence record, one inventory item per workload, every reviewed control is a FedRAMP
      requirement with a control-ref (or a NIST citation of the catalog), one risk per control
      with failed or missing checks.
  check-xml-outputs.py csv CRM.CSV CRM.XML
      UTF-8 with a byte order mark, RFC 4180 (header, 13 fields a record, CRLF after every record,
      minimal quoting with doubled quotes: the file is byte-identical to Python's csv.writer output
      for the rows it parses to), and the rows are the layers, controls and NIST controls of
      crm.xml in the same order with the same responsibilities.
  check-xml-outputs.py names FILE NAME...
      every NAME appears intact in FILE: as a whole field of a CSV file, or as the text or an
      attribute value of an element of an XML or HTML file.
Prints nothing and exits 0 when everything holds; prints the problems and exits 1 otherwise.
"""
import csv
import html.parser
import io
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

O = "{http://csrc.nist.gov/ns/oscal/1.0}"
UUID5 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
HEADER = ["kind", "id", "title", "layer", "severity", "iaas", "paas", "saas", "onprem",
          "applies-to", "requirement", "customer-action", "references"]
problems = []


def problem(msg):
    problems.append(msg)


def check_oscal(path, canonical_path):
    doc = ET.parse(path).getroot()
    canon = ET.parse(canonical_path).getroot()
    defined = {}
    for el in doc.iter():
        u = el.get("uuid")
        if u is None:
            continue
        if not UUID5.match(u):
            problem("%s: uuid %s of %s is not a lower-case version 5 UUID" % (path, u, el.tag))
        if u in defined:
            problem("%s: uuid %s defined twice" % (path, u))
        defined[u] = el.tag.replace(O, "")
    refs = [("subject", "subject-uuid"), ("related-observation", "observation-uuid"),
            ("associated-risk", "risk-uuid"), ("actor", "actor-uuid"),
            ("uses-component", "component-uuid")]
    for tag, attr in refs:
        for el in doc.iter(O + tag):
            if el.get(attr) not in defined:
                problem("%s: %s/@%s %s resolves to nothing" % (path, tag, attr, el.get(attr)))
    for el in doc.iter(O + "party-uuid"):
        if defined.get(el.text) != "party":
            problem("%s: party-uuid %s is not a party" % (path, el.text))
    href = doc.find(O + "import-ap").get("href")
    if not href.startswith("#") or defined.get(href[1:]) != "resource":
        problem("%s: import-ap/@href %s is not a back-matter resource" % (path, href))
    roles = {r.get("id") for r in doc.iter(O + "role")}
    for rp in doc.iter(O + "responsible-party"):
        if rp.get("role-id") not in roles:
            problem("%s: responsible-party role %s is not defined" % (path, rp.get("role-id")))

    result = doc.find(O + "result")
    evidence = canon.findall("evidence")
    observations = result.findall(O + "observation")
    if len(observations) != len(evidence):
        problem("%s: %d observations for %d evidence records" % (path, len(observations), len(evidence)))
    for obs, ev in zip(observations, evidence):
        props = {p.get("name"): p.get("value") for p in obs.findall(O + "prop")}
        if props.get("evidence-id") != ev.get("id").strip():
            problem("%s: observation %s is not evidence %s" % (path, obs.get("uuid"), ev.get("id")))
        # An undated record is collected "at the as-of time" and its remarks say so.
        undated = ev.get("collected-at") == "unknown"
        want = canon.get("as-of") if undated else ev.get("collected-at")
        if obs.findtext(O + "collected") != want:
            problem("%s: observation of %s: collected differs" % (path, ev.get("id")))
        remarks = "".join(obs.find(O + "remarks").itertext()) if obs.find(O + "remarks") is not None else ""
        if undated and "unknown" not in remarks:
            problem("%s: observation of %s: undated, and its remarks do not say so" % (path, ev.get("id")))
        re_ = obs.find(O + "relevant-evidence")
        if (re_ is not None) != (ev.get("artifact") is not None):
            problem("%s: observation of %s: relevant-evidence without artifact or the reverse"
                    % (path, ev.get("id")))
        if re_ is not None:
            if urllib.parse.unquote(re_.get("href")) != ev.get("artifact"):
                problem("%s: relevant-evidence href %s is not artifact %s"
                        % (path, re_.get("href"), ev.get("artifact")))
            sha = [p.get("value") for p in re_.findall(O + "prop") if p.get("name") == "sha256"]
            if sha != ([ev.get("sha256")] if ev.get("sha256") else []):
                problem("%s: relevant-evidence of %s: sha256 %s" % (path, ev.get("id"), sha))
        decided = [c for w in canon.findall("workload") for c in w.findall("check")
                   if c.get("evidence") == ev.get("id")]
        decided_org = [c for o in canon.findall("organisation") for c in o.findall("check")
                       if c.get("evidence") == ev.get("id")]
        # A record consulted for an organisation check without deciding one names its own
        # workload; an organisation has no inventory item, so its checks name no subject.
        want_subjects = len(decided)
        if not decided and not decided_org and ev.get("scope") == "workload":
            want_subjects = 1
        if ev.get("used") == "true" and len(obs.findall(O + "subject")) != want_subjects:
            problem("%s: observation of %s names %d subjects, not %d"
                    % (path, ev.get("id"), len(obs.findall(O + "subject")), want_subjects))

    items = result.findall(O + "local-definitions/" + O + "inventory-item")
    if len(items) != len(canon.findall("workload")):
        problem("%s: %d inventory items for %d workloads" % (path, len(items), len(canon.findall("workload"))))

    fedramp = canon.find("framework[@id='fedramp']")
    if fedramp is not None:
        want = [r.get("id") for r in fedramp.findall("requirement") if r.find("control-ref") is not None]
    else:
        want = []
        for c in canon.findall("control"):
            for r in c.findall("ref[@framework='nist-800-53']"):
                if r.get("id") not in want:
                    want.append(r.get("id"))
    oscal_ids = [i.lower().replace("(", ".").replace(")", "") for i in want]
    got = [i.get("control-id") for i in result.iter(O + "include-control")]
    if got != oscal_ids:
        problem("%s: reviewed controls %s, expected %s" % (path, got[:5], oscal_ids[:5]))
    for f in result.findall(O + "finding"):
        t = f.find(O + "target")
        if t.get("type") != "statement-id" or t.get("target-id")[:-4] not in oscal_ids:
            problem("%s: finding target %s is not a reviewed control's statement" % (path, t.get("target-id")))
        state = t.find(O + "status").get("state")
        status = [p.get("value") for p in f.findall(O + "prop") if p.get("name") == "requirement-status"][0]
        if state != ("satisfied" if status in ("met", "inherited", "not-applicable") else "not-satisfied"):
            problem("%s: finding %s: state %s for requirement status %s" % (path, t.get("target-id"), state, status))
    bad = [c.get("id") for c in canon.findall("control") if int(c.get("failed")) + int(c.get("missing")) > 0]
    risks = [[p.get("value") for p in r.findall(O + "prop") if p.get("name") == "control"][0]
             for r in result.findall(O + "risk")]
    if sorted(risks) != sorted(bad):
        problem("%s: risks for %s, expected %s" % (path, risks, bad))


def check_csv(path, crm_path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problem("%s: no UTF-8 byte order mark" % path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problem("%s: not UTF-8: %s" % (path, e))
        return
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as e:
        problem("%s: not valid CSV: %s" % (path, e))
        return
    if not rows or rows[0] != HEADER:
        problem("%s: header is %s" % (path, rows[:1]))
    for n, r in enumerate(rows, 1):
        if len(r) != len(HEADER):
            problem("%s: record %d has %d fields" % (path, n, len(r)))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    if out.getvalue() != text:
        a, b = out.getvalue(), text
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        problem("%s: not minimal RFC 4180 with CRLF near character %d: %r" % (path, i, b[max(0, i - 40):i + 40]))
    crm = ET.parse(crm_path).getroot()
    expect = []
    for el in crm:
        kind = {"layer": "layer", "control": "control", "nist-control": "nist-800-53"}[el.tag]
        resp = {m.get("id"): m.get("responsibility") for m in el.findall("model")}
        expect.append([kind, el.get("id"), el.get("title") if kind == "layer" else el.findtext("title", "")]
                      + [resp[m] for m in ("iaas", "paas", "saas", "onprem")])
    got = [r[:3] + r[5:9] for r in rows[1:]]
    if got != expect:
        diff = next((k for k in range(min(len(got), len(expect))) if got[k] != expect[k]), None)
        problem("%s: rows differ from %s (%d rows, %d expected; first difference %s / %s)"
                % (path, crm_path, len(got), len(expect),
                   got[diff] if diff is not None else "-", expect[diff] if diff is not None else "-"))
    for r in rows[1:]:
        if r[0] == "control":
            c = crm.find("control[@id='%s']" % r[1]) if "'" not in r[1] else None
            if c is not None and (r[10] != c.findtext("requirement") or r[11] != c.findtext("customer-action")):
                problem("%s: control %s: requirement or customer action differs from crm.xml" % (path, r[1]))
        if r[0] == "nist-800-53":
            n = crm.find("nist-control[@id='%s']" % r[1])
            refs = [c.get("id") for c in n.findall("control-ref")]
            if r[12] != "; ".join(refs):
                problem("%s: NIST %s: references %r, expected %r" % (path, r[1], r[12], refs))
            lines = r[11].split("\n")
            if len(lines) != len(refs) or any(not l.startswith(c + ": ") for l, c in zip(lines, refs)):
                problem("%s: NIST %s: customer action is not one line per citing control" % (path, r[1]))


def check_names(path, names):
    if path.endswith(".csv"):
        raw = open(path, "rb").read().decode("utf-8-sig")
        found = {f for r in csv.reader(io.StringIO(raw, newline="")) for f in r}
    elif path.endswith(".html"):
        found = set()

        class Collect(html.parser.HTMLParser):
            def handle_starttag(self, tag, attrs):
                found.update(v for _, v in attrs if v)

            def handle_data(self, data):
                found.add(data)
        Collect(convert_charrefs=True).feed(open(path, encoding="utf-8").read())
    else:
        found = set()
        for el in ET.parse(path).getroot().iter():
            found.update(el.attrib.values())
            if el.text:
                found.add(el.text)
    for name in names:
        if name not in found:
            problem("%s: %r does not appear intact (as a whole field, text or attribute)" % (path, name))


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "oscal":
        check_oscal(*args)
    elif mode == "csv":
        check_csv(*args)
    elif mode == "names":
        check_names(args[0], args[1:])
    else:
        sys.exit(__doc__)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
