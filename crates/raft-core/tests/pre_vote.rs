//! PreVote (thesis §9.6), with scenarios after etcd-io/raft's and tikv/raft-rs's tests of the
//! same names: a pre-candidate changes no term and no vote, a server that heard from its leader
//! refuses, and a majority of pre-votes starts the real election.

mod support;

use raft_core::{Message, NodeId, Output, PreVoteRefusal, RaftOptions, RequestVote, RoleKind};
use support::TestCluster;

fn pre_vote() -> RaftOptions {
    RaftOptions { pre_vote: true, ..RaftOptions::default() }
}

fn pre_vote_request(term: u64, candidate_id: u32) -> Message {
    Message::RequestPreVote(RequestVote { term, candidate_id, last_log_index: 42, last_log_term: 2, transfer: false })
}

#[test]
fn a_single_node_pre_candidate_wins_at_once() {
    let mut cluster = TestCluster::new(1, pre_vote());
    cluster.timeout(1);
    assert_eq!((cluster.node(1).role(), cluster.node(1).current_term()), (RoleKind::Leader, 1));
}

#[test]
fn a_pre_candidate_keeps_its_term_and_vote_and_wins_with_a_majority_of_pre_votes() {
    let mut cluster = TestCluster::new(3, pre_vote());
    cluster.timeout(1);
    let node = cluster.node(1);
    assert_eq!((node.role(), node.current_term(), node.voted_for()), (RoleKind::PreCandidate, 0, None));
    let asked = cluster.take_queued();
    assert!(asked.iter().all(|(_, _, m)| matches!(m, Message::RequestPreVote(r) if r.term == 1)), "{asked:?}");
    cluster.timeout(1);
    cluster.deliver_all();
    let node = cluster.node(1);
    assert_eq!((node.role(), node.current_term()), (RoleKind::Leader, 1), "pre-votes, then the real election");
    assert!((2..=3).all(|id| cluster.node(id).current_term() == 1));
}

#[test]
fn a_pre_vote_changes_nothing_in_any_role_and_is_refused_by_whoever_hears_a_leader() {
    let mut cluster = TestCluster::new(5, pre_vote());
    cluster.elect(1);
    cluster.isolate(4);
    cluster.timeout(4); // a pre-candidate that hears from no one
    cluster.isolate(5);
    cluster.crash(5);
    let before: Vec<_> = (1..=4)
        .map(|id| (cluster.node(id).role(), cluster.node(id).current_term(), cluster.node(id).voted_for()))
        .collect();
    cluster.drop_all();
    for id in 1..=4 {
        cluster.inject(9, id, pre_vote_request(2, 9));
    }
    let after: Vec<_> = (1..=4)
        .map(|id| (cluster.node(id).role(), cluster.node(id).current_term(), cluster.node(id).voted_for()))
        .collect();
    assert_eq!(before, after, "no term, vote or role changed");
    let answers: Vec<(u32, bool)> = cluster
        .take_queued()
        .into_iter()
        .filter_map(|(from, _, message)| match message {
            Message::RequestPreVoteReply(reply) => Some((from, reply.vote_granted)),
            _ => None,
        })
        .collect();
    assert_eq!(answers, [(1, false), (2, false), (3, false), (4, true)], "the leader and its followers refuse");
    let told: Vec<_> = (1..=4).map(|id| pre_vote_refusals(&cluster, id)).collect();
    let alive = PreVoteRefusal::LeaderAlive { leader: 1 };
    assert_eq!(told, [vec![alive], vec![alive], vec![alive], vec![]], "each refusal names the leader it believes in");
}

/// The pre-vote refusals `id` told, in order.
fn pre_vote_refusals(cluster: &TestCluster, id: NodeId) -> Vec<PreVoteRefusal> {
    let events = cluster.events.get(&id).map(Vec::as_slice).unwrap_or_default();
    events
        .iter()
        .filter_map(|event| match event {
            Output::PreVoteRefused { candidate: 9, reason, .. } => Some(*reason),
            _ => None,
        })
        .collect()
}

