//! What a user (or a scenario) can do to a running cluster, and when.

use std::fmt;

use raft_core::NodeId;
use serde::{Deserialize, Serialize};

use crate::action_fields::ActionFields;
pub use crate::action_fields::ActionKind;
use crate::object::Object;
use crate::options::{format_probability, Scheduler};
use crate::Millis;

/// A message's id: 1, 2, 3… in the order the messages were sent.
pub type MessageId = u64;

/// A client: 1 to [`MAX_CLIENTS`] (C1, C2, C3).
pub type ClientId = u32;

/// How many clients the simulated cluster serves.
pub const MAX_CLIENTS: ClientId = 3;

/// Whether `client` names one of the clients, 1 to [`MAX_CLIENTS`]: the one check of files,
/// links and actions at run time.
pub fn is_client(client: ClientId) -> bool {
    (1..=MAX_CLIENTS).contains(&client)
}

/// The intervals a client's steady writes may have, in ms (`workload`; 0 stops them).
pub const WORKLOAD_INTERVAL_MS: std::ops::RangeInclusive<Millis> = 100..=60_000;

/// What is wrong with `every_ms`, which is not a `workload` interval.
pub fn workload_problem(every_ms: Millis) -> String {
    let (low, high) = (WORKLOAD_INTERVAL_MS.start(), WORKLOAD_INTERVAL_MS.end());
    format!("0 (stop) or {low} to {high} ms, not {every_ms}")
}

/// Whether `every_ms` is a `workload` interval: 0 (stop) or within [`WORKLOAD_INTERVAL_MS`].
pub fn is_workload_interval(every_ms: Millis) -> bool {
    every_ms == 0 || WORKLOAD_INTERVAL_MS.contains(&every_ms)
}

/// The speeds a server's clock may run at (`clock`), in percent of real time: half to four
/// times. (A clock reads whole milliseconds; slower than half, the part of a millisecond it
/// drops could outlast a message's shortest trip, 1 ms, and a lease bound that allows for
/// the drift would no longer be sure to hold.)
pub const CLOCK_PERCENT: std::ops::RangeInclusive<u32> = 50..=400;

/// Actions of client 1 do not write their client, so files and links read and write as
/// before clients had names.
fn is_first_client(client: &ClientId) -> bool {
    *client == 1
}

