//! Log replication (§5.3) and heartbeats (§5.2): the leader's side and the follower's side of
//! AppendEntries.

use crate::io::{Output, Timer};
use crate::log::LogChange;
use crate::message::{AppendEntries, AppendEntriesReply, ConflictHint, Message};
use crate::node::Node;
use crate::role::{Role, RoleKind};
use crate::types::{LogIndex, NodeId};

impl Node {
    /// The heartbeat timer fired: a leader checks it still may lead (CheckQuorum, a transfer's
    /// deadline), then sends AppendEntries to every peer and re-arms it. On any other role the
    /// timer is stale and ignored.
    pub(crate) fn on_heartbeat_timer(&mut self) {
        if matches!(self.role, Role::Leader(_)) && self.check_leadership() {
            self.check_catch_up_deadline();
            self.broadcast_append_entries();
            self.emit(Output::SetTimer(Timer::Heartbeat));
        }
    }

    /// Sends every peer an AppendEntries from its nextIndex: a heartbeat for a follower that is
    /// up to date, a retry or catch-up for the others.
    pub(crate) fn broadcast_append_entries(&mut self) {
        self.begin_round();
        for peer in self.peers() {
            self.send_append_entries(peer);
        }
    }

    /// Sends a new entry (a client's, a configuration) on to every peer, as
    /// [`Node::broadcast_append_entries`] does, but not to a follower probed with flow control
    /// whose probe is still unanswered: it gets the entry with the next answer or heartbeat, one
    /// probe at a time (etcd's probe state).
    pub(crate) fn broadcast_new_entries(&mut self) {
        let Role::Leader(leader) = &self.role else { return };
        let paused: Vec<NodeId> = leader.progress.iter().filter(|(_, p)| p.probe_sent).map(|(id, _)| *id).collect();
        self.begin_round();
        for peer in self.peers() {
            if !paused.contains(&peer) {
                self.send_append_entries(peer);
            }
        }
    }

    /// Sends `peer` the entries from its nextIndex on (at most `max_entries_per_append`),
    /// anchored at the entry just before them. With pipelining (thesis §10.2.2), nextIndex
    /// moves past the entries sent at once: the next AppendEntries carries only what this one
    /// did not (with flow control, only to a follower that is replicating, not one probed).
    pub(crate) fn send_append_entries(&mut self, peer: NodeId) {
        let Role::Leader(leader) = &self.role else { return };
        let Some(progress) = leader.progress.get(&peer) else { return };
        let log = &self.persistent.log;
        if progress.next_index <= log.snapshot_index() {
            self.send_snapshot(peer);
            return;
        }
        let prev_log_index = progress.next_index.saturating_sub(1).min(log.last_index());
        let request = AppendEntries {
            term: self.persistent.current_term,
            leader_id: self.id,
            prev_log_index,
            prev_log_term: log.term_at(prev_log_index).unwrap_or(0),
            entries: log.entries_from(prev_log_index + 1, self.options.max_entries_per_append.max(1)),
            leader_commit: self.commit_index,
            round: leader.reads.round,
        };
        let sent_through = prev_log_index + request.entries.len() as LogIndex;
        let flow_control = self.options.pipeline && self.options.flow_control;
        let pipelined = self.options.pipeline && (progress.replicating || !flow_control);
        if let Some(progress) = self.leader_progress_mut(peer) {
            if pipelined && sent_through > prev_log_index {
                progress.next_index = progress.next_index.max(sent_through + 1);
            }
            progress.probe_sent = flow_control && !progress.replicating;
        }
        self.send(peer, Message::AppendEntries(request));
    }

    /// Figure 2, AppendEntries receiver. A current-term request comes from the term's one
    /// leader: a candidate returns to follower, a follower records the leader and resets its
    /// election timer. Entries are stored only past a matching (prevLogIndex, prevLogTerm), and
    /// the commit index follows the leader's, but never past the last entry this request vouched for.
    pub(crate) fn handle_append_entries(&mut self, from: NodeId, request: AppendEntries) {
        let (term, round) = (self.persistent.current_term, request.round);
        if self.refuses_request_of(request.term) {
            // A round of an earlier leadership acknowledges nothing in this term.
            let reply =
                AppendEntriesReply { term, success: false, index: request.prev_log_index, hint: None, round: 0 };
            self.send(from, Message::AppendEntriesReply(reply));
            return;
        }
        if self.role.kind() == RoleKind::Follower {
            self.emit(Output::SetTimer(Timer::Election));
        }
        self.become_follower(Some(request.leader_id));
        self.heard_from_leader(request.leader_id);

        let prev_log_index = request.prev_log_index;
        let last_new_index = prev_log_index + request.entries.len() as LogIndex;
        let last_before = self.persistent.log.last_index();
        let change = if self.options.unsafe_rules.ack_on_equal_commit {
            // The broken rule: accept iff the commit indexes are equal and prevLogIndex is in
            // the log, whatever the term there (prevLogTerm unchecked).
            let own_term = self.persistent.log.term_at(prev_log_index);
            own_term
                .filter(|_| request.leader_commit == self.commit_index)
                .and_then(|term| self.persistent.log.append_after(prev_log_index, term, request.entries))
        } else {
            self.persistent.log.append_after(prev_log_index, request.prev_log_term, request.entries)
        };
        let reply = match change {
            Some(change) => {
                self.report_log_change(change, last_before);
                let commit = request.leader_commit.min(last_new_index);
                if commit > self.commit_index {
                    self.commit_to(commit);
                }
                AppendEntriesReply { term, success: true, index: last_new_index, hint: None, round }
            }
            None => {
                let own_term = self.persistent.log.term_at(prev_log_index);
                let (leader, prev_log_term) = (request.leader_id, request.prev_log_term);
                self.emit(Output::AppendEntriesRefused { leader, prev_log_index, prev_log_term, own_term });
                let hint = self.options.conflict_hint.then(|| self.conflict_hint(prev_log_index));
                AppendEntriesReply { term, success: false, index: prev_log_index, hint, round }
            }
        };
        self.send(from, Message::AppendEntriesReply(reply));
    }

