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
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn odd_characters_stay_visible() {
        assert_eq!(quoted("a\"b\\c\u{7}\n选"), "\"a\\\"b\\\\c\\u{7}\\u{a}选\"");
    }
}
