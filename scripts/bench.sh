#!/usr/bin/env bash
# Every benchmark of issue 6 in one command. Each prints its figure next to its target; this
# script then checks that every expected figure was printed and fails loudly if one is missing.
# Figures go to stdout and to target/bench-report.txt; BENCHMARKS.md records them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
. scripts/setup.sh
if ! rustup target list --installed | grep -qx wasm32-wasip1; then
  rustup target add wasm32-wasip1 # the simulator as WebAssembly, run by Node's V8
fi

report="$ROOT/target/bench-report.txt"
mkdir -p "$ROOT/target"
: >"$report"
run() { "$@" 2>&1 | tee -a "$report"; }

run cargo bench -q -p raft-sim --bench throughput
run cargo bench -q -p raft-sim --bench history
run cargo bench -q -p raft-sim --bench linearizability
run cargo bench -q -p raft-sim --bench check
run cargo run -q --release -p raft-sim --example speed
cargo build -q --release -p raft-sim --example speed --target wasm32-wasip1
run node --no-warnings tools/bench/run-wasi.mjs target/wasm32-wasip1/release/examples/speed.wasm
trunk build --release >/dev/null 2>&1
run node tools/bench/page-weight.mjs
(cd tools/bench && run node first-draw.mjs && run node frames.mjs && run node refusal.mjs && run node search.mjs)

# The wasm / native ratio of the same program, measured in this run.
for nodes in 5 9; do
  native=$(sed -n "s/^speed native $nodes nodes: \([0-9]*\) .*/\1/p" "$report")
  wasm=$(sed -n "s/^speed wasm $nodes nodes: \([0-9]*\) .*/\1/p" "$report")
  if [ -n "$native" ] && [ -n "$wasm" ]; then
    awk -v w="$wasm" -v n="$native" -v k="$nodes" \
      'BEGIN { printf "speed ratio %s nodes: wasm / native = %.2f (target >= 0.6)\n", k, w / n }' | tee -a "$report"
  fi
done

missing=0
for figure in \
  "^simulation, 5 nodes" "^simulation, 9 nodes" "^overload, 9 nodes" "^fuzz, 5 nodes" \
  "^history, 5 nodes, 1 hour simulated, a client write every 100 ms" \
  "^simulation, 5 nodes, a write every 100 ms, snapshots every 100 entries" \
  "^history, 5 nodes, 1 hour simulated, a client write every 100 ms, snapshots every 100 entries" \
  "^linearizability, 10000 operations, 3 clients" "^linearizability, 10000 operations, one stale read" \
  "^speed native 5 nodes" "^speed native 9 nodes" "^speed wasm 5 nodes" "^speed wasm 9 nodes" \
  "^speed ratio 5 nodes" "^speed ratio 9 nodes" \
  "^page weight" "^first drawn cluster" "^frame busy time" \
  "^refusal, embed seek" "^refusal, link to 1 h" "^refusal, link to 61 s" \
  "^model checker, 3 nodes, safe core" "^model checker, depth proved safe in 60 s" "^model checker, Figure 8" \
  "^model checker, Figure 8 .* the page's bounds" "^model checker in the page's worker, 3 nodes" \
  "^model checker in the page's worker, Figure 8"; do
  if ! grep -q "$figure" "$report"; then
    echo "bench: MISSING FIGURE: $figure" >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  echo "bench: some figures are missing (see above); the report is $report" >&2
  exit 1
fi
echo "bench: every figure printed; the report is $report"
