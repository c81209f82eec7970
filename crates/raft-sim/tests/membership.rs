//! Membership changes in the simulator: the actions read from scenario files, new servers
//! started as empty machines, changes asked of the leader like writes (redirects included),
//! the report's configurations, and old files unchanged.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, NodeId, OpResult, Report, Scenario, StoryEvent};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn run(json: &str, until: u64) -> raft_sim::Simulation {
    let mut sim = scenario(json).build(true).unwrap();
    sim.run_until(until);
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
    sim
}

#[test]
fn the_actions_and_the_option_read_and_write_back() {
    let read = scenario(
        r#"{ "version": 1, "seed": 1, "nodes": 3, "options": { "membership": "joint" },
             "actions": [ { "at_ms": 900, "do": "add_server", "node": 7 },
                          { "at_ms": 950, "do": "remove_server", "node": 2 },
                          { "at_ms": 990, "do": "reconfigure", "voters": [1, 7, 9] } ] }"#,
    );
    assert_eq!(read.options.membership, raft_sim::Membership::Joint);
    assert_eq!(read.actions[0].action, Action::AddServer { node: 7 });
    assert_eq!(read.actions[2].action, Action::Reconfigure { voters: vec![1, 7, 9] });
    assert_eq!(Scenario::from_json(&read.to_json()).unwrap(), read);
    assert!(!Scenario::new(1).to_json().contains("membership"), "single, the default, is not written");
    let refused = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "add_server", "node": 10 } ] }"#,
    );
    assert_eq!(refused.unwrap_err().to_string(), "actions[0].node: node 10 does not exist: nodes are 1 to 9");
    let refused = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "reconfigure", "voters": [1, 0] } ] }"#,
    );
    assert!(refused.unwrap_err().to_string().starts_with("actions[0].voters[1]: node 0 does not exist"));
}

#[test]
fn two_servers_added_one_at_a_time_catch_up_and_vote() {
    let sim = run(
        r#"{ "version": 1, "seed": 4, "nodes": 3,
             "actions": [ { "at_ms": 800, "do": "write", "node": 1, "command": "x=1" },
                          { "at_ms": 1000, "do": "add_server", "node": 4 },
                          { "at_ms": 1500, "do": "add_server", "node": 5 } ] }"#,
        3_000,
    );
    let report = Report::of(&sim);
    assert_eq!(report.nodes.iter().map(|n| n.id).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    for node in &report.nodes {
        assert_eq!(node.config.voters, [1, 2, 3, 4, 5], "S{}", node.id);
        assert!(node.member && node.kv.get("x").is_some_and(|x| x == "1"), "S{} caught up", node.id);
    }
    let changes: Vec<_> = sim.client_ops().filter(|op| op.change.is_some()).map(|op| op.result).collect();
    assert_eq!(changes, [Some(OpResult::Ok), Some(OpResult::Ok)]);
    let story: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    assert!(story.iter().any(|e| matches!(e, StoryEvent::ServerStarted { node: 4 })));
    assert!(story.iter().any(|e| matches!(e, StoryEvent::CaughtUp { node: 5, .. })));
    assert!(story.iter().any(
        |e| matches!(e, StoryEvent::ConfigurationCommitted { config, earlier: false, .. } if config.to_string() == "C{1,2,3,4,5}")
    ));
}

#[test]
fn removing_the_leader_hands_the_cluster_to_the_others() {
    let mut sim = run(r#"{ "version": 1, "seed": 2 }"#, 1_000);
    let leader = sim.leader().unwrap();
    sim.apply(Action::RemoveServer { node: leader }).unwrap();
    sim.run_until(3_000);
    assert!(sim.violations().is_empty());
    let new_leader = sim.leader().unwrap();
    assert_ne!(new_leader, leader);
    let report = Report::of(&sim);
    let removed = report.nodes.iter().find(|n| n.id == leader).unwrap();
    assert!(!removed.member && removed.role == "follower", "the removed leader stepped down and stays quiet");
    assert!(report.nodes.iter().filter(|n| n.id != leader).all(|n| !n.config.voters.contains(&leader)));
    let story: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    assert!(story.contains(&&StoryEvent::LeftConfiguration { node: leader }));
    // Told once, with its reason: not also as "saw a higher term and became a follower".
    assert!(!story.iter().any(|e| matches!(e, StoryEvent::SteppedDown { node, .. } | StoryEvent::MetLeaderOfItsTerm { node, .. } if *node == leader)), "{story:?}");
    // The removed leader committed its removal and stepped down; its successor, applying it,
    // learned it committed.
    let told: Vec<(NodeId, bool)> = story
        .iter()
        .filter_map(|e| match e {
            StoryEvent::ConfigurationCommitted { leader: by, config, earlier }
                if !config.voters().contains(&leader) =>
            {
                Some((*by, *earlier))
            }
            _ => None,
        })
        .collect();
    assert!(!told.is_empty() && told.iter().all(|&(by, earlier)| by != leader && earlier), "{told:?}");
    // Leadership goes to voters only: a transfer to the removed server is refused.
    let now_leading = sim.leader().unwrap();
    assert_eq!(sim.try_apply(Action::Transfer { node: leader }), Err(raft_sim::ActionError::NotVoter(leader)));
    assert_eq!(sim.leader(), Some(now_leading));
}

#[test]
fn joint_consensus_swaps_three_servers_for_three_others() {
    let sim = run(
        r#"{ "version": 1, "seed": 5, "nodes": 3, "options": { "membership": "joint" },
             "actions": [ { "at_ms": 1000, "do": "reconfigure", "voters": [4, 5, 6] },
                          { "at_ms": 2500, "do": "crash", "node": 1 },
                          { "at_ms": 2500, "do": "crash", "node": 2 },
                          { "at_ms": 2500, "do": "crash", "node": 3 },
                          { "at_ms": 3000, "do": "write", "node": 4, "command": "y=2" } ] }"#,
        5_000,
    );
    let report = Report::of(&sim);
    let leader = report.leader.unwrap();
    assert!([4, 5, 6].contains(&leader), "the new servers elected one of their own: S{leader}");
    let configs: Vec<String> = sim
        .node(leader)
        .unwrap()
        .node()
        .log()
        .entries()
        .filter_map(|e| e.command.configuration().map(|c| c.to_string()))
        .collect();
    assert_eq!(configs, ["C{1,2,3}→{4,5,6}", "C{4,5,6}"]);
    assert!(sim.client_ops().all(|op| op.result == Some(OpResult::Ok)), "the change, then the write");
}

