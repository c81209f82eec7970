//! AppendEntries (§5.3) and heartbeats (§5.2).

use crate::io::{Output, Timer};
use crate::message::{AppendEntries, AppendEntriesReply, Message};
use crate::node::Node;
use crate::role::{Role, RoleKind};
use crate::types::NodeId;

impl Node {
    /// The heartbeat timer fired: a leader sends AppendEntries to every peer and re-arms it.
    /// On any other role the timer is stale and ignored.
    pub(crate) fn on_heartbeat_timer(&mut self) {
        if matches!(self.role, Role::Leader(_)) {
            self.broadcast_append_entries();
            self.emit(Output::SetTimer(Timer::Heartbeat));
        }
    }

    /// Sends every peer an AppendEntries. Until per-follower progress is tracked these are
    /// heartbeats: no entries, anchored at the leader's last entry.
    pub(crate) fn broadcast_append_entries(&mut self) {
        let log = &self.persistent.log;
        let request = AppendEntries {
            term: self.persistent.current_term,
            leader_id: self.id,
            prev_log_index: log.last_index(),
            prev_log_term: log.last_term(),
            entries: Vec::new(),
            leader_commit: 0,
        };
        for peer in self.peers() {
            self.send(peer, Message::AppendEntries(request.clone()));
        }
    }

    /// A current-term AppendEntries comes from the term's one leader (Election Safety): a
    /// candidate returns to follower, and a follower records the leader and resets its election
    /// timer. Entries are stored only past a matching (prevLogIndex, prevLogTerm) (§5.3).
    pub(crate) fn handle_append_entries(&mut self, from: NodeId, request: AppendEntries) {
        let term = self.persistent.current_term;
        if request.term < term {
            self.send(
                from,
                Message::AppendEntriesReply(AppendEntriesReply {
                    term,
                    success: false,
                }),
            );
            return;
        }
        if self.role.kind() == RoleKind::Follower {
            self.emit(Output::SetTimer(Timer::Election));
        }
        self.become_follower(Some(request.leader_id));
        let success = self.persistent.log.append_after(
            request.prev_log_index,
            request.prev_log_term,
            request.entries,
        );
        self.send(
            from,
            Message::AppendEntriesReply(AppendEntriesReply { term, success }),
        );
    }

    /// Replies of an older term are stale; the term check of every message already made a
    /// later-term reply turn this node into a follower.
    pub(crate) fn handle_append_entries_reply(
        &mut self,
        _from: NodeId,
        _reply: AppendEntriesReply,
    ) {
    }
}
