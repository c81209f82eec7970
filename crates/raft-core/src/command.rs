//! State-machine commands: `key=value` strings, as in the paper's Figure 6 (`x←3` is `x=3`).

use std::fmt;
use std::sync::Arc;

use playground_support::quoted;

use crate::configuration::Configuration;

/// Longest key, in characters.
pub const MAX_KEY_CHARS: usize = 16;
/// Longest value, in characters.
pub const MAX_VALUE_CHARS: usize = 32;

/// What a log entry asks the state machine to do.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Nothing: the entry a new leader appends to commit entries of earlier terms (§8).
    Noop,
    /// An entry whose command is not given: the paper's figures draw many logs by term alone
    /// (Figure 7's followers a–f), and scenario files may too. It changes no state, like a
    /// no-op, but no leader appended it on election, so it is not called one.
    Blank,
    /// Set a key to a value in the key-value map.
    Set(SetCommand),
    /// A cluster configuration (thesis §4.1): it takes effect on a server as soon as it is in
    /// its log, committed or not. Shared, since every log and message holding it clones it.
    Configuration(Arc<Configuration>),
    /// Read a key, written `key?`. With the `log` read mode a read goes through the log like a
    /// write and is answered, once applied, with the value at its place in the log (thesis
    /// §6.4 names this the simplest way to make reads linearizable). It changes no state.
    /// (A shared `String`, one word, keeps every command two words long.)
    Get(Arc<String>),
}

/// `key=value`, held behind one shared pointer. The same command sits in every server's log,
/// in messages and in every time-travel checkpoint, so a clone costs a reference count and a
/// log entry stays three words long.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SetCommand(Arc<SetData>);

#[derive(PartialEq, Eq, Hash)]
struct SetData {
    /// The whole `key=value` text.
    text: Box<str>,
    /// The byte offset of the `=` (a key has at most 16 characters, so at most 64 bytes).
    equals: u8,
    /// The client's session and the write's sequence number, when a client sent it, packed
    /// into one word ([`Session::pack`]).
    session: Option<std::num::NonZeroU64>,
}

/// Which client sent a write, and its place in that client's writes (thesis §6.3): the state
/// machine applies each (client, seq) at most once, so a write the client retries after a lost
/// answer is not applied twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Session {
    /// The client.
    pub client: u32,
    /// The write's sequence number, from 1, per client.
    pub seq: u64,
    /// Every write of this client with a lower sequence number has been answered: the state
    /// machine may forget them, since none will be retried.
    pub answered_below: u64,
}

/// Bits of a packed session's sequence numbers: far more writes than a one-hour run can send.
const SEQ_BITS: u32 = 30;

impl Session {
    /// One word: the client (4 bits), then each sequence number (30 bits, saturating).
    fn pack(self) -> Option<std::num::NonZeroU64> {
        let seq_mask = (1u64 << SEQ_BITS) - 1;
        let (seq, below) = (self.seq.min(seq_mask), self.answered_below.min(seq_mask));
        std::num::NonZeroU64::new((u64::from(self.client & 0xf) << (2 * SEQ_BITS)) | (seq << SEQ_BITS) | below)
    }

    fn unpack(word: std::num::NonZeroU64) -> Session {
        let (word, seq_mask) = (word.get(), (1u64 << SEQ_BITS) - 1);
        Session {
            client: (word >> (2 * SEQ_BITS)) as u32,
            seq: (word >> SEQ_BITS) & seq_mask,
            answered_below: word & seq_mask,
        }
    }
}

impl SetCommand {
    /// The key: letters, digits and `_`.
    pub fn key(&self) -> &str {
        &self.0.text[..usize::from(self.0.equals)]
    }

    /// The value: any printable text.
    pub fn value(&self) -> &str {
        &self.0.text[usize::from(self.0.equals) + 1..]
    }

