//! Reads (thesis §6.4). With the `log` read mode a read is an entry of the log, answered when
//! applied (see `commit.rs`); this module serves the two modes that write nothing: ReadIndex,
//! which confirms leadership with a round of heartbeats, and leases, which trust a recent
//! round for an election timeout (§6.4.1). The `stale_reads` switch answers from any server at
//! once, to show what the rest is for.

use std::collections::VecDeque;
use std::sync::Arc;

use playground_support::SortedMap;

use crate::io::{ClientResult, LeaseStanding, Output};
use crate::node::Node;
use crate::options::ReadMode;
use crate::role::Role;
use crate::types::{LogIndex, Millis, NodeId, RequestId};

/// At most this many heartbeat rounds wait for a majority with their start times kept; an
/// older round acknowledged later extends no lease, which is only ever safe.
const MAX_ROUNDS_KEPT: usize = 64;

/// A leader's heartbeat rounds and the reads waiting on them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct ReadState {
    /// The latest round begun; every AppendEntries carries it (0: none yet).
    pub(crate) round: u64,
    /// The start time of each round not yet acknowledged by a majority, oldest first.
    started: VecDeque<(u64, Millis)>,
    /// The highest round each follower has acknowledged.
    acked: SortedMap<NodeId, u64>,
    /// The highest round a majority has acknowledged (the leader itself included).
    confirmed: u64,
    /// Until when the lease holds: no other leader can be elected before then.
    lease_until: Millis,
    /// Set once this leader sent TimeoutNow: the election it asked for may skip CheckQuorum's
    /// guard, so its lease proves nothing for the rest of its term.
    lease_void: bool,
    /// Reads not yet answered, in the order they arrived.
    waiting: Vec<PendingRead>,
}

/// A read the leader has taken on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PendingRead {
    request_id: RequestId,
    key: Arc<String>,
    /// The commitIndex when the read was taken on, once the leader has committed an entry of
    /// its term; the answer must reflect at least this much of the log.
    read_index: Option<LogIndex>,
    /// The round a majority must acknowledge before the read is served (0: none, the lease
    /// covered it).
    round: u64,
}

impl Node {
    /// A client read that this server cannot or need not serve through the log: with the
    /// `stale_reads` switch any server answers at once from its own state machine; otherwise
    /// a leader using ReadIndex or leases takes it on. Returns whether the read was handled
    /// here (the `log` read mode appends it like a write instead).
    pub(crate) fn handle_read(&mut self, request_id: RequestId, key: &Arc<String>) -> bool {
        if self.options.unsafe_rules.stale_reads {
            let result = ClientResult::Read { index: self.last_applied, value: self.kv.get(key).map(str::to_owned) };
            self.emit(Output::ClientResponse { request_id, result });
            return true;
        }
        if self.options.read_mode == ReadMode::Log || !matches!(self.role, Role::Leader(_)) {
            return false;
        }
        if self.refuse_unless_leading(request_id) {
            return true;
        }
        let read = PendingRead { request_id, key: key.clone(), read_index: None, round: 0 };
        if let Role::Leader(leader) = &mut self.role {
            leader.reads.waiting.push(read);
        }
        self.start_reads();
        if !self.own_term_committed() {
            self.emit(Output::ReadHeld { request_id, term: self.persistent.current_term });
        }
        true
    }

    /// Gives each waiting read its readIndex once the leader has committed an entry of its
    /// own term (before that, its commitIndex may lag what earlier leaders committed), then
    /// either trusts the lease or begins a new heartbeat round for them, and serves what it can.
    pub(crate) fn start_reads(&mut self) {
        let (commit_index, now) = (self.commit_index, self.now);
        let own_term_committed = self.own_term_committed();
        let lease_mode = self.options.trusts_leases();
        let Role::Leader(leader) = &mut self.role else { return };
        let reads = &mut leader.reads;
        if reads.waiting.is_empty() {
            return;
        }
        let lease = lease_mode.then(|| LeaseStanding::of(reads.lease_until, reads.lease_void, now));
        let lease_holds = matches!(lease, Some(LeaseStanding::Holds { .. }));
        let mut set = Vec::new();
        for read in reads.waiting.iter_mut().filter(|read| read.read_index.is_none()) {
            if !own_term_committed {
                break;
            }
            read.read_index = Some(commit_index);
            read.round = if lease_holds { 0 } else { reads.round + 1 };
            set.push(Output::ReadIndexSet {
                request_id: read.request_id,
                read_index: commit_index,
                round: read.round,
                lease,
            });
        }
        let new_round = !lease_holds && !set.is_empty();
        for output in set {
            self.emit(output);
        }
        if new_round {
            self.broadcast_append_entries();
        }
        self.confirm_reads();
    }

