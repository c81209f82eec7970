//! The [`Simulation`]: nodes, their timers, the network, the client, one clock and one
//! random source. User actions live in `faults.rs` and `client_ops.rs`.

use raft_core::{Input, Node, NodeId, Output, PersistentState, RequestId, Timer};
use std::rc::Rc;

use crate::action::{Action, ActionError, TimedAction};
use crate::client::ClientOp;
use crate::clock::ServerClock;
use crate::config::SimConfig;
use crate::invariants::{Checker, Violation};
use crate::network::{DropReason, InFlight, MessageId, Network, Payload, CLIENT};
use crate::queue::EventQueue;
use crate::rng::SimRng;
use crate::story::{Story, StoryEvent};
use crate::time::{elapsed_fraction, Millis};
use crate::trace::{timer_name, Trace, TraceEvent};

/// A timer a node has armed, kept so the page can draw it running down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArmedTimer {
    /// Which timer.
    pub timer: Timer,
    /// When it was armed.
    pub armed_at: Millis,
    /// When it fires.
    pub deadline: Millis,
    /// Bumped on every arming, so the queued events of replaced timers are recognised as stale.
    generation: u64,
}

impl ArmedTimer {
    /// The fraction of its interval still to run at `now`, from 1 (just armed) to 0 (firing).
    pub fn remaining_fraction(&self, now: f64) -> f64 {
        1.0 - elapsed_fraction(self.armed_at, self.deadline, now)
    }
}

/// A server of the simulated cluster: its Raft state, its timer, and whether it runs.
#[derive(Clone, Debug)]
pub struct SimNode {
    pub(crate) node: Node,
    pub(crate) timer: Option<ArmedTimer>,
    pub(crate) up: bool,
    /// Its own clock, which its Raft reads (kept through crashes: it is the machine's).
    pub(crate) clock: ServerClock,
    /// The model checker's fingerprint of this server, once asked for; every change
    /// ([`Simulation::node_mut`]) forgets it.
    pub(crate) fingerprint: std::cell::OnceCell<u64>,
}

impl SimNode {
    /// `node`, running on `clock`, no timer armed yet: to be shared.
    pub(crate) fn running(node: Node, clock: ServerClock) -> Rc<SimNode> {
        Rc::new(SimNode { node, timer: None, up: true, clock, fingerprint: std::cell::OnceCell::new() })
    }

    /// Its clock: exact unless a `clock` action set its speed.
    pub fn clock(&self) -> &ServerClock {
        &self.clock
    }

    /// The Raft state. While crashed, only its persistent part is meaningful.
    pub fn node(&self) -> &Node {
        &self.node
    }

    /// Its armed timer, if any.
    pub fn timer(&self) -> Option<&ArmedTimer> {
        self.timer.as_ref()
    }

    /// Whether it is running.
    pub fn is_up(&self) -> bool {
        self.up
    }
}

/// A message that was lost, kept for a short while so the page can show where it vanished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostMessage {
    /// Its id.
    pub id: MessageId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// When it was sent.
    pub sent_at: Millis,
    /// When it was due.
    pub deliver_at: Millis,
    /// When it was lost.
    pub lost_at: Millis,
    /// Why.
    pub reason: DropReason,
}

/// How many recent losses are remembered for drawing.
pub const RECENT_LOSSES: usize = 32;

/// Something scheduled to happen.
#[derive(Clone, Debug)]
pub(crate) enum Event {
    Deliver(MessageId),
    TimerFires {
        node: NodeId,
        generation: u64,
    },
    ClientTimeout(RequestId),
    /// A client's next steady write (see [`crate::workload`]).
    WorkloadTick {
        client: raft_scenario::ClientId,
        generation: u64,
    },
}

