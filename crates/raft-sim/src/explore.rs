//! A model checker over the real core (issue 17): from a cluster under manual scheduling, it
//! tries every enabled event — deliver, drop or duplicate a message in flight, time a server
//! out, fire a leader's heartbeat, crash or restart a server, send a client write to a leader,
//! a client read to any server, a membership change — and checks the safety properties in
//! every state reached, and, once a read has been answered, that what the clients saw is
//! linearizable.
//!
//! Breadth-first search finds the shortest run that breaks a property; random walks reach
//! deeper. States are told apart by a fingerprint of everything that decides the future
//! (servers, messages in flight as a multiset, the checker's memory of the past, what the
//! bounds still allow), never by message ids or by the path that led there. The clock stands
//! still: every event happens at the moment exploration began, so time-based guards (leases,
//! CheckQuorum's guard) see every event as simultaneous, and states that differ only in when
//! a server last heard from a leader are one. When reads are searched, each event takes one
//! millisecond instead, as on the page's Explore panel: real-time order decides
//! linearizability, so the clients' operations and their times join the fingerprint, and the
//! servers' times split states that the still clock would have merged.
//!
//! Nothing here reads a clock: a caller that wants a time limit calls
//! [`ModelChecker::run`] with a number of transitions, looks at its own clock, and calls
//! again.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::quality::FixedState;
use serde::{Deserialize, Serialize};

use raft_core::RoleKind;
use raft_scenario::{Action, Scenario, ScenarioError, ScenarioOptions, Scheduler, TimedAction};

use crate::time::Millis;

use crate::client::{OpKind, OpResult};
pub use crate::explore_goal::Goal;
use crate::invariants::Property;
use crate::network::Payload;
use crate::rng::SimRng;
use crate::scenario_run::ScenarioExt as _;
use crate::simulation::Simulation;
use crate::Linearizability;

/// Where to start, how to search, and how far.
#[derive(Clone, Debug)]
pub struct CheckSettings {
    /// The run exploration starts from: its cluster, options and initial state, and its
    /// actions up to `start_ms`.
    pub start: Scenario,
    /// The moment of `start` exploration begins at; scheduling turns manual there.
    pub start_ms: Millis,
    /// The longest run tried, in events.
    pub depth: u32,
    /// Stop after this many distinct states.
    pub max_states: u64,
    /// How many events of each bounded kind a run may have.
    pub bounds: EventBounds,
    /// Breadth-first, or random walks.
    pub strategy: Strategy,
    /// What to look for: a counterexample (the default), or the shortest run to a moment
    /// worth seeing.
    pub goal: Goal,
}

impl CheckSettings {
    /// A fresh cluster of `nodes` servers with `options`; depth 12, one crash, one write, one
    /// drop, one duplicate, no read and no membership change, breadth first, at most ten
    /// million states.
    pub fn new(nodes: u32, options: ScenarioOptions) -> Self {
        let mut start = Scenario::new(SEED);
        start.nodes = nodes;
        start.options = options;
        CheckSettings::from_scenario(start, 0)
    }

    /// The run of `start` at `start_ms`, with the bounds of [`CheckSettings::new`].
    pub fn from_scenario(start: Scenario, start_ms: Millis) -> Self {
        CheckSettings {
            start,
            start_ms,
            depth: 12,
            max_states: 10_000_000,
            bounds: EventBounds { crashes: 1, writes: 1, drops: 1, duplicates: 1, ..EventBounds::NONE },
            strategy: Strategy::Bfs,
            goal: Goal::Violation,
        }
    }
}

/// How the state space is searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Breadth first: every state at depth d before any at d + 1; the first violation found
    /// is one of the shortest.
    Bfs,
    /// Random walks from the start, each as long as the depth bound, drawn from this seed.
    Random {
        /// The walks' seed.
        seed: u64,
    },
}

/// What a run found breaks, or reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broken {
    /// One of the safety properties checked after every event.
    Property(Property),
    /// Linearizability of what the clients saw (thesis §6.3).
    Linearizability,
    /// Not a breach: the goal searched for, reached by the run's last event.
    Reached(Goal),
}

