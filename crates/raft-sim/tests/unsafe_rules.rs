//! The break-a-rule switches: each, with its schedule, breaks the Figure 3 property it guards,
//! and the same schedule with the rule kept breaks nothing.

use raft_sim::ScenarioExt as _;
use raft_sim::{Property, Scenario};

/// The properties a scenario's run breaks, with `switch` on and then off.
fn broken_with_and_without(switch: &str, json: &str) -> (Vec<Property>, Vec<Property>) {
    let run = |on: bool| {
        let mut scenario = Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"));
        let switches = &mut scenario.options.unsafe_rules;
        match switch {
            "no_election_restriction" => switches.no_election_restriction = on,
            "commit_old_terms" => switches.commit_old_terms = on,
            "vote_for_highest_id" => switches.vote_for_highest_id = on,
            "ack_on_equal_commit" => switches.ack_on_equal_commit = on,
            other => panic!("no switch {other}"),
        }
        let mut sim = scenario.build(true).unwrap();
        sim.run_until(scenario.until_ms.unwrap_or(3_000));
        let mut broken: Vec<Property> = sim.violations().iter().map(|v| v.property).collect();
        broken.dedup();
        broken
    };
    (run(true), run(false))
}

#[test]
fn commit_old_terms_overwrites_a_committed_entry_in_figure_8() {
    let figure_8 = include_str!("../../raft-web/presets/figure-8.json");
    let (with, without) = broken_with_and_without("commit_old_terms", figure_8);
    assert!(with.contains(&Property::StateMachineSafety), "{with:?}");
    assert_eq!(without, []);
}

/// The commit the switch allows is told as such (S1 counts copies of its term-2 entry at index
/// 2, in term 4), and never with the rule kept, where the same moment defers the commit.
#[test]
fn a_commit_by_counting_old_term_copies_is_told_only_with_the_switch_on() {
    let told = |on: bool| {
        let mut scenario = Scenario::from_json(include_str!("../../raft-web/presets/figure-8.json")).unwrap();
        scenario.options.unsafe_rules.commit_old_terms = on;
        let mut sim = scenario.build(true).unwrap();
        sim.run_until(1_000);
        let story: Vec<raft_sim::StoryEvent> = sim.story().events().map(|(_, event)| event.clone()).collect();
        let counted = story.iter().find(|e| matches!(e, raft_sim::StoryEvent::CommittedByCounting { .. })).cloned();
        let deferred = story.iter().any(|e| matches!(e, raft_sim::StoryEvent::CommitDeferred { .. }));
        (counted, deferred)
    };
    let (counted, _) = told(true);
    assert_eq!(
        counted,
        Some(raft_sim::StoryEvent::CommittedByCounting { leader: 1, index: 2, term: 2, leader_term: 4 })
    );
    assert_eq!(told(false), (None, true));
}

#[test]
fn no_election_restriction_lets_a_stale_log_win_and_erase_a_committed_write() {
    let json = r#"{ "version": 1, "seed": 1, "nodes": 3,
        "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 },
                     { "at_ms": 100, "do": "crash", "node": 3 },
                     { "at_ms": 200, "do": "write", "node": 1, "command": "x=1" },
                     { "at_ms": 400, "do": "crash", "node": 1 },
                     { "at_ms": 400, "do": "restart", "node": 3 },
                     { "at_ms": 401, "do": "timeout", "node": 3 } ],
        "until_ms": 1000 }"#;
    let (with, without) = broken_with_and_without("no_election_restriction", json);
    assert!(with.contains(&Property::LeaderCompleteness), "{with:?}");
    assert_eq!(without, []);
}

#[test]
fn vote_for_highest_id_elects_two_leaders_in_one_term() {
    // Seed 0: S2 hears S1's request first, votes, then votes again for S3 (a higher id).
    let json = r#"{ "version": 1, "seed": 0, "nodes": 3,
        "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 }, { "at_ms": 0, "do": "timeout", "node": 3 } ],
        "until_ms": 100 }"#;
    let (with, without) = broken_with_and_without("vote_for_highest_id", json);
    assert!(with.contains(&Property::ElectionSafety), "{with:?}");
    assert_eq!(without, []);
}

#[test]
fn ack_on_equal_commit_makes_logs_agree_on_an_entry_but_not_on_what_precedes_it() {
    let json = r#"{ "version": 1, "seed": 1, "nodes": 3,
        "initial": { "1": { "term": 3, "log": [1, 1, 3] },
                     "2": { "term": 3, "log": [1, 2] },
                     "3": { "term": 3, "log": [1, 1, 3] } },
        "actions": [ { "at_ms": 0, "do": "crash", "node": 3 }, { "at_ms": 0, "do": "timeout", "node": 1 } ],
        "until_ms": 200 }"#;
    let (with, without) = broken_with_and_without("ack_on_equal_commit", json);
    assert!(with.contains(&Property::LogMatching), "{with:?}");
    assert_eq!(without, []);
}

#[test]
fn the_switches_read_from_files_and_are_not_written_when_off() {
    let on =
        Scenario::from_json(r#"{ "version": 1, "seed": 1, "options": { "unsafe": { "commit_old_terms": true } } }"#)
            .unwrap();
    assert!(on.options.unsafe_rules.commit_old_terms);
    assert!(on.to_json().contains(r#""unsafe":{"commit_old_terms":true}"#), "{}", on.to_json());
    assert!(!Scenario::new(1).to_json().contains("unsafe"));
    let unknown = Scenario::from_json(r#"{ "version": 1, "seed": 1, "options": { "unsafe": { "no_terms": true } } }"#);
    assert!(unknown.unwrap_err().to_string().starts_with("options.unsafe.no_terms: unknown field `no_terms`"));
}

/// A property's key is the name serde writes in reports (`raftsim run`), so that `raftsim
/// check`, the page's `data-invariant` and the reports all say `election_safety`.
#[test]
fn property_keys_are_the_names_reports_write() {
    for property in raft_sim::Property::ALL {
        assert_eq!(serde_json::to_value(property).unwrap(), property.key(), "{property}");
        assert_eq!(raft_sim::Broken::Property(property).key(), property.key());
    }
}
