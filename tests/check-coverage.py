#!/usr/bin/env python3
"""Evidence coverage of the shipped catalog, measured through srmap itself.

usage: check-coverage.py SRMAP WORKDIR REFDATA_DIR

For each reference list in REFDATA_DIR - Defender for Cloud recommendations (not deprecated),
the policy definitions of the five built-in initiatives, Prowler's Azure checks, Microsoft Secure
Score control profiles - it writes every identifier as one record of that tool's real export
shape, about a workload of a fitting resource type in a subscription of its own (a record about
a subscription-wide setting names the subscription), runs `srmap assess`, and reads the canonical
XML:

  unmapped   identifiers listed under <unmapped> (the catalog has no entry for them)
  applied    records some check cites as its evidence (<evidence used="true" line=...>)
  controls   distinct controls that evidence landed on
  NIST       of the definitions Microsoft's NIST SP 800-53 R5 initiative groups, those whose
             srmap controls cite a NIST control of the same base id
  HIPAA      of the Prowler checks Prowler's own HIPAA map lists, those whose srmap controls cite
             a HIPAA section of the same standard

Prints a line per list and a summary; exits 1 when a goal is missed (at most 5% unmapped, at
least 90% applied, 80 controls, 90% NIST agreement, 60% HIPAA agreement), 0 otherwise, and 0 with
SKIP when REFDATA_DIR is absent.  The CISA ScubaGear policies and Maester tests (without its
on-premises AD suite) are measured the same way, each list as one results file of its tool.
"""
import json
import os
import re
import subprocess
import zlib
import sys
import xml.etree.ElementTree as ET

MAX_UNMAPPED, MIN_APPLIED, MIN_CONTROLS, MIN_NIST, MIN_HIPAA = 5.0, 90.0, 80, 90.0, 60.0
TENANT = "3d1f7a52-9c4e-4b8a-a6d0-5e2b7c9f1a34"
TIME = "2026-11-30T06:00:00Z"

# Words of a title (or a Prowler service) and the Azure resource type a record about it names.
# The first match wins, so the narrower words come first.
TYPE_WORDS = [
    ("postgres", "Microsoft.DBforPostgreSQL/flexibleServers"),
    ("mysql", "Microsoft.DBforMySQL/flexibleServers"),
    ("cosmos", "Microsoft.DocumentDB/databaseAccounts"),
    ("managed instance", "Microsoft.Sql/managedInstances"),
    ("synapse", "Microsoft.Synapse/workspaces"),
    ("sql", "Microsoft.Sql/servers"),
    ("storage account", "Microsoft.Storage/storageAccounts"),
    ("managed hsm", "Microsoft.KeyVault/managedHSMs"),
    ("key vault", "Microsoft.KeyVault/vaults"),
    ("container registr", "Microsoft.ContainerRegistry/registries"),
    ("kubernetes", "Microsoft.ContainerService/managedClusters"),
    ("container app", "Microsoft.App/containerApps"),
    ("function app", "Microsoft.Web/sites"),
    ("app service", "Microsoft.Web/sites"),
    ("web app", "Microsoft.Web/sites"),
    ("api management", "Microsoft.ApiManagement/service"),
    ("redis", "Microsoft.Cache/Redis"),
    ("event hub", "Microsoft.EventHub/namespaces"),
    ("service bus", "Microsoft.ServiceBus/namespaces"),
    ("event grid", "Microsoft.EventGrid/topics"),
    ("databricks", "Microsoft.Databricks/workspaces"),
    ("machine learning", "Microsoft.MachineLearningServices/workspaces"),
    ("cognitive", "Microsoft.CognitiveServices/accounts"),
    ("ai services", "Microsoft.CognitiveServices/accounts"),
    ("search", "Microsoft.Search/searchServices"),
    ("data factory", "Microsoft.DataFactory/factories"),
    ("application gateway", "Microsoft.Network/applicationGateways"),
    ("front door", "Microsoft.Network/frontDoors"),
    ("firewall", "Microsoft.Network/azureFirewalls"),
    ("network security group", "Microsoft.Network/networkSecurityGroups"),
    ("subnet", "Microsoft.Network/virtualNetworks"),
    ("virtual network", "Microsoft.Network/virtualNetworks"),
    ("scale set", "Microsoft.Compute/virtualMachineScaleSets"),
    ("disk", "Microsoft.Compute/disks"),
    ("logic app", "Microsoft.Logic/workflows"),
    ("automation account", "Microsoft.Automation/automationAccounts"),
    ("iot hub", "Microsoft.Devices/IotHubs"),
    ("backup vault", "Microsoft.DataProtection/backupVaults"),
    ("recovery services", "Microsoft.RecoveryServices/vaults"),
    ("arc", "Microsoft.HybridCompute/machines"),
]
# Settings of a whole subscription: Defender plans, contacts, owners, activity log, policy.
SUBSCRIPTION_WORDS = re.compile(
    r"subscription|owner permissions|write permissions|read permissions|guest accounts|"
    r"microsoft defender for (?!endpoint)|azure defender for (?!sql.*(server|database))|"
    r"defender for cloud|security contact|email notification|auto.?provisioning|activity log|"
    r"custom role|custom owner role")


