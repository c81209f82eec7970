//! Reads (thesis §6.4): through the log, by ReadIndex, by lease, and the `stale_reads` switch,
//! with scenarios after etcd-io/raft's `TestReadOnlyOptionSafe`, `TestReadOnlyForNewLeader`
//! and `TestReadOnlyOptionLease`.

mod support;

use raft_core::{ClientResult, Command, RaftOptions, ReadMode, UnsafeRules};
use support::TestCluster;

fn reads(mode: ReadMode) -> RaftOptions {
    RaftOptions { read_mode: mode, check_quorum: mode == ReadMode::Lease, ..RaftOptions::default() }
}

fn read_value(value: &str, index: u64) -> ClientResult {
    ClientResult::Read { index, value: Some(value.to_owned()) }
}

/// Elects S1 and commits `x=1` at index 2 (after the election's no-op).
fn cluster_with_x(options: RaftOptions) -> TestCluster {
    let mut cluster = TestCluster::new(3, options);
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    cluster.deliver_all();
    assert_eq!(cluster.response(1), Some(&ClientResult::Committed { index: 2 }));
    cluster
}

#[test]
fn a_read_in_the_log_is_an_entry_answered_with_the_value_at_its_place() {
    let mut cluster = cluster_with_x(reads(ReadMode::Log));
    cluster.read(1, 2, "x");
    assert_eq!(cluster.node(1).log().last_index(), 3, "the read is appended");
    assert_eq!(cluster.node(1).log().entry(3).map(|e| e.command.clone()), Some(Command::get("x").unwrap()));
    assert_eq!(cluster.response(2), None, "answered only once committed");
    cluster.deliver_all();
    assert_eq!(cluster.response(2), Some(&read_value("1", 3)));
    cluster.read(1, 3, "y");
    cluster.deliver_all();
    assert_eq!(cluster.response(3), Some(&ClientResult::Read { index: 4, value: None }), "an unset key");
}

#[test]
fn read_index_confirms_leadership_with_a_heartbeat_round_and_writes_nothing() {
    let mut cluster = cluster_with_x(reads(ReadMode::ReadIndex));
    cluster.read(1, 2, "x");
    assert_eq!(cluster.node(1).log().last_index(), 2, "nothing is appended");
    assert_eq!(cluster.response(2), None, "not before a majority answers the round");
    cluster.deliver_all();
    assert_eq!(cluster.response(2), Some(&read_value("1", 2)), "readIndex is the commit index");
}

#[test]
fn read_index_is_never_answered_by_a_leader_cut_off_from_the_majority() {
    let mut cluster = cluster_with_x(reads(ReadMode::ReadIndex));
    cluster.isolate(1);
    cluster.read(1, 2, "x");
    cluster.lead_for(1, 1_000);
    assert_eq!(cluster.response(2), None, "no round is ever confirmed");
    cluster.elect(2);
    cluster.write(2, 3, "x=2");
    cluster.deliver_all();
    cluster.heal();
    cluster.lead_for(2, 50);
    assert_eq!(cluster.response(2), Some(&ClientResult::LeadershipLost), "told once it steps down");
}

#[test]
fn a_new_leaders_first_read_waits_for_an_entry_of_its_term() {
    let options = RaftOptions { noop_on_election: false, ..reads(ReadMode::ReadIndex) };
    let mut cluster = TestCluster::new(3, options);
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    cluster.deliver_all();
    cluster.elect(2); // term 2, no no-op: its commit index says nothing yet
    cluster.read(2, 2, "x");
    cluster.lead_for(2, 200);
    assert_eq!(cluster.response(2), None, "it has not committed an entry of term 2");
    cluster.write(2, 3, "x=2");
    cluster.deliver_all();
    assert_eq!(cluster.response(3), Some(&ClientResult::Committed { index: 2 }));
    assert_eq!(cluster.response(2), Some(&read_value("2", 2)), "served once its term's entry commits");
}

#[test]
fn a_single_server_serves_read_index_at_once() {
    let mut cluster = TestCluster::new(1, reads(ReadMode::ReadIndex));
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    cluster.read(1, 2, "x");
    assert_eq!(cluster.response(2), Some(&read_value("1", 2)));
}

#[test]
fn a_follower_points_a_read_at_the_leader() {
    for mode in [ReadMode::Log, ReadMode::ReadIndex, ReadMode::Lease] {
        let mut cluster = cluster_with_x(reads(mode));
        cluster.read(2, 2, "x");
        assert_eq!(cluster.response(2), Some(&ClientResult::NotLeader { leader: Some(1) }), "{mode:?}");
    }
}

#[test]
fn a_lease_serves_reads_at_once_and_only_while_it_holds() {
    let mut cluster = cluster_with_x(reads(ReadMode::Lease));
    cluster.lead_for(1, 50); // a round acknowledged: the lease runs 150 ms from its start
    cluster.read(1, 2, "x");
    assert_eq!(cluster.response(2), Some(&read_value("1", 2)), "no round needed");
    cluster.isolate(1);
    cluster.advance(200); // past the lease, with no answer since
    cluster.read(1, 3, "x");
    cluster.deliver_all();
    assert_eq!(cluster.response(3), None, "the lease ran out: it must confirm, and cannot");
    cluster.heal();
    cluster.heartbeat(1);
    cluster.deliver_all();
    assert_eq!(cluster.response(3), Some(&read_value("1", 2)), "confirmed by a round once heard again");
}