impl Broken {
    /// Its name in words: the property's (e.g. "election safety"), "linearizability", or the
    /// goal's name (e.g. "two_leaders").
    pub fn name(self) -> &'static str {
        match self {
            Broken::Property(property) => property.name(),
            Broken::Linearizability => "linearizability",
            Broken::Reached(goal) => goal.name(),
        }
    }

    /// Its key in reports: the property's (`election_safety`, as `raftsim run` writes it),
    /// `linearizable` (as `run`'s report and the page's badge name it), or the goal's name.
    pub fn key(self) -> &'static str {
        match self {
            Broken::Property(property) => property.key(),
            Broken::Linearizability => "linearizable",
            Broken::Reached(goal) => goal.name(),
        }
    }
}

/// A run that breaks a property, or reaches the goal searched for.
#[derive(Clone, Debug, PartialEq)]
pub struct Counterexample {
    /// What it breaks, or reaches.
    pub property: Broken,
    /// The events, in order, from the start.
    pub actions: Vec<Action>,
}

/// How many events of each bounded kind a run may have: in the settings, the whole run's;
/// in a state, what is left of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventBounds {
    /// Crashes.
    pub crashes: u32,
    /// Client writes, each to a leader.
    pub writes: u32,
    /// Messages dropped.
    pub drops: u32,
    /// Messages duplicated.
    pub duplicates: u32,
    /// Client reads (of key `x`, by client 2, to any server).
    pub reads: u32,
    /// Membership changes (adding the next server id, or removing a server), each asked of
    /// the leader the client knows.
    pub changes: u32,
}

impl EventBounds {
    /// None of any kind.
    pub const NONE: EventBounds = EventBounds { crashes: 0, writes: 0, drops: 0, duplicates: 0, reads: 0, changes: 0 };
}

/// One state: the cluster and what the bounds still allow.
#[derive(Clone)]
struct State {
    sim: Simulation,
    left: EventBounds,
}

/// A state found, as the event that led to it from its parent: its place in the parent's
/// [`enabled`] list (8 bytes a state, where the event itself would take 56).
struct Found {
    parent: u32,
    choice: u32,
}

/// The seed of every exploration's cluster: under manual scheduling no random choice changes
/// what happens, only the times messages would have taken.
const SEED: u64 = 1;

/// The model checker. See the module documentation.
pub struct ModelChecker {
    settings: CheckSettings,
    root: State,
    /// Fingerprints of the states found (already hashes: hashed again cheaply).
    seen: HashSet<u64, foldhash::fast::FixedState>,
    /// Every state found (breadth first), as its parent and the event from it; index 0 is
    /// the start.
    found: Vec<Found>,
    /// Indexes into `found` of the states at `depth` still to expand, then of those found at
    /// `depth + 1`.
    layer: VecDeque<u32>,
    next_layer: Vec<u32>,
    /// The last parent regenerated, with its enabled events, to expand its children without
    /// replaying it again.
    cached: Option<(u32, State, Vec<Action>)>,
    depth: u32,
    transitions: u64,
    rng: SimRng,
    violation: Option<Counterexample>,
    finished: bool,
}

impl ModelChecker {
    /// A checker at the start: `settings.start` run to `settings.start_ms`, with scheduling
    /// made manual there.
    pub fn new(settings: CheckSettings) -> Result<Self, ScenarioError> {
        let mut sim = settings.start.build(false)?;
        sim.run_until(settings.start_ms);
        // What the start's scenario would do later is not part of the search, and no state
        // needs the run's trace.
        sim.scheduled.truncate(sim.next_action);
        sim.trace.turn_off();
        sim.apply(Action::Scheduler { mode: Scheduler::Manual }).expect("scheduling can always change");
        let mut root = State { sim, left: settings.bounds };
        root.sim.forget_told_past();
        let seed = match settings.strategy {
            Strategy::Random { seed } => seed,
            Strategy::Bfs => SEED,
        };
        let mut checker = ModelChecker {
            seen: HashSet::with_hasher(foldhash::fast::FixedState::with_seed(SEED)),
            settings,
            found: vec![Found { parent: u32::MAX, choice: 0 }],
            layer: VecDeque::from([0]),
            next_layer: Vec::new(),
            cached: None,
            depth: 0,
            transitions: 0,
            rng: SimRng::new(seed),
            violation: None,
            finished: false,
            root,
        };
        checker.seen.insert(fingerprint(&checker.root));
        if let Some(property) = checker.broken(&checker.root) {
            checker.stop_at(property, Vec::new());
        }
        Ok(checker)
    }

