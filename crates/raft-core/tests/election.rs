//! Leader election, rule by rule from the paper's Figure 2 and §5.1–§5.2, §5.4.1.

use raft_core::{
    AppendEntries, Command, Entry, Input, Log, Message, MessageKind, Node, NodeId, Output, PersistentState,
    RaftOptions, RequestVote, RequestVoteReply, RoleKind, Term, Timer, VoteRefusal,
};

const CLUSTER: [NodeId; 5] = [1, 2, 3, 4, 5];

/// Feeds `input` and returns everything the node said back.
fn handle(node: &mut Node, input: Input) -> Vec<Output> {
    node.handle(0, input);
    std::iter::from_fn(|| node.poll_output()).collect()
}

fn fresh(id: NodeId) -> Node {
    let mut node = Node::new(id, &CLUSTER, RaftOptions::default());
    while node.poll_output().is_some() {}
    node
}

fn vote_request(term: Term, candidate_id: NodeId) -> Input {
    Input::Message {
        from: candidate_id,
        message: Message::RequestVote(RequestVote {
            term,
            candidate_id,
            last_log_index: 0,
            last_log_term: 0,
            transfer: false,
        }),
    }
}

fn granted_vote(from: NodeId, term: Term) -> Input {
    Input::Message { from, message: Message::RequestVoteReply(RequestVoteReply { term, vote_granted: true }) }
}

fn heartbeat(term: Term, leader_id: NodeId) -> Input {
    Input::Message {
        from: leader_id,
        message: Message::AppendEntries(AppendEntries {
            term,
            leader_id,
            prev_log_index: 0,
            prev_log_term: 0,
            entries: Vec::new(),
            leader_commit: 0,
            round: 0,
        }),
    }
}

fn vote_replies(outputs: &[Output]) -> Vec<(NodeId, bool)> {
    outputs
        .iter()
        .filter_map(|output| match output {
            Output::Send { to, message: Message::RequestVoteReply(reply) } => Some((*to, reply.vote_granted)),
            _ => None,
        })
        .collect()
}

fn recipients(outputs: &[Output], kind: raft_core::MessageKind) -> Vec<NodeId> {
    outputs
        .iter()
        .filter_map(|output| match output {
            Output::Send { to, message } if message.kind() == kind => Some(*to),
            _ => None,
        })
        .collect()
}

/// Makes `id` a leader of term 1 with votes from 2 and 3.
fn elected_leader(id: NodeId) -> Node {
    let mut node = fresh(id);
    handle(&mut node, Input::Timer(Timer::Election));
    handle(&mut node, granted_vote(2, 1));
    handle(&mut node, granted_vote(3, 1));
    assert_eq!(node.role(), RoleKind::Leader);
    node
}

#[test]
fn a_new_node_is_a_follower_of_term_zero_with_its_election_timer_armed() {
    let mut node = Node::new(1, &CLUSTER, RaftOptions::default());
    assert_eq!((node.role(), node.current_term(), node.voted_for()), (RoleKind::Follower, 0, None));
    assert_eq!(node.poll_output(), Some(Output::SetTimer(Timer::Election)));
}

#[test]
fn election_timeout_makes_a_candidate_that_votes_for_itself_and_asks_every_peer() {
    let mut node = fresh(1);
    let outputs = handle(&mut node, Input::Timer(Timer::Election));
    assert_eq!((node.role(), node.current_term(), node.voted_for()), (RoleKind::Candidate, 1, Some(1)));
    assert_eq!(recipients(&outputs, MessageKind::RequestVote), [2, 3, 4, 5]);
    assert!(outputs.contains(&Output::SetTimer(Timer::Election)), "a candidate re-arms its election timer");
    assert!(outputs.contains(&Output::RoleChanged { role: RoleKind::Candidate, term: 1 }));
}

#[test]
fn candidate_with_votes_from_a_majority_becomes_leader_and_sends_heartbeats_at_once() {
    let mut node = fresh(1);
    handle(&mut node, Input::Timer(Timer::Election));
    handle(&mut node, granted_vote(2, 1));
    assert_eq!(node.role(), RoleKind::Candidate, "2 of 5 votes is not a majority");
    let outputs = handle(&mut node, granted_vote(3, 1));
    assert_eq!(node.role(), RoleKind::Leader, "3 of 5 votes is a majority");
    assert_eq!(recipients(&outputs, MessageKind::AppendEntries), [2, 3, 4, 5]);
    assert!(outputs.contains(&Output::SetTimer(Timer::Heartbeat)));
}

#[test]
fn the_same_voter_counts_once() {
    let mut node = fresh(1);
    handle(&mut node, Input::Timer(Timer::Election));
    handle(&mut node, granted_vote(2, 1));
    handle(&mut node, granted_vote(2, 1));
    assert_eq!(node.role(), RoleKind::Candidate);
    assert_eq!(node.votes_received(), [1, 2]);
}

