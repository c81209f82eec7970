//! Scenario files, version 1: what parses, what is refused and with which message.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, LogItem, Scenario};

/// The example of the scenario format's specification, verbatim.
const SPEC_EXAMPLE: &str = r#"{ "version": 1, "seed": 7, "nodes": 5,
  "options": { "election_timeout_ms": [150, 300], "heartbeat_ms": 50, "latency_ms": [10, 20], "loss": 0.0 },
  "initial": { "1": { "term": 7, "voted_for": null, "log": [1, 1, [4, "x=2"]] } },
  "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 },
               { "at_ms": 400, "do": "write", "node": 1, "command": "x=4" },
               { "at_ms": 500, "do": "partition", "groups": [[1, 2], [3, 4, 5]] },
               { "at_ms": 900, "do": "heal" },
               { "at_ms": 950, "do": "crash", "node": 2 }, { "at_ms": 1200, "do": "restart", "node": 2 },
               { "at_ms": 1300, "do": "cut", "from": 1, "to": 3 }, { "at_ms": 1400, "do": "mend", "from": 1, "to": 3 },
               { "at_ms": 1500, "do": "drop", "message": 42 } ],
  "until_ms": 5000 }"#;

fn refusal(json: &str) -> String {
    Scenario::from_json(json).expect_err("should be refused").to_string()
}

#[test]
fn the_specification_example_parses_with_every_field() {
    let scenario = Scenario::from_json(SPEC_EXAMPLE).unwrap();
    assert_eq!((scenario.seed, scenario.nodes, scenario.until_ms), (7, 5, Some(5000)));
    assert_eq!(
        scenario.initial.get(&1).unwrap().log,
        [LogItem::Term(1), LogItem::Term(1), LogItem::Entry(4, Some("x=2".into()))]
    );
    assert_eq!(scenario.actions.len(), 9);
    assert_eq!(scenario.actions[2].action, Action::Partition { groups: vec![vec![1, 2], vec![3, 4, 5]] });
    assert_eq!(scenario.actions[8].action, Action::Drop { message: 42 });
    let sim = scenario.build(false).unwrap();
    let node = sim.node(1).unwrap().node();
    assert_eq!((node.current_term(), node.log().last_index()), (7, 3));
}