    fn conflict_hint(&self, prev_log_index: LogIndex) -> ConflictHint {
        let log = &self.persistent.log;
        if prev_log_index > log.last_index() {
            return ConflictHint { term: None, first_index: log.last_index() + 1 };
        }
        ConflictHint { term: log.term_at(prev_log_index), first_index: log.first_index_of_term_at(prev_log_index) }
    }

    fn report_log_change(&mut self, change: LogChange, last_before: LogIndex) {
        if let Some(last_kept) = change.truncated_to {
            self.emit(Output::LogTruncated { last_kept, removed_through: last_before });
        }
        if let Some((first, last)) = change.appended {
            self.emit(Output::EntriesAppended { first, last });
        }
        self.update_configuration(change.truncated_to, change.appended);
    }

    /// Figure 2, "Rules for Servers, Leaders": on success, advance matchIndex and nextIndex,
    /// maybe commit, and keep sending while the follower lags; on failure, move nextIndex back
    /// (one entry, or to the hint) and retry. Replies are matched by their `index`, so a late or
    /// duplicated reply never moves nextIndex the wrong way.
    pub(crate) fn handle_append_entries_reply(&mut self, from: NodeId, reply: AppendEntriesReply) {
        if !self.acts_on_answer_of(reply.term) {
            return;
        }
        self.note_round_acknowledged(from, reply.round);
        let last_index = self.persistent.log.last_index();
        let Role::Leader(leader) = &mut self.role else { return };
        let transferring_to_sender = leader.transfer.is_some_and(|transfer| transfer.to == from);
        let Some(progress) = leader.progress.get_mut(&from) else { return };
        // CheckQuorum counts any answer of this term as a sign of life.
        leader.active.insert(from);
        let flow_control = self.options.pipeline && self.options.flow_control;
        if reply.success {
            // Not an old answer overtaken by a later one: the probe is answered, the next may
            // go, and with flow control the follower is pipelined to from now on (etcd's
            // ProbeAcked and BecomeReplicate).
            if reply.index >= progress.match_index {
                progress.probe_sent = false;
                progress.replicating = flow_control;
            }
            progress.match_index = progress.match_index.max(reply.index.min(last_index));
            progress.next_index = progress.next_index.max(progress.match_index + 1);
            let lagging = progress.next_index <= last_index;
            let caught_up = progress.match_index == last_index;
            self.advance_commit_index();
            self.advance_membership_change();
            if lagging {
                self.send_append_entries(from);
            }
            // Each caught-up reply during a transfer sends TimeoutNow again, as etcd-io/raft
            // does: one lost is so sent anew, and one arriving after the target has campaigned
            // carries an older term than the target's, and changes nothing (thesis §3.10).
            if transferring_to_sender && caught_up {
                self.send_timeout_now(from);
            }
            return;
        }
        // The follower lacks the entry at reply.index, so nextIndex must not pass it; a reply
        // about an entry already known to match is stale.
        if reply.index <= progress.match_index || reply.index >= progress.next_index {
            return;
        }
        if progress.replicating {
            // Pipelined entries were refused (one was lost, or overtaken): back to just past
            // what is known to match, and probe from there (etcd's replicate to probe).
            progress.replicating = false;
            progress.next_index = progress.match_index + 1;
        } else {
            // While probing with flow control, only the answer to the latest probe counts.
            if flow_control && reply.index + 1 != progress.next_index {
                return;
            }
            let walked_back = match &reply.hint {
                Some(hint) => hint_next_index(&self.persistent.log, hint),
                None => reply.index,
            };
            // Below reply.index, itself below the old nextIndex: always a step back.
            progress.next_index = walked_back.clamp(progress.match_index + 1, reply.index);
        }
        // A refusal that counts answers the probe.
        progress.probe_sent = false;
        let next_index = progress.next_index;
        self.emit(Output::NextIndexBackedOff { follower: from, next_index });
        self.send_append_entries(from);
    }
}

impl Node {
    /// The leader's progress record of `peer`, if this server leads and tracks it.
    fn leader_progress_mut(&mut self, peer: NodeId) -> Option<&mut crate::role::Progress> {
        match &mut self.role {
            Role::Leader(leader) => leader.progress.get_mut(&peer),
            _ => None,
        }
    }
}

/// Where nextIndex jumps with a conflict hint: past the leader's last entry of the follower's
/// conflicting term if the leader has that term, else to where that term starts on the follower.
fn hint_next_index(log: &crate::log::Log, hint: &ConflictHint) -> LogIndex {
    match hint.term.and_then(|term| log.last_index_of_term(term)) {
        Some(last_of_term) => last_of_term + 1,
        None => hint.first_index,
    }
}
