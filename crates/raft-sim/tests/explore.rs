//! The model checker over the real core (issue 17): it finds each seeded bug, its
//! counterexample is a manual-mode scenario file that replays to the same violation, and it
//! finds nothing on the safe core within a small bound.

use raft_sim::ScenarioExt as _;
use raft_sim::{
    Broken, CheckSettings, EventBounds, Linearizability, ModelChecker, Property, Scenario, ScenarioOptions, Strategy,
};

fn options(json: &str) -> ScenarioOptions {
    Scenario::from_json(&format!(r#"{{"version":1,"seed":1,"options":{json}}}"#)).unwrap().options
}

/// Runs `settings` to the end and returns the checker.
fn explore(settings: CheckSettings) -> ModelChecker {
    let mut checker = ModelChecker::new(settings).unwrap();
    while !checker.run(100_000) {}
    checker
}

/// Writes the counterexample as a file, reads it back, replays it, and returns the first
/// property the replay breaks.
fn replayed(checker: &ModelChecker) -> Option<Property> {
    let found = checker.violation().expect("a violation");
    let text = checker.scenario_of(found).to_json_pretty();
    let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(scenario.options.scheduler, raft_sim::Scheduler::Timed, "the file turns manual by an action");
    let mut sim = scenario.build(true).unwrap();
    sim.run_until(scenario.until_ms.unwrap());
    sim.violations().first().map(|v| v.property)
}

#[test]
fn the_safe_core_breaks_nothing_within_six_events() {
    let settings = CheckSettings { depth: 6, ..CheckSettings::new(3, ScenarioOptions::default()) };
    let checker = explore(settings);
    assert!(checker.violation().is_none(), "{:?}", checker.violation());
    assert_eq!(checker.depth(), 6);
    // Pinned: what tells two states apart is a contract of the search (session 19 made the
    // clusters shared and the fingerprints cached, and reached the same states). A change that
    // merges or splits states must say so here.
    assert_eq!((checker.states(), checker.transitions()), (65_392, 158_916));
}

#[test]
fn voting_twice_in_a_term_elects_two_leaders_in_six_events() {
    let settings = CheckSettings::new(3, options(r#"{"unsafe":{"vote_for_highest_id":true}}"#));
    let checker = explore(settings);
    let found = checker.violation().expect("found");
    assert_eq!(
        (found.property, found.actions.len()),
        (Broken::Property(Property::ElectionSafety), 6),
        "{:?}",
        found.actions
    );
    assert_eq!(replayed(&checker), Some(Property::ElectionSafety));
}

#[test]
fn figure_8_from_the_preset_commits_an_old_term_entry_that_a_later_leader_lacks() {
    let preset = include_str!("../../raft-web/presets/figure-8.json");
    let mut start = Scenario::from_json(preset).unwrap();
    start.options.unsafe_rules.commit_old_terms = true;
    let settings =
        CheckSettings { bounds: EventBounds::NONE, depth: 8, ..CheckSettings::from_scenario(start.clone(), 200) };
    let checker = explore(settings.clone());
    let found = checker.violation().expect("found");
    assert_eq!(found.property, Broken::Property(Property::LeaderCompleteness));
    assert_eq!(found.actions.len(), 7, "restart S5, two timeouts, two votes asked and granted: {:?}", found.actions);
    assert_eq!(replayed(&checker), Some(Property::LeaderCompleteness));

    // The same search with the rule kept finds nothing: S1 did not commit the term-2 entry.
    start.options.unsafe_rules.commit_old_terms = false;
    let safe = explore(CheckSettings { start, depth: 7, ..settings });
    assert!(safe.violation().is_none(), "{:?}", safe.violation());
}

#[test]
fn random_walks_find_the_equal_commit_rule_breaking_log_matching_and_repeat_with_their_seed() {
    let settings = CheckSettings {
        strategy: Strategy::Random { seed: 1 },
        depth: 30,
        bounds: EventBounds { crashes: 1, writes: 2, ..EventBounds::NONE },
        ..CheckSettings::new(3, options(r#"{"unsafe":{"ack_on_equal_commit":true}}"#))
    };
    let checker = explore(settings.clone());
    let found = checker.violation().expect("found").clone();
    assert_eq!(found.property, Broken::Property(Property::LogMatching));
    assert_eq!(replayed(&checker), Some(Property::LogMatching));
    let again = explore(settings);
    assert_eq!(again.violation(), Some(&found), "the same seed walks the same way");
}

#[test]
fn with_reads_the_search_finds_a_stale_read_that_the_clients_saw_and_the_file_replays_it() {
    let start =
        Scenario::from_json(r#"{"version":1,"seed":1,"nodes":3,"options":{"unsafe":{"stale_reads":true}}}"#).unwrap();
    let settings = CheckSettings {
        strategy: Strategy::Random { seed: 3 },
        depth: 10,
        bounds: EventBounds { writes: 1, reads: 1, ..EventBounds::NONE },
        // At 1 s, S1 leads: a write, its answer, then a read at a server that has not heard
        // of the commit yet.
        ..CheckSettings::from_scenario(start, 1000)
    };
    let checker = explore(settings);
    let found = checker.violation().expect("found");
    assert_eq!(found.property, Broken::Linearizability);
    assert!(found.actions.iter().any(|action| matches!(action, raft_sim::Action::Read { .. })));
    let scenario = Scenario::from_json(&checker.scenario_of(found).to_json_pretty()).unwrap();
    let mut sim = scenario.build(true).unwrap();
    sim.run_until(scenario.until_ms.unwrap());
    assert!(sim.violations().is_empty());
    assert!(matches!(sim.linearizability(), Linearizability::Violation(_)), "the replay is not linearizable either");
}

#[test]
fn with_membership_changes_racing_across_terms_the_2015_bug_loses_a_committed_configuration() {
    let preset = include_str!("../../raft-web/presets/break-reconfig-before-term-commit.json");
    let start = Scenario::from_json(preset).unwrap();
    // At 0.8 s: S2 leads term 2 and has just been asked to remove S4; S1 is down.
    let settings = CheckSettings {
        strategy: Strategy::Random { seed: 1 },
        depth: 14,
        bounds: EventBounds::NONE,
        ..CheckSettings::from_scenario(start.clone(), 800)
    };
    let checker = explore(settings.clone());
    let found = checker.violation().expect("found");
    assert_eq!(found.property, Broken::Property(Property::LeaderCompleteness));
    assert_eq!(replayed(&checker), Some(Property::LeaderCompleteness));
    // The same walks with the rule kept break nothing.
    let mut fixed = start;
    fixed.options.unsafe_rules.reconfig_before_term_commit = false;
    let safe = explore(CheckSettings { start: fixed, max_states: 200_000, ..settings });
    assert!(safe.violation().is_none(), "{:?}", safe.violation());
}
