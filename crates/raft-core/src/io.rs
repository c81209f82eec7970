//! What goes into a [`Node`](crate::Node) and what comes out of it.

use crate::message::Message;
use crate::role::RoleKind;
use crate::types::{NodeId, Term};

/// The node's one timer. Followers and candidates run the election timer; a leader runs the
/// heartbeat timer instead (§5.2). Arming one replaces the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timer {
    /// Fires when no leader was heard from and no vote was granted for a randomized interval.
    Election,
    /// Fires every heartbeat interval on a leader, which then sends AppendEntries to every peer.
    Heartbeat,
}

/// An input to [`Node::handle`](crate::Node::handle).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A message from a peer arrived.
    Message {
        /// The sender.
        from: NodeId,
        /// What it sent.
        message: Message,
    },
    /// The timer the node last armed fired. The driver may also fire [`Timer::Election`] on
    /// purpose (a user's "Time out"): any node, even a leader, then starts an election.
    Timer(Timer),
}

/// An output drained with [`Node::poll_output`](crate::Node::poll_output).
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Output {
    /// Deliver `message` to peer `to` (the network may lose or delay it).
    Send {
        /// The receiver.
        to: NodeId,
        /// The message.
        message: Message,
    },
    /// Arm this timer, cancelling whichever was armed before.
    SetTimer(Timer),
    /// The node became `role` in `term`.
    RoleChanged {
        /// The new role.
        role: RoleKind,
        /// The term it holds that role in.
        term: Term,
    },
}
