//! How a simulated cluster is set up: its size and its options (the scenario format's
//! [`ScenarioOptions`], the one definition of every setting).

use raft_core::RaftOptions;
use raft_scenario::{ConfigError, ScenarioOptions};

use crate::time::Millis;

/// Everything about a run except its seed, initial state and actions.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    /// Number of servers, 1 to [`MAX_NODES`], numbered 1, 2, …
    pub nodes: u32,
    /// Timing, network and Raft options.
    pub options: ScenarioOptions,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig { nodes: 5, options: ScenarioOptions::default() }
    }
}

impl SimConfig {
    /// Checks that the settings describe a cluster that can run.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.options.validate(self.nodes)
    }

    /// The options every server's Raft runs with.
    pub fn raft(&self) -> RaftOptions {
        self.options.raft()
    }

    /// Election timeouts are drawn from `low..=high`.
    pub(crate) fn election_timeout_ms(&self) -> (Millis, Millis) {
        let [low, high] = self.options.election_timeout_ms;
        (low, high)
    }

    /// Latencies are drawn from `low..=high`.
    pub(crate) fn latency_ms(&self) -> (Millis, Millis) {
        let [low, high] = self.options.latency_ms;
        (low, high)
    }
}