    /// Explores for about `transitions` more transitions; true once the search is over (a
    /// violation found, every state within the bounds visited, or `max_states` reached, at
    /// most 2^32 - 1).
    pub fn run(&mut self, transitions: u64) -> bool {
        let until = self.transitions.saturating_add(transitions);
        while !self.finished && self.transitions < until {
            match self.settings.strategy {
                Strategy::Bfs => self.expand_next(),
                Strategy::Random { .. } => self.walk(),
            }
        }
        self.finished
    }

    /// Distinct states found.
    pub fn states(&self) -> u64 {
        self.seen.len() as u64
    }

    /// Events tried.
    pub fn transitions(&self) -> u64 {
        self.transitions
    }

    /// The depth reached: every state this close to the start has been explored (breadth
    /// first), or the length of the walks (random).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The violation found, if any; when a goal is searched, the run that reaches it.
    pub fn violation(&self) -> Option<&Counterexample> {
        self.violation.as_ref()
    }

    /// The counterexample as a scenario file that replays it: the start's actions up to the
    /// moment exploration began, then there a switch to manual scheduling, then every event
    /// as an action, at that moment (or one millisecond apart, when reads were searched).
    pub fn scenario_of(&self, counterexample: &Counterexample) -> Scenario {
        let at_ms = self.settings.start_ms;
        let mut scenario = self.settings.start.clone();
        scenario.title = Some(format!("raftsim check: {}", counterexample.property.name()));
        scenario.actions.retain(|timed| timed.at_ms <= at_ms);
        let manual = Action::Scheduler { mode: Scheduler::Manual };
        let events = std::iter::once(&manual).chain(&counterexample.actions);
        let tick = self.tick();
        let times = (0..).map(|i| at_ms + i * tick);
        scenario.actions.extend(events.zip(times).map(|(action, at_ms)| TimedAction { at_ms, action: action.clone() }));
        scenario.until_ms = Some(at_ms + counterexample.actions.len() as Millis * tick);
        scenario
    }

    /// Expands the next state of the current layer, or moves to the next layer.
    fn expand_next(&mut self) {
        let Some(index) = self.layer.pop_front() else {
            if self.next_layer.is_empty() {
                self.finished = true; // every state within the bounds was found
                return;
            }
            self.depth += 1;
            if self.depth >= self.settings.depth {
                self.finished = true; // the states at the depth bound are found, not expanded
                return;
            }
            self.layer = std::mem::take(&mut self.next_layer).into();
            return;
        };
        let state = self.regenerate(index);
        for (choice, action) in enabled(&state).iter().enumerate() {
            let Some(child) = self.try_event(&state, action) else { continue };
            // A goal is a step, not a state: it is looked for on every step, even to a state
            // found before by another way (which may not have reached it).
            if self.settings.goal.reached(&state.sim, &child.sim) {
                let mut actions = self.path(index);
                actions.push(action.clone());
                self.stop_at(Broken::Reached(self.settings.goal), actions);
                return;
            }
            if self.seen.insert(fingerprint(&child)) {
                self.found.push(Found { parent: index, choice: choice as u32 });
                let child_index = (self.found.len() - 1) as u32;
                self.next_layer.push(child_index);
                if let Some(property) = self.broken(&child) {
                    self.stop_at(property, self.path(child_index));
                    return;
                }
                if self.states() >= self.max_states() {
                    self.finished = true;
                    return;
                }
            }
        }
    }

    /// The most states kept: states are numbered with 32 bits.
    fn max_states(&self) -> u64 {
        self.settings.max_states.min(u64::from(u32::MAX))
    }

    /// One random walk from the start, as long as the depth bound allows.
    fn walk(&mut self) {
        self.depth = self.settings.depth;
        let mut state = self.root.clone();
        let mut actions = Vec::new();
        for _ in 0..self.settings.depth {
            let choices = enabled(&state);
            if choices.is_empty() {
                break;
            }
            let action = choices[self.rng.in_range(0, choices.len() as u64 - 1) as usize].clone();
            let Some(next) = self.try_event(&state, &action) else { break };
            let reached = self.settings.goal.reached(&state.sim, &next.sim);
            state = next;
            actions.push(action);
            self.seen.insert(fingerprint(&state));
            let found = if reached { Some(Broken::Reached(self.settings.goal)) } else { self.broken(&state) };
            if let Some(property) = found {
                self.stop_at(property, actions);
                return;
            }
            if self.states() >= self.max_states() {
                self.finished = true;
                return;
            }
        }
    }

    /// Ends the search with the run of `actions`, which breaks or reaches `property`.
    fn stop_at(&mut self, property: Broken, actions: Vec<Action>) {
        self.violation = Some(Counterexample { property, actions });
        self.finished = true;
    }

