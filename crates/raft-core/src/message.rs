//! The RPCs of the paper's Figure 2, one enum variant per message kind so that later kinds
//! (PreVote, InstallSnapshot, TimeoutNow) are added without reshaping the others.

use std::fmt;

use crate::log::Entry;
use crate::types::{LogIndex, NodeId, Term};

/// RequestVote arguments (§5.2, §5.4.1).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestVote {
    /// The candidate's term.
    pub term: Term,
    /// The candidate requesting the vote.
    pub candidate_id: NodeId,
    /// Index of the candidate's last log entry.
    pub last_log_index: LogIndex,
    /// Term of the candidate's last log entry.
    pub last_log_term: Term,
    /// Sent by the target of a leadership transfer (thesis §3.10): the CheckQuorum guard lets
    /// it through, since the leader itself asked for this election.
    pub transfer: bool,
}

/// RequestVote results.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestVoteReply {
    /// The voter's current term, for the candidate to update itself.
    pub term: Term,
    /// True means the candidate received the vote.
    pub vote_granted: bool,
}

/// AppendEntries arguments (§5.3); with no entries it is a heartbeat (§5.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AppendEntries {
    /// The leader's term.
    pub term: Term,
    /// So the follower can redirect clients.
    pub leader_id: NodeId,
    /// Index of the log entry immediately preceding the new ones.
    pub prev_log_index: LogIndex,
    /// Term of the entry at `prev_log_index`.
    pub prev_log_term: Term,
    /// Entries to store; empty for a heartbeat.
    pub entries: Vec<Entry>,
    /// The leader's commitIndex.
    pub leader_commit: LogIndex,
    /// The leader's heartbeat round when it sent this, echoed in the reply, so that a leader
    /// serving reads by ReadIndex or lease knows a majority followed it after the round began
    /// (thesis §6.4). 0 with the `log` read mode, which needs no rounds.
    pub round: u64,
}

/// AppendEntries results. Besides the paper's `term` and `success`, a reply says which request
/// it answers, because replies may arrive late, twice or out of order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AppendEntriesReply {
    /// The follower's current term, for the leader to update itself.
    pub term: Term,
    /// True if the follower held an entry matching `prev_log_index` and `prev_log_term`.
    pub success: bool,
    /// On success, the index of the last entry the request carried (or its prevLogIndex when
    /// empty): the follower's log now matches the leader's up to here. On failure, the request's
    /// prevLogIndex, the entry the follower lacks.
    pub index: LogIndex,
    /// With the conflict-hint option, on failure: where nextIndex may jump back to.
    pub hint: Option<ConflictHint>,
    /// The request's `round`, echoed.
    pub round: u64,
}

/// What a follower tells a leader about a rejected AppendEntries when the conflict-hint option
/// is on (§5.3): the term of its conflicting entry and the first index of that term, or, when
/// its log is too short, just its length + 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConflictHint {
    /// The term of the follower's entry at prevLogIndex; `None` if it has no entry there.
    pub term: Option<Term>,
    /// The first index of that term in the follower's log, or its last index + 1.
    pub first_index: LogIndex,
}

/// TimeoutNow (thesis §3.10): a leader handing over tells its chosen successor, whose log is
/// now as up to date as its own, to start an election at once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TimeoutNow {
    /// The leader's term.
    pub term: Term,
}

/// InstallSnapshot arguments (paper §7, Figure 13), sent whole: the playground does not
/// split a snapshot into chunks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InstallSnapshot {
    /// The leader's term.
    pub term: Term,
    /// So the follower can redirect clients.
    pub leader_id: NodeId,
    /// The snapshot replaces all entries up through this index.
    pub last_included_index: LogIndex,
    /// The term of that entry.
    pub last_included_term: Term,
    /// The snapshot itself (shared: a real message would carry it as bytes).
    pub snapshot: std::sync::Arc<crate::Snapshot>,
}

/// InstallSnapshot results: the paper's `term`, and which snapshot it answers (its last
/// included index), because replies may arrive late, twice or out of order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InstallSnapshotReply {
    /// The follower's current term, for the leader to update itself.
    pub term: Term,
    /// The request's last included index: the follower now holds everything up to it. 0 when
    /// the request was of an earlier term than the follower's, which it refused.
    pub last_index: LogIndex,
}

