//! A tiny in-memory cluster for core tests: messages wait in a queue until the test delivers
//! them, instantly and in order, so each test controls exactly what happens when.
#![allow(dead_code)] // each test file uses a different part

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use raft_core::{
    ClientResult, Command, Entry, Input, Log, MembershipChange, Message, Millis, Node, NodeId, Output, PersistentState,
    RaftOptions, RequestId, Term, Timer,
};

/// Entries of the given terms, each setting `x` to its position, like the paper's figures.
pub fn entries(terms: &[Term]) -> Vec<Entry> {
    terms
        .iter()
        .enumerate()
        .map(|(i, &term)| Entry { term, command: Command::parse(&format!("x={}", i + 1)).unwrap() })
        .collect()
}

/// The terms of a log, index 1 first.
pub fn terms(log: &Log) -> Vec<Term> {
    log.entries().map(|entry| entry.term).collect()
}

/// Servers 1..=n whose messages are delivered only when asked.
pub struct TestCluster {
    pub nodes: BTreeMap<NodeId, Node>,
    pub options: RaftOptions,
    queue: VecDeque<(NodeId, NodeId, Message)>,
    down: BTreeSet<NodeId>,
    /// Servers cut off from every other: messages between them and the rest are lost.
    isolated: BTreeSet<NodeId>,
    /// Every message delivered so far, in order.
    pub delivered: Vec<(NodeId, NodeId, Message)>,
    /// Every client response, in order: (node, request, result).
    pub responses: Vec<(NodeId, RequestId, ClientResult)>,
    /// Every output other than sends and timers, per node.
    pub events: BTreeMap<NodeId, Vec<Output>>,
    /// The time every input is handled at, in ms: the test moves it with [`TestCluster::advance`].
    pub now: Millis,
}

impl TestCluster {
    /// `n` fresh servers.
    pub fn new(n: u32, options: RaftOptions) -> Self {
        Self::with_state(options, (1..=n).map(|_| PersistentState::default()).collect())
    }

    /// One server per persistent state, numbered from 1.
    pub fn with_state(options: RaftOptions, states: Vec<PersistentState>) -> Self {
        let ids: Vec<NodeId> = (1..=states.len() as NodeId).collect();
        let mut cluster = TestCluster {
            nodes: BTreeMap::new(),
            options: options.clone(),
            queue: VecDeque::new(),
            down: BTreeSet::new(),
            isolated: BTreeSet::new(),
            delivered: Vec::new(),
            responses: Vec::new(),
            events: BTreeMap::new(),
            now: 0,
        };
        for (id, state) in ids.iter().zip(states) {
            cluster.nodes.insert(*id, Node::restore(*id, &ids, options.clone(), state));
            cluster.drain(*id);
        }
        cluster
    }

    /// Servers in `current_term` with these logs (given as terms).
    pub fn with_logs(options: RaftOptions, current_term: Term, logs: &[&[Term]]) -> Self {
        let states = logs
            .iter()
            .map(|terms| PersistentState {
                current_term,
                voted_for: None,
                log: Log::from_entries(entries(terms)),
                snapshot: None,
            })
            .collect();
        Self::with_state(options, states)
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[&id]
    }

    fn input(&mut self, id: NodeId, input: Input) {
        if self.down.contains(&id) {
            return;
        }
        let now = self.now;
        self.nodes.get_mut(&id).unwrap().handle(now, input);
        self.drain(id);
    }

    fn drain(&mut self, id: NodeId) {
        while let Some(output) = self.nodes.get_mut(&id).unwrap().poll_output() {
            match output {
                Output::Send { to, message } => self.queue.push_back((id, to, message)),
                Output::SetTimer(_) => {}
                Output::ClientResponse { request_id, result } => self.responses.push((id, request_id, result)),
                other => self.events.entry(id).or_default().push(other),
            }
        }
    }

    /// Moves the clock on by `ms`.
    pub fn advance(&mut self, ms: Millis) {
        self.now += ms;
    }

    /// The driver asks leader `id` to hand over to `to`.
    pub fn transfer(&mut self, id: NodeId, to: NodeId) {
        self.input(id, Input::TransferLeadership { to });
    }

    /// Fires `id`'s election timer.
    pub fn timeout(&mut self, id: NodeId) {
        self.input(id, Input::Timer(Timer::Election));
    }