    /// Whether this server has committed an entry of its current term: before that, a new
    /// leader's commitIndex may lag what earlier leaders committed (thesis §6.4).
    fn own_term_committed(&self) -> bool {
        self.persistent.log.term_at(self.commit_index) == Some(self.persistent.current_term)
    }

    /// Begins a new heartbeat round, when reads need rounds: called as a leader sends
    /// AppendEntries to every peer.
    pub(crate) fn begin_round(&mut self) {
        if self.options.read_mode == ReadMode::Log {
            return;
        }
        let now = self.now;
        let Role::Leader(leader) = &mut self.role else { return };
        let reads = &mut leader.reads;
        reads.round += 1;
        if reads.started.len() == MAX_ROUNDS_KEPT {
            reads.started.pop_front();
        }
        reads.started.push_back((reads.round, now));
    }

    /// A follower answered an AppendEntries of round `round` in this leader's term: it
    /// followed this leader after that round began.
    pub(crate) fn note_round_acknowledged(&mut self, from: NodeId, round: u64) {
        if round == 0 {
            return;
        }
        let Role::Leader(leader) = &mut self.role else { return };
        let acked = leader.reads.acked.get(&from).copied().unwrap_or(0);
        // Never a round this leadership has not begun (a reply can only echo one it sent).
        if round > acked && round <= leader.reads.round {
            leader.reads.acked.insert(from, round);
            self.confirm_reads();
        }
    }

    /// Works out the highest round a majority acknowledged, extends the lease from that
    /// round's start, and serves what it can.
    fn confirm_reads(&mut self) {
        let (own, window) = (self.id, self.options.lease_window());
        let Role::Leader(leader) = &mut self.role else { return };
        let reads = &mut leader.reads;
        let held = |id: NodeId| if id == own { reads.round } else { reads.acked.get(&id).copied().unwrap_or(0) };
        let majority = self.config.committed_index(held);
        let mut confirmed = None;
        if majority > reads.confirmed {
            // The reads it confirms, by the latest round one of them waited on (a later round's
            // answers confirm the earlier ones' too).
            let newly = |read: &&PendingRead| read.round > reads.confirmed && read.round <= majority;
            let (count, round) = reads
                .waiting
                .iter()
                .filter(newly)
                .fold((0, 0), |(count, round), read| (count + 1, round.max(read.round)));
            if count > 0 {
                confirmed = Some(Output::ReadRoundConfirmed { round, answered: majority, reads: count });
            }
            reads.confirmed = majority;
            while let Some(&(round, started_at)) = reads.started.front().filter(|&&(round, _)| round <= majority) {
                reads.started.pop_front();
                if round == majority {
                    reads.lease_until = reads.lease_until.max(started_at.saturating_add(window));
                }
            }
        }
        if let Some(output) = confirmed {
            self.emit(output);
        }
        self.serve_reads();
    }

    /// Answers every read whose round is confirmed and whose readIndex is applied.
    pub(crate) fn serve_reads(&mut self) {
        let last_applied = self.last_applied;
        let Role::Leader(leader) = &mut self.role else { return };
        let confirmed = leader.reads.confirmed;
        let ready = |read: &PendingRead| read.read_index.is_some_and(|i| i <= last_applied) && read.round <= confirmed;
        if !leader.reads.waiting.iter().any(ready) {
            return;
        }
        let (done, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut leader.reads.waiting).into_iter().partition(ready);
        leader.reads.waiting = waiting;
        for read in done {
            let value = self.kv.get(&read.key).map(str::to_owned);
            let index = read.read_index.unwrap_or(last_applied);
            self.emit(Output::ClientResponse {
                request_id: read.request_id,
                result: ClientResult::Read { index, value },
            });
        }
    }

    /// A leader that sends TimeoutNow stops trusting its lease (see [`ReadState`]).
    pub(crate) fn void_lease(&mut self) {
        if let Role::Leader(leader) = &mut self.role {
            leader.reads.lease_void = true;
        }
    }
}

impl ReadState {
    /// The reads still waiting, for a leader that stops leading to answer.
    pub(crate) fn into_waiting(self) -> impl Iterator<Item = RequestId> {
        self.waiting.into_iter().map(|read| read.request_id)
    }
}
