//! Log compaction and InstallSnapshot (paper §7, Figure 13), with scenarios after
//! etcd-io/raft's `TestRestore`, `TestRestoreIgnoreSnapshot`, `TestProvideSnap` and
//! `TestSendingSnapshotSetPendingSnapshot` / `TestPendingSnapshotPauseReplication`.

mod support;

use std::sync::Arc;

use raft_core::{
    ClientResult, Configuration, InstallSnapshot, KvStore, Log, Message, Node, NodeId, Output, PersistentState,
    RaftOptions, RoleKind, Snapshot,
};
use support::TestCluster;

/// S1 leads and committed `x=1`..`x=4` (indexes 2 to 5, after the election's no-op), while S3
/// was cut off and holds none of them.
fn leader_ahead_of_s3(options: RaftOptions) -> TestCluster {
    let mut cluster = TestCluster::new(3, options);
    cluster.elect(1);
    cluster.isolate(3);
    for i in 1..=4 {
        cluster.write(1, i, &format!("x={i}"));
        cluster.deliver_all();
    }
    assert_eq!(cluster.node(1).commit_index(), 5);
    cluster
}

fn snapshot_request(term: u64, index: u64, snapshot_term: u64, value: &str) -> Message {
    let mut kv = KvStore::default();
    kv.apply(&raft_core::Command::parse(&format!("x={value}")).unwrap());
    let snapshot = Snapshot { last_index: index, last_term: snapshot_term, kv, config: Configuration::new([1, 2, 3]) };
    Message::InstallSnapshot(InstallSnapshot {
        term,
        leader_id: 1,
        last_included_index: index,
        last_included_term: snapshot_term,
        snapshot: Arc::new(snapshot),
    })
}

#[test]
fn a_snapshot_compacts_the_log_up_to_last_applied() {
    let mut cluster = leader_ahead_of_s3(RaftOptions::default());
    cluster.snapshot(1);
    let leader = cluster.node(1);
    assert_eq!((leader.log().snapshot_index(), leader.log().last_index(), leader.log().entries().count()), (5, 5, 0));
    let snapshot = leader.snapshot().expect("taken");
    assert_eq!((snapshot.last_index, snapshot.last_term, snapshot.kv.get("x")), (5, 1, Some("4")));
    assert_eq!(snapshot.config, Configuration::new([1, 2, 3]));
    assert!(cluster.events[&1].contains(&Output::SnapshotTaken { last_index: 5, last_term: 1 }));
    cluster.snapshot(1);
    assert_eq!(
        cluster.events[&1].iter().filter(|e| matches!(e, Output::SnapshotTaken { .. })).count(),
        1,
        "nothing new"
    );
}

#[test]
fn restore_starts_from_the_snapshot() {
    let mut kv = KvStore::default();
    kv.apply(&raft_core::Command::parse("x=9").unwrap());
    let snapshot = Snapshot { last_index: 11, last_term: 11, kv, config: Configuration::new([1, 2]) };
    let mut log = Log::default();
    log.reset_to_snapshot(11, 11);
    let state = PersistentState { current_term: 11, voted_for: None, log, snapshot: Some(Arc::new(snapshot)) };
    let node = Node::start(1, Configuration::new([1, 2, 3]), RaftOptions::default(), state);
    assert_eq!(
        (node.commit_index(), node.last_applied(), node.log().last_index(), node.log().last_term()),
        (11, 11, 11, 11)
    );
    assert_eq!(node.kv().get("x"), Some("9"));
    assert_eq!(node.configuration(), &Configuration::new([1, 2]), "the snapshot's configuration");
}

#[test]
fn restore_ignores_a_snapshot_of_what_is_already_committed() {
    let mut cluster = leader_ahead_of_s3(RaftOptions::default());
    let (log, kv) = (cluster.node(2).log().clone(), cluster.node(2).kv().clone());
    assert!(cluster.node(2).commit_index() > 3);
    cluster.inject(1, 2, snapshot_request(1, 3, 1, "stale"));
    assert_eq!((cluster.node(2).log(), cluster.node(2).kv()), (&log, &kv), "S2 committed past index 3 already");
    assert!(!cluster.events.get(&2).is_some_and(|e| e.iter().any(|o| matches!(o, Output::SnapshotInstalled { .. }))));
}

#[test]
fn a_slow_follower_is_caught_up_by_install_snapshot() {
    let mut cluster = leader_ahead_of_s3(RaftOptions::default());
    cluster.snapshot(1);
    cluster.heal();
    cluster.lead_for(1, 100);
    let s3 = cluster.node(3);
    assert_eq!((s3.log().snapshot_index(), s3.commit_index(), s3.kv().get("x")), (5, 5, Some("4")));
    assert!(cluster
        .delivered
        .iter()
        .any(|(from, to, m)| (*from, *to) == (1, 3) && matches!(m, Message::InstallSnapshot(_))));
    assert!(cluster.events[&3].contains(&Output::SnapshotInstalled {
        from: 1,
        last_index: 5,
        last_term: 1,
        removed_through: 1
    }));
    cluster.write(1, 9, "y=1");
    cluster.deliver_all();
    assert_eq!(cluster.node(3).log().last_index(), 6, "replication goes on after the snapshot");
    assert_eq!(cluster.response(9), Some(&ClientResult::Committed { index: 6 }));
}

