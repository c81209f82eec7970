#!/usr/bin/env bash
# Regenerates docs/screenshot.png, the README's picture, from the real page.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
. scripts/setup.sh
# The picture shows the 中文 button: headless Chromium needs a CJK font to draw it.
if ! fc-list 2>/dev/null | grep -qi "wenquanyi"; then
  apt-get install -y -qq fonts-wqy-microhei >/dev/null
fi
trunk build --release
(cd tools && node screenshot.mjs)
