//! Actions in JSON: `{"do": "crash", "node": 2}`, with `at_ms` first in scenario files.

use crate::action::{Action, TimedAction};
use crate::json::Json;
use crate::json_read::{
    child, read_array, read_probability, read_string, read_u32, read_u64, write_probability, Fields,
};
use crate::scenario::{error, ScenarioError};

/// Every action: its name, as written in `do`, and its other fields, in alphabetical order.
const ACTIONS: [(&str, &[&str]); 10] = [
    ("timeout", &["node"]),
    ("crash", &["node"]),
    ("restart", &["node"]),
    ("write", &["command", "node"]),
    ("partition", &["groups"]),
    ("heal", &[]),
    ("cut", &["from", "to"]),
    ("mend", &["from", "to"]),
    ("drop", &["message"]),
    ("loss", &["probability"]),
];

impl Action {
    /// Reads an action object; errors name the field under `path` (e.g. `actions[2].node`).
    pub fn from_json(value: &Json, path: &str) -> Result<Action, ScenarioError> {
        read_action(value, path, &[])
    }

    /// The action's name, as written in `do`.
    pub fn name(&self) -> &'static str {
        ACTIONS[self.kind_index()].0
    }

    /// Its row in [`ACTIONS`].
    fn kind_index(&self) -> usize {
        match self {
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
        }
    }

    /// `do` and the action's fields, all in alphabetical order, as version-1 files and links
    /// have always been written (so a scenario encodes to the same link in every release).
    fn fields(&self) -> Vec<(String, Json)> {
        let values = match self {
            Action::Timeout { node } | Action::Crash { node } | Action::Restart { node } => vec![Json::from(*node)],
            Action::Write { node, command } => vec![Json::from(command.as_str()), Json::from(*node)],
            Action::Partition { groups } => vec![Json::Array(groups.iter().cloned().map(Json::from).collect())],
            Action::Heal => vec![],
            Action::Cut { from, to } | Action::Mend { from, to } => vec![Json::from(*from), Json::from(*to)],
            Action::Drop { message } => vec![Json::from(*message)],
            Action::Loss { probability } => vec![write_probability(*probability)],
        };
        let (name, keys) = ACTIONS[self.kind_index()];
        let mut fields: Vec<(String, Json)> = keys.iter().map(|key| key.to_string()).zip(values).collect();
        let before_do = keys.iter().filter(|key| **key < "do").count();
        fields.insert(before_do, ("do".to_owned(), Json::from(name)));
        fields
    }
}

impl TimedAction {
    /// Reads `{"at_ms": …, "do": …, …}`.
    pub fn from_json(value: &Json, path: &str) -> Result<TimedAction, ScenarioError> {
        let at_ms = Fields::of(value, path, "an action object: { \"at_ms\": 0, \"do\": … }")?
            .require("at_ms", |v, p| {
                read_u64(v, p).map_err(|_| error(p, "expected milliseconds, a whole number >= 0"))
            })?;
        Ok(TimedAction { at_ms, action: read_action(value, path, &["at_ms"])? })
    }

    /// The action as a JSON object: `at_ms` first, then the action's fields in alphabetical
    /// order, as version-1 files and links have always been written (so a scenario encodes to
    /// the same link in every release).
    pub fn to_json(&self) -> Json {
        let mut fields = vec![("at_ms".to_owned(), Json::from(self.at_ms))];
        fields.extend(self.action.fields());
        Json::Object(fields)
    }
}

/// Reads an action; `extra` names fields that belong to the caller (`at_ms`).
fn read_action(value: &Json, path: &str, extra: &[&str]) -> Result<Action, ScenarioError> {
    let fields = Fields::of(value, path, "an action object: { \"do\": \"crash\", \"node\": 2 }")?;
    let name = fields.require("do", read_string)?;
    let Some(&(_, own)) = ACTIONS.iter().find(|(known, _)| *known == name) else {
        let names: Vec<&str> = ACTIONS.iter().map(|(known, _)| *known).collect();
        let message =
            format!("unknown action `{}`: actions are {}", crate::json_read::shortened(&name), names.join(", "));
        return Err(error(child(path, "do"), message));
    };
    let known: Vec<&str> = extra.iter().chain(["do"].iter()).chain(own).copied().collect();
    fields.check_known(&known)?;
    let node = || fields.require("node", read_u32);
    Ok(match name.as_str() {
        // Every name of ACTIONS has its arm; the last one is "loss".
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
