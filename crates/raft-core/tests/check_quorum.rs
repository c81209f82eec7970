//! CheckQuorum (thesis §6.2) and its guard against disruptive servers (§4.2.3), with scenarios
//! after etcd-io/raft's tests of the same names.

mod support;

use raft_core::{Output, RaftOptions, RoleKind};
use support::TestCluster;

fn check_quorum() -> RaftOptions {
    RaftOptions { check_quorum: true, ..RaftOptions::default() }
}

#[test]
fn leader_stepdown_when_quorum_lost() {
    let mut cluster = TestCluster::new(3, check_quorum());
    cluster.elect(1);
    cluster.isolate(1);
    // The window in which it last heard from its followers (its election) still counts at 150 ms.
    cluster.lead_for(1, 250);
    assert_eq!(cluster.node(1).role(), RoleKind::Leader, "within the next window it still leads");
    cluster.lead_for(1, 50); // 300 ms: a whole window without an answer
    assert_eq!((cluster.node(1).role(), cluster.node(1).current_term()), (RoleKind::Follower, 1));
    assert!(cluster.events[&1].contains(&Output::LostQuorum));
}

#[test]
fn leader_stepdown_when_quorum_active_does_not_happen() {
    let mut cluster = TestCluster::new(3, check_quorum());
    cluster.elect(1);
    cluster.isolate(3); // one follower of two is still a majority with the leader
    cluster.lead_for(1, 2_000);
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
}

#[test]
fn without_check_quorum_a_leader_cut_off_leads_on() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.isolate(1);
    cluster.lead_for(1, 2_000);
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
}

#[test]
fn leader_superseding_with_check_quorum() {
    let mut cluster = TestCluster::new(3, check_quorum());
    cluster.elect(1);
    cluster.timeout(3);
    cluster.deliver_all();
    assert_eq!(cluster.node(3).role(), RoleKind::Candidate, "S1 and S2 heard from a leader: they ignore S3");
    assert_eq!((cluster.node(1).role(), cluster.node(2).current_term()), (RoleKind::Leader, 1));
    // Each says so, naming the leader it heard from (the leader, itself).
    for id in [1, 2] {
        let told = Output::VoteRequestIgnored { candidate: 3, term: 2, pre_vote: false, leader: Some(1) };
        assert_eq!(cluster.events[&id].iter().filter(|e| **e == told).count(), 1, "S{id}");
    }
    cluster.advance(200); // S2 hears nothing from the leader for an election timeout
    cluster.timeout(3);
    cluster.deliver_all();
    assert_eq!(cluster.node(3).role(), RoleKind::Leader, "S2's vote and its own");
}

#[test]
fn disruptive_follower_is_ignored_while_the_leader_is_heard() {
    let mut cluster = TestCluster::new(5, check_quorum());
    cluster.elect(1);
    cluster.isolate(5);
    for _ in 0..3 {
        cluster.timeout(5);
        cluster.deliver_all();
    }
    assert_eq!(cluster.node(5).current_term(), 4);
    cluster.heal();
    cluster.timeout(5);
    cluster.deliver_all();
    assert!((1..=4).all(|id| cluster.node(id).current_term() == 1), "no one took S5's term from its request");
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
}

#[test]
fn free_stuck_candidate_with_check_quorum() {
    let mut cluster = TestCluster::new(3, check_quorum());
    cluster.elect(1);
    cluster.isolate(3);
    cluster.timeout(3);
    cluster.timeout(3);
    cluster.deliver_all();
    assert_eq!((cluster.node(3).role(), cluster.node(3).current_term()), (RoleKind::Candidate, 3));
    cluster.heal();
    cluster.heartbeat(1); // S3 answers the old term's heartbeat with its term 3
    cluster.deliver_all();
    assert_eq!((cluster.node(1).role(), cluster.node(1).current_term()), (RoleKind::Follower, 3));
    cluster.advance(200);
    cluster.timeout(3);
    cluster.deliver_all();
    assert_eq!(cluster.node(3).role(), RoleKind::Leader, "freed: S3 can win now");
}
