//! Log replication and commitment, rule by rule from the paper's Figure 2, §5.3 and §5.4.

mod support;

use raft_core::{ClientResult, Command, Output, RaftOptions, RoleKind};
use support::{terms, TestCluster};

fn no_noop() -> RaftOptions {
    RaftOptions { noop_on_election: false, ..RaftOptions::default() }
}

#[test]
fn a_leader_replicates_a_write_and_answers_once_it_is_committed_and_applied() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.write(1, 7, "x=3");
    assert!(cluster.responses.is_empty(), "no answer before the entry is committed");
    cluster.deliver_all();
    assert_eq!(cluster.responses, [(1, 7, ClientResult::Committed { index: 2 })], "index 1 is the leader's no-op");
    cluster.heartbeat(1);
    cluster.deliver_all();
    for id in 1..=3 {
        let node = cluster.node(id);
        assert_eq!((node.commit_index(), node.last_applied()), (2, 2), "node {id}");
        assert_eq!(node.kv().get("x"), Some("3"), "node {id} applied x=3");
    }
}

#[test]
fn figure_6_followers_behind_are_found_by_walking_next_index_back_one_entry_at_a_time() {
    // The seed article's walk-through of Figure 6: followers holding the first 5 and the first
    // 2 entries reject until the leader walks back to index 6 and index 3.
    let leader: &[u64] = &[1, 1, 1, 2, 3, 3, 3];
    let logs: [&[u64]; 5] = [leader, &leader[..5], leader, &leader[..2], leader];
    let mut cluster = TestCluster::with_logs(no_noop(), 3, &logs);
    cluster.elect(1);
    cluster.write(1, 1, "x=4");
    cluster.deliver_all();
    assert_eq!(cluster.rejections_by(2), 2, "prevLogIndex 7 and 6 rejected, 5 accepted");
    assert_eq!(cluster.rejections_by(4), 5, "prevLogIndex 7 down to 3 rejected, 2 accepted");
    assert_eq!(cluster.rejections_by(3), 0);
    // Each step back is reported, for the driver to tell (§5.3).
    let backed_off: Vec<(u32, u64)> = cluster.events[&1]
        .iter()
        .filter_map(|output| match output {
            Output::NextIndexBackedOff { follower, next_index } => Some((*follower, *next_index)),
            _ => None,
        })
        .collect();
    assert_eq!(backed_off, [(2, 7), (4, 7), (2, 6), (4, 6), (4, 5), (4, 4), (4, 3)]);
    // Each refusal is reported by the follower too, with the leader's entry and its own there.
    let refused = |id| -> Vec<(u64, u64, Option<u64>)> {
        cluster.events[&id]
            .iter()
            .filter_map(|output| match output {
                Output::AppendEntriesRefused { leader: 1, prev_log_index, prev_log_term, own_term } => {
                    Some((*prev_log_index, *prev_log_term, *own_term))
                }
                _ => None,
            })
            .collect()
    };
    assert_eq!(refused(2), [(7, 3, None), (6, 3, None)], "S2's log ends at 5");
    assert_eq!(refused(4)[..2], [(7, 3, None), (6, 3, None)]);
    assert_eq!(refused(4).len(), 5);
    assert!(refused(3).is_empty());
    for id in 1..=5 {
        assert_eq!(terms(cluster.node(id).log()), [1, 1, 1, 2, 3, 3, 3, 4], "node {id}");
    }
    assert_eq!(cluster.node(1).commit_index(), 8);
    let progress = cluster.node(1).progress();
    assert!(progress.iter().all(|(_, p)| p.match_index == 8 && p.next_index == 9), "{progress:?}");
}

#[test]
fn the_conflict_hint_skips_a_whole_term_per_rejection() {
    // Figure 7 (f) against the term-8 leader: one step per entry without the hint, one per term with it.
    let leader: &[u64] = &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
    let f: &[u64] = &[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3];
    let walk = |conflict_hint| {
        let options = RaftOptions { conflict_hint, ..no_noop() };
        let mut cluster = TestCluster::with_logs(options, 7, &[leader, f, leader]);
        cluster.elect(1);
        cluster.deliver_all();
        assert_eq!(terms(cluster.node(2).log()), leader, "f's uncommitted entries are overwritten");
        cluster.rejections_by(2)
    };
    assert_eq!(walk(false), 7, "prevLogIndex 10 down to 4 rejected one by one");
    assert_eq!(walk(true), 2, "one rejection for the term-3 run, one for the term-2 run");
}