#[test]
fn omitted_fields_take_their_defaults() {
    let scenario = Scenario::from_json(r#"{ "version": 1, "seed": 3 }"#).unwrap();
    assert_eq!(scenario, Scenario::new(3));
    assert_eq!(scenario.options.election_timeout_ms, [150, 300]);
}

#[test]
fn a_scenario_round_trips_through_its_json() {
    let scenario = Scenario::from_json(SPEC_EXAMPLE).unwrap();
    let again = Scenario::from_json(&scenario.to_json_pretty()).unwrap();
    assert_eq!(again, scenario);
    assert_eq!(again.build(false).unwrap().trace().hash(), scenario.build(false).unwrap().trace().hash());
}

#[test]
fn a_steady_client_round_trips_and_replays_the_same() {
    let json = r#"{ "version": 1, "seed": 2, "actions": [ { "at_ms": 600, "do": "workload", "client": 3, "every_ms": 250 },
        { "at_ms": 900, "do": "workload", "every_ms": 400 }, { "at_ms": 2000, "do": "workload", "client": 3, "every_ms": 0 } ] }"#;
    let scenario = Scenario::from_json(json).unwrap();
    let written = scenario.to_json_pretty();
    assert!(written.contains(r#""do": "workload""#) && !written.contains(r#""client": 1"#), "{written}");
    assert_eq!(Scenario::from_json(&written).unwrap(), scenario);
    let mut first = scenario.build(false).unwrap();
    first.run_until(3_000);
    let commands: Vec<String> = first.client_ops().map(|op| op.command.clone()).collect();
    assert!(commands.starts_with(&["z=1".to_owned(), "z=2".to_owned()]), "{commands:?}");
    assert!(
        commands.contains(&"x=5".to_owned())
            && commands.contains(&"z=6".to_owned())
            && !commands.contains(&"z=7".to_owned())
    );
    let mut again = Scenario::from_json(&written).unwrap().build(false).unwrap();
    again.run_until(3_000);
    assert_eq!(first.trace().hash(), again.trace().hash());
}

#[test]
fn every_malformed_part_is_refused_with_a_message_naming_the_field() {
    let cases = [
        (r#"{ "version": 1, "seed": 1, "nodez": 5 }"#, "nodez: unknown field `nodez`"),
        (r#"{ "seed": 1 }"#, "missing field `version`"),
        (r#"{ "version": 9, "seed": 1 }"#, "version: this playground reads scenario files up to version 1, not 9"),
        (r#"{ "version": 1, "seed": 1, "nodes": 12 }"#, "nodes: a cluster has 1 to 9 nodes, not 12"),
        (r#"{ "version": 1, "seed": 1, "options": { "heartbeat_ms": 900 } }"#, "options.heartbeat_ms: 900"),
        (r#"{ "version": 1, "seed": 1, "options": { "loss": 2 } }"#, "options.loss: a probability from 0 to 1"),
        (r#"{ "version": 1, "seed": 1, "options": { "speed": 2 } }"#, "options.speed: unknown field `speed`"),
        (r#"{ "version": 1, "seed": 1, "initial": { "7": {} } }"#, "initial.7: node 7 does not exist"),
        (r#"{ "version": 1, "seed": 1, "initial": { "1": { "term": 1, "log": [2] } } }"#, "initial.1.term: 1 is below"),
        (r#"{ "version": 1, "seed": 1, "initial": { "1": { "term": 3, "log": [2, 1] } } }"#, "initial.1.log[1]: terms"),
        (
            r#"{ "version": 1, "seed": 1, "initial": { "1": { "term": 3, "log": [[2, 5]] } } }"#,
            "initial.1.log[0]: a log entry is",
        ),
        (
            r#"{ "version": 1, "seed": 1, "initial": { "1": { "term": 3, "log": [[2, "x"]] } } }"#,
            "initial.1.log[0]: a command needs an '='",
        ),
        (
            r#"{ "version": 1, "seed": 1, "initial": { "1": { "voted_for": 8 } } }"#,
            "initial.1.voted_for: node 8 does not exist",
        ),
        (r#"{ "version": 1, "seed": 1, "actions": [ { "do": "heal" } ] }"#, "actions[0]: missing field `at_ms`"),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "explode" } ] }"#,
            "actions[0].do: unknown variant `explode`, expected one of `timeout`, `crash`",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "crash", "node": 6 } ] }"#,
            "actions[0].node: node 6 does not exist",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "crash" } ] }"#,
            "actions[0]: missing field `node`",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "crash", "node": 1, "why": 1 } ] }"#,
            "actions[0].why: unknown field `why`, expected one of `at_ms`, `do`, `node`",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 5, "do": "heal" }, { "at_ms": 4, "do": "heal" } ] }"#,
            "actions[1].at_ms: 4 is before",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "write", "node": 1, "command": "<b>=1" } ] }"#,
            "actions[0].command: a key has only letters",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "workload", "every_ms": 20 } ] }"#,
            "actions[0].every_ms: 0 (stop) or 100 to 60000 ms, not 20",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "latency", "range_ms": [200, 100] } ] }"#,
            "actions[0].range_ms: must be a range of at least 1 ms with low <= high, not [200, 100]",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "latency", "range_ms": [10, 3600001] } ] }"#,
            "actions[0].range_ms: at most 3600000 ms (one hour), not 3600001",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "latency", "range_ms": [10] } ] }"#,
            "actions[0].range_ms: invalid length 1",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "workload", "client": 4, "every_ms": 200 } ] }"#,
            "actions[0].client: client 4 does not exist",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "workload", "node": 1, "every_ms": 200 } ] }"#,
            "actions[0]: unknown field `node` for `workload`, expected `every_ms`",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "partition", "groups": [[1, 2], [2]] } ] }"#,
            "actions[0].groups[1][0]: node 2 is in two groups",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "cut", "from": 2, "to": 2 } ] }"#,
            "actions[0].to: a link joins two different nodes",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "drop", "message": 0 } ] }"#,
            "actions[0].message: message ids start at 1",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": -1, "do": "heal" } ] }"#,
            "actions[0].at_ms: invalid value: integer `-1`, expected a whole number >= 0",
        ),
        ("", "EOF while parsing a value at line 1 column 0"),
        ("[]", "this is not a scenario, which is one JSON object"),
        (r#"{ "version": 1, "seed": 1, "seed": 2 }"#, "duplicate field `seed` at line 1 column 33"),
        (r#"{ "version": 1, "seed": "7" }"#, "seed: invalid type: string \"7\", expected a whole number >= 0"),
        (
            r#"{ "version": 1, "seed": 1, "nodes": 3.5 }"#,
            "nodes: invalid type: floating point `3.5`, expected a whole number from 0 to 4294967295",
        ),
        (
            r#"{ "version": 1, "seed": 1, "options": { "latency_ms": [1] } }"#,
            "options.latency_ms: invalid length 1, expected an array of length 2",
        ),
        (
            r#"{ "version": 1, "seed": 1, "options": { "loss": true } }"#,
            "options.loss: invalid type: boolean `true`, expected a number",
        ),
        (r#"{ "version": 1, "seed": 1, "initial": { "x": {} } }"#, "initial: a server id is a whole number, not \"x\""),
        (
            r#"{ "version": 1, "seed": 1, "initial": { "01": {} } }"#,
            "initial: a server id is a whole number, not \"01\"",
        ),
        (
            r#"{ "version": 1, "seed": 1, "initial": { "+1": {} } }"#,
            "initial: a server id is a whole number, not \"+1\"",
        ),
        (
            r#"{ "version": 1, "seed": 1, "initial": { "10": {}, "9": {}, "8": {}, "7": {}, "6": {}, "5": {}, "4": {}, "3": {}, "2": {}, "1": {} } }"#,
            "initial: at most 9 servers",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ 3 ] }"#,
            "actions[0]: invalid type: integer `3`, expected an object",
        ),
        (r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1 } ] }"#, "actions[0]: missing field `do`"),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "partition", "groups": [[1, "2"]] } ] }"#,
            "actions[0].groups[0][1]: invalid type: string \"2\", expected a whole number from 0 to 4294967295",
        ),
        ("{ \"version\": 1,\n  \"seed\" 1 }", "expected `:` at line 2 column 10"),
        ("42", "this is not a scenario, which is one JSON object"),
        (r#"{ "version": 1, "seed": 1, "options": [] }"#, "options: invalid type: sequence, expected an object"),
        (r#"{ "version": 1, "seed": 1, "initial": { "1": [3] } }"#, "initial.1: invalid type: sequence"),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": 1, "node": 2 } ] }"#,
            "actions[0].do: expected value",
        ),
        (
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 1, "do": "heal", "node": 2 } ] }"#,
            "actions[0]: unknown field `node` for `heal`, expected none",
        ),
        (
            r#"{ "version": 1, "seed": 1, "options": { "loss": -0.0 } }"#,
            "options.loss: a probability from 0 to 1, not -0.0",
        ),
    ];
    for (json, expected) in cases {
        let message = refusal(json);
        assert!(message.contains(expected), "{json}\n  gave: {message}\n  expected it to contain: {expected}");
    }
    // A comma missing between two fields: no field to name (serde_path_to_error's `?`), so the
    // message starts with what is wrong, and says where.
    let message = refusal("{ \"version\": 1, \"nodes\": 5\n \"actions\": [] }");
    assert!(message.starts_with("expected `,` or `}` at line 2 column 2"), "{message}");
}

#[test]
fn equal_action_times_are_allowed_so_two_things_can_happen_at_once() {
    let json = r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 5, "do": "crash", "node": 1 }, { "at_ms": 5, "do": "crash", "node": 2 } ] }"#;
    let mut sim = Scenario::from_json(json).unwrap().build(false).unwrap();
    sim.run_until(5);
    assert!(!sim.node(1).unwrap().is_up() && !sim.node(2).unwrap().is_up());
}

#[test]
fn an_action_impossible_at_its_time_is_refused_in_the_trace_and_the_run_goes_on() {
    let json = r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 5, "do": "restart", "node": 1 }, { "at_ms": 6, "do": "drop", "message": 999 } ] }"#;
    let mut sim = Scenario::from_json(json).unwrap().build(true).unwrap();
    sim.run_until(1_000);
    let refused: Vec<String> = sim
        .trace()
        .events()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            raft_sim::TraceEvent::Action { error: Some(error), .. } => Some(error.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(refused, ["S1 is running: only a crashed server restarts", "message 999 is not in flight"]);
    assert!(sim.leader().is_some());
}
