//! How actions are read: every field any action has, in one flat struct that serde derives a
//! reader for, then checked against what the named action takes. Writing stays serde's
//! internally tagged form (`{"do": "crash", "node": 2}`); reading it through this struct
//! instead of serde's tagged-enum machinery refuses what that machinery lets through (a number
//! as `do`, fields an action does not have) and keeps the page's WebAssembly small.

use raft_core::NodeId;
use serde::{Deserialize, Deserializer, Serialize};

use crate::action::{Action, ClientId, MessageId, TimedAction};
use crate::object::Object;
use crate::options::{probability, Scheduler};
use crate::Millis;

/// The kinds of action, as written in `do`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// `timeout`
    Timeout,
    /// `crash`
    Crash,
    /// `restart`
    Restart,
    /// `write`
    Write,
    /// `read`
    Read,
    /// `snapshot`
    Snapshot,
    /// `partition`
    Partition,
    /// `heal`
    Heal,
    /// `cut`
    Cut,
    /// `mend`
    Mend,
    /// `drop`
    Drop,
    /// `loss`
    Loss,
    /// `latency`
    Latency,
    /// `duplicate`
    Duplicate,
    /// `transfer`
    Transfer,
    /// `add_server`
    AddServer,
    /// `remove_server`
    RemoveServer,
    /// `reconfigure`
    Reconfigure,
    /// `deliver`
    Deliver,
    /// `heartbeat`
    Heartbeat,
    /// `scheduler`
    Scheduler,
    /// `workload`
    Workload,
    /// `clock`
    Clock,
}

impl ActionKind {
    /// The fields an action of this kind takes, besides `do` (and `at_ms` in a scenario).
    fn fields(self) -> &'static [&'static str] {
        match self {
            ActionKind::Timeout
            | ActionKind::Crash
            | ActionKind::Restart
            | ActionKind::Transfer
            | ActionKind::Snapshot
            | ActionKind::AddServer
            | ActionKind::RemoveServer
            | ActionKind::Heartbeat => &["node"],
            ActionKind::Scheduler => &["mode"],
            ActionKind::Reconfigure => &["voters"],
            ActionKind::Write => &["node", "command"],
            ActionKind::Read => &["node", "key"],
            ActionKind::Partition => &["groups"],
            ActionKind::Heal => &[],
            ActionKind::Cut | ActionKind::Mend => &["from", "to"],
            ActionKind::Drop | ActionKind::Duplicate | ActionKind::Deliver => &["message"],
            ActionKind::Loss => &["probability"],
            ActionKind::Latency => &["range_ms"],
            ActionKind::Workload => &["every_ms"],
            ActionKind::Clock => &["node", "percent"],
        }
    }

    /// The kind's name, as written in `do`.
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::Timeout => "timeout",
            ActionKind::Crash => "crash",
            ActionKind::Restart => "restart",
            ActionKind::Write => "write",
            ActionKind::Read => "read",
            ActionKind::Snapshot => "snapshot",
            ActionKind::Partition => "partition",
            ActionKind::Heal => "heal",
            ActionKind::Cut => "cut",
            ActionKind::Mend => "mend",
            ActionKind::Drop => "drop",
            ActionKind::Loss => "loss",
            ActionKind::Latency => "latency",
            ActionKind::Duplicate => "duplicate",
            ActionKind::Transfer => "transfer",
            ActionKind::AddServer => "add_server",
            ActionKind::RemoveServer => "remove_server",
            ActionKind::Reconfigure => "reconfigure",
            ActionKind::Deliver => "deliver",
            ActionKind::Heartbeat => "heartbeat",
            ActionKind::Scheduler => "scheduler",
            ActionKind::Workload => "workload",
            ActionKind::Clock => "clock",
        }
    }
}

/// Every field of every action, as an action object may hold them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an action object: { \"at_ms\": 0, \"do\": \"crash\", \"node\": 2 }")]
pub(crate) struct ActionFields {
    at_ms: Option<Millis>,
    #[serde(rename = "do")]
    kind: ActionKind,
    node: Option<NodeId>,
    command: Option<String>,
    key: Option<String>,
    client: Option<ClientId>,
    groups: Option<Vec<Vec<NodeId>>>,
    voters: Option<Vec<NodeId>>,
    from: Option<NodeId>,
    to: Option<NodeId>,
    message: Option<MessageId>,
    #[serde(default, deserialize_with = "optional_probability")]
    probability: Option<f64>,
    mode: Option<Scheduler>,
    every_ms: Option<Millis>,
    range_ms: Option<[Millis; 2]>,
    percent: Option<u32>,
}

fn optional_probability<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    probability(deserializer).map(Some)
}

