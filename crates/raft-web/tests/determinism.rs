//! The simulator compiled to wasm, run in the browser, reproduces the trace hashes pinned for
//! native runs: the same run gives the same trace on both targets.
#![cfg(target_arch = "wasm32")]

#[path = "../../raft-sim/tests/golden/mod.rs"]
mod golden;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn pinned_runs_reproduce_their_native_trace_hash_in_wasm() {
    for run in &golden::GOLDEN_RUNS {
        assert_eq!(golden::hash_of(run), run.hash, "seed {} with {} nodes to {} ms", run.seed, run.nodes, run.until_ms);
    }
}
