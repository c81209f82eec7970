//! Simulation and fuzz throughput, printed with their targets. Run with
//! `cargo bench -p raft-sim --bench throughput`; results are recorded in BENCHMARKS.md.
//!
//! Each figure is the median of several runs (these machines are noisy). Wall time is read
//! here, in the benchmark, never inside the simulator.

use std::time::Instant;

use raft_sim::ScenarioExt as _;
use raft_sim::{run_seed, Action, FuzzSettings, Scenario, SimBuilder};

const RUNS: usize = 5;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Simulated seconds per wall second for `nodes` servers with a client write every 100 ms,
/// each server snapshotting every `snapshot_every` applied entries (0: never).
fn simulation_speed(nodes: u32, simulated_s: u64, snapshot_every: u64) -> (f64, u64) {
    let mut events = 0;
    let samples = (0..RUNS)
        .map(|run| {
            let mut scenario = Scenario::new(run as u64);
            scenario.nodes = nodes;
            scenario.options.snapshot_every = snapshot_every;
            let mut sim = scenario.build(false).unwrap();
            let started = Instant::now();
            let mut write = 0;
            for t in (100..=simulated_s * 1000).step_by(100) {
                sim.run_until(t);
                write += 1;
                let leader = sim.leader().unwrap_or(1);
                let _ =
                    sim.apply(Action::Write { node: leader, command: format!("k{}={write}", write % 10), client: 1 });
            }
            events = sim.events_processed();
            simulated_s as f64 / started.elapsed().as_secs_f64()
        })
        .collect();
    (median(samples), events)
}

/// Simulated seconds per wall second for 9 servers swamped with a write every 10 ms, each to a
/// new key (counting down), sent to server 1: thousands of messages in flight and of keys, the
/// load where a map that shifts its entries on every change would turn quadratic.
fn overload_speed(simulated_s: u64) -> f64 {
    let samples = (0..RUNS)
        .map(|run| {
            let mut sim = SimBuilder::new(run as u64).nodes(9).build().unwrap();
            let started = Instant::now();
            let writes = simulated_s * 100;
            for (i, t) in (10..=simulated_s * 1000).step_by(10).enumerate() {
                sim.run_until(t);
                let _ = sim.apply(Action::Write { node: 1, command: format!("k{}=1", writes - i as u64), client: 1 });
            }
            simulated_s as f64 / started.elapsed().as_secs_f64()
        })
        .collect();
    median(samples)
}

/// Fuzz runs of 60 simulated seconds (55 s of faults, 5 s of recovery) per wall minute.
fn fuzz_speed(seeds: u64) -> f64 {
    let settings = FuzzSettings { nodes: 5, duration_ms: 60_000 - raft_sim::RECOVERY_MS, ..FuzzSettings::default() };
    let samples = (0..RUNS as u64)
        .map(|run| {
            let started = Instant::now();
            for seed in run * seeds..(run + 1) * seeds {
                let (_, failure) = run_seed(seed, &settings);
                assert!(failure.is_none(), "fuzz seed {seed} failed: {failure:?}");
            }
            seeds as f64 / started.elapsed().as_secs_f64() * 60.0
        })
        .collect();
    median(samples)
}

fn main() {
    for nodes in [5, 9] {
        let (speed, events) = simulation_speed(nodes, 600, 0);
        println!(
            "simulation, {nodes} nodes, a write every 100 ms: {speed:.0} simulated s per wall s \
             (target >= 2000 for 5 nodes; {events} events per 600 s run)"
        );
    }
    let (speed, events) = simulation_speed(5, 600, 100);
    println!(
        "simulation, 5 nodes, a write every 100 ms, snapshots every 100 entries: {speed:.0} simulated s \
         per wall s (target >= 2000; {events} events per 600 s run)"
    );
    let fuzz = fuzz_speed(40);
    let overload = overload_speed(20);
    println!(
        "overload, 9 nodes, a write every 10 ms to a new key: {overload:.0} simulated s per wall s \
         (no target: guards against maps that turn quadratic under load)"
    );
    println!("fuzz, 5 nodes, 60 s simulated per run: {fuzz:.0} runs per wall minute (target >= 10000)");
}
