//! Scenarios from the paper's figures and sections, run in the simulator with every safety
//! property checked after every event.

use raft_sim::ScenarioExt as _;
use raft_sim::{OpResult, RoleKind, Scenario, Simulation};

fn scenario(json: &str) -> Simulation {
    Scenario::from_json(json).expect("valid scenario").build(true).expect("builds")
}

fn terms(sim: &Simulation, node: u32) -> Vec<u64> {
    sim.node(node).unwrap().node().log().entries().map(|e| e.term).collect()
}

fn assert_safe(sim: &Simulation) {
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
}

#[test]
fn figure_7_logs_a_to_f_converge_on_the_term_8_leader_after_one_election_and_one_write() {
    let mut sim = scenario(
        r#"{ "version": 1, "seed": 8, "nodes": 7,
        "initial": {
          "1": { "term": 7, "log": [1,1,1,4,4,5,5,6,6,6] },
          "2": { "term": 7, "log": [1,1,1,4,4,5,5,6,6] },
          "3": { "term": 7, "log": [1,1,1,4] },
          "4": { "term": 7, "log": [1,1,1,4,4,5,5,6,6,6,6] },
          "5": { "term": 7, "log": [1,1,1,4,4,5,5,6,6,6,7,7] },
          "6": { "term": 7, "log": [1,1,1,4,4,4,4] },
          "7": { "term": 7, "log": [1,1,1,2,2,2,3,3,3,3,3] } },
        "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 },
                     { "at_ms": 500, "do": "write", "node": 1, "command": "x=8" } ] }"#,
    );
    sim.run_until(100);
    assert_eq!((sim.leader(), sim.node(1).unwrap().node().current_term()), (Some(1), 8));
    sim.run_until(1_000);
    let expected = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8, 8];
    for node in 1..=7 {
        assert_eq!(terms(&sim, node), expected, "server {node}: missing entries filled, extra ones replaced");
        assert_eq!(sim.node(node).unwrap().node().commit_index(), 12, "server {node}");
    }
    assert_eq!(sim.client_op(1).unwrap().result, Some(OpResult::Ok));
    assert_safe(&sim);
}

/// Figure 8 up to (c): S1 leads term 4 and copies its term-2 entry to S3. No no-op on
/// election, so nothing of term 4 is in the log yet. Wide election timeouts: only the
/// scripted timeouts start elections.
const FIGURE_8_C: &str = r#"
    "version": 1, "seed": 3, "nodes": 5,
    "options": { "election_timeout_ms": [1000, 2000], "noop_on_election": false },
    "initial": {
      "1": { "term": 3, "log": [[1, "x=1"], [2, "x=2"]] },
      "2": { "term": 2, "voted_for": 1, "log": [[1, "x=1"], [2, "x=2"]] },
      "3": { "term": 3, "voted_for": 5, "log": [[1, "x=1"]] },
      "4": { "term": 3, "voted_for": 5, "log": [[1, "x=1"]] },
      "5": { "term": 3, "voted_for": 5, "log": [[1, "x=1"], [3, "x=3"]] } }"#;

#[test]
fn figure_8_c_an_old_term_entry_on_a_majority_is_not_committed_and_d_can_be_overwritten() {
    let mut sim = scenario(&format!(
        r#"{{ {FIGURE_8_C}, "actions": [
          {{ "at_ms": 0, "do": "crash", "node": 5 }}, {{ "at_ms": 0, "do": "timeout", "node": 1 }},
          {{ "at_ms": 25, "do": "crash", "node": 4 }},
          {{ "at_ms": 300, "do": "crash", "node": 1 }}, {{ "at_ms": 300, "do": "restart", "node": 5 }},
          {{ "at_ms": 300, "do": "restart", "node": 4 }},
          {{ "at_ms": 310, "do": "timeout", "node": 5 }}, {{ "at_ms": 400, "do": "timeout", "node": 5 }} ] }}"#
    ));
    sim.run_until(299);
    // (c): S1 leads term 4; the term-2 entry is on S1, S2 and S3, a majority.
    assert_eq!((sim.leader(), sim.node(1).unwrap().node().current_term()), (Some(1), 4));
    for node in 1..=3 {
        assert_eq!(terms(&sim, node), [1, 2], "S{node}");
    }
    assert_eq!(sim.node(1).unwrap().node().commit_index(), 0, "§5.4.2: index 2 is of term 2, not 4: not committed");
    // (d): S1 crashes; S5 wins term 5 with S2, S3, S4 and overwrites index 2 everywhere.
    sim.run_until(1_000);
    assert_eq!(sim.leader(), Some(5));
    for node in 2..=5 {
        assert_eq!(terms(&sim, node), [1, 3], "S{node}: the term-2 entry was replaced");
    }
    assert_safe(&sim);
}

