//! What is wrong with a scenario, and where: a value ([`Problem`]) at a field's path, written
//! in English by `Display` (the CLI, traces, the embed's `error` events) and worded by the
//! page in its reader's language.

use std::fmt;

use raft_core::{CommandError, NodeId, Term};

use crate::options::{probability_problem, ConfigError};
use crate::Millis;

/// What is wrong with a scenario, and where: `path` names the field, e.g. `actions[2].node`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// The field, in JSON path notation; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a scenario file, a link's scenario or an embed's command, as a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// What the reader (serde) refused: the file is not JSON, or not this format.
    Reader(Box<ReaderProblem>),
    /// The file is larger than the playground reads, in KB.
    FileTooLarge {
        /// The limit.
        limit_kb: usize,
        /// The file's size.
        size_kb: usize,
    },
    /// The text does not start with `{`.
    NotAnObject,
    /// A format version this build does not read.
    Version {
        /// The version given.
        version: u32,
        /// The newest version this build reads.
        newest: u32,
    },
    /// Options that cannot be simulated.
    Config(ConfigError),
    /// A time past the one-hour horizon.
    TimeTooLate {
        /// The time given.
        time_ms: Millis,
        /// The horizon.
        limit_ms: Millis,
    },
    /// An action earlier than the one before it.
    OutOfOrder {
        /// Its time.
        time_ms: Millis,
        /// The previous action's time.
        previous_ms: Millis,
    },
    /// A text longer than allowed, in characters.
    TooManyChars {
        /// The limit.
        limit: usize,
        /// The text's length.
        count: usize,
    },
    /// More actions than allowed.
    TooManyActions {
        /// The limit.
        limit: usize,
        /// How many there are.
        count: usize,
    },
    /// More log entries than allowed.
    TooManyEntries {
        /// The limit.
        limit: usize,
        /// How many there are.
        count: usize,
    },
    /// A server id outside 1 to `nodes`.
    NoSuchNode {
        /// The id given.
        node: NodeId,
        /// The cluster's size.
        nodes: u32,
    },
    /// A client other than 1 to [`MAX_CLIENTS`](crate::MAX_CLIENTS).
    NoSuchClient(crate::ClientId),
    /// A malformed command.
    Command(CommandError),
    /// A partition lists this server twice.
    InTwoGroups(NodeId),
    /// A link (cut or mend) from a server to itself.
    SelfLink,
    /// Message ids start at 1.
    MessageZero,
    /// A loss probability outside 0 to 1.
    Probability(f64),
    /// A `workload` interval that is neither 0 nor 100 to 60,000 ms: the one given.
    WorkloadInterval(Millis),
    /// A `clock` speed outside [`CLOCK_PERCENT`](crate::CLOCK_PERCENT): the one given.
    ClockPercent(u32),
    /// A log whose terms start at 0 or decrease: the term at fault.
    TermOrder(Term),
    /// A term above the highest a server may start with.
    TermTooLarge {
        /// The term given.
        term: Term,
        /// The limit.
        limit: Term,
    },
    /// A current term below the term of the server's last log entry.
    TermBelowLog {
        /// The current term.
        term: Term,
        /// The last entry's term.
        last: Term,
    },
}

/// What the reader refused, as serde and serde_json word it: the English `message` (names cut
/// short), the `kind` it was read into for other languages, and where in the text, if known.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderProblem {
    /// serde's message, with Rust's type names in words and the position taken off.
    pub message: String,
    /// The same, as a value.
    pub kind: ReaderKind,
    /// Line and column in the text (1-based), for a file or a link's scenario.
    pub position: Option<(usize, usize)>,
}

