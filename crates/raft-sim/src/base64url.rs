//! URL-safe base64 without padding (RFC 4648 §5): the alphabet of share links. Small enough to
//! own, so the page carries no extra dependency for it.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in URL-safe base64, without `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let digits = chunk.len() + 1;
        for i in 0..digits {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Why a text is not URL-safe base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A character outside the alphabet, at this (0-based) position.
    BadCharacter {
        /// Its position.
        position: usize,
        /// The character.
        character: char,
    },
    /// The length leaves a single dangling character: the text was cut short.
    Truncated,
    /// The last character has bits set that no byte uses: no encoder writes that, so the text
    /// was altered.
    NonCanonical,
}

fn value_of(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// The bytes that `text` encodes. Trailing `=` padding is tolerated.
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return Err(DecodeError::Truncated);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for (c, chunk) in text.as_bytes().chunks(4).enumerate() {
        let mut n = 0u32;
        for (i, &byte) in chunk.iter().enumerate() {
            let value = value_of(byte).ok_or_else(|| DecodeError::BadCharacter {
                position: c * 4 + i,
                character: text.get(c * 4 + i..).and_then(|rest| rest.chars().next()).unwrap_or('?'),
            })?;
            n |= value << (18 - 6 * i);
        }
        let unused_bits = match chunk.len() {
            2 => (n >> 12) & 0xf,
            3 => (n >> 6) & 0x3,
            _ => 0,
        };
        if unused_bits != 0 {
            return Err(DecodeError::NonCanonical);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_4648_test_vectors_without_padding() {
        let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")];
        for (plain, encoded) in vectors {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8", "the URL-safe alphabet");
        assert_eq!(decode("Zm8=").unwrap(), b"fo", "padding is tolerated");
    }

    #[test]
    fn every_byte_round_trips() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for len in 0..bytes.len() {
            assert_eq!(decode(&encode(&bytes[..len])).unwrap(), &bytes[..len]);
        }
    }

    #[test]
    fn bad_characters_and_cut_texts_are_errors() {
        assert_eq!(decode("Zm9v+g"), Err(DecodeError::BadCharacter { position: 4, character: '+' }));
        assert_eq!(decode("Zm9v中"), Err(DecodeError::BadCharacter { position: 4, character: '中' }));
        assert_eq!(decode("Zm9vY"), Err(DecodeError::Truncated));
        assert_eq!(decode("Zm9"), Err(DecodeError::NonCanonical), "\"fo\" is Zm8: 9 sets an unused bit");
        assert_eq!(decode("Zh"), Err(DecodeError::NonCanonical), "\"f\" is Zg");
    }
}