#[test]
fn figure_8_e_once_a_term_4_entry_commits_s5_can_never_win() {
    let mut sim = scenario(&format!(
        r#"{{ {FIGURE_8_C}, "actions": [
          {{ "at_ms": 0, "do": "crash", "node": 5 }}, {{ "at_ms": 0, "do": "timeout", "node": 1 }},
          {{ "at_ms": 25, "do": "crash", "node": 4 }},
          {{ "at_ms": 150, "do": "write", "node": 1, "command": "x=4" }},
          {{ "at_ms": 300, "do": "crash", "node": 1 }}, {{ "at_ms": 300, "do": "restart", "node": 5 }},
          {{ "at_ms": 300, "do": "restart", "node": 4 }},
          {{ "at_ms": 310, "do": "timeout", "node": 5 }}, {{ "at_ms": 400, "do": "timeout", "node": 5 }},
          {{ "at_ms": 500, "do": "timeout", "node": 5 }} ] }}"#
    ));
    sim.run_until(299);
    assert_eq!(sim.node(1).unwrap().node().commit_index(), 3, "the term-4 entry commits, and index 2 with it");
    sim.run_until(6_000);
    let ever_led = |node: u32| {
        sim.trace()
            .events()
            .unwrap()
            .iter()
            .any(|e| matches!(e, raft_sim::TraceEvent::Role { node: n, role: "leader", .. } if *n == node))
    };
    assert!(!ever_led(5), "S5's last term 3 is behind S2's and S3's term 4: it never gets a majority");
    let leader = sim.leader().expect("S2 or S3 leads");
    assert!(leader == 2 || leader == 3, "leader S{leader}");
    for node in 2..=5 {
        assert_eq!(terms(&sim, node)[..3], [1, 2, 4], "S{node} keeps the committed entries");
    }
    assert_safe(&sim);
}

#[test]
fn a_stale_leader_in_a_minority_partition_cannot_commit_and_steps_down_when_it_heals() {
    let mut sim = scenario(r#"{ "version": 1, "seed": 11, "nodes": 5 }"#);
    sim.run_until(1_000);
    let old = sim.leader().expect("a leader by 1 s");
    let old_term = sim.node(old).unwrap().node().current_term();
    let buddy = old % 5 + 1;
    sim.partition(&[vec![old, buddy]]).unwrap();
    let stale_write = sim.write(old, "x=stale", 1).unwrap();
    sim.run_until(2_500);
    let old_node = sim.node(old).unwrap().node();
    assert_eq!(old_node.role(), RoleKind::Leader, "it does not know it is stale");
    assert!(old_node.log().last_index() > old_node.commit_index(), "its write is appended but cannot commit");
    let new = sim.leader().expect("the majority side elects a leader");
    assert_ne!(new, old);
    assert!(sim.node(new).unwrap().node().current_term() > old_term);
    let fresh_write = sim.write(new, "x=fresh", 1).unwrap();
    sim.run_until(3_000);
    sim.apply(raft_sim::Action::Heal {}).unwrap();
    sim.run_until(4_000);
    assert_eq!(sim.node(old).unwrap().node().role(), RoleKind::Follower, "a higher term made it step down");
    for node in 1..=5 {
        assert_eq!(sim.node(node).unwrap().node().kv().get("x"), Some("fresh"), "S{node}");
    }
    assert_eq!(sim.client_op(fresh_write).unwrap().result, Some(OpResult::Ok));
    let stale = sim.client_op(stale_write).unwrap();
    assert!(
        matches!(stale.result, Some(OpResult::Unknown | OpResult::Timeout)),
        "the stale leader never acknowledged x=stale: {stale:?}"
    );
    assert_safe(&sim);
}

#[test]
fn a_follower_that_was_down_catches_up_and_rebuilds_its_state_machine() {
    let mut sim = scenario(r#"{ "version": 1, "seed": 5, "nodes": 3 }"#);
    sim.run_until(1_000);
    let leader = sim.leader().unwrap();
    let follower = leader % 3 + 1;
    sim.crash(follower).unwrap();
    for i in 0..5 {
        sim.write(leader, &format!("k{i}={i}"), 1).unwrap();
        sim.run_until(sim.now() + 100);
    }
    assert!(sim.client_ops().all(|op| op.result == Some(OpResult::Ok)), "2 of 3 commit without it");
    sim.restart(follower).unwrap();
    let restarted = sim.node(follower).unwrap().node();
    assert_eq!((restarted.commit_index(), restarted.kv().entries().len()), (0, 0), "volatile state was lost");
    sim.run_until(sim.now() + 1_000);
    let (caught_up, lead) = (sim.node(follower).unwrap().node(), sim.node(leader).unwrap().node());
    assert_eq!(caught_up.log(), lead.log());
    assert_eq!(caught_up.commit_index(), lead.commit_index());
    assert_eq!(caught_up.kv(), lead.kv());
    assert_safe(&sim);
}

#[test]
fn a_vote_survives_a_crash_and_restart() {
    let mut sim = scenario(
        r#"{ "version": 1, "seed": 2, "nodes": 3, "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 } ] }"#,
    );
    sim.run_until(30);
    assert_eq!(sim.node(2).unwrap().node().voted_for(), Some(1));
    sim.crash(2).unwrap();
    sim.restart(2).unwrap();
    let node = sim.node(2).unwrap().node();
    assert_eq!((node.current_term(), node.voted_for()), (1, Some(1)));
}

#[test]
fn a_scenario_run_twice_gives_the_same_trace() {
    let json = r#"{ "version": 1, "seed": 21, "nodes": 5, "options": { "loss": 0.1 },
        "actions": [ { "at_ms": 400, "do": "write", "node": 2, "command": "x=1" },
                     { "at_ms": 600, "do": "partition", "groups": [[1, 2]] },
                     { "at_ms": 900, "do": "crash", "node": 3 }, { "at_ms": 1300, "do": "heal" },
                     { "at_ms": 1400, "do": "restart", "node": 3 } ] }"#;
    let run = || {
        let mut sim = scenario(json);
        sim.run_until(3_000);
        (sim.trace().hash(), sim.events_processed())
    };
    assert_eq!(run(), run());
}