#[test]
fn an_entry_needs_a_majority_to_commit() {
    let mut cluster = TestCluster::new(5, RaftOptions::default());
    cluster.elect(1);
    cluster.crash(4);
    cluster.crash(5);
    cluster.crash(3);
    cluster.write(1, 1, "y=1");
    cluster.deliver_all();
    assert_eq!(cluster.node(1).commit_index(), 1, "only the no-op, committed before the crashes");
    assert!(cluster.responses.is_empty());
    cluster.restart(3);
    cluster.heartbeat(1);
    cluster.deliver_all();
    assert_eq!(cluster.node(1).commit_index(), 2, "leader, 2 and 3 are a majority of 5");
    assert_eq!(cluster.responses, [(1, 1, ClientResult::Committed { index: 2 })]);
}

#[test]
fn section_5_4_2_an_old_term_entry_on_a_majority_is_not_committed_by_counting_replicas() {
    // Figure 8 (c): S1 leads term 4 holding a term-2 entry at index 2 that reaches a majority.
    let mut cluster = TestCluster::with_logs(no_noop(), 3, &[&[1, 2], &[1, 2], &[1], &[1], &[1, 3]]);
    cluster.elect(1);
    assert_eq!(terms(cluster.node(3).log()), [1, 2], "the term-2 entry is now on S1, S2, S3");
    assert_eq!(cluster.node(1).commit_index(), 0, "a majority holds index 2, but it is of term 2, not 4");
    cluster.write(1, 1, "x=4");
    cluster.deliver_all();
    assert_eq!(cluster.node(1).commit_index(), 3, "a term-4 entry on a majority commits it and all before it");
}

#[test]
fn a_follower_commits_up_to_the_leaders_commit_but_not_past_what_it_was_sent() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.write(1, 1, "a=1");
    cluster.deliver_all();
    assert_eq!(cluster.node(2).commit_index(), 1, "leaderCommit was 1 when index 2 was sent");
    cluster.heartbeat(1);
    cluster.deliver_all();
    assert_eq!(cluster.node(2).commit_index(), 2, "the next AppendEntries carries leaderCommit 2");
    assert_eq!(cluster.node(2).kv().get("a"), Some("1"));
}

#[test]
fn followers_and_candidates_redirect_clients() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.write(2, 1, "x=1");
    assert_eq!(cluster.responses.pop(), Some((2, 1, ClientResult::NotLeader { leader: None })));
    cluster.elect(1);
    cluster.write(2, 2, "x=1");
    assert_eq!(cluster.responses.pop(), Some((2, 2, ClientResult::NotLeader { leader: Some(1) })));
    assert_eq!(cluster.node(2).log().last_index(), 1, "a follower never appends a client's command");
}

#[test]
fn a_leader_that_steps_down_tells_waiting_clients_the_outcome_is_unknown() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.write(1, 9, "x=1");
    cluster.drop_all();
    cluster.timeout(2);
    cluster.deliver_all();
    assert_eq!(cluster.node(1).role(), RoleKind::Follower);
    assert!(cluster.responses.contains(&(1, 9, ClientResult::LeadershipLost)), "{:?}", cluster.responses);
}

#[test]
fn a_restarted_node_keeps_its_log_and_rebuilds_its_state_machine() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    cluster.write(1, 2, "y=2");
    cluster.deliver_all();
    cluster.heartbeat(1);
    cluster.deliver_all();
    cluster.crash(3);
    cluster.restart(3);
    let node = cluster.node(3);
    assert_eq!((node.log().last_index(), node.commit_index(), node.kv().get("x")), (3, 0, None), "volatile state lost");
    cluster.heartbeat(1);
    cluster.deliver_all();
    let node = cluster.node(3);
    assert_eq!((node.commit_index(), node.kv().get("x"), node.kv().get("y")), (3, Some("1"), Some("2")));
}

