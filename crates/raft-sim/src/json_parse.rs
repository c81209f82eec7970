//! Reading JSON text (RFC 8259) into a [`Json`] value, with errors that say where.

use std::fmt;

use crate::json::Json;

/// How deeply arrays and objects may nest: far more than any scenario needs, and little
/// enough that hostile input cannot exhaust the stack.
pub const MAX_JSON_DEPTH: usize = 64;

/// Why a text is not JSON, and where (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong.
    pub message: String,
    /// The line.
    pub line: usize,
    /// The column.
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for JsonError {}

impl Json {
    /// Reads one JSON value; only whitespace may follow it.
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader { text, at: 0 };
        let value = reader.value(0)?;
        reader.skip_space();
        if reader.at < text.len() {
            return Err(reader.error("trailing characters after the JSON value"));
        }
        Ok(value)
    }
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> JsonError {
        // Counted in bytes: a newline is one byte, and a character is one byte that does not
        // continue the one before (0b10xxxxxx).
        let before = &self.text.as_bytes()[..self.at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |newline| newline + 1);
        let column = before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        JsonError { message: message.to_owned(), line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after whitespace) or fails with `expected`.
    fn expect(&mut self, byte: u8, expected: &str) -> Result<(), JsonError> {
        self.skip_space();
        if self.peek() != Some(byte) {
            return Err(self.error(expected));
        }
        self.at += 1;
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("unexpected end of the text: a value was expected")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.literal(),
        }
    }

    fn literal(&mut self) -> Result<Json, JsonError> {
        for (word, value) in [("null", Json::Null), ("true", Json::Bool(true)), ("false", Json::Bool(false))] {
            if self.text[self.at..].starts_with(word) {
                self.at += word.len();
                return Ok(value);
            }
        }
        Err(self.error("expected a value"))
    }

    fn nest(&self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_JSON_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.list(depth, b']', "expected `,` or `]`", |reader| reader.value(depth)).map(Json::Array)
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.list(depth, b'}', "expected `,` or `}`", |reader| {
            reader.skip_space();
            if reader.peek() != Some(b'"') {
                return Err(reader.error("expected a key in double quotes"));
            }
            let key = reader.string()?;
            reader.expect(b':', "expected `:`")?;
            Ok((key, reader.value(depth)?))
        })
        .map(Json::Object)
    }

    /// After an opening bracket: items read by `item`, separated by commas, up to `close`.
    fn list<T>(
        &mut self,
        depth: usize,
        close: u8,
        expected: &str,
        mut item: impl FnMut(&mut Self) -> Result<T, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        self.nest(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(byte) if byte == close => {
                    self.at += 1;
                    return Ok(items);
                }
                _ => return Err(self.error(expected)),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let leading_zero = self.peek() == Some(b'0');
        match self.digits() {
            0 => return Err(self.error("a number needs digits")),
            n if leading_zero && n > 1 => return Err(self.error("a number cannot start with 0")),
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("a number needs digits after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("a number needs digits in its exponent"));
            }
        }
        Ok(Json::Number(self.text[start..self.at].to_owned()))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let plain = rest.find(|c: char| c == '"' || c == '\\' || c < ' ').unwrap_or(rest.len());
            out.push_str(&rest[..plain]);
            self.at += plain;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unexpected end of the text in a string")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, JsonError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                return self.unicode_escape();
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.at += 1;
        Ok(c)
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` when they are a high surrogate.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.text[self.at..].starts_with("\\u") {
                return Err(self.error("unpaired surrogate in a string"));
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("unpaired surrogate in a string"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate in a string"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at..self.at + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let code = digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or_else(|| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_is_read() {
        let value = Json::parse(" {\"a\": [1, -2.5e3, true, null], \"b\\u00e9\": \"x\\n\\ud83d\\ude00\"} ").unwrap();
        assert_eq!(value.to_string(), "{\"a\":[1,-2.5e3,true,null],\"bé\":\"x\\n😀\"}");
        assert_eq!(Json::parse("[]").unwrap(), Json::Array(vec![]));
    }

    #[test]
    fn bad_json_is_refused_with_its_place() {
        let cases = [
            ("", "unexpected end of the text: a value was expected at line 1 column 1"),
            ("{\n  \"a\": 1,\n  b: 2 }", "expected a key in double quotes at line 3 column 3"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            ("01", "a number cannot start with 0"),
            ("1.", "digits after `.`"),
            ("-", "a number needs digits"),
            ("1e", "exponent"),
            ("\"a", "end of the text in a string"),
            ("\"\\x\"", "invalid escape"),
            ("\"\\ud800\"", "unpaired surrogate"),
            ("\"\\u12\"", "bad \\u escape"),
            ("\"\t\"", "control character"),
            ("tru", "expected a value"),
            ("{} x", "trailing characters"),
            ("{\"a\" 1}", "expected `:`"),
        ];
        for (text, expected) in cases {
            let error = Json::parse(text).unwrap_err().to_string();
            assert!(error.contains(expected), "{text:?} gave {error:?}, expected {expected:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(Json::parse(&deep).unwrap_err().message.contains("nested too deeply"));
        let fine = format!("{}{}", "[".repeat(MAX_JSON_DEPTH), "]".repeat(MAX_JSON_DEPTH));
        assert!(Json::parse(&fine).is_ok());
    }
}