#[test]
fn a_clock_drift_bound_shortens_the_lease() {
    for (drift, holds_after_100_ms) in [(0, true), (100, false)] {
        let options = RaftOptions { clock_drift_percent: drift, ..reads(ReadMode::Lease) };
        assert_eq!(options.lease_window(), 150 * 100 / (100 + u64::from(drift)));
        let mut cluster = cluster_with_x(options);
        cluster.lead_for(1, 50); // a round acknowledged, begun now
        cluster.isolate(1);
        cluster.advance(100); // within 150 ms of the round, not within 75 ms
        cluster.read(1, 2, "x");
        let answered = cluster.response(2) == Some(&read_value("1", 2));
        assert_eq!(answered, holds_after_100_ms, "drift bound {drift}%");
    }
}

#[test]
fn without_check_quorum_a_lease_is_not_trusted() {
    let options = RaftOptions { read_mode: ReadMode::Lease, ..RaftOptions::default() };
    let mut cluster = cluster_with_x(options);
    cluster.lead_for(1, 50);
    cluster.read(1, 2, "x");
    assert_eq!(cluster.response(2), None, "it confirms with a round, as ReadIndex does");
    cluster.deliver_all();
    assert_eq!(cluster.response(2), Some(&read_value("1", 2)));
}

#[test]
fn a_leader_that_sent_timeout_now_trusts_its_lease_no_more() {
    let mut cluster = cluster_with_x(reads(ReadMode::Lease));
    cluster.lead_for(1, 50);
    cluster.isolate(2); // S2 never gets TimeoutNow, and the transfer is abandoned
    cluster.transfer(1, 2); // S2 was up to date: TimeoutNow goes at once
    cluster.lead_for(1, 200);
    cluster.read(1, 2, "x");
    assert_eq!(cluster.response(2), None, "the election it asked for could skip the guard");
    cluster.deliver_all();
    assert_eq!(cluster.response(2), Some(&read_value("1", 2)));
}

#[test]
fn with_stale_reads_any_server_answers_from_its_own_state() {
    let options = RaftOptions {
        unsafe_rules: UnsafeRules { stale_reads: true, ..UnsafeRules::default() },
        ..RaftOptions::default()
    };
    let mut cluster = cluster_with_x(options);
    cluster.lead_for(1, 50); // S3 learns that x=1 is committed
    cluster.isolate(3);
    cluster.write(1, 2, "x=2");
    cluster.deliver_all();
    assert_eq!(cluster.response(2), Some(&ClientResult::Committed { index: 3 }));
    cluster.read(3, 3, "x");
    assert_eq!(cluster.response(3), Some(&read_value("1", 2)), "a follower cut off answers with x=1");
}

#[test]
fn a_reply_to_a_round_of_an_earlier_term_acknowledges_nothing() {
    let mut cluster = cluster_with_x(reads(ReadMode::ReadIndex));
    cluster.elect(2); // term 2: S1 follows
    let old = raft_core::AppendEntries {
        term: 1,
        leader_id: 1,
        prev_log_index: 0,
        prev_log_term: 0,
        entries: Vec::new(),
        leader_commit: 0,
        round: 40,
    };
    cluster.inject(1, 3, raft_core::Message::AppendEntries(old));
    let replies: Vec<_> = cluster.take_queued().into_iter().filter(|(from, to, _)| (*from, *to) == (3, 1)).collect();
    assert!(
        matches!(replies.as_slice(), [(_, _, raft_core::Message::AppendEntriesReply(r))] if r.term == 2 && r.round == 0),
        "{replies:?}"
    );
}

#[test]
fn with_leases_a_restarted_server_refuses_votes_for_an_election_timeout() {
    let mut cluster = cluster_with_x(reads(ReadMode::Lease));
    cluster.lead_for(1, 50); // S2 acknowledged a round: S1's lease runs
    cluster.crash(2);
    cluster.restart(2);
    let ask = raft_core::RequestVote { term: 9, candidate_id: 3, last_log_index: 9, last_log_term: 9, transfer: false };
    cluster.inject(3, 2, raft_core::Message::RequestVote(ask.clone()));
    assert_eq!(cluster.node(2).current_term(), 1, "ignored: it may still hold up S1's lease");
    cluster.advance(150);
    cluster.inject(3, 2, raft_core::Message::RequestVote(ask));
    assert_eq!((cluster.node(2).current_term(), cluster.node(2).voted_for()), (9, Some(3)), "once the lease is over");
}

