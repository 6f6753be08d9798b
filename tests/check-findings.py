#!/usr/bin/python3
"""Checks findings.json and junit.xml against the assessment.xml of the same run.

  check-findings.py json FINDINGS.json ASSESSMENT.xml SCHEMA.json [W3C.xml]
      findings.json is valid against its JSON Schema (docs/findings.schema.json), and says what
      assessment.xml says: the same findings in the same order (id, status, severity, owner,
      workload, tenant, control, evidence), one check per check element in document order, the
      baseline's counts, each finding's drift.  With W3C.xml (the template's result as xsltproc
      makes it over the whole assessment.xml, in the XML representation of JSON), that document,
      read as XPath 3.1's xml-to-json reads it, is the same JSON value as findings.json.
  check-findings.py junit JUNIT.xml ASSESSMENT.xml
      every check is one testcase and every finding outside the checks one more; the outcome of
      each follows docs/junit.md; the counts of every testsuite and of testsuites add up.

Run with Debian's python3 (its python3-jsonschema module).  Prints the first problem found and
exits 1, or exits 0.
"""
import json
import sys
import xml.etree.ElementTree as ET

import jsonschema

J = "{http://www.w3.org/2005/xpath-functions}"


def fail(msg):
    print(msg)
    sys.exit(1)


def checks_of(a):
    """The check elements in document order, with the element that holds each."""
    out = []
    for holder in a:
        if holder.tag in ("workload", "organisation"):
            out += [(holder, c) for c in holder.findall("check")]
    return out


def words(s):
    return s.split() if s else []


def xml_to_json(e):
    """The JSON value an element of the XML representation of JSON stands for."""
    tag = e.tag[len(J):] if e.tag.startswith(J) else fail(f"element {e.tag} outside the vocabulary")
    text = (e.text or "").strip()
    if tag == "map":
        return {c.get("key"): xml_to_json(c) for c in e}
    if tag == "array":
        return [xml_to_json(c) for c in e]
    if tag == "string":
        return e.text or ""
    if tag == "number":
        return json.loads(text)
    if tag == "boolean":
        return text in ("true", "1")
    if tag == "null":
        return None
    fail(f"unknown element {tag}")


def cited(control):
    """A control's refs as findings.json groups them: {framework: [id, ...]} in document order."""
    out = {}
    for r in control.findall("ref") if control is not None else []:
        out.setdefault(r.get("framework"), []).append(r.get("id"))
    return out


def check_json(path, assessment, schema_path, w3c=None):
    doc = json.load(open(path, encoding="utf-8"))
    schema = json.load(open(schema_path, encoding="utf-8"))
    try:
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as e:
        fail(f"{path}: not valid against {schema_path}: {e.message} at {list(e.absolute_path)}")
    a = ET.parse(assessment).getroot()
    findings = a.findall("finding")
    if len(doc["findings"]) != len(findings):
        fail(f"{len(doc['findings'])} findings, assessment.xml has {len(findings)}")
    workloads = {w.get("id"): w for w in a.findall("workload")}
    controls = {c.get("id"): c for c in a.findall("control")}
    for f, x in zip(doc["findings"], findings):
        for key, attr in (("id", "id"), ("status", "status"), ("severity", "severity"),
                          ("owner", "owner"), ("workload", "workload"), ("control", "control")):
            if f[key] != x.get(attr):
                fail(f"finding {x.get('id')}: {key} {f[key]!r}, assessment.xml {x.get(attr)!r}")
        tenant = x.get("tenant") or (workloads[x.get("workload")].get("tenant")
                                     if x.get("workload") else None)
        if f["tenant"] != tenant:
            fail(f"finding {x.get('id')}: tenant {f['tenant']!r}, expected {tenant!r}")
        if f["evidence"] != words(x.get("evidence")):
            fail(f"finding {x.get('id')}: evidence {f['evidence']}")
        c = controls.get(x.get("control"))
        if f["citations"] != cited(c):
            fail(f"finding {x.get('id')}: citations differ from its control's refs")
        if f["domain"] != (c.get("domain") if c is not None else None):
            fail(f"finding {x.get('id')}: domain {f['domain']!r}")
        title = x.findtext("title") or (c.findtext("title") if c is not None else None)
        if f["title"] != title:
            fail(f"finding {x.get('id')}: title {f['title']!r}, expected {title!r}")
    checks = checks_of(a)
    if len(doc["checks"]) != len(checks):
        fail(f"{len(doc['checks'])} checks, assessment.xml has {len(checks)}")
    for k, (holder, x) in zip(doc["checks"], checks):
        what = f"check {x.get('control')} of {holder.get('id') or holder.get('tenant')}"
        if (k["control"], k["status"], k["owner"]) != (x.get("control"), x.get("status"), x.get("owner")):
            fail(f"{what}: {k['control']} {k['status']} {k['owner']}")
        workload = holder.get("id") if holder.tag == "workload" else None
        if k["scope"] != holder.tag or k["workload"] != workload:
            fail(f"{what}: scope {k['scope']} workload {k['workload']}")
        if k["evidence"] != words(x.get("evidence")) or k["attestations"] != words(x.get("attestations")):
            fail(f"{what}: evidence {k['evidence']} attestations {k['attestations']}")
        c = controls[x.get("control")]
        if k["severity"] != c.get("severity") or k["domain"] != c.get("domain"):
            fail(f"{what}: severity {k['severity']}, domain {k['domain']}")
        if k["tenant"] != holder.get("tenant"):
            fail(f"{what}: tenant {k['tenant']}")
    if [c["id"] for c in doc["controls"]] != list(controls):
        fail("controls differ from assessment.xml's, or their order")
    for c in doc["controls"]:
        x = controls[c["id"]]
        if (c["title"], c["severity"], c["remediation"], c["citations"]) != (
                x.findtext("title"), x.get("severity"), x.findtext("remediation"), cited(x)):
            fail(f"control {c['id']}: title, severity, remediation or citations differ")
    if [(w["id"], w["name"], w["type"], w["findings"]) for w in doc["workloads"]] != [
            (w.get("id"), w.get("name"), w.get("type"), int(w.get("findings"))) for w in workloads.values()]:
        fail("workloads differ from assessment.xml's")
    s = a.find("summary")
    if doc["summary"]["checks"] != int(s.get("checks")) or doc["summary"]["findings"] != int(s.get("findings")):
        fail("summary counts differ from assessment.xml")
    drift = a.find("drift")
    if drift is None:
        if doc["baseline"] is not None or any(f["drift"] is not None for f in doc["findings"]) or doc["resolved"]:
            fail("no baseline, but baseline, drift or resolved given")
    else:
        b = doc["baseline"]
        if (b["new"], b["resolved"], b["changed"]) != tuple(int(drift.get(n)) for n in ("new", "resolved", "changed")):
            fail("baseline counts differ from the drift element")
        changes = [f["drift"]["change"] for f in doc["findings"]]
        if changes.count("new") != int(drift.get("new")) or changes.count("changed") != int(drift.get("changed")):
            fail(f"drift: {changes.count('new')} new and {changes.count('changed')} changed findings, "
                 f"the drift element says {drift.get('new')} and {drift.get('changed')}")
        if len(doc["resolved"]) != int(drift.get("resolved")):
            fail("resolved list differs from the drift element")
    if w3c:
        if xml_to_json(ET.parse(w3c).getroot()) != doc:
            fail(f"{path} is not the JSON value {w3c} describes")