    /// What `state` breaks, when breaches are what is searched for.
    fn broken(&self, state: &State) -> Option<Broken> {
        if self.settings.goal == Goal::Violation {
            broken(state)
        } else {
            None
        }
    }

    /// `state` after `action`, if the simulator takes it.
    fn try_event(&mut self, state: &State, action: &Action) -> Option<State> {
        self.transitions += 1;
        let mut next = state.clone();
        next.take(action, self.tick()).ok()?;
        Some(next)
    }

    /// The events from the start to state `index`.
    fn path(&self, index: u32) -> Vec<Action> {
        self.replay(index).1
    }

    /// The choices from the start to state `index`, first first.
    fn choices(&self, mut index: u32) -> Vec<u32> {
        let mut choices = Vec::new();
        while index != 0 {
            let found = &self.found[index as usize];
            choices.push(found.choice);
            index = found.parent;
        }
        choices.reverse();
        choices
    }

    /// State `index`, rebuilt from its parent (kept from the previous call when it is the
    /// same: a layer's states come grouped by parent) and the event from it.
    fn regenerate(&mut self, index: u32) -> State {
        if index == 0 {
            return self.root.clone();
        }
        let Found { parent, choice } = self.found[index as usize];
        let (parent_state, parent_events) = match self.cached.take() {
            Some((cached, state, events)) if cached == parent => (state, events),
            _ => {
                let state = self.replay(parent).0;
                let events = enabled(&state);
                (state, events)
            }
        };
        let mut state = parent_state.clone();
        // It was taken once, from this very state: it is taken again.
        let taken = state.take(&parent_events[choice as usize], self.tick());
        debug_assert!(taken.is_ok(), "exploration is deterministic");
        self.cached = Some((parent, parent_state, parent_events));
        state
    }

    /// How far the clock moves before each event: it stands still, unless reads are
    /// searched (one millisecond: real-time order decides linearizability).
    fn tick(&self) -> Millis {
        Millis::from(self.settings.bounds.reads > 0)
    }

    /// State `index`, replayed from the start, and the events that lead there.
    fn replay(&self, index: u32) -> (State, Vec<Action>) {
        let mut state = self.root.clone();
        let mut actions = Vec::new();
        for choice in self.choices(index) {
            let action = enabled(&state).swap_remove(choice as usize);
            let taken = state.take(&action, self.tick());
            debug_assert!(taken.is_ok(), "exploration is deterministic");
            actions.push(action);
        }
        (state, actions)
    }
}

impl State {
    /// Takes `action`, if the simulator does: the cluster moves on, the bounds are spent,
    /// and what was told of the past is forgotten (states need none of it). The clock moves
    /// `tick` first.
    fn take(&mut self, action: &Action, tick: Millis) -> Result<(), crate::ActionError> {
        if tick > 0 {
            let now = self.sim.now();
            self.sim.run_until(now + tick);
        }
        self.sim.try_apply(action.clone())?;
        self.sim.forget_told_past();
        let left = &mut self.left;
        match action {
            Action::Crash { .. } => left.crashes -= 1,
            Action::Write { .. } => left.writes -= 1,
            Action::Drop { .. } => left.drops -= 1,
            Action::Duplicate { .. } => left.duplicates -= 1,
            Action::Read { .. } => left.reads -= 1,
            Action::AddServer { .. } | Action::RemoveServer { .. } => left.changes -= 1,
            _ => {}
        }
        Ok(())
    }
}

/// What `state` breaks, if anything: a safety property, else, once a read was answered, the
/// linearizability of the clients' history.
fn broken(state: &State) -> Option<Broken> {
    let sim = &state.sim;
    if let Some(violation) = sim.violations().first() {
        return Some(Broken::Property(violation.property));
    }
    let answered_read = sim.client_ops().any(|op| op.kind == OpKind::Read && op.result == Some(OpResult::Ok));
    let linearizable = !answered_read || matches!(sim.linearizability(), Linearizability::Linearizable { .. });
    (!linearizable).then_some(Broken::Linearizability)
}

