#!/usr/bin/env bash
# Benchmark (issue 4): decoding a 10,000-row page of F&O's CustomerV3 (305 properties, from the shared corpus)
# into the generated types vs plain JSONDecoder into equivalent synthesized-Codable structs (String enums, Date
# with .iso8601, Int64, Decimal). Release build; alternating runs; median; peak RSS from /usr/bin/time -v.
# Also decodes the page 5 times in a row, one page alive at a time, to show memory stays at one page.
# With valgrind installed it also counts instructions (callgrind) for a 1,000-row page of the same rows: a figure
# that does not move with the machine's load, unlike wall clock on a shared machine.
# Not a test: prints figures, never fails on a missed target (≤ 1.1× the plain decoder).
# Usage: Benchmarks/decode.sh   (work folder ${BENCH_DIR:-${TMPDIR:-/tmp}/odata-bench}/decode; RUNS=7)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/../shared/corpus/fno-d365agent-finance-shortlist.xml"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/odata-bench}/decode"
RUNS="${RUNS:-7}"
[ -f "$CORPUS" ] || { echo "error: $CORPUS is missing (needs ../shared)" >&2; exit 2; }
mkdir -p "$WORK/Sources/DecodeBench"

echo "==> generating CustomerV3 from $(basename "$CORPUS")"
(cd "$ROOT" && swift build --product odata-generator >/dev/null)
"$ROOT/.build/debug/odata-generator" generate "$CORPUS" --include-entity-sets CustomersV3 \
    --output-directory "$WORK/Sources/DecodeBench/Generated" 2>/dev/null

python3 - "$CORPUS" "$WORK" <<'PY'
import json, re, sys, keyword
corpus, work = sys.argv[1:3]
text = open(corpus, encoding="utf-8-sig").read()
body = re.search(r'<EntityType Name="CustomerV3">(.*?)</EntityType>', text, re.S).group(1)
props = re.findall(r'<Property Name="([^"]+)" Type="([^"]+)"([^>]*)', body)
enums = {m.group(1): re.findall(r'<Member Name="([^"]+)"', m.group(2))
         for m in re.finditer(r'<EnumType Name="([^"]+)"[^>]*>(.*?)</EnumType>', text, re.S)}
swift = {"Edm.String": "String", "Edm.Decimal": "Decimal", "Edm.Int32": "Int32", "Edm.Int64": "Int64",
         "Edm.DateTimeOffset": "Date", "Edm.Boolean": "Bool", "Edm.Guid": "UUID", "Edm.Double": "Double"}
lines = ["import Foundation", "", "/// CustomerV3 as a plain synthesized-Codable struct (the reference).",
         "struct PlainCustomerV3: Codable {"]
for name, t, rest in props:
    st = swift.get(t, "String")  # enums as their member name
    opt = "" if 'Nullable="false"' in rest else "?"
    ident = f"`{name}`" if keyword.iskeyword(name) or name in ("Type", "Protocol", "Self") else name
    lines.append(f"    var {ident}: {st}{opt}")
lines.append("}")
open(f"{work}/Sources/DecodeBench/Plain.swift", "w").write("\n".join(lines) + "\n")
rows = []
for i in range(10000):
    row = {"@odata.etag": f'W/"JzEsNTYzNzE0NDU3{i}Jw=="'}
    for k, (name, t, rest) in enumerate(props):
        if name == "dataAreaId": v = ("usmf", "demf", "gbsi")[i % 3]
        elif t == "Edm.String": v = f"{name[:12]}-{i}-{k}"
        elif t == "Edm.Decimal": v = f"__DEC__{1000 + i}.{(i * 37 + k) % 10000:04d}"
        elif t == "Edm.Int32": v = i + k
        elif t == "Edm.Int64": v = 5637144576 + i * 7 + k
        elif t == "Edm.DateTimeOffset": v = f"2024-{1 + (i + k) % 12:02d}-{1 + (i + k) % 28:02d}T{(i + k) % 24:02d}:30:00Z"
        elif t == "Edm.Boolean": v = (i + k) % 2 == 0
        elif t.split(".")[-1] in enums:
            members = enums[t.split(".")[-1]]; v = members[(i + k) % len(members)]
        else: v = None
        if v is not None: row[name] = v
    rows.append(row)
