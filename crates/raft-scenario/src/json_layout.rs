//! One JSON writer for both of the scenario file's layouts. serde_json compiles a type's
//! serializer once per formatter type, so writing links compactly and files indented with its
//! two formatters carried every serializer twice in the page (2.2 KB gzipped); this formatter
//! is either layout, chosen when writing, so there is one copy.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// serde_json's compact or indented layout, chosen at run time.
enum Layout {
    Compact(CompactFormatter),
    Pretty(PrettyFormatter<'static>),
}

/// Forwards each method that differs between the two layouts to the chosen one.
macro_rules! either {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            match self {
                Layout::Compact(f) => f.$method(writer $(, $arg)*),
                Layout::Pretty(f) => f.$method(writer $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for Layout {
    either! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

/// `value` as compact JSON, as serde_json's `to_string` writes it, through this one writer:
/// what the page writes (events for an embedding page, preferences, numbers) shares it with
/// links and files.
pub fn to_compact_json(value: &(impl Serialize + ?Sized)) -> String {
    to_json(value, false)
}

/// `value` as JSON, indented (two spaces, as serde_json's `to_string_pretty`) or compact.
pub(crate) fn to_json(value: &(impl Serialize + ?Sized), pretty: bool) -> String {
    let layout = if pretty { Layout::Pretty(PrettyFormatter::new()) } else { Layout::Compact(CompactFormatter) };
    let mut bytes = Vec::new();
    let written = value.serialize(&mut serde_json::Serializer::with_formatter(&mut bytes, layout));
    // serde_json writes UTF-8 only.
    written.ok().and_then(|()| String::from_utf8(bytes).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layout_is_serde_jsons_own() {
        let value = serde_json::json!({ "a": [1, [], {}], "b": { "c": "x,y:{}" }, "d": [] });
        assert_eq!(to_json(&value, false), serde_json::to_string(&value).unwrap());
        assert_eq!(to_json(&value, true), serde_json::to_string_pretty(&value).unwrap());
    }
}
