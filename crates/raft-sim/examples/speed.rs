//! Simulation speed with the time-travel history on, as the page runs it: the same code built
//! natively and for WebAssembly (wasm32-wasip1, run by Node's V8, the engine of Chromium), so
//! the two figures compare the targets and nothing else. `scripts/bench.sh` runs both.
//!
//! ```text
//! cargo run --release -p raft-sim --example speed
//! cargo build --release -p raft-sim --example speed --target wasm32-wasip1
//! ```
//! Wall time is read here, in the benchmark, never inside the simulator.

use std::time::Instant;

use raft_sim::{Action, History, Scenario};

/// Runs per figure; the median is printed.
const RUNS: u64 = 3;
/// Simulated seconds per run.
const SIMULATED_S: u64 = 300;

fn target_name() -> &'static str {
    if cfg!(target_arch = "wasm32") {
        "wasm"
    } else {
        "native"
    }
}

/// Simulated seconds per wall second, with a client write to the leader every 100 ms; with
/// `production`, PreVote and CheckQuorum on.
fn speed(nodes: u32, seed: u64, production: bool) -> f64 {
    let mut scenario = Scenario { nodes, ..Scenario::new(seed) };
    scenario.options.pre_vote = production;
    scenario.options.check_quorum = production;
    let mut history = History::new(scenario).expect("a valid scenario");
    let started = Instant::now();
    for (write, t) in (100..=SIMULATED_S * 1000).step_by(100).enumerate() {
        history.advance_to(t);
        let leader = history.sim().leader().unwrap_or(1);
        let _ = history.apply(Action::Write { node: leader, command: format!("k{}={write}", write % 10), client: 1 });
    }
    SIMULATED_S as f64 / started.elapsed().as_secs_f64()
}

/// The median of [`RUNS`] runs.
fn median_speed(nodes: u32, production: bool) -> f64 {
    let mut samples: Vec<f64> = (0..RUNS).map(|seed| speed(nodes, seed, production)).collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let target = target_name();
    for nodes in [5, 9] {
        let median = median_speed(nodes, false);
        println!(
            "speed {target} {nodes} nodes: {median:.0} simulated s per wall s, with history, a write every 100 ms \
             (target >= 2000 in wasm)"
        );
    }
    let median = median_speed(5, true);
    println!("speed {target} 5 nodes with PreVote and CheckQuorum: {median:.0} simulated s per wall s (target >= 2000 in wasm)");
}
