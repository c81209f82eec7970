//! Why a message in flight was sent and what its receiver will do with it: the message panel's
//! sentence, read off the message (and, for a refused vote, the sender's own reason).

use raft_sim::{Message, Payload, PreVoteRefusal, Simulation, StoryEvent, Term, VoteRefusal};

/// What a message is for, in the paper's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// RequestVote: the sender campaigns (§5.2).
    Campaign {
        /// The term it campaigns for.
        term: Term,
        /// Its leader handed over to it (thesis §3.10).
        transfer: bool,
        /// CheckQuorum is on: a server that hears from a leader ignores it (thesis §4.2.3),
        /// unless it is a transfer's, which the leader asked for.
        guarded: bool,
    },
    /// RequestPreVote: would the receiver vote for the sender (thesis §9.6)?
    PreVote {
        /// CheckQuorum is on: a server that hears from a leader ignores it (thesis §4.2.3).
        guarded: bool,
        /// The term it would campaign for.
        term: Term,
    },
    /// A vote granted (§5.2).
    VoteGranted {
        /// The term of the vote.
        term: Term,
    },
    /// A vote refused, with the sender's reason when the run told it.
    VoteRefused {
        /// The sender's term.
        term: Term,
        /// Why, as the sender said.
        reason: Option<VoteRefusal>,
    },
    /// A pre-vote's answer.
    PreVoteAnswer {
        /// Whether the sender would vote.
        granted: bool,
        /// For a refusal, the term asked about and the sender's reason, when the run told it.
        refusal: Option<(Term, PreVoteRefusal)>,
    },
    /// AppendEntries carrying entries `first..=last` (§5.3).
    Replicate {
        /// The first entry's index.
        first: u64,
        /// The last entry's index.
        last: u64,
        /// prevLogIndex.
        prev_index: u64,
        /// prevLogTerm.
        prev_term: Term,
    },
    /// AppendEntries without entries: a heartbeat (§5.2), checked like any AppendEntries.
    Heartbeat {
        /// prevLogIndex.
        prev_index: u64,
        /// prevLogTerm.
        prev_term: Term,
        /// leaderCommit.
        commit: u64,
    },
    /// AppendEntries accepted: the logs match through `index` (§5.3).
    Accepted {
        /// The index they match through.
        index: u64,
    },
    /// The answer of a server in a later term than the leader it answers: the leader learns it
    /// is stale and steps down (§5.1).
    StaleLeader {
        /// The answering server's term.
        term: Term,
    },
    /// A request (RequestVote, AppendEntries, InstallSnapshot) of `term`, earlier than its
    /// receiver's term `now`: refused, answered with the later term (§5.1, Figure 2's first
    /// rule of each RPC).
    StaleRequest {
        /// The request's term.
        term: Term,
        /// The receiver's term.
        now: Term,
    },
    /// An answer to AppendEntries or InstallSnapshot of `term` that reaches a server that is not
    /// the leader of `term` (any more): it ignores the answer (§5.1).
    Outdated {
        /// The answer's term.
        term: Term,
    },
    /// AppendEntries refused by the consistency check at `index` (§5.3).
    Rejected {
        /// The request's prevLogIndex.
        index: u64,
    },
    /// AppendEntries in a run that breaks the consistency check
    /// (`UnsafeSwitches::ack_on_equal_commit`): accepted when the commit indexes are equal and
    /// the log reaches prevLogIndex, whatever the term there.
    EqualCommitRequest {
        /// The entries' first and last index; None: a heartbeat.
        entries: Option<(u64, u64)>,
        /// prevLogIndex.
        prev_index: u64,
        /// leaderCommit.
        commit: u64,
    },
    /// AppendEntries accepted under the broken rule: entries through `index` taken, with no
    /// term checked before them.
    EqualCommitAccepted {
        /// The last entry the request carried.
        index: u64,
    },
    /// AppendEntries refused under the broken rule: the commit indexes differ, or the log does
    /// not reach `index`.
    EqualCommitRejected {
        /// The request's prevLogIndex.
        index: u64,
    },
    /// TimeoutNow: the leader hands over (thesis §3.10).
    HandOver,
    /// InstallSnapshot through `index` (§7).
    Snapshot {
        /// lastIncludedIndex.
        index: u64,
    },
    /// InstallSnapshot's answer: the sender holds everything through `index`.
    SnapshotInstalled {
        /// lastIncludedIndex.
        index: u64,
    },
    /// InstallSnapshot's answer to a request of an earlier term than the sender's `term`:
    /// refused, it acknowledges nothing (Figure 13).
    SnapshotRefused {
        /// The sender's term.
        term: Term,
    },
    /// A client's request (a write or a read).
    ClientRequest,
    /// A client's membership change (thesis §4.1).
    ChangeRequest,
    /// A server's answer to the client.
    ClientAnswer,
}

