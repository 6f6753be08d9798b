#!/usr/bin/env python3
"""Consistency checks for srmap's catalog data.

Usage: check-catalog.py CATALOG_DIR [REFDATA_DIR]

Loads every CATALOG_DIR/*.json catalog fragment and reports, one line per
problem, anything that would make a report cite something that does not
exist: unknown framework ids, resource types a control names but the type
table lacks, duplicates, missing controls, malformed entries. With
REFDATA_DIR (when it exists) frameworks.json is also compared with the
official id lists. Exit status 0 when clean, 1 on any problem, 2 on usage.
"""

import glob
import json
import os
import re
import sys

# The fixed control set: id -> layer.
CONTROLS = {
    "iam-mfa": "identity",
    "iam-conditional-access": "identity",
    "iam-pim": "identity",
    "iam-access-reviews": "identity",
    "iam-user-lifecycle": "identity",
    "iam-guest-access": "identity",
    "iam-managed-identities": "identity",
    "os-patch-management": "operating-system",
    "os-endpoint-protection": "operating-system",
    "net-nsg-default-deny": "network-controls",
    "net-jit-vm-access": "network-controls",
    "net-private-endpoints": "network-controls",
    "net-waf": "network-controls",
    "data-disk-encryption-cmk": "data",
    "data-sql-tde": "data",
    "cfg-sql-threat-protection": "configuration",
    "cfg-sql-auditing": "configuration",
    "app-key-vault-secrets": "application",
    "data-dlp": "data",
    "data-sensitivity-labels": "data",
    "saas-cloud-app-security": "configuration",
    "data-classification": "data",
    "data-encryption-in-transit": "data",
    "data-backup-recovery": "data",
    "ops-audit-logging": "configuration",
    "ops-siem-monitoring": "configuration",
    "ops-secure-score": "configuration",
    "ops-policy-enforcement": "configuration",
    "gov-hipaa-baa": "data",
    "dev-device-compliance": "client-devices",
    "prov-physical": "physical",
    "prov-network-fabric": "network-fabric",
    "prov-host": "host",
}

LAYERS = ["physical", "network-fabric", "host", "network-controls", "operating-system",
          "application", "configuration", "identity", "data", "client-devices"]
MODELS = ["iaas", "paas", "saas", "onprem"]
OWNERS = ["provider", "customer", "shared"]
SEVERITIES = ["critical", "high", "medium", "low"]
HIPAA_KINDS = ["standard", "required", "addressable"]
FRAMEWORK_OF_REF = {"hipaa": "hipaa", "soc2": "soc2", "nist": "nist-800-53", "mcsb": "mcsb"}
MIN_AZURE_TYPES = 40
MIN_CUSTOMER_CONTROLS = 100     # customer-side controls (every domain but "provider")
MIN_NIST_AGREEMENT = 90.0       # percent of the definitions Microsoft's NIST initiative groups

NIST_RE = re.compile(r"^[A-Z]{2}-\d+(\(\d+\))?$")
HIPAA_RE = re.compile(r"^164\.3\d\d(\([A-Za-z0-9]+\))+$")
SOC2_RE = re.compile(r"^(CC|A|C|PI|P)\d+\.\d+$")
MCSB_RE = re.compile(r"^(NS|IM|PA|DP|AM|LT|IR|PV|ES|BR|DS|GS)-\d+$")

problems = []


def problem(where, msg):
    problems.append("%s: %s" % (where, msg))


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        problem(path, "cannot read: %s" % e.strerror)
    except ValueError as e:
        problem(path, "not valid JSON: %s" % e)
    return None


def is_str(v):
    return isinstance(v, str) and v.strip() != ""