    /// `key=value`.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// The session it was sent in, if a client sent it.
    pub fn session(&self) -> Option<Session> {
        self.0.session.map(Session::unpack)
    }
}

impl fmt::Debug for SetCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Set({:?})", self.as_str())
    }
}

/// Why a string is not a command. Every variant says what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CommandError {
    /// There is no `=` between key and value.
    MissingEquals,
    /// Nothing before the `=`.
    EmptyKey,
    /// A read names no key.
    NoReadKey,
    /// Nothing after the `=`.
    EmptyValue,
    /// The key has a character other than letters, digits and `_`.
    BadKeyChar(char),
    /// The key has more than [`MAX_KEY_CHARS`] characters.
    KeyTooLong,
    /// The value has more than [`MAX_VALUE_CHARS`] characters.
    ValueTooLong,
    /// The value has a control character (a newline, a tab…).
    ControlChar,
    /// The key or value has an invisible formatting character (Unicode category Cf: a
    /// right-to-left override, a zero-width space…), which could make it display as something
    /// else (`x=\u{202e}gnp.exe` shows as `x=exe.png`).
    FormatChar(char),
}

impl CommandError {
    /// A stable name for the kind of error (`missing_equals`, `bad_key_char`, …).
    pub fn code(&self) -> &'static str {
        match self {
            CommandError::MissingEquals => "missing_equals",
            CommandError::EmptyKey => "empty_key",
            CommandError::NoReadKey => "no_read_key",
            CommandError::EmptyValue => "empty_value",
            CommandError::BadKeyChar(_) => "bad_key_char",
            CommandError::KeyTooLong => "key_too_long",
            CommandError::ValueTooLong => "value_too_long",
            CommandError::ControlChar => "control_char",
            CommandError::FormatChar(_) => "format_char",
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = "write key=value, e.g. x=3";
        match self {
            CommandError::MissingEquals => write!(f, "a command needs an '=': {hint}"),
            CommandError::EmptyKey => write!(f, "the key before '=' is empty: {hint}"),
            CommandError::NoReadKey => write!(f, "a read needs the key to read, e.g. x"),
            CommandError::EmptyValue => write!(f, "the value after '=' is empty: {hint}"),
            CommandError::BadKeyChar(c) => {
                write!(f, "a key has only letters, digits and '_', not {}", quoted(&c.to_string()))
            }
            CommandError::KeyTooLong => write!(f, "a key has at most {MAX_KEY_CHARS} characters"),
            CommandError::ValueTooLong => write!(f, "a value has at most {MAX_VALUE_CHARS} characters"),
            CommandError::ControlChar => write!(f, "a value cannot hold control characters such as newlines"),
            CommandError::FormatChar(c) => write!(
                f,
                "a command cannot hold invisible formatting characters such as U+{:04X}, which change how it reads",
                u32::from(*c)
            ),
        }
    }
}

impl std::error::Error for CommandError {}

/// The format characters (Unicode general category Cf), as ranges: invisible characters that
/// change how text around them displays. A test checks this table against the
/// `unicode-properties` crate for every character; the crate's full tables would cost the
/// page about 20 KB.
const FORMAT_CHARS: [(char, char); 21] = [
    ('\u{ad}', '\u{ad}'),
    ('\u{600}', '\u{605}'),
    ('\u{61c}', '\u{61c}'),
    ('\u{6dd}', '\u{6dd}'),
    ('\u{70f}', '\u{70f}'),
    ('\u{890}', '\u{891}'),
    ('\u{8e2}', '\u{8e2}'),
    ('\u{180e}', '\u{180e}'),
    ('\u{200b}', '\u{200f}'),
    ('\u{202a}', '\u{202e}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206f}'),
    ('\u{feff}', '\u{feff}'),
    ('\u{fff9}', '\u{fffb}'),
    ('\u{110bd}', '\u{110bd}'),
    ('\u{110cd}', '\u{110cd}'),
    ('\u{13430}', '\u{1343f}'),
    ('\u{1bca0}', '\u{1bca3}'),
    ('\u{1d173}', '\u{1d17a}'),
    ('\u{e0001}', '\u{e0001}'),
    ('\u{e0020}', '\u{e007f}'),
];

