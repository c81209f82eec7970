//! The trace: every event of a run, each with a canonical one-line form, folded into a 64-bit
//! hash that is the same natively and in wasm.

use std::fmt;

use raft_core::{LogIndex, NodeId, RequestId, Term, Timer};
use serde::Serialize;

use crate::client::OpResult;
use crate::network::{DropReason, MessageId, PayloadKind};
use crate::time::Millis;

/// One thing that happened in a run. Serialised as one JSON object per line (`raftsim run
/// --trace`), with the time in `t` and the kind in `type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
        /// The action, e.g. `crash 2`.
        action: String,
        /// Why it was refused, if it was.
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
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
        /// Its command; `None` for a no-op.
        command: Option<String>,
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

/// The canonical form hashed into the trace hash: changing it changes every hash, so do it
/// only deliberately.
impl fmt::Display for TraceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceEvent::Send { at, id, from, to, kind, term, deliver_at } => {
                write!(f, "{at} send #{id} {from}->{to} {} term={term} arrives={deliver_at}", kind.as_str())
            }
            TraceEvent::Deliver { at, id, .. } => write!(f, "{at} deliver #{id}"),
            TraceEvent::Drop { at, id, reason, .. } => write!(f, "{at} drop #{id} {}", reason.as_str()),
            TraceEvent::Timer { at, node, timer } => write!(f, "{at} fire {node} {timer}"),
            TraceEvent::TimerSet { at, node, timer, deadline } => write!(f, "{at} arm {node} {timer} until={deadline}"),
            TraceEvent::Action { at, action, error: None } => write!(f, "{at} action {action}"),
            TraceEvent::Action { at, action, error: Some(error) } => write!(f, "{at} refused {action}: {error}"),
            TraceEvent::Role { at, node, role, term } => write!(f, "{at} role {node} {role} term={term}"),
            TraceEvent::Append { at, node, first, last } => write!(f, "{at} append {node} {first}..={last}"),
            TraceEvent::Truncate { at, node, last_kept } => write!(f, "{at} truncate {node} after={last_kept}"),
            TraceEvent::Commit { at, node, index } => write!(f, "{at} commit {node} {index}"),
            TraceEvent::Apply { at, node, index, term, command } => {
                write!(f, "{at} apply {node} {index} term={term} {}", command.as_deref().unwrap_or("no-op"))
            }
            TraceEvent::Crash { at, node } => write!(f, "{at} crash {node}"),
            TraceEvent::Restart { at, node } => write!(f, "{at} restart {node}"),
            TraceEvent::ClientRequest { at, op, node, command } => {
                write!(f, "{at} client-request {op} {node} {command}")
            }
            TraceEvent::ClientResponse { at, op, result } => write!(f, "{at} client-response {op} {result:?}"),
        }
    }
}

/// Records a run: always its hash, and the events themselves when asked to (tests, the CLI),
/// since a long interactive run should not keep every event.
#[derive(Clone, Debug)]
pub struct Trace {
    hash: u64,
    events: Option<Vec<TraceEvent>>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Continues a 64-bit FNV-1a hash over `bytes`.
fn fnv1a_extend(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    }
    hash
}

/// FNV-1a as a text sink: what is written is hashed.
struct FnvWriter(u64);

impl fmt::Write for FnvWriter {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0 = fnv1a_extend(self.0, text.as_bytes());
        Ok(())
    }
}

impl Trace {
    /// An empty trace that keeps its events if `record` is true.
    pub fn new(record: bool) -> Self {
        Trace { hash: FNV_OFFSET, events: record.then(Vec::new) }
    }

    /// Adds an event.
    pub fn push(&mut self, event: TraceEvent) {
        use fmt::Write;
        // The canonical line goes straight into the hash, never into a buffer. Hashing
        // cannot fail.
        let mut hasher = FnvWriter(self.hash);
        let _ = writeln!(hasher, "{event}");
        self.hash = hasher.0;
        if let Some(events) = &mut self.events {
            events.push(event);
        }
    }

    /// FNV-1a over the canonical lines of every event so far, each ended by `\n`.
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
    fn fnv1a_matches_published_test_vectors() {
        assert_eq!(fnv1a_extend(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_extend(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_extend(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hash_covers_the_canonical_line_of_each_event() {
        let mut trace = Trace::new(true);
        trace.push(TraceEvent::Crash { at: 0, node: 1 });
        assert_eq!(trace.hash(), fnv1a_extend(FNV_OFFSET, b"0 crash 1\n"));
        assert_eq!(trace.events().map(<[_]>::len), Some(1));
    }
}