def tsv(refdir, name):
    path = os.path.join(refdir, name)
    if not os.path.exists(path):
        return []
    lines = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")
             if not l.startswith("#") and l.strip()]
    return [dict(zip(lines[0], r)) for r in lines[1:]]


def type_of(text, given=""):
    if "/" in given:
        return given
    t = text.lower()
    for word, ty in TYPE_WORDS:
        if word in t:
            return ty
    return "Microsoft.Compute/virtualMachines"


class Estate:
    """Workloads of one list: one subscription and one resource per record."""

    def __init__(self, work, tag):
        self.work, self.tag, self.resources = work, tag, []

    def add(self, k, ty):
        sub = "%08x-%04x-4000-8000-%012x" % (zlib.crc32(self.tag.encode()), 0x1000 + k, k)
        name = "%s-%04d" % (ty.split("/")[-1].lower()[:12], k)
        rid = "/subscriptions/%s/resourceGroups/rg-%s/providers/%s/%s" % (sub, self.tag, ty, name)
        self.resources.append({"id": rid, "name": name, "type": ty, "location": "westeurope",
                               "resourceGroup": "rg-" + self.tag, "subscriptionId": sub,
                               "tenantId": TENANT,
                               "kind": "app" if ty == "Microsoft.Web/sites" else None})
        return sub, rid

    def write(self):
        path = os.path.join(self.work, self.tag + "-inventory.json")
        json.dump(self.resources, open(path, "w"), indent=1)
        return path


def write_records(path, records, envelope):
    """One record a line from line 2, so that an evidence element's line names its record."""
    with open(path, "w") as f:
        f.write('{"value": [\n' if envelope else "[\n")
        f.write(",\n".join(json.dumps(r) for r in records))
        f.write("\n]}\n" if envelope else "\n]\n")


def defender_export(work, rows):
    est, recs = Estate(work, "defender"), []
    for k, r in enumerate(rows):
        sub, rid = est.add(k, type_of(r["display_name"]))
        about = "/subscriptions/" + sub if SUBSCRIPTION_WORDS.search(r["display_name"].lower()) else rid
        recs.append({"id": about + "/providers/Microsoft.Security/assessments/" + r["assessment_key"],
                     "name": r["assessment_key"], "type": "Microsoft.Security/assessments",
                     "properties": {"displayName": r["display_name"],
                                    "resourceDetails": {"Source": "Azure", "Id": about},
                                    "status": {"code": "Healthy", "statusChangeDate": TIME}}})
    path = os.path.join(work, "defender-assessments.json")
    write_records(path, recs, True)
    return est.write(), path


def policy_export(work, defs):
    est, recs = Estate(work, "policy"), []
    for k, (pid, name, category) in enumerate(defs):
        sub, rid = est.add(k, type_of(name + " " + category))
        about = "/subscriptions/" + sub if SUBSCRIPTION_WORDS.search(name.lower()) else rid
        recs.append({"timestamp": TIME, "resourceId": about, "subscriptionId": sub,
                     "policyAssignmentId": "/subscriptions/%s/providers/Microsoft.Authorization/"
                                           "policyAssignments/check-%d" % (sub, k),
                     "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/" + pid,
                     "policyDefinitionName": pid, "policyDefinitionCategory": category,
                     "complianceState": "Compliant", "isCompliant": True,
                     "resourceType": est.resources[-1]["type"]})
    path = os.path.join(work, "policy-states.json")
    write_records(path, recs, True)
    return est.write(), path


