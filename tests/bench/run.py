#!/usr/bin/env python3
"""Benchmark: assess synthetic estates of growing size and print time, rate and peak memory.

usage: run.py SRMAP_BINARY WORKDIR FORMATS SIZE...
FORMATS is srmap's --format value (xml for the engine alone, all for every report).
The figures show whether the cost grows linearly with the input (the evidence lookup is a
hash index, so time per workload should stay flat as the estate grows).
"""
import os
import resource
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))


def run(binary, work, formats, n):
    d = os.path.join(work, "estate-%d" % n)
    subprocess.run([sys.executable, os.path.join(here, "gen-estate.py"), str(n), d], check=True)
    size = sum(os.path.getsize(os.path.join(d, f)) for f in ("inventory.json", "evidence.json"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run([binary, "assess", "-q", "--format", formats,
                        "--inventory", os.path.join(d, "inventory.json"),
                        "--evidence", os.path.join(d, "evidence.json"),
                        "--profile", os.path.join(d, "profile.json"),
                        "--out", os.path.join(d, "out")], stderr=subprocess.PIPE)
    secs = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("srmap failed on %d workloads: %s" % (n, p.stderr.decode()[:500]))
    out = os.path.getsize(os.path.join(d, "out", "assessment.xml"))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print("%-4s %8d workloads %7.1f MB in  %7.2f s  %6.1f us/workload  %9.0f workloads/s  "
          "peak RSS %6.0f MB  %7.1f MB XML" % (formats, n, size / 1e6, secs, cpu / n * 1e6, n / secs,
                                                after.ru_maxrss / 1024.0, out / 1e6))


def main():
    binary, work, formats = sys.argv[1], sys.argv[2], sys.argv[3]
    for n in [int(s) for s in sys.argv[4:]]:
        run(binary, work, formats, n)


if __name__ == "__main__":
    main()