/// A simulated Raft cluster. Create it with [`SimBuilder`](crate::SimBuilder) or from a
/// [`Scenario`](crate::Scenario).
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) seed: u64,
    pub(crate) config: SimConfig,
    pub(crate) now: Millis,
    pub(crate) rng: SimRng,
    pub(crate) nodes: Vec<Rc<SimNode>>,
    pub(crate) network: Network,
    pub(crate) queue: EventQueue<Event>,
    pub(crate) trace: Trace,
    pub(crate) checker: Checker,
    /// Scenario actions in time order, and how many have been applied.
    /// Chunked so that every checkpoint of a history shares the same list.
    pub(crate) scheduled: playground_support::ChunkedVec<TimedAction>,
    pub(crate) next_action: usize,
    /// When each leader was elected: (time, node, term).
    pub(crate) elections: Vec<(Millis, NodeId, raft_core::Term)>,
    pub(crate) client_ops: playground_support::ChunkedVec<ClientOp>,
    /// Per client (index 0 = C1): how many writes it has sent, and the sequence numbers of
    /// those still waiting for an answer (thesis §6.3 sessions).
    pub(crate) sessions: [(u64, Vec<u64>); raft_scenario::MAX_CLIENTS as usize],
    /// How many client operations have ended, so the page can tell when the history changed
    /// without walking it every frame.
    pub(crate) client_ops_ended: usize,
    /// How many of the client operations are writes.
    pub(crate) client_writes: usize,
    pub(crate) events_processed: u64,
    pub(crate) recent_losses: std::collections::VecDeque<LostMessage>,
    pub(crate) story: Story,
    /// While a message of a later term from a server outside the receiving leader's
    /// configuration is delivered, that server: the leader's step-down is then told as its
    /// doing (thesis §4.2.3). `None` at every other moment.
    outsider: Option<NodeId>,
    /// While a leader told to time out handles it, that leader: its campaign is then told as a
    /// leader's, not as a timer's firing. `None` at every other moment.
    pub(crate) leader_timed_out: Option<NodeId>,
    /// The most the servers' clocks have run apart so far, in percent.
    pub(crate) clock_drift_seen: u32,
    /// The term of the server handling an input, before it did: a step-down to a term no later
    /// is told as meeting a leader of its own term.
    term_before_input: Option<(NodeId, raft_core::Term)>,
    next_generation: u64,
    /// Manual scheduling: messages and timers wait for actions (the `scheduler` option and
    /// action). Events already due when timed scheduling resumes run at once, in order.
    pub(crate) manual: bool,
    /// The commands of the logs the run started with, server by server: writes the clients'
    /// history counts as unknown ([`Simulation::client_history`]). Shared by every checkpoint.
    pub(crate) initial_logs: std::sync::Arc<[raft_core::Command]>,
    /// Each client's steady writes (index 0 = C1), set by the `workload` action.
    pub(crate) workloads: [crate::workload::Workload; raft_scenario::MAX_CLIENTS as usize],
}

impl Simulation {
    pub(crate) fn new(seed: u64, config: SimConfig, initial: Vec<PersistentState>, record_trace: bool) -> Self {
        let ids: Vec<NodeId> = (1..=config.nodes).collect();
        let initial_logs =
            initial.iter().flat_map(|state| state.log.entries().map(|entry| entry.command.clone())).collect();
        let mut initial = initial.into_iter();
        let nodes = ids
            .iter()
            .map(|&id| {
                let state = initial.next().unwrap_or_default();
                SimNode::running(Node::restore(id, &ids, config.raft(), state), ServerClock::default())
            })
            .collect();
        let manual = config.options.scheduler == raft_scenario::Scheduler::Manual;
        let mut sim = Simulation {
            seed,
            checker: Checker::new(raft_scenario::MAX_NODES),
            config,
            now: 0,
            rng: SimRng::new(seed),
            nodes,
            network: Network::default(),
            queue: EventQueue::default(),
            trace: Trace::new(record_trace),
            scheduled: playground_support::ChunkedVec::new(),
            next_action: 0,
            elections: Vec::new(),
            client_ops: playground_support::ChunkedVec::new(),
            sessions: Default::default(),
            client_ops_ended: 0,
            client_writes: 0,
            events_processed: 0,
            recent_losses: std::collections::VecDeque::new(),
            story: Story::default(),
            outsider: None,
            leader_timed_out: None,
            clock_drift_seen: 0,
            term_before_input: None,
            next_generation: 0,
            manual,
            initial_logs,
            workloads: Default::default(),
        };
        for id in ids {
            let last = sim.nodes[(id - 1) as usize].node.log().last_index();
            if last > 0 {
                let log = sim.nodes[(id - 1) as usize].node.log().clone();
                sim.checker.on_append(0, id, 1, last, &log);
            }
            sim.drain_outputs(id);
        }
        sim
    }

    /// Schedules `actions` (in time order) to happen at their times. An action at time T is
    /// applied after every event of time T, exactly as when a user acts at T on a page that
    /// has run up to T: so a recorded session replays identically.
    pub(crate) fn schedule(&mut self, actions: Vec<TimedAction>) {
        for action in actions {
            self.scheduled.push(action);
        }
    }

    /// When each leader was elected, in order: (time, node, term).
    pub fn elections(&self) -> &[(Millis, NodeId, raft_core::Term)] {
        &self.elections
    }

    /// The seed this run was built with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The configuration this run was built with.
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    /// The current simulated time.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// Every node, by ascending id.
    pub fn nodes(&self) -> impl Iterator<Item = &SimNode> {
        self.nodes.iter().map(|node| &**node)
    }

    /// Every node's id, ascending.
    pub fn node_ids(&self) -> Vec<NodeId> {
        self.nodes().map(|node| node.node().id()).collect()
    }

