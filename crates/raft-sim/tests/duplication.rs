//! Duplicated messages: the `duplicate` option (a delivered message between servers arrives
//! once more, later) and the `duplicate` action (a second copy of a message in flight).

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, ActionError, OpResult, PayloadKind, Scenario, StoryEvent, TraceEvent, CLIENT};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn events(sim: &raft_sim::Simulation) -> &[TraceEvent] {
    sim.trace().events().expect("recorded")
}

#[test]
fn with_the_option_at_one_every_message_between_servers_arrives_twice_and_copies_are_not_copied() {
    let mut sim = scenario(
        r#"{ "version": 1, "seed": 3, "options": { "duplicate": 1 },
        "actions": [ { "at_ms": 800, "do": "write", "node": 1, "command": "x=1" } ] }"#,
    )
    .build(true)
    .unwrap();
    sim.run_until(3_000);
    let trace = events(&sim);
    let copied: Vec<(u64, u64)> = trace
        .iter()
        .filter_map(|e| match e {
            TraceEvent::Duplicate { id, of, .. } => Some((*id, *of)),
            _ => None,
        })
        .collect();
    let delivered_originals = trace
        .iter()
        .filter(|e| {
            matches!(e, TraceEvent::Deliver { id, from, to, .. }
                if *from != CLIENT && *to != CLIENT && !copied.iter().any(|(copy, _)| copy == id))
        })
        .count();
    assert!(delivered_originals > 50, "a busy run: {delivered_originals}");
    assert_eq!(copied.len(), delivered_originals, "one copy per delivered original, none of a copy");
    for (copy, of) in &copied {
        assert!(copy > of, "a copy takes the next id: #{copy} of #{of}");
        assert!(!copied.iter().any(|(c, _)| c == of), "#{of} is itself a copy");
    }
    let client_copies = trace.iter().filter(|e| matches!(e, TraceEvent::Duplicate { from: CLIENT, .. })).count()
        + trace.iter().filter(|e| matches!(e, TraceEvent::Duplicate { to: CLIENT, .. })).count();
    assert_eq!(client_copies, 0, "the client's messages are never copied");
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
    assert!(sim.client_ops().all(|op| op.result == Some(OpResult::Ok)), "the write still commits once");
    let leader = sim.leader().unwrap();
    assert_eq!(sim.node(leader).unwrap().node().log().last_index(), 2, "no-op and x=1, each once");
}

#[test]
fn without_the_option_nothing_is_copied_and_the_run_is_the_same_as_before() {
    let plain = r#"{ "version": 1, "seed": 4 }"#;
    let zero = r#"{ "version": 1, "seed": 4, "options": { "duplicate": 0 } }"#;
    let run = |json| {
        let mut sim = scenario(json).build(true).unwrap();
        sim.run_until(2_000);
        assert!(!events(&sim).iter().any(|e| matches!(e, TraceEvent::Duplicate { .. })));
        sim.trace().hash()
    };
    assert_eq!(run(plain), run(zero));
    assert!(!scenario(zero).to_json().contains("duplicate"), "a zero is not written: files stay as they were");
}

#[test]
fn duplicated_runs_are_deterministic_and_safe_over_many_seeds() {
    for seed in 0..20 {
        let json = format!(
            r#"{{ "version": 1, "seed": {seed}, "options": {{ "duplicate": 0.3, "loss": 0.05 }},
            "actions": [ {{ "at_ms": 500, "do": "write", "node": 2, "command": "a=1" }},
                         {{ "at_ms": 900, "do": "crash", "node": 1 }},
                         {{ "at_ms": 1500, "do": "restart", "node": 1 }},
                         {{ "at_ms": 2000, "do": "write", "node": 3, "command": "b=2" }} ] }}"#
        );
        let run = || {
            let mut sim = scenario(&json).build(true).unwrap();
            sim.run_until(8_000);
            sim
        };
        let (first, second) = (run(), run());
        assert_eq!(first.trace().hash(), second.trace().hash(), "seed {seed}: {json}");
        assert!(first.violations().is_empty(), "seed {seed}: {:?}\n{json}", first.violations());
        assert!(events(&first).iter().any(|e| matches!(e, TraceEvent::Duplicate { .. })), "seed {seed}");
    }
}

#[test]
fn the_action_copies_a_message_in_flight_and_tells_the_story() {
    let mut sim = Scenario::new(1).build(true).unwrap();
    sim.run_until(1_000);
    while !sim.messages_in_flight().any(|m| m.from != CLIENT && m.to != CLIENT) {
        sim.step();
    }
    let flight = sim.messages_in_flight().find(|m| m.from != CLIENT && m.to != CLIENT).unwrap().clone();
    let last_sent =
        events(&sim).iter().filter_map(|e| if let TraceEvent::Send { id, .. } = e { Some(*id) } else { None }).max();
    sim.apply(Action::Duplicate { message: flight.id }).unwrap();
    let copy = sim.network().get(last_sent.unwrap() + 1).expect("the copy is in flight with the next id");
    assert_eq!(
        (copy.from, copy.to, &copy.payload, copy.copy_of),
        (flight.from, flight.to, &flight.payload, Some(flight.id))
    );
    assert!(copy.deliver_at > sim.now(), "it arrives later");
    assert!(sim.network().get(flight.id).is_some(), "the original still travels");
    let told = sim.story().events().last().map(|(_, e)| e.clone());
    assert_eq!(told, Some(StoryEvent::Duplicated { id: flight.id, from: flight.from, to: flight.to }));
    let kinds: Vec<PayloadKind> = events(&sim)
        .iter()
        .filter_map(|e| match e {
            TraceEvent::Duplicate { kind, .. } => Some(*kind),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, [flight.payload.kind()]);
}

#[test]
fn the_action_refuses_unknown_messages_and_the_clients_and_changes_nothing() {
    let mut sim = Scenario::new(1).build(true).unwrap();
    sim.run_until(1_000);
    assert_eq!(sim.try_apply(Action::Duplicate { message: 99_999 }), Err(ActionError::NoSuchMessage(99_999)));
    let leader = sim.leader().unwrap();
    sim.write(leader, "x=1", 1).unwrap();
    let request = sim.messages_in_flight().find(|m| m.from == CLIENT).unwrap().id;
    let before = (sim.trace().hash(), sim.network().len());
    assert_eq!(sim.try_apply(Action::Duplicate { message: request }), Err(ActionError::ClientMessage(request)));
    assert_eq!((sim.trace().hash(), sim.network().len()), before);
}

#[test]
fn scenario_files_read_and_check_duplication() {
    let read = scenario(
        r#"{ "version": 1, "seed": 1, "options": { "duplicate": 0.25 },
        "actions": [ { "at_ms": 5, "do": "duplicate", "message": 3 } ] }"#,
    );
    assert_eq!(read.options.duplicate, 0.25);
    assert_eq!(read.actions[0].action, Action::Duplicate { message: 3 });
    assert_eq!(Scenario::from_json(&read.to_json()).unwrap(), read, "it writes back what it read");
    let refusal = |json: &str| Scenario::from_json(json).unwrap_err().to_string();
    assert_eq!(
        refusal(r#"{ "version": 1, "seed": 1, "options": { "duplicate": 1.5 } }"#),
        "options.duplicate: a probability from 0 to 1, not 1.5"
    );
    assert_eq!(
        refusal(r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "duplicate", "message": 0 } ] }"#),
        "actions[0].message: message ids start at 1"
    );
    assert!(refusal(r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "duplicate", "node": 1 } ] }"#)
        .contains("unknown field `node` for `duplicate`"));
}
