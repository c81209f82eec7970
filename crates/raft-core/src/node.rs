//! The [`Node`]: one Raft server's state and the dispatch of its inputs.

use std::collections::VecDeque;

use crate::configuration::Configuration;
use crate::io::{ClientResult, Input, Output, Timer};
use crate::log::Log;
use crate::message::{Message, RequestVoteReply};
use crate::options::RaftOptions;
use crate::role::{Follower, Progress, Role, RoleKind};
use crate::state_machine::KvStore;
use crate::types::{LogIndex, Millis, NodeId, Term};

/// The state a server keeps on stable storage and gets back after a crash (Figure 2):
/// currentTerm, votedFor and the log, and its latest snapshot, which replaces the log's
/// beginning (paper §7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PersistentState {
    /// Latest term the server has seen (starts at 0, only grows).
    pub current_term: Term,
    /// The candidate that received this server's vote in `current_term`, if any.
    pub voted_for: Option<NodeId>,
    /// The log: the entries after the snapshot, if there is one.
    pub log: Log,
    /// The latest snapshot (shared: every time-travel checkpoint holds it).
    pub snapshot: Option<std::sync::Arc<crate::Snapshot>>,
}

/// One Raft server, sans I/O. See the crate documentation for how to drive it.
#[derive(Clone, Debug)]
pub struct Node {
    pub(crate) id: NodeId,
    /// The configuration the cluster started with, before any configuration entry of the log:
    /// servers 1..K for the first servers, none for a server added later (bootstrapping, thesis §4.4).
    pub(crate) base: Configuration,
    /// The configuration in force: the latest in the log, committed or not, else `base`.
    pub(crate) config: Configuration,
    /// The index of the entry `config` comes from; 0 for `base`.
    pub(crate) config_index: LogIndex,
    pub(crate) options: RaftOptions,
    pub(crate) persistent: PersistentState,
    pub(crate) role: Role,
    /// Index of the highest entry known to be committed (volatile: 0 after a restart).
    pub(crate) commit_index: LogIndex,
    /// Index of the highest entry applied to `kv` (volatile).
    pub(crate) last_applied: LogIndex,
    /// The state machine, rebuilt from the log after a restart.
    pub(crate) kv: KvStore,
    /// The time of the input being handled, as the driver told it.
    pub(crate) now: Millis,
    /// When this follower last heard from the leader of its current term (volatile).
    pub(crate) leader_contact_at: Option<Millis>,
    /// When the driver restarted it ([`Node::restarted`]), for the lease's guard.
    pub(crate) restarted_at: Option<Millis>,
    /// With lease reads: the leader this server last heard from, and when, kept through any
    /// change of term, for the lease's guard (see `Node::guards_a_lease`).
    pub(crate) lease_leader: Option<(NodeId, Millis)>,
    outputs: VecDeque<Output>,
}

impl Node {
    /// Feeds everything that decides how this server answers its next inputs into `state`:
    /// its persistent and volatile state and its role's bookkeeping, but not the moment of
    /// its last input nor outputs the driver has not collected. A model checker keys the
    /// states it has visited on it; servers with equal fingerprints (under one clock) behave
    /// alike from here on.
    pub fn fingerprint<H: std::hash::Hasher>(&self, state: &mut H) {
        use std::hash::Hash;
        self.id.hash(state);
        self.base.hash(state);
        self.config.hash(state);
        self.config_index.hash(state);
        self.persistent.hash(state);
        self.role.hash(state);
        self.commit_index.hash(state);
        self.last_applied.hash(state);
        self.kv.hash(state);
        self.leader_contact_at.hash(state);
        self.restarted_at.hash(state);
        self.lease_leader.hash(state);
    }
}

impl Node {
    /// A fresh server `id` in a cluster of `cluster` (which must contain `id`): a follower in
    /// term 0 with an empty log and its election timer armed.
    pub fn new(id: NodeId, cluster: &[NodeId], options: RaftOptions) -> Self {
        Self::restore(id, cluster, options, PersistentState::default())
    }

