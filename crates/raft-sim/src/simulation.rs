//! The [`Simulation`]: nodes, their timers, the network, one clock and one random source.

use std::fmt;

use raft_core::{Input, Node, NodeId, Output, Timer};

use crate::config::SimConfig;
use crate::network::{InFlight, MessageId, Network};
use crate::queue::EventQueue;
use crate::rng::SimRng;
use crate::time::{elapsed_fraction, Millis};
use crate::trace::{Trace, TraceEvent};

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

/// A server of the simulated cluster: its Raft state and its timer.
#[derive(Clone, Debug)]
pub struct SimNode {
    node: Node,
    timer: Option<ArmedTimer>,
}

impl SimNode {
    /// The Raft state.
    pub fn node(&self) -> &Node {
        &self.node
    }

    /// Its armed timer, if any.
    pub fn timer(&self) -> Option<&ArmedTimer> {
        self.timer.as_ref()
    }

    /// Whether it is running. Crashes arrive with the fault actions; until then, always true.
    pub fn is_up(&self) -> bool {
        true
    }
}

/// Something scheduled to happen.
#[derive(Clone, Debug)]
enum Event {
    Deliver(MessageId),
    TimerFires { node: NodeId, generation: u64 },
}

/// Why a user action could not be applied. The simulation is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    /// There is no node with this id.
    NoSuchNode(NodeId),
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::NoSuchNode(node) => write!(f, "there is no node {node}"),
        }
    }
}

impl std::error::Error for ActionError {}

/// A simulated Raft cluster. Create it with [`SimBuilder`](crate::SimBuilder).
#[derive(Clone, Debug)]
pub struct Simulation {
    seed: u64,
    config: SimConfig,
    now: Millis,
    rng: SimRng,
    nodes: Vec<SimNode>,
    network: Network,
    queue: EventQueue<Event>,
    trace: Trace,
    next_generation: u64,
}

impl Simulation {
    pub(crate) fn new(seed: u64, config: SimConfig, record_trace: bool) -> Self {
        let ids: Vec<NodeId> = (1..=config.nodes).collect();
        let nodes = ids
            .iter()
            .map(|&id| SimNode {
                node: Node::new(id, &ids),
                timer: None,
            })
            .collect();
        let mut sim = Simulation {
            seed,
            config,
            now: 0,
            rng: SimRng::new(seed),
            nodes,
            network: Network::default(),
            queue: EventQueue::default(),
            trace: Trace::new(record_trace),
            next_generation: 0,
        };
        for id in ids {
            sim.drain_outputs(id);
        }
        sim
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
        self.nodes.iter()
    }

    /// Node `id`, if it exists.
    pub fn node(&self, id: NodeId) -> Option<&SimNode> {
        self.index_of(id).map(|index| &self.nodes[index])
    }

    /// The messages on the wire, oldest first.
    pub fn messages_in_flight(&self) -> impl Iterator<Item = &InFlight> {
        self.network.in_flight()
    }

    /// The trace so far.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// The time of the next scheduled event, if any.
    pub fn next_event_time(&self) -> Option<Millis> {
        self.queue.peek_time()
    }

    /// Runs the earliest scheduled event, moving the clock to its time. Returns false when
    /// nothing is scheduled.
    pub fn step(&mut self) -> bool {
        let Some((at, event)) = self.queue.pop() else {
            return false;
        };
        self.now = self.now.max(at);
        match event {
            Event::Deliver(id) => self.deliver(id),
            Event::TimerFires { node, generation } => self.fire_timer(node, generation),
        }
        true
    }

    /// Runs every event scheduled up to and including `time`, then sets the clock to `time`.
    /// A `time` in the past changes nothing.
    pub fn run_until(&mut self, time: Millis) {
        while self.queue.peek_time().is_some_and(|at| at <= time) {
            self.step();
        }
        self.now = self.now.max(time);
    }

    /// A user's "Time out": fires node `id`'s election timer now, whatever its role, so it
    /// starts an election in the next term.
    pub fn timeout(&mut self, id: NodeId) -> Result<(), ActionError> {
        let index = self.index_of(id).ok_or(ActionError::NoSuchNode(id))?;
        self.trace.push(TraceEvent::UserTimeout {
            at: self.now,
            node: id,
        });
        self.nodes[index].node.handle(Input::Timer(Timer::Election));
        self.drain_outputs(id);
        Ok(())
    }

    fn index_of(&self, id: NodeId) -> Option<usize> {
        let index = usize::try_from(id.checked_sub(1)?).ok()?;
        (index < self.nodes.len()).then_some(index)
    }

    fn deliver(&mut self, id: MessageId) {
        let Some(InFlight {
            from, to, message, ..
        }) = self.network.take(id)
        else {
            return;
        };
        self.trace.push(TraceEvent::Deliver { at: self.now, id });
        if let Some(index) = self.index_of(to) {
            self.nodes[index]
                .node
                .handle(Input::Message { from, message });
            self.drain_outputs(to);
        }
    }

    fn fire_timer(&mut self, id: NodeId, generation: u64) {
        let Some(index) = self.index_of(id) else {
            return;
        };
        let Some(armed) = self.nodes[index]
            .timer
            .filter(|armed| armed.generation == generation)
        else {
            return; // replaced since it was scheduled
        };
        self.nodes[index].timer = None;
        self.trace.push(TraceEvent::TimerFired {
            at: self.now,
            node: id,
            timer: armed.timer,
        });
        self.nodes[index].node.handle(Input::Timer(armed.timer));
        self.drain_outputs(id);
    }

    /// Carries out everything node `id` asked for since its last input.
    fn drain_outputs(&mut self, id: NodeId) {
        let Some(index) = self.index_of(id) else {
            return;
        };
        while let Some(output) = self.nodes[index].node.poll_output() {
            match output {
                Output::Send { to, message } => self.send(id, to, message),
                Output::SetTimer(timer) => self.arm_timer(index, timer),
                Output::RoleChanged { role, term } => {
                    self.trace.push(TraceEvent::RoleChanged {
                        at: self.now,
                        node: id,
                        role,
                        term,
                    });
                }
            }
        }
    }

    fn send(&mut self, from: NodeId, to: NodeId, message: raft_core::Message) {
        let (low, high) = self.config.latency_ms;
        let deliver_at = self.now + self.rng.in_range(low, high);
        let (kind, term) = (message.kind(), message.term());
        let id = self.network.send(from, to, self.now, deliver_at, message);
        self.queue.push(deliver_at, Event::Deliver(id));
        self.trace.push(TraceEvent::Send {
            at: self.now,
            id,
            from,
            to,
            kind,
            term,
            deliver_at,
        });
    }

    fn arm_timer(&mut self, index: usize, timer: Timer) {
        let interval = match timer {
            Timer::Election => {
                let (low, high) = self.config.election_timeout_ms;
                self.rng.in_range(low, high)
            }
            Timer::Heartbeat => self.config.heartbeat_ms,
        };
        self.next_generation += 1;
        let generation = self.next_generation;
        let deadline = self.now + interval;
        let node = self.nodes[index].node.id();
        self.nodes[index].timer = Some(ArmedTimer {
            timer,
            armed_at: self.now,
            deadline,
            generation,
        });
        self.queue
            .push(deadline, Event::TimerFires { node, generation });
        self.trace.push(TraceEvent::TimerSet {
            at: self.now,
            node,
            timer,
            deadline,
        });
    }
}
