//! The scenario file format (version 1) as JSON: reading a [`Scenario`] with errors naming the
//! field, and writing it back in the same field order. The format is documented in
//! `scenario.rs`; actions are in `action_json.rs`.

use raft_core::{quoted, NodeId, SortedMap};

use crate::action::TimedAction;
use crate::config::MAX_NODES;
use crate::json::Json;
use crate::json_read::{
    nullable, read_array, read_bool, read_probability, read_string, read_u32, read_u64, write_probability, Fields,
};
use crate::scenario::{error, InitialState, LogItem, Scenario, ScenarioError, ScenarioOptions};

const SCENARIO_FIELDS: [&str; 9] =
    ["version", "seed", "nodes", "title", "description", "options", "initial", "actions", "until_ms"];
const OPTION_FIELDS: [&str; 8] = [
    "election_timeout_ms",
    "heartbeat_ms",
    "latency_ms",
    "loss",
    "client_timeout_ms",
    "max_entries_per_append",
    "noop_on_election",
    "conflict_hint",
];
const INITIAL_FIELDS: [&str; 3] = ["term", "voted_for", "log"];
const LOG_ITEM: &str = "a log entry is a term (e.g. 3) or [term, \"command\"] (e.g. [3, \"x=1\"])";

/// Reads a scenario from a parsed JSON value (not yet validated).
pub(crate) fn read_scenario(value: &Json) -> Result<Scenario, ScenarioError> {
    let fields = Fields::of(value, "", "one JSON object: { \"version\": 1, \"seed\": … }")?;
    fields.check_known(&SCENARIO_FIELDS)?;
    let defaults = Scenario::new(0);
    Ok(Scenario {
        version: fields.require("version", read_u32)?,
        seed: fields.require("seed", read_u64)?,
        nodes: fields.read("nodes", read_u32)?.unwrap_or(defaults.nodes),
        title: fields.read("title", nullable(read_string))?.flatten(),
        description: fields.read("description", nullable(read_string))?.flatten(),
        options: fields.read("options", read_options)?.unwrap_or_default(),
        initial: fields.read("initial", read_initial)?.unwrap_or_default(),
        actions: fields.read("actions", |v, p| read_array(v, p, None, TimedAction::from_json))?.unwrap_or_default(),
        until_ms: fields.read("until_ms", nullable(read_u64))?.flatten(),
    })
}

fn read_options(value: &Json, path: &str) -> Result<ScenarioOptions, ScenarioError> {
    let fields = Fields::of(value, path, "an object of options")?;
    fields.check_known(&OPTION_FIELDS)?;
    let d = ScenarioOptions::default();
    let pair = |value: &Json, path: &str| {
        let items = read_array(value, path, Some(2), read_u64)?;
        Ok([items[0], items[1]])
    };
    Ok(ScenarioOptions {
        election_timeout_ms: fields.read("election_timeout_ms", pair)?.unwrap_or(d.election_timeout_ms),
        heartbeat_ms: fields.read("heartbeat_ms", read_u64)?.unwrap_or(d.heartbeat_ms),
        latency_ms: fields.read("latency_ms", pair)?.unwrap_or(d.latency_ms),
        loss: fields.read("loss", read_probability)?.unwrap_or(d.loss),
        client_timeout_ms: fields.read("client_timeout_ms", read_u64)?.unwrap_or(d.client_timeout_ms),
        max_entries_per_append: fields.read("max_entries_per_append", read_u32)?.unwrap_or(d.max_entries_per_append),
        noop_on_election: fields.read("noop_on_election", read_bool)?.unwrap_or(d.noop_on_election),
        conflict_hint: fields.read("conflict_hint", read_bool)?.unwrap_or(d.conflict_hint),
    })
}

