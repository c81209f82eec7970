//! Reads and the clients' history in the simulator: the `read` action and its `client`, the
//! read modes, the `stale_reads` switch, and the linearizability check of what the clients saw
//! (issue 16).

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, ActionError, Linearizability, OpKind, OpResult, Reason, Report, Scenario, Simulation};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn run(options: &str) -> Simulation {
    let json = format!(r#"{{ "version": 1, "seed": 7, "nodes": 3, "options": {options} }}"#);
    scenario(&json).build(true).unwrap()
}

/// A leader cut off from the others after `x=1` committed, a new leader that committed `x=2`,
/// then client 2 reads `x` at the old leader. Returns the run and the read's id.
fn stale_leader_read(options: &str) -> (Simulation, u64) {
    let mut sim = run(options);
    sim.run_until(1_000);
    let old = sim.leader().expect("a leader by 1 s");
    sim.apply(Action::Write { node: old, command: "x=1".into(), client: 1 }).unwrap();
    sim.run_until(1_200);
    let others: Vec<u32> = (1..=3).filter(|&n| n != old).collect();
    sim.apply(Action::Partition { groups: vec![vec![old], others.clone()] }).unwrap();
    sim.run_until(2_000);
    let new = sim.leader().filter(|&l| l != old).expect("the majority elected a new leader");
    sim.apply(Action::Write { node: new, command: "x=2".into(), client: 1 }).unwrap();
    sim.run_until(2_300);
    let read = sim.client_ops().count() as u64 + 1;
    sim.apply(Action::Read { node: old, key: "x".into(), client: 2 }).unwrap();
    sim.run_until(5_000);
    (sim, read)
}

#[test]
fn a_read_action_reads_and_writes_with_its_client_and_client_1_is_not_written() {
    let read = scenario(
        r#"{ "version": 1, "seed": 1, "options": { "read_mode": "read_index", "unsafe": { "stale_reads": true } },
             "actions": [ { "at_ms": 900, "do": "read", "node": 3, "key": "x", "client": 2 },
                          { "at_ms": 950, "do": "write", "node": 1, "command": "x=1" },
                          { "at_ms": 960, "do": "read", "node": 1, "key": "x" } ] }"#,
    );
    assert_eq!(read.actions[0].action, Action::Read { node: 3, key: "x".into(), client: 2 });
    assert_eq!(read.actions[1].action, Action::Write { node: 1, command: "x=1".into(), client: 1 });
    let json = read.to_json();
    assert!(json.contains(r#""client":2"#) && json.matches(r#""client""#).count() == 1, "{json}");
    assert!(json.contains(r#""read_mode":"read_index""#) && json.contains(r#""stale_reads":true"#), "{json}");
    assert_eq!(Scenario::from_json(&json).unwrap(), read);
    let plain = Scenario::new(1).to_json();
    assert!(!plain.contains("read_mode") && !plain.contains("stale_reads"), "{plain}");
    for (json, error) in [
        (
            r#"{"at_ms":0,"do":"read","node":1,"key":"x","client":4}"#,
            "actions[0].client: client 4 does not exist: clients are 1 to 3",
        ),
        (
            r#"{"at_ms":0,"do":"read","node":1,"key":"x y"}"#,
            "actions[0].key: a key has only letters, digits and '_', not \" \"",
        ),
        (
            r#"{"at_ms":0,"do":"crash","node":1,"client":2}"#,
            "actions[0]: unknown field `client` for `crash`, expected `node`",
        ),
        (r#"{"at_ms":0,"do":"read","node":1}"#, "actions[0]: missing field `key`"),
    ] {
        let file = format!(r#"{{ "version": 1, "seed": 1, "actions": [{json}] }}"#);
        let refusal = Scenario::from_json(&file).unwrap_err().to_string();
        assert!(refusal.starts_with(error), "{refusal}");
    }
    let lease_alone = Scenario::from_json(r#"{ "version": 1, "seed": 1, "options": { "read_mode": "lease" } }"#);
    assert!(lease_alone.unwrap_err().to_string().starts_with("options.read_mode: lease reads need check_quorum: true"));
}

#[test]
fn reads_in_each_mode_return_the_latest_write_and_the_history_is_linearizable() {
    for options in [r#"{}"#, r#"{"read_mode":"read_index"}"#, r#"{"read_mode":"lease","check_quorum":true}"#] {
        let mut sim = run(options);
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        let follower = if leader == 1 { 2 } else { 1 };
        sim.apply(Action::Write { node: leader, command: "x=1".into(), client: 1 }).unwrap();
        sim.run_until(1_200);
        sim.apply(Action::Read { node: follower, key: "x".into(), client: 2 }).unwrap();
        sim.apply(Action::Read { node: leader, key: "y".into(), client: 3 }).unwrap();
        sim.run_until(1_500);
        let reads: Vec<_> = sim.client_ops().filter(|op| op.kind == OpKind::Read).collect();
        assert_eq!(reads.len(), 2, "{options}");
        assert_eq!(
            (reads[0].result, reads[0].value.clone()),
            (Some(OpResult::Ok), Some(Some("1".into()))),
            "{options}: redirected to the leader"
        );
        assert_eq!((reads[0].client, reads[0].redirects), (2, 1), "{options}");
        assert_eq!(
            (reads[1].result, reads[1].value.clone()),
            (Some(OpResult::Ok), Some(None)),
            "{options}: y is not set"
        );
        assert!(matches!(sim.linearizability(), Linearizability::Linearizable { .. }), "{options}");
        let report = Report::of(&sim);
        assert!(report.linearizable && report.not_linearizable.is_none(), "{options}");
        let written = serde_json::to_value(&report).unwrap();
        let read = &written["clients"][1];
        assert_eq!(
            (read["kind"].as_str(), read["key"].as_str(), read["value"].as_str()),
            (Some("read"), Some("x"), Some("1")),
            "{options}"
        );
        assert_eq!(written["clients"][2]["value"], serde_json::Value::Null, "{options}: an unset key reads null");
    }
}

#[test]
fn a_stale_leader_serves_a_stale_read_only_with_the_switch() {
    let (broken, read) = stale_leader_read(r#"{"unsafe":{"stale_reads":true}}"#);
    let op = broken.client_op(read).unwrap();
    assert_eq!((op.result, op.value.clone()), (Some(OpResult::Ok), Some(Some("1".into()))), "the old value");
    let Linearizability::Violation(failure) = broken.linearizability() else { panic!("the stale read is caught") };
    assert_eq!(failure.key, "x");
    assert!(matches!(failure.reason, Reason::Stale { read: r, .. } if r == read), "{failure:?}");
    assert!(!Report::of(&broken).linearizable);
    for options in [r#"{"read_mode":"read_index"}"#, r#"{"read_mode":"lease","check_quorum":true}"#] {
        let (safe, read) = stale_leader_read(options);
        let op = safe.client_op(read).unwrap();
        assert_ne!(op.result, Some(OpResult::Ok), "{options}: the old leader cannot confirm it still leads");
        assert!(matches!(safe.linearizability(), Linearizability::Linearizable { .. }), "{options}");
    }
}

#[test]
fn a_client_outside_one_to_three_is_refused() {
    let mut sim = run("{}");
    assert_eq!(sim.apply(Action::Read { node: 1, key: "x".into(), client: 0 }), Err(ActionError::NoSuchClient(0)));
    assert_eq!(
        sim.apply(Action::Write { node: 1, command: "x=1".into(), client: 4 }),
        Err(ActionError::NoSuchClient(4))
    );
    assert_eq!(sim.client_ops().count(), 0);
}

#[test]
fn writes_of_the_initial_logs_may_be_read() {
    let mut sim = scenario(
        r#"{ "version": 1, "seed": 3, "nodes": 3,
             "initial": { "1": { "term": 1, "log": [[1, "x=5"]] }, "2": { "term": 1, "log": [[1, "x=5"]] } } }"#,
    )
    .build(false)
    .unwrap();
    sim.run_until(1_000);
    let leader = sim.leader().unwrap();
    sim.apply(Action::Read { node: leader, key: "x".into(), client: 1 }).unwrap();
    sim.run_until(1_300);
    let op = sim.client_ops().last().unwrap();
    assert_eq!(op.value, Some(Some("5".into())));
    assert!(matches!(sim.linearizability(), Linearizability::Linearizable { .. }), "x=5 is an unknown write at 0");
}