    /// Node `index` (of [`Simulation::nodes`]), to change: shared with other copies of the
    /// simulation (the model checker's states, the history's checkpoints) until then, and
    /// copied now if it still is.
    pub(crate) fn node_mut(&mut self, index: usize) -> &mut SimNode {
        let node = Rc::make_mut(&mut self.nodes[index]);
        node.fingerprint.take();
        node
    }

    /// Node `id`, if it exists.
    pub fn node(&self, id: NodeId) -> Option<&SimNode> {
        self.index_of(id).map(|index| &*self.nodes[index])
    }

    /// The running leader with the highest term, if any.
    pub fn leader(&self) -> Option<NodeId> {
        self.nodes
            .iter()
            .filter(|n| n.up && n.node.role() == raft_core::RoleKind::Leader)
            .max_by_key(|n| n.node.current_term())
            .map(|n| n.node.id())
    }

    /// The messages on the wire, oldest first.
    pub fn messages_in_flight(&self) -> impl Iterator<Item = &InFlight> {
        self.network.in_flight()
    }

    /// The network: messages in flight, partitions and cut links.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The trace so far.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// The latest messages lost (at most [`RECENT_LOSSES`]), oldest first.
    pub fn recent_losses(&self) -> impl Iterator<Item = &LostMessage> {
        self.recent_losses.iter()
    }

    pub(crate) fn remember_loss(&mut self, flight: &InFlight, reason: DropReason) {
        if self.recent_losses.len() == RECENT_LOSSES {
            self.recent_losses.pop_front();
        }
        self.recent_losses.push_back(LostMessage {
            id: flight.id,
            from: flight.from,
            to: flight.to,
            sent_at: flight.sent_at,
            deliver_at: flight.deliver_at,
            lost_at: self.now,
            reason,
        });
    }

    /// The story of the run so far: its latest events worth telling.
    pub fn story(&self) -> &Story {
        &self.story
    }

    /// How many events have run.
    pub fn events_processed(&self) -> u64 {
        self.events_processed
    }

    /// Safety violations found so far (none, in a correct Raft).
    pub fn violations(&self) -> &[Violation] {
        self.checker.violations()
    }

