#!/usr/bin/env bash
# Installs every tool the project needs, pinned and idempotently: a step whose tool is
# already at the right version is skipped, so a warm machine pays a few seconds.
# The recipe and its reasons are in ../shared/TOOLCHAIN.md (no GitHub downloads here).
#
# Source it (`. scripts/setup.sh`) to also get the tools on PATH, or run it directly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
# Must equal the wasm-bindgen version in Cargo.lock (checked below).
WASM_BINDGEN_VERSION="0.2.130"

log() { printf '[setup] %s\n' "$*" >&2; }

has_version() { # has_version COMMAND EXPECTED-SUBSTRING
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

export PATH="$HOME/.cargo/bin:$ROOT/tools/node_modules/.bin:$PATH"

lock_bindgen=$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
if [ "$lock_bindgen" != "$WASM_BINDGEN_VERSION" ]; then
  log "Cargo.lock has wasm-bindgen $lock_bindgen but setup pins $WASM_BINDGEN_VERSION: make them equal"
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! has_version trunk "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" ||
  ! has_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Without --locked: one of its pinned dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Only the tests need a browser: a build for publishing (.github/workflows/pages.yml) skips it.
if [ "${RAFT_SETUP_SKIP_BROWSER:-0}" != 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  log "installing Debian chromium and chromium-driver"
  apt_get=(apt-get)
  [ "$(id -u)" = 0 ] || apt_get=(sudo apt-get)
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium chromium-driver
fi

# wasm-opt (npm binaryen) and Playwright, from tools/package-lock.json.
if ! (cd "$ROOT/tools" && npm ls --depth=0 >/dev/null 2>&1); then
  log "installing node tools (binaryen, @playwright/test)"
  (cd "$ROOT/tools" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# Trunk runs cargo offline (Trunk.toml), so the registry must already hold every crate.
(cd "$ROOT" && cargo fetch --locked >/dev/null)

log "toolchain ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version)"
