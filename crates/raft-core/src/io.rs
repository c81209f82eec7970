//! What goes into a [`Node`](crate::Node) and what comes out of it.

use crate::command::Command;
use crate::configuration::{ChangeRefusal, MembershipChange};
use crate::message::Message;
use crate::role::RoleKind;
use crate::types::{LogIndex, Millis, NodeId, RequestId, Term};

/// Where a leader's lease stood when it took a read, in the lease read mode (thesis §6.4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeaseStanding {
    /// It holds until then: the read needs no round of heartbeats.
    Holds {
        /// When it ends.
        until: Millis,
    },
    /// No round of this leader's term has been answered by a majority yet.
    NotYet,
    /// It ran out then.
    RanOut {
        /// When.
        at: Millis,
    },
    /// The leader gave it up when it sent TimeoutNow: the election it asked for skips
    /// CheckQuorum's guard.
    GivenUp,
}

impl LeaseStanding {
    /// The standing at `now` of a lease that ends at `until` (0: none yet), given up or not.
    pub fn of(until: Millis, given_up: bool, now: Millis) -> Self {
        if given_up {
            LeaseStanding::GivenUp
        } else if now < until {
            LeaseStanding::Holds { until }
        } else if until == 0 {
            LeaseStanding::NotYet
        } else {
            LeaseStanding::RanOut { at: until }
        }
    }
}

/// The node's one timer. Followers and candidates run the election timer; a leader runs the
/// heartbeat timer instead (§5.2). Arming one replaces the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timer {
    /// Fires when no leader was heard from and no vote was granted for a randomized interval.
    Election,
    /// Fires every heartbeat interval on a leader, which then sends AppendEntries to every peer.
    Heartbeat,
}

/// An input to [`Node::handle`](crate::Node::handle).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// A message from a peer arrived.
    Message {
        /// The sender.
        from: NodeId,
        /// What it sent.
        message: Message,
    },
    /// The timer the node last armed fired. The driver may also fire [`Timer::Election`] on
    /// purpose (a user's "Time out"): any node, even a leader, then starts an election.
    Timer(Timer),
    /// The driver asks this leader to hand leadership over to `to` (thesis §3.10). Ignored by
    /// any other role, and for `to` itself or a server outside the cluster.
    TransferLeadership {
        /// The chosen successor.
        to: NodeId,
    },
    /// A client asks this node to replicate `command`. A leader appends it and answers once it
    /// is committed and applied; any other node answers at once with the leader it knows. A
    /// read ([`Command::Get`]) is served as the [read mode](crate::ReadMode) says.
    ClientRequest {
        /// Echoed in the [`Output::ClientResponse`].
        request_id: RequestId,
        /// What to replicate.
        command: Command,
    },
    /// The driver asks this node to snapshot what it has applied and compact its log (paper
    /// §7). Nothing happens if nothing was applied since its last snapshot.
    TakeSnapshot,
    /// A client asks this node for a membership change (thesis chapter 4). A leader takes it
    /// on if no other change is under way and answers once it is committed; any other node
    /// answers at once with the leader it knows.
    ChangeMembership {
        /// Echoed in the [`Output::ClientResponse`].
        request_id: RequestId,
        /// The change.
        change: MembershipChange,
    },
}

/// Why a node starts an election.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ElectionCause {
    /// Its election timer fired (or the driver fired it).
    Timeout,
    /// A majority granted its pre-votes (PreVote, thesis §9.6).
    PreVotesWon,
    /// Its leader handed over to it with TimeoutNow (thesis §3.10).
    Transfer,
}

/// Why a server refused a RequestVote (Figure 2, "RequestVote RPC", receiver implementation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VoteRefusal {
    /// The request is of an older term than the server's (§5.1).
    StaleTerm {
        /// The request's term.
        request_term: Term,
    },
    /// The server already voted for another candidate in this term: one vote per term (§5.2).
    VotedFor(NodeId),
    /// The candidate's log is less up-to-date than the server's: the election restriction
    /// (§5.4.1).
    LogBehind,
}

/// Why a server refused a pre-vote (PreVote, thesis §9.6). When several reasons hold, the
/// first listed here is given: it is the one PreVote exists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PreVoteRefusal {
    /// It believes in a current leader: it is `leader` itself, or it heard from `leader` within
    /// the shortest election timeout, so it has no reason to want an election.
    LeaderAlive {
        /// The leader it believes in.
        leader: NodeId,
    },
    /// The term asked for is not later than the server's own term `own_term`.
    TermNotLater {
        /// The server's term.
        own_term: Term,
    },
    /// The candidate's log is less up-to-date than the server's (§5.4.1).
    LogBehind,
}

