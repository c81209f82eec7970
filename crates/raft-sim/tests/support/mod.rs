//! Helpers shared by the link tests.

/// URL-safe base64 without padding, written independently of the crate's so that the two
/// check each other.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut bits, mut count, mut out) = (0u32, 0, String::new());
    for &byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        count += 8;
        while count >= 6 {
            count -= 6;
            out.push(char::from(ALPHABET[((bits >> count) & 63) as usize]));
        }
    }
    if count > 0 {
        out.push(char::from(ALPHABET[((bits << (6 - count)) & 63) as usize]));
    }
    out
}

/// A link payload holding exactly these bytes, zlib-compressed as a real link is.
pub fn payload_holding(bytes: &[u8]) -> String {
    base64url(&miniz_oxide::deflate::compress_to_vec_zlib(bytes, 1))
}