/// The kinds of message serde's readers give, with the names they quote.
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderKind {
    /// The text is not JSON: serde_json's description of the fault (`expected value`, `EOF
    /// while parsing an object`, `trailing comma`, …).
    Syntax(String),
    /// A field this object does not have; with `action`, for that kind of action.
    UnknownField {
        /// The field.
        field: String,
        /// The action's kind, for an action's field.
        action: Option<String>,
        /// The fields it has.
        expected: Vec<String>,
    },
    /// `at_ms` in an action done now.
    TimeInUntimedAction,
    /// A required field is missing.
    MissingField(String),
    /// A field given twice.
    DuplicateField(String),
    /// A name (an action's `do`, a command) that is not one of `expected`.
    UnknownVariant {
        /// The name.
        variant: String,
        /// The names allowed.
        expected: Vec<String>,
    },
    /// A value of the wrong type: what was found (`string "x"`, `integer 5`, `sequence`) and
    /// what was expected, both as serde words them.
    InvalidType {
        /// What was found.
        found: String,
        /// What was expected.
        expected: String,
    },
    /// A value of the right type but out of range.
    InvalidValue {
        /// What was found.
        found: String,
        /// What was expected.
        expected: String,
    },
    /// An array of the wrong length.
    InvalidLength {
        /// Its length.
        length: String,
        /// What was expected.
        expected: String,
    },
    /// A negative probability.
    Probability(String),
    /// A server id in `initial` that is not a whole number.
    BadServerId(String),
    /// A server given twice in `initial`.
    ServerTwice(NodeId),
    /// More servers in `initial` than a cluster has.
    TooManyServers(u32),
    /// Anything else serde said, in English.
    Other,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for ScenarioError {}

/// Options that cannot be simulated, at the setting's path in a scenario file (`nodes`, or
/// `options.heartbeat_ms`).
impl From<ConfigError> for ScenarioError {
    fn from(error: ConfigError) -> Self {
        let field = error.setting();
        let path = if field == "nodes" { field.to_owned() } else { format!("options.{field}") };
        ScenarioError { path, problem: Problem::Config(error) }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Reader(reader) => {
                f.write_str(&reader.message)?;
                if let Some((line, column)) = reader.position {
                    write!(f, " at line {line} column {column}")?;
                }
                Ok(())
            }
            Problem::FileTooLarge { limit_kb, size_kb } => {
                write!(f, "a scenario file has at most {limit_kb} KB, not {size_kb} KB")
            }
            Problem::NotAnObject => {
                f.write_str("this is not a scenario, which is one JSON object: { \"version\": 1, \"seed\": … }")
            }
            Problem::Version { version, newest } => {
                write!(f, "this playground reads scenario files up to version {newest}, not {version}")
            }
            Problem::Config(error) => f.write_str(&error.problem()),
            Problem::TimeTooLate { time_ms, limit_ms } => {
                write!(f, "at most {limit_ms} (one simulated hour), not {time_ms}")
            }
            Problem::OutOfOrder { time_ms, previous_ms } => {
                write!(f, "{time_ms} is before the previous action's {previous_ms}: actions go in time order")
            }
            Problem::TooManyChars { limit, count } => write!(f, "at most {limit} characters, not {count}"),
            Problem::TooManyActions { limit, count } => write!(f, "at most {limit} actions, not {count}"),
            Problem::TooManyEntries { limit, count } => write!(f, "at most {limit} entries, not {count}"),
            Problem::NoSuchNode { node, nodes } => write!(f, "node {node} does not exist: nodes are 1 to {nodes}"),
            Problem::NoSuchClient(client) => {
                write!(f, "client {client} does not exist: clients are 1 to {}", crate::MAX_CLIENTS)
            }
            Problem::Command(error) => write!(f, "{error}"),
            Problem::InTwoGroups(node) => write!(f, "node {node} is in two groups"),
            Problem::SelfLink => f.write_str("a link joins two different nodes"),
            Problem::MessageZero => f.write_str("message ids start at 1"),
            Problem::Probability(p) => f.write_str(&probability_problem(*p)),
            Problem::WorkloadInterval(ms) => f.write_str(&crate::action::workload_problem(*ms)),
            Problem::ClockPercent(percent) => {
                let (low, high) = (crate::CLOCK_PERCENT.start(), crate::CLOCK_PERCENT.end());
                write!(f, "a clock runs at {low} to {high} percent of real time, not {percent}")
            }
            Problem::TermOrder(term) => write!(f, "terms start at 1 and never decrease along a log, not {term}"),
            Problem::TermTooLarge { term, limit } => write!(f, "at most {limit}, not {term}"),
            Problem::TermBelowLog { term, last } => write!(f, "{term} is below the term {last} of its last log entry"),
        }
    }
}