#[test]
fn a_follower_that_learns_a_later_term_from_a_late_reply_still_guards_the_lease_it_acknowledged() {
    let mut cluster = cluster_with_x(reads(ReadMode::Lease));
    cluster.lead_for(1, 50); // S2 and S3 acknowledged a round: S1's lease runs 150 ms from its start
    cluster.isolate(1);
    // S3 times out; S2 ignores its request under CheckQuorum's guard. Then a late answer of
    // term 2 from S3 reaches S2 (as S3's answer to a RequestVote of S2's from an earlier
    // election would, held up in the network until S3 had moved on): S2 follows into term 2,
    // without a leader.
    cluster.timeout(3);
    cluster.deliver_all();
    assert_eq!(cluster.node(2).current_term(), 1, "S2 ignored S3: it heard from S1 within the timeout");
    let late = raft_core::RequestVoteReply { term: 2, vote_granted: false };
    cluster.inject(3, 2, raft_core::Message::RequestVoteReply(late));
    // S3 campaigns again, at once: S2 must not help elect a leader while S1's lease runs.
    cluster.timeout(3);
    cluster.deliver_all();
    assert_ne!(cluster.node(3).role(), raft_core::RoleKind::Leader, "S3 won while S1's lease ran");
    cluster.write(3, 2, "x=2");
    cluster.deliver_all();
    cluster.read(1, 3, "x");
    let stale = matches!(cluster.response(2), Some(ClientResult::Committed { .. }))
        && cluster.response(3) == Some(&read_value("1", 2));
    assert!(!stale, "S1 answered x=1 after x=2 committed: {:?}, {:?}", cluster.response(2), cluster.response(3));
    // Told as a leader heard from within the timeout; and once the lease is over, S2 votes.
    let told = cluster.events[&2].iter().rev().find_map(|output| match output {
        raft_core::Output::VoteRequestIgnored { leader, .. } => Some(*leader),
        _ => None,
    });
    assert_eq!(told, Some(Some(1)));
    cluster.advance(150);
    cluster.timeout(3);
    cluster.deliver_all();
    assert_eq!(cluster.node(3).role(), raft_core::RoleKind::Leader, "elected once S1's lease has run out");
}

/// What leader `id` reported about reads, in order: `(request, readIndex, round)` for each
/// read it took on, and `(0, reads, round)` for each round a majority confirmed.
fn read_reports(cluster: &TestCluster, id: u32) -> Vec<(u64, u64, u64)> {
    let events = cluster.events.get(&id).map(Vec::as_slice).unwrap_or_default();
    events
        .iter()
        .filter_map(|output| match *output {
            raft_core::Output::ReadIndexSet { request_id, read_index, round, .. } => {
                Some((request_id, read_index, round))
            }
            raft_core::Output::ReadRoundConfirmed { round, answered, reads } => {
                assert!(answered >= round);
                Some((0, reads as u64, round))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_read_index_read_is_reported_taken_at_its_round_then_confirmed_by_that_round() {
    let mut cluster = cluster_with_x(reads(ReadMode::ReadIndex));
    cluster.read(1, 2, "x");
    cluster.read(1, 3, "x");
    let taken = read_reports(&cluster, 1);
    assert_eq!(taken.len(), 2, "{taken:?}");
    let round = taken[0].2;
    assert!(round > 0 && taken[1].2 == round + 1, "each read begins a round: {taken:?}");
    assert_eq!((taken[0].0, taken[0].1, taken[1].0, taken[1].1), (2, 2, 3, 2), "readIndex is commitIndex 2");
    cluster.deliver_all();
    let told = read_reports(&cluster, 1);
    assert_eq!(&told[2..], &[(0, 1, round), (0, 1, round + 1)], "each round confirms its read: {told:?}");
    assert_eq!(cluster.response(3), Some(&read_value("1", 2)));
}

#[test]
fn a_later_round_that_confirms_an_earlier_rounds_read_too_is_reported_by_the_later_read_round() {
    let mut cluster = cluster_with_x(reads(ReadMode::ReadIndex));
    cluster.read(1, 2, "x");
    cluster.drop_all(); // the first round's heartbeats are lost
    cluster.read(1, 3, "x");
    cluster.deliver_all();
    let told = read_reports(&cluster, 1);
    let round = told[1].2;
    assert_eq!(&told[2..], &[(0, 2, round)], "{told:?}");
    assert_eq!((cluster.response(2), cluster.response(3)), (Some(&read_value("1", 2)), Some(&read_value("1", 2))));
}

#[test]
fn a_lease_read_is_reported_with_no_round_until_the_lease_ends() {
    let mut cluster = cluster_with_x(reads(ReadMode::Lease));
    cluster.read(1, 2, "x");
    let told = read_reports(&cluster, 1);
    assert_eq!(told, [(2, 2, 0)], "the round the write's replication confirmed gives a lease");
    let lease = cluster.events[&1].iter().find_map(|output| match *output {
        raft_core::Output::ReadIndexSet { lease, .. } => lease,
        _ => None,
    });
    assert!(matches!(lease, Some(raft_core::LeaseStanding::Holds { until }) if until > cluster.now), "{lease:?}");
    assert_eq!(cluster.response(2), Some(&read_value("1", 2)), "answered at once");
}
