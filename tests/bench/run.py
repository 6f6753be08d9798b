#!/usr/bin/env python3
"""The srmap benchmark: assess synthetic estates and compare with the parse floor.

usage: run.py [--srmap BIN] [--floor BIN] [--work DIR] [--sets "xml nopdf all all-j2"]
              [--repeat N] [--timeout SECS] [--json FILE] SIZE...

For each SIZE (resources) it generates the estate with gen-estate.py (cached in
WORK/estate-SIZE-VERSION), then runs, each in a fresh process and measured on its own
(wall time, user and system CPU, peak RSS from wait4):

  floor   tests/bench/floor on the files srmap reads: the catalog, the exports, the profile
  xml     srmap assess --format xml                     (the canonical XML alone)
  nopdf   srmap assess --format xml,oscal,crm,csv       (every format but the PDF)
  all     srmap assess --format xml,oscal,crm,csv,pdf   (the formats of the goals)
  all-j2  the same with --jobs 2                        (both cores: the PDF beside the others;
          its peak RSS is that of the largest process, the workers sharing the run's pages)
  pipeline srmap assess --format xml,json,junit         (the findings for pipelines; not by default)

Each run's address space is capped (--mem-limit-gb, default three quarters of the machine's
memory), so a run too large for the machine fails on its own.  Sizes below 100,000 are run --repeat times (default 3) and the run with the median wall time is
kept; larger sizes once.  A run that fails or exceeds --timeout is reported as failed with its
reason and the bench goes on.  Prints a table and the gaps to the goals of docs/performance.md,
and writes every figure to WORK/results.json.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
SETS = {"xml": "xml", "nopdf": "xml,oscal,crm,csv", "all": "xml,oscal,crm,csv,pdf",
        "all-j2": "xml,oscal,crm,csv,pdf", "pipeline": "xml,json,junit"}
EXTRA = {"all-j2": ["--jobs", "2"]}
GOAL_XML, GOAL_ALL, GOAL_RSS, GOAL_SCALE = 1.5, 3.0, 1.0, 11.0


def limit_memory(gb):
    """A preexec function: cap the child's address space, so that a run too big for the machine
    fails alone (malloc returns NULL) instead of waking the kernel's OOM killer."""
    def set_limit():
        if gb:
            b = int(gb * 1024 ** 3)
            resource.setrlimit(resource.RLIMIT_AS, (b, b))
    return set_limit


MEM_LIMIT_GB = None


