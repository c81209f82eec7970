//! The three roles of §5.1. Data only one role has lives in that role's struct, so a follower
//! cannot touch a candidate's votes or a leader's per-follower progress.

use playground_support::IdMap;
use playground_support::{SortedMap, SortedSet};
use std::fmt;

use crate::configuration::Configuration;
use crate::types::{LogIndex, Millis, NodeId, RequestId};

/// Which role a node plays, without its data: for traces, views and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleKind {
    /// Passive: answers leaders and candidates.
    Follower,
    /// Asking whether it could win the next term, before raising its term (PreVote, thesis §9.6).
    PreCandidate,
    /// Campaigning for votes in its current term.
    Candidate,
    /// Handles client requests and replicates the log.
    Leader,
}

impl RoleKind {
    /// The lower-case name used in DOM hooks and traces: `follower`, `pre_candidate`,
    /// `candidate` or `leader`.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Follower => "follower",
            RoleKind::PreCandidate => "pre_candidate",
            RoleKind::Candidate => "candidate",
            RoleKind::Leader => "leader",
        }
    }
}

impl fmt::Display for RoleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role together with the volatile state only that role keeps.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    Follower(Follower),
    PreCandidate(Candidate),
    Candidate(Candidate),
    Leader(Leader),
}

impl Role {
    pub(crate) fn kind(&self) -> RoleKind {
        match self {
            Role::Follower(_) => RoleKind::Follower,
            Role::PreCandidate(_) => RoleKind::PreCandidate,
            Role::Candidate(_) => RoleKind::Candidate,
            Role::Leader(_) => RoleKind::Leader,
        }
    }
}

/// A follower remembers the leader it last heard from in its term, to redirect clients.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Follower {
    pub(crate) leader: Option<NodeId>,
}

/// A candidate counts the distinct servers that granted it a vote in its term, itself included;
/// a pre-candidate counts its pre-votes the same way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Candidate {
    pub(crate) votes: SortedSet<NodeId>,
}

/// A leader's volatile state (Figure 2, "Volatile state on leaders"), reinitialized after
/// every election, and the client requests waiting for their entry to commit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Leader {
    pub(crate) progress: SortedMap<NodeId, Progress>,
    /// By log index: an overloaded leader may hold thousands of uncommitted writes.
    pub(crate) pending: IdMap<RequestId>,
    /// The highest index already reported as held by a majority but not committable, so that
    /// [`Output::CommitDeferred`](crate::Output::CommitDeferred) is told once per index.
    pub(crate) deferred_reported: LogIndex,
    /// CheckQuorum: the followers heard from since `window_start`.
    pub(crate) active: SortedSet<NodeId>,
    /// When the current CheckQuorum window began (the election, or the last check).
    pub(crate) window_start: Millis,
    /// A leadership transfer under way.
    pub(crate) transfer: Option<Transfer>,
    /// A membership change under way, until its last entry is appended.
    pub(crate) change: Option<Box<PendingChange>>,
    /// When a snapshot was last sent to each follower that has not answered it: replication
    /// to it pauses meanwhile (paper §7).
    pub(crate) snapshots_sent: SortedMap<NodeId, Millis>,
    /// Heartbeat rounds and the reads waiting on them (ReadIndex and leases, thesis §6.4).
    pub(crate) reads: Box<crate::reads::ReadState>,
}

/// A membership change a leader took on and has not yet appended in full.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct PendingChange {
    /// The client waiting for it.
    pub(crate) request_id: RequestId,
    /// The configuration asked for (C_new).
    pub(crate) target: Configuration,
    /// New servers catching up before they vote (thesis §4.2.1).
    pub(crate) learners: Vec<NodeId>,
    /// The catch-up round under way.
    pub(crate) round: CatchUp,
    /// Whether the learners have caught up.
    pub(crate) caught_up: bool,
}

/// One round of catching a new server up (thesis §4.2.1): it ends when the learner holds
/// every entry the leader held when the round began.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CatchUp {
    /// 1 for the first round.
    pub(crate) number: u32,
    /// The leader's last index when the round began.
    pub(crate) until: LogIndex,
    /// When it began.
    pub(crate) started_at: Millis,
}

/// A leadership transfer under way (thesis §3.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Transfer {
    /// The chosen successor.
    pub(crate) to: NodeId,
    /// When it began: it is abandoned an election timeout later.
    pub(crate) started_at: Millis,
}

/// What a leader knows of one follower's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Progress {
    /// nextIndex: the index of the next entry to send it.
    pub next_index: LogIndex,
    /// matchIndex: the highest index known to be replicated on it.
    pub match_index: LogIndex,
    /// With flow control ([`RaftOptions::flow_control`](crate::RaftOptions::flow_control)):
    /// the follower has acknowledged entries since it last refused some, so the leader
    /// pipelines to it (etcd's "replicate" state); false, the leader probes it, one nextIndex
    /// at a time ("probe"). Always false without flow control.
    pub replicating: bool,
    /// With flow control, while probing: an AppendEntries is on its way and unanswered, so a
    /// new entry waits for its answer or the next heartbeat instead of sending another probe
    /// (etcd's `MsgAppFlowPaused`). Always false without flow control.
    pub probe_sent: bool,
}

impl Progress {
    /// A follower's progress as a leader starts tracking it (Figure 2): nextIndex just past the
    /// leader's log, matchIndex 0, probed before anything is pipelined to it.
    pub(crate) fn new(next_index: LogIndex) -> Self {
        Progress { next_index, match_index: 0, replicating: false, probe_sent: false }
    }
}
