//! The playground's public, versioned contracts, with nothing of the simulator in them:
//!
//! - the scenario file ([`Scenario`], version 1): seed, cluster, [`ScenarioOptions`], initial
//!   persistent state and timed [`Action`]s;
//! - share links ([`ShareLink`]): a scenario and a moment, zlib-compressed in URL-safe base64;
//! - guided lessons ([`Lesson`], version 1): a scenario and bilingual steps through its run.
//!
//! Every type is read and written by serde's derives (`deny_unknown_fields`), so a new field
//! or action costs one line. Reading never panics: every problem is an error naming the field
//! (`actions[3].node`) or the line and column. The golden files in `tests/golden` pin what
//! earlier releases wrote: those files and links read the same in every later release.
#![forbid(unsafe_code)]

mod action;
mod action_fields;
mod error;
mod initial;
mod json_layout;
mod lesson;
pub use json_layout::to_compact_json;
pub use lesson::{Bilingual, Choice, Highlight, Lesson, LessonError, Predict, Step, LESSON_VERSION};
mod link;
mod link_codec;
mod object;
mod options;
mod scenario;

pub use action::{
    is_client, is_workload_interval, workload_problem, Action, ActionKind, ClientId, MessageId, TimedAction,
    CLOCK_PERCENT, MAX_CLIENTS, WORKLOAD_INTERVAL_MS,
};
pub use error::{read, Problem, ReaderKind, ReaderProblem, ScenarioError};
pub use initial::{InitialState, LogItem, MAX_INITIAL_LOG_ENTRIES, MAX_INITIAL_TERM};
pub use link::{LinkError, ShareLink, LINK_VERSION, MAX_LINK_TIME_MS, MAX_SCENARIO_BYTES};
pub use object::Object;
pub use options::{
    check_latency, format_probability, is_probability, probability_problem, ConfigError, Membership, ReadMode,
    ScenarioOptions, Scheduler, UnsafeSwitches, MAX_CLIENT_RETRIES, MAX_CLOCK_DRIFT_PERCENT, MAX_DURATION_MS,
    MAX_NODES,
};
pub use scenario::{
    Scenario, MAX_ACTIONS, MAX_DESCRIPTION_CHARS, MAX_SCENARIO_FILE_BYTES, MAX_SCENARIO_TIME_MS, MAX_TITLE_CHARS,
    SCENARIO_VERSION,
};

/// Simulated time in milliseconds since the start of the run.
pub type Millis = u64;
