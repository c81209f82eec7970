//! The network may deliver a reply late, twice, or after a newer one (the simulator's loss,
//! latency and duplication do all three). A leader's nextIndex and matchIndex must never move
//! the wrong way, commitIndex must never go back, and no vote may be counted twice (Figure 2:
//! matchIndex "increases monotonically"; §5.2: one vote per server per term).

mod support;

use raft_core::{Message, NodeId, RaftOptions, RoleKind};
use support::TestCluster;

/// A fixed, seeded shuffle (a 64-bit LCG): the same order on every run.
fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
    items
}

#[test]
fn a_vote_delivered_twice_is_counted_once() {
    let mut cluster = TestCluster::new(5, RaftOptions::default());
    cluster.timeout(1);
    let requests = cluster.take_queued();
    let (_, to, request) = requests.into_iter().find(|(_, to, _)| *to == 2).unwrap();
    cluster.inject(1, to, request);
    let (_, _, reply) = cluster.take_queued().into_iter().next().unwrap();
    assert!(matches!(&reply, Message::RequestVoteReply(r) if r.vote_granted));
    for _ in 0..3 {
        cluster.inject(2, 1, reply.clone());
    }
    assert_eq!(cluster.node(1).role(), RoleKind::Candidate, "itself and server 2 are two votes of five, not four");
}

#[test]
fn late_duplicated_and_reordered_append_replies_never_move_progress_back() {
    for seed in 0..50u64 {
        let mut cluster = TestCluster::new(3, RaftOptions { max_entries_per_append: 1, ..RaftOptions::default() });
        cluster.elect(1);
        cluster.deliver_all();
        // Every reply of several rounds is delivered at once, and a copy kept to arrive again
        // later: late, twice, and out of order.
        let mut replies: Vec<(NodeId, NodeId, Message)> = Vec::new();
        for round in 0..4 {
            cluster.write(1, round, &format!("x={round}"));
            cluster.heartbeat(1);
            replies.extend(deliver_keeping(&mut cluster, 1));
        }
        assert!(replies.len() >= 8, "seed {seed}: {} replies kept back", replies.len());
        // Each reply delivered twice, in a shuffled order.
        let doubled: Vec<_> = replies.iter().cloned().chain(replies.iter().cloned()).collect();
        let mut before = cluster.node(1).progress();
        let mut commit = cluster.node(1).commit_index();
        for (from, to, reply) in shuffled(doubled, seed) {
            cluster.inject(from, to, reply.clone());
            cluster.take_queued(); // what the leader resends is not delivered
            let after = cluster.node(1).progress();
            for ((peer, old), (_, new)) in before.iter().zip(&after) {
                assert!(new.match_index >= old.match_index, "seed {seed}: S{peer} matchIndex went back: {reply:?}");
                assert!(new.next_index > new.match_index, "seed {seed}: S{peer} nextIndex not past matchIndex");
            }
            assert!(cluster.node(1).commit_index() >= commit, "seed {seed}: commitIndex went back");
            commit = cluster.node(1).commit_index();
            before = after;
        }
        let last = cluster.node(1).log().last_index();
        assert!(before.iter().all(|(_, p)| p.match_index <= last), "seed {seed}: matchIndex past the log");
    }
}

/// Delivers everything queued, and what it causes, keeping a copy of every message to `to`.
fn deliver_keeping(cluster: &mut TestCluster, to: NodeId) -> Vec<(NodeId, NodeId, Message)> {
    let mut kept = Vec::new();
    loop {
        let queued = cluster.take_queued();
        if queued.is_empty() {
            return kept;
        }
        for (from, target, message) in queued {
            if target == to {
                kept.push((from, target, message.clone()));
            }
            cluster.inject(from, target, message);
        }
    }
}

#[test]
fn rejections_arriving_again_after_the_follower_caught_up_change_nothing() {
    // Figure 6's walk back: followers 2 and 4 reject until nextIndex reaches their logs' end.
    let leader: &[u64] = &[1, 1, 1, 2, 3, 3, 3];
    let logs: [&[u64]; 5] = [leader, &leader[..5], leader, &leader[..2], leader];
    for seed in 0..20u64 {
        let options = RaftOptions { noop_on_election: false, ..RaftOptions::default() };
        let mut cluster = TestCluster::with_logs(options, 3, &logs);
        cluster.timeout(1);
        let replies = deliver_keeping(&mut cluster, 1);
        assert!(replies.iter().any(|(_, _, m)| matches!(m, Message::AppendEntriesReply(r) if !r.success)));
        let caught_up = cluster.node(1).progress();
        assert!(caught_up.iter().all(|(_, p)| p.match_index == 7), "seed {seed}: {caught_up:?}");
        let doubled: Vec<_> = replies.iter().cloned().chain(replies.iter().cloned()).collect();
        for (from, to, reply) in shuffled(doubled, seed) {
            cluster.inject(from, to, reply);
            cluster.take_queued();
        }
        assert_eq!(cluster.node(1).progress(), caught_up, "seed {seed}: late replies moved progress");
    }
}

#[test]
fn a_reply_of_an_earlier_term_changes_nothing() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    let queued = cluster.take_queued();
    let (_, to, append) = queued.into_iter().find(|(_, to, _)| *to == 2).unwrap();
    cluster.inject(1, to, append);
    let (_, _, old_reply) = cluster.take_queued().into_iter().next().unwrap();
    // Server 1 loses leadership and wins again in a later term; the old reply then arrives.
    cluster.timeout(1);
    cluster.deliver_all();
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
    let before = (cluster.node(1).progress(), cluster.node(1).commit_index());
    cluster.inject(2, 1, old_reply);
    assert_eq!((cluster.node(1).progress(), cluster.node(1).commit_index()), before);
}