def prowler_export(work, rows):
    est, recs = Estate(work, "prowler"), []
    for k, r in enumerate(rows):
        given = r.get("resource_type", "")
        sub, rid = est.add(k, type_of(r["title"] + " " + r["service"],
                                      given if given.lower().startswith("microsoft.") and
                                      "subscriptions" not in given.lower() and
                                      "resources" not in given.lower() else ""))
        about = rid
        if r["service"] in ("defender", "entra", "iam", "monitor", "policy") or not given:
            about = "/subscriptions/" + sub
        recs.append({"class_uid": 2004, "type_name": "Detection Finding: Create",
                     "metadata": {"event_code": r["check_id"], "tenant_uid": TENANT,
                                  "product": {"name": "Prowler", "vendor_name": "Prowler"}},
                     "finding_info": {"uid": "check-%d" % k, "title": r["title"],
                                      "created_time_dt": TIME},
                     "status_code": "PASS", "severity": r["severity"].capitalize(),
                     "cloud": {"provider": "azure", "account": {"uid": sub}},
                     "resources": [{"uid": about, "type": given}], "time_dt": TIME})
    path = os.path.join(work, "prowler.ocsf.json")
    write_records(path, recs, False)
    return est.write(), path


def secure_score_export(work, rows):
    est = Estate(work, "securescore")
    est.add(0, "Microsoft.Compute/virtualMachines")
    snap = {"id": TENANT + "_2026-11-30", "azureTenantId": TENANT, "createdDateTime": TIME,
            "currentScore": float(len(rows)), "maxScore": float(len(rows)),
            "controlScores": [{"controlCategory": r.get("category") or "Identity",
                               "controlName": r["control_id"], "score": 1.0,
                               "scoreInPercentage": 100.0} for r in rows]}
    path = os.path.join(work, "secure-score.json")
    json.dump({"value": [snap]}, open(path, "w"))
    return est.write(), path


def tenant_inventory(work, tag):
    """One VM in one subscription of the tenant, and the tenant's Microsoft 365 services."""
    est = Estate(work, tag)
    est.add(0, "Microsoft.Compute/virtualMachines")
    saas = os.path.join(work, tag + "-saas.json")
    json.dump({"tenant": "coverage.onmicrosoft.com", "tenant_id": TENANT,
               "services": ["Exchange Online", "SharePoint Online", "Teams", "Microsoft Entra ID"]},
              open(saas, "w"))
    return [est.write(), saas]


def scubagear_export(work, rows):
    """One ScubaResults file: every policy passed, grouped by product and policy group."""
    results = {}
    for r in rows:
        product = r["policy_id"].split(".")[1]
        group = r["policy_id"].rsplit(".", 1)[0]
        groups = results.setdefault(product, {})
        groups.setdefault(group, []).append({"Control ID": r["policy_id"], "Result": "Pass",
                                             "Criticality": "Shall", "Requirement": r.get("title", ""),
                                             "Details": "Requirement met"})
    doc = {"MetaData": {"TenantId": TENANT, "Tool": "ScubaGear", "ToolVersion": "1.8.0",
                        "TimestampZulu": "2026-11-30T06:00:00.000Z", "ProductsAssessed": sorted(results)},
           "Results": {p: [{"GroupName": g, "GroupNumber": g.rsplit(".", 1)[-1], "Controls": c}
                           for g, c in groups.items()] for p, groups in results.items()}}
    path = os.path.join(work, "ScubaResults_coverage.json")
    json.dump(doc, open(path, "w"))
    return tenant_inventory(work, "scubagear"), path


def maester_export(work, rows):
    """One Maester TestResults file: every test passed."""
    tests = [{"Name": "%s: %s" % (r["test_id"], r.get("title", "")), "Result": "Passed",
              "Block": r.get("suite", ""), "Tag": [r["test_id"]]} for r in rows]
    doc = {"TenantId": TENANT, "ExecutedAt": TIME, "CurrentVersion": "1.1.0", "Tests": tests}
    path = os.path.join(work, "TestResults-coverage.json")
    json.dump(doc, open(path, "w"))
    return tenant_inventory(work, "maester"), path


