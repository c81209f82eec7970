//! A deterministic discrete-event simulator of a Raft cluster built from [`raft_core::Node`]s.
//!
//! A run is a pure function of its seed and configuration (and, later, its scenario): time is
//! an integer number of simulated milliseconds, simultaneous events run in the order they were
//! scheduled, and every random choice (election timeouts, message latency) comes from one
//! seeded [`SimRng`] owned by the [`Simulation`]. The same run therefore yields the same
//! [`Trace`] — and trace hash — natively and in WebAssembly.
//!
//! ```
//! use raft_sim::{SimBuilder, RoleKind};
//!
//! let mut sim = SimBuilder::new(7).build().unwrap();
//! sim.run_until(2_000);
//! assert!(sim.nodes().any(|n| n.node().role() == RoleKind::Leader));
//! ```
#![forbid(unsafe_code)]

mod builder;
mod config;
mod network;
mod queue;
mod rng;
mod simulation;
mod time;
mod trace;

pub use builder::SimBuilder;
pub use config::{ConfigError, SimConfig, MAX_NODES};
pub use network::{InFlight, MessageId, Network};
pub use queue::EventQueue;
pub use raft_core::{Message, MessageKind, NodeId, RoleKind, Term, Timer};
pub use rng::SimRng;
pub use simulation::{ActionError, ArmedTimer, SimNode, Simulation};
pub use time::{elapsed_fraction, Millis};
pub use trace::{Trace, TraceEvent};
