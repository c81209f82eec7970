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

mod action;
mod builder;
mod client;
mod client_history;
mod client_ops;
mod clock;
mod config;
mod explore;
mod explore_goal;
mod explore_search;
mod faults;
mod fuzz;
mod history;
mod invariants;
mod linearizability;
mod membership_ops;
mod network;
mod queue;
mod replay_budget;
mod report;
mod rng;
mod scenario_run;
mod simulation;
mod story;
mod time;
mod trace;
mod trace_tokens;
mod workload;
pub use workload::workload_key;

pub use action::ActionError;
pub use builder::SimBuilder;
pub use client::{ClientOp, OpKind, OpResult, MAX_REDIRECTS};
pub use client_history::INITIAL_LOG_WRITE_IDS;
pub use clock::{drift_percent, ServerClock, EXACT_PERCENT};
pub use config::SimConfig;
pub use explore::{Broken, CheckSettings, Counterexample, EventBounds, Goal, ModelChecker, Strategy};
pub use explore_search::{FoundRun, SearchReport, SearchRequest};
pub use fuzz::{check_run, random_scenario, run_seed, FuzzFailure, FuzzSettings, RECOVERY_MS};
pub use history::{History, FIRST_CHECKPOINT_INTERVAL_MS, MAX_CHECKPOINTS};
pub use invariants::{Breach, Checker, Property, Violation};
pub use linearizability::{
    check as check_linearizability, Access, Linearizability, NonLinearizable, Operation, Reason,
};
pub use network::{DropReason, InFlight, Links, Network, Payload, PayloadKind, CLIENT};
pub use queue::EventQueue;
pub use raft_core::{
    ChangeRefusal, ClientResult, Command, CommandError, Configuration, LeaseStanding, LogIndex, MembershipChange,
    MembershipMode, Message, MessageKind, NodeId, PreVoteRefusal, Progress, RaftOptions, RoleKind, Term, Timer,
    VoteRefusal, MAX_KEY_CHARS, MAX_VALUE_CHARS,
};
pub use raft_scenario::{
    format_probability, is_probability, probability_problem, read, to_compact_json, workload_problem, Action,
    Bilingual, Choice, ClientId, ConfigError, Highlight, InitialState, Lesson, LessonError, LinkError, LogItem,
    Membership, MessageId, Object, Predict, Problem, ReadMode, ReaderKind, ReaderProblem, Scenario, ScenarioError,
    ScenarioOptions, Scheduler, ShareLink, Step as LessonStep, TimedAction, UnsafeSwitches, CLOCK_PERCENT,
    LINK_VERSION, MAX_ACTIONS, MAX_CLIENTS, MAX_CLOCK_DRIFT_PERCENT, MAX_DESCRIPTION_CHARS, MAX_DURATION_MS,
    MAX_INITIAL_LOG_ENTRIES, MAX_INITIAL_TERM, MAX_LINK_TIME_MS, MAX_NODES, MAX_SCENARIO_BYTES,
    MAX_SCENARIO_FILE_BYTES, MAX_SCENARIO_TIME_MS, MAX_TITLE_CHARS, SCENARIO_VERSION, WORKLOAD_INTERVAL_MS,
};
pub use replay_budget::{TooBusy, MAX_REPLAY_EVENTS};
pub use report::{format_hash, ConfigReport, JointReport, NodeReport, NotLinearizableReport, Report, SnapshotReport};
pub use rng::SimRng;
pub use scenario_run::{OpenLink, ScenarioExt};
pub use simulation::{ArmedTimer, LostMessage, SimNode, Simulation, RECENT_LOSSES};
pub use story::{Story, StoryCategory, StoryEvent, STORY_LENGTH};
pub use time::{elapsed_fraction, Millis};
pub use trace::{Trace, TraceEvent};
