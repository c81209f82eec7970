//! Leadership transfer (thesis §3.10), with scenarios after etcd-io/raft's tests of the same
//! names: the leader stops taking writes, brings the target up to date, sends TimeoutNow, and
//! gives up after an election timeout.

mod support;

use raft_core::{ClientResult, Message, Output, RaftOptions, RoleKind};
use support::TestCluster;

#[test]
fn leader_transfer_to_up_to_date_node() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.transfer(1, 2);
    cluster.deliver_all();
    assert_eq!((cluster.node(2).role(), cluster.node(2).current_term()), (RoleKind::Leader, 2));
    assert_eq!((cluster.node(1).role(), cluster.node(1).leader()), (RoleKind::Follower, Some(2)));
    assert!(cluster
        .delivered
        .iter()
        .any(|(from, to, m)| (*from, *to) == (1, 2) && matches!(m, Message::TimeoutNow(_))));
    cluster.transfer(2, 1);
    cluster.deliver_all();
    assert_eq!(cluster.node(1).role(), RoleKind::Leader, "and back");
}

#[test]
fn leader_transfer_to_slow_follower() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.crash(3);
    cluster.write(1, 1, "x=1");
    cluster.deliver_all();
    cluster.restart(3);
    assert_eq!(cluster.node(3).log().last_index(), 1, "S3 lacks x=1");
    cluster.transfer(1, 3);
    cluster.deliver_all();
    assert_eq!(cluster.node(3).role(), RoleKind::Leader, "caught up first, then told to campaign");
    assert_eq!(cluster.node(3).log().last_index(), 3, "the no-op, x=1 and its own no-op");
}

#[test]
fn leader_transfer_timeout() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.isolate(3);
    cluster.transfer(1, 3);
    for _ in 0..2 {
        cluster.advance(50);
        cluster.heartbeat(1);
        cluster.deliver_all();
    }
    assert!(!cluster.events[&1].iter().any(|e| matches!(e, Output::TransferAbandoned { .. })), "still trying");
    cluster.write(1, 7, "y=1");
    assert_eq!(cluster.responses.last(), Some(&(1, 7, ClientResult::NotLeader { leader: Some(3) })));
    cluster.advance(100);
    cluster.heartbeat(1);
    cluster.deliver_all();
    assert!(cluster.events[&1].contains(&Output::TransferAbandoned { to: 3 }));
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
    cluster.write(1, 8, "y=2");
    cluster.deliver_all();
    assert_eq!(cluster.responses.last(), Some(&(1, 8, ClientResult::Committed { index: 2 })), "writes again");
}

#[test]
fn leader_transfer_ignore_proposal() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.isolate(3);
    cluster.transfer(1, 3);
    cluster.write(1, 1, "x=1");
    assert_eq!(cluster.responses, [(1, 1, ClientResult::NotLeader { leader: Some(3) })]);
    assert_eq!(cluster.node(1).log().last_index(), 1, "nothing appended");
}

#[test]
fn leader_transfer_to_self_and_to_non_existing_node_do_nothing() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.transfer(1, 1);
    cluster.transfer(1, 9);
    cluster.transfer(2, 3); // a follower is no leader to hand over
    cluster.deliver_all();
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
    cluster.write(1, 1, "x=1");
    cluster.deliver_all();
    assert_eq!(cluster.responses, [(1, 1, ClientResult::Committed { index: 2 })]);
}

#[test]
fn leader_transfer_with_check_quorum_and_pre_vote() {
    let options = RaftOptions { check_quorum: true, pre_vote: true, ..RaftOptions::default() };
    let mut cluster = TestCluster::new(3, options);
    cluster.elect(1);
    cluster.transfer(1, 2);
    cluster.deliver_all();
    assert_eq!(cluster.node(2).role(), RoleKind::Leader, "the guard lets a transfer's election through");
    assert!(!cluster.delivered.iter().any(|(from, _, m)| *from == 2 && matches!(m, Message::RequestPreVote(_))));
}

#[test]
fn leader_transfer_second_transfer_to_another_node() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.isolate(3);
    cluster.transfer(1, 3);
    cluster.transfer(1, 2);
    cluster.deliver_all();
    assert_eq!(cluster.node(2).role(), RoleKind::Leader);
}
