//! The trace: every event of a run, each with a canonical one-line form, folded into a 64-bit
//! hash that is the same natively and in wasm.

use std::fmt;

use raft_core::{Command, LogIndex, NodeId, RequestId, Term, Timer};
use serde::{Serialize, Serializer};

use crate::action::{Action, ActionError};
use crate::client::OpResult;
use crate::network::{DropReason, MessageId, PayloadKind};
use crate::time::Millis;
use crate::trace_tokens::{TokenHasher, Tokens};

/// One thing that happened in a run. Serialised as one JSON object per line (`raftsim run
/// --trace`), with the time in `t` and the kind in `type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TraceEvent {
    /// A message was put on the wire.
    Send {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The message's id.
        id: MessageId,
        /// Sender (0 is the client).
        from: NodeId,
        /// Receiver (0 is the client).
        to: NodeId,
        /// Kind of message.
        kind: PayloadKind,
        /// The term it carries (0 for client messages).
        term: Term,
        /// When it will arrive.
        deliver_at: Millis,
    },
    /// A second copy of a message was put on the wire (the `duplicate` option or action).
    Duplicate {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The copy's id.
        id: MessageId,
        /// The id of the message copied.
        of: MessageId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// Kind of message.
        kind: PayloadKind,
        /// When the copy will arrive.
        deliver_at: Millis,
    },
    /// A message reached its receiver.
    Deliver {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The message's id.
        id: MessageId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// Kind of message.
        kind: PayloadKind,
    },
    /// A message was lost.
    Drop {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The message's id.
        id: MessageId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// Kind of message.
        kind: PayloadKind,
        /// Why.
        reason: DropReason,
    },
    /// A node's timer fired.
    Timer {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Whose.
        node: NodeId,
        /// `election` or `heartbeat`.
        timer: &'static str,
    },
    /// A node armed its timer.
    TimerSet {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Whose.
        node: NodeId,
        /// `election` or `heartbeat`.
        timer: &'static str,
        /// When it will fire.
        deadline: Millis,
    },
    /// A user action was applied, or refused with `error`.
    Action {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The action, written e.g. `crash 2`.
        #[serde(serialize_with = "as_text")]
        action: Action,
        /// Why it was refused, if it was (written in English).
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_optional_text")]
        error: Option<ActionError>,
    },
    /// A node changed role.
    Role {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
        /// `follower`, `candidate` or `leader`.
        role: &'static str,
        /// The term of that role.
        term: Term,
    },
    /// A node stored entries `first..=last`.
    Append {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
        /// First new index.
        first: LogIndex,
        /// Last new index.
        last: LogIndex,
    },
    /// A node deleted conflicting entries after `last_kept`.
    Truncate {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
        /// Last index kept.
        last_kept: LogIndex,
    },
    /// A node's commit index advanced.
    Commit {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
        /// Its new commit index.
        index: LogIndex,
    },
    /// A node applied an entry to its state machine.
    Apply {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
        /// The entry's index.
        index: LogIndex,
        /// The entry's term.
        term: Term,
        /// Its command; written `null` for a no-op or a blank entry.
        #[serde(serialize_with = "command_text")]
        command: Command,
    },
    /// A node took a snapshot through `index` and compacted its log, or (`from` set) loaded
    /// a leader's snapshot in place of its log.
    Snapshot {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
        /// The snapshot's last index.
        index: LogIndex,
        /// Its term.
        term: Term,
        /// The leader whose snapshot was installed; `null` for one the node took itself.
        from: Option<NodeId>,
    },
    /// A node crashed.
    Crash {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
    },
    /// A node restarted.
    Restart {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// Which node.
        node: NodeId,
    },
    /// The client invoked a write.
    ClientRequest {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The operation's id.
        op: RequestId,
        /// The server it was sent to.
        node: NodeId,
        /// The command.
        command: String,
    },
    /// A client operation ended.
    ClientResponse {
        /// When.
        #[serde(rename = "t")]
        at: Millis,
        /// The operation's id.
        op: RequestId,
        /// How it ended.
        result: OpResult,
    },
}

