//! The five safety properties of the paper's Figure 3, and the one membership changes add
//! (thesis §4.1: a leader appends a configuration only once the previous one is committed),
//! checked after every event.
//!
//! Each check is incremental, so checking costs little per event: the checker mirrors every
//! log as a vector of prefix hashes (a hash of the entry and everything before it), fed by the
//! nodes' `EntriesAppended`/`LogTruncated` outputs; with it "same index and term ⇒ same
//! prefix" and "contains the committed prefix" are single comparisons.

use std::fmt;

use playground_support::{ChunkedVec, SortedMap};
use raft_core::{Command, Entry, Log, LogIndex, NodeId, Term};
use serde::Serialize;

use crate::time::Millis;

/// A safety property of Figure 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Property {
    /// At most one leader can be elected in a given term (§5.2).
    ElectionSafety,
    /// A leader never overwrites or deletes entries in its log; it only appends (§5.3).
    LeaderAppendOnly,
    /// If two logs contain an entry with the same index and term, the logs are identical in
    /// all entries up through that index (§5.3).
    LogMatching,
    /// If an entry is committed in a term, it is present in the logs of the leaders of all
    /// higher terms (§5.4).
    LeaderCompleteness,
    /// If a server has applied an entry at an index, no other server ever applies a different
    /// entry at that index (§5.4.3).
    StateMachineSafety,
    /// A leader appends a configuration entry only when every configuration in its log is
    /// committed: one membership change at a time (thesis §4.1, §4.3).
    OneChangeAtATime,
}

impl Property {
    /// Every property, in the paper's order, then the membership one.
    pub const ALL: [Property; 6] = [
        Property::ElectionSafety,
        Property::LeaderAppendOnly,
        Property::LogMatching,
        Property::LeaderCompleteness,
        Property::StateMachineSafety,
        Property::OneChangeAtATime,
    ];

    /// The property's name in words, e.g. "election safety".
    pub fn name(self) -> &'static str {
        match self {
            Property::ElectionSafety => "election safety",
            Property::LeaderAppendOnly => "leader append-only",
            Property::LogMatching => "log matching",
            Property::LeaderCompleteness => "leader completeness",
            Property::StateMachineSafety => "state machine safety",
            Property::OneChangeAtATime => "one membership change at a time",
        }
    }
}

impl Property {
    /// The property's key, as serde writes it in reports and as the page's
    /// `data-invariant` says it: `election_safety`.
    pub fn key(self) -> &'static str {
        match self {
            Property::ElectionSafety => "election_safety",
            Property::LeaderAppendOnly => "leader_append_only",
            Property::LogMatching => "log_matching",
            Property::LeaderCompleteness => "leader_completeness",
            Property::StateMachineSafety => "state_machine_safety",
            Property::OneChangeAtATime => "one_change_at_a_time",
        }
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A property found broken: which, when, and what was seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The property.
    pub property: Property,
    /// When it was found broken.
    pub at_ms: Millis,
    /// What broke it (written in English in reports, worded by the page in its language).
    #[serde(serialize_with = "as_text")]
    pub detail: Breach,
}

