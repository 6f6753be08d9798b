#!/usr/bin/python3
"""Checks a report.html against the assessment.xml of the same run (docs/html.md).

    check-html.py report.html assessment.xml

The page must parse with every element closed in order, and hold:
  - html with a lang (the profile's language, else en), a title, exactly one h1, headings that
    never skip a level on the way down, ids that are unique;
  - a th in every table, and a scope on every th;
  - nothing loaded from anywhere: no src, link, img, iframe, object or embed, no url() or
    @import in the style sheet, no http:// or https:// in any attribute, style or script, and
    every href an anchor of the page that exists;
  - the findings filters hidden until the script shows them;
  - the counts of the assessment: one row per finding of the findings table, in order, with the
    finding's severity, status and owner and only frameworks in scope; the score of each
    framework in scope and no other; the severity tiles; one row per evidence record, per
    matrix row and per entry of each drift list (up to the template's 200).
Prints the first problem and exits 1, or exits 0.  Only the standard library.
"""
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements that load or embed something from an address.
LOADING = {"img", "iframe", "object", "embed", "link", "audio", "video", "source", "frame"}
DRIFT_MAX = 200


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, attrs)
        self.problems = []
        self.ids = {}
        self.hrefs = []
        self.headings = []       # level, text
        self.lang = None
        self.title = ""
        self.tables = []         # one dict per table: id, classes, has_th
        self.findings_rows = []  # attrs of the rows of #findings-table's tbody
        self.evidence_rows = 0
        self.matrix_rows = 0
        self.drift_rows = {}
        self.scores = {}
        self.tiles = {}
        self.sections = []
        self.filters_hidden = None
        self.raw_text = []       # style and script text
        self._text_target = None
        self._heading = None
        self._score = None

    def problem(self, msg):
        self.problems.append(f"line {self.getpos()[0]}: {msg}")

    def inside(self, pred):
        return any(pred(t, a) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if v and re.search(r"https?://", v, re.I):
                self.problem(f"<{tag} {k}> names an address: {v}")
        if "src" in a:
            self.problem(f"<{tag}> loads src={a['src']!r}")
        if tag in LOADING:
            self.problem(f"<{tag}> is not allowed in a self-contained page")
        if "id" in a:
            if a["id"] in self.ids:
                self.problem(f"id {a['id']!r} given twice")
            self.ids[a["id"]] = tag
        if "href" in a:
            if not a["href"].startswith("#"):
                self.problem(f"href {a['href']!r} leaves the page")
            self.hrefs.append((self.getpos()[0], a["href"]))
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        if tag == "table":
            self.tables.append({"id": a.get("id"), "cls": a.get("class", "").split(),
                                "th": 0, "data-drift": a.get("data-drift")})
        if tag == "th":
            if not self.tables:
                self.problem("th outside a table")
            else:
                self.tables[-1]["th"] += 1
            if a.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                self.problem("th without a scope")
        if tag == "tr" and self.tables and self.inside(lambda t, _: t == "tbody"):
            t = self.tables[-1]
            if t["id"] == "findings-table":
                self.findings_rows.append(a)
            elif t["id"] == "evidence-table":
                self.evidence_rows += 1
            elif "matrix" in t["cls"]:
                self.matrix_rows += 1
            elif t["data-drift"]:
                self.drift_rows[t["data-drift"]] = self.drift_rows.get(t["data-drift"], 0) + 1
        if tag == "td" and "data-score" in a:
            self._score = [a["data-score"], ""]
        if tag == "li" and "data-severity" in a:
            self.tiles[a["data-severity"]] = a.get("data-count")
        if tag == "section" and a.get("id", "").startswith("fw-"):
            self.sections.append(a["id"])
        if tag == "form" and a.get("id") == "findings-filters":
            self.filters_hidden = "hidden" in a
        if tag in ("style", "script"):
            self._text_target = tag
        if tag == "title":
            self._text_target = "title"
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problem(f"</{tag}> closes <{self.stack[-1][0] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        if tag == "td" and self._score:
            self.scores[self._score[0]] = self._score[1].strip()
            self._score = None
        if tag in ("style", "script", "title"):
            self._text_target = None

    def handle_data(self, data):
        if self._text_target in ("style", "script"):
            self.raw_text.append((self._text_target, data))
        elif self._text_target == "title":
            self.title += data
        if self._heading is not None:
            self._heading[1] += data
        if self._score is not None:
            self._score[1] += data


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: check-html.py report.html assessment.xml")
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    a = ET.parse(sys.argv[2]).getroot()
    if not text.startswith("<!DOCTYPE html>"):
        fail("the page does not start with the HTML5 doctype")
    p = Page()
    p.feed(text)
    p.close()
    if p.stack:
        p.problems.append(f"<{p.stack[-1][0]}> is never closed")
    if p.problems:
        fail(p.problems[0])

    prof = a.find("profile")
    want_lang = prof.get("language") or "en"
    if p.lang != want_lang:
        fail(f"html lang is {p.lang!r}, the profile's language is {want_lang!r}")
    if not p.title.strip():
        fail("no title")
    levels = [h[0] for h in p.headings]
    if levels.count(1) != 1 or levels[0] != 1:
        fail(f"the page needs exactly one h1, first: levels {levels[:5]}")
    for prev, cur in zip(p.headings, p.headings[1:]):
        if cur[0] > prev[0] + 1:
            fail(f"heading h{cur[0]} {cur[1]!r} follows h{prev[0]} {prev[1]!r}")
    for t in p.tables:
        if not t["th"]:
            fail(f"a table ({t['id'] or ' '.join(t['cls'])}) has no th")
    for line, href in p.hrefs:
        if href.startswith("#") and unquote(href[1:]) not in p.ids:
            fail(f"line {line}: href {href!r} names no id of the page")
    for kind, body in p.raw_text:
        if re.search(r"https?://|url\s*\(|@import", body, re.I):
            fail(f"the {kind} loads something: {re.search(r'https?://|url[(]|@import', body, re.I).group(0)}")

    findings = a.findall("finding")
    in_scope = [f.get("id") for f in a.findall("framework")]
    if findings:
        if p.filters_hidden is not True:
            fail("the findings filters are not hidden for a page read without its script")
        if len(p.findings_rows) != len(findings):
            fail(f"{len(p.findings_rows)} rows in the findings table, {len(findings)} findings")
        for row, f in zip(p.findings_rows, findings):
            for attr in ("id", "severity", "status", "owner"):
                got = row.get(attr if attr == "id" else "data-" + attr) or ""
                if got != (f.get(attr) or ""):
                    fail(f"finding {f.get('id')}: row has {attr} {got!r}, the assessment {f.get(attr)!r}")
            fws = (row.get("data-frameworks") or "").split()
            if any(x not in in_scope for x in fws):
                fail(f"finding {f.get('id')}: frameworks {fws} outside the scope {in_scope}")
    elif p.findings_rows:
        fail("a findings table without findings")

    want_scores = {"overall": a.find("summary").get("overall-score")}
    for fw in a.findall("framework"):
        want_scores[fw.get("id")] = fw.get("score")
    if set(p.scores) != set(want_scores):
        fail(f"scores for {sorted(p.scores)}, frameworks in scope {sorted(want_scores)}")
    for k, v in want_scores.items():
        shown = p.scores[k]
        if (v is None and shown != "n/a") or (v is not None and shown != f"{v} %"):
            fail(f"score {k}: shown {shown!r}, the assessment says {v!r}")
    if sorted(p.sections) != sorted("fw-" + x for x in in_scope):
        fail(f"framework sections {p.sections}, frameworks in scope {in_scope}")
    for sc in a.find("summary").findall("severity-count"):
        if p.tiles.get(sc.get("severity")) != sc.get("count"):
            fail(f"{sc.get('severity')} findings: tile says {p.tiles.get(sc.get('severity'))}, the assessment {sc.get('count')}")
    if p.evidence_rows != len(a.findall("evidence")):
        fail(f"{p.evidence_rows} rows in the evidence register, {len(a.findall('evidence'))} records")
    if p.matrix_rows != len(a.find("matrix").findall("row")):
        fail(f"{p.matrix_rows} rows in the matrix, {len(a.find('matrix').findall('row'))} layers")
    d = a.find("drift")
    if d is None:
        if "drift" in p.ids:
            fail("a drift section without a baseline")
    else:
        # each list shows its first DRIFT_MAX entries (added and removed workloads each)
        want = {"new": min(len(d.findall("new-finding")), DRIFT_MAX),
                "resolved": min(len(d.findall("resolved-finding")), DRIFT_MAX),
                "changed": min(len(d.findall("changed-finding")), DRIFT_MAX),
                "workloads": min(len(d.findall("workload-added")), DRIFT_MAX)
                + min(len(d.findall("workload-removed")), DRIFT_MAX)}
        for k, n in want.items():
            if p.drift_rows.get(k, 0) != n:
                fail(f"drift {k}: {p.drift_rows.get(k, 0)} rows, the assessment has {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
