//! The simulator compiled to wasm, run in the browser, reproduces the trace hashes pinned for
//! native runs: the same run gives the same trace on both targets.
#![cfg(target_arch = "wasm32")]

#[path = "../../raft-sim/tests/golden/mod.rs"]
mod golden;

use raft_sim::ScenarioExt as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn pinned_runs_reproduce_their_native_trace_hash_in_wasm() {
    for run in &golden::GOLDEN_RUNS {
        assert_eq!(golden::hash_of(run), run.hash, "seed {} with {} nodes to {} ms", run.seed, run.nodes, run.until_ms);
    }
}

/// A version-1 share link pinned natively (raft-sim's tests/link.rs).
const PINNED_LINK: &str = include_str!("../../raft-sim/tests/golden/link_v1.txt");
const PINNED_LINK_HASH: &str = include_str!("../../raft-sim/tests/golden/link_v1.hash");
const ENCODED_LINK: &str = include_str!("../../raft-sim/tests/golden/link_v1_encoded.txt");

#[wasm_bindgen_test]
fn the_pinned_link_decodes_encodes_and_replays_in_wasm_as_natively() {
    let link = raft_sim::ShareLink::parse(PINNED_LINK.trim()).expect("the pinned link decodes in wasm");
    assert_eq!(link.fragment().unwrap(), ENCODED_LINK.trim(), "wasm compresses to the very same link");
    let file = link.to_scenario_file();
    let mut sim = file.build(false).unwrap();
    sim.run_until(file.until_ms.unwrap());
    assert_eq!(raft_sim::format_hash(sim.trace().hash()), PINNED_LINK_HASH.trim());
}
