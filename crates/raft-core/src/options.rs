//! Raft options that change how a node behaves. Timing (election timeout, heartbeat interval)
//! belongs to the driver, which arms the timers the node asks for; the node only needs to know
//! the shortest election timeout, the window of PreVote's and CheckQuorum's leader leases and
//! of a leadership transfer.

use crate::configuration::MembershipMode;
use crate::types::Millis;

/// How a node replicates and elects. Defaults follow the paper as our users read it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RaftOptions {
    /// The most entries one AppendEntries carries (at least 1).
    pub max_entries_per_append: u32,
    /// Append a no-op entry on becoming leader, so entries of earlier terms commit without
    /// waiting for a client write (§8; see §5.4.2 for why they cannot commit before).
    pub noop_on_election: bool,
    /// On a rejected AppendEntries the follower tells the leader the conflicting term and its
    /// first index, so nextIndex skips a whole term at once (the optimisation at the end of
    /// §5.3). Off: nextIndex walks back one entry per rejection, as the paper describes.
    pub conflict_hint: bool,
    /// PreVote (thesis §9.6): a server whose election timer fires first asks whether it could
    /// win, without raising its term; only a majority of yeses starts the real election.
    pub pre_vote: bool,
    /// CheckQuorum (thesis §6.2): a leader that has not heard from a majority within an election
    /// timeout steps down, and a server that heard from a leader within one ignores requests
    /// for votes of a higher term (the §4.2.3 disruption guard).
    pub check_quorum: bool,
    /// How membership changes: one server at a time, or by joint consensus.
    pub membership: MembershipMode,
    /// How a leader makes reads linearizable (thesis §6.4).
    pub read_mode: ReadMode,
    /// Snapshot once this many entries were applied since the last snapshot (paper §7); 0:
    /// only when the driver asks.
    pub snapshot_every: u64,
    /// The shortest election timeout the driver draws, in ms.
    pub election_timeout_min_ms: Millis,
    /// How far apart, at most, the servers' clocks may run, in percent: a clock may run this
    /// much faster than another. A leader shortens its lease to match (see
    /// [`RaftOptions::lease_window`]). 0: clocks are taken to be exact, as the simulator's are
    /// unless a server's clock is set to run slow or fast.
    pub clock_drift_percent: u32,
    /// Pipelining (thesis §10.2.2): a leader advances a follower's nextIndex as soon as it
    /// sends it entries, not when the follower acknowledges them, so each AppendEntries carries
    /// only entries not sent yet and several may be on their way at once; a refusal walks
    /// nextIndex back as usual. Off (the paper's Figure 2): nextIndex moves on acknowledgement,
    /// and every AppendEntries carries the entries from it on, so on a network slower than the
    /// writes come, each write's AppendEntries and each acknowledgement send the same entries
    /// again.
    pub pipeline: bool,
    /// Flow control for pipelining, as etcd-io/raft's `Progress` (tracker/progress.go) and
    /// tikv/raft-rs do it: a leader pipelines to a follower only once it has acknowledged
    /// entries (replicate); after a refusal it probes again, one AppendEntries at a time (a new
    /// entry waits for the probe's answer or the next heartbeat), nextIndex moving only as
    /// answers come and only a refusal of the entry just before nextIndex counting. A refusal while
    /// replicating sends nextIndex straight back to just past matchIndex. Without it, a
    /// pipelining leader pipelines to every follower, even one far behind, and the refusals of
    /// the AppendEntries on their way each walk nextIndex back anew, one entry per round trip.
    /// Changes nothing without [`RaftOptions::pipeline`].
    pub flow_control: bool,
    /// Rules switched off on purpose, to show why each exists. All off by default.
    pub unsafe_rules: UnsafeRules,
}