/// What was seen that breaks a property, as a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Breach {
    /// Two servers lead the same term (Election Safety).
    TwoLeaders {
        /// The first leader of the term.
        first: NodeId,
        /// The second.
        second: NodeId,
        /// The term.
        term: Term,
    },
    /// A new leader lacks committed entries (Leader Completeness).
    LeaderLacksCommitted {
        /// The leader.
        node: NodeId,
        /// Its term.
        term: Term,
        /// How many entries are known committed.
        committed: LogIndex,
    },
    /// A leader deleted entries from its own log (Leader Append-Only).
    LeaderDeleted {
        /// The leader.
        node: NodeId,
        /// How many entries.
        deleted: LogIndex,
        /// The last index kept.
        after: LogIndex,
    },
    /// A server stored entries that do not follow its log: past its end, leaving a gap (Log
    /// Matching: its log no longer holds every entry up to those stored), or over entries it
    /// had not truncated (Leader Append-Only, as before).
    StoredPastEnd {
        /// The server.
        node: NodeId,
        /// The first index stored.
        first: LogIndex,
        /// Its log's length before.
        length: LogIndex,
    },
    /// Two logs hold an entry of the same index and term after different entries (Log
    /// Matching).
    EntryDiffers {
        /// The server.
        node: NodeId,
        /// The index.
        index: LogIndex,
        /// The entry's term.
        term: Term,
    },
    /// A server committed a different entry at an index than another (State Machine Safety).
    CommittedDifferent {
        /// The server.
        node: NodeId,
        /// The index.
        index: LogIndex,
    },
    /// A server committed past entries that differ from those committed (State Machine
    /// Safety).
    CommittedOverDifferent {
        /// The server.
        node: NodeId,
        /// Its new commit index.
        index: LogIndex,
    },
    /// A leader appended a configuration while an earlier one in its log was not committed
    /// (one membership change at a time).
    TwoPendingChanges {
        /// The leader.
        node: NodeId,
        /// The uncommitted configuration's index.
        pending: LogIndex,
        /// The new one's index.
        appended: LogIndex,
    },
    /// A server applied a different entry at an index than another (State Machine Safety).
    AppliedDifferent {
        /// The server.
        node: NodeId,
        /// The index.
        index: LogIndex,
    },
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::TwoLeaders { first, second, term } => write!(f, "S{first} and S{second} both lead term {term}"),
            Breach::LeaderLacksCommitted { node, term, committed } => {
                write!(
                    f,
                    "S{node} leads term {term}, but its log differs from the committed entries up to index {committed}"
                )
            }
            Breach::LeaderDeleted { node, deleted, after } => {
                write!(f, "leader S{node} deleted {deleted} entries after index {after}")
            }
            Breach::StoredPastEnd { node, first, length } => {
                write!(f, "S{node} stored entries at {first} with a log of {length}")
            }
            Breach::EntryDiffers { node, index, term } => {
                write!(f, "S{node}'s entry {index} of term {term} differs in what precedes it")
            }
            Breach::CommittedDifferent { node, index } => {
                write!(f, "S{node} committed a different entry at index {index} than the one committed there before")
            }
            Breach::CommittedOverDifferent { node, index } => {
                write!(f, "S{node} committed up to {index} over different committed entries")
            }
            Breach::TwoPendingChanges { node, pending, appended } => write!(
                f,
                "leader S{node} appended a configuration at {appended} while the one at {pending} was not committed"
            ),
            Breach::AppliedDifferent { node, index } => {
                write!(f, "S{node} applied a different entry at index {index} than another server applied there")
            }
        }
    }
}

/// Writes a value by its `Display` form.
fn as_text<T: fmt::Display, S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// The incremental checker. The simulation calls its `on_*` methods as nodes report changes.
#[derive(Clone, Debug, Default)]
pub struct Checker {
    leaders_by_term: SortedMap<Term, NodeId>,
    /// Per node (index 0 = node 1): the prefix hash at each log index, index 1 first.
    /// Chunked so that time-travel checkpoints share them.
    mirrors: Vec<ChunkedVec<u64>>,
    /// For each index (from 1): every (term, prefix hash) any log ever held there. Chunked so
    /// that time-travel checkpoints share it.
    seen: ChunkedVec<Vec<(Term, u64)>>,
    /// Prefix hashes of the longest prefix known committed.
    committed: ChunkedVec<u64>,
    /// For each term in which the committed prefix grew (the term of the server that learned
    /// it, the term it was committed in, as Leader Completeness says), the longest it grew to
    /// then, by term: all Leader Completeness asks. One entry a term, not one a commit: an
    /// hour of writes would otherwise copy tens of thousands into every history checkpoint.
    committed_in: Vec<(LogIndex, Term)>,
    /// Prefix hash of the entry first applied at each index.
    applied: ChunkedVec<u64>,
    violations: Vec<Violation>,
}

