//! Pinned trace hashes. Shared by the native test (`tests/golden.rs`) and the wasm test of
//! raft-web (`tests/determinism.rs`), so both targets must produce exactly these values.
//!
//! A change here means every existing run replays differently: do it only on purpose, and
//! regenerate with `cargo run -p raft-sim --example trace_hash -- SEED UNTIL_MS NODES`.

/// A pinned run: default timing, `nodes` servers, `seed`, run to `until_ms`.
pub struct GoldenRun {
    /// The seed.
    pub seed: u64,
    /// How many servers.
    pub nodes: u32,
    /// Where the run stops.
    pub until_ms: u64,
    /// The trace hash it must end with.
    pub hash: u64,
}

/// The pinned runs.
pub const GOLDEN_RUNS: [GoldenRun; 3] = [
    GoldenRun { seed: 7, nodes: 5, until_ms: 5_000, hash: 0xc222_2a31_3649_fa60 },
    GoldenRun { seed: 1, nodes: 3, until_ms: 10_000, hash: 0xc216_51e7_4313_9d4b },
    GoldenRun { seed: 42, nodes: 9, until_ms: 3_000, hash: 0x8f97_e18f_5dc6_2cb6 },
];

/// The trace hash of `run` computed on this target.
pub fn hash_of(run: &GoldenRun) -> u64 {
    let mut sim = raft_sim::SimBuilder::new(run.seed).nodes(run.nodes).build().expect("valid configuration");
    sim.run_until(run.until_ms);
    sim.trace().hash()
}
