#!/usr/bin/env bash
# Builds (and tests, where they have tests) every sample package against this checkout, each in a scratch folder
# of its own under SCRATCH_DIR (sample packages sharing one scratch path confuse SwiftPM's cached build plan).
# Called by Tests/run-tests.sh; runnable on its own.
# Usage: bash Samples/check-samples.sh [SCRATCH_DIR]   (default <repo>/.build-samples)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${1:-$root/.build-samples}"
cd "$root"
mkdir -p "$scratch"

started=$(date +%s)
step() { echo "-- samples: $1 ($(( $(date +%s) - started )) s so far)"; }
fail() { echo "error: samples: $1" >&2; exit 1; }
build() { swift build --package-path "Samples/$1" --scratch-path "$scratch/$1" "${@:2}"; }

# The generator binary the samples' checks run (the project's own debug build when present).
if [ -z "${ODATA_GENERATOR:-}" ]; then
    swift build --product odata-generator >/dev/null
    ODATA_GENERATOR="$root/.build/debug/odata-generator"
fi
export ODATA_GENERATOR

step "BuildPluginSample: build (the plugin generates at build time), run the demo"
build BuildPluginSample 2>&1 | tail -3
swift run --package-path Samples/BuildPluginSample --scratch-path "$scratch/BuildPluginSample" build-plugin-demo | tee /tmp/build-plugin-demo.out
grep -q "usmf/US-001" /tmp/build-plugin-demo.out || fail "build-plugin-demo printed nothing it decoded"

step "BuildPluginSample: an unchanged rebuild must not regenerate; a metadata edit must"
out=$(build BuildPluginSample 2>&1)
if grep -q "Generating OData Swift code" <<<"$out"; then echo "$out"; fail "regenerated although nothing changed"; fi
touch Samples/metadata/fno-sample.xml
out=$(build BuildPluginSample 2>&1)
grep -q "Generating OData Swift code" <<<"$out" || { echo "$out"; fail "did not regenerate after the metadata changed"; }
echo "ok: no regeneration without changes; regeneration after a metadata edit"

step "CommandPluginSample: committed generated code is current (test fails with the regeneration command when stale)"
build CommandPluginSample --build-tests 2>&1 | tail -1
swift test --package-path Samples/CommandPluginSample --scratch-path "$scratch/CommandPluginSample" --skip-build 2>&1 | tail -3

step "CustomTemplates: build with the template overlay, test that it was used"
build CustomTemplates --build-tests 2>&1 | tail -1
swift test --package-path Samples/CustomTemplates --scratch-path "$scratch/CustomTemplates" --skip-build 2>&1 | tail -3

step "ConnectorExport: the committed connector folder equals a fresh export (test names the re-export command)"
build ConnectorExport --build-tests 2>&1 | tail -1
swift test --package-path Samples/ConnectorExport --scratch-path "$scratch/ConnectorExport" --skip-build 2>&1 | tail -3
"$ODATA_GENERATOR" lint-connector Samples/ConnectorExport/Sources/FNOConnector/Connector

step "the build plugin on a target without config or metadata: one error listing both, naming the files to add"
broken="$root/Samples/.plugin-error-check"
rm -rf "$broken" && mkdir -p "$broken/Sources/Broken"
trap 'rm -rf "$broken"' EXIT
cat > "$broken/Package.swift" <<'SWIFT'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(name: "PluginErrorCheck", dependencies: [.package(name: "swift-odata-generator", path: "../..")],
    targets: [.target(name: "Broken", plugins: [.plugin(name: "ODataGenerator", package: "swift-odata-generator")])])
SWIFT
echo "// nothing generated yet" > "$broken/Sources/Broken/Broken.swift"
if out=$(swift build --package-path "$broken" --scratch-path "$scratch/PluginErrorCheck" 2>&1); then fail "a target without config built"; fi
grep -q "no odata-generator-config.yaml in the target's sources: add .*Sources/Broken/odata-generator-config.yaml" <<<"$out" \
    && grep -q "no metadata file" <<<"$out" || { echo "$out" | tail -5; fail "the plugin's error does not name the missing files"; }