#[test]
fn a_vote_survives_a_crash() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.timeout(1);
    cluster.deliver_all();
    assert_eq!(cluster.node(3).voted_for(), Some(1));
    cluster.crash(3);
    cluster.restart(3);
    assert_eq!((cluster.node(3).current_term(), cluster.node(3).voted_for()), (1, Some(1)), "persistent");
    // Node 2 campaigns in term 1 too (its own timer fired before it heard from 1).
    let request =
        raft_core::RequestVote { term: 1, candidate_id: 2, last_log_index: 0, last_log_term: 0, transfer: false };
    let mut voter = cluster.node(3).clone();
    voter.handle(0, raft_core::Input::Message { from: 2, message: raft_core::Message::RequestVote(request) });
    let refused = std::iter::from_fn(|| voter.poll_output()).any(|output| {
        matches!(output, Output::Send { to: 2, message: raft_core::Message::RequestVoteReply(reply) } if !reply.vote_granted)
    });
    assert!(refused, "the restarted node still refuses a second vote in term 1");
}

#[test]
fn applied_entries_are_reported_in_log_order_with_their_commands() {
    let mut cluster = TestCluster::new(1, RaftOptions::default());
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    cluster.write(1, 2, "x=2");
    let applied: Vec<String> = cluster.events[&1]
        .iter()
        .filter_map(|output| match output {
            Output::Applied { index, command, .. } => Some(format!("{index}:{command}")),
            _ => None,
        })
        .collect();
    assert_eq!(applied, ["1:no-op", "2:x=1", "3:x=2"]);
    assert_eq!(cluster.node(1).kv().get("x"), Some("2"));
    assert_eq!(Command::parse("x=2").unwrap().to_string(), "x=2");
}

/// S2's nextIndex at the leader S1.
fn next_index_of_2(cluster: &TestCluster) -> u64 {
    cluster.node(1).progress().iter().find(|(id, _)| *id == 2).map(|(_, p)| p.next_index).unwrap()
}

/// The entries each AppendEntries to S2 carried, in the order sent.
fn entries_sent_to_2(cluster: &TestCluster) -> Vec<usize> {
    cluster
        .delivered
        .iter()
        .filter_map(|(_, to, message)| match message {
            raft_core::Message::AppendEntries(request) if *to == 2 => Some(request.entries.len()),
            _ => None,
        })
        .collect()
}

#[test]
fn pipelining_sends_each_entry_once_while_earlier_ones_are_on_their_way() {
    // Three writes before any AppendEntries arrives: with pipelining (thesis §10.2.2) each
    // AppendEntries carries one new entry.
    let run = |pipeline| {
        let mut cluster = TestCluster::new(3, RaftOptions { pipeline, ..no_noop() });
        cluster.elect(1);
        cluster.deliver_all();
        cluster.delivered.clear();
        for (request, command) in [(1, "x=1"), (2, "x=2"), (3, "x=3")] {
            cluster.write(1, request, command);
        }
        cluster.deliver_all();
        let sent = (entries_sent_to_2(&cluster), next_index_of_2(&cluster));
        cluster.heartbeat(1); // the followers learn the commit index
        cluster.deliver_all();
        for id in 1..=3 {
            assert_eq!(cluster.node(id).kv().get("x"), Some("3"), "node {id}, pipeline {pipeline}");
        }
        sent
    };
    // Without: each write's AppendEntries from nextIndex 1 on, and each acknowledgement of the
    // first two finds S2 still behind and sends the rest again: 9 entries for 3.
    assert_eq!(run(false), (vec![1, 2, 3, 2, 1], 4));
    assert_eq!(run(true), (vec![1, 1, 1], 4), "nextIndex moved on as each was sent");
}

