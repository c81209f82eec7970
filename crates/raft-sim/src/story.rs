//! The story of a run: the events a person narrating it would mention, kept in a bounded
//! buffer so the page can tell them in words (and jump to them) without recording every
//! message of the trace.

use std::collections::VecDeque;

use raft_core::{Configuration, LogIndex, MembershipChange, NodeId, PreVoteRefusal, RequestId, Term, VoteRefusal};

use crate::client::OpResult;
use crate::network::MessageId;
use crate::time::Millis;

/// How many story events are kept, the latest ones.
pub const STORY_LENGTH: usize = 300;

/// Something worth telling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoryEvent {
    /// A node's election timer fired (or a user fired it): it campaigns in `term`.
    ElectionStarted {
        /// The candidate.
        node: NodeId,
        /// The term it campaigns in.
        term: Term,
    },
    /// A leader was told to time out (a leader has no election timer in Raft; the playground
    /// fires one anyway): it stops leading and campaigns in `term` (with PreVote, it first asks
    /// whether it could win it).
    LeaderTimedOut {
        /// The leader.
        node: NodeId,
        /// The term it campaigns in.
        term: Term,
        /// PreVote is on: it became a pre-candidate and its own term is unchanged; the servers
        /// it reached a moment ago refuse its pre-votes (thesis §9.6).
        pre_vote: bool,
    },
    /// A pre-candidate won a majority of pre-votes and campaigns in `term` (thesis §9.6).
    PreVotesWon {
        /// The candidate.
        node: NodeId,
        /// The term it campaigns in.
        term: Term,
    },
    /// The target of a leadership transfer, told TimeoutNow, campaigns in `term` at once.
    TransferElection {
        /// The candidate.
        node: NodeId,
        /// The term it campaigns in.
        term: Term,
    },
    /// A node's election timer fired with PreVote on: it asks whether it could win `term`,
    /// without raising its own (thesis §9.6).
    PreVoteStarted {
        /// The pre-candidate.
        node: NodeId,
        /// The term it asks about.
        term: Term,
    },
    /// A leader heard from no majority for an election timeout and stepped down (CheckQuorum).
    LostQuorum {
        /// The former leader.
        node: NodeId,
        /// Its term.
        term: Term,
    },
    /// The leader handing over sent TimeoutNow to `to`, whose log now matches its own
    /// (thesis §3.10).
    TimeoutNowSent {
        /// The leader.
        leader: NodeId,
        /// The transfer's target.
        to: NodeId,
    },
    /// A leader began handing over to another server (thesis §3.10).
    TransferStarted {
        /// The leader.
        leader: NodeId,
        /// The successor.
        to: NodeId,
    },
    /// A leader gave up a transfer after an election timeout.
    TransferAbandoned {
        /// The leader.
        leader: NodeId,
        /// The server it was handing over to.
        to: NodeId,
    },
    /// A leader appended a configuration entry, in force on it at once (thesis §4.1).
    ConfigurationAppended {
        /// The leader.
        leader: NodeId,
        /// The configuration.
        config: Configuration,
    },
    /// A leader committed a configuration entry (applied it, as leader).
    ConfigurationCommitted {
        /// The leader.
        leader: NodeId,
        /// The configuration.
        config: Configuration,
        /// Another server had committed it: this leader learned it committed (a leader that
        /// removed itself steps down once it commits its removal, before its followers hear
        /// of the commit, thesis §4.2.2).
        earlier: bool,
    },
    /// A server granted its vote in `term` to a candidate's RequestVote (§5.2, §5.4.1).
    VoteGranted {
        /// The voter.
        node: NodeId,
        /// The candidate.
        candidate: NodeId,
        /// The term of the vote.
        term: Term,
        /// The vote it replaced in this term (only with the `vote_for_highest_id` switch).
        replaced: Option<NodeId>,
        /// The candidate's log is behind the voter's (only with `no_election_restriction`).
        log_behind: bool,
    },
    /// A server refused a candidate its vote (Figure 2, "RequestVote RPC").
    VoteRefused {
        /// The server.
        node: NodeId,
        /// The candidate.
        candidate: NodeId,
        /// The server's term.
        term: Term,
        /// Why.
        reason: VoteRefusal,
    },
    /// A server refused a pre-candidate its pre-vote (PreVote, thesis §9.6). The
    /// pre-candidate's term and the server's are unchanged.
    PreVoteRefused {
        /// The server.
        node: NodeId,
        /// The pre-candidate.
        candidate: NodeId,
        /// The term the pre-candidate asked about.
        term: Term,
        /// Why.
        reason: PreVoteRefusal,
    },
    /// A server ignored a request for votes (or pre-votes) of a later term under CheckQuorum's
    /// guard (thesis §4.2.3): no answer, no term change.
    VoteRequestIgnored {
        /// The server.
        node: NodeId,
        /// The candidate.
        candidate: NodeId,
        /// The term asked about.
        term: Term,
        /// A pre-vote request (thesis §9.6).
        pre_vote: bool,
        /// The leader it heard from within the shortest election timeout (with lease reads, in
        /// any term); None: it restarted that recently and guards a lease it may have
        /// acknowledged (thesis §6.4.1).
        leader: Option<NodeId>,
    },
    /// A follower refused a leader's AppendEntries: its log holds no entry at `index` of term
    /// `term`, the entry before those sent (the consistency check, §5.3).
    AppendEntriesRefused {
        /// The follower.
        follower: NodeId,
        /// The leader.
        leader: NodeId,
        /// The index of the entry before those sent.
        index: LogIndex,
        /// That entry's term in the leader's log.
        term: Term,
        /// The term of the follower's entry there; `None` if its log holds none there.
        own_term: Option<Term>,
        /// The run breaks the consistency check (`UnsafeSwitches::ack_on_equal_commit`): the
        /// follower refused because the commit indexes differ or its log is too short, never on
        /// prevLogTerm.
        equal_commit: bool,
    },
    /// A follower refused a leader's AppendEntries (its log holds no entry matching the one
    /// before those sent: the consistency check, §5.3), and the leader moved its nextIndex
    /// for that follower back, to try an earlier entry.
    NextIndexBackedOff {
        /// The leader.
        leader: NodeId,
        /// The follower.
        follower: NodeId,
        /// The new nextIndex.
        next_index: LogIndex,
        /// The run breaks the consistency check (`UnsafeSwitches::ack_on_equal_commit`): the
        /// follower refused because the commit indexes differ or its log is too short, never on
        /// prevLogTerm.
        equal_commit: bool,
    },
    /// A new server caught up with the leader's log and is promoted to voter (thesis §4.2.1).
    CaughtUp {
        /// The leader.
        leader: NodeId,
        /// The new server.
        node: NodeId,
    },
    /// A leader committed a configuration without itself and stepped down (paper §6).
    LeftConfiguration {
        /// The former leader.
        node: NodeId,
    },
    /// A new, empty server was started, to be added to the cluster.
    ServerStarted {
        /// The new server.
        node: NodeId,
    },
    /// A candidate won.
    BecameLeader {
        /// The new leader.
        node: NodeId,
        /// Its term.
        term: Term,
    },
    /// A leader stepped down on a message of a later term from a server outside its
    /// configuration: a removed server that never heard of its removal (thesis §4.2.3).
    DeposedByOutsider {
        /// The leader that stepped down.
        leader: NodeId,
        /// The server outside its configuration.
        by: NodeId,
        /// The later term.
        term: Term,
    },
    /// A leader or candidate saw a later term and became a follower.
    SteppedDown {
        /// Who.
        node: NodeId,
        /// The later term.
        term: Term,
    },
    /// A candidate (or, with a rule broken, a leader) heard from a leader of its own term and
    /// became a follower (§5.2).
    MetLeaderOfItsTerm {
        /// Who.
        node: NodeId,
        /// The term, its own.
        term: Term,
    },
    /// The leader's commit index advanced.
    Committed {
        /// The leader.
        leader: NodeId,
        /// The new commit index.
        index: LogIndex,
    },
    /// A leader committed an entry of an earlier term by counting its copies, which only the
    /// `commit_old_terms` switch allows (§5.4.2 off, the paper's Figure 8).
    CommittedByCounting {
        /// The leader.
        leader: NodeId,
        /// The index committed.
        index: LogIndex,
        /// That entry's term.
        term: Term,
        /// The leader's own, later term.
        leader_term: Term,
    },
    /// A leader holds an entry of an earlier term on a majority but does not commit it
    /// (§5.4.2, the paper's Figure 8).
    CommitDeferred {
        /// The leader.
        leader: NodeId,
        /// The highest index on a majority.
        index: LogIndex,
        /// That entry's term.
        term: Term,
        /// The leader's own, later term.
        leader_term: Term,
    },
    /// A follower deleted entries that conflict with its leader's log (§5.3); the leader's
    /// entries then take their place.
    Truncated {
        /// The follower.
        node: NodeId,
        /// The leader whose AppendEntries removed them, as the follower knows it.
        by: Option<NodeId>,
        /// The first and last index removed.
        removed: (LogIndex, LogIndex),
    },
    /// A node crashed.
    Crashed {
        /// Which.
        node: NodeId,
    },
    /// A node restarted.
    Restarted {
        /// Which.
        node: NodeId,
    },
    /// The servers were split into groups.
    Partitioned {
        /// The listed groups.
        groups: Vec<Vec<NodeId>>,
    },
    /// The partition ended.
    Healed,
    /// A link was cut one way.
    Cut {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
    },
    /// A link was mended.
    Mended {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
    },
    /// A user delivered a message (Explore's Deliver, or ahead of its time).
    Delivered {
        /// The message.
        id: MessageId,
        /// Its kind, e.g. `RequestVote`.
        kind: crate::PayloadKind,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
    },
    /// A user fired a leader's heartbeat timer (Explore's Heartbeat).
    HeartbeatFired {
        /// The leader.
        node: NodeId,
    },
    /// A user dropped a message.
    Dropped {
        /// The message.
        id: MessageId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
    },
    /// A user put a second copy of a message on the wire.
    Duplicated {
        /// The message copied.
        id: MessageId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
    },
    /// The message loss probability changed.
    LossSet {
        /// Per mille, so the event stays `Eq`.
        per_mille: u32,
    },
    /// The range of message latencies changed, for messages sent from now on.
    LatencySet {
        /// Low end and high end, in ms.
        range_ms: [Millis; 2],
    },
    /// A client started writing steadily, changed its pace, or stopped (`every_ms` 0).
    WorkloadSet {
        /// Which client.
        client: raft_scenario::ClientId,
        /// The time between two writes; 0 once it stopped.
        every_ms: Millis,
    },
    /// A server's clock runs at a new speed from now on (the `clock` action).
    ClockSet {
        /// Which server.
        node: NodeId,
        /// Its speed, in percent of real time.
        percent: u32,
    },
    /// A client sent a write.
    ClientWrite {
        /// The operation.
        op: RequestId,
        /// The server it went to.
        node: NodeId,
        /// The client, 1 to 3.
        client: raft_scenario::ClientId,
        /// The command.
        command: String,
    },
    /// A server took a snapshot through `index` and compacted its log (paper §7).
    SnapshotTaken {
        /// The server.
        node: NodeId,
        /// The snapshot's last index.
        index: raft_core::LogIndex,
    },
    /// A server loaded its leader's snapshot in place of its log (Figure 13).
    SnapshotInstalled {
        /// The server.
        node: NodeId,
        /// The leader that sent it.
        from: NodeId,
        /// The snapshot's last index.
        index: raft_core::LogIndex,
    },
    /// A server did not take a client's request and named another as the leader to try (it
    /// follows that leader, or it leads but is handing over to it); the client sends the
    /// request there (§8).
    ClientRedirected {
        /// The operation.
        op: RequestId,
        /// The server that turned it away.
        from: NodeId,
        /// The server it names, where the client sends it now.
        to: NodeId,
        /// The command.
        command: String,
        /// The membership change it asks for, if it is one.
        change: Option<MembershipChange>,
    },
    /// A client sent a write again, with the same session (thesis §6.3).
    ClientRetried {
        /// The operation.
        op: RequestId,
        /// The server it went to.
        node: NodeId,
        /// Which attempt this is (2 for the first retry).
        attempt: u32,
        /// The command.
        command: String,
    },
    /// A client sent a read.
    ClientRead {
        /// The operation.
        op: RequestId,
        /// The server it went to.
        node: NodeId,
        /// The client, 1 to 3.
        client: raft_scenario::ClientId,
        /// The read, `x?`.
        command: String,
    },
    /// A leader holds a read until it commits an entry of its term: before that, its
    /// commitIndex may lag what earlier leaders committed (thesis §6.4).
    ReadHeld {
        /// The operation.
        op: RequestId,
        /// The leader.
        leader: NodeId,
        /// The client, 1 to 3.
        client: raft_scenario::ClientId,
        /// The key.
        key: String,
        /// The leader's term.
        term: raft_core::Term,
    },
    /// A leader gave a read its readIndex, its commitIndex (thesis §6.4): it answers once it has
    /// applied that far and, unless its lease covers the read, once a majority acknowledged a
    /// heartbeat round begun after the read arrived.
    ReadIndexSet {
        /// The operation.
        op: RequestId,
        /// The leader.
        leader: NodeId,
        /// The client, 1 to 3.
        client: raft_scenario::ClientId,
        /// The key.
        key: String,
        /// The readIndex.
        read_index: raft_core::LogIndex,
        /// The heartbeat round it waits on (0: the lease covers it).
        round: u64,
        /// In the lease read mode, where the leader's lease stood (thesis §6.4.1), its times
        /// in the simulation's real time (the leader counts them on its own clock).
        lease: Option<raft_core::LeaseStanding>,
        /// The servers' clocks have drifted apart more than leases allow for (see
        /// [`Simulation::clocks_beyond_lease_bound`](crate::Simulation::clocks_beyond_lease_bound)):
        /// a lease that holds may no longer mean that no other leader exists.
        drifting: bool,
    },
    /// A majority acknowledged a leader's heartbeat round on which reads waited (thesis §6.4).
    ReadRoundConfirmed {
        /// The leader.
        leader: NodeId,
        /// The latest round the reads confirmed waited on.
        round: u64,
        /// The round a majority answered: `round`, or a later one.
        answered: u64,
        /// How many reads it confirmed.
        reads: usize,
    },
    /// A client's read ended.
    ReadDone {
        /// The operation.
        op: RequestId,
        /// The client, 1 to 3.
        client: raft_scenario::ClientId,
        /// The key.
        key: String,
        /// The value read (`None`: not set, or no answer).
        value: Option<String>,
        /// How it ended.
        result: OpResult,
    },
    /// The client asked for a membership change (thesis chapter 4).
    ChangeRequested {
        /// The operation.
        op: RequestId,
        /// The server it went to.
        node: NodeId,
        /// The change.
        change: MembershipChange,
    },
    /// A membership change asked for ended.
    ChangeDone {
        /// The operation.
        op: RequestId,
        /// The change.
        change: MembershipChange,
        /// How it ended.
        result: OpResult,
        /// Why the leader refused it, when it did.
        refusal: Option<raft_core::ChangeRefusal>,
    },
    /// A client write ended.
    ClientDone {
        /// The operation.
        op: RequestId,
        /// The command.
        command: String,
        /// How it ended.
        result: OpResult,
    },
}

