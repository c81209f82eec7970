//! What a delivered message did that the narration tells but no output of the server says: a
//! leader's nextIndex moved back after a failed consistency check (§5.3). The rule itself is
//! raft-core's; this only compares the leader before and after. (Votes are told by the
//! server's own outputs, `Output::VoteGranted` and `Output::VoteRefused`.)

use raft_core::{LogIndex, Message, Node, NodeId};

use crate::story::StoryEvent;

/// What to compare once the message has been handled.
pub(crate) enum Watched {
    /// A refused AppendEntries: the leader's nextIndex for the sender before the refusal.
    NextIndex(LogIndex),
    /// Nothing told.
    Nothing,
}

/// What to watch as `receiver` handles `message` from `from`.
pub(crate) fn before_delivery(receiver: &Node, from: NodeId, message: &Message) -> Watched {
    match message {
        Message::AppendEntriesReply(reply) if !reply.success => {
            receiver.progress_of(from).map_or(Watched::Nothing, |progress| Watched::NextIndex(progress.next_index))
        }
        _ => Watched::Nothing,
    }
}

/// The story event for what `receiver` (server `to`) did with the message from `from`, if it
/// is one the narration tells.
pub(crate) fn after_delivery(receiver: &Node, to: NodeId, from: NodeId, watched: Watched) -> Option<StoryEvent> {
    match watched {
        Watched::NextIndex(before) => {
            let next_index = receiver.progress_of(from)?.next_index;
            (next_index < before).then_some(StoryEvent::NextIndexBackedOff { leader: to, follower: from, next_index })
        }
        Watched::Nothing => None,
    }
}
