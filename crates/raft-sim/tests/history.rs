//! Time travel: any moment restores exactly, acting in the past forks, and a recorded session
//! replays from its scenario to the same trace.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, History, Scenario, MAX_CHECKPOINTS};

fn straight(scenario: &Scenario, time: u64) -> (u64, u64) {
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(time);
    (sim.trace().hash(), sim.events_processed())
}

fn state(history: &History) -> (u64, u64) {
    (history.sim().trace().hash(), history.sim().events_processed())
}

fn busy_scenario() -> Scenario {
    Scenario::from_json(
        r#"{ "version": 1, "seed": 4, "options": { "loss": 0.05 },
        "actions": [ { "at_ms": 700, "do": "write", "node": 1, "command": "x=1" },
                     { "at_ms": 1500, "do": "crash", "node": 2 },
                     { "at_ms": 2500, "do": "partition", "groups": [[1, 3]] },
                     { "at_ms": 4000, "do": "heal" }, { "at_ms": 4100, "do": "restart", "node": 2 } ] }"#,
    )
    .unwrap()
}

#[test]
fn seeking_anywhere_gives_exactly_the_state_of_a_straight_run() {
    let scenario = busy_scenario();
    let mut history = History::new(scenario.clone()).unwrap();
    for frame in 1..=600 {
        history.advance_to(frame * 16); // like animation frames, to 9.6 s
    }
    for time in [3_700, 0, 1_500, 9_600, 250, 4_000, 8_123] {
        history.seek(time);
        assert_eq!(history.now(), time);
        assert_eq!(state(&history), straight(&scenario, time), "seek to {time}");
    }
    assert_eq!(history.horizon(), 9_600);
}

#[test]
fn actions_taken_live_replay_identically_from_the_recorded_scenario() {
    let mut history = History::new(Scenario::new(12)).unwrap();
    history.advance_to(1_234);
    history.apply(Action::Write { node: 3, command: "y=2".into(), client: 1 }).unwrap();
    history.advance_to(1_300);
    history.apply(Action::Crash { node: 1 }).unwrap();
    history.apply(Action::Cut { from: 2, to: 4 }).unwrap();
    history.advance_to(3_000);
    let recorded = history.scenario();
    assert_eq!(recorded.actions.len(), 3);
    assert_eq!(state(&history), straight(&recorded, 3_000));
    // And through its JSON, as a share link or a file would carry it.
    let reloaded = Scenario::from_json(&recorded.to_json_pretty()).unwrap();
    assert_eq!(straight(&reloaded, 3_000), state(&history));
}

#[test]
fn acting_in_the_past_forks_discarding_the_future() {
    let mut history = History::new(busy_scenario()).unwrap();
    history.advance_to(6_000);
    history.seek(2_000);
    history.apply(Action::Timeout { node: 5 }).unwrap();
    let actions: Vec<u64> = history.scenario().actions.iter().map(|a| a.at_ms).collect();
    assert_eq!(actions, [700, 1_500, 2_000], "later actions are gone; the new one is appended");
    assert_eq!(history.horizon(), 2_000);
    history.advance_to(5_000);
    assert_eq!(state(&history), straight(&history.scenario(), 5_000));
    history.seek(1_000);
    assert_eq!(state(&history), straight(&history.scenario(), 1_000));
}

#[test]
fn a_refused_action_changes_nothing() {
    let mut history = History::new(Scenario::new(1)).unwrap();
    history.advance_to(500);
    let before = state(&history);
    assert!(history.apply(Action::Restart { node: 2 }).is_err());
    assert_eq!(state(&history), before);
    assert!(history.scenario().actions.is_empty());
}

#[test]
fn stepping_back_from_a_moment_reached_by_seeking_lands_on_the_event_before_it() {
    let scenario = Scenario::new(3);
    let mut history = History::new(scenario).unwrap();
    let mut events = Vec::new();
    while let Some(time) = history.step_forward().filter(|&time| time < 3_000) {
        events.push(time);
    }
    // Every moment between two events, checkpoints included: Step, then Step back.
    for time in (1..2_900).step_by(7).chain([500, 1_000, 1_500, 2_000]) {
        history.seek(time);
        let Some(next) = history.step_forward() else { continue };
        let expected = events.iter().copied().filter(|&at| at < next).max().unwrap_or(0);
        assert_eq!(history.step_back(), Some(expected), "from {time}, stepped to {next}");
    }
}

#[test]
fn stepping_moves_event_by_event_both_ways() {
    let scenario = Scenario::new(3);
    let mut history = History::new(scenario.clone()).unwrap();
    history.advance_to(1_000);
    let forward: Vec<u64> = (0..5).map(|_| history.step_forward().unwrap()).collect();
    assert!(forward.windows(2).all(|w| w[0] < w[1]), "each step reaches a later event: {forward:?}");
    for &time in forward.iter().rev().skip(1) {
        assert_eq!(history.step_back(), Some(time));
        assert_eq!(state(&history), straight(&scenario, time));
    }
    history.seek(0);
    assert_eq!(history.step_back(), None);
}

#[test]
fn an_hour_of_history_keeps_a_bounded_number_of_checkpoints_and_still_seeks_exactly() {
    let scenario = Scenario::new(9);
    let mut history = History::new(scenario.clone()).unwrap();
    history.advance_to(3_600_000);
    assert!(history.checkpoint_count() <= MAX_CHECKPOINTS, "{} checkpoints", history.checkpoint_count());
    for time in [1_234_567, 17, 3_599_999] {
        history.seek(time);
        assert_eq!(state(&history), straight(&scenario, time), "seek to {time}");
    }
}

#[test]
fn elections_up_to_the_horizon_stay_known_after_seeking_back() {
    let mut history = History::new(busy_scenario()).unwrap();
    history.advance_to(8_000);
    let all = history.elections().to_vec();
    assert!(all.len() >= 2, "the partition forces a second election: {all:?}");
    history.seek(100);
    assert_eq!(history.elections(), all.as_slice());
    history.apply(Action::Timeout { node: 4 }).unwrap();
    assert!(history.elections().iter().all(|&(at, _, _)| at <= 100), "a fork forgets the discarded future");
}

#[test]
fn a_refused_action_changes_nothing_not_even_the_trace_hash() {
    let mut history = History::new(Scenario::new(1)).unwrap();
    history.advance_to(500);
    let hash = history.sim().trace().hash();
    assert!(history.apply(Action::Restart { node: 2 }).is_err(), "node 2 is running");
    assert!(history.apply(Action::Write { node: 1, command: "nonsense".into(), client: 1 }).is_err());
    assert_eq!(history.sim().trace().hash(), hash);
    assert!(history.scenario().actions.is_empty(), "refused actions are not part of the run");
    history.apply(Action::Crash { node: 2 }).unwrap();
    assert_ne!(history.sim().trace().hash(), hash);
}
