#!/usr/bin/env bash
# Benchmark: `odata-generator inspect FILE --format json` against `xmllint --stream --noout FILE`
# (libxml2's own streaming parse, the floor for a SAX2 reader) on a full-size F&O $metadata stand-in.
#
# Usage: Benchmarks/run.sh [FILE]
#   FILE              document to benchmark (default: the F&O stand-in built by ../shared/bench/make-fno-scale.py)
# Environment:
#   RUNS=5            timed runs of each command (alternating), median reported
#   BENCH_DIR=...     where the stand-in is kept (default: ${TMPDIR:-/tmp}/odata-bench), reused when present
#   BENCH_SCRATCH_PATH=.build-x   scratch path for `swift build` (default: SwiftPM's .build)
#
# Only reports: exits 0 whether or not the targets (ratio <= 1.3, peak RSS <= 120 MB) are met.
# Exits non-zero only when it cannot run (build failure, missing tool, missing input).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-5}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/odata-bench}"

die() { echo "run.sh: error: $*" >&2; exit 1; }

command -v python3 >/dev/null 2>&1 || die "python3 is required (timing and the F&O stand-in generator)"
if ! command -v xmllint >/dev/null 2>&1; then
    die "xmllint not found; it is the baseline of this benchmark. Install it with: sudo apt-get install libxml2-utils (macOS: it ships with the system / brew install libxml2)"
fi
TIME_V=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    TIME_V=/usr/bin/time
else
    echo "note: GNU /usr/bin/time -v not available (apt-get install time); peak RSS comes from wait4() rusage instead" >&2
fi

# --- input document -----------------------------------------------------------------------------------------
if [ $# -ge 1 ]; then
    [ -f "$1" ] && [ -r "$1" ] || die "no readable file: $1"
    FILE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
    GEN="$ROOT/../shared/bench/make-fno-scale.py"
    FILE="$BENCH_DIR/fno-scale.xml"
    if [ -s "$FILE" ]; then
        echo "==> reusing $FILE"
    else
        [ -f "$GEN" ] || die "generator not found: $GEN (give a FILE argument instead)"
        mkdir -p "$BENCH_DIR"
        echo "==> building the F&O stand-in: python3 $GEN $FILE"
        python3 "$GEN" "$FILE.tmp"
        mv "$FILE.tmp" "$FILE"
    fi
fi

# --- release build ------------------------------------------------------------------------------------------
SCRATCH_ARGS=()
if [ -n "${BENCH_SCRATCH_PATH:-}" ]; then SCRATCH_ARGS=(--scratch-path "$BENCH_SCRATCH_PATH"); fi
echo "==> (cd $ROOT && swift build -c release --product odata-generator ${SCRATCH_ARGS[*]:-})"
(cd "$ROOT" && swift build -c release --product odata-generator ${SCRATCH_ARGS[@]+"${SCRATCH_ARGS[@]}"})
BIN_DIR="$(cd "$ROOT" && swift build -c release ${SCRATCH_ARGS[@]+"${SCRATCH_ARGS[@]}"} --show-bin-path)"
BIN="$BIN_DIR/odata-generator"
[ -x "$BIN" ] || die "built binary not found: $BIN"

# --- command form: `inspect FILE --format json`, or plain `FILE` for a CLI without the subcommand yet --------
# This first run of ours doubles as its warm-up.
echo "==> probing: odata-generator inspect FILE --format json"
PROBE_ERR="$(mktemp "${TMPDIR:-/tmp}/odata-bench-probe.XXXXXX")"
trap 'rm -f "$PROBE_ERR"' EXIT
rc=0
# (the braces' 2>/dev/null silences bash's own "Trace/breakpoint trap" line when an old CLI dies on the argument)
{ SWIFT_BACKTRACE=enable=no "$BIN" inspect "$FILE" --format json >/dev/null 2>"$PROBE_ERR"; } 2>/dev/null || rc=$?
OURS_LABEL="odata-generator inspect FILE --format json"
OURS=("$BIN" inspect "$FILE" --format json)
if [ "$rc" -ne 0 ]; then
    prc=0
    { SWIFT_BACKTRACE=enable=no "$BIN" "$FILE" >/dev/null 2>/dev/null; } 2>/dev/null || prc=$?
    if [ "$prc" -eq 0 ]; then
        echo "note: 'inspect' failed (exit $rc: $(head -c 200 "$PROBE_ERR" | head -n 1)); this CLI has no inspect subcommand yet," >&2
        echo "      falling back to: odata-generator FILE" >&2
        OURS_LABEL="odata-generator FILE  (fallback: no inspect subcommand)"
        OURS=("$BIN" "$FILE")
    else
        echo "warning: both 'inspect FILE --format json' (exit $rc) and 'FILE' (exit $prc) fail on this document; timing the inspect form anyway" >&2
    fi
fi

# --- timing and memory ----------------------------------------------------------------------------------------
python3 - "$RUNS" "$FILE" "$OURS_LABEL" "$TIME_V" "${OURS[@]}" <<'PY'
import os, re, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1]); path = sys.argv[2]; ours_label = sys.argv[3]; time_v = sys.argv[4]
ours = sys.argv[5:]
base = ["xmllint", "--stream", "--noout", path]
MiB = 1024 * 1024

