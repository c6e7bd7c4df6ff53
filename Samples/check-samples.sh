#!/usr/bin/env bash
# Builds (and tests, where they have tests) every sample package against this checkout, with one shared scratch
# path so the project and its dependencies compile once. Called by Tests/run-tests.sh; runnable on its own.
# Usage: bash Samples/check-samples.sh [SCRATCH_DIR]   (default <repo>/.build-samples)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${1:-$root/.build-samples}"
cd "$root"

started=$(date +%s)
step() { echo "-- samples: $1 ($(( $(date +%s) - started )) s so far)"; }
fail() { echo "error: samples: $1" >&2; exit 1; }
build() { swift build --package-path "Samples/$1" --scratch-path "$scratch" "${@:2}"; }

# The generator binary the samples' checks run (the project's own debug build when present).
if [ -z "${ODATA_GENERATOR:-}" ]; then
    swift build --product odata-generator >/dev/null
    ODATA_GENERATOR="$root/.build/debug/odata-generator"
fi
export ODATA_GENERATOR

step "BuildPluginSample: build (the plugin generates at build time), run the demo"
build BuildPluginSample 2>&1 | tail -3
swift run --package-path Samples/BuildPluginSample --scratch-path "$scratch" build-plugin-demo | tee /tmp/build-plugin-demo.out
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
swift test --package-path Samples/CommandPluginSample --scratch-path "$scratch" --skip-build 2>&1 | tail -3

step "CustomTemplates: build with the template overlay, test that it was used"
build CustomTemplates --build-tests 2>&1 | tail -1
swift test --package-path Samples/CustomTemplates --scratch-path "$scratch" --skip-build 2>&1 | tail -3

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
if out=$(swift build --package-path "$broken" --scratch-path "$scratch" 2>&1); then fail "a target without config built"; fi
grep -q "no odata-generator-config.yaml in the target's sources: add .*Sources/Broken/odata-generator-config.yaml" <<<"$out" \
    && grep -q "no metadata file" <<<"$out" || { echo "$out" | tail -5; fail "the plugin's error does not name the missing files"; }
echo "ok: $(grep -m1 "ODataGenerator plugin" <<<"$out")"

step "done"
