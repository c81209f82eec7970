//! The client's membership changes (thesis chapter 4): asked of the leader the way a write is,
//! redirects included. Which changes are safe is Raft's business, decided in `raft-core`; the
//! simulator only starts the new machine an added server runs on.

use raft_core::{MembershipChange, Node, NodeId};

use crate::action::ActionError;
use crate::network::Payload;
use crate::simulation::{SimNode, Simulation};
use crate::story::StoryEvent;

impl Simulation {
    /// Asks the leader to add server `id` (1 to 9). A server that does not exist yet starts
    /// now as a new, empty machine that knows no configuration; one that exists (removed
    /// earlier, say) keeps its disk.
    pub fn add_server(&mut self, id: NodeId) -> Result<(), ActionError> {
        if !(1..=raft_scenario::MAX_NODES).contains(&id) {
            return Err(ActionError::NoSuchNode(id));
        }
        let to = self.change_receiver().ok_or(ActionError::NoServerRunning)?;
        self.start_machine(id);
        self.ask_for_change(to, format!("add_server {id}"), MembershipChange::Add(id));
        Ok(())
    }

    /// Asks the leader to remove server `id` from the configuration. The server keeps running
    /// (crash it to switch it off): what it does once removed is part of the lesson (§4.2.3).
    pub fn remove_server(&mut self, id: NodeId) -> Result<(), ActionError> {
        self.index_of(id).ok_or(ActionError::NoSuchNode(id))?;
        let to = self.change_receiver().ok_or(ActionError::NoServerRunning)?;
        self.ask_for_change(to, format!("remove_server {id}"), MembershipChange::Remove(id));
        Ok(())
    }

    /// Asks the leader to make exactly `voters` the voters. Servers that do not exist yet
    /// start as new machines, as for [`Simulation::add_server`].
    pub fn reconfigure(&mut self, voters: &[NodeId]) -> Result<(), ActionError> {
        if let Some(&bad) = voters.iter().find(|id| !(1..=raft_scenario::MAX_NODES).contains(id)) {
            return Err(ActionError::NoSuchNode(bad));
        }
        let to = self.change_receiver().ok_or(ActionError::NoServerRunning)?;
        for &id in voters {
            self.start_machine(id);
        }
        let text = format!("reconfigure {voters:?}");
        self.ask_for_change(to, text, MembershipChange::Reconfigure(voters.to_vec()));
        Ok(())
    }

    /// Whether a membership change the client asked for, not answered yet, would add server
    /// `id` (adds it, or names it among the voters it asks for).
    pub fn change_pending_adds(&self, id: NodeId) -> bool {
        let mut open = self.client_ops.len() - self.client_ops_ended;
        for op in self.client_ops.iter().rev() {
            if open == 0 {
                break;
            }
            if !op.is_open() {
                continue;
            }
            open -= 1;
            let adds = match &op.change {
                Some(MembershipChange::Add(added)) => *added == id,
                Some(MembershipChange::Reconfigure(voters)) => voters.contains(&id),
                _ => false,
            };
            if adds {
                return true;
            }
        }
        false
    }

    /// Starts server `id` as a new, empty machine, unless it exists.
    fn start_machine(&mut self, id: NodeId) {
        if self.index_of(id).is_some() {
            return;
        }
        let position = self.nodes.partition_point(|n| n.node.id() < id);
        let node = Node::joining(id, self.config.raft());
        self.nodes.insert(position, SimNode::running(node, crate::clock::ServerClock::default()));
        self.story.push(self.now, StoryEvent::ServerStarted { node: id });
        self.drain_outputs(id);
    }

    /// Where the client sends a change: the leader it knows from its last write, else the
    /// first running server (which redirects it).
    fn change_receiver(&self) -> Option<NodeId> {
        let known = self.client_known_leader().filter(|&id| self.node(id).is_some_and(SimNode::is_up));
        known.or_else(|| self.nodes.iter().find(|n| n.up).map(|n| n.node.id()))
    }

    fn ask_for_change(&mut self, to: NodeId, text: String, change: MembershipChange) {
        let op = crate::client_ops::NewOp { client: 1, kind: crate::client::OpKind::Change, key: None, command: text };
        self.invoke(to, op, Payload::ChangeRequest { request_id: 0, change });
    }
}