#[test]
fn single_mode_refuses_a_change_of_two_servers_and_the_run_goes_on() {
    let sim = run(
        r#"{ "version": 1, "seed": 5, "nodes": 3,
             "actions": [ { "at_ms": 1000, "do": "reconfigure", "voters": [1, 2, 3, 4, 5] },
                          { "at_ms": 1200, "do": "write", "node": 1, "command": "x=1" } ] }"#,
        2_000,
    );
    let results: Vec<_> = sim.client_ops().map(|op| op.result).collect();
    assert_eq!(results, [Some(OpResult::Refused), Some(OpResult::Ok)]);
    // The narration says why.
    let refusal = sim.story().events().find_map(|(_, e)| match e {
        StoryEvent::ChangeDone { refusal, .. } => refusal.clone(),
        _ => None,
    });
    assert_eq!(refusal, Some(raft_sim::ChangeRefusal::MoreThanOne));
    let report = Report::of(&sim);
    assert!(report.nodes.iter().filter(|n| n.id <= 3).all(|n| n.config.voters == [1, 2, 3]));
}

#[test]
fn actions_on_servers_that_do_not_exist_yet_are_refused_in_the_trace() {
    let sim = run(
        r#"{ "version": 1, "seed": 5, "nodes": 3,
             "actions": [ { "at_ms": 500, "do": "crash", "node": 6 },
                          { "at_ms": 1000, "do": "add_server", "node": 6 },
                          { "at_ms": 1100, "do": "crash", "node": 6 } ] }"#,
        1_500,
    );
    let refusals = sim
        .trace()
        .events()
        .unwrap()
        .iter()
        .filter(|event| matches!(event, raft_sim::TraceEvent::Action { error: Some(_), .. }))
        .count();
    assert_eq!(refusals, 1, "crash 6 before it exists; after add_server it does");
    assert!(!sim.node(6).unwrap().is_up());
}

/// The 2015 counterexample (Ongaro, raft-dev): four servers; S1 adds S5 and reaches only S5,
/// then crashes; S2 wins term 2 and removes S4 reaching only S3, which commits C{1,2,3} with
/// S2 and S3; S1 comes back and wins term 3 with S4 and S5, a majority of its C{1,2,3,4,5}.
const RACING_CHANGES: &str = r#"{ "version": 1, "seed": 1, "nodes": 4,
  "options": { "election_timeout_ms": [1000, 1500], "heartbeat_ms": 100, "noop_on_election": false, "unsafe": { "reconfig_before_term_commit": true } },
  "actions": [
    { "at_ms": 0, "do": "timeout", "node": 1 },
    { "at_ms": 300, "do": "write", "node": 1, "command": "x=1" },
    { "at_ms": 480, "do": "partition", "groups": [[2, 3, 4]] },
    { "at_ms": 500, "do": "add_server", "node": 5 },
    { "at_ms": 700, "do": "crash", "node": 1 },
    { "at_ms": 700, "do": "heal" },
    { "at_ms": 700, "do": "timeout", "node": 2 },
    { "at_ms": 800, "do": "partition", "groups": [[2, 3]] },
    { "at_ms": 800, "do": "remove_server", "node": 4 },
    { "at_ms": 1000, "do": "restart", "node": 1 },
    { "at_ms": 1000, "do": "partition", "groups": [[1, 4, 5]] },
    { "at_ms": 1000, "do": "timeout", "node": 1 },
    { "at_ms": 1100, "do": "timeout", "node": 1 },
    { "at_ms": 1200, "do": "write", "node": 1, "command": "y=1" },
    { "at_ms": 1400, "do": "heal" } ],
  "until_ms": 2000 }"#;