/// The events [`Simulation::enabled_events`] lists that the bounds still allow, then a client
/// write to each leader while writes are left, a read of `x` to each running server while
/// reads are left, and, while changes are left and a leader leads, adding the next server id
/// and removing each server.
fn enabled(state: &State) -> Vec<Action> {
    let (sim, left) = (&state.sim, &state.left);
    let mut actions: Vec<Action> = sim
        .enabled_events()
        .into_iter()
        .filter(|action| match action {
            Action::Drop { .. } => left.drops > 0,
            Action::Duplicate { .. } => left.duplicates > 0,
            Action::Crash { .. } => left.crashes > 0,
            _ => true,
        })
        .collect();
    if left.writes > 0 {
        let command = format!("x={}", sim.client_op_count() + 1);
        for node in sim.nodes.iter().filter(|node| node.up && node.node.role() == RoleKind::Leader) {
            actions.push(Action::Write { node: node.node.id(), command: command.clone(), client: 1 });
        }
    }
    if left.reads > 0 {
        for node in sim.nodes.iter().filter(|node| node.up) {
            actions.push(Action::Read { node: node.node.id(), key: "x".into(), client: 2 });
        }
    }
    if left.changes > 0 && sim.nodes.iter().any(|node| node.up && node.node.role() == RoleKind::Leader) {
        let next = sim.nodes.iter().map(|node| node.node.id()).max().unwrap_or(0) + 1;
        if next <= raft_scenario::MAX_NODES {
            actions.push(Action::AddServer { node: next });
        }
        actions.extend(sim.nodes.iter().map(|node| Action::RemoveServer { node: node.node.id() }));
    }
    actions
}

impl Simulation {
    /// Every event that can happen next, in a fixed order: for each message in flight (by id)
    /// deliver it, drop it, and duplicate it (a message between servers that is not itself a
    /// copy); for each server (by id) time it out if it may campaign (or fire its heartbeat,
    /// if it leads) and crash it, or restart it if it is down. What the page's Explore panel offers, and what
    /// the model checker tries.
    pub fn enabled_events(&self) -> Vec<Action> {
        let mut actions = Vec::new();
        for message in self.network.in_flight() {
            actions.push(Action::Deliver { message: message.id });
            actions.push(Action::Drop { message: message.id });
            if message.copy_of.is_none() && matches!(message.payload, Payload::Raft(_)) {
                actions.push(Action::Duplicate { message: message.id });
            }
        }
        for node in &self.nodes {
            let id = node.node.id();
            if !node.up {
                actions.push(Action::Restart { node: id });
                continue;
            }
            if node.node.role() == RoleKind::Leader {
                actions.push(Action::Heartbeat { node: id });
            } else if node.node.may_campaign() {
                // A server that may not campaign (a new one catching up, one that knows its
                // removal committed) only re-arms its timer: no event worth offering.
                actions.push(Action::Timeout { node: id });
            }
            actions.push(Action::Crash { node: id });
        }
        actions
    }
}

/// Everything that decides what can happen from `state`, as one number.
fn fingerprint(state: &State) -> u64 {
    let sim = &state.sim;
    let hashing = FixedState::with_seed(SEED);
    let mut h = hashing.build_hasher();
    state.left.hash(&mut h);
    for node in &sim.nodes {
        // Kept with the server until it changes: most events change one server.
        node.fingerprint
            .get_or_init(|| {
                let mut n = hashing.build_hasher();
                node.up.hash(&mut n);
                if node.up {
                    node.timer.map(|armed| armed.timer).hash(&mut n);
                    node.node.fingerprint(&mut n);
                } else {
                    node.node.id().hash(&mut n);
                    node.node.persistent_state().hash(&mut n);
                }
                n.finish()
            })
            .hash(&mut h);
    }
    let mut messages: Vec<u64> = sim
        .network
        .fingerprints(|message| {
            let mut m = hashing.build_hasher();
            (message.from, message.to, message.lost, message.copy_of.is_some()).hash(&mut m);
            message.payload.hash(&mut m);
            m.finish()
        })
        .collect();
    messages.sort_unstable();
    messages.hash(&mut h);
    sim.sessions.hash(&mut h);
    // The client's waiting operations: where each was last sent decides how an answer is taken.
    for op in sim.client_ops().filter(|op| op.result.is_none()) {
        (op.client, &op.command, op.last_node, op.redirects, op.retries).hash(&mut h);
    }
    // Once a read was sent, what the clients saw and when decides linearizability.
    if sim.client_ops().any(|op| op.kind == OpKind::Read) {
        for op in sim.client_ops() {
            (op.kind, op.result, &op.value, op.invoked_ms, op.responded_ms).hash(&mut h);
        }
    }
    sim.checker.fingerprint(&mut h);
    h.finish()
}
