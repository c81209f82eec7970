//! The simulated clients' writes and reads: sending, following redirects, timing out.

use raft_core::{ClientResult, Command, NodeId, RequestId, Session};
use raft_scenario::ClientId;

use crate::action::ActionError;
use crate::client::{next_step, ClientOp, ClientStep, OpKind, OpResult};
use crate::network::{Payload, CLIENT};
use crate::simulation::{Event, Simulation};
use crate::story::StoryEvent;
use crate::trace::TraceEvent;

impl Simulation {
    /// The client sends the write `command` (`key=value`) to node `node`, which may be crashed
    /// (the request is then lost and the write times out). A malformed command is refused here
    /// and never reaches a log. Returns the operation's id.
    pub fn write(&mut self, node: NodeId, command: &str, client: ClientId) -> Result<RequestId, ActionError> {
        self.index_of(node).ok_or(ActionError::NoSuchNode(node))?;
        check_client(client)?;
        let parsed = Command::parse(command).map_err(ActionError::BadCommand)?;
        let Command::Set(set) = &parsed else {
            return Err(ActionError::BadCommand(raft_core::CommandError::MissingEquals));
        };
        let key = Some(set.key().to_owned());
        let session = self.next_session(client);
        let op = NewOp { client, kind: OpKind::Write, key, command: command.to_owned() };
        let id = self.invoke(node, op, Payload::ClientRequest { request_id: 0, command: parsed.in_session(session) });
        if let Some(op) = self.op_mut(id) {
            op.session = Some(session);
        }
        Ok(id)
    }

    /// Client `client` reads `key` at node `node`, which serves it as the `read_mode` option
    /// says (or redirects it to the leader). Returns the operation's id.
    pub fn read(&mut self, node: NodeId, key: &str, client: ClientId) -> Result<RequestId, ActionError> {
        self.index_of(node).ok_or(ActionError::NoSuchNode(node))?;
        check_client(client)?;
        let parsed = Command::get(key).map_err(ActionError::BadCommand)?;
        let op = NewOp { client, kind: OpKind::Read, key: Some(key.to_owned()), command: parsed.to_string() };
        Ok(self.invoke(node, op, Payload::ClientRequest { request_id: 0, command: parsed }))
    }

    /// Starts a client operation: records it, sends `request` (whose id is set here) to
    /// `node`, and schedules its timeout.
    pub(crate) fn invoke(&mut self, node: NodeId, op: NewOp, request: Payload) -> RequestId {
        let NewOp { client, kind, key, command } = op;
        let id = self.client_ops.len() as RequestId + 1;
        let request = match request {
            Payload::ClientRequest { command, .. } => Payload::ClientRequest { request_id: id, command },
            Payload::ChangeRequest { change, .. } => Payload::ChangeRequest { request_id: id, change },
            other => other,
        };
        let change = change_of(&request);
        self.client_writes += usize::from(kind == crate::client::OpKind::Write);
        self.client_ops.push(ClientOp {
            id,
            client,
            kind,
            key,
            command: command.clone(),
            change,
            node,
            last_node: node,
            invoked_ms: self.now,
            responded_ms: None,
            result: None,
            index: None,
            redirects: 0,
            value: None,
            retries: 0,
            session: None,
            deadline: self.now.saturating_add(self.config.options.client_timeout_ms),
        });
        self.trace.push(TraceEvent::ClientRequest { at: self.now, op: id, node, command: command.clone() });
        let told = match change_of(&request) {
            Some(change) => StoryEvent::ChangeRequested { op: id, node, change },
            None if kind == OpKind::Read => StoryEvent::ClientRead { op: id, node, client, command },
            None => StoryEvent::ClientWrite { op: id, node, client, command },
        };
        self.story.push(self.now, told);
        self.send(CLIENT, node, request);
        self.queue.push(self.now.saturating_add(self.config.options.client_timeout_ms), Event::ClientTimeout(id));
        id
    }

    /// The server the client believes leads: the one that acknowledged its latest
    /// successful write, if any. A real client caches this to skip a redirect (§8).
    pub fn client_known_leader(&self) -> Option<NodeId> {
        self.client_ops.iter().rev().find(|op| op.result == Some(OpResult::Ok)).map(|op| op.last_node)
    }

    /// The running server that client `client`'s latest unanswered request waits on, if any:
    /// where that client would send next before it knows a leader (it waits on that server's
    /// answer, or a redirect from it).
    pub fn client_waiting_on(&self, client: ClientId) -> Option<NodeId> {
        let open = self.client_ops.iter().rev().find(|op| op.client == client && op.result.is_none())?;
        self.node(open.last_node).is_some_and(|node| node.is_up()).then_some(open.last_node)
    }

    pub(crate) fn client_response(&mut self, from: NodeId, request_id: RequestId, result: ClientResult) {
        let Some(op) = self.op_mut(request_id) else { return };
        if !op.is_open() || op.last_node != from {
            return; // a late answer from a server the client no longer waits on
        }
        let step = next_step(op, &result);
        if let ClientStep::Redirect(leader) = step {
            op.redirects += 1;
            op.last_node = leader;
            let (request, command, change) = (request_of(op), op.command.clone(), op.change.clone());
            self.story
                .push(self.now, StoryEvent::ClientRedirected { op: request_id, from, to: leader, command, change });
            self.send(CLIENT, leader, request);
            return;
        }
        match step {
            ClientStep::Done(OpResult::Unknown | OpResult::NoLeader) if self.may_retry(request_id) => {
                self.retry(request_id);
            }
            ClientStep::Done(outcome) => {
                let Some(op) = self.op_mut(request_id) else { return };
                // A retried write that ends without a leader may have taken effect on an
                // earlier attempt: its outcome is unknown, not a refusal.
                let outcome = if outcome == OpResult::NoLeader && op.retries > 0 { OpResult::Unknown } else { outcome };
                match &result {
                    ClientResult::Committed { index } => op.index = Some(*index),
                    ClientResult::Read { index, value } => {
                        op.index = Some(*index);
                        op.value = Some(value.clone());
                    }
                    _ => {}
                }
                let refusal = match result {
                    ClientResult::ChangeRefused(refusal) => Some(refusal),
                    _ => None,
                };
                self.finish(request_id, outcome, refusal);
            }
            ClientStep::Redirect(_) => {}
        }
    }