impl Purpose {
    /// What `payload`, sent by `from` to `to` at `sent_ms`, is for.
    pub fn of(sim: &Simulation, payload: &Payload, from: u32, to: u32, sent_ms: u64) -> Purpose {
        // A reply of a later term than its receiver's tells a stale leader so (§5.1).
        let receiver = sim.node(to).map(|server| server.node());
        let stale = |term: Term| receiver.is_some_and(|receiver| term > receiver.current_term());
        // A request its receiver refuses whatever it asks, as raft-core decides (one of an
        // earlier term: terms never go back, so it is refused when it arrives too).
        let refused = |term: Term| receiver.is_some_and(|receiver| receiver.refuses_request_of(term));
        let now = receiver.map_or(0, |receiver| receiver.current_term());
        // An answer its receiver ignores, as raft-core decides (a leader that stepped down since
        // it asked, or an answer of another term).
        let outdated = |term: Term| receiver.is_some_and(|receiver| !receiver.acts_on_answer_of(term));
        // Which check the followers of this run make is the run's setting, told, not decided, here.
        let equal_commit = sim.config().options.unsafe_rules.ack_on_equal_commit;
        match payload {
            Payload::Raft(Message::RequestVote(m)) if refused(m.term) => Purpose::StaleRequest { term: m.term, now },
            Payload::Raft(Message::AppendEntries(m)) if refused(m.term) => Purpose::StaleRequest { term: m.term, now },
            Payload::Raft(Message::InstallSnapshot(m)) if refused(m.term) => {
                Purpose::StaleRequest { term: m.term, now }
            }
            Payload::Raft(Message::AppendEntriesReply(m)) if stale(m.term) => Purpose::StaleLeader { term: m.term },
            Payload::Raft(Message::InstallSnapshotReply(m)) if stale(m.term) => Purpose::StaleLeader { term: m.term },
            Payload::Raft(Message::AppendEntriesReply(m)) if outdated(m.term) => Purpose::Outdated { term: m.term },
            Payload::Raft(Message::InstallSnapshotReply(m)) if outdated(m.term) => Purpose::Outdated { term: m.term },
            Payload::Raft(Message::RequestVote(m)) => {
                Purpose::Campaign { term: m.term, transfer: m.transfer, guarded: sim.config().options.check_quorum }
            }
            Payload::Raft(Message::RequestPreVote(m)) => {
                Purpose::PreVote { term: m.term, guarded: sim.config().options.check_quorum }
            }
            Payload::Raft(Message::RequestVoteReply(m)) if m.vote_granted => Purpose::VoteGranted { term: m.term },
            Payload::Raft(Message::RequestVoteReply(m)) => {
                let reason = told_as_sent(sim, sent_ms, |event| match event {
                    StoryEvent::VoteRefused { node, candidate, reason, .. } if *node == from && *candidate == to => {
                        Some(*reason)
                    }
                    _ => None,
                });
                Purpose::VoteRefused { term: m.term, reason }
            }
            Payload::Raft(Message::RequestPreVoteReply(m)) if m.vote_granted => {
                Purpose::PreVoteAnswer { granted: true, refusal: None }
            }
            Payload::Raft(Message::RequestPreVoteReply(_)) => {
                let refusal = told_as_sent(sim, sent_ms, |event| match event {
                    StoryEvent::PreVoteRefused { node, candidate, term, reason }
                        if *node == from && *candidate == to =>
                    {
                        Some((*term, *reason))
                    }
                    _ => None,
                });
                Purpose::PreVoteAnswer { granted: false, refusal }
            }
            Payload::Raft(Message::AppendEntries(m)) if equal_commit => Purpose::EqualCommitRequest {
                entries: (!m.entries.is_empty())
                    .then(|| (m.prev_log_index + 1, m.prev_log_index + m.entries.len() as u64)),
                prev_index: m.prev_log_index,
                commit: m.leader_commit,
            },
            Payload::Raft(Message::AppendEntriesReply(m)) if equal_commit && m.success => {
                Purpose::EqualCommitAccepted { index: m.index }
            }
            Payload::Raft(Message::AppendEntriesReply(m)) if equal_commit => {
                Purpose::EqualCommitRejected { index: m.index }
            }
            Payload::Raft(Message::AppendEntries(m)) if m.entries.is_empty() => {
                Purpose::Heartbeat { prev_index: m.prev_log_index, prev_term: m.prev_log_term, commit: m.leader_commit }
            }
            Payload::Raft(Message::AppendEntries(m)) => Purpose::Replicate {
                first: m.prev_log_index + 1,
                last: m.prev_log_index + m.entries.len() as u64,
                prev_index: m.prev_log_index,
                prev_term: m.prev_log_term,
            },
            Payload::Raft(Message::AppendEntriesReply(m)) if m.success => Purpose::Accepted { index: m.index },
            Payload::Raft(Message::AppendEntriesReply(m)) => Purpose::Rejected { index: m.index },
            Payload::Raft(Message::TimeoutNow(_)) => Purpose::HandOver,
            Payload::Raft(Message::InstallSnapshot(m)) => Purpose::Snapshot { index: m.last_included_index },
            Payload::Raft(Message::InstallSnapshotReply(m)) if m.last_index == 0 => {
                Purpose::SnapshotRefused { term: m.term }
            }
            Payload::Raft(Message::InstallSnapshotReply(m)) => Purpose::SnapshotInstalled { index: m.last_index },
            Payload::ClientRequest { .. } => Purpose::ClientRequest,
            Payload::ChangeRequest { .. } => Purpose::ChangeRequest,
            Payload::ClientResponse { .. } => Purpose::ClientAnswer,
        }
    }
}

