#!/usr/bin/env bash
# Frame-time benchmark of the built page in headless Chromium (see tools/bench/frames.mjs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
. scripts/setup.sh
trunk build --release
(cd tools/bench && node frames.mjs)
