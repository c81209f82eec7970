//! Searches for a goal instead of a breach: the shortest run to a new leader, two leaders at
//! once, a leader committing, an entry overwritten, a leader stepping down. Each run found is
//! replayed event by event from its file, and only its last event reaches the goal.

use raft_sim::ScenarioExt as _;
use raft_sim::{
    Broken, CheckSettings, EventBounds, Goal, ModelChecker, RoleKind, Scenario, ScenarioOptions, Simulation,
};

/// The shortest run from a fresh cluster of three to `goal`, with one client write allowed.
fn shortest(goal: Goal) -> (ModelChecker, Vec<raft_sim::Action>) {
    let settings = CheckSettings {
        goal,
        depth: 10,
        bounds: EventBounds { writes: 1, ..EventBounds::NONE },
        ..CheckSettings::new(3, ScenarioOptions::default())
    };
    let mut checker = ModelChecker::new(settings).unwrap();
    while !checker.run(100_000) {}
    let found = checker.violation().unwrap_or_else(|| panic!("{goal:?} not reached")).clone();
    assert_eq!(found.property, Broken::Reached(goal));
    (checker, found.actions)
}

/// The cluster of the run's file after each of its events, the start first.
fn replayed(checker: &ModelChecker, actions: &[raft_sim::Action]) -> Vec<Simulation> {
    let found = checker.violation().unwrap();
    let mut scenario = Scenario::from_json(&checker.scenario_of(found).to_json_pretty()).unwrap();
    // The file: the switch to manual scheduling, then the events, all at 0 ms. Here they are
    // carried out one by one.
    let events: Vec<_> = scenario.actions.drain(1..).map(|timed| timed.action).collect();
    assert_eq!(events, actions);
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(0);
    let mut states = vec![sim.clone()];
    for action in actions {
        sim.apply(action.clone()).unwrap_or_else(|e| panic!("{action:?}: {e}"));
        states.push(sim.clone());
    }
    states
}

/// The servers that lead in `sim`, with their terms.
fn leaders(sim: &Simulation) -> Vec<(u32, u64)> {
    sim.nodes()
        .filter(|node| node.is_up() && node.node().role() == RoleKind::Leader)
        .map(|node| (node.node().id(), node.node().current_term()))
        .collect()
}

#[test]
fn each_goal_is_reached_by_the_last_event_of_the_shortest_run_and_the_file_replays_it() {
    // A new leader: a timeout, a vote asked, the vote granted. A split vote: three timeouts,
    // each server voting for itself. Two leaders: an election twice, the second by a server
    // the first leader has not been heard by. A step-down: a leader, a second timeout, its
    // vote request delivered to the leader. A log mismatch: a leader whose no-op reached S2
    // only, S2 elected by S3, whose log lacks that entry. A commit: a leader, its no-op
    // (`noop_on_election`, on by default) delivered and acknowledged. A write acknowledged: a
    // leader, the write sent and delivered, copied, acknowledged, committed and answered. An
    // overwrite: a leader with its no-op, a second leader with its own, delivered to the first.
    for (goal, length) in [
        (Goal::Leader, 3),
        (Goal::SplitVote, 3),
        (Goal::TwoLeaders, 6),
        (Goal::StepDown, 5),
        (Goal::LogMismatch, 8),
        (Goal::Commit, 5),
        (Goal::Acknowledged, 8),
        (Goal::Overwrite, 7),
    ] {
        let (checker, actions) = shortest(goal);
        assert_eq!(actions.len(), length, "{goal:?}: {actions:?}");
        let states = replayed(&checker, &actions);
        let steps: Vec<bool> = states.windows(2).map(|pair| goal.reached(&pair[0], &pair[1])).collect();
        assert_eq!(steps.iter().position(|&reached| reached), Some(length - 1), "{goal:?}: {actions:?}");
        let last = states.last().unwrap();
        match goal {
            Goal::Leader => assert_eq!(leaders(last).len(), 1),
            Goal::TwoLeaders => {
                let both = leaders(last);
                assert_eq!(both.len(), 2);
                assert_ne!(both[0].1, both[1].1, "two leaders, never in one term: {both:?}");
            }
            Goal::StepDown => assert!(leaders(last).is_empty(), "the only leader stepped down"),
            Goal::Commit => assert!(last.nodes().any(|node| node.node().commit_index() >= 1)),
            Goal::Overwrite => {
                let before = &states[states.len() - 2];
                let lost = before.nodes().zip(last.nodes()).any(|(was, is)| {
                    let (was, is) = (was.node().log(), is.node().log());
                    (1..=was.last_index()).any(|index| was.term_at(index) != is.term_at(index))
                });
                assert!(lost, "an entry changed term or went: {actions:?}");
            }
            Goal::SplitVote => {
                let candidates = last.nodes().filter(|node| node.node().role() == RoleKind::Candidate).count();
                assert_eq!((candidates, leaders(last).len()), (3, 0), "three candidates, each with its own vote");
            }
            Goal::LogMismatch => {
                let refused = last.network().in_flight().any(|message| {
                    matches!(&message.payload, raft_sim::Payload::Raft(raft_sim::Message::AppendEntriesReply(reply)) if !reply.success)
                });
                assert!(refused, "a refusal on its way to the leader: {actions:?}");
            }
            Goal::Acknowledged => {
                let answered = last.client_ops().filter(|op| op.result == Some(raft_sim::OpResult::Ok)).count();
                assert_eq!(answered, 1);
            }
            Goal::Violation => unreachable!(),
        }
        assert!(last.violations().is_empty(), "reaching a goal breaks nothing on the safe core");
    }
}

#[test]
fn searching_for_a_goal_does_not_stop_at_a_breach() {
    // Voting twice breaks election safety in six events (tests/explore.rs); a new leader is
    // still three events away.
    let options = Scenario::from_json(r#"{"version":1,"seed":1,"options":{"unsafe":{"vote_for_highest_id":true}}}"#)
        .unwrap()
        .options;
    let settings = CheckSettings { goal: Goal::Leader, ..CheckSettings::new(3, options) };
    let mut checker = ModelChecker::new(settings).unwrap();
    while !checker.run(100_000) {}
    let found = checker.violation().unwrap();
    assert_eq!((found.property, found.actions.len()), (Broken::Reached(Goal::Leader), 3));
}

#[test]
fn goals_are_named_in_files_as_on_the_command_line() {
    for goal in Goal::ALL {
        assert_eq!(Goal::named(goal.name()), Some(goal));
        assert_eq!(serde_json::to_string(&goal).unwrap(), format!("\"{}\"", goal.name()));
    }
    assert_eq!(Goal::named("leaders"), None);
    let refused = serde_json::from_str::<Goal>("\"leaders\"").unwrap_err().to_string();
    assert!(refused.starts_with("one of violation, leader, split_vote"), "{refused}");
    assert_eq!(Goal::default(), Goal::Violation);
}
