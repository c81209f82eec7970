//! The replicated log (§5.3): entries numbered from 1, each stamped with the term in which a
//! leader created it.

use crate::command::Command;
use crate::configuration::Configuration;
use crate::types::{LogIndex, Term};
use playground_support::ChunkedVec;

/// One log entry: the term it was created in and the state-machine command it carries.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The leader's term when it appended the entry.
    pub term: Term,
    /// The command for the state machine.
    pub command: Command,
}

/// How a successful [`Log::append_after`] changed the log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LogChange {
    /// Conflicting entries were deleted: this is the index of the last entry kept.
    pub truncated_to: Option<LogIndex>,
    /// New entries were stored at these indexes (first, last).
    pub appended: Option<(LogIndex, LogIndex)>,
}

/// A node's log. Index 0 is the empty prefix, whose term is 0. After log compaction (paper
/// §7) the log starts after a snapshot: it holds the entries after `snapshot_index`, and knows
/// only the term of the entry at that index. Clones share their entries (see [`ChunkedVec`]),
/// so time-travel checkpoints of long logs are cheap.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Log {
    entries: ChunkedVec<Entry>,
    /// The last index the snapshot covers (0: no snapshot).
    snapshot_index: LogIndex,
    /// The term of the entry at `snapshot_index`.
    snapshot_term: Term,
}

