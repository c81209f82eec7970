//! Committing (§5.3, §5.4.2) and applying entries to the state machine.

use crate::io::{ClientResult, Output};
use crate::node::Node;
use crate::role::Role;
use crate::types::{LogIndex, NodeId};

impl Node {
    /// A leader commits the highest index N stored on a majority (itself included) whose entry
    /// is of its current term (§5.4.2): counting replicas of an entry from an earlier term is
    /// not enough, as the paper's Figure 8 shows. Earlier entries commit with it (Log Matching).
    pub(crate) fn advance_commit_index(&mut self) {
        let Role::Leader(leader) = &self.role else { return };
        let (own, last_index) = (self.id, self.persistent.log.last_index());
        let held =
            |id: NodeId| if id == own { last_index } else { leader.progress.get(&id).map_or(0, |p| p.match_index) };
        // Most replies (heartbeats) move nothing past commitIndex: say so without counting.
        if !self.config.has_quorum(|id| held(id) > self.commit_index) {
            return;
        }
        // Only voters count, by the configuration in force (thesis §4.1): a learner's copy
        // does not, and while joint a majority of C_old and of C_new are both needed (§6).
        let majority_index = self.config.committed_index(held);
        let current_term = self.persistent.current_term;
        if majority_index <= self.commit_index {
            return;
        }
        match self.persistent.log.term_at(majority_index) {
            Some(term) if term == current_term => self.commit_to(majority_index),
            Some(term) if self.options.unsafe_rules.commit_old_terms => {
                self.commit_to(majority_index);
                self.emit(Output::CommittedByCounting { index: majority_index, term });
            }
            Some(term) => self.report_deferred_commit(majority_index, term),
            None => {}
        }
    }

    /// Tells, once per index, that the entry at `index` (of the earlier `term`) is on a
    /// majority but is not committed: the §5.4.2 rule at work, as in Figure 8 (c).
    fn report_deferred_commit(&mut self, index: LogIndex, term: crate::types::Term) {
        let Role::Leader(leader) = &mut self.role else { return };
        if index > leader.deferred_reported {
            leader.deferred_reported = index;
            self.emit(Output::CommitDeferred { index, term });
        }
    }

    /// Moves commitIndex to `index` and applies every newly committed entry in order; a leader
    /// answers the clients waiting on them.
    pub(crate) fn commit_to(&mut self, index: LogIndex) {
        let index = index.min(self.persistent.log.last_index());
        if index <= self.commit_index {
            return;
        }
        self.commit_index = index;
        self.emit(Output::Committed { index });
        while self.last_applied < self.commit_index {
            let applying = self.last_applied + 1;
            let Some(entry) = self.persistent.log.entry(applying).cloned() else { break };
            self.kv.apply(&entry.command);
            self.last_applied = applying;
            // A read in the log answers with the value at its place (the `log` read mode).
            let read = entry.command.read_key().map(|key| self.kv.get(key).map(str::to_owned));
            self.emit(Output::Applied { index: applying, term: entry.term, command: entry.command });
            if let Role::Leader(leader) = &mut self.role {
                if let Some(request_id) = leader.pending.remove(applying) {
                    let result = match read {
                        Some(value) => ClientResult::Read { index: applying, value },
                        None => ClientResult::Committed { index: applying },
                    };
                    self.emit(Output::ClientResponse { request_id, result });
                }
            }
        }
        self.start_reads();
        self.advance_membership_change();
        self.step_down_if_removed();
    }
}
