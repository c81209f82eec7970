//! The replicated state machine: a key-value map fed by committed entries, in log order.

use crate::command::Command;
use playground_support::SortedMap;

/// A key-value map. Ordered so that iterating it is the same everywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct KvStore {
    /// A sorted vector: a new key moves the ones after it, which stays far below the cost of
    /// the writes that make keys, even for thousands of keys (`overload` in benches/throughput).
    map: SortedMap<String, String>,
    /// Per client (thesis §6.3): the highest "every write below this was answered" it has
    /// sent, and the sequence numbers at or above it already applied. A write below the first
    /// or among the second is a retry or a late copy, and is not applied again. Part of a
    /// snapshot.
    sessions: SortedMap<u32, (u64, Vec<u64>)>,
}

impl KvStore {
    /// Applies one committed command. A write sent in a session is applied once (thesis §6.3):
    /// a retry of a (client, seq) already applied changes nothing, and `false` says so.
    pub fn apply(&mut self, command: &Command) -> bool {
        let Command::Set(set) = command else { return true };
        if let Some(session) = set.session() {
            let (mut answered_below, mut applied) = self.sessions.remove(&session.client).unwrap_or_default();
            answered_below = answered_below.max(session.answered_below);
            applied.retain(|&seq| seq >= answered_below);
            let fresh = session.seq >= answered_below && !applied.contains(&session.seq);
            if fresh {
                applied.push(session.seq);
            }
            self.sessions.insert(session.client, (answered_below, applied));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Session;

    fn write(text: &str, seq: u64, answered_below: u64) -> Command {
        Command::parse(text).unwrap().in_session(Session { client: 1, seq, answered_below })
    }

    #[test]
    fn a_write_of_a_session_is_applied_once_even_when_a_copy_arrives_late() {
        let mut kv = KvStore::default();
        assert!(kv.apply(&write("x=5", 5, 5)));
        assert!(!kv.apply(&write("x=5", 5, 5)), "a retry");
        assert!(kv.apply(&write("x=6", 6, 6)), "seq 5 was answered");
        assert!(!kv.apply(&write("x=5", 5, 5)), "a late copy of 5, after 6");
        assert_eq!(kv.get("x"), Some("6"));
        assert!(kv.apply(&write("x=8", 8, 6)) && kv.apply(&write("x=7", 7, 6)), "concurrent writes, out of order");
        assert!(!kv.apply(&write("x=8", 8, 7)));
        assert!(kv.apply(&Command::parse("x=9").unwrap()), "a write sent without a session");
    }
}
