//! Why an action (of a user or a scenario, `raft_scenario::Action`) cannot be done now.

use std::fmt;

use raft_core::{CommandError, NodeId};
pub use raft_scenario::{Action, TimedAction};

use crate::network::MessageId;

/// Why an action cannot be carried out now. The simulation is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq)]
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
    /// A partition that lists this server twice.
    InTwoGroups(NodeId),
    /// A link (cut or mend) from this server to itself.
    SelfLink(NodeId),
    /// A loss probability outside 0 to 1: the number given.
    BadProbability(f64),
    /// Only messages between servers can be duplicated; this one is the client's.
    ClientMessage(MessageId),
    /// A transfer needs a leader, and there is none.
    NoLeader,
    /// A transfer to the server that already leads.
    AlreadyLeader(NodeId),
    /// A transfer to a server that does not vote in the leader's configuration (a learner, or
    /// a server outside it): only a voter can be elected.
    NotVoter(NodeId),
    /// A membership change needs a running server to ask, and none runs.
    NoServerRunning,
    /// There is no client with this id (clients are 1 to 3).
    NoSuchClient(raft_scenario::ClientId),
    /// The node applied nothing since its last snapshot: there is nothing to compact.
    NothingToSnapshot(NodeId),
    /// A heartbeat fires only at a leader, and this node does not lead.
    NotLeader(NodeId),
    /// A `workload` interval that is neither 0 nor 100 to 60,000 ms: the one given.
    BadWorkloadInterval(crate::time::Millis),
    /// A `latency` range that is not one: what is wrong with it.
    BadLatency(raft_scenario::ConfigError),
    /// A `clock` speed outside [`CLOCK_PERCENT`](raft_scenario::CLOCK_PERCENT): the one given.
    BadClockSpeed(u32),
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::NoSuchNode(node) => write!(f, "there is no server S{node}"),
            ActionError::NodeDown(node) => write!(f, "S{node} is crashed: restart it first"),
            ActionError::NodeUp(node) => write!(f, "S{node} is running: only a crashed server restarts"),
            ActionError::BadCommand(error) => write!(f, "bad command: {error}"),
            ActionError::NoSuchMessage(id) => write!(f, "message {id} is not in flight"),
            ActionError::InTwoGroups(node) => write!(f, "S{node} is in two partition groups"),
            ActionError::SelfLink(node) => write!(f, "a link joins two servers, not S{node} to itself"),
            ActionError::BadProbability(p) => f.write_str(&raft_scenario::probability_problem(*p)),
            ActionError::BadWorkloadInterval(ms) => f.write_str(&raft_scenario::workload_problem(*ms)),
            ActionError::BadLatency(error) => f.write_str(&error.problem()),
            ActionError::BadClockSpeed(percent) => {
                f.write_str(&raft_scenario::Problem::ClockPercent(*percent).to_string())
            }
            ActionError::ClientMessage(id) => {
                write!(f, "message {id} is the client's: only messages between servers are duplicated")
            }
            ActionError::NoLeader => f.write_str("there is no leader to hand leadership over"),
            ActionError::AlreadyLeader(node) => write!(f, "S{node} already leads"),
            ActionError::NotVoter(node) => {
                write!(f, "S{node} does not vote in the leader's configuration: leadership goes to a voter")
            }
            ActionError::NoServerRunning => f.write_str("no server is running to ask for the change"),
            ActionError::NothingToSnapshot(node) => {
                write!(f, "S{node} has applied nothing since its last snapshot: there is nothing to compact")
            }
            ActionError::NoSuchClient(client) => {
                write!(f, "there is no client {client}: clients are 1 to {}", raft_scenario::MAX_CLIENTS)
            }
            ActionError::NotLeader(node) => write!(f, "S{node} does not lead: only a leader has a heartbeat timer"),
        }
    }
}

impl std::error::Error for ActionError {}

impl ActionError {
    /// A stable name for the kind of refusal (`no_such_node`, `node_down`, …): what traces
    /// hash. (A partition listing a server twice and a link to itself share `bad_groups`, the
    /// code they had when one variant held both, so that traces of earlier runs hash the same.)
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::NoSuchNode(_) => "no_such_node",
            ActionError::NodeDown(_) => "node_down",
            ActionError::NodeUp(_) => "node_up",
            ActionError::BadCommand(_) => "bad_command",
            ActionError::NoSuchMessage(_) => "no_such_message",
            ActionError::InTwoGroups(_) | ActionError::SelfLink(_) => "bad_groups",
            ActionError::BadProbability(_) => "bad_probability",
            ActionError::ClientMessage(_) => "client_message",
            ActionError::NoLeader => "no_leader",
            ActionError::AlreadyLeader(_) => "already_leader",
            ActionError::NotVoter(_) => "not_voter",
            ActionError::NoServerRunning => "no_server_running",
            ActionError::NoSuchClient(_) => "no_such_client",
            ActionError::NothingToSnapshot(_) => "nothing_to_snapshot",
            ActionError::NotLeader(_) => "not_leader",
            ActionError::BadWorkloadInterval(_) => "bad_workload_interval",
            ActionError::BadLatency(_) => "bad_latency",
            ActionError::BadClockSpeed(_) => "bad_clock_speed",
        }
    }
}
