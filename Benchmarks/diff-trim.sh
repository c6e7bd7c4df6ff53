#!/usr/bin/env bash
# Benchmark of `diff` and `trim` (issue 6), not a test: prints figures, never fails on a missed target.
#   1. diff of two full-size F&O stand-ins (53 MB each; B is A with a few edits), wall clock and peak RSS, median of 5
#   2. the same restricted to a 50-entity-set config (--config), median of 5
#   3. trim of the stand-in to those 50 sets and to everything: time, sizes, and xmllint --schema on the output
#   4. xmllint --stream on one stand-in (median of 5), the reference
# Usage: Benchmarks/diff-trim.sh        (uses ${TMPDIR:-/tmp}/odata-bench; BENCH_DIR overrides)
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

A="$WORK/fno-scale.xml"
B="$WORK/fno-scale-b.xml"
[ -s "$A" ] || python3 "$SHARED/bench/make-fno-scale.py" "$A"

python3 - "$BIN" "$A" "$B" "$WORK" "$SHARED" <<'PY'
import os, re, statistics, subprocess, sys, time
bin_, a, b, work, shared = sys.argv[1:6]
text = open(a, encoding="utf-8-sig").read()
# B: a property type changed, a nullability changed, an enum member renamed, an entity set removed, a new property.
edited = text
edited = re.sub(r'(<Property Name="[^"]+" Type=")Edm\.Int32(")', r'\1Edm.Int64\2', edited, count=1)
edited = re.sub(r'(<Property Name="[^"]+" Type="Edm\.String") Nullable="false"', r'\1', edited, count=1)
edited = re.sub(r'<Member Name="([^"]+)" Value="1"', r'<Member Name="\1Renamed" Value="1"', edited, count=1)
edited = re.sub(r'\s*<EntitySet Name="[^"]+" EntityType="[^"]+" />', '', edited, count=1)
edited = edited.replace('</EntityType>', '<Property Name="BenchmarkMemo" Type="Edm.String" /></EntityType>', 1)
open(b, "w", encoding="utf-8").write(edited)
sets = re.findall(r'<EntitySet Name="([^"]+)"', text)[::96][:50]
del text, edited
config = os.path.join(work, "diff-trim-50.yaml")
open(config, "w").write("include:\n  entitySets: [" + ", ".join(sets) + "]\n")

TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None

def run(cmd, runs):
    """Median wall clock and peak RSS (MB, from /usr/bin/time: rusage of a forked child would count this script)."""
    times, peaks = [], []
    for _ in range(runs):
        full = [TIME, "-f", "%M", "-o", os.path.join(work, "rss.txt")] + cmd if TIME else cmd
        t0 = time.perf_counter()
        code = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - t0)
        if code not in (0, 1):
            sys.exit(f"error: {' '.join(cmd[:3])} ... exited {code}")
        if TIME:
            peaks.append(int(open(os.path.join(work, "rss.txt")).read().split()[-1]) / 1024)
    return statistics.median(times), (max(peaks) if peaks else float("nan"))

mb = os.path.getsize(a) / 1e6
t, rss = run([bin_, "diff", a, b, "--format", "json"], 5)
print(f"{f'diff, two {mb:.0f} MB documents:':42s}{t:5.2f} s  peak RSS {rss:.0f} MB")
t, rss = run([bin_, "diff", a, b, "--config", config], 5)
print(f"{'diff --config (50 entity sets):':42s}{t:5.2f} s  peak RSS {rss:.0f} MB")
x, _ = run(["xmllint", "--stream", "--noout", a], 5)
print(f"{'xmllint --stream, one document:':42s}{x:5.2f} s")
out = subprocess.run([bin_, "diff", a, b], capture_output=True, text=True).stdout
print("diff summary: " + out.strip().splitlines()[-1])
xsd = os.path.join(shared, "schemas/oasis/edmx.xsd")
for label, extra, name in [("50 entity sets", ["--config", config], "trim-50.xml"), ("everything", [], "trim-all.xml")]:
    target = os.path.join(work, name)
    t, rss = run([bin_, "trim", a, "--output", target] + extra, 3)
    valid = subprocess.run(["xmllint", "--noout", "--schema", xsd, target], capture_output=True).returncode == 0 \
        if os.path.exists(xsd) else None
    print(f"{'trim to ' + label + ':':42s}{t:5.2f} s  peak RSS {rss:.0f} MB  {os.path.getsize(a):,} -> "
          f"{os.path.getsize(target):,} bytes  XSD: {'valid' if valid else ('absent' if valid is None else 'INVALID')}")
PY
