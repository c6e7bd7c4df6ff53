#!/usr/bin/env bash
# The project's test command: sets up what the tests need beyond system packages, builds once, runs every test.
# Usage: bash Tests/run-tests.sh [extra `swift test` arguments]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

phase_start=$(date +%s)
phase() {
    local now
    now=$(date +%s)
    echo "== $1 (previous phase took $((now - phase_start)) s)"
    phase_start=$now
}

phase "checking the toolchain and system libraries"
command -v swift >/dev/null || { echo "error: swift is not on PATH; install Swift 6.0 or later" >&2; exit 1; }
pkg-config --exists libxml-2.0 || {
    echo "error: libxml2 development files are missing; install them (Debian/Ubuntu: apt-get install libxml2-dev pkg-config)" >&2
    exit 1
}
swift --version 2>&1 | head -1

phase "setting up the Python test peers (venv from Tests/Peers/requirements.txt)"
ODATA_PEERS_PYTHON="$(bash Tests/Peers/setup-venv.sh | tail -1)"
export ODATA_PEERS_PYTHON
echo "peers: $ODATA_PEERS_PYTHON"

phase "building the package and its tests (debug)"
swift build --build-tests

phase "running the tests"
swift test --skip-build "$@"

phase "building and testing the sample packages (Samples/check-samples.sh)"
ODATA_GENERATOR="$root/.build/debug/odata-generator" bash Samples/check-samples.sh

phase "done"