impl TraceEvent {
    /// When the event happened.
    pub fn at(&self) -> Millis {
        match self {
            TraceEvent::Send { at, .. }
            | TraceEvent::Duplicate { at, .. }
            | TraceEvent::Deliver { at, .. }
            | TraceEvent::Drop { at, .. }
            | TraceEvent::Timer { at, .. }
            | TraceEvent::TimerSet { at, .. }
            | TraceEvent::Action { at, .. }
            | TraceEvent::Role { at, .. }
            | TraceEvent::Append { at, .. }
            | TraceEvent::Truncate { at, .. }
            | TraceEvent::Commit { at, .. }
            | TraceEvent::Apply { at, .. }
            | TraceEvent::Snapshot { at, .. }
            | TraceEvent::Crash { at, .. }
            | TraceEvent::Restart { at, .. }
            | TraceEvent::ClientRequest { at, .. }
            | TraceEvent::ClientResponse { at, .. } => *at,
        }
    }

    /// The event as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("trace events always serialise")
    }
}

/// The name of a timer in traces.
pub fn timer_name(timer: Timer) -> &'static str {
    match timer {
        Timer::Election => "election",
        Timer::Heartbeat => "heartbeat",
    }
}

/// Writes a value by its `Display` form.
fn as_text<T: fmt::Display, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Writes an optional value by its `Display` form.
fn as_optional_text<T: fmt::Display, S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}

/// Writes a command's text, `null` for a no-op or a blank entry.
fn command_text<S: Serializer>(command: &Command, serializer: S) -> Result<S::Ok, S::Error> {
    command.text().serialize(serializer)
}

/// Records a run: always its hash, and the events themselves when asked to (tests, the CLI),
/// since a long interactive run should not keep every event.
#[derive(Clone, Debug)]
pub struct Trace {
    hash: u64,
    events: Option<Vec<TraceEvent>>,
    /// Off, the trace records nothing, not even its hash (the model checker's states).
    off: bool,
}

impl Trace {
    /// An empty trace that keeps its events if `record` is true.
    pub fn new(record: bool) -> Self {
        Trace { hash: TokenHasher::new().finish(), events: record.then(Vec::new), off: false }
    }

    /// Stops recording: later events leave the hash and the events as they are.
    pub(crate) fn turn_off(&mut self) {
        self.off = true;
        self.events = None;
    }

    /// Adds an event.
    pub fn push(&mut self, event: TraceEvent) {
        if self.off {
            return;
        }
        let mut hasher = TokenHasher::resume(self.hash);
        event.tokens(&mut hasher);
        self.hash = hasher.finish();
        if let Some(events) = &mut self.events {
            events.push(event);
        }
    }

    /// The hash of every event so far: FNV-1a's step over each event's canonical tokens (see
    /// `trace_tokens`).
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The recorded events, if recording.
    pub fn events(&self) -> Option<&[TraceEvent]> {
        self.events.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_every_event_and_the_json_keeps_its_form() {
        let mut trace = Trace::new(true);
        let empty = trace.hash();
        trace.push(TraceEvent::Crash { at: 0, node: 1 });
        assert_ne!(trace.hash(), empty);
        let refused =
            TraceEvent::Action { at: 3, action: Action::Crash { node: 1 }, error: Some(ActionError::NodeDown(1)) };
        trace.push(refused.clone());
        assert_eq!(trace.events().map(<[_]>::len), Some(2));
        assert_eq!(
            refused.to_json(),
            r#"{"type":"action","t":3,"action":"crash 1","error":"S1 is crashed: restart it first"}"#
        );
        let apply = TraceEvent::Apply { at: 4, node: 2, index: 1, term: 1, command: Command::Noop };
        assert_eq!(apply.to_json(), r#"{"type":"apply","t":4,"node":2,"index":1,"term":1,"command":null}"#);
    }
}