impl Checker {
    /// Feeds what the checker remembers of the run's past into `state`: leaders by term,
    /// every entry any log held at each index, what was committed and applied. Two runs that
    /// reach the same servers and messages by different paths are one state for a model
    /// checker only if their pasts break the same properties from here on.
    pub(crate) fn fingerprint<H: std::hash::Hasher>(&self, state: &mut H) {
        use std::hash::Hash;
        self.leaders_by_term.hash(state);
        // What each index ever held, as a set: the order it was seen in changes nothing.
        for held in self.seen.iter() {
            let mut held = held.clone();
            held.sort_unstable();
            held.hash(state);
        }
        self.committed.hash(state);
        // How far each term committed, which is all Leader Completeness asks.
        self.committed_in.hash(state);
        self.applied.hash(state);
        self.violations.len().hash(state);
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn entry_hash(previous: u64, entry: &Entry) -> u64 {
    let mut h = mix(previous ^ mix(entry.term.wrapping_add(0x9e37_79b9_7f4a_7c15)));
    match &entry.command {
        Command::Set(set) => {
            for byte in set.as_str().bytes() {
                h = mix(h ^ u64::from(byte));
            }
        }
        // A configuration: a marker, then C_new and C_old's ids, so that two configurations
        // at one index and term are told apart like two writes.
        Command::Configuration(config) => {
            h = mix(h ^ 0xC0F1_6000_u64);
            for &id in config.voters().iter().chain([&0]).chain(config.old_voters().unwrap_or_default()) {
                h = mix(h ^ u64::from(id));
            }
        }
        Command::Get(key) => {
            h = mix(h ^ 0x6E7_u64);
            for byte in key.bytes() {
                h = mix(h ^ u64::from(byte));
            }
        }
        Command::Noop | Command::Blank => {}
    }
    h
}

impl Checker {
    /// A checker for `nodes` servers with empty logs.
    pub fn new(nodes: u32) -> Self {
        Checker { mirrors: vec![ChunkedVec::new(); nodes as usize], ..Checker::default() }
    }

    /// Every violation found so far, in the order found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    fn violate(&mut self, property: Property, at_ms: Millis, detail: Breach) {
        self.violations.push(Violation { property, at_ms, detail });
    }

    fn mirror(&self, node: NodeId) -> &ChunkedVec<u64> {
        &self.mirrors[(node - 1) as usize]
    }

    /// The prefix hash of `node`'s entry at `index` (1-based).
    fn prefix(&self, node: NodeId, index: LogIndex) -> Option<u64> {
        self.mirror(node).get(usize::try_from(index.checked_sub(1)?).ok()?).copied()
    }

    /// `node` became leader of `term`: checks Election Safety, and Leader Completeness against
    /// every entry committed in an earlier term (§5.4: a leader of term 1 elected after an
    /// entry was committed in term 2 need not hold it, and cannot commit over it: the servers
    /// of term 2 refuse it).
    pub fn on_leader(&mut self, at_ms: Millis, node: NodeId, term: Term) {
        if let Some(&other) = self.leaders_by_term.get(&term) {
            if other != node {
                self.violate(Property::ElectionSafety, at_ms, Breach::TwoLeaders { first: other, second: node, term });
            }
        } else {
            self.leaders_by_term.insert(term, node);
        }
        self.check_completeness(at_ms, node, term);
    }

    /// Leader Completeness for `node`, leading `term`: its log holds every entry committed in
    /// an earlier term.
    pub fn check_completeness(&mut self, at_ms: Millis, node: NodeId, term: Term) {
        let committed = self.committed_in.iter().filter(|(_, when)| *when < term).map(|(length, _)| *length).max();
        let committed = committed.unwrap_or(0);
        if committed > 0 && self.prefix(node, committed) != self.committed.get((committed - 1) as usize).copied() {
            let detail = Breach::LeaderLacksCommitted { node, term, committed };
            self.violate(Property::LeaderCompleteness, at_ms, detail);
        }
    }

    /// `node` deleted its entries after `last_kept`.
    pub fn on_truncate(&mut self, at_ms: Millis, node: NodeId, last_kept: LogIndex, is_leader: bool) {
        let mirror = &mut self.mirrors[(node - 1) as usize];
        let deleted = mirror.len() as LogIndex - last_kept.min(mirror.len() as LogIndex);
        mirror.truncate(last_kept as usize);
        if is_leader && deleted > 0 {
            let detail = Breach::LeaderDeleted { node, deleted, after: last_kept };
            self.violate(Property::LeaderAppendOnly, at_ms, detail);
        }
    }

    /// `node` stored entries `first..=last` of `log`: checks Log Matching for each.
    pub fn on_append(&mut self, at_ms: Millis, node: NodeId, first: LogIndex, last: LogIndex, log: &Log) {
        let position = (node - 1) as usize;
        if self.mirrors[position].len() as LogIndex != first - 1 {
            let length = self.mirrors[position].len() as LogIndex;
            // Past the end, a gap: the log no longer holds every entry up to those stored. Before
            // it, entries overwritten without being truncated first.
            let property = if first - 1 > length { Property::LogMatching } else { Property::LeaderAppendOnly };
            self.violate(property, at_ms, Breach::StoredPastEnd { node, first, length });
            self.mirrors[position].truncate((first - 1) as usize);
        }
        for index in first..=last {
            // Never compacted yet: a node snapshots only as its next input arrives, after the
            // driver has seen this step's outputs.
            let Some(entry) = log.entry(index) else { break };
            let previous = self.mirrors[position].last().copied().unwrap_or(0);
            let hash = entry_hash(previous, entry);
            self.mirrors[position].push(hash);
            let slot = (index - 1) as usize;
            while self.seen.len() <= slot {
                self.seen.push(Vec::new());
            }
            let known =
                self.seen.get(slot).and_then(|at| at.iter().find(|(term, _)| *term == entry.term)).map(|&(_, h)| h);
            match known {
                Some(other) if other != hash => {
                    let detail = Breach::EntryDiffers { node, index, term: entry.term };
                    self.violate(Property::LogMatching, at_ms, detail);
                }
                Some(_) => {}
                None => {
                    if let Some(at) = self.seen.get_mut(slot) {
                        at.push((entry.term, hash));
                    }
                }
            }
        }
    }

    /// `node` replaced its log with a leader's snapshot through `index`: it now holds the
    /// committed entries up to there, and nothing after (Figure 13).
    pub fn on_snapshot_installed(&mut self, node: NodeId, index: LogIndex) {
        let mirror = &mut self.mirrors[(node - 1) as usize];
        mirror.truncate(0);
        for at in 0..index.min(self.committed.len() as LogIndex) {
            if let Some(&hash) = self.committed.get(at as usize) {
                mirror.push(hash);
            }
        }
    }

    /// The longest prefix any server has committed so far.
    pub fn committed_len(&self) -> LogIndex {
        self.committed.len() as LogIndex
    }

    /// `node`, in `term`, learned that its entries up to `index` are committed. True when that
    /// is more than was known committed before.
    pub fn on_commit(&mut self, at_ms: Millis, node: NodeId, term: Term, index: LogIndex) -> bool {
        let Some(hash) = self.prefix(node, index) else { return false };
        let known = self.committed.len() as LogIndex;
        if index <= known {
            if self.committed.get((index - 1) as usize) != Some(&hash) {
                let detail = Breach::CommittedDifferent { node, index };
                self.violate(Property::StateMachineSafety, at_ms, detail);
            }
            return false;
        }
        if known > 0 && self.prefix(node, known) != self.committed.last().copied() {
            let detail = Breach::CommittedOverDifferent { node, index };
            self.violate(Property::StateMachineSafety, at_ms, detail);
        }
        for newly in known + 1..=index {
            let hash = self.prefix(node, newly).expect("the node holds every entry up to its commit index");
            self.committed.push(hash);
        }
        match self.committed_in.binary_search_by_key(&term, |&(_, when)| when) {
            Ok(at) => self.committed_in[at].0 = self.committed_in[at].0.max(index),
            Err(at) => self.committed_in.insert(at, (index, term)),
        }
        true
    }

    /// Leader `node` appended a configuration at `appended`: the configuration before it in
    /// its log must be committed.
    pub fn on_leader_configuration(
        &mut self,
        at_ms: Millis,
        node: NodeId,
        log: &Log,
        commit_index: LogIndex,
        appended: LogIndex,
    ) {
        let earlier = log.configuration_at_or_before(appended.saturating_sub(1)).map(|(index, _)| index);
        if let Some(pending) = earlier.filter(|&index| index > commit_index) {
            self.violate(Property::OneChangeAtATime, at_ms, Breach::TwoPendingChanges { node, pending, appended });
        }
    }

    /// `node` applied its entry at `index`.
    pub fn on_apply(&mut self, at_ms: Millis, node: NodeId, index: LogIndex) {
        let Some(hash) = self.prefix(node, index) else { return };
        match self.applied.get((index - 1) as usize) {
            Some(&first) if first != hash => {
                let detail = Breach::AppliedDifferent { node, index };
                self.violate(Property::StateMachineSafety, at_ms, detail);
            }
            Some(_) => {}
            None if self.applied.len() as LogIndex == index - 1 => self.applied.push(hash),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(terms: &[Term]) -> Log {
        Log::from_entries(terms.iter().map(|&term| Entry { term, command: Command::Noop }).collect())
    }

    #[test]
    fn two_leaders_in_one_term_break_election_safety() {
        let mut checker = Checker::new(3);
        checker.on_leader(10, 1, 2);
        checker.on_leader(20, 1, 2);
        assert!(checker.violations().is_empty(), "the same leader twice is fine");
        checker.on_leader(30, 2, 2);
        assert_eq!(checker.violations()[0].property, Property::ElectionSafety);
        assert_eq!(checker.violations()[0].at_ms, 30);
    }

    #[test]
    fn same_index_and_term_over_different_prefixes_breaks_log_matching() {
        let mut checker = Checker::new(2);
        checker.on_append(0, 1, 1, 2, &log(&[1, 2]));
        checker.on_append(0, 2, 1, 2, &log(&[1, 2]));
        assert!(checker.violations().is_empty());
        let mut other = Checker::new(2);
        other.on_append(0, 1, 1, 2, &log(&[1, 2]));
        other.on_append(0, 2, 1, 2, &log(&[3, 2]));
        assert_eq!(other.violations()[0].property, Property::LogMatching);
    }

    #[test]
    fn a_leader_deleting_entries_breaks_leader_append_only() {
        let mut checker = Checker::new(1);
        checker.on_append(0, 1, 1, 2, &log(&[1, 1]));
        checker.on_truncate(5, 1, 1, false);
        assert!(checker.violations().is_empty(), "followers may delete conflicting entries");
        checker.on_append(6, 1, 2, 2, &log(&[1, 1]));
        checker.on_truncate(7, 1, 1, true);
        assert_eq!(checker.violations()[0].property, Property::LeaderAppendOnly);
    }

    #[test]
    fn entries_stored_past_a_log_s_end_or_over_it_untruncated_are_breaches() {
        // Index 3 stored on an empty log: a gap before it.
        let mut gap = Checker::new(1);
        gap.on_append(0, 1, 3, 3, &log(&[1, 1, 1]));
        assert_eq!(gap.violations()[0].property, Property::LogMatching);
        // Index 1 stored again without the entry being truncated first.
        let mut over = Checker::new(1);
        over.on_append(0, 1, 1, 2, &log(&[1, 1]));
        over.on_append(1, 1, 1, 1, &log(&[1, 1]));
        assert_eq!(over.violations()[0].property, Property::LeaderAppendOnly);
        assert!(matches!(over.violations()[0].detail, Breach::StoredPastEnd { node: 1, first: 1, length: 2 }));
    }

    #[test]
    fn a_leader_without_a_committed_entry_breaks_leader_completeness() {
        let mut checker = Checker::new(2);
        checker.on_append(0, 1, 1, 1, &log(&[1]));
        checker.on_commit(1, 1, 1, 1);
        checker.on_leader(2, 2, 3);
        assert_eq!(checker.violations()[0].property, Property::LeaderCompleteness);
    }

    /// Found by `raftsim check` on the safe core: a candidate of term 1 that collects its last
    /// vote late wins term 1 after an entry was committed in term 2. It leads an earlier
    /// term, so the property does not bind it.
    #[test]
    fn a_leader_of_an_earlier_term_need_not_hold_what_a_later_term_committed() {
        let mut checker = Checker::new(3);
        checker.on_append(0, 2, 1, 1, &log(&[2]));
        checker.on_append(0, 3, 1, 1, &log(&[2]));
        checker.on_commit(1, 2, 2, 1);
        checker.on_leader(2, 1, 1);
        assert!(checker.violations().is_empty(), "{:?}", checker.violations());
        checker.on_leader(3, 1, 3);
        assert_eq!(checker.violations()[0].property, Property::LeaderCompleteness, "a later term must hold it");
    }

    /// An entry can be known committed only after a leader of a later term is elected (the
    /// acknowledgements reach the old leader late): that leader must hold it too.
    #[test]
    fn a_leader_elected_before_a_commit_became_known_is_checked_when_it_does() {
        let mut checker = Checker::new(3);
        checker.on_append(0, 1, 1, 1, &log(&[2]));
        checker.on_leader(1, 3, 3);
        assert!(checker.on_commit(2, 1, 2, 1), "more than was known committed");
        assert!(checker.violations().is_empty(), "the sim checks the leaders now leading");
        checker.check_completeness(2, 3, 3);
        assert_eq!(checker.violations()[0].property, Property::LeaderCompleteness);
        assert!(!checker.on_commit(3, 1, 2, 1), "nothing new");
    }

    #[test]
    fn applying_different_entries_at_one_index_breaks_state_machine_safety() {
        let mut checker = Checker::new(2);
        checker.on_append(0, 1, 1, 1, &log(&[1]));
        checker.on_append(0, 2, 1, 1, &log(&[2]));
        checker.on_apply(1, 1, 1);
        checker.on_apply(2, 2, 1);
        assert_eq!(checker.violations()[0].property, Property::StateMachineSafety);
        assert_eq!(
            checker.violations()[0].detail.to_string(),
            "S2 applied a different entry at index 1 than another server applied there"
        );
        let committed = Breach::CommittedDifferent { node: 5, index: 2 }.to_string();
        assert_eq!(committed, "S5 committed a different entry at index 2 than the one committed there before");
    }

    #[test]
    fn a_second_configuration_before_the_first_commits_breaks_one_change_at_a_time() {
        let config = |voters: &[NodeId]| Entry {
            term: 1,
            command: Command::Configuration(raft_core::Configuration::new(voters.iter().copied()).into()),
        };
        let log = Log::from_entries(vec![config(&[1, 2, 3, 4]), config(&[1, 2, 3])]);
        let mut checker = Checker::new(4);
        checker.on_leader_configuration(5, 1, &log, 1, 2);
        assert!(checker.violations().is_empty(), "the first was committed");
        checker.on_leader_configuration(6, 1, &log, 0, 2);
        assert_eq!(checker.violations()[0].property, Property::OneChangeAtATime);
        assert_eq!(
            checker.violations()[0].detail.to_string(),
            "leader S1 appended a configuration at 2 while the one at 1 was not committed"
        );
    }
}