#[test]
fn with_pipelining_a_lost_append_entries_is_found_by_the_next_and_sent_again() {
    let mut cluster = TestCluster::new(3, RaftOptions { pipeline: true, ..no_noop() });
    cluster.elect(1);
    cluster.deliver_all();
    cluster.write(1, 1, "x=1");
    cluster.drop_all(); // x=1's AppendEntries are lost; nextIndex has moved past it all the same
    assert_eq!(next_index_of_2(&cluster), 2);
    cluster.write(1, 2, "x=2");
    cluster.deliver_all();
    // S2 refused x=2's (it lacks index 1), the leader walked back and sent both.
    assert_eq!(cluster.rejections_by(2), 1);
    cluster.heartbeat(1);
    cluster.deliver_all();
    for id in 1..=3 {
        assert_eq!(cluster.node(id).kv().get("x"), Some("2"), "node {id}");
        assert_eq!(cluster.node(id).commit_index(), 2, "node {id}");
    }
}

fn pipelining(flow_control: bool) -> RaftOptions {
    RaftOptions { pipeline: true, flow_control, ..no_noop() }
}

#[test]
fn with_flow_control_a_follower_far_behind_is_probed_not_flooded() {
    // Figure 6's S4 holds the first 2 of the leader's 7 entries and missed the election; three
    // writes and a heartbeat reach it before any answer comes back. Pipelining to it anyway,
    // the leader sends each write past the last and each refusal starts a walk back of its own
    // (etcd-io/raft's Progress probes such a follower instead: tracker/progress.go).
    let run = |flow_control| {
        let leader: &[u64] = &[1, 1, 1, 2, 3, 3, 3];
        let logs: [&[u64]; 5] = [leader, leader, leader, &leader[..2], leader];
        let mut cluster = TestCluster::with_logs(pipelining(flow_control), 3, &logs);
        cluster.isolate(4);
        cluster.elect(1);
        cluster.heal();
        for (request, command) in [(1, "x=1"), (2, "x=2"), (3, "x=3")] {
            cluster.write(1, request, command);
        }
        cluster.heartbeat(1);
        cluster.deliver_all();
        cluster.heartbeat(1); // S4 learns the commit index
        cluster.deliver_all();
        assert_eq!(cluster.node(4).kv().get("x"), Some("3"), "flow control {flow_control}");
        assert_eq!(terms(cluster.node(4).log()), terms(cluster.node(1).log()), "flow control {flow_control}");
        cluster.rejections_by(4)
    };
    // Probing, one AppendEntries at a time: the election's is lost on the way to S4, so the
    // three writes wait for its answer and only the heartbeat's goes, refused at 7; then one
    // probe per step, refused at 6, 5, 4 and 3, until 2 matches.
    assert_eq!(run(true), 1 + 4);
    assert_eq!(run(false), 20, "without flow control: every AppendEntries on its way walks back anew");
}

#[test]
fn with_flow_control_a_refusal_while_replicating_goes_straight_back_past_match_index() {
    // S3 is down, so S2 is the leader's majority; thirty pipelined writes to S2 are lost.
    // Walking nextIndex back one entry per round trip would take thirty round trips, with
    // nothing committed meanwhile; etcd's replicate state goes back to matchIndex + 1 at once.
    let run = |flow_control| {
        let mut cluster = TestCluster::new(3, pipelining(flow_control));
        cluster.elect(1);
        cluster.crash(3);
        for request in 1..=30 {
            cluster.write(1, request, &format!("x={request}"));
            cluster.drop_all();
        }
        assert_eq!(next_index_of_2(&cluster), 31, "pipelined past every lost write");
        cluster.heartbeat(1);
        cluster.deliver_all();
        cluster.heartbeat(1);
        cluster.deliver_all();
        for id in 1..=2 {
            assert_eq!(cluster.node(id).commit_index(), 30, "node {id}, flow control {flow_control}");
            assert_eq!(cluster.node(id).kv().get("x"), Some("30"), "node {id}, flow control {flow_control}");
        }
        cluster.rejections_by(2)
    };
    assert_eq!(run(true), 1, "one refusal, then everything from index 1 again");
    assert_eq!(run(false), 30, "Figure 2's walk back: one entry per refusal");
}
