//! What a user (or a scenario) can do to a running cluster.

use std::fmt;

use raft_core::{CommandError, NodeId};

use crate::decimal::format_probability;
use crate::network::MessageId;
use crate::time::Millis;

/// One user action. In scenario files it is written with its kind in `do`, e.g.
/// `{"do": "crash", "node": 2}`.
#[derive(Clone, Debug, PartialEq)]
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
    /// The client sends a write (`key=value`) to the node.
    Write {
        /// Which node.
        node: NodeId,
        /// The command, e.g. `x=3`.
        command: String,
    },
    /// Split the servers into groups that cannot reach each other; servers in no group form
    /// one more group.
    Partition {
        /// The groups.
        groups: Vec<Vec<NodeId>>,
    },
    /// End the partition.
    Heal,
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
    /// From now on, lose each message with this probability (0 to 1).
    Loss {
        /// The probability.
        probability: f64,
    },
}

/// An action and when it happens.
#[derive(Clone, Debug, PartialEq)]
pub struct TimedAction {
    /// Simulated time of the action.
    pub at_ms: Millis,
    /// The action.
    pub action: Action,
}

/// Why an action cannot be carried out now. The simulation is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    /// There is no server with this id.
    NoSuchNode(NodeId),
    /// The node is crashed, and the action needs it running.
    NodeDown(NodeId),
    /// The node is running, and the action needs it crashed.
    NodeUp(NodeId),
    /// The write's command is malformed.
    BadCommand(CommandError),
    /// No message with this id is in flight.
    NoSuchMessage(MessageId),
    /// A partition that lists a server twice, or a cut from a server to itself.
    BadGroups(String),
    /// A loss probability outside 0 to 1.
    BadProbability(String),
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::NoSuchNode(node) => write!(f, "there is no node {node}"),
            ActionError::NodeDown(node) => write!(f, "node {node} is crashed: restart it first"),
            ActionError::NodeUp(node) => write!(f, "node {node} is running: only a crashed node restarts"),
            ActionError::BadCommand(error) => write!(f, "bad command: {error}"),
            ActionError::NoSuchMessage(id) => write!(f, "message {id} is not in flight"),
            ActionError::BadGroups(why) | ActionError::BadProbability(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ActionError {}

impl ActionError {
    /// A stable name for the kind of refusal (`no_such_node`, `node_down`, …): what traces
    /// hash and what the page words in the reader's language.
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::NoSuchNode(_) => "no_such_node",
            ActionError::NodeDown(_) => "node_down",
            ActionError::NodeUp(_) => "node_up",
            ActionError::BadCommand(_) => "bad_command",
            ActionError::NoSuchMessage(_) => "no_such_message",
            ActionError::BadGroups(_) => "bad_groups",
            ActionError::BadProbability(_) => "bad_probability",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Timeout { node } => write!(f, "timeout {node}"),
            Action::Crash { node } => write!(f, "crash {node}"),
            Action::Restart { node } => write!(f, "restart {node}"),
            Action::Write { node, command } => write!(f, "write {node} {command}"),
            Action::Partition { groups } => write!(f, "partition {groups:?}"),
            Action::Heal => f.write_str("heal"),
            Action::Cut { from, to } => write!(f, "cut {from}->{to}"),
            Action::Mend { from, to } => write!(f, "mend {from}->{to}"),
            Action::Drop { message } => write!(f, "drop #{message}"),
            Action::Loss { probability } => write!(f, "loss {}", format_probability(*probability)),
        }
    }
}