/// How a node answers a client request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClientResult {
    /// Committed and applied at this log index.
    Committed {
        /// Where the command sits in the log.
        index: LogIndex,
    },
    /// A read's answer: the value of its key (`None`: not set) in the state machine once it
    /// had applied `index`.
    Read {
        /// The log index the read was served at: its own entry (the `log` read mode), the
        /// readIndex (ReadIndex, leases), or the server's lastApplied (`stale_reads`).
        index: LogIndex,
        /// The value read.
        value: Option<String>,
    },
    /// This node is not the leader; try `leader` if it knows one.
    NotLeader {
        /// The leader of the current term, as far as this node knows.
        leader: Option<NodeId>,
    },
    /// This node stopped leading before the entry committed. Its fate is unknown: a later
    /// leader may still commit it, or overwrite it.
    LeadershipLost,
    /// The leader refused the membership change, for this reason.
    ChangeRefused(ChangeRefusal),
}

/// An output drained with [`Node::poll_output`](crate::Node::poll_output).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[must_use]
pub enum Output {
    /// Deliver `message` to peer `to` (the network may lose or delay it).
    Send {
        /// The receiver.
        to: NodeId,
        /// The message.
        message: Message,
    },
    /// Arm this timer, cancelling whichever was armed before.
    SetTimer(Timer),
    /// The node became `role` in `term`.
    RoleChanged {
        /// The new role.
        role: RoleKind,
        /// The term it holds that role in.
        term: Term,
    },
    /// Entries `first..=last` were written to the log (a real server persists them).
    EntriesAppended {
        /// The first new index.
        first: LogIndex,
        /// The last new index.
        last: LogIndex,
    },
    /// Conflicting entries after `last_kept`, up to `removed_through`, were deleted (§5.3).
    LogTruncated {
        /// The last index kept.
        last_kept: LogIndex,
        /// The last index deleted: the log's last index before the truncation.
        removed_through: LogIndex,
    },
    /// A leader holds the entry at `index` on a majority but does not commit it, because it
    /// is from the earlier term `term` (§5.4.2, Figure 8): it commits only with an entry of its
    /// own term. Told once per leadership and index; it changes nothing.
    CommitDeferred {
        /// The highest index on a majority.
        index: LogIndex,
        /// That entry's term, earlier than the leader's.
        term: Term,
    },
    /// A leader committed up to `index` by counting copies of an entry of the earlier term
    /// `term`: only the `commit_old_terms` switch allows it (§5.4.2 off, the paper's Figure 8).
    /// Told after the commit; it changes nothing.
    CommittedByCounting {
        /// The index committed.
        index: LogIndex,
        /// That entry's term, earlier than the leader's.
        term: Term,
    },
    /// The node starts an election, for this reason; its role change follows.
    Campaign {
        /// Why.
        cause: ElectionCause,
    },
    /// A leader heard from no majority for an election timeout and steps down (CheckQuorum,
    /// thesis §6.2); its role change follows.
    LostQuorum,
    /// The configuration in force changed: a configuration entry at `index` entered the log,
    /// or the one in force was truncated (`index` is then the earlier one's, 0 for the
    /// configuration the cluster started with).
    ConfigurationChanged {
        /// Where the configuration now in force comes from.
        index: LogIndex,
    },
    /// It granted candidate `candidate` its vote in `term` (§5.2): for the driver's narration,
    /// which changes nothing. With a break-a-rule switch on, it also says which rule the grant
    /// broke.
    VoteGranted {
        /// The candidate.
        candidate: NodeId,
        /// The term of the vote.
        term: Term,
        /// The vote it replaced in this term, for a higher id (`vote_for_highest_id`).
        replaced: Option<NodeId>,
        /// The candidate's log is less up-to-date than its own (`no_election_restriction`).
        log_behind: bool,
    },
    /// It refused candidate `candidate` its vote in `term` (its own current term), for
    /// `reason`: for the driver's narration, which changes nothing.
    VoteRefused {
        /// The candidate.
        candidate: NodeId,
        /// The server's term.
        term: Term,
        /// Why.
        reason: VoteRefusal,
    },
    /// It refused `candidate` a pre-vote for `term` (the term the candidate asked about), for
    /// `reason`: for the driver's narration, which changes nothing.
    PreVoteRefused {
        /// The pre-candidate.
        candidate: NodeId,
        /// The term it asked about.
        term: Term,
        /// Why.
        reason: PreVoteRefusal,
    },
    /// A leader handing over sent TimeoutNow to `to`, whose log matches its own (thesis
    /// §3.10). For the driver's narration, which changes nothing.
    TimeoutNowSent {
        /// The transfer's target.
        to: NodeId,
    },
    /// It ignored `candidate`'s request for votes (or, with `pre_vote`, pre-votes) for `term`
    /// under CheckQuorum's guard (thesis §4.2.3): it heard from `leader` within the shortest
    /// election timeout (itself if it leads; with lease reads, a leader of any term, whose
    /// lease it may hold up: thesis §6.4.1), or, with `leader` None, it restarted that
    /// recently and may still be part of a lease it acknowledged (thesis §6.4.1). For the
    /// driver's narration, which changes nothing.
    VoteRequestIgnored {
        /// The candidate.
        candidate: NodeId,
        /// The term it asked about.
        term: Term,
        /// A pre-vote request (thesis §9.6).
        pre_vote: bool,
        /// The leader this server heard from.
        leader: Option<NodeId>,
    },
    /// It refused `leader`'s AppendEntries: its log holds no entry at `prev_log_index` of term
    /// `prev_log_term` (Figure 2's consistency check, §5.3), or, with the `ack_on_equal_commit`
    /// switch, the broken rule's check failed. For the driver's narration, which changes
    /// nothing.
    AppendEntriesRefused {
        /// The leader.
        leader: NodeId,
        /// The index of the entry before those sent.
        prev_log_index: LogIndex,
        /// That entry's term in the leader's log.
        prev_log_term: Term,
        /// The term of its own entry there; `None` if its log holds none there.
        own_term: Option<Term>,
    },
    /// A leader moved its nextIndex for `follower` back to `next_index` after the follower
    /// refused AppendEntries (the consistency check, §5.3): for the driver's narration, which
    /// changes nothing.
    NextIndexBackedOff {
        /// The follower.
        follower: NodeId,
        /// The new nextIndex.
        next_index: LogIndex,
    },
    /// A leader took on read `request_id` but gives it no readIndex yet: it has committed no
    /// entry of its own term `term`, so its commitIndex may lag what earlier leaders committed
    /// (thesis §6.4). For the driver's narration, which changes nothing.
    ReadHeld {
        /// The read.
        request_id: RequestId,
        /// The leader's term.
        term: Term,
    },
    /// A leader gave read `request_id` its readIndex, its commitIndex `read_index` (thesis
    /// §6.4): with `round` > 0 the read waits for a majority to acknowledge that heartbeat
    /// round, which proves no later leader existed when it arrived; with `round` 0 the lease
    /// proves it (§6.4.1). It answers once it has applied `read_index`. For the driver's
    /// narration, which changes nothing.
    ReadIndexSet {
        /// The read.
        request_id: RequestId,
        /// Its readIndex.
        read_index: LogIndex,
        /// The heartbeat round it waits on (0: none, the lease covers it).
        round: u64,
        /// In the lease read mode, where the leader's lease stood.
        lease: Option<LeaseStanding>,
    },
    /// A majority acknowledged this leader's heartbeat round `answered`, begun no earlier than
    /// `round`, the latest on which the `reads` reads it confirms waited (thesis §6.4). For
    /// the driver's narration, which changes nothing.
    ReadRoundConfirmed {
        /// The latest round the reads confirmed waited on.
        round: u64,
        /// The round a majority answered (`round`, or a later one whose answers confirm it).
        answered: u64,
        /// How many waiting reads it confirmed.
        reads: usize,
    },
    /// A new server being caught up holds the leader's log, and will be promoted to voter
    /// (thesis §4.2.1).
    CaughtUp {
        /// The new server.
        node: NodeId,
    },
    /// A leader committed a configuration without itself and steps down (paper §6); its role
    /// change follows.
    LeftConfiguration,
    /// A leader gave up handing over to `to`: an election timeout passed (thesis §3.10).
    TransferAbandoned {
        /// The server it was handing over to.
        to: NodeId,
    },
    /// The node snapshotted its state machine through `last_index` and discarded its log up
    /// to there (paper §7).
    SnapshotTaken {
        /// The last index the snapshot includes.
        last_index: LogIndex,
        /// Its term.
        last_term: Term,
    },
    /// The node discarded its log and loaded a leader's snapshot (Figure 13).
    SnapshotInstalled {
        /// The leader that sent it.
        from: NodeId,
        /// The last index the snapshot includes.
        last_index: LogIndex,
        /// Its term.
        last_term: Term,
        /// The log's last index before it was discarded.
        removed_through: LogIndex,
    },
    /// The commit index advanced to `index`.
    Committed {
        /// The new commitIndex.
        index: LogIndex,
    },
    /// The entry at `index` was applied to the state machine.
    Applied {
        /// Its index.
        index: LogIndex,
        /// Its term.
        term: Term,
        /// Its command.
        command: Command,
    },
    /// The answer to a client request.
    ClientResponse {
        /// The request's id.
        request_id: RequestId,
        /// The answer.
        result: ClientResult,
    },
}
