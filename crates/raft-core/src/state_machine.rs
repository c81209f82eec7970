//! The replicated state machine: a key-value map fed by committed entries, in log order.

use crate::command::Command;
use playground_support::SortedMap;

/// A key-value map. Ordered so that iterating it is the same everywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvStore {
    /// A sorted vector: a new key moves the ones after it, which stays far below the cost of
    /// the writes that make keys, even for thousands of keys (`overload` in benches/throughput).
    map: SortedMap<String, String>,
    /// Per client, the sequence numbers of its writes applied and not yet known answered
    /// (thesis §6.3): a retried write found here is not applied again. Part of a snapshot.
    sessions: SortedMap<u32, Vec<u64>>,
}

impl KvStore {
    /// Applies one committed command. A write sent in a session is applied once (thesis §6.3):
    /// a retry of a (client, seq) already applied changes nothing, and `false` says so.
    pub fn apply(&mut self, command: &Command) -> bool {
        let Command::Set(set) = command else { return true };
        if let Some(session) = set.session() {
            let mut applied = self.sessions.remove(&session.client).unwrap_or_default();
            applied.retain(|&seq| seq >= session.answered_below);
            let fresh = !applied.contains(&session.seq);
            if fresh {
                applied.push(session.seq);
            }
            self.sessions.insert(session.client, applied);
            if !fresh {
                return false;
            }
        }
        self.map.insert(set.key().to_owned(), set.value().to_owned());
        true
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Every key and value, by key.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (&str, &str)> + ExactSizeIterator + '_ {
        self.map.iter().map(|(key, value)| (key.as_str(), value.as_str()))
    }
}
