//! Scenario files, version 1: the public, versioned description of a run (seed, cluster,
//! options, initial persistent state, timed actions). Share links encode the same structure.
//!
//! ```json
//! { "version": 1, "seed": 7, "nodes": 5,
//!   "options": { "election_timeout_ms": [150, 300], "heartbeat_ms": 50, "latency_ms": [10, 20], "loss": 0.0 },
//!   "initial": { "1": { "term": 7, "voted_for": null, "log": [1, 1, [4, "x=2"]] } },
//!   "actions": [ { "at_ms": 0, "do": "timeout", "node": 1 } ],
//!   "until_ms": 5000 }
//! ```
//! Omitted fields take their defaults. Unknown fields, unknown actions, nodes out of range and
//! actions out of time order are errors naming the field.

use std::collections::BTreeMap;

use raft_core::{Command, NodeId, PersistentState};
use serde::{Deserialize, Serialize};

use crate::action::{Action, TimedAction};
use crate::error::{error, reader_error, Problem, ScenarioError};
use crate::initial::{check_node, read_initial, InitialState};
use crate::object::object;
use crate::options::{is_probability, ScenarioOptions, MAX_DURATION_MS, MAX_NODES};
use crate::Millis;

/// The scenario format this build writes; it reads this one and every earlier one.
pub const SCENARIO_VERSION: u32 = 1;

/// The latest moment an action or `until_ms` may name: one simulated hour, the horizon a link
/// may show, so that no input can make the clock wrap or a replay run for ever.
pub const MAX_SCENARIO_TIME_MS: Millis = MAX_DURATION_MS;

/// The largest scenario file read, in bytes: refused before it is parsed.
pub const MAX_SCENARIO_FILE_BYTES: usize = 2 * 1024 * 1024;

/// The most actions a scenario may hold.
pub const MAX_ACTIONS: usize = 10_000;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// A run, fully described.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "one JSON object: { \"version\": 1, \"seed\": … }")]
pub struct Scenario {
    /// Format version: 1.
    pub version: u32,
    /// The seed of every random choice.
    pub seed: u64,
    /// Number of servers (1–9).
    #[serde(default = "default_nodes")]
    pub nodes: u32,
    /// A title, shown with the scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A description, shown with the scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Timing, network and Raft options.
    #[serde(default, deserialize_with = "object")]
    pub options: ScenarioOptions,
    /// Persistent state of some servers at time 0, by server id; the others start empty.
    #[serde(default, deserialize_with = "read_initial", skip_serializing_if = "BTreeMap::is_empty")]
    pub initial: BTreeMap<NodeId, InitialState>,
    /// What happens when, in time order.
    #[serde(default)]
    pub actions: Vec<TimedAction>,
    /// Where `raftsim run` stops by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_ms: Option<Millis>,
}

fn default_nodes() -> u32 {
    5
}

