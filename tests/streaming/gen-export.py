#!/usr/bin/env python3
"""Writes a large Azure estate for the streaming tests and measurements: an az resource
list of the virtual machines and a Defender for Cloud assessments export (REST envelope)
about them, built from the assessments of samples/azure.

usage: gen-export.py SAMPLES_AZURE_DIR OUT_DIR ASSESSMENTS [VARIANT]
VARIANT: ok (default), repeat (an assessment saved twice), nozone (times without a zone),
malformed (a syntax error in the middle), truncated (the file cut short),
dupkey (a duplicate key inside a record in the middle), control (control characters,
which XML cannot carry, in a resource name and in an assessment in the middle)."""
import json, os, sys

src, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
variant = sys.argv[4] if len(sys.argv) > 4 else "ok"
sample = json.load(open(os.path.join(src, "defender-assessments.json")))["value"]
resources = json.load(open(os.path.join(src, "resources.json")))
vm = next(r for r in resources if r["type"] == "Microsoft.Compute/virtualMachines")
kinds = [a for a in sample if a["properties"]["status"]["code"] in ("Healthy", "Unhealthy")]
nvm = max(1, count // len(kinds))
base = vm["id"].rsplit("/", 1)[0]
os.makedirs(out, exist_ok=True)
vms = []
for i in range(nvm):
    r = dict(vm)
    r["id"] = "%s/vm-gen-%06d" % (base, i)
    r["name"] = "vm-gen-%06d" % i
    vms.append(r)
if variant == "control":
    vms[nvm // 2]["name"] += "\u0001\u0007"
with open(os.path.join(out, "resources.json"), "w") as f:
    json.dump(vms, f, indent=2)
recs = []
for n in range(count):
    a = json.loads(json.dumps(kinds[n % len(kinds)]))
    rid = vms[(n // len(kinds)) % nvm]["id"]
    a["id"] = rid + "/providers/Microsoft.Security/assessments/" + a["name"]
    a["properties"]["resourceDetails"]["id"] = rid
    a["properties"]["status"]["code"] = "Unhealthy" if n % 7 == 0 else "Healthy"
    when = "2026-11-%02dT05:%02d:00" % (1 + n % 18, n % 60)
    a["properties"]["status"]["statusChangeDate"] = when if variant == "nozone" else when + "Z"
    recs.append(a)
if variant == "repeat":
    recs.append(json.loads(json.dumps(recs[count // 2])))
text = json.dumps({"value": recs, "nextLink": None}, indent=2)
mid = len(text) // 2
if variant == "malformed":
    at = text.index('"code"', mid)
    text = text[:at] + '"code" "Healthy"' + text[text.index(",", at):]
elif variant == "truncated":
    text = text[:mid]
elif variant == "dupkey":
    at = text.index('"displayName"', mid)
    text = text[:at] + '"displayName": "again", ' + text[at:]
elif variant == "control":
    at = text.index('"displayName": "', mid) + len('"displayName": "')
    text = text[:at] + '\\u001b[0m' + text[at:]
with open(os.path.join(out, "defender.json"), "w") as f:
    f.write(text)