    /// Fires `id`'s heartbeat timer.
    pub fn heartbeat(&mut self, id: NodeId) {
        self.input(id, Input::Timer(Timer::Heartbeat));
    }

    /// A client sends `command` to `id`.
    pub fn write(&mut self, id: NodeId, request_id: RequestId, command: &str) {
        let command = Command::parse(command).unwrap();
        self.input(id, Input::ClientRequest { request_id, command });
    }

    /// The driver asks `id` to snapshot and compact its log.
    pub fn snapshot(&mut self, id: NodeId) {
        self.input(id, Input::TakeSnapshot);
    }

    /// A client reads `key` at `id`.
    pub fn read(&mut self, id: NodeId, request_id: RequestId, key: &str) {
        let command = Command::get(key).unwrap();
        self.input(id, Input::ClientRequest { request_id, command });
    }

    /// The answer to request `request_id`, if one came.
    pub fn response(&self, request_id: RequestId) -> Option<&ClientResult> {
        self.responses.iter().find(|(_, id, _)| *id == request_id).map(|(_, _, result)| result)
    }

    /// Starts `id` as a new, empty server joining the cluster: it knows no configuration.
    pub fn join(&mut self, id: NodeId) {
        self.nodes.insert(id, Node::joining(id, self.options.clone()));
        self.drain(id);
    }

    /// A client asks `id` for a membership change.
    pub fn change(&mut self, id: NodeId, request_id: RequestId, change: MembershipChange) {
        self.input(id, Input::ChangeMembership { request_id, change });
    }

    /// Delivers queued messages (and those they cause) until none is left. Messages to or
    /// from a crashed server are lost.
    pub fn deliver_all(&mut self) {
        while let Some((from, to, message)) = self.queue.pop_front() {
            if self.down.contains(&from) || self.down.contains(&to) {
                continue;
            }
            if self.isolated.contains(&from) != self.isolated.contains(&to) {
                continue;
            }
            self.delivered.push((from, to, message.clone()));
            self.input(to, Input::Message { from, message });
        }
    }

    /// Takes every queued message out of the queue, undelivered, for a test to deliver when
    /// and as often as it likes.
    pub fn take_queued(&mut self) -> Vec<(NodeId, NodeId, Message)> {
        self.queue.drain(..).collect()
    }

    /// Delivers `message` from `from` to `to` now, whatever was queued; what it causes is
    /// queued.
    pub fn inject(&mut self, from: NodeId, to: NodeId, message: Message) {
        self.input(to, Input::Message { from, message });
    }

    /// Loses every queued message.
    pub fn drop_all(&mut self) {
        self.queue.clear();
    }

    /// Cuts `id` off from the others: messages between it and them are lost from now on.
    pub fn isolate(&mut self, id: NodeId) {
        self.isolated.insert(id);
    }

    /// Ends every isolation.
    pub fn heal(&mut self) {
        self.isolated.clear();
    }

    /// `id` stops: it loses its volatile state, and messages to it are lost.
    pub fn crash(&mut self, id: NodeId) {
        self.down.insert(id);
    }

    /// `id` comes back from its persistent state.
    pub fn restart(&mut self, id: NodeId) {
        self.down.remove(&id);
        let node = &self.nodes[&id];
        let mut restored =
            Node::start(id, node.base_configuration().clone(), self.options.clone(), node.persistent_state().clone());
        restored.restarted(self.now);
        self.nodes.insert(id, restored);
        self.drain(id);
    }

    /// Heartbeats of leader `id` every 50 ms for `ms`, every message delivered.
    pub fn lead_for(&mut self, id: NodeId, ms: Millis) {
        for _ in 0..ms / 50 {
            self.advance(50);
            self.heartbeat(id);
            self.deliver_all();
        }
    }

    /// Elects `id`: it times out and every message is delivered.
    pub fn elect(&mut self, id: NodeId) {
        self.timeout(id);
        self.deliver_all();
        assert_eq!(self.node(id).role(), raft_core::RoleKind::Leader, "node {id} should have won");
    }

    /// How many AppendEntries `follower` rejected.
    pub fn rejections_by(&self, follower: NodeId) -> usize {
        self.delivered
            .iter()
            .filter(|(from, _, message)| {
                *from == follower && matches!(message, Message::AppendEntriesReply(reply) if !reply.success)
            })
            .count()
    }
}
