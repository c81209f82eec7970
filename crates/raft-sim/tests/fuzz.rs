//! Randomized fault schedules, safety checked after every event and liveness after healing.
//! A failure prints the scenario file that reproduces it (`raftsim run FILE`).

use raft_sim::{random_scenario, run_seed, FuzzSettings};

fn fuzz(seeds: std::ops::Range<u64>, settings: FuzzSettings) {
    for seed in seeds {
        let (sim, failure) = run_seed(seed, &settings);
        if let Some(failure) = failure {
            let scenario = random_scenario(seed, &settings).to_json_pretty();
            panic!("seed {seed}: {}\nreproduce with this scenario file:\n{scenario}", failure.reason);
        }
        assert!(sim.events_processed() > 100, "seed {seed} ran");
    }
}

#[test]
fn five_hundred_random_fault_schedules_keep_raft_safe_and_live() {
    fuzz(0..500, FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() });
}

#[test]
fn three_and_seven_node_clusters_survive_random_faults_too() {
    fuzz(1_000..1_100, FuzzSettings { nodes: 3, duration_ms: 5_000, ..FuzzSettings::default() });
    fuzz(2_000..2_050, FuzzSettings { nodes: 7, duration_ms: 5_000, ..FuzzSettings::default() });
}

#[test]
fn the_schedules_duplicate_messages_by_option_and_by_action() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    let (mut by_option, mut by_action) = (0, 0);
    for seed in 0..40 {
        let scenario = random_scenario(seed, &settings);
        let mut sim = raft_sim::ScenarioExt::build(&scenario, true).expect("valid");
        sim.run_until(scenario.until_ms.unwrap_or(0));
        for event in sim.trace().events().unwrap_or_default() {
            match event {
                raft_sim::TraceEvent::Duplicate { .. } if scenario.options.duplicate > 0.0 => by_option += 1,
                raft_sim::TraceEvent::Action { action: raft_sim::Action::Duplicate { .. }, error: None, .. } => {
                    by_action += 1
                }
                _ => {}
            }
        }
    }
    assert!(by_option > 100, "copies made by the option: {by_option}");
    assert!(by_action > 5, "duplicate actions that found their message in flight: {by_action}");
}

#[test]
fn a_quarter_of_the_schedules_have_a_client_writing_on_its_own() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    let (mut steady, mut committed) = (0, 0);
    for seed in 0..40 {
        let scenario = random_scenario(seed, &settings);
        if !scenario.actions.iter().any(|a| matches!(a.action, raft_sim::Action::Workload { every_ms: 1.., .. })) {
            continue;
        }
        steady += 1;
        let (sim, _) = run_seed(seed, &settings);
        committed += sim
            .client_ops()
            .filter(|op| ["x=", "y=", "z="].iter().any(|key| op.command.starts_with(key)))
            .filter(|op| op.result == Some(raft_sim::OpResult::Ok))
            .count();
    }
    assert!((5..=15).contains(&steady), "schedules with a steady client: {steady} of 40");
    assert!(committed > 100, "steady writes committed: {committed}");
}

/// Pipelining in a third of the schedules, half of them with flow control: they stay safe and
/// live (the `fuzz` tests above run them all).
#[test]
fn a_third_of_the_schedules_pipeline_and_stay_safe_and_live() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    let (mut pipelined, mut flow_controlled) = (0, 0);
    for seed in 0..60 {
        let scenario = random_scenario(seed, &settings);
        assert!(scenario.options.pipeline || !scenario.options.flow_control, "seed {seed}");
        if !scenario.options.pipeline {
            continue;
        }
        pipelined += 1;
        flow_controlled += usize::from(scenario.options.flow_control);
        let (sim, failure) = run_seed(seed, &settings);
        assert!(failure.is_none(), "seed {seed}: {failure:?}\n{}", scenario.to_json_pretty());
        assert!(sim.violations().is_empty(), "seed {seed}");
    }
    assert!((12..=28).contains(&pipelined), "pipelined schedules: {pipelined} of 60");
    assert!(
        flow_controlled >= 3 && pipelined - flow_controlled >= 3,
        "{flow_controlled} of {pipelined} with flow control"
    );
}