#[test]
fn a_pending_snapshot_pauses_replication_until_answered_or_an_election_timeout_passes() {
    let mut cluster = leader_ahead_of_s3(RaftOptions::default());
    cluster.snapshot(1);
    cluster.heal();
    cluster.heartbeat(1);
    let first: Vec<_> = cluster.take_queued().into_iter().filter(|(_, to, _)| *to == 3).collect();
    assert!(matches!(first.as_slice(), [(1, 3, Message::InstallSnapshot(_))]), "{first:?}");
    for _ in 0..2 {
        cluster.advance(50);
        cluster.heartbeat(1);
        let to_s3: Vec<_> = cluster.take_queued().into_iter().filter(|(_, to, _)| *to == 3).collect();
        // No second snapshot and no entries: an empty AppendEntries at the snapshot's last entry,
        // which keeps S3 from timing out.
        assert!(
            matches!(to_s3.as_slice(), [(1, 3, Message::AppendEntries(a))] if a.entries.is_empty() && a.prev_log_index == 5),
            "{to_s3:?}"
        );
    }
    cluster.advance(50); // 150 ms: the shortest election timeout without an answer
    cluster.heartbeat(1);
    let again: Vec<_> = cluster.take_queued().into_iter().filter(|(_, to, _)| *to == 3).collect();
    assert!(matches!(again.as_slice(), [(1, 3, Message::InstallSnapshot(_))]), "sent again: {again:?}");
}

#[test]
fn a_follower_holding_the_snapshots_last_entry_keeps_its_log() {
    let mut cluster = leader_ahead_of_s3(RaftOptions::default());
    // S2 holds every entry; suppose it knows only index 1 committed.
    let mut s2 = cluster.node(2).clone();
    let restarted =
        Node::start(2, s2.base_configuration().clone(), RaftOptions::default(), s2.persistent_state().clone());
    s2 = restarted;
    cluster.nodes.insert(2, s2);
    cluster.inject(1, 2, snapshot_request(1, 3, 1, "ignored"));
    let s2 = cluster.node(2);
    assert_eq!((s2.log().snapshot_index(), s2.log().last_index(), s2.commit_index()), (0, 5, 3), "Figure 13, step 6");
    assert_eq!(s2.kv().get("x"), Some("2"), "applied from its own log, not the snapshot's data");
}

#[test]
fn snapshot_every_compacts_as_entries_are_applied_and_a_restart_keeps_the_state() {
    let options = RaftOptions { snapshot_every: 2, ..RaftOptions::default() };
    let mut cluster = leader_ahead_of_s3(options);
    cluster.lead_for(1, 100);
    for id in [1, 2] {
        let node = cluster.node(id);
        let (snapshot, applied) = (node.log().snapshot_index(), node.last_applied());
        assert!(snapshot >= 4 && applied - snapshot < 2, "S{id}: a snapshot at {snapshot} with {applied} applied");
    }
    let snapshot = cluster.node(2).log().snapshot_index();
    let value = cluster.node(2).snapshot().unwrap().kv.get("x").map(str::to_owned);
    cluster.crash(2);
    cluster.restart(2);
    let s2 = cluster.node(2);
    assert_eq!((s2.commit_index(), s2.kv().get("x").map(str::to_owned)), (snapshot, value), "from its snapshot");
    assert_eq!(s2.log().last_index(), 5, "and its log after it");
}

/// Delivers what is queued, a round at a time, until `wanted` is among it; returns that
/// message, undelivered, and loses the rest of its round.
fn hold_back(cluster: &mut TestCluster, wanted: impl Fn(NodeId, &Message) -> bool) -> (NodeId, NodeId, Message) {
    for _ in 0..20 {
        let round = cluster.take_queued();
        if let Some(found) = round.iter().find(|(_, to, message)| wanted(*to, message)) {
            return found.clone();
        }
        for (from, to, message) in round {
            cluster.inject(from, to, message);
        }
    }
    panic!("never sent");
}

#[test]
fn a_snapshot_of_an_earlier_term_answered_late_is_no_acknowledgement() {
    // S1 sends S3 a snapshot in term 1, and the message is held up. S1 then leads term 2, S3
    // following into term 2 through S1's RequestVote, and only then does the old snapshot
    // reach S3. S3 refuses it (Figure 13: reply at once if term < currentTerm). If S1 took that
    // answer for S3 holding index 5, it would never send S3 the entries or the snapshot again.
    let mut cluster = leader_ahead_of_s3(RaftOptions::default());
    cluster.snapshot(1);
    cluster.heal();
    cluster.heartbeat(1);
    let (_, _, old_snapshot) = hold_back(&mut cluster, |to, m| to == 3 && matches!(m, Message::InstallSnapshot(_)));
    cluster.drop_all();
    cluster.advance(300);
    cluster.timeout(1);
    for _ in 0..2 {
        for (from, to, message) in cluster.take_queued() {
            cluster.inject(from, to, message); // the requests for votes, then the votes
        }
    }
    assert_eq!(
        (cluster.node(1).role(), cluster.node(1).current_term(), cluster.node(3).current_term()),
        (RoleKind::Leader, 2, 2)
    );
    cluster.drop_all();
    cluster.inject(1, 3, old_snapshot);
    cluster.deliver_all();
    cluster.lead_for(1, 500);
    let (leader, follower) = (cluster.node(1), cluster.node(3));
    assert_eq!(follower.log().last_index(), leader.log().last_index(), "S3 caught up");
    assert_eq!(follower.commit_index(), leader.commit_index());
    assert_eq!(follower.kv().get("x"), Some("4"));
}