fn read_initial(value: &Json, path: &str) -> Result<SortedMap<NodeId, InitialState>, ScenarioError> {
    let fields = Fields::of(value, path, "an object of server ids, e.g. { \"1\": { \"term\": 2 } }")?;
    // Checked before reading any: a link can hold thousands of ids, and `validate` only sees
    // them after they are all read.
    if fields.entries().count() > MAX_NODES as usize {
        return Err(error(path, format!("at most {MAX_NODES} servers")));
    }
    let mut initial = SortedMap::new();
    for (key, value, path) in fields.entries() {
        // Written as JSON writes the number: no sign, no leading zero.
        let canonical = key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0'));
        let Some(node) = key.parse::<NodeId>().ok().filter(|_| canonical) else {
            return Err(error(path, format!("a server id is a whole number, not {}", quoted(key))));
        };
        if initial.insert(node, read_initial_state(value, &path)?).is_some() {
            return Err(error(path, format!("server {node} is given twice")));
        }
    }
    Ok(initial)
}

fn read_initial_state(value: &Json, path: &str) -> Result<InitialState, ScenarioError> {
    let fields = Fields::of(value, path, "an object: { \"term\": …, \"voted_for\": …, \"log\": […] }")?;
    fields.check_known(&INITIAL_FIELDS)?;
    Ok(InitialState {
        term: fields.read("term", read_u64)?.unwrap_or(0),
        voted_for: fields.read("voted_for", nullable(read_u32))?.flatten(),
        log: fields.read("log", |v, p| read_array(v, p, None, read_log_item))?.unwrap_or_default(),
    })
}

fn read_log_item(value: &Json, path: &str) -> Result<LogItem, ScenarioError> {
    let term = |value: &Json| value.as_u64().ok_or(());
    let item = match value {
        Json::Number(_) => term(value).map(LogItem::Term),
        Json::Array(items) => match items.as_slice() {
            [t, Json::Null] => term(t).map(|t| LogItem::Entry(t, None)),
            [t, Json::String(command)] => term(t).map(|t| LogItem::Entry(t, Some(command.clone()))),
            _ => Err(()),
        },
        _ => Err(()),
    };
    item.map_err(|()| error(path, LOG_ITEM))
}

/// Writes a scenario in the file format's field order; empty optional parts are left out.
pub(crate) fn write_scenario(scenario: &Scenario) -> Json {
    let mut fields = vec![
        ("version", Json::from(scenario.version)),
        ("seed", Json::from(scenario.seed)),
        ("nodes", Json::from(scenario.nodes)),
    ];
    if let Some(title) = &scenario.title {
        fields.push(("title", Json::from(title.as_str())));
    }
    if let Some(description) = &scenario.description {
        fields.push(("description", Json::from(description.as_str())));
    }
    fields.push(("options", write_options(&scenario.options)));
    if !scenario.initial.is_empty() {
        let initial = scenario.initial.iter().map(|(node, state)| (node.to_string(), write_initial_state(state)));
        fields.push(("initial", Json::object(initial)));
    }
    fields.push(("actions", Json::Array(scenario.actions.iter().map(TimedAction::to_json).collect())));
    if let Some(until_ms) = scenario.until_ms {
        fields.push(("until_ms", Json::from(until_ms)));
    }
    Json::object(fields)
}

fn write_options(options: &ScenarioOptions) -> Json {
    Json::object([
        ("election_timeout_ms", Json::from(options.election_timeout_ms.to_vec())),
        ("heartbeat_ms", Json::from(options.heartbeat_ms)),
        ("latency_ms", Json::from(options.latency_ms.to_vec())),
        ("loss", write_probability(options.loss)),
        ("client_timeout_ms", Json::from(options.client_timeout_ms)),
        ("max_entries_per_append", Json::from(options.max_entries_per_append)),
        ("noop_on_election", Json::from(options.noop_on_election)),
        ("conflict_hint", Json::from(options.conflict_hint)),
    ])
}

fn write_initial_state(state: &InitialState) -> Json {
    let log = state.log.iter().map(|entry| match entry {
        LogItem::Term(term) => Json::from(*term),
        LogItem::Entry(term, command) => Json::Array(vec![Json::from(*term), Json::from(command.clone())]),
    });
    Json::object([
        ("term", Json::from(state.term)),
        ("voted_for", Json::from(state.voted_for)),
        ("log", Json::Array(log.collect())),
    ])
}
