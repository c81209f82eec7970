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

use std::fmt;

use crate::action::{Action, TimedAction};
use crate::builder::SimBuilder;
use crate::config::SimConfig;
use crate::decimal::check_probability;
use crate::json::Json;
use crate::scenario_json::{read_scenario, write_scenario};
use crate::simulation::Simulation;
use crate::time::Millis;
use raft_core::{Command, Entry, Log, NodeId, PersistentState, RaftOptions, SortedMap, Term};

/// The scenario format this build writes; it reads this one and every earlier one.
pub const SCENARIO_VERSION: u32 = 1;

/// The highest term a server may start with: far from where counting up could overflow.
pub const MAX_INITIAL_TERM: Term = 1_000_000_000;

/// The latest moment an action or `until_ms` may name: one simulated hour, the horizon a link
/// may show, so that no input can make the clock wrap or a replay run for ever.
pub const MAX_SCENARIO_TIME_MS: Millis = crate::config::MAX_DURATION_MS;

/// The largest scenario file read, in bytes: refused before it is parsed.
pub const MAX_SCENARIO_FILE_BYTES: usize = 2 * 1024 * 1024;

/// The most log entries a server may start with.
pub const MAX_INITIAL_LOG_ENTRIES: usize = 10_000;

/// The most actions a scenario may hold.
pub const MAX_ACTIONS: usize = 10_000;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// A run, fully described.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Format version: 1.
    pub version: u32,
    /// The seed of every random choice.
    pub seed: u64,
    /// Number of servers (1–9).
    pub nodes: u32,
    /// A title, shown with the scenario.
    pub title: Option<String>,
    /// A description, shown with the scenario.
    pub description: Option<String>,
    /// Timing, network and Raft options.
    pub options: ScenarioOptions,
    /// Persistent state of some servers at time 0, by server id; the others start empty.
    pub initial: SortedMap<NodeId, InitialState>,
    /// What happens when, in time order.
    pub actions: Vec<TimedAction>,
    /// Where `raftsim run` stops by default.
    pub until_ms: Option<Millis>,
}

fn default_nodes() -> u32 {
    SimConfig::default().nodes
}

/// The `options` object. Every field is optional.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioOptions {
    /// Election timeouts are drawn from this range, in ms.
    pub election_timeout_ms: [Millis; 2],
    /// Heartbeat interval, in ms.
    pub heartbeat_ms: Millis,
    /// Message latency is drawn from this range, in ms.
    pub latency_ms: [Millis; 2],
    /// Probability that a message is lost.
    pub loss: f64,
    /// How long the client waits for an answer.
    pub client_timeout_ms: Millis,
    /// The most entries per AppendEntries.
    pub max_entries_per_append: u32,
    /// A new leader appends a no-op entry (§8).
    pub noop_on_election: bool,
    /// Rejections carry the conflicting term (§5.3 optimisation).
    pub conflict_hint: bool,
}

impl Default for ScenarioOptions {
    fn default() -> Self {
        ScenarioOptions::from(&SimConfig::default())
    }
}

impl From<&SimConfig> for ScenarioOptions {
    fn from(config: &SimConfig) -> Self {
        ScenarioOptions {
            election_timeout_ms: [config.election_timeout_ms.0, config.election_timeout_ms.1],
            heartbeat_ms: config.heartbeat_ms,
            latency_ms: [config.latency_ms.0, config.latency_ms.1],
            loss: config.loss,
            client_timeout_ms: config.client_timeout_ms,
            max_entries_per_append: config.raft.max_entries_per_append,
            noop_on_election: config.raft.noop_on_election,
            conflict_hint: config.raft.conflict_hint,
        }
    }
}

/// One server's persistent state at time 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InitialState {
    /// currentTerm.
    pub term: Term,
    /// votedFor.
    pub voted_for: Option<NodeId>,
    /// The log, index 1 first.
    pub log: Vec<LogItem>,
}

/// A log entry in a scenario: `[term, "command"]`, `[term, null]` or a bare term (a no-op).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogItem {
    /// An entry with no command.
    Term(Term),
    /// An entry with a command (`null` for none).
    Entry(Term, Option<String>),
}

impl LogItem {
    fn term(&self) -> Term {
        match self {
            LogItem::Term(term) | LogItem::Entry(term, _) => *term,
        }
    }
}

