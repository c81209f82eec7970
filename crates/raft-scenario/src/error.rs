//! What is wrong with a scenario, and where.

use std::fmt;

/// What is wrong with a scenario, and where: `path` names the field, e.g. `actions[2].node`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The field, in JSON path notation; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// Reads a typed value (an action, a scenario, an embed's command) from any serde data, with
/// the errors of the scenario reader: the path of the field at fault, names cut short, types
/// in words.
pub fn read<'de, D, T>(data: D) -> Result<T, ScenarioError>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde_path_to_error::deserialize(data).map_err(|e| reader_error(&e.path().to_string(), &e.inner().to_string()))
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
const TYPE_WORDS: [(&str, &str); 3] = [
    ("expected u64", "expected a whole number >= 0"),
    ("expected u32", "expected a whole number from 0 to 4294967295"),
    ("expected f64", "expected a number"),
];

/// A reader's error at `path`, with every name it quotes in backticks (serde's
/// ``unknown field `x` ``) and the path itself cut to a short prefix, and Rust's type names
/// said in words.
pub(crate) fn reader_error(path: &str, message: &str) -> ScenarioError {
    // serde-wasm-bindgen's errors are JavaScript errors, written `Error: …`.
    let mut message = message.strip_prefix("Error: ").unwrap_or(message).to_owned();
    for (rust, words) in TYPE_WORDS {
        message = message.replace(rust, words);
    }
    let mut quoted = message.split('`');
    let mut short = quoted.next().unwrap_or_default().to_owned();
    for (i, part) in quoted.enumerate() {
        short.push('`');
        short.push_str(&if i % 2 == 0 { shortened(part) } else { part.to_owned() });
    }
    let path = if path == "." { String::new() } else { shortened(path) };
    ScenarioError { path, message: short }
}

/// The error at `path`.
pub(crate) fn error(path: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError { path: path.into(), message: message.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_error_echoes_short_names_and_paths() {
        let long = "d".repeat(100);
        let error = reader_error(&long, &format!("unknown variant `{long}`, expected `a` or `b`"));
        let short = format!("{}…", "d".repeat(40));
        assert_eq!(error.path, short);
        assert_eq!(error.message, format!("unknown variant `{short}`, expected `a` or `b`"));
        assert_eq!(reader_error(".", "missing field `x`").to_string(), "missing field `x`");
    }
}