/// A message between two nodes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    /// A candidate asks for a vote.
    RequestVote(RequestVote),
    /// A voter answers a candidate.
    RequestVoteReply(RequestVoteReply),
    /// A leader replicates entries or sends a heartbeat.
    AppendEntries(AppendEntries),
    /// A follower answers a leader.
    AppendEntriesReply(AppendEntriesReply),
    /// A pre-candidate asks whether it would get the vote in the next term (thesis §9.6); its
    /// `term` is that next term, and nothing changes on either side.
    RequestPreVote(RequestVote),
    /// A server answers a pre-candidate: granted with the asked term, refused with its own.
    RequestPreVoteReply(RequestVoteReply),
    /// A leader handing over tells its successor to campaign now (thesis §3.10).
    TimeoutNow(TimeoutNow),
    /// A leader sends its snapshot to a follower that needs discarded entries (paper §7).
    InstallSnapshot(InstallSnapshot),
    /// A follower answers an InstallSnapshot.
    InstallSnapshotReply(InstallSnapshotReply),
}

impl Message {
    /// The sender's term, which every message carries (§5.1).
    pub fn term(&self) -> Term {
        match self {
            Message::RequestVote(m) => m.term,
            Message::RequestVoteReply(m) => m.term,
            Message::AppendEntries(m) => m.term,
            Message::AppendEntriesReply(m) => m.term,
            Message::RequestPreVote(m) => m.term,
            Message::RequestPreVoteReply(m) => m.term,
            Message::TimeoutNow(m) => m.term,
            Message::InstallSnapshot(m) => m.term,
            Message::InstallSnapshotReply(m) => m.term,
        }
    }

    /// Which kind of message this is.
    pub fn kind(&self) -> MessageKind {
        match self {
            Message::RequestVote(_) => MessageKind::RequestVote,
            Message::RequestVoteReply(_) => MessageKind::RequestVoteReply,
            Message::AppendEntries(_) => MessageKind::AppendEntries,
            Message::AppendEntriesReply(_) => MessageKind::AppendEntriesReply,
            Message::RequestPreVote(_) => MessageKind::RequestPreVote,
            Message::RequestPreVoteReply(_) => MessageKind::RequestPreVoteReply,
            Message::TimeoutNow(_) => MessageKind::TimeoutNow,
            Message::InstallSnapshot(_) => MessageKind::InstallSnapshot,
            Message::InstallSnapshotReply(_) => MessageKind::InstallSnapshotReply,
        }
    }
}

/// The kind of a [`Message`], without its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MessageKind {
    /// See [`RequestVote`].
    RequestVote,
    /// See [`RequestVoteReply`].
    RequestVoteReply,
    /// See [`AppendEntries`].
    AppendEntries,
    /// See [`AppendEntriesReply`].
    AppendEntriesReply,
    /// See [`Message::RequestPreVote`].
    RequestPreVote,
    /// See [`Message::RequestPreVoteReply`].
    RequestPreVoteReply,
    /// See [`TimeoutNow`].
    TimeoutNow,
    /// See [`InstallSnapshot`].
    InstallSnapshot,
    /// See [`InstallSnapshotReply`].
    InstallSnapshotReply,
}

impl MessageKind {
    /// The name used in DOM hooks and traces, e.g. `RequestVote`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::RequestVote => "RequestVote",
            MessageKind::RequestVoteReply => "RequestVoteReply",
            MessageKind::AppendEntries => "AppendEntries",
            MessageKind::AppendEntriesReply => "AppendEntriesReply",
            MessageKind::RequestPreVote => "RequestPreVote",
            MessageKind::RequestPreVoteReply => "RequestPreVoteReply",
            MessageKind::TimeoutNow => "TimeoutNow",
            MessageKind::InstallSnapshot => "InstallSnapshot",
            MessageKind::InstallSnapshotReply => "InstallSnapshotReply",
        }
    }

    /// True for the replies.
    pub fn is_reply(self) -> bool {
        matches!(
            self,
            MessageKind::RequestVoteReply
                | MessageKind::AppendEntriesReply
                | MessageKind::RequestPreVoteReply
                | MessageKind::InstallSnapshotReply
        )
    }
}

impl fmt::Display for MessageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
