//! Actions in JSON: `{"do": "crash", "node": 2}`, with `at_ms` first in scenario files.

use raft_core::SortedMap;

use crate::action::{Action, TimedAction};
use crate::json::Json;
use crate::json_read::{
    child, read_array, read_probability, read_string, read_u32, read_u64, write_probability, Fields,
};
use crate::scenario::ScenarioError;

/// Every action's name, as written in `do`.
pub const ACTION_NAMES: [&str; 10] =
    ["timeout", "crash", "restart", "write", "partition", "heal", "cut", "mend", "drop", "loss"];

impl Action {
    /// Reads an action object; errors name the field under `path` (e.g. `actions[2].node`).
    pub fn from_json(value: &Json, path: &str) -> Result<Action, ScenarioError> {
        read_action(value, path, &[])
    }

    /// The action as a JSON object, `do` first.
    pub fn to_json(&self) -> Json {
        Json::Object(self.fields())
    }

    /// `do` and the action's fields.
    fn fields(&self) -> Vec<(String, Json)> {
        let mut fields = vec![("do".to_owned(), Json::from(self.name()))];
        let mut add = |key: &str, value: Json| fields.push((key.to_owned(), value));
        match self {
            Action::Timeout { node } | Action::Crash { node } | Action::Restart { node } => {
                add("node", Json::from(*node))
            }
            Action::Write { node, command } => {
                add("node", Json::from(*node));
                add("command", Json::from(command.as_str()));
            }
            Action::Partition { groups } => {
                add("groups", Json::Array(groups.iter().cloned().map(Json::from).collect()))
            }
            Action::Heal => {}
            Action::Cut { from, to } | Action::Mend { from, to } => {
                add("from", Json::from(*from));
                add("to", Json::from(*to));
            }
            Action::Drop { message } => add("message", Json::from(*message)),
            Action::Loss { probability } => add("probability", write_probability(*probability)),
        }
        fields
    }

    /// The action's name, as written in `do`.
    pub fn name(&self) -> &'static str {
        let index = match self {
            Action::Timeout { .. } => 0,
            Action::Crash { .. } => 1,
            Action::Restart { .. } => 2,
            Action::Write { .. } => 3,
            Action::Partition { .. } => 4,
            Action::Heal => 5,
            Action::Cut { .. } => 6,
            Action::Mend { .. } => 7,
            Action::Drop { .. } => 8,
            Action::Loss { .. } => 9,
        };
        ACTION_NAMES[index]
    }
}

impl TimedAction {
    /// Reads `{"at_ms": …, "do": …, …}`.
    pub fn from_json(value: &Json, path: &str) -> Result<TimedAction, ScenarioError> {
        let at_ms =
            Fields::of(value, path, "an action object: { \"at_ms\": 0, \"do\": … }")?.require("at_ms", |v, p| {
                read_u64(v, p).map_err(|_| ScenarioError {
                    path: p.to_owned(),
                    message: "expected milliseconds, a whole number >= 0".to_owned(),
                })
            })?;
        Ok(TimedAction { at_ms, action: read_action(value, path, &["at_ms"])? })
    }

    /// The action as a JSON object: `at_ms` first, then the action's fields in alphabetical
    /// order, as version-1 files and links have always been written (so a scenario encodes to
    /// the same link in every release).
    pub fn to_json(&self) -> Json {
        let mut fields = vec![("at_ms".to_owned(), Json::from(self.at_ms))];
        let action: SortedMap<String, Json> = self.action.fields().into_iter().collect();
        fields.extend(action.iter().map(|(key, value)| (key.clone(), value.clone())));
        Json::Object(fields)
    }
}

/// Reads an action; `extra` names fields that belong to the caller (`at_ms`).
fn read_action(value: &Json, path: &str, extra: &[&str]) -> Result<Action, ScenarioError> {
    let fields = Fields::of(value, path, "an action object: { \"do\": \"crash\", \"node\": 2 }")?;
    let name = fields.require("do", read_string)?;
    let own: &[&str] = match name.as_str() {
        "timeout" | "crash" | "restart" => &["node"],
        "write" => &["node", "command"],
        "partition" => &["groups"],
        "heal" => &[],
        "cut" | "mend" => &["from", "to"],
        "drop" => &["message"],
        "loss" => &["probability"],
        other => {
            let message = format!("unknown action `{other}`: actions are {}", ACTION_NAMES.join(", "));
            return Err(ScenarioError { path: child(path, "do"), message });
        }
    };
    let known: Vec<&str> = extra.iter().chain(["do"].iter()).chain(own).copied().collect();
    fields.check_known(&known)?;
    let node = || fields.require("node", read_u32);
    Ok(match name.as_str() {
        "timeout" => Action::Timeout { node: node()? },
        "crash" => Action::Crash { node: node()? },
        "restart" => Action::Restart { node: node()? },
        "write" => Action::Write { node: node()?, command: fields.require("command", read_string)? },
        "partition" => Action::Partition {
            groups: fields.require("groups", |v, p| read_array(v, p, None, |v, p| read_array(v, p, None, read_u32)))?,
        },
        "heal" => Action::Heal,
        "cut" => Action::Cut { from: fields.require("from", read_u32)?, to: fields.require("to", read_u32)? },
        "mend" => Action::Mend { from: fields.require("from", read_u32)?, to: fields.require("to", read_u32)? },
        "drop" => Action::Drop { message: fields.require("message", read_u64)? },
        _ => Action::Loss { probability: fields.require("probability", read_probability)? },
    })
}
