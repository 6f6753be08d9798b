#!/usr/bin/env python3
"""Checks that the source tree keeps the shape docs/architecture.md describes.

- src/ has one folder per pipeline stage; a file includes headers of its own stage, of base,
  and of the stages below it only (cli -> write -> assess -> read -> model -> base;
  write -> pdf -> base).
- A stage is seen from above through its one header, include/srmap/STAGE.h; the headers in
  include/srmap/STAGE/ are for the stage itself and for that header.  base is the toolkit every
  stage uses, header by header.
- No two modules depend on each other, neither through includes nor through the functions
  their objects call (read from the objects in BUILD with nm).
- No source or header file is longer than LIMIT lines.

usage: check-tree.py TOP [BUILD]
"""
import glob
import os
import re
import subprocess
import sys

LIMIT = 600
BELOW = {
    "base": set(),
    "model": {"base"},
    "read": {"model", "base"},
    "pdf": {"base"},
    "assess": {"read", "model", "base"},
    "write": {"assess", "read", "model", "pdf", "base"},
    "cli": {"write", "assess", "read", "model", "pdf", "base"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def stage_and_module(path):
    """(stage, module) of a file under src/ or include/srmap/, or None."""
    parts = path.split(os.sep)
    name = os.path.splitext(parts[-1])[0]
    if parts[0] == "src" and len(parts) == 3:
        return parts[1], parts[1] + "/" + name
    if parts[:2] == ["include", "srmap"] and len(parts) == 4:
        return parts[2], parts[2] + "/" + name
    if parts[:2] == ["include", "srmap"] and len(parts) == 3:
        return name, name + "/(stage header)"
    return None


def resolve(top, including, target):
    """Path (relative to top) of the header that #include "target" in including names."""
    for base in (os.path.dirname(including), "include"):
        cand = os.path.normpath(os.path.join(base, target))
        if os.path.exists(os.path.join(top, cand)):
            return cand
    return None


def find_cycles(graph):
    """Strongly connected components with more than one member (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def symbol_graph(build):
    """module -> modules whose functions or data its object uses, from nm."""
    defined, used = {}, {}
    for obj in sorted(glob.glob(os.path.join(build, "*", "*.o"))):
        rel = os.path.relpath(obj, build)
        module = os.path.splitext(rel)[0]
        res = subprocess.run(["nm", obj], capture_output=True, text=True, check=True)
        for line in res.stdout.splitlines():
            f = line.split()
            if len(f) == 2 and f[0] == "U":
                used.setdefault(module, set()).add(f[1])
            elif len(f) == 3 and f[1] in "TDRB":
                defined[f[2]] = module
    graph = {}
    for module, syms in used.items():
        for s in syms:
            if s in defined and defined[s] != module:
                graph.setdefault(module, set()).add(defined[s])
    return graph


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "."
    build = sys.argv[2] if len(sys.argv) > 2 else None
    errors = []
    files = sorted(glob.glob(os.path.join(top, "src", "*", "*.[ch]")) +
                   glob.glob(os.path.join(top, "include", "srmap", "*.h")) +
                   glob.glob(os.path.join(top, "include", "srmap", "*", "*.h")))
    stray = sorted(set(glob.glob(os.path.join(top, "src", "*.[ch]")) +
                       glob.glob(os.path.join(top, "include", "*.h"))))
    for s in stray:
        errors.append("%s: outside the stage folders" % os.path.relpath(s, top))

    graph = {}
    for path in files:
        rel = os.path.relpath(path, top)
        sm = stage_and_module(rel)
        stage, module = sm
        if stage not in BELOW:
            errors.append("%s: %s is not a stage (%s)" % (rel, stage, ", ".join(BELOW)))
            continue
        text = open(path, encoding="utf-8").read()
        lines = text.count("\n")
        if lines > LIMIT:
            errors.append("%s: %d lines, more than %d" % (rel, lines, LIMIT))
        for m in INCLUDE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            target = resolve(top, rel, m.group(1))
            if target is None:
                errors.append("%s:%d: \"%s\" is not a header of the tree" % (rel, line, m.group(1)))
                continue
            tstage, tmodule = stage_and_module(target)
            if tmodule != module:
                graph.setdefault(module, set()).add(tmodule)
            if tstage == stage:
                continue
            if tstage not in BELOW[stage]:
                errors.append("%s:%d: %s includes %s: the %s stage may not use the %s stage" %
                              (rel, line, stage, target, stage, tstage))
            elif tstage != "base" and not tmodule.endswith("(stage header)") \
                    and not module.endswith("(stage header)"):
                errors.append("%s:%d: includes %s; from another stage include srmap/%s.h" %
                              (rel, line, target, tstage))
            if target.startswith("src" + os.sep):
                errors.append("%s:%d: %s is internal to the %s stage" % (rel, line, target, tstage))

    for comp in find_cycles(graph):
        errors.append("include cycle: " + " <-> ".join(comp))
    if build and os.path.isdir(build):
        for comp in find_cycles(symbol_graph(build)):
            errors.append("modules call each other: " + " <-> ".join(comp))
        sgraph = symbol_graph(build)
        for module, deps in sorted(sgraph.items()):
            for dep in sorted(deps):
                s, t = module.split("/")[0], dep.split("/")[0]
                if s != t and t not in BELOW.get(s, ()):
                    errors.append("%s uses %s: the %s stage may not call the %s stage" %
                                  (module, dep, s, t))

    for e in errors:
        print("check-tree: " + e)
    if errors:
        return 1
    print("check-tree: ok (%d files in %d stages, no cycles, none over %d lines)" %
          (len(files), len(BELOW), LIMIT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
