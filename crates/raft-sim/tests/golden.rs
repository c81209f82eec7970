//! The pinned trace hashes hold natively (the same file is checked in wasm by raft-web).

#[path = "golden/mod.rs"]
mod golden;

#[test]
fn pinned_runs_reproduce_their_trace_hash() {
    for run in &golden::GOLDEN_RUNS {
        assert_eq!(
            golden::hash_of(run),
            run.hash,
            "seed {} with {} nodes to {} ms replays differently: the trace changed",
            run.seed,
            run.nodes,
            run.until_ms
        );
    }
}
