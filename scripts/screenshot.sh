#!/usr/bin/env bash
# Regenerates docs/screenshot.png, the README's picture, from the real page.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
. scripts/setup.sh
trunk build --release
(cd tools && node screenshot.mjs)