/// Each switch breaks one rule of Raft, as a learner (or the article this playground grew
/// from) might believe it works; with the right schedule the safety checker catches what
/// breaks. None changes anything while off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct UnsafeRules {
    /// Votes ignore whether the candidate's log is up to date (§5.4.1 off): a server missing
    /// committed entries can win and erase them (Leader Completeness breaks).
    pub no_election_restriction: bool,
    /// A leader commits any entry stored on a majority, whatever its term (§5.4.2 off): the
    /// paper's Figure 8, where a committed entry is overwritten (State Machine Safety breaks).
    pub commit_old_terms: bool,
    /// "Elect the largest server id": a server that already voted in this term votes again for
    /// a candidate with a higher id, so two leaders can win one term (Election Safety breaks).
    pub vote_for_highest_id: bool,
    /// A follower accepts AppendEntries if and only if leaderCommit equals its own commitIndex
    /// and prevLogIndex is not past its log, without checking prevLogTerm: logs come to agree
    /// on an entry but not on what precedes it (Log Matching breaks).
    pub ack_on_equal_commit: bool,
    /// A new leader may append a configuration entry before it has committed an entry of its
    /// own term: the bug in the single-server algorithm found in 2015, where changes racing
    /// across terms let two disjoint majorities commit different entries at one index (State
    /// Machine Safety breaks).
    pub reconfig_before_term_commit: bool,
    /// Any server answers a read at once from its own state machine, leader or not, checked
    /// or not: a deposed leader or a lagging follower answers with an old value
    /// (linearizability breaks).
    pub stale_reads: bool,
}

/// How a leader serves a read so that it sees every write that completed before it (thesis
/// §6.4). Whatever the mode, only the leader answers reads (unless `stale_reads` is on).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ReadMode {
    /// The read is an entry of the log, like a write, answered once applied.
    #[default]
    Log,
    /// ReadIndex (thesis §6.4): once the leader has committed an entry of its term, it notes
    /// its commitIndex, confirms with a round of heartbeats that a majority still follows it,
    /// and answers once it has applied up to the noted index. No log entry is written.
    ReadIndex,
    /// Leases (thesis §6.4.1): a leader that a majority acknowledged in a heartbeat round sent
    /// at time t answers reads at once until t plus the shortest election timeout (divided by
    /// the clock drift bound, [`RaftOptions::lease_window`]), because with CheckQuorum's guard
    /// no server that acknowledged will vote for another before then. Safe only with
    /// `check_quorum`, and only while the clocks drift apart by no more than
    /// `clock_drift_percent`; without CheckQuorum it serves as ReadIndex does.
    Lease,
}

impl RaftOptions {
    /// Whether a leader answers reads on its lease: the lease read mode with CheckQuorum, whose
    /// guard the lease relies on (thesis §6.4.1). Without CheckQuorum the lease mode serves as
    /// ReadIndex does.
    pub fn trusts_leases(&self) -> bool {
        self.read_mode == ReadMode::Lease && self.check_quorum
    }

    /// How long a lease lasts, in the leader's own time, from the start of a heartbeat round a
    /// majority acknowledged (thesis §6.4.1): the shortest election timeout divided by the
    /// clock drift bound. A server that acknowledged the round votes for no one else until
    /// the shortest election timeout has passed on *its* clock; if the leader's clock may run
    /// slower than that server's by the bound, only the shortened lease surely ends first.
    pub fn lease_window(&self) -> Millis {
        let bound = 100 + u64::from(self.clock_drift_percent);
        self.election_timeout_min_ms.saturating_mul(100) / bound
    }
}

impl Default for RaftOptions {
    fn default() -> Self {
        RaftOptions {
            max_entries_per_append: 16,
            noop_on_election: true,
            conflict_hint: false,
            pre_vote: false,
            check_quorum: false,
            membership: MembershipMode::Single,
            read_mode: ReadMode::Log,
            snapshot_every: 0,
            election_timeout_min_ms: 150,
            clock_drift_percent: 0,
            pipeline: false,
            flow_control: false,
            unsafe_rules: UnsafeRules::default(),
        }
    }
}