echo "ok: $(grep -m1 "ODataGenerator plugin" <<<"$out")"

step "OpenAPIClient: the committed openapi.yaml is the current export; swift-openapi-generator builds a client from it"
fresh="$(mktemp -d)/openapi.yaml"
"$ODATA_GENERATOR" openapi Samples/metadata/fno-sample.xml --output "$fresh" --format yaml >/dev/null
cmp -s "$fresh" Samples/OpenAPIClient/Sources/FnOClient/openapi.yaml || fail "Samples/OpenAPIClient/Sources/FnOClient/openapi.yaml is stale; regenerate it: odata-generator openapi Samples/metadata/fno-sample.xml --output Samples/OpenAPIClient/Sources/FnOClient/openapi.yaml --format yaml"
build OpenAPIClient 2>&1 | tail -1
if [ -n "${ODATA_PEERS_PYTHON:-}" ]; then
    step "OpenAPIClient: the generated client lists and reads customers on the odatapy test server"
    log="$(mktemp)"
    "$ODATA_PEERS_PYTHON" Tests/Peers/odata_server.py --csdl Samples/metadata/fno-sample.xml --port 0 \
        --seed Tests/Peers/fno-sample.seed.json >"$log" 2>&1 &
    server=$!
    for _ in $(seq 100); do grep -q '^READY ' "$log" && break; sleep 0.1; done
    service_root="$(awk '/^READY /{print $2; exit}' "$log")"
    demo_status=0
    "$scratch/OpenAPIClient/debug/fno-openapi-demo" "$service_root" | tee /tmp/fno-openapi-demo.out || demo_status=$?
    kill "$server" 2>/dev/null || true
    [ "$demo_status" = 0 ] && grep -q "read usmf/US-001" /tmp/fno-openapi-demo.out || fail "the generated OpenAPI client could not read the test server"
else
    echo "note: ODATA_PEERS_PYTHON is not set; skipping the OpenAPI client's live call"
fi

step "ClientDemo: build, run the client against the live fixture server (page size 2): exit 0, URL lines printed"
build ClientDemo 2>&1 | tail -1
peers_python="${ODATA_PEERS_PYTHON:-$root/.peers-venv/bin/python}"
if [ ! -x "$peers_python" ]; then
    echo "note: no peers Python (ODATA_PEERS_PYTHON or .peers-venv; Tests/Peers/setup-venv.sh makes it): client-demo run skipped"
else
    server_out="$scratch/client-demo-server.out"
    "$peers_python" Tests/Peers/odata_server.py --csdl Samples/metadata/fno-sample.xml \
        --seed Tests/Peers/fno-sample.seed.json --port 0 --page-size 2 >"$server_out" 2>&1 &
    server_pid=$!
    trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$broken"' EXIT
    service_root=""
    for _ in $(seq 1 300); do
        service_root=$(sed -n 's/^READY //p' "$server_out")
        [ -n "$service_root" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$service_root" ] || { cat "$server_out"; fail "the fixture server did not print READY"; }
    demo_out="$scratch/client-demo.out"
    if swift run --package-path Samples/ClientDemo --scratch-path "$scratch/ClientDemo" --skip-build client-demo \
        --service-root "$service_root" >"$demo_out"; then demo_status=0; else demo_status=$?; fi
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    cat "$demo_out"
    [ "$demo_status" -eq 0 ] || fail "client-demo exited $demo_status"
    url_lines=$(grep -c '^http' "$demo_out" || true)
    # 3 pages of 2 rows for 5 rows, the fetch by key, the PATCH, the re-read.
    [ "$url_lines" -ge 6 ] || fail "client-demo printed $url_lines request URL lines, expected at least 6"
    echo "ok: client-demo worked against the fixture server and printed $url_lines request URLs"
fi

step "done"
