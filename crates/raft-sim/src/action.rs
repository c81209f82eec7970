//! Why an action (of a user or a scenario, `raft_scenario::Action`) cannot be done now.

use std::fmt;

use raft_core::{CommandError, NodeId};
pub use raft_scenario::{Action, TimedAction};

use crate::network::MessageId;

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
