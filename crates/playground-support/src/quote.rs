//! Quoting text in messages, so that odd characters stay visible: `"x\u{7}"`.

/// At most this many characters of a text are quoted in a message; a longer one ends in `…`,
/// so that an error never echoes a huge input in full.
pub const QUOTED_CHARS: usize = 40;

/// `text` in double quotes, with quotes, backslashes and control characters escaped, cut after
/// [`QUOTED_CHARS`] characters. Lighter in WebAssembly than `{:?}`, which carries Unicode
/// tables to decide what is printable.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * QUOTED_CHARS) + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        if i == QUOTED_CHARS {
            out.push('…');
            break;
        }
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

    #[test]
    fn a_huge_text_is_quoted_as_a_short_prefix() {
        let quoted = quoted(&"a".repeat(10_000_000));
        assert_eq!(quoted, format!("\"{}…\"", "a".repeat(40)));
    }
}
