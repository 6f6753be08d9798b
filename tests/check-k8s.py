#!/usr/bin/python3
"""Checks the Kubernetes samples (samples/kubernetes, docs/scale.md) without a cluster.

usage: check-k8s.py SRMAP WORKDIR

- The manifests, filled in as submit.sh fills them (3 shards), parse as YAML and have the
  shape the API wants for what they use: a PersistentVolumeClaim, an Indexed Job whose
  completions and parallelism are the shard count, whose pods take their index from the
  job-completion-index annotation, and a merge Job on the same image, volume and folders.
- The containers' commands are run here, as the pods would run them (each shard's arguments
  with the index filled in, in a working folder laid out as the volume), and the merge's result
  is compared with an unsharded run of the same arguments: every file byte for byte.
- The image recipe: Debian 12 slim, and its final stage installs the Debian package of every
  library srmap links, the fonts the PDF uses and the sRGB profile of its output intent.
"""
import os
import re
import shutil
import subprocess
import sys

import yaml

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
K8S = os.path.join(TOP, "samples", "kubernetes")
SHARDS = 3
EPOCH = "1795132800"
IMAGE = "srmap:test"
failures = []


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


def fill(name):
    with open(os.path.join(K8S, name), encoding="utf-8") as f:
        text = f.read()
    # the same substitutions as submit.sh's sed
    text = text.replace("@SHARDS@", str(SHARDS)).replace("@SOURCE_DATE_EPOCH@", EPOCH)
    return yaml.safe_load(text.replace("@IMAGE@", IMAGE))


def pod_container(job):
    spec = job["spec"]["template"]["spec"]
    return spec, spec["containers"][0]


def check_manifests():
    pvc = fill("srmap-data.yaml")
    shards = fill("srmap-shards.yaml")
    merge = fill("srmap-merge.yaml")
    check(pvc.get("apiVersion") == "v1" and pvc.get("kind") == "PersistentVolumeClaim" and
          isinstance(pvc["spec"].get("accessModes"), list) and
          "storage" in pvc["spec"]["resources"]["requests"],
          "srmap-data.yaml is a PersistentVolumeClaim with access modes and a storage request")
    for job, name in ((shards, "srmap-shards"), (merge, "srmap-merge")):
        check(job.get("apiVersion") == "batch/v1" and job.get("kind") == "Job" and
              job["metadata"]["name"] == name, name + ".yaml is a batch/v1 Job named " + name)
        spec, c = pod_container(job)
        check(spec.get("restartPolicy") in ("Never", "OnFailure"),
              name + ": the pod's restartPolicy is one a Job allows")
        check(isinstance(c.get("args"), list) and all(isinstance(a, str) for a in c["args"]),
              name + ": the container's args are a list of strings")
        check(c.get("image") == IMAGE, name + ": the image is the one submit.sh names")
        mounts = {m["name"]: m["mountPath"] for m in c.get("volumeMounts", [])}
        claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in spec["volumes"]}
        check(claims.get("data") == pvc["metadata"]["name"] and mounts.get("data") == c["workingDir"],
              name + ": the shared volume is mounted where the container works")
    s = shards["spec"]
    check(s.get("completionMode") == "Indexed" and s.get("completions") == SHARDS and
          s.get("parallelism") == SHARDS,
          "srmap-shards: an Indexed Job of as many completions (and pods at once) as shards")
    _, c = pod_container(shards)
    env = {e["name"]: e for e in c["env"]}
    check(env["SHARD"]["valueFrom"]["fieldRef"]["fieldPath"] ==
          "metadata.annotations['batch.kubernetes.io/job-completion-index']",
          "srmap-shards: SHARD is the pod's completion index")
    check(re.fullmatch(r"\d+", env["SOURCE_DATE_EPOCH"]["value"]) is not None,
          "srmap-shards: one SOURCE_DATE_EPOCH, a string of digits, for every pod")
    args = c["args"]
    check(args[0] == "assess" and "--shard" in args and
          args[args.index("--shard") + 1] == "$(SHARD)/%d" % SHARDS,
          "srmap-shards: each pod runs assess --shard $(SHARD)/N")
    _, m = pod_container(merge)
    margs = m["args"]
    check(margs[0] == "merge" and margs[margs.index("--out") + 1] == args[args.index("--out") + 1],
          "srmap-merge: merge writes into the folder the shards write their parts to")
    return args, margs, dict((e["name"], e.get("value")) for e in c["env"])


