//! The trace: every event of a run, each with a canonical one-line form, folded into a 64-bit
//! hash that is the same natively and in wasm.

use std::fmt;

use raft_core::{MessageKind, NodeId, RoleKind, Term, Timer};

use crate::network::MessageId;
use crate::time::Millis;

/// One thing that happened in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceEvent {
    /// A node put a message on the wire.
    Send {
        /// When.
        at: Millis,
        /// The message's id.
        id: MessageId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// Kind of message.
        kind: MessageKind,
        /// The term it carries.
        term: Term,
        /// When it will arrive.
        deliver_at: Millis,
    },
    /// A message reached its receiver.
    Deliver {
        /// When.
        at: Millis,
        /// The message's id.
        id: MessageId,
    },
    /// A node's timer fired.
    TimerFired {
        /// When.
        at: Millis,
        /// Whose.
        node: NodeId,
        /// Which.
        timer: Timer,
    },
    /// A node armed its timer.
    TimerSet {
        /// When.
        at: Millis,
        /// Whose.
        node: NodeId,
        /// Which.
        timer: Timer,
        /// When it will fire.
        deadline: Millis,
    },
    /// A user fired a node's election timer early.
    UserTimeout {
        /// When.
        at: Millis,
        /// Which node.
        node: NodeId,
    },
    /// A node changed role.
    RoleChanged {
        /// When.
        at: Millis,
        /// Which node.
        node: NodeId,
        /// Its new role.
        role: RoleKind,
        /// The term of that role.
        term: Term,
    },
}

impl TraceEvent {
    /// When the event happened.
    pub fn at(&self) -> Millis {
        match self {
            TraceEvent::Send { at, .. }
            | TraceEvent::Deliver { at, .. }
            | TraceEvent::TimerFired { at, .. }
            | TraceEvent::TimerSet { at, .. }
            | TraceEvent::UserTimeout { at, .. }
            | TraceEvent::RoleChanged { at, .. } => *at,
        }
    }
}

fn timer_name(timer: Timer) -> &'static str {
    match timer {
        Timer::Election => "election",
        Timer::Heartbeat => "heartbeat",
    }
}

/// The canonical form hashed into the trace hash: changing it changes every hash, so do it
/// only deliberately.
impl fmt::Display for TraceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TraceEvent::Send {
                at,
                id,
                from,
                to,
                kind,
                term,
                deliver_at,
            } => {
                write!(
                    f,
                    "{at} send #{id} {from}->{to} {kind} term={term} arrives={deliver_at}"
                )
            }
            TraceEvent::Deliver { at, id } => write!(f, "{at} deliver #{id}"),
            TraceEvent::TimerFired { at, node, timer } => {
                write!(f, "{at} fire {node} {}", timer_name(timer))
            }
            TraceEvent::TimerSet {
                at,
                node,
                timer,
                deadline,
            } => {
                write!(f, "{at} arm {node} {} until={deadline}", timer_name(timer))
            }
            TraceEvent::UserTimeout { at, node } => write!(f, "{at} user-timeout {node}"),
            TraceEvent::RoleChanged {
                at,
                node,
                role,
                term,
            } => write!(f, "{at} role {node} {role} term={term}"),
        }
    }
}

/// Records a run: always its hash, and the events themselves when asked to (tests, the CLI),
/// since a long interactive run should not keep every event.
#[derive(Clone, Debug)]
pub struct Trace {
    hash: u64,
    events: Option<Vec<TraceEvent>>,
    line: String,
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

impl Trace {
    /// An empty trace that keeps its events if `record` is true.
    pub fn new(record: bool) -> Self {
        Trace {
            hash: FNV_OFFSET,
            events: record.then(Vec::new),
            line: String::new(),
        }
    }

    /// Adds an event.
    pub fn push(&mut self, event: TraceEvent) {
        use fmt::Write;
        self.line.clear();
        // Writing to a String cannot fail.
        let _ = writeln!(self.line, "{event}");
        self.hash = fnv1a_extend(self.hash, self.line.as_bytes());
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
        trace.push(TraceEvent::UserTimeout { at: 0, node: 1 });
        assert_eq!(
            trace.hash(),
            fnv1a_extend(FNV_OFFSET, b"0 user-timeout 1\n")
        );
        assert_eq!(trace.events().map(<[_]>::len), Some(1));
    }
}