def outcome(tc):
    kinds = [c.tag for c in tc if c.tag in ("failure", "error", "skipped")]
    if len(kinds) > 1:
        fail(f"testcase {tc.get('classname')} {tc.get('name')}: more than one outcome")
    return kinds[0] if kinds else "passed"


def check_junit(path, assessment):
    a = ET.parse(assessment).getroot()
    j = ET.parse(path).getroot()
    if j.tag != "testsuites":
        fail("root is not testsuites")
    expected = {"satisfied": "passed", "failed": "failure", "missing": "error", "stale": "error",
                "inherited": "skipped", "not-applicable": "skipped"}
    controls = {c.get("id"): c for c in a.findall("control")}
    domains = {d.get("id") for d in a.findall("domain")}
    want = {}
    for holder, c in checks_of(a):
        name = holder.get("id") if holder.tag == "workload" else (
            f"organisation {holder.get('tenant')}" if holder.get("tenant") else "organisation (no tenant)")
        domain = controls[c.get("control")].get("domain")
        key = (f"srmap.{domain if domain in domains else 'other'}.{c.get('control')}", name)
        if key in want:
            fail(f"two checks of {key}")
        want[key] = expected[c.get("status")]
    other = [f for f in a.findall("finding")
             if f.get("status") in ("unclassified", "artifact-missing", "artifact-mismatch", "no-baa")]
    total = {"tests": 0, "failures": 0, "errors": 0}
    seen = 0
    for suite in j.findall("testsuite"):
        cases = suite.findall("testcase")
        counts = {"failure": 0, "error": 0, "skipped": 0, "passed": 0}
        for tc in cases:
            o = outcome(tc)
            counts[o] += 1
            if suite.get("id") == "findings":
                continue
            key = (tc.get("classname"), tc.get("name"))
            if key not in want:
                fail(f"testcase {key} is no check of assessment.xml")
            if want.pop(key) != o:
                fail(f"testcase {key}: {o}, the rule says otherwise")
            seen += 1
        for attr, n in (("tests", len(cases)), ("failures", counts["failure"]),
                        ("errors", counts["error"]), ("skipped", counts["skipped"])):
            if int(suite.get(attr)) != n:
                fail(f"testsuite {suite.get('name')}: {attr}={suite.get(attr)}, it holds {n}")
        if suite.get("id") == "findings":
            if len(cases) != len(other):
                fail(f"{len(cases)} testcases for findings outside the checks, assessment.xml has {len(other)}")
            for tc, f in zip(cases, other):
                o = outcome(tc)
                if o != ("error" if f.get("status") == "unclassified" else "failure"):
                    fail(f"finding {f.get('id')} ({f.get('status')}): {o}")
        total["tests"] += len(cases)
        total["failures"] += counts["failure"]
        total["errors"] += counts["error"]
    if want:
        fail(f"{len(want)} checks have no testcase, for example {next(iter(want))}")
    if other and j.find("testsuite[@id='findings']") is None:
        fail("findings outside the checks have no testsuite")
    for attr, n in total.items():
        if int(j.get(attr)) != n:
            fail(f"testsuites {attr}={j.get(attr)}, the suites hold {n}")


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "json":
        check_json(*sys.argv[2:6])
    elif len(sys.argv) == 4 and sys.argv[1] == "junit":
        check_junit(sys.argv[2], sys.argv[3])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main()
