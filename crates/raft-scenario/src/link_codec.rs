//! A link's payload: the scenario as compact JSON, zlib (miniz_oxide), URL-safe base64
//! without padding (the `base64` crate), with every limit that keeps a small link from
//! becoming a lot of work.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use crate::link::{LinkError, LINK_VERSION, MAX_SCENARIO_BYTES};
use crate::scenario::Scenario;

/// zlib's best compression: links are made once and opened many times.
const COMPRESSION_LEVEL: u8 = 9;

/// The payload of a link: compact JSON (without `until_ms`), zlib, base64url.
pub(crate) fn encode_scenario(scenario: &Scenario) -> Result<String, LinkError> {
    let scenario = Scenario { until_ms: None, ..scenario.clone() };
    let json = scenario.to_json();
    if json.len() > MAX_SCENARIO_BYTES {
        return Err(LinkError::TooLarge);
    }
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), COMPRESSION_LEVEL);
    Ok(URL_SAFE_NO_PAD.encode(compressed))
}

/// Reads `VERSION.PAYLOAD` into a validated scenario.
pub(crate) fn decode_scenario(versioned: &str) -> Result<Scenario, LinkError> {
    let (version, payload) = versioned.split_once('.').ok_or(LinkError::NoVersion)?;
    match canonical_number(version).and_then(|v| u32::try_from(v).ok()) {
        Some(known) if (1..=LINK_VERSION).contains(&known) => {}
        Some(newer) if newer > LINK_VERSION => return Err(LinkError::NewerVersion(newer)),
        _ => return Err(LinkError::UnknownVersion(version.to_owned())),
    }
    // Earlier releases read a payload with `=` padding (none ever wrote one): so does this one.
    let payload = payload.strip_suffix("==").or_else(|| payload.strip_suffix('=')).unwrap_or(payload);
    let compressed = decode_base64(payload, version.chars().count() + 1)?;
    let json = inflate_exactly(&compressed)?;
    let json = String::from_utf8(json).map_err(|_| LinkError::NotText)?;
    let scenario = Scenario::from_json(&json).map_err(LinkError::Scenario)?;
    // A link's moment is `t`; a stray `until_ms` inside would only confuse the file it becomes.
    Ok(Scenario { until_ms: None, ..scenario })
}

/// URL-safe base64 without padding, as only an encoder writes it: a character outside the
/// alphabet is named by its place in the link's `s=` value, from 1 (`offset` characters come
/// before the payload); a length no encoder makes, or unused bits that are not zero, mean the
/// link was cut or altered.
fn decode_base64(payload: &str, offset: usize) -> Result<Vec<u8>, LinkError> {
    // Deflate never grows a text by more than 5 bytes per 64 KiB block (stored blocks), so a
    // longer payload is not a link this playground wrote, and is refused before any work.
    if payload.len() / 4 * 3 > MAX_SCENARIO_BYTES + 1024 {
        return Err(LinkError::TooLarge);
    }
    if let Some((at, character)) =
        payload.char_indices().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        let position = payload[..at].chars().count() + offset + 1;
        return Err(LinkError::BadCharacter { position, character });
    }
    URL_SAFE_NO_PAD.decode(payload).map_err(|_| LinkError::Damaged)
}

/// Inflates a zlib stream into at most [`MAX_SCENARIO_BYTES`]; the stream must be complete
/// (its Adler-32 checksum right) and end exactly where `compressed` does.
fn inflate_exactly(compressed: &[u8]) -> Result<Vec<u8>, LinkError> {
    let mut state = InflateState::new_boxed(DataFormat::Zlib);
    let mut output = vec![0; MAX_SCENARIO_BYTES + 1];
    let result = inflate(&mut state, compressed, &mut output, MZFlush::Finish);
    match result.status {
        Ok(MZStatus::StreamEnd) if result.bytes_consumed == compressed.len() => {
            if result.bytes_written > MAX_SCENARIO_BYTES {
                return Err(LinkError::TooLarge);
            }
            output.truncate(result.bytes_written);
            Ok(output)
        }
        Err(MZError::Buf) | Ok(_) if result.bytes_written > MAX_SCENARIO_BYTES => Err(LinkError::TooLarge),
        _ => Err(LinkError::Damaged),
    }
}

/// A whole number written as this playground writes it: digits only, no sign, no leading zero
/// (`0`, `15`, not `+15` or `015`), so each number has one spelling in a link.
pub(crate) fn canonical_number(text: &str) -> Option<u64> {
    let canonical =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zlib(bytes: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
    }

    #[test]
    fn a_stream_must_end_where_the_payload_does() {
        let mut stream = zlib(b"{\"version\":1}");
        assert_eq!(inflate_exactly(&stream).unwrap(), b"{\"version\":1}");
        stream.push(0);
        assert_eq!(inflate_exactly(&stream), Err(LinkError::Damaged));
        stream.truncate(stream.len() - 3);
        assert_eq!(inflate_exactly(&stream), Err(LinkError::Damaged));
    }

    #[test]
    fn a_payload_inflating_past_the_limit_is_too_large() {
        let bomb = zlib(&vec![b' '; MAX_SCENARIO_BYTES + 1]);
        assert!(bomb.len() < 2_000, "a small link");
        assert_eq!(inflate_exactly(&bomb), Err(LinkError::TooLarge));
        assert_eq!(inflate_exactly(&zlib(&vec![b' '; MAX_SCENARIO_BYTES])).map(|v| v.len()), Ok(MAX_SCENARIO_BYTES));
    }

    #[test]
    fn base64_is_canonical_and_bad_characters_are_named() {
        assert_eq!(decode_base64("AA", 2), Ok(vec![0]));
        assert_eq!(decode_base64("AB", 2), Err(LinkError::Damaged), "unused bits set");
        assert_eq!(decode_base64("A", 2), Err(LinkError::Damaged), "a length no encoder writes");
        assert_eq!(decode_base64("AA==", 2), Err(LinkError::BadCharacter { position: 5, character: '=' }));
        assert_eq!(decode_base64("A选", 2), Err(LinkError::BadCharacter { position: 4, character: '选' }));
    }

    #[test]
    fn numbers_have_one_spelling() {
        assert_eq!(canonical_number("0"), Some(0));
        assert_eq!(canonical_number("15"), Some(15));
        for bad in ["", "+15", "015", "1e3", "-1", " 1", "18446744073709551616"] {
            assert_eq!(canonical_number(bad), None, "{bad}");
        }
    }
}
