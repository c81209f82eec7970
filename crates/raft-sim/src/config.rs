//! How a simulated cluster is timed and how its network behaves.

use std::fmt;

use raft_core::RaftOptions;

use crate::decimal::check_probability;
use crate::time::Millis;

/// The largest cluster the simulator (and the page) supports.
pub const MAX_NODES: u32 = 9;

/// Everything about a run except its seed, initial state and actions. Defaults follow the
/// paper's §9.3: election timeouts drawn from 150–300 ms, heartbeats every 50 ms, and network
/// latency well below both.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    /// Number of servers, 1 to [`MAX_NODES`], numbered 1, 2, …
    pub nodes: u32,
    /// Each election timeout is drawn uniformly from this inclusive range (§5.2).
    pub election_timeout_ms: (Millis, Millis),
    /// A leader sends heartbeats this often.
    pub heartbeat_ms: Millis,
    /// Each message's latency is drawn uniformly from this inclusive range.
    pub latency_ms: (Millis, Millis),
    /// The probability that a message is lost, from 0 to 1.
    pub loss: f64,
    /// How long the client waits for an answer before it gives up on a write.
    pub client_timeout_ms: Millis,
    /// Options of every node's Raft.
    pub raft: RaftOptions,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            nodes: 5,
            election_timeout_ms: (150, 300),
            heartbeat_ms: 50,
            latency_ms: (10, 20),
            loss: 0.0,
            client_timeout_ms: 2_000,
            raft: RaftOptions::default(),
        }
    }
}

/// Why a [`SimConfig`] cannot be simulated.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// `nodes` is 0 or above [`MAX_NODES`].
    NodeCount(u32),
    /// A range whose low end is above its high end, or that starts at 0 where time must pass.
    BadRange {
        /// Which setting.
        name: &'static str,
        /// Its low end.
        low: Millis,
        /// Its high end.
        high: Millis,
    },
    /// The heartbeat interval is 0 or not shorter than the shortest election timeout, so
    /// followers would time out under a healthy leader.
    Heartbeat {
        /// The heartbeat interval.
        heartbeat_ms: Millis,
        /// The shortest election timeout.
        election_min_ms: Millis,
    },
    /// `loss` is not a probability: what is wrong with it.
    Loss(String),
    /// A setting that must be at least 1 is 0.
    Zero(&'static str),
    /// A duration longer than [`MAX_DURATION_MS`].
    TooLong {
        /// The setting.
        name: &'static str,
        /// Its value.
        value: Millis,
    },
}

/// The longest timeout, interval or latency a cluster may have: one hour. Bounded so that
/// adding it to the clock can never overflow, whatever a scenario file or link says.
pub const MAX_DURATION_MS: Millis = 3_600_000;

impl ConfigError {
    /// The setting at fault, as scenario files name it.
    pub fn setting(&self) -> &'static str {
        match self {
            ConfigError::NodeCount(_) => "nodes",
            ConfigError::BadRange { name, .. } | ConfigError::Zero(name) | ConfigError::TooLong { name, .. } => name,
            ConfigError::Heartbeat { .. } => "heartbeat_ms",
            ConfigError::Loss(_) => "loss",
        }
    }

    /// What is wrong with the setting, without its name.
    pub fn problem(&self) -> String {
        match self {
            ConfigError::NodeCount(n) => format!("a cluster has 1 to {MAX_NODES} nodes, not {n}"),
            ConfigError::BadRange { low, high, .. } => {
                format!("must be a range of at least 1 ms with low <= high, not [{low}, {high}]")
            }
            ConfigError::Heartbeat { heartbeat_ms, election_min_ms } => {
                format!("{heartbeat_ms} must be above 0 and below the shortest election timeout ({election_min_ms})")
            }
            ConfigError::Loss(why) => why.clone(),
            ConfigError::Zero(_) => "must be at least 1".to_owned(),
            ConfigError::TooLong { value, .. } => format!("at most {MAX_DURATION_MS} ms (one hour), not {value}"),
        }
    }
}

/// `setting: problem`.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.setting(), self.problem())
    }
}

impl std::error::Error for ConfigError {}

impl SimConfig {
    /// Checks that the settings describe a cluster that can run.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.nodes == 0 || self.nodes > MAX_NODES {
            return Err(ConfigError::NodeCount(self.nodes));
        }
        for (name, (low, high)) in [("election_timeout_ms", self.election_timeout_ms), ("latency_ms", self.latency_ms)]
        {
            if low == 0 || low > high {
                return Err(ConfigError::BadRange { name, low, high });
            }
        }
        let election_min_ms = self.election_timeout_ms.0;
        if self.heartbeat_ms == 0 || self.heartbeat_ms >= election_min_ms {
            return Err(ConfigError::Heartbeat { heartbeat_ms: self.heartbeat_ms, election_min_ms });
        }
        check_probability(self.loss).map_err(ConfigError::Loss)?;
        if self.client_timeout_ms == 0 {
            return Err(ConfigError::Zero("client_timeout_ms"));
        }
        if self.raft.max_entries_per_append == 0 {
            return Err(ConfigError::Zero("max_entries_per_append"));
        }
        for (name, value) in [
            ("election_timeout_ms", self.election_timeout_ms.1),
            ("latency_ms", self.latency_ms.1),
            ("client_timeout_ms", self.client_timeout_ms),
        ] {
            if value > MAX_DURATION_MS {
                return Err(ConfigError::TooLong { name, value });
            }
        }
        Ok(())
    }
}