impl Scenario {
    /// A scenario with default options, no initial state and no actions.
    pub fn new(seed: u64) -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            seed,
            nodes: default_nodes(),
            title: None,
            description: None,
            options: ScenarioOptions::default(),
            initial: BTreeMap::new(),
            actions: Vec::new(),
            until_ms: None,
        }
    }

    /// Parses and checks a scenario file. A file over [`MAX_SCENARIO_FILE_BYTES`] is refused
    /// unread; a byte order mark, which some editors write, is skipped.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > MAX_SCENARIO_FILE_BYTES {
            let (limit_kb, size_kb) = (MAX_SCENARIO_FILE_BYTES / 1024, text.len().div_ceil(1024));
            return Err(error("", Problem::FileTooLarge { limit_kb, size_kb }));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !text.trim_start().starts_with('{') && !text.trim().is_empty() {
            return Err(error("", Problem::NotAnObject));
        }
        let mut json = serde_json::Deserializer::from_str(text);
        let scenario: Scenario = serde_path_to_error::deserialize(&mut json)
            .map_err(|e| reader_error(&e.path().to_string(), &e.inner().to_string(), is_syntax(e.inner())))?;
        json.end().map_err(|e| reader_error("", &e.to_string(), true))?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as compact JSON, in the file format's field order.
    pub fn to_json(&self) -> String {
        crate::json_layout::to_json(self, false)
    }

    /// The scenario as indented JSON, in the file format.
    pub fn to_json_pretty(&self) -> String {
        crate::json_layout::to_json(self, true)
    }

    /// Checks everything the format itself cannot: version, ranges, commands, time order.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version == 0 || self.version > SCENARIO_VERSION {
            return Err(error("version", Problem::Version { version: self.version, newest: SCENARIO_VERSION }));
        }
        self.validate_sizes()?;
        self.options.validate(self.nodes)?;
        for (&node, state) in &self.initial {
            state.validate(node, self.nodes)?;
        }
        // Servers are those of `nodes`, or any of 1 to MAX_NODES once the scenario adds
        // servers or reconfigures: which server exists when is the run's business, and an
        // action on one that does not is refused in the trace.
        let changes_membership = self
            .actions
            .iter()
            .any(|timed| matches!(timed.action, Action::AddServer { .. } | Action::Reconfigure { .. }));
        let nodes = if changes_membership { MAX_NODES } else { self.nodes };
        let mut previous = 0;
        for (i, timed) in self.actions.iter().enumerate() {
            let path = format!("actions[{i}]");
            if timed.at_ms > MAX_SCENARIO_TIME_MS {
                let problem = Problem::TimeTooLate { time_ms: timed.at_ms, limit_ms: MAX_SCENARIO_TIME_MS };
                return Err(error(format!("{path}.at_ms"), problem));
            }
            if timed.at_ms < previous {
                let problem = Problem::OutOfOrder { time_ms: timed.at_ms, previous_ms: previous };
                return Err(error(format!("{path}.at_ms"), problem));
            }
            previous = timed.at_ms;
            Self::validate_action(&path, &timed.action, nodes)?;
        }
        Ok(())
    }

    /// The limits that keep a scenario's work and memory bounded, each named in its error.
    fn validate_sizes(&self) -> Result<(), ScenarioError> {
        let too_long = |path: &str, limit: usize, text: &Option<String>| match text {
            Some(text) if text.chars().count() > limit => {
                Err(error(path, Problem::TooManyChars { limit, count: text.chars().count() }))
            }
            _ => Ok(()),
        };
        too_long("title", MAX_TITLE_CHARS, &self.title)?;
        too_long("description", MAX_DESCRIPTION_CHARS, &self.description)?;
        if self.actions.len() > MAX_ACTIONS {
            return Err(error("actions", Problem::TooManyActions { limit: MAX_ACTIONS, count: self.actions.len() }));
        }
        if let Some(until) = self.until_ms.filter(|&until| until > MAX_SCENARIO_TIME_MS) {
            return Err(error("until_ms", Problem::TimeTooLate { time_ms: until, limit_ms: MAX_SCENARIO_TIME_MS }));
        }
        Ok(())
    }

    /// Checks one action, whose servers must be 1 to `nodes`.
    fn validate_action(path: &str, action: &Action, nodes: u32) -> Result<(), ScenarioError> {
        match action {
            Action::AddServer { node } | Action::RemoveServer { node } => {
                check_node(&format!("{path}.node"), *node, nodes)
            }
            Action::Reconfigure { voters } => {
                for (v, &voter) in voters.iter().enumerate() {
                    check_node(&format!("{path}.voters[{v}]"), voter, nodes)?;
                }
                Ok(())
            }
            Action::Timeout { node }
            | Action::Crash { node }
            | Action::Restart { node }
            | Action::Transfer { node }
            | Action::Heartbeat { node }
            | Action::Snapshot { node } => check_node(&format!("{path}.node"), *node, nodes),
            Action::Write { node, command, client } => {
                check_node(&format!("{path}.node"), *node, nodes)?;
                check_client(&format!("{path}.client"), *client)?;
                Command::parse(command).map(|_| ()).map_err(|e| error(format!("{path}.command"), Problem::Command(e)))
            }
            Action::Read { node, key, client } => {
                check_node(&format!("{path}.node"), *node, nodes)?;
                check_client(&format!("{path}.client"), *client)?;
                Command::get(key).map(|_| ()).map_err(|e| error(format!("{path}.key"), Problem::Command(e)))
            }
            Action::Partition { groups } => {
                let mut seen = Vec::new();
                for (g, group) in groups.iter().enumerate() {
                    for (m, &node) in group.iter().enumerate() {
                        let member_path = format!("{path}.groups[{g}][{m}]");
                        check_node(&member_path, node, nodes)?;
                        if seen.contains(&node) {
                            return Err(error(member_path, Problem::InTwoGroups(node)));
                        }
                        seen.push(node);
                    }
                }
                Ok(())
            }
            Action::Heal {} => Ok(()),
            Action::Cut { from, to } | Action::Mend { from, to } => {
                check_node(&format!("{path}.from"), *from, nodes)?;
                check_node(&format!("{path}.to"), *to, nodes)?;
                if from == to {
                    return Err(error(format!("{path}.to"), Problem::SelfLink));
                }
                Ok(())
            }
            Action::Drop { message } | Action::Duplicate { message } | Action::Deliver { message } if *message == 0 => {
                Err(error(format!("{path}.message"), Problem::MessageZero))
            }
            Action::Drop { .. } | Action::Duplicate { .. } | Action::Deliver { .. } | Action::Scheduler { .. } => {
                Ok(())
            }
            Action::Loss { probability } if !is_probability(*probability) => {
                Err(error(format!("{path}.probability"), Problem::Probability(*probability)))
            }
            Action::Loss { .. } => Ok(()),
            Action::Latency { range_ms } => crate::options::check_latency(*range_ms)
                .map_err(|e| error(format!("{path}.range_ms"), Problem::Config(e))),
            Action::Clock { node, percent } => {
                check_node(&format!("{path}.node"), *node, nodes)?;
                if !crate::CLOCK_PERCENT.contains(percent) {
                    return Err(error(format!("{path}.percent"), Problem::ClockPercent(*percent)));
                }
                Ok(())
            }
            Action::Workload { client, every_ms } => {
                check_client(&format!("{path}.client"), *client)?;
                if !crate::is_workload_interval(*every_ms) {
                    return Err(error(format!("{path}.every_ms"), Problem::WorkloadInterval(*every_ms)));
                }
                Ok(())
            }
        }
    }

    /// The initial persistent state of every server, server 1 first.
    pub fn initial_states(&self) -> Vec<PersistentState> {
        (1..=self.nodes)
            .map(|node| self.initial.get(&node).map(InitialState::persistent_state).unwrap_or_default())
            .collect()
    }
}

/// Checks that `client` is 1 to [`MAX_CLIENTS`](crate::MAX_CLIENTS).
fn check_client(path: &str, client: crate::ClientId) -> Result<(), ScenarioError> {
    if !crate::is_client(client) {
        return Err(error(path, Problem::NoSuchClient(client)));
    }
    Ok(())
}

/// Whether serde_json stopped because the text is not JSON, rather than not this format.
fn is_syntax(error: &serde_json::Error) -> bool {
    matches!(error.classify(), serde_json::error::Category::Syntax | serde_json::error::Category::Eof)
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario::new(1)
    }
}