impl StoryEvent {
    /// Which filter of the narration it belongs to.
    pub fn category(&self) -> StoryCategory {
        match self {
            StoryEvent::ElectionStarted { .. }
            | StoryEvent::LeaderTimedOut { .. }
            | StoryEvent::PreVoteStarted { .. }
            | StoryEvent::PreVotesWon { .. }
            | StoryEvent::TransferElection { .. }
            | StoryEvent::LostQuorum { .. }
            | StoryEvent::TransferStarted { .. }
            | StoryEvent::TimeoutNowSent { .. }
            | StoryEvent::TransferAbandoned { .. }
            | StoryEvent::BecameLeader { .. }
            | StoryEvent::LeftConfiguration { .. }
            | StoryEvent::SteppedDown { .. }
            | StoryEvent::MetLeaderOfItsTerm { .. }
            | StoryEvent::VoteGranted { .. }
            | StoryEvent::VoteRefused { .. }
            | StoryEvent::PreVoteRefused { .. }
            | StoryEvent::VoteRequestIgnored { .. }
            | StoryEvent::DeposedByOutsider { .. } => StoryCategory::Elections,
            StoryEvent::Committed { .. }
            | StoryEvent::CommitDeferred { .. }
            | StoryEvent::CommittedByCounting { .. }
            | StoryEvent::Truncated { .. }
            | StoryEvent::ConfigurationAppended { .. }
            | StoryEvent::ConfigurationCommitted { .. }
            | StoryEvent::CaughtUp { .. }
            | StoryEvent::NextIndexBackedOff { .. }
            | StoryEvent::AppendEntriesRefused { .. }
            | StoryEvent::SnapshotTaken { .. }
            | StoryEvent::SnapshotInstalled { .. } => StoryCategory::Log,
            StoryEvent::ClientWrite { .. }
            | StoryEvent::ClientDone { .. }
            | StoryEvent::ClientRead { .. }
            | StoryEvent::ClientRetried { .. }
            | StoryEvent::ClientRedirected { .. }
            | StoryEvent::ReadDone { .. }
            | StoryEvent::ReadHeld { .. }
            | StoryEvent::ReadIndexSet { .. }
            | StoryEvent::ReadRoundConfirmed { .. }
            | StoryEvent::ChangeRequested { .. }
            | StoryEvent::ChangeDone { .. } => StoryCategory::Client,
            _ => StoryCategory::Faults,
        }
    }
}