#[test]
fn with_no_leader_a_pre_vote_is_refused_for_a_term_not_later_or_a_log_behind() {
    // Three servers in term 1 with one entry each, and no leader.
    let mut cluster = TestCluster::with_logs(pre_vote(), 1, &[&[1], &[1], &[1]]);
    cluster.inject(9, 2, pre_vote_request(1, 9));
    let empty_log = RequestVote { term: 2, candidate_id: 9, last_log_index: 0, last_log_term: 0, transfer: false };
    cluster.inject(9, 2, Message::RequestPreVote(empty_log));
    cluster.inject(9, 2, pre_vote_request(2, 9));
    assert_eq!(
        pre_vote_refusals(&cluster, 2),
        [PreVoteRefusal::TermNotLater { own_term: 1 }, PreVoteRefusal::LogBehind],
        "the third, for term 2 with a longer log, is granted"
    );
    let granted: Vec<bool> = cluster
        .take_queued()
        .into_iter()
        .filter_map(|(_, _, message)| match message {
            Message::RequestPreVoteReply(reply) => Some(reply.vote_granted),
            _ => None,
        })
        .collect();
    assert_eq!(granted, [false, false, true]);
}

#[test]
fn a_server_cut_off_does_not_inflate_its_term_and_rejoins_without_deposing_the_leader() {
    let mut cluster = TestCluster::new(3, pre_vote());
    cluster.elect(1);
    cluster.isolate(3);
    for _ in 0..5 {
        cluster.timeout(3);
        cluster.deliver_all();
    }
    assert_eq!((cluster.node(3).role(), cluster.node(3).current_term()), (RoleKind::PreCandidate, 1));
    cluster.heal();
    cluster.timeout(3); // its pre-votes reach servers that hear from the leader
    cluster.deliver_all();
    assert_eq!((cluster.node(1).role(), cluster.node(1).current_term()), (RoleKind::Leader, 1), "undisturbed");
    cluster.heartbeat(1);
    cluster.deliver_all();
    assert_eq!((cluster.node(3).role(), cluster.node(3).leader()), (RoleKind::Follower, Some(1)));
}

#[test]
fn without_pre_vote_the_same_server_deposes_the_leader() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.isolate(3);
    for _ in 0..5 {
        cluster.timeout(3);
        cluster.deliver_all();
    }
    assert_eq!(cluster.node(3).current_term(), 6, "its term ran away");
    cluster.heal();
    cluster.heartbeat(1);
    cluster.deliver_all();
    assert_eq!(cluster.node(1).role(), RoleKind::Follower, "its answer of term 6 deposed the leader");
}

#[test]
fn a_split_vote_after_pre_votes_is_resolved_by_the_next_pre_vote() {
    let mut cluster = TestCluster::new(3, pre_vote());
    cluster.elect(1);
    cluster.isolate(1);
    cluster.advance(200); // past the shortest election timeout: no one heard from the leader
    cluster.timeout(2);
    cluster.timeout(3);
    cluster.deliver_all();
    for id in [2, 3] {
        assert_eq!((cluster.node(id).role(), cluster.node(id).current_term()), (RoleKind::Candidate, 2), "S{id}");
    }
    cluster.timeout(2);
    cluster.deliver_all();
    assert_eq!((cluster.node(2).role(), cluster.node(2).current_term()), (RoleKind::Leader, 3));
    assert_eq!((cluster.node(3).role(), cluster.node(3).leader()), (RoleKind::Follower, Some(2)));
}

#[test]
fn a_pre_candidate_behind_in_term_learns_the_term_from_a_refusal() {
    let mut cluster = TestCluster::new(3, pre_vote());
    cluster.isolate(3);
    cluster.elect(1); // term 1 without S3
    cluster.advance(200);
    cluster.timeout(1);
    cluster.deliver_all(); // S1 again, term 2
    assert_eq!((cluster.node(1).role(), cluster.node(1).current_term()), (RoleKind::Leader, 2));
    cluster.heal();
    cluster.advance(200);
    cluster.timeout(3); // asks for term 1: refused with term 2
    cluster.deliver_all();
    assert_eq!((cluster.node(3).role(), cluster.node(3).current_term()), (RoleKind::Follower, 2));
}