/// Refuses invisible formatting characters anywhere in `text`.
fn check_no_format(text: &str) -> Result<(), CommandError> {
    match text.chars().find(|&c| is_format(c)) {
        Some(format) => Err(CommandError::FormatChar(format)),
        None => Ok(()),
    }
}

/// Checks a key: 1–16 letters, digits or `_`.
fn check_key(key: &str) -> Result<(), CommandError> {
    if key.is_empty() {
        return Err(CommandError::EmptyKey);
    }
    if let Some(bad) = key.chars().find(|&c| !(c.is_alphanumeric() || c == '_')) {
        return Err(CommandError::BadKeyChar(bad));
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return Err(CommandError::KeyTooLong);
    }
    Ok(())
}

/// Whether `c` is a format character (Unicode category Cf).
fn is_format(c: char) -> bool {
    FORMAT_CHARS.iter().any(|&(first, last)| (first..=last).contains(&c))
}

impl Command {
    /// A log entry's text: a write `key=value` ([`Command::parse`]) or a read `key?`.
    pub fn parse_entry(text: &str) -> Result<Command, CommandError> {
        match text.strip_suffix('?').filter(|key| !key.contains('=')) {
            Some(key) => Command::get(key),
            None => Command::parse(text),
        }
    }

    /// Parses a write, `key=value`. The key is 1–16 letters, digits or `_` (any script); the
    /// value is 1–32 characters with no control characters, and may itself contain `=`.
    pub fn parse(text: &str) -> Result<Command, CommandError> {
        check_no_format(text)?;
        let (key, value) = text.split_once('=').ok_or(CommandError::MissingEquals)?;
        check_key(key)?;
        if value.is_empty() {
            return Err(CommandError::EmptyValue);
        }
        if value.chars().any(char::is_control) {
            return Err(CommandError::ControlChar);
        }
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(CommandError::ValueTooLong);
        }
        let equals = u8::try_from(key.len()).map_err(|_| CommandError::KeyTooLong)?;
        Ok(Command::Set(SetCommand(Arc::new(SetData { text: text.into(), equals, session: None }))))
    }

    /// A read of `key`, checked as a write's key is.
    pub fn get(key: &str) -> Result<Command, CommandError> {
        check_no_format(key)?;
        if key.is_empty() {
            return Err(CommandError::NoReadKey);
        }
        check_key(key)?;
        Ok(Command::Get(Arc::new(key.to_owned())))
    }

    /// This write as sent in `session` (other commands are unchanged).
    pub fn in_session(self, session: Session) -> Command {
        match self {
            Command::Set(set) => Command::Set(SetCommand(Arc::new(SetData {
                text: set.0.text.clone(),
                equals: set.0.equals,
                session: session.pack(),
            }))),
            other => other,
        }
    }

    /// The key a read asks for, if this is a read.
    pub fn read_key(&self) -> Option<&str> {
        match self {
            Command::Get(key) => Some(key),
            _ => None,
        }
    }

    /// The command's text, `None` for a no-op or a blank entry; `C{1,2,3}` for a
    /// configuration.
    pub fn text(&self) -> Option<String> {
        match self {
            Command::Noop | Command::Blank => None,
            Command::Set(set) => Some(set.as_str().to_owned()),
            Command::Configuration(config) => Some(config.to_string()),
            Command::Get(key) => Some(format!("{key}?")),
        }
    }

    /// The configuration this entry holds, if it is a configuration entry.
    pub fn configuration(&self) -> Option<&Configuration> {
        match self {
            Command::Configuration(config) => Some(config),
            _ => None,
        }
    }
}