impl ScenarioError {
    /// This error without serde_json's line and column, for JSON text that only carries data
    /// (an embed's posted command) and whose positions would mean nothing to its sender.
    pub fn without_position(mut self) -> Self {
        if let Problem::Reader(reader) = &mut self.problem {
            reader.position = None;
        }
        self
    }
}

/// Reads a typed value (an action, a scenario, an embed's command) from any serde data, with
/// the errors of the scenario reader: the path of the field at fault, names cut short, types
/// in words.
pub fn read<'de, D, T>(data: D) -> Result<T, ScenarioError>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde_path_to_error::deserialize(data)
        .map_err(|e| reader_error(&e.path().to_string(), &e.inner().to_string(), false))
}

/// How much of an input an error may echo, in characters (then `…`), so that a huge name never
/// makes a huge message.
const ECHOED_CHARS: usize = 40;

/// At most the first [`ECHOED_CHARS`] characters of `text`, then `…`.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(ECHOED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// What serde calls the types it expected, in the reader's words.
const TYPE_WORDS: [(&str, &str); 4] = [
    ("expected u64", "expected a whole number >= 0"),
    ("expected usize", "expected a whole number >= 0"),
    ("expected u32", "expected a whole number from 0 to 4294967295"),
    ("expected f64", "expected a number"),
];

/// A reader's error at `path`, with every name it quotes in backticks (serde's
/// ``unknown field `x` ``) and the path itself cut to a short prefix, Rust's type names said
/// in words, and serde_json's position (` at line 3 column 5`) taken apart. `syntax` says the
/// text is not JSON (serde_json's `Category::Syntax` or `Eof`).
pub(crate) fn reader_error(path: &str, message: &str, syntax: bool) -> ScenarioError {
    let mut message = message.to_owned();
    let position = split_position(&mut message);
    for (rust, words) in TYPE_WORDS {
        message = message.replace(rust, words);
    }
    let mut quoted = message.split('`');
    let mut short = quoted.next().unwrap_or_default().to_owned();
    for (i, part) in quoted.enumerate() {
        short.push('`');
        short.push_str(&if i % 2 == 0 { shortened(part) } else { part.to_owned() });
    }
    // serde_path_to_error says `?` for a place it could not name (text that is not JSON
    // between two fields): the path stops at the last place named.
    let path = path.strip_suffix("?").map_or(path, |named| named.strip_suffix('.').unwrap_or(named));
    let path = if path == "." { String::new() } else { shortened(path) };
    let kind = if syntax { ReaderKind::Syntax(short.clone()) } else { ReaderKind::of(&short) };
    ScenarioError { path, problem: Problem::Reader(Box::new(ReaderProblem { message: short, kind, position })) }
}

/// Takes serde_json's ` at line L column C` off the end of `message`.
fn split_position(message: &mut String) -> Option<(usize, usize)> {
    let (rest, column) = message.rsplit_once(" column ")?;
    let (rest, line) = rest.rsplit_once(" at line ")?;
    let position = (line.parse().ok()?, column.parse().ok()?);
    message.truncate(rest.len());
    Some(position)
}

