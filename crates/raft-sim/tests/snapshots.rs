//! Snapshots in the simulator (issue 16): the `snapshot` action and the `snapshot_every`
//! option, InstallSnapshot to a follower that fell behind, the report, and the safety checker
//! and fuzzer with logs that start after a snapshot.

use raft_sim::ScenarioExt as _;
use raft_sim::{run_seed, Action, ActionError, FuzzSettings, Report, Scenario, StoryEvent};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn the_option_and_the_action_read_and_are_not_written_when_off() {
    let read = scenario(
        r#"{ "version": 1, "seed": 1, "options": { "snapshot_every": 10 },
             "actions": [ { "at_ms": 900, "do": "snapshot", "node": 2 } ] }"#,
    );
    assert_eq!((read.options.snapshot_every, &read.actions[0].action), (10, &Action::Snapshot { node: 2 }));
    assert_eq!(Scenario::from_json(&read.to_json()).unwrap(), read);
    assert!(!Scenario::new(1).to_json().contains("snapshot"));
}

#[test]
fn a_follower_far_behind_catches_up_by_install_snapshot() {
    let mut sim = scenario(r#"{ "version": 1, "seed": 4, "nodes": 3 }"#).build(true).unwrap();
    sim.run_until(1_000);
    let leader = sim.leader().unwrap();
    let behind = if leader == 3 { 2 } else { 3 };
    sim.apply(Action::Crash { node: behind }).unwrap();
    for i in 0..6 {
        sim.apply(Action::Write { node: leader, command: format!("k{i}={i}"), client: 1 }).unwrap();
        sim.run_until(1_100 + 100 * i);
    }
    sim.run_until(2_000);
    sim.apply(Action::Snapshot { node: leader }).unwrap();
    assert_eq!(sim.apply(Action::Snapshot { node: leader }), Err(ActionError::NothingToSnapshot(leader)));
    // Once the entries last sent to it are lost, it comes back needing what the leader discarded.
    sim.run_until(2_100);
    sim.apply(Action::Restart { node: behind }).unwrap();
    sim.run_until(3_000);
    let (lead, back) = (sim.node(leader).unwrap().node(), sim.node(behind).unwrap().node());
    assert_eq!(back.log().snapshot_index(), lead.log().snapshot_index(), "S{behind} installed the snapshot");
    assert_eq!(back.kv(), lead.kv());
    let story: Vec<_> = sim.story().events().map(|(_, e)| e.clone()).collect();
    assert!(story
        .iter()
        .any(|e| matches!(e, StoryEvent::SnapshotInstalled { node, from, .. } if (*node, *from) == (behind, leader))));
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
    let report = serde_json::to_value(Report::of(&sim)).unwrap();
    let node = &report["nodes"][(behind - 1) as usize];
    assert_eq!(node["snapshot"]["last_index"], serde_json::json!(lead.log().snapshot_index()));
    assert_eq!(node["log"].as_array().unwrap().len() as u64, back.log().last_index() - back.log().snapshot_index());
    assert_eq!(
        report["nodes"][(leader - 1) as usize]["snapshot"]["last_term"],
        serde_json::json!(lead.log().snapshot_term())
    );
}

#[test]
fn snapshot_every_keeps_logs_short_and_runs_stay_safe_and_live() {
    for seed in 0..300 {
        let settings = FuzzSettings { nodes: 3 + (seed % 3) as u32 * 2, duration_ms: 6_000, ..FuzzSettings::default() }
            .with_options(r#"{"snapshot_every": 3}"#)
            .unwrap();
        let (sim, failure) = run_seed(seed, &settings);
        assert!(failure.is_none(), "seed {seed}: {failure:?}");
        for node in sim.nodes() {
            let log = node.node().log();
            assert!(
                log.last_index() - log.snapshot_index() <= 3 + 64,
                "seed {seed}: a long log on S{}",
                node.node().id()
            );
        }
    }
}