data = json.dumps({"@odata.context": "https://contoso.operations.dynamics.com/data/$metadata#CustomersV3", "value": rows},
                  separators=(",", ":"))
data = re.sub(r'"__DEC__([0-9.]+)"', r"\1", data)  # decimals as JSON numbers with 4 fractional digits
open(f"{work}/page.json", "w").write(data)
print(f"    {len(props)} properties, page {len(data) / 1e6:.1f} MB, 10,000 rows")
PY

cat > "$WORK/Sources/DecodeBench/main.swift" <<'SWIFT'
import Foundation

struct Page<Row: Decodable>: Decodable { var value: [Row] }

let arguments = CommandLine.arguments
let mode = arguments[1], file = arguments[2], repeats = Int(arguments[3]) ?? 1
let data = try Data(contentsOf: URL(fileURLWithPath: file))
var rows = 0
for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    switch mode {
    case "generated":
        rows = try JSONDecoder().decode(Page<CustomerV3>.self, from: data).value.count
    default:
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        rows = try decoder.decode(Page<PlainCustomerV3>.self, from: data).value.count
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "%.4f", seconds))
}
FileHandle.standardError.write(Data("\(rows) rows\n".utf8))
SWIFT

cat > "$WORK/Package.swift" <<SWIFT
// swift-tools-version: 6.1
import PackageDescription
let package = Package(name: "DecodeBench", platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-odata-generator", path: "$ROOT")],
    targets: [.executableTarget(name: "DecodeBench",
        dependencies: [.product(name: "ODataRuntime", package: "swift-odata-generator")])])
SWIFT

echo "==> building (release)"
swift build -c release --package-path "$WORK" >/dev/null
BIN="$(swift build -c release --package-path "$WORK" --show-bin-path)/DecodeBench"

python3 - "$BIN" "$WORK/page.json" "$RUNS" <<'PY'
import statistics, subprocess, sys, re, os
bin_, page, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = {"generated": [], "plain": []}
for _ in range(runs):
    for mode in ("generated", "plain"):
        out = subprocess.run([bin_, mode, page, "1"], capture_output=True, text=True, check=True).stdout
        times[mode].append(float(out.split()[0]))
def rss(mode, repeats):
    r = subprocess.run(["/usr/bin/time", "-v", bin_, mode, page, str(repeats)], capture_output=True, text=True, check=True)
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
g, p = statistics.median(times["generated"]), statistics.median(times["plain"])
print(f"decode 10,000 rows x 305 properties ({os.path.getsize(page) / 1e6:.1f} MB), median of {runs}:")
print(f"  generated types : {g:.3f} s   (min {min(times['generated']):.3f}, max {max(times['generated']):.3f})")
print(f"  plain Codable   : {p:.3f} s   (min {min(times['plain']):.3f}, max {max(times['plain']):.3f})")
print(f"  ratio generated / plain: {g / p:.2f}x   target <= 1.10x: {'PASS' if g / p <= 1.10 else 'MISS'}")
print(f"peak RSS, one page : generated {rss('generated', 1):.0f} MB, plain {rss('plain', 1):.0f} MB")
print(f"peak RSS, 5 pages one after another: generated {rss('generated', 5):.0f} MB (bounded by one page when close to the line above)")
PY

if command -v valgrind >/dev/null; then
    python3 - "$WORK/page.json" "$WORK/page1k.json" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
starts = [m.start() for m in re.finditer(r',\{"@odata.etag"', text)]
open(sys.argv[2], "w").write(text[:starts[999]] + "]}")
PY
    count() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" "$WORK/page1k.json" 1 2>&1 >/dev/null \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    gen=$(count generated); plain=$(count plain)
    python3 -c "import sys; g, p = int(sys.argv[1]), int(sys.argv[2]); print(f'instructions, 1,000 rows (callgrind): generated {g:,}, plain {p:,}, ratio {g / p:.3f}x')" "$gen" "$plain"
fi
