#!/usr/bin/env bash
# Benchmark of code generation (issue 3), not a test: prints figures, never fails on a missed target.
#   1. all entity sets of the full-size F&O stand-in (53 MB, 4,824 entity types): generate, wall clock (median of 3)
#   2. a 50-entity-set selection of the same file, end to end (parse + select + render; median of 5)
#   3. xmllint --stream on the same file (median of 5), the reference for 2
#   4. debug compile time of the generated code for the union of the shared F&O subsets (134 entity types) and for
#      twice that, in a scratch package that depends on this one (ODataRuntime built first, not counted)
# Usage: Benchmarks/generate.sh        (uses ${TMPDIR:-/tmp}/odata-bench; BENCH_DIR overrides)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$ROOT/../shared"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/odata-bench}"
mkdir -p "$WORK"
command -v xmllint >/dev/null || { echo "error: xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }
[ -f "$SHARED/bench/make-fno-scale.py" ] || { echo "error: $SHARED/bench/make-fno-scale.py is missing" >&2; exit 2; }

echo "==> building the release CLI"
(cd "$ROOT" && swift build -c release --product odata-generator >/dev/null)
BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/odata-generator"

FULL="$WORK/fno-scale.xml"
[ -s "$FULL" ] || python3 "$SHARED/bench/make-fno-scale.py" "$FULL"
[ -s "$WORK/fno-union-1.xml" ] || python3 "$SHARED/bench/make-fno-scale.py" "$WORK/fno-union-1.xml" --copies 1 --enum-copies 1
[ -s "$WORK/fno-union-2.xml" ] || python3 "$SHARED/bench/make-fno-scale.py" "$WORK/fno-union-2.xml" --copies 2 --enum-copies 2

python3 - "$BIN" "$FULL" "$WORK" "$ROOT" <<'PY'
import os, re, shutil, statistics, subprocess, sys, time
bin_, full, work, root = sys.argv[1:5]

def wall(cmd, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        if r.returncode != 0:
            sys.exit(f"error: {' '.join(cmd[:3])} ... exited {r.returncode}")
    return statistics.median(times)

sets = re.findall(r'<EntitySet Name="([^"]+)"', open(full, encoding="utf-8-sig").read())[:50]
out = os.path.join(work, "gen")
wall([bin_, "generate", full, "--output-directory", out], 1)  # warm-up
all_sets = wall([bin_, "generate", full, "--output-directory", out], 3)
fifty = wall([bin_, "generate", full, "--output-directory", out + "-50", "--include-entity-sets", ",".join(sets)], 5)
xml = wall(["xmllint", "--stream", "--noout", full], 5)

def compile_time(doc, label):
    pkg = os.path.join(work, "compile-" + label)
    shutil.rmtree(os.path.join(pkg, "Sources"), ignore_errors=True)
    os.makedirs(os.path.join(pkg, "Sources", "Gen"), exist_ok=True)
    open(os.path.join(pkg, "Package.swift"), "w").write(
        '// swift-tools-version: 6.0\nimport PackageDescription\nlet package = Package(name: "compilebench",\n'
        f'  dependencies: [.package(path: "{root}")],\n'
        '  targets: [.target(name: "Gen", dependencies: [.product(name: "ODataRuntime", package: "%s")])])\n'
        % os.path.basename(root))
    subprocess.run([bin_, "generate", doc, "--output-directory", os.path.join(pkg, "Sources", "Gen"),
                    "--access-modifier", "public", "--shards", "8"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # A clean build folder each time; the runtime is built first and not counted.
    shutil.rmtree(os.path.join(pkg, ".build"), ignore_errors=True)
    subprocess.run(["swift", "build", "--target", "ODataRuntime"], cwd=pkg, check=True, stdout=subprocess.DEVNULL)
    t0 = time.perf_counter()
    r = subprocess.run(["swift", "build", "--target", "Gen"], cwd=pkg, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("error: the generated code did not build in %s:\n%s" % (pkg, (r.stdout + r.stderr)[-3000:]))
    types = len(re.findall(r'<EntityType ', open(doc, encoding="utf-8-sig").read()))
    return time.perf_counter() - t0, types

c1, t1 = compile_time(os.path.join(work, "fno-union-1.xml"), "1")
c2, t2 = compile_time(os.path.join(work, "fno-union-2.xml"), "2")

def v(ok): return "PASS" if ok else "MISS"
print()
print(f"file: {full} ({os.path.getsize(full):,} bytes)")
print(f"{'measure':52}{'seconds':>10}  target")
print(f"{'generate, all entity sets (median of 3)':52}{all_sets:>10.2f}  <= 3 s      {v(all_sets <= 3)}")
print(f"{'generate, 50 entity sets end to end (median of 5)':52}{fifty:>10.2f}  ratio {fifty / xml:.2f} <= 3x xmllint  {v(fifty <= 3 * xml)}")
print(f"{'xmllint --stream --noout (median of 5)':52}{xml:>10.2f}")
print(f"{f'debug compile, F&O union ({t1} entity types, 8 shards)':52}{c1:>10.2f}  <= 30 s     {v(c1 <= 30)}")
print(f"{f'debug compile, twice that ({t2} entity types)':52}{c2:>10.2f}  linear: {c2 / c1:.2f}x for 2x the types")
PY