    /// Every client write so far, in invocation order.
    pub fn client_ops(&self) -> impl DoubleEndedIterator<Item = &ClientOp> + '_ {
        self.client_ops.iter()
    }

    /// Client write `id` (ids start at 1).
    pub fn client_op(&self, id: RequestId) -> Option<&ClientOp> {
        self.client_ops.get(usize::try_from(id.checked_sub(1)?).ok()?)
    }

    /// How many client operations have ended so far.
    pub fn client_ops_ended(&self) -> usize {
        self.client_ops_ended
    }

    /// How many client operations (writes, reads, membership changes) were invoked so far.
    pub fn client_op_count(&self) -> usize {
        self.client_ops.len()
    }

    /// How many client writes were invoked so far.
    pub fn client_write_count(&self) -> usize {
        self.client_writes
    }

    /// The time of the next event or scheduled action, if any.
    pub fn next_event_time(&self) -> Option<Millis> {
        let action = self.scheduled.get(self.next_action).map(|a| a.at_ms);
        match (self.queued_time(), action) {
            (Some(event), Some(action)) => Some(event.min(action)),
            (event, action) => event.or(action),
        }
    }

    /// Runs the earliest event (or scheduled action, which comes after the events of its own
    /// time), moving the clock to its time. Returns false when nothing is scheduled.
    pub fn step(&mut self) -> bool {
        let action_at = self.scheduled.get(self.next_action).map(|a| a.at_ms);
        let event_first = match (self.queued_time(), action_at) {
            (Some(event), Some(action)) => event <= action,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return false,
        };
        if !event_first {
            let timed = self.scheduled.get(self.next_action).expect("checked above").clone();
            self.next_action += 1;
            self.now = self.now.max(timed.at_ms);
            // An action impossible when its time comes is traced as refused; the run goes on.
            let _ = self.apply(timed.action);
            return true;
        }
        let Some((at, event)) = self.queue.pop() else { return false };
        self.now = self.now.max(at);
        self.events_processed += 1;
        match event {
            Event::Deliver(id) => self.deliver(id),
            Event::TimerFires { node, generation } => self.fire_timer(node, generation),
            Event::ClientTimeout(op) => self.client_timeout(op),
            Event::WorkloadTick { client, generation } => self.workload_tick(client, generation),
        }
        true
    }

    /// The time of the earliest queued event that may run by itself: none while scheduling
    /// is manual.
    fn queued_time(&self) -> Option<Millis> {
        if self.manual {
            return None;
        }
        self.queue.peek_time()
    }

    /// Forgets what was told and drawn of the past (the narration, the elections list, the
    /// recent losses): the model checker's states need none of it, and copy it with every
    /// state. Safety checking and everything ahead are untouched.
    pub(crate) fn forget_told_past(&mut self) {
        self.story = Story::default();
        self.elections.clear();
        self.recent_losses.clear();
    }

    /// The most the servers' clocks have run apart so far in this run, in percent (see
    /// [`crate::drift_percent`]): a lease taken while they did may still be trusted after
    /// they are set right.
    pub fn clock_drift_percent(&self) -> u32 {
        self.clock_drift_seen
    }

    /// Whether leases are trusted (lease reads with CheckQuorum) in a run whose clocks have
    /// drifted apart more than the `clock_drift_percent` option allows for: a leader's lease
    /// may then outlast its leadership, and reads go stale (thesis §6.4.1).
    pub fn clocks_beyond_lease_bound(&self) -> bool {
        let raft = self.config.raft();
        raft.trusts_leases() && self.clock_drift_percent() > raft.clock_drift_percent
    }

    /// Whether events wait for actions (manual scheduling).
    pub fn is_manual(&self) -> bool {
        self.manual
    }

    /// Runs every event and scheduled action up to and including `time`, then sets the clock
    /// to `time`. A `time` in the past changes nothing.
    pub fn run_until(&mut self, time: Millis) {
        while self.next_event_time().is_some_and(|at| at <= time) {
            self.step();
        }
        self.now = self.now.max(time);
    }

    /// Carries out `action` now, or explains why it cannot be done; a refused action is traced
    /// and changes nothing else.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        let result = self.perform(&action);
        self.record(action, &result);
        result
    }

    /// Carries out `action` now, or explains why it cannot be done; a refused action changes
    /// nothing at all, not even the trace. This is how a person's click is tried: refused, it
    /// is not part of the run (and time travel need not copy the whole cluster to undo it).
    pub fn try_apply(&mut self, action: Action) -> Result<(), ActionError> {
        self.perform(&action)?;
        self.record(action, &Ok(()));
        Ok(())
    }

    /// Does what `action` asks. Every action checks everything first and changes nothing when
    /// it fails.
    fn perform(&mut self, action: &Action) -> Result<(), ActionError> {
        match action {
            Action::Timeout { node } => self.timeout(*node),
            Action::Crash { node } => self.crash(*node),
            Action::Restart { node } => self.restart(*node),
            Action::Write { node, command, client } => self.write(*node, command, *client).map(|_| ()),
            Action::Read { node, key, client } => self.read(*node, key, *client).map(|_| ()),
            Action::Partition { groups } => self.partition(groups),
            Action::Heal {} => {
                self.network.links.heal();
                Ok(())
            }
            Action::Cut { from, to } => self.cut(*from, *to),
            Action::Mend { from, to } => self.mend(*from, *to),
            Action::Drop { message } => self.drop_message(*message),
            Action::Duplicate { message } => self.duplicate_message(*message),
            Action::Transfer { node } => self.transfer(*node),
            Action::Snapshot { node } => self.snapshot(*node),
            Action::Loss { probability } => self.set_loss(*probability),
            Action::Latency { range_ms } => self.set_latency(*range_ms),
            Action::AddServer { node } => self.add_server(*node),
            Action::RemoveServer { node } => self.remove_server(*node),
            Action::Reconfigure { voters } => self.reconfigure(voters),
            Action::Deliver { message } => self.deliver_now(*message),
            Action::Heartbeat { node } => self.heartbeat(*node),
            Action::Workload { client, every_ms } => self.set_workload(*client, *every_ms),
            Action::Clock { node, percent } => self.set_clock_speed(*node, *percent),
            Action::Scheduler { mode } => {
                self.manual = *mode == raft_scenario::Scheduler::Manual;
                Ok(())
            }
        }
    }

    /// Traces an action and its outcome, and tells the story of a network action done.
    fn record(&mut self, action: Action, result: &Result<(), ActionError>) {
        let told = if result.is_ok() { self.story_of(&action) } else { None };
        let error = result.as_ref().err().cloned();
        self.trace.push(TraceEvent::Action { at: self.now, action, error });
        if let Some(event) = told {
            self.story.push(self.now, event);
        }
    }

    /// The story event of a network action (node actions tell their own story).
    fn story_of(&self, action: &Action) -> Option<StoryEvent> {
        Some(match action {
            Action::Partition { .. } => {
                let groups = self.network.links.listed_groups();
                if groups.is_empty() {
                    StoryEvent::Healed
                } else {
                    StoryEvent::Partitioned { groups }
                }
            }
            Action::Heal {} => StoryEvent::Healed,
            Action::Cut { from, to } => StoryEvent::Cut { from: *from, to: *to },
            Action::Mend { from, to } => StoryEvent::Mended { from: *from, to: *to },
            Action::Loss { probability } => StoryEvent::LossSet { per_mille: (probability * 1000.0).round() as u32 },
            Action::Latency { range_ms } => StoryEvent::LatencySet { range_ms: *range_ms },
            Action::Workload { client, every_ms } => StoryEvent::WorkloadSet { client: *client, every_ms: *every_ms },
            Action::Clock { node, percent } => StoryEvent::ClockSet { node: *node, percent: *percent },
            _ => return None,
        })
    }

    /// Where node `id` is in `nodes` (kept by ascending id; servers 1..K, then any added).
    pub(crate) fn index_of(&self, id: NodeId) -> Option<usize> {
        let guess = usize::try_from(id.checked_sub(1)?).ok()?;
        if self.nodes.get(guess).is_some_and(|n| n.node.id() == id) {
            return Some(guess);
        }
        self.nodes.binary_search_by_key(&id, |n| n.node.id()).ok()
    }

    /// The index of running node `id`, or why it cannot act.
    pub(crate) fn running(&self, id: NodeId) -> Result<usize, ActionError> {
        let index = self.index_of(id).ok_or(ActionError::NoSuchNode(id))?;
        if !self.nodes[index].up {
            return Err(ActionError::NodeDown(id));
        }
        Ok(index)
    }

    /// Feeds an input to running node `id` and carries out what it asks for.
    pub(crate) fn input(&mut self, id: NodeId, input: Input) {
        let Some(index) = self.index_of(id) else { return };
        if !self.nodes[index].up {
            return;
        }
        let now = self.nodes[index].clock.read(self.now);
        self.term_before_input = Some((id, self.nodes[index].node.current_term()));
        self.node_mut(index).node.handle(now, input);
        self.drain_outputs(id);
        self.term_before_input = None;
    }

    /// Delivers message `id`, in flight, now (ahead of its time, or in manual scheduling
    /// the only way it arrives). Its queued arrival then finds nothing to deliver.
    fn deliver_now(&mut self, id: MessageId) -> Result<(), ActionError> {
        let flight = self.network.get(id).ok_or(ActionError::NoSuchMessage(id))?;
        let (kind, from, to) = (flight.payload.kind(), flight.from, flight.to);
        self.story.push(self.now, StoryEvent::Delivered { id, kind, from, to });
        self.events_processed += 1;
        self.deliver(id);
        Ok(())
    }

    /// Fires leader `id`'s heartbeat timer now.
    fn heartbeat(&mut self, id: NodeId) -> Result<(), ActionError> {
        let index = self.running(id)?;
        match self.nodes[index].timer {
            Some(armed) if armed.timer == Timer::Heartbeat => {
                self.story.push(self.now, StoryEvent::HeartbeatFired { node: id });
                self.events_processed += 1;
                self.fire_timer(id, armed.generation);
                Ok(())
            }
            _ => Err(ActionError::NotLeader(id)),
        }
    }

    /// Why `flight` would be dropped if it were due now, or `None` if it would arrive: random
    /// loss (decided when it was sent), then its link (cut or partitioned), then its receiver
    /// (down).
    pub fn drop_reason(&self, flight: &InFlight) -> Option<DropReason> {
        if flight.lost {
            Some(DropReason::Loss)
        } else if let Some(reason) = self.network.links.blocked(flight.from, flight.to) {
            Some(reason)
        } else if flight.to != CLIENT && !self.node(flight.to).is_some_and(SimNode::is_up) {
            Some(DropReason::ReceiverDown)
        } else {
            None
        }
    }

    fn deliver(&mut self, id: MessageId) {
        let Some(flight) = self.network.take(id) else { return };
        let reason = self.drop_reason(&flight);
        let (at, from, to, kind) = (self.now, flight.from, flight.to, flight.payload.kind());
        if let Some(reason) = reason {
            self.trace.push(TraceEvent::Drop { at, id, from, to, kind, reason });
            self.remember_loss(&flight, reason);
            return;
        }
        self.trace.push(TraceEvent::Deliver { at, id, from, to, kind });
        let duplicate = self.config.options.duplicate;
        let copyable = flight.copy_of.is_none() && matches!(flight.payload, Payload::Raft(_));
        if duplicate > 0.0 && copyable && !self.manual && self.rng.chance(duplicate) {
            self.send_copy(&flight);
        }
        match flight.payload {
            Payload::Raft(message) => {
                self.outsider = self.node(to).map(SimNode::node).and_then(|receiver| {
                    let deposing = receiver.role() == raft_core::RoleKind::Leader
                        && message.term() > receiver.current_term()
                        && !receiver.configuration().is_voter(from);
                    deposing.then_some(from)
                });
                self.input(to, Input::Message { from, message });
                self.outsider = None;
            }
            Payload::ClientRequest { request_id, command } => {
                self.input(to, Input::ClientRequest { request_id, command });
            }
            Payload::ChangeRequest { request_id, change } => {
                self.input(to, Input::ChangeMembership { request_id, change });
            }
            Payload::ClientResponse { request_id, result } => self.client_response(from, request_id, result),
        }
    }

    fn fire_timer(&mut self, id: NodeId, generation: u64) {
        let Some(index) = self.index_of(id) else { return };
        let Some(armed) = self.nodes[index].timer.filter(|armed| armed.generation == generation) else {
            return; // replaced or cancelled since it was scheduled
        };
        self.node_mut(index).timer = None;
        self.trace.push(TraceEvent::Timer { at: self.now, node: id, timer: timer_name(armed.timer) });
        self.input(id, Input::Timer(armed.timer));
    }

    /// Carries out everything node `id` asked for since its last input, and checks the safety
    /// properties against what changed.
    pub(crate) fn drain_outputs(&mut self, id: NodeId) {
        let Some(index) = self.index_of(id) else { return };
        let at = self.now;
        // A step-down told already with its reason (CheckQuorum, or a removed leader's).
        let mut step_down_told = false;
        let mut cause = raft_core::ElectionCause::Timeout;
        // How far any server had committed before this one's commit index moved now: a leader
        // applying an entry within it learned it committed (its predecessor committed it).
        let mut committed_before = 0;
        while let Some(output) = self.node_mut(index).node.poll_output() {
            match output {
                Output::Campaign { cause: why } => cause = why,
                Output::LostQuorum => {
                    step_down_told = true;
                    let term = self.nodes[index].node.current_term();
                    self.story.push(at, StoryEvent::LostQuorum { node: id, term });
                }
                Output::TransferAbandoned { to } => {
                    self.story.push(at, StoryEvent::TransferAbandoned { leader: id, to });
                }
                Output::Send { to, message } => self.send(id, to, Payload::Raft(message)),
                Output::SetTimer(timer) => self.arm_timer(index, timer),
                Output::RoleChanged { role, term } => {
                    self.trace.push(TraceEvent::Role { at, node: id, role: role.as_str(), term });
                    let told = match role {
                        raft_core::RoleKind::Leader => {
                            self.checker.on_leader(at, id, term);
                            self.elections.push((at, id, term));
                            StoryEvent::BecameLeader { node: id, term }
                        }
                        raft_core::RoleKind::Candidate | raft_core::RoleKind::PreCandidate
                            if self.leader_timed_out == Some(id) =>
                        {
                            let pre_vote = role == raft_core::RoleKind::PreCandidate;
                            StoryEvent::LeaderTimedOut { node: id, term: term + u64::from(pre_vote), pre_vote }
                        }
                        raft_core::RoleKind::Candidate => match cause {
                            raft_core::ElectionCause::Timeout => StoryEvent::ElectionStarted { node: id, term },
                            raft_core::ElectionCause::PreVotesWon => StoryEvent::PreVotesWon { node: id, term },
                            raft_core::ElectionCause::Transfer => StoryEvent::TransferElection { node: id, term },
                        },
                        raft_core::RoleKind::PreCandidate => StoryEvent::PreVoteStarted { node: id, term: term + 1 },
                        raft_core::RoleKind::Follower if step_down_told => continue,
                        raft_core::RoleKind::Follower => match self.outsider {
                            Some(by) => StoryEvent::DeposedByOutsider { leader: id, by, term },
                            None if self.term_before_input == Some((id, term)) => {
                                StoryEvent::MetLeaderOfItsTerm { node: id, term }
                            }
                            None => StoryEvent::SteppedDown { node: id, term },
                        },
                    };
                    self.story.push(at, told);
                }
                Output::EntriesAppended { first, last } => {
                    self.trace.push(TraceEvent::Append { at, node: id, first, last });
                    self.checker.on_append(at, id, first, last, self.nodes[index].node.log());
                }
                Output::LogTruncated { last_kept, removed_through } => {
                    self.trace.push(TraceEvent::Truncate { at, node: id, last_kept });
                    let is_leader = self.nodes[index].node.role() == raft_core::RoleKind::Leader;
                    self.checker.on_truncate(at, id, last_kept, is_leader);
                    let by = self.nodes[index].node.leader();
                    let removed = (last_kept + 1, removed_through);
                    self.story.push(at, StoryEvent::Truncated { node: id, by, removed });
                }
                Output::SnapshotTaken { last_index, last_term } => {
                    let event = TraceEvent::Snapshot { at, node: id, index: last_index, term: last_term, from: None };
                    self.trace.push(event);
                    self.story.push(at, StoryEvent::SnapshotTaken { node: id, index: last_index });
                }
                Output::SnapshotInstalled { from, last_index, last_term, .. } => {
                    let event =
                        TraceEvent::Snapshot { at, node: id, index: last_index, term: last_term, from: Some(from) };
                    self.trace.push(event);
                    self.checker.on_snapshot_installed(id, last_index);
                    self.story.push(at, StoryEvent::SnapshotInstalled { node: id, from, index: last_index });
                }
                Output::CommitDeferred { index: held, term } => {
                    let leader_term = self.nodes[index].node.current_term();
                    self.story.push(at, StoryEvent::CommitDeferred { leader: id, index: held, term, leader_term });
                }
                Output::CommittedByCounting { index: committed, term } => {
                    let leader_term = self.nodes[index].node.current_term();
                    let event = StoryEvent::CommittedByCounting { leader: id, index: committed, term, leader_term };
                    self.story.push(at, event);
                }
                Output::Committed { index: commit } => {
                    committed_before = self.checker.committed_len();
                    self.trace.push(TraceEvent::Commit { at, node: id, index: commit });
                    let term = self.nodes[index].node.current_term();
                    if self.checker.on_commit(at, id, term, commit) {
                        self.check_leaders_hold_commits(at);
                    }
                    if self.nodes[index].node.role() == raft_core::RoleKind::Leader {
                        self.story.push(at, StoryEvent::Committed { leader: id, index: commit });
                    }
                }
                Output::Applied { index: applied, term, command } => {
                    let is_leader = self.nodes[index].node.role() == raft_core::RoleKind::Leader;
                    if let (Some(config), true) = (command.configuration(), is_leader) {
                        let config = config.clone();
                        let earlier = applied <= committed_before;
                        self.story.push(at, StoryEvent::ConfigurationCommitted { leader: id, config, earlier });
                    }
                    self.trace.push(TraceEvent::Apply { at, node: id, index: applied, term, command });
                    self.checker.on_apply(at, id, applied);
                }
                Output::ClientResponse { request_id, result } => {
                    self.send(id, CLIENT, Payload::ClientResponse { request_id, result });
                }
                Output::ConfigurationChanged { index: appended } => {
                    let node = &self.nodes[index].node;
                    if node.role() == raft_core::RoleKind::Leader {
                        self.checker.on_leader_configuration(at, id, node.log(), node.commit_index(), appended);
                        let config = node.configuration().clone();
                        self.story.push(at, StoryEvent::ConfigurationAppended { leader: id, config });
                    }
                }
                Output::CaughtUp { node } => self.story.push(at, StoryEvent::CaughtUp { leader: id, node }),
                Output::VoteGranted { candidate, term, replaced, log_behind } => {
                    self.story.push(at, StoryEvent::VoteGranted { node: id, candidate, term, replaced, log_behind })
                }
                Output::VoteRefused { candidate, term, reason } => {
                    self.story.push(at, StoryEvent::VoteRefused { node: id, candidate, term, reason })
                }
                Output::TimeoutNowSent { to } => {
                    if !self.story.told_timeout_now(id, to) {
                        self.story.push(at, StoryEvent::TimeoutNowSent { leader: id, to });
                    }
                }
                Output::VoteRequestIgnored { candidate, term, pre_vote, leader } => {
                    self.story.push(at, StoryEvent::VoteRequestIgnored { node: id, candidate, term, pre_vote, leader })
                }
                Output::PreVoteRefused { candidate, term, reason } => {
                    self.story.push(at, StoryEvent::PreVoteRefused { node: id, candidate, term, reason })
                }
                Output::AppendEntriesRefused { leader, prev_log_index: index, prev_log_term: term, own_term } => {
                    let equal_commit = self.config.options.unsafe_rules.ack_on_equal_commit;
                    let event =
                        StoryEvent::AppendEntriesRefused { follower: id, leader, index, term, own_term, equal_commit };
                    self.story.push(at, event);
                }
                Output::NextIndexBackedOff { follower, next_index } => {
                    let equal_commit = self.config.options.unsafe_rules.ack_on_equal_commit;
                    self.story
                        .push(at, StoryEvent::NextIndexBackedOff { leader: id, follower, next_index, equal_commit })
                }
                Output::ReadHeld { request_id, term } => {
                    if let Some(op) = self.client_op(request_id) {
                        let (client, key) = (op.client, op.key.clone().unwrap_or_default());
                        self.story.push(at, StoryEvent::ReadHeld { op: request_id, leader: id, client, key, term });
                    }
                }
                Output::ReadIndexSet { request_id, read_index, round, lease } => {
                    if let Some(op) = self.client_op(request_id) {
                        let (client, key) = (op.client, op.key.clone().unwrap_or_default());
                        let lease = lease.map(|standing| self.in_real_time(id, standing));
                        let event = StoryEvent::ReadIndexSet {
                            op: request_id,
                            leader: id,
                            client,
                            key,
                            read_index,
                            round,
                            lease,
                            drifting: self.clocks_beyond_lease_bound(),
                        };
                        self.story.push(at, event);
                    }
                }
                Output::ReadRoundConfirmed { round, answered, reads } => {
                    self.story.push(at, StoryEvent::ReadRoundConfirmed { leader: id, round, answered, reads });
                }
                Output::LeftConfiguration => {
                    step_down_told = true;
                    self.story.push(at, StoryEvent::LeftConfiguration { node: id });
                }
            }
        }
    }

    /// Checks Leader Completeness for every server leading now: an entry can be known
    /// committed only after a leader of a later term was elected (the acknowledgements that
    /// committed it reach its leader late).
    fn check_leaders_hold_commits(&mut self, at: Millis) {
        for sim_node in &self.nodes {
            let node = &sim_node.node;
            if sim_node.up && node.role() == raft_core::RoleKind::Leader {
                self.checker.check_completeness(at, node.id(), node.current_term());
            }
        }
    }

    /// Puts a message on the wire with a random latency; random loss is decided now and
    /// shown when the message would arrive.
    pub(crate) fn send(&mut self, from: NodeId, to: NodeId, payload: Payload) {
        let (low, high) = self.config.latency_ms();
        let deliver_at = self.now.saturating_add(self.rng.in_range(low, high));
        // Under manual scheduling nothing is left to chance: a message is lost only when a
        // `drop` action drops it.
        let loss = self.config.options.loss;
        let lost = loss > 0.0 && !self.manual && self.rng.chance(loss);
        let (kind, term) = (payload.kind(), payload.term());
        let flight = InFlight { id: 0, from, to, sent_at: self.now, deliver_at, payload, lost, copy_of: None };
        let id = self.network.send(flight);
        self.queue.push(deliver_at, Event::Deliver(id));
        self.trace.push(TraceEvent::Send { at: self.now, id, from, to, kind, term, deliver_at });
    }

    /// Puts a second copy of `flight` on the wire, sent now with a fresh random latency. Copies
    /// are never lost at random (the original's fate was drawn when it was sent), but a
    /// partition, a cut link or a crashed receiver stops them on arrival like any message.
    pub(crate) fn send_copy(&mut self, flight: &InFlight) {
        let (low, high) = self.config.latency_ms();
        let deliver_at = self.now.saturating_add(self.rng.in_range(low, high));
        let copy = InFlight {
            id: 0,
            sent_at: self.now,
            deliver_at,
            payload: flight.payload.clone(),
            lost: false,
            copy_of: Some(flight.id),
            ..*flight
        };
        let (from, to, kind, of) = (copy.from, copy.to, copy.payload.kind(), flight.id);
        let id = self.network.send(copy);
        self.queue.push(deliver_at, Event::Deliver(id));
        self.trace.push(TraceEvent::Duplicate { at: self.now, id, of, from, to, kind, deliver_at });
    }

    fn arm_timer(&mut self, index: usize, timer: Timer) {
        let interval = match timer {
            Timer::Election => {
                let (low, high) = self.config.election_timeout_ms();
                self.rng.in_range(low, high)
            }
            Timer::Heartbeat => self.config.options.heartbeat_ms,
        };
        // The interval is the server's own: a slow clock takes longer to count it.
        let interval = self.nodes[index].clock.real_span(interval);
        self.set_timer(index, timer, self.now, self.now.saturating_add(interval));
    }

    /// A lease's standing as server `id` counts it, its times put in real time.
    fn in_real_time(&self, id: NodeId, standing: raft_core::LeaseStanding) -> raft_core::LeaseStanding {
        use raft_core::LeaseStanding::{Holds, RanOut};
        let Some(clock) = self.node(id).map(|server| &server.clock) else { return standing };
        match standing {
            Holds { until } => Holds { until: clock.real_time_of(until) },
            RanOut { at } => RanOut { at: clock.real_time_of(at) },
            other => other,
        }
    }

    /// Arms `timer` at server `index`, as if armed at `armed_at`, to fire at `deadline`; any
    /// timer it ran before will not fire.
    pub(crate) fn set_timer(&mut self, index: usize, timer: Timer, armed_at: Millis, deadline: Millis) {
        self.next_generation += 1;
        let generation = self.next_generation;
        let node = self.nodes[index].node.id();
        self.node_mut(index).timer = Some(ArmedTimer { timer, armed_at, deadline, generation });
        self.queue.push(deadline, Event::TimerFires { node, generation });
        self.trace.push(TraceEvent::TimerSet { at: self.now, node, timer: timer_name(timer), deadline });
    }
}