impl Log {
    /// A log holding `entries` at indexes 1, 2, 3, …
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        Log { entries: entries.into_iter().collect(), ..Log::default() }
    }

    /// The entries it holds, oldest first: those after the snapshot, if there is one.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> + '_ {
        self.entries.iter()
    }

    /// The last index a snapshot covers, 0 without one: entries up to it are compacted away.
    pub fn snapshot_index(&self) -> LogIndex {
        self.snapshot_index
    }

    /// The term of the entry at [`Log::snapshot_index`].
    pub fn snapshot_term(&self) -> Term {
        self.snapshot_term
    }

    /// The index of the last entry (or of the snapshot's last entry), 0 when empty.
    pub fn last_index(&self) -> LogIndex {
        self.snapshot_index + self.entries.len() as LogIndex
    }

    /// The term of the last entry, 0 when empty.
    pub fn last_term(&self) -> Term {
        self.entries.last().map_or(self.snapshot_term, |entry| entry.term)
    }

    /// The entry at `index` (1-based), if the log holds it (not compacted, not past the end).
    pub fn entry(&self, index: LogIndex) -> Option<&Entry> {
        let position = usize::try_from(index.checked_sub(self.snapshot_index + 1)?).ok()?;
        self.entries.get(position)
    }

    /// The term of the entry at `index`; 0 for index 0; the snapshot's term at its last index;
    /// `None` past the end and before the snapshot's last index (compacted).
    pub fn term_at(&self, index: LogIndex) -> Option<Term> {
        if index == self.snapshot_index {
            return Some(self.snapshot_term);
        }
        self.entry(index).map(|entry| entry.term)
    }

    /// Up to `max` entries starting at `first`, cloned for a message (none that are compacted).
    pub fn entries_from(&self, first: LogIndex, max: u32) -> Vec<Entry> {
        let first = first.max(self.snapshot_index + 1);
        (first..first.saturating_add(u64::from(max))).map_while(|index| self.entry(index).cloned()).collect()
    }

    /// Compacts the log up to `index` (at most the last index): the entries up to it are
    /// discarded, and the term of the entry at `index` is kept (paper §7). Nothing happens at
    /// or before the current snapshot.
    pub fn compact_to(&mut self, index: LogIndex) {
        let index = index.min(self.last_index());
        let Some(term) = self.term_at(index).filter(|_| index > self.snapshot_index) else { return };
        let kept = (index + 1..=self.last_index()).filter_map(|i| self.entry(i).cloned()).collect();
        *self = Log { entries: kept, snapshot_index: index, snapshot_term: term };
    }

    /// Discards the whole log for a snapshot ending at (`index`, `term`) (Figure 13, receiver
    /// step 7).
    pub fn reset_to_snapshot(&mut self, index: LogIndex, term: Term) {
        *self = Log { entries: ChunkedVec::new(), snapshot_index: index, snapshot_term: term };
    }

    /// Appends one entry at the end and returns its index.
    pub fn push(&mut self, entry: Entry) -> LogIndex {
        self.entries.push(entry);
        self.last_index()
    }

    /// The first index holding an entry of the same term as the entry at `index`: where a
    /// follower's conflicting term starts (the §5.3 hint).
    pub fn first_index_of_term_at(&self, index: LogIndex) -> LogIndex {
        let Some(term) = self.term_at(index) else { return index };
        let mut first = index;
        while first > 1 && self.term_at(first - 1) == Some(term) {
            first -= 1;
        }
        first
    }

    /// The last index holding an entry of `term`, if any.
    pub fn last_index_of_term(&self, term: Term) -> Option<LogIndex> {
        // Terms never decrease along a log: walk back only past later terms.
        let mut index = self.last_index();
        while let Some(found) = self.term_at(index).filter(|&t| index > 0 && t >= term) {
            if found == term {
                return Some(index);
            }
            index -= 1;
        }
        None
    }

    /// Stores `entries` after index `prev_index` if this log holds an entry there of term
    /// `prev_term` (the AppendEntries consistency check, §5.3); `None` if it does not.
    ///
    /// An existing entry that conflicts with a new one (same index, other term) is deleted with
    /// all that follow it; entries that match are kept, so a stale or duplicated request never
    /// truncates what a later one appended (Figure 2, receiver steps 3 and 4).
    ///
    /// Entries at or before the snapshot's last index are committed, so they match the
    /// leader's (Log Matching): the part of a request that falls there is skipped, once the
    /// entry it carries at the snapshot's last index is checked against the snapshot's term.
    pub fn append_after(&mut self, prev_index: LogIndex, prev_term: Term, entries: Vec<Entry>) -> Option<LogChange> {
        if prev_index < self.snapshot_index {
            let skip = (self.snapshot_index - prev_index) as usize;
            let Some(at_snapshot) = entries.get(skip - 1) else { return Some(LogChange::default()) };
            let term = at_snapshot.term;
            return self.append_after(self.snapshot_index, term, entries.into_iter().skip(skip).collect());
        }
        if self.term_at(prev_index) != Some(prev_term) {
            return None;
        }
        let mut change = LogChange::default();
        for (index, entry) in (prev_index + 1..).zip(entries) {
            match self.term_at(index) {
                Some(term) if term == entry.term => continue,
                Some(_) => {
                    self.entries.truncate((index - 1 - self.snapshot_index) as usize);
                    change.truncated_to = Some(index - 1);
                }
                None => {}
            }
            self.entries.push(entry);
            let first = change.appended.map_or(index, |(first, _)| first);
            change.appended = Some((first, index));
        }
        Some(change)
    }

    /// The last configuration entry at or before `index`, with its index (thesis §4.1: a
    /// server uses the latest configuration in its log).
    pub fn configuration_at_or_before(&self, index: LogIndex) -> Option<(LogIndex, &Configuration)> {
        (self.snapshot_index + 1..=index.min(self.last_index()))
            .rev()
            .find_map(|at| self.entry(at).and_then(|entry| entry.command.configuration()).map(|config| (at, config)))
    }

    /// Whether a log ending at (`last_term`, `last_index`) is at least as up to date as this one
    /// (§5.4.1): the later last term wins; with equal last terms, the longer log wins.
    pub fn is_up_to_date(&self, last_term: Term, last_index: LogIndex) -> bool {
        (last_term, last_index) >= (self.last_term(), self.last_index())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_of_terms(terms: &[Term]) -> Log {
        Log::from_entries(entries_of_terms(terms))
    }

    fn entries_of_terms(terms: &[Term]) -> Vec<Entry> {
        terms.iter().map(|&term| Entry { term, command: Command::parse(&format!("x={term}")).unwrap() }).collect()
    }

    fn terms(log: &Log) -> Vec<Term> {
        log.entries().map(|entry| entry.term).collect()
    }

    #[test]
    fn empty_log_has_index_and_term_zero() {
        let log = Log::default();
        assert_eq!((log.last_index(), log.last_term()), (0, 0));
        assert_eq!(log.term_at(0), Some(0));
        assert_eq!(log.term_at(1), None);
    }

    #[test]
    fn consistency_check_rejects_a_missing_or_mismatched_previous_entry() {
        let mut log = log_of_terms(&[1, 1, 2]);
        assert_eq!(log.append_after(4, 2, entries_of_terms(&[2])), None, "index 4 is past the end");
        assert_eq!(log.append_after(3, 1, entries_of_terms(&[2])), None, "index 3 has term 2, not 1");
        assert_eq!(terms(&log), [1, 1, 2], "a rejected request changes nothing");
    }

    #[test]
    fn conflicting_entry_and_all_that_follow_are_replaced() {
        let mut log = log_of_terms(&[1, 1, 2, 2]);
        let change = log.append_after(2, 1, entries_of_terms(&[3])).unwrap();
        assert_eq!(terms(&log), [1, 1, 3]);
        assert_eq!(change, LogChange { truncated_to: Some(2), appended: Some((3, 3)) });
    }

    #[test]
    fn matching_entries_are_never_truncated_by_a_stale_request() {
        let mut log = log_of_terms(&[1, 1, 1, 1]);
        assert_eq!(log.append_after(1, 1, entries_of_terms(&[1])), Some(LogChange::default()));
        assert_eq!(terms(&log), [1, 1, 1, 1]);
    }

    #[test]
    fn new_entries_past_the_end_are_appended() {
        let mut log = log_of_terms(&[1]);
        let change = log.append_after(1, 1, entries_of_terms(&[1, 2])).unwrap();
        assert_eq!(change, LogChange { truncated_to: None, appended: Some((2, 3)) });
        assert_eq!(terms(&log), [1, 1, 2]);
    }

    #[test]
    fn entries_from_is_bounded_by_max_and_the_end() {
        let log = log_of_terms(&[1, 1, 2, 3]);
        assert_eq!(log.entries_from(2, 2).iter().map(|e| e.term).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(log.entries_from(4, 9).len(), 1);
        assert!(log.entries_from(5, 9).is_empty());
    }

    #[test]
    fn a_compacted_log_keeps_the_entries_after_its_snapshot() {
        let mut log = log_of_terms(&[1, 1, 2, 3]);
        log.compact_to(2);
        assert_eq!((log.snapshot_index(), log.snapshot_term(), log.last_index(), log.last_term()), (2, 1, 4, 3));
        assert_eq!((log.term_at(1), log.term_at(2), log.term_at(3)), (None, Some(1), Some(2)));
        assert_eq!((log.entry(2), log.entry(3).map(|e| e.term)), (None, Some(2)));
        assert_eq!(terms(&log), [2, 3]);
        assert_eq!(log.entries_from(1, 9).len(), 2, "never a compacted entry");
        log.compact_to(1);
        assert_eq!(log.snapshot_index(), 2, "a snapshot never moves back");
        // A request reaching back before the snapshot: its part up to index 2 is skipped.
        let change = log.append_after(0, 0, entries_of_terms(&[1, 1, 2, 4])).unwrap();
        assert_eq!(change, LogChange { truncated_to: Some(3), appended: Some((4, 4)) });
        assert_eq!(terms(&log), [2, 4]);
        assert_eq!(log.append_after(0, 0, entries_of_terms(&[1, 5, 2])), None, "index 2 has term 1, not 5");
        assert_eq!(log.append_after(0, 0, entries_of_terms(&[1])), Some(LogChange::default()));
        log.reset_to_snapshot(9, 4);
        assert_eq!((log.last_index(), log.last_term(), log.entries().count()), (9, 4, 0));
    }

    #[test]
    fn term_boundaries_for_the_conflict_hint() {
        let log = log_of_terms(&[1, 1, 4, 4, 4, 5]);
        assert_eq!(log.first_index_of_term_at(5), 3);
        assert_eq!(log.first_index_of_term_at(2), 1);
        assert_eq!(log.last_index_of_term(4), Some(5));
        assert_eq!(log.last_index_of_term(2), None);
    }

    #[test]
    fn up_to_date_compares_last_term_then_length() {
        let log = log_of_terms(&[1, 2, 2]);
        assert!(log.is_up_to_date(3, 1), "later last term wins even when shorter");
        assert!(log.is_up_to_date(2, 3), "equal logs are up to date");
        assert!(!log.is_up_to_date(2, 2), "same last term, shorter log loses");
        assert!(!log.is_up_to_date(1, 9), "earlier last term loses even when longer");
    }
}