/// One user action. In scenario files it is written with its kind in `do`, e.g.
/// `{"do": "crash", "node": 2}`. Read through [`ActionFields`](crate::action_fields).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", try_from = "Object<ActionFields>")]
pub enum Action {
    /// Fire the node's election timer now.
    Timeout {
        /// Which node.
        node: NodeId,
    },
    /// Stop the node: it loses its volatile state; messages to it are lost.
    Crash {
        /// Which node.
        node: NodeId,
    },
    /// Start a crashed node again from its persistent state.
    Restart {
        /// Which node.
        node: NodeId,
    },
    /// A client sends a write (`key=value`) to the node.
    Write {
        /// Which node.
        node: NodeId,
        /// The command, e.g. `x=3`.
        command: String,
        /// Which client (1 when not written).
        #[serde(skip_serializing_if = "is_first_client")]
        client: ClientId,
    },
    /// A client reads a key at the node, served as the `read_mode` option says (thesis §6.4).
    Read {
        /// Which node.
        node: NodeId,
        /// The key, e.g. `x`.
        key: String,
        /// Which client (1 when not written).
        #[serde(skip_serializing_if = "is_first_client")]
        client: ClientId,
    },
    /// The server snapshots what it has applied and compacts its log (paper §7).
    Snapshot {
        /// Which node.
        node: NodeId,
    },
    /// Split the servers into groups that cannot reach each other; servers in no group form
    /// one more group.
    Partition {
        /// The groups.
        groups: Vec<Vec<NodeId>>,
    },
    /// End the partition. (Written with braces so that, like every other action, it refuses
    /// fields it does not have.)
    Heal {},
    /// Cut the link from one server to another, one way.
    Cut {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
    },
    /// Mend a cut link.
    Mend {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
    },
    /// Lose one message in flight.
    Drop {
        /// Its id.
        message: MessageId,
    },
    /// Deliver a message in flight now: in manual scheduling the only way a message arrives,
    /// in timed scheduling ahead of its time.
    Deliver {
        /// Its id.
        message: MessageId,
    },
    /// Fire a leader's heartbeat timer now.
    Heartbeat {
        /// Which node: it must lead.
        node: NodeId,
    },
    /// From now on, schedule events this way (see the `scheduler` option).
    Scheduler {
        /// `timed` or `manual`.
        mode: Scheduler,
    },
    /// Put a second copy of a message between servers on the wire: it travels at a fresh
    /// random latency and arrives as well as the first.
    Duplicate {
        /// The id of the message in flight.
        message: MessageId,
    },
    /// The current leader hands leadership over to this server (thesis §3.10).
    Transfer {
        /// The successor.
        node: NodeId,
    },
    /// From now on, lose each message with this probability (0 to 1).
    Loss {
        /// The probability.
        probability: f64,
    },
    /// From now on, each message's latency is drawn uniformly from this inclusive range, in
    /// ms (1 ms to an hour); messages already on the wire keep theirs.
    Latency {
        /// The range, low end first.
        range_ms: [Millis; 2],
    },
    /// The client asks the leader to add this server (thesis §4.2): a new, empty machine that
    /// first catches up as a learner, then becomes a voter.
    AddServer {
        /// The server, 1 to 9.
        node: NodeId,
    },
    /// The client asks the leader to remove this server from the configuration.
    RemoveServer {
        /// The server.
        node: NodeId,
    },
    /// From now on, the client writes steadily, one write every `every_ms` (0 stops it): the
    /// first at once, each to the leader it last heard from. Client 1 writes `x=1`, `x=2`, …,
    /// client 2 `y=…`, client 3 `z=…`.
    Workload {
        /// Which client (1 when not written).
        #[serde(skip_serializing_if = "is_first_client")]
        client: ClientId,
        /// The time between two writes, 100 to 60,000 ms; 0 stops the writes.
        every_ms: Millis,
    },
    /// From now on, the server's clock runs at this speed, in percent of real time (100:
    /// exact; 50: half as fast, so its timers and its lease last twice as long; 200: twice
    /// as fast). Within [`CLOCK_PERCENT`]. Leases are safe only while clocks drift apart by
    /// no more than the `clock_drift_percent` option allows (thesis §6.4.1).
    Clock {
        /// Which node.
        node: NodeId,
        /// Its clock's speed, in percent of real time.
        percent: u32,
    },
    /// The client asks the leader to make exactly these servers the voters: by joint
    /// consensus in `joint` mode; in `single` mode only if they differ by one server.
    Reconfigure {
        /// The new voters.
        voters: Vec<NodeId>,
    },
}

/// An action and when it happens: `{"at_ms": 400, "do": "write", "node": 1, "command": "x=4"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Object<ActionFields>")]
pub struct TimedAction {
    /// Simulated time of the action.
    pub at_ms: Millis,
    /// The action.
    #[serde(flatten)]
    pub action: Action,
}

impl Action {
    /// The action's kind.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Timeout { .. } => ActionKind::Timeout,
            Action::Crash { .. } => ActionKind::Crash,
            Action::Restart { .. } => ActionKind::Restart,
            Action::Write { .. } => ActionKind::Write,
            Action::Read { .. } => ActionKind::Read,
            Action::Snapshot { .. } => ActionKind::Snapshot,
            Action::Partition { .. } => ActionKind::Partition,
            Action::Heal {} => ActionKind::Heal,
            Action::Cut { .. } => ActionKind::Cut,
            Action::Mend { .. } => ActionKind::Mend,
            Action::Drop { .. } => ActionKind::Drop,
            Action::Duplicate { .. } => ActionKind::Duplicate,
            Action::Deliver { .. } => ActionKind::Deliver,
            Action::Heartbeat { .. } => ActionKind::Heartbeat,
            Action::Scheduler { .. } => ActionKind::Scheduler,
            Action::Loss { .. } => ActionKind::Loss,
            Action::Latency { .. } => ActionKind::Latency,
            Action::Transfer { .. } => ActionKind::Transfer,
            Action::AddServer { .. } => ActionKind::AddServer,
            Action::RemoveServer { .. } => ActionKind::RemoveServer,
            Action::Reconfigure { .. } => ActionKind::Reconfigure,
            Action::Workload { .. } => ActionKind::Workload,
            Action::Clock { .. } => ActionKind::Clock,
        }
    }

    /// The action's name, as written in `do`.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