    /// A new, empty server `id` joining a running cluster: it knows no configuration, so it
    /// never campaigns, until the leader's log tells it that it votes (thesis §4.2.1).
    pub fn joining(id: NodeId, options: RaftOptions) -> Self {
        Self::start(id, Configuration::default(), options, PersistentState::default())
    }

    /// A server starting from `persistent` state, as after a crash and restart: a follower
    /// with its election timer armed, commit index 0 and an empty state machine, which it
    /// rebuilds as it learns the commit index again.
    ///
    /// # Panics
    /// If `cluster` does not contain `id` (a driver bug, not peer input).
    pub fn restore(id: NodeId, cluster: &[NodeId], options: RaftOptions, persistent: PersistentState) -> Self {
        assert!(cluster.contains(&id), "node {id} is not in its cluster {cluster:?}");
        Self::start(id, Configuration::new(cluster.iter().copied()), options, persistent)
    }

    /// A server starting from `persistent` state with `base` as the configuration before its
    /// log's: how a server added later restarts after a crash ([`Node::base_configuration`]).
    /// With a snapshot, the state machine, commit index and lastApplied start from it, and the
    /// configuration before the log is the snapshot's.
    pub fn start(id: NodeId, base: Configuration, options: RaftOptions, persistent: PersistentState) -> Self {
        let snapshot = persistent.snapshot.clone();
        let base = snapshot.as_ref().map_or(base, |snapshot| snapshot.config.clone());
        let before_log = snapshot.as_ref().map_or(0, |snapshot| snapshot.last_index);
        let (config_index, config) = match persistent.log.configuration_at_or_before(persistent.log.last_index()) {
            Some((index, config)) => (index, config.clone()),
            None => (before_log, base.clone()),
        };
        let mut node = Node {
            id,
            base,
            config,
            config_index,
            options,
            persistent,
            role: Role::Follower(Follower::default()),
            commit_index: before_log,
            last_applied: before_log,
            kv: snapshot.map(|snapshot| snapshot.kv.clone()).unwrap_or_default(),
            now: 0,
            leader_contact_at: None,
            restarted_at: None,
            lease_leader: None,
            outputs: VecDeque::new(),
        };
        node.emit(Output::SetTimer(Timer::Election));
        node
    }

    /// This server's id.
    pub fn id(&self) -> NodeId {
        self.id
    }

    /// The role it plays now.
    pub fn role(&self) -> RoleKind {
        self.role.kind()
    }

    /// Its current term.
    pub fn current_term(&self) -> Term {
        self.persistent.current_term
    }

    /// Whether it acts on an AppendEntries or InstallSnapshot answer of `term`: only as the
    /// leader of that very term. An answer of another term, or one that reaches a leader that
    /// has stepped down since it asked, is ignored (Figure 2, §5.1).
    pub fn acts_on_answer_of(&self, term: Term) -> bool {
        self.role() == RoleKind::Leader && self.current_term() == term
    }

    /// Whether it refuses a request (RequestVote, AppendEntries, InstallSnapshot) of `term`:
    /// one of an earlier term than its own, whatever it asks. The refusal carries its term,
    /// which tells the sender that its term is over (Figure 2, each RPC's first rule; §5.1).
    pub fn refuses_request_of(&self, term: Term) -> bool {
        term < self.current_term()
    }

    /// Whom it voted for in the current term.
    pub fn voted_for(&self) -> Option<NodeId> {
        self.persistent.voted_for
    }

    /// Its log.
    pub fn log(&self) -> &Log {
        &self.persistent.log
    }

    /// Its latest snapshot, if it has taken or installed one.
    pub fn snapshot(&self) -> Option<&crate::Snapshot> {
        self.persistent.snapshot.as_deref()
    }

    /// Its persistent state, the part that survives a crash.
    pub fn persistent_state(&self) -> &PersistentState {
        &self.persistent
    }