/// What is wrong with a scenario, and where: `path` names the field, e.g. `actions[2].node`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The field, in JSON path notation; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// The error at `path`.
pub(crate) fn error(path: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError { path: path.into(), message: message.into() }
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
            initial: SortedMap::new(),
            actions: Vec::new(),
            until_ms: None,
        }
    }

    /// Parses and checks a scenario file.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > MAX_SCENARIO_FILE_BYTES {
            let message = format!(
                "a scenario file has at most {} KB, not {} KB",
                MAX_SCENARIO_FILE_BYTES / 1024,
                text.len().div_ceil(1024)
            );
            return Err(error("", message));
        }
        // A byte order mark, which some editors write, is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !text.trim_start().starts_with('{') && !text.trim().is_empty() {
            return Err(error("", "a scenario is one JSON object: { \"version\": 1, \"seed\": … }"));
        }
        let value = Json::parse(text).map_err(|e| error("", e.to_string()))?;
        let scenario = read_scenario(&value)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as JSON, in the file format's field order.
    pub fn to_json(&self) -> Json {
        write_scenario(self)
    }

    /// The scenario as indented JSON, in the file format.
    pub fn to_json_pretty(&self) -> String {
        self.to_json().to_string_pretty()
    }

    /// The simulation configuration it describes.
    pub fn config(&self) -> SimConfig {
        let o = &self.options;
        SimConfig {
            nodes: self.nodes,
            election_timeout_ms: (o.election_timeout_ms[0], o.election_timeout_ms[1]),
            heartbeat_ms: o.heartbeat_ms,
            latency_ms: (o.latency_ms[0], o.latency_ms[1]),
            loss: o.loss,
            client_timeout_ms: o.client_timeout_ms,
            raft: RaftOptions {
                max_entries_per_append: o.max_entries_per_append,
                noop_on_election: o.noop_on_election,
                conflict_hint: o.conflict_hint,
            },
        }
    }

    /// Checks everything the format itself cannot: version, ranges, commands, time order.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version == 0 || self.version > SCENARIO_VERSION {
            let message =
                format!("this playground reads scenario versions 1 to {SCENARIO_VERSION}, not {}", self.version);
            return Err(error("version", message));
        }
        self.validate_sizes()?;
        self.config().validate().map_err(|e| {
            let field = e.setting();
            let path = if field == "nodes" { field.to_owned() } else { format!("options.{field}") };
            error(path, e.problem())
        })?;
        for (&node, state) in &self.initial {
            self.validate_initial(node, state)?;
        }
        let mut previous = 0;
        for (i, timed) in self.actions.iter().enumerate() {
            let path = format!("actions[{i}]");
            if timed.at_ms > MAX_SCENARIO_TIME_MS {
                let message = format!("at most {MAX_SCENARIO_TIME_MS} (one simulated hour), not {}", timed.at_ms);
                return Err(error(format!("{path}.at_ms"), message));
            }
            if timed.at_ms < previous {
                return Err(error(
                    format!("{path}.at_ms"),
                    format!("{} is before the previous action's {previous}: actions go in time order", timed.at_ms),
                ));
            }
            previous = timed.at_ms;
            self.validate_action(&path, &timed.action)?;
        }
        Ok(())
    }

    /// The limits that keep a scenario's work and memory bounded, each named in its error.
    fn validate_sizes(&self) -> Result<(), ScenarioError> {
        let too_long = |path: &str, limit: usize, text: &Option<String>| match text {
            Some(text) if text.chars().count() > limit => {
                Err(error(path, format!("at most {limit} characters, not {}", text.chars().count())))
            }
            _ => Ok(()),
        };
        too_long("title", MAX_TITLE_CHARS, &self.title)?;
        too_long("description", MAX_DESCRIPTION_CHARS, &self.description)?;
        if self.actions.len() > MAX_ACTIONS {
            return Err(error("actions", format!("at most {MAX_ACTIONS} actions, not {}", self.actions.len())));
        }
        if let Some(until) = self.until_ms.filter(|&until| until > MAX_SCENARIO_TIME_MS) {
            return Err(error("until_ms", format!("at most {MAX_SCENARIO_TIME_MS} (one simulated hour), not {until}")));
        }
        for (node, state) in &self.initial {
            if state.log.len() > MAX_INITIAL_LOG_ENTRIES {
                let message = format!("at most {MAX_INITIAL_LOG_ENTRIES} entries, not {}", state.log.len());
                return Err(error(format!("initial.{node}.log"), message));
            }
        }
        Ok(())
    }

    fn check_node(&self, path: &str, node: NodeId) -> Result<(), ScenarioError> {
        if node == 0 || node > self.nodes {
            return Err(error(path, format!("node {node} does not exist: nodes are 1 to {}", self.nodes)));
        }
        Ok(())
    }

    fn validate_initial(&self, node: NodeId, state: &InitialState) -> Result<(), ScenarioError> {
        let path = format!("initial.{node}");
        self.check_node(&path, node)?;
        if let Some(voted_for) = state.voted_for {
            self.check_node(&format!("{path}.voted_for"), voted_for)?;
        }
        let mut previous_term = 0;
        for (i, item) in state.log.iter().enumerate() {
            let item_path = format!("{path}.log[{i}]");
            let term = item.term();
            if term == 0 || term < previous_term {
                return Err(error(item_path, format!("terms start at 1 and never decrease along a log, not {term}")));
            }
            previous_term = term;
            if let LogItem::Entry(_, Some(command)) = item {
                Command::parse(command).map_err(|e| error(item_path, e.to_string()))?;
            }
        }
        if state.term > MAX_INITIAL_TERM {
            return Err(error(format!("{path}.term"), format!("at most {MAX_INITIAL_TERM}, not {}", state.term)));
        }
        if previous_term > state.term {
            let message = format!("{} is below the term {previous_term} of its last log entry", state.term);
            return Err(error(format!("{path}.term"), message));
        }
        Ok(())
    }

    fn validate_action(&self, path: &str, action: &Action) -> Result<(), ScenarioError> {
        match action {
            Action::Timeout { node } | Action::Crash { node } | Action::Restart { node } => {
                self.check_node(&format!("{path}.node"), *node)
            }
            Action::Write { node, command } => {
                self.check_node(&format!("{path}.node"), *node)?;
                Command::parse(command).map(|_| ()).map_err(|e| error(format!("{path}.command"), e.to_string()))
            }
            Action::Partition { groups } => {
                let mut seen = Vec::new();
                for (g, group) in groups.iter().enumerate() {
                    for (m, &node) in group.iter().enumerate() {
                        let member_path = format!("{path}.groups[{g}][{m}]");
                        self.check_node(&member_path, node)?;
                        if seen.contains(&node) {
                            return Err(error(member_path, format!("node {node} is in two groups")));
                        }
                        seen.push(node);
                    }
                }
                Ok(())
            }
            Action::Heal => Ok(()),
            Action::Cut { from, to } | Action::Mend { from, to } => {
                self.check_node(&format!("{path}.from"), *from)?;
                self.check_node(&format!("{path}.to"), *to)?;
                if from == to {
                    return Err(error(format!("{path}.to"), "a link joins two different nodes"));
                }
                Ok(())
            }
            Action::Drop { message } if *message == 0 => {
                Err(error(format!("{path}.message"), "message ids start at 1"))
            }
            Action::Drop { .. } => Ok(()),
            Action::Loss { probability } => {
                check_probability(*probability).map_err(|message| error(format!("{path}.probability"), message))
            }
        }
    }

    /// The initial persistent state of every server, server 1 first.
    pub fn initial_states(&self) -> Vec<PersistentState> {
        (1..=self.nodes)
            .map(|node| {
                let Some(state) = self.initial.get(&node) else { return PersistentState::default() };
                let entries = state
                    .log
                    .iter()
                    .map(|item| match item {
                        LogItem::Term(term) | LogItem::Entry(term, None) => {
                            Entry { term: *term, command: Command::Blank }
                        }
                        LogItem::Entry(term, Some(text)) => Entry {
                            term: *term,
                            command: Command::parse(text).unwrap_or(Command::Blank), // validated
                        },
                    })
                    .collect();
                PersistentState {
                    current_term: state.term,
                    voted_for: state.voted_for,
                    log: Log::from_entries(entries),
                }
            })
            .collect()
    }

    /// Builds the simulation at time 0 with every action scheduled. Validates first.
    pub fn build(&self, record_trace: bool) -> Result<Simulation, ScenarioError> {
        self.validate()?;
        let mut sim = SimBuilder::new(self.seed)
            .config(self.config())
            .initial_state(self.initial_states())
            .record_trace(record_trace)
            .build()
            .map_err(|e| error("options", e.to_string()))?;
        sim.schedule(self.actions.clone());
        Ok(sim)
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario::new(1)
    }
}
