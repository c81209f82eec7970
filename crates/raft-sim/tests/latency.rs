//! The `latency` action: from its moment on, messages take the new range's times; messages
//! already on the wire keep theirs.

use std::collections::HashMap;

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, ActionError, Scenario, StoryEvent, TraceEvent};

#[test]
fn messages_sent_after_the_change_take_the_new_range_and_those_before_keep_theirs() {
    let json = r#"{ "version": 1, "seed": 5, "nodes": 3,
        "actions": [ { "at_ms": 2000, "do": "latency", "range_ms": [120, 140] } ] }"#;
    let mut sim = Scenario::from_json(json).unwrap().build(true).unwrap();
    sim.run_until(4_000);
    let trace = sim.trace().events().expect("recorded");
    let mut sent = HashMap::new();
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for event in trace {
        match event {
            TraceEvent::Send { at, id, .. } => {
                sent.insert(*id, *at);
            }
            TraceEvent::Deliver { at, id, .. } => {
                let sent_at = sent[id];
                if sent_at < 2_000 { &mut before } else { &mut after }.push(at - sent_at);
            }
            _ => {}
        }
    }
    assert!(before.len() > 20 && after.len() > 20, "{} before, {} after", before.len(), after.len());
    assert!(before.iter().all(|ms| (10..=20).contains(ms)), "the options' 10-20 ms: {before:?}");
    assert!(after.iter().all(|ms| (120..=140).contains(ms)), "the action's 120-140 ms: {after:?}");
    let told = sim
        .story()
        .events()
        .any(|(at, event)| (*at, event) == (2_000, &StoryEvent::LatencySet { range_ms: [120, 140] }));
    assert!(told, "the narration tells the change");
}

#[test]
fn a_range_that_is_not_one_is_refused_and_changes_nothing() {
    let mut sim = Scenario::new(1).build(true).unwrap();
    sim.run_until(500);
    let before = sim.trace().events().expect("recorded").len();
    for (range_ms, problem) in [
        ([0, 10], "must be a range of at least 1 ms with low <= high, not [0, 10]"),
        ([30, 20], "must be a range of at least 1 ms with low <= high, not [30, 20]"),
        ([1, 3_600_001], "at most 3600000 ms (one hour), not 3600001"),
    ] {
        let refused = sim.try_apply(Action::Latency { range_ms }).unwrap_err();
        assert!(matches!(refused, ActionError::BadLatency(_)), "{refused:?}");
        assert_eq!(refused.to_string(), problem);
    }
    assert_eq!(sim.trace().events().expect("recorded").len(), before, "a refused action is not part of the run");
    assert_eq!(Action::Latency { range_ms: [100, 150] }.to_string(), "latency 100-150ms");
}