#[test]
fn votes_from_an_earlier_term_do_not_count() {
    let mut node = fresh(1);
    handle(&mut node, Input::Timer(Timer::Election));
    handle(&mut node, Input::Timer(Timer::Election)); // split vote: now campaigning in term 2
    handle(&mut node, granted_vote(2, 1));
    handle(&mut node, granted_vote(3, 1));
    assert_eq!((node.role(), node.current_term()), (RoleKind::Candidate, 2));
}

#[test]
fn a_single_node_cluster_elects_itself() {
    let mut node = Node::new(1, &[1], RaftOptions::default());
    node.handle(0, Input::Timer(Timer::Election));
    assert_eq!(node.role(), RoleKind::Leader);
}

#[test]
fn a_node_grants_at_most_one_vote_per_term() {
    let mut node = fresh(3);
    assert_eq!(vote_replies(&handle(&mut node, vote_request(1, 1))), [(1, true)]);
    assert_eq!(vote_replies(&handle(&mut node, vote_request(1, 2))), [(2, false)], "already voted for 1 in term 1");
    assert_eq!(vote_replies(&handle(&mut node, vote_request(1, 1))), [(1, true)], "a retried request is granted again");
    assert_eq!(node.voted_for(), Some(1));
    assert_eq!(vote_replies(&handle(&mut node, vote_request(2, 2))), [(2, true)], "a new term frees the vote");
}

#[test]
fn granting_a_vote_resets_the_election_timer_and_refusing_does_not() {
    let mut node = fresh(3);
    assert!(handle(&mut node, vote_request(1, 1)).contains(&Output::SetTimer(Timer::Election)));
    assert!(!handle(&mut node, vote_request(1, 2)).contains(&Output::SetTimer(Timer::Election)));
}

#[test]
fn a_vote_request_from_an_earlier_term_is_refused_with_the_current_term() {
    let mut node = fresh(3);
    handle(&mut node, vote_request(5, 1));
    let outputs = handle(&mut node, vote_request(4, 2));
    assert_eq!(
        outputs,
        [
            Output::VoteRefused { candidate: 2, term: 5, reason: VoteRefusal::StaleTerm { request_term: 4 } },
            Output::Send {
                to: 2,
                message: Message::RequestVoteReply(RequestVoteReply { term: 5, vote_granted: false })
            }
        ]
    );
}

/// The reason a node gives for refusing, if it refused.
fn refusal(outputs: &[Output]) -> Option<VoteRefusal> {
    outputs.iter().find_map(|output| match output {
        Output::VoteRefused { reason, .. } => Some(*reason),
        _ => None,
    })
}

#[test]
fn a_node_says_whom_it_voted_for_and_why_it_refused() {
    let mut node = fresh(3);
    let granted = handle(&mut node, vote_request(1, 1));
    assert!(granted.contains(&Output::VoteGranted { candidate: 1, term: 1, replaced: None, log_behind: false }));
    assert_eq!(refusal(&granted), None);
    let refused = handle(&mut node, vote_request(1, 2));
    assert_eq!(refusal(&refused), Some(VoteRefusal::VotedFor(1)), "one vote per term (§5.2)");
    assert!(!refused.iter().any(|output| matches!(output, Output::VoteGranted { .. })));
}

#[test]
fn election_restriction_refuses_a_candidate_whose_log_is_behind() {
    // §5.4.1: the voter's last entry is of term 2; a candidate whose last entry is of term 1
    // is behind however long its log, and one with the same last term must be as long.
    let log = Log::from_entries(vec![
        Entry { term: 1, command: Command::parse("x=1").unwrap() },
        Entry { term: 2, command: Command::parse("x=2").unwrap() },
    ]);
    let mut voter = Node::restore(
        3,
        &CLUSTER,
        RaftOptions::default(),
        PersistentState { current_term: 2, voted_for: None, log, snapshot: None },
    );
    while voter.poll_output().is_some() {}
    let request = |term, candidate_id, last_log_term, last_log_index| Input::Message {
        from: candidate_id,
        message: Message::RequestVote(RequestVote {
            term,
            candidate_id,
            last_log_index,
            last_log_term,
            transfer: false,
        }),
    };
    let behind = handle(&mut voter, request(3, 1, 1, 9));
    assert_eq!(vote_replies(&behind), [(1, false)]);
    assert_eq!(refusal(&behind), Some(VoteRefusal::LogBehind), "the election restriction (§5.4.1)");
    assert_eq!(vote_replies(&handle(&mut voter, request(4, 2, 2, 1))), [(2, false)]);
    assert_eq!(vote_replies(&handle(&mut voter, request(5, 4, 2, 2))), [(4, true)]);
}

