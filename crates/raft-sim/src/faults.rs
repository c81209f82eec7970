//! User actions on servers and links: time out, crash, restart, partition, cut, mend, drop,
//! duplicate.

use raft_core::{Input, Node, NodeId, Timer};

use crate::action::ActionError;
use crate::network::DropReason;
use crate::network::{MessageId, Payload};
use crate::simulation::Simulation;
use crate::story::StoryEvent;
use crate::time::Millis;
use crate::trace::TraceEvent;
use raft_scenario::is_probability;

impl Simulation {
    /// Fires running node `id`'s election timer now, whatever its role, so it starts an
    /// election in the next term.
    pub fn timeout(&mut self, id: NodeId) -> Result<(), ActionError> {
        let index = self.running(id)?;
        if self.nodes[index].node.role() == raft_core::RoleKind::Leader {
            self.leader_timed_out = Some(id);
        }
        self.input(id, Input::Timer(Timer::Election));
        self.leader_timed_out = None;
        Ok(())
    }

    /// Running node `id` snapshots what it has applied and compacts its log (paper §7);
    /// refused when nothing was applied since its last snapshot.
    pub fn snapshot(&mut self, id: NodeId) -> Result<(), ActionError> {
        let index = self.running(id)?;
        if !self.nodes[index].node.can_snapshot() {
            return Err(ActionError::NothingToSnapshot(id));
        }
        self.input(id, Input::TakeSnapshot);
        Ok(())
    }

    /// Crashes running node `id`: it stops, its timer with it; what it had sent is still
    /// delivered, what is sent to it is lost. Only its persistent state survives.
    pub fn crash(&mut self, id: NodeId) -> Result<(), ActionError> {
        let index = self.running(id)?;
        let crashed = self.node_mut(index);
        (crashed.up, crashed.timer) = (false, None);
        self.trace.push(TraceEvent::Crash { at: self.now, node: id });
        self.story.push(self.now, StoryEvent::Crashed { node: id });
        Ok(())
    }

    /// Restarts crashed node `id` from its persistent state (currentTerm, votedFor, log).
    pub fn restart(&mut self, id: NodeId) -> Result<(), ActionError> {
        let index = self.index_of(id).ok_or(ActionError::NoSuchNode(id))?;
        if self.nodes[index].up {
            return Err(ActionError::NodeUp(id));
        }
        let (old, clock) = (&self.nodes[index].node, self.nodes[index].clock.clone());
        let mut node =
            Node::start(id, old.base_configuration().clone(), self.config.raft(), old.persistent_state().clone());
        node.restarted(clock.read(self.now));
        self.nodes[index] = crate::simulation::SimNode::running(node, clock);
        self.trace.push(TraceEvent::Restart { at: self.now, node: id });
        self.story.push(self.now, StoryEvent::Restarted { node: id });
        self.drain_outputs(id);
        Ok(())
    }

