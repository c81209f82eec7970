//! Typed reading of [`Json`] values, each error naming the field it is about
//! (`actions[2].node`), for the scenario format and the embed protocol.

use crate::decimal::{fixed, parse_probability, PROBABILITY_DECIMALS};
use crate::json::Json;
use crate::scenario::{error, ScenarioError};

/// A JSON path one level down: `path.key`, or `key` at the top.
pub(crate) fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A JSON path into an array: `path[index]`.
pub(crate) fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

fn refuse<T>(path: &str, message: impl Into<String>) -> Result<T, ScenarioError> {
    Err(error(path, message))
}

/// An object whose fields are read by name; [`Fields::check_known`] refuses the rest.
pub(crate) struct Fields<'a> {
    path: &'a str,
    fields: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    /// The object at `path`; `expected` says what it should be when it is something else.
    pub(crate) fn of(value: &'a Json, path: &'a str, expected: &str) -> Result<Self, ScenarioError> {
        match value {
            Json::Object(fields) => Ok(Fields { path, fields }),
            other => refuse(path, format!("expected {expected}, not {}", other.kind())),
        }
    }

    /// Refuses a field not in `known` and a field written twice, naming it.
    pub(crate) fn check_known(&self, known: &[&str]) -> Result<(), ScenarioError> {
        for (i, (key, _)) in self.fields.iter().enumerate() {
            let path = child(self.path, &shortened(key));
            if !known.contains(&key.as_str()) {
                let key = shortened(key);
                let names = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                let expected =
                    if known.is_empty() { "this has no fields".to_owned() } else { format!("expected {names}") };
                return refuse(&path, format!("unknown field `{key}`: {expected}"));
            }
            if self.fields[..i].iter().any(|(earlier, _)| earlier == key) {
                return refuse(&path, format!("duplicate field `{}`", shortened(key)));
            }
        }
        Ok(())
    }

    /// The field's value, if present.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Json> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, value)| value)
    }

    /// Reads the field with `read` if present (and, for `nullable` reads, not `null`).
    pub(crate) fn read<T>(
        &self,
        key: &str,
        read: impl FnOnce(&Json, &str) -> Result<T, ScenarioError>,
    ) -> Result<Option<T>, ScenarioError> {
        self.get(key).map(|value| read(value, &child(self.path, key))).transpose()
    }

    /// Reads a field that must be present.
    pub(crate) fn require<T>(
        &self,
        key: &str,
        read: impl FnOnce(&Json, &str) -> Result<T, ScenarioError>,
    ) -> Result<T, ScenarioError> {
        match self.read(key, read)? {
            Some(value) => Ok(value),
            None => refuse(self.path, format!("missing field `{key}`")),
        }
    }

    /// Every field, with its path.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'a str, &'a Json, String)> + '_ {
        self.fields.iter().map(|(key, value)| (key.as_str(), value, child(self.path, key)))
    }
}

/// A whole number ≥ 0.
pub(crate) fn read_u64(value: &Json, path: &str) -> Result<u64, ScenarioError> {
    match value.as_u64() {
        Some(number) => Ok(number),
        None => refuse(path, format!("expected a whole number >= 0, not {}", shown(value))),
    }
}

/// A whole number from 0 to `u32::MAX`.
pub(crate) fn read_u32(value: &Json, path: &str) -> Result<u32, ScenarioError> {
    match value.as_u64().map(u32::try_from) {
        Some(Ok(number)) => Ok(number),
        _ => refuse(path, format!("expected a whole number from 0 to {}, not {}", u32::MAX, shown(value))),
    }
}

/// A probability, kept to nine decimal places (`decimal.rs`); the range is checked later.
pub(crate) fn read_probability(value: &Json, path: &str) -> Result<f64, ScenarioError> {
    match value {
        Json::Number(text) => parse_probability(text),
        _ => None,
    }
    .map_or_else(|| refuse(path, format!("a probability from 0 to 1, not {}", shown(value))), Ok)
}

/// A probability as a JSON number, at least one decimal place (`0.0`, `0.05`); `null` if it
/// is not a finite number (which no valid scenario holds).
pub(crate) fn write_probability(probability: f64) -> Json {
    if !probability.is_finite() {
        return Json::Null;
    }
    Json::Number(fixed(probability, PROBABILITY_DECIMALS, 1))
}

/// `true` or `false`.
pub(crate) fn read_bool(value: &Json, path: &str) -> Result<bool, ScenarioError> {
    match value {
        Json::Bool(flag) => Ok(*flag),
        other => refuse(path, format!("expected true or false, not {}", shown(other))),
    }
}

/// A string.
pub(crate) fn read_string(value: &Json, path: &str) -> Result<String, ScenarioError> {
    match value {
        Json::String(text) => Ok(text.clone()),
        other => refuse(path, format!("expected a string, not {}", shown(other))),
    }
}

/// `null` as `None`, anything else read with `read`.
pub(crate) fn nullable<T>(
    read: impl FnOnce(&Json, &str) -> Result<T, ScenarioError>,
) -> impl FnOnce(&Json, &str) -> Result<Option<T>, ScenarioError> {
    move |value, path| if *value == Json::Null { Ok(None) } else { read(value, path).map(Some) }
}

/// The items of an array, each read with `read`; `length` fixes how many there must be.
pub(crate) fn read_array<T>(
    value: &Json,
    path: &str,
    length: Option<usize>,
    mut read: impl FnMut(&Json, &str) -> Result<T, ScenarioError>,
) -> Result<Vec<T>, ScenarioError> {
    let Json::Array(items) = value else {
        return refuse(path, format!("expected an array, not {}", shown(value)));
    };
    if let Some(length) = length.filter(|&length| length != items.len()) {
        return refuse(path, format!("expected an array of {length} items, not {}", items.len()));
    }
    items.iter().enumerate().map(|(i, value)| read(value, &item(path, i))).collect()
}

/// A value, for a message: a number as written, anything else by its kind.
fn shown(value: &Json) -> String {
    match value {
        Json::Number(text) => text.clone(),
        other => other.kind().to_owned(),
    }
}

/// At most the first 40 characters of `text` (then `…`): what an error may echo of an input,
/// so that a huge name never makes a huge message.
pub(crate) fn shortened(text: &str) -> String {
    match text.char_indices().nth(raft_core::QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