#[test]
fn a_higher_term_turns_a_leader_into_a_follower() {
    let mut leader = elected_leader(1);
    let outputs = handle(&mut leader, heartbeat(7, 4));
    assert_eq!((leader.role(), leader.current_term(), leader.leader()), (RoleKind::Follower, 7, Some(4)));
    assert!(outputs.contains(&Output::RoleChanged { role: RoleKind::Follower, term: 7 }));
    assert!(outputs.contains(&Output::SetTimer(Timer::Election)), "a former leader needs its election timer");
}

#[test]
fn only_the_leader_of_an_answers_term_acts_on_it() {
    let mut leader = elected_leader(1);
    let term = leader.current_term();
    assert!(leader.acts_on_answer_of(term));
    assert!(!leader.acts_on_answer_of(term - 1), "an answer of an earlier leadership");
    handle(&mut leader, heartbeat(7, 4));
    assert!(!leader.acts_on_answer_of(7), "a leader that stepped down ignores what comes back");
}

#[test]
fn a_higher_term_in_a_reply_turns_a_candidate_into_a_follower() {
    let mut node = fresh(1);
    handle(&mut node, Input::Timer(Timer::Election));
    let reply = RequestVoteReply { term: 3, vote_granted: false };
    handle(&mut node, Input::Message { from: 2, message: Message::RequestVoteReply(reply) });
    assert_eq!((node.role(), node.current_term(), node.voted_for()), (RoleKind::Follower, 3, None));
}

#[test]
fn a_candidate_hearing_from_a_leader_of_its_own_term_becomes_its_follower() {
    let mut node = fresh(1);
    handle(&mut node, Input::Timer(Timer::Election));
    handle(&mut node, heartbeat(1, 2));
    assert_eq!((node.role(), node.current_term(), node.leader()), (RoleKind::Follower, 1, Some(2)));
}

#[test]
fn a_heartbeat_from_an_earlier_term_is_refused_and_does_not_reset_the_timer() {
    let mut node = fresh(1);
    handle(&mut node, vote_request(3, 2));
    let outputs = handle(&mut node, heartbeat(2, 4));
    assert!(!outputs.contains(&Output::SetTimer(Timer::Election)));
    assert_eq!(node.leader(), None);
}

#[test]
fn leader_heartbeat_timer_sends_append_entries_to_every_peer_and_rearms() {
    let mut leader = elected_leader(1);
    let outputs = handle(&mut leader, Input::Timer(Timer::Heartbeat));
    assert_eq!(recipients(&outputs, MessageKind::AppendEntries), [2, 3, 4, 5]);
    assert_eq!(outputs.last(), Some(&Output::SetTimer(Timer::Heartbeat)));
}

#[test]
fn heartbeats_keep_a_follower_from_starting_an_election() {
    // A follower's only way to campaign is its election timer firing; every heartbeat of the
    // current leader re-arms it, so while heartbeats arrive more often than the timeout it never fires.
    let mut follower = fresh(2);
    for _ in 0..3 {
        let outputs = handle(&mut follower, heartbeat(1, 1));
        assert!(outputs.contains(&Output::SetTimer(Timer::Election)));
        assert_eq!(follower.role(), RoleKind::Follower);
    }
    assert_eq!((follower.current_term(), follower.leader()), (1, Some(1)));
}

#[test]
fn a_stale_heartbeat_timer_on_a_follower_does_nothing() {
    let mut node = fresh(2);
    assert!(handle(&mut node, Input::Timer(Timer::Heartbeat)).is_empty());
    assert_eq!(node.role(), RoleKind::Follower);
}

#[test]
fn a_leader_told_to_time_out_answers_the_writes_it_kept_waiting() {
    let mut leader = elected_leader(1);
    let command = raft_core::Command::parse("x=1").unwrap();
    handle(&mut leader, Input::ClientRequest { request_id: 7, command });
    let outputs = handle(&mut leader, Input::Timer(Timer::Election));
    assert_eq!(leader.role(), RoleKind::Candidate);
    let answered = outputs.iter().any(|output| {
        matches!(output, Output::ClientResponse { request_id: 7, result: raft_core::ClientResult::LeadershipLost })
    });
    assert!(answered, "the waiting write learns its fate is unknown at once, not by timing out: {outputs:?}");
}

#[test]
fn a_candidate_counts_only_the_votes_of_its_configuration() {
    // S1 campaigns in a configuration of S1, S2 and S3; a vote from S4, outside it (a server
    // that has not yet heard it was removed), is received but not counted (thesis §4.1).
    let mut node = Node::new(1, &[1, 2, 3], RaftOptions::default());
    handle(&mut node, Input::Timer(Timer::Election));
    assert_eq!((node.role(), node.votes_counted()), (RoleKind::Candidate, 1));
    handle(&mut node, granted_vote(4, 1));
    assert_eq!((node.votes_received().len(), node.votes_counted()), (2, 1));
    assert_eq!(node.configuration().votes_needed(), Some(2));
    handle(&mut node, granted_vote(2, 1));
    assert_eq!(node.role(), RoleKind::Leader);
}