    /// Splits the servers into `groups` that cannot reach each other; servers in no group
    /// form one more group. Replaces any earlier partition.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) -> Result<(), ActionError> {
        let mut seen = Vec::new();
        for &node in groups.iter().flatten() {
            self.index_of(node).ok_or(ActionError::NoSuchNode(node))?;
            if seen.contains(&node) {
                return Err(ActionError::InTwoGroups(node));
            }
            seen.push(node);
        }
        self.network.links.partition(groups);
        Ok(())
    }

    /// Cuts the link from `from` to `to`, one way.
    pub fn cut(&mut self, from: NodeId, to: NodeId) -> Result<(), ActionError> {
        self.check_link(from, to)?;
        self.network.links.cut(from, to);
        Ok(())
    }

    /// Mends the link from `from` to `to`.
    pub fn mend(&mut self, from: NodeId, to: NodeId) -> Result<(), ActionError> {
        self.check_link(from, to)?;
        self.network.links.mend(from, to);
        Ok(())
    }

    fn check_link(&self, from: NodeId, to: NodeId) -> Result<(), ActionError> {
        self.index_of(from).ok_or(ActionError::NoSuchNode(from))?;
        self.index_of(to).ok_or(ActionError::NoSuchNode(to))?;
        if from == to {
            return Err(ActionError::SelfLink(from));
        }
        Ok(())
    }

    /// From now on, server `id`'s clock runs at `percent` of real time (crashed or not: the
    /// clock is the machine's). The timer it is running counts what is left of its interval
    /// at the new speed.
    pub fn set_clock_speed(&mut self, id: NodeId, percent: u32) -> Result<(), ActionError> {
        let index = self.index_of(id).ok_or(ActionError::NoSuchNode(id))?;
        if !raft_scenario::CLOCK_PERCENT.contains(&percent) {
            return Err(ActionError::BadClockSpeed(percent));
        }
        let now = self.now;
        let (before, timer) = (self.nodes[index].clock.clone(), self.nodes[index].timer);
        let mut after = before.clone();
        after.set_speed(now, percent);
        self.node_mut(index).clock = after.clone();
        let drift = crate::clock::drift_percent(self.nodes.iter().map(|server| &server.clock));
        self.clock_drift_seen = self.clock_drift_seen.max(drift);
        if let Some(armed) = timer {
            // A span of real time counted at the old speed, then at the new one.
            let scale = |span: Millis| after.real_span(before.read(now.saturating_add(span)) - before.read(now));
            let (done, left) = (now.saturating_sub(armed.armed_at), armed.deadline.saturating_sub(now));
            self.set_timer(index, armed.timer, now.saturating_sub(scale(done)), now.saturating_add(scale(left)));
        }
        Ok(())
    }

    /// From now on, each message sent is lost with `probability`.
    pub fn set_loss(&mut self, probability: f64) -> Result<(), ActionError> {
        if !is_probability(probability) {
            return Err(ActionError::BadProbability(probability));
        }
        self.config.options.loss = probability;
        Ok(())
    }

    /// From now on, draws each message's latency from `range_ms` (messages on the wire keep
    /// theirs).
    pub fn set_latency(&mut self, range_ms: [Millis; 2]) -> Result<(), ActionError> {
        raft_scenario::check_latency(range_ms).map_err(ActionError::BadLatency)?;
        self.config.options.latency_ms = range_ms;
        Ok(())
    }

    /// Loses message `id`, which must be in flight.
    pub fn drop_message(&mut self, id: MessageId) -> Result<(), ActionError> {
        let flight = self.network.take(id).ok_or(ActionError::NoSuchMessage(id))?;
        let (from, to, kind) = (flight.from, flight.to, flight.payload.kind());
        self.trace.push(TraceEvent::Drop { at: self.now, id, from, to, kind, reason: DropReason::User });
        self.remember_loss(&flight, DropReason::User);
        self.story.push(self.now, StoryEvent::Dropped { id, from, to });
        Ok(())
    }

    /// Puts a second copy of message `id`, in flight between two servers, on the wire: it gets
    /// the next id and a fresh random latency from now, and is itself never copied again.
    pub fn duplicate_message(&mut self, id: MessageId) -> Result<(), ActionError> {
        let flight = self.network.get(id).ok_or(ActionError::NoSuchMessage(id))?;
        if !matches!(flight.payload, Payload::Raft(_)) {
            return Err(ActionError::ClientMessage(id));
        }
        let (from, to) = (flight.from, flight.to);
        self.send_copy(&flight.clone());
        self.story.push(self.now, StoryEvent::Duplicated { id, from, to });
        Ok(())
    }

    /// The current leader hands leadership over to running node `to` (thesis §3.10): it stops
    /// taking writes, brings `to` up to date and tells it to campaign. Refused without a
    /// leader, to the leader itself, to a crashed server, or to one that does not vote in the
    /// leader's configuration.
    pub fn transfer(&mut self, to: NodeId) -> Result<(), ActionError> {
        self.running(to)?;
        let leader = self.leader().ok_or(ActionError::NoLeader)?;
        if leader == to {
            return Err(ActionError::AlreadyLeader(to));
        }
        if !self.node(leader).is_some_and(|n| n.node().can_hand_over_to(to)) {
            return Err(ActionError::NotVoter(to));
        }
        self.story.push(self.now, StoryEvent::TransferStarted { leader, to });
        self.input(leader, Input::TransferLeadership { to });
        Ok(())
    }
}