#[test]
fn the_2015_bug_breaks_state_machine_safety_with_its_switch_and_not_without() {
    let with_switch = run_unchecked(RACING_CHANGES);
    let broken: Vec<raft_sim::Property> = with_switch.violations().iter().map(|v| v.property).collect();
    assert!(broken.contains(&raft_sim::Property::StateMachineSafety), "{broken:?}");
    assert!(broken.contains(&raft_sim::Property::LeaderCompleteness), "{broken:?}");
    let remove = with_switch.client_ops().find(|op| op.command == "remove_server 4").unwrap();
    assert_eq!((remove.result, remove.index), (Some(OpResult::Ok), Some(2)), "C{{1,2,3}} was committed at 2");

    let fixed = RACING_CHANGES.replace(r#", "unsafe": { "reconfig_before_term_commit": true }"#, "");
    assert_ne!(fixed, RACING_CHANGES);
    let with_rule = run_unchecked(&fixed);
    assert!(with_rule.violations().is_empty(), "{:?}", with_rule.violations());
    let remove = with_rule.client_ops().find(|op| op.command == "remove_server 4").unwrap();
    assert_eq!(remove.result, Some(OpResult::Unknown), "S2 waited for an entry of its term, and lost leadership");
}

fn run_unchecked(json: &str) -> raft_sim::Simulation {
    let scenario = scenario(json);
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(scenario.until_ms.unwrap_or(0));
    sim
}

#[test]
fn a_removed_server_that_deposes_the_leader_is_named_in_the_story_unless_check_quorum_guards() {
    let disrupt = |check_quorum: bool| {
        let json = format!(
            r#"{{ "version": 1, "seed": 1, "options": {{ "check_quorum": {check_quorum} }},
                 "actions": [ {{ "at_ms": 900, "do": "partition", "groups": [[5]] }},
                              {{ "at_ms": 1000, "do": "remove_server", "node": 5 }},
                              {{ "at_ms": 2000, "do": "heal" }} ] }}"#
        );
        let sim = run(&json, 5_000);
        let deposed: Vec<(u32, u32)> = sim
            .story()
            .events()
            .filter_map(|(_, e)| match e {
                StoryEvent::DeposedByOutsider { leader, by, .. } => Some((*leader, *by)),
                _ => None,
            })
            .collect();
        (deposed, sim.leader())
    };
    let (deposed, _) = disrupt(false);
    assert!(!deposed.is_empty() && deposed.iter().all(|&(leader, by)| by == 5 && leader != 5), "{deposed:?}");
    let (deposed, leader) = disrupt(true);
    assert_eq!(deposed, [], "CheckQuorum's guard: the members ignore S5");
    assert!(leader.is_some_and(|l| l != 5));
}

/// Thesis §4.2.2: "a server that is not part of its own latest configuration should still start
/// new elections, as it might still be needed until the Cnew entry is committed". S1 leads
/// C{1,2}, appends C{2} (removing itself) but cannot send it, and loses leadership to S2's
/// campaign. S1 now holds the only copy of C{2}, so S2's log is behind and S1 refuses it its
/// vote; only S1 can end this, by campaigning although C{2} leaves it out. (Found by the fuzzer:
/// seed 103793 with three servers.)
#[test]
fn a_leader_that_removed_itself_campaigns_until_its_removal_commits() {
    let sim = run(
        r#"{ "version": 1, "seed": 3, "nodes": 2,
             "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 },
                          { "at_ms": 300, "do": "write", "node": 1, "command": "x=1" },
                          { "at_ms": 500, "do": "cut", "from": 1, "to": 2 },
                          { "at_ms": 600, "do": "remove_server", "node": 1 },
                          { "at_ms": 1500, "do": "mend", "from": 1, "to": 2 } ] }"#,
        5_000,
    );
    let report = Report::of(&sim);
    assert_eq!(report.leader, Some(2), "{:?}", report.nodes.iter().map(|n| (&n.role, n.term)).collect::<Vec<_>>());
    assert!(report.nodes.iter().all(|n| n.config.voters == [2]), "C{{2}} committed everywhere");
    let story: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    assert!(
        story.iter().any(|e| matches!(e, StoryEvent::BecameLeader { node: 1, .. })),
        "S1 led again to commit C{{2}}"
    );
}

#[test]
fn a_change_asked_and_not_answered_yet_is_known_to_add_its_servers() {
    let mut sim = scenario(
        r#"{ "version": 1, "seed": 4, "nodes": 3,
             "actions": [ { "at_ms": 1000, "do": "add_server", "node": 4 },
                          { "at_ms": 1000, "do": "reconfigure", "voters": [1, 2, 3, 6] } ] }"#,
    )
    .build(true)
    .unwrap();
    sim.run_until(999);
    assert!(!sim.change_pending_adds(4), "nothing asked yet");
    sim.run_until(1000);
    assert!(sim.change_pending_adds(4) && sim.change_pending_adds(6));
    assert!(!sim.change_pending_adds(5), "named by neither");
    sim.run_until(3_000);
    assert!(sim.client_ops().all(|op| op.result.is_some()), "both answered");
    assert!(!sim.change_pending_adds(4) && !sim.change_pending_adds(6));
}