/// The narration's filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoryCategory {
    /// Timeouts, votes won, stepping down.
    Elections,
    /// Commits.
    Log,
    /// Crashes, restarts, partitions, cuts, drops, loss, and the messages delivered and the
    /// heartbeats fired by hand (Explore).
    Faults,
    /// The client's writes and their outcomes.
    Client,
}

/// The latest [`STORY_LENGTH`] story events with their times, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Story {
    events: VecDeque<(Millis, StoryEvent)>,
}

impl Story {
    /// Adds an event.
    pub fn push(&mut self, at: Millis, event: StoryEvent) {
        if self.events.len() == STORY_LENGTH {
            self.events.pop_front();
        }
        self.events.push_back((at, event));
    }

    /// The events kept, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &(Millis, StoryEvent)> {
        self.events.iter()
    }

    /// Whether leader `leader` was already told to send TimeoutNow to `to` since it began
    /// handing over to it: a leader sends it again at each reply that shows `to` caught up,
    /// and the story tells the first.
    pub(crate) fn told_timeout_now(&self, leader: NodeId, to: NodeId) -> bool {
        self.events
            .iter()
            .rev()
            .map(|(_, event)| event)
            .take_while(|event| *event != &StoryEvent::TransferStarted { leader, to })
            .any(|event| *event == StoryEvent::TimeoutNowSent { leader, to })
    }
}
