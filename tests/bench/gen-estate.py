#!/usr/bin/env python3
"""Writes a synthetic Azure estate for the benchmark, in the shapes the real exports have.

usage: gen-estate.py N OUTDIR [--catalog DIR]
       gen-estate.py --version      the version that keys cached estates

OUTDIR receives:
  resources.json   `az resource list -o json`: N resources, a mix of the catalog's types
  accounts.json    `az account list -o json`: the subscriptions, all in one tenant
  defender.json    Defender for Cloud assessments, REST list shape {"value": [...]}:
                   10 assessments per resource, keys and display names from
                   catalog/map-defender.json, statuses mixed, each with timeGenerated
  policy.json      Azure Policy states (PolicyInsights REST shape) for a fifth of the resources
  profile.json     the engagement profile
  manifest.json    what was written: record counts, sizes, the generator version (last)

The output is a function of N and the catalog only: a fixed seed, no clock, no hash
randomisation. Files are streamed to disk record by record, so 100,000 resources (1,000,000
assessments, about 1 GB) need little memory.  A folder whose manifest.json names the same
version is complete and is reused by run.py.
"""
import datetime
import hashlib
import json
import os
import re
import sys

ASSESSMENTS_PER_RESOURCE = 10
POLICY_EVERY = 5            # one resource in POLICY_EVERY has policy states
POLICY_PER_RESOURCE = 3
SEED = 20261120
AS_OF = datetime.datetime(2026, 11, 20)
TENANT = "6f1e0c2a-8b4d-4c3e-9a7f-2d5b1c0e9f84"