/// `x=3`, `x?`, `no-op`, `-` for a blank entry, or a configuration such as `C{1,2,3}`.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Get(key) => write!(f, "{key}?"),
            Command::Noop => f.write_str("no-op"),
            Command::Blank => f.write_str("-"),
            Command::Set(set) => f.write_str(set.as_str()),
            Command::Configuration(config) => config.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_value_pairs_like_the_papers_figure_6() {
        let Ok(Command::Set(set)) = Command::parse("x=3") else { panic!("x=3 is a command") };
        assert_eq!((set.key(), set.value()), ("x", "3"));
        let Ok(Command::Set(set)) = Command::parse("名字=a=b") else { panic!("名字=a=b is a command") };
        assert_eq!((set.key(), set.value()), ("名字", "a=b"));
        assert_eq!(Command::parse("名字=张三").unwrap().to_string(), "名字=张三");
        assert_eq!(Command::parse("url=a=b").unwrap().text().as_deref(), Some("url=a=b"));
    }

    #[test]
    fn a_session_packs_into_one_word_and_back() {
        let session = Session { client: 3, seq: 123_456, answered_below: 123_400 };
        let Command::Set(set) = Command::parse("x=1").unwrap().in_session(session) else { panic!("a write") };
        assert_eq!(set.session(), Some(session));
        assert_eq!(std::mem::size_of::<Command>(), 16, "a log entry stays small");
    }

    #[test]
    fn a_read_is_a_key_and_a_question_mark() {
        assert_eq!(Command::parse_entry("x?").unwrap().read_key(), Some("x"));
        assert_eq!(Command::parse_entry("名字?").unwrap().to_string(), "名字?");
        assert_eq!(Command::parse_entry("x=?").unwrap().read_key(), None, "a write of the value ?");
        assert_eq!(Command::parse_entry("?"), Err(CommandError::NoReadKey));
        assert_eq!(Command::parse_entry("x y?"), Err(CommandError::BadKeyChar(' ')));
        assert_eq!(Command::parse("x?"), Err(CommandError::MissingEquals), "a write is never a read");
        assert_eq!(Command::get("x\u{200b}"), Err(CommandError::FormatChar('\u{200b}')));
        assert_eq!(Command::get(""), Err(CommandError::NoReadKey), "no '=' to speak of");
    }

    #[test]
    fn the_format_table_is_exactly_unicodes_category_cf() {
        use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let cf = c.general_category() == GeneralCategory::Format;
            assert_eq!(is_format(c), cf, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn rejects_malformed_commands_with_a_reason() {
        assert_eq!(Command::parse("x"), Err(CommandError::MissingEquals));
        assert_eq!(Command::parse("=3"), Err(CommandError::EmptyKey));
        assert_eq!(Command::parse("x="), Err(CommandError::EmptyValue));
        assert_eq!(Command::parse("x y=3"), Err(CommandError::BadKeyChar(' ')));
        assert_eq!(Command::parse("<b>=1"), Err(CommandError::BadKeyChar('<')));
        assert_eq!(Command::parse(&format!("{}=1", "k".repeat(17))), Err(CommandError::KeyTooLong));
        assert_eq!(Command::parse(&format!("x={}", "v".repeat(33))), Err(CommandError::ValueTooLong));
        assert_eq!(Command::parse("x=1\n2"), Err(CommandError::ControlChar));
        assert!(CommandError::MissingEquals.to_string().contains("x=3"));
        assert_eq!(Command::parse("x=\u{202e}gnp.exe"), Err(CommandError::FormatChar('\u{202e}')));
        assert_eq!(Command::parse("x\u{200b}=1"), Err(CommandError::FormatChar('\u{200b}')));
        assert_eq!(Command::parse("x=a\u{feff}"), Err(CommandError::FormatChar('\u{feff}')));
        assert!(CommandError::FormatChar('\u{202e}').to_string().contains("U+202E"));
        assert!(Command::parse("名字=שלום").is_ok(), "right-to-left letters are text, not formatting");
    }
}
