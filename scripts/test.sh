#!/usr/bin/env bash
# Runs every test of the project and fails if any fails: formatting, clippy with warnings
# denied (native and wasm), native tests, wasm component tests in headless Chromium, then the
# release build of the page and the Playwright browser tests against it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
. scripts/setup.sh
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n==> %s\n' "$*" >&2; }

step "formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "clippy, warnings denied (native)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "clippy, warnings denied (wasm page and its search worker)"
cargo clippy --locked -p raft-web -p raft-worker --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests"
cargo test --locked --workspace

step "wasm component tests (wasm-bindgen-test, headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown -p raft-web --tests

step "release build of the page (trunk build --release)"
trunk build --release

step "browser tests (Playwright, headless Chromium)"
(cd tools && npx playwright test)

step "all tests passed"