impl ActionFields {
    /// The action, if it has exactly the fields its kind takes.
    fn action(self) -> Result<Action, String> {
        let kind = self.kind;
        let given = [
            ("node", self.node.is_some()),
            ("command", self.command.is_some()),
            ("key", self.key.is_some()),
            ("client", self.client.is_some()),
            ("groups", self.groups.is_some()),
            ("voters", self.voters.is_some()),
            ("from", self.from.is_some()),
            ("to", self.to.is_some()),
            ("message", self.message.is_some()),
            ("probability", self.probability.is_some()),
            ("mode", self.mode.is_some()),
            ("every_ms", self.every_ms.is_some()),
            ("range_ms", self.range_ms.is_some()),
            ("percent", self.percent.is_some()),
        ];
        let wanted = kind.fields();
        // A client's actions may name the client; without it, it is client 1.
        let optional: &[&str] =
            if matches!(kind, ActionKind::Write | ActionKind::Read | ActionKind::Workload) { &["client"] } else { &[] };
        let client = self.client.unwrap_or(1);
        for (field, present) in given {
            if present && !wanted.contains(&field) && !optional.contains(&field) {
                let expected = wanted.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
                let expected = if wanted.is_empty() { "none".to_owned() } else { expected };
                return Err(format!("unknown field `{field}` for `{}`, expected {expected}", kind.name()));
            }
            if !present && wanted.contains(&field) {
                return Err(format!("missing field `{field}`"));
            }
        }
        let (node, from, to) = (self.node.unwrap_or(0), self.from.unwrap_or(0), self.to.unwrap_or(0));
        Ok(match kind {
            ActionKind::Timeout => Action::Timeout { node },
            ActionKind::Crash => Action::Crash { node },
            ActionKind::Restart => Action::Restart { node },
            ActionKind::Write => Action::Write { node, command: self.command.unwrap_or_default(), client },
            ActionKind::Read => Action::Read { node, key: self.key.unwrap_or_default(), client },
            ActionKind::Partition => Action::Partition { groups: self.groups.unwrap_or_default() },
            ActionKind::Heal => Action::Heal {},
            ActionKind::Cut => Action::Cut { from, to },
            ActionKind::Mend => Action::Mend { from, to },
            ActionKind::Drop => Action::Drop { message: self.message.unwrap_or(0) },
            ActionKind::Duplicate => Action::Duplicate { message: self.message.unwrap_or(0) },
            ActionKind::Transfer => Action::Transfer { node },
            ActionKind::Snapshot => Action::Snapshot { node },
            ActionKind::Loss => Action::Loss { probability: self.probability.unwrap_or(0.0) },
            ActionKind::Latency => Action::Latency { range_ms: self.range_ms.unwrap_or_default() },
            ActionKind::AddServer => Action::AddServer { node },
            ActionKind::RemoveServer => Action::RemoveServer { node },
            ActionKind::Reconfigure => Action::Reconfigure { voters: self.voters.unwrap_or_default() },
            ActionKind::Deliver => Action::Deliver { message: self.message.unwrap_or(0) },
            ActionKind::Heartbeat => Action::Heartbeat { node },
            ActionKind::Scheduler => Action::Scheduler { mode: self.mode.unwrap_or_default() },
            ActionKind::Workload => Action::Workload { client, every_ms: self.every_ms.unwrap_or(0) },
            ActionKind::Clock => Action::Clock { node, percent: self.percent.unwrap_or(100) },
        })
    }
}

/// An action on its own (an embed's `act`): no `at_ms`.
impl TryFrom<Object<ActionFields>> for Action {
    type Error = String;

    fn try_from(Object(fields): Object<ActionFields>) -> Result<Action, String> {
        if fields.at_ms.is_some() {
            return Err("unknown field `at_ms`: an action done now has no time".to_owned());
        }
        fields.action()
    }
}

/// An action of a scenario: `at_ms` is required.
impl TryFrom<Object<ActionFields>> for TimedAction {
    type Error = String;

    fn try_from(Object(fields): Object<ActionFields>) -> Result<TimedAction, String> {
        let at_ms = fields.at_ms.ok_or("missing field `at_ms`")?;
        Ok(TimedAction { at_ms, action: fields.action()? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(json: &str) -> String {
        serde_json::from_str::<TimedAction>(json).unwrap_err().to_string()
    }

    #[test]
    fn an_action_has_exactly_the_fields_of_its_kind() {
        assert!(refusal(r#"{"at_ms":0,"do":"heal","node":1}"#).starts_with("unknown field `node` for `heal`"));
        assert!(refusal(r#"{"at_ms":0,"do":"crash"}"#).starts_with("missing field `node`"));
        assert!(refusal(r#"{"do":"crash","node":1}"#).starts_with("missing field `at_ms`"));
        assert!(refusal(r#"{"at_ms":0,"do":"crash","node":1,"why":1}"#).starts_with("unknown field `why`"));
        assert!(refusal(r#"{"at_ms":0,"do":"crash","node":1,"node":2}"#).starts_with("duplicate field `node`"));
        assert!(refusal(r#"[0,"heal",null,null,null,null,null,null,null]"#).starts_with("invalid type: sequence"));
    }

    #[test]
    fn do_is_a_name_never_a_number() {
        assert!(
            refusal(r#"{"at_ms":0,"do":1,"node":2}"#).contains("expected value"),
            "{}",
            refusal(r#"{"at_ms":0,"do":1,"node":2}"#)
        );
        assert!(refusal(r#"{"at_ms":0,"do":"explode"}"#).starts_with("unknown variant `explode`"));
    }
}
