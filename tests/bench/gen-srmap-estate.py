#!/usr/bin/env python3
"""Writes a synthetic estate in srmap's own JSON: N workloads and about 3N evidence records.

usage: gen-srmap-estate.py N OUTDIR
The tests use it for estates of a known size in srmap's formats (the nightly kill tests, the
large PDF checks); the benchmark's estates in the shapes of real exports are gen-estate.py's.
Types cycle through common Azure and SaaS types of the shipped catalog; evidence mixes
workload, subscription and tenant scopes, passes, failures and old records.
"""
import json
import os
import sys

TYPES = [
    "Microsoft.Compute/virtualMachines", "Microsoft.Web/sites", "Microsoft.Sql/servers",
    "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults",
    "Microsoft.ContainerService/managedClusters", "Microsoft.Network/virtualNetworks",
    "Microsoft 365 Exchange Online", "Contoso.Unknown/widgets",
]
CONTROLS = ["iam-mfa", "os-patch-management", "net-private-endpoints", "data-sql-tde",
            "ops-audit-logging", "data-backup-recovery", "net-waf", "iam-managed-identities"]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    tenant = "bench.onmicrosoft.com"
    subs = ["%08d-0000-4000-8000-000000000000" % i for i in range(10)]
    workloads, evidence = [], []
    for i in range(n):
        t = TYPES[i % len(TYPES)]
        sub = subs[i % len(subs)]
        wid = "/subscriptions/%s/resourceGroups/rg-%d/providers/%s/w%d" % (sub, i % 50, t, i)
        workloads.append({"id": wid, "name": "w%d" % i, "type": t, "subscription": sub,
                          "tenant": tenant, "location": "eastus", "tags": {"env": "prod"}})
        for k in range(3):
            evidence.append({"id": "E%d-%d" % (i, k), "control": CONTROLS[(i + k) % len(CONTROLS)],
                             "workload": wid, "result": "fail" if (i + k) % 7 == 0 else "pass",
                             "collected_at": "2026-%02d-15T10:00:00Z" % (1 + (i + k) % 10),
                             "collected_by": "benchmark"})
    for c in CONTROLS:
        evidence.append({"id": "T-" + c, "control": c, "tenant": tenant, "result": "pass",
                         "collected_at": "2026-11-01T00:00:00Z", "collected_by": "benchmark"})
    with open(os.path.join(out, "inventory.json"), "w") as f:
        json.dump({"srmap_inventory": 1, "workloads": workloads}, f, indent=1)
    with open(os.path.join(out, "evidence.json"), "w") as f:
        json.dump({"srmap_evidence": 1, "evidence": evidence}, f, indent=1)
    with open(os.path.join(out, "profile.json"), "w") as f:
        json.dump({"srmap_profile": 1, "client": "Bench", "assessor": "Bench",
                   "as_of": "2026-11-20T00:00:00Z", "max_evidence_age_days": 180}, f)


if __name__ == "__main__":
    main()