def run_pods(srmap, work, args, margs):
    """The pods' commands, run here in a folder laid out as the volume."""
    volume = os.path.join(work, "volume")
    whole = os.path.join(work, "whole")
    for d in (volume, whole):
        os.makedirs(os.path.join(d, "in"))
    subprocess.run([sys.executable, os.path.join(TOP, "tests", "bench", "gen-estate.py"), "120",
                    os.path.join(work, "estate")], check=True, stdout=subprocess.DEVNULL)
    for d in (volume, whole):
        for f in ("resources.json", "accounts.json", "defender.json", "policy.json", "profile.json"):
            shutil.copy(os.path.join(work, "estate", f), os.path.join(d, "in", f))
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, SRMAP_DATADIR=TOP)
    for k in range(SHARDS):
        pod = [a.replace("$(SHARD)", str(k)) for a in args]
        r = subprocess.run([srmap] + pod, cwd=volume, env=env, capture_output=True, text=True)
        if not check(r.returncode == 0, "shard pod %d: exit %d %s" % (k, r.returncode, r.stderr[:200])):
            return
    r = subprocess.run([srmap] + margs, cwd=volume, env=env, capture_output=True, text=True)
    if not check(r.returncode == 0, "merge pod: exit %d %s" % (r.returncode, r.stderr[:200])):
        return
    i = args.index("--shard")
    r = subprocess.run([srmap] + args[:i] + args[i + 2:], cwd=whole, env=env, capture_output=True)
    check(r.returncode == 0, "the unsharded run of the same arguments")
    out = args[args.index("--out") + 1]
    names = sorted(os.listdir(os.path.join(whole, out, "current")))
    same = all(open(os.path.join(whole, out, "current", n), "rb").read() ==
               open(os.path.join(volume, out, "current", n), "rb").read() for n in names)
    check(len(names) > 5 and same,
          "the pods' commands give the unsharded run's %d files, byte for byte" % len(names))


def dpkg_package(path):
    r = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True)
    if r.returncode != 0:
        # merged /usr: the package may list the path under /lib
        alt = re.sub(r"^/usr/lib/", "/lib/", os.path.realpath(path))
        r = subprocess.run(["dpkg", "-S", alt], capture_output=True, text=True)
    return r.stdout.split(":")[0] if r.returncode == 0 else None


def check_image(srmap):
    with open(os.path.join(K8S, "Dockerfile"), encoding="utf-8") as f:
        text = f.read()
    stages = re.split(r"^FROM ", text, flags=re.M)[1:]
    check(len(stages) == 2 and all(s.startswith("debian:bookworm-slim") for s in stages),
          "Dockerfile: a build stage and a final stage, both on debian:bookworm-slim")
    final = stages[-1].replace("\\\n", " ")
    installed = set()
    for line in final.splitlines():
        if "apt-get install" in line:
            words = line.split("apt-get install", 1)[1].split("&&")[0].split()
            installed.update(w for w in words if not w.startswith("-"))
    needed = subprocess.run(["readelf", "-d", srmap], capture_output=True, text=True).stdout
    libs = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", needed)
    ldd = subprocess.run(["ldd", srmap], capture_output=True, text=True).stdout
    paths = dict(re.findall(r"^\s*(\S+) => (\S+)", ldd, flags=re.M))
    missing = []
    # a sanitized test build links the sanitizers' runtimes; the image is a normal build
    libs = [lib for lib in libs if not re.match(r"lib(asan|ubsan|lsan|tsan)\.so", lib)]
    for lib in libs:
        pkg = dpkg_package(paths.get(lib, lib))
        if pkg and pkg != "libc6" and pkg not in installed:
            missing.append("%s (%s)" % (lib, pkg))
    check(libs and not missing, "Dockerfile: the final stage installs every library srmap links" +
          (": missing " + ", ".join(missing) if missing else ""))
    for pkg, what in (("fonts-dejavu-core", "the PDF's fonts"),
                      ("fonts-droid-fallback", "the fallback font"),
                      ("icc-profiles-free", "the sRGB profile of the PDF/A output intent")):
        check(pkg in installed, "Dockerfile: the final stage installs %s (%s)" % (pkg, what))


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    srmap, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    args, margs, _ = check_manifests()
    run_pods(srmap, work, args, margs)
    check_image(srmap)
    print("k8s: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
