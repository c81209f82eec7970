//! Client sessions (thesis §6.3): with `client_retries`, a client sends a write again when its
//! answer is lost, with the same (client, sequence number), and the state machine applies it
//! once. Off by default, so earlier runs replay as before.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, OpResult, PayloadKind, Scenario, Simulation, StoryEvent};

/// A 3-server cluster with these options, run until it has a leader; returns it and the leader.
fn cluster(options: &str) -> (Simulation, u32) {
    let json = format!(r#"{{ "version": 1, "seed": 2, "nodes": 3, "options": {options} }}"#);
    let mut sim = Scenario::from_json(&json).unwrap().build(true).unwrap();
    sim.run_until(1_000);
    let leader = sim.leader().expect("a leader by 1 s");
    (sim, leader)
}

/// C1 writes `x=1`, its answer is lost, then C2 writes `x=2` and it is acknowledged. Returns
/// the simulation once C1's write has ended.
fn lost_answer_then_another_write(options: &str) -> Simulation {
    let (mut sim, leader) = cluster(options);
    sim.apply(Action::Write { node: leader, command: "x=1".into(), client: 1 }).unwrap();
    let mut answer = None;
    while answer.is_none() {
        sim.step();
        answer = sim.network().in_flight().find(|m| m.payload.kind() == PayloadKind::ClientResponse).map(|m| m.id);
    }
    sim.apply(Action::Drop { message: answer.unwrap() }).unwrap();
    sim.apply(Action::Write { node: leader, command: "x=2".into(), client: 2 }).unwrap();
    sim.run_until(sim.now() + 3_000);
    sim
}

#[test]
fn a_retried_write_is_applied_once() {
    let sim = lost_answer_then_another_write(r#"{ "client_timeout_ms": 500, "client_retries": 2 }"#);
    let first = sim.client_op(1).unwrap();
    assert_eq!((first.result, first.retries), (Some(OpResult::Ok), 1), "acknowledged on its retry");
    assert_eq!(sim.client_op(2).unwrap().result, Some(OpResult::Ok));
    for node in sim.nodes() {
        let raft = node.node();
        let copies = raft.log().entries().filter(|e| e.command.to_string() == "x=1").count();
        assert_eq!(copies, 2, "S{}: the write and its retry are both in the log", raft.id());
        let texts: Vec<String> = raft.log().entries().map(|e| e.command.to_string()).collect();
        let (retry, other) = (texts.iter().rposition(|t| t == "x=1"), texts.iter().position(|t| t == "x=2"));
        assert!(retry > other, "S{}: the retry comes after x=2: {texts:?}", raft.id());
        assert_eq!(raft.kv().get("x"), Some("2"), "S{}: the retry did not undo x=2", raft.id());
    }
    assert!(sim.story().events().any(|(_, e)| matches!(e, StoryEvent::ClientRetried { op: 1, attempt: 2, .. })));
    assert!(sim.violations().is_empty());
}

#[test]
fn without_retries_the_write_times_out_as_before() {
    let sim = lost_answer_then_another_write(r#"{ "client_timeout_ms": 500 }"#);
    let first = sim.client_op(1).unwrap();
    assert_eq!((first.result, first.retries), (Some(OpResult::Timeout), 0));
    let json =
        Scenario::from_json(r#"{ "version": 1, "seed": 2, "options": { "client_retries": 0 } }"#).unwrap().to_json();
    assert!(!json.contains("client_retries"), "0 is not written: {json}");
    let refused = Scenario::from_json(r#"{ "version": 1, "seed": 2, "options": { "client_retries": 11 } }"#);
    assert_eq!(refused.unwrap_err().to_string(), "options.client_retries: at most 10, not 11");
}