def check_control(where, c, type_index, domains):
    for key in ("id", "title", "domain", "layer", "severity", "description", "remediation",
                "rationale"):
        if not is_str(c.get(key)):
            problem(where, "missing or empty %r" % key)
    cid = c.get("id")
    if c.get("layer") not in LAYERS:
        problem(where, "unknown layer %r" % c.get("layer"))
    elif cid in CONTROLS and c["layer"] != CONTROLS[cid]:
        problem(where, "layer %r, expected %r" % (c["layer"], CONTROLS[cid]))
    if c.get("severity") not in SEVERITIES:
        problem(where, "unknown severity %r" % c.get("severity"))

    ap = c.get("applies_to")
    if not isinstance(ap, dict):
        problem(where, "missing applies_to")
        ap = {}
    sms = ap.get("service_models", [])
    rts = ap.get("resource_types", [])
    if not isinstance(sms, list) or not isinstance(rts, list):
        problem(where, "applies_to lists are not arrays")
        sms, rts = [], []
    for sm in sms:
        if sm not in MODELS:
            problem(where, "unknown service model %r" % sm)
    if len(set(sms)) != len(sms):
        problem(where, "duplicate service model")
    seen = set()
    for t in rts:
        if not is_str(t):
            problem(where, "bad resource type %r" % t)
            continue
        if t.lower() in seen:
            problem(where, "resource type %s listed twice" % t)
        seen.add(t.lower())
        known = type_index.get(t.lower())
        if known is None:
            problem(where, "resource type %s is not in resource-types.json" % t)
        elif known != t:
            problem(where, "resource type %s is spelled %s in resource-types.json" % (t, known))
    if not sms and not rts:
        problem(where, "applies to nothing")

    refs = c.get("refs")
    if not isinstance(refs, dict):
        problem(where, "missing refs")
        return
    for key in refs:
        if key not in FRAMEWORK_OF_REF:
            problem(where, "unknown refs key %r" % key)
    total = 0
    dom = domains.get(c.get("domain"))
    if c.get("domain") is not None and dom is None:
        problem(where, "unknown domain %r" % c.get("domain"))
    mcsb = refs.get("mcsb", [])
    if dom is not None and dom.get("mcsb"):
        if not mcsb:
            problem(where, "cites no MCSB control (its domain is MCSB %s)" % dom["mcsb"])
        elif isinstance(mcsb, list) and isinstance(mcsb[0], str) and \
                mcsb[0].split("-")[0] != dom["mcsb"]:
            problem(where, "first MCSB id %s is not of its domain %s (%s)"
                    % (mcsb[0], c.get("domain"), dom["mcsb"]))
        for key in ("hipaa", "soc2", "nist"):
            if not refs.get(key):
                problem(where, "cites no %s requirement" % key)
    for key, regex in (("hipaa", HIPAA_RE), ("soc2", SOC2_RE), ("nist", NIST_RE),
                       ("mcsb", MCSB_RE)):
        ids = refs.get(key, [])
        if not isinstance(ids, list):
            problem(where, "refs.%s is not an array" % key)
            continue
        total += len(ids)
        if len(set(ids)) != len(ids):
            problem(where, "refs.%s has duplicates" % key)
        for rid in ids:
            if not isinstance(rid, str) or not regex.match(rid):
                problem(where, "refs.%s: malformed id %r" % (key, rid))
    if total == 0:
        problem(where, "cites no framework requirement")


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: check-catalog.py CATALOG_DIR [REFDATA_DIR]\n")
        return 2
    catdir = argv[1]
    refdir = argv[2] if len(argv) > 2 else None
    if not os.path.isdir(catdir):
        sys.stderr.write("check-catalog: %s is not a directory\n" % catdir)
        return 2

    files = sorted(glob.glob(os.path.join(catdir, "*.json")))
    if not files:
        problem(catdir, "no catalog files")
    docs = []
    for path in files:
        doc = load_json(path)
        if doc is None:
            continue
        name = os.path.basename(path)
        if not isinstance(doc, dict) or doc.get("srmap_catalog") != 1:
            problem(name, "not a catalog fragment (\"srmap_catalog\": 1 missing)")
            continue
        docs.append((name, doc))

    # Resource types, case-insensitively unique across all fragments.
    type_index = {}
    types = []
    for name, doc in docs:
        for i, t in enumerate(doc.get("resource_types", [])):
            where = "%s: resource_types[%d]" % (name, i)
            if not isinstance(t, dict) or not is_str(t.get("type")):
                problem(where, "entry without a type")
                continue
            where = "%s: type %s" % (name, t["type"])
            if t["type"] != t["type"].strip():
                problem(where, "leading or trailing space")
            key = t["type"].lower()
            if key in type_index:
                problem(where, "duplicate type (case-insensitive) of %s" % type_index[key])
                continue
            type_index[key] = t["type"]
            types.append(t)
            if t.get("service_model") not in MODELS:
                problem(where, "unknown service_model %r" % t.get("service_model"))
            for key2 in ("title", "category"):
                if not is_str(t.get(key2)):
                    problem(where, "missing %r" % key2)
            if "/" in t["type"] and not re.match(r"^Microsoft\.[A-Za-z]+(/[A-Za-z]+)+$", t["type"]):
                problem(where, "does not look like an ARM resource type")
    azure = [t for t in types if "/" in t["type"]]
    if len(azure) < MIN_AZURE_TYPES:
        problem("resource types", "only %d Azure resource types, need at least %d"
                % (len(azure), MIN_AZURE_TYPES))

    # Frameworks.
    fw = {}
    baselines = None
    for name, doc in docs:
        for f in doc.get("frameworks", []):
            fid = f.get("id") if isinstance(f, dict) else None
            if not is_str(fid):
                problem(name, "framework without an id")
                continue
            if fid in fw:
                problem(name, "framework %s defined twice" % fid)
                continue
            reqs = {}
            for r in f.get("requirements", []):
                rid = r.get("id") if isinstance(r, dict) else None
                if not is_str(rid):
                    problem(name, "framework %s: requirement without an id" % fid)
                    continue
                if rid in reqs:
                    problem(name, "framework %s: requirement %s listed twice" % (fid, rid))
                if not is_str(r.get("title")):
                    problem(name, "framework %s: requirement %s has no title" % (fid, rid))
                if fid == "hipaa" and r.get("kind") not in HIPAA_KINDS:
                    problem(name, "hipaa %s: kind %r" % (rid, r.get("kind")))
                reqs[rid] = r
            fw[fid] = {"doc": name, "reqs": reqs, "order": [r.get("id") for r in f.get("requirements", [])]}
        if "fedramp_baselines" in doc:
            if baselines is not None:
                problem(name, "fedramp_baselines defined twice")
            baselines = doc["fedramp_baselines"]
    for fid in FRAMEWORK_OF_REF.values():
        if fid not in fw:
            problem("frameworks", "framework %s missing" % fid)
    if baselines is None:
        problem("frameworks", "fedramp_baselines missing")
        baselines = {}
    for level in ("low", "moderate", "high"):
        ids = baselines.get(level)
        if not isinstance(ids, list) or not ids:
            problem("fedramp_baselines", "%s missing or empty" % level)
            continue
        for rid in ids:
            if "nist-800-53" in fw and rid not in fw["nist-800-53"]["reqs"]:
                problem("fedramp_baselines", "%s id %s has no nist-800-53 requirement" % (level, rid))

    # Domains.
    domains = {}
    for name, doc in docs:
        for i, dm in enumerate(doc.get("domains", [])):
            did = dm.get("id") if isinstance(dm, dict) else None
            if not is_str(did) or not is_str(dm.get("title")):
                problem("%s: domains[%d]" % (name, i), "domain without an id and a title")
                continue
            if did in domains:
                problem(name, "domain %s defined twice" % did)
            domains[did] = dm
    mcsb_domains = {dm["mcsb"]: did for did, dm in domains.items() if dm.get("mcsb")}
    if "mcsb" in fw:
        prefixes = {rid.split("-")[0] for rid in fw["mcsb"]["reqs"]}
        for p in sorted(prefixes - set(mcsb_domains)):
            problem("domains", "no domain for the MCSB controls %s-*" % p)

    # Controls.
    seen = {}
    per_domain = {}
    for name, doc in docs:
        for i, c in enumerate(doc.get("controls", [])):
            if not isinstance(c, dict) or not is_str(c.get("id")):
                problem("%s: controls[%d]" % (name, i), "control without an id")
                continue
            where = "%s: control %s" % (name, c["id"])
            if c["id"] in seen:
                problem(where, "duplicate control id (also in %s)" % seen[c["id"]])
                continue
            seen[c["id"]] = name
            check_control(where, c, type_index, domains)
            per_domain.setdefault(c.get("domain"), []).append(c["id"])
            refs = c.get("refs") if isinstance(c.get("refs"), dict) else {}
            for key, fid in FRAMEWORK_OF_REF.items():
                if fid not in fw:
                    continue
                for rid in refs.get(key, []) if isinstance(refs.get(key, []), list) else []:
                    if rid not in fw[fid]["reqs"]:
                        problem(where, "cites %s %s, not in frameworks" % (fid, rid))
    for cid in CONTROLS:
        if cid not in seen:
            problem("controls", "control %s missing" % cid)
    customer = sum(len(v) for k, v in per_domain.items() if k != "provider")
    if customer < MIN_CUSTOMER_CONTROLS:
        problem("controls", "%d customer-side controls, need at least %d"
                % (customer, MIN_CUSTOMER_CONTROLS))
    for did in mcsb_domains.values():
        if not per_domain.get(did):
            problem("controls", "domain %s has no control" % did)

    # Responsibility matrix and layers, where present.
    rows = {}
    for name, doc in docs:
        for i, row in enumerate(doc.get("responsibility", [])):
            layer = row.get("layer") if isinstance(row, dict) else None
            where = "%s: responsibility %s" % (name, layer)
            if layer not in LAYERS:
                problem(where, "unknown layer")
                continue
            if layer in rows:
                problem(where, "layer listed twice (also in %s)" % rows[layer])
            rows[layer] = name
            for m in MODELS:
                if m in row and row[m] not in OWNERS:
                    problem(where, "%s owner %r" % (m, row[m]))
            ms = row.get("microsoft", {})
            if isinstance(ms, dict):
                for m, o in ms.items():
                    if m not in MODELS or o not in OWNERS:
                        problem(where, "microsoft cell %s=%r" % (m, o))
        for i, l in enumerate(doc.get("layers", [])):
            if not isinstance(l, dict) or l.get("id") not in LAYERS:
                problem("%s: layers[%d]" % (name, i), "unknown layer %r"
                        % (l.get("id") if isinstance(l, dict) else l))

    controls = {}
    for name, doc in docs:
        for c in doc.get("controls", []):
            if isinstance(c, dict) and is_str(c.get("id")):
                controls[c["id"]] = c
    check_mappings(docs, controls, type_index, refdir)

    if refdir and os.path.isdir(refdir):
        check_refdata(refdir, fw, baselines)

    for p in problems:
        print(p)
    if problems:
        print("check-catalog: %d problem(s)" % len(problems), file=sys.stderr)
        return 1
    print("check-catalog: ok (%d controls, %d types)" % (len(seen), len(types)))
    return 0


