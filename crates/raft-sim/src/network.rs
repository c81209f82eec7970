//! Messages in flight between nodes.

use std::collections::BTreeMap;

use raft_core::{Message, NodeId};

use crate::time::{elapsed_fraction, Millis};

/// A message's identity: 1, 2, 3, … in the order messages were sent.
pub type MessageId = u64;

/// A message on its way, with everything needed to draw it between its endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// Its id.
    pub id: MessageId,
    /// The sender.
    pub from: NodeId,
    /// The receiver.
    pub to: NodeId,
    /// When it was sent.
    pub sent_at: Millis,
    /// When it will arrive.
    pub deliver_at: Millis,
    /// The message itself.
    pub message: Message,
}

impl InFlight {
    /// How far along its link the message is at `now`, from 0 (just sent) to 1 (arriving).
    pub fn progress(&self, now: f64) -> f64 {
        elapsed_fraction(self.sent_at, self.deliver_at, now)
    }
}

/// The messages in flight, ordered by id so iteration never depends on hashing.
#[derive(Clone, Debug, Default)]
pub struct Network {
    in_flight: BTreeMap<MessageId, InFlight>,
    last_id: MessageId,
}

impl Network {
    /// Puts a message on the wire and returns its new id.
    pub fn send(
        &mut self,
        from: NodeId,
        to: NodeId,
        sent_at: Millis,
        deliver_at: Millis,
        message: Message,
    ) -> MessageId {
        self.last_id += 1;
        let id = self.last_id;
        self.in_flight.insert(
            id,
            InFlight {
                id,
                from,
                to,
                sent_at,
                deliver_at,
                message,
            },
        );
        id
    }

    /// Takes message `id` off the wire, if it is still on it.
    pub fn take(&mut self, id: MessageId) -> Option<InFlight> {
        self.in_flight.remove(&id)
    }

    /// Every message in flight, oldest first.
    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight> {
        self.in_flight.values()
    }
}
