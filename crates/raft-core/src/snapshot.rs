//! Log compaction and InstallSnapshot (paper §7, Figure 13; thesis chapter 5). A server
//! snapshots its state machine as of lastApplied and discards the log up to there; a leader
//! whose follower needs an entry it has discarded sends its snapshot instead.

use std::sync::Arc;

use crate::configuration::Configuration;
use crate::io::Output;
use crate::message::{AppendEntries, InstallSnapshot, InstallSnapshotReply, Message};
use crate::node::Node;
use crate::role::{Role, RoleKind};
use crate::state_machine::KvStore;
use crate::types::{LogIndex, NodeId, Term};
use crate::Timer;

/// A snapshot: the state machine as of `last_index`, the configuration in force then (thesis
/// §5.1: a configuration entry the snapshot replaces must survive it), and the index and term
/// of the last entry it replaces, which the log's consistency check still needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Snapshot {
    /// The last log index it includes.
    pub last_index: LogIndex,
    /// The term of that entry.
    pub last_term: Term,
    /// The key-value state after applying every entry up to `last_index`.
    pub kv: KvStore,
    /// The latest configuration at or before `last_index`.
    pub config: Configuration,
}

impl Node {
    /// Whether it applied entries since its last snapshot: a snapshot now would compact
    /// something.
    pub fn can_snapshot(&self) -> bool {
        self.last_applied > self.persistent.log.snapshot_index()
    }

    /// Takes a snapshot of everything applied and compacts the log up to lastApplied (paper §7).
    /// Returns whether there was anything new to snapshot.
    pub(crate) fn take_snapshot(&mut self) -> bool {
        let last_index = self.last_applied;
        let (Some(last_term), true) = (self.persistent.log.term_at(last_index), self.can_snapshot()) else {
            return false;
        };
        let log = &self.persistent.log;
        let config = log.configuration_at_or_before(last_index).map_or(&self.base, |(_, config)| config).clone();
        let snapshot = Snapshot { last_index, last_term, kv: self.kv.clone(), config };
        self.base = snapshot.config.clone();
        self.persistent.log.compact_to(last_index);
        self.persistent.snapshot = Some(Arc::new(snapshot));
        self.emit(Output::SnapshotTaken { last_index, last_term });
        true
    }

    /// With the `snapshot_every` option, snapshots once that many entries were applied since the
    /// last snapshot: checked as each input arrives, before it is handled.
    pub(crate) fn snapshot_if_due(&mut self) {
        let every = self.options.snapshot_every;
        if every > 0 && self.last_applied.saturating_sub(self.persistent.log.snapshot_index()) >= every {
            self.take_snapshot();
        }
    }

    /// A leader sends `peer` its snapshot, since `peer` needs entries the log no longer holds.
    /// While one is on its way (for an election timeout) it is not sent again: `peer` gets an
    /// empty AppendEntries anchored at the snapshot's last entry instead, which keeps it from
    /// timing out and counts in heartbeat rounds (and, should its log hold that entry after
    /// all, resumes replication from there).
    pub(crate) fn send_snapshot(&mut self, peer: NodeId) {
        let (now, window) = (self.now, self.options.election_timeout_min_ms);
        let term = self.persistent.current_term;
        let Some(snapshot) = self.persistent.snapshot.clone() else { return };
        let Role::Leader(leader) = &mut self.role else { return };
        if leader.snapshots_sent.get(&peer).is_some_and(|&sent| now.saturating_sub(sent) < window) {
            let heartbeat = AppendEntries {
                term,
                leader_id: self.id,
                prev_log_index: snapshot.last_index,
                prev_log_term: snapshot.last_term,
                entries: Vec::new(),
                leader_commit: self.commit_index,
                round: leader.reads.round,
            };
            self.send(peer, Message::AppendEntries(heartbeat));
            return;
        }
        leader.snapshots_sent.insert(peer, now);
        let request = InstallSnapshot {
            term,
            leader_id: self.id,
            last_included_index: snapshot.last_index,
            last_included_term: snapshot.last_term,
            snapshot,
        };
        self.send(peer, Message::InstallSnapshot(request));
    }

    /// Figure 13, InstallSnapshot receiver, in one message (no chunks). A request of an
    /// earlier term is answered with the current term and index 0, which acknowledges nothing.
    /// A snapshot that covers no more than what this server knows is committed is ignored. If
    /// the log holds the snapshot's last entry, the log is kept and the commit index moves up
    /// to it; otherwise the log is discarded and the state machine and configuration are
    /// loaded from the snapshot.
    pub(crate) fn handle_install_snapshot(&mut self, from: NodeId, request: InstallSnapshot) {
        let term = self.persistent.current_term;
        let last_index = request.last_included_index;
        if self.refuses_request_of(request.term) {
            // Its term, and nothing about its log: a leader of `term` that once sent this
            // request in an earlier term must not read the answer as holding `last_index`.
            let refused = InstallSnapshotReply { term, last_index: 0 };
            self.send(from, Message::InstallSnapshotReply(refused));
            return;
        }
        if self.role.kind() == RoleKind::Follower {
            self.emit(Output::SetTimer(Timer::Election));
        }
        self.become_follower(Some(request.leader_id));
        self.heard_from_leader(request.leader_id);
        if last_index > self.commit_index {
            if self.persistent.log.term_at(last_index) == Some(request.last_included_term) {
                self.commit_to(last_index);
            } else {
                self.restore_snapshot(from, request.snapshot);
            }
        }
        self.send(from, Message::InstallSnapshotReply(InstallSnapshotReply { term, last_index }));
    }

    /// Discards the log and loads `snapshot` (Figure 13, receiver steps 7 and 8).
    fn restore_snapshot(&mut self, from: NodeId, snapshot: Arc<Snapshot>) {
        let removed_through = self.persistent.log.last_index();
        self.persistent.log.reset_to_snapshot(snapshot.last_index, snapshot.last_term);
        self.kv = snapshot.kv.clone();
        self.commit_index = snapshot.last_index;
        self.last_applied = snapshot.last_index;
        self.base = snapshot.config.clone();
        let config_changed = self.config != snapshot.config;
        self.config = snapshot.config.clone();
        self.config_index = snapshot.last_index;
        self.emit(Output::SnapshotInstalled {
            from,
            last_index: snapshot.last_index,
            last_term: snapshot.last_term,
            removed_through,
        });
        self.persistent.snapshot = Some(snapshot);
        if config_changed {
            let index = self.config_index;
            self.emit(Output::ConfigurationChanged { index });
        }
    }

    /// The leader hears that `from` holds everything up to `reply.last_index`: replication
    /// resumes from there.
    pub(crate) fn handle_install_snapshot_reply(&mut self, from: NodeId, reply: InstallSnapshotReply) {
        // A refusal of a request from an earlier term (`last_index` 0) tells nothing of this
        // term's snapshot, which may still be on its way.
        if !self.acts_on_answer_of(reply.term) || reply.last_index == 0 {
            return;
        }
        let last_index = self.persistent.log.last_index();
        let Role::Leader(leader) = &mut self.role else { return };
        leader.snapshots_sent.remove(&from);
        leader.active.insert(from);
        let Some(progress) = leader.progress.get_mut(&from) else { return };
        progress.match_index = progress.match_index.max(reply.last_index.min(last_index));
        progress.next_index = progress.next_index.max(progress.match_index + 1);
        let lagging = progress.next_index <= last_index;
        self.advance_commit_index();
        self.advance_membership_change();
        if lagging {
            self.send_append_entries(from);
        }
    }
}