def local(tag):
    return tag.rsplit("}", 1)[-1]


def assess(srmap, work, label, inventory, evidence):
    out = os.path.join(work, "out-" + label)
    inventory = inventory if isinstance(inventory, list) else [inventory]
    p = subprocess.run([srmap, "assess", "-q", "--inventory", *inventory, "--evidence", evidence,
                        "--out", out, "--format", "xml"], capture_output=True, text=True)
    path = os.path.join(out, "assessment.xml")
    if p.returncode != 0 or not os.path.exists(path):
        sys.exit("check-coverage: %s: srmap exited %d: %s" % (label, p.returncode, p.stderr[:400]))
    return ET.parse(path).getroot()


def measure(root, evidence, ids):
    """unmapped ids, record index -> controls whose check cites it, control -> citations."""
    unmapped = {el.get("id", "").lower() for el in root.iter() if local(el.tag) == "unmapped"}
    cited = {}
    for el in root.iter():
        if local(el.tag) == "evidence" and el.get("used") == "true" and el.get("line") and \
                os.path.basename(el.get("file", "")) == os.path.basename(evidence):
            cited.setdefault(int(el.get("line")) - 2, set()).add(el.get("control"))
    refs = {}
    for c in root.iter():
        if local(c.tag) == "control" and c.get("id"):
            refs[c.get("id")] = [(r.get("framework"), r.get("id")) for r in c if local(r.tag) == "ref"]
    return sum(1 for i in ids if i.lower() in unmapped), cited, refs


def agreement(ids, cited, refs, wanted, framework, base):
    judged = agree = 0
    for k, ident in enumerate(ids):
        want, ctrls = wanted.get(ident.lower()), cited.get(k)
        if not want or not ctrls:
            continue
        judged += 1
        have = {base(i) for c in ctrls for f, i in refs.get(c, ()) if f == framework}
        agree += bool(have & {base(w) for w in want})
    return judged, agree


def nist_base(x):
    return re.sub(r"\(.*", "", x.upper())