MAPPING_SOURCES = ["defender", "azure-policy", "azure-policy-group", "azure-policy-set", "prowler",
                   "prowler-compliance", "graph", "secure-score", "scubagear", "maester"]


def check_mappings(docs, controls, type_index, refdir):
    """The "mappings" of catalog fragments (docs/catalog.md): every control exists, keys are
    unique, and, given REFDATA_DIR, every Azure Policy definition, group and initiative is one of
    Microsoft's regulatory initiatives in refdata/azure-policy."""
    keys = {}
    policy = []
    rows = []
    for name, doc in docs:
        m = doc.get("mappings")
        if m is None:
            continue
        if not isinstance(m, dict):
            problem(name, "mappings is not an object")
            continue
        for i, e in enumerate(m.get("evidence", [])):
            where = "%s: mappings.evidence[%d]" % (name, i)
            if not isinstance(e, dict) or not is_str(e.get("id")) or e.get("source") not in MAPPING_SOURCES:
                problem(where, "entry without a known source and an id")
                continue
            key = (e["source"], e["id"].lower())
            if key in keys:
                problem(where, "%s %s mapped twice" % key)
            keys[key] = where
            for c in e.get("controls", []):
                if c not in controls:
                    problem(where, "unknown control %r" % c)
            if e.get("scope", "resource") not in ("resource", "subscription", "tenant"):
                problem(where, "unknown scope %r" % e.get("scope"))
            if not is_str(e.get("basis")):
                problem(where, "%s %s has no basis" % key)
            if e["source"].startswith("azure-policy"):
                policy.append((where, e["source"], e["id"]))
            rows.append((where, e))
        for i, sv in enumerate(m.get("saas_services", [])):
            if not isinstance(sv, dict) or str(sv.get("type", "")).lower() not in type_index:
                problem("%s: mappings.saas_services[%d]" % (name, i), "type is not in resource-types.json")
        for i, k in enumerate(m.get("resource_kinds", [])):
            if not isinstance(k, dict) or str(k.get("type", "")).lower() not in type_index:
                problem("%s: mappings.resource_kinds[%d]" % (name, i), "type is not in resource-types.json")
    if not refdir or not os.path.isdir(os.path.join(refdir, "azure-policy")):
        return
    defs, groups, sets = set(), set(), set()
    for path in sorted(glob.glob(os.path.join(refdir, "azure-policy", "*.json"))):
        ini = load_json(path)
        if not isinstance(ini, dict):
            continue
        sets.add(ini.get("name", "").lower())
        props = ini.get("properties", {})
        for g in props.get("policyDefinitionGroups", []):
            groups.add(g.get("name", "").lower())
        for d in props.get("policyDefinitions", []):
            defs.add(d.get("policyDefinitionId", "").split("/")[-1].lower())
    known = {"azure-policy": defs, "azure-policy-group": groups, "azure-policy-set": sets}
    for where, source, pid in policy:
        if pid.lower() not in known[source]:
            problem(where, "%s %s is in none of Microsoft's initiatives in refdata/azure-policy"
                    % (source, pid))
    check_nist_agreement(rows, controls, refdir)