/// What the story told at `sent_ms`, the moment a reply was sent, that `pick` finds: the
/// sender's own reason for its refusal, told as it answered.
fn told_as_sent<T>(sim: &Simulation, sent_ms: u64, pick: impl Fn(&StoryEvent) -> Option<T>) -> Option<T> {
    sim.story().events().rev().filter(|(at, _)| *at == sent_ms).find_map(|(_, event)| pick(event))
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::{RoleKind, ScenarioExt, SimBuilder, VoteRefusal};

    use crate::i18n::Lang;
    use crate::view::MessageDetails;

    #[test]
    fn a_refused_vote_carries_the_voters_own_reason() {
        // S2 and S3 campaign at once: each server votes for the first request it gets, and
        // refuses the other candidate because it has voted already.
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.timeout(2).unwrap();
        sim.timeout(3).unwrap();
        let mut refusals = Vec::new();
        for _ in 0..200 {
            sim.step();
            for flight in sim.messages_in_flight() {
                let details = MessageDetails::of(&sim, flight.id).unwrap();
                if let Purpose::VoteRefused { reason, .. } = &details.purpose {
                    refusals.push((details.from, details.to, *reason));
                }
            }
        }
        assert!(!refusals.is_empty(), "a split of votes between S2 and S3");
        for (from, to, reason) in &refusals {
            let Some(VoteRefusal::VotedFor(voted)) = reason else { panic!("S{from} → S{to}: {reason:?}") };
            assert_ne!(voted, to);
            let details = Purpose::VoteRefused { term: 1, reason: *reason };
            let said = Lang::En.purpose(&details, *from, *to);
            if voted == from {
                assert!(said.contains("it voted for itself in term 1"), "a candidate votes for itself: {said}");
            } else {
                assert!(said.contains(&format!("it already voted for S{voted}")), "{said}");
            }
        }
    }

    #[test]
    fn a_request_of_an_earlier_term_than_its_receivers_is_said_to_be_refused() {
        // A leader elected, then another server times out: it is in a later term when the
        // leader's next heartbeats reach it, and it refuses them, answering with that term.
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.run_until(2_000);
        let leader = sim.leader().unwrap();
        let term = sim.node(leader).unwrap().node().current_term();
        let rival = if leader == 2 { 3 } else { 2 };
        sim.timeout(rival).unwrap();
        let (mut stale_requests, mut answers) = (0, 0);
        for _ in 0..100 {
            sim.step();
            for flight in sim.messages_in_flight() {
                let details = MessageDetails::of(&sim, flight.id).unwrap();
                match (&details.purpose, details.from, details.to) {
                    (Purpose::StaleRequest { term: sent, now }, from, to) if (from, to) == (leader, rival) => {
                        assert_eq!((*sent, *now), (term, term + 1));
                        let said = Lang::En.purpose(&details.purpose, from, to);
                        assert!(said.contains(&format!("S{rival} refuses it")), "{said}");
                        stale_requests += 1;
                    }
                    (Purpose::StaleLeader { term: answered }, from, to) if (from, to) == (rival, leader) => {
                        assert_eq!(*answered, term + 1);
                        answers += 1;
                    }
                    (Purpose::Heartbeat { .. } | Purpose::Replicate { .. }, from, to) => {
                        assert!((from, to) != (leader, rival), "told as if S{rival} might take it");
                    }
                    _ => {}
                }
            }
            if answers > 0 {
                break;
            }
        }
        assert!(stale_requests > 0 && answers > 0, "{stale_requests} requests, {answers} answers");
    }

    #[test]
    fn a_refused_pre_vote_carries_the_servers_own_reason() {
        // PreVote on and a leader elected: S2, told to time out, asks for pre-votes; every
        // server heard from the leader a moment ago and says so in its refusal (thesis §9.6).
        let mut config = raft_sim::SimConfig::default();
        config.options.pre_vote = true;
        let mut sim = SimBuilder::new(1).config(config).build().unwrap();
        sim.run_until(2_000);
        let leader = sim.leader().unwrap();
        let asker = if leader == 2 { 3 } else { 2 };
        let term = sim.node(leader).unwrap().node().current_term();
        sim.timeout(asker).unwrap();
        let mut said = Vec::new();
        for _ in 0..200 {
            sim.step();
            for flight in sim.messages_in_flight() {
                let details = MessageDetails::of(&sim, flight.id).unwrap();
                if let Purpose::PreVoteAnswer { granted: false, refusal } = &details.purpose {
                    assert_eq!(*refusal, Some((term + 1, PreVoteRefusal::LeaderAlive { leader })), "S{}", details.from);
                    said.push(Lang::En.purpose(&details.purpose, details.from, details.to));
                }
            }
        }
        assert!(!said.is_empty(), "the pre-votes S{asker} asked for are refused");
        assert!(
            said.iter()
                .all(|s| s.contains(&format!("a pre-vote for term {}", term + 1))
                    || s.contains("it is the leader itself")),
            "{said:?}"
        );
    }

    #[test]
    fn under_the_equal_commit_rule_appends_and_their_answers_say_the_rule_they_follow() {
        // The preset that breaks the consistency check: S1 walks nextIndex back to S2, which
        // refuses, then takes entries after an entry of another term.
        let preset = include_str!("../../presets/break-equal-commit.json");
        let mut sim = raft_sim::Scenario::from_json(preset).unwrap().build(false).unwrap();
        let (mut requests, mut accepted, mut refused) = (0, 0, 0);
        for _ in 0..400 {
            sim.step();
            for flight in sim.messages_in_flight() {
                let details = MessageDetails::of(&sim, flight.id).unwrap();
                match &details.purpose {
                    Purpose::EqualCommitRequest { .. } => requests += 1,
                    Purpose::EqualCommitAccepted { .. } => accepted += 1,
                    Purpose::EqualCommitRejected { .. } => refused += 1,
                    Purpose::Replicate { .. } | Purpose::Heartbeat { .. } | Purpose::Accepted { .. } => {
                        panic!("told as if the paper's check were made: {:?}", details.purpose)
                    }
                    Purpose::Rejected { .. } => panic!("told as a prevLogTerm refusal: {:?}", details.purpose),
                    _ => {}
                }
                let said = Lang::En.purpose(&details.purpose, details.from, details.to);
                if matches!(details.purpose, Purpose::EqualCommitRejected { .. }) {
                    assert!(said.contains("broken rule") && said.contains("commit index"), "{said}");
                }
            }
        }
        assert!(requests > 0 && accepted > 0 && refused > 0, "{requests} {accepted} {refused}");
        let backed_off: Vec<bool> = sim
            .story()
            .events()
            .filter_map(|(_, event)| match event {
                StoryEvent::NextIndexBackedOff { equal_commit, .. } => Some(*equal_commit),
                _ => None,
            })
            .collect();
        assert!(!backed_off.is_empty() && backed_off.iter().all(|rule| *rule), "{backed_off:?}");
        let refusal = |(_, event): &&(_, StoryEvent)| matches!(event, StoryEvent::AppendEntriesRefused { .. });
        let told = sim.story().events().find(refusal);
        assert!(matches!(told.unwrap().1, StoryEvent::AppendEntriesRefused { equal_commit: true, .. }));
        let told = Lang::En.tell(&told.unwrap().1);
        assert!(told.contains("under the broken rule") && told.contains("prevLogTerm goes unchecked"), "{told}");
    }

    #[test]
    fn only_the_leader_of_an_answers_term_is_told_it_acts_on_the_answer() {
        // The stale leader steps down while its followers' refusals are still in flight: they
        // are told as ignored, never as moving nextIndex back.
        let preset = include_str!("../../presets/stale-leader.json");
        let mut sim = raft_sim::Scenario::from_json(preset).unwrap().build(false).unwrap();
        let mut outdated = 0;
        for _ in 0..3_000 {
            sim.step();
            for flight in sim.messages_in_flight() {
                let details = MessageDetails::of(&sim, flight.id).unwrap();
                // A client's answer has no server to reach.
                let Some(receiver) = sim.node(details.to) else { continue };
                let (term, role) = (receiver.node().current_term(), receiver.node().role());
                match (&flight.payload, &details.purpose) {
                    (_, Purpose::Accepted { .. } | Purpose::Rejected { .. }) => {
                        assert_eq!(role, RoleKind::Leader, "{:?} to a {role:?}", details.purpose);
                    }
                    (Payload::Raft(Message::AppendEntriesReply(m)), Purpose::Outdated { term: told }) => {
                        assert_eq!(m.term, *told);
                        assert!(m.term < term || role != RoleKind::Leader, "S{} leads term {term}", details.to);
                        let said = Lang::En.purpose(&details.purpose, details.from, details.to);
                        assert!(said.contains("ignores the answer") && !said.contains("nextIndex"), "{said}");
                        outdated += 1;
                    }
                    _ => {}
                }
            }
        }
        assert!(outdated > 0, "the old leader's answers arrive after it stepped down");
    }

    #[test]
    fn every_purpose_is_said_in_both_languages() {
        let purposes = [
            Purpose::Campaign { term: 2, transfer: false, guarded: false },
            Purpose::Campaign { term: 2, transfer: true, guarded: false },
            Purpose::Campaign { term: 2, transfer: false, guarded: true },
            Purpose::Campaign { term: 2, transfer: true, guarded: true },
            Purpose::StaleLeader { term: 3 },
            Purpose::Replicate { first: 1, last: 2, prev_index: 0, prev_term: 0 },
            Purpose::PreVote { term: 2, guarded: false },
            Purpose::PreVote { term: 2, guarded: true },
            Purpose::VoteGranted { term: 2 },
            Purpose::VoteRefused { term: 2, reason: None },
            Purpose::VoteRefused { term: 2, reason: Some(VoteRefusal::LogBehind) },
            Purpose::PreVoteAnswer { granted: true, refusal: None },
            Purpose::PreVoteAnswer { granted: false, refusal: None },
            Purpose::PreVoteAnswer { granted: false, refusal: Some((2, PreVoteRefusal::LogBehind)) },
            Purpose::Replicate { first: 3, last: 5, prev_index: 2, prev_term: 1 },
            Purpose::Replicate { first: 3, last: 3, prev_index: 2, prev_term: 1 },
            Purpose::Heartbeat { prev_index: 0, prev_term: 0, commit: 4 },
            Purpose::Heartbeat { prev_index: 8, prev_term: 3, commit: 4 },
            Purpose::Outdated { term: 3 },
            Purpose::Accepted { index: 5 },
            Purpose::Rejected { index: 2 },
            Purpose::EqualCommitRequest { entries: Some((3, 5)), prev_index: 2, commit: 1 },
            Purpose::EqualCommitRequest { entries: None, prev_index: 2, commit: 1 },
            Purpose::EqualCommitAccepted { index: 5 },
            Purpose::EqualCommitRejected { index: 2 },
            Purpose::HandOver,
            Purpose::Snapshot { index: 9 },
            Purpose::SnapshotInstalled { index: 9 },
            Purpose::SnapshotRefused { term: 3 },
            Purpose::ClientRequest,
            Purpose::ChangeRequest,
            Purpose::ClientAnswer,
        ];
        for purpose in &purposes {
            let (en, zh) = (Lang::En.purpose(purpose, 1, 2), Lang::Zh.purpose(purpose, 1, 2));
            assert!(en.ends_with('.') && en.contains('§'), "{en}");
            assert!(zh.ends_with('。') && zh.contains('§'), "{zh}");
            assert!(!zh.contains(". ") && !zh.contains(", "), "Chinese punctuation: {zh}");
        }
        let replicate = Lang::En.purpose(&Purpose::Replicate { first: 3, last: 5, prev_index: 2, prev_term: 1 }, 1, 2);
        // A heartbeat is checked like any AppendEntries, and commits only what the check reached.
        let heartbeat = Lang::En.purpose(&Purpose::Heartbeat { prev_index: 8, prev_term: 3, commit: 9 }, 1, 2);
        assert!(heartbeat.contains("index 8 of term 3") && heartbeat.contains("up to index 8 are"), "{heartbeat}");
        assert!(replicate.contains("sends entries 3–5") && replicate.contains("index 2 of term 1"), "{replicate}");
        assert!(replicate.contains("stores them") && !replicate.contains(" it only"), "{replicate}");
        // One entry is "it", not "them": in both languages.
        for one in [
            Purpose::Replicate { first: 3, last: 3, prev_index: 2, prev_term: 1 },
            Purpose::Replicate { first: 1, last: 1, prev_index: 0, prev_term: 0 },
        ] {
            let (en, zh) = (Lang::En.purpose(&one, 1, 2), Lang::Zh.purpose(&one, 1, 2));
            assert!(en.contains("sends entry ") && !en.contains("them") && !en.contains("They"), "{en}");
            assert!(zh.contains('它') && !zh.contains("它们"), "{zh}");
        }
    }
}
