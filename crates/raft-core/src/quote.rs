//! Quoting text in messages, so that odd characters stay visible: `"x\u{7}"`.

/// `text` in double quotes, with quotes, backslashes and control characters escaped. Lighter
/// in WebAssembly than `{:?}`, which carries Unicode tables to decide what is printable.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || is_invisible_format(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that are not control characters but change or hide text without showing:
/// zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, line and
/// paragraph separators, the byte order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn odd_characters_stay_visible() {
        assert_eq!(quoted("a\"b\\c\u{7}\n选"), "\"a\\\"b\\\\c\\u{7}\\u{a}选\"");
        assert_eq!(quoted("x\u{202e}y\u{200b}"), "\"x\\u{202e}y\\u{200b}\"");
    }
}
