#!/usr/bin/env bash
# Creates (or reuses) the Python venv with the test peers pinned in requirements.txt.
# Usage: bash Tests/Peers/setup-venv.sh [VENV_DIR]   (default: <repo>/.peers-venv)
# Prints the venv's python path on its last line. Idempotent: installs nothing when every pin is met.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${1:-$root/.peers-venv}"
py="${PYTHON:-python3}"
command -v "$py" >/dev/null || { echo "error: $py not found; install Python 3.9+ with venv (Debian: apt-get install python3-venv)" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
    echo "setup-venv: creating $venv" >&2
    "$py" -m venv "$venv"
fi
if ! "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$here/requirements.txt" >&2; then
    echo "error: could not install the Python test peers from PyPI (Tests/Peers/requirements.txt)" >&2
    exit 1
fi
"$venv/bin/python" - >&2 <<'PY'
from importlib import metadata
print("setup-venv: " + ", ".join(f"{n} {metadata.version(n)}" for n in ("odatapy", "abnf", "openapi-spec-validator")))
PY
echo "$venv/bin/python"
