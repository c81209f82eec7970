//! The replicated log (§5.3): entries numbered from 1, each stamped with the term in which a
//! leader created it.

use crate::types::{LogIndex, Term};

/// One log entry: the term it was created in and the state-machine command it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The leader's term when it appended the entry.
    pub term: Term,
    /// The command for the state machine, e.g. `x=3`.
    pub command: String,
}

/// A node's log. Index 0 is the empty prefix, whose term is 0.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    entries: Vec<Entry>,
}

impl Log {
    /// A log holding `entries` at indexes 1, 2, 3, …
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        Log { entries }
    }

    /// The entries, index 1 first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The index of the last entry, 0 when empty.
    pub fn last_index(&self) -> LogIndex {
        self.entries.len() as LogIndex
    }

    /// The term of the last entry, 0 when empty.
    pub fn last_term(&self) -> Term {
        self.entries.last().map_or(0, |entry| entry.term)
    }

    /// The term of the entry at `index`; 0 for index 0; `None` past the end.
    pub fn term_at(&self, index: LogIndex) -> Option<Term> {
        if index == 0 {
            return Some(0);
        }
        let position = usize::try_from(index - 1).ok()?;
        self.entries.get(position).map(|entry| entry.term)
    }

    /// Stores `entries` after index `prev_index` if this log holds an entry there of term
    /// `prev_term` (the AppendEntries consistency check, §5.3); returns whether it did.
    ///
    /// An existing entry that conflicts with a new one (same index, other term) is deleted with
    /// all that follow it; entries that match are kept, so a stale or duplicated request never
    /// truncates what a later one appended (Figure 2, receiver steps 3 and 4).
    pub fn append_after(
        &mut self,
        prev_index: LogIndex,
        prev_term: Term,
        entries: Vec<Entry>,
    ) -> bool {
        if self.term_at(prev_index) != Some(prev_term) {
            return false;
        }
        for (index, entry) in (prev_index + 1..).zip(entries) {
            match self.term_at(index) {
                Some(term) if term == entry.term => continue,
                Some(_) => self.entries.truncate((index - 1) as usize),
                None => {}
            }
            self.entries.push(entry);
        }
        true
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
        let entries = terms
            .iter()
            .map(|&term| Entry {
                term,
                command: format!("x={term}"),
            })
            .collect();
        Log::from_entries(entries)
    }

    fn entries_of_terms(terms: &[Term]) -> Vec<Entry> {
        log_of_terms(terms).entries
    }

    fn terms(log: &Log) -> Vec<Term> {
        log.entries().iter().map(|entry| entry.term).collect()
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
        assert!(
            !log.append_after(4, 2, entries_of_terms(&[2])),
            "index 4 is past the end"
        );
        assert!(
            !log.append_after(3, 1, entries_of_terms(&[2])),
            "index 3 has term 2, not 1"
        );
        assert_eq!(terms(&log), [1, 1, 2], "a rejected request changes nothing");
    }

    #[test]
    fn conflicting_entry_and_all_that_follow_are_replaced() {
        let mut log = log_of_terms(&[1, 1, 2, 2]);
        assert!(log.append_after(2, 1, entries_of_terms(&[3])));
        assert_eq!(terms(&log), [1, 1, 3]);
    }

    #[test]
    fn matching_entries_are_never_truncated_by_a_stale_request() {
        let mut log = log_of_terms(&[1, 1, 1, 1]);
        assert!(log.append_after(1, 1, entries_of_terms(&[1])));
        assert_eq!(terms(&log), [1, 1, 1, 1]);
    }

    #[test]
    fn up_to_date_compares_last_term_then_length() {
        let log = log_of_terms(&[1, 2, 2]);
        assert!(
            log.is_up_to_date(3, 1),
            "later last term wins even when shorter"
        );
        assert!(log.is_up_to_date(2, 3), "equal logs are up to date");
        assert!(
            !log.is_up_to_date(2, 2),
            "same last term, shorter log loses"
        );
        assert!(
            !log.is_up_to_date(1, 9),
            "earlier last term loses even when longer"
        );
    }
}
