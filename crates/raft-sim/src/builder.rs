//! Building a [`Simulation`]: the seed is required, everything else has a default.

use raft_core::{PersistentState, RaftOptions};

use raft_scenario::ConfigError;

use crate::config::SimConfig;
use crate::simulation::Simulation;
use crate::time::Millis;

/// Configures a [`Simulation`]. There is no random default seed: a run must be reproducible.
#[derive(Clone, Debug)]
pub struct SimBuilder {
    seed: u64,
    config: SimConfig,
    initial: Vec<PersistentState>,
    record_trace: bool,
}

impl SimBuilder {
    /// A builder for a run fixed by `seed`, with [`SimConfig::default`] timing.
    pub fn new(seed: u64) -> Self {
        SimBuilder { seed, config: SimConfig::default(), initial: Vec::new(), record_trace: false }
    }

    /// Replaces the whole configuration.
    pub fn config(mut self, config: SimConfig) -> Self {
        self.config = config;
        self
    }

    /// Number of servers (1 to [`MAX_NODES`](crate::MAX_NODES)).
    pub fn nodes(mut self, nodes: u32) -> Self {
        self.config.nodes = nodes;
        self
    }

    /// Election timeouts are drawn uniformly from `low..=high` ms.
    pub fn election_timeout_ms(mut self, low: Millis, high: Millis) -> Self {
        self.config.options.election_timeout_ms = [low, high];
        self
    }

    /// Leaders send heartbeats every `interval` ms.
    pub fn heartbeat_ms(mut self, interval: Millis) -> Self {
        self.config.options.heartbeat_ms = interval;
        self
    }

    /// Message latency is drawn uniformly from `low..=high` ms.
    pub fn latency_ms(mut self, low: Millis, high: Millis) -> Self {
        self.config.options.latency_ms = [low, high];
        self
    }

    /// Each message is lost with probability `loss` (0 to 1).
    pub fn loss(mut self, loss: f64) -> Self {
        self.config.options.loss = loss;
        self
    }

    /// The log options of every node's Raft: the most entries per AppendEntries, the no-op on
    /// election and the conflict hint. Every other option (PreVote, CheckQuorum, membership,
    /// reads, snapshots, the unsafe switches) is set through [`SimBuilder::config`]'s
    /// `options`, as a scenario file writes it.
    pub fn raft(mut self, options: RaftOptions) -> Self {
        self.config.options.max_entries_per_append = options.max_entries_per_append;
        self.config.options.noop_on_election = options.noop_on_election;
        self.config.options.conflict_hint = options.conflict_hint;
        self
    }

    /// Starts the servers from these persistent states (server 1 first); servers without one
    /// start empty.
    pub fn initial_state(mut self, states: Vec<PersistentState>) -> Self {
        self.initial = states;
        self
    }

    /// Keep every trace event in memory (the hash is always kept).
    pub fn record_trace(mut self, record: bool) -> Self {
        self.record_trace = record;
        self
    }

    /// Builds the simulation at time 0, every node a follower with its election timer armed.
    pub fn build(self) -> Result<Simulation, ConfigError> {
        self.config.validate()?;
        Ok(Simulation::new(self.seed, self.config, self.initial, self.record_trace))
    }
}