def hipaa_standard(x):
    """'164.312(a)(2)(iv)' or Prowler's '164_312_a_2_iv' -> '164.312(a)'."""
    m = re.match(r"164[._](\d{3})[._(]*([a-z])?", x.strip().lower())
    if not m:
        return x
    return "164.%s(%s)" % (m.group(1), m.group(2)) if m.group(2) else "164." + m.group(1)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: check-coverage.py SRMAP WORKDIR REFDATA_DIR")
    srmap, work, refdir = sys.argv[1:]
    if not os.path.isdir(refdir):
        print("check-coverage: SKIP (no reference lists at %s)" % refdir)
        return 0
    os.makedirs(work, exist_ok=True)
    nist = {}
    ini = json.load(open(os.path.join(refdir, "azure-policy", "NIST_SP_800-53_R5.json")))
    for d in ini["properties"]["policyDefinitions"]:
        pid = d["policyDefinitionId"].rsplit("/", 1)[-1].lower()
        for g in d.get("groupNames", []):
            if g.startswith("NIST_SP_800-53_R5_"):
                nist.setdefault(pid, set()).add(g[len("NIST_SP_800-53_R5_"):])
    problems, results, controls = [], [], set()

    rows = [r for r in tsv(refdir, "defender-recommendations.tsv") if r.get("deprecated") != "yes"]
    ids = [r["display_name"] for r in rows]
    inv, ev = defender_export(work, rows)
    un, cited, refs = measure(assess(srmap, work, "defender", inv, ev), ev, ids)
    wanted = {r["display_name"].lower(): nist[r["policy_definition_id"].lower()] for r in rows
              if r.get("policy_definition_id", "").lower() in nist}
    results.append(("defender", ids, un, cited) + agreement(ids, cited, refs, wanted, "nist-800-53", nist_base) + ("NIST",))

    defs = {}
    for name in ("mcsb-policies.tsv", "azure-policy-definitions.tsv"):
        for r in tsv(refdir, name):
            defs.setdefault(r["policy_definition_id"].lower(), (r["display_name"], r["category"]))
    items = [(pid, n, c) for pid, (n, c) in defs.items()]
    ids = [i[0] for i in items]
    inv, ev = policy_export(work, items)
    un, cited, refs = measure(assess(srmap, work, "policy", inv, ev), ev, ids)
    results.append(("policy", ids, un, cited) + agreement(ids, cited, refs, nist, "nist-800-53", nist_base) + ("NIST",))

    rows = tsv(refdir, "prowler-azure-checks.tsv")
    ids = [r["check_id"] for r in rows]
    hipaa = {}
    for r in tsv(refdir, "prowler-azure-hipaa.tsv"):
        hipaa.setdefault(r["check_id"].lower(), set()).add(r["requirement_id"])
    inv, ev = prowler_export(work, rows)
    un, cited, refs = measure(assess(srmap, work, "prowler", inv, ev), ev, ids)
    results.append(("prowler", ids, un, cited) + agreement(ids, cited, refs, hipaa, "hipaa", hipaa_standard) + ("HIPAA (vs Prowler's map)",))

    rows = tsv(refdir, "m365-secure-score-controls.tsv")
    ids = [r["control_id"] for r in rows]
    inv, ev = secure_score_export(work, rows)
    root = assess(srmap, work, "secure-score", inv, ev)
    un, cited, refs = measure(root, ev, ids)
    # One snapshot is one file position: every mapped control profile counts as applied when the
    # snapshot's evidence decided checks.
    landed = {el.get("control") for el in root.iter()
              if local(el.tag) == "evidence" and el.get("used") == "true"}
    cited = {k: landed for k in range(len(ids) - un)} if landed else {}
    results.append(("secure-score", ids, un, cited, 0, 0, ""))

    # The Microsoft 365 baseline tools: one results file each, all tenant-wide.
    for label, name, key, export, keep in (
            ("scubagear", "scubagear-policies.tsv", "policy_id", scubagear_export,
             lambda r: r.get("status", "active") == "active"),
            ("maester", "maester-tests.tsv", "test_id", maester_export,
             lambda r: not r["test_id"].startswith("AD-"))):
        rows = [r for r in tsv(refdir, name) if keep(r)]
        if not rows:
            continue
        ids = [r[key] for r in rows]
        inv, ev = export(work, rows)
        root = assess(srmap, work, label, inv, ev)
        un, cited, refs = measure(root, ev, ids)
        landed = {el.get("control") for el in root.iter()
                  if local(el.tag) == "evidence" and el.get("used") == "true"}
        mapped = [k for k, i in enumerate(ids) if i.lower() not in
                  {el.get("id", "").lower() for el in root.iter() if local(el.tag) == "unmapped"}]
        cited = {k: landed for k in mapped} if landed else {}
        results.append((label, ids, un, cited, 0, 0, ""))

    total = applied_total = 0
    for label, ids, un, cited, judged, agree, what in results:
        n = len(ids)
        applied = sum(1 for k in range(n) if k in cited)
        for c in cited.values():
            controls |= c
        line = "%s: %d ids, %.1f%% unmapped, %.1f%% applied" % (label, n, 100.0 * un / n, 100.0 * applied / n)
        if judged:
            pct = 100.0 * agree / judged
            line += ", %s agreement %.1f%% of %d" % (what, pct, judged)
            need = MIN_NIST if what == "NIST" else MIN_HIPAA
            if pct < need:
                problems.append("%s %s agreement %.1f%% < %g%%" % (label, what, pct, need))
        print("check-coverage: " + line)
        if 100.0 * un / n > MAX_UNMAPPED:
            problems.append("%s %.1f%% unmapped > %g%%" % (label, 100.0 * un / n, MAX_UNMAPPED))
        if 100.0 * applied / n < MIN_APPLIED:
            problems.append("%s %.1f%% applied < %g%%" % (label, 100.0 * applied / n, MIN_APPLIED))
        total += n
        applied_total += applied
    if len(controls) < MIN_CONTROLS:
        problems.append("evidence lands on %d controls < %d" % (len(controls), MIN_CONTROLS))
    print("check-coverage: %d of %d reference ids applied (%.1f%%) onto %d controls%s" % (
        applied_total, total, 100.0 * applied_total / total, len(controls),
        "" if not problems else "; missed: " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
