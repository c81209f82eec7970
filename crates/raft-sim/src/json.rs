//! A small JSON value with a reader and a writer: enough for scenario files, share links and
//! the embed protocol, and much lighter in WebAssembly than a generic serialisation framework
//! (the page's weight is a budget, issue 6).
//!
//! Numbers keep their text, so a `u64` seed survives exactly and a float is read only where a
//! float is wanted. Objects keep their keys in file order. The reader lives in
//! `json_parse.rs`.
//!
//! ```
//! use raft_sim::Json;
//!
//! let value = Json::parse(r#"{"do": "crash", "node": 2}"#).unwrap();
//! assert_eq!(value.get("node").and_then(Json::as_u64), Some(2));
//! assert_eq!(value.to_string(), r#"{"do":"crash","node":2}"#);
//! ```

use std::fmt::{self, Write};

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (always valid JSON number syntax).
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its keys in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object from `(key, value)` pairs.
    pub fn object<K: Into<String>>(fields: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(fields.into_iter().map(|(key, value)| (key.into(), value)).collect())
    }

    /// The value of `key`, if this is an object that has it (the first, if written twice).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, value)| value),
            _ => None,
        }
    }

    /// Sets `key` (replacing its value if present, else adding it last). Does nothing to
    /// values that are not objects.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(fields) = self {
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, old)) => *old = value,
                None => fields.push((key.to_owned(), value)),
            }
        }
    }

    /// The number as a whole number ≥ 0, if it is one (`2`, not `2.0`, `-1` or `1e3`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// What kind of value this is, for messages: "a string", "an array", …
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Indented JSON, two spaces a level, one array item or object field per line.
    pub fn to_string_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0)).expect("writing to a String cannot fail");
        out
    }

    /// Writes the value; `indent` is the current depth when pretty, `None` when compact.
    fn write(&self, out: &mut impl Write, indent: Option<usize>) -> fmt::Result {
        match self {
            Json::Null => out.write_str("null"),
            Json::Bool(value) => out.write_str(if *value { "true" } else { "false" }),
            Json::Number(text) => out.write_str(text),
            Json::String(text) => write_string(out, text),
            Json::Array(items) => write_list(out, indent, ('[', ']'), items, |out, item, inner| item.write(out, inner)),
            Json::Object(fields) => write_list(out, indent, ('{', '}'), fields, |out, (key, value), inner| {
                write_string(out, key)?;
                out.write_str(if inner.is_some() { ": " } else { ":" })?;
                value.write(out, inner)
            }),
        }
    }
}

/// Writes `[a,b]`/`{…}` compactly, or one item per line when `indent` is set.
fn write_list<W: Write, T>(
    out: &mut W,
    indent: Option<usize>,
    (open, close): (char, char),
    items: &[T],
    mut write_item: impl FnMut(&mut W, &T, Option<usize>) -> fmt::Result,
) -> fmt::Result {
    out.write_char(open)?;
    let inner = indent.map(|depth| depth + 1);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_char(',')?;
        }
        if let Some(depth) = inner {
            write_newline(out, depth)?;
        }
        write_item(out, item, inner)?;
    }
    if let (Some(depth), false) = (indent, items.is_empty()) {
        write_newline(out, depth)?;
    }
    out.write_char(close)
}

fn write_newline(out: &mut impl Write, depth: usize) -> fmt::Result {
    out.write_char('\n')?;
    (0..depth).try_for_each(|_| out.write_str("  "))
}

/// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
fn write_string(out: &mut impl Write, text: &str) -> fmt::Result {
    out.write_char('"')?;
    for c in text.chars() {
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            '\u{8}' => out.write_str("\\b")?,
            '\u{c}' => out.write_str("\\f")?,
            c if c < ' ' => write!(out, "\\u{:04x}", c as u32)?,
            c => out.write_char(c)?,
        }
    }
    out.write_char('"')
}

/// Compact JSON, no spaces.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, None)
    }
}

/// Lets serde-based output (the CLI's reports) embed a value as it is, keys in their order.
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(value) => serializer.serialize_bool(*value),
            Json::Number(text) => match text.parse::<u64>() {
                Ok(whole) => serializer.serialize_u64(whole),
                Err(_) => serializer.serialize_f64(text.parse().unwrap_or(f64::NAN)),
            },
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                items.iter().try_for_each(|item| seq.serialize_element(item))?;
                seq.end()
            }
            Json::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                fields.iter().try_for_each(|(key, value)| map.serialize_entry(key, value))?;
                map.end()
            }
        }
    }
}

impl From<u64> for Json {
    fn from(value: u64) -> Json {
        Json::Number(value.to_string())
    }
}

impl From<u32> for Json {
    fn from(value: u32) -> Json {
        Json::from(u64::from(value))
    }
}

impl From<usize> for Json {
    fn from(value: usize) -> Json {
        Json::Number(value.to_string())
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Json {
        Json::Bool(value)
    }
}

impl From<&str> for Json {
    fn from(value: &str) -> Json {
        Json::String(value.to_owned())
    }
}

impl From<String> for Json {
    fn from(value: String) -> Json {
        Json::String(value)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Json {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_compact_and_pretty() {
        let value = Json::object([
            ("a", Json::from(vec![1u64, 2])),
            ("b", Json::object::<&str>([])),
            ("c", Json::Array(vec![])),
            ("d", Json::from("q\"\\\n\u{1}é")),
            ("e", Json::Number("0.25".into())),
            ("g", Json::Null),
        ]);
        assert_eq!(value.to_string(), r#"{"a":[1,2],"b":{},"c":[],"d":"q\"\\\n\u0001é","e":0.25,"g":null}"#);
        let pretty = "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": \"q\\\"\\\\\\n\\u0001é\",\n  \"e\": 0.25,\n  \"g\": null\n}";
        assert_eq!(value.to_string_pretty(), pretty);
    }

    #[test]
    fn numbers_are_read_only_as_what_they_are() {
        let number = |text: &str| Json::Number(text.to_owned());
        assert_eq!(number("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(number("2.0").as_u64(), None);
        assert_eq!(number("-1").as_u64(), None);
        assert_eq!(Json::from("2").as_u64(), None);
    }

    #[test]
    fn set_replaces_or_appends() {
        let mut value = Json::object([("a", Json::from(1u64))]);
        value.set("a", Json::Null);
        value.set("b", Json::from(true));
        assert_eq!(value.to_string(), r#"{"a":null,"b":true}"#);
    }
}