    /// The leader of the current term as far as this node knows: itself when leading.
    pub fn leader(&self) -> Option<NodeId> {
        match &self.role {
            Role::Follower(follower) => follower.leader,
            Role::PreCandidate(_) | Role::Candidate(_) => None,
            Role::Leader(_) => Some(self.id),
        }
    }

    /// The servers that granted this candidate a vote in its term, or this pre-candidate a
    /// pre-vote (itself included); empty for the other roles.
    pub fn votes_received(&self) -> Vec<NodeId> {
        match &self.role {
            Role::PreCandidate(candidate) | Role::Candidate(candidate) => candidate.votes.iter().copied().collect(),
            _ => Vec::new(),
        }
    }

    /// The votes this candidate's election counts: those of servers that vote in its
    /// configuration (thesis §4.1; a server removing itself campaigns without its own vote,
    /// §4.2.2). Each counts once, in C_old or C_new while joint; 0 for the other roles.
    pub fn votes_counted(&self) -> usize {
        self.votes_received().into_iter().filter(|&id| self.config.is_voter(id)).count()
    }

    /// The configuration in force on this server (thesis §4.1): the latest in its log,
    /// committed or not.
    pub fn configuration(&self) -> &Configuration {
        &self.config
    }

    /// The index of the log entry the configuration in force comes from (0: none, the
    /// configuration the cluster started with).
    pub fn configuration_index(&self) -> LogIndex {
        self.config_index
    }

    /// The configuration before any configuration entry of its log: what a restart needs.
    pub fn base_configuration(&self) -> &Configuration {
        &self.base
    }

    /// The options it runs with.
    pub fn options(&self) -> &RaftOptions {
        &self.options
    }

    /// commitIndex: the highest log index it knows to be committed.
    pub fn commit_index(&self) -> LogIndex {
        self.commit_index
    }

    /// lastApplied: the highest log index applied to its state machine.
    pub fn last_applied(&self) -> LogIndex {
        self.last_applied
    }

    /// Its state machine.
    pub fn kv(&self) -> &KvStore {
        &self.kv
    }

    /// A leader's nextIndex and matchIndex for each follower, by follower id; empty otherwise.
    pub fn progress(&self) -> Vec<(NodeId, Progress)> {
        match &self.role {
            Role::Leader(leader) => leader.progress.iter().map(|(&id, &p)| (id, p)).collect(),
            _ => Vec::new(),
        }
    }

    /// The driver tells a server that it has just restarted, at `now`. With lease reads
    /// (thesis §6.4.1) it then ignores requests for votes for the shortest election timeout:
    /// before it crashed it may have acknowledged a leader's heartbeat round, and that leader
    /// serves reads on the lease that acknowledgement gave it, which a crash does not end. With
    /// any other read mode this changes nothing.
    pub fn restarted(&mut self, now: Millis) {
        self.now = self.now.max(now);
        self.restarted_at = Some(now);
    }

    /// Feeds one input, happening at time `now` (ms, never decreasing). Drain
    /// [`Node::poll_output`] afterwards.
    pub fn handle(&mut self, now: Millis, input: Input) {
        self.now = self.now.max(now);
        // A snapshot that came due while the previous input was handled is taken now, so the
        // driver has seen every entry before the log lets go of it.
        self.snapshot_if_due();
        match input {
            Input::Timer(Timer::Election) => self.on_election_timer(),
            Input::Timer(Timer::Heartbeat) => self.on_heartbeat_timer(),
            Input::Message { from, message } => self.handle_message(from, message),
            Input::ClientRequest { request_id, command } => self.handle_client_request(request_id, command),
            Input::TransferLeadership { to } => self.transfer_leadership(to),
            Input::ChangeMembership { request_id, change } => self.handle_membership_change(request_id, change),
            Input::TakeSnapshot => {
                self.take_snapshot();
            }
        }
    }

