//! Timing of a simulated cluster, in simulated milliseconds.

use std::fmt;

use crate::time::Millis;

/// The largest cluster the simulator (and the page) supports.
pub const MAX_NODES: u32 = 9;

/// How a cluster is timed. Defaults follow the paper's §9.3: election timeouts drawn from
/// 150–300 ms, heartbeats every 50 ms, and network latency well below both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimConfig {
    /// Number of servers, 1 to [`MAX_NODES`], numbered 1, 2, …
    pub nodes: u32,
    /// Each election timeout is drawn uniformly from this inclusive range (§5.2).
    pub election_timeout_ms: (Millis, Millis),
    /// A leader sends heartbeats this often.
    pub heartbeat_ms: Millis,
    /// Each message's latency is drawn uniformly from this inclusive range.
    pub latency_ms: (Millis, Millis),
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            nodes: 5,
            election_timeout_ms: (150, 300),
            heartbeat_ms: 50,
            latency_ms: (10, 20),
        }
    }
}

/// Why a [`SimConfig`] cannot be simulated.
#[derive(Clone, Debug, PartialEq, Eq)]
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
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NodeCount(n) => write!(f, "a cluster has 1 to {MAX_NODES} nodes, not {n}"),
            ConfigError::BadRange { name, low, high } => {
                write!(f, "{name} must be a range of at least 1 ms with low <= high, not {low}–{high}")
            }
            ConfigError::Heartbeat { heartbeat_ms, election_min_ms } => write!(
                f,
                "heartbeat_ms ({heartbeat_ms}) must be above 0 and below the shortest election timeout ({election_min_ms})"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl SimConfig {
    /// Checks that the settings describe a cluster that can run.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.nodes == 0 || self.nodes > MAX_NODES {
            return Err(ConfigError::NodeCount(self.nodes));
        }
        for (name, (low, high)) in [
            ("election_timeout_ms", self.election_timeout_ms),
            ("latency_ms", self.latency_ms),
        ] {
            if low == 0 || low > high {
                return Err(ConfigError::BadRange { name, low, high });
            }
        }
        let election_min_ms = self.election_timeout_ms.0;
        if self.heartbeat_ms == 0 || self.heartbeat_ms >= election_min_ms {
            return Err(ConfigError::Heartbeat {
                heartbeat_ms: self.heartbeat_ms,
                election_min_ms,
            });
        }
        Ok(())
    }
}
