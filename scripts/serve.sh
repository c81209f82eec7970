#!/usr/bin/env bash
# Builds the playground (release) and serves it at http://127.0.0.1:8080, rebuilding on change.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
. scripts/setup.sh
exec trunk serve --release --address 127.0.0.1 --port 8080
