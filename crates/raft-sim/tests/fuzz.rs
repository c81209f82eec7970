//! Randomized fault schedules, safety checked after every event and liveness after healing.
//! A failure prints the scenario file that reproduces it (`raftsim run FILE`).

use raft_sim::{random_scenario, run_seed, FuzzSettings};

fn fuzz(seeds: std::ops::Range<u64>, settings: FuzzSettings) {
    for seed in seeds {
        let (sim, failure) = run_seed(seed, settings);
        if let Some(failure) = failure {
            let scenario = random_scenario(seed, settings).to_json_pretty();
            panic!("seed {seed}: {}\nreproduce with this scenario file:\n{scenario}", failure.reason);
        }
        assert!(sim.events_processed() > 100, "seed {seed} ran");
    }
}

#[test]
fn five_hundred_random_fault_schedules_keep_raft_safe_and_live() {
    fuzz(0..500, FuzzSettings { nodes: 5, duration_ms: 5_000 });
}

#[test]
fn three_and_seven_node_clusters_survive_random_faults_too() {
    fuzz(1_000..1_100, FuzzSettings { nodes: 3, duration_ms: 5_000 });
    fuzz(2_000..2_050, FuzzSettings { nodes: 7, duration_ms: 5_000 });
}
