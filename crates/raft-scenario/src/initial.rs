//! The `initial` object of a scenario: some servers' persistent state at time 0, as the
//! paper's figures draw it (Figure 7's logs, Figure 8's terms).

use std::collections::BTreeMap;
use std::fmt;

use playground_support::quoted;
use raft_core::{Command, Entry, Log, NodeId, PersistentState, Term};
use serde::de::{Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{error, Problem, ScenarioError};
use crate::object::Object;
use crate::options::MAX_NODES;

/// The highest term a server may start with: far from where counting up could overflow.
pub const MAX_INITIAL_TERM: Term = 1_000_000_000;

/// The most log entries a server may start with.
pub const MAX_INITIAL_LOG_ENTRIES: usize = 10_000;

/// One server's persistent state at time 0.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, expecting = "an object: { \"term\": …, \"voted_for\": …, \"log\": […] }")]
pub struct InitialState {
    /// currentTerm.
    pub term: Term,
    /// votedFor.
    pub voted_for: Option<NodeId>,
    /// The log, index 1 first.
    pub log: Vec<LogItem>,
}

/// A log entry in a scenario: `[term, "command"]`, `[term, null]` or a bare term (an entry
/// whose command is not given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, expecting = "a log entry is a term (e.g. 3) or [term, \"command\"] (e.g. [3, \"x=1\"])")]
pub enum LogItem {
    /// An entry with no command.
    Term(Term),
    /// An entry with a command (`null` for none).
    Entry(Term, Option<String>),
}

impl LogItem {
    /// The entry's term.
    pub fn term(&self) -> Term {
        match self {
            LogItem::Term(term) | LogItem::Entry(term, _) => *term,
        }
    }

    /// The entry as the core holds it. A command is parsed (validation has checked it).
    fn entry(&self) -> Entry {
        let command = match self {
            LogItem::Term(_) | LogItem::Entry(_, None) => Command::Blank,
            LogItem::Entry(_, Some(text)) => Command::parse_entry(text).unwrap_or(Command::Blank),
        };
        Entry { term: self.term(), command }
    }
}

impl InitialState {
    /// The persistent state a server starts from.
    pub fn persistent_state(&self) -> PersistentState {
        PersistentState {
            current_term: self.term,
            voted_for: self.voted_for,
            log: Log::from_entries(self.log.iter().map(LogItem::entry).collect()),
            snapshot: None,
        }
    }

    /// Checks server `node`'s state in a cluster of `nodes`: ids, terms that never decrease
    /// along the log and are at most the current term, commands, sizes.
    pub(crate) fn validate(&self, node: NodeId, nodes: u32) -> Result<(), ScenarioError> {
        let path = format!("initial.{node}");
        check_node(&path, node, nodes)?;
        if let Some(voted_for) = self.voted_for {
            check_node(&format!("{path}.voted_for"), voted_for, nodes)?;
        }
        if self.log.len() > MAX_INITIAL_LOG_ENTRIES {
            let problem = Problem::TooManyEntries { limit: MAX_INITIAL_LOG_ENTRIES, count: self.log.len() };
            return Err(error(format!("{path}.log"), problem));
        }
        let mut previous_term = 0;
        for (i, item) in self.log.iter().enumerate() {
            let item_path = format!("{path}.log[{i}]");
            let term = item.term();
            if term == 0 || term < previous_term {
                return Err(error(item_path, Problem::TermOrder(term)));
            }
            previous_term = term;
            if let LogItem::Entry(_, Some(command)) = item {
                Command::parse_entry(command).map_err(|e| error(item_path, Problem::Command(e)))?;
            }
        }
        if self.term > MAX_INITIAL_TERM {
            let problem = Problem::TermTooLarge { term: self.term, limit: MAX_INITIAL_TERM };
            return Err(error(format!("{path}.term"), problem));
        }
        if previous_term > self.term {
            let problem = Problem::TermBelowLog { term: self.term, last: previous_term };
            return Err(error(format!("{path}.term"), problem));
        }
        Ok(())
    }
}

/// Refuses a server id outside 1 to `nodes`.
pub(crate) fn check_node(path: &str, node: NodeId, nodes: u32) -> Result<(), ScenarioError> {
    if node == 0 || node > nodes {
        return Err(error(path, Problem::NoSuchNode { node, nodes }));
    }
    Ok(())
}

/// Reads the `initial` object: server ids written as JSON writes numbers (no sign, no leading
/// zero), each at most once, at most [`MAX_NODES`] of them (checked while reading, so a file
/// cannot make thousands).
pub(crate) fn read_initial<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<NodeId, InitialState>, D::Error> {
    struct Servers;
    impl<'de> Visitor<'de> for Servers {
        type Value = BTreeMap<NodeId, InitialState>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of server ids, e.g. { \"1\": { \"term\": 2 } }")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut servers = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                let canonical = key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0'));
                let Some(node) = key.parse::<NodeId>().ok().filter(|_| canonical) else {
                    return Err(A::Error::custom(format!("a server id is a whole number, not {}", quoted(&key))));
                };
                if servers.contains_key(&node) {
                    return Err(A::Error::custom(format!("server {node} is given twice")));
                }
                if servers.len() == MAX_NODES as usize {
                    return Err(A::Error::custom(format!("at most {MAX_NODES} servers")));
                }
                servers.insert(node, map.next_value::<Object<InitialState>>()?.0);
            }
            Ok(servers)
        }
    }
    deserializer.deserialize_map(Servers)
}