# (type, weight, name prefix, kind): a plausible mix of an enterprise subscription set.
# Disks and NICs are attached to the VM before them; databases sit under the server before them.
TYPES = [
    ("Microsoft.Compute/virtualMachines", 12, "vm", None),
    ("Microsoft.Compute/disks", 16, "disk", None),
    ("Microsoft.Network/networkInterfaces", 12, "nic", None),
    ("Microsoft.Network/networkSecurityGroups", 5, "nsg", None),
    ("Microsoft.Network/publicIPAddresses", 4, "pip", None),
    ("Microsoft.Network/virtualNetworks", 3, "vnet", None),
    ("Microsoft.Network/privateEndpoints", 4, "pe", None),
    ("Microsoft.Network/loadBalancers", 2, "lb", None),
    ("Microsoft.Storage/storageAccounts", 8, "st", "StorageV2"),
    ("Microsoft.KeyVault/vaults", 4, "kv", None),
    ("Microsoft.Web/serverFarms", 3, "asp", "linux"),
    ("Microsoft.Web/sites", 6, "app", "app,linux"),
    ("Microsoft.Web/sites", 2, "func", "functionapp"),
    ("Microsoft.Sql/servers", 3, "sql", "v12.0"),
    ("Microsoft.Sql/servers/databases", 5, "sqldb", "v12.0,user"),
    ("Microsoft.ContainerService/managedClusters", 1, "aks", None),
    ("Microsoft.ContainerRegistry/registries", 1, "acr", None),
    ("Microsoft.DocumentDB/databaseAccounts", 1, "cosmos", "GlobalDocumentDB"),
    ("Microsoft.DBforPostgreSQL/flexibleServers", 1, "psql", None),
    ("Microsoft.Compute/virtualMachineScaleSets", 1, "vmss", None),
    ("Microsoft.Compute/snapshots", 2, "snap", None),
    ("Microsoft.Insights/components", 2, "appi", "web"),
    ("Microsoft.OperationalInsights/workspaces", 1, "log", None),
    ("Microsoft.Compute/virtualMachines/extensions", 1, "ext", None),   # not in the catalog
]
LOCATIONS = ["eastus", "eastus2", "westeurope", "northeurope", "westus3", "uksouth"]
ENVS = ["prod", "prod", "prod", "staging", "dev"]
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Rng:
    """A small deterministic generator (xorshift64*), independent of Python's random module."""

    def __init__(self, seed):
        self.s = seed or 1

    def next(self):
        x = self.s
        x ^= (x >> 12)
        x ^= (x << 25) & 0xFFFFFFFFFFFFFFFF
        x ^= (x >> 27)
        self.s = x
        return (x * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        return (self.next() >> 11) % n


def guid(rng):
    h = "%016x%016x" % (rng.next(), rng.next())
    return "%s-%s-4%s-a%s-%s" % (h[0:8], h[8:12], h[13:16], h[17:20], h[20:32])


def stamp(days_before, secs):
    """A time in the day that ends days_before days before 2026-11-20T00:00:00Z (UTC)."""
    t = AS_OF - datetime.timedelta(days=days_before + 1, seconds=-(secs % 86400))
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d+00:00" % ((secs * 7919) % 1000000)


def load_catalog(cat):
    types = {t["type"]: t["service_model"]
             for t in json.load(open(os.path.join(cat, "resource-types.json")))["resource_types"]}
    controls = {}
    for f in sorted(os.listdir(cat)):
        if f.startswith("controls-") and f.endswith(".json"):
            for c in json.load(open(os.path.join(cat, f)))["controls"]:
                controls[c["id"]] = c.get("applies_to", {})
    defender = [e for e in json.load(open(os.path.join(cat, "map-defender.json")))["mappings"]["evidence"]
                if GUID.match(e["id"]) and e.get("scope", "resource") == "resource" and e.get("title")]
    policy = [e for e in json.load(open(os.path.join(cat, "map-azure-policy.json")))["mappings"]["evidence"]
              if e.get("source") == "azure-policy" and GUID.match(e["id"])
              and e.get("scope", "resource") == "resource"]
    return types, controls, defender, policy


def pools(types, controls, defender):
    """Per resource type, the Defender assessments that fit it: those whose controls name the
    type first, then those that apply by service model, then the rest (a tool may assess any)."""
    out = {}
    for t, _, _, _ in TYPES:
        sm = types.get(t)
        named, by_model, rest = [], [], []
        for e in defender:
            ats = [controls.get(c, {}) for c in e["controls"]]
            if any(t in a.get("resource_types", []) for a in ats):
                named.append(e)
            elif sm and any(sm in a.get("service_models", []) for a in ats):
                by_model.append(e)
            else:
                rest.append(e)
        out[t] = named + by_model + rest
    return out


def version(cat):
    h = hashlib.sha256()
    h.update(open(os.path.abspath(__file__), "rb").read())
    for f in ("resource-types.json", "map-defender.json", "map-azure-policy.json"):
        h.update(open(os.path.join(cat, f), "rb").read())
    return h.hexdigest()[:16]


class ListWriter:
    """Writes a JSON array one element at a time, as `az ... -o json` prints it (indent 2)."""

    def __init__(self, f, indent):
        self.f, self.indent, self.first = f, indent, True

    def add(self, obj):
        text = json.dumps(obj, indent=2, ensure_ascii=False)
        if self.indent:
            text = text.replace("\n", "\n" + self.indent)
        self.f.write(("\n" if self.first else ",\n") + self.indent + text)
        self.first = False


def resources(n, rng, subs):
    weights = []
    for i, (t, w, prefix, kind) in enumerate(TYPES):
        weights += [i] * w
    last = {}
    for i in range(n):
        ti = weights[rng.below(len(weights))]
        t, _, prefix, kind = TYPES[ti]
        sub = subs[i * len(subs) // n]
        rg = "rg-%s-%03d" % (ENVS[i % len(ENVS)], (i // 40) % 1000)
        name = "%s-%s-%06d" % (prefix, rg[3:], i)
        managed_by = None
        base = "/subscriptions/%s/resourceGroups/%s/providers/" % (sub, rg)
        if t == "Microsoft.Sql/servers/databases":
            server = last.get("Microsoft.Sql/servers", "sql-%s-%06d" % (rg[3:], i))
            rid = base + "Microsoft.Sql/servers/%s/databases/%s" % (server.split("/")[-1], name)
        elif t == "Microsoft.Compute/virtualMachines/extensions":
            vm = last.get("Microsoft.Compute/virtualMachines", "vm-%06d" % i)
            rid = base + "Microsoft.Compute/virtualMachines/%s/extensions/%s" % (vm.split("/")[-1], name)
        else:
            rid = base + t + "/" + name
        if t == "Microsoft.Compute/disks" and "Microsoft.Compute/virtualMachines" in last:
            managed_by = last["Microsoft.Compute/virtualMachines"]
        last[t] = rid
        created = stamp(400 + rng.below(900), rng.below(86400))
        r = {
            "changedTime": stamp(rng.below(60), rng.below(86400)),
            "createdTime": created,
            "extendedLocation": None,
            "id": rid,
            "identity": None if rng.below(3) else
            {"principalId": guid(rng), "tenantId": TENANT, "type": "SystemAssigned",
             "userAssignedIdentities": None},
            "kind": kind,
            "location": LOCATIONS[rng.below(len(LOCATIONS))],
            "managedBy": managed_by,
            "name": rid.split("/")[-1],
            "plan": None,
            "properties": None,
            "provisioningState": "Succeeded",
            "resourceGroup": rg,
            "sku": None,
            "tags": {"env": ENVS[i % len(ENVS)], "cost-center": "cc-%04d" % (i % 97),
                     "owner": "team-%02d@example.com" % (i % 31)},
            "type": t,
        }
        yield r, t


def main():
    args = sys.argv[1:]
    cat = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "catalog")
    if "--catalog" in args:
        k = args.index("--catalog")
        cat = args[k + 1]
        del args[k:k + 2]
    if args == ["--version"]:
        print(version(cat))
        return
    if len(args) != 2:
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    ver = version(cat)
    try:
        if json.load(open(os.path.join(out, "manifest.json")))["version"] == ver:
            return
    except (OSError, ValueError, KeyError):
        pass
    os.makedirs(out, exist_ok=True)
    if os.path.exists(os.path.join(out, "manifest.json")):
        os.unlink(os.path.join(out, "manifest.json"))

    types, controls, defender, policy = load_catalog(cat)
    pool = pools(types, controls, defender)
    rng = Rng(SEED)
    nsubs = min(50, max(2, n // 2000))
    subs = [guid(rng) for _ in range(nsubs)]

    with open(os.path.join(out, "accounts.json"), "w") as f:
        json.dump([{"cloudName": "AzureCloud", "homeTenantId": TENANT, "id": s,
                    "isDefault": k == 0, "managedByTenants": [],
                    "name": "Bench estate %02d (%s)" % (k, ENVS[k % len(ENVS)]),
                    "state": "Enabled", "tenantId": TENANT,
                    "user": {"name": "auditor@bench.example", "type": "user"}}
                   for k, s in enumerate(subs)], f, indent=2)
        f.write("\n")

    counts = {"resources": 0, "subscriptions": nsubs, "assessments": 0, "policy_states": 0}
    status_cut = (60, 90)            # of 100: Healthy below 60, Unhealthy below 90, else NotApplicable
    with open(os.path.join(out, "resources.json"), "w") as rf, \
            open(os.path.join(out, "defender.json"), "w") as df, \
            open(os.path.join(out, "policy.json"), "w") as pf:
        rf.write("[")
        df.write("{\n  \"value\": [")
        pf.write("{\n  \"@odata.context\": \"https://management.azure.com/providers/"
                 "Microsoft.PolicyInsights/policyStates/$metadata#latest\",\n"
                 "  \"value\": [")
        rl, dl, pl = ListWriter(rf, ""), ListWriter(df, "    "), ListWriter(pf, "    ")
        for i, (r, t) in enumerate(resources(n, rng, subs)):
            rl.add(r)
            counts["resources"] += 1
            rid, sub, rg = r["id"], r["id"].split("/")[2], r["resourceGroup"]
            p = pool[t]
            start = rng.below(max(1, min(len(p), 40)))
            for k in range(ASSESSMENTS_PER_RESOURCE):
                e = p[(start + k) % len(p)]
                roll = rng.below(100)
                code = "Healthy" if roll < status_cut[0] else \
                    "Unhealthy" if roll < status_cut[1] else "NotApplicable"
                status = {"code": code, "firstEvaluationDate": stamp(200 + rng.below(200), rng.below(86400)),
                          "statusChangeDate": stamp(120 + rng.below(80), rng.below(86400))}
                if code == "Unhealthy":
                    status["cause"], status["description"] = "", ""
                elif code == "NotApplicable":
                    status["cause"] = "NotApplicable"
                    status["description"] = "This assessment is not applicable to this resource"
                aid = rid + "/providers/Microsoft.Security/assessments/" + e["id"]
                dl.add({
                    "id": aid,
                    "name": e["id"],
                    "type": "Microsoft.Security/assessments",
                    "properties": {
                        "resourceDetails": {"Source": "Azure", "Id": rid,
                                            "ResourceProvider": t.split("/")[0].split(".")[1].lower(),
                                            "ResourceType": t.split("/", 1)[1].lower(),
                                            "ResourceName": r["name"]},
                        "displayName": e["title"],
                        "status": status,
                        "additionalData": {},
                        "timeGenerated": stamp(rng.below(120), rng.below(86400)),
                    },
                })
                counts["assessments"] += 1
            if i % POLICY_EVERY == 0:
                for k in range(POLICY_PER_RESOURCE):
                    e = policy[rng.below(len(policy))]
                    ok = rng.below(100) < 70
                    pl.add({
                        "@odata.id": None,
                        "@odata.context": "https://management.azure.com/subscriptions/%s/providers/"
                                          "Microsoft.PolicyInsights/policyStates/$metadata#latest/$entity" % sub,
                        "complianceState": "Compliant" if ok else "NonCompliant",
                        "effectiveParameters": "",
                        "isCompliant": ok,
                        "policyAssignmentId": "/subscriptions/%s/providers/Microsoft.Authorization/"
                                              "policyAssignments/mcsb" % sub,
                        "policyAssignmentName": "mcsb",
                        "policyAssignmentScope": "/subscriptions/" + sub,
                        "policyDefinitionAction": "audit",
                        "policyDefinitionCategory": "tbd",
                        "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/" + e["id"],
                        "policyDefinitionName": e["id"],
                        "policyDefinitionReferenceId": e["id"],
                        "policySetDefinitionCategory": "Security Center",
                        "policySetDefinitionId": "/providers/Microsoft.Authorization/policySetDefinitions/"
                                                 "1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
                        "policySetDefinitionName": "1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
                        "resourceGroup": rg,
                        "resourceId": rid,
                        "resourceLocation": r["location"],
                        "resourceType": t,
                        "subscriptionId": sub,
                        "timestamp": stamp(rng.below(60), rng.below(86400)),
                    })
                    counts["policy_states"] += 1
        rf.write("\n]\n")
        df.write("\n  ]\n}\n")
        pf.write("\n  ]\n}\n")

    with open(os.path.join(out, "profile.json"), "w") as f:
        json.dump({"srmap_profile": 1, "client": "Bench Estate", "assessor": "Bench Assessor",
                   "as_of": "2026-11-20T00:00:00Z", "frameworks": ["hipaa", "soc2", "fedramp"],
                   "fedramp_baseline": "moderate", "max_evidence_age_days": 90,
                   "marking": "Synthetic benchmark estate"}, f, indent=2)
        f.write("\n")
    files = ["resources.json", "accounts.json", "defender.json", "policy.json", "profile.json"]
    counts["bytes"] = {x: os.path.getsize(os.path.join(out, x)) for x in files}
    counts["resources_n"] = n
    counts["version"] = ver
    with open(os.path.join(out, "manifest.json.tmp"), "w") as f:
        json.dump(counts, f, indent=1)
    os.rename(os.path.join(out, "manifest.json.tmp"), os.path.join(out, "manifest.json"))


if __name__ == "__main__":
    main()