/// `crash 2`, `write 1 x=3`, `cut 1->2`: how traces and messages write an action.
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Timeout { node } => write!(f, "timeout {node}"),
            Action::Crash { node } => write!(f, "crash {node}"),
            Action::Restart { node } => write!(f, "restart {node}"),
            Action::Write { node, command, client: 1 } => write!(f, "write {node} {command}"),
            Action::Write { node, command, client } => write!(f, "write {node} {command} C{client}"),
            Action::Read { node, key, client: 1 } => write!(f, "read {node} {key}"),
            Action::Read { node, key, client } => write!(f, "read {node} {key} C{client}"),
            Action::Partition { groups } => write!(f, "partition {groups:?}"),
            Action::Heal {} => f.write_str("heal"),
            Action::Cut { from, to } => write!(f, "cut {from}->{to}"),
            Action::Mend { from, to } => write!(f, "mend {from}->{to}"),
            Action::Drop { message } => write!(f, "drop #{message}"),
            Action::Duplicate { message } => write!(f, "duplicate #{message}"),
            Action::Deliver { message } => write!(f, "deliver #{message}"),
            Action::Heartbeat { node } => write!(f, "heartbeat {node}"),
            Action::Scheduler { mode } => write!(f, "scheduler {}", mode.name()),
            Action::Transfer { node } => write!(f, "transfer {node}"),
            Action::Snapshot { node } => write!(f, "snapshot {node}"),
            Action::Loss { probability } => write!(f, "loss {}", format_probability(*probability)),
            Action::Latency { range_ms: [low, high] } => write!(f, "latency {low}-{high}ms"),
            Action::AddServer { node } => write!(f, "add_server {node}"),
            Action::RemoveServer { node } => write!(f, "remove_server {node}"),
            Action::Reconfigure { voters } => write!(f, "reconfigure {voters:?}"),
            Action::Clock { node, percent } => write!(f, "clock {node} {percent}%"),
            Action::Workload { client: 1, every_ms } => write!(f, "workload {every_ms}ms"),
            Action::Workload { client, every_ms } => write!(f, "workload {every_ms}ms C{client}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_written_with_their_kind_in_do() {
        let timed = TimedAction { at_ms: 400, action: Action::Write { node: 1, command: "x=4".into(), client: 1 } };
        assert_eq!(serde_json::to_string(&timed).unwrap(), r#"{"at_ms":400,"do":"write","node":1,"command":"x=4"}"#);
        assert_eq!(Action::Heal {}.name(), "heal");
        assert_eq!(Action::Cut { from: 1, to: 2 }.name(), "cut");
        assert_eq!(Action::Cut { from: 1, to: 2 }.to_string(), "cut 1->2");
    }

    #[test]
    fn every_action_reads_back_as_it_is_written() {
        let actions = [
            Action::Timeout { node: 1 },
            Action::Crash { node: 2 },
            Action::Restart { node: 3 },
            Action::Write { node: 1, command: "x=1".into(), client: 1 },
            Action::Partition { groups: vec![vec![1], vec![2, 3]] },
            Action::Heal {},
            Action::Cut { from: 1, to: 2 },
            Action::Mend { from: 2, to: 1 },
            Action::Drop { message: 7 },
            Action::Duplicate { message: 8 },
            Action::Transfer { node: 3 },
            Action::Loss { probability: 0.25 },
            Action::Latency { range_ms: [100, 150] },
            Action::Clock { node: 2, percent: 50 },
        ];
        for action in actions {
            let timed = TimedAction { at_ms: 5, action };
            let json = serde_json::to_value(&timed).unwrap();
            assert_eq!(json["do"].as_str(), Some(timed.action.name()), "the name is serde's tag");
            assert_eq!(serde_json::from_value::<TimedAction>(json).unwrap(), timed);
        }
    }

    #[test]
    fn the_old_field_order_still_reads() {
        let old = r#"{"at_ms":400,"command":"x=4","do":"write","node":1}"#;
        let timed: TimedAction = serde_json::from_str(old).unwrap();
        assert_eq!(timed.action, Action::Write { node: 1, command: "x=4".into(), client: 1 });
    }
}
