//! The simulated client and the history of its operations, kept for later checking
//! (linearizability needs invoke and response times).

use raft_core::{ClientResult, LogIndex, NodeId, RequestId};
use serde::{Serialize, Serializer};

use crate::time::Millis;

/// How many redirects the client follows before it gives up on a write.
pub const MAX_REDIRECTS: u32 = 5;

/// How a client operation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpResult {
    /// Committed and applied.
    Ok,
    /// No server knew a leader (or the client followed too many redirects).
    NoLeader,
    /// The leader lost leadership before committing: the write may or may not take effect.
    Unknown,
    /// No answer within the client timeout: the write may or may not take effect.
    Timeout,
    /// The leader refused the membership change (another was under way, the server already
    /// votes, …).
    Refused,
}

/// Written by its [`name`](OpResult::name), in traces as in the embed protocol.
impl Serialize for OpResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl OpResult {
    /// The result's name, as traces and the embed protocol write it: `ok`, `no_leader`,
    /// `unknown`, `timeout`, `refused`.
    pub const fn name(self) -> &'static str {
        match self {
            OpResult::Ok => "ok",
            OpResult::NoLeader => "no_leader",
            OpResult::Unknown => "unknown",
            OpResult::Timeout => "timeout",
            OpResult::Refused => "refused",
        }
    }
}

/// What a client operation asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// A write, `key=value`.
    Write,
    /// A read of a key.
    Read,
    /// A membership change.
    Change,
}

/// One client operation (a write, a read or a membership change), from invocation to
/// response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientOp {
    /// The operation's id (also the request id servers see).
    pub id: RequestId,
    /// The client that invoked it, 1 to 3.
    pub client: raft_scenario::ClientId,
    /// What it asks for.
    pub kind: OpKind,
    /// The key written or read; `None` for a membership change.
    pub key: Option<String>,
    /// The command text: `x=3` for a write, `x?` for a read, the action for a membership
    /// change (`add_server 4`).
    pub command: String,
    /// The membership change asked for, if this is one rather than a write.
    #[serde(skip)]
    pub change: Option<raft_core::MembershipChange>,
    /// The server the user sent it to.
    pub node: NodeId,
    /// The server it was last sent to (after redirects).
    pub last_node: NodeId,
    /// When it was invoked.
    pub invoked_ms: Millis,
    /// When it got its final answer, if it has.
    pub responded_ms: Option<Millis>,
    /// How it ended, if it has.
    pub result: Option<OpResult>,
    /// Where it was committed, for `ok`.
    pub index: Option<LogIndex>,
    /// Redirects followed.
    pub redirects: u32,
    /// What a read returned, for an `ok` read (`None`: the key was not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Option<String>>,
    /// How many times the client sent the write again (the `client_retries` option).
    #[serde(skip_serializing_if = "is_zero")]
    pub retries: u32,
    /// A write's session: its client and sequence number, which every retry repeats.
    #[serde(skip)]
    pub session: Option<raft_core::Session>,
    /// When the client stops waiting for the current attempt.
    #[serde(skip)]
    pub deadline: Millis,
}

fn is_zero(count: &u32) -> bool {
    *count == 0
}

impl ClientOp {
    /// Whether it still waits for an answer.
    pub fn is_open(&self) -> bool {
        self.result.is_none()
    }
}

/// What the client does with a server's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientStep {
    /// The operation ended.
    Done(OpResult),
    /// Send it again to this server.
    Redirect(NodeId),
}

/// Decides the client's next step for `op` on `result`.
pub fn next_step(op: &ClientOp, result: &ClientResult) -> ClientStep {
    match *result {
        ClientResult::Committed { .. } | ClientResult::Read { .. } => ClientStep::Done(OpResult::Ok),
        ClientResult::NotLeader { leader: Some(leader) } if op.redirects < MAX_REDIRECTS && leader != op.last_node => {
            ClientStep::Redirect(leader)
        }
        ClientResult::NotLeader { .. } => ClientStep::Done(OpResult::NoLeader),
        ClientResult::LeadershipLost => ClientStep::Done(OpResult::Unknown),
        ClientResult::ChangeRefused(_) => ClientStep::Done(OpResult::Refused),
    }
}