def measure(argv, timeout):
    """Runs argv in a fresh process; returns its wall time, CPU, peak RSS and status.

    The figures are the child's own (wait4), so every run's peak RSS is its own."""
    with tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err,
                             preexec_fn=limit_memory(MEM_LIMIT_GB))
        timed_out = False
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid == p.pid:
                break
            if time.monotonic() - t0 > timeout:
                os.kill(p.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(p.pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)   # reaped here, not by Popen
        err.seek(max(0, err.seek(0, 2) - 4000))
        tail = err.read().decode("utf-8", "replace").strip().splitlines()
    r = {"wall_s": round(wall, 3), "user_s": round(ru.ru_utime, 3), "sys_s": round(ru.ru_stime, 3),
         "peak_rss_mb": round(ru.ru_maxrss / 1024.0, 1)}
    if timed_out:
        r["failed"] = "timeout after %d s" % timeout
    elif os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        r["failed"] = "killed by signal %d%s" % (sig, " (out of memory?)" if sig == signal.SIGKILL else "")
    elif os.WEXITSTATUS(status) not in (0, 1):
        r["failed"] = "exit status %d: %s" % (os.WEXITSTATUS(status), tail[-1] if tail else "")
        if MEM_LIMIT_GB and ru.ru_maxrss / 1024.0 ** 2 > MEM_LIMIT_GB * 0.8:
            r["failed"] += " (near the %.0f GB memory limit)" % MEM_LIMIT_GB
    return r


def catalog_files():
    cat = os.path.join(TOP, "catalog")
    man = json.load(open(os.path.join(cat, "catalog.json")))
    return [os.path.join(cat, "catalog.json")] + [os.path.join(cat, f) for f in man["include"]]


def estate(work, n):
    gen = os.path.join(HERE, "gen-estate.py")
    ver = subprocess.run([sys.executable, gen, "--version"], check=True,
                         stdout=subprocess.PIPE).stdout.decode().strip()
    d = os.path.join(work, "estate-%d-%s" % (n, ver))
    for old in os.listdir(work):
        if old.startswith("estate-%d-" % n) and old != os.path.basename(d):
            shutil.rmtree(os.path.join(work, old), ignore_errors=True)
    t0 = time.monotonic()
    subprocess.run([sys.executable, gen, str(n), d], check=True)
    secs = time.monotonic() - t0
    man = json.load(open(os.path.join(d, "manifest.json")))
    if secs > 5:
        print("generated %d resources in %.0f s" % (n, secs), flush=True)
    return d, man


def pdf_pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def median_run(argv, repeat, timeout, before=None):
    runs = []
    for _ in range(repeat):
        if before:
            before()
        r = measure(argv, timeout)
        runs.append(r)
        if "failed" in r:
            return r
    runs.sort(key=lambda r: r["wall_s"])
    best = dict(runs[len(runs) // 2])
    if repeat > 1:
        best["walls_s"] = [r["wall_s"] for r in runs]
    return best


def bench_size(args, n):
    d, man = estate(args.work, n)
    inv = [os.path.join(d, "resources.json"), os.path.join(d, "accounts.json")]
    evi = [os.path.join(d, "defender.json"), os.path.join(d, "policy.json")]
    prof = os.path.join(d, "profile.json")
    records = man["resources"] + man["subscriptions"] + man["assessments"] + man["policy_states"]
    input_mb = sum(os.path.getsize(f) for f in inv + evi + [prof]) / 1e6
    repeat = args.repeat if n < 100000 else 1
    res = {"resources": n, "records": records, "input_mb": round(input_mb, 1),
           "defender_mb": round(os.path.getsize(evi[0]) / 1e6, 1), "manifest": man, "runs": {}}

    floor = median_run([args.floor] + catalog_files() + inv + [prof] + evi, repeat, args.timeout)
    res["runs"]["floor"] = floor
    print("  %-6s %8.2f s  %7.0f MB" % ("floor", floor["wall_s"], floor["peak_rss_mb"]), flush=True)
    for s in args.sets:
        out = os.path.join(args.work, "out-%d-%s" % (n, s))
        argv = [args.srmap, "assess", "-q", "--format", SETS[s]] + EXTRA.get(s, []) + \
               ["--inventory"] + inv + ["--evidence"] + evi + ["--profile", prof, "--out", out]
        r = median_run(argv, repeat, args.timeout, before=lambda: shutil.rmtree(out, ignore_errors=True))
        if "failed" not in r and "pdf" in SETS[s]:
            r["pages"] = pdf_pages(os.path.join(out, "report.pdf"))
        if "failed" not in r:
            r["output_mb"] = round(sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out)
                                       if os.path.isfile(os.path.join(out, f))) / 1e6, 1)
        res["runs"][s] = r
        print("  %-6s %s" % (s, ("%8.2f s  %7.0f MB" % (r["wall_s"], r["peak_rss_mb"]))
                             if "failed" not in r else "FAILED: " + r["failed"]), flush=True)
        if not args.keep_output:
            shutil.rmtree(out, ignore_errors=True)
    derive(res)
    return res


def derive(res):
    floor = res["runs"]["floor"]
    for name, r in res["runs"].items():
        if "failed" in r or name == "floor":
            continue
        r["records_per_s"] = round(res["records"] / r["wall_s"])
        if "failed" not in floor:
            r["time_x_floor"] = round(r["wall_s"] / floor["wall_s"], 2)
            r["rss_x_floor"] = round(r["peak_rss_mb"] / floor["peak_rss_mb"], 2)
        if r.get("pages"):
            r["pages_per_s"] = round(r["pages"] / r["wall_s"], 1)
    a, b = res["runs"].get("all"), res["runs"].get("nopdf")
    if a and b and "failed" not in a and "failed" not in b and a.get("pages"):
        pdf_s = a["wall_s"] - b["wall_s"]
        res["pdf_only"] = {"wall_s": round(pdf_s, 2), "pages": a["pages"],
                           "pages_per_s": round(a["pages"] / pdf_s, 1) if pdf_s > 0 else None}


def scaling(results):
    out = []
    by_n = {r["resources"]: r for r in results}
    for n in sorted(by_n):
        m = n * 10
        if m not in by_n:
            continue
        row = {"from": n, "to": m}
        for name in by_n[n]["runs"]:
            a, b = by_n[n]["runs"][name], by_n[m]["runs"].get(name)
            if b and "failed" not in a and "failed" not in b:
                row[name] = round(b["wall_s"] / a["wall_s"], 2)
        out.append(row)
    return out


def fmt(v, f):
    return f % v if v is not None else "-"


def report(results, scale):
    print()
    print("%-8s %-6s %9s %9s %9s %11s %9s %8s %8s" % ("size", "set", "wall s", "CPU s", "RSS MB",
                                                   "records/s", "pages/s", "x floor", "RSS x"))
    for res in results:
        for name, r in res["runs"].items():
            if "failed" in r:
                print("%-8d %-6s FAILED: %s" % (res["resources"], name, r["failed"]))
                continue
            print("%-8d %-6s %9.2f %9.2f %9.0f %11s %9s %8s %8s" % (
                res["resources"], name, r["wall_s"], r["user_s"] + r["sys_s"], r["peak_rss_mb"],
                fmt(r.get("records_per_s"), "%d"), fmt(r.get("pages_per_s"), "%.1f"),
                fmt(r.get("time_x_floor"), "%.2f"), fmt(r.get("rss_x_floor"), "%.2f")))
        if "pdf_only" in res:
            p = res["pdf_only"]
            print("%-8d %-6s %9.2f %9s %9s %11s %9s   (all - nopdf; %d pages)" % (
                res["resources"], "pdf", p["wall_s"], "", "", "", fmt(p["pages_per_s"], "%.1f"),
                p["pages"]))
    for row in scale:
        print("10x scaling %d -> %d: %s" % (row["from"], row["to"], ", ".join(
            "%s %.2fx" % (k, v) for k, v in row.items() if k not in ("from", "to"))))
    print()
    print("goals (sizes 10,000 and up):")
    for res in results:
        if res["resources"] < 10000:
            continue
        runs = res["runs"]
        for name, goal in (("xml", GOAL_XML), ("all", GOAL_ALL), ("all-j2", GOAL_ALL)):
            r = runs.get(name)
            if r and "time_x_floor" in r:
                print("  %d %s time %.2fx floor (goal <= %.1fx): %s" % (
                    res["resources"], name, r["time_x_floor"], goal,
                    "met" if r["time_x_floor"] <= goal else "missed"))
        for name, r in runs.items():
            if "rss_x_floor" in r:
                print("  %d %s peak RSS %.2fx floor (goal <= %.1fx): %s" % (
                    res["resources"], name, r["rss_x_floor"], GOAL_RSS,
                    "met" if r["rss_x_floor"] <= GOAL_RSS else "missed"))
    for row in scale:
        if row["from"] >= 10000 or row["to"] >= 10000:
            for k, v in row.items():
                if k not in ("from", "to", "floor"):
                    print("  %d -> %d %s time %.2fx (goal <= %.0fx): %s" % (
                        row["from"], row["to"], k, v, GOAL_SCALE, "met" if v <= GOAL_SCALE else "missed"))


def machine():
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release()}
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                info["mem_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srmap", default=os.path.join(TOP, "srmap"))
    ap.add_argument("--floor", default=os.path.join(HERE, "floor"))
    ap.add_argument("--work", default=os.path.join(TOP, "tests", "out", "bench"))
    ap.add_argument("--sets", default="xml nopdf all all-j2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--mem-limit-gb", type=float, default=None,
                    help="address-space limit of each run (default: 3/4 of the machine's memory)")
    ap.add_argument("--json", help="results file (default WORK/results.json)")
    ap.add_argument("--keep-output", action="store_true", help="keep the reports in WORK/out-SIZE-SET")
    ap.add_argument("sizes", nargs="+", type=int)
    args = ap.parse_args()
    args.sets = args.sets.split()
    global MEM_LIMIT_GB
    MEM_LIMIT_GB = args.mem_limit_gb if args.mem_limit_gb is not None else \
        round(machine().get("mem_gb", 0) * 0.75, 1) or None
    for s in args.sets:
        if s not in SETS:
            sys.exit("run.py: unknown set %r (xml, nopdf, all, all-j2, pipeline)" % s)
    os.makedirs(args.work, exist_ok=True)
    results = []
    for n in args.sizes:
        print("%d resources:" % n, flush=True)
        results.append(bench_size(args, n))
    scale = scaling(results)
    report(results, scale)
    path = args.json or os.path.join(args.work, "results.json")
    with open(path, "w") as f:
        json.dump({"machine": machine(), "mem_limit_gb": MEM_LIMIT_GB, "sets": {s: SETS[s] for s in args.sets},
                   "sizes": results, "scaling": scale}, f, indent=1)
        f.write("\n")
    print("wrote %s" % path)


if __name__ == "__main__":
    main()