    pub(crate) fn client_timeout(&mut self, request_id: RequestId) {
        let now = self.now;
        // A timeout armed for an earlier attempt of a write sent again is stale.
        if !self.op_mut(request_id).is_some_and(|op| op.is_open() && op.deadline <= now) {
            return;
        }
        if self.may_retry(request_id) {
            self.retry(request_id);
        } else {
            self.finish(request_id, OpResult::Timeout, None);
        }
    }

    /// The session of client `client`'s next write, now sent: the next sequence number, and the
    /// lowest one still waiting for an answer (every write below it was answered).
    fn next_session(&mut self, client: raft_scenario::ClientId) -> Session {
        let (sent, waiting) = &mut self.sessions[(client - 1) as usize];
        *sent += 1;
        waiting.push(*sent);
        let answered_below = waiting.iter().copied().min().unwrap_or(*sent);
        Session { client, seq: *sent, answered_below }
    }

    /// Whether the client sends write `request_id` again rather than give up on it.
    fn may_retry(&mut self, request_id: RequestId) -> bool {
        let limit = self.config.options.client_retries;
        self.op_mut(request_id).is_some_and(|op| op.kind == OpKind::Write && op.retries < limit)
    }

    /// Sends write `request_id` again, with its session, to the leader the client knows (else
    /// where it last went), and waits a client timeout more (thesis §6.3).
    fn retry(&mut self, request_id: RequestId) {
        let (now, timeout) = (self.now, self.config.options.client_timeout_ms);
        let known = self.client_known_leader();
        let Some(op) = self.op_mut(request_id) else { return };
        op.retries += 1;
        op.redirects = 0;
        op.last_node = known.unwrap_or(op.last_node);
        op.deadline = now.saturating_add(timeout);
        let (node, attempt, command) = (op.last_node, op.retries + 1, op.command.clone());
        let request = request_of(op);
        self.trace.push(TraceEvent::ClientRequest { at: now, op: request_id, node, command: command.clone() });
        self.story.push(now, StoryEvent::ClientRetried { op: request_id, node, attempt, command });
        self.send(CLIENT, node, request);
        self.queue.push(now.saturating_add(timeout), Event::ClientTimeout(request_id));
    }

    fn finish(&mut self, request_id: RequestId, result: OpResult, refusal: Option<raft_core::ChangeRefusal>) {
        let now = self.now;
        let session = self.op_mut(request_id).and_then(|op| op.session);
        if let Some(session) = session {
            self.sessions[(session.client - 1) as usize].1.retain(|&seq| seq != session.seq);
        }
        if self.op_mut(request_id).is_some() {
            self.client_ops_ended += 1;
        }
        if let Some(op) = self.op_mut(request_id) {
            op.result = Some(result);
            op.responded_ms = Some(now);
            let told = match (op.change.clone(), op.kind) {
                (Some(change), _) => StoryEvent::ChangeDone { op: request_id, change, result, refusal },
                (None, OpKind::Read) => StoryEvent::ReadDone {
                    op: request_id,
                    client: op.client,
                    key: op.key.clone().unwrap_or_default(),
                    value: op.value.clone().flatten(),
                    result,
                },
                (None, _) => StoryEvent::ClientDone { op: request_id, command: op.command.clone(), result },
            };
            let (client, server) = (op.client, op.last_node);
            self.story.push(now, told);
            self.workload_learns(client, server, result);
        }
        self.trace.push(TraceEvent::ClientResponse { at: now, op: request_id, result });
    }

    fn op_mut(&mut self, request_id: RequestId) -> Option<&mut ClientOp> {
        let index = usize::try_from(request_id.checked_sub(1)?).ok()?;
        self.client_ops.get_mut(index)
    }
}

/// The request an operation sends (again): its change, or its command in its session.
fn request_of(op: &ClientOp) -> Payload {
    let request_id = op.id;
    match &op.change {
        Some(change) => Payload::ChangeRequest { request_id, change: change.clone() },
        None => {
            let command = Command::parse_entry(&op.command)
                .unwrap_or_else(|e| panic!("checked when the operation was invoked: {e}"));
            let command = match op.session {
                Some(session) => command.in_session(session),
                None => command,
            };
            Payload::ClientRequest { request_id, command }
        }
    }
}

/// What a new client operation is, besides the request it sends.
pub(crate) struct NewOp {
    pub(crate) client: ClientId,
    pub(crate) kind: OpKind,
    pub(crate) key: Option<String>,
    /// Its text, as [`ClientOp::command`].
    pub(crate) command: String,
}

/// Refuses a client other than 1 to [`MAX_CLIENTS`](raft_scenario::MAX_CLIENTS).
fn check_client(client: ClientId) -> Result<(), ActionError> {
    if !raft_scenario::is_client(client) {
        return Err(ActionError::NoSuchClient(client));
    }
    Ok(())
}

/// The membership change a request asks for, if it asks for one.
fn change_of(request: &Payload) -> Option<raft_core::MembershipChange> {
    match request {
        Payload::ChangeRequest { change, .. } => Some(change.clone()),
        _ => None,
    }
}