def nist_base(rid):
    return re.sub(r"\(.*", "", rid.upper())


def check_nist_agreement(rows, controls, refdir):
    """For the policy definitions Microsoft's NIST SP 800-53 R5 initiative groups (and the Defender
    recommendations derived from them), the srmap controls a row maps to must cite a NIST control
    of the same base id.  A row that does not is an exception and must say why ("nist_exception");
    at least MIN_NIST_AGREEMENT percent must agree.  The exceptions are printed."""
    ini = load_json(os.path.join(refdir, "azure-policy", "NIST_SP_800-53_R5.json"))
    if not isinstance(ini, dict):
        return
    groups = {}
    for d in ini.get("properties", {}).get("policyDefinitions", []):
        pid = d.get("policyDefinitionId", "").split("/")[-1].lower()
        for g in d.get("groupNames", []):
            m = re.match(r"NIST_SP_800-53_R5_(.+)$", g)
            if m:
                groups.setdefault(pid, set()).add(nist_base(m.group(1)))
    derives = {}
    path = os.path.join(refdir, "defender-recommendations.tsv")
    if os.path.exists(path):
        rows_tsv = read_rows(path)
        head = rows_tsv[0] if rows_tsv else []
        for cols in rows_tsv[1:]:
            r = dict(zip(head, cols))
            pid = r.get("policy_definition_id", "").lower()
            if pid:
                derives[r.get("assessment_key", "").lower()] = pid
                derives[r.get("display_name", "").strip().lower()] = pid
    judged = agree = 0
    exceptions = []
    for where, e in rows:
        ident = e["id"].strip().lower()
        if e["source"] == "azure-policy":
            pid = ident
        elif e["source"] == "defender":
            pid = derives.get(ident)
        else:
            continue
        want = groups.get(pid or "")
        if not want or not e.get("controls"):
            continue
        judged += 1
        have = {nist_base(x) for c in e["controls"] for x in controls.get(c, {}).get("refs", {}).get("nist", [])}
        if have & want:
            agree += 1
        elif is_str(e.get("nist_exception")):
            exceptions.append("%s %s: NIST initiative %s, srmap %s: %s" % (
                e["source"], e["id"], ",".join(sorted(want)), ",".join(sorted(have)) or "-",
                e["nist_exception"]))
        else:
            problem(where, "%s %s: Microsoft's NIST initiative groups it under %s; its controls cite "
                    "none of these (%s) and no nist_exception says why"
                    % (e["source"], e["id"], ",".join(sorted(want)), ",".join(sorted(have)) or "-"))
    if judged:
        pct = 100.0 * agree / judged
        print("check-catalog: NIST agreement %.1f%% of %d mapped definitions and recommendations, "
              "%d exceptions" % (pct, judged, len(exceptions)))
        for x in exceptions:
            print("  exception: " + x)
        if pct < MIN_NIST_AGREEMENT:
            problem("mappings", "NIST agreement %.1f%% < %g%%" % (pct, MIN_NIST_AGREEMENT))


