//! The replicated state machine: a key-value map fed by committed entries, in log order.

use crate::command::Command;
use playground_support::SortedMap;

/// A key-value map. Ordered so that iterating it is the same everywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvStore {
    /// A sorted vector: a new key moves the ones after it, which stays far below the cost of
    /// the writes that make keys, even for thousands of keys (`overload` in benches/throughput).
    map: SortedMap<String, String>,
}

impl KvStore {
    /// Applies one committed command.
    pub fn apply(&mut self, command: &Command) {
        if let Command::Set(set) = command {
            self.map.insert(set.key().to_owned(), set.value().to_owned());
        }
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
