//! A leader's two ways of letting go: CheckQuorum (thesis §6.2), stepping down when no
//! majority has answered it for an election timeout, and leadership transfer (thesis §3.10),
//! handing over to a chosen server.

use crate::io::{ClientResult, Output};
use crate::message::{Message, TimeoutNow};
use crate::node::Node;
use crate::role::{Role, Transfer};
use crate::types::NodeId;

impl Node {
    /// At each heartbeat, once an election timeout has passed since the window began: with
    /// CheckQuorum, a leader that heard from no majority in the window (itself counted) steps
    /// down, since it may be cut off in a minority while the others elect a new leader; and a
    /// transfer that has not finished within an election timeout is abandoned. Returns whether
    /// this server still leads.
    pub(crate) fn check_leadership(&mut self) -> bool {
        let (now, window) = (self.now, self.options.election_timeout_min_ms);
        let check_quorum = self.options.check_quorum;
        let Role::Leader(leader) = &mut self.role else { return false };
        if let Some(transfer) = leader.transfer.filter(|t| now.saturating_sub(t.started_at) >= window) {
            leader.transfer = None;
            self.emit(Output::TransferAbandoned { to: transfer.to });
        }
        let Role::Leader(leader) = &mut self.role else { return false };
        if now.saturating_sub(leader.window_start) < window {
            return true;
        }
        let own = self.id;
        let heard_from_majority = self.config.has_quorum(|id| id == own || leader.active.contains(&id));
        leader.active = Default::default();
        leader.window_start = now;
        if check_quorum && !heard_from_majority {
            self.emit(Output::LostQuorum);
            self.become_follower(None);
            return false;
        }
        true
    }

    /// Whether leadership can be handed over to `to` (thesis §3.10): another server that votes
    /// in this server's configuration, since only a voter can be elected.
    pub fn can_hand_over_to(&self, to: NodeId) -> bool {
        to != self.id && self.config.is_voter(to)
    }

    /// The driver asks this leader to hand over to `to` (thesis §3.10): from now on it takes no
    /// new writes (they are answered with `to` as the leader to try), it brings `to`'s log up to
    /// date, then tells it to campaign at once. A second request for the same server does not
    /// extend the first; one for another server replaces it. Ignored unless this server leads,
    /// and for a server it cannot [hand over to](Node::can_hand_over_to).
    pub(crate) fn transfer_leadership(&mut self, to: NodeId) {
        if !self.can_hand_over_to(to) {
            return;
        }
        let now = self.now;
        let last_index = self.persistent.log.last_index();
        let Role::Leader(leader) = &mut self.role else { return };
        let Some(progress) = leader.progress.get(&to) else { return };
        if leader.transfer.is_some_and(|transfer| transfer.to == to) {
            return;
        }
        let caught_up = progress.match_index == last_index;
        leader.transfer = Some(Transfer { to, started_at: now });
        if caught_up {
            self.send_timeout_now(to);
        } else {
            self.send_append_entries(to);
        }
    }

    /// Tells the transfer's target to campaign, once its log matches this leader's.
    pub(crate) fn send_timeout_now(&mut self, to: NodeId) {
        let term = self.persistent.current_term;
        self.void_lease();
        self.emit(Output::TimeoutNowSent { to });
        self.send(to, Message::TimeoutNow(TimeoutNow { term }));
    }

    /// The server a leader is handing over to, if a transfer is under way.
    pub(crate) fn transfer_target(&self) -> Option<NodeId> {
        match &self.role {
            Role::Leader(leader) => leader.transfer.map(|transfer| transfer.to),
            _ => None,
        }
    }

    /// A write that arrives during a transfer is refused, pointing at the successor.
    pub(crate) fn refuse_during_transfer(&mut self, request_id: crate::types::RequestId) -> bool {
        let Some(to) = self.transfer_target() else { return false };
        self.emit(Output::ClientResponse { request_id, result: ClientResult::NotLeader { leader: Some(to) } });
        true
    }
}