def read_rows(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("#") or not line.strip():
                    continue
                rows.append(line.split("\t"))
    except OSError as e:
        problem(path, "cannot read: %s" % e.strerror)
    return rows


def oscal_to_display(oid):
    m = re.match(r"^([a-z]{2})-(\d+)(?:\.(\d+))?$", oid.strip())
    if not m:
        return None
    s = "%s-%s" % (m.group(1).upper(), m.group(2))
    return s + ("(%s)" % m.group(3) if m.group(3) else "")


def check_refdata(refdir, fw, baselines):
    # HIPAA: every row, same title, same kind (the kind may be decided
    # differently only where the source column is not one of the three).
    if "hipaa" in fw:
        reqs = fw["hipaa"]["reqs"]
        ref_ids = []
        for cols in read_rows(os.path.join(refdir, "hipaa-security-rule.txt")):
            rid = cols[0].strip()
            ref_ids.append(rid)
            r = reqs.get(rid)
            if r is None:
                problem("hipaa", "%s missing from frameworks.json" % rid)
                continue
            if len(cols) > 1 and r.get("title") != cols[1].strip():
                problem("hipaa", "%s title %r differs from refdata %r" % (rid, r.get("title"), cols[1].strip()))
            kind = cols[2].strip().lower() if len(cols) > 2 else ""
            if kind in HIPAA_KINDS and r.get("kind") != kind:
                problem("hipaa", "%s kind %r differs from refdata %r" % (rid, r.get("kind"), kind))
        for rid in reqs:
            if rid not in ref_ids:
                problem("hipaa", "%s is not in the refdata list" % rid)

    if "soc2" in fw:
        reqs = fw["soc2"]["reqs"]
        ref_ids = [cols[0].strip() for cols in read_rows(os.path.join(refdir, "soc2-tsc.txt"))]
        for rid in ref_ids:
            if rid not in reqs:
                problem("soc2", "%s missing from frameworks.json" % rid)
        for rid in reqs:
            if rid not in ref_ids:
                problem("soc2", "%s is not in the refdata list" % rid)

    for level in ("low", "moderate", "high"):
        ref = [oscal_to_display(cols[0]) for cols in
               read_rows(os.path.join(refdir, "fedramp-rev5-%s.txt" % level))]
        if baselines.get(level) != ref:
            problem("fedramp_baselines", "%s differs from refdata (%d ids vs %d)"
                    % (level, len(baselines.get(level) or []), len(ref)))

    if "mcsb" in fw:
        ini = load_json(os.path.join(refdir, "azure-policy", "MCSB.json"))
        if isinstance(ini, dict):
            ref_ids = [g.get("name", "").rsplit("_", 1)[-1]
                       for g in ini.get("properties", {}).get("policyDefinitionGroups", [])]
            for rid in ref_ids:
                if rid not in fw["mcsb"]["reqs"]:
                    problem("mcsb", "%s missing from the MCSB framework list" % rid)
            for rid in fw["mcsb"]["reqs"]:
                if rid not in ref_ids:
                    problem("mcsb", "%s is not a control of the MCSB initiative" % rid)

    if "nist-800-53" in fw:
        path = os.path.join(refdir, "nist-800-53-rev5-catalog.json")
        cat = load_json(path)
        if cat is None:
            return
        labels = {}

        def walk(controls, parent):
            for c in controls:
                props = {p["name"]: p["value"] for p in c.get("props", [])}
                did = oscal_to_display(c["id"])
                title = "%s | %s" % (parent, c["title"]) if parent else c["title"]
                labels[did] = (title, props.get("status") == "withdrawn")
                walk(c.get("controls", []), c["title"])

        for g in cat.get("catalog", {}).get("groups", []):
            walk(g.get("controls", []), None)
        for rid, r in fw["nist-800-53"]["reqs"].items():
            if rid not in labels:
                problem("nist-800-53", "%s is not in the NIST SP 800-53 Rev 5 catalog" % rid)
                continue
            title, withdrawn = labels[rid]
            if withdrawn:
                problem("nist-800-53", "%s is withdrawn in Rev 5" % rid)
            if r.get("title") != title:
                problem("nist-800-53", "%s title %r differs from the catalog %r" % (rid, r.get("title"), title))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
