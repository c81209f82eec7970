//! PreVote, CheckQuorum and leadership transfer in the simulator: read from scenario files,
//! told in the story, refused with a reason, and off by default so earlier runs replay as
//! before.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, ActionError, RoleKind, Scenario, StoryEvent};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn the_options_and_the_action_read_and_are_not_written_when_off() {
    let read = scenario(
        r#"{ "version": 1, "seed": 1, "options": { "pre_vote": true, "check_quorum": true },
             "actions": [ { "at_ms": 900, "do": "transfer", "node": 3 } ] }"#,
    );
    assert!(read.options.pre_vote && read.options.check_quorum);
    assert_eq!(read.actions[0].action, Action::Transfer { node: 3 });
    assert_eq!(Scenario::from_json(&read.to_json()).unwrap(), read);
    let plain = Scenario::new(1).to_json();
    assert!(!plain.contains("pre_vote") && !plain.contains("check_quorum"), "{plain}");
    let refused = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "transfer", "node": 7 } ] }"#,
    );
    assert_eq!(refused.unwrap_err().to_string(), "actions[0].node: node 7 does not exist: nodes are 1 to 5");
}

#[test]
fn a_transfer_hands_leadership_to_the_chosen_server() {
    let mut sim = scenario(r#"{ "version": 1, "seed": 2 }"#).build(true).unwrap();
    sim.run_until(1_000);
    let leader = sim.leader().unwrap();
    let to = if leader == 3 { 4 } else { 3 };
    sim.apply(Action::Transfer { node: to }).unwrap();
    sim.run_until(1_100);
    assert_eq!(sim.leader(), Some(to));
    let story: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    assert!(story.contains(&&StoryEvent::TransferStarted { leader, to }));
    assert!(sim.violations().is_empty());
}

#[test]
fn a_transfer_is_refused_without_a_leader_to_the_leader_and_to_a_crashed_server() {
    let mut sim = Scenario::new(3).build(true).unwrap();
    assert_eq!(sim.try_apply(Action::Transfer { node: 2 }), Err(ActionError::NoLeader));
    sim.run_until(1_000);
    let leader = sim.leader().unwrap();
    assert_eq!(sim.try_apply(Action::Transfer { node: leader }), Err(ActionError::AlreadyLeader(leader)));
    let other = if leader == 1 { 2 } else { 1 };
    sim.apply(Action::Crash { node: other }).unwrap();
    assert_eq!(sim.try_apply(Action::Transfer { node: other }), Err(ActionError::NodeDown(other)));
    assert_eq!(sim.try_apply(Action::Transfer { node: 9 }), Err(ActionError::NoSuchNode(9)));
}

#[test]
fn with_pre_vote_a_server_cut_off_comes_back_without_deposing_the_leader() {
    let run = |pre_vote: bool| {
        let json = format!(
            r#"{{ "version": 1, "seed": 5, "options": {{ "pre_vote": {pre_vote} }},
                 "actions": [ {{ "at_ms": 1000, "do": "partition", "groups": [[5]] }},
                              {{ "at_ms": 4000, "do": "heal" }} ] }}"#
        );
        let mut sim = scenario(&json).build(true).unwrap();
        sim.run_until(999);
        let before = (sim.leader(), sim.node(1).unwrap().node().current_term());
        sim.run_until(6_000);
        (before, sim.leader(), sim.node(1).unwrap().node().current_term())
    };
    let ((leader, term), after, term_after) = run(true);
    assert_eq!((after, term_after), (leader, term), "PreVote: the same leader, the same term");
    let (_, _, term_without) = run(false);
    assert!(term_without > term + 3, "without PreVote the cut-off server's terms win: {term_without}");
}

#[test]
fn with_check_quorum_a_leader_cut_off_in_a_minority_steps_down() {
    let run = |check_quorum: bool| {
        let json = format!(r#"{{ "version": 1, "seed": 6, "options": {{ "check_quorum": {check_quorum} }} }}"#);
        let mut sim = scenario(&json).build(true).unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        sim.apply(Action::Partition { groups: vec![vec![leader]] }).unwrap();
        sim.run_until(2_000);
        let leads = sim.node(leader).unwrap().node().role() == RoleKind::Leader;
        let told = sim.story().events().any(|(_, e)| *e == StoryEvent::LostQuorum { node: leader, term: 1 });
        (leads, told)
    };
    assert_eq!(run(true), (false, true), "it stepped down (and, cut off, then campaigns in vain)");
    assert_eq!(run(false), (true, false), "without it, it leads on alone");
}