#[test]
fn a_seed_s_run_is_exactly_its_scenario_s_run() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    for seed in 0..20 {
        let (run, _) = run_seed(seed, &settings);
        let scenario = random_scenario(seed, &settings);
        let mut replay = raft_sim::ScenarioExt::build(&scenario, false).expect("valid");
        replay.run_until(scenario.until_ms.unwrap_or(0));
        assert_eq!(run.trace().hash(), replay.trace().hash(), "seed {seed}");
        assert_eq!(run.now(), replay.now(), "seed {seed}");
    }
}

#[test]
fn random_fault_schedules_stay_safe_and_live_with_pre_vote_and_check_quorum() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    for (pre_vote, check_quorum) in [(true, false), (false, true), (true, true)] {
        for seed in 0..150 {
            let mut scenario = random_scenario(seed, &settings);
            scenario.options.pre_vote = pre_vote;
            scenario.options.check_quorum = check_quorum;
            if !check_quorum && scenario.options.read_mode == raft_sim::ReadMode::Lease {
                scenario.options.read_mode = raft_sim::ReadMode::ReadIndex; // a lease needs CheckQuorum
            }
            let mut sim = raft_sim::ScenarioExt::build(&scenario, false).expect("valid");
            sim.run_until(scenario.until_ms.unwrap_or(0));
            if let Some(reason) = raft_sim::check_run(&sim) {
                panic!("seed {seed}: {reason}\nreproduce with this scenario file:\n{}", scenario.to_json_pretty());
            }
        }
    }
}

#[test]
fn the_schedules_add_and_remove_servers_in_both_modes() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    let mut committed = std::collections::BTreeMap::new();
    let mut grown = 0;
    for seed in 0..200 {
        let (sim, _) = run_seed(seed, &settings);
        let scenario = random_scenario(seed, &settings);
        for op in sim.client_ops().filter(|op| op.result == Some(raft_sim::OpResult::Ok)) {
            if let Some(change) = &op.change {
                let kind = std::mem::discriminant(change);
                *committed
                    .entry((scenario.options.membership == raft_sim::Membership::Joint, format!("{kind:?}")))
                    .or_insert(0) += 1;
            }
        }
        let leader = sim.leader().and_then(|id| sim.node(id)).unwrap();
        if leader.node().configuration().voters().iter().any(|&id| id > 5) {
            grown += 1;
        }
    }
    // Single mode commits additions and removals; joint mode reconfigurations too.
    assert_eq!(committed.len(), 6, "kinds of change committed, by mode: {committed:?}");
    assert!(committed.values().sum::<u32>() >= 40, "{committed:?}");
    assert!(grown >= 10, "clusters that ended with a server added by a change: {grown}");
}

#[test]
fn a_quarter_of_the_schedules_run_clocks_slow_or_fast_with_leases_allowing_for_it() {
    let settings = FuzzSettings { nodes: 5, duration_ms: 5_000, ..FuzzSettings::default() };
    let (mut drifting, mut with_leases) = (0, 0);
    for seed in 0..40 {
        let scenario = random_scenario(seed, &settings);
        let speeds: Vec<u32> = scenario
            .actions
            .iter()
            .filter_map(|a| match a.action {
                raft_sim::Action::Clock { percent, .. } => Some(percent),
                _ => None,
            })
            .collect();
        if speeds.iter().all(|&percent| percent == 100) {
            continue;
        }
        drifting += 1;
        let (sim, _) = run_seed(seed, &settings);
        assert!(sim.clock_drift_percent() > 0, "seed {seed}: the clocks ran apart");
        assert!(!sim.clocks_beyond_lease_bound(), "seed {seed}: the leases allow for the drift");
        with_leases += usize::from(scenario.options.read_mode == raft_sim::ReadMode::Lease);
    }
    assert!((5..=15).contains(&drifting), "schedules with a clock off real time: {drifting} of 40");
    assert!(with_leases > 0, "some of them read by lease");
}