def timed(cmd):
    """Wall-clock seconds (perf_counter around spawn + wait), exit status and peak RSS (KiB, from wait4)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    t = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return t, p.returncode, usage.ru_maxrss

def peak_rss_kib(cmd):
    """Maximum resident set size (KiB) reported by GNU time -v; wait4 rusage when it is not installed."""
    if not time_v:
        return timed(cmd)[2], "wait4"
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        subprocess.run([time_v, "-v", "-o", out.name] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(out.name).read())
        return (int(m.group(1)), "/usr/bin/time -v") if m else (timed(cmd)[2], "wait4")

# Warm-up (page cache, dynamic loader): one of each. (Ours was also run once by the probe.)
for cmd in (ours, base):
    _, rc, _ = timed(cmd)
    if rc != 0:
        print(f"warning: warm-up of {' '.join(cmd)} exited {rc}", file=sys.stderr)

times = {"ours": [], "base": []}
codes = {"ours": set(), "base": set()}
for i in range(runs):
    for key, cmd in (("ours", ours), ("base", base)):
        t, rc, _ = timed(cmd)
        times[key].append(t); codes[key].add(rc)
    print(f"  run {i + 1}/{runs}: ours {times['ours'][-1]:.3f} s, xmllint {times['base'][-1]:.3f} s", flush=True)

med = {k: statistics.median(v) for k, v in times.items()}
rss = {"ours": peak_rss_kib(ours), "base": peak_rss_kib(base)}
ratio = med["ours"] / med["base"] if med["base"] > 0 else float("inf")
rss_ours_mb = rss["ours"][0] / 1024
size = os.path.getsize(path)

def verdict(ok): return "PASS" if ok else "MISS"
print()
print(f"file:     {path}")
print(f"size:     {size:,} bytes ({size / MiB:.1f} MB)")
print(f"ours:     {ours_label}")
print(f"baseline: xmllint --stream --noout FILE   ({runs} alternating runs each after 1 warm-up; median wall clock)")
print()
print(f"{'':24}{'odata-generator':>18}{'xmllint --stream':>18}")
print(f"{'median wall (s)':24}{med['ours']:>18.3f}{med['base']:>18.3f}")
print(f"{'min / max (s)':24}{min(times['ours']):>8.3f} / {max(times['ours']):<7.3f}{min(times['base']):>9.3f} / {max(times['base']):<7.3f}")
print(f"{'peak RSS (MB)':24}{rss_ours_mb:>18.1f}{rss['base'][0] / 1024:>18.1f}")
print(f"{'exit status':24}{','.join(map(str, sorted(codes['ours']))):>18}{','.join(map(str, sorted(codes['base']))):>18}")
print()
print(f"{'target':34}{'measured':>12}  result")
print(f"{'time ratio ours/xmllint <= 1.3':34}{ratio:>12.2f}  {verdict(ratio <= 1.3)}")
print(f"{'peak RSS ours <= 120 MB':34}{rss_ours_mb:>9.1f} MB  {verdict(rss_ours_mb <= 120)}")
print()
print(f"(MB = 1024*1024 bytes; peak RSS from {rss['ours'][1]}; times include process start-up)")
if codes["ours"] != {0} or codes["base"] != {0}:
    print("warning: a command exited non-zero during the timed runs (see 'exit status')")
PY