/// The names a message quotes in backticks, in order.
fn quoted_names(message: &str) -> Vec<String> {
    message.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

impl ReaderKind {
    /// Reads serde's (and this crate's) English message back into a value.
    fn of(message: &str) -> ReaderKind {
        let names = quoted_names(message);
        let first = || names.first().cloned().unwrap_or_default();
        let after = |prefix: &str| message.strip_prefix(prefix).map(str::to_owned);
        let split = |rest: String| -> (String, String) {
            match rest.split_once(", expected ") {
                Some((found, expected)) => (found.to_owned(), expected.to_owned()),
                None => (rest, String::new()),
            }
        };
        if message.starts_with("unknown field `at_ms`: ") {
            ReaderKind::TimeInUntimedAction
        } else if message.starts_with("unknown field ") {
            let action = message.contains("` for `").then(|| names.get(1).cloned().unwrap_or_default());
            let skip = if action.is_some() { 2 } else { 1 };
            ReaderKind::UnknownField { field: first(), action, expected: names[skip.min(names.len())..].to_vec() }
        } else if message.starts_with("missing field ") {
            ReaderKind::MissingField(first())
        } else if message.starts_with("duplicate field ") {
            ReaderKind::DuplicateField(first())
        } else if message.starts_with("unknown variant ") {
            ReaderKind::UnknownVariant { variant: first(), expected: names[1.min(names.len())..].to_vec() }
        } else if let Some(rest) = after("invalid type: ") {
            let (found, expected) = split(rest);
            ReaderKind::InvalidType { found, expected }
        } else if let Some(rest) = after("invalid value: ") {
            let (found, expected) = split(rest);
            ReaderKind::InvalidValue { found, expected }
        } else if let Some(rest) = after("invalid length ") {
            let (length, expected) = split(rest);
            ReaderKind::InvalidLength { length, expected }
        } else if let Some(rest) = after("a probability from 0 to 1, not ") {
            ReaderKind::Probability(rest)
        } else if let Some(rest) = after("a server id is a whole number, not ") {
            ReaderKind::BadServerId(rest)
        } else if let Some(node) = after("server ").and_then(|rest| rest.strip_suffix(" is given twice")?.parse().ok())
        {
            ReaderKind::ServerTwice(node)
        } else if let Some(limit) = after("at most ").and_then(|rest| rest.strip_suffix(" servers")?.parse().ok()) {
            ReaderKind::TooManyServers(limit)
        } else {
            ReaderKind::Other
        }
    }
}

/// The error `problem` at `path`.
pub(crate) fn error(path: impl Into<String>, problem: Problem) -> ScenarioError {
    ScenarioError { path: path.into(), problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_error_echoes_short_names_and_paths() {
        let long = "d".repeat(100);
        let error = reader_error(&long, &format!("unknown variant `{long}`, expected `a` or `b`"), false);
        let short = format!("{}…", "d".repeat(40));
        assert_eq!(error.path, short);
        let Problem::Reader(reader) = &error.problem else { panic!("{error:?}") };
        assert_eq!(reader.message, format!("unknown variant `{short}`, expected `a` or `b`"));
        assert_eq!(reader.kind, ReaderKind::UnknownVariant { variant: short, expected: vec!["a".into(), "b".into()] });
        assert_eq!(reader_error(".", "missing field `x`", false).to_string(), "missing field `x`");
    }

    #[test]
    fn serde_s_messages_read_back_as_values_with_their_position() {
        let kind = |message: &str| match reader_error("", message, message.starts_with("expected value")).problem {
            Problem::Reader(reader) => (reader.kind, reader.position),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            kind("expected value at line 3 column 5"),
            (ReaderKind::Syntax("expected value".into()), Some((3, 5)))
        );
        assert_eq!(
            kind("unknown field `why`, expected one of `a`, `b` at line 1 column 9"),
            (
                ReaderKind::UnknownField { field: "why".into(), action: None, expected: vec!["a".into(), "b".into()] },
                Some((1, 9))
            )
        );
        assert_eq!(
            kind("unknown field `node` for `heal`, expected none").0,
            ReaderKind::UnknownField { field: "node".into(), action: Some("heal".into()), expected: vec![] }
        );
        assert_eq!(
            kind("invalid type: string \"x\", expected u64").0,
            ReaderKind::InvalidType { found: "string \"x\"".into(), expected: "a whole number >= 0".into() }
        );
        assert_eq!(kind("duplicate field `seed`").0, ReaderKind::DuplicateField("seed".into()));
        assert_eq!(kind("server 3 is given twice").0, ReaderKind::ServerTwice(3));
        assert_eq!(kind("at most 9 servers").0, ReaderKind::TooManyServers(9));
        assert_eq!(kind("something new").0, ReaderKind::Other);
        let error = reader_error("", "trailing comma at line 2 column 1", true);
        assert_eq!(error.to_string(), "trailing comma at line 2 column 1", "English reads as before");
    }
}