    /// The next output, or `None` when the node has nothing more to say until its next input.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    fn handle_message(&mut self, from: NodeId, message: Message) {
        let later = message.term() > self.persistent.current_term;
        if later && self.ignores_as_disruptive(&message) {
            self.tell_ignored(from, &message);
            return;
        }
        // §5.1: a message from a later term makes any server a follower of that term, except
        // PreVote's, which speak of a term no one has started (thesis §9.6): a pre-vote request,
        // and a pre-vote granted (a refusal carries the voter's own, real term).
        let future_term = matches!(
            &message,
            Message::RequestPreVote(_) | Message::RequestPreVoteReply(RequestVoteReply { vote_granted: true, .. })
        );
        if later && !future_term {
            self.step_down(message.term());
        }
        match message {
            Message::RequestVote(request) => self.handle_request_vote(from, request),
            Message::RequestVoteReply(reply) => self.handle_request_vote_reply(from, reply),
            Message::AppendEntries(request) => self.handle_append_entries(from, request),
            Message::AppendEntriesReply(reply) => self.handle_append_entries_reply(from, reply),
            Message::RequestPreVote(request) => self.handle_request_pre_vote(from, request),
            Message::RequestPreVoteReply(reply) => self.handle_request_pre_vote_reply(from, reply),
            Message::TimeoutNow(timeout) => self.handle_timeout_now(from, timeout),
            Message::InstallSnapshot(request) => self.handle_install_snapshot(from, request),
            Message::InstallSnapshotReply(reply) => self.handle_install_snapshot_reply(from, reply),
        }
    }

    /// Adopts the later `term` and becomes its follower, not yet knowing its leader.
    ///
    /// A follower's election timer keeps running: only hearing from the current leader or
    /// granting a vote resets it (Figure 2, "Followers"). A leader or candidate that steps down
    /// needs its election timer armed again.
    fn step_down(&mut self, term: Term) {
        self.persistent.current_term = term;
        self.persistent.voted_for = None;
        self.leader_contact_at = None;
        self.become_follower(None);
    }

    /// Becomes (or stays) a follower in the current term, following `leader` if known.
    pub(crate) fn become_follower(&mut self, leader: Option<NodeId>) {
        let was_follower = self.role.kind() == RoleKind::Follower;
        self.set_role(Role::Follower(Follower { leader }));
        if !was_follower {
            self.emit_role_change();
            self.emit(Output::SetTimer(Timer::Election));
        }
    }

    /// Replaces the role. A leader that stops leading tells its waiting clients that their
    /// entries' fate is now unknown, and a membership change it had not yet appended that it
    /// is dropped.
    pub(crate) fn set_role(&mut self, role: Role) {
        if let Role::Leader(leader) = std::mem::replace(&mut self.role, role) {
            let unappended = leader.change.map(|change| change.request_id);
            let reads = leader.reads.into_waiting();
            for request_id in leader.pending.into_values().chain(unappended).chain(reads) {
                self.emit(Output::ClientResponse { request_id, result: ClientResult::LeadershipLost });
            }
        }
    }

    /// The servers this one talks to: the voters of its configuration and, on a leader, the
    /// learners catching up; never itself.
    pub(crate) fn peers(&self) -> Vec<NodeId> {
        let learners = match &self.role {
            Role::Leader(leader) => leader.change.as_ref().map_or(&[][..], |change| &change.learners[..]),
            _ => &[],
        };
        let mut peers = self.config.members();
        peers.extend_from_slice(learners);
        peers.sort_unstable();
        peers.dedup();
        peers.retain(|&peer| peer != self.id);
        peers
    }

    pub(crate) fn send(&mut self, to: NodeId, message: Message) {
        self.emit(Output::Send { to, message });
    }

    pub(crate) fn emit(&mut self, output: Output) {
        self.outputs.push_back(output);
    }

    pub(crate) fn emit_role_change(&mut self) {
        let output = Output::RoleChanged { role: self.role.kind(), term: self.persistent.current_term };
        self.emit(output);
    }
}
